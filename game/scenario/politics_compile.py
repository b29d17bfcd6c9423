"""The politics sections of a scenario, compiled into the engine's typed specs.

:func:`compile_politics` turns the plain data of a scenario's ``tracks``,
``regions``, ``flags``, ``rules``, ``decisions``, ``scoring`` and ``control``
sections into a :class:`~game.engine.politics.model.Politics`, reporting every
problem through the context's ``report``; the conditions and effects inside
rules and decisions are parsed by game/scenario/politics_conditions.py and
politics_effects.py.  The keys each record accepts are the schema's
(game/scenario/schema.py), so the format reference and the compiler agree.
"""

from __future__ import annotations

from typing import Any, Iterator

import numpy as np

from game.engine.board import Country
from game.engine.hexes import Hex
from game.engine.politics.model import (
    CHECK_POINTS,
    IDEAS,
    MILESTONES,
    Chance,
    Decision,
    Politics,
    Rule,
    Scoring,
    TrackSpec,
)

from .politics_conditions import parse_condition
from .politics_context import ParseContext
from .politics_effects import parse_effects
from .schema import CONTROL, DECISION, POLITICS_SECTIONS, REGION, RULE, SCORING, TRACK

#: Flags the engine itself keeps, which conditions may always test (the keys of
#: game/engine/state.py ENGINE_FLAG_READERS; tests/scenario/test_politics_parsers.py keeps them in step).
ENGINE_FLAGS = frozenset({"stable_turns", "talks", "mig_alley", "no_air_support", "escalation_peak", "dmz"})


def _named(ctx: ParseContext, data: Any, section: str, what: str, keys: tuple[str, ...]) -> Iterator[tuple]:
    """(name, path, mapping) of each well-formed definition of a section of named records (tracks, regions)."""
    if data is None:
        return
    if not isinstance(data, dict):
        ctx.report((section,), f"expected a mapping of {what} names to definitions")
        return
    for name, spec in data.items():
        path = (section, name)
        if (m := ctx.record(spec, path, f"a {what} definition", keys)) is not None:
            yield name, path, m


def _regions(ctx: ParseContext, data: Any) -> dict[str, np.ndarray]:
    """``regions: {yalu: {country: PRC}, pyongyang_area: {places: [pyongyang], radius: 2}, ...}``."""
    board = ctx.board
    out: dict[str, np.ndarray] = {}
    for name, path, m in _named(ctx, data, "regions", "region", REGION.keys):
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
        radius = ctx.typed(REGION.fields["radius"], m["radius"], path + ("radius",)) if "radius" in m else 0
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
            mask &= _near(board, centres, radius or 0)
            picked = True
        if "polygon" in m:
            pts = m["polygon"]
            if not isinstance(pts, list) or len(pts) < 3 or not all(isinstance(p, list) and len(p) == 2 for p in pts):
                ctx.report(path + ("polygon",), "expected a list of at least 3 [lon, lat] points")
                continue
            coords = [ctx.number(v, path + ("polygon", k, j), -180 if j == 0 else -90, 180 if j == 0 else 90)
                      for k, p in enumerate(pts) for j, v in enumerate(p)]
            if None in coords:
                continue
            mask &= _inside(board, list(zip(coords[0::2], coords[1::2])))
            picked = True
        lats = {key: ctx.typed(REGION.fields[key], m[key], path + (key,)) for key in ("north_of", "south_of")
                if key in m}
        if None in lats.values():
            continue
        for key, lat in lats.items():
            mask &= (board.lat > lat) if key == "north_of" else (board.lat < lat)
            picked = True
        if not picked:
            ctx.report(path, "a region needs country, border, places, hexes, polygon, north_of or south_of")
            continue
        mask &= board.terrain >= 2   # land only
        if not mask.any():
            ctx.report(path, "this region holds no land hex")
        out[name] = mask
    return out


def _near(board, centres: list[Hex], radius: int) -> np.ndarray:
    """Hexes within ``radius`` of any of ``centres``: one vectorised distance per distinct centre, so a list of
    40,000 places at radius 30 costs a fraction of a second (it walked 111 million hexes, over a minute)."""
    q, r = board.qr
    out = np.zeros(board.size, dtype=bool)
    for c in dict.fromkeys(centres):
        dq, dr = q - c.q, r - c.r
        out |= (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) <= 2 * radius
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
        if (m := ctx.record(item, path, "{bloc: un, region: NAME}", CONTROL.keys, ("bloc", "region"))) is None:
            continue
        bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
        region = ctx.region(m["region"], path + ("region",))
        if bloc is not None and region is not None:
            out.append((bloc, ctx.regions[region]))
    return tuple(out)


