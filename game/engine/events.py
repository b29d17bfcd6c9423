"""Events: what happened, in the past tense, returned by apply for the log, the UI and saves.

One small value type rather than a class per kind: every event carries its
kind (``UnitMoved``, ``HexCaptured``, ``CombatResolved`` ...), the seat it
concerns, the hexes where it happened (fog of war filters on them) and a
structured, JSON-able payload.  Its sentence is rendered only when someone
reads ``text`` (game/engine/narrate.py), so search and Monte Carlo never pay for
words nobody reads.
"""

from __future__ import annotations

from datetime import date
from typing import Callable

from .hexes import Hex

#: Every event kind the engine emits; the UI and tests rely on this list.
EVENT_KINDS = (
    "GameStarted", "TurnStarted", "PhaseStarted", "UnitArrived", "ArrivalDelayed",
    "UnitMoved", "UnitStopped", "UnitSpotted", "UnitShipped", "UnitLanded", "UnitEvacuated",
    "CombatResolved", "StepLost", "UnitEliminated", "UnitRetreated", "UnitAdvanced",
    "HexCaptured", "PlaceCaptured", "SupplyLost", "SupplyRestored", "UnitReplaced",
    "UnitWithdrawn", "UnitRebuilt", "GroundTaken", "GameEnded",
    # politics (game/engine/politics)
    "RuleFired", "ChanceRolled", "RuleLoopStopped", "TrackChanged", "DecisionTaken", "TalksChanged",
    "ArmisticeSigned",
)


class Event:
    """One thing that happened.  Immutable by convention; ``text`` is rendered on first read."""

    __slots__ = ("kind", "date", "turn", "seat", "hexes", "public", "data", "_setup", "_text", "_render")

    def __init__(self, kind: str, date: date, turn: int, seat: str | None = None, hexes: tuple[Hex, ...] = (),
                 public: bool = False, data: dict | None = None, setup: object = None, text: str | None = None,
                 render: Callable[["Event"], str] | None = None):
        self.kind = kind
        self.date = date
        self.turn = turn
        self.seat = seat
        self.hexes = hexes
        self.public = public
        self.data = data if data is not None else {}
        self._setup = setup
        self._text = text
        self._render = render       # game/engine/narrate.render, passed in by whoever made the event

    @property
    def text(self) -> str:
        """The sentence a player reads (rendered from the payload the first time it is asked for)."""
        if self._text is None:
            self._text = self._render(self) if self._render is not None else str(self.data.get("text", self.kind))
        return self._text

    @property
    def setup(self) -> object:
        return self._setup

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return (self.kind, self.date, self.turn, self.seat, self.hexes, self.public) == \
            (other.kind, other.date, other.turn, other.seat, other.hexes, other.public)

    def __hash__(self) -> int:
        return hash((self.kind, self.date, self.turn, self.seat, self.hexes, self.public))

    def __repr__(self) -> str:
        return f"Event({self.kind}, turn {self.turn}, {self.data!r})"

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "text": self.text, "date": self.date.isoformat(), "turn": self.turn,
            "seat": self.seat, "hexes": [[h.q, h.r] for h in self.hexes], "public": self.public,
            "data": self.data,
        }
