"""Validate a parsed scenario: shapes (schema), then cross-references (this module).

:func:`validate_document` never stops at the first problem: it reports every
one it can find -- a wrong type, an unknown key, a seat that does not exist, a
place not on the map, too many units on one hex -- each with its line.  A
value that fails its shape check is replaced by ``INVALID`` and skipped by the
cross-reference checks, so one mistake is reported once.

Cross-reference checks are registered in :data:`CHECKS` (in order); a new
section adds its own with :func:`register_check`.  When ``board`` is None the
map checks (places, hexes, land, stacking, and the politics sections, which
need the map's places and countries) are skipped, so a file can be checked for
shape without a map.

The politics sections are compiled into the engine's typed specs by
:func:`game.scenario.politics_compile.compile_politics` (one parser per
keyword of the engine's closed vocabulary), which reports ``(path, message)``;
:func:`check_politics` turns those paths into file:line and keeps the compiled
:class:`~game.engine.politics.model.Politics` for the loader
(``Validated.politics``).
"""

from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterator

from game.engine.board import Board, Country
from game.engine.config import Parameters, Seat
from game.engine.hexes import Hex, axial_to_offset
from game.engine.politics.effects import OUTCOMES

from .politics_compile import compile_politics, flags_set_anywhere
from .politics_context import ParseContext, unknown_flag
from .problems import Problem, describe, one_of, suggest
from .schema import (
    HISTORICAL_KEYS,
    INVALID,
    POLITICS_SECTIONS,
    ROOT,
    SECTIONS,
    TEMPLATE,
    UNIT_FIELDS,
    HexSpec,
    Ident,
    Number,
)
from .yamlsource import YamlDocument, parse_yaml

#: The word for the off-map box of the sea bloc (game.engine.units.Location.JAPAN).
JAPAN = "japan"
#: The most turns a scenario may have: the whole war (1950-invasion.yaml) has 108; 500 weekly turns would be
#: nearly ten years, and a day-by-day calendar to the year 9999 was 2.9 million turns no one could play.
MAX_TURNS = 500


@dataclass
class Validated:
    """The outcome of validation: cleaned data (defaults filled, bad values INVALID) and problems."""

    doc: YamlDocument
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    politics: Any = None        # the compiled Politics (None: no politics sections, or no board)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Context:
    """What a cross-reference check sees: the cleaned data, the board, and a way to report."""

    doc: YamlDocument
    data: dict[str, Any]
    board: Board | None
    stem: str | None
    problems: list[Problem] = field(default_factory=list)
    politics: Any = None        # set by check_politics

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    # -- derived facts other checks share ------------------------------------
    @property
    def seats(self) -> dict[str, dict]:
        """Valid seats by id (the first of a duplicated id)."""
        out: dict[str, dict] = {}
        for seat in _valid_list(self.data.get("seats")):
            if isinstance(seat, dict) and _ok(seat.get("id")) and seat["id"] not in out:
                out[seat["id"]] = seat
        return out

    @property
    def blocs(self) -> list[str]:
        out: list[str] = []
        for seat in self.seats.values():
            if _ok(seat.get("bloc")) and seat["bloc"] not in out:
                out.append(seat["bloc"])
        return out

    def param(self, name: str) -> Any:
        """The scenario's value of a Parameters field (its override if valid, else the default)."""
        given = (self.data.get("parameters") or {}).get(name, INVALID)
        return given if _ok(given) else getattr(Parameters(), name)

    def position(self, value: Any, path: tuple, bloc: str | None, what: str = "units") -> Hex | str | None:
        """Check a position (place id, [q, r] or japan); report problems; return a Hex, JAPAN or None."""
        if not _ok(value):
            return None
        if value == JAPAN:
            sea_bloc = self.param("sea_bloc")
            if bloc is not None and bloc != sea_bloc:
                self.add(path, f"only the {sea_bloc} bloc's units may be in japan (parameters.sea_bloc); "
                               f"this is a {bloc} unit")
                return None
            return JAPAN
        if self.board is None:
            return None
        if isinstance(value, str):
            place = self.board.places.get(value)
            if place is None:
                hint = suggest(value, self.board.places) or "; the map's places are listed in assets/places.yaml"
                self.add(path, f"unknown place '{value}'{hint}")
                return None
            h = place.hex
        else:
            h = Hex(int(value[0]), int(value[1]))
        index = self.board.index(h)
        if index < 0:
            self.add(path, f"hex [{h.q}, {h.r}] is off the map ({_map_extent(self.board, h)})")
            return None
        if not self.board.is_land(index):
            self.add(path, f"hex [{h.q}, {h.r}] is water; {what} must be on land")
            return None
        country = Country(int(self.board.country[index])).name
        if bloc is not None and country in self.closed_to(bloc):
            names = ", ".join(p.name for p in self.board.place_at(h))
            self.add(path, f"hex [{h.q}, {h.r}]{' (' + names + ')' if names else ''} is in the {country}, closed "
                           f"to the {bloc} bloc's units (parameters.closed); they could never have got there")
            return None
        return h

    def closed_to(self, bloc: str) -> set[str]:
        """The countries the scenario closes to ``bloc``'s units (parameters.closed, else the rules' default)."""
        pairs = self.param("closed")
        return {pair[1] for pair in pairs if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] == bloc}


