"""The main window: a header of panel tabs, an optional banner, the panels, a trust footer.

The header also holds the display controls (text size, high contrast, language). What a
visitor changes there lasts for the session only: the defaults come from settings and the
command line, and ``reset_user_choices`` (the kiosk's idle reset) goes back to them.

The window reads no files: it is handed a pack and a ``PackLoader`` for language switches.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ketdesk.choices import clamp_scale, step_scale
from ketdesk.content.placeholders import fill
from ketdesk.content.registry import ALL_PANEL_IDS, MAX_SHORTCUTS
from ketdesk.content.schema.pack import ContentPack
from ketdesk.speech.reader import Reader
from ketdesk.ui import accessibility, touch_focus
from ketdesk.ui.about import AboutFacts, AboutSheet
from ketdesk.ui.citations import citation_text
from ketdesk.ui.header_tools import HeaderLayout, HeaderTools
from ketdesk.ui.panels import Panel, PanelContext, create_panel
from ketdesk.ui.physical import Physical, from_qscreen
from ketdesk.ui.sheet import DetailSheet
from ketdesk.ui.text import format_date
from ketdesk.ui.theme import HIGH_CONTRAST, STANDARD, Metrics, Theme, stylesheet
from ketdesk.ui.widgets import button_text, make_label

# Loads the content pack of a language (``ketdesk.content_source.pack_for_language``).
PackLoader = Callable[[str], ContentPack]


@dataclass(frozen=True)
class UserChoices:
    """What a visitor can change in the header; the clinic's values are the defaults."""

    text_scale: float
    lang: str
    theme: Theme

log = logging.getLogger(__name__)

# The least size of a tap target on the real screen, each way (with 44 px: Metrics.target).
TARGET_MM = 9.0
# Between two panels built in idle time (prebuild_panels): room for input and paints.
PREBUILD_GAP_MS = 20


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

    def show_message(self, text: str, close_text: str, close_description: str = "") -> None:
        self.label.setText(text)
        self.label.setAccessibleName(text)
        self.close_button.setText(button_text(close_text))
        self.close_button.setAccessibleName(close_text)
        self.close_button.setAccessibleDescription(close_description)
        self.show()


