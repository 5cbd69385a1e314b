"""The header's display controls (text size, contrast, language, About) and its layout.

The header must hold every topic tab (six today) and these controls on any screen from a 1024x600
kiosk to 4K, at any text size from 100% to 200%, in English or Spanish, without clipping
a word. The controls never move under a finger: they sit in a fixed zone at the header's
top-right corner, sized from the window alone (not the text size, not the language), so a
second tap on A+ lands on A+ again. ``HeaderLayout`` packs the tabs into as few rows as
their natural widths allow left of that zone (1, then 2 rows of 3, ...); only the tabs wrap.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QWidget,
    QWidgetItem,
)

from ketdesk.choices import MAX_SCALE, MIN_SCALE
from ketdesk.content.placeholders import fill
from ketdesk.content.schema.ui import AboutStrings, AccessStrings
from ketdesk.ui.flow_layout import WrappingLayout
from ketdesk.ui.widgets import button_text


@functools.cache
def _compositions(n: int) -> tuple[tuple[int, ...], ...]:
    """Every way to split n items into consecutive non-empty rows, in order."""
    if n == 0:
        return ((),)
    result: list[tuple[int, ...]] = []
    for first in range(n, 0, -1):
        result.extend((first, *rest) for rest in _compositions(n - first))
    return tuple(result)


# The window's first show alone plans the header a dozen times, at a few widths; a language,
# text size or theme change plans it again at widths it has seen. Pure integers in and out.
@functools.lru_cache(maxsize=256)
def _best_cuts(first: int, width: int, gap: int, natural: tuple[int, ...]) -> tuple[int, ...]:
    """The row sizes ``HeaderLayout._best`` keeps for tabs of these natural widths."""
    best: tuple[tuple[int, int, int], tuple[int, ...]] | None = None
    for cuts in _compositions(len(natural)):
        start, too_wide, widest = 0, False, 0
        for index, size in enumerate(cuts):
            row_width = sum(natural[start:start + size]) + gap * (size - 1)
            too_wide = too_wide or row_width > (first if index == 0 else width)
            widest = max(widest, row_width)
            start += size
        if too_wide and len(cuts) < len(natural):
            continue
        key = (len(cuts), max(cuts) - min(cuts), widest)
        if best is None or key < best[0]:
            best = (key, cuts)
    assert best is not None  # one tab per row always qualifies
    return best[1]


def _tool_button(object_name: str, *, checkable: bool = False) -> QPushButton:
    button = QPushButton()
    button.setObjectName(object_name)
    button.setProperty("tool", True)
    button.setCheckable(checkable)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class HeaderTools(QWidget):
    """A-/A+, a high-contrast toggle and one button per language in one compact row; About.

    The About button belongs to this group (its words, its place in the Tab order: last) but
    ``HeaderLayout`` places it in the header's top-right corner, outside this row, so adding it
    moves none of these controls and costs the header no extra row.

    The widget only reports what was pressed; the main window owns the state and calls
    ``show_state`` back, so keyboard shortcuts and buttons can never disagree.
    """

    text_step = Signal(int)  # -1 smaller, +1 bigger
    high_contrast_toggled = Signal(bool)
    language_chosen = Signal(str)
    about_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerTools")
        # Other header controls (e.g. a staff button) can be added to this row's end.
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.smaller = _tool_button("text-smaller")
        self.larger = _tool_button("text-larger")
        self.contrast = _tool_button("high-contrast", checkable=True)
        self.smaller.clicked.connect(lambda: self.text_step.emit(-1))
        self.larger.clicked.connect(lambda: self.text_step.emit(1))
        self.contrast.toggled.connect(self.high_contrast_toggled)
        # Plain checkable buttons, not a QButtonGroup: Tab must reach every language
        # (Qt makes a group one Tab stop). show_state checks the current one.
        self.language_buttons: dict[str, QPushButton] = {}
        self._lang_row = QHBoxLayout()
        self._lang_row.setSpacing(0)
        # The clinic's logo (clinic.toml) leads the row: part of the fixed zone, so the
        # tools stay put for it too; hidden without one.
        self.logo = QLabel()
        self.logo.setObjectName("headerLogo")
        self.logo.setTextFormat(Qt.TextFormat.PlainText)  # a picture; never guessed as markup
        self.logo.hide()
        self.row.addWidget(self.logo)
        self.row.addWidget(self.smaller)
        self.row.addWidget(self.larger)
        self.row.addSpacing(8)
        self.row.addWidget(self.contrast)
        self.row.addSpacing(8)
        self.row.addLayout(self._lang_row)
        self.about = _tool_button("about")  # placed by HeaderLayout.set_corner
        self.about.clicked.connect(self.about_requested)
        self._strings: AccessStrings | None = None

    def set_logo(self, image: QImage | None, name: str) -> None:
        """Show the clinic's logo (already ``image``'s height), or none."""
        if image is None or image.isNull():
            self.logo.clear()
            self.logo.hide()
            return
        self.logo.setPixmap(QPixmap.fromImage(image))
        self.logo.setAccessibleName(name)
        self.logo.show()

    def buttons(self) -> list[QAbstractButton]:
        """Every button in the row, in visual (and Tab) order, including ones added later."""
        found: list[QAbstractButton] = []

        def walk(layout: QLayout) -> None:
            for index in range(layout.count()):
                item = layout.itemAt(index)
                if item is None:
                    continue
                widget, inner = item.widget(), item.layout()
                if isinstance(widget, QAbstractButton):
                    found.append(widget)
                elif inner is not None:
                    walk(inner)

        walk(self.row)
        found.append(self.about)
        return found

    def apply_strings(self, access: AccessStrings, available: tuple[str, ...],
                      about: AboutStrings) -> None:
        """Words from the content pack; one language button per pack that is installed."""
        self._strings = access
        self.about.setText(button_text(about.button))
        self.about.setAccessibleName(about.button_name)
        self.about.setAccessibleDescription(about.button_description)
        self.setAccessibleName(access.tools_name)
        self.smaller.setText(button_text(access.text_smaller))
        self.smaller.setAccessibleName(access.text_smaller_name)
        self.larger.setText(button_text(access.text_larger))
        self.larger.setAccessibleName(access.text_larger_name)
        self.contrast.setText(button_text(access.contrast))
        self.contrast.setAccessibleName(access.contrast_name)
        self.contrast.setAccessibleDescription(access.contrast_description)
        choices = [c for c in access.languages if c.code in available]
        if [c.code for c in choices] != list(self.language_buttons):
            self._rebuild_language_buttons([c.code for c in choices])
        for choice in choices:
            button = self.language_buttons[choice.code]
            button.setText(button_text(choice.short))
            button.setAccessibleName(choice.name)
            description = fill(access.language_description, language=choice.name)
            button.setAccessibleDescription(description)
        # A single language needs no switch.
        for button in self.language_buttons.values():
            button.setVisible(len(choices) > 1)

    def _rebuild_language_buttons(self, codes: list[str]) -> None:
        for button in self.language_buttons.values():
            self._lang_row.removeWidget(button)
            button.deleteLater()
        self.language_buttons = {}
        for code in codes:
            button = _tool_button(f"lang-{code}", checkable=True)
            button.setProperty("radio", True)  # one of a group, to screen readers
            button.clicked.connect(lambda _checked=False, c=code: self.language_chosen.emit(c))
            self._lang_row.addWidget(button)
            self.language_buttons[code] = button

    def show_state(self, scale: float, lang: str, high_contrast: bool) -> None:
        """Reflect the window's current choices: limits disable A-/A+, checked language."""
        percent = round(scale * 100)
        self.smaller.setEnabled(scale > MIN_SCALE + 1e-6)
        self.larger.setEnabled(scale < MAX_SCALE - 1e-6)
        if self._strings is not None:
            now = fill(self._strings.text_size_now, percent=percent)
            for button in (self.smaller, self.larger):
                button.setAccessibleDescription(now)
        self.contrast.blockSignals(True)
        self.contrast.setChecked(high_contrast)
        self.contrast.blockSignals(False)
        for code, button in self.language_buttons.items():
            button.setChecked(code == lang)

    def set_spacing(self, px: int) -> None:
        self.row.setSpacing(px)
        self._lang_row.setSpacing(max(2, px // 3))
        for index in range(self.row.count()):
            item = self.row.itemAt(index)
            if item is not None and item.spacerItem() is not None:
                spacer = item.spacerItem()
                assert spacer is not None
                spacer.changeSize(px, 0)
        self.row.invalidate()


class HeaderLayout(WrappingLayout):
    """Tabs first, tools last; wraps into rows so nothing is ever squeezed or clipped.

    Tabs keep at least their natural width (their whole label); spare width in a row is
    shared equally, as a stretched row of buttons would. The layout reports a height for
    each width, so the window gives the header exactly the rows it needs.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, rows=1)
        self._tools: QLayoutItem | None = None
        self._corner: QLayoutItem | None = None
        self._corner_allowed = True

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        item = super().takeAt(index)
        if item is self._tools:
            self._tools = None
        if item is self._corner:
            self._corner = None
        return item

    def set_corner(self, widget: QWidget) -> None:
        """A control after the last tab, at the right end of its row (the About button):
        it wraps with the tabs, so the tools never move for it. It never costs the header
        a row: where it would, the layout hides it (F1 and the staff menu still open it)."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        self._corner = item
        self.invalidate()

    def set_corner_allowed(self, allowed: bool) -> None:
        """Whether the corner control may show at all (kiosk mode keeps it for staff)."""
        self._corner_allowed = allowed
        self.invalidate()

    def _corner_size(self) -> QSize:
        # The widget's own hint: its layout item reports 0x0 while the layout hides it.
        corner = self._corner
        widget = corner.widget() if corner is not None else None
        if widget is None:
            return QSize(0, 0)
        hint = widget.sizeHint().expandedTo(widget.minimumSize())
        return hint

    def set_tools(self, widget: QWidget) -> None:
        """The controls that go after the tabs (added once)."""
        self.addChildWidget(widget)
        item = QWidgetItem(widget)
        self._items.append(item)
        self._tools = item
        self.invalidate()

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation.Horizontal

    def _least(self, item: QLayoutItem) -> QSize:
        # As narrow as the widest single control (whole label): everything else wraps.
        return QSize(self._natural(item), item.sizeHint().height())

    def _zone(self) -> tuple[int, int]:
        """Width and height of the fixed top-right zone of the tools. Its size comes from
        the tools' own fixed sizes, which depend on the window's size only, never on the
        text size or the language."""
        tools = self._tools if self._tools is not None and not self._tools.isEmpty() else None
        if tools is None:
            return 0, 0
        return self._natural(tools), tools.sizeHint().height()

    def _flowing(self, with_corner: bool) -> list[QLayoutItem]:
        """What wraps: the tabs, then the corner control (About) if asked and allowed."""
        tabs = [item for item in self._visible() if item is not self._tools and item is not self._corner]
        if with_corner and self._corner is not None and self._corner_allowed and tabs:
            tabs.append(self._corner)
        return tabs

    def _plan(self, width: int) -> tuple[list[list[QLayoutItem]], int, bool]:
        """Tab rows, the width the first row may use, and whether that row sits beside the
        fixed zone (left of it) or, when not even one tab fits there, below it. Rows after
        the first always use the whole width: the tabs wrap round the zone.

        Tries every way to cut the tabs into consecutive rows (six tabs: at most 32) and
        keeps the fewest rows; ties go to rows of the most even tab counts, then to the
        narrowest. Tabs never shrink below their natural width.
        """
        zone_width, _zone_height = self._zone()
        beside = width - (zone_width + 2 * self.spacing() if zone_width else 0)
        best: tuple[list[list[QLayoutItem]], int, bool] = ([], width, False)
        # About never costs the header a row: where it would, it waits (F1 reaches it).
        for with_corner in (False, True):
            tabs = self._flowing(with_corner)
            if not tabs:
                return best
            fits_beside = beside >= max(self._natural(t) for t in tabs)
            first = beside if fits_beside else width
            rows = self._best(first, width, tabs)
            if not best[0] or len(rows) <= len(best[0]):
                best = (rows, first, fits_beside)
        return best

    def _best(self, first: int, width: int, tabs: list[QLayoutItem]) -> list[list[QLayoutItem]]:
        natural = tuple(self._corner_size().width() if t is self._corner else self._natural(t)
                        for t in tabs)
        rows, start = [], 0
        for size in _best_cuts(first, width, self.spacing(), natural):
            rows.append(tabs[start:start + size])
            start += size
        return rows

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        """The zone at the top-right corner, always at the same place; the tabs in rows,
        the first left of the zone (or below it on a very narrow window), the rest below."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        width = max(1, area.width())
        gap = self.spacing()
        chunks, first, beside = self._plan(width)
        zone_width, zone_height = self._zone()
        tools = self._tools if self._tools is not None and not self._tools.isEmpty() else None
        corner = self._corner
        corner_shows = corner is not None and any(corner in chunk for chunk in chunks)
        if apply and corner is not None:
            widget = corner.widget()
            if widget is not None and widget.isHidden() == corner_shows:
                widget.setVisible(corner_shows)
        if apply and tools is not None:
            tools.setGeometry(QRect(area.right() + 1 - zone_width, area.y(), zone_width, zone_height))
        y = area.y() if beside or not zone_width else area.y() + zone_height + gap
        bottom = area.y() + zone_height
        for number, chunk in enumerate(chunks):
            row_items = list(chunk)
            height = max((item.sizeHint().height() for item in row_items if item is not corner),
                         default=0)
            if number == 1 and beside:
                # The next row starts below both the first row and the zone.
                y = max(y, area.y() + zone_height + gap)
            usable = first if number == 0 else width
            if corner is not None and corner in row_items:
                # About keeps its own size at the row's right end; the tabs share the rest.
                row_items.remove(corner)
                size = self._corner_size()
                usable -= size.width() + gap
                if apply:
                    corner.setGeometry(QRect(area.x() + usable + gap, y, size.width(), size.height()))
                height = max(height, size.height())
            natural = [self._natural(item) for item in row_items]
            spare = max(0, usable - sum(natural) - gap * (len(row_items) - 1))
            x = area.x()
            for n, (item, nat) in enumerate(zip(row_items, natural, strict=True)):
                # Spread the spare pixels so the row ends exactly at its right edge.
                extra = spare * (n + 1) // len(row_items) - spare * n // len(row_items)
                w = nat + extra
                if apply:
                    item.setGeometry(QRect(x, y, w, height))
                x += w + gap
            bottom = max(bottom, y + height)
            y += height + gap
        if apply:
            self._rows = len(chunks) + (0 if beside or not zone_width else 1)
        return bottom - area.y() + m.top() + m.bottom()
