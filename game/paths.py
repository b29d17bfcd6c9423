"""Where the game's data lives: assets/ and scenarios/ beside the package.

The game is installed editable (``pip install -e .``), so these resolve to the
checkout.  ``ARMISTICE_HOME`` overrides the root for unusual layouts.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("ARMISTICE_HOME", Path(__file__).resolve().parent.parent))
ASSETS_DIR = ROOT / "assets"
SCENARIOS_DIR = ROOT / "scenarios"
MAP_FILE = ASSETS_DIR / "map" / "hexmap.json"
