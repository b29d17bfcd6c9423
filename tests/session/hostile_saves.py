"""A corpus of hostile files for the saves folder, each with the words its refusal must hold.

Every case is a real file on disk (never a patched loader): ``make(folder, good)`` writes it beside a good
save of the tutorial and returns its path.  ``stage`` says where it is refused: ``list`` (the load list shows
it greyed with the reason, and it cannot be opened) or ``load`` (the list may show it; opening it is refused).
``words`` are fragments the reason must hold: the field, and the problem in the game's words.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from game.engine.api import snapshot_checksum
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.savecheck import integrity
from game.session.savefile import write_save

SEATS = {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"}


def good_save(folder: Path, name: str = "good.json", seed: int = 1) -> Path:
    """A real save of the tutorial's first turn."""
    match = Match.start(load_scenario("tutorial"), seed, SEATS)
    return write_save(match, folder / name, label="A good game")


def signed(doc: dict, path: Path, rechecksum: bool = False) -> Path:
    """Write ``doc`` with its integrity hash made again (as a careful forger would), optionally the snapshot's
    checksum too."""
    doc = copy.deepcopy(doc)
    if rechecksum:
        doc["final_checksum"] = snapshot_checksum(doc["snapshot"])
    doc.pop("integrity", None)
    doc["integrity"] = integrity(doc)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def edited(change: Callable[[dict], None], rechecksum: bool = False) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        doc = json.loads(good.read_text(encoding="utf-8"))
        change(doc)
        return signed(doc, folder / "edited.json", rechecksum)
    return make


def text(body: str | bytes) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        path = folder / "hostile.json"
        path.write_bytes(body if isinstance(body, bytes) else body.encode())
        return path
    return make


def raw_replace(old: str, new: str, resign: bool = False) -> Callable[[Path, Path], Path]:
    """The good save's text with ``old`` replaced (numbers Python could not even hold as values)."""
    def make(folder: Path, good: Path) -> Path:
        body = good.read_text(encoding="utf-8")
        assert old in body
        path = folder / "raw.json"
        path.write_text(body.replace(old, new, 1), encoding="utf-8")
        return path
    return make


def fifo(folder: Path, good: Path) -> Path:
    os.mkfifo(folder / "pipe.json")
    return folder / "pipe.json"


def directory(folder: Path, good: Path) -> Path:
    (folder / "x.json").mkdir()
    (folder / "x.json" / "inside.json").write_text("{}")
    return folder / "x.json"


def dev_zero(folder: Path, good: Path) -> Path:
    (folder / "zero.json").symlink_to("/dev/zero")
    return folder / "zero.json"


def huge(folder: Path, good: Path) -> Path:
    path = folder / "huge.json"
    with open(path, "wb") as fh:                  # sparse: 94 MB on paper, nothing on the disk
        fh.truncate(94 * 1024 * 1024)
    return path


def dangling(folder: Path, good: Path) -> Path:
    (folder / "gone.json").symlink_to(folder / "nowhere.json")
    return folder / "gone.json"


def nested(depth: int) -> Callable[[Path, Path], Path]:
    return text("[" * depth + "]" * depth)


def set_in(*keys: str, value: object) -> Callable[[dict], None]:
    def change(doc: dict) -> None:
        target = doc
        for k in keys[:-1]:
            target = target[k]
        target[keys[-1]] = value
    return change


def deep_agents(doc: dict) -> None:
    value: object = 1
    for _ in range(300):
        value = [value]
    doc["agents"] = {"un": value}


def drop_seat(doc: dict) -> None:
    del doc["seats"]["un"]


def forged_turn_everywhere(doc: dict) -> None:
    doc["summary"]["turn"] = 99
    doc["snapshot"]["turn"] = 99


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, Path], Path]
    stage: str                       # "list" or "load"
    words: tuple[str, ...]


