"""Movement on tiny boards: terrain costs, rivers, roads, zones of control, stacking, fog bumps.

Each test: rule / actions / expected.  A one-row board puts Hex(0,0)..Hex(n,0) in a line, east.
"""

import pytest
from helpers import tiny_board, tiny_state, unit

from game.engine.actions import EndPhase, IllegalAction, MoveUnit
from game.engine.hexes import Hex
from game.engine.movement import knowledge, reachable
from game.engine.rules import apply, legal_actions, start_game, why_illegal


def reach_of(state, u):
    return reachable(state, u, knowledge(state, state.unit_bloc(u), []))


def costs_along_row(state, u):
    r = reach_of(state, u)
    return {state.board.hex_at(i): c for i, c in r.cost.items()}


def test_terrain_costs_in_half_points():
    # rule: clear 1, hills 2, mountain 3 MP / actions: none / expected: costs 2,6,12 half-points
    b = tiny_board(["chmcc"])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=6)])
    c = costs_along_row(s, s.units["a"])
    assert c[Hex(1, 0)] == 4
    assert c[Hex(2, 0)] == 10
    assert c[Hex(3, 0)] == 12
    assert Hex(4, 0) not in c


def test_river_hexside_adds_a_point_and_road_cancels_it():
    b = tiny_board(["cccc"], rivers=[[0, 0, 0]])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=3)])
    c = costs_along_row(s, s.units["a"])
    assert c[Hex(1, 0)] == 4       # clear 2 + river 2
    assert c[Hex(2, 0)] == 6
    b2 = tiny_board(["cccc"], rivers=[[0, 0, 0]],
                    routes=[{"id": "r", "kind": "road", "hexes": [[0, 0], [1, 0], [2, 0], [3, 0]]}])
    s2 = tiny_state(b2, [unit("a", "blue", Hex(0, 0), movement=1)])
    c2 = costs_along_row(s2, s2.units["a"])
    assert c2[Hex(1, 0)] == 1 and c2[Hex(2, 0)] == 2   # road: half a point a hex, bridge included


def test_sea_is_impassable_and_minimum_move():
    b = tiny_board(["c.cm"])
    s = tiny_state(b, [unit("a", "blue", Hex(2, 0), movement=1)])
    c = costs_along_row(s, s.units["a"])
    assert Hex(1, 0) not in c
    assert Hex(3, 0) in c          # mountain costs 3 but a full-allowance unit may always move one hex


def test_entering_enemy_zoc_ends_movement():
    b = tiny_board(["cccccc"])
    s = tiny_state(b, [unit("a", "blue", Hex(0, 0), movement=8), unit("e", "red", Hex(4, 0))])
    know = knowledge(s, "un", [s.units["e"]])
    r = reachable(s, s.units["a"], know)
    reached = {s.board.hex_at(i) for i in r.cost}
    assert Hex(3, 0) in reached            # enters the ZOC ...
    assert Hex(4, 0) not in reached        # ... cannot enter the enemy hex ...
    assert Hex(5, 0) not in reached        # ... nor pass through the ZOC


def test_zoc_to_zoc_forbidden_but_infiltrators_pass_at_a_cost():
    b = tiny_board(["ccccc", "ccccc"])
    enemy = unit("e", "blue", Hex(2, 0))
    s = tiny_state(b, [unit("p", "red", Hex(1, 0), movement=10), enemy])
    know = knowledge(s, "communist", [enemy])
    r = reachable(s, s.units["p"], know)
    assert s.board.index(Hex(2, 1)) not in r.cost   # (2,1) is also next to (2,0): ZOC to ZOC
    s.units["p"].infiltrates = True
    r2 = reachable(s, s.units["p"], know)
    assert s.board.index(Hex(3, 0)) in r2.cost


def test_stacking_limit_on_destination():
    b = tiny_board(["ccc"])
    units = [unit(f"b{i}", "blue", Hex(1, 0)) for i in range(3)] + [unit("x", "blue", Hex(0, 0))]
    s, _ = start_game(tiny_state(b, units))
    s, _ = apply(s, EndPhase())  # red has nothing: move on to blue
    s, _ = apply(s, EndPhase())
    s, _ = apply(s, EndPhase()) if s.active_seat.id != "blue" else (s, [])
    assert s.active_seat.id == "blue"
    reason = why_illegal(s, MoveUnit("x", Hex(1, 0)))
    assert reason and "stack" in reason
    assert MoveUnit("x", Hex(2, 0)) in legal_actions(s)


def test_illegal_moves_say_why_and_change_nothing():
    b = tiny_board(["cc.c"])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(3, 0))]))
    before = s.checksum()
    for action, words in [(MoveUnit("b", Hex(2, 0)), "not yours"), (MoveUnit("r", Hex(2, 0)), "sea"),
                          (MoveUnit("zz", Hex(1, 0)), "no unit"), (MoveUnit("r", Hex(9, 9)), "off the map")]:
        with pytest.raises(IllegalAction) as err:
            apply(s, action)
        assert words in err.value.reason
    assert s.checksum() == before


def test_unseen_enemy_stops_a_move_and_reveals_it():
    # rule: movement is planned on what the bloc sees; a hidden unit in the way stops it.
    b = tiny_board(["cccccccc"])
    hidden = unit("pva", "red", Hex(5, 0), hidden=True)
    s, _ = start_game(tiny_state(b, [unit("b", "blue", Hex(0, 0), movement=8), hidden],
                                 seats=(tiny_state.__defaults__[-1][1], tiny_state.__defaults__[-1][0])))
    assert s.active_seat.id == "blue"
    assert MoveUnit("b", Hex(7, 0)) in legal_actions(s)   # the blue player does not know
    s2, events = apply(s, MoveUnit("b", Hex(7, 0)))
    assert s2.units["b"].hex == Hex(4, 0)                  # stopped entering the hidden unit's ZOC
    kinds = [e.kind for e in events]
    assert "UnitStopped" in kinds and "UnitSpotted" in kinds
    assert s2.units["pva"].hidden is False


def test_move_captures_hexes_on_the_way():
    b = tiny_board(["cccc"], country=["RRNN"])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(3, 0))]))
    s2, events = apply(s, MoveUnit("r", Hex(0, 0)))
    assert s2.control[s2.board.index(Hex(0, 0))] == s2.config.bloc_code("communist")
    assert sum(e.kind == "HexCaptured" for e in events) == 2
