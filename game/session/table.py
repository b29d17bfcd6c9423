"""The table a match is played at: seats and who sits in them, AI turns, logs, autosave, hand-overs.

This is everything the desktop screens need that is not drawing: the UI
submits a human seat's actions here, asks it to step the AI, and asks it
whether the screen must be handed over to another player (hot-seat).
"""

from __future__ import annotations

from pathlib import Path

from game.engine.api import Action, Event, Observation

from .autosave import Autosaver
from .controllers import AIPlayers
from .eventlog import LogEntry, SeatLogs
from .match import HUMAN, Match


class Table:
    def __init__(self, match: Match, autosave_dir: Path | None = None, start_log: list[Event] | None = None):
        self.match = match
        self.ai = AIPlayers(match)
        self.logs = SeatLogs()
        if match.saved_logs is not None and start_log is None:
            for seat, rows in match.saved_logs.items():
                self.logs.entries[seat] = [LogEntry(e, text, own) for e, text, own in rows]
        self.logs.add(match, list(start_log if start_log is not None else match.log))
        match.seat_logs = self.logs
        self.autosaver = Autosaver(autosave_dir) if autosave_dir else None
        self.humans = [s.id for s in match.config.seats if match.seats.get(s.id, HUMAN) == HUMAN]
        # The seat whose eyes the screen shows: the active human, else the first human, else the first seat.
        active = match.active_seat
        self.viewer = active if active in self.humans else (self.humans[0] if self.humans else active)
        self.last_seen: dict[str, int] = {s: 0 for s in self.humans}
        self.last_autosave: Path | None = None
        self._log_marks: list[dict[str, int]] = []   # per undoable action: log lengths before it

    # -- who is playing ---------------------------------------------------------------
    @property
    def hot_seat(self) -> bool:
        return len(self.humans) > 1

    @property
    def active_is_human(self) -> bool:
        return self.match.active_seat in self.humans

    def needs_handover(self) -> bool:
        """True when another human must take the screen before play goes on."""
        return (not self.match.over and self.hot_seat and self.active_is_human
                and self.match.active_seat != self.viewer)

    def take_over(self) -> list[LogEntry]:
        """The active human takes the screen: returns what they may read since their last turn."""
        seat = self.match.active_seat
        if self.viewer in self.last_seen:
            self.last_seen[self.viewer] = self.logs.count(self.viewer)
        self.viewer = seat
        return self.logs.since(seat, self.last_seen.get(seat, 0))

    def view(self) -> Observation:
        return self.match.view(self.viewer)

    # -- acting ----------------------------------------------------------------------------
    def submit(self, action: Action, reason: str | None = None) -> list[Event]:
        """A seat's action (IllegalAction propagates, nothing changes); ``reason``: a computer seat's why."""
        counts = {seat: len(entries) for seat, entries in self.logs.entries.items()}
        events = self.match.submit(action, reason)
        if self.match.can_undo():
            self._log_marks.append(counts)
        else:
            self._log_marks.clear()
        return self._after(events)

    def step_ai(self) -> list[Event]:
        """One action of the active AI seat ([] if a human is to act or the game is over)."""
        if self.match.over or not self.ai.plays(self.match.active_seat):
            return []
        action = self.ai.choose()
        return self.submit(action, self.ai.last_reason)

    def undo(self) -> bool:
        if not self.match.undo():
            return False
        # Cut every seat's log back to where it stood before the undone action.
        if self._log_marks:
            for seat, n in self._log_marks.pop().items():
                del self.logs.entries[seat][n:]
        return True

    def _after(self, events: list[Event]) -> list[Event]:
        if not events:
            return events
        self.logs.add(self.match, events)
        if self.autosaver and any(e.kind in ("TurnStarted", "GameEnded") for e in events):
            self.last_autosave = self.autosaver.save(self.match, handover=self.needs_handover())
        return events

    def entries(self) -> list[LogEntry]:
        """The viewer's log."""
        return self.logs.entries.get(self.viewer, [])