CASES = [
    # the issue's own
    Case("5000-digit seed", raw_replace('"seed": 1,', '"seed": ' + "9" * 5000 + ","), "list",
         ("seed", "a number 5000 digits long")),
    Case("100,000 nested arrays", nested(100_000), "list", ("nested more than 64 levels",)),
    Case("non-numeric summary.turn", edited(set_in("summary", "turn", value="abc")), "list",
         ("summary.turn", "must be a whole number from 1 to 1000", "'abc'")),
    Case("a save claiming turn 99", edited(set_in("summary", "turn", value=99)), "list",
         ("summary.turn", "the save says 99", "says 1")),
    Case("negative seed", edited(set_in("seed", value=-5)), "list",
         ("seed", "must be a whole number from 0 to")),
    Case("a FIFO", fifo, "list", ("is not a regular file",)),
    Case("a directory named x.json", directory, "list", ("is a directory",)),
    Case("a link to /dev/zero", dev_zero, "list", ("is not a regular file",)),
    Case("a 94 MB file", huge, "list", ("is 94 MB", "the limit is 8.0 MB")),
    # new variants
    Case("a 5000-digit number deep in the snapshot", raw_replace('"turn": 1', '"turn": ' + "7" * 5000), "list",
         ("snapshot.turn", "5000 digits")),
    Case("NaN in the snapshot", raw_replace('"escalation_peak": ', '"escalation_peak": NaN, "x": '), "list",
         ("snapshot.escalation_peak", "'NaN' is not a number")),
    Case("1e999 in the snapshot", raw_replace('"escalation_peak": ', '"escalation_peak": 1e999, "x": '), "list",
         ("snapshot.escalation_peak", "too large")),
    Case("500 nested arrays, under Python's limit", nested(500), "list", ("nested more than 64 levels",)),
    Case("300 nested arrays inside the agents' memory", edited(deep_agents), "list",
         ("agents.un", "nested more than 64 levels")),
    Case("a seed that is text", edited(set_in("seed", value="7")), "list", ("seed", "not '7'")),
    Case("a seed of true", edited(set_in("seed", value=True)), "list", ("seed", "not true")),
    Case("a seat played by an unknown player", edited(set_in("seats", "un", value="skynet")), "list",
         ("seats.un", "must be human, random or ai:PERSONALITY:DIFFICULTY", "'skynet'")),
    Case("a seat played by a number", edited(set_in("seats", "un", value=5)), "list", ("seats.un", "not 5")),
    Case("a NUL in the save's name", edited(set_in("summary", "label", value="bad\x00name")), "list",
         ("summary.label", "control character")),
    Case("a million-character name", edited(set_in("summary", "label", value="x" * 1_000_000)), "list",
         ("summary.label", "1000000 characters long; the limit is 200")),
    Case("a million-character scenario title", edited(set_in("scenario", "title", value="T" * 1_000_000)),
         "list", ("scenario.title", "the limit is 200")),
    Case("a lone surrogate in the name", edited(set_in("summary", "label", value="\ud800")), "list",
         ("summary.label", "invalid character")),
    Case("an unaltered hash over a changed seed", raw_replace('"seed": 1,', '"seed": 2,'), "list",
         ("altered or damaged",)),
    Case("not UTF-8", text(b'{"format": "\xff\xfe"}'), "list", ("is not UTF-8 text (line 1)",)),
    Case("version true", text('{"format": "armistice-save", "version": true}'), "list",
         ("save format version true",)),
    Case("an empty file", text(""), "list", ("damaged or truncated",)),
    Case("a dangling link", dangling, "list", ("no such save file",)),
    Case("handover of 'yes'", edited(set_in("handover", value="yes")), "list", ("handover", "true or false")),
    Case("no seats at all", edited(set_in("seats", value={})), "list", ("seats", "names no seats")),
    # refused by the list against the scenario's calendar and seats (and by the load against the game itself)
    Case("a turn of 99 forged in the snapshot too", edited(forged_turn_everywhere, rechecksum=True), "list",
         ("turn 99", "6 turns")),
    Case("a forged date", edited(set_in("summary", "date", value="1999-01-01")), "list",
         ("summary.date", "'1999-01-01'", "1950-")),
    Case("a forged active seat", edited(set_in("summary", "active_seat", value="un")), "list",
         ("summary.active_seat", "'un'", "'dprk_prc'")),
    Case("a seat the scenario lacks", edited(set_in("seats", "uk", value="human")), "list",
         ("seats.uk", "the scenario has no such seat")),
    Case("a seat left out", edited(drop_seat), "list", ("seats", "no player is named for un")),
    # refused when opened: the list cannot tell without restoring the game
    Case("a snapshot number out of its range", edited(set_in("snapshot", "steps", value=[300] * 3),
                                                      rechecksum=True), "list",
         ("snapshot.steps", "has 3 entries; the scenario needs 9", "cannot be read")),
    Case("an action that is a number", edited(set_in("actions", value=[5])), "load",
         ("actions", "not an action the game knows")),
    Case("a scenario that is not installed", edited(set_in("scenario", "id", value="atlantis")), "load",
         ("scenario.id", "'atlantis' is not installed")),
]


