"""The value types of the scenario format: one :class:`Spec` per kind of value, and records of them.

Contract of :meth:`Spec.check`: given a plain value (from
:mod:`game.scenario.yamlsource`) and its path, report every problem through the
``report`` callback and return a cleaned copy: records get their defaults
filled in, and any value that is wrong is replaced by :data:`INVALID`, so later
cross-reference checks skip it instead of reporting it twice.  Numbers and
texts are held to the rules of game/scenario/scalars.py (finite, in range,
bounded, no control characters); game/scenario/schema.py builds the format's
records from these types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable

from .problems import INVALID, describe, suggest
from .scalars import ID_MAX, NAME_MAX, PROSE_MAX, number_problem, number_words, scalar_problem, text_problem

#: Callback ``report(path, message)`` used by every spec.
Report = Callable[[tuple, str], None]


_REQUIRED: Any = object()
#: Default of an optional key that is simply left out of the cleaned record when absent.
OMIT: Any = object()


def _got(value: object) -> str:
    """``got ...`` with a hint for YAML's usual traps."""
    text = f"got {describe(value)}"
    if isinstance(value, bool):
        text += " (yes/no/on/off/true/false read as true or false; quote the text if you meant words)"
    return text


class Spec:
    """A value type.  ``expected`` reads after 'expected', e.g. 'a whole number from 1 to 4'."""

    expected: str = "a value"

    def check(self, value: Any, path: tuple, report: Report) -> Any:
        """The cleaned value, or INVALID (reported).  An INVALID input was reported upstream: pass it on."""
        if value is INVALID:
            return INVALID
        return self._check(value, path, report)

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        raise NotImplementedError

    def fail(self, value: Any, path: tuple, report: Report, extra: str = "") -> Any:
        report(path, f"expected {self.expected}; {_got(value)}{extra}")
        return INVALID


@dataclass
class Int(Spec):
    """A whole number in ``lo..hi`` (booleans and quoted digits are refused; game/scenario/scalars.py)."""

    lo: int = 0
    hi: int = 1_000_000

    @property
    def expected(self) -> str:  # type: ignore[override]
        return str(self.lo) if self.lo == self.hi else f"a whole number from {self.lo} to {self.hi}"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        problem = number_problem(value, self.lo, self.hi, whole=True)
        if problem is not None:
            report(path, problem)
            return INVALID
        return value


@dataclass
class Number(Spec):
    """A finite number (int or float, not bool) in ``lo..hi`` (game/scenario/scalars.py)."""

    lo: float = -1e9
    hi: float = 1e9

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a number from {number_words(self.lo)} to {number_words(self.hi)}"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        problem = number_problem(value, self.lo, self.hi)
        if problem is not None:
            report(path, problem)
            return INVALID
        return float(value)


@dataclass
class Text(Spec):
    """Non-blank text of at most ``limit`` characters, one line unless ``lines`` (game/scenario/scalars.py)."""

    expected: str = "text"
    limit: int = NAME_MAX
    lines: bool = False

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        problem = text_problem(value, self.limit, lines=self.lines, what=self.expected)
        if problem is not None:
            report(path, problem)
            return INVALID
        return value


def Prose(limit: int = PROSE_MAX) -> Text:
    """Text that may run over several lines (descriptions, rule texts...)."""
    return Text(limit=limit, lines=True)


_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]+$")


@dataclass
class Ident(Text):
    """An id: letters, digits, '_', '-', '.'; no spaces; at most ID_MAX characters."""

    expected: str = "an id (letters, digits, _ - . and no spaces)"
    limit: int = ID_MAX

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if isinstance(value, str) and value and len(value) <= self.limit and not _ID_RE.match(value):
            return self.fail(value, path, report)
        return super()._check(value, path, report)


@dataclass
class Flag(Spec):
    """true or false."""

    expected: str = "true or false"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        return value if isinstance(value, bool) else self.fail(value, path, report)


#: The dates a scenario may name: a century either side of the war, far from the ends of Python's calendar.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2099, 12, 31)


@dataclass
class Day(Spec):
    """A calendar date written 1950-06-25 (unquoted, no time of day)."""

    expected: str = "a date like 1950-06-25"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if isinstance(value, datetime) or not isinstance(value, date):
            quoted = isinstance(value, str) and re.match(r"^\d{4}-\d\d-\d\d$", value)
            hint = " (write it without quotes)" if quoted else ""
            return self.fail(value, path, report, hint)
        if not FIRST_DAY <= value <= LAST_DAY:
            # A turn past 9999-12-31 overflowed Python's dates in the middle of the scenario chooser.
            report(path, f"expected a date from {FIRST_DAY} to {LAST_DAY}; got {value}")
            return INVALID
        return value


@dataclass
class Choice(Spec):
    """One of a fixed set of words."""

    options: tuple[str, ...] = ()

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.options)

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if isinstance(value, str) and value in self.options:
            return value
        return self.fail(value, path, report, suggest(value, self.options) if isinstance(value, str) else "")


