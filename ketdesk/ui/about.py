"""The About sheet: versions, licences and where the app keeps its files, inside the window.

Opened from the header's About button and from the kiosk staff menu. Like every sheet it is
an ``Overlay`` (a child of the window), never a dialog: a kiosk has no window manager to
bring back a window that went behind it. Every word comes from ``ui.toml``'s ``[about]``
table through ``fill``; the versions and paths are ``AboutFacts``, handed in by start-up
(the window reads no files and looks up no paths).
"""

from __future__ import annotations

import platform
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ketdesk import APP_NAME, __version__
from ketdesk.content.placeholders import fill
from ketdesk.content.schema.pack import ContentPack
from ketdesk.ui.overlay import Overlay
from ketdesk.ui.text import format_date, reviewed_by_text
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, button_text, make_label


@dataclass(frozen=True)
class AboutFacts:
    """What the About sheet fills into its words: versions, and paths as text."""

    version: str
    qt: str
    pyside: str
    python: str
    log_path: str = "-"
    settings_path: str = "-"
    notices_path: str = ""  # THIRD-PARTY-NOTICES.txt of a built app; "" when run from source

    @classmethod
    def of_this_run(cls, *, log_path: str = "-", settings_path: str = "-",
                    notices_path: str = "") -> AboutFacts:
        import PySide6
        from PySide6.QtCore import qVersion

        return cls(version=__version__, qt=qVersion(), pyside=PySide6.__version__,
                   python=platform.python_version(), log_path=log_path,
                   settings_path=settings_path, notices_path=notices_path)


