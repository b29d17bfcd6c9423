"""Looking ahead (the hard level): several plans for the turn, each tried on copies of the position with
sampled dice, and the best on average kept.

The copies are the seat's own sandbox (``Observation.sandbox``): what it knows, never the true state,
with dice of its own.  A plan is the movement orders of game/ai/operations.py under a bolder or a
more careful temper; each is played out with the same attack choice as in play, and the position at
the end of the seat's turn is valued by the seat's score and by the danger its units stand in.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.engine import api
from game.engine.api import EndPhase, Observation, Phase

from .combat_choice import best_attack
from .influence import Picture
from .operations import Plan, plan_movement
from .order import Order
from .profiles import Difficulty, Personality

TEMPERS = (0.0, -0.25, 0.25)      # aggression added to the personality's, one plan each
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
    return value_of(api.observe(state, seat), api.returns(state)[seat])


def value_of(obs: Observation, score: float) -> float:
    """The seat's score, less the danger its units are left in (enemy strength that can reach them next turn)."""
    pic = Picture(obs)
    danger = np.maximum(0.0, pic.enemy_attack - 1.5 * pic.own_defence_at)[pic.own_hexes].sum() if len(
        pic.own_hexes) else 0.0
    return score - 0.1 * float(danger)
