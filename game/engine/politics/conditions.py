"""Conditions: the ``when`` of rules and the preconditions of decisions.

Each keyword is one class in :data:`CONDITIONS`.  ``parse`` checks the
argument (reporting every problem) and ``test(state)`` answers; ``describe``
says it in words for the decisions panel and the scenario reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import numpy as np

from ..state import GameState
from ..units import MAP
from .vocabulary import ParseContext, single_key

CONDITIONS: dict[str, type["Condition"]] = {}


def register(cls):
    CONDITIONS[cls.KEY] = cls
    return cls


class Condition:
    KEY: ClassVar[str] = ""

    @classmethod
    def parse(cls, ctx: ParseContext, arg: Any, path: tuple) -> "Condition | None":
        raise NotImplementedError

    def test(self, state: GameState) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        return self.KEY


def parse_condition(ctx: ParseContext, value: Any, path: tuple) -> Condition | None:
    """Parse ``{keyword: argument}`` into a Condition (None, reported, if wrong)."""
    got = single_key(ctx, value, path, CONDITIONS, "condition")
    if got is None:
        return None
    key, arg = got
    return CONDITIONS[key].parse(ctx, arg, path + (key,))


# -- logic ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Group(Condition):
    parts: tuple[Condition, ...]

    @classmethod
    def parse(cls, ctx, arg, path):
        if not isinstance(arg, list) or not arg:
            ctx.report(path, f"expected a list of conditions under '{cls.KEY}'")
            return None
        parts = [parse_condition(ctx, item, path + (k,)) for k, item in enumerate(arg)]
        return None if any(p is None for p in parts) else cls(tuple(parts))


@register
@dataclass(frozen=True)
class All(_Group):
    KEY = "all"

    def test(self, state):
        return all(p.test(state) for p in self.parts)

    def describe(self):
        return " and ".join(p.describe() for p in self.parts)


@register
@dataclass(frozen=True)
class Any_(_Group):
    KEY = "any"

    def test(self, state):
        return any(p.test(state) for p in self.parts)

    def describe(self):
        return "either " + " or ".join(p.describe() for p in self.parts)


@register
@dataclass(frozen=True)
class Not(Condition):
    KEY = "not"
    part: Condition

    @classmethod
    def parse(cls, ctx, arg, path):
        part = parse_condition(ctx, arg, path)
        return None if part is None else cls(part)

    def test(self, state):
        return not self.part.test(state)

    def describe(self):
        return f"not ({self.part.describe()})"


# -- time -------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class DateIs(Condition):
    """``date: {from: 1950-10-01, until: 1950-12-31}`` (either bound may be left out)."""

    KEY = "date"
    start: date | None
    until: date | None

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "a date range like {from: 1950-10-01}")) is None:
            return None
        if not ctx.keys(m, path, ("from", "until")) or not m:
            if not m:
                ctx.report(path, "give 'from', 'until' or both")
            return None
        start = ctx.a_date(m["from"], path + ("from",)) if "from" in m else None
        until = ctx.a_date(m["until"], path + ("until",)) if "until" in m else None
        if ("from" in m and start is None) or ("until" in m and until is None):
            return None
        return cls(start, until)

    def test(self, state):
        d = state.date
        return (self.start is None or d >= self.start) and (self.until is None or d <= self.until)

    def describe(self):
        parts = []
        if self.start:
            parts.append(f"from {self.start:%d %b %Y}")
        if self.until:
            parts.append(f"until {self.until:%d %b %Y}")
        return " ".join(parts)


@register
@dataclass(frozen=True)
class TurnIs(Condition):
    """``turn: {min: 3, max: 10}``."""

    KEY = "turn"
    lo: int | None
    hi: int | None

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "a turn range like {min: 3}")) is None:
            return None
        if not ctx.keys(m, path, ("min", "max")):
            return None
        lo = ctx.integer(m["min"], path + ("min",), 1, 10000) if "min" in m else None
        hi = ctx.integer(m["max"], path + ("max",), 1, 10000) if "max" in m else None
        return cls(lo, hi)

    def test(self, state):
        return (self.lo is None or state.turn >= self.lo) and (self.hi is None or state.turn <= self.hi)

    def describe(self):
        return f"turn {self.lo or 1}–{self.hi or '…'}"


# -- flags and tracks -----------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class FlagIs(Condition):
    """``flag: name`` (set and true) or ``flag: {name: prc_stage, equals: warning}``."""

    KEY = "flag"
    name: str
    equals: Any = True

    @classmethod
    def parse(cls, ctx, arg, path):
        if isinstance(arg, str):
            name = ctx.flag(arg, path)
            return None if name is None else cls(name)
        if (m := ctx.need_mapping(arg, path, "a flag name or {name, equals}")) is None:
            return None
        if not ctx.keys(m, path, ("name", "equals"), ("name",)):
            return None
        name = ctx.flag(m["name"], path + ("name",))
        return None if name is None else cls(name, m.get("equals", True))

    def test(self, state):
        value = state.flag(self.name)
        return bool(value) if self.equals is True else value == self.equals

    def describe(self):
        return self.name.replace("_", " ") if self.equals is True else f"{self.name} is {self.equals}"


@register
@dataclass(frozen=True)
class TrackIs(Condition):
    """``track: {name: escalation, at_least: 40}`` (also ``above``, ``below``, ``at_most``)."""

    KEY = "track"
    name: str
    op: str
    value: float

    OPS: ClassVar[dict[str, str]] = {"at_least": "at least", "above": "above", "below": "below",
                                     "at_most": "at most"}

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{name: TRACK, at_least: N}")) is None:
            return None
        if not ctx.keys(m, path, ("name",) + tuple(cls.OPS), ("name",)):
            return None
        name = ctx.track(m["name"], path + ("name",))
        ops = [k for k in cls.OPS if k in m]
        if len(ops) != 1:
            ctx.report(path, f"give exactly one of {', '.join(cls.OPS)}")
            return None
        value = ctx.number(m[ops[0]], path + (ops[0],))
        if name is None or value is None:
            return None
        return cls(name, ops[0], value)

    def test(self, state):
        v = state.track(self.name)
        return {"at_least": v >= self.value, "above": v > self.value, "below": v < self.value,
                "at_most": v <= self.value}[self.op]

    def describe(self):
        return f"{self.name.replace('_', ' ')} {self.OPS[self.op]} {self.value:g}"


# -- forces on the map ---------------------------------------------------------------------------------

def _unit_filter(ctx: ParseContext, m: dict, path: tuple) -> tuple | None:
    """seat / bloc / nation / exclude_nation selectors shared by the unit conditions."""
    seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat") if "seat" in m else ()
    blocs = ctx.names(m["bloc"], path + ("bloc",), ctx.blocs, "bloc") if "bloc" in m else ()
    nations = ctx.names(m["nation"], path + ("nation",), ctx.nations, "nation") if "nation" in m else ()
    exclude = ctx.names(m["exclude_nation"], path + ("exclude_nation",), ctx.nations, "nation") \
        if "exclude_nation" in m else ()
    if seats is None or blocs is None or nations is None or exclude is None:
        return None
    return seats, blocs, nations, exclude


UNIT_KEYS = ("seat", "bloc", "nation", "exclude_nation")


def _selected(state: GameState, flt: tuple) -> np.ndarray:
    """Flat hex indices of the selected units on the map (one per unit, scenario order)."""
    seats, blocs, nations, exclude = flt
    key = ("unit_filter", flt)
    cache = state.setup.cache
    if key not in cache:
        t = state.units
        sel = np.ones(t.n, dtype=bool)
        if seats:
            sel &= np.isin(t.seat, [state.setup.seat_index[s] for s in seats])
        if blocs:
            sel &= np.isin(t.bloc, [state.config.bloc_code(b) for b in blocs if b in state.config.blocs])
        if nations:
            sel &= np.isin(np.array(t.nations, dtype=object), list(nations))
        if exclude:
            sel &= ~np.isin(np.array(t.nations, dtype=object), list(exclude))
        cache[key] = sel
    return state.hex[cache[key] & (state.loc == MAP)]


def _who(flt: tuple) -> str:
    seats, blocs, nations, exclude = flt
    who = "/".join(nations or seats or blocs or ("any",))
    if exclude:
        who += f" (not {'/'.join(exclude)})"
    return who


@dataclass(frozen=True)
class _LatitudeCount(Condition):
    lat: float
    count: int
    flt: tuple

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{lat: 38.0, seat: un, count: 1}")) is None:
            return None
        if not ctx.keys(m, path, ("lat", "count") + UNIT_KEYS, ("lat",)):
            return None
        lat = ctx.number(m["lat"], path + ("lat",), 30, 45)
        count = ctx.integer(m.get("count", 1), path + ("count",), 1, 1000)
        flt = _unit_filter(ctx, m, path)
        return None if lat is None or count is None or flt is None else cls(lat, count, flt)

    def _n(self, state, north: bool) -> int:
        lat = state.board.lat[_selected(state, self.flt)].astype(np.float64)
        return int((lat > self.lat).sum()) if north else int((lat < self.lat).sum())


@register
@dataclass(frozen=True)
class UnitsNorthOf(_LatitudeCount):
    """``units_north_of: {lat: 38.0, seat: un, exclude_nation: rok, count: 1}``."""

    KEY = "units_north_of"

    def test(self, state):
        return self._n(state, True) >= self.count

    def describe(self):
        return f"{self.count}+ {_who(self.flt)} units north of {self.lat:g}°N"


@register
@dataclass(frozen=True)
class UnitsSouthOf(_LatitudeCount):
    """``units_south_of: {lat: 36.0, bloc: communist, count: 3}``."""

    KEY = "units_south_of"

    def test(self, state):
        return self._n(state, False) >= self.count

    def describe(self):
        return f"{self.count}+ {_who(self.flt)} units south of {self.lat:g}°N"


@register
@dataclass(frozen=True)
class UnitsInRegion(Condition):
    """``units_in_region: {region: manchuria, seat: un, count: 1}``."""

    KEY = "units_in_region"
    region: str
    mask: np.ndarray
    count: int
    flt: tuple

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{region: NAME, seat: un, count: 1}")) is None:
            return None
        if not ctx.keys(m, path, ("region", "count") + UNIT_KEYS, ("region",)):
            return None
        region = ctx.region(m["region"], path + ("region",))
        count = ctx.integer(m.get("count", 1), path + ("count",), 1, 1000)
        flt = _unit_filter(ctx, m, path)
        if region is None or count is None or flt is None:
            return None
        return cls(region, ctx.regions[region], count, flt)

    def test(self, state):
        return int(self.mask[_selected(state, self.flt)].sum()) >= self.count

    def describe(self):
        return f"{self.count}+ {_who(self.flt)} units in {self.region.replace('_', ' ')}"


@register
@dataclass(frozen=True)
class NearRegion(Condition):
    """``near_region: {region: yalu, seat: un, within: 3}``: a selected unit within N hexes of the region."""

    KEY = "near_region"
    region: str
    distance: np.ndarray    # per hex: steps to the region
    within: int
    flt: tuple

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{region: NAME, seat: un, within: 3}")) is None:
            return None
        if not ctx.keys(m, path, ("region", "within") + UNIT_KEYS, ("region", "within")):
            return None
        region = ctx.region(m["region"], path + ("region",))
        within = ctx.integer(m["within"], path + ("within",), 0, 100)
        flt = _unit_filter(ctx, m, path)
        if region is None or within is None or flt is None:
            return None
        return cls(region, region_distance(ctx.board, ctx.regions[region]), within, flt)

    def test(self, state):
        return bool((self.distance[_selected(state, self.flt)] <= self.within).any())

    def describe(self):
        return f"{_who(self.flt)} units within {self.within} hexes of {self.region.replace('_', ' ')}"


def region_distance(board, mask: np.ndarray) -> np.ndarray:
    """Hex steps from every hex to the nearest hex of ``mask`` (breadth-first over the grid)."""
    dist = np.full(board.size, 10_000, dtype=np.int32)
    frontier = np.flatnonzero(mask)
    dist[frontier] = 0
    d = 0
    while frontier.size:
        d += 1
        nb = board.neighbors[frontier].ravel()
        nb = np.unique(nb[nb >= 0])
        nb = nb[dist[nb] > d]
        dist[nb] = d
        frontier = nb
    return dist


@register
@dataclass(frozen=True)
class Controls(Condition):
    """``controls: {bloc: un, places: [pyongyang], all: true}`` (``all: false``: any of them)."""

    KEY = "controls"
    bloc: str
    places: tuple[str, ...]
    every: bool

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{bloc: un, places: [seoul]}")) is None:
            return None
        if not ctx.keys(m, path, ("bloc", "places", "all"), ("bloc", "places")):
            return None
        bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
        places = ctx.names(m["places"], path + ("places",), ctx.board.places, "place")
        every = m.get("all", True)
        if not isinstance(every, bool):
            ctx.report(path + ("all",), "expected true or false")
            return None
        return None if bloc is None or places is None else cls(bloc, places, every)

    def test(self, state):
        code = state.config.bloc_code(self.bloc)
        held = [int(state.control[state.board.index(state.board.places[p].hex)]) == code for p in self.places]
        return all(held) if self.every else any(held)

    def describe(self):
        return f"the {self.bloc} side holds {(' and ' if self.every else ' or ').join(self.places)}"


@register
@dataclass(frozen=True)
class Losses(Condition):
    """``losses: {seat: un, at_least: 12}``: strength steps the seats have lost so far."""

    KEY = "losses"
    seats: tuple[str, ...]
    at_least: int

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{seat: un, at_least: 10}")) is None:
            return None
        if not ctx.keys(m, path, ("seat", "at_least"), ("seat", "at_least")):
            return None
        seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
        n = ctx.integer(m["at_least"], path + ("at_least",), 0, 100000)
        return None if seats is None or n is None else cls(seats, n)

    def test(self, state):
        return sum(state.steps_lost_by(s) for s in self.seats) >= self.at_least

    def describe(self):
        return f"{'/'.join(self.seats)} losses at least {self.at_least} steps"


@register
@dataclass(frozen=True)
class FrontStable(Condition):
    """``front_stable: {turns: 4}``: the front has hardly moved for that many turns."""

    KEY = "front_stable"
    turns: int

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{turns: 4}")) is None:
            return None
        if not ctx.keys(m, path, ("turns",), ("turns",)):
            return None
        n = ctx.integer(m["turns"], path + ("turns",), 1, 200)
        return None if n is None else cls(n)

    def test(self, state):
        return state.stable_turns >= self.turns

    def describe(self):
        return f"the front stable for {self.turns} turns"


@register
@dataclass(frozen=True)
class TalksAre(Condition):
    """``talks: open`` (closed, open, suspended, signed)."""

    KEY = "talks"
    status: str
    STATES: ClassVar[tuple[str, ...]] = ("closed", "open", "suspended", "signed")

    @classmethod
    def parse(cls, ctx, arg, path):
        s = ctx.choice(arg, path, cls.STATES, "talks state")
        return None if s is None else cls(s)

    def test(self, state):
        return state.talks.value == self.status

    def describe(self):
        return f"talks {self.status}"


@register
@dataclass(frozen=True)
class SeatActive(Condition):
    """``seat_active: dprk_prc``: it is that seat's turn (for rules checked at seat boundaries)."""

    KEY = "seat_active"
    seat: str

    @classmethod
    def parse(cls, ctx, arg, path):
        s = ctx.choice(arg, path, ctx.seat_ids, "seat")
        return None if s is None else cls(s)

    def test(self, state):
        return state.active_seat.id == self.seat

    def describe(self):
        return f"{self.seat}'s turn"
