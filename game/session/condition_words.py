"""A condition -- a decision's ``when`` -- in a player's words, made from the scenario's own names.

The engine's ``Condition.describe`` speaks in ids ("intervention at least 40 and not (pva entered)"); a
player reads "PRC intervention pressure is 40 or more, and the Chinese People's Volunteers have not yet
entered the war".  Tracks are named by their labels, places and seats by their names, and a flag by what
sets it (game/engine/politics/model.py): the key event of the war it marks (a milestone), else the
decisions that set it ("'Relieve the theatre commander' has not been taken") or the events of the rules
that do ("'Pyongyang falls to the UN side' has happened") -- never by its internal name.
"""

from __future__ import annotations

from game.engine.api import army_name, in_sentence, nice, plural, points
from game.engine.politics.conditions import (
    All,
    Any_,
    Controls,
    DateIs,
    FlagIs,
    FrontStable,
    Losses,
    NearRegion,
    Not,
    SeatActive,
    TalksAre,
    TrackIs,
    TurnIs,
    UnitsInRegion,
    UnitsNorthOf,
    UnitsSouthOf,
)
from game.engine.politics.effects import ClearFlag, SetFlag

#: Key events of the war (a rule's or decision's ``milestone``) as facts: (done, not yet done).
MILESTONE_WORDS = {
    "prc_warns": ("China has warned that it will intervene", "China has not yet warned"),
    "prc_enters": ("the Chinese People's Volunteers have entered the war",
                   "the Chinese People's Volunteers have not yet entered the war"),
    "soviet_air": ("Soviet fighters cover the Yalu", "Soviet fighters do not yet cover the Yalu"),
    "talks_open": ("armistice talks have opened", "armistice talks have not yet opened"),
    "un_crosses_38th": ("UN troops have crossed the 38th parallel", "UN troops have not yet crossed the 38th parallel"),
    "nuclear_threat": ("the atomic bomb has been threatened", "the atomic bomb has not been threatened"),
    "armistice_signed": ("the armistice is signed", "the armistice is not yet signed"),
    "general_war": ("the war has become a general war", "the war has not become a general war"),
}

#: The flags the engine keeps (game/scenario/politics_compile.py ENGINE_FLAGS), as facts: (set, not set).
ENGINE_FLAG_WORDS = {
    "mig_alley": ("MiG Alley is open", "MiG Alley is closed"),
    "no_air_support": ("there is no close air support yet", "close air support flies"),
}

#: The talks' states (game/engine/politics/conditions.py TalksAre) as facts: (so, not so).
TALKS_WORDS = {
    "closed": ("no armistice talks have opened yet", "armistice talks have opened"),
    "open": ("the armistice talks are open", "the armistice talks are not open"),
    "suspended": ("the armistice talks are suspended", "the armistice talks are not suspended"),
    "signed": ("the armistice is signed", "the armistice is not signed"),
}

#: A bloc as a side of the war.
BLOC_WORDS = {"un": "UN", "communist": "communist"}

#: A track condition's operator, and the one that says the opposite.
TRACK_OPS = {"at_least": "{} or more", "above": "above {}", "below": "below {}", "at_most": "{} or less"}
OPPOSITE = {"at_least": "below", "below": "at_least", "above": "at_most", "at_most": "above"}


def condition_words(config, cond, board=None, own: str = "") -> str:
    """``cond`` in words; ``board`` names places (else their ids in words); ``own``: the decision the condition
    belongs to (a flag it sets itself reads "it has not been taken yet")."""
    return _words(config, cond, board, own, False, 0)


def flag_words(config, flag: str, is_set: bool, own: str = "") -> str:
    """A flag as a fact, set or not: from the milestone of what sets it, the decisions that set it, or the events of
    the rules that do (see the module's docstring); its name in words when nothing sets it."""
    if flag in ENGINE_FLAG_WORDS:
        return ENGINE_FLAG_WORDS[flag][0 if is_set else 1]
    pol = config.politics
    setters, clearers = _changers(pol, flag) if pol is not None else ([], [])
    if not setters and clearers and pol is not None and pol.flags.get(flag):
        # Set from the start and only ever cleared: it holds until what clears it happens.
        return _happened(clearers, not is_set, own)
    milestones = [s.milestone for s in setters if getattr(s, "milestone", "") in MILESTONE_WORDS]
    if milestones:
        return MILESTONE_WORDS[milestones[0]][0 if is_set else 1]
    if setters:
        return _happened(setters, is_set, own, in_force=bool(clearers))
    words = nice(flag, start=False)
    return words if is_set else f"not {words}"


