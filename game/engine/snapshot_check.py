"""A snapshot (a save's position) held field by field to what the game can hold, before any of it is trusted.

Contract: ``check_snapshot(setup, snap)`` returns None when every field a
snapshot carries has its type and lies in its range for the game of ``setup``,
and raises :class:`SnapshotInvalid` naming the first field that does not
otherwise.  It is the one place that says what a position may hold:

* per unit: ``loc`` a location code; ``hex`` a hex of the board when the unit is
  on the map, else -1 or a hex of the board (a unit leaving the map keeps -1);
  ``steps`` from 0 to the unit's most, at least 1 on the map; ``oos`` a count;
  ``dug_in`` -1 or a hex; ``arrives`` none (0) or a day near the calendar; the
  marks true or false;
* per hex: ``control`` a bloc's code or 0; ``holder`` a seat's number or 0;
* tracks within their scenario range; per-seat, per-rule and per-loss counts
  whole numbers from 0 to COUNT_LIMIT; dates of flags and decisions none or
  near the calendar; supply bonuses within SUPPLY_LIMIT either way;
* scalars: talks and phase from their lists, the outcome from the engine's
  list (game/engine/politics/effects.py OUTCOMES and the blocs' unifications),
  turn within the calendar, the active seat one of the scenario's, counters of
  the turn from 0 to COUNT_LIMIT, flags plain values (nothing, true/false, a
  number, short text), the DMZ a list of [hex, hexside] pairs, the random
  generator's state of its own shape.

A field that is missing is refused, except the arrays this engine added after
saves were first written (GameState.LATER_ARRAYS), which keep their blank
value: an older snapshot is checked as strictly as a new one, never trusted.
Types are exact: ``true`` is not a number, ``"2"`` not a step, ``0.5`` not a
location.  Checking is linear in the snapshot's size and never recursive.
"""

from __future__ import annotations

import math

import numpy as np

from .setup import Setup
from .state import GameState, Phase, TalksStatus
from .units import LOCATIONS, MAP

__all__ = ["SnapshotInvalid", "check_snapshot", "COUNT_LIMIT", "known_outcomes"]

#: The largest count a position holds (steps lost, rules fired, actions applied...): a whole war by the
#: computer applies a few tens of thousands of actions; a larger count is damage, and int32 would wrap at 2**31.
COUNT_LIMIT = 10_000_000
#: A turn counter that counts at most once a seat-turn (out of supply, stable turns): far below int16's 32767.
TURN_COUNT_LIMIT = 10_000
#: Supply range changes a bloc can accumulate, either way (a scenario's effects move it a few hexes).
SUPPLY_LIMIT = 1_000
#: How far from the calendar a date (an arrival, a flag, a decision) may lie: gated arrivals wait long.
DATE_SLACK_DAYS = 3660
#: The largest number a flag may hold, and its longest text.
FLAG_NUMBER_LIMIT = 1e12
FLAG_TEXT_LIMIT = 200
#: The random generator's words are 128 bits; its spare word 32.
RNG_WORD = 2 ** 128
RNG_SPARE = 2 ** 32
MAX_SEED = 2 ** 64 - 1


