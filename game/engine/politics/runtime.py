"""Politics at play: rules checked at phase boundaries and after actions, decisions, balance, the armistice.

Registered as an engine hook (turn.HOOKS), so the turn flow calls it without
knowing it.  Rules run until quiet, with a loop guard: each rule fires at
most once per check, and a check stops after MAX_PASSES passes.
"""

from __future__ import annotations

import numpy as np

from ..board import Country
from ..events import Event
from ..state import GameState
from ..units import Location
from .effects import EndGame, FireContext, ev, set_track
from .model import Decision, Rule

MAX_PASSES = 8
STABLE_FRONT_HEXES = 6   # a turn in which at most this many hexes change hands counts as a stable front
KOREA = (int(Country.ROK), int(Country.DPRK))


def politics_hook(state: GameState, point: str) -> list[Event]:
    pol = state.config.politics
    if pol is None or state.over:
        return []
    out: list[Event] = []
    if point == "turn_start":
        out.extend(_front_stability(state))
        update_balance(state)
    out.extend(run_rules(state, point))
    return out


def start_politics(state: GameState) -> None:
    """Set the tracks and flags to their starting values (before the first seat's turn)."""
    pol = state.config.politics
    if pol is None:
        return
    for name, spec in pol.tracks.items():
        state.tracks.setdefault(name, spec.start)
    if "escalation" in state.tracks:
        state.flags.setdefault("escalation_peak", float(state.tracks["escalation"]))
    for k, v in pol.flags.items():
        state.flags.setdefault(k, v)
    state.flags.setdefault("talks", "closed")
    apply_start_control(state)
    update_balance(state)


def apply_start_control(state: GameState) -> None:
    """Hand the scenario's ``control`` regions to their blocs (land in Korea; first seat of the bloc holds).

    Only for scenarios that list ``control``; the units on the map then hold their own hexes.
    """
    if not state.config.politics.control:
        return
    board = state.board
    korea = np.isin(board.country, KOREA) & (board.terrain >= 2)
    for bloc, mask in state.config.politics.control:
        cells = mask & korea
        state.control[cells] = state.config.bloc_code(bloc)
        seat = next(k for k, s in enumerate(state.config.seats) if s.bloc == bloc)
        state.holder[cells] = seat + 1
    # A unit holds the hex it stands on, whatever the outline says (the lines are drawn to a hex or two).
    for u in state.units.values():
        if u.location is Location.MAP and u.hex is not None:
            i = board.index(u.hex)
            if korea[i]:
                state.control[i] = state.config.bloc_code(state.unit_bloc(u))
                state.holder[i] = state.config.seats.index(state.config.seat(u.seat)) + 1


# -- rules ----------------------------------------------------------------------------------------------

def run_rules(state: GameState, point: str) -> list[Event]:
    pol = state.config.politics
    out: list[Event] = []
    fired_now: set[str] = set()
    for _ in range(MAX_PASSES):
        fired = False
        for rule in pol.rules_at(point):
            if state.over:
                return out
            if rule.id in fired_now or (rule.once and state.flags.get(f"rule:{rule.id}")):
                continue
            if rule.when is not None and not rule.when.test(state):
                continue
            if rule.chance is not None:
                p = rule.chance.value(state)
                if p <= 0:
                    continue
                if p < 1:
                    roll = float(state.rng.random())
                    out.append(Event("ChanceRolled", f"{rule.id}: {roll:.2f} against {p:.2f}", state.date,
                                     state.turn, None, (), False, {"rule": rule.id, "p": round(p, 4),
                                                                   "roll": round(roll, 4), "dice": True}))
                    if roll >= p:
                        continue
            fired_now.add(rule.id)
            fired = True
            out.extend(fire_rule(state, rule))
        if not fired:
            return out
    out.append(ev(state, "RuleLoopStopped", f"Rules at {point} kept firing each other; stopped after "
                                            f"{MAX_PASSES} passes.", None))
    return out


def fire_rule(state: GameState, rule: Rule) -> list[Event]:
    key = f"rule:{rule.id}"
    state.flags[key] = int(state.flags.get(key, 0)) + 1
    out: list[Event] = []
    if rule.text:
        out.append(ev(state, "RuleFired", rule.text, None, rule=rule.id, history=rule.history, idea=rule.idea))
    fire = FireContext(rule.id)
    for effect in rule.effects:
        out.extend(effect.apply(state, fire))
        if state.over:
            break
    return out


# -- decisions ----------------------------------------------------------------------------------------------

