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

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.registry import PANELS
from ketdesk.content.schema.core import Block, PanelContent
from ketdesk.content.schema.pack import ContentPack
from ketdesk.content.schema.ui import UiStrings
from ketdesk.ui.citations import short_authors
from ketdesk.ui.source_chips import CitedLabel, cited_label
from ketdesk.ui.text import SOURCE_LINK_PREFIX, cited_html, claim_html, plain_text, split_source_refs
from ketdesk.ui.theme import STANDARD, Metrics, Theme
from ketdesk.ui.widgets import Card, make_label


@dataclass
class PanelContext:
    """What a panel needs besides its content: numbering, theme, size and user choices."""

    pack: ContentPack
    theme: Theme = STANDARD
    metrics: Metrics = field(default_factory=lambda: Metrics(em=24))
    reduce_motion: bool = False
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
