"""The cross-reference checks of a scenario's core sections: meta, calendar, seats, parameters, replacements,
units and arrivals, supply sources and victory places (registered in game/scenario/validate_context.py's
CHECKS, in this order, when game/scenario/validate.py imports this module).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from game.engine.board import Country
from game.engine.hexes import Hex

from .problems import one_of, suggest
from .schema import INVALID, MAX_UNITS
from .validate_context import JAPAN, Context, given, list_or_empty, register_check, unit_entries

#: The most turns a scenario may have: the whole war (1950-invasion.yaml) has 108; 500 weekly turns would be
#: nearly ten years, and a day-by-day calendar to the year 9999 was 2.9 million turns no one could play.
MAX_TURNS = 500


@register_check
def check_meta(ctx: Context) -> None:
    meta = ctx.data.get("meta")
    if not isinstance(meta, dict):
        return
    if ctx.stem is not None and given(meta.get("id")) and meta["id"] != ctx.stem:
        ctx.add(("meta", "id"), f"expected '{ctx.stem}' (the file name without .yaml); got '{meta['id']}'")
    if given(meta.get("start")) and given(meta.get("end")) and meta["end"] < meta["start"]:
        ctx.add(("meta", "end"), f"the end ({meta['end']}) is before the start ({meta['start']})")


def calendar_dates(data: dict) -> tuple[date | None, date | None]:
    """The scenario's first and last dates (calendar, defaulting to meta)."""
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    cal = data.get("calendar") if isinstance(data.get("calendar"), dict) else {}
    start = cal.get("start") if given(cal.get("start")) else meta.get("start")
    end = cal.get("end") if given(cal.get("end")) else meta.get("end")
    return (start if given(start) else None), (end if given(end) else None)


@register_check
def check_calendar(ctx: Context) -> None:
    cal, meta = ctx.data.get("calendar"), ctx.data.get("meta")
    if not isinstance(cal, dict) or not isinstance(meta, dict):
        return
    for key in ("start", "end"):
        if given(cal.get(key)) and given(meta.get(key)) and cal[key] != meta[key]:
            ctx.add(("calendar", key), f"expected {meta[key]} (meta.{key}); got {cal[key]}")
    start, end = calendar_dates(ctx.data)
    periods = cal.get("periods")
    if not isinstance(periods, list):
        return
    previous: date | None = None
    for i, p in enumerate(periods):
        if not isinstance(p, dict) or not given(p.get("from")):
            continue
        when = p["from"]
        if i == 0 and start is not None and when != start:
            ctx.add(("calendar", "periods", 0, "from"),
                    f"the first period must begin on the first date ({start}); got {when}")
        if previous is not None and when <= previous:
            ctx.add(("calendar", "periods", i, "from"),
                    f"periods must be in date order; {when} is not after {previous}")
        if end is not None and when > end:
            ctx.add(("calendar", "periods", i, "from"), f"{when} is after the last date ({end})")
        previous = when
    if start is not None and end is not None and _turns(start, end, periods, MAX_TURNS + 1) > MAX_TURNS:
        ctx.add(("meta", "end"), f"{start} to {end} makes more than {MAX_TURNS} turns; a game has at most "
                                 f"{MAX_TURNS} (the whole war, 1950-invasion, has 108)")


def _turns(start: date, end: date, periods: list, limit: int) -> int:
    """Turns from ``start`` to ``end`` by the valid ``periods`` (as Calendar.turn_dates counts), at most ``limit``."""
    steps = sorted((p["from"], p["days"]) for p in periods
                   if isinstance(p, dict) and given(p.get("from")) and given(p.get("days")))
    n, day = 0, start
    while day <= end and n < limit:
        n += 1
        day += timedelta(days=next((d for f, d in reversed(steps) if f <= day), 7))
    return n


@register_check
def check_seats(ctx: Context) -> None:
    first: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, seat in enumerate(list_or_empty(ctx.data.get("seats"))):
        if not isinstance(seat, dict):
            continue
        sid = seat.get("id")
        if given(sid):
            if sid in first:
                first_line = ctx.doc.line(("seats", first[sid]))
                ctx.add(("seats", i, "id"), f"duplicate seat id '{sid}' (first on line {first_line})")
            else:
                first[sid] = i
        for k, nation in enumerate(list_or_empty(seat.get("nations"))):
            if given(nation) and given(sid):
                if nation in owner and owner[nation] != sid:
                    ctx.add(("seats", i, "nations", k), f"nation '{nation}' already belongs to seat '{owner[nation]}'")
                owner.setdefault(nation, sid)
    seats = list_or_empty(ctx.data.get("seats"))
    if len(seats) >= 2 and all(isinstance(s, dict) and given(s.get("bloc")) for s in seats) and len(ctx.blocs) < 2:
        ctx.add(("seats",), f"expected seats of at least two blocs; got only '{ctx.blocs[0]}'")


