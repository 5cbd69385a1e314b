"""Colours and sizes, turned into one Qt style sheet.

Sizes follow the window: text is sized from the window's size so that a 4K waiting-room
screen and a 1024x600 kiosk both read from two metres, then multiplied by the user's text
scale. Colours come in named themes; every text/background pair is listed in
``Theme.text_pairs`` so a test can check its contrast.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ketdesk.choices import HIGH_CONTRAST_THEME, STANDARD_THEME, SYSTEM_THEME


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    surface: str  # cards, the header, and the background of every chart
    text: str
    muted: str
    accent: str  # selected tab, primary buttons, big numbers
    accent_text: str
    note_bg: str
    warning_bg: str
    warning_text: str
    border: str  # card and button outlines: 3:1 against what they sit on (WCAG 1.4.11)
    focus: str
    link: str
    # Chart, pictogram and diagram colours are not here: they mean things, and what they
    # mean is kept in one place, ``ketdesk/ui/visual_key.py`` (one key per theme name).

    @property
    def chart_background(self) -> str:
        return self.surface

    def text_pairs(self) -> dict[str, tuple[str, str, bool]]:
        """Every foreground/background pair the UI draws: name -> (fg, bg, is_large_text)."""
        pairs = {
            "body on window": (self.text, self.window, False),
            "body on surface": (self.text, self.surface, False),
            "muted on window": (self.muted, self.window, False),
            "muted on surface": (self.muted, self.surface, False),
            "muted on note": (self.muted, self.note_bg, False),
            "tab selected": (self.accent_text, self.accent, False),
            "tab idle": (self.text, self.surface, False),
            "big number on surface": (self.accent, self.surface, True),
            "note text": (self.text, self.note_bg, False),
            "warning text": (self.warning_text, self.warning_bg, False),
            "link on window": (self.link, self.window, False),
            "link on surface": (self.link, self.surface, False),
            "link on note": (self.link, self.note_bg, False),
            "link on warning": (self.link, self.warning_bg, False),
            "tooltip": (self.text, self.surface, False),
            "chart text": (self.text, self.chart_background, False),
        }
        return pairs

    def graphic_pairs(self) -> dict[str, tuple[str, str]]:
        """Non-text colours that carry meaning, against what they sit on: need 3:1 (WCAG 1.4.11)."""
        pairs = {
            "focus ring on window": (self.focus, self.window),
            "focus ring on surface": (self.focus, self.surface),
            "button border on surface": (self.border, self.surface),
            "button border on window": (self.border, self.window),
            "selected tab on surface": (self.accent, self.surface),
            "warning border": (self.warning_text, self.warning_bg),
            "chart axes": (self.text, self.chart_background),
        }
        return pairs


STANDARD = Theme(
    name=STANDARD_THEME,
    window="#F7F5F0",
    surface="#FFFFFF",
    text="#1B1B1F",
    muted="#4A4A55",
    accent="#005A8C",
    accent_text="#FFFFFF",
    note_bg="#E8F1F8",
    warning_bg="#FFF1D6",
    warning_text="#3D2600",
    border="#86827A",
    focus="#C2410C",
    link="#005A8C",
)

# White and yellow on black: the usual high-contrast scheme, for low vision and glare.
HIGH_CONTRAST = Theme(
    name=HIGH_CONTRAST_THEME,
    window="#000000",
    surface="#000000",
    text="#FFFFFF",
    muted="#E0E0E0",
    accent="#FFD400",
    accent_text="#000000",
    note_bg="#002B55",
    warning_bg="#000000",
    warning_text="#FFE14D",
    border="#FFFFFF",
    focus="#FF7AFF",
    link="#7CC8FF",
)

THEMES: dict[str, Theme] = {STANDARD.name: STANDARD, HIGH_CONTRAST.name: HIGH_CONTRAST}


def system_prefers_high_contrast() -> bool:
    """True when the platform reports a high-contrast preference (Qt 6.10+ reports it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        return False
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is None:  # Qt older than 6.10: no way to ask
        return False
    return bool(accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast)


def follow_system_contrast(apply: Callable[[Theme], None]) -> None:
    """Call ``apply`` with the matching theme whenever the system's contrast setting changes."""
    from PySide6.QtGui import QGuiApplication

    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        accessibility().contrastPreferenceChanged.connect(
            lambda *_: apply(resolve_theme(SYSTEM_THEME)))


def resolve_theme(name: str) -> Theme:
    """The theme for a setting value: a theme name, or "system"; unknown names fall back."""
    if name == SYSTEM_THEME:
        return HIGH_CONTRAST if system_prefers_high_contrast() else STANDARD
    return THEMES.get(name, STANDARD)


# Apple's 44 pt and WCAG 2.5.5's 44 x 44 px: the floor of every tap target.
TARGET_PX = 44


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes derived from the window size and the user's text scale."""

    em: int  # body text, px
    text_scale: float = 1.0
    # Body text at 100%: what the header's controls are sized from, so that they keep their
    # size and place whatever the text size (0: the same as ``em``).
    base: int = 0
    # 9 mm in pixels on this screen (ketdesk.ui.physical): on a dense screen more than 44 px.
    min_target: int = TARGET_PX

    @staticmethod
    def for_window(width: int, height: int, text_scale: float = 1.0,
                   min_target: int = TARGET_PX) -> Metrics:
        # 24 px body text at 1920x1080, scaled with the smaller of the two ratios so that
        # wide or tall windows never overflow; never below 16 px, the floor for legibility.
        # A portrait screen is measured against 1080x1920 and gets 20 px there: measured
        # against a landscape screen it would get the 16 px floor of a 1024x600 panel with
        # twice its width, and a tall page of small type (24 px broke the mechanism
        # diagram's labels at 200%).
        if height > width:
            unit = min(width / 1080, height / 1920) * (20 / 24)
        else:
            unit = min(width / 1920, height / 1080)
        base = max(16.0, 24.0 * unit)
        return Metrics(em=round(base * text_scale), text_scale=text_scale, base=round(base),
                       min_target=max(TARGET_PX, min_target))

    @property
    def fixed(self) -> Metrics:
        """These metrics at 100% text: for what must not grow with the text (header tools)."""
        base = self.base or self.em
        return Metrics(em=base, base=base, min_target=self.min_target)

    def px(self, factor: float) -> int:
        return max(1, round(self.em * factor))

    @property
    def h1(self) -> int:
        return self.px(1.6)

    @property
    def h2(self) -> int:
        return self.px(1.25)

    @property
    def lead(self) -> int:
        return self.px(1.15)

    @property
    def small(self) -> int:
        # Source references and footers: smaller, but never under 14 px.
        return max(14, self.px(0.8))

    @property
    def big_number(self) -> int:
        return self.px(2.4)

    @property
    def target(self) -> int:
        """The least size of a tap target, each way: 44 px (WCAG 2.5.5) and 9 mm."""
        return max(TARGET_PX, self.min_target)

    @property
    def touch(self) -> int:
        """Minimum height of anything tappable: 44 px and 9 mm, or more with big text."""
        return max(self.target, self.px(2.2))

    @property
    def gap(self) -> int:
        return self.px(0.75)


def stylesheet(theme: Theme, m: Metrics) -> str:
    """The whole application's style sheet for one theme and size."""
    radius = m.px(0.4)
    f = m.fixed
    tool_pad, tool_border = f.px(0.25), max(3, f.px(0.15))  # header tools: never resized
    ring = max(3, m.px(0.15))  # focus ring width: thick enough to see from a step back
    return f"""
* {{ font-family: "Atkinson Hyperlegible"; font-size: {m.em}px; color: {theme.text}; }}
QMainWindow, QScrollArea {{ background: {theme.window}; }}
QScrollArea[panel="true"] {{ background: none; }}
QWidget#header {{ background: {theme.surface}; border-bottom: 2px solid {theme.border}; }}
QWidget#footer {{ background: {theme.surface}; border-top: 1px solid {theme.border}; }}
QLabel {{ background: transparent; }}
QLabel[role] {{ border: {ring}px solid transparent; }}
QLabel[role="h1"] {{ font-size: {m.h1}px; font-weight: bold; }}
QLabel[role="h2"] {{ font-size: {m.h2}px; font-weight: bold; }}
QLabel[role="lead"] {{ font-size: {m.lead}px; }}
QLabel[role="small"] {{ font-size: {m.small}px; color: {theme.muted}; }}
QLabel[role="big"] {{ font-size: {m.big_number}px; font-weight: bold; color: {theme.accent}; }}
QLabel[highlight="true"] {{ background: {theme.note_bg}; border-left: {m.px(0.3)}px solid {theme.accent};
    padding-left: {m.px(0.3)}px; }}
QFrame[card="true"] {{ background: {theme.surface}; border: 1px solid {theme.border};
    border-radius: {radius}px; }}
QFrame[card="note"] {{ background: {theme.note_bg}; border: 1px solid {theme.border};
    border-radius: {radius}px; }}
QFrame[card="warning"] {{ background: {theme.warning_bg}; border: 2px solid {theme.warning_text};
    border-radius: {radius}px; }}
QFrame[card="warning"] QLabel {{ color: {theme.warning_text}; }}
QWidget#banner {{ background: {theme.warning_bg}; border-bottom: 2px solid {theme.warning_text}; }}
QWidget#banner QLabel {{ color: {theme.warning_text}; }}
QPushButton, QToolButton {{ min-height: {m.touch}px; padding: 0 {m.px(0.8)}px; border-radius: {radius}px;
    background: {theme.surface}; border: 2px solid {theme.border}; }}
QPushButton:hover, QToolButton:hover {{ border-color: {theme.accent}; }}
QPushButton:checked, QPushButton[primary="true"], QToolButton:checked {{ background: {theme.accent};
    color: {theme.accent_text}; border-color: {theme.accent}; }}
/* Bold only where it never changes: Qt sizes a button for its first font, and a bold
   ":checked" text would then be cut off (e.g. "Show as chart" in a narrow card). */
QPushButton[primary="true"] {{ font-weight: bold; }}
QPushButton:disabled, QToolButton:disabled {{ color: {theme.muted}; border-style: dashed; }}
QPushButton[tab="true"] {{ border-radius: 0; border-width: 0 0 4px 0; border-color: transparent;
    background: {theme.surface}; font-weight: bold; padding: 0 {m.px(0.6)}px; }}
QPushButton[tab="true"]:checked {{ background: {theme.accent}; color: {theme.accent_text};
    border-color: {theme.focus}; }}
QPushButton[chip="true"] {{ min-width: {m.target}px; min-height: {m.target}px; padding: 0;
    font-size: {m.small}px; font-weight: bold; color: {theme.link}; border-radius: {m.target // 2}px; }}
/* The header's tools keep one size and place at every text size and in every language:
   sized from the 100% text size, wide enough for the longest shipped label. */
QPushButton[tool="true"] {{ min-width: {max(0, m.target - 2 * tool_pad - 2 * tool_border)}px;
    min-height: {f.touch}px; padding: 0 {tool_pad}px; font-weight: bold; font-size: {f.em}px; }}
QPushButton#high-contrast {{ min-width: {f.px(5)}px; }}
QCheckBox, QRadioButton {{ min-height: {m.touch}px; spacing: {m.px(0.5)}px;
    border: {ring}px solid transparent; padding: 0 {m.px(0.2)}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: {m.px(1.1)}px; height: {m.px(1.1)}px; }}
QComboBox, QLineEdit, QAbstractSpinBox {{ min-height: {m.touch}px; padding: 0 {m.px(0.4)}px;
    background: {theme.surface}; border: 2px solid {theme.border}; border-radius: {radius}px; }}
QComboBox QAbstractItemView {{ background: {theme.surface}; color: {theme.text};
    selection-background-color: {theme.accent}; selection-color: {theme.accent_text}; }}
QSlider {{ min-height: {m.touch}px; border: {ring}px solid transparent; }}
QAbstractItemView {{ border: {ring}px solid transparent; }}
QTableView {{ background: {theme.surface}; color: {theme.text}; gridline-color: {theme.border}; }}
QHeaderView::section {{ background: {theme.window}; color: {theme.text}; font-weight: bold;
    border: 1px solid {theme.border}; padding: {m.px(0.2)}px; }}
/* One focus ring for every kind of control, so keyboard users always see where they are. */
QPushButton:focus, QToolButton:focus, QPushButton[tab="true"]:focus, QCheckBox:focus,
QRadioButton:focus, QComboBox:focus, QLineEdit:focus, QAbstractSpinBox:focus, QSlider:focus,
QFrame[clickable="true"]:focus, QAbstractItemView:focus {{
    outline: none; border: {ring}px solid {theme.focus}; }}
/* The header's tools: one border width, focused or not, at every text size (never move). */
QPushButton[tool="true"] {{ border-width: {tool_border}px; }}
QPushButton[tool="true"]:focus {{ border: {tool_border}px solid {theme.focus}; }}
QFrame[clickable="true"]:hover {{ border-color: {theme.accent}; }}
/* Parts of panels, styled here once rather than by a style sheet on each widget (each
   such sheet gives its widget a style of its own, built and polished separately). */
QLabel#meterWord {{ font-weight: bold; }}
QLabel#approval {{ border-left: {m.px(0.25)}px solid {theme.text}; padding-left: {m.px(0.4)}px;
    font-weight: bold; }}
QLabel#duration {{ color: {theme.accent}; font-weight: bold; }}
QLabel#timelineKeyLetter {{ border: {max(2, m.px(0.1))}px solid {theme.text};
    border-radius: {max(2, m.px(0.15))}px; padding: 0 {max(2, m.px(0.15))}px; font-weight: bold;
    background: {theme.surface}; }}
QScrollArea[panel="true"] {{ border: {ring}px solid transparent; }}
QScrollArea[panel="true"]:focus {{ border: {ring}px solid {theme.focus}; }}
QScrollBar:vertical {{ width: {max(16, m.px(0.8))}px; background: {theme.window}; }}
QScrollBar::handle:vertical {{ background: {theme.border}; min-height: {m.touch}px;
    border-radius: {max(4, m.px(0.3))}px; }}
QToolTip {{ background: {theme.surface}; color: {theme.text}; border: 2px solid {theme.text};
    padding: {m.px(0.3)}px; font-size: {m.em}px; }}
"""
