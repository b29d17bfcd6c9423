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

import json
import logging
from pathlib import Path

from game.ai.memory_check import memory_problem
from game.engine import api
from game.engine.api import ActionFormatError, Event, Hex, IllegalAction, action_from_dict
from game.files import MB, FileRefused, read_text_bounded

from .atomicwrite import write_atomic
from .logcheck import log_problem
from .match import Match
from .savecheck import FORMAT, READABLE, VERSION, SaveError, check_document, check_position, parse_save
from .savecheck import integrity as _integrity
from .savemigrate import carry_over, politics_ids

__all__ = ["FORMAT", "READABLE", "VERSION", "LOG_KEEP", "SAVE_LIMIT", "SaveError", "check_snapshot_fields", "load_save",
           "read_document",
           "save_document", "verify_save", "write_atomic", "write_save"]

_log = logging.getLogger(__name__)

#: Lines of each seat's log kept in a save.
LOG_KEEP = 400
#: The longest line of a log or a computer's reason a save brings back (longer means damage: they are dropped,
#: as optional parts of a save are, rather than freeze the log that shows them).
TEXT_KEEP = 4000
#: A tutorial step beyond this is no step of any scenario's lessons.
MAX_LESSON = 1000
#: The largest save file read.  A whole campaign played to its armistice by the computer at a table (logs,
#: reasons and memories kept) measured 1.6 MB at turn 90; the war's last possible turn (about 107) would make
#: about 2 MB.  Four times that leaves room for longer logs in later versions while a hostile file (a link
#: to /dev/zero, a 94 MB file) is refused before a byte is parsed.
SAVE_LIMIT = 8 * MB


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
        "teacher": [list(t) for t in match.teacher],
        "summary": {"turn": s.turn, "date": s.date.isoformat(), "active_seat": s.active_seat.id,
                    "phase": s.phase.value, "outcome": s.outcome, "label": label},
        "handover": handover,
        "snapshot": api.snapshot(s),
        # What the snapshot's politics arrays follow: a later version of the scenario re-reads them by id.
        "politics_ids": politics_ids(s.setup),
        "logs": _logs_document(match),
        "agents": match.agent_memory() if callable(match.agent_memory) else {},
        "lessons": {seat: int(step) for seat, step in sorted(match.lesson_at.items())},
        "final_checksum": api.checksum(s),
    }
    return {**body, "integrity": _integrity(body)}


def write_save(match: Match, path: Path, label: str = "", handover: bool = False) -> Path:
    """Save ``match`` to ``path`` atomically; returns the path.  An OSError (a full disk) leaves ``path`` as
    it was (atomicwrite.write_problem words it)."""
    doc = save_document(match, label, handover)
    write_atomic(Path(path), json.dumps(doc, indent=1, sort_keys=True) + "\n")
    match.saved_actions = len(match.record)
    return Path(path)


def read_document(path: Path) -> dict:
    """Read a save (at most SAVE_LIMIT bytes of a regular file) and check its structure and integrity (no
    replay).  Raises SaveError naming the file and the field."""
    path = Path(path)
    try:
        text = read_text_bounded(path, SAVE_LIMIT)
    except FileRefused as exc:
        reason = "no such save file" if exc.reason == "no such file" else exc.reason
        raise SaveError(path, reason) from None
    return check_document(parse_save(text, path), path)


def load_save(path: Path, scenario_loader=None, replay: bool = False) -> tuple[Match, dict]:
    """Load and verify a save (from its snapshot, or by replaying its record); returns the match and the
    document.  Raises SaveError naming the file and what is wrong; never any other error for a bad file.

    Besides the integrity hash and the checksums, the save's summary (turn, date, active seat, phase,
    outcome) and its seats must agree with the game it holds: the load list shows the summary, and a save
    claiming turn 99 of a game at turn 1 is refused rather than opened as something it is not."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError, ScenarioNotFound

    doc = read_document(path)
    loader = scenario_loader or load_scenario
    sid = doc["scenario"]["id"]
    try:
        scenario = loader(sid)
    except ScenarioNotFound:
        raise SaveError(path, f"scenario.id: the scenario '{sid}' is not installed") from None
    except ScenarioError as exc:
        first = exc.problems[0].message if exc.problems else exc.summary
        raise SaveError(path, f"scenario.id: the scenario '{sid}' cannot be loaded: {first}") from None
    except (OSError, KeyError, ValueError):
        raise SaveError(path, f"scenario.id: the scenario '{sid}' is not installed") from None
    older = scenario.content_hash != doc["scenario"]["hash"]
    if older and (replay or "snapshot" not in doc):
        raise SaveError(path, f"it was made with an earlier version of the scenario '{sid}', whose rules differ: "
                              "it cannot be replayed step by step (Load still opens it)")
    if replay or "snapshot" not in doc:
        match = _replayed(path, doc, scenario)
    else:
        match = _restored(path, doc, scenario, older)
    check_position(doc, match.state, scenario.config, path)
    match.reasons = _reasons_from(doc.get("reasons"), len(match.record))
    match.teacher = _teacher_from(doc.get("teacher"), len(match.record))
    match.saved_agents = _agents_from(path, doc.get("agents"), doc["seats"])
    match.lesson_at = _lessons_from(doc.get("lessons"), doc["seats"])
    match.saved_actions = len(match.record)
    return match, doc


#: What a malformed record or snapshot raises on the way in (a checked save never gets further than these).
_MALFORMED = (ActionFormatError, KeyError, ValueError, TypeError, IndexError, AttributeError, OverflowError)


def _replayed(path: Path, doc: dict, scenario) -> Match:
    """The match the save's record gives, replayed from the start through the same apply as live play."""
    match = Match.start(scenario, doc["seed"], dict(doc["seats"]))
    for n, raw in enumerate(doc["actions"], 1):
        try:
            match.submit(action_from_dict(raw))
        except IllegalAction as exc:
            raise SaveError(path, f"actions[{n - 1}]: action {n} of the record cannot be replayed: "
                                  f"{exc}") from None
        except _MALFORMED:
            raise SaveError(path, f"actions[{n - 1}]: action {n} of the record is not an action the game "
                                  "knows") from None
    if match.checksum() != doc["final_checksum"]:
        raise SaveError(path, "replaying the record does not give the saved game (checksum mismatch; a save "
                              "made before a change to the rules replays differently but still loads from its "
                              "snapshot)")
    return match


