"""Parsers of the conditions: the ``when`` of rules and decisions, from plain data to engine specs.

One parser per keyword of the engine's registry
(:data:`game.engine.politics.conditions.CONDITIONS`), in :data:`PARSERS`; a
test keeps the two registries in step.  A parser gets the condition's class,
the context, the keyword's argument and its path; it reports every problem and
returns the typed condition, or None where the data was wrong.
"""

from __future__ import annotations

from typing import Any

from game.engine.politics.conditions import (
    CONDITIONS,
    All,
    Any_,
    Condition,
    Controls,
    DateIs,
    FlagIs,
    FrontStable,
    Losses,
    NearRegion,
    Not,
    SeatActive,
    TalksAre,
    TrackIs,
    TurnIs,
    UnitsInRegion,
    UnitsNorthOf,
    UnitsSouthOf,
    region_distance,
)

from .politics_context import ParseContext, Parser, parse_keyword, registrar
from .problems import INVALID

#: keyword -> parser(ctx, argument, path) -> Condition or None (reported).
PARSERS: dict[str, Parser] = {}
parses = registrar(PARSERS)


def parse_condition(ctx: ParseContext, value: Any, path: tuple) -> Condition | None:
    """Parse ``{keyword: argument}`` into a Condition (None, reported, if wrong)."""
    return parse_keyword(ctx, value, path, CONDITIONS, PARSERS, "condition")


# -- logic ---------------------------------------------------------------------------------

@parses(All, Any_)
def _group(cls, ctx, arg, path):
    if not isinstance(arg, list) or not arg:
        ctx.report(path, f"expected a list of conditions under '{cls.KEY}'")
        return None
    parts = [parse_condition(ctx, item, path + (k,)) for k, item in enumerate(arg)]
    return None if any(p is None for p in parts) else cls(tuple(parts))


@parses(Not)
def _not(cls, ctx, arg, path):
    part = parse_condition(ctx, arg, path)
    return None if part is None else cls(part)


# -- time -------------------------------------------------------------------------------------

@parses(DateIs)
def _date(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "a date range like {from: 1950-10-01}", ("from", "until"),
                        empty="give 'from', 'until' or both")) is None:
        return None
    start = ctx.a_date(m["from"], path + ("from",)) if "from" in m else None
    until = ctx.a_date(m["until"], path + ("until",)) if "until" in m else None
    if ("from" in m and start is None) or ("until" in m and until is None):
        return None
    return cls(start, until)


@parses(TurnIs)
def _turn(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "a turn range like {min: 3}", ("min", "max"))) is None:
        return None
    lo = ctx.integer(m["min"], path + ("min",), 1, 10000) if "min" in m else None
    hi = ctx.integer(m["max"], path + ("max",), 1, 10000) if "max" in m else None
    return cls(lo, hi)


# -- flags and tracks -----------------------------------------------------------------------------

@parses(FlagIs)
def _flag(cls, ctx, arg, path):
    if isinstance(arg, str):
        name = ctx.flag(arg, path)
        return None if name is None else cls(name)
    if (m := ctx.record(arg, path, "a flag name or {name, equals}", ("name", "equals"), ("name",))) is None:
        return None
    name = ctx.flag(m["name"], path + ("name",))
    equals = ctx.scalar(m["equals"], path + ("equals",)) if "equals" in m else True
    return None if name is None or equals is INVALID else cls(name, equals)


@parses(TrackIs)
def _track(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{name: TRACK, at_least: N}", ("name",) + tuple(cls.OPS), ("name",))) is None:
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


# -- forces on the map ---------------------------------------------------------------------------------

#: The unit selectors the unit conditions share (the filter tuple of game/engine/politics/conditions.py).
UNIT_KEYS = ("seat", "bloc", "nation", "exclude_nation")


def _unit_filter(ctx: ParseContext, m: dict, path: tuple) -> tuple | None:
    """(seats, blocs, nations, exclude_nations), each a tuple of names, () where not given."""
    seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat") if "seat" in m else ()
    blocs = ctx.names(m["bloc"], path + ("bloc",), ctx.blocs, "bloc") if "bloc" in m else ()
    nations = ctx.names(m["nation"], path + ("nation",), ctx.nations, "nation") if "nation" in m else ()
    exclude = ctx.names(m["exclude_nation"], path + ("exclude_nation",), ctx.nations, "nation") \
        if "exclude_nation" in m else ()
    if seats is None or blocs is None or nations is None or exclude is None:
        return None
    return seats, blocs, nations, exclude


@parses(UnitsNorthOf, UnitsSouthOf)
def _latitude_count(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{lat: 38.0, seat: un, count: 1}", ("lat", "count") + UNIT_KEYS, ("lat",))) is None:
        return None
    lat = ctx.number(m["lat"], path + ("lat",), 30, 45)
    count = ctx.integer(m.get("count", 1), path + ("count",), 1, 1000)
    flt = _unit_filter(ctx, m, path)
    return None if lat is None or count is None or flt is None else cls(lat, count, flt)


@parses(UnitsInRegion)
def _units_in_region(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{region: NAME, seat: un, count: 1}",
                        ("region", "count") + UNIT_KEYS, ("region",))) is None:
        return None
    region = ctx.region(m["region"], path + ("region",))
    count = ctx.integer(m.get("count", 1), path + ("count",), 1, 1000)
    flt = _unit_filter(ctx, m, path)
    if region is None or count is None or flt is None:
        return None
    return cls(region, ctx.regions[region], count, flt)


@parses(NearRegion)
def _near_region(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{region: NAME, seat: un, within: 3}",
                        ("region", "within") + UNIT_KEYS, ("region", "within"))) is None:
        return None
    region = ctx.region(m["region"], path + ("region",))
    within = ctx.integer(m["within"], path + ("within",), 0, 100)
    flt = _unit_filter(ctx, m, path)
    if region is None or within is None or flt is None:
        return None
    return cls(region, region_distance(ctx.board, ctx.regions[region]), within, flt)


@parses(Controls)
def _controls(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{bloc: un, places: [seoul]}",
                        ("bloc", "places", "all"), ("bloc", "places"))) is None:
        return None
    bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
    places = ctx.names(m["places"], path + ("places",), ctx.board.places, "place")
    if (every := ctx.boolean(m.get("all", True), path + ("all",))) is None:
        return None
    return None if bloc is None or places is None else cls(bloc, places, every)


@parses(Losses)
def _losses(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{seat: un, at_least: 10}", ("seat", "at_least"), ("seat", "at_least"))) is None:
        return None
    seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
    n = ctx.integer(m["at_least"], path + ("at_least",), 0, 100000)
    return None if seats is None or n is None else cls(seats, n)


@parses(FrontStable)
def _front_stable(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{turns: 4}", ("turns",), ("turns",))) is None:
        return None
    n = ctx.integer(m["turns"], path + ("turns",), 1, 200)
    return None if n is None else cls(n)


@parses(TalksAre)
def _talks(cls, ctx, arg, path):
    s = ctx.choice(arg, path, cls.STATES, "talks state")
    return None if s is None else cls(s)


@parses(SeatActive)
def _seat_active(cls, ctx, arg, path):
    s = ctx.choice(arg, path, ctx.seat_ids, "seat")
    return None if s is None else cls(s)