#: The farthest hex coordinate written (the map is 39 x 83; the map check names the map's own extent).
MAX_COORD = 1000


@dataclass
class HexSpec(Spec):
    """An axial hex ``[q, r]``."""

    expected: str = f"a hex [q, r] (two whole numbers from -{MAX_COORD} to {MAX_COORD})"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and -MAX_COORD <= v <= MAX_COORD
                        for v in value)):
            return [value[0], value[1]]
        return self.fail(value, path, report)


@dataclass
class Position(Spec):
    """Where a unit is or arrives: a place id, a hex ``[q, r]``, or ``japan``."""

    expected: str = "a place id, a hex [q, r], or japan"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if isinstance(value, list):
            return HexSpec().check(value, path, report)
        if isinstance(value, str) and value and _ID_RE.match(value):
            return value
        return self.fail(value, path, report)


@dataclass
class ListOf(Spec):
    """A list of ``item``; at least ``min_items`` long, and at most ``max_items`` (None: the values limit only)."""

    item: Spec = field(default_factory=Text)
    min_items: int = 0
    max_items: int | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a list of {self.item.expected}" if not isinstance(self.item, (Record, Loose)) else "a list"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if value is None and self.min_items == 0:
            return []
        if not isinstance(value, list):
            return self.fail(value, path, report)
        if len(value) < self.min_items:
            entries = "entry" if self.min_items == 1 else "entries"
            report(path, f"expected at least {self.min_items} {entries}; got {len(value)}")
        if self.max_items is not None and len(value) > self.max_items:
            report(path, f"expected at most {self.max_items} entries; got {len(value)}")
            return INVALID
        return [self.item.check(v, path + (i,), report) for i, v in enumerate(value)]


@dataclass
class MapOf(Spec):
    """A mapping from ``key`` (an id) to ``value``."""

    value: Spec = field(default_factory=Text)
    key: Spec = field(default_factory=Ident)
    expected: str = "a mapping (key: value lines)"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if value is None:
            return {}
        if not isinstance(value, dict):
            return self.fail(value, path, report)
        out = {}
        for k, v in value.items():
            if self.key.check(k, path + (k,), report) is not INVALID:
                out[k] = self.value.check(v, path + (k,), report)
        return out


@dataclass
class Loose(Spec):
    """A mapping (or, with ``kind=list``, a list) checked here only for its outer shape.

    The politics sections use it: compile_politics
    (game/scenario/politics_compile.py) checks their insides in depth, and the
    politics check in :mod:`game.scenario.validate` turns its paths into lines.
    ``keys`` lists the keys a record accepts: the compiler checks against it,
    and the format reference documents it.  ``fields`` gives the spec of each
    key that holds a plain value (a label, a number, true/false): the compiler
    holds the key to it (``ParseContext.typed``), so text is never a mapping
    and a number never NaN, whichever record it is in.
    """

    kind: type = dict
    what: str = "a mapping (key: value lines)"
    keys: tuple[str, ...] = ()
    fields: dict[str, Spec] = field(default_factory=dict)

    @property
    def expected(self) -> str:  # type: ignore[override]
        return self.what

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        return value if isinstance(value, self.kind) else self.fail(value, path, report)


@dataclass
class Scalar(Spec):
    """A flag's starting value: text, a number, true/false, or nothing (declared but not set)."""

    expected: str = "text, a number, true/false or nothing"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if (problem := scalar_problem(value)) is not None:
            report(path, problem)
            return INVALID
        return value


@dataclass
class Field:
    """One key of a record: its spec, whether it is required (else its default), and docs."""

    spec: Spec
    default: Any = _REQUIRED
    doc: str = ""

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@dataclass
class Record(Spec):
    """A mapping with known keys.  Unknown keys are problems, with a did-you-mean.

    ``hints`` gives a better message for particular unknown keys.
    """

    fields: dict[str, Field] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    expected: str = "a mapping (key: value lines)"

    def _check(self, value: Any, path: tuple, report: Report) -> Any:
        if not isinstance(value, dict):
            return self.fail(value, path, report)
        out: dict[str, Any] = {}
        for key in value:
            if key not in self.fields:
                report(path + (key,), self.unknown(key))
        for name, f in self.fields.items():
            if name in value and value[name] is INVALID:   # already reported upstream
                out[name] = INVALID
            elif name in value:
                out[name] = f.spec.check(value[name], path + (name,), report)
            elif f.required:
                report(path + (name,), f"missing required key '{name}'; expected {f.spec.expected}")
                out[name] = INVALID
            elif callable(f.default):   # list, dict: an empty value, checked so records get defaults
                out[name] = f.spec.check(f.default(), path + (name,), report)
            elif f.default is not OMIT:
                out[name] = f.default
        return out

    def unknown(self, key: str) -> str:
        if key in self.hints:
            return f"unknown key '{key}': {self.hints[key]}"
        hint = suggest(key, self.fields)
        if hint:
            return f"unknown key '{key}'{hint}"
        return f"unknown key '{key}'; expected one of {', '.join(self.fields)}"
