"""Bare PySide6 baselines for memory, panel switching and a chart's first show.

``memory``: a window that imports pyqtgraph and shows one plot, then reports its memory.
``switch N [WxH]``: six pages of word-wrapped text behind six checkable buttons at WxH
    (default 1920x1080); reports click-to-painted times after each page's first show.
``chart``: a window already painted; then a click imports pyqtgraph and shows one plot,
    the least any lazily built chart costs; reports click-to-painted.
``chart warm``: the same with pyqtgraph imported before the click.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from benchmarks.probes.kit import (
    PaintWatch,
    activate,
    install_qt_message_handler,
    parse_size,
    report,
    report_memory,
    report_warnings,
    time_switches,
    wait_painted,
)

PAGES = 6
PARAGRAPH = ("A short paragraph of plain text, wrapped to the width of the window, so that the "
             "page has about as much to lay out as a panel of cards does. ") * 2


def plot(layout_parent: QStackedWidget) -> Any:
    import pyqtgraph

    widget = pyqtgraph.PlotWidget()
    widget.plot([0, 1, 2, 3, 4, 5, 6, 7], [0, 3, 2, 5, 4, 6, 5, 7], pen="b", symbol="o")
    layout_parent.addWidget(widget)
    return widget


class Window(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        central = QWidget()
        column = QVBoxLayout(central)
        header = QHBoxLayout()
        column.addLayout(header)
        self.stack = QStackedWidget()
        column.addWidget(self.stack, 1)
        self.buttons: list[QPushButton] = []
        group = QButtonGroup(self)
        for index in range(PAGES):
            button = QPushButton(f"Page {index + 1}")
            button.setCheckable(True)
            group.addButton(button, index)
            header.addWidget(button)
            self.buttons.append(button)
            page = QScrollArea()
            page.setWidgetResizable(True)
            body = QWidget()
            body_layout = QVBoxLayout(body)
            for _ in range(10):
                label = QLabel(PARAGRAPH)
                label.setWordWrap(True)
                body_layout.addWidget(label)
            body_layout.addStretch(1)
            page.setWidget(body)
            self.stack.addWidget(page)
        group.idClicked.connect(self.stack.setCurrentIndex)
        self.setCentralWidget(central)


def shown(window: QMainWindow, size: tuple[int, int]) -> PaintWatch:
    central = window.centralWidget()
    assert central is not None
    watch = PaintWatch(central)
    window.resize(*size)
    window.show()
    wait_painted(watch)
    activate(window)
    return watch


def memory() -> None:
    window = QMainWindow()
    stack = QStackedWidget()
    window.setCentralWidget(stack)
    shown(window, (1920, 1080))
    widget = plot(stack)
    watch = PaintWatch(widget.viewport())
    stack.setCurrentWidget(widget)
    wait_painted(watch)
    report_memory()


def switch(cycles: int, size: tuple[int, int]) -> None:
    window = Window()
    shown(window, size)
    pages = [window.stack.widget(i) for i in range(PAGES)]
    watches = [PaintWatch(page.widget()) for page in pages if isinstance(page, QScrollArea)]
    order = [*range(1, PAGES), 0]  # page 0 is showing; a tap on it would change nothing
    for index in order:  # first show of each page, not measured
        before = watches[index].count
        QTest.mouseClick(window.buttons[index], Qt.MouseButton.LeftButton)
        wait_painted(watches[index], before)
    times = time_switches([window.buttons[i] for i in order], [watches[i] for i in order], cycles)
    report("switch_ms", " ".join(f"{t:.3f}" for t in times))


def chart(warm: bool = False) -> None:
    window = QMainWindow()
    stack = QStackedWidget()
    window.setCentralWidget(stack)
    shown(window, (1920, 1080))
    assert "pyqtgraph" not in sys.modules
    if warm:
        import pyqtgraph  # noqa: F401 - the import is the point

    start = time.perf_counter()
    widget = plot(stack)
    watch = PaintWatch(widget.viewport())
    stack.setCurrentWidget(widget)
    wait_painted(watch)
    report("first_show_ms", f"{(time.perf_counter() - start) * 1000:.3f}")


if __name__ == "__main__":
    install_qt_message_handler()
    app = QApplication(sys.argv[:1])
    mode = sys.argv[1]
    if mode == "memory":
        memory()
    elif mode == "switch":
        switch(int(sys.argv[2]), parse_size(sys.argv[3:4]))
    elif mode == "chart":
        chart(warm=sys.argv[2:3] == ["warm"])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    report_warnings()
