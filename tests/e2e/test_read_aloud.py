"""Read-aloud end to end: the real window under Xvfb says its first sentence into a WAV file.

Uses the espeak-ng file voice (``KETDESK_SPEECH_WAV``): the same Listen button, reader and
text as on a kiosk, with the sound going to a file instead of the speakers. The length
of the file is read with sox's ``soxi -D``. Skipped, saying why, without espeak-ng or sox.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

DRIVER = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from ketdesk.cli import parse_args
    from ketdesk.startup import build_window, create_application
    app = create_application()
    window = build_window(parse_args(["--lang", sys.argv[1]]), size=(1280, 800))
    window.show()
    reader = window.reader
    assert reader is not None, "no voice"
    said = []
    reader.sentence_started.connect(lambda i, text: said.append(text))
    # Stop after the first sentence has been written: one sentence is the test.
    reader.voice.said.connect(lambda: (print("SAID " + said[0], flush=True), app.quit()))
    panel = window.panel(window.current_panel_id)
    QTimer.singleShot(200, panel.listen.button.click)
    QTimer.singleShot(30000, lambda: app.exit(3))
    sys.exit(app.exec())
""")


@pytest.mark.xvfb
@pytest.mark.parametrize("lang", ["en", "es"])
def test_listen_speaks_the_first_sentence_to_a_wav(xvfb_display: str, tmp_path: Path,
                                                    lang: str) -> None:
    for tool in ("espeak-ng", "soxi"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (scripts/system-deps.sh test)")
    wavs = tmp_path / "wav"
    wavs.mkdir()
    env = {**os.environ, "DISPLAY": xvfb_display, "QT_QPA_PLATFORM": "xcb",
           "KETDESK_LOG_DIR": str(tmp_path), "KETDESK_CONFIG_DIR": str(tmp_path),
           "KETDESK_SPEECH_WAV": str(wavs)}
    result = subprocess.run([sys.executable, "-c", DRIVER, lang], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=90, check=False)
    assert result.returncode == 0, result.stderr
    said = result.stdout.split("SAID ", 1)[1].strip()
    assert said  # the panel's title
    files = sorted(wavs.glob("*.wav"))
    assert files  # the first sentence (the next may have begun before the app quit)
    seconds = float(subprocess.run(["soxi", "-D", str(files[0])], capture_output=True,
                                   text=True, check=True).stdout)
    # A title of a few words takes about a second to say; silence would be near zero.
    words = len(said.split())
    assert 0.15 * words < seconds < 1.5 * words + 1, (said, seconds)