def decision_open(state: GameState, d: Decision) -> bool:
    if d.once and state.flags.get(f"decision:{d.id}"):
        return False
    if d.offered and not state.flags.get(f"offered:{d.id}"):
        return False
    return d.when is None or d.when.test(state)


def available_decisions(state: GameState, seat: str) -> list[Decision]:
    """Decisions the seat may take now, in scenario order."""
    pol = state.config.politics
    if pol is None or state.over:
        return []
    return [d for d in pol.decisions.values() if d.seat == seat and decision_open(state, d)]


def carry_out(state: GameState, decision_id: str, forced: bool = False) -> list[Event]:
    """Apply a decision's effects and record it (a rule may force it: ``take_decision``)."""
    pol = state.config.politics
    d = pol.decisions[decision_id]
    if d.once and state.flags.get(f"decision:{d.id}"):
        return []
    state.flags[f"decision:{d.id}"] = state.date.isoformat()
    seat = state.config.seat(d.seat).name
    text = f"{seat}: {d.title}." + (" (forced)" if forced else "")
    out = [ev(state, "DecisionTaken", text, d.seat, decision=d.id, history=d.history, idea=d.idea,
              detail=d.text, forced=forced)]
    fire = FireContext(f"decision:{d.id}", d.seat)
    for effect in d.effects:
        out.extend(effect.apply(state, fire))
        if state.over:
            break
    return out


# -- computed tracks ---------------------------------------------------------------------------------------------

def balance_of_power(state: GameState) -> float:
    """-100..100: positive when the UN bloc dominates the peninsula (combat power and ground in Korea)."""
    board = state.board
    korea = np.isin(board.country, KOREA)
    power = {b: 0.0 for b in state.config.blocs}
    for u in state.units.values():
        if u.location is Location.MAP and u.hex is not None and korea[board.index(u.hex)]:
            power[state.unit_bloc(u)] += u.attack_strength() + u.defence_strength()
    blocs = state.config.blocs
    if len(blocs) < 2:
        return 0.0
    a, b = (blocs.index("un") if "un" in blocs else 0), (blocs.index("communist") if "communist" in blocs else 1)
    pa, pb = power[blocs[a]], power[blocs[b]]
    land = korea & (board.terrain >= 2)
    ta = float((state.control[land] == a + 1).sum()) / max(1, int(land.sum()))
    tb = float((state.control[land] == b + 1).sum()) / max(1, int(land.sum()))
    force = (pa - pb) / (pa + pb) if pa + pb > 0 else 0.0
    return round(50.0 * force + 50.0 * (ta - tb), 2)


def update_balance(state: GameState) -> None:
    pol = state.config.politics
    if pol is not None and "balance" in pol.tracks:
        set_track(state, "balance", balance_of_power(state))


def _front_stability(state: GameState) -> list[Event]:
    changed = int(state.flags.pop("hexes_changed", 0))
    if state.turn <= 1:
        return []
    stable = int(state.flags.get("stable_turns", 0))
    state.flags["stable_turns"] = stable + 1 if changed <= STABLE_FRONT_HEXES else 0
    return []


# -- the armistice ------------------------------------------------------------------------------------------------

def front_hexsides(state: GameState) -> list[list[int]]:
    """[hex index, direction] of every Korean land hexside with one bloc on each side: the line of contact."""
    board = state.board
    korea = np.isin(board.country, KOREA) & (board.terrain >= 2)
    out = []
    for i in np.flatnonzero(korea):
        a = int(state.control[i])
        if a == 0:
            continue
        for d in (0, 1, 2):   # each hexside once
            j = int(board.neighbors[i, d])
            if j >= 0 and korea[j] and int(state.control[j]) not in (0, a):
                out.append([int(i), d])
    return out


def sign_armistice(state: GameState, fire: FireContext) -> list[Event]:
    """The line of contact freezes into the DMZ and the war ends in an armistice."""
    if state.flags.get("talks") == "signed":
        return []
    state.flags["talks"] = "signed"
    state.flags["dmz"] = front_hexsides(state)
    if "talks" in state.tracks:
        set_track(state, "talks", state.config.politics.tracks["talks"].hi)
    out = [ev(state, "ArmisticeSigned", f"The armistice is signed on {state.date:%d %B %Y}: the line of contact "
                                        "becomes the demilitarised zone.", fire.seat, dmz=len(state.flags["dmz"]))]
    out += EndGame("armistice", "The guns fall silent: an armistice, not a peace.").apply(state, fire)
    return out
