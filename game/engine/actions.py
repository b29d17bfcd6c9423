"""Actions: what a seat asks the engine to do.  Imperative names, immutable values.

Every action serialises to a small JSON-able dict (``to_dict``) and back
(``action_from_dict``) for the action record in saves and replays.
"""

from __future__ import annotations

from dataclasses import dataclass

from .hexes import Hex


@dataclass(frozen=True)
class MoveUnit:
    """Move a unit over land to ``to`` by the cheapest legal path."""

    unit: str
    to: Hex
    kind = "move"

    def to_dict(self) -> dict:
        return {"type": self.kind, "unit": self.unit, "to": [self.to.q, self.to.r]}


@dataclass(frozen=True)
class RailMove:
    """Strategic rail movement behind the front (uses the unit's move)."""

    unit: str
    to: Hex
    kind = "rail"

    def to_dict(self) -> dict:
        return {"type": self.kind, "unit": self.unit, "to": [self.to.q, self.to.r]}


@dataclass(frozen=True)
class SeaMove:
    """Move by sea from a friendly port (or Japan) to a friendly port, or to Japan (``to`` None): evacuation."""

    unit: str
    to: Hex | None
    kind = "sea"

    def to_dict(self) -> dict:
        return {"type": self.kind, "unit": self.unit, "to": [self.to.q, self.to.r] if self.to else None}


@dataclass(frozen=True)
class Landing:
    """Amphibious landing from a friendly port or Japan onto a coastal hex."""

    unit: str
    to: Hex
    kind = "landing"

    def to_dict(self) -> dict:
        return {"type": self.kind, "unit": self.unit, "to": [self.to.q, self.to.r]}


@dataclass(frozen=True)
class Attack:
    """Attack the enemy stack on ``target`` with adjacent units (ids sorted)."""

    target: Hex
    attackers: tuple[str, ...]
    kind = "attack"

    def to_dict(self) -> dict:
        return {"type": self.kind, "target": [self.target.q, self.target.r], "attackers": list(self.attackers)}


@dataclass(frozen=True)
class Decide:
    """Take a political decision of the scenario (in the seat's political phase)."""

    decision: str
    kind = "decide"

    def to_dict(self) -> dict:
        return {"type": self.kind, "decision": self.decision}


@dataclass(frozen=True)
class Inject:
    """A classroom's teacher makes one of the scenario's rules happen now, whatever its condition and chance
    (issue 12 §2: "what if Stalin dies in 1951?").  No seat's action: it is never among ``legal_actions``, it
    leaves the turn where it was, and it is recorded like any action so a replay makes it happen again."""

    rule: str
    kind = "inject"

    def to_dict(self) -> dict:
        return {"type": self.kind, "rule": self.rule}


@dataclass(frozen=True)
class EndPhase:
    """End the active seat's current phase (after combat: its turn)."""

    kind = "end_phase"

    def to_dict(self) -> dict:
        return {"type": self.kind}


Action = MoveUnit | RailMove | SeaMove | Landing | Attack | Decide | Inject | EndPhase

ACTION_TYPES = ("move", "rail", "sea", "landing", "attack", "decide", "inject", "end_phase")


class ActionFormatError(ValueError):
    """A recorded action that is not of a known shape."""


def _hex(value: object) -> Hex:
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise ActionFormatError(f"expected a hex [q, r], got {value!r}")
    return Hex(int(value[0]), int(value[1]))


def action_from_dict(data: object) -> Action:
    """Rebuild an action from ``to_dict`` output; raises ActionFormatError on anything else."""
    if not isinstance(data, dict) or "type" not in data:
        raise ActionFormatError(f"expected an action object with a 'type', got {data!r}")
    kind = data["type"]
    try:
        if kind == "end_phase":
            return EndPhase()
        if kind == "decide":
            if not isinstance(data.get("decision"), str):
                raise ActionFormatError("decision must be a decision id")
            return Decide(data["decision"])
        if kind == "inject":
            if not isinstance(data.get("rule"), str):
                raise ActionFormatError("rule must be a rule id")
            return Inject(data["rule"])
        if kind == "attack":
            attackers = data["attackers"]
            if not isinstance(attackers, list) or not all(isinstance(a, str) for a in attackers):
                raise ActionFormatError("attackers must be a list of unit ids")
            return Attack(_hex(data["target"]), tuple(attackers))
        unit = data["unit"]
        if not isinstance(unit, str):
            raise ActionFormatError("unit must be a unit id")
        if kind == "move":
            return MoveUnit(unit, _hex(data["to"]))
        if kind == "rail":
            return RailMove(unit, _hex(data["to"]))
        if kind == "landing":
            return Landing(unit, _hex(data["to"]))
        if kind == "sea":
            return SeaMove(unit, None if data["to"] is None else _hex(data["to"]))
    except KeyError as exc:
        raise ActionFormatError(f"action {kind!r} lacks {exc.args[0]!r}") from None
    raise ActionFormatError(f"unknown action type {kind!r}; expected one of {', '.join(ACTION_TYPES)}")


class IllegalAction(Exception):
    """Raised by the engine for an action the rules forbid; the message is for a player."""

    def __init__(self, reason: str, code: str = "illegal"):
        super().__init__(reason)
        self.reason = reason
        self.code = code
