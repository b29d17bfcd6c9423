"""A game's record with every position of it at hand: for jumping back, stepping and branching (issue 12 §2, §6).

A :class:`Timeline` follows one table (game/session/table.py) as its match is played or replayed.  After each
action (``note``) it keeps how long the match's log and each seat's log were, and, whenever a seat's turn begins,
a copy of the position (a clone is a few numpy arrays, some 50 kB).  From these :meth:`Timeline.match_at` makes a
new :class:`Match` after any number ``n`` of the record's actions: the copy of the nearest seat-turn start at or
before ``n``, then the record's next actions applied through the engine's ``apply`` as live play applied them, so
the position is the one the game had (same scenario + seed + actions, same game).  Its log is the original's, up
to ``n``; :meth:`Timeline.logs_at` gives each seat's log as it stood then.

The timeline never changes the match it follows; an undo at the table is followed by :meth:`Timeline.cut`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from game.engine import api
from game.engine.api import GameState

from .eventlog import LogEntry
from .match import Match


@dataclass(frozen=True)
class Step:
    """Where the game stood after some number of actions: the turn, its date, the active seat and phase."""

    turn: int
    date: date
    seat: str
    phase: str


class Timeline:
    """The positions of one match's record.  ``table``: the table the match is played at (its logs are read)."""

    def __init__(self, table, history: Timeline | None = None):
        """Follow ``table`` from its match's present position; ``history``: the timeline of the game this one
        branches from (the match's record is the first actions of that one's), whose positions up to the branch
        this one shares."""
        self.table = table
        match = table.match
        #: after n actions: where the game stood, the match's log length, each seat's log length
        self.steps: list[Step] = []
        self.log_len: list[int] = []
        self.seat_len: list[dict[str, int]] = []
        #: action count -> the position then, at each seat-turn's start (and at the start of the record)
        self.checkpoints: dict[int, GameState] = {}
        n = len(match.record)
        if history is not None and history.first <= n <= history.last:
            keep = n - history.first
            self._first = history.first
            self.steps = history.steps[:keep]
            self.log_len = history.log_len[:keep]
            self.seat_len = history.seat_len[:keep]
            self.checkpoints = {k: v for k, v in history.checkpoints.items() if k < n}
        else:
            self._first = n
        self._note_position()

    @property
    def match(self) -> Match:
        return self.table.match

    @property
    def first(self) -> int:
        """The first action count the timeline can show (0 unless it was started on a game already under way)."""
        return self._first

    @property
    def last(self) -> int:
        """Actions in the record: the present."""
        return self._first + len(self.steps) - 1

    def _note_position(self) -> None:
        m = self.match
        s = m.state
        step = Step(s.turn, s.date, s.active_seat.id, s.phase.value)
        n = len(m.record)
        before = self.steps[-1] if self.steps else None
        if before is None or (before.turn, before.seat) != (step.turn, step.seat):
            self.checkpoints[n] = api.clone(s)
        self.steps.append(step)
        self.log_len.append(len(m.log))
        self.seat_len.append({seat: len(entries) for seat, entries in self.table.logs.entries.items()})

    def note(self) -> None:
        """The table's match has taken one more action (call after each submit); an undo first cuts back."""
        n = len(self.match.record)
        if n <= self.last:
            self.cut(n - 1)
        self._note_position()

    def cut(self, n: int) -> None:
        """Forget everything after ``n`` actions (an undo at the table took them back)."""
        keep = max(0, n - self._first + 1)
        del self.steps[keep:], self.log_len[keep:], self.seat_len[keep:]
        for k in [k for k in self.checkpoints if k > n]:
            del self.checkpoints[k]

    # -- reading ---------------------------------------------------------------------------------
    def step_at(self, n: int) -> Step:
        return self.steps[self.clamp(n) - self._first]

    def clamp(self, n: int) -> int:
        return max(self._first, min(self.last, n))

    def turn_start(self, turn: int) -> int:
        """The action count at which ``turn`` began (the first position of that turn), clamped to the record."""
        for k, step in enumerate(self.steps):
            if step.turn >= turn:
                return k + self._first
        return self.last

    def seat_turn_end(self, n: int) -> int:
        """The action count where the seat-turn under way after ``n`` actions ends (the next seat's first
        position), or the present."""
        here = self.step_at(n)
        for k in range(self.clamp(n) + 1, self.last + 1):
            step = self.steps[k - self._first]
            if (step.turn, step.seat) != (here.turn, here.seat):
                return k
        return self.last

    def seat_turn_start(self, n: int) -> int:
        """The action count where the seat-turn under way after ``n`` actions began (``n`` itself at its start:
        then the start of the seat-turn before)."""
        n = self.clamp(n)
        here = self.step_at(n)
        k = n
        while k > self._first and (self.steps[k - 1 - self._first].turn,
                                   self.steps[k - 1 - self._first].seat) == (here.turn, here.seat):
            k -= 1
        if k == n and n > self._first:
            return self.seat_turn_start(n - 1)
        return k

    def turns(self) -> list[tuple[int, date, int]]:
        """(turn, its date, the action count it began at) of every turn the record reaches."""
        out: list[tuple[int, date, int]] = []
        for k, step in enumerate(self.steps):
            if not out or out[-1][0] != step.turn:
                out.append((step.turn, step.date, k + self._first))
        return out

    def match_at(self, n: int) -> Match:
        """A new match after the record's first ``n`` actions (its own state; the original is untouched)."""
        n = self.clamp(n)
        m = self.match
        k = max(c for c in self.checkpoints if c <= n)
        state = api.clone(self.checkpoints[k])
        for action in m.record[k:n]:
            state, _events = api.apply(state, action)
        out = Match(m.scenario_id, m.scenario_hash, m.seed, state, dict(m.seats), list(m.record[:n]),
                    list(m.log[:self.log_len[n - self._first]]),
                    {i: r for i, r in m.reasons.items() if i < n})
        return out

    def logs_at(self, n: int) -> dict[str, list[LogEntry]]:
        """Each seat's log as it stood after ``n`` actions."""
        counts = self.seat_len[self.clamp(n) - self._first]
        return {seat: list(entries[:counts.get(seat, 0)]) for seat, entries in self.table.logs.entries.items()}
