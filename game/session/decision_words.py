"""What a political decision does, in a player's words, split into what helps the seat and what it costs.

The words are made from the decision's effects and from what reads the flags it sets -- the rules and
decisions whose conditions test them, the units that wait for them, the supply sources that serve until
them -- never written by hand, so they cannot drift from the rules: "sets pow hardline un" becomes "while
the talks sit, they advance 3 less a turn" (the talks' own rule), "sets pva entered" becomes "48 PVA
divisions enter the war: 12 at once, the last 5 months later", "1 units arrive" becomes "1 unit arrives".
Tracks move in whole points, as the gauges show them (game/engine/words.py).  Whether a track's move helps
or costs a side is judged by the weight the historical computer player gives that track for the side's bloc
(assets/ai/profiles.json): escalation costs everyone, cohesion helps the UN side, the other side's weariness
helps, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.profiles import personality
from game.engine.api import army_name, change, nation_name, nice, plural, points
from game.engine.politics.conditions import All, Any_, FlagIs, Not
from game.engine.politics.effects import (
    HARDLINE_FLAGS,
    Air,
    ClearFlag,
    EndGame,
    MoveTrack,
    Reinforce,
    SetFlag,
    Supply,
    TakeDecision,
    Talks,
    TalksProgress,
    Withdraw,
)
from game.engine.units import Location

from .condition_words import first_clause


@dataclass(frozen=True)
class Consequence:
    """One thing a decision does: its words, and how much it helps (>0) or costs (<0) the seat (0: neither)."""

    text: str
    worth: float = 0.0
    #: the track it moves, if it is a track's move (a screen may show the engine's preview of it instead)
    track: str = ""


def track_worth(bloc: str, track: str, change: float) -> float:
    """How much ``change`` on ``track`` is worth to ``bloc``, by the historical computer player's weights."""
    return float(personality("historical").weights.get(bloc, {}).get(track, 0.0)) * change


def unit_count(n: int) -> str:
    return "1 unit arrives" if n == 1 else f"{n} units arrive"


def consequences(config, bloc: str, effects, names: dict | None = None, own: str = "",
                 units=None) -> list[Consequence]:
    """Every effect of a decision, in words, with its worth to ``bloc``.  ``names``: unit id -> name (for forces
    that leave); ``own``: the decision's id (what it does to itself -- once taken, it closes -- goes unsaid);
    ``units``: the scenario's units (templates or a seat's views): those that wait for a flag it sets."""
    pol = config.politics
    out: list[Consequence] = []
    for e in effects:
        if isinstance(e, MoveTrack):
            spec = pol.tracks.get(e.name) if pol else None
            label = spec.label if spec else nice(e.name)
            if e.add is not None:
                out.append(Consequence(f"{label} {change(0.0, e.add)}", track_worth(bloc, e.name, e.add), e.name))
            else:
                out.append(Consequence(f"{label} set to {points(e.to)}", 0.0, e.name))
        elif isinstance(e, Talks):
            words = {"open": "opens armistice talks", "suspend": "suspends the armistice talks",
                     "resume": "resumes the armistice talks", "sign": "signs the armistice"}
            if e.verb == "advance":
                out.append(Consequence(f"armistice talks {change(0.0, e.amount)}",
                                       track_worth(bloc, "talks", e.amount), "talks"))
            else:
                out.append(Consequence(words.get(e.verb, f"talks: {e.verb}"),
                                       track_worth(bloc, "talks", -1.0 if e.verb == "suspend" else 1.0)))
        elif isinstance(e, (SetFlag, ClearFlag)):
            out.extend(flag_consequences(config, bloc, e.name, isinstance(e, SetFlag), own, units))
        elif isinstance(e, Reinforce):
            out.append(Consequence(unit_count(len(e.units)), 1.0))
        elif isinstance(e, Withdraw):
            who = [nation_name(n) for n in e.nations] + [(names or {}).get(u, nice(u)) for u in e.units]
            out.append(Consequence(f"forces leave the war: {', '.join(who)}", -1.0))
        elif isinstance(e, EndGame):
            out.append(Consequence(f"ends the war at once: {e.outcome.replace('_', ' ').replace(':', ' by ')}"))
        elif isinstance(e, TakeDecision) and pol is not None and e.decision in pol.decisions:
            out.append(Consequence(f"also carries out '{pol.decisions[e.decision].title}'"))
        elif isinstance(e, Supply):
            mine = e.bloc == bloc
            out.append(Consequence(f"{'our' if mine else 'the enemy'} supply range {e.change:+d}",
                                   e.change if mine else -e.change))
        elif isinstance(e, Air):
            out.append(Consequence(e.describe()))
        else:
            try:
                text = e.describe()
            except Exception:  # noqa: BLE001 - a description is never worth a crash
                text = ""
            if text and "_" not in text:
                out.append(Consequence(text))
    return out


