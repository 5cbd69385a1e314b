"""``ClinicPanel``: logo and name, a contacts card (phone, after hours, crisis line, web
page), the clinic's protocol as text cards, and the patient's "Take this home" button.

The button only asks: ``PanelContext.on_take_home`` decides what happens (in kiosk mode,
staff are called through the PIN pad; the public never gets a print dialog). Without a
handler the button is not shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.clinic import ClinicContent
from ketdesk.ui.logo import logo_image
from ketdesk.ui.panels.base import Panel, PanelContext
from ketdesk.ui.theme import Metrics
from ketdesk.ui.widgets import Card, ResponsiveGrid, button_text, make_label


class ClinicPanel(Panel):
    def __init__(self, context: PanelContext, parent: QWidget | None = None, *,
                 panel_id: str = "") -> None:
        super().__init__(context, parent, panel_id=panel_id)
        clinic = self.text
        assert isinstance(clinic, ClinicContent)
        self.clinic = clinic
        words = context.ui.clinic
        self.logo = QLabel()
        self.logo.setObjectName("clinicLogo")
        self.logo.setAccessibleName(clinic.name)
        self.logo.setVisible(bool(clinic.logo))
        self.layout_.insertWidget(0, self.logo, 0, Qt.AlignmentFlag.AlignLeft)

        self.contacts = Card("note")
        self.contacts.setObjectName("clinicContacts")
        self.contacts.body.addWidget(make_label(words.contacts_heading, "h2"))
        lines = [(words.phone, clinic.phone), (words.after_hours, clinic.after_hours),
                 (words.crisis, clinic.crisis)]
        self.contact_labels = [make_label(fill(text, number=number)) for text, number in lines if number]
        if clinic.url:
            self.contact_labels.append(make_label(fill(words.web, address=clinic.url)))
        for label in self.contact_labels:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.contacts.body.addWidget(label)
        self._cards.append(self.contacts)

        self.take_home = QPushButton(button_text(words.take_home))
        self.take_home.setObjectName("takeHome")
        self.take_home.setProperty("primary", True)
        self.take_home.setAccessibleName(words.take_home)
        self.take_home.setAccessibleDescription(words.take_home_description)
        self.take_home.clicked.connect(self._ask_take_home)
        # Its own width, not the row's: the note beside it may be hidden.
        self.take_home.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.take_home.setVisible(context.on_take_home is not None)
        self.take_home_note = make_label(words.take_home_sent, "lead")
        self.take_home_note.hide()
        row = QHBoxLayout()
        row.addWidget(self.take_home, 0)
        row.addWidget(self.take_home_note, 1)
        row.addStretch(0)
        # Near the top, where a patient finds it without scrolling on a small kiosk.
        self.layout_.addLayout(row)
        self.grid = ResponsiveGrid([self.contacts, *(self.block_card(b) for b in clinic.blocks)],
                                   max_columns=2, min_column_em=18)
        self.layout_.addWidget(self.grid)
        self.finish_layout()
        self.apply_metrics(context.metrics)

    def set_take_home(self, handler: Callable[[], bool] | None) -> None:
        super().set_take_home(handler)
        self.take_home.setVisible(handler is not None)
        self.take_home_note.hide()

    def _ask_take_home(self) -> None:
        handler = self.context.on_take_home
        if handler is not None and handler():
            self.take_home_note.show()

    def apply_metrics(self, metrics: Metrics) -> None:
        super().apply_metrics(metrics)
        self.grid.set_spacing(metrics.gap)
        self.take_home.setMinimumHeight(max(metrics.touch, metrics.px(2.4)))
        image = logo_image(self.clinic.logo, self.clinic.logo_kind, metrics.px(3.5))
        if image is None:
            self.logo.hide()
        else:
            self.logo.setPixmap(QPixmap.fromImage(image))

    def reset(self) -> None:
        super().reset()
        self.take_home_note.hide()
