"""Saves: the scenario's id and hash, the seed, the seats, the action record, a snapshot, a checksum.

A save is JSON (never pickle).  Loading checks the file's own integrity hash
(a hand-edited or truncated file is refused), that the scenario is the same
one (by content hash), checks the snapshot as written against the saved
checksum (so a snapshot from before the engine kept some newer array still
loads), restores the position from it and, when nothing was missing, checks
the restored position too -- fast at any length of game.
``load_save(path, replay=True)`` (and ``validate``) instead replays the whole
record through the same ``apply`` as live play and checks that it reaches the
same checksum.  The seats' logs travel with the save (the last
``LOG_KEEP`` lines each), so a loaded game shows what each seat had read.  Writing is atomic: a
temporary file in the same folder, flushed and synced, then renamed over the
target, so a crash mid-write leaves the previous save intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from game.engine import api
from game.engine.api import ActionFormatError, Event, Hex, IllegalAction, action_from_dict

from .match import Match

FORMAT = "armistice-save"
VERSION = 2
#: Earlier versions this game still reads (by replaying their record).
READABLE = (1, 2)
#: Lines of each seat's log kept in a save.
LOG_KEEP = 400


class SaveError(Exception):
    """A save that cannot be used; the message says why, for a player."""


def _integrity(body: dict) -> str:
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def save_document(match: Match, label: str = "", handover: bool = False) -> dict:
    """The JSON document of a save of ``match``."""
    s = match.state
    body = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {"id": match.scenario_id, "hash": match.scenario_hash, "title": s.config.title},
        "seed": match.seed,
        "seats": dict(match.seats),
        "actions": [a.to_dict() for a in match.record],
        "reasons": {str(k): v for k, v in sorted(match.reasons.items())},
        "summary": {"turn": s.turn, "date": s.date.isoformat(), "active_seat": s.active_seat.id,
                    "phase": s.phase.value, "outcome": s.outcome, "label": label},
        "handover": handover,
        "snapshot": api.snapshot(s),
        "logs": _logs_document(match),
        "agents": match.agent_memory() if callable(match.agent_memory) else {},
        "final_checksum": api.checksum(s),
    }
    return {**body, "integrity": _integrity(body)}


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_save(match: Match, path: Path, label: str = "", handover: bool = False) -> Path:
    """Save ``match`` to ``path`` atomically; returns the path."""
    doc = save_document(match, label, handover)
    write_atomic(Path(path), json.dumps(doc, indent=1, sort_keys=True) + "\n")
    match.saved_actions = len(match.record)
    return Path(path)


@dataclass
class SaveInfo:
    """What a load dialog lists about a save, read without replaying it."""

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


def read_document(path: Path) -> dict:
    """Read and check a save's structure and integrity (no replay).  Raises SaveError."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: no such save file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}: not a readable save: the file is damaged or truncated "
                        f"(JSON error at line {exc.lineno})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(f"{path}: not an Armistice save file")
    if doc.get("version") not in READABLE:
        raise SaveError(f"{path}: save format version {doc.get('version')!r}; this game reads version {VERSION}")
    body = {k: v for k, v in doc.items() if k != "integrity"}
    if doc.get("integrity") != _integrity(body):
        raise SaveError(f"{path}: the save has been altered or damaged (its checksum does not match); "
                        "it was refused and nothing was changed")
    for key, kind in (("scenario", dict), ("seed", int), ("seats", dict), ("actions", list),
                      ("summary", dict), ("final_checksum", str)):
        if not isinstance(doc.get(key), kind):
            raise SaveError(f"{path}: the save lacks a valid '{key}'")
    return doc


def save_info(path: Path) -> SaveInfo:
    doc = read_document(path)
    sm = doc["summary"]
    return SaveInfo(Path(path), doc["scenario"].get("id", "?"), doc["scenario"].get("title", "?"),
                    int(sm.get("turn", 0)), str(sm.get("date", "")), str(sm.get("active_seat", "")),
                    dict(doc["seats"]), bool(doc.get("handover")), str(sm.get("label", "")),
                    Path(path).stat().st_mtime)


