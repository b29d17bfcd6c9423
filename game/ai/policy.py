"""What-if policies: a rule laid on a seat's political choices, whoever plays it (issue 11).

A :class:`Policy` governs one decision of the scenario:

* ``never``  -- the decision is hidden from the seat's agent: it is never taken by choice;
* ``always`` -- whenever it is open in the seat's political phase, it is taken, before the agent is asked;
* ``first``  -- hidden before ``since``; from that date on, as ``always``;
* ``when``   -- hidden while ``condition`` does not hold (judged on what the seat may see); while it holds,
  as ``always``.

:class:`PolicyAgent` wraps any agent (the computer player, the random one) and applies the seat's policies;
every other choice is the wrapped agent's own.  A decision the scenario's rules force (``take_decision``) is
not a choice and is not governed: the policies bind the seat, not history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from game.engine.api import Action, Decide, Observation, Phase

RULES = ("always", "never", "first", "when")


@dataclass(frozen=True)
class Policy:
    """One decision's rule.  ``text`` is how the user wrote it (reports echo it)."""

    decision: str
    rule: str
    since: date | None = None
    condition: Any = None          # a game.engine.politics Condition, for rule 'when'
    text: str = ""
    #: How the log words a decision this policy forces (a classroom names the teacher's what-if); default
    #: "What-if policy: TEXT."
    said: str = ""

    def allows(self, obs: Observation) -> bool:
        """May the seat take the decision now?"""
        if self.rule == "never":
            return False
        if self.rule == "first":
            return self.since is not None and obs.date >= self.since
        if self.rule == "when":
            return obs.holds(self.condition)
        return True

    def forces(self, obs: Observation) -> bool:
        """Must the seat take it now, if it is open?  Every rule but ``never`` forces what it allows."""
        return self.rule != "never" and self.allows(obs)


class PolicyAgent:
    """An agent that plays as ``inner`` does, under ``policies`` (decision id -> Policy) for its seat."""

    def __init__(self, inner: Any, policies: dict[str, Policy]):
        self.inner = inner
        self.policies = dict(policies)
        self.name = getattr(inner, "name", "agent")
        self.last_reason: str | None = None
        # Forced decisions already taken this phase: a decision that stays open after it is taken (once: false)
        # is forced once a phase, not for ever.
        self._phase_key: tuple | None = None
        self._forced: set[str] = set()
        # A decision the policy makes the seat take is a commitment it keeps (game/ai/pledges.py): "what if the UN
        # had stopped at the narrow neck" asks about a UN that stays there, not one that pledges and pushes on.
        if hasattr(inner, "keep_pledges"):
            inner.keep_pledges({d for d, p in self.policies.items() if p.rule != "never"})

    def choose(self, obs: Observation) -> Action:
        if obs.phase is Phase.POLITICAL and obs.my_turn:
            key = (obs.turn, obs.active_seat)
            if key != self._phase_key:
                self._phase_key, self._forced = key, set()
            open_now = [d.decision for d in obs.legal.decisions()]
            for d in open_now:
                p = self.policies.get(d)
                if p is not None and d not in self._forced and p.forces(obs):
                    self._forced.add(d)
                    self.last_reason = p.said or f"What-if policy: {p.text or p.rule}."
                    return Decide(d)
            shut = [d for d in open_now if d in self.policies and not self.policies[d].allows(obs)]
            obs = obs.closing(shut)
        action = self.inner.choose(obs)
        self.last_reason = getattr(self.inner, "last_reason", None)
        return action

    # Saves keep the computer seats' memories (game/session/controllers.py): the wrapped agent's.
    def memory(self) -> dict:
        return self.inner.memory() if hasattr(self.inner, "memory") else {}

    def restore(self, memory: dict) -> None:
        if hasattr(self.inner, "restore"):
            self.inner.restore(memory)
