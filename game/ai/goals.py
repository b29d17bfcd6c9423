"""Where an offensive aims: the enemy ground and places that are goals this turn, within the seat's advance limit,
and the main objective its mass drives on.  The operational layer (game/ai/operations.py) pulls every unit toward
the nearest goal and, more weakly, toward the objective.
"""

from __future__ import annotations

import numpy as np

from .influence import Picture

#: Enemy ground counts as a goal within GOAL_R hexes of his units (his army's ground, not empty country).
GOAL_R = 6


def offensive_goals(pic: Picture, halt: float, band: float, power_in: bool,
                    d_enemy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(goals, approach) masks.  Goals: the enemy's main ground within GOAL_R of his units and the enemy-held places
    worth points, south of ``halt`` (the advance limit, degrees of latitude) or within ``band`` past it
    (horizon.limited_objectives; before a great power's army is met - ``power_in`` false - only those clear of
    its border), never in a great power's land; his units themselves if nothing else is left.  Approach: the
    hexes next to those places past the limit, ground to attack from.  ``d_enemy``: hexes to the nearest enemy
    unit in sight."""
    board = pic.board
    lat = board.lat
    # Pockets the enemy is cut off in are left to wither behind a screen: the goals are its main body's.  Every
    # hex of its main ground is a goal, not just its edge: a unit driving deep into the enemy's rear is not "away
    # from the front" (the line of control it left behind) - within reach of its army: empty ground far from any
    # enemy is swept on the way, not marched to.
    goals = pic.theirs & pic.facts["korea"] & pic.enemy_main & (d_enemy <= GOAL_R)
    # (A place worth no points - kept in a scenario for a rule, far from its battle - is no goal: marching on
    # it wins nothing at the end.)  Before China's army is met the places past the limit are taken only clear of
    # the border: the threshold is the Yalu's.
    past = np.zeros(board.size, dtype=bool)
    border = pic.border_risk
    for i, pts in pic.victory_hexes.items():
        if pic.theirs[i] and pts > 0:
            goals[i] = True
            past[i] = halt < lat[i] <= halt + band and (power_in or not border[i])
    approach = pic.near(past, 1)
    if halt < 90:
        goals &= (lat <= halt) | past
    # Never a goal across a great power's border (China, the USSR for the UN), whatever the scenario allows.
    power = pic.great_power_land
    goals &= ~power
    if not goals.any():
        goals = pic.enemy_at & ~power
    return goals, approach


def main_objective(pic: Picture, halt: float, forward: float) -> np.ndarray:
    """The main objective of an offensive (a mask): the enemy-held places worth the most points south of ``halt``
    and out of any great power's land (a capital, the port he lives by), while the seat's ``forward`` ratio is
    above 0.8; else none.  The nearest goal alone makes every unit lean on the nearest enemy, a pocket included;
    the pull of the objective keeps the mass driving deep while a few screen what is left behind."""
    objective = np.zeros(pic.board.size, dtype=bool)
    lat, power = pic.board.lat, pic.great_power_land
    held = [(pts, i) for i, pts in pic.victory_hexes.items()
            if pic.theirs[i] and pts > 0 and lat[i] <= halt and not power[i]]
    if held and forward > 0.8:
        top = max(pts for pts, _ in held)
        for pts, i in held:
            objective[i] = pts >= top
    return objective
