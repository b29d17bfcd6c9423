"""Which events a seat may read: the fog of war applied to the log.

An event is a seat's to read if it is public, if it concerns the seat's own
bloc, or if it happened where the seat could see at that moment -- unless a
scenario addressed it to other seats (a rule's ``to``: a tip for one side).  Enemy moves
seen only in part are reported without saying where the unit came from.
The session tags events with the seats that saw them right after each action
(:func:`witnesses`), since what a seat can see changes as the game goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.api import Event, Observation, at

#: Enemy event kinds that are noise to the other side even when seen.
QUIET_KINDS = {"HexCaptured", "PhaseStarted", "SupplyLost", "SupplyRestored", "UnitReplaced", "ArrivalDelayed"}


@dataclass(frozen=True)
class LogEntry:
    """One line of a seat's log: the event and the text that seat reads."""

    event: Event
    text: str
    own: bool = False


@dataclass
class SeatLogs:
    """Each seat's readable log, built as the match goes on."""

    entries: dict[str, list[LogEntry]] = field(default_factory=dict)

    def add(self, match, events: list[Event]) -> None:
        """Add what each seat may read of ``events``, which just happened in ``match``."""
        for seat in match.config.seats:
            self.entries.setdefault(seat.id, []).extend(readable(match.view(seat.id), events))

    def since(self, seat: str, start: int) -> list[LogEntry]:
        return self.entries.get(seat, [])[start:]

    def count(self, seat: str) -> int:
        return len(self.entries.get(seat, []))


def readable(obs: Observation, events: list[Event]) -> list[LogEntry]:
    """The entries the observing seat may read of ``events`` that just happened."""
    bloc = obs.bloc
    config, board = obs.config, obs.board
    visible = None
    out: list[LogEntry] = []
    for e in events:
        readers = e.data.get("readers")
        if readers and obs.seat not in readers:
            continue                   # a tip for another seat (a scenario rule's ``to``)
        own = e.seat is not None and config.seat(e.seat).bloc == bloc
        if own:
            out.append(LogEntry(e, e.text, True))
            continue
        if e.public or (e.seat is None and not e.hexes):
            out.append(LogEntry(e, e.text))
            continue
        if e.kind in QUIET_KINDS:
            continue
        if visible is None:
            visible = obs.visible
        seen = [h for h in e.hexes if h is not None and board.index(h) >= 0 and visible[board.index(h)]]
        if not seen:
            continue
        if e.kind == "UnitMoved" and e.hexes and seen[-1] != e.hexes[-1]:
            out.append(LogEntry(e, f"Enemy movement seen {at(board, seen[0])}."))
        elif e.kind == "UnitMoved":
            unit = obs.units.get(e.data.get("unit", ""))
            name = unit.name if unit else "An enemy unit"
            out.append(LogEntry(e, f"{name} seen moving, now {at(board, e.hexes[-1])}."))
        else:
            out.append(LogEntry(e, e.text))
    return out
