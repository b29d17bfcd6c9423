"""The politics sections in scenario files: validation with lines, loading, gated arrivals, the reference.

Broken politics files live in tests/scenario/broken/politics-*.yaml (checked by
test_scenario_broken.py); this module checks the rest: a good file loads into
GameConfig.politics, arrivals gated by flags enter when they should, problems
are reported once and with their lines, and scenarios/README.md documents and
exemplifies every keyword of the vocabulary.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import flags_of
from scenario_fixtures import BROKEN_DIR

from game.engine.actions import EndPhase
from game.engine.api import apply
from game.engine.politics.conditions import CONDITIONS
from game.engine.politics.effects import EFFECTS
from game.engine.units import Location
from game.paths import MAP_FILE, SCENARIOS_DIR
from game.scenario.loader import build_config, load_scenario, read_problems
from game.scenario.politics_compile import compile_politics
from game.scenario.politics_context import ParseContext
from game.scenario.schema import DECISION, POLITICS_SECTIONS, REGION, RULE, SCORING, SECTIONS, TRACK
from game.scenario.validate import validate_text

needs_map = pytest.mark.skipif(not MAP_FILE.is_file(), reason="assets/map/hexmap.json not built yet")
README = SCENARIOS_DIR / "README.md"

POLITICS = """
tracks:
  escalation: {label: Escalation, thresholds: {mig_alley: 40}, idea: escalation_control}
  cohesion: {label: UN cohesion, start: 70}
regions:
  north: {country: DPRK}
  yalu: {border: [DPRK, PRC]}
flags:
  prc_warned: false
rules:
  - id: warning
    when: {near_region: {region: yalu, bloc: un, within: 6}}
    text: China warns.
    effects: [{set_flag: prc_warned}, {track: {name: escalation, add: 10}}]
  - id: enter
    when: {turn: {min: 2}}
    effects: [{set_flag: pva_enter}]
decisions:
  - {id: intervene, seat: red, title: Intervene, when: {flag: prc_warned}, effects: [{set_flag: pva_enter}]}
scoring:
  historical: {ground: {un: 5, communist: 5}, outcome: armistice}
"""

GATED = """arrivals:
  - requires: pva_enter
    delay_days: 7
    at: [3, 0]
    units:
      - {id: pva_gated, name: PVA 114th Division, template: pva_division}
