"""A teacher's session over one game: the computer plays, the teacher steers (issue 12 §1, §2, §6).

A :class:`Classroom` holds the table of the game being played (``table``, the present), its
:class:`~game.session.timeline.Timeline`, the key events dated so far (game/session/records.py) and the pauses
reached (game/session/teaching.py).  The screen asks it to:

* play the computer one action at a time (:meth:`step_ai`), or submit a person's action (:meth:`submit`): each
  returns the events and the pauses the action reached;
* pose a scenario's what-if (:meth:`set_what_if`): its policies bind the computer players of their seats from
  the next action on, its events (``inject``) happen at once as recorded actions (game/engine/actions.py Inject),
  and the log says so in the teacher's name;
* hand a seat to a person, or back to the computer (:meth:`set_human`);
* look back at any position of the record (:meth:`look_at`: a separate table, ``past``; the game itself is
  untouched), step forward through the record from there (:meth:`forward`), and branch a new game from it
  (:meth:`branch`: a new save; the game it came from stays as it was saved).

A replay (:func:`game.session.replay.ReplayBuilder`) is a classroom whose present is a save's last position
(``replay`` true): it looks back and steps, and branches, but the computer does not play on.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.api import Event, IllegalAction, Inject, check

from .eventlog import LogEntry
from .match import HUMAN, TAKEN_OVER, Match
from .records import Recorder
from .savefile import write_save
from .table import Table
from .teaching import TEACHER_MARK, PauseHit, PauseWatch, WhatIf, divergence, pauses_of, what_ifs_of
from .timeline import Timeline


class TeacherLine:
    """A line of the teacher's log: an event in its maker's words, rendered only when read (a replayed war is
    thousands of events, of which the log box shows the last few dozen).  Reads as a LogEntry."""

    __slots__ = ("event", "own")

    def __init__(self, event: Event, own: bool):
        self.event = event
        self.own = own

    @property
    def text(self) -> str:
        return self.event.text


def teacher_entry(match: Match, text: str) -> LogEntry:
    """A line of the log in the teacher's name (a what-if posed, a seat handed over); every seat reads it."""
    s = match.state
    return LogEntry(Event("TeacherNote", s.date, s.turn, None, (), True, {"teacher": True}, None, text), text, True)


