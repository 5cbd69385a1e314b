"""Read-aloud: the words a panel hands to a voice, and the voices that may say them.

``words`` (no Qt) turns shown text into spoken sentences; ``engine`` is the small interface
a voice implements, with the Qt Text to Speech voice (optional: PySide6-Addons) and the
espeak-ng file voice (for checking speech without speakers); ``reader`` says a list of
sentences one by one through an engine and tells which one is being said.
Never a network voice: every engine here runs on the device.
"""
