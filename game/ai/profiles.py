"""Personalities and difficulty levels of the computer players, as data (assets/ai/profiles.json).

A personality says what a seat wants and how much risk it takes:

- ``aggression`` (0-1): how readily it goes forward rather than holding (and keeps fewer reserves);
- ``attack_ev``: the least expected value (in steps, see game/ai/combat_choice.py) an attack must promise;
- ``tolerance``: the track values past which it will not push (PRC intervention pressure, escalation);
- ``halt_north_of``: the latitude a UN-bloc advance stops at while intervention pressure is past tolerance, and
  once it has met a great power's army (China's) while it is the stronger;
- ``hold_line``: the latitude a UN-bloc seat falls back to once it has met a great power's army while it is
  outmatched;
- ``weights``: per bloc, the worth of one point of each political track;
- ``value``: the worth of a point of supply range, of air power (MiG Alley over the whole front; it is worth the
  share of the front it covers, political.air_covered), of a point of strength let in, of the end of the world;
- ``keeps_pledges``: whether it keeps every pledge it makes (game/ai/pledges.py): a cautious seat does; the others
  keep only those a what-if policy made them take, and otherwise push on and pay for it when the war demands.

A difficulty says how well it plays: ``noise`` (random error in its move scores), ``idle`` (the share of
units it forgets to move), ``attack_ev_extra`` (added to the attack threshold), ``decision_delay`` (turns
it waits before taking an open decision), ``lookahead`` (plans it tries on copies of the position, hard).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

from game.paths import ROOT

PROFILES_FILE = ROOT / "assets" / "ai" / "profiles.json"
PERSONALITIES = ("historical", "aggressive", "cautious")
DIFFICULTIES = ("easy", "normal", "hard")
#: A personality at least this aggressive goes near a great power's border (Picture.border_risk); any other keeps
#: its goals, its marches and its landings clear of it.
BORDER_BOLD = 0.8


@dataclass(frozen=True)
class Personality:
    name: str
    aggression: float
    attack_ev: float
    tolerance: dict
    halt_north_of: float
    hold_line: float
    weights: dict
    value: dict
    keeps_pledges: bool = False

    @property
    def keeps_off_borders(self) -> bool:
        """Whether it keeps clear of the land near a great power's border (BORDER_BOLD)."""
        return self.aggression < BORDER_BOLD


@dataclass(frozen=True)
class Difficulty:
    name: str
    noise: float
    idle: float
    attack_ev_extra: float
    decision_delay: int
    lookahead: int


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(PROFILES_FILE.read_text(encoding="utf-8"))


def personality(name: str) -> Personality:
    """The named personality (ValueError with the choices if there is none)."""
    table = _data()["personalities"]
    if name not in table:
        raise ValueError(f"unknown personality '{name}'; choose from {', '.join(table)}")
    return Personality(name=name, **table[name])


def difficulty(name: str) -> Difficulty:
    table = _data()["difficulties"]
    if name not in table:
        raise ValueError(f"unknown difficulty '{name}'; choose from {', '.join(table)}")
    return Difficulty(name=name, **table[name])


def parse_spec(spec: str, personality_default: str = "historical", difficulty_default: str = "normal") \
        -> tuple[str, str]:
    """``ai``, ``ai:normal``, ``ai:cautious``, ``ai:cautious:hard`` -> (personality, difficulty).

    What the spec leaves out comes from the defaults (a scenario's choice for the seat).  Raises
    ValueError with a sentence for a person on anything else.
    """
    parts = spec.split(":")
    if parts[0] != "ai" or len(parts) > 3:
        raise ValueError(f"'{spec}' is not an AI; write ai:PERSONALITY:DIFFICULTY, e.g. ai:historical:normal")
    rest = parts[1:]
    pers, diff = personality_default, difficulty_default
    if len(rest) == 1:
        if rest[0] in DIFFICULTIES:
            diff = rest[0]
        elif rest[0] in PERSONALITIES:
            pers = rest[0]
        else:
            raise ValueError(f"'{rest[0]}' is neither a personality ({', '.join(PERSONALITIES)}) "
                             f"nor a difficulty ({', '.join(DIFFICULTIES)})")
    elif len(rest) == 2:
        pers, diff = rest
    personality(pers)
    difficulty(diff)
    return pers, diff
