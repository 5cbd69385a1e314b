"""Read-aloud's smoke check (scripts/smoke_frozen.py runs it on a ``make dist READ_ALOUD=1`` bundle).

The frozen app says one sentence with ``--check-voice`` through what it bundles (Qt Text to
Speech and its speechd plugin) and what the host brings (speech-dispatcher, espeak-ng,
libpulse). A private PulseAudio server with a null sink stands in for speakers, and the
sink's monitor is recorded to a WAV file, so the check hears the voice: sox trims the
silence around it and the spoken length must fit the sentence's number of words.
Without a sound server speech-dispatcher never finishes a sentence (docs/read-aloud.md).

Standard library only, like smoke_frozen.py; every process started here is stopped here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# Present only in a read-aloud build: the check runs when the bundle has it.
SPEECHD_PLUGIN = "_internal/PySide6/Qt/plugins/texttospeech/libqtexttospeech_speechd.so"
# The host's voice, the stand-in speakers and the measuring tools.
TOOLS = ("speech-dispatcher", "espeak-ng", "pulseaudio", "pactl", "parecord", "sox", "soxi")
INSTALL_HINT = "scripts/system-deps.sh speech-smoke installs them"
SINK = "ketdesk_smoke"
START_TIMEOUT_S = 20

RunApp = Callable[[list[str], dict[str, str]], "subprocess.CompletedProcess[str]"]


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@contextmanager
def sound_server(env: dict[str, str], work: Path) -> Iterator[str]:
    """A PulseAudio server of our own (its socket in ``env``'s XDG_RUNTIME_DIR) with one
    null sink, the default; yields the sink's name. The speech-dispatcher that libspeechd
    starts for the app meanwhile lives in the same runtime folder and is stopped too."""
    log = work / "pulseaudio.log"
    server = subprocess.Popen(
        ["pulseaudio", "--daemonize=no", "-n", "--exit-idle-time=-1", "--disallow-exit",
         "--load=module-native-protocol-unix", f"--load=module-null-sink sink_name={SINK}",
         f"--log-target=file:{log}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while subprocess.run(["pactl", "info"], env=env, capture_output=True, check=False).returncode:
            if server.poll() is not None or time.monotonic() > deadline:
                raise OSError(f"pulseaudio did not start (see {log})")
            time.sleep(0.1)  # polling the server a child process starts
        yield SINK
    finally:
        server.terminate()
        server.wait(timeout=START_TIMEOUT_S)
        _stop_speech_dispatcher(Path(env["XDG_RUNTIME_DIR"]))


def _stop_speech_dispatcher(runtime: Path) -> None:
    # libspeechd started it for the app; it would leave after its idle timeout anyway.
    for pid_file in (runtime / "speech-dispatcher" / "pid").glob("*.pid"):
        try:
            pid = int(pid_file.read_text().split()[0])
            Path(f"/proc/{pid}/cmdline").read_bytes().index(b"speech-dispatcher")
        except (OSError, ValueError, IndexError):
            continue  # gone already, or the number now belongs to another process
        os.kill(pid, signal.SIGTERM)


@contextmanager
def recording(env: dict[str, str], sink: str, wav: Path) -> Iterator[None]:
    """Record what is played into ``sink`` to ``wav`` while the block runs."""
    recorder = subprocess.Popen(["parecord", "-d", f"{sink}.monitor", "--file-format=wav", str(wav)],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        recorder.send_signal(signal.SIGINT)  # parecord writes the WAV header's length on exit
        recorder.wait(timeout=START_TIMEOUT_S)


def spoken_seconds(wav: Path) -> float:
    """The length of ``wav`` without the silence before and after the voice."""
    trimmed = wav.with_suffix(".trimmed.wav")
    subprocess.run(["sox", str(wav), str(trimmed), "silence", "1", "0.02", "1%",
                    "reverse", "silence", "1", "0.02", "1%", "reverse"], check=True, capture_output=True)
    return float(subprocess.run(["soxi", "-D", str(trimmed)], capture_output=True, text=True,
                                check=True).stdout)


def speaks(run_app: RunApp, env: dict[str, str], sink: str, work: Path, lang: str) -> str:
    """``--check-voice --lang LANG`` says its sentence, and the sink hears it for about as
    long as that many words take (a few words: a second or more; silence: near zero)."""
    wav = work / f"check-voice-{lang}.wav"
    with recording(env, sink, wav):
        out = run_app(["--check-voice", "--lang", lang], {"QT_QPA_PLATFORM": "offscreen"}).stdout.strip()
    match = re.search(r"said (['\"])(.+)\1 \(", out)
    assert match, f"--check-voice did not say what it said: {out!r}"
    words = len(match.group(2).split())
    seconds = spoken_seconds(wav)
    assert 0.15 * words < seconds < 1.5 * words + 1, f"{seconds:.2f} s of sound for {words} words: {out}"
    return f"{seconds:.2f} s of voice recorded for {words} words; {out.removeprefix('read-aloud: ')}"
