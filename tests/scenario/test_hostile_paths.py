"""Hostile paths given as a scenario: each is refused at once, saying what the path is (issue 10, section 1).

A FIFO, a directory, a link to /dev/zero, a link loop and an oversized file named ``x.yaml`` -- through
``python -m game validate`` (in-process, as a player runs it), through ``load_scenario`` by path and by id, and
in the scenarios folder the chooser lists.  Every test is bounded by a timeout (a hang fails it); none asserts
on time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import game.scenario.loader as loader
from game.__main__ import main
from game.scenario.loader import SCENARIO_LIMIT, load_scenario, scenario_ids
from game.scenario.problems import ScenarioError

pytestmark = pytest.mark.timeout(20)

#: Each hostile kind: (maker, the reason a player reads).
KINDS = {
    "fifo": (lambda p: os.mkfifo(p), "is not a regular file (a pipe, device or socket)"),
    "directory": (lambda p: p.mkdir(), "is a directory, not a file"),
    "dev-zero": (lambda p: p.symlink_to("/dev/zero"), "is not a regular file (a pipe, device or socket)"),
    "link-loop": (lambda p: p.symlink_to(p.name), "cannot be read (Too many levels of symbolic links)"),
    # A sparse 94 MB file: refused on its size, before a byte is read.
    "oversized": (lambda p: _sparse(p, 94 * 1024 * 1024), "is 94 MB; the limit is 2.0 MB"),
}


def _sparse(path: Path, size: int) -> None:
    with open(path, "wb") as fh:
        fh.truncate(size)


def make(kind: str, directory: Path, name: str = "x.yaml") -> Path:
    path = directory / name
    KINDS[kind][0](path)
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_validate_names_what_the_path_is(kind, tmp_path, capsys):
    path = make(kind, tmp_path)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: {KINDS[kind][1]}" in err
    assert "no such scenario file" not in err and "Traceback" not in err


@pytest.mark.parametrize("kind", KINDS)
def test_load_scenario_by_path_refuses_with_the_reason(kind, tmp_path):
    path = make(kind, tmp_path)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (problem,) = info.value.problems
    assert problem.message == KINDS[kind][1] and problem.file.endswith("x.yaml")


def test_the_size_limit_is_well_above_the_real_scenarios():
    largest = max(p.stat().st_size for p in loader.SCENARIOS_DIR.glob("*.yaml"))
    assert largest * 10 < SCENARIO_LIMIT


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A scenarios folder of one good scenario and every hostile kind, as the game lists it."""
    good = (loader.SCENARIOS_DIR / "tutorial.yaml").read_text(encoding="utf-8")
    (tmp_path / "tutorial.yaml").write_text(good, encoding="utf-8")
    for kind in KINDS:
        make(kind, tmp_path, f"{kind}.yaml")
    monkeypatch.setattr(loader, "SCENARIOS_DIR", tmp_path)
    return tmp_path


def test_the_listing_skips_what_is_not_a_file_without_opening_it(folder):
    assert scenario_ids() == ["oversized", "tutorial"]


@pytest.mark.parametrize("kind", KINDS)
def test_an_id_naming_a_hostile_entry_is_refused_with_the_reason(kind, folder):
    with pytest.raises(ScenarioError) as info:
        load_scenario(kind)
    (problem,) = info.value.problems
    assert problem.message == KINDS[kind][1] and problem.file.endswith(f"{kind}.yaml")
