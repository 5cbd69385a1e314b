"""The staff menu, shown after the right PIN: exit, pause rotation, print or save the
take-home handout, and facts for support.

Version, content version, last-reviewed date and when the next review is due (a warning
once it has passed), the log file's location and, if the settings file could not be read,
a warning saying so and where the old file was kept.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ketdesk import __version__
from ketdesk.content.placeholders import fill
from ketdesk.content.review import review_due, review_overdue
from ketdesk.content.schema.pack import ContentPack
from ketdesk.kiosk.usage_chart import UsageChart
from ketdesk.ui.text import format_date
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, button_text, make_label
from ketdesk.usage.hooks import current_store


class StaffMenu(Card):
    exit_requested = Signal()
    about_requested = Signal()  # the About sheet (versions, licences, files)
    pause_toggled = Signal(bool)  # True: staff paused the rotation
    print_requested = Signal()  # the take-home handout, to a printer
    save_requested = Signal()  # the take-home handout, as a PDF file
    closed = Signal()

    def __init__(self, pack: ContentPack, *, log_path: Path | None, settings_backup: Path | None,
                 settings_problem: str, rotation_paused: bool = False,
                 today: datetime.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__("true", parent)
        self.setObjectName("staffMenu")
        words = pack.ui.kiosk
        self._words = words
        self._paused = rotation_paused
        self.title = make_label(words.staff_title, "h2")
        meta = pack.meta
        reviewed = meta.last_reviewed
        self.version = make_label(fill(words.staff_version, version=__version__))
        self.content_version = make_label(fill(pack.ui.content_version, version=meta.content_version))
        self.reviewed = make_label(fill(pack.ui.last_reviewed, date=format_date(
            reviewed.day, reviewed.month, reviewed.year, pack.ui)))
        self.log_location = make_label(fill(words.staff_log, path=log_path or "-"), "small")
        self.log_location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.paused_note = make_label(words.staff_rotation_paused, "small")
        self.warning: Card | None = None
        due = review_due(meta)
        due_text = format_date(due.day, due.month, due.year, pack.ui)
        self.review_overdue = review_overdue(meta, today or datetime.date.today())
        clinic_words = pack.ui.clinic
        self.review = make_label(fill(clinic_words.review_due if self.review_overdue
                                      else clinic_words.review_days_left, date=due_text))
        self.review.setObjectName("staffReview")
        self.body.addWidget(self.title)
        for label in (self.version, self.content_version, self.reviewed, self.log_location):
            self.body.addWidget(label)
        if self.review_overdue:  # a warning goes with the facts, above the buttons
            self.review_card = Card("warning")
            self.review_card.body.addWidget(self.review)
            self.body.addWidget(self.review_card)
        if settings_problem:
            self.warning = Card("warning")
            self.warning.setObjectName("settingsWarning")
            text = fill(words.staff_settings_warning, backup=settings_backup or "-")
            self.warning_label = make_label(text)
            self.warning_label.setAccessibleName(text)
            self.warning.body.addWidget(self.warning_label)
            # The technical reason, for whoever reads the log with support.
            detail = make_label(settings_problem, "small")
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.warning.body.addWidget(detail)
            self.body.addWidget(self.warning)
        self.body.addWidget(self.paused_note)

        self.pause_button = QPushButton()
        self.pause_button.setObjectName("staffPause")
        self.pause_button.clicked.connect(self._toggle_pause)
        self.exit_button = QPushButton(button_text(words.staff_exit))
        self.exit_button.setObjectName("staffExit")
        self.exit_button.setProperty("primary", True)
        self.exit_button.clicked.connect(self.exit_requested)
        self.about_button = QPushButton(button_text(pack.ui.about.button))
        self.about_button.setObjectName("staffAbout")
        self.about_button.clicked.connect(self.about_requested)
        self.back_button = QPushButton(button_text(words.staff_back))
        self.back_button.setObjectName("staffBack")
        self.back_button.clicked.connect(self.closed)
        self.print_button = QPushButton(button_text(clinic_words.staff_print))
        self.print_button.setObjectName("staffPrint")
        self.print_button.clicked.connect(self.print_requested)
        self.save_button = QPushButton(button_text(clinic_words.staff_save))
        self.save_button.setObjectName("staffSave")
        self.save_button.clicked.connect(self.save_requested)
        self.status = make_label("", "small")
        self.status.setObjectName("staffStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        handout_row = QHBoxLayout()
        self.handout_buttons = handout_row
        for button, text in ((self.print_button, clinic_words.staff_print),
                             (self.save_button, clinic_words.staff_save)):
            button.setAccessibleName(text)
            handout_row.addWidget(button, 1)
        row = QHBoxLayout()
        self.buttons = row
        for button in (self.back_button, self.about_button, self.pause_button, self.exit_button):
            button.setAccessibleName(button.text())
            row.addWidget(button, 1)
        self.about_button.setAccessibleName(pack.ui.about.button_name)
        self.about_button.setAccessibleDescription(pack.ui.about.button_description)
        # Exit, Back, About and Pause first, where they have always been: with the biggest
        # text on a small kiosk the handout row below may not fit, but these always do.
        self.body.addLayout(row)
        if not self.review_overdue:
            self.body.addWidget(self.review)
        self.body.addLayout(handout_row)
        self.body.addWidget(self.status)
        self.usage: UsageChart | None = None
        store = current_store()
        if store is not None:
            # Under the buttons' row, not above it: the buttons stay where staff expect them.
            # The CSV goes beside the counts file (the state folder).
            self.usage = UsageChart(store, pack.ui.usage, store.path.parent)
            self.body.addWidget(self.usage)
        self._refresh()

    @property
    def rotation_paused(self) -> bool:
        return self._paused

    def show_status(self, text: str) -> None:
        """A line under the handout buttons (where the PDF was saved)."""
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.status.setVisible(bool(text))

    def _toggle_pause(self) -> None:
        self._paused = not self._paused
        self._refresh()
        self.pause_toggled.emit(self._paused)

    def _refresh(self) -> None:
        text = self._words.staff_resume if self._paused else self._words.staff_pause
        self.pause_button.setText(button_text(text))
        self.pause_button.setAccessibleName(text)
        self.paused_note.setVisible(self._paused)

    def apply_metrics(self, m: Metrics) -> None:
        self.set_padding(m.px(1))
        self.buttons.setSpacing(m.px(0.5))
        self.handout_buttons.setSpacing(m.px(0.5))
        if self.warning is not None:
            self.warning.set_padding(m.px(0.6))
        if self.review_overdue:
            self.review_card.set_padding(m.px(0.6))
        if self.usage is not None:
            self.usage.apply_metrics(m)
        for button in (self.back_button, self.about_button, self.pause_button, self.exit_button,
                       self.print_button, self.save_button):
            button.setMinimumHeight(max(m.touch, m.px(2.6)))
