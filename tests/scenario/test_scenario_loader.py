"""Loading scenarios: resolving names, building config and units, fresh deterministic games."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_fixtures import GOOD_DIR

from game.engine.hexes import Hex
from game.engine.units import Location
from game.scenario.loader import (
    arrival_hex,
    check_scenario,
    load_scenario,
    resolve_scenario,
    scenario_ids,
)
from game.scenario.problems import Problem, ScenarioError, ScenarioNotFound
from game.scenario.validate import validate_text

TINY = GOOD_DIR / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny(board):
    return load_scenario(TINY, board)


def test_tiny_config(tiny, board):
    cfg = tiny.config
    assert tiny.id == cfg.scenario_id == "tiny"
    assert [s.id for s in cfg.seats] == ["red", "rok", "un"]
    assert cfg.blocs == ("communist", "un")
    assert cfg.seat("un").nations == ("us", "uk")
    assert cfg.calendar.turn_dates() == (date(1950, 6, 25), date(1950, 7, 2), date(1950, 7, 9), date(1950, 7, 16),
                                         date(1950, 7, 23), date(1950, 7, 30), date(1950, 8, 13), date(1950, 8, 27))
    assert cfg.params.stacking == 2 and cfg.params.winter_months == (12, 1)
    assert cfg.params.sea_bloc == "un"                       # untouched default
    assert cfg.replacement_steps("red") == 1 and cfg.replacement_steps("rok") == 0
    assert [(s.name, s.hex, s.always) for s in cfg.supply_sources] == [
        ("Pusan", Hex(3, 4), True), ("Inchon", Hex(0, 4), False), ("Yalu crossing", Hex(3, 0), True)]
    assert [(v.place, v.hex, v.points) for v in cfg.victory_places] == [("seoul", Hex(3, 3), 5),
                                                                          ("pyongyang", Hex(1, 2), 5)]
    assert tiny.teaching["questions"] == ["Who holds Seoul after four turns?"]
    assert tiny.content_hash == hashlib.sha256(TINY.read_bytes()).hexdigest()
    assert tiny.document["meta"]["id"] == "tiny"


def test_tiny_units(tiny):
    u = {x.id: x for x in tiny.units}
    assert list(u) == ["kpa_1", "kpa_2", "rok_1", "us_24", "us_25", "pva_1", "pva_2"]
    assert (u["kpa_1"].location, u["kpa_1"].hex, u["kpa_1"].attack) == (Location.MAP, Hex(1, 2), 6)
    assert u["kpa_2"].attack == 5 and u["kpa_2"].defence == 4          # own key beats the template's
    assert u["rok_1"].anti_tank is False and u["kpa_1"].anti_tank is True
    assert (u["us_24"].location, u["us_24"].hex) == (Location.JAPAN, None)
    assert (u["us_25"].location, u["us_25"].arrives, u["us_25"].arrives_at) == (Location.PENDING, date(1950, 7, 2),
                                                                                 "pusan")
    assert u["pva_1"].arrives_at == "hex:3,0" and u["pva_1"].hidden and u["pva_1"].infiltrates
    assert u["pva_1"].max_steps == u["pva_1"].steps == 3


def test_arrival_hex(board):
    assert arrival_hex(board, "hex:3,0") == Hex(3, 0)
    assert arrival_hex(board, "hex:-4,16") == Hex(-4, 16)
    assert arrival_hex(board, "pusan") == Hex(3, 4)
    assert arrival_hex(board, "japan") is None and arrival_hex(board, None) is None


def test_new_game_uses_fresh_units(tiny):
    a = tiny.new_game(3)
    b = tiny.new_game(3)
    assert a.checksum() == b.checksum()
    a.steps[a.unit_index("kpa_1")] = 1                 # games share the static setup, never the arrays
    assert b.unit("kpa_1").steps == 3
    assert a.setup is b.setup and a.steps is not b.steps
    assert next(x for x in tiny.units if x.id == "kpa_1").steps == 3


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_same_seed_same_game(board, seed):
    scenario = load_scenario(TINY, board)
    assert scenario.new_game(seed).checksum() == scenario.new_game(seed).checksum()


def test_start_game_returns_events(tiny):
    state, events = tiny.start_game(1)
    assert state.turn == 1 and state.seed == 1
    assert isinstance(events, list)


def test_resolve_by_path_and_id(tmp_path: Path):
    assert resolve_scenario(TINY) == TINY
    (tmp_path / "alpha.yaml").write_text("format: 1\n")
    (tmp_path / "beta.yaml").write_text("format: 1\n")
    (tmp_path / "notes.txt").write_text("x")
    assert scenario_ids(tmp_path) == ["alpha", "beta"]
    assert resolve_scenario("alpha", tmp_path) == tmp_path / "alpha.yaml"
    with pytest.raises(ScenarioNotFound) as exc:
        resolve_scenario("alhpa", tmp_path)
    text = str(exc.value)
    assert "unknown scenario id (did you mean 'alpha'?)" in text and "available: alpha, beta" in text
    with pytest.raises(ScenarioNotFound, match="no such scenario file"):
        resolve_scenario(tmp_path / "missing.yaml")
    with pytest.raises(ScenarioNotFound, match="no such scenario file"):
        resolve_scenario("nowhere/missing.yaml")


def test_real_scenario_ids_include_the_campaign():
    assert "1950-invasion" in scenario_ids()


def test_load_refuses_with_every_problem(tmp_path: Path, board, tiny_text):
    bad = tiny_text.replace("attack: 3", "attack: three").replace("seat: rok\n", "seat: rk\n")
    path = tmp_path / "tiny.yaml"
    path.write_text(bad)
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path, board)
    problems = exc.value.problems
    assert [p.field for p in problems] == ["units[2].seat", "units[2].attack"]
    assert all(isinstance(p, Problem) for p in problems)
    assert str(exc.value).splitlines()[0].endswith("tiny.yaml: 2 problems")
    assert check_scenario(path, board) == problems


def test_meta_id_must_match_file_name(tmp_path: Path, board, tiny_text):
    path = tmp_path / "other.yaml"
    path.write_text(tiny_text)
    (p,) = check_scenario(path, board)
    assert p.field == "meta.id" and "expected 'other'" in p.message


def test_shape_only_validation_without_a_board(tiny_text):
    result = validate_text(tiny_text.replace("at: seoul", "at: nowhere"), "t.yaml", "tiny", board=None)
    assert result.ok                                   # places are not checked without a map
    result = validate_text(tiny_text.replace("steps: 3\n", "steps: 9\n"), "t.yaml", "tiny", board=None)
    assert [p.field for p in result.problems] == ["units[2].steps"]




@pytest.mark.parametrize("make", [
    lambda: ScenarioError([Problem("x.yaml", 3, "meta.id", "expected 'x'"), Problem("x.yaml", 1, "", "bad")]),
    lambda: ScenarioNotFound([Problem("y.yaml", None, "", "no such scenario")]),
    lambda: __import__("game.scenario.mapfile", fromlist=["MapFileError"]).MapFileError("map.json", "truncated", 7),
])
def test_a_scenario_error_crosses_between_processes_whole(make):
    # rule: an error raised in a worker process reaches the parent with its problems (pickled), not as a crash
    import pickle
    err = make()
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and str(back) == str(err) and back.problems == err.problems
    assert back.__dict__ == err.__dict__
