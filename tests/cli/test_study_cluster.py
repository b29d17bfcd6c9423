"""simulate --scheduler (issue 11 §3, §5): a LocalCluster of two workers gives the same JSON, byte for byte, as one
process; Dask is imported only when --scheduler is given; without the cluster extra, with an address that is
not one, or with no scheduler answering, --scheduler is one line and exit 2 before a game is played.

The cluster tests need the cluster extra (CI installs it: .ci/run); without it they are skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parents[2]
STUDY = ("simulate", "tutorial", "--runs", "4", "--seed", "9", "--turns", "4", "--agent", "ai:historical:normal",
         "--policy", "rok.rok_march_north=never", "--quiet")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.timeout(180)
def test_a_local_cluster_of_two_workers_gives_the_json_of_one_process(capsys, tmp_path):
    pytest.importorskip("distributed")
    one, cluster = tmp_path / "one.json", tmp_path / "cluster.json"
    code, _, err = run(capsys, *STUDY, "--jobs", "1", "--json", str(one))
    assert code == 0, err
    code, _, err = run(capsys, *STUDY, "--scheduler", "local", "--jobs", "2", "--json", str(cluster))
    assert code == 0, err
    assert "Traceback" not in err
    assert one.read_bytes() == cluster.read_bytes()


@pytest.mark.timeout(60)
def test_an_unreachable_scheduler_is_one_line(capsys, monkeypatch):
    pytest.importorskip("distributed")
    import game.session.runpool as runpool
    monkeypatch.setattr(runpool, "run_study", lambda *a, **k: pytest.fail("a game was played"))
    code, out, err = run(capsys, "simulate", "tutorial", "--scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and err.count("\n") == 1, err
    assert "--scheduler: no dask scheduler answers at tcp://127.0.0.1:1" in err and out == ""


@pytest.mark.timeout(60)
def test_without_the_cluster_extra_scheduler_says_how_to_install_it(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)       # import distributed raises ImportError
    for argv in (("simulate", "tutorial", "--scheduler", "local"),
                 ("compare", "tutorial", "--scheduler", "tcp://127.0.0.1:8786")):
        code, out, err = run(capsys, *argv)
        assert code == 2 and err.count("\n") == 1, err
        assert 'error: --scheduler: install the cluster extra: pip install -e ".[cluster]"' in err and out == ""


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv,words", [
    (("--scheduler", "foo"), "--scheduler: 'foo': give tcp://HOST:PORT"),
    (("--scheduler", "tcp://host:99999"), "--scheduler: 'tcp://host:99999': give tcp://HOST:PORT"),
    (("--scheduler", "tcp://127.0.0.1:8786", "--jobs", "2"), "--jobs: the cluster's workers play the runs"),
])
def test_a_bad_scheduler_argument_is_one_line(argv, words, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)       # refused before Dask is even looked for
    code, out, err = run(capsys, "simulate", "tutorial", *argv)
    assert code == 2 and err.count("\n") == 1 and words in err, err


@pytest.mark.timeout(60)
def test_dask_is_imported_only_with_scheduler():
    code = ("import sys; from game.cli import main; "
            "main(['simulate', 'tutorial', '--runs', '2', '--turns', '1', '--jobs', '2', '--quiet']); "
            "print('dask' in sys.modules or 'distributed' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=50,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "SDL_VIDEODRIVER": "dummy"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "False"
