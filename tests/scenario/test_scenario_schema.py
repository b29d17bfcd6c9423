"""Value types of the scenario format, with literal expected messages; layering of the package."""

from __future__ import annotations

import ast
import dataclasses
import re
from datetime import date, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from game.engine.config import Parameters
from game.scenario.problems import INVALID, Problem, format_path
from game.scenario.schema import (
    PARAMETERS,
    SECTIONS,
    Choice,
    Day,
    Field,
    Flag,
    HexSpec,
    Ident,
    Int,
    ListOf,
    Position,
    Record,
    Text,
)


def run(spec, value):
    problems: list[str] = []
    out = spec.check(value, ("x",), lambda path, msg: problems.append(f"{format_path(path)}: {msg}"))
    return out, problems


def test_int():
    assert run(Int(1, 4), 3) == (3, [])
    assert run(Int(1, 4), 5) == (INVALID, ["x: expected a whole number from 1 to 4; got 5"])
    assert run(Int(1, 4), True)[1][0].startswith("x: expected a whole number from 1 to 4; got true")
    assert run(Int(1, 4), "3") == (INVALID, ["x: expected a whole number from 1 to 4; got '3' (remove the quotes)"])
    assert run(Int(1, 4), 3.0) == (INVALID, ["x: expected a whole number from 1 to 4; got 3.0"])
    assert run(Int(1, 4), INVALID) == (INVALID, [])          # already reported upstream
    assert run(Int(1, 1), 2) == (INVALID, ["x: expected 1; got 2"])   # the format version


def test_day_text_flag_choice_hex():
    assert run(Day(), date(1950, 6, 25)) == (date(1950, 6, 25), [])
    assert run(Day(), datetime(1950, 6, 25, 4, 0))[0] is INVALID
    assert run(Text(), "")[1] == ["x: expected text; got empty text"]
    assert run(Text(), 12)[1] == ["x: expected text; got 12 (put it in quotes)"]
    assert run(Ident(), "two words")[1] == ["x: expected an id (letters, digits, _ - . and no spaces); got 'two words'"]
    assert run(Flag(), "yes")[1] == ["x: expected true or false; got 'yes'"]
    assert run(Choice(("armour", "infantry")), "armor")[1] == [
        "x: expected one of armour, infantry; got 'armor' (did you mean 'armour'?)"]
    assert run(HexSpec(), [1, -2]) == ([1, -2], [])
    assert run(HexSpec(), [1, True])[0] is INVALID
    assert run(Position(), "japan") == ("japan", [])
    assert run(Position(), [3, 4]) == ([3, 4], [])
    assert run(Position(), {"q": 1})[0] is INVALID


def test_record_reports_unknown_missing_and_defaults():
    rec = Record({"a": Field(Int(0, 9)), "b": Field(Flag(), False), "cc": Field(ListOf(Int(0, 9)), list)})
    out, problems = run(rec, {"a": 1, "bb": 2})
    assert out == {"a": 1, "b": False, "cc": []}
    assert problems == ["x.bb: unknown key 'bb' (did you mean 'b'?)"]
    out, problems = run(rec, {"zzz": 1})
    assert out["a"] is INVALID
    assert problems == ["x.zzz: unknown key 'zzz'; expected one of a, b, cc",
                        "x.a: missing required key 'a'; expected a whole number from 0 to 9"]


def test_parameters_cover_every_engine_parameter():
    assert set(PARAMETERS.fields) == {f.name for f in dataclasses.fields(Parameters)}
    out, problems = run(PARAMETERS, {"stacking": 2, "closed": [["un", "PRC"]], "winter_north_lat": 39})
    assert problems == [] and out == {"stacking": 2, "closed": [["un", "PRC"]], "winter_north_lat": 39.0}


def test_sections_table():
    assert list(SECTIONS)[:4] == ["format", "meta", "calendar", "seats"]
    assert [k for k, f in SECTIONS.items() if f.required] == ["format", "meta", "seats"]


def test_problem_str():
    assert str(Problem("scenarios/x.yaml", 41, "units[3].seat", "expected one of dprk_prc, rok, un; got 'uk'")) == \
        "scenarios/x.yaml:41: units[3].seat: expected one of dprk_prc, rok, un; got 'uk'"
    assert str(Problem("x.yaml", None, "", "the file is empty")) == "x.yaml: the file is empty"


@given(st.integers(), st.integers(0, 20))
def test_int_accepts_exactly_its_range(value, hi):
    out, problems = run(Int(0, hi), value)
    assert (out == value) == (0 <= value <= hi) and bool(problems) == (out is INVALID)


def test_scenario_layer_imports_no_ui_ai_or_pygame():
    package = Path(__file__).resolve().parents[2] / "game" / "scenario"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert not name.startswith(("pygame", "game.ui", "game.ai", "game.session")), (path.name, name)
                assert name not in ("pickle", "marshal"), (path.name, name)


def test_readme_gives_every_parameter_range():
    from game.paths import SCENARIOS_DIR
    from game.scenario.schema import PARAMETER_RANGES
    text = (SCENARIOS_DIR / "README.md").read_text(encoding="utf-8")
    for name, (lo, hi) in PARAMETER_RANGES.items():
        assert re.search(rf"\| `{name}` \| [a-z ]*whole numbers? {lo}-{hi} \|", text), name
