"""The scenario file format: value types, records, and the table of sections.

The format is data: :data:`SECTIONS` maps each top-level key to a
:class:`Field` whose spec says its shape, and documentation.  Adding a
section is one entry here, plus, if it refers to other sections, one check
function registered in :mod:`game.scenario.validate`.  The politics sections
(``tracks``, ``regions``, ``flags``, ``rules``, ``decisions``, ``scoring``) are
checked here only for their outer shape (:class:`Loose`); the politics
parsers (game/scenario/politics_*.py) check them in depth.  scenarios/README.md documents the same keys;
a test keeps the two in step.

Contract of :meth:`Spec.check`: given a plain value (from
:mod:`game.scenario.yamlsource`) and its path, report every problem through the
``report`` callback and return a cleaned copy: records get their defaults
filled in, and any value that is wrong is replaced by :data:`INVALID`, so later
cross-reference checks skip it instead of reporting it twice.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Callable

from game.engine.config import Parameters
from game.engine.units import UNIT_SIZES, UNIT_TYPES

from .problems import INVALID, describe, suggest
from .scalars import (
    BRIEFING_MAX,
    ID_MAX,
    NAME_MAX,
    NUMBER_MAX,
    PROSE_MAX,
    TITLE_MAX,
    number_problem,
    number_words,
    scalar_problem,
    text_problem,
)

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
    """A list of ``item``; at least ``min_items`` long."""

    item: Spec = field(default_factory=Text)
    min_items: int = 0

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


# ---------------------------------------------------------------------------
# The scenario format, version 1.  Keep scenarios/README.md in step.
# ---------------------------------------------------------------------------

FORMAT_VERSION = 1

TEACHING = Record({
    "learning_goals": Field(ListOf(Prose()), list, "what a student should understand after playing"),
    "ideas": Field(ListOf(Text()), list, "the international-relations ideas the scenario shows"),
    "questions": Field(ListOf(Prose()), list, "questions for discussion in the debrief"),
})

META = Record({
    "id": Field(Ident(), doc="the scenario id; must equal the file name without .yaml"),
    "title": Field(Text(limit=TITLE_MAX), doc="the title shown in the scenario chooser"),
    "start": Field(Day(), doc="first day the scenario covers"),
    "end": Field(Day(), doc="last day the scenario covers"),
    "description": Field(Prose(), doc="one or two sentences for the chooser"),
    "briefing": Field(Prose(BRIEFING_MAX), doc="the briefing shown before play"),
    "teaching": Field(TEACHING, None, "optional notes for the classroom"),
})

PERIOD = Record({
    "from": Field(Day(), doc="first turn date this turn length applies to"),
    "days": Field(Int(1, 366), doc="turn length in days"),
})

CALENDAR = Record({
    "start": Field(Day(), None, "date of turn 1 (default: meta.start; if given, must equal it)"),
    "end": Field(Day(), None, "last date a turn may start (default: meta.end; if given, must equal it)"),
    "periods": Field(ListOf(PERIOD, 1), None, "turn lengths; default one period of 7 days from the start"),
})

def _ai_names() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The personalities and difficulties of the computer players (assets/ai/profiles.json, read by game/ai)."""
    import json

    from game.paths import ROOT as GAME_ROOT
    data = json.loads((GAME_ROOT / "assets" / "ai" / "profiles.json").read_text(encoding="utf-8"))
    return tuple(data["personalities"]), tuple(data["difficulties"])


AI_PERSONALITIES, AI_DIFFICULTIES = _ai_names()
AI_SEAT = Record({
    "personality": Field(Choice(AI_PERSONALITIES), "historical", "the computer's temper for this seat"),
    "difficulty": Field(Choice(AI_DIFFICULTIES), OMIT, "a difficulty for this seat, whatever the player chose"),
})

SEAT = Record({
    "id": Field(Ident(), doc="seat id, used by units and rules"),
    "name": Field(Text(), doc="name shown to players"),
    "bloc": Field(Ident(), doc="seats of the same bloc are allies (un, communist)"),
    "nations": Field(ListOf(Ident(), 1), doc="nation ids whose units this seat commands"),
})

#: The fields of a unit, in the order the README lists them.
UNIT_FIELDS: dict[str, Field] = {
    "id": Field(Ident(), doc="unique unit id"),
    "name": Field(Text(), doc="name shown on the counter and in the log"),
    "template": Field(Ident(), None, "name of an entry in `templates` supplying the keys not given here"),
    "seat": Field(Ident(), doc="the seat commanding it"),
    "nation": Field(Ident(), doc="its nation; one of the seat's nations"),
    "type": Field(Choice(tuple(UNIT_TYPES)), doc="branch: " + ", ".join(UNIT_TYPES)),
    "size": Field(Choice(UNIT_SIZES), doc="echelon: " + ", ".join(UNIT_SIZES)),
    "attack": Field(Int(0, 20), doc="attack factor at full strength"),
    "defence": Field(Int(0, 20), doc="defence factor at full strength"),
    "movement": Field(Int(1, 12), doc="movement points a turn"),
    "steps": Field(Int(1, 4), doc="strength steps at full strength"),
    "at": Field(Position(), doc="where it starts: a place id, a hex [q, r], or japan"),
    "hidden": Field(Flag(), False, "unseen by the enemy until it attacks or is spotted"),
    "anti_tank": Field(Flag(), True, "false: enemy armour gets a column shift against it"),
    "infiltrates": Field(Flag(), False, "may move through enemy zones of control at a cost"),
    "amphibious": Field(Flag(), False, "a landing specialist (marines)"),
}
UNIT = Record(UNIT_FIELDS)

