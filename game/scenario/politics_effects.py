"""Parsers of the effects: what rules and decisions do, from plain data to engine specs.

One parser per keyword of the engine's registry
(:data:`game.engine.politics.effects.EFFECTS`), in :data:`PARSERS`; a test
keeps the two registries in step.  A parser gets the effect's class, the
context, the keyword's argument and its path; it reports every problem and
returns the typed effect, or None where the data was wrong.
"""

from __future__ import annotations

from typing import Any

from game.engine.politics.effects import (
    EFFECTS,
    OUTCOMES,
    Air,
    ClearFlag,
    Effect,
    EndGame,
    Log,
    MoveTrack,
    Offer,
    Reinforce,
    SetFlag,
    Supply,
    TakeDecision,
    Talks,
    TalksProgress,
    TrackPerLoss,
    Withdraw,
)
from game.engine.politics.model import IDEAS

from .politics_context import ParseContext, Parser, parse_keyword, registrar
from .problems import INVALID
from .scalars import ID_MAX

#: keyword -> parser(ctx, argument, path) -> Effect or None (reported).
PARSERS: dict[str, Parser] = {}
parses = registrar(PARSERS)


def parse_effect(ctx: ParseContext, value: Any, path: tuple) -> Effect | None:
    """Parse ``{keyword: argument}`` into an Effect (None, reported, if wrong)."""
    return parse_keyword(ctx, value, path, EFFECTS, PARSERS, "effect")


def parse_effects(ctx: ParseContext, value: Any, path: tuple) -> tuple[Effect, ...] | None:
    """A list of effects (nothing: none); None, reported, if any is wrong."""
    if value is None:
        return ()
    if not isinstance(value, list):
        ctx.report(path, "expected a list of effects")
        return None
    out = [parse_effect(ctx, item, path + (k,)) for k, item in enumerate(value)]
    return None if any(e is None for e in out) else tuple(out)


# -- flags and tracks -------------------------------------------------------------------------------

@parses(SetFlag)
def _set_flag(cls, ctx, arg, path):
    if isinstance(arg, str):
        return cls(arg)
    if (m := ctx.record(arg, path, "a flag name or {name, value}", ("name", "value"), ("name",))) is None:
        return None
    name = ctx.text(m["name"], path + ("name",), ID_MAX, lines=False)
    value = ctx.scalar(m.get("value"), path + ("value",))
    return None if name is None or value is INVALID else cls(name, value)


@parses(ClearFlag)
def _clear_flag(cls, ctx, arg, path):
    name = ctx.flag(arg, path)
    return None if name is None else cls(name)


@parses(MoveTrack)
def _track(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{name: TRACK, add: N}", ("name", "add", "set"), ("name",))) is None:
        return None
    name = ctx.track(m["name"], path + ("name",))
    if ("add" in m) == ("set" in m):
        ctx.report(path, "give exactly one of 'add' or 'set'")
        return None
    add = ctx.number(m["add"], path + ("add",)) if "add" in m else None
    to = ctx.number(m["set"], path + ("set",)) if "set" in m else None
    if name is None or (add is None and to is None):
        return None
    return cls(name, add, to)


@parses(TrackPerLoss)
def _track_per_loss(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{name: TRACK, seat: [un], per_step: 0.5}",
                        ("name", "seat", "per_step"), ("name", "seat", "per_step"))) is None:
        return None
    name = ctx.track(m["name"], path + ("name",))
    seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
    per = ctx.number(m["per_step"], path + ("per_step",), -100, 100)
    return None if name is None or seats is None or per is None else cls(name, seats, per)


# -- the log ----------------------------------------------------------------------------------------------

@parses(Log)
def _log(cls, ctx, arg, path):
    if isinstance(arg, str):
        text = ctx.text(arg, path)
        return None if text is None else cls(text)
    if (m := ctx.record(arg, path, "{text, history, idea, to}", ("text", "history", "idea", "to"),
                        ("text",))) is None:
        return None
    text = ctx.text(m["text"], path + ("text",))
    history = ctx.text(m["history"], path + ("history",)) if "history" in m else ""
    idea = ctx.choice(m["idea"], path + ("idea",), IDEAS, "idea") if "idea" in m else ""
    to = ctx.names(m["to"], path + ("to",), ctx.seat_ids, "seat") if "to" in m else ()
    return None if text is None or history is None or idea is None or to is None else cls(text, history, idea, to)


# -- forces -------------------------------------------------------------------------------------------------

@parses(Reinforce)
def _reinforce(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{units: [ids]}", ("units",), ("units",))) is None:
        return None
    units = ctx.names(m["units"], path + ("units",), sorted(ctx.unit_ids), "unit")
    return None if units is None else cls(units)


@parses(Withdraw)
def _withdraw(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{nation: [uk]} or {units: [ids]}", ("nation", "units"),
                        empty="give 'nation' or 'units'")) is None:
        return None
    nations = ctx.names(m["nation"], path + ("nation",), ctx.nations, "nation") if "nation" in m else ()
    units = ctx.names(m["units"], path + ("units",), sorted(ctx.unit_ids), "unit") if "units" in m else ()
    return None if nations is None or units is None else cls(nations, units)


@parses(Supply)
def _supply(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{bloc: communist, range: -2}", ("bloc", "range"), ("bloc", "range"))) is None:
        return None
    bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
    change = ctx.integer(m["range"], path + ("range",), -10, 10)
    return None if bloc is None or change is None else cls(bloc, change)


@parses(Air)
def _air(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{mig_alley: true}", ("mig_alley", "air_support"),
                        empty="give mig_alley or air_support")) is None:
        return None
    if any(ctx.boolean(m[k], path + (k,)) is None for k in m):      # stops at the first wrong one
        return None
    return cls(m.get("mig_alley"), m.get("air_support"))


# -- decisions, talks, the end --------------------------------------------------------------------------------

@parses(Offer, TakeDecision)
def _decision(cls, ctx, arg, path):
    d = ctx.choice(arg, path, sorted(ctx.decisions), "decision")
    return None if d is None else cls(d)


@parses(Talks)
def _talks(cls, ctx, arg, path):
    if isinstance(arg, str):
        v = ctx.choice(arg, path, cls.VERBS, "talks action")
        return None if v is None else cls(v)
    if (m := ctx.record(arg, path, "open, suspend, resume, sign or {advance: N}", ("advance",), ("advance",))) is None:
        return None
    n = ctx.number(m["advance"], path + ("advance",), -100, 100)
    return None if n is None else cls("advance", n)


@parses(TalksProgress)
def _talks_progress(cls, ctx, arg, path):
    keys = ("base", "per_weariness", "stable_front", "hardline")
    if (m := ctx.record(arg, path, "{base, per_weariness, stable_front, hardline}", keys)) is None:
        return None
    vals = [ctx.number(m.get(k, 0), path + (k,), -100, 100) for k in keys]
    return None if any(v is None for v in vals) else cls(*vals)


@parses(EndGame)
def _end_game(cls, ctx, arg, path):
    if (m := ctx.record(arg, path, "{outcome: general_war, text: ...}",
                        ("outcome", "text"), ("outcome", "text"))) is None:
        return None
    outcome = ctx.choice(m["outcome"], path + ("outcome",), OUTCOMES, "outcome")
    text = ctx.text(m["text"], path + ("text",))
    return None if outcome is None or text is None else cls(outcome, text)
