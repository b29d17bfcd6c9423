"""The agent interface every AI implements."""

from __future__ import annotations

from typing import Protocol

from game.engine.actions import Action
from game.engine.fog import SeatView
from game.engine.rules import LegalActions


class Agent(Protocol):
    """Chooses one action for its seat from what that seat may see.

    ``legal`` is the engine's LegalActions for the active seat (computed from
    the seat's own fog of war); ``view`` is the seat's SeatView.  An agent must
    be deterministic given its seed and the sequence of calls.
    """

    name: str

    def choose(self, view: SeatView, legal: LegalActions) -> Action: ...
