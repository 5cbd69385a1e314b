"""The settings of one benchmark run, handed to every section."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Context:
    runs: int = 5  # kept runs per figure (the median is reported)
    warmup: int = 1  # discarded runs before them
    display: str | None = None  # the private Xvfb display, or None when Xvfb is missing
    switch_cycles: int = 5  # rounds through every panel per switching run
    kiosk_rotations: int = 10_000  # for the kiosk soak hook

    @property
    def gui_platform(self) -> str:
        """Where GUI figures are measured: a real X server when there is one."""
        return "xcb" if self.display else "offscreen"
