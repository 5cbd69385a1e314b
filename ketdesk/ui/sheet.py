"""The details sheet: what a tap opens (a source chip, a chart's bar or point), over the window.

Touch screens have no hover, so anything a tooltip says must also open on a tap; this is
where it opens. The sheet covers the window (``ketdesk.ui.overlay``), shows a title and
the details, and has one big Back button. It never moves the page beneath: Back, Escape
or a tap on the backdrop close it and put focus back on what opened it, so the visitor is
where they were. Opened from inside another sheet (a source chip in a condition's
details), it lies on top of that sheet, and Back returns to it, scrolled as it was.

Charts deep inside a panel reach the sheet through ``show_details(owner, ...)``, which
finds (or makes) the one sheet of ``owner``'s window; nothing has to be threaded through.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QWidget,
)
from shiboken6 import isValid

from ketdesk.ui.overlay import SheetOverlay
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, button_text, make_label


class DetailSheet(SheetOverlay):
    """A window-wide sheet: ``open_text`` fills it and shows it; Back closes it."""

    sheet: Card

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setProperty("dialog", True)  # a dialog named by its title, to screen readers
        self.setObjectName("detailSheet")
        self._metrics = Metrics(em=24)
        self._opener: QWidget | None = None
        self.details_title = ""
        self.sheet = Card("true", self)
        self.sheet.setObjectName("detailSheetCard")
        header = QHBoxLayout()
        self.heading = make_label("", "h2")
        self.back_button = QPushButton()
        self.back_button.setObjectName("sheetBack")
        self.back_button.setProperty("primary", True)
        self.back_button.clicked.connect(self.close_sheet)
        header.addWidget(self.heading, 1)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        self.sheet.body.addLayout(header)
        self.body = make_label("", "body")
        self.body.setObjectName("sheetText")
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        scroller = QScrollArea()
        scroller.setObjectName("sheetScroll")
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroller.setWidget(self.body)
        self.sheet.body.addWidget(scroller, 1)
        self.scroller = scroller

    # --- words ----------------------------------------------------------------------
    def set_texts(self, back: str, back_description: str, details_title: str) -> None:
        """The pack's words: Back, what it does, and the title of a chart point's details."""
        self.details_title = details_title
        self.back_button.setText(button_text(back))
        self.back_button.setAccessibleName(back)
        self.back_button.setAccessibleDescription(back_description)

    # --- opening and closing --------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.isVisible()

    @property
    def opener(self) -> QWidget | None:
        return self._opener

    def open_text(self, title: str, text: str, opener: QWidget | None = None) -> None:
        """Show ``title`` and the plain ``text`` (lines kept) over everything in the window."""
        if not self.is_open:
            # Focus goes back where it was: on the chip Enter was pressed on, or, after a
            # tap (which moves no focus), where keyboard focus was before. Opened again
            # while open, the first place is still the way back. ``opener`` is for when
            # nothing has focus.
            self._opener = QApplication.focusWidget() or opener
        self.heading.setText(title)
        self.heading.setAccessibleName(title)
        self.body.setText(text)
        self.body.setAccessibleName(" ".join(text.split()))
        self.setAccessibleName(title)
        self.present()
        self.apply_metrics(self._metrics)
        self.scroller.verticalScrollBar().setValue(0)
        # Focus moves into the sheet (screen readers read its title), on the sheet itself
        # rather than on Back, so no focus ring appears after a tap; Tab reaches Back.
        self.sheet.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sheet.setFocus(Qt.FocusReason.PopupFocusReason)

    def close_sheet(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        opener, self._opener = self._opener, None
        if opener is not None and isValid(opener) and opener.isVisible():  # not rebuilt meanwhile
            opener.setFocus(Qt.FocusReason.PopupFocusReason)
        self.closed.emit()

    # --- sizes ------------------------------------------------------------------------
    def apply_metrics(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self.sheet.set_padding(metrics.px(1.0))
        self.back_button.setMinimumSize(max(metrics.touch, metrics.px(5)), metrics.touch)
        self.place_sheet()

    def place_sheet(self) -> None:
        margin = self._metrics.px(1.0)
        width = max(1, min(self.width() - 2 * margin, self._metrics.px(36)))
        wanted = self.sheet.sizeHint().height() + self.body.heightForWidth(width)
        height = max(1, min(self.height() - 2 * margin, wanted))
        self.sheet.setGeometry(QRect((self.width() - width) // 2, margin, width, height))

    def dismiss(self) -> None:
        self.close_sheet()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.back_button.hasFocus():
            self.close_sheet()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        """Tab stays inside the sheet while it is open: the sheet, then Back."""
        chain: list[QWidget] = [self.sheet, self.back_button]
        current = QApplication.focusWidget()
        index = chain.index(current) if current in chain else -1
        target = chain[(index + (1 if next else -1)) % len(chain)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True


def window_sheet(owner: QWidget) -> DetailSheet:
    """The details sheet of ``owner``'s window, made on first use."""
    window = owner.window()
    sheet = window.findChild(DetailSheet, "detailSheet")
    if sheet is None:
        # A MainWindow covers its central widget; a bare panel (tests) covers itself.
        central = getattr(window, "centralWidget", lambda: None)() or window
        sheet = DetailSheet(central)
    return sheet


def show_details(owner: QWidget, text: str, title: str = "") -> DetailSheet:
    """Open the details sheet of ``owner``'s window with ``text`` (a chart point's tip);
    the title is the window's word for details unless one is given."""
    sheet = window_sheet(owner)
    sheet.open_text(title or sheet.details_title, text, owner)
    return sheet


__all__ = ["DetailSheet", "show_details", "window_sheet"]
