"""What keeps panel switches and chart panels' first shows fast (issue #20), checked without
timing anything (the timings are in benchmarks/): work that must not happen, and caches
that must not go stale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel

from ketdesk.ui.panels.base import Panel
from ketdesk.ui.panels.conditions.view import ConditionsPanel
from ketdesk.ui.panels.mechanism.view import MechanismPanel
from ketdesk.ui.panels.risks.view import RisksPanel
from ketdesk.ui.panels.timeline import icon_array
from ketdesk.ui.panels.timeline.icon_array import FigureRow, IconRowSpec
from ketdesk.ui.poster import Poster
from ketdesk.ui.source_chips import cited_label

REPO = Path(__file__).resolve().parents[2]


def test_switching_back_does_not_refit_the_poster(qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    fits: list[Poster] = []
    real_fit = Poster.fit

    def counted(self: Poster, *args: object) -> None:
        fits.append(self)
        real_fit(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Poster, "fit", counted)
    for panel_id in ("timeline", "overview"):
        window.show_panel(panel_id)
        qtbot.waitUntil(lambda pid=panel_id: window.panel(pid).poster().sizes is not None)
    assert fits, "the posters were fitted on their first show"
    fitted = len(fits)
    for _ in range(3):
        window.show_panel("timeline")
        qtbot.wait(1)
        window.show_panel("overview")
        qtbot.wait(1)
    assert len(fits) == fitted


def test_prebuilt_panels_are_built_hidden_and_kept(qtbot, window) -> None:
    window.prebuild_panels()
    qtbot.waitUntil(lambda: len(window.built_panels()) == len(window.panel_ids), timeout=20_000)
    assert window.current_panel_id == window.panel_ids[0]
    built = window.built_panels()
    assert not built["risks"].isVisible()
    window.show_panel("risks")
    assert window.panel("risks") is built["risks"]  # the tap shows it, builds nothing


class Events(QObject):
    """Records the objects that receive events of one type (installed as a filter)."""

    def __init__(self, kind: QEvent.Type) -> None:
        super().__init__()
        self.kind = kind
        self.seen: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == self.kind:
            self.seen.append(watched)
        return False


def prebuilt(qtbot, window) -> dict[str, Panel]:
    """Start-up's idle-time work, run to the end: every panel built and prepared."""
    window.prebuild_panels()
    qtbot.waitUntil(window.prebuilt, timeout=30_000)
    return window.built_panels()


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: type, name: str) -> list[object]:
    """Record every call of ``owner.name`` (the real method still runs)."""
    calls: list[object] = []
    real = getattr(owner, name)

    def counted(self: object, *args: object, **kwargs: object) -> object:
        calls.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_hidden_panels_are_laid_out_and_their_charts_built_in_idle_time(
        qtbot, window, monkeypatch: pytest.MonkeyPatch) -> None:
    panels = prebuilt(qtbot, window)
    conditions, risks = panels["conditions"], panels["risks"]
    assert isinstance(conditions, ConditionsPanel) and isinstance(risks, RisksPanel)
    assert conditions.chart.is_built and risks.session_chart.built
    for panel_id in window.panel_ids[1:]:
        panel = panels[panel_id]
        assert not panel.isVisible(), panel_id
        assert panel.size() == window.stack.size(), panel_id
        poster = panel.poster()
        if poster is not None:
            assert poster.sizes is not None, f"{panel_id}: poster fitted while hidden"
    fits = count_calls(monkeypatch, Poster, "fit")
    resizes = Events(QEvent.Type.Resize)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(resizes)
    try:
        for panel_id in window.panel_ids[1:]:
            window.show_panel(panel_id)
            QApplication.processEvents()  # the show's posted layout requests and timers
            assert window.panel(panel_id).isVisible()
    finally:
        app.removeEventFilter(resizes)
    # The taps only switched: no poster fitted again, no page laid out again (a first
    # show of a page not prepared resizes every widget on it: hundreds).
    assert fits == []
    assert len(resizes.seen) < 10, f"{len(resizes.seen)} widgets resized on the taps"


