"""Movement on tiny boards: terrain costs, rivers, roads, zones of control, stacking, fog bumps.

Each test: rule / actions / expected.  A one-row board puts Hex(0,0)..Hex(n,0) in a line, east.
"""

import numpy as np
import pytest
from helpers import BLUE_FIRST, play, started, tiny_board, tiny_state, unit

from game.engine import api
from game.engine.actions import EndPhase, IllegalAction, MoveUnit
from game.engine.hexes import Hex
from game.engine.movement import knowledge, reachable


def reach_of(state, uid, enemies=()):
    """Reach of unit ``uid`` knowing the enemy units ``enemies`` (ids)."""
    u = state.unit_index(uid)
    known = np.zeros(state.units.n, dtype=bool)
    for e in enemies:
        known[state.unit_index(e)] = True
    bloc = state.config.seats[state.units.seat_list[u]].bloc
    return reachable(state, u, knowledge(state, bloc, known))


def costs_along_row(state, uid):
    r = reach_of(state, uid)
    return {state.board.hex_at(i): c for i, c in r.cost.items()}


def test_terrain_costs_in_half_points():
    # rule: clear 1, hills 2, mountain 3 MP / actions: none / expected: costs 2,6,12 half-points
    b = tiny_board(["chmcc"])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=6)])
    c = costs_along_row(s, "a")
    assert c[Hex(1, 0)] == 4
    assert c[Hex(2, 0)] == 10
    assert c[Hex(3, 0)] == 12
    assert Hex(4, 0) not in c


def test_river_hexside_adds_a_point_and_road_cancels_it():
    b = tiny_board(["cccc"], rivers=[[0, 0, 0]])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=3)])
    c = costs_along_row(s, "a")
    assert c[Hex(1, 0)] == 4       # clear 2 + river 2
    assert c[Hex(2, 0)] == 6
    b2 = tiny_board(["cccc"], rivers=[[0, 0, 0]],
                    routes=[{"id": "r", "kind": "road", "hexes": [[0, 0], [1, 0], [2, 0], [3, 0]]}])
    s2 = tiny_state(b2, [unit("a", "blue", Hex(0, 0), movement=1)])
    c2 = costs_along_row(s2, "a")
    assert c2[Hex(1, 0)] == 1 and c2[Hex(2, 0)] == 2   # road: half a point a hex, bridge included


def test_winter_makes_northern_hills_dearer():
    # rule: Dec-Feb, hills and mountains north of the winter line cost a point more.
    from datetime import date
    b = tiny_board(["chc"])
    summer = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=6)])
    winter = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=6)], first=date(1950, 12, 1))
    assert costs_along_row(summer, "a")[Hex(1, 0)] == 4
    # the tiny board lies at 38N, south of the default 39N winter line: no extra cost ...
    assert costs_along_row(winter, "a")[Hex(1, 0)] == 4
    from game.engine.config import Parameters
    north = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=6)], first=date(1950, 12, 1),
                       params=Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0,
                                         closed=(), winter_north_lat=30.0))
    assert costs_along_row(north, "a")[Hex(1, 0)] == 6     # ... but north of it, hills cost 3 points


def test_sea_is_impassable_and_minimum_move():
    b = tiny_board(["c.cm"])
    s = tiny_state(b, [unit("a", "blue", Hex(2, 0), movement=1)])
    c = costs_along_row(s, "a")
    assert Hex(1, 0) not in c
    assert Hex(3, 0) in c          # mountain costs 3 but a full-allowance unit may always move one hex


def test_entering_enemy_zoc_ends_movement():
    b = tiny_board(["cccccc"])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=8), unit("e", "red", Hex(4, 0))])
    r = reach_of(s, "a", ["e"])
    reached = {s.board.hex_at(i) for i in r.cost}
    assert Hex(3, 0) in reached            # enters the ZOC ...
    assert Hex(4, 0) not in reached        # ... cannot enter the enemy hex ...
    assert Hex(5, 0) not in reached        # ... nor pass through the ZOC