class SnapshotInvalid(ValueError):
    """A snapshot field the game cannot hold: ``field`` (e.g. ``steps[4]``) and ``problem`` in a player's words."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def known_outcomes(setup: Setup) -> frozenset[str]:
    """Every way a game of ``setup`` can end, as the engine writes it."""
    from .politics.effects import OUTCOMES
    return frozenset(OUTCOMES) | {f"unification:{b}" for b in setup.config.blocs}


def check_snapshot(setup: Setup, snap: object) -> None:
    """None if ``snap`` is a position the game of ``setup`` can hold; else SnapshotInvalid naming the field."""
    if not isinstance(snap, dict):
        raise SnapshotInvalid("snapshot", "must be a mapping")
    _Check(setup, snap).run()


class _Check:
    """One snapshot's checks against one setup; each method refuses its field or returns its value."""

    def __init__(self, setup: Setup, snap: dict) -> None:
        self.setup, self.snap = setup, snap
        dates = setup.turn_dates
        self.first_day = dates[0].toordinal() - DATE_SLACK_DAYS
        self.last_day = dates[-1].toordinal() + DATE_SLACK_DAYS
        self.size = setup.board.size
        self.n = setup.units.n

    # -- helpers -------------------------------------------------------------------------------------
    def get(self, name: str) -> object:
        if name not in self.snap:
            raise SnapshotInvalid(name, "missing")
        return self.snap[name]

    def listing(self, name: str, length: int, kind: str) -> np.ndarray | None:
        """The field as an array after an exact type check of every item (None: a later array left out)."""
        if name not in self.snap and name in GameState.LATER_ARRAYS:
            return None
        value = self.get(name)
        if not isinstance(value, list):
            raise SnapshotInvalid(name, f"must be a list, not {_kind(value)}")
        if len(value) != length:
            raise SnapshotInvalid(name, f"has {len(value)} entries; the scenario needs {length}")
        for k, item in enumerate(value):
            if not _is(item, kind):
                raise SnapshotInvalid(self.item(name, k), f"must be {_KIND_WORDS[kind]}, not {_shown(item)}")
        if kind == "bool":
            return np.array(value, dtype=bool)
        if kind == "int":
            if any(abs(v) > 2 ** 62 for v in value):
                k = next(k for k, v in enumerate(value) if abs(v) > 2 ** 62)
                raise SnapshotInvalid(self.item(name, k), f"{_shown(value[k])} is far outside what it can hold")
            return np.array(value, dtype=np.int64)
        arr = np.array(value, dtype=np.float64)
        if not np.isfinite(arr).all():
            k = int(np.flatnonzero(~np.isfinite(arr))[0])
            raise SnapshotInvalid(self.item(name, k), "must be a finite number")
        return arr

    def item(self, name: str, k: int) -> str:
        """``name[k]``, with the unit's id for a per-unit array (the message says which unit)."""
        if name in _PER_UNIT and 0 <= k < self.n:
            return f"{name}[{k}] (unit {self.setup.units.ids[k]})"
        return f"{name}[{k}]"

    def within(self, name: str, arr: np.ndarray | None, lo: np.ndarray | float, hi: np.ndarray | float,
               words: str, ok: np.ndarray | None = None) -> None:
        """Refuse the first item outside [lo, hi] (where ``ok`` is not already true)."""
        if arr is None:
            return
        bad = (arr < lo) | (arr > hi)
        if ok is not None:
            bad &= ~ok
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise SnapshotInvalid(self.item(name, k), f"{_shown(arr[k].item())} is not {words}")

    def whole(self, name: str, lo: int, hi: int, words: str) -> int:
        value = self.get(name)
        if not _is(value, "int") or not lo <= value <= hi:
            raise SnapshotInvalid(name, f"must be {words} (a whole number from {lo} to {hi}), not {_shown(value)}")
        return value

    def flag(self, name: str) -> bool:
        value = self.get(name)
        if not isinstance(value, bool):
            raise SnapshotInvalid(name, f"must be true or false, not {_shown(value)}")
        return value

    def choice(self, name: str, allowed: frozenset[str] | set[str], optional: bool = False) -> None:
        value = self.get(name)
        if value is None and optional:
            return
        if not isinstance(value, str) or value not in allowed:
            raise SnapshotInvalid(name, f"must be one of {', '.join(sorted(allowed))}, not {_shown(value)}")

    # -- the fields ----------------------------------------------------------------------------------
    def run(self) -> None:
        self.units()
        self.hexes()
        self.politics()
        self.scalars()
        self.rng()

    def units(self) -> None:
        n, size = self.n, self.size
        table = self.setup.units
        loc = self.listing("loc", n, "int")
        self.within("loc", loc, 0, len(LOCATIONS) - 1, f"a location code (0 to {len(LOCATIONS) - 1}: "
                    f"{', '.join(x.value for x in LOCATIONS)})")
        on_map = loc == MAP
        hexes = self.listing("hex", n, "int")
        self.within("hex", hexes, 0, size - 1, f"a hex of the board (0 to {size - 1}) for a unit on the map",
                    ok=~on_map & (hexes == -1))
        steps = self.listing("steps", n, "int")
        self.within("steps", steps, 0, table.max_steps.astype(np.int64), "a number of steps the unit can have")
        self.within("steps", steps, 1, 127, "at least 1 step, as every unit on the map has", ok=~on_map)
        for name in ("moved", "attacked", "hidden", "ungated"):
            self.listing(name, n, "bool")
        self.within("oos", self.listing("oos", n, "int"), 0, TURN_COUNT_LIMIT, "a count of turns out of supply")
        self.within("dug_in", self.listing("dug_in", n, "int"), -1, size - 1, "-1 or a hex of the board")
        arrives = self.listing("arrives", n, "int")
        self.within("arrives", arrives, self.first_day, self.last_day, "a day near the scenario's calendar",
                    ok=arrives == 0)

    def hexes(self) -> None:
        size, config = self.size, self.setup.config
        blocs, seats = len(config.blocs), len(config.seats)
        self.within("control", self.listing("control", size, "int"), 0, blocs,
                    f"a bloc's code (0 for nobody, 1 to {blocs})")
        self.within("holder", self.listing("holder", size, "int"), 0, seats,
                    f"a seat's number (0 for nobody, 1 to {seats})")
        self.listing("attacked_hexes", size, "bool")

    def politics(self) -> None:
        setup = self.setup
        tracks = self.listing("tracks", len(setup.track_names), "float")
        specs = [setup.config.politics.tracks[t] for t in setup.track_names]
        lo = np.array([s.lo for s in specs], dtype=np.float64)
        hi = np.array([s.hi for s in specs], dtype=np.float64)
        if tracks is not None and len(specs):
            bad = (tracks < lo - 1e-6) | (tracks > hi + 1e-6)
            if bad.any():
                k = int(np.flatnonzero(bad)[0])
                raise SnapshotInvalid(f"tracks[{k}] ({setup.track_names[k]})",
                                      f"{tracks[k]:g} is outside the track's range {lo[k]:g} to {hi[k]:g}")
        seats = len(setup.config.seats)
        for name, length in (("steps_lost", seats), ("steps_inflicted", seats), ("rule_fired", len(setup.rule_ids)),
                             ("loss_marks", len(setup.loss_keys))):
            self.within(name, self.listing(name, length, "int"), 0, COUNT_LIMIT, f"a count from 0 to {COUNT_LIMIT}")
        for name, length in (("flag_since", len(setup.flag_names)), ("decision_taken", len(setup.decision_ids))):
            arr = self.listing(name, length, "int")
            self.within(name, arr, self.first_day, self.last_day, "none (0) or a day near the scenario's calendar",
                        ok=arr == 0)
        self.listing("offered", len(setup.decision_ids), "bool")
        self.within("supply_bonus", self.listing("supply_bonus", len(setup.config.blocs) + 1, "int"),
                    -SUPPLY_LIMIT, SUPPLY_LIMIT, f"a change of supply range from {-SUPPLY_LIMIT} to {SUPPLY_LIMIT}")
        values = self.get("flag_values")
        if not isinstance(values, list) or len(values) != len(setup.flag_names):
            raise SnapshotInvalid("flag_values", f"must be a list of {len(setup.flag_names)} values "
                                                 "(the scenario's flags)")
        for k, value in enumerate(values):
            if not _plain_flag(value):
                raise SnapshotInvalid(f"flag_values[{k}] ({setup.flag_names[k]})",
                                      "must be nothing, true or false, a number or short text, "
                                      f"not {_shown(value)}")

    def scalars(self) -> None:
        setup = self.setup
        self.choice("talks", {t.value for t in TalksStatus})
        self.choice("phase", {p.value for p in Phase})
        self.choice("outcome", known_outcomes(setup), optional=True)
        turn = self.get("turn")
        if not _is(turn, "int") or not 1 <= turn <= len(setup.turn_dates):
            raise SnapshotInvalid("turn", f"turn {_shown(turn)} is outside the scenario's {len(setup.turn_dates)} "
                                          "turns")
        self.whole("seat_index", 0, len(setup.config.seats) - 1, "one of the scenario's seats")
        self.whole("seed", 0, MAX_SEED, "a dice seed")
        self.whole("stable_turns", 0, TURN_COUNT_LIMIT, "a count of turns")
        for name in ("hexes_changed", "rail_used", "sea_used", "landings_used", "actions_applied"):
            self.whole(name, 0, COUNT_LIMIT, "a count")
        for name in ("mig_alley", "no_air_support"):
            self.flag(name)
        peak = self.get("escalation_peak")
        spec = setup.config.politics.tracks.get("escalation") if setup.config.politics else None
        lo, hi = (min(0.0, spec.lo), max(0.0, spec.hi)) if spec else (0.0, FLAG_NUMBER_LIMIT)
        if not _is(peak, "float") or not lo - 1e-6 <= peak <= hi + 1e-6:
            raise SnapshotInvalid("escalation_peak", f"must be a number from {lo:g} to {hi:g}, not {_shown(peak)}")
        dmz = self.get("dmz")
        if dmz is not None:
            if not isinstance(dmz, list) or len(dmz) > 6 * self.size:
                raise SnapshotInvalid("dmz", "must be nothing or a list of [hex, hexside] pairs")
            for k, pair in enumerate(dmz):
                if not (isinstance(pair, list) and len(pair) == 2 and all(_is(v, "int") for v in pair)
                        and 0 <= pair[0] < self.size and 0 <= pair[1] <= 5):
                    raise SnapshotInvalid(f"dmz[{k}]", f"must be a [hex, hexside] pair on the board, "
                                                       f"not {_shown(pair)}")

    def rng(self) -> None:
        r = self.get("rng")
        if not isinstance(r, dict):
            raise SnapshotInvalid("rng", f"must be a mapping, not {_shown(r)}")
        for name in ("state", "inc"):
            word = r.get(name)
            if not (isinstance(word, str) and 0 < len(word) <= 39 and word.isascii() and word.isdigit()
                    and int(word) < RNG_WORD):
                raise SnapshotInvalid(f"rng.{name}", "must be the random generator's 128-bit word as digits, "
                                                     f"not {_shown(word)}")
        if not _is(r.get("has_uint32"), "int") or r["has_uint32"] not in (0, 1):
            raise SnapshotInvalid("rng.has_uint32", f"must be 0 or 1, not {_shown(r.get('has_uint32'))}")
        if not _is(r.get("uinteger"), "int") or not 0 <= r["uinteger"] < RNG_SPARE:
            raise SnapshotInvalid("rng.uinteger", f"must be a whole number from 0 to {RNG_SPARE - 1}, "
                                                  f"not {_shown(r.get('uinteger'))}")