"""


def politics_file(tmp_path: Path, tiny_text: str, extra: str = POLITICS) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(tiny_text.replace("arrivals:\n", GATED) + extra, encoding="utf-8")
    return path


def test_politics_sections_load_into_the_config(tmp_path, board, tiny_text):
    sc = load_scenario(politics_file(tmp_path, tiny_text), board)
    pol = sc.config.politics
    assert [r.id for r in pol.rules] == ["warning", "enter"]
    assert list(pol.decisions) == ["intervene"] and list(pol.tracks) == ["escalation", "cohesion"]
    assert pol.tracks["cohesion"].start == 70 and pol.flags == {"prc_warned": False}
    assert pol.scoring.historical == {"ground": {"un": 5, "communist": 5}, "outcome": "armistice"}
    assert sc.config.extra == ()                       # the politics sections are built, not carried
    gated = next(u for u in sc.units if u.id == "pva_gated")
    assert (gated.location, gated.arrives, gated.requires, gated.delay_days) == (Location.PENDING, None,
                                                                                 "pva_enter", 7)
    assert next(u for u in sc.units if u.id == "us_25").requires is None
    # build_config without a compiled Politics compiles it itself
    assert [r.id for r in build_config(sc.spec, board).politics.rules] == ["warning", "enter"]


def test_a_gated_arrival_enters_after_its_flag_and_delay(tmp_path, board, tiny_text):
    # rule: turn 2 (2 July) sets pva_enter / arrival: requires it, 7 days later / expected: enters on turn 3
    state = load_scenario(politics_file(tmp_path, tiny_text), board).new_game(1)

    def to_turn(state, turn):
        while state.turn < turn:
            state, _ = apply(state, EndPhase())
        return state

    state = to_turn(state, 2)
    assert flags_of(state)["pva_enter"] == "1950-07-02"
    assert state.unit("pva_gated").location is Location.PENDING
    state = to_turn(state, 3)
    assert state.unit("pva_gated").location is Location.MAP       # red moves first: arrived at its seat start


def test_a_scenario_without_politics_has_none(board):
    sc = load_scenario(Path(__file__).parent / "good" / "tiny.yaml", board)
    assert sc.config.politics is None
    assert all(u.requires is None and u.delay_days == 0 for u in sc.units)


def test_problem_text_format(board):
    _, _, problems = read_problems(BROKEN_DIR / "politics-unknown-seat.yaml", board)
    assert str(problems[0]).endswith(
        "broken/politics-unknown-seat.yaml:17: decisions[0].seat: unknown seat 'uk'; expected one of red, rok, un")
    _, _, problems = read_problems(BROKEN_DIR / "politics-unknown-condition.yaml", board)
    assert str(problems[0]).endswith(
        "broken/politics-unknown-condition.yaml:21: rules[0].when.all[0].flg: unknown condition 'flg' "
        "(did you mean 'flag'?); known: all, any, controls, date, flag, front_stable, losses, near_region, not, "
        "seat_active, talks, track, turn, units_in_region, units_north_of, units_south_of")


def test_without_a_board_the_politics_check_is_skipped(tiny_text):
    text = tiny_text + "rules:\n  - {id: x, when: {flg: a}, effects: []}\n"
    result = validate_text(text, "t.yaml", "tiny", board=None)
    assert result.problems == [] and result.politics is None
    # an arrival's flag needs no map: still checked
    text = tiny_text.replace("arrivals:\n", GATED)
    assert [p.message for p in validate_text(text, "t.yaml", "tiny", board=None).problems] == [
        "unknown flag 'pva_enter': no rule or decision sets it and the flags section does not declare it"]


@pytest.mark.parametrize("extra, expected", [
    ("rules: 5\n", ["rules: expected a list; got 5"]),
    ("tracks: {a: 3}\n", ["tracks.a: expected a track (a mapping); got 3"]),
    ("rules:\n  - 5\n", ["rules[0]: expected a rule (a mapping); got 5"]),
    ("tracks:\n  t: {start: x}\nrules:\n  - {id: r, when: {track: {name: t, above: 3}}, effects: []}\n",
     ["tracks.t.start: expected a number from -1000000 to 1000000; got 'x'"]),
    ("rules:\n  - {id: r, when: {date: {from: 1950-02-30}}, effects: []}\n",
     ["rules[0].when.date.from: not a valid date: '1950-02-30' (day is out of range for month)"]),
])
def test_a_mistake_is_reported_once(board, tiny_text, extra, expected):
    result = validate_text(tiny_text + extra, "t.yaml", "tiny", board)
    assert [f"{p.field}: {p.message}" for p in result.problems] == expected


def test_problems_carry_their_lines(board, tiny_text):
    start = tiny_text.count("\n") + 1
    text = tiny_text + "rules:\n  - id: r\n    effects:\n      - {track: {name: nope, add: 1}}\n"
    (p,) = validate_text(text, "t.yaml", "tiny", board).problems
    assert (p.line, p.field) == (start + 3, "rules[0].effects[0].track.name")


@pytest.mark.parametrize("spec, doc, path", [
    (TRACK, {"tracks": {"t": {"zzz": 1}}}, ("tracks", "t", "zzz")),
    (REGION, {"regions": {"r": {"zzz": 1, "country": "ROK"}}}, ("regions", "r", "zzz")),
    (RULE, {"rules": [{"id": "r", "effects": [], "zzz": 1}]}, ("rules", 0, "zzz")),
    (DECISION, {"decisions": [{"id": "d", "seat": "red", "title": "D", "effects": [], "zzz": 1}]},
     ("decisions", 0, "zzz")),
    (SCORING, {"scoring": {"zzz": 1}}, ("scoring", "zzz")),
])
def test_the_schema_lists_the_keys_the_engine_accepts(board, spec, doc, path):
    from game.engine.config import Seat
    seats = (Seat("red", "Red", "communist", ("kpa",)), Seat("un", "UN", "un", ("us",)))
    problems = []
    compile_politics(ParseContext(board, seats, report=lambda p, m: problems.append((p, m))), doc)
    (got,) = [m for p, m in problems if p == path]
    assert got.split("expected one of ")[1].split(", ") == list(spec.keys)


def test_politics_sections_are_optional():
    assert all(not SECTIONS[k].required for k in POLITICS_SECTIONS)


def test_every_flag_the_engine_keeps_is_guarded():
    from game.scenario.politics_compile import ENGINE_FLAGS
    from game.scenario.validate import ENGINE_KEPT
    assert ENGINE_FLAGS <= set(ENGINE_KEPT)


# -- the format reference --------------------------------------------------------------------------

def _politics_part() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Politics"):text.index("### A scenario with politics")]


def _keyword_blocks(kind: str) -> dict[str, list[str]]:
    """keyword -> the yaml blocks under its '#### `keyword`' heading, in the README's Conditions/Effects."""
    part = _politics_part()
    part = part[part.index(f"### {kind}"):]
    part = part[:part.index("\n### ", 1)] if "\n### " in part[1:] else part
    out = {}
    for chunk in re.split(r"\n#### ", part)[1:]:
        key = re.match(r"`([a-z_]+)`", chunk).group(1)
        out[key] = re.findall(r"```yaml\n(.*?)```", chunk, re.S)
    return out