Check = Callable[[Context], None]
#: Cross-reference checks, run in order after the shape check.
CHECKS: list[Check] = []


def register_check(fn: Check) -> Check:
    """Decorator: add ``fn`` to :data:`CHECKS` (a new section registers its own)."""
    CHECKS.append(fn)
    return fn


def validate_text(text: str, file: str, stem: str | None = None, board: Board | None = None) -> Validated:
    """Parse and validate YAML text (``file`` is the name shown in problems)."""
    return validate_document(parse_yaml(text, file), stem, board)


def validate_document(doc: YamlDocument, stem: str | None = None, board: Board | None = None) -> Validated:
    """Validate a parsed document; ``stem`` is the file name meta.id must equal (None: not checked)."""
    problems = list(doc.problems)
    if problems and doc.data is None:        # a syntax error: nothing to check
        return Validated(doc, {}, problems)
    if doc.data is None:
        problems.append(doc.problem((), "the file is empty; a scenario is a mapping with the keys "
                                        + ", ".join(k for k, f in SECTIONS.items() if f.required)))
        return Validated(doc, {}, problems)
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), f"a scenario must be a mapping of sections (format:, meta:, ...); "
                                        f"got {describe(doc.data)}"))
        return Validated(doc, {}, problems)

    work = YamlDocument(doc.file, copy.deepcopy(doc.data), dict(doc.lines), [])
    report = lambda path, message: problems.append(work.problem(path, message))  # noqa: E731
    _expand_templates(work, report)
    data = ROOT.check(work.data, (), report)
    ctx = Context(work, data, board, stem)
    for check in CHECKS:
        check(ctx)
    problems.extend(ctx.problems)
    # A bad value merged from a template is reported at the template's line once per unit
    # using it (units[3].attack, units[4].attack...): keep one per line, key and message.
    seen: set[tuple] = set()
    out = []
    for p in problems:
        key = (p.line, p.field.rsplit(".", 1)[-1], p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return Validated(doc, data, sorted(out, key=lambda p: (p.line or 0, p.field)), ctx.politics)


# ---------------------------------------------------------------------------
# templates
# ---------------------------------------------------------------------------

def unit_entries(data: dict) -> Iterator[tuple[tuple, Any]]:
    """(path, entry) of every unit entry: ``units`` then each arrival's ``units``."""
    units = data.get("units")
    if isinstance(units, list):
        for i, u in enumerate(units):
            yield ("units", i), u
    arrivals = data.get("arrivals")
    if isinstance(arrivals, list):
        for j, a in enumerate(arrivals):
            if isinstance(a, dict) and isinstance(a.get("units"), list):
                for i, u in enumerate(a["units"]):
                    yield ("arrivals", j, "units", i), u


def _expand_templates(work: YamlDocument, report: Callable[[tuple, str], None]) -> None:
    """Copy each unit's template keys into it (in place), keeping the template's lines."""
    raw = work.data.get("templates")
    templates = raw if isinstance(raw, dict) else {}
    checked = {name: TEMPLATE.check(t, ("templates", name), report) for name, t in templates.items()}
    for path, unit in unit_entries(work.data):
        if not isinstance(unit, dict) or "template" not in unit or not isinstance(unit["template"], str):
            continue
        name = unit["template"]
        if name not in templates:
            hint = suggest(name, templates) if templates else " (no templates are defined)"
            report(path + ("template",), f"unknown template '{name}'{hint}")
            unit["template"] = INVALID
            for key, f in UNIT_FIELDS.items():      # don't also report the keys it would have given
                if f.required and key not in unit:
                    unit[key] = INVALID
            continue
        values = checked[name] if isinstance(checked[name], dict) else {}
        for key, value in values.items():
            if key not in unit:
                unit[key] = value
                line = work.lines.get(("templates", name, key))
                if line is not None:
                    work.lines[path + (key,)] = line


# ---------------------------------------------------------------------------
# cross-reference checks
# ---------------------------------------------------------------------------

def _ok(value: Any) -> bool:
    return value is not INVALID and value is not None


def _valid_list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _map_extent(board: Board, h: Hex) -> str:
    col, row = axial_to_offset(h)
    if not 0 <= row < board.rows:
        return f"r must be 0 to {board.rows - 1}"
    lo = -(row - (row & 1)) // 2
    return f"in row r = {row}, q must be {lo} to {lo + board.cols - 1}"


@register_check
def check_meta(ctx: Context) -> None:
    meta = ctx.data.get("meta")
    if not isinstance(meta, dict):
        return
    if ctx.stem is not None and _ok(meta.get("id")) and meta["id"] != ctx.stem:
        ctx.add(("meta", "id"), f"expected '{ctx.stem}' (the file name without .yaml); got '{meta['id']}'")
    if _ok(meta.get("start")) and _ok(meta.get("end")) and meta["end"] < meta["start"]:
        ctx.add(("meta", "end"), f"the end ({meta['end']}) is before the start ({meta['start']})")


def calendar_dates(data: dict) -> tuple[date | None, date | None]:
    """The scenario's first and last dates (calendar, defaulting to meta)."""
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    cal = data.get("calendar") if isinstance(data.get("calendar"), dict) else {}
    start = cal.get("start") if _ok(cal.get("start")) else meta.get("start")
    end = cal.get("end") if _ok(cal.get("end")) else meta.get("end")
    return (start if _ok(start) else None), (end if _ok(end) else None)


@register_check
def check_calendar(ctx: Context) -> None:
    cal, meta = ctx.data.get("calendar"), ctx.data.get("meta")
    if not isinstance(cal, dict) or not isinstance(meta, dict):
        return
    for key in ("start", "end"):
        if _ok(cal.get(key)) and _ok(meta.get(key)) and cal[key] != meta[key]:
            ctx.add(("calendar", key), f"expected {meta[key]} (meta.{key}); got {cal[key]}")
    start, end = calendar_dates(ctx.data)
    periods = cal.get("periods")
    if not isinstance(periods, list):
        return
    previous: date | None = None
    for i, p in enumerate(periods):
        if not isinstance(p, dict) or not _ok(p.get("from")):
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
                   if isinstance(p, dict) and _ok(p.get("from")) and _ok(p.get("days")))
    n, day = 0, start
    while day <= end and n < limit:
        n += 1
        day += timedelta(days=next((d for f, d in reversed(steps) if f <= day), 7))
    return n


