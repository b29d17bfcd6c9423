"""A what-if study played behind the window: what-ifs A and B on the same seeds, on a pool of processes.

Contract: ``StudyRun(scenario, runs, a, b, jobs, sizes, scale, turns=None, high_contrast=False)`` starts at
once.  A daemon thread (game/ui/background.py Job) plays study A, then study B (the same seed, so run i of each
starts alike, as ``compare`` does), every seat played by ``AGENT``, on ``jobs`` processes started by a forkserver
(game/session/runpool.py); the thread only collects results, so the window keeps its frame rate.  While it
runs, ``done`` of ``total`` runs, ``rate`` (runs a second) and ``left`` (seconds, None until a run is back) feed
the progress bar.  ``cancel()`` stops it: the pool is ended within a fraction of a second and the state becomes
"cancelled" (what finished is dropped: half a comparison would mislead).  When both are played the same thread
sums them up (game/session/aggregate.py) and draws the outcome chart and the histogram of armistice dates
(game/report/study_charts.py, matplotlib) at ``sizes`` -- RGBA bytes, made into surfaces by the window's thread
-- and the state becomes "done" with ``result`` set; "failed" with ``problem`` in a person's words otherwise.
Policies are checked (``check_policies``) before anything starts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from game.errorlog import log_exception
from game.session.runpool import Study, run_study

from .background import Job
from .study_choices import WhatIf

#: Every seat is the computer, playing as history did at the normal level.
AGENT = "ai:historical:normal"
#: The study's seed: the same for A and B, and for every study, so a class can run one again and get the same.
SEED = 1950


def check_policies(scenario, what_if: WhatIf) -> list:
    """The parsed policies of ``what_if`` (game/session/policies.py); PolicyError in one line if one is bad."""
    from game.session.policies import parse_policies
    return parse_policies(scenario, what_if.policies)


@dataclass
class StudyResult:
    """Both studies: their reports (game/session/simulate.py report), aggregates and the charts' pixels."""

    reports: tuple[dict, dict]
    aggregates: tuple[dict, dict]
    outcomes: tuple[bytes, tuple[int, int]]
    histogram: tuple[bytes, tuple[int, int]]
    seconds: float
    #: The share of Korea's land UN/ROK held at the end, averaged over the runs, under A and under B.
    korea_held: tuple[float, float] = (0.0, 0.0)


class StudyRun:
    def __init__(self, scenario, runs: int, a: WhatIf, b: WhatIf, jobs: int,
                 sizes: tuple[tuple[int, int], tuple[int, int]], scale: float = 1.0, turns: int | None = None,
                 high_contrast: bool = False):
        import threading
        self.scenario, self.runs, self.what_ifs, self.jobs, self.turns = scenario, runs, (a, b), jobs, turns
        self.policies = (check_policies(scenario, a), check_policies(scenario, b))
        self.total = 2 * runs
        self.done = 0
        self.started = time.monotonic()
        self._first_back: float | None = None
        self._stop = threading.Event()
        self.result: StudyResult | None = None
        self.problem: str | None = None
        self._job = Job(self._work, sizes, scale, high_contrast)

    # -- the window's side -------------------------------------------------------------------------------
    @property
    def state(self) -> str:
        """"running", "done", "cancelled" or "failed"."""
        if not self._job.done:
            return "running"
        if self._job.error is not None:
            if self.problem is None:
                log = log_exception(self._job.error)
                self.problem = (f"The study stopped because of an error ({self._job.error.__class__.__name__}); "
                                f"details in {log}.")
            return "failed"
        return "cancelled" if self._job.result is None else "done"

    def poll(self) -> str:
        """The state, with ``result`` taken from the thread once it is done."""
        state = self.state
        if state == "done" and self.result is None:
            self.result = self._job.result
        return state

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread ends (tests; the window polls)."""
        return self._job.wait(timeout)

    @property
    def rate(self) -> float:
        """Runs a second, over the time since the study started."""
        spent = time.monotonic() - self.started
        return self.done / spent if spent > 0 and self.done else 0.0

    @property
    def left(self) -> float | None:
        """Seconds left at the rate so far; None until the first run is back."""
        return (self.total - self.done) / self.rate if self.rate else None

    # -- the thread's side -------------------------------------------------------------------------------
    def _tick(self, _result: dict) -> None:
        self.done += 1                # one writer (this thread); the window only reads it

    def _work(self, sizes, scale: float, high_contrast: bool = False) -> StudyResult | None:
        from game.session.aggregate import aggregate
        from game.session.simulate import land_mask, report
        sc = self.scenario
        reports = []
        for policies in self.policies:
            study = Study(str(sc.path), self.runs, SEED, AGENT, self.turns, tuple(p.text for p in policies))
            results, stopped = run_study(study, self.jobs, self._tick, cancel=self._stop, start_method="forkserver")
            if stopped:
                return None
            reports.append(report(sc, SEED, self.runs, AGENT, self.turns, policies, results))
        import numpy as np

        from game.engine.board import Country
        land = land_mask(sc.board)
        aggs = (aggregate(reports[0], int(land.sum())), aggregate(reports[1], int(land.sum())))
        korea = np.isin(sc.board.country[land], (int(Country.ROK), int(Country.DPRK)))
        held = tuple(float(np.mean(np.asarray(agg["un_share_by_hex"])[korea])) if korea.any() else 0.0
                     for agg in aggs)
        from game.report.study_charts import histogram_rgba, outcomes_rgba
        names = ("A", "B")
        return StudyResult((reports[0], reports[1]), aggs, outcomes_rgba(*aggs, names, sizes[0], scale, high_contrast),
                           histogram_rgba(reports[0], reports[1], names, sizes[1], scale, high_contrast),
                           time.monotonic() - self.started, (held[0], held[1]))
