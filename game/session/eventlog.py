"""Which events a seat may read, and in whose words: the fog of war applied to the log.

An event is a seat's to read if it is public, if it concerns the seat's own
bloc, or if it happened where the seat could see at that moment -- unless a
scenario addressed it to other seats (a rule's ``to``: a tip for one side).  Enemy moves
seen only in part are reported without saying where the unit came from.
The session tags events with the seats that saw them right after each action
(:func:`witnesses`), since what a seat can see changes as the game goes on.

Each seat reads from its own side of the hill.  An event's words are its maker's
(the seat in ``Event.seat``); the other side reads what it saw of it
(game/engine/narrate.py OTHER_SIDE): "Enemy spotted" only ever names an enemy
unit -- the spotted unit's side reads that it is hidden no longer, and only if it
was hidden -- and a march stopped by forces it had not seen is its owner's news;
the other side reads that the unit was seen there, unless it has just read the
march itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.api import Event, Observation, at, render_for_other_side

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
    moves_read: set[str] = set()        # enemy units whose march this seat has just read
    # A place taken is told once, as the place ("Chorwon falls to the Republic of Korea"), not again as ground
    # ("... takes Chorwon"): a play-tester read every capture twice.
    places_taken = {e.hexes[0] for e in events if e.kind == "PlaceCaptured" and e.hexes}
    for e in events:
        readers = e.data.get("readers")
        if readers and obs.seat not in readers:
            continue                   # a tip for another seat (a scenario rule's ``to``)
        if e.kind == "HexCaptured" and e.hexes and e.hexes[0] in places_taken:
            continue
        own = e.seat is not None and config.seat(e.seat).bloc == bloc
        if own:
            out.append(LogEntry(e, e.text, True))
            continue
        if e.public or (e.seat is None and not e.hexes):
            out.append(LogEntry(e, e.text))
            continue
        if e.kind in QUIET_KINDS:
            continue
        if e.kind == "UnitSpotted":
            # The spotter is the enemy: the unit is ours.  Its counter shows whether it was hidden; that cover is
            # all we learn we lost (where the enemy's eyes are stays the enemy's).
            if e.data.get("hidden"):
                out.append(LogEntry(e, render_for_other_side(e)))
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
            moves_read.add(e.data.get("unit", ""))
        elif e.kind == "UnitStopped":
            # Why it stopped (it met forces it had not seen) is its owner's to know; we saw it there -- which a
            # seat that has just read its march already knows.
            if e.data.get("say") or e.data.get("unit") not in moves_read:
                # Named as this seat knows it: a unit out of its sight now is an enemy unit, not a leaked name.
                unit = obs.units.get(e.data.get("unit", ""))
                out.append(LogEntry(e, render_for_other_side(e, unit.name if unit else "an enemy unit")))
        else:
            out.append(LogEntry(e, e.text))
    return out
