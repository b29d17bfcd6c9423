"""A capital far behind the front keeps a guard (game/ai/garrisons.rear_first_place): rule / position / choice."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import BLUE_FIRST, blue_moves, control_all, started, tiny_board, tiny_state, unit, with_places

from game.ai.commander import Commander
from game.engine import api
from game.engine.config import Parameters
from game.engine.hexes import Hex

BOARD = tiny_board(["c" * 6] * 20)


def cell(col: int, row: int) -> Hex:
    """The hex at a column and row of the 6x20 board (rows run north to south)."""
    return BOARD.hex_at(row * 6 + col)


def _rear_capital(g_at: Hex, capital: Hex = cell(2, 17), enemy_ships: bool = True):
    """A 6x20 board, all ours but the top two rows; the enemy's division at column 3 of row 0, ours f at the front
    (column 3, row 3) and g at ``g_at``; our first place, worth 10, at ``capital``, and a 3-point place of the
    enemy's at column 1 of row 1.  ``enemy_ships``: the enemy (red, communist) is the side with sea lift; else we
    (blue, un) are."""
    b = BOARD
    params = Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0, closed=(),
                        sea_bloc="communist" if enemy_ships else "un")
    # (g is fast - a rail move's reach - so the front is a march away for it: the pull that emptied Pyongyang.)
    units = [unit("f", "blue", cell(3, 3)), unit("g", "blue", g_at, movement=12), unit("r", "red", cell(3, 0))]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST, params=params), (capital, 10), (cell(1, 1), 3))
    control_all(s, "un")
    for r in (0, 1):
        for q in range(6):
            s.control[b.index(cell(q, r))] = s.config.bloc_code("communist")
    return started(s)


def test_a_unit_within_reach_of_an_empty_capital_far_behind_the_front_guards_it():
    # rule: our first place (10 points) stands empty fifteen hexes behind the line; g can reach it this turn.  It
    # goes there, not up to the front: a landing or a raid would walk into the empty capital (inchon's Pyongyang)
    reasons: list[str] = []
    moves = blue_moves(_rear_capital(cell(2, 14)), Commander(3), reasons)
    assert moves.get("g") == cell(2, 17), moves
    assert any(r.startswith("G garrisons") and "far behind the front" in r for r in reasons), reasons


def test_the_capitals_lone_guard_stays_however_far_the_front():
    # rule: g already stands alone on the rear capital; the front's pull does not march it away
    moves = blue_moves(_rear_capital(cell(2, 17)), Commander(3))
    assert "g" not in moves, moves


def test_the_capitals_guard_is_no_reserve_on_the_plan_overlay():
    # rule: g, marching to garrison the rear capital, is tied to it: the plan's reserve does not list it
    agent = Commander(3)
    agent.choose(api.observe(_rear_capital(cell(2, 14)), "blue"))
    assert "g" not in agent.plan["reserve"], agent.plan


def test_with_the_sea_ours_the_rear_capital_is_left_to_the_line():
    # rule: the enemy has no ships to land behind us (we are the side with sea lift): g goes up to the front, as
    # the UN in Korea did with Pusan far behind it
    moves = blue_moves(_rear_capital(cell(2, 14), enemy_ships=False), Commander(3))
    assert moves.get("g") not in (None, cell(2, 17)), moves


@pytest.mark.parametrize("row, rear", [(17, True), (9, True), (8, False), (5, False)])
def test_only_a_capital_more_than_six_hexes_behind_the_line_counts_as_in_the_rear(row, rear):
    # rule: the line (row 2, our hexes next to the enemy's) guards a first place up to goals.GOAL_R hexes behind
    # it; farther back it is a rear capital
    from game.ai.garrisons import garrisons, rear_first_place
    from game.ai.influence import Picture
    capital = cell(2, row)
    pic = Picture(api.observe(_rear_capital(cell(4, 12), capital=capital), "blue"))
    bonus = np.zeros(BOARD.size)
    for i, pts in pic.victory_hexes.items():
        bonus[i] = pts
    d_enemy = pic.distance_to(pic.enemy_at)
    garrison = garrisons(pic, bonus, d_enemy, False, False)[0]
    mask = rear_first_place(pic, bonus, garrison, pic.distance_to(pic.front))
    assert bool(mask[BOARD.index(capital)]) is rear
    assert int(mask.sum()) == int(rear)
