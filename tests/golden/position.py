"""A digest of a position that does not depend on how the engine stores it.

The golden games (tests/golden/*.json) were recorded before the engine moved
to arrays; this digest reads only what a position *is* -- every unit's place,
strength and marks, control, tracks, losses, the dice generator's state -- so
the same games must give the same digests whatever the representation.

It reads through ``game.engine.api`` (the engine's one door).
"""

from __future__ import annotations

import hashlib
import json


def position_facts(state) -> dict:
    """The facts of a position, as plain data, in a fixed order (``api.truth``).

    The games were recorded before the engine moved to arrays, with the same facts read from the old
    state (unit by unit: id, location, hex, steps, moved, attacked, hidden, turns out of supply; control
    and holder hashed; tracks rounded; the dice stream's state); they have matched ever since.
    """
    from game.engine.api import truth
    return truth(state)


def digest(state) -> str:
    blob = json.dumps(position_facts(state), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]
