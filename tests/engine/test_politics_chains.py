"""The political chains on a tiny fixture board, scripted action by action.

rule / actions / expected:
- intervention: blue crosses the line -> a warning at once -> pressure rises each turn near the
  border -> red may choose to enter (decision) and past the upper threshold must -> gated units arrive;
- escalation: nuclear use -> escalation 100 -> general war: the game ends and every seat loses;
- armistice: a stable front and weariness -> talks open -> progress -> signature -> the DMZ;
  a refusal by the blue seat delays the signature.
"""

from __future__ import annotations

import yaml
from helpers import flags_of, tiny_board, tiny_state, tracks_of, unit, with_politics

from game.engine.actions import Decide, EndPhase, MoveUnit
from game.engine.api import apply, legal_actions
from game.engine.api import start as start_game
from game.engine.hexes import Hex
from game.engine.politics.scoring import scores
from game.engine.state import Phase
from game.engine.units import Location
from game.scenario.politics_compile import compile_politics
from game.scenario.politics_context import ParseContext

# Row r of the tiny board lies at about 38.0 - 0.125 r degrees north; "the line" is 37.6 (between rows 3 and 4).
POLITICS = """
tracks:
  escalation: {label: Escalation, start: 0, thresholds: {general_war: 100}, idea: escalation_control}
  intervention: {label: Intervention, start: 0, thresholds: {may_enter: 40, must_enter: 70}, idea: buffer_state}
  weariness_un: {start: 0}
  weariness_communist: {start: 0}
  talks: {start: 0}
regions:
  border: {north_of: 37.8}
rules:
  - id: prc_warning
    when: {units_north_of: {lat: 37.6, seat: blue}}
    check: [after_action]
    text: "China warns through India."
    history: "3 October 1950: Zhou Enlai's warning through K. M. Panikkar."
    idea: buffer_state
    effects: [{track: {name: intervention, add: 30}}, {set_flag: warned}]
  - id: pressure
    when: {all: [{flag: warned}, {near_region: {region: border, seat: blue, within: 1}}]}
    once: false
    effects: [{track: {name: intervention, add: 15}}]
  - id: forced_entry
    when: {track: {name: intervention, at_least: 70}}
    effects: [{take_decision: intervene}]
  - id: general_war
    when: {track: {name: escalation, at_least: 100}}
    check: [after_action, turn_start]
    effects: [{end_game: {outcome: general_war, text: "General war."}}]
  - id: weariness
    once: false
    effects: [{track: {name: weariness_un, add: 20}}, {track: {name: weariness_communist, add: 20}}]
  - id: talks_open
    when: {all: [{front_stable: {turns: 2}}, {track: {name: weariness_un, at_least: 40}}]}
    effects: [{talks: open}]
  - id: talks_turn
    once: false
    effects: [{talks_progress: {base: 40}}]
  - id: signature
    when: {all: [{track: {name: talks, at_least: 100}}, {not: {flag: refused}}]}
    effects: [{talks: sign}]
decisions:
  - id: intervene
    seat: red
    title: Intervene
    when: {track: {name: intervention, at_least: 40}}
    effects: [{set_flag: pva_enter}, {track: {name: escalation, add: 10}}]
  - id: nuclear_use
    seat: blue
    title: Use the bomb
    effects: [{track: {name: escalation, add: 100}}]
  - id: refuse
    seat: blue
    title: Refuse the armistice
    effects: [{set_flag: refused}]
"""


def politics_state(units, seed=1):
    b = tiny_board(["cccccc"] * 8, country=["NNNNNN"] * 3 + ["RRRRRR"] * 5)
    s = tiny_state(b, units, seed=seed)
    problems = []
    ctx = ParseContext(b, s.config.seats, unit_ids={u.id for u in units},
                       report=lambda path, msg: problems.append((path, msg)))
    pol = compile_politics(ctx, yaml.safe_load(POLITICS))
    assert problems == []
    s = with_politics(s, pol)
    state, _ = start_game(s)
    return state


def end_seat(state):
    """End the active seat's phases until another seat is to act."""
    seat = state.active_seat.id
    events = []
    while state.active_seat.id == seat and not state.over:
        state, ev = apply(state, EndPhase())
        events += ev
    return state, events


