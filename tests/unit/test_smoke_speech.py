"""scripts/smoke_speech.py measures the voice, not the recording: silence around it is cut.

The frozen read-aloud build is heard by ``make smoke``; here the measuring is checked on
WAV files that sox makes with a known length of sound between known silences.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from scripts import smoke_speech

pytestmark = pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")


def wav(path: Path, *parts: tuple[str, float]) -> Path:
    """A WAV of ("tone" | "silence", seconds) parts, in order."""
    pieces = []
    for index, (kind, seconds) in enumerate(parts):
        piece = path.with_name(f"{path.stem}-{index}.wav")
        effect = ["synth", str(seconds), "sine", "440"] + (["vol", "0"] if kind == "silence" else [])
        subprocess.run(["sox", "-n", "-r", "16000", "-c", "1", str(piece), *effect], check=True)
        pieces.append(str(piece))
    subprocess.run(["sox", *pieces, str(path)], check=True)
    return path


def test_silence_before_and_after_the_voice_is_not_counted(tmp_path: Path) -> None:
    recorded = wav(tmp_path / "rec.wav", ("silence", 1.0), ("tone", 0.8), ("silence", 0.3),
                   ("tone", 0.5), ("silence", 2.0))
    # The pause inside the speech stays: 0.8 + 0.3 + 0.5 s.
    assert smoke_speech.spoken_seconds(recorded) == pytest.approx(1.6, abs=0.05)


def test_a_silent_recording_has_no_voice(tmp_path: Path) -> None:
    assert smoke_speech.spoken_seconds(wav(tmp_path / "quiet.wav", ("silence", 2.0))) < 0.05
