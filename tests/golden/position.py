"""A digest of a position that does not depend on how the engine stores it.

The golden games (tests/golden/*.json) were recorded before the engine moved
to arrays; this digest reads only what a position *is* -- every unit's place,
strength and marks, control, tracks, losses, the dice generator's state -- so
the same games must give the same digests whatever the representation.

It reads through ``game.engine.api`` (the engine's one door), with a fallback
for the engine as it was when the games were recorded.
"""

from __future__ import annotations

import hashlib
import json


def position_facts(state) -> dict:
    """The facts of a position, as plain data, in a fixed order."""
    try:
        from game.engine.api import truth
        return truth(state)
    except ImportError:     # the engine before the API existed (when the games were recorded)
        return _legacy_facts(state)


def _legacy_facts(s) -> dict:
    units = []
    for u in s.units.values():
        units.append([u.id, u.location.value, list(u.hex) if u.hex else None, u.steps, bool(u.moved),
                      bool(u.attacked), bool(u.hidden), int(u.out_of_supply)])
    return {
        "turn": s.turn, "seat": s.seat_index, "phase": s.phase.value, "outcome": s.outcome,
        "rail_used": s.rail_used, "sea_used": s.sea_used, "landings_used": s.landings_used,
        "attacked": sorted(int(i) for i in s.attacked_hexes),
        "tracks": {k: round(float(v), 4) for k, v in sorted(s.tracks.items())},
        "steps_lost": {k: int(v) for k, v in sorted(s.steps_lost.items())},
        "control": hashlib.sha256(s.control.tobytes()).hexdigest(),
        "holder": hashlib.sha256(s.holder.tobytes()).hexdigest(),
        "rng": str(s.rng.bit_generator.state["state"]["state"]),
        "units": units,
    }


def digest(state) -> str:
    blob = json.dumps(position_facts(state), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]