def flag_consequences(config, bloc: str, flag: str, setting: bool, own: str = "",
                      units=None) -> list[Consequence]:
    """What setting (or clearing) ``flag`` does, read from what tests it -- never the flag's internal name: the
    units that wait for it (``units``), the supply sources that serve until it, the talks' hard line, the rules
    it makes possible or rules out (by their events: "no longer possible: 'Beijing's alarm grows'") and the
    decisions it opens or closes (by their titles)."""
    pol = config.politics
    if pol is None:
        return []
    out: list[Consequence] = []
    if setting:
        out.extend(released(config, bloc, flag, units or ()))
        out.extend(closed_sources(config, bloc, flag))
    if flag in HARDLINE_FLAGS:
        slow = [fx.hardline for r in pol.rules for fx in r.effects if isinstance(fx, TalksProgress)]
        if slow and slow[0]:
            change_ = -slow[0] if setting else slow[0]
            words = (f"while the talks sit, they advance {points(slow[0])} less a turn" if setting
                     else f"the talks no longer lose {points(slow[0])} a turn to it")
            out.append(Consequence(words, track_worth(bloc, "talks", change_)))
    allows, forbids = [], []
    for rule in pol.rules:
        sign = _tests(rule.when, flag)
        if sign and rule.text:
            event = f"'{first_clause(rule.text)}'"
            if event not in allows + forbids:
                (allows if (sign > 0) == setting else forbids).append(event)
    if allows:
        out.append(Consequence(f"now possible: {', '.join(allows)}"))
    if forbids:
        out.append(Consequence(f"no longer possible: {', '.join(forbids)}"))
    seat = next((d.seat for d in pol.decisions.values() if d.id == own), None)
    by_seat: dict[tuple[str, bool], list[str]] = {}
    for d in pol.decisions.values():
        if d.id == own:
            continue
        sign = _tests(d.when, flag)
        if sign:
            by_seat.setdefault((d.seat, (sign > 0) == setting), []).append(f"'{d.title}'")
    for (who, opens), titles in by_seat.items():
        verb = "opens" if opens else "closes"
        whose = "" if who == seat else f" for the {config.seat(who).name}"
        out.append(Consequence(f"{verb}{whose}: {', '.join(titles)}"))
    return out


def released(config, bloc: str, flag: str, units) -> list[Consequence]:
    """The units that wait for ``flag`` (an arrival's ``requires``), by army: how many, and when they come --
    "48 PVA divisions enter the war: 12 at once, the last 5 months later"."""
    groups: dict[tuple[str, str], list] = {}
    for u in units:
        if u.requires == flag and u.location is Location.PENDING:
            groups.setdefault((army_name(u.nation), u.seat), []).append(u)
    out = []
    for (army, seat), group in groups.items():
        sizes = {u.size for u in group}
        size = sizes.pop() if len(sizes) == 1 else "unit"
        n = len(group)
        head = f"{plural(n, army + ' ' + size)} {'enters' if n == 1 else 'enter'} the war"
        dated = [u for u in group if u.arrives is not None]
        days = sorted(u.delay_days for u in group)
        if dated:
            when = "on their dates" if n > 1 else f"from {dated[0].arrives.day} {dated[0].arrives:%B %Y}"
        elif days[-1] == 0:
            when = "at once"
        elif days[0] == days[-1]:
            when = f"{_span(days[0])} later"
        else:
            first = sum(1 for d in days if d == days[0])
            start = "at once" if days[0] == 0 else f"{_span(days[0])} later"
            when = f"{first} {start}, the last {_span(days[-1])} later"
        mine = config.seat(seat).bloc == bloc
        out.append(Consequence(f"{head}: {when}" if ", " in when else f"{head} {when}", 1.0 if mine else -1.0))
    return out


def _span(days: int) -> str:
    """A delay in days in the words a player plans with: '6 days', 'a week', '3 weeks', '5 months'."""
    if days == 7:
        return "a week"
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(round(days / 7), "week")
    return plural(round(days / 30), "month")


def closed_sources(config, bloc: str, flag: str) -> list[Consequence]:
    """The supply sources that serve until ``flag`` is set (a depot the enemy's air war closes), by bloc."""
    out = []
    for side in config.blocs:
        names = [s.name for s in config.supply_sources if s.until == flag and s.bloc == side]
        if names:
            whose = "our" if side == bloc else "the enemy's"
            out.append(Consequence(f"{whose} supply sources close: {', '.join(names)}", -1.0 if side == bloc
                                   else 1.0))
    return out


def _tests(cond, flag: str, sign: int = 1) -> int:
    """+1 if ``cond`` needs ``flag`` set, -1 if it needs it clear, 0 if it does not read it."""
    if cond is None:
        return 0
    if isinstance(cond, FlagIs):
        return sign if cond.name == flag and cond.equals is True else 0
    if isinstance(cond, Not):
        return _tests(cond.part, flag, -sign)
    if isinstance(cond, (All, Any_)):
        for part in cond.parts:
            got = _tests(part, flag, sign)
            if got:
                return got
    return 0


def split(config, bloc: str, effects, tracks: bool = True, names: dict | None = None,
          own: str = "", units=None) -> tuple[list[str], list[str]]:
    """(what helps or is neither, what costs) the seat's bloc, in words; ``tracks=False`` leaves out the tracks'
    moves (a screen that shows the engine's preview of them).  ``names``, ``own``, ``units``: as for
    consequences."""
    good, bad = [], []
    for c in consequences(config, bloc, effects, names, own, units):
        if c.track and not tracks:
            continue
        (bad if c.worth < 0 else good).append(c.text)
    return good, bad