def _restored(path: Path, doc: dict, scenario, older: bool = False) -> Match:
    """The match at the save's snapshot: every field held to its type and range for the scenario
    (game/engine/snapshot_check.py), the whole matching the saved checksum, and the record consistent with it.
    ``older``: the save was made with an earlier version of the scenario; its position is carried over to this
    one by id (game/session/savemigrate.py) after the checksum of the position as saved is verified.

    The checksum alone proves nothing against a careful forger (anyone can compute it again), so the range
    checks are what keep a value that would break the game out of it."""
    snap = doc["snapshot"]
    if older and api.snapshot_checksum(snap) != doc["final_checksum"]:
        raise SaveError(path, "snapshot: the saved position does not match its checksum")
    snap = position_of(path, doc, scenario.setup, scenario.content_hash)
    check_snapshot_fields(path, scenario.setup, snap)
    try:
        state = api.restore(scenario.setup, snap)
    except _MALFORMED:
        raise SaveError(path, "snapshot: the saved position cannot be read (it is damaged)") from None
    try:
        record = [action_from_dict(raw) for raw in doc["actions"]]
    except _MALFORMED:
        raise SaveError(path, "actions: the record holds something that is not an action the game "
                              "knows") from None
    if not older and (api.snapshot_checksum(snap) != doc["final_checksum"] or (
            api.snapshot_complete(snap) and api.checksum(state) != doc["final_checksum"])):
        raise SaveError(path, "snapshot: the saved position does not match its checksum")
    _check_record_shape(path, record, state)
    match = Match(scenario.id, scenario.content_hash, doc["seed"], state, dict(doc["seats"]), record, [])
    match.saved_logs = _logs_from(doc.get("logs"), path)
    return match


def position_of(path: Path, doc: dict, setup: api.Setup, content_hash: str) -> dict:
    """The save's snapshot for the scenario as it is now: as saved, or, for a save made with an earlier version
    of it, carried over by id (game/session/savemigrate.py); SaveError when it cannot be."""
    snap = doc["snapshot"]
    if doc["scenario"]["hash"] == content_hash:
        return snap
    moved = carry_over(snap, doc.get("politics_ids"), setup)
    if moved is None:
        raise SaveError(path, f"it was made with an earlier version of the scenario '{doc['scenario']['id']}' "
                              "whose rules and decisions have changed since, before saves named them; it cannot "
                              "be opened")
    return moved


def check_snapshot_fields(path: Path, setup: api.Setup, snap: object) -> None:
    """The save's snapshot holds only what a game of ``setup`` can (the load list and the load both ask);
    else SaveError naming ``snapshot.<field>``."""
    try:
        api.check_snapshot(setup, snap)
    except api.SnapshotInvalid as exc:
        raise SaveError(path, f"snapshot.{exc.field}: {exc.problem}; the saved position cannot be read "
                              "(it was altered or damaged)") from None


def _check_record_shape(path: Path, record: list, state) -> None:
    """The record could have led to the snapshot, as far as counting can tell without replaying it.

    The engine counts every action it applies (``actions_applied``; an undo takes the count back with the
    position), so the record holds exactly that many; and each seat-turn ends at most one phase for each
    phase that waits for a player, so a turn-4 position cannot follow 200,000 ends of phase."""
    if len(record) != state.actions_applied:
        raise SaveError(path, f"actions: the record holds {len(record)} actions, but the saved position was "
                              f"reached in {state.actions_applied}; it was altered or damaged")
    seat_turns = (state.turn - 1) * len(state.config.seats) + state.seat_index + 1
    most = seat_turns * len(api.Phase)
    ends = sum(1 for a in record if isinstance(a, api.EndPhase))
    if ends > most:
        raise SaveError(path, f"actions: the record ends {ends} phases, but the saved position is turn "
                              f"{state.turn}, after at most {most}; it was altered or damaged")


