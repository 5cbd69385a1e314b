"""What screen readers are told a widget is: tabs as page tabs, sheets as dialogs, titles as
headings, language buttons as radio buttons.

Qt describes a QPushButton as a push button (checkable: a check box), whatever it does.
Our topic tabs are checkable buttons (a QButtonGroup would make them one Tab stop, see
docs/accessibility.md), so Orca read "How it works check box not checked", and its Toggle
action ticked a box without changing the panel. Here an accessibility factory (installed
once, ``install``) gives such widgets the interface of what they are, chosen by a dynamic
property the widget already carries or is given:

- ``tab``: a page tab, selected when checked, whose default action presses it (switches
  the panel); the header is the page tab list.
- ``radio``: a radio button (the language switch), checked when checked.
- ``dialog``: a dialog (the details sheets, the About sheet, the PIN pad), named by its title.
- ``role`` "h1"/"h2" on a label: a heading (level 1 or 2).
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QApplication, QLabel, QWidget

_Role = QAccessible.Role


class _Button(QAccessibleWidget):
    """A button shown as ``role`` (page tab, radio button): pressed by its default action."""

    def __init__(self, widget: QAbstractButton, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._button = widget

    def state(self) -> QAccessible.State:
        state = super().state()
        on = self._button.isChecked()
        if self.role() == _Role.PageTab:
            state.selectable = True
            state.selected = on
        else:
            state.checkable = True
            state.checked = on
        return state

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._button.accessibleName() or self._button.text().replace("&&", "&")
        return super().text(kind)

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        return [QAccessibleWidget.pressAction()]

    def doAction(self, name: str) -> None:  # noqa: N802 - Qt override
        if name == QAccessibleWidget.pressAction() and self._button.isEnabled():
            self._button.click()


class _Labelled(QAccessibleWidget):
    """A widget shown as ``role`` (dialog, heading, tab list), named by its accessible name
    or, for a label, its text."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._widget = widget

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            name = self._widget.accessibleName()
            if not name and isinstance(self._widget, QLabel):
                name = self._widget.text()
            return name
        return super().text(kind)


def interface_for(key: str, obj: object) -> QAccessibleInterface | None:
    """The factory: an interface for the widgets this module knows, else None (Qt's own)."""
    if not isinstance(obj, QWidget):
        return None
    if isinstance(obj, QAbstractButton):
        if obj.property("tab"):
            return _Button(obj, _Role.PageTab)
        if obj.property("radio"):
            return _Button(obj, _Role.RadioButton)
        return None
    if obj.property("dialog"):
        return _Labelled(obj, _Role.Dialog)
    if obj.property("tablist"):
        return _Labelled(obj, _Role.PageTabList)
    if isinstance(obj, QLabel) and obj.property("role") in ("h1", "h2"):
        return _Labelled(obj, _Role.Heading)
    return None


_INSTALLED: list[bool] = []


def install(app: QApplication) -> None:
    """Install the factory once per process (before the first widget is asked about)."""
    del app  # the factory is process-wide in Qt; the app is asked for only to be sure one exists
    if not _INSTALLED:
        QAccessible.installFactory(interface_for)
        _INSTALLED.append(True)
