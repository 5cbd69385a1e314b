"""Reusable accessibility checks for any panel: keyboard reach, names, clipping, overlap.

Use them from GUI tests on a shown ``MainWindow``::

    order = assert_keyboard_complete(qtbot, window, "overview")
    assert_no_clipped_text(window, "overview")

Interactive widgets are found by kind, so panels added later are covered without listing
their controls: buttons, check boxes, combo boxes, sliders, text fields, spin boxes, item
views (chart data tables), labels with links, and any widget with the dynamic property
``clickable`` set (the convention for a card that acts as a button).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollBar,
    QWidget,
)

INTERACTIVE_TYPES: tuple[type[QWidget], ...] = (
    QAbstractButton, QComboBox, QAbstractSlider, QLineEdit, QAbstractSpinBox, QAbstractItemView,
)


def is_link_label(widget: QWidget) -> bool:
    return (isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText
            and "<a " in widget.text())


def is_interactive(widget: QWidget) -> bool:
    if isinstance(widget, QScrollBar):
        return False  # scrolled with the keyboard through its scroll area, not a Tab stop
    return (isinstance(widget, INTERACTIVE_TYPES) or is_link_label(widget)
            or bool(widget.property("clickable")))


def shown_in(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isEnabled()


def interactive_widgets(root: QWidget, window: QWidget) -> list[QWidget]:
    """Every enabled, shown interactive widget under ``root`` (``root`` included)."""
    found = [root] if is_interactive(root) and shown_in(root, window) else []
    found.extend(w for w in root.findChildren(QWidget) if is_interactive(w) and shown_in(w, window))
    return found


def tab_walk(qtbot, window: QWidget, start: QWidget, max_steps: int = 600) -> list[QWidget]:
    """Press Tab from ``start`` until focus comes back to it; the widgets focused, in order.

    Real key presses, so widgets that keep Tab to themselves (a text with several links)
    are walked the way a keyboard user walks them.
    """
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(start.hasFocus)
    order: list[QWidget] = [start]
    for _ in range(max_steps):
        focused = QApplication.focusWidget()
        assert focused is not None, "keyboard focus was lost"
        QTest.keyClick(focused, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        assert now is not None, "keyboard focus was lost"
        if now is start:
            return order
        if now is not order[-1]:
            order.append(now)
    raise AssertionError(f"Tab never came back to {start.objectName()!r} in {max_steps} presses")


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLabel) else ""
    return f"{type(widget).__name__} {widget.objectName()!r} {text[:40]!r}"


def _reached_another_way(widget: QWidget, reached: list[QWidget]) -> bool:
    """Keyboard models where Tab rightly skips a control.

    - A button of an exclusive group (radio-style step list): Tab stops once, on the group's
      checked button, and the arrow keys move within the group.
    - A control that takes no focus inside a focusable card that does what it does (the
      Other uses cards: Enter on the card opens the same details as its button).
    """
    if isinstance(widget, QAbstractButton):
        group = widget.group()
        if group is not None and group.exclusive() and any(b in reached for b in group.buttons()):
            return True
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        parent = widget.parentWidget()
        while parent is not None:
            if parent in reached and parent.property("clickable"):
                return True
            parent = parent.parentWidget()
    return False


def assert_keyboard_complete(qtbot, window, panel_id: str) -> list[QWidget]:
    """Show a panel; Tab must reach every interactive widget of the header and the panel,
    each with a non-empty accessible name, in the order header tabs, header tools, banner,
    panel. Returns the Tab order (unique widgets, first visit)."""
    window.show_panel(panel_id)
    panel = window.panel(panel_id)
    first_tab = next(iter(window.tab_buttons.values()))
    order = tab_walk(qtbot, window, first_tab)
    unique: list[QWidget] = list(dict.fromkeys(order))
    expected = (interactive_widgets(window.header, window) + interactive_widgets(window.banner, window)
                + interactive_widgets(panel, window))
    missing = [describe(w) for w in expected if w not in unique and not _reached_another_way(w, unique)]
    assert not missing, f"not reachable with Tab on {panel_id}: {missing}"
    unnamed = [describe(w) for w in unique if not w.accessibleName().strip()]
    assert not unnamed, f"focusable without an accessible name on {panel_id}: {unnamed}"
    # Sensible order: every header control before the banner, the banner before the panel.
    def first_index(widgets: Iterable[QWidget]) -> int:
        return min(unique.index(w) for w in widgets if w in unique)

    def last_index(widgets: Iterable[QWidget]) -> int:
        return max(unique.index(w) for w in widgets if w in unique)

    header = [w for w in unique if window.header.isAncestorOf(w)]
    in_panel = [w for w in unique if w is panel or panel.isAncestorOf(w)]
    assert header and in_panel
    assert last_index(header) < first_index(in_panel), "the panel is reached before the header's end"
    tabs = list(window.tab_buttons.values())
    assert [unique.index(t) for t in tabs] == sorted(unique.index(t) for t in tabs)
    assert last_index(tabs) < first_index(window.tools.buttons())
    strays = [describe(w) for w in unique if w not in header and w not in in_panel
              and not window.banner.isAncestorOf(w)]
    assert not strays, f"Tab stops outside the header, banner and shown panel: {strays}"
    return unique


# --- clipping and overlap ----------------------------------------------------------------
def _rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def text_labels(root: QWidget, window: QWidget) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel)
            if label.isVisibleTo(window) and label.text().strip()]


def label_problems(label: QLabel, viewport_width: int, body: QWidget) -> list[str]:
    """Why a label's text may not show in full: too short, too narrow, or cut by a parent."""
    problems = []
    name = f"{label.objectName() or type(label).__name__} {label.text()[:50]!r}"
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + 1:
            problems.append(f"{name}: needs {needed} px height, has {label.height()}")
    else:
        needed = label.sizeHint().width()
        if needed > label.width() + 1:
            problems.append(f"{name}: needs {needed} px width, has {label.width()}")
    # Every parent up to the page body must contain it (a card must not cut its text).
    parent = label.parentWidget()
    while parent is not None:
        if not parent.rect().adjusted(-1, -1, 1, 1).contains(_rect_in(label, parent)):
            problems.append(f"{name}: sticks out of {parent.objectName() or type(parent).__name__}")
            break
        if parent is body:
            break
        parent = parent.parentWidget()
    if body.isAncestorOf(label) and _rect_in(label, body).right() > viewport_width + 1:
        problems.append(f"{name}: past the right edge of the page ({viewport_width} px)")
    return problems


