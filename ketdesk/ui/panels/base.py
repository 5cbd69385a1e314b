"""What every panel shares: the content it draws from, a scrolling page, text blocks.

A panel takes content objects and a ``PanelContext``; it never reads files. The main
window calls the hooks below when the window resizes, the text size changes, the kiosk
resets the app, or a screenshot is taken.

Life cycle: ``Panel.__init__`` builds the title and lead and calls nothing a subclass
overrides; the subclass's ``__init__`` then builds its parts and ends with
``finish_layout()`` and ``apply_metrics(...)``, so every hook sees a whole panel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ketdesk.content.registry import PANELS
from ketdesk.content.schema.core import Block, PanelContent
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.ui import UiStrings
from ketdesk.ui.listen import ListenBar
from ketdesk.ui.text import SOURCE_LINK_PREFIX, cited_html, claim_html, plain_text
from ketdesk.ui.theme import STANDARD, Metrics, Theme
from ketdesk.ui.widgets import Card, make_label

if TYPE_CHECKING:
    from ketdesk.speech.reader import Reader


@dataclass
class PanelContext:
    """What a panel needs besides its content: numbering, theme, size and user choices."""

    pack: ContentPack
    theme: Theme = STANDARD
    metrics: Metrics = field(default_factory=lambda: Metrics(em=24))
    reduce_motion: bool = False
    # Called with a source number when a patient or clinician taps a citation.
    on_source: Callable[[int], None] = lambda number: None
    # A patient asked for the printed handout ("Take this home"); True when the request
    # went through. None: no handout here, and the button is not shown.
    on_take_home: Callable[[], bool] | None = None
    # The window's read-aloud voice; None where the device has none (no Listen control).
    reader: Reader | None = None
    # Called with a detail sheet's id when one opens (the kiosk's usage counts).
    on_details: Callable[[str], None] = lambda sheet_id: None

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
        # setWidget turns on the page's own background fill; the window's style sheet
        # paints it (QWidget#panelBody). Left on, Qt paints the page twice on every show:
        # once as an opaque widget of its own, then again with the window.
        self.body.setAutoFillBackground(False)
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
            label = self.rich_label(claim_html(claim, self._numbers, self.context.ui,
                                               self.context.theme.link))
            if not label.accessibleName():
                label.setAccessibleName(claim.text)
            card.body.addWidget(label)
        card.body.addStretch(1)
        self._cards.append(card)
        return card

    def cited_html(self, text: str, source_ids: Iterable[str]) -> str:
        """``text`` escaped, then its source numbers as links to the Sources panel."""
        return cited_html(text, source_ids, self._numbers, self.context.ui, self.context.theme.link)

    def rich_label(self, html_text: str, role: str = "body") -> QLabel:
        label = make_label(html_text, role, rich=True)
        label.linkActivated.connect(self._on_link)
        if label.property("links"):
            self.name_linked_label(label, html_text)
        return label

    def name_linked_label(self, label: QLabel, html_text: str) -> None:
        """A label with source links is a Tab stop: name it by its words, say what Enter does."""
        label.setAccessibleName(plain_text(html_text))
        label.setAccessibleDescription(self.context.ui.access.links_hint)

    def set_cited_text(self, label: QLabel, html_text: str) -> None:
        """New words with source links for a label made earlier (a step caption, a row)."""
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(html_text)
        label.setOpenExternalLinks(False)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.setProperty("links", True)
        self.name_linked_label(label, html_text)

    def _on_link(self, href: str) -> None:
        if href.startswith(SOURCE_LINK_PREFIX):
            self.context.on_source(int(href.removeprefix(SOURCE_LINK_PREFIX)))

    def listen_bar(self, texts: Callable[[], list[str]], owner: str) -> ListenBar:
        """A Listen control reading ``texts()`` (for this page, a poster or a detail sheet)."""
        context = self.context
        return ListenBar(context.reader, context.ui.listen, context.pack.meta.lang, texts, owner)

    def spoken_text(self) -> list[str]:
        """The page's main words, in reading order, for Listen: title, lead, then each block.

        Citations and markup are removed later (``ketdesk.speech.words``); a panel whose
        story is told by other parts overrides this to add their words.
        """
        text = self.text
        said = [text.title, text.lead]
        for block in text.blocks:
            if block.heading:
                said.append(block.heading)
            said.extend(claim.text for claim in block.claims)
        return said

    # --- hooks the window calls ---------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        """Sizes changed (window resized or text scaled): update anything not in the QSS."""
        self.context.metrics = metrics
        margin = metrics.px(1.0)
        self.layout_.setContentsMargins(margin, margin, margin, margin)
        self.layout_.setSpacing(metrics.gap)
        for card in self._cards:
            card.set_padding(metrics.px(0.8))

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
        self.layout_.addStretch(1)
