"""Problems found in a scenario file, and the error that carries all of them.

A :class:`Problem` is one thing wrong, said for the person who wrote the file:
where (file and line), which field (``units[3].seat``), and what was expected
against what was found.  Validation never stops at the first problem: it
collects every one and raises a single :class:`ScenarioError` holding the list.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Iterable, Sequence


class _Invalid:
    """Marker for a value that failed its check (already reported)."""

    _instance: "_Invalid | None" = None

    def __new__(cls) -> "_Invalid":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> "_Invalid":
        return self

    def __deepcopy__(self, memo: dict) -> "_Invalid":
        return self


#: A value that failed its check (already reported); later checks skip it.
INVALID: Any = _Invalid()


#: A path into a YAML document: mapping keys (str) and sequence indices (int).
Path_ = tuple[object, ...]


def format_path(path: Sequence[object]) -> str:
    """``("units", 3, "seat")`` -> ``"units[3].seat"``; the root is ``""``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def describe(value: object) -> str:
    """A short, readable rendering of a found value for an error message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def suggest(word: object, choices: Iterable[object]) -> str:
    """`` (did you mean 'xyz'?)`` for the closest choice, or ``""`` if none is close.

    The one "did you mean" of the scenario layer: the schema, the cross-reference
    checks and the politics parsers (game/scenario/politics_context.py) all use it.
    """
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def one_of(value: object, options: Sequence[str], what: str = "one of") -> str:
    """``expected one of a, b, c; got 'x' (did you mean 'a'?)`` for a value not among ``options``."""
    hint = suggest(str(value), options) if isinstance(value, str) else ""
    return f"expected {what} {', '.join(options)}; got {describe(value)}{hint}"


@dataclass(frozen=True, order=True)
class Problem:
    """One error in a scenario (or map) file.

    ``line`` is 1-based, or None when no line applies (a missing file);
    ``field`` is a dotted path such as ``units[3].seat``, or ``""`` for the
    whole file.
    """

    file: str
    line: int | None
    field: str
    message: str

    def __post_init__(self) -> None:
        # Shown in a terminal and in the game's text boxes: a NUL or a surrogate echoed from a hostile file would
        # break the font renderer, and a 100,000-character key would fill the screen.  Escaped and cut here,
        # once, whatever check wrote the message (game/scenario/scalars.py holds the rules).
        from .scalars import printable
        for name, limit in (("file", 300), ("field", 300), ("message", 600)):
            object.__setattr__(self, name, printable(str(getattr(self, name)), limit))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ScenarioError(Exception):
    """A scenario that cannot be used; ``problems`` lists every problem found, in line order."""

    def __init__(self, problems: Sequence[Problem], summary: str | None = None):
        self.problems: list[Problem] = sorted(problems, key=_line_key)
        n = len(self.problems)
        head = summary or (f"{self.problems[0].file}: {n} problem{'s' if n != 1 else ''}"
                           if self.problems else "scenario error")
        super().__init__(head + "".join(f"\n  {p}" for p in self.problems))
        self.summary = head

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):
        # Rebuilt from its problems and attributes, not its message: a worker process's error must cross back
        # to the parent (the default rebuilt it from the message string and failed in the pool's result
        # thread), whatever its subclass's own constructor takes.
        return _rebuild_error, (type(self), self.problems, self.summary, dict(self.__dict__))


class ScenarioNotFound(ScenarioError):
    """A scenario id or path that names no file."""


def _rebuild_error(cls: type, problems: list, summary: str, state: dict) -> ScenarioError:
    """A pickled ScenarioError (of any subclass) as it was."""
    err = Exception.__new__(cls)
    ScenarioError.__init__(err, problems, summary)
    err.__dict__.update(state)
    return err


def _line_key(p: Problem) -> tuple:
    return (p.file, p.line if p.line is not None else 0, p.field, p.message)
