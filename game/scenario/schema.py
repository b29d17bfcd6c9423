"""The scenario file format: value types, records, and the table of sections.

The format is data: :data:`SECTIONS` maps each top-level key to a
:class:`Field` whose spec says its shape, and documentation.  Adding a
section is one entry here, plus, if it refers to other sections, one check
function registered in :mod:`game.scenario.validate`.  The politics sections
(``tracks``, ``regions``, ``flags``, ``rules``, ``decisions``, ``scoring``) are
checked here only for their outer shape (:class:`Loose`); the politics
parsers (game/scenario/politics_*.py) check them in depth.  scenarios/README.md documents the same keys;
a test keeps the two in step.

The value types (Int, Text, Record...) and their contract are in
game/scenario/specs.py; they are re-exported here, the one module the rest of
the game imports the format from.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from game.engine.config import Parameters
from game.engine.politics.model import MILESTONES
from game.engine.units import UNIT_SIZES, UNIT_TYPES

from .problems import INVALID as INVALID  # re-exported: validate and the tests take it from here
from .scalars import BRIEFING_MAX, ID_MAX, NUMBER_MAX, TITLE_MAX
from .specs import (  # the value types, re-exported: the game imports the format from here
    OMIT,
    Choice,
    Day,
    Field,
    Flag,
    HexSpec,
    Ident,
    Int,
    ListOf,
    Loose,
    MapOf,
    Number,
    Position,
    Prose,
    Record,
    Scalar,
    Spec,
    Text,
)

# ---------------------------------------------------------------------------
# The scenario format, version 1.  Keep scenarios/README.md in step.
# ---------------------------------------------------------------------------

FORMAT_VERSION = 1
#: The most seats a scenario may have: the real ones have 2 or 3; the seat set-up screen and the turn order are
#: made for a handful (200 seats validated, and each turn became 200 seat-turns).
MAX_SEATS = 8
#: The most units a scenario may have, at the start and arriving: the whole war has 111; 1,200 units already
#: take a random player seconds a turn, and a computer player far longer.
MAX_UNITS = 1000

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
    "rear_reach_per_step": (0, 30),
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

#: A key moment where a classroom demonstration stops for discussion (game/session/classroom.py): one of
#: ``milestone``, ``rule`` or ``decision`` says when (game/scenario/validate_classroom.py holds it to the scenario).
PAUSE = Record({
    "milestone": Field(Choice(MILESTONES), OMIT, "a key event of the war (the `milestone` of a rule or decision, or "
                                                 "one the game finds in play)"),
    "rule": Field(Text(limit=ID_MAX), OMIT, "a rule's id: the pause comes when it fires"),
    "decision": Field(Text(limit=ID_MAX), OMIT, "a decision's id: the pause comes when it is taken"),
    "question": Field(Prose(), doc="the question put to the class, in a sentence or two"),
})

#: A "what if?" the teacher may pose: policies laid on decisions while the computer plays their seats, and/or
#: events (the scenario's rules) made to happen at once (game/scenario/validate_classroom.py: one or the other).
WHAT_IF = Record({
    "title": Field(Text(limit=TITLE_MAX), doc="the question as the class asks it"),
    "policies": Field(ListOf(Text(), 1), OMIT, "one or more DECISION=RULE, as `simulate --policy` takes them "
                                               "(un.nuclear_use=always)"),
    "inject": Field(ListOf(Text(limit=ID_MAX), 1), OMIT, "one or more rule ids: the teacher makes them happen "
                                                         "now, whatever their `when` and `chance`"),
    "note": Field(Prose(), None, "what to watch for once it is set"),
})

CLASSROOM = Record({
    "pauses": Field(ListOf(PAUSE), list, "where a demonstration stops, each with a question for the class"),
    "what_ifs": Field(ListOf(WHAT_IF), list, "the what-ifs the teacher may force or forbid"),
})

#: The top-level sections.  One entry per section; order = README order.
SECTIONS: dict[str, Field] = {
    "format": Field(Int(FORMAT_VERSION, FORMAT_VERSION), doc="format version; always 1"),
    "meta": Field(META, doc="id, title, dates, texts"),
    "calendar": Field(CALENDAR, dict, "turn dates"),
    "seats": Field(ListOf(SEAT, 2, MAX_SEATS), doc="the seats in turn order"),
    "parameters": Field(PARAMETERS, dict, "overrides of the rules' numbers"),
    "replacements": Field(MapOf(Int(0, 50)), dict, "replacement steps a turn, per seat id"),
    "rebuild_after": Field(MapOf(Int(0, 3650)), dict,
                           "days before a seat's destroyed unit re-forms, per seat id (overrides the parameter)"),
    "replacements_after": Field(MapOf(MapOf(Int(0, 50))), dict,
                                "replacement steps a turn once a flag is set, per flag, per seat id"),
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
    "classroom": Field(CLASSROOM, OMIT, "a teacher's pauses with questions, and the what-ifs offered"),
}
ROOT = Record(SECTIONS)
