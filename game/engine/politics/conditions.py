"""Conditions: the ``when`` of rules and the preconditions of decisions.

Each keyword is one class in :data:`CONDITIONS`: typed fields, ``test(state)``
to answer, and ``describe`` to say it in words for the decisions panel and the
scenario reference.  The scenario layer builds them from the YAML, one parser
per keyword (game/scenario/politics_conditions.py; a test keeps the two
registries in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

import numpy as np

from ..state import GameState
from ..units import MAP
from .model import Condition

__all__ = ["CONDITIONS", "Condition", "region_distance"]

CONDITIONS: dict[str, type[Condition]] = {}


def register(cls):
    CONDITIONS[cls.KEY] = cls
    return cls


# -- logic ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Group(Condition):
    parts: tuple[Condition, ...]


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

    def test(self, state):
        v = state.track(self.name)
        return {"at_least": v >= self.value, "above": v > self.value, "below": v < self.value,
                "at_most": v <= self.value}[self.op]

    def describe(self):
        return f"{self.name.replace('_', ' ')} {self.OPS[self.op]} {self.value:g}"


# -- forces on the map ---------------------------------------------------------------------------------

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

    def test(self, state):
        return state.active_seat.id == self.seat

    def describe(self):
        return f"{self.seat}'s turn"