def load_save(path: Path, scenario_loader=None, replay: bool = False) -> tuple[Match, dict]:
    """Load and verify a save (from its snapshot, or by replaying its record); returns the match and the
    document.  Raises SaveError."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError

    doc = read_document(path)
    loader = scenario_loader or load_scenario
    sid = doc["scenario"].get("id")
    try:
        scenario = loader(sid)
    except ScenarioError as exc:
        raise SaveError(f"{path}: its scenario '{sid}' cannot be loaded: {exc.summary}") from None
    except (FileNotFoundError, KeyError, ValueError):
        raise SaveError(f"{path}: its scenario '{sid}' is not installed") from None
    if scenario.content_hash != doc["scenario"].get("hash"):
        raise SaveError(f"{path}: it was made with a different version of the scenario '{sid}'; "
                        "it cannot be replayed exactly")
    if replay or "snapshot" not in doc:
        match = Match.start(scenario, int(doc["seed"]), dict(doc["seats"]))
        for n, raw in enumerate(doc["actions"], 1):
            try:
                match.submit(action_from_dict(raw))
            except (ActionFormatError, IllegalAction) as exc:
                raise SaveError(f"{path}: action {n} of the record cannot be replayed: {exc}") from None
        if match.checksum() != doc["final_checksum"]:
            raise SaveError(f"{path}: replaying the record does not give the saved game (checksum mismatch; a "
                            "save made before a change to the rules replays differently but still loads from "
                            "its snapshot)")
    else:
        try:
            state = api.restore(scenario.setup, doc["snapshot"])
            record = [action_from_dict(raw) for raw in doc["actions"]]
        except (ActionFormatError, KeyError, ValueError, TypeError, IndexError) as exc:
            raise SaveError(f"{path}: the saved position cannot be read ({exc.__class__.__name__})") from None
        if api.snapshot_checksum(doc["snapshot"]) != doc["final_checksum"] or (
                api.snapshot_complete(doc["snapshot"]) and api.checksum(state) != doc["final_checksum"]):
            raise SaveError(f"{path}: the saved position does not match its checksum")
        match = Match(scenario.id, scenario.content_hash, int(doc["seed"]), state, dict(doc["seats"]), record, [])
        match.saved_logs = _logs_from(doc.get("logs"))
    match.reasons = _reasons_from(doc.get("reasons"), len(match.record))
    agents = doc.get("agents")
    match.saved_agents = agents if isinstance(agents, dict) else None
    match.saved_actions = len(match.record)
    return match, doc


def _reasons_from(data: object, n: int) -> dict[int, str]:
    """The computer's reasons of a save (optional: anything malformed is dropped, the game loads all the same)."""
    if not isinstance(data, dict):
        return {}
    out = {}
    for k, v in data.items():
        if isinstance(k, str) and k.isdigit() and int(k) < n and isinstance(v, str):
            out[int(k)] = v
    return out


def _logs_document(match: Match) -> dict:
    """Each seat's log as the table built it (its last LOG_KEEP lines), or {} for a match without a table."""
    logs = getattr(match, "seat_logs", None)
    if logs is None:
        return {}
    out = {}
    for seat, entries in logs.entries.items():
        out[seat] = [{"event": e.event.to_dict(), "text": e.text, "own": e.own} for e in entries[-LOG_KEEP:]]
    return out


def _logs_from(data: object) -> dict | None:
    """The seat logs of a save as (event, text, own) triples; None if absent or malformed (they are optional)."""
    from datetime import date
    if not isinstance(data, dict) or not data:
        return None
    out: dict[str, list] = {}
    try:
        for seat, entries in data.items():
            rows = []
            for item in entries:
                e = item["event"]
                event = Event(str(e["kind"]), date.fromisoformat(e["date"]), int(e["turn"]), e["seat"],
                              tuple(Hex(int(q), int(r)) for q, r in e["hexes"]), bool(e["public"]),
                              dict(e["data"]), None, str(e["text"]))
                rows.append((event, str(item["text"]), bool(item["own"])))
            out[str(seat)] = rows
    except (KeyError, TypeError, ValueError):
        return None
    return out