class TrustFooter(QWidget):
    """"Not medical advice" on the left, the review date on the right.

    The date stays on one line when it fits in under 45% of the width; otherwise it wraps
    before the date, which is kept whole (never "2026" alone on a line).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("footer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.row = QHBoxLayout(self)
        self.advice = make_label("", "small")
        self.reviewed = make_label("", "small")
        self.row.addWidget(self.advice, 1)
        self.row.addWidget(self.reviewed, 0)
        self._reviewed_text = ""
        self._date = ""

    def set_texts(self, advice: str, reviewed: str, date: str) -> None:
        self.advice.setText(advice)
        self._reviewed_text, self._date = reviewed, date
        self.reviewed.setAccessibleName(reviewed)
        self.reflow()

    def reflow(self) -> None:
        label = self.reviewed
        label.ensurePolished()  # the style sheet's font, even mid style change
        metrics = label.fontMetrics()
        text = self._reviewed_text
        if metrics.horizontalAdvance(text) + 8 <= self.width() * 0.45:
            label.setWordWrap(False)
            label.setMinimumWidth(0)
            label.setMaximumWidth(16777215)
            label.setText(text)
        else:
            # No-break spaces keep the date on one line; the words before it wrap above.
            whole = self._date.replace(" ", "\u00a0")
            label.setText(text.replace(self._date, whole))
            label.setWordWrap(True)
            label.setFixedWidth(metrics.horizontalAdvance(whole) + 8)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.reflow()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.reflow()


class MainWindow(QMainWindow):
    panel_changed = Signal(str)
    metrics_changed = Signal(object)
    # The window is ready for the next visitor (kiosk idle reset): a safe moment to swap
    # in new content (ketdesk.content_watch).
    visitor_reset = Signal()
    details_opened = Signal(str)  # a panel opened a detail sheet (its id): usage counts

    def __init__(self, pack: ContentPack, *, pack_loader: PackLoader, languages: Sequence[str],
                 text_scale: float = 1.0,
                 theme: Theme = STANDARD, reduce_motion: bool = False, clinic_name: str = "",
                 size: tuple[int, int] = (1280, 800), about: AboutFacts | None = None,
                 reader: Reader | None = None,
                 screen_diagonal_in: float = 0.0,
                 drawn_for: tuple[int, int] | None = None) -> None:
        super().__init__()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            touch_focus.install(app)  # no focus ring after a tap (keyboard keeps it)
            accessibility.install(app)  # tabs as page tabs, sheets as dialogs, headings
        self._pack = pack
        # Read-aloud for every panel's Listen control; None where the device has no voice.
        self.reader = reader
        if reader is not None:
            reader.setParent(self)
        self._theme = theme
        text_scale = clamp_scale(text_scale)
        self._text_scale = text_scale
        self._pack_loader = pack_loader
        # The languages on offer (ketdesk.choices.installed_languages), given, not looked up.
        self._languages = tuple(languages)
        # What reset_user_choices returns to: the clinic's settings, not the last visitor's.
        self._defaults = UserChoices(text_scale, pack.meta.lang, theme)
        self._clinic_name = clinic_name
        self._reduce_motion = reduce_motion
        # Built at the size it will open at: a later resize would restyle every widget
        # once more before the first frame.
        # The clinic's screen size (settings), else the screen's own report: posters are
        # sized in millimetres for a reader across the room, tap targets are 9 mm.
        self._screen_diagonal_in = screen_diagonal_in
        # A screenshot's size stands for a screen of that resolution (physical.from_qscreen).
        self._drawn_for = drawn_for
        self._physical = from_qscreen(self.screen(), screen_diagonal_in, drawn_for)
        self._metrics = Metrics.for_window(*size, text_scale, self._physical.px_for_mm(TARGET_MM))
        self._panels: dict[str, Panel] = {}
        # prebuild_panels: off until start-up asks, after its first frame.
        self._prebuild = False
        self._prebuild_timer = QTimer(self)
        self._prebuild_timer.setSingleShot(True)
        self._prebuild_timer.setInterval(PREBUILD_GAP_MS)
        self._prebuild_timer.timeout.connect(self._prebuild_next)
        self._current = pack.panel_ids[0]
        # Set by start-up or the kiosk: what a patient's "Take this home" does.
        self._take_home: Callable[[], bool] | None = None
        # The kiosk's attract loop: posters alone, full screen (on, px kept free at the bottom).
        self._poster_mode: tuple[bool, int] = (False, 0)

        central = QWidget()
        central.setObjectName("central")
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        self.header = QWidget()
        self.header.setObjectName("header")
        self.header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.header.setProperty("tablist", True)  # a page tab list to screen readers
        # Tabs then display tools, wrapping onto more rows when text is big or the screen small.
        self.header_row = HeaderLayout(self.header)
        # No QButtonGroup: Qt makes a group of checkable buttons a single Tab stop (arrows
        # move inside it), and patients expect Tab to reach every topic. show_panel keeps
        # exactly one tab checked.
        self.tab_buttons: dict[str, QPushButton] = {}
        self._all_tabs: dict[str, QPushButton] = {}
        self._sync_tabs()
        self.tools = HeaderTools()
        self.tools.text_step.connect(self.step_text_scale)
        self.tools.high_contrast_toggled.connect(self.set_high_contrast)
        self.tools.language_chosen.connect(self.set_language)
        self.tools.about_requested.connect(self.show_about)
        self.header_row.set_tools(self.tools)
        # About: last in Tab order, always at the header's top-right corner.
        self.header_row.set_corner(self.tools.about)
        # Extra header controls (e.g. kiosk staff access) can be added to this row's end.
        self.header_tools = self.tools.row

        self.banner = Banner()
        self.stack = QStackedWidget()
        self.footer = TrustFooter()
        self.footer_row = self.footer.row
        self.footer_advice = self.footer.advice
        self.footer_reviewed = self.footer.reviewed

        outer.addWidget(self.header)
        outer.addWidget(self.banner)
        outer.addWidget(self.stack, 1)
        outer.addWidget(self.footer)
        self.setCentralWidget(central)
        # Versions and paths come from start-up (this window looks up no paths). The sheet
        # itself is built when first opened: it is never on the first screen.
        self._about_facts = about
        self._about_sheet: AboutSheet | None = None
        # What a tap opens (a source chip, a chart's bar): over the page, which stays put.
        self.detail_sheet = DetailSheet(central)

        # Ctrl+N shows the Nth panel the pack has (the clinic's page, when configured, too).
        for position in range(MAX_SHORTCUTS):
            QShortcut(QKeySequence(f"Ctrl+{position + 1}"), self).activated.connect(
                lambda index=position: self._show_panel_at(index))
        # About, also where the header has no room for its button (big text, small screen).
        self._about_key = QShortcut(QKeySequence("F1"), self)
        self._about_key.activated.connect(self.show_about)
        QShortcut(QKeySequence("Ctrl+Tab"), self).activated.connect(lambda: self.step_panel(1))
        QShortcut(QKeySequence("Ctrl+Shift+Tab"), self).activated.connect(lambda: self.step_panel(-1))
        QShortcut(QKeySequence("Ctrl+Backtab"), self).activated.connect(lambda: self.step_panel(-1))
        # Ctrl+plus is Ctrl+Shift+= on many keyboards: accept Ctrl+= and the keypad keys too.
        for keys, action in (("Ctrl++", lambda: self.step_text_scale(1)),
                             ("Ctrl+=", lambda: self.step_text_scale(1)),
                             ("Ctrl+-", lambda: self.step_text_scale(-1)),
                             ("Ctrl+0", self.reset_text_scale)):
            QShortcut(QKeySequence(keys), self).activated.connect(action)

        self._apply_pack_text()
        self._apply_style()
        self._fix_tab_order()
        # Start with focus on the page frame, not on a tab: no focus ring until someone
        # uses the keyboard, and the first Tab lands on the first topic.
        central.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(*size)
        self.show_panel(self.panel_ids[0])

    # --- content --------------------------------------------------------------------
    @property
    def pack(self) -> ContentPack:
        return self._pack

    @property
    def panel_ids(self) -> tuple[str, ...]:
        """The panels shown, in order: the pack's (an optional panel only when configured)."""
        return self._pack.panel_ids

    def set_pack(self, pack: ContentPack) -> None:
        """Swap the content (a language change, a new pack): panels are rebuilt from it."""
        self._pack = pack
        self._sync_tabs()
        if self.reader is not None:
            self.reader.stop()  # a page read in the old language must not go on
        self._apply_pack_text()
        self._show_clinic_logo()
        self._rebuild_panels()
        self._fix_tab_order()

    def _show_clinic_logo(self) -> None:
        """The clinic's logo in the header (clinic.toml), at the header tools' height."""
        clinic = self._pack.clinic
        image = None
        if clinic is not None and clinic.logo:
            from ketdesk.ui.logo import logo_image  # only a clinic with a logo needs it

            image = logo_image(clinic.logo, clinic.logo_kind, self._metrics.fixed.touch)
        self.tools.set_logo(image, clinic.name if clinic is not None else "")

    def set_pack_loader(self, pack_loader: PackLoader) -> None:
        """Where language switches get their packs from (watched content keeps its own)."""
        self._pack_loader = pack_loader

    def _sync_tabs(self) -> None:
        """A tab for every declared panel, made once in order; the pack's are shown.

        An optional panel's tab (the clinic's) stays hidden while the pack lacks it, so
        tabs never change order and the header's layout is never rebuilt.
        """
        if not self._all_tabs:
            for panel_id in ALL_PANEL_IDS:
                button = QPushButton()
                button.setCheckable(True)
                button.setProperty("tab", True)
                button.setObjectName(f"tab-{panel_id}")
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                button.clicked.connect(lambda _checked=False, pid=panel_id: self.show_panel(pid))
                self._all_tabs[panel_id] = button
                self.header_row.addWidget(button)
        shown = self.panel_ids
        for panel_id, button in self._all_tabs.items():
            button.setVisible(panel_id in shown)
        self.tab_buttons = {pid: self._all_tabs[pid] for pid in shown}

    def _show_panel_at(self, index: int) -> None:
        if index < len(self.panel_ids):
            self.show_panel(self.panel_ids[index])

    def set_take_home(self, handler: Callable[[], bool] | None) -> None:
        """What a patient's "Take this home" does (None: no button).

        Built panels are told, not rebuilt: start-up sets this after the first panel is
        built, and rebuilding it there cost a second build of the opening panel."""
        self._take_home = handler
        for panel in self._panels.values():
            panel.set_take_home(handler)

    def _rebuild_panels(self) -> None:
        current = self._current if self._current in self.panel_ids else self.panel_ids[0]
        had_focus = self.stack.isAncestorOf(self.focusWidget()) if self.focusWidget() else False
        for panel in self._panels.values():
            self.stack.removeWidget(panel)
            panel.deleteLater()
        self._panels.clear()
        self.show_panel(current)
        if had_focus:
            self.panel(current).setFocus(Qt.FocusReason.OtherFocusReason)
        if self._prebuild:
            self._prebuild_timer.start()

    @property
    def language(self) -> str:
        return self._pack.meta.lang

    def set_language(self, lang: str) -> None:
        """Show the built-in (or the clinic's) pack of another language, on the same panel."""
        if lang != self.language:
            self.set_pack(self._pack_loader(lang))
        self._show_tool_state()

    def _apply_pack_text(self) -> None:
        pack = self._pack
        # The content's language, for screen readers (a Spanish voice) and Qt's own words.
        locale = QLocale(pack.meta.lang)
        QLocale.setDefault(locale)
        self.setLocale(locale)
        title = pack.meta.app_title
        self.setWindowTitle(f"{title} - {self._clinic_name}" if self._clinic_name else title)
        for panel_id, button in self.tab_buttons.items():
            tab = pack.panel(panel_id).tab
            button.setText(button_text(tab))
            button.setAccessibleName(tab)
            button.setAccessibleDescription(pack.panel(panel_id).title)
        self.header.setAccessibleName(pack.ui.panel_navigation)
        self.tools.apply_strings(pack.ui.access, self._languages, pack.ui.about)
        if self._about_sheet is not None:
            self._about_sheet.set_texts(pack, self._clinic_name)
        self.detail_sheet.set_texts(pack.ui.sheet.back, pack.ui.sheet.back_description,
                                    pack.ui.sheet.details_title)
        self._show_tool_state()
        self._fix_tab_order()
        if self.banner.isVisible():
            self.banner.close_button.setText(button_text(pack.ui.dismiss))
            self.banner.close_button.setAccessibleName(pack.ui.dismiss)
            self.banner.close_button.setAccessibleDescription(pack.ui.access.dismiss_description)
        reviewed = pack.meta.last_reviewed
        date_text = format_date(reviewed.day, reviewed.month, reviewed.year, pack.ui)
        # One line at 1024x600: the disclaimer and the date. Who reviewed the pack is on the
        # Sources panel and in the About sheet, beside the same date.
        self.footer.set_texts(pack.meta.not_advice, fill(pack.ui.last_reviewed, date=date_text),
                              date_text)

    # --- panels ---------------------------------------------------------------------
    def panel_context(self) -> PanelContext:
        return PanelContext(pack=self._pack, theme=self._theme, metrics=self._metrics,
                            reduce_motion=self._reduce_motion, physical=self._physical,
                            on_source=self.show_source, on_take_home=self._take_home,
                            reader=self.reader, on_details=self.details_opened.emit)

    def panel(self, panel_id: str) -> Panel:
        """The panel with this id, built on first use so start-up stays fast."""
        panel = self._panels.get(panel_id)
        if panel is None:
            panel = create_panel(panel_id, self.panel_context(), self.stack)
            panel.setObjectName(f"panel-{panel_id}")
            self._panels[panel_id] = panel
            self.stack.addWidget(panel)
            if self._poster_mode[0]:
                panel.set_poster_mode(*self._poster_mode)
        return panel

    def built_panels(self) -> dict[str, Panel]:
        return dict(self._panels)

    def prebuild_panels(self) -> None:
        """Build every panel not built yet, hidden, one per turn of the event loop, in tab
        order; again after the panels are rebuilt (a language or theme change).

        Start-up calls it after its first frame and the chart import: a tap more than a
        moment later finds its panel built and styled, and costs a switch and the poster's
        first fit (~60 ms) instead of building the page too (~150-250 ms, each chart
        panel). Between two builds the event loop takes input, so a tap waits at most for
        the one panel being built."""
        self._prebuild = True
        self._prebuild_timer.start()

    def prebuilt(self) -> bool:
        """Every panel built, and every hidden one laid out at the stack's size."""
        size = self.stack.size()
        return (len(self._panels) == len(self.panel_ids)
                and not any(panel.needs_preparing(size) for panel in self._panels.values()))

    def _prebuild_next(self) -> None:
        """One step per turn, panel by panel: build and polish it; then lay it out and
        draw it off screen at the stack's size (``Panel.prepare_hidden``). Two steps, not
        one: a long page's layout alone takes as long as building a panel."""
        size = self.stack.size()
        for panel_id in self.panel_ids:
            panel = self._panels.get(panel_id)
            if panel is None:
                self.panel(panel_id).ensurePolished()  # the window's style sheet, now
                break
            if panel.needs_preparing(size):
                panel.prepare_hidden(size)
                break
        else:
            return
        if not self.prebuilt():
            self._prebuild_timer.start()

    @property
    def current_panel_id(self) -> str:
        return self._current

    def show_panel(self, panel_id: str) -> None:
        if panel_id not in self.panel_ids:
            raise KeyError(panel_id)
        panel = self.panel(panel_id)
        self.stack.setCurrentWidget(panel)
        for other_id, button in self.tab_buttons.items():
            button.setChecked(other_id == panel_id)
        changed = panel_id != self._current
        self._current = panel_id
        if changed:
            self.panel_changed.emit(panel_id)

    def poster_panel_ids(self) -> tuple[str, ...]:
        """The panels whose content has a poster, in tab order (known without building them)."""
        return tuple(pid for pid in self.panel_ids if self._pack.panel(pid).poster is not None)

    @property
    def poster_mode(self) -> bool:
        return self._poster_mode[0]

    def set_poster_mode(self, on: bool, reserve_bottom: int = 0) -> None:
        """The attract loop's full-screen posters: no header, every poster alone on its
        screen with ``reserve_bottom`` px free for the loop's hint. The footer (not medical
        advice) stays."""
        self._poster_mode = (on, reserve_bottom if on else 0)
        self.header.setVisible(not on)
        for panel in self._panels.values():
            panel.set_poster_mode(*self._poster_mode)

    def step_panel(self, delta: int) -> None:
        ids = self.panel_ids
        index = (ids.index(self._current) + delta) % len(ids) if self._current in ids else 0
        self.show_panel(ids[index])

    def show_source(self, number: int, opener: QWidget | None = None) -> None:
        """Citation ``number`` in the details sheet, over whatever is shown (a panel, or a
        condition's details): Back returns there, to ``opener`` (the chip tapped)."""
        pack = self._pack
        ids = {n: source_id for source_id, n in pack.source_numbers().items()}
        if number not in ids:
            return
        citation = citation_text(number, pack.source(ids[number]), pack.ui.secondary_source)
        self.detail_sheet.open_text(fill(pack.ui.sheet.source_title, number=number),
                                    citation.removeprefix(f"{number}.").strip(), opener)

    @property
    def about_sheet(self) -> AboutSheet:
        """The About sheet, built on first use with the pack's words and the window's sizes."""
        if self._about_sheet is None:
            self._about_sheet = AboutSheet(self, self._about_facts or AboutFacts.of_this_run())
            self._about_sheet.set_texts(self._pack, self._clinic_name)
            self._about_sheet.apply_metrics(self._metrics)
        return self._about_sheet

    def show_about(self) -> None:
        """The About sheet over the window (header button, kiosk staff menu)."""
        self.about_sheet.open_sheet()

    def set_about_public(self, public: bool) -> None:
        """Whether visitors can open About (header button, F1). Kiosk mode turns it off:
        the sheet names files and versions, which are for staff (the staff menu opens it)."""
        self.header_row.set_corner_allowed(public)
        self._about_key.setEnabled(public)
        self.header_row.activate()

    def show_banner(self, text: str) -> None:
        ui = self._pack.ui
        self.banner.show_message(text, ui.dismiss, ui.access.dismiss_description)

    # --- keyboard ---------------------------------------------------------------------
    def _fix_tab_order(self) -> None:
        """Tab visits the topic tabs, the display tools, the banner's button, then the panel."""
        chain: list[QWidget] = [*self.tab_buttons.values(), *self.tools.buttons(),
                                self.banner.close_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Outside dialogs Qt buttons answer Space only; people expect Enter to work too.
        # Keys a focused control did not use arrive here.
        focused = self.focusWidget()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(focused, QAbstractButton) and focused.isEnabled()
                and focused.window() is self):
            focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- size and style -------------------------------------------------------------
    @property
    def metrics(self) -> Metrics:
        return self._metrics

    @property
    def text_scale(self) -> float:
        return self._text_scale

    def set_text_scale(self, scale: float) -> None:
        """Text size as a factor (1.0 = 100%), clamped to 100..200%; every panel reflows."""
        self._text_scale = clamp_scale(scale)
        self._update_metrics()
        self._show_tool_state()

    def step_text_scale(self, direction: int) -> None:
        self.set_text_scale(step_scale(self._text_scale, direction))

    def reset_text_scale(self) -> None:
        self.set_text_scale(self._defaults.text_scale)

    # --- theme ------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        """Recolour everything; panels are rebuilt because charts and links carry colours."""
        if theme == self._theme:
            return
        self._theme = theme
        self._apply_style()
        self._rebuild_panels()
        self._show_tool_state()

    def set_high_contrast(self, on: bool) -> None:
        default = self._defaults.theme
        normal = STANDARD if default.name == HIGH_CONTRAST.name else default
        self.set_theme(HIGH_CONTRAST if on else normal)

    # --- session ----------------------------------------------------------------------
    def reset_user_choices(self) -> None:
        """Back to the default text size, language and theme (a new visitor; kiosk idle)."""
        defaults = self._defaults
        self.set_language(defaults.lang)
        self.set_theme(defaults.theme)
        self.set_text_scale(defaults.text_scale)

    def reset_for_next_visitor(self) -> None:
        """Everything a new visitor should find: the defaults, the first panel at its top,
        every built panel back at its start, nothing left open."""
        try:
            self.reset_user_choices()
        except Exception:  # a missing translation must not stop the kiosk from resetting
            log.exception("could not return to the default choices (%s)", self._defaults)
        if self.reader is not None:
            self.reader.stop()
        if self._about_sheet is not None:
            self._about_sheet.close_sheet()
        self.detail_sheet.close_sheet()
        self.set_poster_mode(False)
        self.show_panel(self.panel_ids[0])
        for panel in self._panels.values():
            panel.reset()
        self.visitor_reset.emit()

    def _show_tool_state(self) -> None:
        self.tools.show_state(self._text_scale, self.language,
                              self._theme.name == HIGH_CONTRAST.name)

    @property
    def physical(self) -> Physical:
        return self._physical

    @property
    def reduce_motion(self) -> bool:
        return self._reduce_motion

    def _update_physical(self) -> None:
        physical = from_qscreen(self.screen(), self._screen_diagonal_in, self._drawn_for)
        if physical != self._physical:
            log.info("screen: %.1f px per mm (%s)", physical.px_per_mm, physical.origin)
            self._physical = physical
            for panel in self._panels.values():
                panel.set_physical(physical)

    def _update_metrics(self) -> None:
        self._update_physical()
        metrics = Metrics.for_window(self.width(), self.height(), self._text_scale,
                                     self._physical.px_for_mm(TARGET_MM))
        if metrics == self._metrics:
            return
        self._metrics = metrics
        self._apply_style()

    def _apply_style(self) -> None:
        m = self._metrics
        self.setStyleSheet(stylesheet(self._theme, m))
        pad = m.px(0.5)
        # Sized at 100% text: the header's tools keep their place whatever the text size.
        fixed_pad = m.fixed.px(0.5)
        # Bottom margin = the header's border, so tabs sit above the line, not on it.
        self.header_row.setContentsMargins(fixed_pad, fixed_pad, fixed_pad, 2)
        self.header_row.setSpacing(max(4, fixed_pad // 2))
        self.tools.set_spacing(max(4, fixed_pad // 2))
        self._show_clinic_logo()
        self.footer_row.setContentsMargins(m.px(1), pad // 2, m.px(1), pad // 2)
        for panel in self._panels.values():
            panel.apply_metrics(m)
        if self._about_sheet is not None:
            self._about_sheet.apply_metrics(m)
        self.detail_sheet.apply_metrics(m)
        self.metrics_changed.emit(m)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange):
            # The style sheet's background for the window also becomes its palette's
            # Window colour, which Qt fills every repainted part of a top-level window with
            # before anything else; the style's own background, drawn on top, filled the
            # same pixels again (~1.1 ms of every panel switch at 3840x2160). Each polish
            # turns it back on; the palette's fill is kept.
            self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, False)
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._update_metrics()
        if self._prebuild:
            # The hidden panels were laid out at the old size: again at the new one, once
            # the resizing stops (a kiosk going full screen just after its first frame).
            self._prebuild_timer.start()

