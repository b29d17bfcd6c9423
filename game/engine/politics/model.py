"""The politics of a scenario, compiled: tracks, regions, rules, decisions and scoring.

``compile_politics`` turns the plain data of a scenario's ``tracks``,
``regions``, ``flags``, ``rules``, ``decisions`` and ``scoring`` sections into
engine objects, reporting every problem through the context's ``report``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .conditions import Condition, parse_condition
from .effects import EFFECTS, Effect, parse_effects
from .vocabulary import IDEAS, ParseContext

CHECK_POINTS = ("turn_start", "seat_start", "seat_end", "after_action")


@dataclass(frozen=True)
class TrackSpec:
    name: str
    label: str
    start: float
    lo: float
    hi: float
    thresholds: tuple[tuple[str, float], ...] = ()
    moved_by: str = ""
    does: str = ""
    idea: str = ""
    public: bool = True


@dataclass(frozen=True)
class Chance:
    """A probability: a base, plus amounts while conditions hold, plus amounts per track point."""

    base: float
    adds: tuple[tuple[Condition, float], ...] = ()
    per_track: tuple[tuple[str, float], ...] = ()

    def value(self, state) -> float:
        p = self.base + sum(v for c, v in self.adds if c.test(state))
        p += sum(k * state.track(t) for t, k in self.per_track)
        return max(0.0, min(1.0, p))


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition | None
    chance: Chance | None
    effects: tuple[Effect, ...]
    once: bool
    check: tuple[str, ...]
    text: str
    history: str
    idea: str
    milestone: str = ""     # a key event of the war this rule marks (MILESTONES), for records and the classroom


#: Key events a rule or decision may be tagged with (``milestone: prc_warns``); records date them.
MILESTONES = ("prc_warns", "prc_enters", "soviet_air", "talks_open", "un_crosses_38th", "nuclear_threat",
              "armistice_signed", "general_war")


@dataclass(frozen=True)
class Decision:
    id: str
    seat: str
    title: str
    text: str
    history: str
    idea: str
    when: Condition | None
    effects: tuple[Effect, ...]
    once: bool
    offered: bool           # only after an ``offer`` effect made it available
    ai_weight: float = 0.0  # how often a random-legal agent picks it (0: never)
    milestone: str = ""     # a key event of the war this decision marks (MILESTONES)


@dataclass(frozen=True)
class Scoring:
    """Victory-point weights and the historical benchmarks that score 0 (DESIGN §9)."""

    ground: float = 1.0
    losses: float = 0.5
    escalation: float = 0.3
    cohesion: float = 0.3
    outcome: dict = field(default_factory=dict)          # outcome -> {bloc or 'all': points}
    historical: dict = field(default_factory=dict)       # benchmarks: places, losses, escalation_peak, cohesion


@dataclass
class Politics:
    tracks: dict[str, TrackSpec]
    regions: dict[str, np.ndarray]
    rules: tuple[Rule, ...]
    decisions: dict[str, Decision]
    scoring: Scoring
    flags: dict[str, Any] = field(default_factory=dict)   # initial flags
    control: tuple = ()                                    # ((bloc, mask), ...) held at the start
    flag_names: tuple[str, ...] = ()                       # every flag a rule may set or test

    def __post_init__(self) -> None:
        self._at = {p: tuple(r for r in self.rules if p in r.check) for p in CHECK_POINTS}

    def rules_at(self, point: str) -> tuple[Rule, ...]:
        return self._at.get(point, ())

    @property
    def loss_keys(self) -> tuple[str, ...]:
        """The keys of every track_per_loss effect (the state keeps the losses each has counted)."""
        keys: list[str] = []
        for source in list(self.rules) + list(self.decisions.values()):
            for e in source.effects:
                k = getattr(e, "key", None)
                if e.KEY == "track_per_loss" and k not in keys:
                    keys.append(k)
        return tuple(keys)


# -- compiling --------------------------------------------------------------------------------------

def _regions(ctx: ParseContext, data: Any) -> dict[str, np.ndarray]:
    """``regions: {yalu: {country: PRC}, pyongyang_area: {places: [pyongyang], radius: 2}, ...}``."""
    from ..board import Country
    from ..hexes import Hex, spiral
    board = ctx.board
    out: dict[str, np.ndarray] = {}
    if data is None:
        return out
    if not isinstance(data, dict):
        ctx.report(("regions",), "expected a mapping of region names to definitions")
        return out
    for name, spec in data.items():
        path = ("regions", name)
        if (m := ctx.need_mapping(spec, path, "a region definition")) is None:
            continue
        if not ctx.keys(m, path, ("country", "places", "hexes", "radius", "north_of", "south_of", "border",
                                  "polygon")):
            continue
        mask = np.ones(board.size, dtype=bool)
        picked = False
        if "country" in m:
            names = ctx.names(m["country"], path + ("country",), [c.name for c in Country if c.name != "NONE"],
                              "country")
            if names is None:
                continue
            cm = np.zeros(board.size, dtype=bool)
            for n in names:
                cm |= board.country == int(Country[n])
            mask &= cm
            picked = True
        if "border" in m:
            # Land hexes of one country next to another: {border: [DPRK, PRC]}.
            pair = ctx.names(m["border"], path + ("border",), [c.name for c in Country if c.name != "NONE"],
                             "country")
            if pair is None or len(pair) != 2:
                ctx.report(path + ("border",), "expected two countries, e.g. [DPRK, PRC]")
                continue
            a = board.country == int(Country[pair[0]])
            b = np.append(board.country == int(Country[pair[1]]), False)
            mask &= a & b[board.neighbors].any(axis=1)
            picked = True
        radius = ctx.integer(m.get("radius", 0), path + ("radius",), 0, 30) if "radius" in m else 0
        if "places" in m or "hexes" in m:
            centres = []
            if "places" in m:
                names = ctx.names(m["places"], path + ("places",), board.places, "place")
                if names is None:
                    continue
                centres += [board.places[n].hex for n in names]
            if "hexes" in m:
                hx = m["hexes"]
                if not isinstance(hx, list) or not all(isinstance(h, list) and len(h) == 2 for h in hx):
                    ctx.report(path + ("hexes",), "expected a list of [q, r] hexes")
                    continue
                centres += [Hex(int(q), int(r)) for q, r in hx]
            pm = np.zeros(board.size, dtype=bool)
            for c in centres:
                for h in spiral(c, radius or 0):
                    i = board.index(h)
                    if i >= 0:
                        pm[i] = True
            mask &= pm
            picked = True
        if "polygon" in m:
            pts = m["polygon"]
            if not isinstance(pts, list) or len(pts) < 3 or not all(
                    isinstance(p, list) and len(p) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                                for v in p) for p in pts):
                ctx.report(path + ("polygon",), "expected a list of at least 3 [lon, lat] points")
                continue
            mask &= _inside(board, [(float(x), float(y)) for x, y in pts])
            picked = True
        for key, north in (("north_of", True), ("south_of", False)):
            if key in m:
                lat = ctx.number(m[key], path + (key,), 30, 45)
                if lat is None:
                    continue
                mask &= (board.lat > lat) if north else (board.lat < lat)
                picked = True
        if not picked:
            ctx.report(path, "a region needs country, border, places, hexes, polygon, north_of or south_of")
            continue
        mask &= board.terrain >= 2   # land only
        if not mask.any():
            ctx.report(path, "this region holds no land hex")
        out[name] = mask
    return out


def _inside(board, polygon: list[tuple[float, float]]) -> np.ndarray:
    """Hexes whose centre lies inside a lon/lat polygon (even-odd ray casting)."""
    lon = board.lon.astype(np.float64)
    lat = board.lat.astype(np.float64)
    inside = np.zeros(board.size, dtype=bool)
    n = len(polygon)
    for k in range(n):
        (x1, y1), (x2, y2) = polygon[k], polygon[(k + 1) % n]
        crosses = (y1 > lat) != (y2 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (lon < x_at)
    return inside


def _control(ctx: ParseContext, data: Any) -> tuple[tuple[str, np.ndarray], ...]:
    """``control: [{bloc: un, region: perimeter}]``: who holds what at the start, overriding the 1950 borders."""
    if data is None:
        return ()
    if not isinstance(data, list):
        ctx.report(("control",), "expected a list of {bloc, region}")
        return ()
    out = []
    for k, item in enumerate(data):
        path = ("control", k)
        if (m := ctx.need_mapping(item, path, "{bloc: un, region: NAME}")) is None:
            continue
        if not ctx.keys(m, path, ("bloc", "region"), ("bloc", "region")):
            continue
        bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
        region = ctx.region(m["region"], path + ("region",))
        if bloc is not None and region is not None:
            out.append((bloc, ctx.regions[region]))
    return tuple(out)


def _tracks(ctx: ParseContext, data: Any) -> dict[str, TrackSpec]:
    out: dict[str, TrackSpec] = {}
    if data is None:
        return out
    if not isinstance(data, dict):
        ctx.report(("tracks",), "expected a mapping of track names to definitions")
        return out
    for name, spec in data.items():
        path = ("tracks", name)
        if (m := ctx.need_mapping(spec, path, "a track definition")) is None:
            continue
        if not ctx.keys(m, path, ("label", "start", "min", "max", "thresholds", "moved_by", "does", "idea",
                                  "public")):
            continue
        lo = ctx.number(m.get("min", 0), path + ("min",))
        hi = ctx.number(m.get("max", 100), path + ("max",))
        start = ctx.number(m.get("start", lo if lo is not None else 0), path + ("start",))
        thresholds = m.get("thresholds", {}) or {}
        if not isinstance(thresholds, dict):
            ctx.report(path + ("thresholds",), "expected a mapping of threshold names to values")
            thresholds = {}
        th = []
        for k, v in thresholds.items():
            n = ctx.number(v, path + ("thresholds", k))
            if n is not None:
                th.append((str(k), n))
        idea = ctx.choice(m["idea"], path + ("idea",), IDEAS, "idea") if "idea" in m else ""
        if None in (lo, hi, start) or idea is None:
            continue
        if not lo <= start <= hi:
            ctx.report(path + ("start",), f"start {start:g} is outside {lo:g}..{hi:g}")
            continue
        out[name] = TrackSpec(name, str(m.get("label", name.replace("_", " ").title())), start, lo, hi,
                              tuple(sorted(th, key=lambda t: t[1])), str(m.get("moved_by", "")),
                              str(m.get("does", "")), idea, bool(m.get("public", True)))
    return out


def _chance(ctx: ParseContext, value: Any, path: tuple) -> Chance | None:
    if not isinstance(value, dict):
        p = ctx.number(value, path, 0, 1)
        return None if p is None else Chance(p)
    if not ctx.keys(value, path, ("base", "add", "per_track")):
        return None
    base = ctx.number(value.get("base", 0), path + ("base",), 0, 1)
    adds = []
    for k, item in enumerate(value.get("add", []) or []):
        p = path + ("add", k)
        if (m := ctx.need_mapping(item, p, "{when: CONDITION, value: 0.1}")) is None or \
                not ctx.keys(m, p, ("when", "value"), ("when", "value")):
            return None
        cond = parse_condition(ctx, m["when"], p + ("when",))
        v = ctx.number(m["value"], p + ("value",), -1, 1)
        if cond is None or v is None:
            return None
        adds.append((cond, v))
    per = []
    for k, item in enumerate(value.get("per_track", []) or []):
        p = path + ("per_track", k)
        if (m := ctx.need_mapping(item, p, "{track: NAME, per_point: 0.005}")) is None or \
                not ctx.keys(m, p, ("track", "per_point"), ("track", "per_point")):
            return None
        t = ctx.track(m["track"], p + ("track",))
        v = ctx.number(m["per_point"], p + ("per_point",), -1, 1)
        if t is None or v is None:
            return None
        per.append((t, v))
    return None if base is None else Chance(base, tuple(adds), tuple(per))


def _flags_set_anywhere(data: dict) -> set[str]:
    """Every flag a set_flag effect names, anywhere in rules and decisions (so conditions may test them)."""
    found: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "set_flag":
                    if isinstance(v, str):
                        found.add(v)
                    elif isinstance(v, dict) and isinstance(v.get("name"), str):
                        found.add(v["name"])
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data.get("rules"))
    walk(data.get("decisions"))
    return found


#: Flags the engine itself keeps, which conditions may always test.
ENGINE_FLAGS = {"stable_turns", "talks", "mig_alley", "no_air_support", "escalation_peak", "dmz"}


def compile_politics(ctx: ParseContext, data: dict) -> Politics | None:
    """Compile the politics sections of a scenario (None if it has none)."""
    keys = ("tracks", "regions", "flags", "rules", "decisions", "scoring", "control")
    if not any(k in data for k in keys):
        return None
    ctx.tracks = _tracks(ctx, data.get("tracks"))
    ctx.regions = _regions(ctx, data.get("regions"))
    flags0 = data.get("flags") or {}
    if not isinstance(flags0, dict):
        ctx.report(("flags",), "expected a mapping of flag names to starting values")
        flags0 = {}
    ctx.flags = set(flags0) | _flags_set_anywhere(data) | ENGINE_FLAGS | {
        f"pow_hardline_{b}" for b in ctx.blocs}
    raw_decisions = data.get("decisions") or []
    ctx.decisions = {d["id"] for d in (raw_decisions if isinstance(raw_decisions, list) else ())
                     if isinstance(d, dict) and isinstance(d.get("id"), str)}
    rules = _rules(ctx, data.get("rules") or [])
    decisions = _decisions(ctx, raw_decisions)
    scoring = _scoring(ctx, data.get("scoring"))
    control = _control(ctx, data.get("control"))
    return Politics(ctx.tracks, ctx.regions, tuple(rules), decisions, scoring, dict(flags0), control,
                    tuple(sorted(ctx.flags)))


def _texts(ctx, m, path) -> tuple[str, str, str] | None:
    text = ctx.text(m["text"], path + ("text",)) if "text" in m else ""
    history = ctx.text(m["history"], path + ("history",)) if "history" in m else ""
    idea = ctx.choice(m["idea"], path + ("idea",), IDEAS, "idea") if "idea" in m else ""
    return None if None in (text, history, idea) else (text, history, idea)


def _rules(ctx: ParseContext, data: Any) -> list[Rule]:
    if not isinstance(data, list):
        ctx.report(("rules",), "expected a list of rules")
        return []
    out, seen = [], set()
    for k, item in enumerate(data):
        path = ("rules", k)
        if (m := ctx.need_mapping(item, path, "a rule")) is None:
            continue
        if not ctx.keys(m, path, ("id", "when", "chance", "effects", "once", "check", "text", "history", "idea",
                                  "milestone"), ("id", "effects")):
            continue
        rid = ctx.text(m["id"], path + ("id",))
        if rid in seen:
            ctx.report(path + ("id",), f"rule id '{rid}' is used twice")
        seen.add(rid)
        when = parse_condition(ctx, m["when"], path + ("when",)) if "when" in m else None
        chance = _chance(ctx, m["chance"], path + ("chance",)) if "chance" in m else None
        effects = parse_effects(ctx, m["effects"], path + ("effects",))
        once = m.get("once", True)
        if not isinstance(once, bool):
            ctx.report(path + ("once",), "expected true or false")
            continue
        check = m.get("check", ["turn_start"])
        check = [check] if isinstance(check, str) else check
        points = ctx.names(check, path + ("check",), CHECK_POINTS, "check point") if isinstance(check, list) \
            else None
        if points is None and not isinstance(check, list):
            ctx.report(path + ("check",), f"expected one or more of {', '.join(CHECK_POINTS)}")
        texts = _texts(ctx, m, path)
        milestone = ctx.choice(m["milestone"], path + ("milestone",), MILESTONES, "milestone") \
            if "milestone" in m else ""
        if None in (rid, effects, points, texts, milestone) or ("when" in m and when is None) or \
                ("chance" in m and chance is None):
            continue
        out.append(Rule(rid, when, chance, effects, once, points, *texts, milestone))
    return out


def _decisions(ctx: ParseContext, data: Any) -> dict[str, Decision]:
    if not isinstance(data, list):
        ctx.report(("decisions",), "expected a list of decisions")
        return {}
    out: dict[str, Decision] = {}
    for k, item in enumerate(data):
        path = ("decisions", k)
        if (m := ctx.need_mapping(item, path, "a decision")) is None:
            continue
        if not ctx.keys(m, path, ("id", "seat", "title", "text", "history", "idea", "when", "effects", "once",
                                  "offered", "ai_weight", "milestone"), ("id", "seat", "title", "effects")):
            continue
        did = ctx.text(m["id"], path + ("id",))
        if did in out:
            ctx.report(path + ("id",), f"decision id '{did}' is used twice")
        seat = ctx.choice(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
        title = ctx.text(m["title"], path + ("title",))
        when = parse_condition(ctx, m["when"], path + ("when",)) if "when" in m else None
        effects = parse_effects(ctx, m["effects"], path + ("effects",))
        texts = _texts(ctx, m, path)
        once, offered = m.get("once", True), m.get("offered", False)
        weight = ctx.number(m.get("ai_weight", 0.0), path + ("ai_weight",), 0, 1)
        if not isinstance(once, bool) or not isinstance(offered, bool):
            ctx.report(path, "once and offered are true or false")
            continue
        milestone = ctx.choice(m["milestone"], path + ("milestone",), MILESTONES, "milestone") \
            if "milestone" in m else ""
        if None in (did, seat, title, effects, texts, weight, milestone) or ("when" in m and when is None):
            continue
        out[did] = Decision(did, seat, title, texts[0], texts[1], texts[2], when, effects, once, offered, weight,
                            milestone)
    return out


def _scoring(ctx: ParseContext, data: Any) -> Scoring:
    if data is None:
        return Scoring()
    if (m := ctx.need_mapping(data, ("scoring",), "scoring weights")) is None:
        return Scoring()
    if not ctx.keys(m, ("scoring",), ("ground", "losses", "escalation", "cohesion", "outcome", "historical")):
        return Scoring()
    w = {k: ctx.number(m.get(k, d), ("scoring", k), 0, 100) for k, d in
         (("ground", 1.0), ("losses", 0.5), ("escalation", 0.3), ("cohesion", 0.3))}
    outcome = m.get("outcome", {}) or {}
    historical = m.get("historical", {}) or {}
    if not isinstance(outcome, dict) or not isinstance(historical, dict):
        ctx.report(("scoring",), "outcome and historical are mappings")
        return Scoring()
    return Scoring(**{k: (v if v is not None else 0.0) for k, v in w.items()}, outcome=outcome,
                   historical=historical)


__all__ = ["Chance", "Decision", "EFFECTS", "Politics", "Rule", "Scoring", "TrackSpec", "compile_politics"]