def test_a_panel_prepared_hidden_looks_as_one_built_on_the_tap(qtbot, qapp_fonts) -> None:
    """The same type sizes and the same page. Portrait, in Spanish: the risks page's steps
    once took three columns when laid out hidden and four when shown (a cited label's
    minimum width followed its own last width)."""
    from ketdesk.choices import installed_languages
    from ketdesk.content_source import builtin_pack, pack_for_language
    from ketdesk.screenshot import settle
    from ketdesk.ui.main_window import MainWindow

    def shown_window() -> MainWindow:
        made = MainWindow(builtin_pack("es"), pack_loader=pack_for_language, languages=installed_languages(),
                          size=(1080, 1920))
        qtbot.addWidget(made)
        made.resize(1080, 1920)
        made.show()
        qtbot.waitExposed(made)
        return made

    window, other = shown_window(), shown_window()
    prepared = prebuilt(qtbot, window)
    for panel_id in window.panel_ids[1:]:
        poster = prepared[panel_id].poster()
        hidden_fit = poster.sizes if poster is not None else None
        for shown in (window, other):  # prepared; built and laid out on the tap
            shown.show_panel(panel_id)
            settle()
        tapped = other.panel(panel_id)
        assert prepared[panel_id].body.size() == tapped.body.size(), panel_id
        tapped_poster = tapped.poster()
        if poster is not None and tapped_poster is not None:
            assert hidden_fit == tapped_poster.sizes, panel_id


def test_the_page_on_screen_is_left_alone_while_its_window_is_hidden(qtbot, window) -> None:
    # A window hidden (and shown again later) while the idle-time work runs: the page it
    # shows is not visible either, but it is not one of the stack's hidden pages.
    shows = Events(QEvent.Type.Show)
    current = window.panel(window.current_panel_id)
    window.hide()
    current.installEventFilter(shows)
    prebuilt(qtbot, window)
    assert shows.seen == []
    assert not current.isHidden() and window.stack.currentWidget() is current
    window.show()
    qtbot.waitExposed(window)
    assert current.isVisible()


def test_a_resized_window_prepares_its_hidden_panels_again(qtbot, window) -> None:
    panels = prebuilt(qtbot, window)
    window.resize(1024, 600)
    qtbot.waitUntil(lambda: panels["risks"].size() == window.stack.size(), timeout=30_000)
    qtbot.waitUntil(window.prebuilt, timeout=30_000)
    assert window.stack.width() < 1280


def test_the_mechanism_intro_waits_for_the_real_first_show(qtbot, window) -> None:
    panels = prebuilt(qtbot, window)
    mechanism = panels["mechanism"]
    assert isinstance(mechanism, MechanismPanel)
    assert not mechanism.diagram.is_animating()  # prepared off screen: no intro played there
    window.show_panel("mechanism")
    assert mechanism.diagram.is_animating()  # the visitor sees step 1 happen


def test_no_panel_is_shown_off_screen_while_a_screen_reader_listens(qtbot, window) -> None:
    shows = Events(QEvent.Type.Show)
    panels = [window.panel(panel_id) for panel_id in window.panel_ids[1:]]
    for panel in panels:
        panel.installEventFilter(shows)
    QAccessible.setActive(True)
    try:
        prebuilt(qtbot, window)
    finally:
        QAccessible.setActive(False)
    assert shows.seen == []  # each part would be announced appearing and going
    assert all(panel.size() == window.stack.size() for panel in panels)  # still laid out


def test_label_heights_follow_new_words(qtbot, qapp_fonts) -> None:
    label = cited_label()
    qtbot.addWidget(label)
    label.setText("Short.")
    short = label.heightForWidth(200)
    label.setText("Many more words than one line of two hundred pixels can hold, " * 3)
    assert label.heightForWidth(200) > short
    label.setText("Short.")
    assert label.heightForWidth(200) == short


