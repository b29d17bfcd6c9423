"""A Monte Carlo study's runs on a pool of processes, with the same report whatever the number of processes.

Contract:

* ``Study`` says what to play: a scenario (by its path, so a worker can load it), the seed, the agents, the
  policies (as their texts: a worker reads them again against its own copy of the scenario), the turns.
* ``run_study(study, jobs, on_result)`` plays runs 0..runs-1 and returns ``(results, interrupted)``.
  Each run's seed comes from the study's seed and its index (game/session/simulate.py run_game), so the
  results, sorted by run, are byte-identical for any ``jobs``.  ``on_result(result)`` is called in the
  parent as each run finishes, in the order they finish (a progress bar).
* Ctrl+C (KeyboardInterrupt) stops the study: the runs in flight are dropped, the finished ones returned with
  ``interrupted`` True.  Workers ignore SIGINT, so only the parent sees it and no worker prints a traceback.
* ``run_study(..., cancel=event)``: a ``threading.Event`` a window sets to stop the study (its Cancel button).  It
  is looked at between results, and at least every ``CANCEL_POLL`` seconds while runs are in flight; once set,
  the pool is terminated and the study ends as Ctrl+C ends it (finished runs returned, ``interrupted`` True).
* ``run_study(..., start_method="forkserver")``: how the pool's workers start (default: fork where there is one
  and this process runs no other thread, else forkserver where there is one, else spawn).  A window that runs the
  study from a thread of its own asks for forkserver, so no worker is forked from a process with a window and
  threads in it.
* ``run_study(..., cluster=c)`` hands the study to a Dask cluster instead (game/session/dask_pool.py Cluster.run,
  the same contract); this module never imports Dask.
* A study with a ``scenario_hash`` is played only on the scenario file with that content: a worker elsewhere (a
  cluster) that finds another version of the file raises ScenarioMismatch rather than play another game.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

#: How often (seconds) a cancel event is looked at while the pool's runs are in flight.
CANCEL_POLL = 0.1
#: What a forkserver preloads, so each worker it forks starts with the engine and the AI imported.
PRELOAD = ["game.session.runpool", "game.session.simulate"]

#: A worker's loaded scenarios and policies, by study key: loading is the slow part of a short run.
_CACHE: dict[tuple, tuple] = {}


@dataclass(frozen=True)
class Study:
    scenario_path: str
    runs: int
    seed: int
    agent: str | dict[str, str] = "random"
    turns: int | None = None
    policies: tuple[str, ...] = ()
    save_dir: str | None = None
    #: sha256 of the scenario file the study means ('' when it is the one this process loads: a pool's).
    scenario_hash: str = ""

    def key(self) -> tuple:
        return (self.scenario_path, self.policies)


class ScenarioMismatch(RuntimeError):
    """A worker's copy of the study's scenario is not the file the study was asked on."""


def prepared(study: Study):
    """The scenario and its policies grouped by seat, loaded once a process; ScenarioMismatch if the study names
    a content hash and the file here has another."""
    got = _CACHE.get(study.key())
    if got is None:
        from game.scenario.loader import load_scenario

        from .policies import by_seat, parse_policies
        scenario = load_scenario(study.scenario_path)
        got = (scenario, by_seat(scenario, parse_policies(scenario, study.policies)))
        _CACHE[study.key()] = got
    if study.scenario_hash and got[0].content_hash != study.scenario_hash:
        raise ScenarioMismatch(f"this worker's {study.scenario_path} is another version of the scenario than the "
                               "one the study was started on; install the same version of the game everywhere")
    return got


def play_run(study: Study, index: int) -> dict:
    """Run ``index`` of ``study``, here (a worker calls it; so does ``jobs=1``)."""
    from .simulate import run_game
    scenario, policies = prepared(study)
    folder = Path(study.save_dir) if study.save_dir else None
    return run_game(scenario, index, study.seed, study.agent, study.turns, policies, folder)


def _job(args: tuple[Study, int]) -> dict:
    return play_run(*args)


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_study(study: Study, jobs: int = 1, on_result: Callable[[dict], None] | None = None,
              cluster=None, cancel: threading.Event | None = None,
              start_method: str | None = None) -> tuple[list[dict], bool]:
    if cluster is not None:
        return cluster.run(study, on_result)
    results: list[dict] = []
    interrupted = False

    def take(result: dict) -> None:
        results.append(result)
        if on_result:
            on_result(result)

    def cancelled() -> bool:
        return cancel is not None and cancel.is_set()
    if jobs <= 1 or study.runs <= 1:
        try:
            for i in range(study.runs):
                if cancelled():
                    interrupted = True
                    break
                take(play_run(study, i))
        except KeyboardInterrupt:
            interrupted = True
    else:
        pool = _pool(start_method, min(jobs, study.runs))
        try:
            got = pool.imap_unordered(_job, [(study, i) for i in range(study.runs)], chunksize=1)
            left = study.runs
            while left:
                if cancelled():
                    raise KeyboardInterrupt
                try:
                    # A timeout only when someone may cancel: the loop then looks at the event between waits.
                    result = got.next(CANCEL_POLL) if cancel is not None else next(got)
                except multiprocessing.TimeoutError:
                    continue
                take(result)
                left -= 1
            pool.close()
        except KeyboardInterrupt:
            interrupted = True
            pool.terminate()
        finally:
            pool.join()
    results.sort(key=lambda r: r["run"])
    return results, interrupted


def _pool(start_method: str | None, processes: int):
    """A pool of ``processes`` workers started by ``start_method`` (default: fork where there is one and no other
    thread runs here - workers start at once, with the parent's loaded modules; else forkserver, else spawn)."""
    methods = multiprocessing.get_all_start_methods()
    if start_method not in methods:
        # A forked child inherits the locks other threads held at the fork, and hangs on the first it needs: after a
        # Dask client had run in the same process (its event-loop threads stay), a forked pool never answered.
        if "fork" in methods and threading.active_count() == 1:
            start_method = "fork"
        else:
            start_method = "forkserver" if "forkserver" in methods else "spawn"
    ctx = multiprocessing.get_context(start_method)
    if start_method == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    return ctx.Pool(processes, initializer=_quiet_worker)
