"""What every panel shares: the content it draws from, a scrolling page, text blocks.

A panel takes content objects and a ``PanelContext``; it never reads files. The main
window calls the hooks below when the window resizes, the text size changes, the kiosk
resets the app, or a screenshot is taken.

Life cycle: ``Panel.__init__`` builds the title and lead and calls nothing a subclass
overrides; the subclass's ``__init__`` then builds its parts and ends with
``finish_layout()`` and ``apply_metrics(...)``, so every hook sees a whole panel.

A panel whose content has a ``[poster]`` opens with it (``ketdesk.ui.poster``): the poster
fills the first screen and the page continues below. ``finish_layout`` builds it, asking
``poster_visual()`` for its picture: by default the poster's items, drawn by the kit; a
panel with a picture of its own overrides that hook. The kiosk reaches posters through
``poster()`` and ``set_poster_mode``, never through a panel's own module.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSize, Qt, QTimer
from PySide6.QtGui import QAccessible, QImage, QRegion, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget
from shiboken6 import isValid

from ketdesk.content.placeholders import fill
from ketdesk.content.registry import PANELS
from ketdesk.content.schema.core import Block, PanelContent
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.poster import PosterContent
from ketdesk.content.schema.ui import UiStrings
from ketdesk.ui.citations import short_authors
from ketdesk.ui.listen import ListenBar
from ketdesk.ui.physical import FALLBACK, Physical
from ketdesk.ui.poster import Poster
from ketdesk.ui.poster_visual import Item, ItemsVisual
from ketdesk.ui.source_chips import CitedLabel, cited_label
from ketdesk.ui.text import (
    SOURCE_LINK_PREFIX,
    cited_html,
    claim_html,
    plain_text,
    source_refs_html,
    split_source_refs,
)
from ketdesk.ui.theme import STANDARD, Metrics, Theme
from ketdesk.ui.widgets import Card, make_label

if TYPE_CHECKING:
    from ketdesk.speech.reader import Reader


# Getting a hidden panel ready to be shown (Panel.prepare_hidden), one per idle turn.
PREPARE_STEPS = ("deferred", "layout", "first show")


@dataclass
class PanelContext:
    """What a panel needs besides its content: numbering, theme, size and user choices."""

    pack: ContentPack
    theme: Theme = STANDARD
    metrics: Metrics = field(default_factory=lambda: Metrics(em=24))
    reduce_motion: bool = False
    # How big a pixel is on the real screen: the poster's type is sized in millimetres.
    physical: Physical = FALLBACK
    # A patient asked for the printed handout ("Take this home"); True when the request
    # went through. None: no handout here, and the button is not shown.
    on_take_home: Callable[[], bool] | None = None
    # The window's read-aloud voice; None where the device has none (no Listen control).
    reader: Reader | None = None
    # Called with a detail sheet's id when one opens (the kiosk's usage counts).
    on_details: Callable[[str], None] = lambda sheet_id: None
    # Called with a source number and the chip tapped (None from a link) when a patient or
    # clinician taps a citation: the window shows it in its details sheet.
    on_source: Callable[[int, QWidget | None], None] = lambda number, chip: None

    @property
    def ui(self) -> UiStrings:
        return self.pack.ui

    @property
    def numbers(self) -> Mapping[str, int]:
        return self.pack.source_numbers()


def declared_id(view: type[Panel]) -> str:
    """The id of the panel that the registry declares with this view class."""
    name = f"{view.__module__}:{view.__qualname__}"
    ids = [spec.id for spec in PANELS if spec.view == name]
    if len(ids) != 1:
        raise LookupError(f"{name} is the view of {len(ids)} panels; pass panel_id")
    return ids[0]


class Panel(QScrollArea):
    """A scrolling page with a title and lead; subclasses add their own content below."""

    def __init__(self, context: PanelContext, parent: QWidget | None = None, *,
                 panel_id: str = "") -> None:
        super().__init__(parent)
        self.panel_id = panel_id or declared_id(type(self))
        self.context = context
        self._numbers = context.numbers
        self._ids = {number: source_id for source_id, number in self._numbers.items()}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.body.setObjectName("panelBody")
        # An explicit minimum height makes QScrollArea size the page by heightForWidth at
        # its real width; otherwise it uses the minimum size hint, measured at the
        # narrowest width, and pages end in a screen or more of blank space.
        self.body.setMinimumHeight(1)
        self.layout_ = QVBoxLayout(self.body)
        self.setWidget(self.body)
        # setWidget turns on the page's own background fill; the window paints the page's
        # colour (theme.stylesheet), once, and the scroll area and page draw none: each
        # fill of a 4K page costs ~0.7 ms of a switch.
        self.body.setAutoFillBackground(False)
        self.viewport().setAutoFillBackground(False)
        # (Not WA_OpaquePaintEvent, which saved ~2.5 ms of a 4K switch: the page does not
        # paint that background itself, the window under it does, and an "opaque" page
        # came out black in screenshots and the smoke test's OCR.)
        text = self.text
        # The page itself is a Tab stop (arrow keys and Page Down scroll it): name it.
        self.setProperty("panel", True)
        self.setAccessibleName(text.title)
        self.setAccessibleDescription(text.lead)
        self.title_label = make_label(text.title, "h1")
        self.lead_label = make_label(text.lead, "lead")
        self.layout_.addWidget(self.title_label)
        self.layout_.addWidget(self.lead_label)
        # Listen reads what spoken_text() returns when tapped, so a subclass's parts count.
        self.listen = self.listen_bar(self.spoken_text, f"panel:{self.panel_id}")
        self.layout_.addWidget(self.listen)
        self._cards: list[Card] = []
        self._poster: Poster | None = None
        self._poster_mode = False  # the kiosk's attract loop: poster only, no More
        self._poster_reserve = 0  # px kept free under the poster (the attract hint)
        self._poster_fitted: tuple[object, ...] = ()  # what the poster was last fitted to
        self._preparing = False  # inside prepare_hidden: laid out or shown off screen
        self._prepared_for = QSize()  # the size prepare_hidden last worked for
        self._prepare_step = 0  # how many of PREPARE_STEPS are done at that size
        self._held: list[QWidget] = []  # the page below the poster, hidden by hold_page

    # --- content -------------------------------------------------------------------
    @property
    def text(self) -> PanelContent:
        return self.context.pack.panel(self.panel_id)

    def block_card(self, block: Block) -> Card:
        """A card showing one text block: heading, then each claim with its source numbers."""
        kind = {"note": "note", "warning": "warning"}.get(block.style, "true")
        card = Card(kind)
        card.setObjectName(f"block-{block.id}")
        if block.heading:
            card.body.addWidget(make_label(block.heading, "h2"))
        for claim in block.claims:
            card.body.addWidget(self.rich_label(claim_html(claim, self._numbers, self.context.ui,
                                                           self.context.theme.link)))
        card.body.addStretch(1)
        self._cards.append(card)
        return card

    def cited_html(self, text: str, source_ids: Iterable[str]) -> str:
        """``text`` escaped, then its source numbers as links to the Sources panel."""
        return cited_html(text, source_ids, self._numbers, self.context.ui, self.context.theme.link)

    def rich_label(self, html_text: str, role: str = "body") -> QLabel:
        """A text label; its ``[Sources: ...]`` numbers (from ``cited_html``) become chips."""
        label = cited_label(role)
        label.linkActivated.connect(self._on_link)
        self.set_cited_text(label, html_text)
        return label

    def set_cited_text(self, label: QLabel, html_text: str) -> None:
        """New words with source numbers for a label made earlier (a step caption, a row).

        On a ``CitedLabel`` (``rich_label``, ``source_chips.cited_label``) the numbers
        become chips; on any other label they stay links in the text.
        """
        label.setTextFormat(Qt.TextFormat.RichText)
        if not isinstance(label, CitedLabel):
            label.setText(html_text)
            label.setOpenExternalLinks(False)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.setAccessibleName(plain_text(html_text))
            return
        text, numbers = split_source_refs(html_text)
        label.setText(text)
        label.set_sources(numbers, self.chip_name)
        # Once per label, however often its words change (a step caption, a row's label).
        label.source_chosen.connect(self._open_source, Qt.ConnectionType.UniqueConnection)
        # What is on screen, numbers included: the words, then "Sources: 3, 5".
        said = plain_text(text)
        if numbers:
            refs = fill(self.context.ui.source_ref, numbers=", ".join(str(n) for n in numbers))
            said = f"{said} {refs}".strip()
        label.setAccessibleName(said)

    def chip_name(self, number: int) -> tuple[str, str]:
        """A source chip's accessible name ("Source 6: Zarate and others, 2006") and hint."""
        sheet = self.context.ui.sheet
        source = self.context.pack.source(self._ids[number])
        name = fill(sheet.source_name, number=number,
                    authors=short_authors(source.authors, sheet.and_others), year=source.year)
        return name, sheet.chip_hint

    def _open_source(self, number: int, chip: QWidget) -> None:
        self.context.on_source(number, chip)

    def _on_link(self, href: str) -> None:
        if href.startswith(SOURCE_LINK_PREFIX):
            self.context.on_source(int(href.removeprefix(SOURCE_LINK_PREFIX)), None)

    def listen_bar(self, texts: Callable[[], list[str]], owner: str) -> ListenBar:
        """A Listen control reading ``texts()`` (for this page, a poster or a detail sheet)."""
        context = self.context
        return ListenBar(context.reader, context.ui.listen, context.pack.meta.lang, texts, owner)

    def spoken_text(self) -> list[str]:
        """The page's main words, in reading order, for Listen: the poster's headline and
        message, then the title, the lead and each block.

        Citations and markup are removed later (``ketdesk.speech.words``); a panel whose
        story is told by other parts overrides this to add their words.
        """
        text = self.text
        said = [text.poster.headline, text.poster.message] if text.poster is not None else []
        said += [text.title, text.lead]
        for block in text.blocks:
            if block.heading:
                said.append(block.heading)
            said.extend(claim.text for claim in block.claims)
        return said

    # --- the poster ------------------------------------------------------------------
    def poster(self) -> Poster | None:
        """This panel's poster, or None when its content has none (yet)."""
        return self._poster

    def poster_content(self) -> PosterContent | None:
        return self.text.poster

    def poster_visual(self) -> QWidget | None:
        """The poster's picture: its items drawn by the kit. Override for a picture of your own."""
        poster = self.poster_content()
        if poster is None or not poster.items:
            return None
        items = [Item(i.value, i.label) for i in poster.items]
        return ItemsVisual(items, poster.visual, self.context.theme)

    def build_poster(self) -> Poster | None:
        content = self.poster_content()
        if content is None:
            return None
        words = self.context.ui.poster
        chip = None
        refs = source_refs_html(content.sources, self._numbers, self.context.ui, self.context.theme.link)
        if refs:
            chip = self.rich_label(refs, "small")  # the numbers become chips (source_chips)
        poster = Poster(content.headline, content.message, visual=self.poster_visual(), chip=chip,
                        more_text=words.more, more_description=words.more_description,
                        name=fill(words.name, title=content.headline))
        poster.more_requested.connect(self.show_more)
        return poster

    def _poster_first_in_tab_order(self) -> None:
        """Tab (and a screen reader's next control) meets the poster's controls first, as
        the eye does: built last, the poster would otherwise come after the whole page."""
        poster = self._poster
        if poster is None:
            return
        chain: list[QWidget] = []
        widget: QWidget | None = self.nextInFocusChain()
        while widget is not None and widget is not self and len(chain) < 5000:
            if self.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)
            widget = widget.nextInFocusChain()
        on_poster = [w for w in chain if poster.isAncestorOf(w)]
        ordered = on_poster + [w for w in chain if not poster.isAncestorOf(w)]
        for first, second in itertools.pairwise(ordered):
            QWidget.setTabOrder(first, second)

    def show_more(self) -> None:
        """Scroll to what follows the poster: the panel's title and the rest of the page."""
        self.verticalScrollBar().setValue(self.title_label.y() - self.layout_.contentsMargins().top())

    def set_poster_mode(self, on: bool, reserve_bottom: int = 0) -> None:
        """The kiosk's attract loop: the poster alone on screen, with ``reserve_bottom`` px
        kept free for the loop's hint; off again when a visitor touches the screen."""
        self._poster_mode, self._poster_reserve = on, reserve_bottom if on else 0
        if self._poster is None:
            return  # no poster yet: the loop shows the page itself, as it did before posters
        self._poster.set_more_visible(not on)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff if on
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.fit_poster()
        if on:
            self.verticalScrollBar().setValue(0)

    def fit_poster(self) -> None:
        """Size the poster to fill the panel's first screen (once shown: a hidden panel
        has no real size yet, and fitting costs a few restyles)."""
        poster = self._poster
        if poster is None or not (self.isVisible() or self._preparing):
            return
        margins = self.layout_.contentsMargins()
        viewport = self.viewport()
        width = viewport.width() - margins.left() - margins.right()
        # The page's bottom margin lies at the end of the page, not under the poster.
        height = viewport.height() - margins.top()
        poster.reserve = self._poster_reserve
        if width <= 0 or height <= 0:
            return
        key = (width, height, self.context.metrics, self.context.physical, self._poster_mode)
        if key == self._poster_fitted:
            return
        self._poster_fitted = key
        before = poster.height()
        poster.fit(width, height, self.context.metrics, self.context.physical)
        if poster.height() != before:
            self._resize_page()
        # A poster fitted the moment it is first shown can be measured before all of the
        # window's style has reached it; look once more when the event loop has settled.
        QTimer.singleShot(0, self._check_poster)

    def _check_poster(self) -> None:
        poster = self._poster
        if poster is None or not isValid(poster) or not (self.isVisible() or self._preparing):
            return
        if poster.column.totalHeightForWidth(poster.width()) > poster.height():
            self._poster_fitted = ()
            self.fit_poster()

    def _resize_page(self) -> None:
        """Size the page for the new poster now, not on a later turn of the event loop: until
        then everything below would keep its old place (setWidgetResizable runs
        QScrollArea's own sizing of the page at once)."""
        self.layout_.activate()
        self.setWidgetResizable(True)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.fit_poster()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.fit_poster()

    # --- hooks the window calls ---------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        """Sizes changed (window resized or text scaled): update anything not in the QSS."""
        self.context.metrics = metrics
        margin = metrics.px(1.0)
        # A poster keeps its own margin and starts at the very top: on a 600-pixel screen
        # every line counts.
        top = 0 if self._poster is not None else margin
        self.layout_.setContentsMargins(margin, top, margin, margin)
        self.layout_.setSpacing(metrics.gap)
        for card in self._cards:
            card.set_padding(metrics.px(0.8))
        self.fit_poster()

    def set_physical(self, physical: Physical) -> None:
        """The window moved to another screen (or the clinic set its size): refit the poster."""
        if physical != self.context.physical:
            self.context.physical = physical
            self.fit_poster()

    def needs_preparing(self, size: QSize) -> bool:
        """Hidden, and not yet through ``prepare_hidden`` at ``size``.

        Hidden as the stack hides the pages not shown (``isHidden``), not merely not
        visible: the page on screen is not visible either while its window is hidden, and
        must never be shown and hidden again behind the visitor's back."""
        return (self.isHidden() and not size.isEmpty()
                and (self._prepared_for != size or self._prepare_step < len(PREPARE_STEPS)))

    def prepare_hidden(self, size: QSize) -> None:
        """The next step of getting the hidden panel ready to be shown at ``size`` (the
        size it will be shown at), so the tap that shows it only switches and paints.

        The window calls this in idle time, one step per turn of the event loop, while
        ``needs_preparing`` holds (``MainWindow.prebuild_panels``). A panel shown later at
        another size simply lays itself out again when it is shown.

        1. ``build_deferred``: what a first show builds after its paint (a chart).
        2. Lay out and draw off screen. Qt keeps a hidden widget's resize events until it
           is shown and lays its pages out then: for a chart panel's long page that was
           ~100 ms of its first show, on the tap. Drawing the panel (one pixel of it)
           delivers them now and fits the poster to its real first screen.
        3. Its first show, off screen (updates off, under the shown panel, hidden again at
           once): the first show of every widget invalidates every layout of the page
           (another ~25 ms at the tap); done here, the relayout runs in idle time. Skipped
           while a screen reader listens: it would hear every part appear and go.
        """
        if not self.needs_preparing(size):
            return
        if self._prepared_for != size:
            self._prepared_for, self._prepare_step = QSize(size), 0
        step = PREPARE_STEPS[self._prepare_step]
        self._prepare_step += 1
        if step == "deferred":
            self.build_deferred()
        elif step == "layout":
            self.resize(size)
            self._preparing = True
            try:
                # One pixel's worth: render() delivers the resizes and lays the page out
                # whatever it draws. A whole picture (grab()) drew every panel at the
                # window's size and left the peak RSS 7 MB higher for it.
                self.render(QImage(1, 1, QImage.Format.Format_RGB32), QPoint(0, 0), QRegion(0, 0, 1, 1))
            finally:
                self._preparing = False
        elif step == "first show" and not QAccessible.isActive():
            self._preparing = True
            self.setUpdatesEnabled(False)
            try:
                self.lower()
                self.show()
                self.hide()
            finally:
                self.setUpdatesEnabled(True)
                self._preparing = False

    @property
    def preparing(self) -> bool:
        """Inside ``prepare_hidden``: a show event now is not a visitor seeing the panel."""
        return self._preparing

    def build_deferred(self) -> None:
        """Build now what a first show builds only after its paint (a chart below the
        poster). A hidden panel being prepared in idle time has no paint to wait for."""

    def hold_page(self) -> None:
        """Hide everything below the poster until ``release_page``.

        For the app's first frame: the poster fills the first screen, so the page below it
        is not seen there, but polishing and laying out its cards before that frame cost
        about as much as the poster itself. A panel without a poster keeps its page.
        """
        if self._poster is None or self._held:
            return
        self._held = [w for w in _layout_widgets(self.layout_) if w is not self._poster and not w.isHidden()]
        for widget in self._held:
            widget.hide()

    def release_page(self) -> None:
        """Show the page that ``hold_page`` hid (right after the first frame)."""
        held, self._held = self._held, []
        for widget in held:
            if isValid(widget):
                widget.show()

    def set_take_home(self, handler: Callable[[], bool] | None) -> None:
        """What "Take this home" does from now on (None: no handout); a panel offering it
        overrides this to show or hide its button."""
        self.context.on_take_home = handler

    def reset(self) -> None:
        """Back to the state a new visitor should see (kiosk attract loop)."""
        self.verticalScrollBar().setValue(0)

    def show_source(self, number: int) -> None:
        """Bring citation ``number`` into view, if this panel lists citations."""

    def prepare_for_screenshot(self) -> None:
        """Put the panel in the state that tells its whole story on one picture."""

    def attract_tick(self) -> None:
        """Kiosk attract loop: advance any step-through content by one step (wrapping).

        Called every few seconds while the panel is shown unattended; panels without
        step-through content do nothing.
        """

    def finish_layout(self) -> None:
        self._poster = self.build_poster()
        if self._poster is not None:
            self._poster.setParent(self.body)
            self.layout_.insertWidget(0, self._poster)
            # Listen on the poster, above the fold, where a patient who reads with
            # difficulty looks first; it reads the poster, then the rest of the page.
            self.layout_.removeWidget(self.listen)
            self._poster.add_tool(self.listen)
            self._poster_first_in_tab_order()
            # The page always runs on below a poster that fills the first screen, so the
            # scroll bar is always there: as needed, it would appear after the first fit,
            # narrow the page and cost a second one.
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.layout_.addStretch(1)


def _layout_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets a layout places, nested layouts included (not their children's)."""
    found: list[QWidget] = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            found.append(widget)
        elif inner is not None:
            found.extend(_layout_widgets(inner))
    return found