# -- snapshots edited by a careful forger: the checksums made again, so only the ranges can tell -------------
def forged(*keys: object, value: object = None, drop: tuple[str, ...] = ()) -> Callable[[Path, Path], Path]:
    """The good save with ``snapshot[keys...] = value`` (an int key indexes a list), ``drop`` fields deleted from
    the snapshot, and every checksum made again (tests/session/hostile_saves.py ``signed(..., rechecksum=True)``)."""
    def change(doc: dict) -> None:
        target = doc["snapshot"]
        for k in keys[:-1]:
            target = target[k]
        if keys:
            target[keys[-1]] = value
        for name in drop:
            del doc["snapshot"][name]
    return edited(change, rechecksum=True)


def every(name: str, value: object) -> Callable[[Path, Path], Path]:
    """Every entry of the snapshot's list ``name`` set to ``value`` (checksums made again)."""
    def change(doc: dict) -> None:
        doc["snapshot"][name] = [value] * len(doc["snapshot"][name])
    return edited(change, rechecksum=True)


def record_of(n: int, applied: int | None = None) -> Callable[[Path, Path], Path]:
    """The good save (turn 1, no actions) with a record of ``n`` ends of phase, and optionally the snapshot's
    count of applied actions forged to match (checksums made again)."""
    def change(doc: dict) -> None:
        doc["actions"] = [{"type": "end_phase"}] * n
        if applied is not None:
            doc["snapshot"]["actions_applied"] = applied
    return edited(change, rechecksum=True)