def test_readme_has_a_heading_and_an_example_for_every_keyword():
    for kind, registry in (("Conditions", CONDITIONS), ("Effects", EFFECTS)):
        blocks = _keyword_blocks(kind)
        assert set(blocks) == set(registry), kind
        for key, examples in blocks.items():
            assert examples and all(re.search(rf"\b{key}\b", e) for e in examples), key


#: What the README's examples refer to, defined once: the names of the 1950-53 campaign.
REFERENCE_DOC = yaml.safe_load("""
tracks: {escalation: {}, intervention: {}, cohesion: {}, weariness_un: {}, talks: {}}
regions: {yalu: {border: [DPRK, PRC]}, manchuria: {country: PRC}}
flags: {prc_warned: false, pva_enter: false, prc_stage: neutral}
decisions:
  - {id: intervene, seat: dprk_prc, title: Intervene, effects: []}
  - {id: pow_voluntary_repatriation, seat: un, title: POWs, offered: true, effects: []}
""")


@needs_map
def test_every_politics_example_in_the_readme_compiles():
    from game.scenario.mapfile import load_board
    board = load_board()
    seats = load_scenario("1950-invasion", board).config.seats
    blocks = re.findall(r"```yaml\n(.*?)```", _politics_part(), re.S)
    assert len(blocks) >= 40
    for block in blocks:
        data = yaml.safe_load(block)
        if "when" in data or "chance" in data or "effects" in data:
            data = {"rules": [{"id": "example", "effects": [], **data}]}
        if "arrivals" in data:
            continue
        doc = {**REFERENCE_DOC, **data}
        if "decisions" in data:
            doc["decisions"] = data["decisions"] + [d for d in REFERENCE_DOC["decisions"]
                                                    if d["id"] not in {x["id"] for x in data["decisions"]}]
        problems: list = []
        ctx = ParseContext(board, seats, unit_ids={"us_1st_mar_div", "us_7th_id"},
                           report=lambda p, m: problems.append((p, m)))
        assert compile_politics(ctx, doc) is not None
        assert problems == [], (block, problems)


@needs_map
def test_the_readme_politics_example_loads_and_plays():
    from game.engine.api import start as start_game
    from game.engine.creation import new_state
    from game.scenario.loader import build_units
    from game.scenario.mapfile import load_board
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- example: politics -->\s*```yaml\n(.*?)```", text, re.S).group(1)
    board = load_board()
    result = validate_text(block, "README example", "example", board)
    assert result.problems == []
    assert [r.id for r in result.politics.rules] == ["zhou_warning", "drive_to_the_yalu", "china_must_enter"]
    config = build_config(result.data, board, result.politics)
    state, _ = start_game(new_state(board, config, build_units(result.data, board), 1))
    for _ in range(12):
        state, _ = apply(state, EndPhase())
    assert state.turn == 4 and not state.over
    assert state.unit("pva_38th_army").location is Location.PENDING      # nobody intervened
