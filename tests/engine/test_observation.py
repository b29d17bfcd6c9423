"""Fog of war and sealed observations: a seat sees what its units see, and an observation cannot
reach or change anything its seat may not (rule / actions / expected)."""

import gc

import numpy as np
import pytest
from helpers import BLUE_FIRST, control_all, play, started, tiny_board, tiny_state, unit

from game.engine import api
from game.engine.actions import EndPhase, MoveUnit
from game.engine.hexes import Hex
from game.engine.units import Location


def fog_state():
    """Blue at (0,0) sees 2 hexes; red has a unit in sight, one out of sight, one hidden next door, one hidden
    two hexes away, and one waiting to arrive."""
    b = tiny_board(["c" * 12, "c" * 12])
    units = [unit("b", "blue", Hex(0, 0)),
             unit("seen", "red", Hex(2, 0)), unit("far", "red", Hex(9, 0)),
             unit("pva_near", "red", Hex(0, 1), hidden=True), unit("pva_far", "red", Hex(2, 1), hidden=True),
             unit("later", "red", None, location=Location.PENDING)]
    return started(tiny_state(b, units, seats=BLUE_FIRST))


def test_a_seat_sees_its_own_units_and_the_enemies_in_sight():
    s = fog_state()
    obs = api.observe(s, "blue")
    assert set(obs.units) == {"b", "seen", "pva_near"}           # hidden units only from next door
    assert obs.visible[s.board.index(Hex(2, 0))] and not obs.visible[s.board.index(Hex(3, 0))]
    red = api.observe(s, "red")
    assert set(red.units) >= {"seen", "far", "pva_near", "pva_far", "later", "b"}   # red sees blue next door


def test_the_legal_actions_of_an_observation_are_the_engines():
    s = fog_state()
    obs = api.observe(s, "blue")
    assert obs.legal_actions() == api.legal_actions(s)
    assert api.observe(s, "red").legal_actions() == []           # not red's turn
    b = tiny_board(["c" * 12, "c" * 12])
    s = started(tiny_state(b, [unit("b", "blue", Hex(0, 0)), unit("c", "blue", Hex(0, 1)),
                               unit("r", "red", Hex(5, 0), hidden=True)], seats=BLUE_FIRST))
    s2, _ = api.apply(s, MoveUnit("b", Hex(4, 0)))           # now next to the hidden unit: it is spotted
    assert "r" in api.observe(s2, "blue").units
    assert api.observe(s2, "blue").legal_actions() == api.legal_actions(s2)


def test_an_observation_holds_no_reference_to_the_true_state():
    s = fog_state()
    obs = api.observe(s, "blue")
    obs.legal_actions()
    obs.units
    forbidden = {id(s)} | {id(getattr(s, name)) for name in type(s).ARRAYS}
    seen, todo = set(), [obs]
    while todo:
        x = todo.pop()
        if id(x) in seen or isinstance(x, (str, bytes, int, float, type)):
            continue
        seen.add(id(x))
        assert id(x) not in forbidden, f"the observation reaches the true state through {type(x).__name__}"
        todo.extend(gc.get_referents(x))


def test_an_agent_cannot_see_hidden_units_or_the_dice_through_an_observation():
    s = fog_state()
    obs = api.observe(s, "blue")
    fog = obs._s                                             # what an agent could dig out of the observation
    for uid in ("far", "pva_far", "later"):
        k = fog.unit_index(uid)
        assert fog.loc[k] != 0 and fog.hex[k] == -1           # off the map, nowhere
        assert fog.dug_in[k] == -1 and not fog.moved[k]       # nor where it dug in or whether it moved
        assert uid not in obs.units
    assert fog.rng_state != s.rng_state
    with pytest.raises(KeyError):
        obs.units["far"]


def test_an_agent_cannot_change_the_game_through_an_observation():
    s = fog_state()
    before = api.checksum(s)
    obs = api.observe(s, "blue")
    with pytest.raises(AttributeError):
        obs.units["b"].steps = 1                               # unit views are frozen
    with pytest.raises(ValueError):
        obs.control[0] = 2                                     # read-only
    obs._s.loc[:] = 0                                          # its own copy: scribbling there changes nothing
    obs._s.steps[:] = 1
    assert api.checksum(s) == before
    assert api.legal_actions(s) == api.observe(s, "blue").legal_actions()