#: Unit 0 of the tutorial is on the map (loc 0) at the start; unit 8 is pending (loc 1); the board has 3237 hexes.
FORGED = [
    Case("forged: a hex off the board", forged("hex", 0, value=3237), "list",
         ("snapshot.hex[0] (unit ", "3237 is not a hex of the board (0 to 3236)")),
    Case("forged: a negative hex on the map", forged("hex", 0, value=-2), "list", ("snapshot.hex[0]", "-2")),
    Case("forged: -1 for a unit on the map", forged("hex", 0, value=-1), "list", ("snapshot.hex[0]", "on the map")),
    Case("forged: location 5", forged("loc", 0, value=5), "list", ("snapshot.loc[0]", "not a location code")),
    Case("forged: location 127", forged("loc", 3, value=127), "list", ("snapshot.loc[3]", "127")),
    Case("forged: control 5", every("control", 5), "list", ("snapshot.control[0]", "not a bloc's code")),
    Case("forged: control 127", every("control", 127), "list", ("snapshot.control[0]", "127")),
    Case("forged: control -128", every("control", -128), "list", ("snapshot.control[0]", "-128")),
    Case("forged: holder -1", every("holder", -1), "list", ("snapshot.holder[0]", "not a seat's number")),
    Case("forged: holder -128", every("holder", -128), "list", ("snapshot.holder[0]", "-128")),
    Case("forged: an arrival at the end of time", forged("arrives", 8, value=2 ** 31 - 1), "list",
         ("snapshot.arrives[8]", "not a day near the scenario's calendar")),
    Case("forged: 127 steps", forged("steps", 0, value=127), "list",
         ("snapshot.steps[0]", "not a number of steps the unit can have")),
    Case("forged: no steps on the map", forged("steps", 0, value=0), "list",
         ("snapshot.steps[0]", "at least 1 step")),
    Case("forged: a track far outside its range", forged("tracks", 0, value=1e18), "list",
         ("snapshot.tracks[0]", "outside the track's range")),
    Case("forged: a track at 1e300", every("tracks", 1e300), "list", ("snapshot.tracks[0]", "outside")),
    Case("forged: outcome foo", edited(lambda doc: (set_in("summary", "outcome", value="foo")(doc),
                                                    set_in("snapshot", "outcome", value="foo")(doc)), rechecksum=True),
         "list", ("snapshot.outcome", "not 'foo'")),
    Case("forged: a flag holding a mapping", forged("flag_values", 0, value={"a": 1}), "list",
         ("snapshot.flag_values[0]", "not a mapping")),
    Case("forged: a flag holding a list", forged("flag_values", 1, value=[1, 2]), "list",
         ("snapshot.flag_values[1]", "not a list")),
    Case("forged: negative rail moves", forged("rail_used", value=-1), "list", ("snapshot.rail_used", "not -1")),
    Case("forged: negative sea moves", forged("sea_used", value=-5), "list", ("snapshot.sea_used",)),
    Case("forged: negative landings", forged("landings_used", value=-1), "list", ("snapshot.landings_used",)),
    Case("forged: 1e18 landings", forged("landings_used", value=10 ** 18), "list", ("snapshot.landings_used",)),
    Case("forged: out of supply at int16's limit", forged("oos", 0, value=32767), "list", ("snapshot.oos[0]",)),
    Case("forged: a supply bonus at int16's limit", forged("supply_bonus", 1, value=32767), "list",
         ("snapshot.supply_bonus[1]",)),
    Case("forged: steps lost at int32's limit", forged("steps_lost", 0, value=2 ** 31 - 1), "list",
         ("snapshot.steps_lost[0]",)),
    Case("forged: a rule fired 2**31-1 times", forged("rule_fired", 0, value=2 ** 31 - 1), "list",
         ("snapshot.rule_fired[0]",)),
    Case("forged: a DMZ of triples", forged("dmz", value=[[1, 2, 3]]), "list",
         ("snapshot.dmz[0]", "[hex, hexside] pair")),
    Case("forged: a 200-digit random state", forged("rng", "state", value="9" * 200), "list",
         ("snapshot.rng.state", "128-bit")),
    Case("forged: a negative escalation peak", forged("escalation_peak", value=-5.0), "list",
         ("snapshot.escalation_peak", "not -5")),
    Case("forged: a step that is text", forged("steps", 0, value="2"), "list",
         ("snapshot.steps[0]", "must be a whole number, not '2'")),
    Case("forged: a mark that is a number", forged("moved", 0, value=1), "list",
         ("snapshot.moved[0]", "must be true or false")),
    # The loophole: a snapshot without a later array was called incomplete and went unchecked.
    Case("forged: no dug_in, and MiG Alley 'x'", forged("mig_alley", value="x", drop=("dug_in",)), "list",
         ("snapshot.mig_alley", "true or false", "'x'")),
    Case("forged: no dug_in, and location 0.5", forged("loc", 0, value=0.5, drop=("dug_in",)), "list",
         ("snapshot.loc[0]", "must be a whole number, not 0.5")),
    Case("forged: no dug_in, and steps ['2']", forged("steps", 0, value=["2"], drop=("dug_in",)), "list",
         ("snapshot.steps[0]", "not a list")),
    Case("forged: no dug_in, and a hex off the board", forged("hex", 0, value=99999, drop=("dug_in",)), "list",
         ("snapshot.hex[0]", "99999")),
    # The record beside the snapshot (the list reads no record; the load counts it).
    Case("forged: 200,000 ends of phase beside a turn-1 position", record_of(200_000), "load",
         ("actions: the record holds 200000 actions", "reached in 0")),
    Case("forged: ends of phase beyond the turn, the count forged too", record_of(50, applied=50), "load",
         ("actions: the record ends 50 phases", "turn 1, after at most 3")),
]
CASES += FORGED

