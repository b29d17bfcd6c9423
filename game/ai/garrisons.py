"""Which of our places need a garrison this turn, and how much each is worth guarding.

An empty place is lost ground: a raid, an infiltrator or a unit the fog hid walks in.  The operational layer
(game/ai/operations.py) pulls a unit into every place named here and keeps a lone guard where it stands while
an enemy is in sight; its attack pass does not take a place's lone guard away either.
"""

from __future__ import annotations

import numpy as np

from .influence import Picture
from .lines import LINE_D

#: Our places worth points keep a garrison while an enemy is within GARRISON_R hexes (plus half their points).
GARRISON_R = 5
#: ... and a place worth GREAT_PLACE points or more while enemy ground is within its points // GREAT_PLACE_R hexes.
GREAT_PLACE, GREAT_PLACE_R = 5, 3


def garrisons(pic: Picture, place_bonus: np.ndarray, d_enemy: np.ndarray, giving_up: bool,
              last_word: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(garrison, in_sight, exposed) per hex: the points of each place of ours that needs a guard (0 elsewhere),
    whether an enemy is near enough that its lone guard must not leave it whatever else pulls, and whether enemy
    ground lies within its points // GREAT_PLACE_R hexes (at least the next one): a unit the fog hides could walk in,
    so its lone guard does not leave it to join an attack.

    ``place_bonus``: each hex's victory points; ``d_enemy``: hexes to the nearest enemy unit in sight;
    ``giving_up``: the seat is falling back and the war is not in its last turns, so places within the enemy's
    reach are left; ``last_word``: no enemy moves again before the places are counted, so none needs a guard."""
    # The more a place is worth, the farther off an enemy need be to threaten it (a capital keeps its guard
    # against a raid from behind the front).
    enemy_near = d_enemy <= GARRISON_R + place_bonus // 2
    # ... or, for a great prize, enemy ground close by: what fog hides may stand in it.  The KPA left Seoul empty on
    # its second turn to turn on ROK units in its rear, and an unseen ROK division walked back in (AI-against-AI
    # 1950-invasion, war 0: Seoul "retaken" on 2 July 1950 and lost again on the 9th).
    fogged = pic.distance_to(pic.theirs) <= np.maximum(1, place_bonus // GREAT_PLACE_R)
    enemy_near |= (place_bonus >= GREAT_PLACE) & fogged
    threatened = pic.ours & (place_bonus > 0) & enemy_near
    if giving_up:
        threatened &= d_enemy >= LINE_D
    # The side's first place (a capital, the port it lives by) keeps its guard whatever is in sight: raiders and
    # infiltrators come unseen, and no other hex is worth as much at the end.
    mine = place_bonus * pic.ours
    if mine.max() > 0:
        threatened |= mine >= mine.max()
    # On the game's last turn, with no enemy seat to move after ours, a guard guards nothing, and every unit that
    # can reach a place the enemy holds should take it.
    if last_word:
        threatened[:] = False
    garrison = np.where(threatened, place_bonus, 0.0)
    return garrison, (garrison > 0) & enemy_near, (garrison > 0) & fogged
