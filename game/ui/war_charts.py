"""The end screen's charts of the whole war: the report's matplotlib charts, made without freezing the window.

Contract: ``WarCharts(match)`` replays the match's record (game/report/series.py) on a background
:class:`~game.ui.background.Job`, and draws the report's charts (game/report/charts.py ``overview_rgba``) at
the size last asked for with :meth:`want`.  Each frame the screen calls :meth:`poll`; it returns True when a
new picture is ready in ``surface`` (a pygame Surface made in the window's thread) with ``count`` charts.
``chronicle`` is the replay, once done, for the report's export; ``problem`` says, in a player's words, why
there are no charts of the whole war (a record that does not replay, matplotlib missing), and then the screen
keeps its charts drawn by hand from this session's log.  ``busy`` is True while a job runs.  The last replay is
kept for the same game (unchanged since), so the screen built again (back from the final map) does not replay.
"""

from __future__ import annotations

import pygame

from game.errorlog import log_exception

from .background import Job

#: The last replay and the game it is of (its identity, length and checksum): coming back to the summary from the
#: final map shows the charts at once rather than replaying the war again.
_last: tuple[tuple, object] | None = None


def _replay(match):
    from game.report.series import chronicle_of
    return chronicle_of(match)


def _draw(chronicle, size: tuple[int, int], scale: float, high_contrast: bool):
    from game.report.charts import charts_for, overview_rgba, screen_theme
    rgba, got = overview_rgba(chronicle, size, scale, screen_theme(high_contrast))
    return rgba, got, len(charts_for(chronicle)), (size, scale, high_contrast)


class WarCharts:
    def __init__(self, match):
        self.match = match
        self.chronicle = None
        self.problem: str | None = None
        self.surface: pygame.Surface | None = None
        self.count = 0
        self._want: tuple[tuple[int, int], float, bool] | None = None
        self._drawn_for: tuple[tuple[int, int], float, bool] | None = None
        self._drawing = False
        self._key = (id(match), len(match.record), match.checksum())
        if _last is not None and _last[0] == self._key:
            self.chronicle, self._job = _last[1], None
        else:
            self._job = Job(_replay, match)

    @property
    def busy(self) -> bool:
        return self._job is not None

    def want(self, size: tuple[int, int], scale: float, high_contrast: bool = False) -> None:
        """Ask for the charts at ``size`` pixels (the screen's chart area) and UI ``scale``, in the high-contrast
        colours if that setting is on."""
        self._want = ((int(size[0]), int(size[1])), float(scale), bool(high_contrast))
        self._next()

    def _next(self) -> None:
        if self._job is not None or self.chronicle is None or self._want is None or self._want == self._drawn_for:
            return
        (size, scale, contrast) = self._want
        self._drawing = True
        self._job = Job(_draw, self.chronicle, size, scale, contrast)

    def poll(self) -> bool:
        """Take what a finished job made; True when ``surface`` is new."""
        job = self._job
        if job is None or not job.done:
            return False
        self._job = None
        drawing, self._drawing = self._drawing, False
        if job.error is not None:
            self.problem = self._words(job.error)
            return False
        if not drawing:
            global _last
            self.chronicle = job.result
            _last = (self._key, self.chronicle)
            self._next()
            return False
        rgba, got, count, asked = job.result
        self.surface = pygame.image.frombuffer(rgba, got, "RGBA").copy()
        self.count = count
        self._drawn_for = asked
        self._next()                      # a newer size asked for meanwhile
        return True

    @staticmethod
    def _words(exc: BaseException) -> str:
        from game.report.series import ReplayError
        if isinstance(exc, ReplayError):
            return f"The charts of the whole war cannot be drawn: {exc}."
        if isinstance(exc, ImportError):
            return "The charts of the whole war need matplotlib, which is not installed."
        log = log_exception(exc)
        return f"The charts of the whole war could not be drawn ({exc.__class__.__name__}); details in {log}."