#: A unit inside an arrival: no `at` (it enters at the arrival's `at`).
ARRIVAL_UNIT = Record({k: f for k, f in UNIT_FIELDS.items() if k != "at"},
                      hints={"at": "units of an arrival enter at the arrival's own 'at'"})

#: A template: any unit key except id, name, at and template, all optional.
TEMPLATE = Record({k: Field(f.spec, OMIT, f.doc) for k, f in UNIT_FIELDS.items()
                   if k not in ("id", "name", "at", "template")},
                  hints={k: "a template cannot hold it; give it on each unit"
                         for k in ("id", "name", "at", "template")})

ARRIVAL = Record({
    "date": Field(Day(), None, "the date the units enter (on the first turn starting on or after it); "
                               "optional with `requires`"),
    "requires": Field(Ident(), None, "a flag that must be set before the units enter (political gating)"),
    "delay_days": Field(Int(0, 3650), 0, "days after the `requires` flag was set before they enter"),
    "at": Field(Position(), doc="where they enter: a place id, a hex [q, r], or japan"),
    "note": Field(Prose(), None, "history note shown when they arrive"),
    "units": Field(ListOf(ARRIVAL_UNIT, 1), doc="the units arriving (unit entries without `at`)"),
})

SUPPLY_SOURCE = Record({
    "bloc": Field(Ident(), doc="the bloc it supplies"),
    "place": Field(Ident(), None, "a place id (give place or hex)"),
    "hex": Field(HexSpec(), None, "a hex [q, r] (give place or hex)"),
    "name": Field(Text(), None, "label (default: the place's name)"),
    "always": Field(Flag(), False, "true: a source whoever holds the hex"),
    "until": Field(Ident(), None, "a flag: the source serves until a rule or decision sets it"),
    "linked": Field(Flag(), False, "true: a depot, serving only while a land route free of enemy units and "
                                   "their zones of control links it to a source that is not a depot"),
})

VICTORY_PLACE = Record({
    "place": Field(Ident(), doc="a place id"),
    "points": Field(Int(-1000, 1000), doc="victory points to the bloc holding it"),
})


#: The range of each whole-number parameter: what the rules can play with, not what a typo or a hostile file
#: writes (``stacking: 0`` would let no unit move; a spotting range of 1000 would make every unit search a
#: million hexes a turn).  game/engine/config.py Parameters holds the defaults; the README documents these.
PARAMETER_RANGES: dict[str, tuple[int, int]] = {
    "stacking": (1, 10), "spot_range": (0, 10), "air_recon_bonus": (0, 10), "supply_range": (0, 60),
    "out_of_supply_step_after": (1, 20), "zoc_exit_cost": (0, 12), "infiltration_cost": (0, 12),
    "landing_capacity": (0, 10), "sea_capacity": (0, 20), "rail_capacity": (0, 20), "rail_hexes": (0, 200),
    "winter_months": (1, 12), "retreat_hexes": (1, 5), "interdiction_cut": (0, 60),
    "rebuild_after_days": (0, 3650), "rear_reach": (0, 30), "rear_margin": (0, 30),
}
#: The latitudes the map spans (winter_north_lat, and the politics' north_of / south_of).
LATITUDES = (30.0, 45.0)


def _spec_like(example: Any, name: str) -> Spec:
    """The spec of a value shaped like ``example`` (a Parameters default)."""
    if isinstance(example, bool):
        return Flag()
    if isinstance(example, int):
        return Int(*PARAMETER_RANGES[name])
    if isinstance(example, float):
        return Number(*LATITUDES)
    if isinstance(example, tuple):
        item = example[0]
        if isinstance(item, tuple):         # closed: [[bloc, country], ...]
            return ListOf(ListOf(Ident()))
        return ListOf(_spec_like(item, name))
    return Ident() if name.endswith("_bloc") else Text()


#: Overrides of :class:`game.engine.config.Parameters`; every field optional.
PARAMETERS = Record({
    f.name: Field(_spec_like(f.default, f.name), OMIT, f"default {f.default!r}")
    for f in dataclasses.fields(Parameters)
})

# -- politics (DESIGN.md sections 8 and 9): shapes only; game.scenario.politics_compile compiles them ----