@register_check
def check_seats(ctx: Context) -> None:
    first: dict[str, int] = {}
    owner: dict[str, str] = {}
    for i, seat in enumerate(_valid_list(ctx.data.get("seats"))):
        if not isinstance(seat, dict):
            continue
        sid = seat.get("id")
        if _ok(sid):
            if sid in first:
                first_line = ctx.doc.line(("seats", first[sid]))
                ctx.add(("seats", i, "id"), f"duplicate seat id '{sid}' (first on line {first_line})")
            else:
                first[sid] = i
        for k, nation in enumerate(_valid_list(seat.get("nations"))):
            if _ok(nation) and _ok(sid):
                if nation in owner and owner[nation] != sid:
                    ctx.add(("seats", i, "nations", k), f"nation '{nation}' already belongs to seat '{owner[nation]}'")
                owner.setdefault(nation, sid)
    seats = _valid_list(ctx.data.get("seats"))
    if len(seats) >= 2 and all(isinstance(s, dict) and _ok(s.get("bloc")) for s in seats) and len(ctx.blocs) < 2:
        ctx.add(("seats",), f"expected seats of at least two blocs; got only '{ctx.blocs[0]}'")


@register_check
def check_parameters(ctx: Context) -> None:
    params = ctx.data.get("parameters")
    if not isinstance(params, dict) or not ctx.blocs:
        return
    for name, value in params.items():
        if name.endswith("_bloc") and _ok(value) and value not in ctx.blocs:
            ctx.add(("parameters", name), one_of(value, ctx.blocs))
            params[name] = INVALID      # later checks use the default instead
    for i, pair in enumerate(_valid_list(params.get("closed"))):
        if not isinstance(pair, list) or not all(_ok(x) for x in pair):
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
    for section in ("replacements", "ai"):
        for sid in (ctx.data.get(section) or {}):
            if seats and sid not in seats:
                ctx.add((section, sid), one_of(sid, list(seats), "a seat id, one of"))
    for i, lesson in enumerate(_valid_list(ctx.data.get("lessons"))):
        for k, sid in enumerate(_valid_list(lesson.get("to")) if isinstance(lesson, dict) else []):
            if seats and _ok(sid) and sid not in seats:
                ctx.add(("lessons", i, "to", k), one_of(sid, list(seats), "a seat id, one of"))


