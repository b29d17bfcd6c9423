"""Broken scenario files: each must be refused with exactly the problems its comments announce.

A file in tests/scenario/broken/ marks each expected problem with a comment on
the offending line::

    attack: six   # expect: units[0].attack: expected a whole number from 0 to 20; got 'six'

(``FIELD: TEXT``: the problem's field, and a fragment of its message; an empty
field means the whole file).  ``# expect-anywhere:`` matches a problem on any
line, or on none.  The file must yield exactly as many problems as it has marks,
so "all problems at once" is tested by every file with several marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from scenario_fixtures import BROKEN_DIR

from game.scenario.loader import read_problems
from game.scenario.problems import Problem

_MARK = re.compile(r"#\s*expect(-anywhere)?:\s*")


@dataclass(frozen=True)
class Expect:
    line: int | None          # None: any line
    field: str
    fragment: str

    def matches(self, p: Problem) -> bool:
        return (self.line is None or p.line == self.line) and p.field == self.field and self.fragment in p.message


def expectations(path: Path) -> list[Expect]:
    out = []
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        parts = _MARK.split(line)
        # parts: [before, flag, mark, flag, mark, ...]
        for flag, mark in zip(parts[1::2], parts[2::2]):
            field, _, fragment = mark.partition(": ")
            out.append(Expect(None if flag else number, field.strip(), fragment.strip()))
    return out


BROKEN = sorted(BROKEN_DIR.glob("*.yaml"))


def test_there_are_broken_files():
    names = {p.stem for p in BROKEN}
    assert {"unknown-top-key", "unknown-unit-field", "wrong-type", "bool-for-int", "bad-date", "unknown-seat",
            "unknown-place", "hex-off-map", "hex-at-sea", "duplicate-unit-id", "nation-not-of-seat", "stacking",
            "syntax-error", "duplicate-key", "wrong-id", "missing-field", "empty", "list-not-mapping",
            "three-errors"} <= names


@pytest.mark.timeout(60)      # the hostile-* files (issue 10) must be refused, not parsed for minutes
@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_reports_exactly_its_problems(path: Path, board):
    expected = expectations(path)
    assert expected, f"{path.name} has no '# expect:' marks"
    _, _, problems = read_problems(path, board)
    listing = "\n".join(str(p) for p in problems)
    unmatched = list(problems)
    for e in expected:
        hit = next((p for p in unmatched if e.matches(p)), None)
        assert hit is not None, f"{path.name}: no problem matches {e}\ngot:\n{listing}"
        unmatched.remove(hit)
    assert not unmatched, f"{path.name}: unexpected problems:\n" + "\n".join(str(p) for p in unmatched)
    for p in problems:
        assert p.file.endswith(path.name)
        assert str(p).startswith(p.file)


def test_three_errors_are_reported_together(board):
    _, _, problems = read_problems(BROKEN_DIR / "three-errors.yaml", board)
    assert len(problems) == 3
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_problem_text_format(board):
    _, _, problems = read_problems(BROKEN_DIR / "unknown-seat.yaml", board)
    (p,) = problems
    assert str(p).endswith("broken/unknown-seat.yaml:18: units[0].seat: expected one of red, rok, un; got 'uk'")