def test_the_choice_of_a_seat_does_not_depend_on_what_it_cannot_see():
    # rule: an unseen enemy changes nothing a seat can observe (so nothing an agent can decide on)
    b = tiny_board(["c" * 12, "c" * 12])
    base = [unit("b", "blue", Hex(0, 0)), unit("r", "red", Hex(2, 0))]
    with_ghost = base + [unit("ghost", "red", Hex(8, 1))]
    s1 = started(tiny_state(b, base, seats=BLUE_FIRST))
    s2 = started(tiny_state(b, with_ghost, seats=BLUE_FIRST))
    o1, o2 = api.observe(s1, "blue"), api.observe(s2, "blue")
    assert o1.legal_actions() == o2.legal_actions()
    assert {k: (u.hex, u.steps) for k, u in o1.units.items()} == {k: (u.hex, u.steps) for k, u in o2.units.items()}
    assert (o1.visible == o2.visible).all()


def test_an_observation_keeps_the_enemys_supply_state_private():
    b = tiny_board(["c" * 6])
    s = started(tiny_state(b, [unit("b", "blue", Hex(0, 0)), unit("r", "red", Hex(1, 0), out_of_supply=2)],
                           seats=BLUE_FIRST))
    assert api.observe(s, "blue").units["r"].out_of_supply == 0
    assert api.observe(s, "red").units["r"].out_of_supply == 2


# -- the end of a game --------------------------------------------------------------------------------

def test_the_last_turn_ends_the_game():
    from datetime import date

    from game.engine.config import Calendar, CalendarPeriod
    b = tiny_board(["cccc"])
    s = tiny_state(b, [unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(3, 0))],
                   sources=[("communist", Hex(0, 0)), ("un", Hex(3, 0))])
    first = date(1950, 6, 25)
    import dataclasses
    config = dataclasses.replace(s.config, calendar=Calendar(first, date(1950, 7, 2), (CalendarPeriod(first, 7),)))
    from game.engine.creation import new_state
    s = started(new_state(b, config, list(s.units.templates), 1))
    assert s.last_turn == 2
    events = []
    while not s.over:
        s, ev = api.apply(s, EndPhase())
        events += ev
    assert s.outcome == "last_turn" and s.turn == 2
    assert events[-1].kind == "GameEnded" and events[-1].text == "The scenario's last turn is over."
    assert api.legal_actions(s) == [] and api.is_terminal(s) and api.current_seat(s) is None
    assert api.check(s, EndPhase()).code == "game_over"


def test_unification_when_one_side_holds_every_victory_place_and_nearly_all_korea():
    import dataclasses

    from game.engine.config import VictoryPlace
    from game.engine.creation import new_state
    b = tiny_board(["c" * 20], country=["N" * 10 + "R" * 10], places=[{"id": "cap", "name": "Cap", "hex": [15, 0]}])
    s = tiny_state(b, [unit("r", "red", Hex(13, 0), movement=4), unit("b", "blue", None, location=Location.JAPAN)])
    config = dataclasses.replace(s.config, victory_places=(VictoryPlace("cap", Hex(15, 0), 5),))
    s = new_state(b, config, list(s.units.templates), 1)
    control_all(s, "communist")
    s.control[b.index(Hex(15, 0))] = s.config.bloc_code("un")      # the last place the UN holds
    s = started(s)
    s, events = play(s, MoveUnit("r", Hex(15, 0)), EndPhase(), EndPhase())
    assert s.outcome == "unification:communist"
    assert any(e.kind == "GameEnded" and e.text == "Korea is unified by the communist side." for e in events)
    assert api.returns(s)["red"] > api.returns(s)["blue"]
    assert np.all(s.control[s.board.terrain >= 2] == s.config.bloc_code("communist"))


def test_the_supply_overlay_of_an_observation_counts_only_enemies_as_enemies():
    b = tiny_board(["c" * 8])
    s = started(tiny_state(b, [unit("b", "blue", Hex(3, 0)), unit("r", "red", Hex(7, 0))], seats=BLUE_FIRST,
                           sources=[("un", Hex(0, 0))]))
    supplied = api.observe(s, "blue").supplied()
    assert supplied[b.index(Hex(3, 0))]                      # its own unit's hex is not an obstacle