def _check_unit(ctx: Context, unit: dict, path: tuple, ids: dict[str, tuple]) -> str | None:
    """Checks shared by start units and arrivals; returns the unit's bloc if known."""
    uid = unit.get("id")
    if _ok(uid):
        if uid in ids:
            ctx.add(path + ("id",), f"duplicate unit id '{uid}' (first on line {ctx.doc.line(ids[uid])})")
        else:
            ids[uid] = path
    seats = ctx.seats
    sid = unit.get("seat")
    if not _ok(sid) or not seats:
        return None
    if sid not in seats:
        ctx.add(path + ("seat",), one_of(sid, list(seats)))
        return None
    seat = seats[sid]
    nations = [n for n in _valid_list(seat.get("nations")) if _ok(n)]
    nation = unit.get("nation")
    if _ok(nation) and nations and nation not in nations:
        ctx.add(path + ("nation",), f"expected one of {', '.join(nations)} (the nations of seat '{sid}'); "
                                    f"got '{nation}'{suggest(nation, nations)}")
    bloc = seat.get("bloc")
    return bloc if _ok(bloc) else None


@register_check
def check_units(ctx: Context) -> None:
    """Unit ids, seats, nations and start positions; stacking on the start map."""
    ids: dict[str, tuple] = {}
    stacks: dict[Hex, list[tuple]] = {}
    for i, unit in enumerate(_valid_list(ctx.data.get("units"))):
        if not isinstance(unit, dict):
            continue
        path = ("units", i)
        bloc = _check_unit(ctx, unit, path, ids)
        where = ctx.position(unit.get("at"), path + ("at",), bloc)
        if isinstance(where, Hex):
            stacks.setdefault(where, []).append(path)
    limit = ctx.param("stacking")
    for h, paths in stacks.items():
        if len(paths) > limit:
            names = ", ".join(p.name for p in ctx.board.place_at(h)) if ctx.board else ""
            ctx.add(paths[limit] + ("at",), f"{len(paths)} units start on hex [{h.q}, {h.r}]"
                    f"{' (' + names + ')' if names else ''}; at most {limit} may share a hex (parameters.stacking)")
    start, end = calendar_dates(ctx.data)
    for j, arrival in enumerate(_valid_list(ctx.data.get("arrivals"))):
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
        if _ok(when) and start is not None and when < start:
            ctx.add(path + ("date",), f"{when} is before the first turn ({start}); list these units under units")
        elif _ok(when) and end is not None and when > end:
            ctx.add(path + ("date",), f"{when} is after the last date ({end}); these units would never enter")
        blocs = set()
        for i, unit in enumerate(_valid_list(arrival.get("units"))):
            if isinstance(unit, dict):
                blocs.add(_check_unit(ctx, unit, path + ("units", i), ids))
        blocs.discard(None)
        bloc = next(iter(blocs)) if len(blocs) == 1 else None
        if len(blocs) > 1:
            ctx.add(path + ("units",), f"an arrival's units must be of one bloc; got {', '.join(sorted(blocs))}")
        ctx.position(arrival.get("at"), path + ("at",), bloc)


