"""The computer player of every seat: candidate actions chosen by score, from the seat's observation only.

The pattern is Wesnoth's RCA AI: each behaviour is a candidate with an evaluation and an
execution, and each call plays the best-scoring candidate that is ready; a new behaviour is a new
candidate.  Candidates: take a political decision (game/ai/political.py), carry out this turn's
movement orders (game/ai/operations.py), make the most valuable attack (game/ai/combat_choice.py),
end the phase.  Movement orders are made once for the phase and made afresh for the units still to move
when contact shows enemy units the plan did not know.  Every action comes with a reason written for a player
(``last_reason``), which the session logs and keeps with the record.  The agent's memory (its orders for the
phase, what it has already weighed, the enemy units it has seen) is plain data, so a saved game plays on the
same.
"""

from __future__ import annotations

import numpy as np

from game.engine.api import Action, Decide, EndPhase, Observation, Phase, action_from_dict

from .combat_choice import best_attack
from .influence import Picture
from .lookahead import best_plan
from .operations import plan_movement
from .order import Order
from .pledges import Promises
from .political import best_decision
from .profiles import difficulty, personality

#: Turns the commander remembers an enemy unit it saw, where the fog has since hidden it.
MEMORY_TURNS = 4
#: Most fresh plans in one movement phase after the first (each made when contact shows new enemy units): bounds
#: the time of a turn in which every move runs into something.
REPLANS = 6
#: Nations whose army in the field means a great power has entered the war (their land is the border alarm's).
GREAT_POWERS = ("prc", "ussr")


