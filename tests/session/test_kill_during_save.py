"""kill -9 in the middle of a save: the previous save stays whole and loadable, and the hidden temporaries it
leaves are removed at the next start-up -- only ours, only stale, never a save (issue 10)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.session.atomicwrite import STALE_SECONDS, TEMPORARY, clean_stale_temporaries
from game.session.savefile import load_save

#: The child: saves one game over and over under one name (each save's label numbered), saying when it starts.
#: With "stall" it stops inside the write, after the temporary is written and before the rename: the worst
#: moment to be killed, reached for certain.
CHILD = r"""
import os, sys, time
from game.scenario.loader import load_scenario
from game.session import atomicwrite
from game.session.match import Match
from game.session.savefile import write_save
path, stall = sys.argv[1], sys.argv[2] == "stall"
match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
if stall:
    real = os.fsync
    def fsync(fd):
        real(fd)
        print("stalled", flush=True)
        time.sleep(600)
    atomicwrite.os.fsync = fsync
n = 0
print("ready", flush=True)
while True:
    write_save(match, path, label=f"save {n}")
    n += 1
"""


def run_child(path: Path, mode: str) -> subprocess.Popen:
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), mode], stdout=subprocess.PIPE, text=True,
                             cwd=Path(__file__).resolve().parents[2])
    assert child.stdout.readline().strip() == "ready"
    return child


def kill(child: subprocess.Popen) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY.match(p.name))


@pytest.mark.timeout(300)
def test_kill_at_random_moments_leaves_the_previous_save_whole(tmp_path):
    path = tmp_path / "game.json"
    rng = random.Random(10)                      # the kill points vary; the test's run does not
    labels = []
    for trial in range(6):
        child = run_child(path, "loop")
        time.sleep(rng.uniform(0.05, 0.5))
        kill(child)
        match, doc = load_save(path)             # whole and loadable, whatever the child was doing
        assert match.turn == 1 and doc["summary"]["label"].startswith("save ")
        labels.append(doc["summary"]["label"])
    # One more, killed for certain between writing the temporary and renaming it over the save.
    before = path.read_bytes()
    child = run_child(path, "stall")
    assert child.stdout.readline().strip() == "stalled"
    kill(child)
    assert path.read_bytes() == before
    left = temporaries(tmp_path)
    assert left, "the stalled save left no temporary"
    # The next start-up: a fresh temporary (another window saving now) stays; stale ones go; saves stay.
    assert clean_stale_temporaries(tmp_path) == []
    old = time.time() - STALE_SECONDS - 5
    for name in left:
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".other.json.abcdefgh.tmp.keep").write_text("not ours")
    (tmp_path / ".notes.txt.abcdefgh.tmp").write_text("not a save's")
    os.utime(tmp_path / ".notes.txt.abcdefgh.tmp", (old, old))
    assert clean_stale_temporaries(tmp_path) == left
    assert temporaries(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.txt.abcdefgh.tmp", ".other.json.abcdefgh.tmp.keep",
                                                          "game.json"]
    load_save(path)


def test_cleaning_never_touches_a_save_a_link_or_a_folder(tmp_path):
    old = time.time() - 3600
    save = tmp_path / "x.json"
    save.write_text("{}")
    (tmp_path / ".x.json.abcd1234.tmp").symlink_to(save)
    (tmp_path / ".y.json.abcd1234.tmp").mkdir()
    for p in tmp_path.iterdir():
        os.utime(p, (old, old), follow_symlinks=False)
    assert clean_stale_temporaries(tmp_path) == []
    assert clean_stale_temporaries(tmp_path / "missing") == []
    assert len(list(tmp_path.iterdir())) == 3
