"""Every value of every real scenario, made hostile, is refused at its own key path (issue 10, section 2).

The attack behind the issue mutated every key of the real scenarios and found NaN and +-inf accepted at 49 key
paths of the politics numbers and mappings accepted where text belongs at 21.  This does the same, for each
kind of key path once (``units[*].attack`` stands for every unit): every number becomes NaN, then infinity;
every text becomes a mapping, then gains a NUL.  Each mutated value must draw a problem at its path, at an
enclosing one (a hex [q, r] is refused whole) or under it (a mapping's unknown key).  All mutations of one kind
are made together and validated once; a path not reported then is tried alone before the test fails, since
one refusal may legitimately hide another (a rule whose chance is wrong is not parsed further).
"""

from __future__ import annotations

import copy
import math
import re
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from scenario_fixtures import nodes

from game.paths import SCENARIOS_DIR
from game.scenario.mapfile import load_board
from game.scenario.problems import format_path
from game.scenario.validate import validate_document
from game.scenario.yamlsource import YamlDocument, parse_yaml

pytestmark = pytest.mark.timeout(120)


def leaves(value: Any) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of every value that is neither a mapping nor a list."""
    return ((p, v) for p, v in nodes(value) if not isinstance(v, (dict, list)))


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def key_paths(pick: Callable[[Any], bool]) -> dict[Path, list[tuple]]:
    """Per scenario file, one path of each kind (indices as [*]) whose value ``pick`` selects; smallest file first."""
    seen: set[str] = set()
    out: dict[Path, list[tuple]] = {}
    for path in sorted(SCENARIOS_DIR.glob("*.yaml"), key=lambda p: p.stat().st_size):
        for where, value in leaves(parse_yaml(path.read_text(encoding="utf-8"), path.name).data):
            kind = re.sub(r"\[\d+\]", "[*]", format_path(where))
            if pick(value) and kind not in seen:
                seen.add(kind)
                out.setdefault(path, []).append(where)
    return out


def put(data: Any, where: tuple, value: Any) -> None:
    for part in where[:-1]:
        data = data[part]
    data[where[-1]] = value


def refused_fields(path: Path, changes: dict[tuple, Any]) -> list[str]:
    doc = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    data = copy.deepcopy(doc.data)
    for where, value in changes.items():
        put(data, where, value)
    result = validate_document(YamlDocument(doc.file, data, dict(doc.lines)), path.stem, load_board())
    return [p.field for p in result.problems]


def reported(where: tuple, fields: list[str]) -> bool:
    """A problem at ``where``, at a path enclosing it, or under it."""
    mine = format_path(where)
    return any(f == mine or mine.startswith(f + ".") or mine.startswith(f + "[") or f.startswith(mine + ".")
               or f.startswith(mine + "[") for f in fields)


NUMBERS = key_paths(is_number)
TEXTS = key_paths(lambda v: isinstance(v, str))
MUTATIONS = {
    "nan": (NUMBERS, lambda v: math.nan),
    "inf": (NUMBERS, lambda v: -math.inf if v < 0 else math.inf),
    "mapping-for-text": (TEXTS, lambda v: {"en": v}),
    "nul-in-text": (TEXTS, lambda v: v + "\0"),
}


def test_the_real_scenarios_cover_the_format():
    kinds = {format_path(w) for paths in NUMBERS.values() for w in paths}
    assert len(kinds) > 150 and sum(len(p) for p in TEXTS.values()) > 200
    assert any(k.startswith("rules[") and "talks_progress" in k for k in kinds)    # the politics numbers too


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_every_key_path_refuses_a_hostile_value(mutation):
    paths_by_file, make = MUTATIONS[mutation]
    missed = []
    for path, paths in paths_by_file.items():
        doc = parse_yaml(path.read_text(encoding="utf-8"), path.name)
        values = dict(leaves(doc.data))
        fields = refused_fields(path, {w: make(values[w]) for w in paths})
        for where in paths:
            if not reported(where, fields) and not reported(where, refused_fields(path, {where: make(values[where])})):
                missed.append(f"{path.name}: {format_path(where)}")
    assert not missed, f"{mutation} accepted at {len(missed)} key paths:\n" + "\n".join(missed)