@register_check
def check_parameters(ctx: Context) -> None:
    params = ctx.data.get("parameters")
    if not isinstance(params, dict) or not ctx.blocs:
        return
    for name, value in params.items():
        if name.endswith("_bloc") and given(value) and value not in ctx.blocs:
            ctx.add(("parameters", name), one_of(value, ctx.blocs))
            params[name] = INVALID      # later checks use the default instead
    for i, pair in enumerate(list_or_empty(params.get("closed"))):
        if not isinstance(pair, list) or not all(given(x) for x in pair):
            continue
        if len(pair) != 2:
            ctx.add(("parameters", "closed", i), f"expected a pair [bloc, country]; got {len(pair)} items")
            continue
        bloc, country = pair
        if bloc not in ctx.blocs:
            ctx.add(("parameters", "closed", i, 0), one_of(bloc, ctx.blocs))
        countries = [c.name for c in Country if c is not Country.NONE]
        if country not in countries:
            ctx.add(("parameters", "closed", i, 1), one_of(country, countries))


@register_check
def check_replacements(ctx: Context) -> None:
    seats = ctx.seats
    for section in ("replacements", "rebuild_after", "ai"):
        for sid in (ctx.data.get(section) or {}):
            if seats and sid not in seats:
                ctx.add((section, sid), one_of(sid, list(seats), "a seat id, one of"))
    for flag, steps in (ctx.data.get("replacements_after") or {}).items():
        for sid in (steps if isinstance(steps, dict) else {}):
            if seats and sid not in seats:
                ctx.add(("replacements_after", flag, sid), one_of(sid, list(seats), "a seat id, one of"))
    for i, lesson in enumerate(list_or_empty(ctx.data.get("lessons"))):
        for k, sid in enumerate(list_or_empty(lesson.get("to")) if isinstance(lesson, dict) else []):
            if seats and given(sid) and sid not in seats:
                ctx.add(("lessons", i, "to", k), one_of(sid, list(seats), "a seat id, one of"))


def _check_unit(ctx: Context, unit: dict, path: tuple, ids: dict[str, tuple]) -> str | None:
    """Checks shared by start units and arrivals; returns the unit's bloc if known."""
    uid = unit.get("id")
    if given(uid):
        if uid in ids:
            ctx.add(path + ("id",), f"duplicate unit id '{uid}' (first on line {ctx.doc.line(ids[uid])})")
        else:
            ids[uid] = path
    seats = ctx.seats
    sid = unit.get("seat")
    if not given(sid) or not seats:
        return None
    if sid not in seats:
        ctx.add(path + ("seat",), one_of(sid, list(seats)))
        return None
    seat = seats[sid]
    nations = [n for n in list_or_empty(seat.get("nations")) if given(n)]
    nation = unit.get("nation")
    if given(nation) and nations and nation not in nations:
        ctx.add(path + ("nation",), f"expected one of {', '.join(nations)} (the nations of seat '{sid}'); "
                                    f"got '{nation}'{suggest(nation, nations)}")
    bloc = seat.get("bloc")
    return bloc if given(bloc) else None


@register_check
def check_units(ctx: Context) -> None:
    """Unit ids, seats, nations and start positions; stacking on the start map; how many units in all."""
    count = sum(1 for _ in unit_entries(ctx.data))
    if count > MAX_UNITS:
        ctx.add(("units",), f"{count} units (at the start and arriving); a scenario has at most {MAX_UNITS} "
                            "(the whole war, 1950-invasion, has 111)")
    ids: dict[str, tuple] = {}
    stacks: dict[Hex, list[tuple]] = {}
    holders: dict[Hex, tuple[str, tuple, str]] = {}      # hex -> (bloc, path, unit id) of its first unit
    for i, unit in enumerate(list_or_empty(ctx.data.get("units"))):
        if not isinstance(unit, dict):
            continue
        path = ("units", i)
        bloc = _check_unit(ctx, unit, path, ids)
        where = ctx.position(unit.get("at"), path + ("at",), bloc)
        if isinstance(where, Hex):
            stacks.setdefault(where, []).append(path)
            if bloc is not None:
                _check_enemy_on_hex(ctx, holders, where, bloc, path, str(unit.get("id", "")))
    limit = ctx.param("stacking")
    for h, paths in stacks.items():
        if len(paths) > limit:
            names = ", ".join(p.name for p in ctx.board.place_at(h)) if ctx.board else ""
            ctx.add(paths[limit] + ("at",), f"{len(paths)} units start on hex [{h.q}, {h.r}]"
                    f"{' (' + names + ')' if names else ''}; at most {limit} may share a hex (parameters.stacking)")
    start, end = calendar_dates(ctx.data)
    for j, arrival in enumerate(list_or_empty(ctx.data.get("arrivals"))):
        if not isinstance(arrival, dict):
            continue
        path = ("arrivals", j)
        when = arrival.get("date")
        if when is None and arrival.get("requires") is None:
            ctx.add(path + ("date",), "missing required key 'date'; expected a date like 1950-06-25 "
                                      "(or 'requires': a flag the units wait for)")
        if arrival.get("delay_days") and arrival.get("requires") is None:
            ctx.add(path + ("delay_days",), "delay_days counts from the day the 'requires' flag is set; "
                                            "give requires too")
        if given(when) and start is not None and when < start:
            ctx.add(path + ("date",), f"{when} is before the first turn ({start}); list these units under units")
        elif given(when) and end is not None and when > end:
            ctx.add(path + ("date",), f"{when} is after the last date ({end}); these units would never enter")
        blocs = set()
        for i, unit in enumerate(list_or_empty(arrival.get("units"))):
            if isinstance(unit, dict):
                blocs.add(_check_unit(ctx, unit, path + ("units", i), ids))
        blocs.discard(None)
        bloc = next(iter(blocs)) if len(blocs) == 1 else None
        if len(blocs) > 1:
            ctx.add(path + ("units",), f"an arrival's units must be of one bloc; got {', '.join(sorted(blocs))}")
        ctx.position(arrival.get("at"), path + ("at",), bloc)