def _tracks(ctx: ParseContext, data: Any) -> dict[str, TrackSpec]:
    out: dict[str, TrackSpec] = {}
    spec = TRACK.fields
    for name, path, m in _named(ctx, data, "tracks", "track", TRACK.keys):
        lo = ctx.typed(spec["min"], m.get("min", 0), path + ("min",))
        hi = ctx.typed(spec["max"], m.get("max", 100), path + ("max",))
        start = ctx.typed(spec["start"], m.get("start", lo if lo is not None else 0), path + ("start",))
        # The texts and the flag are the schema's (a mapping is not a label); left out, they take their defaults.
        given = {k: ctx.typed(spec[k], m[k], path + (k,)) for k in ("label", "moved_by", "does", "public") if k in m}
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
        if None in (lo, hi, start) or idea is None or None in given.values():
            continue
        if lo >= hi:
            ctx.report(path + ("max",), f"max {hi:g} must be above min {lo:g}")
            continue
        if not lo <= start <= hi:
            ctx.report(path + ("start",), f"start {start:g} is outside {lo:g}..{hi:g}")
            continue
        out[name] = TrackSpec(name, given.get("label", name.replace("_", " ").title()), start, lo, hi,
                              tuple(sorted(th, key=lambda t: t[1])), given.get("moved_by", ""),
                              given.get("does", ""), idea, given.get("public", True))
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
        if (m := ctx.record(item, p, "{when: CONDITION, value: 0.1}", ("when", "value"), ("when", "value"))) is None:
            return None
        cond = parse_condition(ctx, m["when"], p + ("when",))
        v = ctx.number(m["value"], p + ("value",), -1, 1)
        if cond is None or v is None:
            return None
        adds.append((cond, v))
    per = []
    for k, item in enumerate(value.get("per_track", []) or []):
        p = path + ("per_track", k)
        if (m := ctx.record(item, p, "{track: NAME, per_point: 0.005}",
                            ("track", "per_point"), ("track", "per_point"))) is None:
            return None
        t = ctx.track(m["track"], p + ("track",))
        v = ctx.number(m["per_point"], p + ("per_point",), -1, 1)
        if t is None or v is None:
            return None
        per.append((t, v))
    return None if base is None else Chance(base, tuple(adds), tuple(per))


def flags_set_anywhere(data: dict) -> set[str]:
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


def compile_politics(ctx: ParseContext, data: dict) -> Politics | None:
    """Compile the politics sections of a scenario (None if it has none)."""
    if not any(k in data for k in POLITICS_SECTIONS):
        return None
    ctx.tracks = _tracks(ctx, data.get("tracks"))
    ctx.regions = _regions(ctx, data.get("regions"))
    flags0 = data.get("flags") or {}
    if not isinstance(flags0, dict):
        ctx.report(("flags",), "expected a mapping of flag names to starting values")
        flags0 = {}
    ctx.flags = set(flags0) | flags_set_anywhere(data) | ENGINE_FLAGS | {
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
        if (m := ctx.record(item, path, "a rule", RULE.keys, ("id", "effects"))) is None:
            continue
        rid = ctx.typed(RULE.fields["id"], m["id"], path + ("id",))
        if rid in seen:
            ctx.report(path + ("id",), f"rule id '{rid}' is used twice")
        seen.add(rid)
        when = parse_condition(ctx, m["when"], path + ("when",)) if "when" in m else None
        chance = _chance(ctx, m["chance"], path + ("chance",)) if "chance" in m else None
        effects = parse_effects(ctx, m["effects"], path + ("effects",))
        if (once := ctx.typed(RULE.fields["once"], m.get("once", True), path + ("once",))) is None:
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
        to = ctx.names(m["to"], path + ("to",), ctx.seat_ids, "seat") if "to" in m else ()
        if None in (rid, effects, points, texts, milestone, to) or ("when" in m and when is None) or \
                ("chance" in m and chance is None):
            continue
        out.append(Rule(rid, when, chance, effects, once, points, *texts, milestone, to))
    return out


def _decisions(ctx: ParseContext, data: Any) -> dict[str, Decision]:
    if not isinstance(data, list):
        ctx.report(("decisions",), "expected a list of decisions")
        return {}
    out: dict[str, Decision] = {}
    for k, item in enumerate(data):
        path = ("decisions", k)
        if (m := ctx.record(item, path, "a decision", DECISION.keys, ("id", "seat", "title", "effects"))) is None:
            continue
        fields = DECISION.fields
        did = ctx.typed(fields["id"], m["id"], path + ("id",))
        if did in out:
            ctx.report(path + ("id",), f"decision id '{did}' is used twice")
        seat = ctx.choice(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
        title = ctx.typed(fields["title"], m["title"], path + ("title",))
        when = parse_condition(ctx, m["when"], path + ("when",)) if "when" in m else None
        effects = parse_effects(ctx, m["effects"], path + ("effects",))
        texts = _texts(ctx, m, path)
        once = ctx.typed(fields["once"], m.get("once", True), path + ("once",))
        offered = ctx.typed(fields["offered"], m.get("offered", False), path + ("offered",))
        weight = ctx.typed(fields["ai_weight"], m.get("ai_weight", 0.0), path + ("ai_weight",))
        if once is None or offered is None:
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
    if (m := ctx.record(data, ("scoring",), "scoring weights", SCORING.keys)) is None:
        return Scoring()
    w = {k: ctx.typed(SCORING.fields[k], m.get(k, d), ("scoring", k)) for k, d in
         (("ground", 1.0), ("losses", 0.5), ("escalation", 0.3), ("cohesion", 0.3))}
    outcome = m.get("outcome", {}) or {}
    historical = m.get("historical", {}) or {}
    if not isinstance(outcome, dict) or not isinstance(historical, dict):
        ctx.report(("scoring",), "outcome and historical are mappings")
        return Scoring()
    return Scoring(**{k: (v if v is not None else 0.0) for k, v in w.items()}, outcome=outcome,
                   historical=historical)