#: The keys each politics record accepts (compile_politics checks against these lists).
_ID_TEXT = Text(limit=ID_MAX)        # rule and decision ids: any one line (existing files use spaces in none)
TRACK = Loose(dict, "a track (a mapping)",
              ("label", "start", "min", "max", "thresholds", "moved_by", "does", "idea", "public"),
              {"label": Text(), "start": Number(-NUMBER_MAX, NUMBER_MAX), "min": Number(-NUMBER_MAX, NUMBER_MAX),
               "max": Number(-NUMBER_MAX, NUMBER_MAX), "moved_by": Prose(), "does": Prose(), "public": Flag()})
REGION = Loose(dict, "a region (a mapping)", ("country", "places", "hexes", "radius", "north_of", "south_of",
                                               "border", "polygon"),
               {"radius": Int(0, 30), "north_of": Number(*LATITUDES), "south_of": Number(*LATITUDES)})
CONTROL = Loose(dict, "a control entry (a mapping)", ("bloc", "region"))
RULE = Loose(dict, "a rule (a mapping)", ("id", "when", "chance", "effects", "once", "check", "text", "history",
                                          "idea", "milestone", "to"),
             {"id": _ID_TEXT, "once": Flag(), "text": Prose(), "history": Prose()})
DECISION = Loose(dict, "a decision (a mapping)", ("id", "seat", "title", "text", "history", "idea", "when",
                                                  "effects", "once", "offered", "ai_weight", "milestone"),
                 {"id": _ID_TEXT, "title": Text(limit=TITLE_MAX), "text": Prose(), "history": Prose(),
                  "once": Flag(), "offered": Flag(), "ai_weight": Number(0, 1)})
SCORING = Loose(dict, "scoring weights (a mapping)", ("ground", "losses", "escalation", "cohesion", "outcome",
                                                      "historical"),
                {k: Number(0, 100) for k in ("ground", "losses", "escalation", "cohesion")})
#: The keys of ``scoring.historical`` (checked by game.scenario.validate, read by game.engine.politics.scoring).
HISTORICAL_KEYS = ("ground", "loss_balance", "escalation_peak", "cohesion", "outcome")
#: Sections compiled by game.scenario.politics_compile.compile_politics into GameConfig.politics.
POLITICS_SECTIONS = ("tracks", "regions", "flags", "rules", "decisions", "scoring", "control")

#: What a player does that completes a tutorial lesson (game/ui/lessons.py watches for it).
LESSON_ACTIONS = ("select", "move", "undo", "end_phase", "attack", "overlay", "decide")

LESSON = Record({
    "text": Field(Prose(), doc="what the player is asked to do, in a sentence or two"),
    "done": Field(Choice(LESSON_ACTIONS), doc="what the player does that completes it"),
    "to": Field(ListOf(Ident(), 1), OMIT, "the seat ids it is for (left out: every human seat); in a hot-seat "
                                          "game the others never see it"),
})

#: The top-level sections.  One entry per section; order = README order.
SECTIONS: dict[str, Field] = {
    "format": Field(Int(FORMAT_VERSION, FORMAT_VERSION), doc="format version; always 1"),
    "meta": Field(META, doc="id, title, dates, texts"),
    "calendar": Field(CALENDAR, dict, "turn dates"),
    "seats": Field(ListOf(SEAT, 2), doc="the seats in turn order"),
    "parameters": Field(PARAMETERS, dict, "overrides of the rules' numbers"),
    "replacements": Field(MapOf(Int(0, 50)), dict, "replacement steps a turn, per seat id"),
    "templates": Field(MapOf(TEMPLATE), dict, "shared unit values, by template name"),
    "units": Field(ListOf(UNIT), list, "units present at the start"),
    "arrivals": Field(ListOf(ARRIVAL), list, "units entering later"),
    "supply_sources": Field(ListOf(SUPPLY_SOURCE), list, "where supply is traced to"),
    "victory_places": Field(ListOf(VICTORY_PLACE), list, "places worth victory points"),
    # Left out of the cleaned data when absent, so a scenario without politics compiles to None.
    "tracks": Field(MapOf(TRACK), OMIT, "political tracks (escalation, cohesion...) by name"),
    "regions": Field(MapOf(REGION), OMIT, "named areas of the map that rules refer to"),
    "flags": Field(MapOf(Scalar()), OMIT, "flags declared with their starting values"),
    "rules": Field(ListOf(RULE), OMIT, "rules: when -> chance -> effects"),
    "decisions": Field(ListOf(DECISION), OMIT, "political decisions the seats may take"),
    "scoring": Field(SCORING, OMIT, "victory-point weights and the historical benchmarks"),
    "control": Field(ListOf(CONTROL), OMIT, "who holds which regions at the start (instead of the 1950 border)"),
    "ai": Field(MapOf(AI_SEAT), OMIT, "per seat id, the computer player's temper here (a cautious Truman...)"),
    "lessons": Field(ListOf(LESSON), OMIT, "tutorial steps, shown one at a time in a panel of their own"),
}
ROOT = Record(SECTIONS)
