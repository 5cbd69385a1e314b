"""ketdesk's benchmarks: ``python -m benchmarks`` (``make bench``). See ``benchmarks/run.py``."""