def _changers(pol, flag: str) -> tuple[list, list]:
    """(the rules and decisions that set ``flag``, those that clear it), in the scenario's order."""
    setters, clearers = [], []
    for source in list(pol.decisions.values()) + list(pol.rules):
        for e in source.effects:
            if isinstance(e, SetFlag) and e.name == flag and source not in setters:
                setters.append(source)
            elif isinstance(e, ClearFlag) and e.name == flag and source not in clearers:
                clearers.append(source)
    return setters, clearers


def _happened(sources: list, done: bool, own: str, in_force: bool = False) -> str:
    """That a decision was taken (or is in force: one that may be undone) or that a rule's event happened."""
    parts = []
    for s in sources:
        if hasattr(s, "title"):              # a decision (game/engine/politics/model.py Decision)
            name = "it" if s.id == own else f"'{s.title}'"
            if in_force:
                parts.append(f"{name} is in force" if done else
                             ("it is not already in force" if s.id == own else f"{name} is not in force"))
            else:
                parts.append(f"{name} has been taken" if done else f"{name} has not been taken yet")
        else:                                # a rule: its event, the first words of its text
            event = first_clause(s.text) or nice(s.id, start=False)
            parts.append(f"'{event}' has happened" if done else f"'{event}' has not happened")
    return (" or " if done else " and ").join(parts)


def first_clause(text: str) -> str:
    """A rule's event in a few words: its text up to the first full stop or colon ("China warns through India")."""
    first = text.split(". ")[0].split(": ")[0].strip().rstrip(".")
    return first


def _units(config, flt: tuple, n: int, negate: bool) -> tuple[str, str]:
    """The units a count condition selects, with their number, and the verb that goes with them: ('a UN Command
    unit', 'is'), ('2 or more US units', 'are'); negated ('no UN Command unit', 'is'), ('fewer than 2 ...', 'are');
    with no filter, ('a unit', 'is')."""
    seats, blocs, nations, exclude = flt
    names = ([config.seat(s).name for s in seats] + [BLOC_WORDS.get(b, b) for b in blocs]
             + [army_name(x) for x in nations])
    who = ("/".join(names) + " ") if names else ""
    other = (" other than " + "/".join(army_name(x) for x in exclude)) if exclude else ""
    if n == 1:
        article = "no" if negate else _article(who)
        return f"{article} {who}unit{other}", "is"
    return f"{'fewer than' if negate else ''} {n}{'' if negate else ' or more'} {who}units{other}".strip(), "are"


#: Words spelt with a vowel that are said with a consonant sound ("a UN unit", "a US unit").
_CONSONANT_SOUND = ("UN", "US", "UK", "Union", "United", "European")


def _article(words: str) -> str:
    """'a' or 'an' before ``words``, by how the first word is said, not spelt."""
    first = words.split(" ", 1)[0].split("/", 1)[0]
    if not first or first.startswith(_CONSONANT_SOUND):
        return "a"
    return "an" if first[:1] in "AEIOUaeiou" else "a"


def _region(name: str) -> str:
    words = nice(name, start=False)
    return words if words[:1].isupper() and " " not in words and words not in ("Yalu",) else f"the {words}"


def _place(board, place: str) -> str:
    if board is not None and place in board.places:
        return board.places[place].name
    return nice(place)


