"""The saves in a folder, as the load list shows them: every readable save, and every other file with its reason.

Contract: ``list_saves(folder)`` never raises and never blocks.  Each ``*.json``
entry of the folder becomes either a SaveInfo (a save whose structure,
integrity and summary check out: savecheck.check_document, and, when its
scenario is installed, whose date and seats agree with it) or an Unreadable
(the file's name and why, in a player's words: "is a directory, not a file",
"is 94 MB; the limit is 8 MB", "seed: must be a whole number from 0 to ...").
A FIFO, a link to /dev/zero or a huge file is refused before it is read
(game/files.py), so one bad file never keeps the others from the list.

A file's result is remembered while its size, time and inode stay the same:
the list is built again on every resize of the window, and checking a long
campaign's integrity hash takes a noticeable part of a second.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.engine.api import Setup

from .savecheck import SaveError, check_seats, check_summary
from .savefile import check_snapshot_fields, position_of, read_document


@dataclass(frozen=True)
class SaveInfo:
    """What the load list shows about a save, read without replaying it (the load checks the rest)."""

    path: Path
    scenario_id: str
    title: str
    turn: int
    date: str
    active_seat: str
    seats: dict[str, str]
    handover: bool
    label: str
    mtime: float


@dataclass(frozen=True)
class Unreadable:
    """A file in the saves folder that is not a usable save: its path and the reason, without the file name."""

    path: Path
    reason: str

    @property
    def name(self) -> str:
        return shown_name(self.path.name)


def shown_name(name: object) -> str:
    """A file or folder name as text that can be drawn: bytes that are not UTF-8 (a file made by another system)
    become '\ufffd' rather than surrogates, which no font can render (pygame raises UnicodeEncodeError)."""
    return str(name).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def save_info(path: Path) -> SaveInfo:
    """The list's facts about the save at ``path`` (SaveError if it is not a usable save)."""
    path = Path(path)
    doc = read_document(path)
    sm = doc["summary"]
    facts = _scenario_facts(doc["scenario"]["id"])
    if facts is not None:
        # What the list can check cheaply against the scenario (the load checks the restored game itself).
        dates, seat_ids, setup, content_hash = facts
        check_seats(doc, list(seat_ids), path)
        if sm["turn"] > len(dates):
            raise SaveError(path, f"summary.turn: the save says turn {sm['turn']}, but the scenario has "
                                  f"{len(dates)} turns")
        truth: dict[str, object] = {"date": dates[sm["turn"] - 1]}
        seat_index = doc.get("snapshot", {}).get("seat_index")
        if type(seat_index) is int and 0 <= seat_index < len(seat_ids):
            truth["active_seat"] = seat_ids[seat_index]
        check_summary(doc, truth, path)
        if "snapshot" in doc:
            check_snapshot_fields(path, setup, position_of(path, doc, setup, content_hash))
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise SaveError(path, "cannot be read (it was removed or moved)") from exc
    return SaveInfo(path, doc["scenario"]["id"], doc["scenario"].get("title") or doc["scenario"]["id"],
                    sm["turn"], sm["date"], sm["active_seat"], dict(doc["seats"]), bool(doc.get("handover")),
                    sm.get("label", ""), mtime)


@lru_cache(maxsize=16)
def _scenario_facts(scenario_id: str) -> tuple[tuple[str, ...], tuple[str, ...], Setup, str] | None:
    """(each turn's date as ISO text, the seat ids, the game's setup, the scenario's content hash) of an
    installed scenario; None if it cannot be loaded (the load says why)."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    try:
        scenario = load_scenario(scenario_id)
    except (ScenarioError, OSError, ValueError, KeyError):
        return None
    return (tuple(d.isoformat() for d in scenario.setup.turn_dates), tuple(s.id for s in scenario.config.seats),
            scenario.setup, scenario.content_hash)


#: The results remembered, by (path, inode, size, mtime): the most recently used last.
_seen: dict[tuple[str, int, int, int], SaveInfo | Unreadable] = {}
#: Results remembered at most, over every folder listed (a folder's own entries are pruned to what it holds, so
#: one folder of any size up to this never re-reads a file that did not change).
SEEN_LIMIT = 20_000


def list_saves(folder: Path) -> tuple[list[SaveInfo], list[Unreadable]]:
    """Readable saves (newest first) and every other ``*.json`` entry of ``folder`` with its reason (by name).

    A file whose path, inode, size and time are unchanged since the last listing is not read again; results for
    files of ``folder`` that are gone (or changed) are forgotten, so the memory is as large as the folder."""
    infos: list[SaveInfo] = []
    broken: list[Unreadable] = []
    try:
        names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".json"))
    except OSError:
        return infos, broken
    used: set[tuple[str, int, int, int]] = set()
    for name in names:
        result = _examine(Path(folder) / name, used)
        (infos if isinstance(result, SaveInfo) else broken).append(result)
    _forget_stale(str(folder), used)
    infos.sort(key=lambda i: (i.mtime, i.path.name), reverse=True)
    return infos, broken


def _examine(path: Path, used: set[tuple[str, int, int, int]]) -> SaveInfo | Unreadable:
    try:
        st = os.stat(path)
        key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
    except OSError:
        key = None
    if key is not None:
        used.add(key)
        if key in _seen:
            _seen[key] = _seen.pop(key)          # most recently used last
            return _seen[key]
    try:
        result: SaveInfo | Unreadable = save_info(path)
    except SaveError as exc:
        result = Unreadable(path, exc.reason)
    if key is not None:
        _seen[key] = result
        while len(_seen) > SEEN_LIMIT:
            del _seen[next(iter(_seen))]        # the least recently used
    return result


def _forget_stale(folder: str, used: set[tuple[str, int, int, int]]) -> None:
    """Forget the results for files of ``folder`` that this listing did not meet (removed, renamed or changed)."""
    for key in [k for k in _seen if k not in used and os.path.dirname(k[0]) == folder]:
        del _seen[key]
