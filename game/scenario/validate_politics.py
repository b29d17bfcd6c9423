"""The cross-reference checks of a scenario's politics sections (DESIGN.md sections 8, 9, 14).

:func:`check_politics` compiles the sections with game/scenario/politics_compile.py into the engine's typed
specs (kept in ``Context.politics`` for the loader) and turns every problem's path into file:line; the other
checks hold what the compiler takes on trust (flags the engine keeps, decisions that force each other, the
scoring tables) and the flags that supply sources and arrivals wait for.  Registered after the core checks
(game/scenario/validate_core.py) when game/scenario/validate.py imports this module.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Iterator

from game.engine.config import Seat
from game.engine.politics.effects import OUTCOMES

from .politics_compile import compile_politics, flags_set_anywhere
from .politics_context import ParseContext, unknown_flag
from .problems import describe, one_of, suggest
from .schema import HISTORICAL_KEYS, INVALID, POLITICS_SECTIONS, HexSpec, Ident, Number
from .validate_context import Context, given, list_or_empty, register_check, unit_entries
from .validate_core import calendar_dates  # noqa: F401 - imported first, so the core checks register (and run) first

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
        if given(seat.get("bloc")):
            nations = tuple(n for n in list_or_empty(seat.get("nations")) if given(n))
            out.append(Seat(sid, seat["name"] if given(seat.get("name")) else sid, seat["bloc"], nations))
    return tuple(out)


def _guard_shapes(sections: dict, report: Callable[[tuple, str], None]) -> None:
    """Check (and blank out) the few inner shapes compile_politics takes on trust."""
    for i, rule in enumerate(list_or_empty(sections.get("rules"))):
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
        for i, item in enumerate(list_or_empty(sections.get(key))):
            if not isinstance(item, dict):
                continue
            for j, effect in enumerate(list_or_empty(item.get("effects"))):
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
    for d in list_or_empty(sections.get("decisions")):
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
    for i, src in enumerate(list_or_empty(ctx.data.get("supply_sources"))):
        if not isinstance(src, dict) or not given(src.get("until")):
            continue
        if src["until"] not in settable:
            ctx.add(("supply_sources", i, "until"), unknown_flag(src["until"], settable))
        elif src.get("always") is True:
            ctx.add(("supply_sources", i, "until"), "a source that serves always cannot close; drop 'always' or "
                                                    "'until'")


@register_check
def check_replacement_flags(ctx: Context) -> None:
    """Each flag of ``replacements_after`` is one a set_flag effect sets or the flags section declares."""
    flags = ctx.data.get("replacements_after")
    if not isinstance(flags, dict):
        return
    settable = _settable_flags(_politics_sections(ctx.data))
    for flag in flags:
        if flag in ENGINE_KEPT:
            ctx.add(("replacements_after", flag), f"'{flag}' is kept by the engine; replacements wait for a flag "
                                                  "that a set_flag effect sets or the flags section declares")
        elif flag not in settable:
            ctx.add(("replacements_after", flag), unknown_flag(flag, settable))


@register_check
def check_arrival_flags(ctx: Context) -> None:
    """An arrival's ``requires`` names a flag some set_flag effect sets or the flags section declares."""
    sections = _politics_sections(ctx.data)
    settable = _settable_flags(sections)
    dated = {arg for _, word, arg in _effects(sections) if word == "set_flag" and isinstance(arg, str)}
    dated |= {arg["name"] for _, word, arg in _effects(sections) if word == "set_flag" and isinstance(arg, dict)
              and isinstance(arg.get("name"), str) and arg.get("value") is None}
    for j, arrival in enumerate(list_or_empty(ctx.data.get("arrivals"))):
        if not isinstance(arrival, dict) or not given(arrival.get("requires")):
            continue
        flag, path = arrival["requires"], ("arrivals", j, "requires")
        if flag in ENGINE_KEPT:
            ctx.add(path, f"'{flag}' is kept by the engine; an arrival waits for a flag that a set_flag "
                          "effect sets or the flags section declares")
        elif flag not in settable:
            ctx.add(path, unknown_flag(flag, settable))
        elif given(arrival.get("delay_days")) and arrival["delay_days"] > 0 and flag not in dated:
            ctx.add(("arrivals", j, "delay_days"),
                    f"delay_days counts from the date that 'set_flag: {flag}' (without a value) records; "
                    f"no effect sets '{flag}' that way, so the delay has no date to count from")
