"""run_study's cancel hook (issue 12 §5): a window's Cancel stops a study between results, on one process or on
a pool (the default start, or forkserver), and keeps the runs that finished; without it, the pool's results are
those of one process, byte for byte."""

from __future__ import annotations

import json
import threading

import pytest

from game.scenario.loader import load_scenario
from game.session.runpool import Study, run_study


@pytest.fixture(scope="module")
def study() -> Study:
    sc = load_scenario("tutorial")
    # Thirty one-turn games: a pool busy on a loaded machine may finish a few after the Cancel, never all.
    return Study(str(sc.path), 30, 1950, "ai:historical:normal", 1)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("jobs, method", [(1, None), (2, None), (2, "forkserver")])
def test_cancel_stops_the_study_and_keeps_what_finished(study, jobs, method):
    cancel = threading.Event()
    seen: list[int] = []

    def one(result: dict) -> None:
        seen.append(result["run"])
        cancel.set()                      # Cancel pressed as the first run comes back
    results, interrupted = run_study(study, jobs, one, cancel=cancel, start_method=method)
    assert interrupted                    # (the timeout above is the guard against a hang; tests never time)
    assert 1 <= len(results) < study.runs and [r["run"] for r in results] == sorted(seen)


@pytest.mark.timeout(120)
def test_a_cancel_never_set_changes_nothing(study):
    alone, stopped = run_study(study, 1)
    pooled, stopped2 = run_study(study, 2, cancel=threading.Event(), start_method="forkserver")
    assert not stopped and not stopped2
    assert json.dumps(alone, sort_keys=True) == json.dumps(pooled, sort_keys=True)
