"""Content loading in a fresh interpreter: ketdesk's loader against reading and parsing alone.

``app``: import ``ketdesk.content`` and load the shipped English pack once (what start-up
    pays); ``bare``: read the same files and parse them with ``tomllib``, nothing else.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "resources" / "content" / "en"

if __name__ == "__main__":
    start = time.perf_counter()
    if sys.argv[1] == "app":
        from ketdesk.content import load_content

        imported = time.perf_counter()
        assert load_content(FOLDER).ok
    else:
        import tomllib

        imported = time.perf_counter()
        for path in sorted(FOLDER.glob("*.toml")):
            tomllib.loads(path.read_text(encoding="utf-8"))
    done = time.perf_counter()
    print(f"import_ms {(imported - start) * 1000:.3f}")
    print(f"load_ms {(done - imported) * 1000:.3f}")
    print(f"total_ms {(done - start) * 1000:.3f}")