@register_check
def check_supply_sources(ctx: Context) -> None:
    blocs = ctx.blocs
    for i, src in enumerate(_valid_list(ctx.data.get("supply_sources"))):
        if not isinstance(src, dict):
            continue
        path = ("supply_sources", i)
        bloc = src.get("bloc")
        if _ok(bloc) and blocs and bloc not in blocs:
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
                ctx.position(src[key], path + (key,), None, "supply sources")
    # A depot serves while it is linked to a source that is not a depot: a bloc of depots only would have no supply.
    sources = [s for s in _valid_list(ctx.data.get("supply_sources")) if isinstance(s, dict) and _ok(s.get("bloc"))]
    for bloc in sorted({s["bloc"] for s in sources}):
        mine = [(i, s) for i, s in enumerate(_valid_list(ctx.data.get("supply_sources")))
                if isinstance(s, dict) and s.get("bloc") == bloc]
        if mine and all(s.get("linked") is True for _i, s in mine):
            ctx.add(("supply_sources", mine[0][0], "linked"),
                    f"every source of bloc '{bloc}' is a linked depot: give it at least one source that is not "
                    "(a port, a border crossing) for the depots to link to")


@register_check
def check_victory_places(ctx: Context) -> None:
    seen: dict[str, int] = {}
    for i, vp in enumerate(_valid_list(ctx.data.get("victory_places"))):
        if not isinstance(vp, dict) or not _ok(vp.get("place")):
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


# ---------------------------------------------------------------------------
# politics (DESIGN.md sections 8, 9, 14): compiled by game/scenario/politics_compile.py
# ---------------------------------------------------------------------------

#: Flags the engine keeps itself (game/engine/politics): rules may test them, but an effect that
#: set or cleared them would break the engine's bookkeeping, so they are refused, with what to use instead.
ENGINE_KEPT = {
    "stable_turns": "the engine counts the turns of a stable front",
    "escalation_peak": "the engine records the highest escalation",
    "dmz": "the engine draws it when the armistice is signed",
    "hexes_changed": "the engine counts the hexes changing hands",
    "talks": "use the talks effect (open, suspend, resume, sign)",
    "mig_alley": "use the air effect, e.g. {air: {mig_alley: true}}",
    "no_air_support": "use the air effect, e.g. {air: {air_support: false}}",
}
#: Engine-kept flags the flags section may give a starting value, and the values allowed.
DECLARABLE = {"talks": ("closed", "open", "suspended"), "mig_alley": (True, False), "no_air_support": (True, False)}


def _politics_sections(data: dict) -> dict[str, Any]:
    """The politics sections present and of the right shape (a deep copy the guards may patch)."""
    return {k: copy.deepcopy(data[k]) for k in POLITICS_SECTIONS if k in data and data[k] is not INVALID}


def _under_invalid(root: Any, path: tuple) -> bool:
    """Whether ``path`` lies at or under a value already reported (INVALID)."""
    node = root
    for part in path:
        if node is INVALID:
            return True
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return False
    return node is INVALID


def _engine_seats(ctx: Context) -> tuple[Seat, ...]:
    out = []
    for sid, seat in ctx.seats.items():
        if _ok(seat.get("bloc")):
            nations = tuple(n for n in _valid_list(seat.get("nations")) if _ok(n))
            out.append(Seat(sid, seat["name"] if _ok(seat.get("name")) else sid, seat["bloc"], nations))
    return tuple(out)


def _guard_shapes(sections: dict, report: Callable[[tuple, str], None]) -> None:
    """Check (and blank out) the few inner shapes compile_politics takes on trust."""
    for i, rule in enumerate(_valid_list(sections.get("rules"))):
        chance = rule.get("chance") if isinstance(rule, dict) else None
        if not isinstance(chance, dict):
            continue
        for key, what in (("add", "{when: CONDITION, value: 0.1}"), ("per_track", "{track: NAME, per_point: 0.01}")):
            if chance.get(key) is not None and chance[key] is not INVALID and not isinstance(chance[key], list):
                report(("rules", i, "chance", key), f"expected a list of {what}; got {describe(chance[key])}")
                chance[key] = INVALID
    regions = sections.get("regions")
    for name, region in (regions.items() if isinstance(regions, dict) else ()):
        hexes = region.get("hexes") if isinstance(region, dict) else None
        if hexes is None or hexes is INVALID:
            continue
        path = ("regions", name, "hexes")
        if not isinstance(hexes, list):
            report(path, f"expected a list of hexes [q, r]; got {describe(hexes)}")
            region["hexes"] = INVALID
        elif INVALID in [HexSpec().check(h, path + (k,), report) for k, h in enumerate(hexes)]:   # all reported
            region["hexes"] = INVALID