def _words(config, c, board, own: str, negate: bool, depth: int) -> str:
    pol = config.politics
    if isinstance(c, Not):
        return _words(config, c.part, board, own, not negate, depth)
    if isinstance(c, (All, Any_)):
        conjunction = isinstance(c, All) != negate          # not (A or B) = not A and not B
        if not conjunction and all(isinstance(p, TalksAre) for p in c.parts) and not negate:
            states = [p.status for p in c.parts]
            return f"the armistice talks are {' or '.join(states)}"
        parts = [_words(config, p, board, own, negate, depth + 1) for p in c.parts]
        if len(parts) == 1:
            return parts[0]
        if conjunction:
            # A time first ("from turn 2, if ..."); at the top, clauses apart with commas (the parts of an 'or'
            # inside keep their 'and' without one: "either A and B, or C").
            times = [w for p, w in zip(c.parts, parts) if isinstance(p, (TurnIs, DateIs)) and not negate]
            rest = [w for w in parts if w not in times]
            text = (", and " if depth == 0 else " and ").join(rest)
            return f"{', '.join(times)}, if {text}" if times and rest else (text or ", ".join(times))
        complex_ = any(" and " in p or " or " in p for p in parts)
        text = (", or " if complex_ else " or ").join(parts)
        return f"either {text}" if depth > 0 or complex_ else text
    if isinstance(c, FlagIs):
        if c.equals is True:
            return flag_words(config, c.name, not negate, own)
        return f"{nice(c.name, start=False)} is {'not ' if negate else ''}{c.equals}"
    if isinstance(c, TrackIs):
        spec = pol.tracks.get(c.name) if pol is not None else None
        label = in_sentence(spec.label if spec is not None else nice(c.name))
        op = OPPOSITE[c.op] if negate else c.op
        many = label.split(" (")[0].endswith("s") and not label.split(" (")[0].endswith("ss")
        return f"{label} {'stand at' if many else 'is'} {TRACK_OPS[op].format(points(c.value))}"
    if isinstance(c, TalksAre):
        return TALKS_WORDS.get(c.status, (f"the talks are {c.status}", f"the talks are not {c.status}"))[negate]
    if isinstance(c, TurnIs):
        return _turns(c.lo, c.hi, negate)
    if isinstance(c, DateIs):
        return _dates(c.start, c.until, negate)
    if isinstance(c, (UnitsNorthOf, UnitsSouthOf)):
        who, verb = _units(config, c.flt, c.count, negate)
        return f"{who} {verb} {'north' if isinstance(c, UnitsNorthOf) else 'south'} of {c.lat:g}°N"
    if isinstance(c, UnitsInRegion):
        who, verb = _units(config, c.flt, c.count, negate)
        return f"{who} {verb} in {_region(c.region)}"
    if isinstance(c, NearRegion):
        who, verb = _units(config, c.flt, 1, negate)
        where = f"on {_region(c.region)}" if c.within == 0 else \
            f"within {plural(c.within, 'hex', 'hexes')} of {_region(c.region)}"
        return f"{who} {verb} {where}"
    if isinstance(c, Controls):
        side = f"the {BLOC_WORDS.get(c.bloc, c.bloc)} side"
        places = (" and " if c.every else " or ").join(_place(board, p) for p in c.places)
        return f"{side} {'does not hold' if negate else 'holds'} {places}"
    if isinstance(c, Losses):
        who = "/".join(config.seat(s).name if s in {x.id for x in config.seats} else s for s in c.seats)
        return f"{who} losses are {'below' if negate else 'at least'} {plural(c.at_least, 'step')}"
    if isinstance(c, FrontStable):
        return f"the front has {'not ' if negate else ''}held still for {c.turns} turns"
    if isinstance(c, SeatActive):
        name = config.seat(c.seat).name if c.seat in {x.id for x in config.seats} else c.seat
        return f"it is {'not ' if negate else ''}the {name}'s turn"
    text = c.describe()
    return f"not ({text})" if negate else text


def _turns(lo: int | None, hi: int | None, negate: bool) -> str:
    if negate:
        if lo and hi:
            return f"before turn {lo} or after turn {hi}"
        return f"before turn {lo}" if lo else (f"after turn {hi}" if hi else "never")
    if lo and hi:
        return f"on turn {lo}" if lo == hi else f"from turn {lo} to turn {hi}"
    return f"from turn {lo}" if lo else (f"until turn {hi}" if hi else "on any turn")


def _dates(start, until, negate: bool) -> str:
    def day(d) -> str:
        return f"{d.day} {d:%B %Y}"

    if negate:
        parts = ([f"before {day(start)}"] if start else []) + ([f"after {day(until)}"] if until else [])
        return " or ".join(parts) or "never"
    if start and until:
        return f"from {day(start)} to {day(until)}"
    return f"from {day(start)}" if start else (f"until {day(until)}" if until else "at any time")