class _Body(QWidget):
    """The scrolled text. Its minimum is not the wrapped labels' summed minimum heights
    (each label wrapped at its narrowest), which would make the scroll area scroll when the
    text fits: the scroll area sizes it for its real width (height-for-width) instead."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(0, 0)


class AboutSheet(Overlay):
    """A card over the dimmed window; Back (or Escape) closes it and focus goes back."""

    closed = Signal()

    def __init__(self, window: QWidget, facts: AboutFacts) -> None:
        super().__init__(window)
        self.setProperty("dialog", True)  # a dialog named by its title, to screen readers
        self.setObjectName("aboutSheet")
        self._window = window
        self.facts = facts
        self._return_focus: QWidget | None = None
        self._metrics = Metrics(em=24)

        self.card = Card("true")
        self.card.setObjectName("aboutCard")
        self.title = make_label("", "h2")
        self.app_version = make_label("")
        self.content_version = make_label("")
        self.reviewed = make_label("")
        self.clinic = make_label("")
        self.runs_on = make_label("")
        self.licences_heading = make_label("", "h2")
        self.licence_app = make_label("")
        self.licence_qt = make_label("")
        self.licence_font = make_label("")
        self.notices = make_label("")
        self.files_heading = make_label("", "h2")
        self.log_path = make_label("", "small")
        self.settings_path = make_label("", "small")
        for label in (self.notices, self.log_path, self.settings_path):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        body = _Body()
        body.setObjectName("aboutBody")
        self._body = QVBoxLayout(body)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        for label in self.labels():
            self._body.addWidget(label)
        self._body.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("aboutScroll")
        self.scroll_area.setWidget(body)
        self._body_widget = body
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The card's colour behind the text, not the window's.
        self.scroll_area.setStyleSheet("QScrollArea, QWidget#aboutBody { background: transparent; }")
        self.back_button = QPushButton()
        self.back_button.setObjectName("aboutBack")
        self.back_button.setProperty("primary", True)
        self.back_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.back_button.clicked.connect(self.close_sheet)
        self.card.body.addWidget(self.scroll_area, 1)
        self.card.body.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        self._layout = layout

    def labels(self) -> list[QLabel]:
        return [self.title, self.app_version, self.content_version, self.reviewed, self.clinic,
                self.runs_on, self.licences_heading, self.licence_app, self.licence_qt,
                self.licence_font, self.notices, self.files_heading, self.log_path,
                self.settings_path]

    def text(self) -> str:
        """Every line shown, in order (for tests and the screenshot script)."""
        return "\n".join(label.text() for label in self.labels() if not label.isHidden())

    # --- words ------------------------------------------------------------------------
    def set_texts(self, pack: ContentPack, clinic_name: str) -> None:
        words, meta, facts = pack.ui.about, pack.meta, self.facts
        reviewed = meta.last_reviewed
        date = format_date(reviewed.day, reviewed.month, reviewed.year, pack.ui)
        by = reviewed_by_text(meta, pack.ui)
        self.title.setText(words.title)
        self.title.setAccessibleName(words.title)
        self.app_version.setText(f"{meta.app_title}\n"
                                 + fill(words.app_version, app=APP_NAME, version=facts.version))
        self.content_version.setText(fill(pack.ui.content_version, version=meta.content_version))
        self.reviewed.setText(f"{fill(pack.ui.last_reviewed, date=date)}\n{by}".strip())
        self.clinic.setText(fill(words.clinic, clinic=clinic_name))
        self.clinic.setVisible(bool(clinic_name.strip()))
        self.runs_on.setText(fill(words.runs_on, qt=facts.qt, pyside=facts.pyside, python=facts.python))
        self.licences_heading.setText(words.licences_heading)
        self.licences_heading.setAccessibleName(words.licences_heading)
        self.licence_app.setText(words.licence_app)
        self.licence_qt.setText(words.licence_qt)
        self.licence_font.setText(words.licence_font)
        self.notices.setText(fill(words.notices, path=facts.notices_path) if facts.notices_path
                             else words.notices_unbuilt)
        self.files_heading.setText(words.files_heading)
        self.files_heading.setAccessibleName(words.files_heading)
        self.log_path.setText(fill(words.log, path=facts.log_path))
        self.settings_path.setText(fill(words.settings, path=facts.settings_path))
        self.setAccessibleName(words.title)
        self.back_button.setText(button_text(words.close))
        self.back_button.setAccessibleName(words.close)
        self.back_button.setAccessibleDescription(words.close_description)
        if self.isVisible():
            self._fit()

    # --- opening and closing ----------------------------------------------------------
    def open_sheet(self) -> None:
        """Show over the window; focus goes to Back, and returns where it was on close."""
        focused = QApplication.focusWidget()
        self._return_focus = focused if focused is not None and not self.isAncestorOf(focused) else None
        self.present()
        self._fit()
        self.scroll_area.verticalScrollBar().setValue(0)
        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_sheet(self) -> None:
        if not self.isVisible():
            return
        target = self._return_focus
        self._return_focus = None
        # Focus goes back first: hiding the widget that has it would make Qt look for the
        # next one through focusNextPrevChild below, from inside a widget being hidden.
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            focused = QApplication.focusWidget()
            if focused is not None and self.isAncestorOf(focused):
                focused.clearFocus()
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.close_sheet()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.back_button.hasFocus():
            self.back_button.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        # Tab stays inside the sheet: the text (to scroll it) and Back, nothing behind.
        if not self.isVisible():
            return super().focusNextPrevChild(forward)
        stops: list[QWidget] = [w for w in (self.scroll_area, self.back_button) if w.isVisible()]
        current = QApplication.focusWidget()
        at = next((n for n, w in enumerate(stops)
                   if current is not None and (w is current or w.isAncestorOf(current))), None)
        target = 0 if at is None else (at + (1 if forward else -1)) % len(stops)
        stops[target].setFocus(Qt.FocusReason.TabFocusReason if forward
                               else Qt.FocusReason.BacktabFocusReason)
        return True

    # --- size -------------------------------------------------------------------------
    def apply_metrics(self, m: Metrics) -> None:
        self._metrics = m
        if self.isVisible():
            self._fit()

    def _fit(self) -> None:
        """As wide as reads well, as tall as the text needs; it scrolls only when the
        window is too short for it (a small kiosk at big text sizes)."""
        m = self._metrics
        window = self._window
        short = window.height() < 720  # a small kiosk: every line of height counts
        margin = m.px(0.5) if short else m.px(1)
        pad = m.px(0.8) if short else m.px(1)
        self._layout.setContentsMargins(margin, margin, margin, margin)
        self.card.set_padding(pad)
        self._body.setSpacing(m.px(0.3) if short else m.px(0.4))
        button_height = max(m.touch, m.px(2.6))
        self.back_button.setMinimumHeight(button_height)
        readable = min(window.width() * 17 // 20, m.px(56 if short else 50))
        width = min(window.width() - 2 * margin, max(m.px(30), readable))
        self.card.setFixedWidth(width)
        for label in self.labels():
            label.ensurePolished()  # measured in the style sheet's fonts
        body = self._body_widget
        scrollbar = self.scroll_area.verticalScrollBar().sizeHint().width()
        inner = width - 2 * pad - scrollbar
        needed = body.heightForWidth(inner) if body.hasHeightForWidth() else body.sizeHint().height()
        card_body = self.card.body
        chrome = (card_body.contentsMargins().top() + card_body.contentsMargins().bottom()
                  + card_body.spacing() + button_height)
        room = window.height() - 2 * margin - chrome
        self.scroll_area.setFixedHeight(max(m.touch, min(needed + 2, room)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        handled = super().eventFilter(watched, event)
        if watched is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return handled
