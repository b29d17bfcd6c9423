"""Seat controllers: which seats the computer plays, and stepping them one action at a time.

The UI may not import game.ai (ARCHITECTURE.md), so it asks the session to
play AI seats; the session builds the agents from their names.
"""

from __future__ import annotations

from game.engine.api import Action, EndPhase, Event

from .match import HUMAN, Match
from .simulate import MAX_ACTIONS_PER_PHASE, build_agent, derive_seed

#: AI difficulty names offered in seat set-up; until the real AI lands they all play random-legal.
AI_LEVELS = ("easy", "normal", "hard")


def agent_kind(controller: str) -> str:
    """The agent spec of a seat controller: 'ai:normal' -> 'ai:historical:normal', 'random' stays."""
    if controller == "random":
        return "random"
    from game.ai.profiles import parse_spec
    try:
        pers, diff = parse_spec(controller)
    except ValueError:
        return "random"
    return f"ai:{pers}:{diff}"


class AIPlayers:
    """Agents for the match's AI seats, seeded from the match's seed so replays match."""

    def __init__(self, match: Match):
        self.match = match
        self.agents = {}
        for k, seat in enumerate(match.config.seats):
            controller = match.seats.get(seat.id, HUMAN)
            if controller != HUMAN:
                self.agents[seat.id] = build_agent(agent_kind(controller), derive_seed(match.seed, k, 7))
        self._phase_key = None
        self._count = 0
        self.last_reason: str | None = None

    def plays(self, seat: str) -> bool:
        return seat in self.agents

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
