"""Colours and sizes, turned into one Qt style sheet.

Sizes follow the window: text is sized from the window's size so that a 4K waiting-room
screen and a 1024x600 kiosk both read from two metres, then multiplied by the user's text
scale. Colours come in named themes; every text/background pair is listed in
``Theme.text_pairs`` so a test can check its contrast.
"""

from __future__ import annotations

from dataclasses import dataclass

# Okabe-Ito: the colour-blind-safe palette used by every chart (Okabe & Ito, 2008).
OKABE_ITO: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    surface: str  # cards and the header
    text: str
    muted: str
    accent: str  # selected tab, primary buttons
    accent_text: str
    note_bg: str
    warning_bg: str
    warning_text: str
    border: str
    focus: str
    link: str
    # Chart colours in the order series are drawn; paired with markers and dash styles.
    series: tuple[str, ...]

    def text_pairs(self) -> dict[str, tuple[str, str, bool]]:
        """Every foreground/background pair the UI draws: name -> (fg, bg, is_large_text)."""
        return {
            "body on window": (self.text, self.window, False),
            "body on surface": (self.text, self.surface, False),
            "muted on window": (self.muted, self.window, False),
            "muted on surface": (self.muted, self.surface, False),
            "tab selected": (self.accent_text, self.accent, False),
            "tab idle": (self.text, self.surface, False),
            "note text": (self.text, self.note_bg, False),
            "warning text": (self.warning_text, self.warning_bg, False),
            "link on window": (self.link, self.window, False),
            "link on surface": (self.link, self.surface, False),
        }


STANDARD = Theme(
    name="standard",
    window="#F7F5F0",
    surface="#FFFFFF",
    text="#1B1B1F",
    muted="#4A4A55",
    accent="#005A8C",
    accent_text="#FFFFFF",
    note_bg="#E8F1F8",
    warning_bg="#FFF1D6",
    warning_text="#3D2600",
    border="#B8B4AA",
    focus="#C2410C",
    link="#005A8C",
    series=(OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["green"],
            OKABE_ITO["vermillion"], OKABE_ITO["purple"], OKABE_ITO["sky"]),
)

THEMES: dict[str, Theme] = {STANDARD.name: STANDARD}


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes derived from the window size and the user's text scale."""

    em: int  # body text, px
    text_scale: float = 1.0

    @staticmethod
    def for_window(width: int, height: int, text_scale: float = 1.0) -> Metrics:
        # 24 px body text at 1920x1080, scaled with the smaller of the two ratios so that
        # wide or tall windows never overflow; never below 16 px, the floor for legibility.
        unit = min(width / 1920, height / 1080)
        base = max(16.0, 24.0 * unit)
        return Metrics(em=round(base * text_scale), text_scale=text_scale)

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
    def touch(self) -> int:
        """Minimum height of anything tappable: 44 px (WCAG 2.5.5) or more with big text."""
        return max(44, self.px(2.2))

    @property
    def gap(self) -> int:
        return self.px(0.75)


def stylesheet(theme: Theme, m: Metrics) -> str:
    """The whole application's style sheet for one theme and size."""
    radius = m.px(0.4)
    return f"""
* {{ font-family: "Atkinson Hyperlegible"; font-size: {m.em}px; color: {theme.text}; }}
QMainWindow, QWidget#central, QScrollArea, QWidget#panelBody {{ background: {theme.window}; }}
QWidget#header {{ background: {theme.surface}; border-bottom: 2px solid {theme.border}; }}
QWidget#footer {{ background: {theme.surface}; border-top: 1px solid {theme.border}; }}
QLabel {{ background: transparent; }}
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
QPushButton {{ min-height: {m.touch}px; padding: 0 {m.px(0.8)}px; border-radius: {radius}px;
    background: {theme.surface}; border: 2px solid {theme.border}; }}
QPushButton:hover {{ border-color: {theme.accent}; }}
QPushButton:checked, QPushButton[primary="true"] {{ background: {theme.accent};
    color: {theme.accent_text}; border-color: {theme.accent}; font-weight: bold; }}
QPushButton:disabled {{ color: {theme.muted}; border-style: dashed; }}
QPushButton:focus, QCheckBox:focus {{ outline: none; border: 3px solid {theme.focus}; }}
QPushButton[tab="true"] {{ border-radius: 0; border-width: 0 0 4px 0; border-color: transparent;
    background: {theme.surface}; }}
QPushButton[tab="true"]:checked {{ background: {theme.accent}; color: {theme.accent_text};
    border-color: {theme.focus}; }}
QPushButton[tab="true"]:focus {{ border: 3px solid {theme.focus}; }}
QCheckBox {{ min-height: {m.touch}px; spacing: {m.px(0.5)}px; }}
QCheckBox::indicator {{ width: {m.px(1.1)}px; height: {m.px(1.1)}px; }}
QScrollBar:vertical {{ width: {max(16, m.px(0.8))}px; background: {theme.window}; }}
QScrollBar::handle:vertical {{ background: {theme.border}; min-height: {m.touch}px;
    border-radius: {max(4, m.px(0.3))}px; }}
QToolTip {{ background: {theme.surface}; color: {theme.text}; border: 2px solid {theme.text};
    padding: {m.px(0.3)}px; font-size: {m.em}px; }}
"""