def verify_save(path: Path, scenario_loader=None) -> tuple[Match, str | None]:
    """What ``validate`` says of a save: the match exactly as the Load screen opens it (``load_save``: the
    same checks, the same refusals in the same words) and, beside it, whether the record replays to the
    saved position (None) or why not.

    A record that does not replay is not a refusal: the game opens a save from its snapshot, so a save made
    before a change to the rules (or one edited within what the game can hold) still loads, and ``validate``
    says so rather than disagree with the Load screen."""
    match, doc = load_save(path, scenario_loader)
    if "snapshot" not in doc:
        return match, None                    # load_save replayed it already
    try:
        load_save(path, scenario_loader, replay=True)
    except SaveError as exc:
        return match, exc.reason
    return match, None


def _reasons_from(data: object, n: int) -> dict[int, str]:
    """The computer's reasons of a save (optional: anything malformed is dropped, the game loads all the same)."""
    if not isinstance(data, dict):
        return {}
    out = {}
    for k, v in data.items():
        if isinstance(k, str) and k.isdigit() and len(k) < 10 and int(k) < n and isinstance(v, str) \
                and len(v) <= TEXT_KEEP:
            out[int(k)] = v
    return out


def _lessons_from(data: object, seats: dict) -> dict[str, int]:
    """How far each seat's player had got in the tutorial (optional: anything malformed is dropped, and that player
    starts the lessons again)."""
    if not isinstance(data, dict):
        return {}
    return {seat: step for seat, step in data.items()
            if seat in seats and isinstance(step, int) and not isinstance(step, bool) and 0 <= step <= MAX_LESSON}


def _teacher_from(data: object, n: int) -> list:
    """A classroom's what-ifs of a save, [actions, title, posed?] in order (optional: a malformed entry is
    dropped, the game loads all the same)."""
    if not isinstance(data, list):
        return []
    out = []
    for t in data[:1000]:
        if (isinstance(t, list) and len(t) == 3 and type(t[0]) is int and 0 <= t[0] <= n
                and isinstance(t[1], str) and len(t[1]) <= TEXT_KEEP and isinstance(t[2], bool)):
            out.append([t[0], t[1], t[2]])
    return out


def _agents_from(path: Path, data: object, seats: dict) -> dict | None:
    """The computer seats' memories of a save that hold to their shape (game/ai/memory_check.py); others dropped.

    A bad memory is dropped with a warning in the log file rather than the save refused: the position the
    player sees is whole and checked, and a computer player without its memory only plans its next phase
    afresh (new dice, the enemy units it saw forgotten), which loses the player nothing of their game.
    Refusing would lose them the whole game for something they cannot see or mend."""
    if not isinstance(data, dict):
        return None
    out = {}
    for seat, memory in data.items():
        if seat not in seats:
            continue                          # no seat of the game (its name unchecked): nobody would take it
        problem = memory_problem(memory, TEXT_KEEP)
        if problem is None:
            out[seat] = memory
        else:
            _log.warning("%s: agents.%s.%s; the computer's memory for that seat was dropped and it plans afresh",
                         path, seat, problem)
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


def _logs_from(data: object, path: Path | str = "") -> dict | None:
    """The seat logs of a save as (event, text, own) triples; None if absent or malformed (they are optional: a
    log the game could not have written is dropped with a warning, and the game goes on without it)."""
    from datetime import date
    if not isinstance(data, dict) or not data:
        return None
    out: dict[str, list] = {}
    try:
        for seat, entries in data.items():
            if not isinstance(seat, str) or not isinstance(entries, list) or len(entries) > LOG_KEEP:
                raise ValueError(f"logs: {str(seat)[:64]!r} is not a seat's log of at most {LOG_KEEP} lines")
            rows = []
            for k, item in enumerate(entries):
                problem = log_problem(item, TEXT_KEEP)
                if problem:
                    raise ValueError(f"logs.{seat}[{k}].{problem}")
                e = item["event"]
                event = Event(str(e["kind"]), date.fromisoformat(e["date"]), int(e["turn"]), e["seat"],
                              tuple(Hex(int(q), int(r)) for q, r in e["hexes"]), bool(e["public"]),
                              dict(e["data"]), None, str(e["text"]))
                rows.append((event, item["text"], bool(item["own"])))
            out[seat] = rows
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        _log.warning("%s: the seat logs were dropped (%s); the game goes on without them", path, str(exc)[:200])
        return None
    return out