class Commander:
    """An AI seat: ``choose(observation) -> action``; ``last_reason`` says why, for the log."""

    def __init__(self, seed: int, personality_name: str = "historical", difficulty_name: str = "normal"):
        self.person = personality(personality_name)
        self.level = difficulty(difficulty_name)
        self.name = f"ai:{personality_name}:{difficulty_name}"
        self.rng = np.random.default_rng(seed)
        self.last_reason: str | None = None
        self._phase_key: tuple | None = None
        self._orders: list[Order] = []
        #: the enemy units in sight when this phase's orders were made, and how many times they were remade
        self._planned_seeing: list[str] = []
        self._replans = 0
        self._weighed: set[str] = set()
        self._seen_open: dict[str, int] = {}
        #: every enemy unit seen in the last turns: id -> [turn last seen, its strength then]; what fog hides is
        #: still there
        self._enemy_seen: dict[str, list] = {}
        #: whether it has met the army of a great power (China's): from then on it holds its halt line,
        #: or its hold line when outmatched
        self._power_in = False
        #: the plan of the seat's last movement phase (operations.Plan.to_dict()), for the map overlay
        self.plan: dict | None = None
        #: the pledges it keeps and the mandates it waits for (game/ai/pledges.py)
        self._promises = Promises(self.person.keeps_pledges)
        #: why a unit was held back this phase (the reason given when the phase ends)
        self._held: str | None = None

    # -- memory, saved with the game -------------------------------------------------------------
    def memory(self) -> dict:
        """Everything the agent remembers, as JSON-able data: a loaded game plays on exactly the same."""
        return {
            "rng": _rng_to_json(self.rng), "last_reason": self.last_reason,
            "phase_key": [self._phase_key[0], self._phase_key[1], self._phase_key[2].value]
            if self._phase_key else None,
            "orders": [[o.action.to_dict(), o.reason] for o in self._orders],
            "planned_seeing": list(self._planned_seeing), "replans": self._replans,
            "weighed": sorted(self._weighed), "seen_open": dict(self._seen_open), "plan": self.plan,
            "enemy_units": {k: list(v) for k, v in self._enemy_seen.items()}, "power_in": self._power_in,
            "waited": dict(self._promises.waited),
        }

    def restore(self, memory: dict) -> None:
        """Take back a ``memory()`` (from a save); raises ValueError/KeyError/TypeError if it is malformed."""
        self.rng = _rng_from_json(memory["rng"])
        self.last_reason = memory.get("last_reason")
        key = memory.get("phase_key")
        self._phase_key = (int(key[0]), str(key[1]), Phase(key[2])) if key else None
        self._orders = [Order(action_from_dict(a), str(r)) for a, r in memory.get("orders", [])]
        self._planned_seeing = [str(x) for x in memory.get("planned_seeing", [])]
        self._replans = int(memory.get("replans", 0))
        self._weighed = set(memory.get("weighed", []))
        self._seen_open = {str(k): int(v) for k, v in memory.get("seen_open", {}).items()}
        self.plan = memory.get("plan")
        self._enemy_seen = {str(k): [int(v[0]), float(v[1])] for k, v in memory.get("enemy_units", {}).items()}
        self._power_in = bool(memory.get("power_in", False))
        self._promises.waited = {str(k): int(v) for k, v in memory.get("waited", {}).items()}

    def keep_pledges(self, decisions: set[str]) -> None:
        """Keep the pledges of these decisions whatever the personality (a what-if policy forces them)."""
        self._promises.kept |= set(decisions)

    # -- the candidates ---------------------------------------------------------------------------
    def choose(self, obs: Observation) -> Action:
        key = (obs.turn, obs.active_seat, obs.phase)
        if key != self._phase_key:
            self._phase_key = key
            self._orders = []
            self._weighed = set()
            self._replans = 0
            if obs.phase is Phase.MOVEMENT:
                self._plan_moves(obs, self._remember_enemy(obs))
        self.last_reason = None
        if obs.phase is Phase.POLITICAL:
            return self._politics(obs)
        if obs.phase is Phase.MOVEMENT:
            return self._movement(obs)
        return self._combat(obs)

    def _plan_moves(self, obs: Observation, estimate: float) -> None:
        """Orders for every unit still to move, from what is in sight now."""
        if self.level.lookahead:
            self._orders, plan = best_plan(obs, self.person, self.level, self.rng, estimate, self._power_in)
        else:
            self._orders, plan = plan_movement(obs, self.person, self.level, self.rng, estimate, self._power_in)
        self.plan = plan.to_dict()
        self._planned_seeing = _in_sight(obs)

    def _remember_enemy(self, obs: Observation) -> float:
        """Note the enemy units in sight; return the strength of every one seen in the last MEMORY_TURNS turns.

        Unit by unit, not the most seen at once: an army that shows a different corps each week (the PVA,
        hidden until it attacks) is the sum of its corps, and a commander that counted only what stood in
        sight at one time kept its army deep in the North while thirty divisions closed round it."""
        for u in Picture(obs).enemy_units:
            self._enemy_seen[u.id] = [obs.turn, round(u.attack_strength() + u.defence_strength(), 3)]
            self._power_in |= u.nation.lower() in GREAT_POWERS
        self._enemy_seen = {k: v for k, v in self._enemy_seen.items() if v[0] > obs.turn - MEMORY_TURNS}
        return self._enemy_estimate()

    def _enemy_estimate(self) -> float:
        # Summed in id order: a loaded game's memory comes back sorted, and float sums depend on their order.
        return float(sum(self._enemy_seen[k][1] for k in sorted(self._enemy_seen)))

    def _politics(self, obs: Observation) -> Action:
        for d in obs.legal.decisions():
            self._seen_open.setdefault(d.decision, obs.turn)
        ready = {d for d, since in self._seen_open.items() if obs.turn - since < self.level.decision_delay}
        plan, weighed = best_decision(obs, self.person, self._weighed | ready)
        for p in weighed:
            self._weighed.add(p.decision)
        if plan is not None:
            self.last_reason = plan.reason
            return Decide(plan.decision)
        refused = [p.reason for p in weighed if p.value < 1.0]
        self.last_reason = " ".join(refused[:2]) or None
        return EndPhase()

    def _movement(self, obs: Observation) -> Action:
        # Contact changes the plan: a move that runs into enemy units the fog hid (a city's garrison, a line
        # behind the screen) leaves the rest of the orders aimed at a picture that was wrong - moves into
        # hexes now known to be held, attacks massed on the wrong stack.  The units still to move are ordered
        # afresh from what is in sight now.
        if self._orders and self._replans < REPLANS and not set(_in_sight(obs)) <= set(self._planned_seeing):
            self._replans += 1
            self._plan_moves(obs, self._remember_enemy(obs))
        while self._orders:
            order = self._orders.pop(0)
            if obs.check(order.action) is None:
                unit = getattr(order.action, "unit", None)
                view = obs.unit(unit) if unit is not None else None
                name = view.name if view is not None else "A unit"
                held = self._promises.hold_back(obs, order.action, self.person, name)
                if held is not None:
                    self._held = held
                    continue
                self.last_reason = order.reason
                return order.action
        self.last_reason, self._held = self._held, None
        return EndPhase()

    def _combat(self, obs: Observation) -> Action:
        threshold = self.person.attack_ev + self.level.attack_ev_extra
        plan = best_attack(obs, threshold)
        if plan is None:
            return EndPhase()
        self.last_reason = plan.reason
        return plan.action


def _in_sight(obs: Observation) -> list[str]:
    """The enemy units the seat sees now, by id (sorted, for the saved memory)."""
    return sorted(obs.enemy_ids())


def _rng_to_json(rng: np.random.Generator) -> dict:
    st = rng.bit_generator.state
    return {"state": str(st["state"]["state"]), "inc": str(st["state"]["inc"]), "has_uint32": st["has_uint32"],
            "uinteger": st["uinteger"]}


def _rng_from_json(data: dict) -> np.random.Generator:
    bg = np.random.PCG64()
    bg.state = {"bit_generator": "PCG64", "state": {"state": int(data["state"]), "inc": int(data["inc"])},
                "has_uint32": int(data["has_uint32"]), "uinteger": int(data["uinteger"])}
    return np.random.Generator(bg)
