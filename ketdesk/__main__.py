"""``python -m ketdesk`` and the ``ketdesk`` launcher."""

from __future__ import annotations

import sys


def main() -> int:
    from ketdesk.app import main as app_main

    return app_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
