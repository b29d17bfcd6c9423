"""``python -m game``: the GUI with no verb; validate, info, simulate, bench otherwise."""

from __future__ import annotations

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
