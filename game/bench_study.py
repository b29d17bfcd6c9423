"""The speed of Monte Carlo studies, for ``python -m game bench`` (issue 11 §4); figures, never asserted.

Contract: ``study_figures(quick, out)`` plays a few studies with the normal AI in every seat through the same
pool ``simulate --jobs`` uses (game/session/runpool.py) and returns new bench keys:

* ``study_scenario``, ``study_runs``: the 45-minute scenario timed (the slowest of them with the AI, so "any
  45-minute scenario" holds; tutorial in quick mode) and the runs of each study;
* ``study_runs_per_min_jobs1`` and ``_jobs2``: runs a minute on one process and on two, pool start-up and
  scenario loading included, as a user waits for them; ``study_parallel_efficiency`` = rate2 / (2 * rate1);
  ``study_100_runs_jobs2_s``: 100 runs at the two-process rate;
* ``study_worker_peak_mb``: the largest resident set of a pool worker (getrusage of the children: a forked
  worker counts the pages it shares with its parent), where the platform reports it;
* not in quick mode: ``campaign_study_runs``, ``campaign_runs_per_min_jobs2`` and
  ``campaign_100_runs_jobs2_min``: whole 1950-invasion campaigns, one on each of two processes, extrapolated
  to 100 (a campaign's length varies from run to run, so this is rough).
"""

from __future__ import annotations

import sys
import time
from typing import Callable

#: The slowest 45-minute scenario with the AI in every seat (bench's ai_short_scenario_s names the time).
SLOWEST_SHORT = "stalemate-talks"
AGENT = "ai:historical:normal"


def _rate(scenario_path: str, runs: int, jobs: int, seed: int) -> float:
    """Runs a minute of a study of ``runs`` on ``jobs`` processes."""
    from game.session.runpool import Study, run_study
    t0 = time.perf_counter()
    run_study(Study(scenario_path, runs, seed, AGENT), jobs)
    return runs * 60 / (time.perf_counter() - t0)


def _children_peak_mb() -> float | None:
    try:
        import resource
    except ImportError:                 # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def study_figures(quick: bool, out: Callable[[str], None]) -> dict:
    from game.scenario.loader import load_scenario
    figures: dict = {}
    sid = "tutorial" if quick else SLOWEST_SHORT
    runs = 4 if quick else 8
    path = str(load_scenario(sid).path)
    rate1 = _rate(path, runs, 1, 1)
    rate2 = _rate(path, runs, 2, 1)
    figures.update(study_scenario=sid, study_runs=runs, study_runs_per_min_jobs1=round(rate1, 1),
                   study_runs_per_min_jobs2=round(rate2, 1), study_parallel_efficiency=round(rate2 / (2 * rate1), 3),
                   study_100_runs_jobs2_s=round(100 * 60 / rate2, 1))
    peak = _children_peak_mb()
    if peak is not None:
        figures["study_worker_peak_mb"] = peak
    out(f"a study of {sid}, {AGENT} in every seat, {runs} runs: {rate1:.1f} runs a minute on one process, "
        f"{rate2:.1f} on two (efficiency {figures['study_parallel_efficiency']:.2f}); 100 runs on two: "
        f"{figures['study_100_runs_jobs2_s']:.0f} s; a worker's peak memory "
        f"{'unknown' if peak is None else f'{peak:.0f} MB'}")
    if not quick:
        camp = str(load_scenario("1950-invasion").path)
        rate = _rate(camp, 2, 2, 1)
        figures.update(campaign_study_runs=2, campaign_runs_per_min_jobs2=round(rate, 2),
                       campaign_100_runs_jobs2_min=round(100 / rate, 1))
        out(f"whole campaigns (1950-invasion, {AGENT}), one on each of two processes: {rate:.2f} a minute; "
            f"100 of them about {figures['campaign_100_runs_jobs2_min']:.0f} minutes")
    return figures