def test_zoc_to_zoc_forbidden_but_infiltrators_pass_at_a_cost():
    b = tiny_board(["ccccc", "ccccc"])
    s = tiny_state(b, [unit("p", "red", Hex(1, 0), movement=10), unit("e", "blue", Hex(2, 0))])
    r = reach_of(s, "p", ["e"])
    assert s.board.index(Hex(2, 1)) not in r.cost   # (2,1) is also next to (2,0): ZOC to ZOC
    s2 = tiny_state(b, [unit("p", "red", Hex(1, 0), movement=10, infiltrates=True), unit("e", "blue", Hex(2, 0))])
    r2 = reach_of(s2, "p", ["e"])
    assert s2.board.index(Hex(3, 0)) in r2.cost
    # via (1,1): clear 2 + leaving the ZOC 2 + infiltrating its ZOC 4, then clear 2 + infiltrating again 4
    assert r2.cost[s2.board.index(Hex(1, 1))] == 8
    assert r2.cost[s2.board.index(Hex(2, 1))] == 14


def test_stacking_limit_on_destination():
    b = tiny_board(["ccc"])
    units = [unit(f"b{i}", "blue", Hex(1, 0)) for i in range(3)] + [unit("x", "blue", Hex(0, 0))]
    s = started(tiny_state(b, units, seats=BLUE_FIRST))
    assert s.active_seat.id == "blue"
    verdict = api.check(s, MoveUnit("x", Hex(1, 0)))
    assert verdict.code == "stacking" and "stack" in verdict.reason
    assert MoveUnit("x", Hex(2, 0)) in api.legal_actions(s)


def test_illegal_moves_say_why_and_change_nothing():
    b = tiny_board(["cc.c"])
    s = started(tiny_state(b, [unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(3, 0))]))
    before = s.checksum()
    for action, code, words in [(MoveUnit("b", Hex(2, 0)), "not_your_unit", "not yours"),
                                (MoveUnit("r", Hex(2, 0)), "water", "sea"),
                                (MoveUnit("zz", Hex(1, 0)), "no_such_unit", "no unit"),
                                (MoveUnit("r", Hex(9, 9)), "off_map", "off the map")]:
        with pytest.raises(IllegalAction) as err:
            api.apply(s, action)
        assert words in err.value.reason and err.value.code == code
    assert s.checksum() == before


def test_unseen_enemy_stops_a_move_and_reveals_it():
    # rule: movement is planned on what the bloc sees; a hidden unit in the way stops it.
    b = tiny_board(["cccccccc"])
    hidden = unit("pva", "red", Hex(5, 0), hidden=True)
    s = started(tiny_state(b, [unit("b", "blue", Hex(0, 0), movement=8), hidden], seats=BLUE_FIRST))
    assert s.active_seat.id == "blue"
    assert MoveUnit("b", Hex(7, 0)) in api.legal_actions(s)   # the blue player does not know
    s2, events = api.apply(s, MoveUnit("b", Hex(7, 0)))
    assert s2.unit("b").hex == Hex(4, 0)                       # stopped entering the hidden unit's ZOC
    kinds = [e.kind for e in events]
    assert "UnitStopped" in kinds and "UnitSpotted" in kinds
    assert s2.unit("pva").hidden is False
    assert "stops" in next(e for e in events if e.kind == "UnitStopped").text


def test_move_captures_hexes_on_the_way():
    b = tiny_board(["cccc"], country=["RRNN"])
    s = started(tiny_state(b, [unit("r", "red", Hex(3, 0))]))
    s2, events = api.apply(s, MoveUnit("r", Hex(0, 0)))
    assert s2.control[s2.board.index(Hex(0, 0))] == s2.config.bloc_code("communist")
    assert sum(e.kind == "HexCaptured" for e in events) == 2


def test_a_unit_moves_once_a_phase():
    b = tiny_board(["cccc"])
    s = started(tiny_state(b, [unit("r", "red", Hex(0, 0))]))
    s, _ = play(s, MoveUnit("r", Hex(1, 0)))
    assert api.check(s, MoveUnit("r", Hex(2, 0))).code == "already_moved"
    s, _ = play(s, EndPhase())
    assert api.check(s, MoveUnit("r", Hex(2, 0))).code == "wrong_phase"
