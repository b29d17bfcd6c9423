"""An order of the computer player: a legal action and the one-line reason a player reads for it."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.api import Action


@dataclass(frozen=True)
class Order:
    action: Action
    reason: str