def test_intervention_chain_warning_then_choice_then_forced_entry():
    pva = unit("pva", "red", None, location=Location.PENDING, requires="pva_enter", arrives_at="hex:2,0")
    state = politics_state([unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(2, 6), movement=8), pva])
    state, _ = end_seat(state)                       # red passes
    assert state.active_seat.id == "blue" and state.phase is Phase.POLITICAL
    state, _ = apply(state, EndPhase())              # blue takes no decision
    state, events = apply(state, MoveUnit("b", Hex(4, 2)))   # across the line (row 2 is north of 37.6)
    fired = [e for e in events if e.kind == "RuleFired"]
    assert [e.data["rule"] for e in fired] == ["prc_warning"]
    assert fired[0].data["history"].startswith("3 October 1950") and fired[0].data["idea"] == "buffer_state"
    assert tracks_of(state)["intervention"] == 30 and flags_of(state)["warned"]
    # Next turn the pressure rule adds 15 (blue is within a hex of the border region): 45, between the thresholds.
    state, _ = end_seat(state)
    assert tracks_of(state)["intervention"] == 45
    assert state.phase is Phase.POLITICAL and Decide("intervene") in legal_actions(state)
    # Red waits; pressure keeps rising while blue stays by the border, and past 70 entry is forced.
    events = []
    for _ in range(4):
        if state.phase is Phase.POLITICAL:
            state, ev = apply(state, EndPhase())
            events += ev
        state, ev = end_seat(state)        # red
        events += ev
        state, ev = end_seat(state)        # blue
        events += ev
        if state.unit("pva").location is Location.MAP:
            break
    assert tracks_of(state)["intervention"] >= 70
    taken = [e for e in events if e.kind == "DecisionTaken"]
    assert len(taken) == 1 and taken[0].data["forced"] and taken[0].data["decision"] == "intervene"
    assert state.unit("pva").location is Location.MAP
    assert any(e.kind == "UnitArrived" and e.data["unit"] == "pva" for e in events)


def test_nuclear_use_escalates_to_general_war_and_everyone_loses():
    state = politics_state([unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(2, 6))])
    state, _ = end_seat(state)
    assert state.phase is Phase.POLITICAL
    state, events = apply(state, Decide("nuclear_use"))
    assert tracks_of(state)["escalation"] == 100
    assert state.outcome == "general_war" and state.over
    assert any(e.kind == "GameEnded" for e in events)
    totals = {seat: v["total"] for seat, v in scores(state).items()}
    assert all(t < 0 for t in totals.values()), totals
    assert legal_actions(state) == []


def play_quiet_turns(state, n, refuse_at=None):
    for k in range(n):
        if state.over:
            break
        while not state.over and state.active_seat.id == "red":
            state, _ = apply(state, EndPhase())
        if state.over:
            break
        if refuse_at == k and state.phase is Phase.POLITICAL:
            state, _ = apply(state, Decide("refuse"))
        state, _ = end_seat(state)
    return state


def test_stable_front_and_weariness_open_talks_then_armistice_and_dmz():
    state = politics_state([unit("r", "red", Hex(1, 2)), unit("b", "blue", Hex(1, 3))])
    state = play_quiet_turns(state, 12)
    assert state.outcome == "armistice"
    assert flags_of(state)["talks"] == "signed"
    dmz = flags_of(state)["dmz"]
    assert dmz and all(state.control[i] != state.control[state.board.neighbors[i, d]] for i, d in dmz)
    assert {e for e in (flags_of(state).get("rule:talks_open"), flags_of(state).get("rule:signature"))} == {1}


def test_a_refusal_delays_the_signature():
    base = politics_state([unit("r", "red", Hex(1, 2)), unit("b", "blue", Hex(1, 3))])
    signed = play_quiet_turns(base, 12)
    refused = play_quiet_turns(base, 12, refuse_at=0)
    assert signed.outcome == "armistice"
    assert refused.outcome != "armistice" and tracks_of(refused)["talks"] >= 100
    assert refused.turn > signed.turn
