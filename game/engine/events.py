"""Events: what happened, in the past tense, returned by apply for the log, the UI and saves.

One small value type rather than a class per kind: every event carries its
kind (``UnitMoved``, ``HexCaptured``, ``CombatResolved`` ...), a sentence a
player can read, the seat it concerns, the hexes where it happened (fog of war
filters on them) and a JSON-able payload.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .hexes import Hex

#: Every event kind the engine emits; the UI and tests rely on this list.
EVENT_KINDS = (
    "GameStarted", "TurnStarted", "PhaseStarted", "UnitArrived", "ArrivalDelayed",
    "UnitMoved", "UnitStopped", "UnitSpotted", "UnitShipped", "UnitLanded", "UnitEvacuated",
    "CombatResolved", "StepLost", "UnitEliminated", "UnitRetreated", "UnitAdvanced",
    "HexCaptured", "PlaceCaptured", "SupplyLost", "SupplyRestored", "UnitReplaced",
    "UnitWithdrawn", "GameEnded",
    # politics (game/engine/politics)
    "RuleFired", "ChanceRolled", "RuleLoopStopped", "TrackChanged", "DecisionTaken", "TalksChanged",
    "ArmisticeSigned",
)


@dataclass(frozen=True)
class Event:
    kind: str
    text: str
    date: date
    turn: int
    seat: str | None = None           # the seat whose action or unit it concerns
    hexes: tuple[Hex, ...] = ()       # where it happened; empty = known to everyone
    public: bool = False              # known to every seat whatever the fog
    data: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind, "text": self.text, "date": self.date.isoformat(), "turn": self.turn,
            "seat": self.seat, "hexes": [[h.q, h.r] for h in self.hexes], "public": self.public,
            "data": self.data,
        }
