"""Hostile scenario content too big to keep as a file: each refused, quickly and for the right reason (issue 10).

The files are written from the real tutorial scenario into a temporary folder and checked as ``validate`` checks
them (against the game's map).  A 50 MB file is refused on its size; an alias bomb, a two-megabyte flat list and
100,000 nested brackets while they are parsed (the last crashed the process in libyaml's composer); a
million-character title on its length.  Each test is bounded by a timeout -- a hang or a minute of parsing fails
it -- and none asserts on time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.__main__ import main
from game.files import MB, size_words
from game.paths import SCENARIOS_DIR
from game.scenario.loader import check_scenario
from game.scenario.yamlcompose import MAX_DEPTH, MAX_VALUES

pytestmark = pytest.mark.timeout(30)

TUTORIAL = (SCENARIOS_DIR / "tutorial.yaml").read_text(encoding="utf-8")


def write(tmp_path: Path, text: str, name: str = "tutorial.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" if p.field else f"{p.line}: {p.message}"
            for p in check_scenario(path)]


def test_a_50_mb_scenario_is_refused_on_its_size(tmp_path):
    flags = "".join(f"  f{i}: {i}\n" for i in range(2_900_000))     # values, not a comment: 50 MB to parse
    path = write(tmp_path, TUTORIAL + "flags:\n" + flags)
    assert path.stat().st_size > 50 * MB
    assert problems_of(path) == [f"None: is {size_words(path.stat().st_size)}; the limit is 2.0 MB"]


def test_an_alias_bomb_is_refused_while_it_is_parsed(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]     # 9**10 values
    path = write(tmp_path, TUTORIAL + "bomb:\n" + "".join(f"  {line}\n" for line in lines))
    line = TUTORIAL.count("\n") + 6       # the first list past the limit: a4, 9**5 values
    assert problems_of(path) == [
        f"{line}: refused: the file expands to more than {MAX_VALUES} values here (anchors and aliases count each "
        "time they are used); a scenario needs far fewer"]


def test_a_flat_list_of_600000_values_stops_at_the_limit(tmp_path):
    path = write(tmp_path, "format: [" + ", ".join(["0"] * 600_000) + "]\n")
    assert path.stat().st_size < 2 * MB
    (problem,) = problems_of(path)
    assert problem.startswith(f"1: refused: the file expands to more than {MAX_VALUES} values")


def test_deep_nesting_is_refused_not_a_crash(tmp_path, capsys):
    path = write(tmp_path, "format: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert problems_of(path) == [
        f"1: refused: lists and mappings nest more than {MAX_DEPTH} deep here; a scenario needs far fewer levels"]
    # Through the command line too: libyaml's composer ended the process with a segmentation fault.
    assert main(["validate", str(path)]) == 1
    assert "nest more than" in capsys.readouterr().err


@pytest.mark.parametrize("old, new, expected", [
    ('title: "Tutorial: Across the Parallel"', "title: " + "T" * 1_000_000,
     "meta.title: expected text of at most 120 characters; got 1000000 characters"),
    ('name: "19th Infantry Division"', "name: " + "N" * 100_000,
     "units[0].name: expected text of at most 80 characters; got 100000 characters"),
    ("format: 1", "format: " + "9" * 5000,
     "format: expected a number of at most 40 characters; got one 5000 characters long (999999999999...)"),
], ids=["million-character-title", "100000-character-unit-name", "5000-digit-number"])
def test_huge_text_and_numbers_are_refused_with_their_size(tmp_path, old, new, expected):
    assert old in TUTORIAL
    path = write(tmp_path, TUTORIAL.replace(old, new, 1))
    found = problems_of(path)
    assert [p.split(": ", 1)[1] for p in found] == [expected]
    assert all(len(p) < 300 for p in found)         # never the value echoed whole


def test_a_region_of_40000_places_is_compiled_quickly(tmp_path):
    # It walked 111 million hexes (over a minute of validate); the timeout fails a return of that.
    places = ", ".join(["seoul"] * 40_000)
    path = write(tmp_path, TUTORIAL + f"regions:\n  blob: {{places: [{places}], radius: 30}}\n")
    assert problems_of(path) == []


def test_two_hundred_seats_are_refused(tmp_path):
    seat = '  - {id: un, name: "UN Command", bloc: un, nations: [us, uk]}\n'
    more = "".join(f"  - {{id: s{i}, name: Seat {i}, bloc: un, nations: [n{i}]}}\n" for i in range(200))
    assert seat in TUTORIAL
    path = write(tmp_path, TUTORIAL.replace(seat, seat + more))
    assert [p.split(": ", 1)[1] for p in problems_of(path)] == ["seats: expected at most 8 entries; got 203"]


def test_more_than_a_thousand_units_are_refused(tmp_path):
    # 1,002 more units, two on each of 501 hexes of the DPRK (stacking allows three): every one valid alone.
    from game.engine.board import Country
    from game.scenario.mapfile import load_board
    board = load_board()
    land = [board.hex_at(i) for i in range(board.size)
            if board.is_land(i) and int(board.country[i]) == int(Country.DPRK)][:501]
    extra = "".join(f"  - {{id: x{i}, name: X {i}, template: kpa_worn, at: [{h.q}, {h.r}]}}\n"
                    for i, h in enumerate(land + land))
    path = write(tmp_path, TUTORIAL.replace("units:\n", "units:\n" + extra, 1))
    assert [p.split(": ", 1)[1] for p in problems_of(path)] == [
        "units: 1011 units (at the start and arriving); a scenario has at most 1000 (the whole war, 1950-invasion, "
        "has 111)"]
