"""Looking ahead (the hard level): several plans for the turn, each tried on copies of the position with
sampled dice, and the best on average kept.

The copies are the seat's own sandbox (``Observation.sandbox``): what it knows, never the true state,
with dice of its own.  A plan is the movement orders of game/ai/operations.py under a bolder or a
more careful temper, or standing fast; each is played out with the same attack choice as in play, the
other seats answer it (the normal AI, on the same sandbox), and the position when the seat's turn comes
round again is valued by the seat's score and by the danger its units stand in.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.engine import api
from game.engine.api import EndPhase, Observation, Phase

from .combat_choice import best_attack
from .influence import Picture
from .operations import WORKS, plan_movement
from .order import Order
from .plan import Plan
from .profiles import Difficulty, Personality

TEMPERS = (0.0, -0.25, 0.25)      # aggression added to the personality's, one plan each
RESPONSE_ACTIONS = 400            # at most, for the other seats' whole turns (10-15 are usual; past it the plan
                                  # is valued where the answer stands)
SAMPLES = 2                       # dice samples per plan


def best_plan(obs: Observation, person: Personality, level: Difficulty, rng: np.random.Generator,
              enemy_estimate: float = 0.0, power_in: bool = False) -> tuple[list[Order], Plan]:
    """The movement orders (and plan) that did best on average when played out on sandboxes."""
    tries = max(1, min(len(TEMPERS), level.lookahead // SAMPLES or 1))
    # Every plan meets the same dice samples (dice are keyed by seed, turn, seat and hex): the plans are
    # compared on their merits, not on which of them drew the better dice.
    seeds = [int(rng.integers(1 << 30)) for _ in range(SAMPLES)]
    best = None
    for temper in TEMPERS[:tries]:
        bolder = dataclasses.replace(person, aggression=float(np.clip(person.aggression + temper, 0.0, 1.0)))
        orders, plan = plan_movement(obs, bolder, level, rng, enemy_estimate, power_in)
        value = np.mean([_play_out(obs, orders, person, seed) for seed in seeds])
        if best is None or value > best[0]:
            best = (value, orders, plan)
    # Standing fast is a plan too: a line that shuffles every week never digs in.
    value = np.mean([_play_out(obs, [], person, seed) for seed in seeds])
    if value > best[0]:
        # (No axis and no landing: the overlay shows a seat that stands.)
        return [], dataclasses.replace(best[2], stance="hold", axis=(), landing=None)
    return best[1], best[2]


def _play_out(obs: Observation, orders: list[Order], person: Personality, seed: int) -> float:
    state = obs.sandbox(seed)
    seat = obs.seat
    for order in orders:
        if api.check(state, order.action) is None:
            state, _ = api.apply(state, order.action)
    if not state.over and state.phase is Phase.MOVEMENT:
        state, _ = api.apply(state, EndPhase())
    for _ in range(30):
        if state.over or state.phase is not Phase.COMBAT:
            break
        plan = best_attack(api.observe(state, seat), person.attack_ev)
        if plan is None:
            break
        state, _ = api.apply(state, plan.action)
    state = _answer(state, seat, seed)
    return value_of(api.observe(state, seat), api.returns(state)[seat])


def _answer(state, seat: str, seed: int):
    """The position when the seat's turn comes round again, the other seats played by the normal AI on what the
    seat knows (the sandbox holds no unit it has not seen): a bold plan that the enemy punishes shows it here."""
    for _ in range(len(Phase)):                # the rest of the seat's own turn
        if state.over or state.active_seat.id != seat:
            break
        state, _ = api.apply(state, EndPhase())
    # (imported here: commander imports this module)
    from .commander import Commander
    others: dict = {}
    for _ in range(RESPONSE_ACTIONS):
        if state.over or state.active_seat.id == seat:
            break
        who = state.active_seat.id
        agent = others.setdefault(who, Commander(seed))
        action = agent.choose(api.observe(state, who))
        if api.check(state, action) is not None:
            # (It checks its own orders; should one slip through, the answer ends its phase, not the turn.)
            action = EndPhase()
        state, _ = api.apply(state, action)
    return state


def value_of(obs: Observation, score: float) -> float:
    """The seat's score, less the danger its units are left in (enemy strength that can reach them next turn).

    Every unit is valued as standing WORKS times stronger, as on its works: this is the form the hard level was
    measured with (263 of 360 pairs above easy).  Valuing only the units actually dug in (``u.dug_in``) would
    tell a plan that stands fast from one that shuffles; it is untried."""
    pic = Picture(obs)
    if not len(pic.own_hexes):
        return score
    danger = np.maximum(0.0, pic.enemy_attack - 1.5 * WORKS * pic.own_defence_at)[pic.own_hexes].sum()
    return score - 0.1 * float(danger)