def overlaps(labels: list[QLabel], ancestor: QWidget) -> list[str]:
    rects = [(_rect_in(label, ancestor), label) for label in labels]
    found = []
    for i, (a, label_a) in enumerate(rects):
        for b, label_b in rects[i + 1:]:
            if a.intersected(b).width() > 1 and a.intersected(b).height() > 1:
                found.append(f"{label_a.text()[:30]!r} overlaps {label_b.text()[:30]!r}")
    return found


def assert_no_clipped_text(window, panel_id: str) -> None:
    """Every text label of the panel, header and footer shows in full, none overlapping."""
    window.show_panel(panel_id)
    QApplication.processEvents()
    panel = window.panel(panel_id)
    body = panel.widget()
    viewport = panel.viewport().width()
    problems: list[str] = []
    labels = text_labels(body, window)
    assert labels, f"{panel_id} shows no text"
    for label in labels:
        problems.extend(label_problems(label, viewport, body))
    problems.extend(overlaps(labels, body))
    assert body.width() <= viewport + 1, f"{panel_id}: page is wider than its viewport"
    footer_labels = text_labels(window.footer, window)
    for label in footer_labels:
        problems.extend(label_problems(label, window.footer.width(), window.footer))
    problems.extend(overlaps(footer_labels, window.footer))
    problems.extend(header_problems(window))
    assert not problems, f"{panel_id} at {window.width()}x{window.height()}, " \
        f"text {round(window.text_scale * 100)}%:\n" + "\n".join(problems)


def header_problems(window) -> list[str]:
    """Header buttons show their whole label, stay inside the header and do not overlap."""
    problems = []
    buttons = [b for b in window.header.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    header_rect = window.header.rect()
    rects: list[tuple[QRect, QAbstractButton]] = []
    for button in buttons:
        rect = _rect_in(button, window.header)
        if button.sizeHint().width() > button.width() + 1:
            problems.append(f"header {button.text()!r}: label needs {button.sizeHint().width()} px, "
                            f"has {button.width()}")
        if not header_rect.contains(rect):
            problems.append(f"header {button.text()!r} sticks out of the header")
        for other_rect, other in rects:
            if rect.intersects(other_rect):
                problems.append(f"header {button.text()!r} overlaps {other.text()!r}")
        rects.append((rect, button))
    if window.width() > window.header.width() + 1:
        problems.append("header narrower than the window")
    return problems
