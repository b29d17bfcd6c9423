"""The lines an army falls back to when it is outmatched on a front too long to man."""

from __future__ import annotations

import numpy as np

from .influence import Picture

#: A withdrawal stops this many hexes from the enemy: out of his reach for a turn.
LINE_D = 3
#: The tightest perimeter drawn round the base, in hexes from it; it is drawn inside the nearest MAIN_BODY of the
#: enemy's strength.
MIN_PERIMETER = 2
MAIN_BODY = 0.25


def perimeter(pic: Picture, length: float) -> np.ndarray | None:
    """The line round our base (the place we hold that is worth most: Pusan, Pyongyang) that ``length`` hexes of
    line can man, as far out as it can be drawn inside the enemy's main body and out of its reach for a turn
    (LINE_D hexes from it), on ground we hold: the Pusan perimeter.  An army outmatched on a long front falls
    back on the port it lives by, not sideways into empty country.  None when we hold no place or no such line
    is left."""
    held = [(pts, i) for i, pts in pic.victory_hexes.items() if pic.ours[i] and pts > 0]
    if not held or not len(pic.enemy_hexes):
        return None
    base = np.zeros(pic.board.size, dtype=bool)
    base[max(held)[1]] = True
    d_base = pic.distance_to(base)
    korea = pic.facts["korea"]
    # Inside the enemy's main body: a raider or a cut-off unit nearer the base does not draw the line in.
    d_them = d_base[pic.enemy_hexes]
    strength = np.array([u.attack_strength() for u in pic.enemy_units])
    order = np.argsort(d_them, kind="stable")
    massed = np.cumsum(strength[order]) >= MAIN_BODY * strength.sum()
    inside = int(d_them[order][int(np.argmax(massed))]) - LINE_D
    for r in range(min(inside, 40), MIN_PERIMETER - 1, -1):
        ring = korea & (d_base == r)
        if 0 < int(ring.sum()) <= length:
            return ring & pic.ours if (ring & pic.ours).any() else None
    return None
