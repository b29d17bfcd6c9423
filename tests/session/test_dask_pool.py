"""A study on a Dask cluster (game/session/dask_pool.py): a worker killed mid-study loses no run, and the results
are those of one process; a study is bound to its scenario's content, named so that workers elsewhere find it.

The cluster test needs the cluster extra (CI installs it: .ci/run); without it, it is skipped."""

from __future__ import annotations

import json
import os
import signal

import pytest

from game.paths import SCENARIOS_DIR
from game.scenario.loader import load_scenario
from game.session.dask_pool import address_problem, for_workers
from game.session.runpool import ScenarioMismatch, Study, play_run, run_study


@pytest.mark.timeout(180)
def test_a_worker_killed_mid_study_loses_no_run_and_ctrl_c_keeps_what_finished():
    pytest.importorskip("distributed")
    from game.session.dask_pool import open_cluster
    sc = load_scenario("tutorial")
    study = Study(str(sc.path), 8, 5, "ai:historical:normal", turns=4)
    expected, _ = run_study(study, 1)
    killed: list[int] = []
    with open_cluster("local", 2) as cluster:
        client = cluster.client
        pids = client.run(os.getpid)

        def kill_a_busy_worker(_result: dict) -> None:
            # After the first run is back, kill (SIGKILL: no goodbye to the scheduler) a worker playing a run.
            if killed:
                return
            busy = [w for w, tasks in client.processing().items() if tasks and w in pids]
            if busy:
                killed.append(pids[busy[0]])
                os.kill(pids[busy[0]], signal.SIGKILL)
        results, interrupted = cluster.run(for_workers(study, sc.content_hash), kill_a_busy_worker)
        assert killed, "no worker was busy to kill"
        assert not interrupted
        assert [r["run"] for r in results] == list(range(8))
        assert json.dumps(results, sort_keys=True) == json.dumps(expected, sort_keys=True)

        # Ctrl+C (here: during the second result's callback) keeps the two finished runs and cancels the rest.
        seen: list[dict] = []

        def stop_at_two(result: dict) -> None:
            seen.append(result)
            if len(seen) == 2:
                raise KeyboardInterrupt
        results, interrupted = cluster.run(for_workers(study, sc.content_hash), stop_at_two)
        assert interrupted and len(results) == 2
        assert sorted(r["run"] for r in results) == sorted(r["run"] for r in seen)


def test_workers_get_the_game_s_own_scenario_by_id_and_another_by_its_path(tmp_path):
    own = for_workers(Study(str(SCENARIOS_DIR / "tutorial.yaml"), 1, 1), "abc")
    assert own.scenario_path == "tutorial" and own.scenario_hash == "abc"
    mine = tmp_path / "tutorial.yaml"
    mine.write_bytes((SCENARIOS_DIR / "tutorial.yaml").read_bytes())
    other = for_workers(Study(str(mine), 1, 1), "abc")
    assert other.scenario_path == str(mine.resolve())


def test_a_worker_with_another_version_of_the_scenario_refuses_to_play():
    with pytest.raises(ScenarioMismatch, match="another version of the scenario"):
        play_run(Study("tutorial", 1, 1, turns=1, scenario_hash="0" * 64), 0)
    sc = load_scenario("tutorial")
    assert play_run(Study("tutorial", 1, 1, turns=1, scenario_hash=sc.content_hash), 0)["run"] == 0


@pytest.mark.parametrize("text,ok", [("local", True), ("tcp://10.0.0.5:8786", True), ("sched.lan:8786", True),
                                     ("tcp://[::1]:8786", True), ("tcp://host", False), ("host:0", False),
                                     ("http://host:8786", False), ("", False), ("tcp://a b:1", False)])
def test_scheduler_addresses(text, ok):
    assert (address_problem(text) is None) == ok
