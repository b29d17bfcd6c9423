"""Reading the map file: caching, and clear messages for a missing or damaged file."""

from __future__ import annotations

import json
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
