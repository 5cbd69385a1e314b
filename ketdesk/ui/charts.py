"""pyqtgraph, imported lazily and configured once, for every chart panel.

Only chart panels call ``pg()``; nothing on the start-up path imports this module's
dependencies, so the first frame never waits for pyqtgraph and numpy.
"""

from __future__ import annotations

import os
from types import ModuleType

_PG: ModuleType | None = None


def pg() -> ModuleType:
    """Import and configure pyqtgraph on first use; later calls return it at once."""
    global _PG
    if _PG is None:
        # With several Qt bindings installed pyqtgraph may choose the wrong one.
        os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
        import pyqtgraph

        pyqtgraph.setConfigOptions(antialias=True, background=None, foreground="k")
        _PG = pyqtgraph
    return _PG
