"""A random-legal agent: plays any legal action, so headless games reach their end.

It moves most of its units to random reachable hexes, makes about half of the
attacks open to it, and then ends the phase.  Its choices come from its own
seeded generator (never the game's dice), so the recorded actions alone
replay the game.  Its political choices are drawn apart, from its seed, the
decision and how many times it has been offered alone: two games from one seed
that part ways on the map still meet the same random statesman, who answers a
decision's first offer alike even when one game offers it a turn later (the
pairs of issue 8's measures, the what-if comparisons of Monte Carlo studies).
"""

from __future__ import annotations

import zlib

import numpy as np

from game.engine.api import Action, EndPhase, Observation, Phase


class RandomAgent:
    name = "random"

    def __init__(self, seed: int, move_chance: float = 0.8, attack_chance: float = 0.5):
        self.seed = int(seed)
        self.rng = np.random.default_rng(seed)
        self.move_chance = move_chance
        self.attack_chance = attack_chance
        self._phase_key: tuple | None = None
        self._done: set[str] = set()
        self._offers: dict[str, int] = {}   # decision -> how many political phases have offered it

    def memory(self) -> dict:
        """What it remembers, as JSON-able data (its dice and what it has done this phase)."""
        from .commander import _rng_to_json
        key = self._phase_key
        return {"rng": _rng_to_json(self.rng), "done": sorted(self._done), "offers": dict(sorted(self._offers.items())),
                "phase_key": [key[0], key[1], key[2].value] if key else None}

    def restore(self, memory: dict) -> None:
        from .commander import _rng_from_json
        self.rng = _rng_from_json(memory["rng"])
        self._done = set(memory.get("done", []))
        self._offers = {str(k): int(v) for k, v in memory.get("offers", {}).items()}
        key = memory.get("phase_key")
        self._phase_key = (int(key[0]), str(key[1]), Phase(key[2])) if key else None

    def _new_phase(self, obs: Observation) -> None:
        key = (obs.turn, obs.active_seat, obs.phase)
        if key != self._phase_key:
            self._phase_key = key
            self._done = set()

    def _political_roll(self, decision: str) -> float:
        """A uniform number fixed by the agent's seed, the decision and how often it was offered before (not by
        the turn or by what happened on the map), counting this offer."""
        n = self._offers.get(decision, 0)
        self._offers[decision] = n + 1
        key = [abs(self.seed), n, zlib.crc32(decision.encode())]
        return float(np.random.default_rng(key).random())

    def choose(self, obs: Observation) -> Action:
        self._new_phase(obs)
        legal = obs.legal
        if obs.phase is Phase.POLITICAL:
            # Each open decision is taken with its scenario's ai_weight (0: a random agent never takes it).
            pol = obs.config.politics
            for d in legal.decisions():
                if d.decision in self._done:
                    continue
                self._done.add(d.decision)
                if pol is not None and self._political_roll(d.decision) < pol.decisions[d.decision].ai_weight:
                    return d
            return EndPhase()
        if obs.phase is Phase.MOVEMENT:
            movers = [u for u in obs.movers() if u not in self._done]
            while movers:
                u = movers.pop(int(self.rng.integers(len(movers))))
                self._done.add(u)
                if self.rng.random() >= self.move_chance:
                    continue
                options = obs.moves_for(u)
                if options:
                    return options[int(self.rng.integers(len(options)))]
            return EndPhase()
        for attack in legal.attacks():
            key = f"{attack.target.q},{attack.target.r}"
            if key in self._done:
                continue
            self._done.add(key)
            if self.rng.random() < self.attack_chance:
                return attack
        return EndPhase()
