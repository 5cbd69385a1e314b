"""Turn rows into the printed table, ``results.json`` and ``docs/performance.md``."""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, Row, fmt_value

BEGIN = "<!-- bench:begin (written by `make bench`; edit outside these markers) -->"
END = "<!-- bench:end -->"
HEADERS = ("group", "benchmark", "ketdesk", "bare baseline", "ratio", "target", "result")


def _result(row: Row) -> str:
    if row.met is None:
        return "-" if row.value is not None else "n/a"
    return "met" if row.met else "MISSED"


def cells(row: Row) -> tuple[str, ...]:
    ratio = row.ratio
    return (row.group, row.name, fmt_value(row.value, row.unit),
            fmt_value(row.baseline, row.unit) if row.baseline is not None else "-",
            f"{ratio:.2f}x" if ratio is not None else "-", row.target or "-", _result(row))


def text_table(rows: Sequence[Row]) -> str:
    table = [HEADERS, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    out = []
    for number, line in enumerate(table):
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
        if number == 0:
            out.append("  ".join("-" * w for w in widths))
    notes = [f"  {r.group} / {r.name}: {r.note}" for r in rows if r.note]
    if notes:
        out += ["", "notes:", *notes]
    return "\n".join(out)


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def markdown_table(rows: Sequence[Row]) -> str:
    out = ["| " + " | ".join(HEADERS) + " | note |", "|" + "---|" * (len(HEADERS) + 1)]
    for row in rows:
        out.append("| " + " | ".join(_md_escape(c) for c in (*cells(row), row.note)) + " |")
    return "\n".join(out)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return None


def _git_commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_info() -> dict[str, Any]:
    from PySide6.QtCore import qVersion

    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="minutes"),
        "commit": _git_commit(),
        "os": platform.platform(),
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "memory_gb": round(_memory_gb() or 0, 1),
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": _version("PySide6-Essentials"),
        "pyqtgraph": _version("pyqtgraph"),
        "numpy": _version("numpy"),
        "msgspec": _version("msgspec"),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(path: Path, machine: dict[str, Any], rows: Sequence[Row], settings: dict[str, Any],
               extras: dict[str, Any]) -> None:
    data = {"machine": machine, "settings": settings, "rows": [r.as_dict() for r in rows],
            "extras": extras}
    path.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")


def generated_section(machine: dict[str, Any], rows: Sequence[Row], settings: dict[str, Any]) -> str:
    missed = [r for r in rows if r.met is False]
    unavailable = [r for r in rows if r.value is None and r.note.startswith("not available")]
    lines = [
        BEGIN,
        f"Measured {machine['date']} at commit {machine['commit']} with `make bench` "
        f"({settings['runs']} kept runs after {settings['warmup']} warm-up, medians; "
        f"GUI figures on {'Xvfb' if settings['gui_platform'] == 'xcb' else 'offscreen'}).",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB RAM; "
        f"{machine['os']}; Python {machine['python']}, Qt {machine['qt']}, PySide6 {machine['pyside6']}, "
        f"pyqtgraph {machine['pyqtgraph']}, numpy {machine['numpy']}, msgspec {machine['msgspec']}. "
        f"Load average at start {machine['load_average_start']}, at end {machine.get('load_average_end')}.",
        "",
        markdown_table(rows),
        "",
        f"Targets missed in this run: {', '.join(r.name for r in missed) if missed else 'none'}.",
    ]
    if unavailable:
        lines.append(f"Not measured (module not present): {', '.join(r.group for r in unavailable)}.")
    phase_rows = [r for r in rows if "phases_ms" in r.detail]
    if phase_rows:
        detail = phase_rows[0].detail
        lines += ["", "Start-up steps (offscreen, medians, after interpreter start-up):", "",
                  "| ketdesk step | ms |", "|---|---|"]
        lines += [f"| {_md_escape(what)} | {ms:.1f} |" for what, ms in detail["phases_ms"].items()]
        lines.append(f"| **total** | **{sum(detail['phases_ms'].values()):.1f}** |")
        lines += ["", "| bare window step | ms |", "|---|---|"]
        lines += [f"| {_md_escape(what)} | {ms:.1f} |" for what, ms in detail["bare_phases_ms"].items()]
        lines.append(f"| **total** | **{sum(detail['bare_phases_ms'].values()):.1f}** |")
    lines.append(END)
    return "\n".join(lines)


def write_docs(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        _, _, tail = rest.partition(END)
        text = head + section + tail
    else:
        text = "# Performance\n\n" + section + "\n" + text
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