CASES.insert(-1 - len(FORGED), Case("a scenario id that is a path",
                                    edited(set_in("scenario", "id", value="/dev/zero.yaml")), "list",
                                    ("scenario.id", "'/dev/zero.yaml' is not a scenario's id")))


# -- the computer's memory (the save's agents section), forged with every checksum made again (h10e) ----------
def save_with_agents(folder: Path, name: str = "agents.json") -> Path:
    """A real save with the computer's memories: the tutorial (seed 3) played by the computer (ROK, DPRK/PRC) up
    to the human UN's first turn, so the ROK's plan (its ally's) is the UN's to see."""
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 3, SEATS)
    table = Table(match)
    while match.active_seat != "un":
        table.step_ai()
    return write_save(match, folder / name, label="A game with memories")


def forged_agent(seat: str, *keys: str, value: object) -> Callable[[Path, Path], Path]:
    """``agents[seat][keys...] = value`` in a save of :func:`save_with_agents` (checksums made again)."""
    return edited(set_in("agents", seat, *keys, value=value), rechecksum=True)


#: (name, the forgery, the field its warning names); the game loads each with that seat's memory dropped.
AGENTS = [
    ("N1: dice state -1", forged_agent("rok", "rng", "state", value="-1"), "agents.rok.rng.state"),
    ("N1: has_uint32 10**30", forged_agent("rok", "rng", "has_uint32", value=10 ** 30), "agents.rok.rng.has_uint32"),
    ("N1: uinteger -1", forged_agent("dprk_prc", "rng", "uinteger", value=-1), "agents.dprk_prc.rng.uinteger"),
    ("N2: a reserve of mappings", forged_agent("rok", "plan", "reserve", value=[{"a": 1}]),
     "agents.rok.plan.reserve[0]"),
    ("N2: a reserve that is 7", forged_agent("rok", "plan", "reserve", value=7), "agents.rok.plan.reserve"),
    ("N2: a front that is 5", forged_agent("rok", "plan", "front", value=5), "agents.rok.plan.front"),
    ("N2: a NUL in the stance", forged_agent("rok", "plan", "stance", value="at\x00tack"), "agents.rok.plan.stance"),
    ("N3: a NUL in an order's reason", forged_agent("rok", "orders", value=[[{"type": "end_phase"}, "bad\x00why"]]),
     "agents.rok.orders[0][1]"),
    ("N4: a 3 MB order reason", forged_agent("rok", "orders", value=[[{"type": "end_phase"}, "R" * 3_000_000]]),
     "agents.rok.orders[0][1]"),
    ("N5: an axis at 10**18", forged_agent("rok", "plan", "axis", value=[[10 ** 18, 1], [1, 10 ** 18]]),
     "agents.rok.plan.axis[0]"),
    ("N6: a 3 MB stance", forged_agent("rok", "plan", "stance", value="x" * 3_000_000), "agents.rok.plan.stance"),
    ("a plan that is a list", forged_agent("rok", "plan", value=[1, 2]), "agents.rok.plan"),
    ("an enemy strength nan", forged_agent("rok", "enemy_units", value={"kpa_1st_div": [1, "nan"]}),
     "agents.rok.enemy_units.kpa_1st_div[1]"),
]
