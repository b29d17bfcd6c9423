"""Politics at play: rules checked at phase boundaries and after actions, decisions open, the balance track.

The turn flow (game/engine/flow.py) calls :func:`check_point` at each check
point; nothing registers itself anywhere.  Rules run until quiet, with a loop
guard: each rule fires at most once per check, and a check stops after
MAX_PASSES passes.
"""

from __future__ import annotations

from ..events import Event
from ..narrate import render
from ..state import GameState, keyed_uniform, set_flag_value
from ..units import MAP
from .acts import FireContext, ev, set_track
from .model import CHECK_POINTS, Decision, Rule

MAX_PASSES = 8
STABLE_FRONT_HEXES = 6   # a turn in which at most this many hexes change hands counts as a stable front


def check_point(state: GameState, point: str) -> list[Event]:
    """Run the scenario's rules at ``point`` (turn_start, seat_start, seat_end, after_action)."""
    pol = state.config.politics
    if pol is None or state.over:
        return []
    out: list[Event] = []
    if point == "turn_start":
        _front_stability(state)
        update_balance(state)
    out.extend(run_rules(state, point))
    return out


def start_politics(state: GameState) -> None:
    """Set the tracks and flags to their starting values (before the first seat's turn)."""
    pol = state.config.politics
    if pol is None:
        return
    if state.has_track("escalation"):
        state.escalation_peak = state.track("escalation")
    for k, v in pol.flags.items():
        set_flag_value(state, k, v)
    apply_start_control(state)
    update_balance(state)


def apply_start_control(state: GameState) -> None:
    """Hand the scenario's ``control`` regions to their blocs (land in Korea; first seat of the bloc holds).

    Only for scenarios that list ``control``; the units on the map then hold their own hexes.
    """
    if not state.config.politics.control:
        return
    korea = state.setup.korea_land
    for bloc, mask in state.config.politics.control:
        cells = mask & korea
        state.control[cells] = state.config.bloc_code(bloc)
        seat = next(k for k, s in enumerate(state.config.seats) if s.bloc == bloc)
        state.holder[cells] = seat + 1
    # A unit holds the hex it stands on, whatever the outline says (the lines are drawn to a hex or two).
    table = state.units
    for u in range(table.n):
        i = int(state.hex[u])
        if state.loc[u] == MAP and i >= 0 and korea[i]:
            state.control[i] = table.bloc_list[u]
            state.holder[i] = table.seat_list[u] + 1


# -- rules ----------------------------------------------------------------------------------------------

def run_rules(state: GameState, point: str) -> list[Event]:
    pol = state.config.politics
    out: list[Event] = []
    fired_now: set[str] = set()
    failed_now: set[str] = set()       # rolled and missed at this check: the same roll would miss again
    index = state.setup.rule_index
    for _ in range(MAX_PASSES):
        fired = False
        for rule in pol.rules_at(point):
            if state.over:
                return out
            if rule.id in fired_now or rule.id in failed_now or (rule.once and state.rule_fired[index[rule.id]]):
                continue
            if rule.when is not None and not rule.when.test(state):
                continue
            if rule.chance is not None:
                p = rule.chance.value(state)
                if p <= 0:
                    continue
                if p < 1:
                    # Keyed by where it is rolled, not drawn from the combat dice (state.keyed_uniform);
                    # after an action, by the action's number too, so each action gets its own roll.
                    roll = keyed_uniform(state, state.turn, state.seat_index, CHECK_POINTS.index(point),
                                         index[rule.id], state.actions_applied if point == "after_action" else 0)
                    out.append(Event("ChanceRolled", state.date, state.turn, None, (), False,
                                     {"rule": rule.id, "p": round(p, 4), "roll": round(roll, 4), "dice": True},
                                     state.setup, None, render))
                    if roll >= p:
                        failed_now.add(rule.id)
                        continue
            fired_now.add(rule.id)
            fired = True
            out.extend(fire_rule(state, rule))
        if not fired:
            return out
    out.append(ev(state, "RuleLoopStopped", f"Rules at {point} kept firing each other; stopped after "
                                            f"{MAX_PASSES} passes.", None))
    return out