#: The per-unit arrays (a refusal names the unit).
_PER_UNIT = frozenset({"loc", "hex", "steps", "moved", "attacked", "hidden", "oos", "arrives", "ungated", "dug_in"})
_KIND_WORDS = {"int": "a whole number", "bool": "true or false", "float": "a number"}


def _is(value: object, kind: str) -> bool:
    """Whether ``value`` is exactly of ``kind`` as JSON writes it (a bool is never a number)."""
    if kind == "bool":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if kind == "int":
        return isinstance(value, int)
    return isinstance(value, (int, float)) and math.isfinite(value)


def _plain_flag(value: object) -> bool:
    """A flag's value as the scenario's ``set_flag`` writes one: nothing, true/false, a number, short text."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, (int, float)):
        return _is(value, "float") and abs(value) <= FLAG_NUMBER_LIMIT
    if isinstance(value, str):
        return len(value) <= FLAG_TEXT_LIMIT and value.isprintable()
    return False


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text"}.get(type(value), "a number")


def _shown(value: object) -> str:
    """A value as a message quotes it: short, and never Python's repr of a huge number or a nested structure."""
    if isinstance(value, str):
        clean = "".join(c if c.isprintable() else "?" for c in value[:30])
        return f"'{clean}…'" if len(value) > 30 else f"'{clean}'"
    if isinstance(value, bool) or value is None:
        return _kind(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10 ** 20 else "a number too long to show"
    if isinstance(value, float):
        return f"{value:g}"
    return _kind(value)

