"""What the politics parsers know while they read a scenario, and their typed readers.

A :class:`ParseContext` holds what a rule may refer to (seats, nations,
places, regions, tracks, flags, decisions, units) and reads plain YAML values:
each reader reports a problem through ``report(path, message)`` and returns
None when the value is wrong, so parsing goes on and every problem is found.
:func:`game.scenario.validate.check_politics` turns the paths into file:line.
The messages use the scenario layer's one "did you mean"
(:func:`game.scenario.problems.suggest`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any, Callable

import numpy as np

from game.engine.board import Board
from game.engine.config import Seat
from game.engine.politics.model import TrackSpec

from .problems import INVALID, describe, suggest
from .scalars import PROSE_MAX, number_problem, scalar_problem, text_problem

#: ``report(path, message)``: one problem at a path into the scenario's data.
Report = Callable[[tuple, str], None]
#: ``parser(ctx, argument, path)``: a condition or an effect, or None (reported) where the data is wrong.
Parser = Callable[["ParseContext", Any, tuple], Any]


def unknown_flag(flag: str, known) -> str:
    """The refusal of a flag that nothing sets (conditions, effects, arrivals and supply sources say the same)."""
    return (f"unknown flag '{flag}'{suggest(flag, sorted(known))}: no rule or decision sets it and the flags section "
            "does not declare it")


@dataclass
class ParseContext:
    """What a rule may refer to: seats, nations, places, regions, tracks, flags, decisions."""

    board: Board
    seats: tuple[Seat, ...]
    tracks: dict[str, TrackSpec] = field(default_factory=dict)
    regions: dict[str, np.ndarray] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)              # declared or set somewhere
    decisions: set[str] = field(default_factory=set)
    unit_ids: set[str] = field(default_factory=set)
    report: Report = lambda path, msg: None  # noqa: E731

    @property
    def seat_ids(self) -> list[str]:
        return [s.id for s in self.seats]

    @property
    def blocs(self) -> list[str]:
        out: list[str] = []
        for s in self.seats:
            if s.bloc not in out:
                out.append(s.bloc)
        return out

    @property
    def nations(self) -> list[str]:
        return sorted({n for s in self.seats for n in s.nations})

    # -- typed readers: each reports and returns None when the value is wrong -------------
    def need_mapping(self, value: Any, path: tuple, what: str) -> dict | None:
        if not isinstance(value, dict):
            self.report(path, f"expected {what} (a mapping), got {describe(value)}")
            return None
        return value

    def keys(self, value: dict, path: tuple, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> bool:
        ok = True
        for k in value:
            if k not in allowed:
                self.report(path + (k,), f"unknown key '{k}'{suggest(k, allowed)}; expected one of "
                                         f"{', '.join(allowed)}")
                ok = False
        for k in required:
            if k not in value:
                self.report(path, f"missing required key '{k}'")
                ok = False
        return ok

    def record(self, value: Any, path: tuple, what: str, allowed: tuple[str, ...],
               required: tuple[str, ...] = (), empty: str = "") -> dict | None:
        """A mapping with only ``allowed`` keys and every ``required`` one (``what`` names it in messages);
        with ``empty``, the message for an empty mapping, which is then wrong too."""
        m = self.need_mapping(value, path, what)
        if m is None or not self.keys(m, path, allowed, required):
            return None
        if empty and not m:
            self.report(path, empty)
            return None
        return m

    def number(self, value: Any, path: tuple, lo: float | None = None, hi: float | None = None) -> float | None:
        """A finite number in ``lo..hi`` (default: game/scenario/scalars.py NUMBER_MAX either side)."""
        if (problem := number_problem(value, lo, hi)) is not None:
            self.report(path, problem)
            return None
        return float(value)

    def integer(self, value: Any, path: tuple, lo: int | None = None, hi: int | None = None) -> int | None:
        if (problem := number_problem(value, lo, hi, whole=True)) is not None:
            self.report(path, problem)
            return None
        return value

    def text(self, value: Any, path: tuple, limit: int = PROSE_MAX, lines: bool = True) -> str | None:
        """Text of at most ``limit`` characters (prose by default: line breaks allowed; ``lines=False``: one line)."""
        if (problem := text_problem(value, limit, lines=lines)) is not None:
            self.report(path, problem)
            return None
        return value

    def scalar(self, value: Any, path: tuple) -> Any:
        """A flag's value: short text, a finite number, true/false or nothing; INVALID (reported) if not."""
        if (problem := scalar_problem(value)) is not None:
            self.report(path, problem)
            return INVALID
        return value

    def typed(self, spec: Any, value: Any, path: tuple) -> Any:
        """``value`` held to the schema's ``spec`` for its key (game/scenario/schema.py); None if wrong."""
        out = spec.check(value, path, self.report)
        return None if out is INVALID else out

    def a_date(self, value: Any, path: tuple) -> date | None:
        if not isinstance(value, date):
            self.report(path, f"expected a date like 1950-10-01, got {describe(value)}")
            return None
        return value

    def boolean(self, value: Any, path: tuple) -> bool | None:
        if not isinstance(value, bool):
            self.report(path, "expected true or false")
            return None
        return value

    def choice(self, value: Any, path: tuple, choices, what: str) -> str | None:
        choices = list(choices)
        if not isinstance(value, str) or value not in choices:
            self.report(path, f"unknown {what} {describe(value)}{suggest(value, choices)}; expected one of "
                              f"{', '.join(choices)}")
            return None
        return value

    def names(self, value: Any, path: tuple, choices, what: str) -> tuple[str, ...] | None:
        """One name or a list of names, each from ``choices``."""
        items = value if isinstance(value, list) else [value]
        out = []
        ok = True
        for k, item in enumerate(items):
            p = path + (k,) if isinstance(value, list) else path
            got = self.choice(item, p, choices, what)
            ok = ok and got is not None
            out.append(got)
        return tuple(out) if ok else None

    def flag(self, value: Any, path: tuple) -> str | None:
        if not isinstance(value, str) or not value:
            self.report(path, f"expected a flag name, got {describe(value)}")
            return None
        if value not in self.flags:
            self.report(path, unknown_flag(value, self.flags))
            return None
        return value

    def track(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.tracks, "track")

    def region(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.regions, "region")

    def place(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.board.places, "place")


def registrar(parsers: dict[str, Parser]):
    """A decorator ``@parses(*classes)`` that files ``parser(cls, ctx, arg, path)`` in ``parsers`` under
    each class's keyword (so one parser may serve several classes of the same shape)."""
    def parses(*classes: type):
        def deco(fn):
            for cls in classes:
                parsers[cls.KEY] = partial(fn, cls)
            return fn
        return deco
    return parses


def parse_keyword(ctx: ParseContext, value: Any, path: tuple, registry: dict, parsers: dict[str, Parser],
                  what: str) -> Any:
    """A ``{keyword: argument}`` mapping with exactly one keyword of the engine's ``registry``, parsed by its
    entry in ``parsers`` (None, reported, if wrong)."""
    if not isinstance(value, dict) or len(value) != 1:
        ctx.report(path, f"expected one {what} as a mapping of one keyword, e.g. "
                         f"{{{next(iter(registry))}: ...}}; got {describe(value)}")
        return None
    key, arg = next(iter(value.items()))
    if key not in registry:
        ctx.report(path + (key,), f"unknown {what} '{key}'{suggest(key, registry)}; known: "
                                  f"{', '.join(sorted(registry))}")
        return None
    return parsers[key](ctx, arg, path + (key,))
