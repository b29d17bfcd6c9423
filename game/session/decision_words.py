"""What a political decision does, in a player's words, split into what helps the seat and what it costs.

The words are made from the decision's effects and from the rules that read the flags it sets, never written
by hand, so they cannot drift from the rules: "sets pow hardline un" becomes "while the talks sit, they advance
3 less a turn" (the talks' own rule), "1 units arrive" becomes "1 unit arrives".  Whether a track's move helps
or costs a side is judged by the weight the historical computer player gives that track for the side's bloc
(assets/ai/profiles.json): escalation costs everyone, cohesion helps the UN side, the other side's weariness
helps, and so on.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.ai.profiles import personality
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


def consequences(config, bloc: str, effects, names: dict | None = None, own: str = "") -> list[Consequence]:
    """Every effect of a decision, in words, with its worth to ``bloc``.  ``names``: unit id -> name (for forces
    that leave); ``own``: the decision's id (what it does to itself -- once taken, it closes -- goes unsaid)."""
    pol = config.politics
    out: list[Consequence] = []
    for e in effects:
        if isinstance(e, MoveTrack):
            spec = pol.tracks.get(e.name) if pol else None
            label = spec.label if spec else e.name.replace("_", " ")
            if e.add is not None:
                out.append(Consequence(f"{label} {'+' if e.add >= 0 else ''}{e.add:g}",
                                       track_worth(bloc, e.name, e.add), e.name))
            else:
                out.append(Consequence(f"{label} set to {e.to:g}", 0.0, e.name))
        elif isinstance(e, Talks):
            words = {"open": "opens armistice talks", "suspend": "suspends the armistice talks",
                     "resume": "resumes the armistice talks", "sign": "signs the armistice"}
            if e.verb == "advance":
                out.append(Consequence(f"armistice talks {e.amount:+g}", track_worth(bloc, "talks", e.amount),
                                       "talks"))
            else:
                out.append(Consequence(words.get(e.verb, f"talks: {e.verb}"),
                                       track_worth(bloc, "talks", -1.0 if e.verb == "suspend" else 1.0)))
        elif isinstance(e, (SetFlag, ClearFlag)):
            out.extend(flag_consequences(config, bloc, e.name, isinstance(e, SetFlag), own))
        elif isinstance(e, Reinforce):
            out.append(Consequence(unit_count(len(e.units)), 1.0))
        elif isinstance(e, Withdraw):
            who = [n.upper() for n in e.nations] + [(names or {}).get(u, u.replace("_", " ")) for u in e.units]
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


def flag_consequences(config, bloc: str, flag: str, setting: bool, own: str = "") -> list[Consequence]:
    """What setting (or clearing) ``flag`` does, read from the rules and decisions that test it -- never the
    flag's internal name."""
    pol = config.politics
    if pol is None:
        return []
    out: list[Consequence] = []
    if flag in HARDLINE_FLAGS:
        slow = [fx.hardline for r in pol.rules for fx in r.effects if isinstance(fx, TalksProgress)]
        if slow and slow[0]:
            change = -slow[0] if setting else slow[0]
            words = (f"while the talks sit, they advance {slow[0]:g} less a turn" if setting
                     else f"the talks no longer lose {slow[0]:g} a turn to it")
            out.append(Consequence(words, track_worth(bloc, "talks", change)))
    for rule in pol.rules:
        sign = _tests(rule.when, flag)
        if sign and rule.text:
            allows = (sign > 0) == setting
            first = rule.text.split(". ")[0].rstrip(".")
            head, _, rest = first.partition(" ")
            if head in ("The", "A", "An") and rest:
                first = f"{head.lower()} {rest}"             # "The armistice ..." -> "the armistice ..."; names keep
                #                                              their capitals ("Washington", "UN troops")
            out.append(Consequence(f"{'makes possible' if allows else 'rules out'}: {first}"))
    for d in pol.decisions.values():
        if d.id == own:
            continue
        sign = _tests(d.when, flag)
        if sign:
            opens = (sign > 0) == setting
            out.append(Consequence(f"{'opens' if opens else 'closes'} the decision '{d.title}'"))
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
          own: str = "") -> tuple[list[str], list[str]]:
    """(what helps or is neither, what costs) the seat's bloc, in words; ``tracks=False`` leaves out the tracks'
    moves (a screen that shows the engine's preview of them).  ``names``, ``own``: as for consequences."""
    good, bad = [], []
    for c in consequences(config, bloc, effects, names, own):
        if c.track and not tracks:
            continue
        (bad if c.worth < 0 else good).append(c.text)
    return good, bad