def _effects(sections: dict) -> Iterator[tuple[tuple, str, Any]]:
    """(path, keyword, argument) of every one-keyword effect of the rules and decisions."""
    for key in ("rules", "decisions"):
        for i, item in enumerate(_valid_list(sections.get(key))):
            if not isinstance(item, dict):
                continue
            for j, effect in enumerate(_valid_list(item.get("effects"))):
                if isinstance(effect, dict) and len(effect) == 1:
                    (word, arg), = effect.items()
                    yield (key, i, "effects", j, word), word, arg


@register_check
def check_politics(ctx: Context) -> None:
    """Compile the politics sections into the engine's specs; every problem gets its line."""
    if ctx.board is None:
        return
    sections = _politics_sections(ctx.data)
    seats = _engine_seats(ctx)
    if not sections or not seats:
        return

    def add(path: tuple, message: str) -> None:      # skip what the shape check already reported
        if not _under_invalid(ctx.data, path):
            ctx.add(path, message)

    _guard_shapes(sections, add)
    # A track or region with a problem of its own is left out by the compiler, so every rule naming it
    # would also get "unknown track 'x'" (ParseContext.choice's wording, game/scenario/politics_context.py):
    # one mistake, reported once.
    defined = [f"unknown {what} '{name}'" for what, key in (("track", "tracks"), ("region", "regions"))
               for name in (sections.get(key) if isinstance(sections.get(key), dict) else ())]

    def report(path: tuple, message: str) -> None:
        if not _under_invalid(sections, path) and not any(message.startswith(d) for d in defined):
            add(path, message)

    unit_ids = {u["id"] for _, u in unit_entries(ctx.data) if isinstance(u, dict) and isinstance(u.get("id"), str)}
    ctx.politics = compile_politics(ParseContext(ctx.board, seats, unit_ids=unit_ids, report=report), sections)
    _check_flag_effects(sections, add)
    _check_forcing_cycles(sections, add)
    _check_scoring(sections, [s.bloc for s in seats], add, [s.id for s in seats])


def _check_flag_effects(sections: dict, add: Callable[[tuple, str], None]) -> None:
    """set_flag / clear_flag / flags: plain names, and never a flag the engine keeps."""
    for path, word, arg in _effects(sections):
        if word not in ("set_flag", "clear_flag"):
            continue
        name, where = (arg.get("name"), path + ("name",)) if isinstance(arg, dict) else (arg, path)
        if not isinstance(name, str):
            continue
        if name in ENGINE_KEPT:
            add(where, f"'{name}' is kept by the engine: {ENGINE_KEPT[name]}")
        elif word == "set_flag":
            Ident().check(name, where, add)
    flags = sections.get("flags")
    for name, value in (flags.items() if isinstance(flags, dict) else ()):
        if name in DECLARABLE and value is not INVALID and value not in DECLARABLE[name]:
            add(("flags", name), one_of(value, [v if isinstance(v, str) else describe(v) for v in DECLARABLE[name]]))
        elif name in ENGINE_KEPT and name not in DECLARABLE:
            add(("flags", name), f"'{name}' is kept by the engine: {ENGINE_KEPT[name]}")


def _check_forcing_cycles(sections: dict, add: Callable[[tuple, str], None]) -> None:
    """Repeatable decisions (once: false) that force each other through take_decision would never end."""
    decisions: dict[str, dict] = {}
    for d in _valid_list(sections.get("decisions")):
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            decisions.setdefault(d["id"], d)
    repeatable = [i for i, d in decisions.items() if d.get("once", True) is False]
    edges: dict[str, list[tuple[tuple, str]]] = {}
    for path, word, arg in _effects(sections):
        if path[0] == "decisions" and word == "take_decision" and arg in repeatable:
            src = sections["decisions"][path[1]].get("id")
            if src in repeatable and decisions[src] is sections["decisions"][path[1]]:
                edges.setdefault(src, []).append((path, arg))

    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for _, nxt in edges.get(todo.pop(), []):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    done: set[str] = set()
    for a in repeatable:
        if a in done or a not in reach(a):
            continue
        cycle = {b for b in reach(a) if a in reach(b)}
        done |= cycle
        path, b = next((p, b) for p, b in edges[a] if b in cycle)
        loop = f"'{a}' forces itself" if b == a else f"'{a}' forces '{b}', which leads back to '{a}'"
        add(path, f"{loop}: repeatable decisions (once: false) that force each other would never end")