def test_a_cited_labels_minimum_width_does_not_follow_its_own_width(qtbot, qapp_fonts) -> None:
    label = cited_label()
    qtbot.addWidget(label)
    label.setText("Words that wrap over a few lines, with their sources beside or below them.")
    label.set_sources([1, 2], lambda number: (f"Source {number}", f"Study number {number}"))
    label.show()
    label.resize(900, 200)  # wide: the chips stand beside the words
    assert label.contentsMargins().right() > 0
    beside = label.minimumSizeHint().width()
    label.resize(label.minimumSizeHint().width(), 400)  # narrow: the chips go below
    assert label.contentsMargins().right() == 0
    assert label.minimumSizeHint().width() == beside


def test_a_row_of_people_draws_each_kind_of_figure_once(qtbot, qapp_fonts) -> None:
    row = FigureRow(IconRowSpec("Ketamine", "5 in 10", value=5), "#000000", "#ffffff")
    qtbot.addWidget(row)
    row.resize(600, 80)
    row.set_figure_height(60)
    icon_array._figure_image.cache_clear()
    row.grab()
    # 10 people: 5 filled and 5 empty, two kinds, each drawn once and copied.
    assert icon_array._figure_image.cache_info().misses == 2
    row.grab()
    assert icon_array._figure_image.cache_info().misses == 2


POSTER_FIRST = """
import sys
from PySide6.QtCore import QEvent, QObject
from ketdesk.choices import installed_languages
from ketdesk.content_source import builtin_pack, pack_for_language
from ketdesk.startup import create_application
from ketdesk.ui.main_window import MainWindow

class FirstPaint(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.pyqtgraph = None
        widget.installEventFilter(self)
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and self.pyqtgraph is None:
            self.pyqtgraph = "pyqtgraph" in sys.modules
        return False

panel_id = sys.argv[1]
app = create_application()
window = MainWindow(builtin_pack("en"), pack_loader=pack_for_language, languages=installed_languages(),
                    size=(1280, 800))
window.show()
watch = []
window.panel_changed.connect(lambda pid: watch.append(FirstPaint(window.panel(pid).body)))
window.show_panel(panel_id)
while watch[0].pyqtgraph is None:
    app.processEvents()
print("at first paint", watch[0].pyqtgraph)
panel = window.panel(panel_id)
built = {"timeline": lambda: panel.chart_built, "conditions": lambda: panel.chart.is_built,
         "risks": lambda: panel.session_chart.built}[panel_id]
if panel_id == "timeline":
    panel.show_view(0)  # its detailed chart, one tap away
while not built():
    app.processEvents()
print("after", "pyqtgraph" in sys.modules)
"""


@pytest.mark.parametrize("panel_id", ["timeline", "conditions", "risks"])
def test_chart_panels_paint_their_poster_before_importing_pyqtgraph(panel_id: str) -> None:
    """The tap that opens a chart panel paints its poster first; the charts below it (and
    pyqtgraph) come after that paint."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", POSTER_FIRST, panel_id], cwd=REPO, capture_output=True,
                            text=True, timeout=120, check=False, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert "at first paint False" in lines, result.stdout
    assert "after True" in lines, result.stdout  # and the charts are built after it


def test_label_cache_keeps_no_reference_to_true(qtbot, qapp_fonts) -> None:
    """tests/refcounts.py counts references to True: a cache holding some would hide a leak."""
    label = QLabel()  # any label: the count moves only with the cited label's own cache
    qtbot.addWidget(label)
    cited = cited_label()
    qtbot.addWidget(cited)
    cited.setText("Words")
    before = sys.getrefcount(True)
    for width in range(100, 140):
        cited.heightForWidth(width)
    assert sys.getrefcount(True) - before < 5