class Classroom:
    """The teacher's session over ``table``'s game (see the module's docstring)."""

    def __init__(self, scenario, table: Table, save_path: Path | None = None, replay: bool = False,
                 history: Classroom | None = None):
        self.scenario = scenario
        self.table = table
        table.classroom = True
        self.replay = replay
        #: where this game is saved (a replay: the save it came from, never written to); None: not yet
        self.save_path = save_path
        #: the name its saves carry (a replay: the name of the save it came from)
        self.label = "Classroom game"
        n = len(table.match.record)
        self.timeline = Timeline(table, history.timeline if history else None)
        self.recorder = Recorder(table.match)
        #: after n actions, how many of the recorder's dates were known (for a branch's key events)
        self.key_counts: dict[int, int] = {}
        #: the teacher's log: every event in its maker's words and the teacher's own lines (the whole truth); its
        #: length after n actions
        self.log: list[LogEntry] = []
        self.log_counts: dict[int, int] = {}
        self.watch = PauseWatch(pauses_of(scenario))
        self.what_ifs: list[WhatIf] = what_ifs_of(scenario)
        if history is None:
            self._log(table.match.log)
        else:
            self.log = history.log_at(n)
            self.log_counts = {k: v for k, v in history.log_counts.items() if k < n}
            dates = history.dates_at(n)
            for key, when in self.recorder.dates.items():
                dates.setdefault(key, when)
            self.recorder.dates = dates
            self.key_counts = {k: v for k, v in history.key_counts.items() if k < n}
            self.watch.hits = [h for h in history.watch.hits if h.action <= n]
        self.key_counts[n] = len(self.recorder.dates)
        self.log_counts[n] = len(self.log)
        #: the table of a position looked back at (None: the present is shown), and its action count
        self.past: Table | None = None
        self.cursor = n
        self.govern()

    # -- what the screen shows -------------------------------------------------------------------
    @property
    def shown(self) -> Table:
        """The table the screen shows: the position looked back at, else the game itself."""
        return self.past if self.past is not None else self.table

    @property
    def at_present(self) -> bool:
        return self.past is None

    @property
    def match(self) -> Match:
        return self.table.match

    def dates_at(self, n: int) -> dict[str, str]:
        """The key events dated after ``n`` actions (key -> ISO date)."""
        k = max((c for c in self.key_counts if c <= n), default=None)
        count = self.key_counts[k] if k is not None else 0
        return dict(list(self.recorder.dates.items())[:count])

    def log_at(self, n: int) -> list[LogEntry]:
        """The teacher's log as it stood after ``n`` actions."""
        k = max((c for c in self.log_counts if c <= n), default=None)
        return list(self.log[:self.log_counts[k] if k is not None else 0])

    def log_shown(self) -> list[LogEntry]:
        """The teacher's log at the position shown."""
        return self.log if self.past is None else self.log_at(self.cursor)

    def _log(self, events: list[Event]) -> None:
        config = self.match.config
        for e in events:
            if e.data.get("readers"):
                continue        # a tip to one side's player ("Try this: keep a reserve..."): not for the class
            # The UN side's lines read in the log's own colour, the communist side's in the enemy's.
            own = e.seat is None or config.seat(e.seat).bloc == ("un" if "un" in config.blocs else config.blocs[0])
            self.log.append(TeacherLine(e, own))

    def divergence(self):
        """This war's key events so far (at the position shown) beside history's, with the gaps."""
        cal = self.match.config.calendar
        dates = self.dates_at(self.cursor) if self.past is not None else dict(self.recorder.dates)
        return divergence(dates, cal.first, cal.last)

    # -- playing the present ---------------------------------------------------------------------------
    def step_ai(self) -> tuple[list[Event], list[PauseHit]]:
        """One action of the computer at the present (nothing in a replay, while looking back, or on a human's
        turn); its events and the pauses it reached."""
        if self.replay or self.past is not None:
            return [], []
        playing = not self.match.over and self.table.ai.plays(self.match.active_seat)
        events = self.table.step_ai() if playing else []
        return events, self._after(events)

    def submit(self, action, reason: str | None = None) -> tuple[list[Event], list[PauseHit]]:
        """A person's action at the present (IllegalAction propagates, nothing changes)."""
        events = self.table.submit(action, reason)
        return events, self._after(events)

    def undo(self) -> bool:
        """Take back a person's last move (the table's rules); the timeline and the key events follow."""
        if not self.table.undo():
            return False
        n = len(self.match.record)
        for mark in self.match.teacher:
            mark[0] = min(mark[0], n)         # a what-if posed after the move taken back still stands
        self.timeline.cut(n)
        del self.log[self.log_counts.get(n, len(self.log)):]
        self.cursor = n
        return True

    def _after(self, events: list[Event]) -> list[PauseHit]:
        if not events:
            return []
        m = self.match
        n = len(m.record)
        self.timeline.note()
        self._log(events)
        self.log_counts[n] = len(self.log)
        before = set(self.recorder.dates)
        self.recorder(m, events)         # it dates the crossing of the parallel as the troops cross
        new = {k: v for k, v in self.recorder.dates.items() if k not in before}
        self.key_counts[n] = len(self.recorder.dates)
        self.cursor = n
        return self.watch.seen(events, n, new)

    def forced_by_teacher(self, n: int) -> str:
        """The title of the teacher's what-if that chose the ``n``-th action (a count), or "" if none did."""
        reason = self.match.reasons.get(n - 1, "")
        if not reason.startswith(TEACHER_MARK):
            return ""
        return reason[len(TEACHER_MARK):].strip().lstrip("'").rpartition("' (")[0]

    # -- the teacher's levers -------------------------------------------------------------------------
    def set_what_if(self, index: int, on: bool) -> tuple[list[Event], list[PauseHit]]:
        """Pose (``on``) or withdraw the scenario's what-if ``index``; the log says it in the teacher's name.  A
        what-if governing a decision another one governs replaces it (the other is withdrawn).  Posing one that
        makes events happen makes them happen now, at the present of the game (never in a look back or a
        replay): the events and the pauses they reach are returned.  One with events only is never "on": it has
        happened, and may be posed again only if one of its events can happen again (:meth:`can_inject`)."""
        w = self.what_ifs[index]
        if on == (index in self.on) and (not on or not w.injects):
            return [], []
        if not on:
            self._mark(index, False)
            self.note(f"The teacher withdraws the what-if '{w.title}'.")
            self.govern()
            return [], []
        if w.injects and not self.can_inject(index):
            return [], []
        if w.policies:
            mine = {p.decision for p in w.policies}
            for k in [k for k in self.on if {p.decision for p in self.what_ifs[k].policies} & mine]:
                self._mark(k, False)
                self.note(f"The teacher withdraws the what-if '{self.what_ifs[k].title}'.")
            self._mark(index, True)
            self.note(f"The teacher poses a what-if: {w.title}")
            self.govern()
        else:
            self.note(f"The teacher poses a what-if: {w.title}")      # an event: it happens, it does not stand
        events: list[Event] = []
        hits: list[PauseHit] = []
        for rule in w.injects:
            try:
                got, reached = self.submit(Inject(rule), f"{TEACHER_MARK} '{w.title}' (an event the teacher made "
                                                         "happen).")
            except IllegalAction:
                continue                      # it has happened already (one of several): the others still do
            events += got
            hits += reached
        return events, hits

    @property
    def on(self) -> set[int]:
        """The what-ifs (indexes) that stand now: the match's record of the teacher's, read at its present (a
        replay: its end; a branch: the record it took up to its point)."""
        return self.on_at(len(self.match.record))

    def on_at(self, n: int) -> set[int]:
        """The what-ifs (indexes) that stood after ``n`` actions, from the match's record of the teacher's."""
        titles = {w.title: k for k, w in enumerate(self.what_ifs)}
        on: set[int] = set()
        for when, title, posed in self.match.teacher:
            if when <= n and title in titles:
                (on.add if posed else on.discard)(titles[title])
        return on

    def _mark(self, index: int, posed: bool) -> None:
        self.match.teacher.append([len(self.match.record), self.what_ifs[index].title, posed])

    def can_inject(self, index: int) -> bool:
        """Whether what-if ``index`` has events that can happen now: at the present of a game going on (not a
        replay), and one of its rules not yet fired or one that may fire again."""
        w = self.what_ifs[index]
        if not w.injects or self.replay or self.past is not None or self.match.over:
            return False
        return any(check(self.match.state, Inject(rule)) is None for rule in w.injects)

    def govern(self) -> None:
        """Lay the what-ifs that are on upon the computer players of their seats."""
        decisions = self.match.config.politics.decisions if self.match.config.politics else {}
        by_seat: dict[str, dict] = {s.id: {} for s in self.match.config.seats}
        for k in sorted(self.on):
            for p in self.what_ifs[k].policies:
                by_seat[decisions[p.decision].seat][p.decision] = p
        for seat, policies in by_seat.items():
            self.table.ai.govern(seat, policies)

    def set_human(self, seat: str, human: bool) -> None:
        """A person takes ``seat`` over at the present, or hands it back to the computer."""
        if human == (seat in self.table.humans):
            return
        self.table.set_human(seat, human)
        self.match.teacher.append([len(self.match.record), TAKEN_OVER + seat, human])
        self.govern()
        name = self.match.config.seat(seat).name
        self.note(f"A person takes over the {name}." if human else f"The computer plays the {name} again.")

    def note(self, text: str) -> None:
        """A line in the teacher's name in every seat's log of the game (and of the position looked back at)."""
        self.log.append(teacher_entry(self.match, text))
        for table in {id(t): t for t in (self.table, self.past) if t is not None}.values():
            entry = teacher_entry(table.match, text)
            for seat in table.match.config.seats:
                table.logs.entries.setdefault(seat.id, []).append(entry)

    # -- looking back and branching ------------------------------------------------------------------
    def look_at(self, n: int) -> None:
        """Show the position after ``n`` actions of the record (the present itself when ``n`` reaches it)."""
        n = self.timeline.clamp(n)
        if n == self.timeline.last:
            self.past = None
            self.cursor = n
            return
        match = self.timeline.match_at(n)
        past = Table(match, start_log=[])
        past.logs.entries = self.timeline.logs_at(n)
        past.classroom = True
        past.humans = []                      # nobody acts in the past: the record does
        past.ai.agents.clear()
        past.viewer = self.table.viewer if self.table.viewer else match.active_seat
        self.past = past
        self.cursor = n

    def forward(self) -> tuple[list[Event], list[PauseHit]]:
        """One recorded action forward from the position looked back at (the present again at its end); the
        events, and the pauses reached there when they were first met."""
        if self.past is None:
            return [], []
        n = self.cursor
        if n >= self.timeline.last:
            self.past = None
            return [], []
        m = self.match
        events = self.past.submit(m.record[n], m.reasons.get(n))
        self.cursor = n + 1
        hits = [h for h in self.watch.hits if h.action == self.cursor]
        if self.cursor >= self.timeline.last:
            self.past = None                  # the present: the game's own table, its computer players and all
        return events, hits

    def branch(self, save_dir: Path) -> Classroom:
        """A new game from the position shown: the same record up to here, the same seats and what-ifs, written
        at once as a new save.  The game it comes from is saved first (a replay's save is left as it is), so it
        stays as it was.  Returns the new classroom; OSError if a save cannot be written."""
        save_dir = Path(save_dir)
        n = self.cursor
        if not self.replay:
            self.save(save_dir)
        match = self.timeline.match_at(n)
        match.teacher = [list(t) for t in self.match.teacher if t[0] <= n]
        table = Table(match, autosave_dir=save_dir, start_log=[])
        table.logs.entries = self.timeline.logs_at(n)
        table.handed = dict(self.table.handed)
        branch = Classroom(self.scenario, table, free_name(save_dir, f"branch-{match.scenario_id}-t{match.turn:03d}"),
                           history=self)
        turn, when = match.turn, match.state.date
        source = self.save_path.stem if self.save_path else "the game"
        branch.label = f"Branch at turn {turn} of {source}"
        branch.note(f"A new game branches from {source} at turn {turn} ({when:%d %B %Y}).")
        write_save(match, branch.save_path, label=branch.label)
        return branch

    def save(self, save_dir: Path) -> Path:
        """Save the game at its present (a replay: nothing to save; its save is the path it came from)."""
        if self.replay and self.save_path is not None:
            return self.save_path
        if self.save_path is None:
            self.save_path = free_name(Path(save_dir), f"classroom-{self.match.scenario_id}")
        return write_save(self.match, self.save_path, label=self.label)

    # -- who plays ------------------------------------------------------------------------------------
    def controllers(self) -> dict[str, str]:
        """seat -> "human", or the computer's controller (ai:PERSONALITY:DIFFICULTY)."""
        return {s.id: HUMAN if s.id in self.table.humans else self.match.seats.get(s.id, HUMAN)
                for s in self.match.config.seats}


def free_name(folder: Path, stem: str) -> Path:
    """``folder/stem-N.json`` for the first N from 1 that names no file yet (a branch never overwrites a save)."""
    k = 1
    while (folder / f"{stem}-{k}.json").exists():
        k += 1
    return folder / f"{stem}-{k}.json"