def _points(value: Any, path: tuple, keys: list[str], add: Callable[[tuple, str], None]) -> None:
    """A mapping of bloc (or 'all') to points."""
    if not isinstance(value, dict):
        add(path, f"expected a mapping of {', '.join(keys)} to points; got {describe(value)}")
        return
    for k, v in value.items():
        if k not in keys:
            add(path + (k,), one_of(k, keys))
        else:
            Number(-100_000, 100_000).check(v, path + (k,), add)


def _check_scoring(sections: dict, blocs: list[str], add: Callable[[tuple, str], None],
                   seat_ids: list[str] = ()) -> None:
    """scoring.outcome and scoring.historical, which the engine reads without checking."""
    scoring = sections.get("scoring")
    if not isinstance(scoring, dict):
        return
    blocs = list(dict.fromkeys(blocs))
    outcome = scoring.get("outcome")
    for name, table in (outcome.items() if isinstance(outcome, dict) else ()):
        if name not in OUTCOMES:
            add(("scoring", "outcome", name), one_of(name, OUTCOMES, "an outcome, one of"))
        else:
            _points(table, ("scoring", "outcome", name), blocs + ["all"], add)
    historical = scoring.get("historical")
    for key, value in (historical.items() if isinstance(historical, dict) else ()):
        path = ("scoring", "historical", key)
        if key not in HISTORICAL_KEYS:
            add(path, f"unknown key '{key}'{suggest(key, HISTORICAL_KEYS)}; expected one of "
                      f"{', '.join(HISTORICAL_KEYS)}")
        elif key == "ground":
            _points(value, path, blocs, add)
        elif key == "loss_balance":     # by bloc, or by seat (a seat's own fighting)
            _points(value, path, blocs + [s for s in seat_ids if s not in blocs], add)
        elif key == "outcome":
            if value not in OUTCOMES:
                add(path, one_of(value, OUTCOMES))
        else:
            Number(-100_000, 100_000).check(value, path, add)


def _settable_flags(sections: dict) -> set[str]:
    """Every flag some set_flag effect sets or the flags section declares (``sections``: _politics_sections)."""
    flags = sections.get("flags")
    declared = set(flags) if isinstance(flags, dict) else set()
    return declared | flags_set_anywhere(sections)


@register_check
def check_supply_source_flags(ctx: Context) -> None:
    """A supply source's ``until`` names a flag the engine keeps, some set_flag effect sets or the flags section
    declares; a source that serves ``always`` does not close."""
    settable = _settable_flags(_politics_sections(ctx.data)) | set(ENGINE_KEPT)
    for i, src in enumerate(_valid_list(ctx.data.get("supply_sources"))):
        if not isinstance(src, dict) or not _ok(src.get("until")):
            continue
        if src["until"] not in settable:
            ctx.add(("supply_sources", i, "until"), unknown_flag(src["until"], settable))
        elif src.get("always") is True:
            ctx.add(("supply_sources", i, "until"), "a source that serves always cannot close; drop 'always' or "
                                                    "'until'")


@register_check
def check_arrival_flags(ctx: Context) -> None:
    """An arrival's ``requires`` names a flag some set_flag effect sets or the flags section declares."""
    sections = _politics_sections(ctx.data)
    settable = _settable_flags(sections)
    dated = {arg for _, word, arg in _effects(sections) if word == "set_flag" and isinstance(arg, str)}
    dated |= {arg["name"] for _, word, arg in _effects(sections) if word == "set_flag" and isinstance(arg, dict)
              and isinstance(arg.get("name"), str) and arg.get("value") is None}
    for j, arrival in enumerate(_valid_list(ctx.data.get("arrivals"))):
        if not isinstance(arrival, dict) or not _ok(arrival.get("requires")):
            continue
        flag, path = arrival["requires"], ("arrivals", j, "requires")
        if flag in ENGINE_KEPT:
            ctx.add(path, f"'{flag}' is kept by the engine; an arrival waits for a flag that a set_flag "
                          "effect sets or the flags section declares")
        elif flag not in settable:
            ctx.add(path, unknown_flag(flag, settable))
        elif _ok(arrival.get("delay_days")) and arrival["delay_days"] > 0 and flag not in dated:
            ctx.add(("arrivals", j, "delay_days"),
                    f"delay_days counts from the date that 'set_flag: {flag}' (without a value) records; "
                    f"no effect sets '{flag}' that way, so the delay has no date to count from")
