"""A save file checked field by field before the game trusts any of it.

Contract:

* ``parse_save(raw, path)`` turns a file's bytes into its JSON document, or raises
  SaveError.  It never shows Python's words: a number too long for the game
  (Python's own int limit would say "Exceeds the limit (4300 digits)..."), a
  NaN or an infinity, a structure nested thousands deep (which would exhaust
  the interpreter's stack) are each refused with the field they sit in.
* ``check_document(doc, path)`` holds every field a save has to its shape: the
  format and version, the integrity hash, then each field's type and bounds
  (a seed is a whole number from 0 to MAX_SEED, a turn is from 1 to MAX_TURN,
  a seat's player is ``human``, ``random`` or an ``ai:...`` spec, text is short
  and printable), and that the summary the load list shows agrees with the
  snapshot the game restores (turn, phase, outcome).
* ``check_position(doc, state, config, path)`` holds the summary and the seats
  against the game the save actually holds once restored or replayed: a save
  that claims turn 99 while its game is at turn 1 is refused, as is one whose
  seats are not the scenario's.

Every refusal is a SaveError whose message starts with the file and names the
field, in the game's words.  This module reads nothing from disk (savefile.py
and savelist.py do, bounded by game/files.py).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from typing import Any

FORMAT = "armistice-save"
VERSION = 2
#: Earlier versions this game still reads (by replaying their record).
READABLE = (1, 2)
#: The largest dice seed a save may carry (seat set-up accepts at most 18 digits, well below it).
MAX_SEED = 2 ** 64 - 1
#: No scenario has a thousand turns (the whole war is about 110); a larger turn is damage, not a long game.
MAX_TURN = 1000
#: The longest number written anywhere in a save: a seed (20 digits); the random generator's state is text.
MAX_DIGITS = 40
#: Nesting a save never approaches (its deepest field is about 9 levels); deeper is refused before it is walked.
MAX_DEPTH = 64
#: A scenario's id as scenarios/ names them ("1950-invasion"): no path, no extension.
SCENARIO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
#: Text shown in the load list and the game (a save's name, the scenario's title).
MAX_TEXT = 200


class SaveError(Exception):
    """A save that cannot be used; the message says why, for a player: '<file>: <field>: <problem>'.

    ``reason`` is the message without the file, for a dialog that names the file itself."""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def integrity(body: dict) -> str:
    """The integrity hash of a save's body (every field but ``integrity``), as version 1 and 2 write it."""
    blob = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(blob.encode()).hexdigest()


# -- parsing --------------------------------------------------------------------------------------
class _Refused:
    """A value the JSON parser met that no save holds (left in place so the walk can name its field)."""

    def __init__(self, words: str) -> None:
        self.words = words


def parse_save(raw: str, path: object) -> dict:
    """The JSON document of a save's text; SaveError naming the field of any number the game cannot hold."""
    refused: list[_Refused] = []

    def keep(value: _Refused) -> _Refused:
        refused.append(value)
        return value

    def parse_int(text: str) -> int | _Refused:
        digits = len(text.lstrip("-"))
        if digits > MAX_DIGITS:
            return keep(_Refused(f"a number {digits} digits long; no number in a save has more than {MAX_DIGITS}"))
        return int(text)

    def parse_float(text: str) -> float | _Refused:
        value = float(text)
        return value if math.isfinite(value) else keep(_Refused("a number too large to hold"))

    def parse_constant(text: str) -> _Refused:
        return keep(_Refused(f"'{text}' is not a number a save may hold"))

    try:
        doc = json.loads(raw, parse_int=parse_int, parse_float=parse_float, parse_constant=parse_constant)
    except json.JSONDecodeError as exc:
        raise SaveError(path, "not a readable save: the file is damaged or truncated "
                              f"(JSON error at line {exc.lineno})") from None
    except RecursionError:
        raise SaveError(path, f"not a readable save: its data is nested more than {MAX_DEPTH} levels deep "
                              "(the file is damaged)") from None
    where, depth = _walk(doc)
    if depth > MAX_DEPTH:
        raise SaveError(path, f"{where}: nested more than {MAX_DEPTH} levels deep (the file is damaged)")
    if refused:
        field, bad = _find_refused(doc)
        raise SaveError(path, f"{field}: {bad.words}")
    return doc


