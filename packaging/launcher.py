"""PyInstaller entry script for ketdesk.

A separate file rather than ``ketdesk/__main__.py``: PyInstaller puts the entry script's
folder on the module search path, and the package folder there would let ``ketdesk/logs.py``
or ``ketdesk/settings.py`` shadow top-level modules of the same name.
"""

import sys

from ketdesk.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
