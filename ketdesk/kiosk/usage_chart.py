"""The staff menu's view of the usage counts: a small chart of the last weeks, and Export.

Daily totals of each kind of count for the last 28 days (the file keeps hours; the chart
adds them up per day), one line per kind in the app's series styles, and a button that
writes every hourly count to ``usage-YYYY-MM-DD.csv`` in the state folder beside the log
(a kiosk has no file dialog; staff copy it from there, or use ``ketdesk --export-usage``).
pyqtgraph is imported only when staff open the menu.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from ketdesk.content.placeholders import fill
from ketdesk.content.schema.ui import UsageStrings
from ketdesk.ui.theme import STANDARD, Metrics, Theme
from ketdesk.ui.widgets import Card, button_text, make_label
from ketdesk.usage.store import EVENTS, UsageStore

log = logging.getLogger(__name__)

DAYS = 28


class UsageChart(Card):
    def __init__(self, store: UsageStore, words: UsageStrings, export_dir: Path,
                 theme: Theme = STANDARD, parent: QWidget | None = None) -> None:
        super().__init__("note", parent)
        self.setObjectName("usageChart")
        self._store = store
        self._words = words
        self._export_dir = export_dir
        self._theme = theme
        self.heading = make_label(words.heading, "h2")
        self.body.addWidget(self.heading)
        self.plot: Any = None
        self.curves: dict[str, Any] = {}
        self._build_plot()
        self.export_button = QPushButton(button_text(words.export))
        self.export_button.setObjectName("usageExport")
        self.export_button.setAccessibleName(words.export)
        self.export_button.clicked.connect(self.export)
        self.body.addWidget(self.export_button)
        self.status = make_label("", "small")
        self.body.addWidget(self.status)

    def _build_plot(self) -> None:
        from ketdesk.ui.charts import make_plot, role_style

        metrics = Metrics(em=20)
        self.plot = make_plot(self._theme, metrics)
        self.plot.setObjectName("usagePlot")
        self.plot.addLegend(offset=(10, 10))
        self.plot.getAxis("bottom").setLabel(self._words.axis)
        totals = self._store.daily_totals(DAYS)
        days_ago = list(range(-DAYS + 1, 1))
        for index, event in enumerate(EVENTS):
            # Counts are not one of the key's meanings (docs/visual-language.md): one neutral
            # colour, told apart by each series' marker.
            style = role_style("neutral", self._theme, index)
            self.curves[event] = self.plot.plot(days_ago, totals[event], pen=style.pen(2),
                                                symbol=style.marker, symbolBrush=style.colour,
                                                symbolPen=style.colour, symbolSize=7,
                                                name=getattr(self._words, event))
        self.plot.setMinimumHeight(180)
        self.body.addWidget(self.plot)

    def export(self) -> Path:
        target = self._export_dir / f"usage-{dt.date.today().isoformat()}.csv"
        try:
            self._store.export_csv(target)
        except OSError:
            log.exception("usage counts: export to %s failed", target)
            self.status.setText(fill(self._words.export_failed, path=target))
        else:
            log.info("usage counts exported to %s", target)
            self.status.setText(fill(self._words.exported, path=target))
        return target

    def apply_metrics(self, m: Metrics) -> None:
        self.set_padding(m.px(0.6))
        self.export_button.setMinimumHeight(m.touch)
        self.plot.setMinimumHeight(max(180, m.px(9)))
