"""The closed vocabulary of scenario rules: a registry of keywords and the parsing context.

Every condition and effect keyword is one registered class (never ``eval``).
Parsing a rule file reports every problem through ``report(path, message)``
(the scenario layer turns paths into file:line) and returns engine objects,
or None where the spec was wrong.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

import numpy as np

from ..board import Board
from ..config import Seat

Report = Callable[[tuple, str], None]

#: The ideas of international relations a rule or decision can illustrate.
IDEAS = {
    "balance_of_power": "Balance of power",
    "collective_security": "Collective security",
    "limited_war": "Limited war",
    "escalation_control": "Escalation control",
    "buffer_state": "Buffer state",
    "proxy_war": "Proxy war",
}


def did_you_mean(word: object, choices) -> str:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


@dataclass
class ParseContext:
    """What a rule may refer to: seats, nations, places, regions, tracks, flags, decisions."""

    board: Board
    seats: tuple[Seat, ...]
    tracks: dict[str, Any] = field(default_factory=dict)     # name -> TrackSpec
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
            self.report(path, f"expected {what} (a mapping), got {show_value(value)}")
            return None
        return value

    def keys(self, value: dict, path: tuple, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> bool:
        ok = True
        for k in value:
            if k not in allowed:
                self.report(path + (k,), f"unknown key '{k}'{did_you_mean(k, allowed)}; expected one of "
                                         f"{', '.join(allowed)}")
                ok = False
        for k in required:
            if k not in value:
                self.report(path, f"missing required key '{k}'")
                ok = False
        return ok

    def number(self, value: Any, path: tuple, lo: float | None = None, hi: float | None = None) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.report(path, f"expected a number, got {show_value(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.report(path, f"expected a number from {lo:g} to {hi:g}, got {value}")
            return None
        return float(value)

    def integer(self, value: Any, path: tuple, lo: int | None = None, hi: int | None = None) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(path, f"expected a whole number, got {show_value(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.report(path, f"expected a whole number from {lo} to {hi}, got {value}")
            return None
        return value

    def text(self, value: Any, path: tuple) -> str | None:
        if not isinstance(value, str) or not value.strip():
            self.report(path, f"expected text, got {show_value(value)}")
            return None
        return value

    def a_date(self, value: Any, path: tuple) -> date | None:
        if not isinstance(value, date):
            self.report(path, f"expected a date like 1950-10-01, got {show_value(value)}")
            return None
        return value

    def choice(self, value: Any, path: tuple, choices, what: str) -> str | None:
        choices = list(choices)
        if not isinstance(value, str) or value not in choices:
            self.report(path, f"unknown {what} {show_value(value)}{did_you_mean(value, choices)}; expected one of "
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
            self.report(path, f"expected a flag name, got {show_value(value)}")
            return None
        if value not in self.flags:
            self.report(path, f"unknown flag '{value}'{did_you_mean(value, self.flags)}: no rule or decision sets "
                              "it and the flags section does not declare it")
            return None
        return value

    def track(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.tracks, "track")

    def region(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.regions, "region")

    def place(self, value: Any, path: tuple) -> str | None:
        return self.choice(value, path, self.board.places, "place")


def show_value(value: Any, limit: int = 50, none: str = "nothing") -> str:
    """A short, readable rendering of a found value for an error message (shared with the scenario layer)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return none
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."




def single_key(ctx: ParseContext, value: Any, path: tuple, registry: dict, what: str) -> tuple[str, Any] | None:
    """A ``{keyword: argument}`` mapping with exactly one known keyword."""
    if not isinstance(value, dict) or len(value) != 1:
        ctx.report(path, f"expected one {what} as a mapping of one keyword, e.g. "
                         f"{{{next(iter(registry))}: ...}}; got {show_value(value)}")
        return None
    key, arg = next(iter(value.items()))
    if key not in registry:
        ctx.report(path + (key,), f"unknown {what} '{key}'{did_you_mean(key, registry)}; known: "
                                  f"{', '.join(sorted(registry))}")
        return None
    return key, arg
