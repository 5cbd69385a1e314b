"""The main window: a header of panel tabs, an optional banner, the panels, a trust footer."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ketdesk.content.schema.pack import PANEL_IDS, ContentPack
from ketdesk.ui.panels import Panel, PanelContext, create_panel
from ketdesk.ui.text import format_date
from ketdesk.ui.theme import STANDARD, Metrics, Theme, stylesheet
from ketdesk.ui.widgets import make_label

log = logging.getLogger(__name__)


class Banner(QWidget):
    """A calm, dismissable message across the top, for staff (never a dialog)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        self.label = make_label("", "body")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.hide)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button)
        self.hide()

    def show_message(self, text: str, close_text: str) -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.close_button.setText(close_text)
        self.close_button.setAccessibleName(close_text)
        self.show()


class MainWindow(QMainWindow):
    panel_changed = Signal(str)
    metrics_changed = Signal(object)

    def __init__(self, pack: ContentPack, *, text_scale: float = 1.0, theme: Theme = STANDARD,
                 reduce_motion: bool = False, clinic_name: str = "") -> None:
        super().__init__()
        self._pack = pack
        self._theme = theme
        self._text_scale = text_scale
        self._clinic_name = clinic_name
        self._reduce_motion = reduce_motion
        self._metrics = Metrics.for_window(1280, 800, text_scale)
        self._panels: dict[str, Panel] = {}
        self._current = PANEL_IDS[0]

        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.header = QWidget()
        self.header.setObjectName("header")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header_row = QHBoxLayout(self.header)
        self.tabs = QButtonGroup(self)
        self.tabs.setExclusive(True)
        self.tab_buttons: dict[str, QPushButton] = {}
        for index, panel_id in enumerate(PANEL_IDS):
            button = QPushButton()
            button.setCheckable(True)
            button.setProperty("tab", True)
            button.setObjectName(f"tab-{panel_id}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.tabs.addButton(button, index)
            self.tab_buttons[panel_id] = button
            self.header_row.addWidget(button, 1)
        self.tabs.idClicked.connect(lambda index: self.show_panel(PANEL_IDS[index]))
        # Extra header controls (text size, language) are added to this row's end.
        self.header_tools = QHBoxLayout()
        self.header_row.addLayout(self.header_tools)

        self.banner = Banner()
        self.stack = QStackedWidget()
        self.footer = QWidget()
        self.footer.setObjectName("footer")
        self.footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.footer_row = footer_row = QHBoxLayout(self.footer)
        self.footer_advice = make_label("", "small")
        self.footer_reviewed = make_label("", "small")
        self.footer_reviewed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        footer_row.addWidget(self.footer_advice, 3)
        footer_row.addWidget(self.footer_reviewed, 1)

        outer.addWidget(self.header)
        outer.addWidget(self.banner)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.footer)
        self.setCentralWidget(central)

        for index in range(len(PANEL_IDS)):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.show_panel(PANEL_IDS[i]))
        QShortcut(QKeySequence("Ctrl+Tab"), self).activated.connect(lambda: self.step_panel(1))
        QShortcut(QKeySequence("Ctrl+Shift+Tab"), self).activated.connect(lambda: self.step_panel(-1))
        QShortcut(QKeySequence("Ctrl+Backtab"), self).activated.connect(lambda: self.step_panel(-1))

        self._apply_pack_text()
        self._apply_style()
        self.resize(1280, 800)
        self.show_panel(PANEL_IDS[0])

    # --- content --------------------------------------------------------------------
    @property
    def pack(self) -> ContentPack:
        return self._pack

    def set_pack(self, pack: ContentPack) -> None:
        """Swap the content (a language change): panels are rebuilt from the new pack."""
        current = self._current
        self._pack = pack
        for panel in self._panels.values():
            self.stack.removeWidget(panel)
            panel.deleteLater()
        self._panels.clear()
        self._apply_pack_text()
        self.show_panel(current)

    def _apply_pack_text(self) -> None:
        pack = self._pack
        title = pack.meta.app_title
        self.setWindowTitle(f"{title} - {self._clinic_name}" if self._clinic_name else title)
        for panel_id, button in self.tab_buttons.items():
            tab = pack.panel(panel_id).tab
            button.setText(tab)
            button.setAccessibleName(tab)
        self.header.setAccessibleName(pack.ui.panel_navigation)
        reviewed = pack.meta.last_reviewed
        date_text = format_date(reviewed.day, reviewed.month, reviewed.year, pack.ui)
        self.footer_advice.setText(pack.meta.not_advice)
        self.footer_reviewed.setText(pack.ui.last_reviewed.format(date=date_text))

    # --- panels ---------------------------------------------------------------------
    def panel_context(self) -> PanelContext:
        return PanelContext(pack=self._pack, theme=self._theme, metrics=self._metrics,
                            reduce_motion=self._reduce_motion, on_source=self.show_source)

    def panel(self, panel_id: str) -> Panel:
        """The panel with this id, built on first use so start-up stays fast."""
        panel = self._panels.get(panel_id)
        if panel is None:
            panel = create_panel(panel_id, self.panel_context())
            panel.setObjectName(f"panel-{panel_id}")
            self._panels[panel_id] = panel
            self.stack.addWidget(panel)
        return panel

    def built_panels(self) -> dict[str, Panel]:
        return dict(self._panels)

    @property
    def current_panel_id(self) -> str:
        return self._current

    def show_panel(self, panel_id: str) -> None:
        if panel_id not in PANEL_IDS:
            raise KeyError(panel_id)
        panel = self.panel(panel_id)
        self.stack.setCurrentWidget(panel)
        self.tab_buttons[panel_id].setChecked(True)
        changed = panel_id != self._current
        self._current = panel_id
        if changed:
            self.panel_changed.emit(panel_id)

    def step_panel(self, delta: int) -> None:
        index = (PANEL_IDS.index(self._current) + delta) % len(PANEL_IDS)
        self.show_panel(PANEL_IDS[index])

    def show_source(self, number: int) -> None:
        self.show_panel("sources")
        sources = self.panel("sources")
        show = getattr(sources, "show_source", None)
        if show is not None:
            show(number)

    def show_banner(self, text: str) -> None:
        self.banner.show_message(text, self._pack.ui.dismiss)

    # --- size and style -------------------------------------------------------------
    @property
    def metrics(self) -> Metrics:
        return self._metrics

    @property
    def text_scale(self) -> float:
        return self._text_scale

    def set_text_scale(self, scale: float) -> None:
        self._text_scale = scale
        self._update_metrics()

    def _update_metrics(self) -> None:
        metrics = Metrics.for_window(self.width(), self.height(), self._text_scale)
        if metrics == self._metrics:
            return
        self._metrics = metrics
        self._apply_style()

    def _apply_style(self) -> None:
        m = self._metrics
        self.setStyleSheet(stylesheet(self._theme, m))
        pad = m.px(0.5)
        self.header_row.setContentsMargins(pad, pad, pad, 0)
        self.header_row.setSpacing(max(4, pad // 2))
        self.footer_row.setContentsMargins(m.px(1), pad // 2, m.px(1), pad // 2)
        for panel in self._panels.values():
            panel.apply_metrics(m)
        self.metrics_changed.emit(m)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_metrics()