def _walk(doc: Any) -> tuple[str, int]:
    """(the first field deeper than MAX_DEPTH, its depth) or ('', the document's depth); never recursive."""
    stack: list[tuple[Any, str, int]] = [(doc, "", 1)]
    deepest = 1
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            return where or "the file", depth
        deepest = max(deepest, depth)
        if isinstance(value, dict):
            stack.extend((v, _join(where, k), depth + 1) for k, v in value.items() if isinstance(v, (dict, list)))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{n}]", depth + 1) for n, v in enumerate(value) if isinstance(v, (dict, list)))
    return "", deepest


def _find_refused(doc: Any) -> tuple[str, _Refused]:
    """The field holding the first refused value (there is one: the parser made it)."""
    stack: list[tuple[Any, str]] = [(doc, "")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _Refused):
            return where or "the file", value
        if isinstance(value, dict):
            stack.extend((v, _join(where, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{n}]") for n, v in reversed(list(enumerate(value))))
    raise AssertionError("a refused value vanished")   # pragma: no cover - parse_save only calls this when one exists


def _join(where: str, key: str) -> str:
    key = _shown(key, 40)[1:-1] if not key.isidentifier() or len(key) > 40 else key
    return f"{where}.{key}" if where else key


# -- the document's fields --------------------------------------------------------------------------
def check_document(doc: object, path: object) -> dict:
    """``doc`` if it is a whole, unaltered save whose every field has its shape; else SaveError."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise SaveError(path, "not an Armistice save file")
    version = doc.get("version")
    if type(version) is not int or version not in READABLE:
        raise SaveError(path, f"save format version {_shown(version, 20)}; this game reads version {VERSION}")
    body = {k: v for k, v in doc.items() if k != "integrity"}
    if doc.get("integrity") != integrity(body):
        raise SaveError(path, "the save has been altered or damaged (its checksum does not match); "
                              "it was refused and nothing was changed")
    need = _Fields(doc, path)
    scenario = need.mapping("scenario")
    sid = _Fields(scenario, path, "scenario").text("id", 64)
    if not SCENARIO_ID.fullmatch(sid):
        # An installed scenario's id, never a path: a save must not make the game read any file it names.
        raise SaveError(path, f"scenario.id: {_shown(sid, 40)} is not a scenario's id")
    _Fields(scenario, path, "scenario").text("hash", 100)
    _Fields(scenario, path, "scenario").text("title", MAX_TEXT, required=False)
    need.whole("seed", 0, MAX_SEED)
    seats = need.mapping("seats")
    if not seats:
        raise SaveError(path, "seats: the save names no seats")
    for seat, controller in seats.items():
        _check_text(seat, _join("seats", seat), 64, path)
        _check_player(controller, _join("seats", seat), path)
    need.listing("actions")
    summary = need.mapping("summary")
    said = _Fields(summary, path, "summary")
    said.whole("turn", 1, MAX_TURN)
    said.text("date", 10)
    said.text("active_seat", 64)
    said.text("phase", 32)
    said.text("label", MAX_TEXT, required=False)
    if summary.get("outcome") is not None:
        said.text("outcome", 64)
    need.text("final_checksum", 64)
    if "handover" in doc and not isinstance(doc["handover"], bool):
        raise SaveError(path, "handover: must be true or false")
    for optional in ("snapshot", "logs", "agents", "reasons", "lessons"):
        if optional in doc and not isinstance(doc[optional], dict):
            raise SaveError(path, f"{optional}: must be a mapping")
    snapshot = doc.get("snapshot")
    if snapshot is not None:
        check_summary(doc, {key: snapshot.get(key) for key in ("turn", "phase", "outcome")}, path)
    return doc


def check_position(doc: dict, state: Any, config: Any, path: object) -> None:
    """The save's summary and seats agree with ``state``, the game it holds (restored or replayed); else SaveError.

    ``config`` is the scenario's GameConfig (its seats); ``state`` the engine's GameState."""
    seat_ids = [s.id for s in config.seats]
    check_seats(doc, seat_ids, path)
    if not 1 <= state.turn <= state.last_turn:
        raise SaveError(path, f"the game it holds is at turn {state.turn}, outside the scenario's "
                              f"{state.last_turn} turns")
    if not 0 <= state.seat_index < len(seat_ids):
        raise SaveError(path, "the game it holds has no seat to play")
    check_summary(doc, {"turn": state.turn, "date": state.date.isoformat(), "active_seat": state.active_seat.id,
                        "phase": state.phase.value, "outcome": state.outcome}, path)


def check_seats(doc: dict, seat_ids: list[str], path: object) -> None:
    """The save names a player for each of the scenario's seats (``seat_ids``), and no other seat."""
    seats = doc["seats"]
    for seat in seats:
        if seat not in seat_ids:
            raise SaveError(path, f"{_join('seats', seat)}: the scenario has no such seat "
                                  f"(its seats are {', '.join(seat_ids)})")
    missing = [s for s in seat_ids if s not in seats]
    if missing:
        raise SaveError(path, f"seats: no player is named for {', '.join(missing)}")


def check_summary(doc: dict, truth: dict[str, object], path: object) -> None:
    """Each field of the save's summary named in ``truth`` has the value the game it holds gives it."""
    summary = doc["summary"]
    for key, real in truth.items():
        if summary.get(key) != real:
            raise SaveError(path, f"summary.{key}: the save says {_shown(summary.get(key), 30)}, but the game it "
                                  f"holds says {_shown(real, 30)}; it was altered or damaged and was refused")


class _Fields:
    """Checks of the fields of one mapping of a save, each refusal naming ``prefix.key``."""

    def __init__(self, data: dict, path: object, prefix: str = "") -> None:
        self.data, self.path, self.prefix = data, path, prefix

    def _name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def _get(self, key: str) -> object:
        if key not in self.data:
            raise SaveError(self.path, f"{self._name(key)}: missing")
        return self.data[key]

    def mapping(self, key: str) -> dict:
        value = self._get(key)
        if not isinstance(value, dict):
            raise SaveError(self.path, f"{self._name(key)}: must be a mapping")
        return value

    def listing(self, key: str) -> list:
        value = self._get(key)
        if not isinstance(value, list):
            raise SaveError(self.path, f"{self._name(key)}: must be a list")
        return value

    def whole(self, key: str, lo: int, hi: int) -> int:
        value = self._get(key)
        if type(value) is not int or not lo <= value <= hi:
            raise SaveError(self.path, f"{self._name(key)}: must be a whole number from {lo} to {hi}, "
                                       f"not {_shown(value, 30)}")
        return value

    def text(self, key: str, limit: int, required: bool = True) -> str:
        if key not in self.data and not required:
            return ""
        value = self._get(key)
        _check_text(value, self._name(key), limit, self.path)
        return value


def _check_text(value: object, field: str, limit: int, path: object) -> None:
    if not isinstance(value, str):
        raise SaveError(path, f"{field}: must be text, not {_kind(value)}")
    if len(value) > limit:
        raise SaveError(path, f"{field}: {len(value)} characters long; the limit is {limit}")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise SaveError(path, f"{field}: holds a control character or an invalid character")


def _check_player(controller: object, field: str, path: object) -> None:
    """A seat's player: human, random or a computer ``ai[:PERSONALITY][:DIFFICULTY]`` the game knows."""
    from game.ai.profiles import parse_spec
    words = f"{field}: must be human, random or ai:PERSONALITY:DIFFICULTY, not {_shown(controller, 40)}"
    if not isinstance(controller, str) or len(controller) > 64:
        raise SaveError(path, words)
    if controller in ("human", "random"):
        return
    try:
        parse_spec(controller)
    except ValueError:
        raise SaveError(path, words) from None


def _kind(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return "true or false" if isinstance(value, bool) else "nothing"
    return {dict: "a mapping", list: "a list", int: "a number", float: "a number"}.get(type(value), "text")


def _shown(value: object, limit: int) -> str:
    """A value as a message quotes it: short, printable, never Python's repr of a huge number."""
    if isinstance(value, str):
        clean = "".join(c if unicodedata.category(c)[0] != "C" else "?" for c in value)
        return f"'{clean[:limit]}…'" if len(clean) > limit else f"'{clean}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing"
    if isinstance(value, int):
        return str(value) if abs(value) < 10 ** limit else "a number too long to show"
    if isinstance(value, float):
        return f"{value:g}"
    return _kind(value)
