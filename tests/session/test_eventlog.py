"""The log under fog: a seat reads its own events, public ones, and what it could see."""

from helpers import tiny_board, tiny_state, unit

from game.engine.actions import MoveUnit
from game.engine.api import apply, observe
from game.engine.api import start as start_game
from game.engine.hexes import Hex
from game.session.eventlog import readable


def test_enemy_moves_out_of_sight_are_not_read():
    b = tiny_board(["c" * 12])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(11, 0))]))
    s2, events = apply(s, MoveUnit("r", Hex(2, 0)))
    assert any(e.kind == "UnitMoved" for e in events)
    assert [x.text for x in readable(observe(s2, "blue"), events)] == []
    assert any(x.own for x in readable(observe(s2, "red"), events))


def test_enemy_move_seen_in_part_hides_its_origin():
    b = tiny_board(["c" * 12])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0), movement=6), unit("b", "blue", Hex(8, 0))]))
    s2, events = apply(s, MoveUnit("r", Hex(6, 0)))   # blue sees 2 hexes: only the end of the path
    texts = [x.text for x in readable(observe(s2, "blue"), events)]
    assert any("R seen moving" in t for t in texts), texts
    assert not any("from" in t for t in texts)
