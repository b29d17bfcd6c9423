"""The shape of a computer player's memory as a save carries it (Commander.memory()), held before restore trusts it.

``memory_problem(memory, text_limit)`` is None for a memory ``Commander.restore`` can take back and the game
can show, else ``'<field>: <problem>'`` in a player's words, the field relative to the memory ("rng.state",
"plan.reserve[0]").  It is the AI layer's own contract: the session (game/session/savefile.py) asks it of
every seat of a save's ``agents`` section.  Bounds, and why:

* the dice (numpy's PCG64 state): ``state`` and ``inc`` whole numbers from 0 to 2**128-1 (as text, as
  memory() writes them), ``has_uint32`` 0 or 1, ``uinteger`` from 0 to 2**32-1; numpy raises
  OverflowError outside them;
* the plan the map overlay draws: a known stance, hexes as pairs of whole numbers within HEX_LIMIT (a
  hex at 10**18 made a 43 s frame), a reserve of unit ids;
* every reason and id short and printable: a NUL stops pygame_gui's text, megabytes of it freeze its layout;
* every list at most MAX_ITEMS long (a war has a few hundred units and a board a few thousand hexes).
"""

from __future__ import annotations

import math
import unicodedata

from game.engine.api import ActionFormatError, Phase, action_from_dict

#: The stances a plan may have (game/ai/operations.py and lookahead.py make them; the overlay names them).
STANCES = ("attack", "hold", "fall back")
#: Farther from the origin than any board's hex (a board is at most a few hundred hexes across).
HEX_LIMIT = 1000
#: The longest list a memory holds: more than a board's hexes or a war's units.
MAX_ITEMS = 5000
#: A unit's, seat's or decision's id.
ID_LIMIT = 64
#: A turn no scenario reaches (game/session/savecheck.py MAX_TURN).
TURN_LIMIT = 1000


class _Bad(Exception):
    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")


def memory_problem(memory: object, text_limit: int = 4000) -> str | None:
    """None if ``memory`` is a well-formed Commander memory; else '<field>: <problem>'."""
    try:
        _check(memory, text_limit)
    except _Bad as exc:
        return str(exc)
    return None


def _check(memory: object, text_limit: int) -> None:
    if not isinstance(memory, dict):
        raise _Bad("memory", "must be a mapping")
    _rng(memory.get("rng"))
    if memory.get("last_reason") is not None:
        _text(memory["last_reason"], "last_reason", text_limit)
    key = memory.get("phase_key")
    if key is not None:
        if not isinstance(key, list) or len(key) != 3:
            raise _Bad("phase_key", "must be [turn, seat, phase]")
        _whole(key[0], "phase_key[0]", 1, TURN_LIMIT)
        _text(key[1], "phase_key[1]", ID_LIMIT)
        if key[2] not in [p.value for p in Phase]:
            raise _Bad("phase_key[2]", "not a phase of the game")
    for n, order in enumerate(_items(memory, "orders", list)):
        field = f"orders[{n}]"
        if not isinstance(order, list) or len(order) != 2:
            raise _Bad(field, "must be [action, reason]")
        try:
            action_from_dict(order[0])
        except (ActionFormatError, KeyError, TypeError, ValueError, IndexError, OverflowError):
            raise _Bad(field, "not an action the game knows") from None
        _text(order[1], f"{field}[1]", text_limit)
    for name in ("planned_seeing", "weighed"):
        for n, uid in enumerate(_items(memory, name, list)):
            _text(uid, f"{name}[{n}]", ID_LIMIT)
    _whole(memory.get("replans", 0), "replans", 0, MAX_ITEMS)
    for k, since in _items(memory, "seen_open", dict).items():
        _text(k, "seen_open", ID_LIMIT)
        _whole(since, f"seen_open.{k}", 0, TURN_LIMIT)
    for k, since in _items(memory, "waited", dict).items():
        _text(k, "waited", ID_LIMIT)
        _whole(since, f"waited.{k}", 0, TURN_LIMIT)
    for k, n in _items(memory, "offers", dict).items():          # the random agent's count of each decision's offers
        _text(k, "offers", ID_LIMIT)
        _whole(n, f"offers.{k}", 0, TURN_LIMIT)
    for k, seen in _items(memory, "enemy_units", dict).items():
        _text(k, "enemy_units", ID_LIMIT)
        if not isinstance(seen, list) or len(seen) != 2:
            raise _Bad(f"enemy_units.{k}", "must be [turn, strength]")
        _whole(seen[0], f"enemy_units.{k}[0]", 0, TURN_LIMIT)
        if type(seen[1]) not in (int, float) or not math.isfinite(seen[1]) or not 0 <= seen[1] <= 1e6:
            raise _Bad(f"enemy_units.{k}[1]", "must be a strength from 0 to 1000000")
    if type(memory.get("power_in", False)) is not bool:
        raise _Bad("power_in", "must be true or false")
    if memory.get("plan") is not None:
        _plan(memory["plan"])


def _rng(rng: object) -> None:
    if not isinstance(rng, dict):
        raise _Bad("rng", "must be the dice's state (a mapping)")
    for word in ("state", "inc"):
        value = rng.get(word)
        if isinstance(value, str) and value.isdecimal() and value.isascii() and len(value) <= 39:
            value = int(value)
        _whole(value, f"rng.{word}", 0, 2 ** 128 - 1, "2**128-1")
    _whole(rng.get("has_uint32"), "rng.has_uint32", 0, 1)
    _whole(rng.get("uinteger"), "rng.uinteger", 0, 2 ** 32 - 1, "2**32-1")


def _plan(plan: object) -> None:
    if not isinstance(plan, dict):
        raise _Bad("plan", "must be a mapping")
    if plan.get("stance") not in STANCES:
        raise _Bad("plan.stance", f"must be one of {', '.join(STANCES)}")
    for name in ("front", "axis"):
        hexes = _items(plan, name, list, f"plan.{name}")
        if name == "axis" and len(hexes) not in (0, 2):
            raise _Bad("plan.axis", "must be two hexes or none")
        for n, pair in enumerate(hexes):
            _hex(pair, f"plan.{name}[{n}]")
    for n, uid in enumerate(_items(plan, "reserve", list, "plan.reserve")):
        _text(uid, f"plan.reserve[{n}]", ID_LIMIT)
    if plan.get("landing") is not None:
        _hex(plan["landing"], "plan.landing")


def _items(data: dict, key: str, kind: type, field: str | None = None):
    value = data.get(key)
    if value is None:
        return kind()
    field = field or key
    if not isinstance(value, kind):
        raise _Bad(field, "must be a list" if kind is list else "must be a mapping")
    if len(value) > MAX_ITEMS:
        raise _Bad(field, f"{len(value)} items; the limit is {MAX_ITEMS}")
    return value


def _hex(pair: object, field: str) -> None:
    if not isinstance(pair, list) or len(pair) != 2:
        raise _Bad(field, "must be a hex [q, r]")
    for value in pair:
        _whole(value, field, -HEX_LIMIT, HEX_LIMIT)


def _whole(value: object, field: str, lo: int, hi: int, hi_shown: str = "") -> None:
    if type(value) is not int or not lo <= value <= hi:
        raise _Bad(field, f"must be a whole number from {lo} to {hi_shown or hi}")


def _text(value: object, field: str, limit: int) -> None:
    if not isinstance(value, str):
        raise _Bad(field, "must be text")
    if len(value) > limit:
        raise _Bad(field, f"{len(value)} characters long; the limit is {limit}")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in value):
        raise _Bad(field, "holds a control character or an invalid character")
