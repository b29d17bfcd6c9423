"""A place on a great power's border on the last word: priced by what taking it would cost then (game/ai/
border_price.py), not kept off as through the war."""

from __future__ import annotations

import numpy as np
import pytest
from helpers import started, tiny_board, tiny_state, unit, with_places, with_politics

from game.ai.border_price import border_place_costs
from game.ai.commander import Commander
from game.engine import api
from game.engine.actions import EndPhase
from game.scenario.politics_compile import compile_politics
from game.scenario.politics_context import ParseContext

BOARD = tiny_board(["c" * 14] * 10, country=["C" * 14] + ["N" * 14] * 9)


def cell(col: int, row: int):
    """The hex at a column and row of the 14x10 board (row 0, China's, to the north)."""
    return BOARD.hex_at(row * 14 + col)


PLACE = cell(3, 1)


def _on_the_river(turn: int, escalation: int, stood_there_before: bool = False):
    """A 14x10 board, China along the top row, the enemy's ground down to row 4: his 3-point place at column 3 of
    row 1, on the river, four hexes north of our division b, and a 5-point place of his at the east end of row 4,
    beyond b's reach; ours, 5 points, in a corner of the south.  At blue's movement on ``turn`` of 28: blue moves
    last, so on turn 28 its move is the last word.  The scenario's rule: a blue unit on the river raises
    escalation by ``escalation``, once (its flag already set when ``stood_there_before``); the score counts ground
    1 a point, escalation 0.3."""
    b = BOARD
    s = with_places(tiny_state(b, [unit("b", "blue", cell(3, 5)), unit("r", "red", cell(13, 0))]), (PLACE, 3),
                    (cell(13, 4), 5), (cell(0, 9), 5))
    doc = {"tracks": {"escalation": {"start": 10}},
           "regions": {"river": {"border": ["DPRK", "PRC"]}},
           "flags": {"stood_on_river": stood_there_before},
           "rules": [{"id": "on_the_river", "check": ["after_action", "turn_start"],
                      "when": {"all": [{"near_region": {"region": "river", "bloc": "un", "within": 0}},
                                       {"not": {"flag": "stood_on_river"}}]},
                      "effects": [{"set_flag": "stood_on_river"},
                                  {"track": {"name": "escalation", "add": escalation}}]}],
           "scoring": {"ground": 1, "losses": 0.5, "escalation": 0.3, "historical": {}}}
    problems: list = []
    ctx = ParseContext(b, s.config.seats, unit_ids={"b", "r"}, report=lambda p, m: problems.append((p, m)))
    s = with_politics(s, compile_politics(ctx, doc))
    assert not problems, problems
    for row in range(10):
        for col in range(14):
            s.control[row * 14 + col] = s.config.bloc_code("communist" if row <= 4 else "un")
    s = started(s)
    s.turn = turn
    while not (s.active_seat.id == "blue" and s.phase is api.Phase.MOVEMENT):
        s, _ = api.apply(s, EndPhase())
    return s


def _goes_to_the_place(s) -> bool:
    agent = Commander(3)
    action = agent.choose(api.observe(s, "blue"))
    return getattr(action, "to", None) == PLACE


def _cost(s) -> float:
    obs = api.observe(s, "blue")
    place = np.zeros(obs.board.size, dtype=bool)
    place[obs.board.index(PLACE)] = True
    return border_place_costs(obs, place, {u: obs.move_options(u) for u in obs.movers()})[obs.board.index(PLACE)]


def test_the_price_of_a_border_place_is_the_escalation_peak_it_would_raise_times_its_weight():
    # rule: escalation 10 (its peak too); standing on the river adds 2 (0.3 x 2 points), or 20 (6 points), or nothing
    # once the rule has fired
    assert _cost(_on_the_river(28, escalation=2)) == pytest.approx(0.6)
    assert _cost(_on_the_river(28, escalation=20)) == pytest.approx(6.0)
    assert _cost(_on_the_river(28, escalation=20, stood_there_before=True)) == 0.0


def test_on_the_last_word_a_border_place_that_costs_nothing_more_is_taken():
    # rule: a unit of ours has stood on the river before (the rule fires once): the place's 3 points come free.
    # Before, the seat kept off it to the end: the chinese-intervention ROK left Sinuiju to the enemy (pair 99)
    s = _on_the_river(28, escalation=20, stood_there_before=True)
    assert _goes_to_the_place(s)
    agent = Commander(3)
    agent.choose(api.observe(s, "blue"))
    assert agent.last_reason == ("B takes the place with our last move: on the border, but it sets off nothing more "
                                 "before the war is counted."), agent.last_reason


def test_on_the_last_word_a_border_place_that_costs_more_than_it_is_worth_is_left():
    # rule: +20 escalation costs 6 points, more than the place's 3
    assert not _goes_to_the_place(_on_the_river(28, escalation=20))


def test_before_the_last_word_the_border_is_kept_off_even_when_free():
    # rule: with turns to come, the seat keeps clear of the border (what it sets off then is not priced)
    assert not _goes_to_the_place(_on_the_river(1, escalation=0, stood_there_before=True))