#: The source a track change, or any effect, names when a teacher made its rule happen (``inject_rule``).
INJECTED = "teacher:"


def inject_rule(state: GameState, rule_id: str) -> list[Event]:
    """Make rule ``rule_id`` happen now, whatever its condition and chance: a classroom's teacher asks "what if?"
    (game/engine/actions.py Inject; legality in game/engine/illegal.py).  Its events say it was the teacher's."""
    rule = next(r for r in state.config.politics.rules if r.id == rule_id)
    return fire_rule(state, rule, injected=True)


def fire_rule(state: GameState, rule: Rule, injected: bool = False) -> list[Event]:
    state.rule_fired[state.setup.rule_index[rule.id]] += 1
    out: list[Event] = []
    tag: dict = {"milestone": rule.milestone} if rule.milestone else {}
    if injected:
        tag["injected"] = True
    if rule.text or injected:
        if rule.to and not injected:
            tag["readers"] = list(rule.to)
        # An injected rule always says so, in every seat's log, even one the scenario keeps silent (a tip for one
        # side): the class must see what the teacher did.
        out.append(ev(state, "RuleFired", rule.text or f"The teacher makes '{rule.id}' happen.", None, rule=rule.id,
                      history=rule.history, idea=rule.idea, **tag))
    fire = FireContext(INJECTED + rule.id if injected else rule.id, to=() if injected else rule.to)
    for effect in rule.effects:
        out.extend(effect.apply(state, fire))
        if state.over:
            break
    return out


# -- decisions ----------------------------------------------------------------------------------------------

def decision_open(state: GameState, d: Decision) -> bool:
    k = state.setup.decision_index[d.id]
    if d.once and state.decision_taken[k]:
        return False
    if d.offered and not state.offered[k]:
        return False
    return d.when is None or d.when.test(state)


def available_decisions(state: GameState, seat: str) -> list[Decision]:
    """Decisions the seat may take now, in scenario order."""
    pol = state.config.politics
    if pol is None or state.over:
        return []
    return [d for d in pol.decisions.values() if d.seat == seat and decision_open(state, d)]


# -- computed tracks ---------------------------------------------------------------------------------------------

def balance_of_power(state: GameState) -> float:
    """-100..100: positive when the UN bloc dominates the peninsula (combat power and ground in Korea)."""
    blocs = state.config.blocs
    if len(blocs) < 2:
        return 0.0
    korea = state.setup.korea
    table = state.units
    power = {b: 0.0 for b in blocs}
    att = state.attack_strengths().tolist()
    dfn = state.defence_strengths().tolist()
    hexes = state.hex.tolist()
    loc = state.loc.tolist()
    for u in range(table.n):
        if loc[u] == MAP and hexes[u] >= 0 and korea[hexes[u]]:
            power[blocs[table.bloc_list[u] - 1]] += att[u] + dfn[u]
    a, b = (blocs.index("un") if "un" in blocs else 0), (blocs.index("communist") if "communist" in blocs else 1)
    pa, pb = power[blocs[a]], power[blocs[b]]
    land = state.setup.korea_land
    n_land = max(1, int(land.sum()))
    ta = float((state.control[land] == a + 1).sum()) / n_land
    tb = float((state.control[land] == b + 1).sum()) / n_land
    force = (pa - pb) / (pa + pb) if pa + pb > 0 else 0.0
    return round(50.0 * force + 50.0 * (ta - tb), 2)


def update_balance(state: GameState) -> None:
    pol = state.config.politics
    if pol is not None and "balance" in pol.tracks:
        set_track(state, "balance", balance_of_power(state))


def _front_stability(state: GameState) -> None:
    changed = state.hexes_changed
    state.hexes_changed = 0
    if state.turn <= 1:
        return
    state.stable_turns = state.stable_turns + 1 if changed <= STABLE_FRONT_HEXES else 0
