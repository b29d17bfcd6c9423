"""Scores against history, literal values on a tiny fixture: each seat is credited with its own fighting,
allies share the ground and say so, the coalition counts for the UN seat only."""

from datetime import date

import pytest
from helpers import play, started, tiny_board, tiny_state, unit, with_politics

from game.engine import api
from game.engine.actions import Attack, EndPhase
from game.engine.config import Seat, VictoryPlace
from game.engine.hexes import Hex
from game.scenario.politics_compile import compile_politics
from game.scenario.politics_context import ParseContext

SEATS3 = (Seat("red", "Red", "communist", ("KPA",)), Seat("rok", "ROK", "un", ("ROK",)),
          Seat("blue", "UN Command", "un", ("US", "UK")))
POLITICS = {
    "tracks": {"escalation": {"start": 10}, "cohesion": {"start": 70}},
    "scoring": {"ground": 1, "losses": 0.5, "escalation": 0.3, "cohesion": 0.3,
                "historical": {"ground": {"un": 2, "communist": 3}, "escalation_peak": 20, "cohesion": 60,
                               "loss_balance": {"blue": 1}, "outcome": "armistice"}},
}
PLACES = [{"id": "north", "name": "North", "hex": [0, 0]}, {"id": "south", "name": "South", "hex": [5, 0]}]


def fixture(units, seats=SEATS3):
    import dataclasses
    b = tiny_board(["cccccc"], places=PLACES)
    s = tiny_state(b, units, seats=seats)
    config = dataclasses.replace(s.config, victory_places=(VictoryPlace("north", Hex(0, 0), 3),
                                                           VictoryPlace("south", Hex(5, 0), 2)))
    from game.engine.creation import new_state
    s = new_state(b, config, list(s.units.templates), 1)
    problems = []
    ctx = ParseContext(b, seats, unit_ids={u.id for u in units}, report=lambda p, m: problems.append((p, m)))
    s = with_politics(s, compile_politics(ctx, POLITICS))
    assert not problems
    return s


def test_literal_scores_at_the_start():
    s = started(fixture([unit("r", "red", Hex(1, 0)), unit("k", "rok", Hex(4, 0)), unit("u", "blue", Hex(3, 0))]))
    s.control[s.board.index(Hex(0, 0))] = s.config.bloc_code("communist")
    s.control[s.board.index(Hex(5, 0))] = s.config.bloc_code("un")
    sc = api.scores(s)
    # red: ground 3 - 3 = 0; losses 0; escalation 0.3 x (20 - 10) = 3
    assert sc["red"]["components"] == {"ground": 0.0, "losses": 0.0, "escalation": 3.0, "outcome": 0.0}
    # the ROK: ground 2 - 2 = 0, shared with the UN Command; no coalition component
    assert sc["rok"]["components"] == {"ground": 0.0, "losses": 0.0, "escalation": 3.0, "outcome": 0.0}
    assert "shared with the UN Command" in sc["rok"]["why"][0]
    # the UN Command: losses 0.5 x (0 - 1) = -0.5; coalition 0.3 x (70 - 60) = 3
    assert sc["blue"]["components"] == {"ground": 0.0, "losses": -0.5, "escalation": 3.0, "coalition": 3.0,
                                        "outcome": 0.0}
    assert sc["blue"]["total"] == 5.5


def test_each_seat_is_credited_with_its_own_fighting():
    # rule: the UN Command attacks and the red unit loses steps; the ROK, which did not fight, gets nothing
    units = [unit("r", "red", Hex(2, 0), defence=1, steps=4), unit("k", "rok", Hex(5, 0)),
             unit("u", "blue", Hex(1, 0), attack=12)]
    s = started(fixture(units, seats=(SEATS3[2], SEATS3[1], SEATS3[0])))
    s, _ = play(s, EndPhase())
    for seed in range(40):
        s2, events = api.apply(api.reseed(s, seed), Attack(Hex(2, 0), ("u",)))
        result = next(e for e in events if e.kind == "CombatResolved").data["result"]
        if result == "DL2R":
            break
    else:
        pytest.fail("no DL2R in 40 seeds")
    lost = s2.steps_lost_dict()
    assert lost["red"] >= 2 and lost["blue"] == 0
    assert s2.steps_inflicted_dict() == {"blue": lost["red"], "rok": 0, "red": 0}
    sc = api.scores(s2)
    assert sc["rok"]["components"]["losses"] == 0.0
    assert sc["blue"]["components"]["losses"] == 0.5 * (lost["red"] - 1)
    assert sc["red"]["components"]["losses"] == -0.5 * lost["red"]


def test_attrition_is_inflicted_by_nobody():
    from game.engine.primitives import lose_steps
    s = fixture([unit("r", "red", Hex(1, 0)), unit("u", "blue", Hex(3, 0))], seats=(SEATS3[0], SEATS3[2]))
    lose_steps(s, s.unit_index("r"), 1, "attrition out of supply")
    assert s.steps_lost_dict()["red"] == 1 and sum(s.steps_inflicted_dict().values()) == 0


def test_a_general_war_costs_every_seat_against_a_historical_armistice():
    s = started(fixture([unit("r", "red", Hex(1, 0)), unit("u", "blue", Hex(3, 0))], seats=(SEATS3[0], SEATS3[2])))
    s.outcome = "general_war"
    sc = api.scores(s)
    assert sc["red"]["components"]["outcome"] == -100 and sc["blue"]["components"]["outcome"] == -100
    assert date(1950, 6, 25) == s.date


def test_the_ground_reason_names_the_places_held():
    """The score explains itself: 'Ground: your side holds Seoul, Inchon and 2 more (4 of the 9 victory places):
    ... points, shared with ... (in history: ... points)'."""
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    match = Match.start(load_scenario("tutorial"), 1, {})
    why = match.reveal().scores["rok"]["why"][0]
    assert why.startswith("Ground: your side holds Seoul") and "victory places" in why
    assert "shared with the UN Command" in why and "(in history:" in why
