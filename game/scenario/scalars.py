"""The rules every number and every text of a scenario is held to -- the one place they are checked.

The schema's specs (game/scenario/schema.py: Int, Number, Text, Ident, Scalar), the politics parsers' readers
(game/scenario/politics_context.py: ParseContext.number, integer, text) and the YAML walker's keys
(game/scenario/yamlsource.py) all ask these functions, so a rule holds at every key path of the format.

Contract: each ``*_problem`` function returns None when the value is acceptable, else the whole message for the
person who wrote the file ("expected a number from 0 to 1; got .nan (not a number)").

* A number is an int or a float, never a bool, **finite** (NaN and +-inf are refused: ``value < lo`` is false
  for NaN, so a range test alone lets it through), and within its bounds; a whole number is an int.
* A text is a str, not blank, at most its limit long, and free of characters that break the game's display or
  hide what the text says: control characters (NUL...), tabs, lone surrogates, byte-order marks, Unicode line
  separators and bidirectional overrides.  A line break is allowed only in prose (``lines=True``).

:func:`printable` makes any text safe to show in a message (used by :class:`~game.scenario.problems.Problem`).
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from .problems import describe

#: Ids (scenario, seat, unit, template, place, flag, rule...): the real ones are at most 29 characters.
ID_MAX = 64
#: Names shown on a counter or a gauge (unit, seat, supply source, track label, threshold): the real ones reach
#: 51 characters; a counter or a gauge shows a few dozen.
NAME_MAX = 80
#: Titles (the scenario's, a decision's): the real ones reach 56; the chooser's list shortens past about 40.
TITLE_MAX = 120
#: Prose of a sentence or a paragraph (a description, a rule's text and history, a log line, a lesson, a
#: track's moved_by and does): the real ones reach 377 characters.
PROSE_MAX = 2_000
#: The briefing, the one long text: the campaign's is 1,674 characters, about 270 words.
BRIEFING_MAX = 10_000
#: Numbers the format has no tighter range for (track values, thresholds, track moves): far past any real one
#: (tracks run 0-100), and small enough that sums of them stay exact and finite.
NUMBER_MAX = 1_000_000
#: The longest number a scenario may write, in characters: past this a whole number costs Python seconds to
#: read (and past 4,300 digits Python refuses it in words of its own).
NUMBER_CHARS_MAX = 40

# Characters refused in every text: C0 and C1 controls (a NUL makes the game's font renderer fail), DEL,
# surrogates (not characters; UTF-8 cannot hold them), the byte-order mark, noncharacters, the Unicode line and
# paragraph separators, and the bidirectional embeddings, overrides and isolates (they reorder what is shown).
# The line break is refused in single-line text only; see _LINE_BREAK.
_ALWAYS = "\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff"
_MULTI_LINE_BAD = re.compile(f"[{_ALWAYS}]")
_SINGLE_LINE_BAD = re.compile(f"[{_ALWAYS}\n]")
_NAMES = {"\n": "a line break", "\t": "a tab", "\r": "a carriage return", "\x00": "a NUL character",
          "\ufeff": "a byte-order mark", "\u2028": "a Unicode line separator",
          "\u2029": "a Unicode paragraph separator"}


def _char_name(ch: str) -> str:
    """A refused character in words, with its code point."""
    code = ord(ch)
    if ch in _NAMES:
        what = _NAMES[ch]
    elif 0xD800 <= code <= 0xDFFF:
        what = "half of a surrogate pair"
    elif 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        what = "a bidirectional-text control"
    elif code in (0xFFFE, 0xFFFF):
        what = "a noncharacter"
    else:
        what = "a control character"
    return f"{what} (U+{code:04X})"


def number_words(x: float) -> str:
    """A bound as a person writes it: 1000000, 0.5, -100."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _got_number(value: Any) -> str:
    if isinstance(value, float) and math.isnan(value):
        return ".nan (not a number)"
    if isinstance(value, float) and math.isinf(value):
        return f"{'-' if value < 0 else ''}.inf (infinite)"
    return describe(value)


def number_problem(value: Any, lo: float | None = None, hi: float | None = None, *, whole: bool = False,
                   hint: str = "") -> str | None:
    """None if ``value`` is a finite number (an int if ``whole``) in ``lo..hi`` (default +-NUMBER_MAX)."""
    lo = -NUMBER_MAX if lo is None else lo
    hi = NUMBER_MAX if hi is None else hi
    kind = "a whole number" if whole else "a number"
    expected = f"expected {number_words(lo)}" if whole and lo == hi else \
        f"expected {kind} from {number_words(lo)} to {number_words(hi)}"
    wrong_type = isinstance(value, bool) or not isinstance(value, int if whole else (int, float))
    if wrong_type:
        got = describe(value)
        if isinstance(value, bool):
            got += " (yes/no/on/off/true/false read as true or false; quote the text if you meant words)"
        elif whole and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            got += " (remove the quotes)"
        return f"{expected}; got {got}{hint}"
    if not math.isfinite(value) or not lo <= value <= hi:
        return f"{expected}; got {_got_number(value)}{hint}"
    return None


def text_problem(value: Any, limit: int = NAME_MAX, *, lines: bool = False, what: str = "text") -> str | None:
    """None if ``value`` is non-blank text of at most ``limit`` characters with no refused character.

    ``lines``: line breaks are allowed (prose); ``what`` names the text in the message ("text", "an id ...").
    """
    if not isinstance(value, str):
        quotable = isinstance(value, (int, float, date)) and not isinstance(value, bool)
        return f"expected {what}; got {describe(value)}" + (" (put it in quotes)" if quotable else "")
    if len(value) > limit:
        return f"expected {what} of at most {limit} characters; got {len(value)} characters"
    bad = (_MULTI_LINE_BAD if lines else _SINGLE_LINE_BAD).search(value)
    if bad is not None:
        at = f"at character {bad.start() + 1}"
        if bad.group() == "\n":
            return (f"expected one line of {what}; got a line break {at} (only descriptions, briefings and other "
                    "prose may run over several lines)")
        return f"expected {what} without control characters; got {_char_name(bad.group())} {at}" + \
            (" (use spaces)" if bad.group() == "\t" else "")
    if not value.strip():
        return f"expected {what}; got empty text"
    return None


def scalar_problem(value: Any) -> str | None:
    """None if ``value`` may be a flag's value: one line of text (NAME_MAX), a finite number, true/false, nothing."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return text_problem(value, NAME_MAX)
    if isinstance(value, (int, float)):
        return number_problem(value)
    hint = " (put a date in quotes: flags hold text)" if isinstance(value, date) else ""
    return f"expected text, a number, true/false or nothing; got {describe(value)}{hint}"


def number_text_problem(text: str) -> str | None:
    """None if a number written ``text`` is short enough to read (see NUMBER_CHARS_MAX); the YAML walker asks."""
    if len(text) <= NUMBER_CHARS_MAX:
        return None
    return (f"expected a number of at most {NUMBER_CHARS_MAX} characters; got one {len(text)} characters long "
            f"({text[:12]}...)")


_UNPRINTABLE = re.compile(f"[{_ALWAYS}\n]")


def printable(text: str, limit: int) -> str:
    """``text`` on one line, every refused character (and the line break) written as an escape, cut to ``limit``."""
    text = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)
    return text if len(text) <= limit else text[:limit - 3] + "..."
