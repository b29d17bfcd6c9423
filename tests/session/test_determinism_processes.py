"""Same scenario, same seed, two processes with different PYTHONHASHSEED: byte-identical reports and saves, for
every scenario (issue 10).  A set's or a dict's order that leaked into a rule or the computer's choices would
show here, where a test inside one process cannot see it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.loader import scenario_ids

ROOT = Path(__file__).resolve().parents[2]
#: Turns played: every short scenario to its end or near it, and the campaign well into its first autumn.
TURNS = 12


def simulate(scenario: str, hash_seed: str, folder: Path) -> subprocess.Popen:
    folder.mkdir()
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    command = [sys.executable, "-m", "game", "simulate", scenario, "--runs", "1", "--seed", "11",
               "--turns", str(TURNS), "--agent", "ai:historical:normal", "--json", str(folder / "report.json"),
               "--save-dir", str(folder)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


@pytest.mark.timeout(600)
@pytest.mark.parametrize("scenario", scenario_ids())
def test_two_processes_with_different_hash_seeds_play_the_same_game(scenario, tmp_path):
    runs = {seed: simulate(scenario, seed, tmp_path / f"hash{seed}") for seed in ("1", "4242")}
    for seed, child in runs.items():
        _, err = child.communicate(timeout=540)
        assert child.returncode == 0, err
    one, other = (sorted((tmp_path / f"hash{s}").iterdir()) for s in runs)
    assert [p.name for p in one] == [p.name for p in other] and len(one) == 2     # the report and the save
    for a, b in zip(one, other):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between the processes"
