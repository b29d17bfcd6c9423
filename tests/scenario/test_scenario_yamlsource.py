"""YAML -> plain values with line numbers (game.scenario.yamlsource)."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from scenario_fixtures import nodes

from game.scenario.problems import INVALID
from game.scenario.yamlcompose import MAX_VALUES
from game.scenario.yamlsource import parse_yaml

TEXT = """\
format: 1
meta:
  id: x
  start: 1950-06-25
units:
  - id: a
    seat: rok
  - {id: b, seat: un}
  -
    id: c
"""


def test_values_and_lines():
    doc = parse_yaml(TEXT, "x.yaml")
    assert doc.ok
    assert doc.data == {"format": 1, "meta": {"id": "x", "start": date(1950, 6, 25)},
                        "units": [{"id": "a", "seat": "rok"}, {"id": "b", "seat": "un"}, {"id": "c"}]}
    assert doc.lines[()] == 1
    assert doc.lines[("format",)] == 1
    assert doc.lines[("meta",)] == 2
    assert doc.lines[("meta", "start")] == 4
    assert doc.lines[("units",)] == 5
    assert doc.lines[("units", 0)] == 6
    assert doc.lines[("units", 0, "seat")] == 7
    assert doc.lines[("units", 1)] == 8
    assert doc.lines[("units", 1, "seat")] == 8
    assert doc.lines[("units", 2, "id")] == 10
    # a path without its own line falls back to its nearest ancestor
    assert doc.line(("units", 1, "nation")) == 8
    assert doc.line(("nothing", "here")) == 1


def test_keys_stay_text():
    doc = parse_yaml("no: 1\n1950-06-25: x\n3: y\ntrue: z\n")
    assert doc.data == {"no": 1, "1950-06-25": "x", "3": "y", "true": "z"}


def test_duplicate_key_is_a_problem_with_both_lines():
    doc = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", "d.yaml")
    (p,) = doc.problems
    assert (p.line, p.field) == (4, "b.c")
    assert "duplicate key 'c' (first given on line 3)" in p.message
    assert doc.data == {"a": 1, "b": {"c": 1}}


def test_syntax_error_reports_its_line():
    doc = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "s.yaml")
    (p,) = doc.problems
    assert p.line == 3 and "YAML syntax error" in p.message and "line 2" in p.message
    assert doc.data is None
    doc = parse_yaml("a:\n  b: 1\n   c: 2\n")
    assert doc.problems[0].line == 3


def test_several_documents_are_refused():
    doc = parse_yaml("a: 1\n---\nb: 2\n")
    assert doc.problems and doc.problems[0].line == 2


def test_bad_date_becomes_invalid():
    doc = parse_yaml("d: 1950-02-30\ne: 1950-06-25\n")
    assert doc.data == {"d": INVALID, "e": date(1950, 6, 25)}
    (p,) = doc.problems
    assert p.line == 1 and p.field == "d" and "not a valid date" in p.message


def test_unsafe_and_custom_tags_are_refused():
    doc = parse_yaml("a: !!python/object/apply:os.system [echo hi]\nb: !custom x\nc: !!binary aGk=\n")
    assert {p.field for p in doc.problems} == {"a", "b", "c"}
    assert all("unsupported YAML tag" in p.message for p in doc.problems)
    assert doc.data["b"] is INVALID and doc.data["c"] is INVALID


def test_merge_keys_and_their_lines():
    doc = parse_yaml("base: &b\n  x: 1\n  y: 2\nu:\n  <<: *b\n  y: 3\n")
    assert doc.ok
    assert doc.data["u"] == {"y": 3, "x": 1}
    assert doc.lines[("u", "x")] == 2        # the anchor's line
    assert doc.lines[("u", "y")] == 6        # the explicit key wins, with its own line


def test_recursive_alias_is_a_problem():
    doc = parse_yaml("a: &x [1, *x]\n")
    assert any("recursive" in p.message for p in doc.problems)


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    doc = parse_yaml("\n".join(lines) + "\n")
    assert any(f"more than {MAX_VALUES}" in p.message for p in doc.problems)


def test_empty_text():
    doc = parse_yaml("# only a comment\n")
    assert doc.ok and doc.data is None


# -- property: the same values as PyYAML's safe loader, and a line for every path --------

KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
SCALARS = (st.integers(-10**6, 10**6) | st.booleans() | st.none() | st.dates()
           | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
           | st.floats(allow_nan=False, allow_infinity=False))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
                      max_leaves=25)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(KEYS, VALUES, min_size=1, max_size=5), st.booleans())
def test_parse_matches_safe_load(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
    doc = parse_yaml(text)
    assert doc.ok, doc.problems
    assert doc.data == yaml.safe_load(text)
    lines = text.splitlines()
    for path, _ in nodes(data):
        line = doc.line(path)
        assert line is not None and 1 <= line <= len(lines)
        if path and isinstance(path[-1], str) and not flow:
            assert path[-1] in lines[doc.lines[path] - 1]
