"""The agent interface every AI implements."""

from __future__ import annotations

from typing import Protocol

from game.engine.api import Action, Observation


class Agent(Protocol):
    """Chooses one action for its seat from what that seat may know.

    ``observation`` is sealed (game/engine/observation.py): the seat's units,
    the enemies it sees, public tracks, and its legal actions computed from
    that alone.  An agent must be deterministic given its seed and the
    sequence of calls.
    """

    name: str

    def choose(self, observation: Observation) -> Action: ...
