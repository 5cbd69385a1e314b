"""Child processes the benchmarks start: the app and bare PySide6 baselines, measured alike.

Each probe prints ``key value`` lines on stdout. Run them as modules from the repository
root (``python -m benchmarks.probes.app ...``) so the checkout's ``ketdesk`` is the one
imported. Nothing here is imported by the app.
"""
