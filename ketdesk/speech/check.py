"""``--check-voice``: say one sentence through this computer's read-aloud voice, for staff.

Where the device has no voice the Listen button is simply hidden, and a kiosk has nobody
to tell why. This says which voice the app would use (or the same reason the log gives
for none), then reads the first panel's poster headline aloud in the pack's language, as
Listen would, and reports how long that took. After installing speech-dispatcher it is
the one command that shows Listen will work (INSTALL.txt); ``make smoke`` runs it on a
frozen read-aloud build and records what it said.

Exit 0 when the sentence was said to the end; 1 when there is no voice, the voice has no
such language, it fails, or it does not finish within ``TIMEOUT_S`` (speech-dispatcher on
a machine without a sound device never finishes: docs/read-aloud.md).
"""

from __future__ import annotations

import time
from pathlib import Path

from ketdesk.cli import EXIT_FAILED, EXIT_OK

TIMEOUT_S = 30  # a headline takes 2-4 s to say; connecting to speech-dispatcher about 3 s


def first_sentence(lang: str, content: Path | None) -> str:
    """The first thing Listen says on the first panel: its poster headline (else its
    title), with the pack's spoken forms for numbers."""
    from ketdesk.content_source import choose_content
    from ketdesk.speech.words import SpokenForms, spoken_sentences

    pack = choose_content(lang, content).pack
    panel = pack.panel(pack.panel_ids[0])
    words = pack.ui.listen
    text = panel.poster.headline if panel.poster is not None else panel.title
    return spoken_sentences([text], SpokenForms(percent=words.percent, range=words.range))[0]


def run_check_voice(lang: str, content: Path | None) -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from ketdesk.content_source import BuiltinContentError
    from ketdesk.speech.engine import QtVoice, choose_voice
    from ketdesk.speech.reader import Reader

    try:
        sentence = first_sentence(lang, content)
    except BuiltinContentError as exc:
        print(f"ketdesk: {exc}")
        return EXIT_FAILED
    choice = choose_voice(enabled=True)  # checked even where the settings turn Listen off
    if choice.voice is None:
        print(f"read-aloud: off ({choice.reason})")
        return EXIT_FAILED
    voice = choice.voice
    started = time.monotonic()
    if isinstance(voice, QtVoice):
        voice.connect_now()  # now, not after the window's start-up delay: there is no window
    connected = time.monotonic() - started
    if not voice.supports(lang):
        print(f"read-aloud: {voice.name} has no {lang!r} voice or did not connect (the log says which)")
        return EXIT_FAILED
    reader = Reader(voice)
    problems: list[str] = []
    voice.failed.connect(problems.append)
    loop = QEventLoop()
    reader.finished.connect(loop.quit)
    timer = QTimer(singleShot=True, interval=TIMEOUT_S * 1000)
    timer.timeout.connect(loop.quit)
    timer.start()
    said_from = time.monotonic()
    reader.read([sentence], lang, "check-voice")
    if reader.reading:
        loop.exec()
    seconds = time.monotonic() - said_from
    if problems:
        print(f"read-aloud: {voice.name} failed: {problems[0]}")
        return EXIT_FAILED
    if reader.reading:
        reader.stop()
        print(f"read-aloud: {voice.name} did not finish one sentence in {TIMEOUT_S} s"
              " (is a sound device or sound server there?)")
        return EXIT_FAILED
    print(f"read-aloud: said {sentence!r} ({lang}) through {voice.name}: connected in "
          f"{connected:.1f} s, spoken in {seconds:.1f} s")
    return EXIT_OK
