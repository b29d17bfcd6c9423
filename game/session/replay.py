"""A save replayed for stepping through it: the Load screen's Replay (issue 12 §6).

:class:`ReplayBuilder` opens a save with every check the Load screen makes (game/session/savefile.py
``load_save``: a damaged or forged file is refused with its reason), then plays its record again from the
scenario's start through the same ``apply`` as live play, a slice at a time (:meth:`ReplayBuilder.advance`), so
the window keeps answering through a whole war's thousands of actions.  Each seat's log is built as the game
built it, and the computer's reasons come back from the save.  When the record is played it must reach the
saved position (its checksum); a save made before a change to the rules does not, and is refused for replay with
a reason a player can read (Load still opens it from its snapshot).  The result is a
:class:`~game.session.classroom.Classroom` whose present is the save's last position and in which the computer
does not play on.
"""

from __future__ import annotations

import time
from pathlib import Path

from game.engine.api import IllegalAction

from .classroom import Classroom
from .match import Match
from .savefile import SaveError, load_save
from .table import Table


class ReplayBuilder:
    """The replay of the save at ``path``, built a slice at a time; SaveError if the save cannot be replayed."""

    def __init__(self, path: Path):
        from .catalog import load_scenario
        self.path = Path(path)
        saved, doc = load_save(self.path)
        self.record = list(saved.record)
        self.reasons = dict(saved.reasons)
        self.final = doc["final_checksum"]
        self.label = doc.get("summary", {}).get("label") or self.path.stem
        scenario = load_scenario(saved.scenario_id)
        match = Match.start(scenario, saved.seed, dict(saved.seats))
        match.teacher = [list(t) for t in saved.teacher]       # the what-ifs that stood, as the save has them
        table = Table(match, start_log=list(match.log))
        table.ai.agents.clear()               # a replay plays the record, never the computer
        table.humans = []
        table.viewer = match.active_seat
        self.classroom = Classroom(scenario, table, save_path=self.path, replay=True)
        self.classroom.label = self.label
        self.done = 0

    @property
    def total(self) -> int:
        return len(self.record)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    def advance(self, seconds: float = 0.03) -> float:
        """Replay actions for about ``seconds``; the share of the record done (1.0: finished and checked)."""
        stop = time.perf_counter() + seconds
        room = self.classroom
        while self.done < self.total:
            k = self.done
            try:
                room.submit(self.record[k], self.reasons.get(k))
            except IllegalAction as exc:
                raise SaveError(self.path, f"action {k + 1} of the record cannot be replayed ({exc.reason}); the "
                                           "save was made with other rules. Load still opens it as saved") from None
            self.done += 1
            if time.perf_counter() >= stop:
                break
        if self.finished and room.match.checksum() != self.final:
            raise SaveError(self.path, "replaying its record does not give the saved game: it was made with other "
                                       "rules. Load still opens it as saved")
        return 1.0 if self.finished else self.done / max(1, self.total)

    def result(self) -> Classroom:
        """The replay, opened at the start of the record (call once :meth:`advance` returned 1.0)."""
        room = self.classroom
        room.table.viewer = room.match.active_seat
        room.look_at(room.timeline.first)
        return room
