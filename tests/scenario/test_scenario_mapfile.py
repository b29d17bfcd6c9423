"""Reading the map file: caching, and clear messages for a missing or damaged file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from scenario_fixtures import fixture_mapdata

from game.scenario import mapfile
from game.scenario.mapfile import MapFileError, board_from_data, clear_cache, load_board
from game.scenario.problems import ScenarioError


def test_load_and_cache(tmp_path: Path):
    path = tmp_path / "map.json"
    path.write_text(json.dumps(fixture_mapdata()))
    clear_cache()
    board = load_board(path)
    assert board.cols == 8 and "seoul" in board.places
    assert load_board(path) is board
    assert load_board(str(path)) is board
    clear_cache()
    assert load_board(path) is not board


def test_missing_file(tmp_path: Path):
    with pytest.raises(ScenarioError, match=r"is missing; rebuild it with: python -m game.tools.build_map"):
        load_board(tmp_path / "nope.json")      # a ScenarioError, so callers need catch only one kind


def test_garbled_file(tmp_path: Path):
    path = tmp_path / "map.json"
    path.write_text('{"cols": 3,\n "rows": ')
    with pytest.raises(MapFileError) as exc:
        load_board(path)
    (problem,) = exc.value.problems
    assert problem.line == 2 and problem.message.startswith("the map file is not valid JSON")
    assert str(problem).startswith(f"{path}:2: the map file is not valid JSON")
    path.write_text("[1, 2]")
    with pytest.raises(MapFileError, match="expected a JSON object"):
        load_board(path)
    path.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(MapFileError, match="cannot be read"):
        load_board(path)


def test_map_dict_with_missing_or_bad_parts():
    data = fixture_mapdata()
    del data["terrain"]
    with pytest.raises(MapFileError, match="lacks terrain"):
        board_from_data(data)
    data = fixture_mapdata()
    data["terrain"][0] = "..cXhhm."
    with pytest.raises(MapFileError, match="is damaged"):
        board_from_data(data)


def test_no_cache_leak_between_paths(tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(fixture_mapdata()))
    data = fixture_mapdata()
    data["places"] = data["places"][:1]
    b.write_text(json.dumps(data))
    assert len(load_board(a).places) == 7 and len(load_board(b).places) == 1
    mapfile.clear_cache()


def _map_text(**changes) -> str:
    data = fixture_mapdata()
    data.update(changes)
    return json.dumps(data)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("make, message", [
    (lambda p: os.mkfifo(p), "the map file cannot be read: it is not a regular file (a pipe, device or socket)"),
    (lambda p: p.mkdir(), "the map file cannot be read: it is a directory, not a file"),
    (lambda p: p.symlink_to("/dev/zero"), "the map file cannot be read: it is not a regular file"),
    (lambda p: os.truncate(p.touch() or p, 94 * 1024 * 1024),
     "the map file cannot be read: it is 94 MB; the limit is 8.0 MB"),
    (lambda p: p.write_text("[" * 100_000 + "]" * 100_000), "the map file is not a map (maximum recursion depth"),
    (lambda p: p.write_text(_map_text(hex_km=float("nan"))), "the map file is not a map (NaN is not a number"),
    (lambda p: p.write_text(_map_text(cols=10**9)), "the map file is damaged (cols must be a whole number from 1"),
    (lambda p: p.write_text(_map_text(rows="9" * 5000)), "the map file is damaged (rows must be a whole number from 1"),
], ids=["fifo", "directory", "dev-zero", "oversized", "deep", "nan", "huge-cols", "text-rows"])
def test_a_hostile_map_file_is_refused_at_once_in_words(tmp_path, make, message):
    """Issue 10: every file the game reads is bounded -- the map too (a pipe hung, /dev/zero filled memory)."""
    path = tmp_path / "map.json"
    make(path)
    with pytest.raises(MapFileError) as info:
        mapfile.board_from_file(path)
    (problem,) = info.value.problems
    assert problem.message.startswith(message) and problem.message.endswith(mapfile.REBUILD_HINT)