def test_an_observation_offers_the_decisions_open_in_the_true_position():
    # rule: a decision whose condition reads something the seat cannot see is still offered to it
    from helpers import with_politics

    from game.engine.actions import Decide
    from game.scenario.politics_compile import compile_politics
    from game.scenario.politics_context import ParseContext
    b = tiny_board(["c" * 12])
    units = [unit("b", "blue", Hex(0, 0)), unit("r", "red", Hex(10, 0))]
    s = tiny_state(b, units, seats=BLUE_FIRST)
    doc = {"decisions": [{"id": "alarm", "seat": "blue", "title": "Sound the alarm",
                          "when": {"units_north_of": {"lat": 30.0, "seat": "red"}}, "effects": [{"set_flag": "x"}]}]}
    problems = []
    ctx = ParseContext(b, s.config.seats, unit_ids={"b", "r"}, report=lambda p, m: problems.append((p, m)))
    s = started(with_politics(s, compile_politics(ctx, doc)))
    assert not problems
    obs = api.observe(s, "blue")
    assert "r" not in obs.units                                # blue cannot see the red unit ...
    assert Decide("alarm") in api.legal_actions(s)             # ... whose presence opens the decision,
    assert obs.legal_actions() == api.legal_actions(s)         # and the observation offers it all the same


def test_consequences_of_a_decision_now_and_a_turn_later():
    # rule: a hard line on prisoners changes nothing at once, but slows the talks at the next turn's table
    from helpers import with_politics

    from game.scenario.politics_compile import compile_politics
    from game.scenario.politics_context import ParseContext
    b = tiny_board(["c" * 6])
    s = tiny_state(b, [unit("b", "blue", Hex(0, 0)), unit("r", "red", Hex(5, 0))], seats=BLUE_FIRST)
    doc = {"tracks": {"talks": {}, "escalation": {"start": 10}},
           "flags": {"talks": "open"},
           "rules": [{"id": "table", "once": False, "effects": [{"talks_progress": {"base": 4, "hardline": 3}}]}],
           "decisions": [{"id": "hard", "seat": "blue", "title": "No forced repatriation",
                          "effects": [{"set_flag": "pow_hardline_un"}]},
                         {"id": "bomb", "seat": "blue", "title": "Bomb", "effects": [
                             {"track": {"name": "escalation", "add": 15}}]}]}
    problems = []
    ctx = ParseContext(b, s.config.seats, unit_ids={"b", "r"}, report=lambda p, m: problems.append((p, m)))
    s = started(with_politics(s, compile_politics(ctx, doc)))
    assert not problems
    obs = api.observe(s, "blue")
    hard = obs.consequences("hard")
    assert hard.change("talks") == 0 and hard.next_turn == {"talks": -3.0}
    bomb = obs.consequences("bomb")
    assert bomb.change("escalation") == 15 and obs.escalation_peak == 10
    assert obs.preview_decision("bomb")["escalation"] == 25


def test_consequences_count_units_a_decision_calls_up_early_by_the_turns_they_gain():
    # rule: a decision that brings scheduled units in at once (a reinforce effect, China's next army groups) is
    # worth their strength times the share of the game's turns left that they gain; before, it counted nothing,
    # and the DPRK of macarthur-unleashed never sent its next army groups.
    from datetime import date

    from helpers import with_politics

    from game.scenario.politics_compile import compile_politics
    from game.scenario.politics_context import ParseContext
    b = tiny_board(["c" * 6])
    soon = unit("soon", "blue", None, attack=3, defence=2, arrives=date(1950, 7, 9), arrives_at="hex:0,0")
    late = unit("late", "blue", None, attack=4, defence=4, arrives=date(1951, 3, 1), arrives_at="hex:1,0")
    s = tiny_state(b, [unit("b", "blue", Hex(0, 0)), unit("r", "red", Hex(5, 0)), soon, late], seats=BLUE_FIRST)
    doc = {"tracks": {"escalation": {"start": 10}},
           "decisions": [{"id": "call", "seat": "blue", "title": "Call up", "effects": [
               {"reinforce": {"units": ["soon", "late"]}}, {"track": {"name": "escalation", "add": 5}}]}]}
    problems = []
    ctx = ParseContext(b, s.config.seats, unit_ids={"b", "r", "soon", "late"},
                       report=lambda p, m: problems.append((p, m)))
    s = started(with_politics(s, compile_politics(ctx, doc)))
    assert not problems
    obs = api.observe(s, "blue")
    left = obs.last_turn - obs.turn + 1
    assert (obs.turn, left) == (1, 28)
    call = obs.consequences("call")
    assert call.units_hastened == 2
    # "soon" was due on turn 3 (9 July): two turns gained; "late" after the last turn: all 28.
    assert call.strength_hastened == pytest.approx(5 * 2 / 28 + 8)
    assert call.units_unlocked == 0
