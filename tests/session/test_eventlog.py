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


def test_a_lesson_for_one_seat_is_read_by_that_seat_only():
    """The tutorial's lessons for the UN's first turn (rule ``to: un``) reach the UN player's log, not the DPRK/PRC
    player's: in hot-seat play a tip meant for one side was shown to the other."""
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 3, {s: "human" for s in ("dprk_prc", "rok", "un")})
    table = Table(match)
    agents = make_agents(match, "random", 3)
    while match.turn == 1:
        seat = match.active_seat
        table.submit(agents[seat].choose(match.view(seat)))
    texts = {seat: [e.text for e in entries] for seat, entries in table.logs.entries.items()}
    lesson = "UN Command, your turn. Step 1"
    assert any(t.startswith(lesson) for t in texts["un"])
    assert any(t.startswith("Step 3: moved the wrong way") for t in texts["un"])
    for other in ("dprk_prc", "rok"):
        assert not any(t.startswith(lesson) or t.startswith("Step 3") for t in texts[other]), other
    # What the rule does for everyone still happens for everyone: the welcome reaches every seat.
    assert all(any(t.startswith("Welcome to Armistice") for t in texts[s]) for s in texts)
