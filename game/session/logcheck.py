"""Whether the seat logs a save carries are ones the game screen can show.

A save's ``logs`` are words the game wrote: each entry an event (kind, date, turn, seat, hexes, data) and the
text the seat read.  A forger who makes the checksums again can put anything there; the log box lays out what it
is given, so a NUL or a lone surrogate ends the game screen and a few hundred lines of 4,000 characters freeze it.
:func:`log_problem` holds an entry to the shape the game writes; the loader drops logs that fail (they are a
record of what was read, not part of the position, and the game goes on without them).
"""

from __future__ import annotations

import math
import unicodedata

#: Longest id (a seat, an event kind) and the deepest / longest value an event's data holds.
ID_LIMIT = 64
DATA_DEPTH = 4
DATA_ITEMS = 200
#: Data the log box shows as words (a rule's history note and idea, a decision's detail): text, if there.
TEXT_DATA = ("idea", "history", "detail")


class _Bad(Exception):
    def __init__(self, field: str, problem: str):
        super().__init__(f"{field}: {problem}")


def log_problem(entry: dict, text_limit: int) -> str | None:
    """None if one raw log entry (``{"event": {...}, "text": ..., "own": ...}``) is one the game could have
    written; else the first bad field and what is wrong with it."""
    try:
        _entry(entry, text_limit)
    except _Bad as exc:
        return str(exc)
    return None


def _entry(entry: object, limit: int) -> None:
    if not isinstance(entry, dict):
        raise _Bad("entry", "must be a mapping")
    e = entry.get("event")
    if not isinstance(e, dict):
        raise _Bad("event", "must be a mapping")
    _text(entry.get("text"), "text", limit)
    _text(e.get("text"), "event.text", limit)
    _text(e.get("kind"), "event.kind", ID_LIMIT)
    if e.get("seat") is not None:
        _text(e.get("seat"), "event.seat", ID_LIMIT)
    if not isinstance(e.get("data"), dict):
        raise _Bad("event.data", "must be a mapping")
    _plain(e["data"], "event.data", limit, 0)
    for key in TEXT_DATA:
        if e["data"].get(key) not in (None, ""):
            _text(e["data"][key], f"event.data.{key}", limit)


def _plain(value: object, field: str, limit: int, depth: int) -> None:
    """Text, a finite number, true/false, nothing, or a short list or mapping of those, not deeply nested."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if abs(value) > 10 ** 18:
            raise _Bad(field, "a number too large")
        return
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _Bad(field, "must be a finite number")
        return
    if isinstance(value, str):
        _text(value, field, limit)
        return
    if depth >= DATA_DEPTH:
        raise _Bad(field, f"nested more than {DATA_DEPTH} deep")
    if isinstance(value, list):
        if len(value) > DATA_ITEMS:
            raise _Bad(field, f"{len(value)} items; the limit is {DATA_ITEMS}")
        for k, item in enumerate(value):
            _plain(item, f"{field}[{k}]", limit, depth + 1)
        return
    if isinstance(value, dict):
        if len(value) > DATA_ITEMS:
            raise _Bad(field, f"{len(value)} keys; the limit is {DATA_ITEMS}")
        for key, item in value.items():
            _text(key, f"{field} key", ID_LIMIT)
            _plain(item, f"{field}.{key}", limit, depth + 1)
        return
    raise _Bad(field, "must be text, a number, a list or a mapping")


def _text(value: object, field: str, limit: int) -> None:
    if not isinstance(value, str):
        raise _Bad(field, "must be text")
    if len(value) > limit:
        raise _Bad(field, f"{len(value)} characters long; the limit is {limit}")
    if any(unicodedata.category(c) in ("Cc", "Cs") and c != "\n" for c in value):
        raise _Bad(field, "holds a control character or an invalid character")
