"""Frozen ketdesk against a bare frozen PySide6 window: size, start-up and memory.

    python3 benchmarks/bench_frozen.py [--runs 5] [--onefile]     (after `make dist`)

In one run it freezes two bare apps with ketdesk's own PyInstaller settings
(packaging/freeze.py: excludes, Qt plugin filters, stripping, EXE options) and the same
build venv, then measures them side by side with dist/ketdesk:

- ``bare``: a QMainWindow with one label;
- ``bare+pyqtgraph``: the same window importing pyqtgraph and showing a plot, as an app
  that imports its charts up front would;
- ``floor``: ``benchmarks/probes/poster_floor.py content`` frozen with ketdesk's
  resources: the bundled fonts and the opening poster's headline and message, its words
  loaded and validated by ketdesk's content model; the least a frozen start that opens on
  the poster does (no target: it shows what the first-paint target leaves).

Measured: onedir folder size (``du -sm``), tar.gz size (gzip -9), process start to first
paint on an Xvfb display (each app prints ``first-paint <epoch>`` and exits when run with
KETDESK_REPORT_FIRST_PAINT=1 KETDESK_EXIT_AFTER_FIRST_PAINT=1), and peak RSS of that run
(from wait4). One warm-up run, then the median of ``--runs`` runs: "cold" means a new
process, with the files in the page cache (dropping caches would disturb the machine).
ketdesk's peak RSS with every panel and chart built (``--self-test``) is reported too.

A harness calls ``run()`` and gets the numbers and the target verdicts as a dict.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from scripts.xdisplay import private_display  # noqa: E402 - run as a file, REPO on the path

VENV = REPO / "build" / "venv-dist"
WORK = REPO / "build" / "bench-frozen"

TARGETS = {
    "onedir_mb": 185,
    "archive_mb": 75,
    "first_paint_vs_bare": 1.3,
    "peak_rss_vs_bare_pyqtgraph": 1.25,
}

# The bare apps. Both report their first paint exactly as ketdesk does (ketdesk/ui/first_paint.py):
# an event filter on the central widget, then a zero-delay timer so that the paint completes.
BARE_APP = textwrap.dedent('''
    import os, sys, time
    {extra_import}
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QVBoxLayout, QWidget


    class FirstPaint(QObject):
        def __init__(self, target, app):
            super().__init__(target)
            self.app, self.done = app, False

        def eventFilter(self, watched, event):
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self):
            if os.environ.get("KETDESK_REPORT_FIRST_PAINT"):
                print(f"first-paint {{time.time():.6f}}", flush=True)
                if os.environ.get("KETDESK_EXIT_AFTER_FIRST_PAINT"):
                    self.app.quit()


    app = QApplication(sys.argv)
    window = QMainWindow()
    central = QWidget()  # a container, as ketdesk's central widget is
    layout = QVBoxLayout(central)
    {child}
    window.setCentralWidget(central)
    central.installEventFilter(FirstPaint(central, app))
    window.resize(1280, 800)
    window.show()
    sys.exit(app.exec())
''')

VARIANTS = {
    "bare": {"extra_import": "", "child": 'layout.addWidget(QLabel("Hello"))'},
    "bare+pyqtgraph": {
        "extra_import": 'os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")\nimport pyqtgraph',
        "child": "plot = pyqtgraph.PlotWidget()\nplot.plot([0, 1, 2, 3], [0, 2, 1, 3])\n"
                 "layout.addWidget(plot)",
    },
}

# The poster floor's script: the probe itself, with its content step.
FLOOR_APP = textwrap.dedent('''
    import sys
    from benchmarks.probes.poster_floor import main

    sys.argv[1:] = ["content"]
    sys.exit(main())
''')

# The same Analysis/EXE/COLLECT as build.spec, minus ketdesk's hidden imports (and, for the
# bare apps, its resources).
BARE_SPEC = textwrap.dedent('''
    import sys
    sys.path.insert(0, {packaging!r})
    import freeze

    a = Analysis([{script!r}], pathex=[{repo!r}], datas={datas!r}, excludes=freeze.EXCLUDES,
                 noarchive=False, optimize=0)
    freeze.slim(a, workpath)
    pyz = PYZ(a.pure)
    exe = EXE(pyz, a.scripts, [], exclude_binaries=True, name={name!r}, console=False,
              **freeze.EXE_OPTIONS)
    COLLECT(exe, a.binaries, a.datas, strip=False, upx=False, name={name!r})
''')


def du_mb(path: Path) -> float:
    """Disk usage like ``du -sm`` (allocated blocks, links not followed), in MB (MiB)."""
    if path.is_file():
        return os.lstat(path).st_blocks * 512 / 2**20
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_blocks * 512
    return total / 2**20


def tar_gz_mb(folder: Path, target: Path) -> float:
    with tarfile.open(target, "w:gz", compresslevel=9) as tar:
        tar.add(folder, arcname=folder.name)
    return target.stat().st_size / 2**20


def build_bare(name: str) -> Path:
    """Freeze one bare variant with the shared settings; return its onedir folder."""
    folder = WORK / name.replace("+", "_")
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "app.py"
    floor = name == "floor"
    script.write_text(FLOOR_APP if floor else BARE_APP.format(**VARIANTS[name]))
    spec = folder / "bare.spec"
    exe_name = name.replace("+", "_")
    datas = [(str(REPO / "resources"), "resources")] if floor else []
    spec.write_text(BARE_SPEC.format(packaging=str(REPO / "packaging"), script=str(script), name=exe_name,
                                     repo=str(REPO), datas=datas))
    subprocess.run([str(VENV / "bin" / "pyinstaller"), "--noconfirm", "--log-level", "ERROR",
                    "--workpath", str(folder / "work"), "--distpath", str(folder / "dist"), str(spec)],
                   check=True)
    return folder / "dist" / exe_name


def build_ketdesk_onefile() -> Path:
    env = {**os.environ, "KETDESK_ONEFILE": "1"}
    subprocess.run([str(VENV / "bin" / "pyinstaller"), "--noconfirm", "--log-level", "ERROR",
                    "--workpath", str(WORK / "onefile-work"), "--distpath", str(WORK / "onefile"),
                    str(REPO / "build.spec")], check=True, env=env)
    return WORK / "onefile" / "ketdesk"


def measure_once(exe: Path, env: dict[str, str], args: list[str] | None = None) -> tuple[float, float, float]:
    """(seconds from spawn to the reported first paint, peak RSS in MB, CPU seconds) of one run."""
    start = time.time()
    proc = subprocess.Popen([str(exe), *(args or [])], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{exe} exited {proc.returncode}: {out[-500:]}")
    painted = next((float(line.split()[1]) for line in out.splitlines() if line.startswith("first-paint ")),
                   None)
    # ru_maxrss is in KiB on Linux and covers waited-for children (a onefile build's child).
    # CPU time (user + system) until the exit right after the first paint: unlike the wall
    # clock, it barely moves when other processes compete for the cores.
    wall = painted - start if painted is not None else float("nan")
    return wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(exe: Path, env: dict[str, str], runs: int, args: list[str] | None = None) -> dict[str, float]:
    measure_once(exe, env, args)  # warm-up: page cache, fontconfig cache
    samples = [measure_once(exe, env, args) for _ in range(runs)]
    return {"first_paint_s": statistics.median(s[0] for s in samples),
            "peak_rss_mb": statistics.median(s[1] for s in samples),
            "cpu_s": statistics.median(s[2] for s in samples)}


def run(runs: int = 5, onefile: bool = False) -> dict[str, Any]:
    """Build the bare apps, measure everything, and return the numbers and verdicts."""
    app_dir = REPO / "dist" / "ketdesk"
    archives = sorted((REPO / "dist").glob("ketdesk-*-linux-*.tar.gz"))
    if not (app_dir / "ketdesk").is_file() or not archives or not (VENV / "bin" / "pyinstaller").is_file():
        raise SystemExit("bench_frozen: run `make dist` first (it builds dist/ketdesk and build/venv-dist)")
    WORK.mkdir(parents=True, exist_ok=True)
    apps: dict[str, dict[str, Any]] = {"ketdesk": {"dir": app_dir, "exe": app_dir / "ketdesk",
                                                  "archive_mb": archives[-1].stat().st_size / 2**20}}
    for name in (*VARIANTS, "floor"):
        folder = build_bare(name)
        apps[name] = {"dir": folder, "exe": folder / folder.name,
                      "archive_mb": tar_gz_mb(folder, WORK / f"{folder.name}.tar.gz")}

    results: dict[str, Any] = {"runs": runs, "apps": {}, "load_before": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp, private_display() as display:
        env = {"PATH": os.environ.get("PATH", ""), "HOME": tmp, "DISPLAY": display,
               "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": tmp,
               "KETDESK_CONFIG_DIR": f"{tmp}/config", "KETDESK_LOG_DIR": f"{tmp}/log",
               "KETDESK_REPORT_FIRST_PAINT": "1", "KETDESK_EXIT_AFTER_FIRST_PAINT": "1"}
        os.chmod(tmp, 0o700)
        for name, app in apps.items():
            results["apps"][name] = {"onedir_mb": du_mb(app["dir"]), "archive_mb": app["archive_mb"],
                                     **measure(app["exe"], env, runs)}
        full = measure(apps["ketdesk"]["exe"], {**env, "QT_QPA_PLATFORM": "offscreen"}, runs, ["--self-test"])
        results["apps"]["ketdesk"]["self_test_peak_rss_mb"] = full["peak_rss_mb"]
        if onefile:
            exe = build_ketdesk_onefile()
            # One file: its size stands in the folder column; it is not packed again.
            results["apps"]["ketdesk onefile"] = {"onedir_mb": du_mb(exe), "archive_mb": float("nan"),
                                                  **measure(exe, env, runs)}

    results["load_after"] = os.getloadavg()[0]
    ket, bare, bare_pg = (results["apps"][k] for k in ("ketdesk", "bare", "bare+pyqtgraph"))
    ratios = {"first_paint_vs_bare": ket["first_paint_s"] / bare["first_paint_s"],
              "peak_rss_vs_bare_pyqtgraph": ket["peak_rss_mb"] / bare_pg["peak_rss_mb"]}
    results["cpu_to_first_paint_vs_bare"] = round(ket["cpu_s"] / bare["cpu_s"], 3)
    results["floor_first_paint_vs_bare"] = round(results["apps"]["floor"]["first_paint_s"]
                                                 / bare["first_paint_s"], 3)
    values = {"onedir_mb": ket["onedir_mb"], "archive_mb": ket["archive_mb"], **ratios}
    results["targets"] = {key: {"value": round(values[key], 3), "limit": limit, "ok": values[key] <= limit}
                          for key, limit in TARGETS.items()}
    return results


def table(results: dict[str, Any]) -> str:
    lines = ["| app | onedir MB | archive MB | first paint s | CPU to first paint s | peak RSS MB |",
             "|---|---|---|---|---|---|"]
    for name, r in results["apps"].items():
        archive = "-" if r["archive_mb"] != r["archive_mb"] else f"{r['archive_mb']:.1f}"  # NaN: onefile
        lines.append(f"| {name} | {r['onedir_mb']:.0f} | {archive} | {r['first_paint_s']:.3f} "
                     f"| {r['cpu_s']:.3f} | {r['peak_rss_mb']:.0f} |")
    extra = results["apps"]["ketdesk"]["self_test_peak_rss_mb"]
    lines.append(f"\nketdesk peak RSS with all six panels and charts built (--self-test): {extra:.0f} MB")
    lines.append(f"CPU time to first paint, ketdesk / bare: {results['cpu_to_first_paint_vs_bare']}")
    lines.append(f"first paint, floor / bare: {results['floor_first_paint_vs_bare']}")
    lines.append(f"median of {results['runs']} runs after one warm-up; load average "
                 f"{results['load_before']:.1f} before, {results['load_after']:.1f} after (2 cores)\n")
    for key, t in results["targets"].items():
        lines.append(f"{'ok  ' if t['ok'] else 'MISS'} {key}: {t['value']} (limit {t['limit']})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--onefile", action="store_true", help="also build and time the onefile variant")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5")
    results = run(args.runs, args.onefile)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
