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
                                                      rechecksum=True), "load",
         ("snapshot", "cannot be read")),
    Case("an action that is a number", edited(set_in("actions", value=[5])), "load",
         ("actions", "not an action the game knows")),
    Case("a scenario that is not installed", edited(set_in("scenario", "id", value="atlantis")), "load",
         ("scenario.id", "'atlantis' is not installed")),
]
CASES.insert(-1, Case("a scenario id that is a path", edited(set_in("scenario", "id", value="/dev/zero.yaml")),
                      "list", ("scenario.id", "'/dev/zero.yaml' is not a scenario's id")))
