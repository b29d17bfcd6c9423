"""The table a match is played at: seats and who sits in them, AI turns, logs, autosave, hand-overs.

This is everything the desktop screens need that is not drawing: the UI
submits a human seat's actions here, asks it to step the AI, and asks it
whether the screen must be handed over to another player (hot-seat).
"""

from __future__ import annotations

from pathlib import Path

from game.engine.api import Action, Event, Location, Observation

from .atomicwrite import write_problem
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
        if match.saved_logs is not None:
            # A loaded game: each player's report starts with the last round (the turn before this one), not with
            # the whole war (the marks of the session that saved it are not in the save).
            for s in self.humans:
                entries = self.logs.entries.get(s, [])
                self.last_seen[s] = next((k for k, e in enumerate(entries) if e.event.turn >= match.turn - 1),
                                         len(entries))
        #: the unit each seat last selected on the map: its next turn opens there (a screen's memory, not saved)
        self.last_selected: dict[str, str] = {}
        #: how far each seat's player has got in the scenario's tutorial lessons (game/ui/lessons.py): seat -> step;
        #: the match's own dict, so a save keeps it and a loaded game goes on from the same step
        self.lesson_at: dict[str, int] = match.lesson_at
        #: how each seat's player left the tutorial panel (game/ui/lessons.py): seat -> {"corner", "folded"}
        self.lesson_ui: dict[str, dict] = {}
        self.last_autosave: Path | None = None
        #: why the last autosave failed, in a player's words (None while autosaves work); autosave_warning says it
        self.autosave_failure: str | None = None
        self._warned = False
        self._log_marks: list[dict[str, int]] = []   # per undoable action: log lengths before it
        #: A classroom shows every computer seat's plan at any time (see :meth:`may_see_plan`).
        self.classroom = False
        #: seat -> the computer controller a person took the seat over from (set_human)
        self.handed: dict[str, str] = {}

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

    def set_human(self, seat: str, human: bool, controller: str = "ai:historical:normal") -> None:
        """A person takes ``seat`` over from the computer (``human``), or hands it back to the computer player
        that had it (else a new one for ``controller``).  The match's seats say so too, so a save shows who plays."""
        m = self.match
        if human and seat not in self.humans:
            self.ai.rest(seat)
            self.humans = [s.id for s in m.config.seats if s.id in self.humans or s.id == seat]
            self.handed.setdefault(seat, m.seats.get(seat, controller))
            m.seats[seat] = HUMAN
        elif not human and seat in self.humans:
            back = self.handed.pop(seat, None) or (controller if m.seats.get(seat, HUMAN) == HUMAN else m.seats[seat])
            self.ai.wake(seat, back)
            self.humans.remove(seat)
            m.seats[seat] = back
        self.last_seen.setdefault(seat, self.logs.count(seat))

    def take_over(self) -> list[LogEntry]:
        """The active human takes the screen: returns what they may read since their last turn (since the last
        action they took; submit() keeps the mark)."""
        seat = self.match.active_seat
        self.viewer = seat
        return self.logs.since(seat, self.last_seen.get(seat, 0))

    def view(self) -> Observation:
        return self.match.view(self.viewer)

    # -- the computer's plans ---------------------------------------------------------------
    def may_see_plan(self, seat: str) -> bool:
        """Whether the viewer may see computer seat ``seat``'s plan: the one rule of who reads plans.

        A seat of the viewer's own bloc at any time (allies share their plans); an enemy seat only once the
        game is over (its plan was the enemy's secret); every seat in a classroom.  Nobody at a hand-over.
        """
        if self.viewer is None:
            return False
        if self.classroom or self.match.over:
            return True
        config = self.match.config
        return config.seat(seat).bloc == config.seat(self.viewer).bloc

    def visible_plans(self, view: Observation | None = None) -> dict[str, dict]:
        """The plans of the computer seats the viewer may see (:meth:`may_see_plan`): seat -> a copy of the
        agent's plan (stance, front, reserve, axis, landing) with ``reserve_at``, the [q, r] hexes of its
        reserve units on the map now.  ``view``: the viewer's current observation, if the caller has one."""
        out = {}
        views: dict[str, Observation] = {}
        if view is not None and view.seat == self.viewer:
            views[self.viewer] = view
        for seat, plan in self.ai.plans().items():
            if not self.may_see_plan(seat):
                continue
            # Whoever may see the plan may see its reserve: from the viewer's eyes for the viewer's bloc,
            # from the planning seat's own eyes otherwise (the game is over, or a classroom).
            config = self.match.config
            eyes = self.viewer if config.seat(seat).bloc == config.seat(self.viewer).bloc else seat
            if eyes not in views:
                views[eyes] = self.match.view(eyes)
            units = views[eyes].units
            at = []
            for uid in plan.get("reserve", ()):
                u = units.get(uid)
                if u is not None and u.hex is not None and u.location is Location.MAP:
                    at.append([u.hex.q, u.hex.r])
            out[seat] = {**plan, "reserve_at": at}
        return out

    # -- acting ----------------------------------------------------------------------------
    def submit(self, action: Action, reason: str | None = None) -> list[Event]:
        """A seat's action (IllegalAction propagates, nothing changes); ``reason``: a computer seat's why."""
        counts = {seat: len(entries) for seat, entries in self.logs.entries.items()}
        seat = self.match.active_seat
        events = self.match.submit(action, reason)
        if seat in self.last_seen:
            # A human has read their log up to their own action; what it and everything after it brings (the
            # end of their turn, the computer's turns that follow) is theirs to read at their next turn.  The
            # mark is set here, not when the next human takes the screen: by then a computer seat may have played
            # a whole turn (the ROK's attack on the KPA's 13th Division) that the report would skip.
            self.last_seen[seat] = counts.get(seat, 0)
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
            self._autosave()
        return events

    def _autosave(self) -> None:
        """Autosave now; a failure (a full disk) never stops the game: it is kept for the screen to say once."""
        try:
            self.last_autosave = self.autosaver.save(self.match, handover=self.needs_handover())
        except OSError as exc:
            if self.autosave_failure is None:
                self._warned = False
            self.autosave_failure = write_problem(exc)
        else:
            self.autosave_failure = None

    def autosave_now(self) -> Path | None:
        """Autosave the position as it stands (mid-turn included), where autosaving is on; the file written, or
        None (autosave off, or it failed: ``autosave_failure`` says why)."""
        if self.autosaver is None:
            return None
        self._autosave()
        return self.last_autosave if self.autosave_failure is None else None

    def autosave_warning(self) -> str | None:
        """What the screen tells the player when autosaving has begun to fail: once per run of failures (an
        autosave that works again ends the run), else None."""
        if self.autosave_failure is None or self._warned:
            return None
        self._warned = True
        folder = self.autosaver.folder if self.autosaver else ""
        return (f"The autosave at the start of turn {self.match.turn} failed: {self.autosave_failure}. "
                f"The game goes on, and the next turn's autosave will try again.\n\nSave by hand (the Save "
                f"button, or Ctrl+S) once there is room; that save says whether it worked. Saves folder: {folder}")

    def entries(self) -> list[LogEntry]:
        """The viewer's log."""
        return self.logs.entries.get(self.viewer, [])
