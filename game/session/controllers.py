"""Seat controllers: which seats the computer plays, and stepping them one action at a time.

The UI may not import game.ai (ARCHITECTURE.md), so it asks the session to
play AI seats; the session builds the agents from their names.
"""

from __future__ import annotations

import logging

from game.ai.policy import PolicyAgent
from game.ai.profiles import DIFFICULTIES, PERSONALITIES, parse_spec
from game.engine.api import Action, EndPhase, Event

from .match import HUMAN, Match
from .simulate import MAX_ACTIONS_PER_PHASE, build_agent, derive_seed, scenario_tempers

_log = logging.getLogger(__name__)

#: The computer's personalities and difficulties, as seat set-up offers them (game/ai/profiles.py).
AI_PERSONALITIES: tuple[str, ...] = tuple(PERSONALITIES)
AI_LEVELS: tuple[str, ...] = tuple(DIFFICULTIES)


def ai_controller(personality: str = "historical", difficulty: str = "normal") -> str:
    """The controller string of a computer seat: ``ai:PERSONALITY:DIFFICULTY`` (ValueError if unknown)."""
    if personality not in AI_PERSONALITIES:
        raise ValueError(f"unknown personality '{personality}'; choose from {', '.join(AI_PERSONALITIES)}")
    if difficulty not in AI_LEVELS:
        raise ValueError(f"unknown difficulty '{difficulty}'; choose from {', '.join(AI_LEVELS)}")
    return f"ai:{personality}:{difficulty}"


def ai_settings(controller: str) -> tuple[str, str] | None:
    """(personality, difficulty) of a computer seat's controller; None for a human or the random agent."""
    if controller == HUMAN or not (controller == "ai" or controller.startswith("ai:")):
        return None
    try:
        return parse_spec(controller)
    except ValueError:
        return None


def seat_temper(config, seat: str) -> tuple[str, str | None]:
    """The scenario's temper for a computer seat (its ``ai`` section): (personality, the difficulty it insists
    on or None).  Seat set-up starts from it; a personality the player names wins, an insisted difficulty
    stays (game/session/simulate.py build_agent)."""
    temper = scenario_tempers(config).get(seat) or {}
    pers = temper.get("personality", "historical")
    diff = temper.get("difficulty")
    return (pers if pers in AI_PERSONALITIES else "historical", diff if diff in AI_LEVELS else None)


def agent_kind(controller: str, temper: dict | None = None) -> str:
    """The agent spec of a seat controller: 'ai:normal' -> 'ai:historical:normal', 'random' stays.

    ``temper``: the scenario's ``ai`` entry for the seat; it gives the personality a controller leaves out,
    and a difficulty it names is the one played (as build_agent does).
    """
    if controller == "random":
        return "random"
    temper = temper or {}
    try:
        pers, diff = parse_spec(controller, temper.get("personality", "historical"))
    except ValueError:
        return "random"
    return f"ai:{pers}:{temper.get('difficulty', diff)}"


class AIPlayers:
    """Agents for the match's AI seats, seeded from the match's seed so replays match."""

    def __init__(self, match: Match):
        self.match = match
        self.agents = {}
        fresh = {}
        for k, seat in enumerate(match.config.seats):
            controller = match.seats.get(seat.id, HUMAN)
            if controller != HUMAN:
                temper = scenario_tempers(match.config).get(seat.id)
                fresh[seat.id] = lambda c=controller, t=temper, s=derive_seed(match.seed, k, 7): \
                    build_agent(agent_kind(c, t), s, t)
                self.agents[seat.id] = fresh[seat.id]()
        self._fresh = fresh
        #: agents of computer seats a person has taken over (a classroom): kept, memory and all, for the hand-back
        self.resting: dict[str, object] = {}
        self._phase_key = None
        self._count = 0
        self.last_reason: str | None = None
        # A loaded game: the agents take back what they remembered when it was saved, so it plays on the same.
        for seat, memory in (match.saved_agents or {}).items():
            agent = self.agents.get(seat)
            if agent is not None and hasattr(agent, "restore") and isinstance(memory, dict):
                try:
                    agent.restore(memory)
                except Exception:            # noqa: BLE001 - any damage to a memory, whatever it raises
                    # The save's agents section was held to its shape when read (savefile._agents_from); this is
                    # the last guard: a memory that still breaks restore (OverflowError from numpy's dice, ...)
                    # leaves a fresh agent, never a half-restored one, and the game still loads.
                    _log.warning("seat %s: the computer's saved memory could not be restored; it plans afresh",
                                 seat, exc_info=True)
                    self.agents[seat] = fresh[seat]()
        match.agent_memory = self.memories

    def rest(self, seat: str) -> None:
        """A person takes ``seat`` over: its computer player steps aside (and plays again on :meth:`wake`)."""
        if seat in self.agents:
            self.resting[seat] = self.agents.pop(seat)

    def wake(self, seat: str, controller: str) -> None:
        """The computer plays ``seat`` again: the player that rested, else a new one for ``controller``
        (``ai:PERSONALITY:DIFFICULTY``), seeded as a seat's computer player always is."""
        if seat in self.agents:
            return
        agent = self.resting.pop(seat, None)
        if agent is None:
            k = [s.id for s in self.match.config.seats].index(seat)
            temper = scenario_tempers(self.match.config).get(seat)
            agent = build_agent(agent_kind(controller, temper), derive_seed(self.match.seed, k, 7), temper)
        self.agents[seat] = agent

    def govern(self, seat: str, policies: dict) -> None:
        """Play ``seat`` under ``policies`` (decision id -> game/ai/policy.py Policy; empty: the player's own
        choices), playing or resting, its memory kept."""
        pool = self.agents if seat in self.agents else self.resting
        agent = pool.get(seat)
        if agent is None:
            return
        inner = agent.inner if isinstance(agent, PolicyAgent) else agent
        pool[seat] = PolicyAgent(inner, policies) if policies else inner

    def memories(self) -> dict[str, dict]:
        """Every computer seat's memory (for saves)."""
        return {seat: agent.memory() for seat, agent in self.agents.items() if hasattr(agent, "memory")}

    def plays(self, seat: str) -> bool:
        return seat in self.agents

    def plans(self) -> dict[str, dict]:
        """Each computer seat's current plan (the agent's ``plan``: stance, front, reserve, axis, landing),
        for the seats that have made one; plain data, to be shown only as ``Table.visible_plans`` allows."""
        out = {}
        for seat, agent in self.agents.items():
            plan = getattr(agent, "plan", None)
            if isinstance(plan, dict):
                out[seat] = plan
        return out

    def choose(self) -> Action:
        """The next action for the active (AI) seat."""
        m = self.match
        key = (m.turn, m.seat_index, m.phase)
        self._count = self._count + 1 if key == self._phase_key else 0
        self._phase_key = key
        if self._count > MAX_ACTIONS_PER_PHASE:
            return EndPhase()
        seat = m.active_seat
        action = self.agents[seat].choose(m.view(seat))
        self.last_reason = getattr(self.agents[seat], "last_reason", None)
        return action

    def step(self) -> list[Event]:
        """Play one action of the active AI seat; [] if the active seat is human or the game is over."""
        m = self.match
        if m.over or not self.plays(m.active_seat):
            return []
        action = self.choose()
        return m.submit(action, self.last_reason)