def _check_enemy_on_hex(ctx: Context, holders: dict[Hex, tuple[str, tuple, str]], h: Hex, bloc: str,
                        path: tuple, uid: str) -> None:
    """A start unit may not stand on a hex an enemy unit already holds (the rules never let two blocs share one:
    combat, control and zones of control all assume a hex is one side's)."""
    first = holders.setdefault(h, (bloc, path, uid))
    if first[0] == bloc:
        return
    names = ", ".join(p.name for p in ctx.board.place_at(h)) if ctx.board else ""
    ctx.add(path + ("at",), f"hex [{h.q}, {h.r}]{' (' + names + ')' if names else ''} is held by the {first[0]} "
                            f"unit '{first[2]}' (line {ctx.doc.line(first[1] + ('at',))}); a {bloc} unit cannot "
                            "start on an enemy's hex")


@register_check
def check_supply_sources(ctx: Context) -> None:
    blocs = ctx.blocs
    for i, src in enumerate(list_or_empty(ctx.data.get("supply_sources"))):
        if not isinstance(src, dict):
            continue
        path = ("supply_sources", i)
        bloc = src.get("bloc")
        if given(bloc) and blocs and bloc not in blocs:
            ctx.add(path + ("bloc",), one_of(bloc, blocs))
        has_place, has_hex = "place" in src and src["place"] is not None, "hex" in src and src["hex"] is not None
        if has_place and has_hex:
            ctx.add(path, "give place or hex, not both")
        elif not has_place and not has_hex:
            ctx.add(path, "missing 'place' or 'hex' (where the source is)")
        else:
            key = "place" if has_place else "hex"
            if src[key] == JAPAN:
                ctx.add(path + (key,), "japan is off the map; the sea bloc's supply from Japan is a rule, not a source")
            else:
                # A source in a country closed to its bloc could never serve it (its units may not go there).
                ctx.position(src[key], path + (key,), bloc if given(bloc) and bloc in blocs else None,
                             "supply sources")
    # A depot serves while it is linked to a source that is not a depot: a bloc of depots only would have no supply.
    sources = [s for s in list_or_empty(ctx.data.get("supply_sources")) if isinstance(s, dict) and given(s.get("bloc"))]
    for bloc in sorted({s["bloc"] for s in sources}):
        mine = [(i, s) for i, s in enumerate(list_or_empty(ctx.data.get("supply_sources")))
                if isinstance(s, dict) and s.get("bloc") == bloc]
        if mine and all(s.get("linked") is True for _i, s in mine):
            ctx.add(("supply_sources", mine[0][0], "linked"),
                    f"every source of bloc '{bloc}' is a linked depot: give it at least one source that is not "
                    "(a port, a border crossing) for the depots to link to")


@register_check
def check_victory_places(ctx: Context) -> None:
    seen: dict[str, int] = {}
    for i, vp in enumerate(list_or_empty(ctx.data.get("victory_places"))):
        if not isinstance(vp, dict) or not given(vp.get("place")):
            continue
        place = vp["place"]
        if place in seen:
            ctx.add(("victory_places", i, "place"), f"'{place}' is listed twice (first on line "
                    f"{ctx.doc.line(('victory_places', seen[place]))})")
            continue
        seen[place] = i
        if place == JAPAN:
            ctx.add(("victory_places", i, "place"), "expected a place on the map; got 'japan'")
        else:
            ctx.position(place, ("victory_places", i, "place"), None, "victory places")


def unit_counts(data: dict) -> Counter:
    """Units per seat id in the cleaned data (start and arrivals); for reports and tests."""
    return Counter(u.get("seat") for _, u in unit_entries(data) if isinstance(u, dict))
