"""The politics of a scenario as typed specs: tracks, regions, rules, decisions and scoring.

The scenario layer parses and validates the YAML once
(game/scenario/politics_compile.py) and hands the engine a :class:`Politics`;
nothing here reads plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

#: The ideas of international relations a rule, decision or track can illustrate (the UI shows the names).
IDEAS = {
    "balance_of_power": "Balance of power",
    "collective_security": "Collective security",
    "limited_war": "Limited war",
    "escalation_control": "Escalation control",
    "buffer_state": "Buffer state",
    "proxy_war": "Proxy war",
}


# -- what every condition and effect is (the keywords are in conditions.py and effects.py) ----------------
# They are declared here, not there, so that this module imports no other engine module: GameConfig
# (game/engine/config.py) names Politics, and conditions and effects need the state, which needs the config.

class Condition:
    """A ``when``: ``test(state)`` on a GameState (game/engine/state.py), said in words by ``describe``."""

    KEY: ClassVar[str] = ""

    def test(self, state: Any) -> bool:
        raise NotImplementedError

    def describe(self) -> str:
        return self.KEY


class Effect:
    """What fires: ``apply(state, fire)`` changes a GameState (already cloned by the engine's apply) with a
    FireContext (game/engine/politics/acts.py) and returns the events; ``describe`` says it in words."""

    KEY: ClassVar[str] = ""

    def apply(self, state: Any, fire: Any) -> list:
        raise NotImplementedError

    def describe(self) -> str:
        return self.KEY


#: When the runtime checks rules (game/engine/politics/runtime.py check_point).
CHECK_POINTS = ("turn_start", "seat_start", "seat_end", "after_action")


@dataclass(frozen=True)
class TrackSpec:
    name: str
    label: str
    start: float
    lo: float
    hi: float
    thresholds: tuple[tuple[str, float], ...] = ()
    moved_by: str = ""
    does: str = ""
    idea: str = ""
    public: bool = True


@dataclass(frozen=True)
class Chance:
    """A probability: a base, plus amounts while conditions hold, plus amounts per track point."""

    base: float
    adds: tuple[tuple[Condition, float], ...] = ()
    per_track: tuple[tuple[str, float], ...] = ()

    def value(self, state) -> float:
        p = self.base + sum(v for c, v in self.adds if c.test(state))
        p += sum(k * state.track(t) for t, k in self.per_track)
        return max(0.0, min(1.0, p))


@dataclass(frozen=True)
class Rule:
    id: str
    when: Condition | None
    chance: Chance | None
    effects: tuple[Effect, ...]
    once: bool
    check: tuple[str, ...]
    text: str
    history: str
    idea: str
    milestone: str = ""     # a key event of the war this rule marks (MILESTONES), for records and the classroom
    to: tuple[str, ...] = ()  # the seats its words (text and log entries) are for: a tip for one side (): all


#: Key events a rule or decision may be tagged with (``milestone: prc_warns``); records date them.
MILESTONES = ("prc_warns", "prc_enters", "soviet_air", "talks_open", "un_crosses_38th", "nuclear_threat",
              "armistice_signed", "general_war")


@dataclass(frozen=True)
class Decision:
    id: str
    seat: str
    title: str
    text: str
    history: str
    idea: str
    when: Condition | None
    effects: tuple[Effect, ...]
    once: bool
    offered: bool           # only after an ``offer`` effect made it available
    ai_weight: float = 0.0  # how often a random-legal agent picks it (0: never)
    milestone: str = ""     # a key event of the war this decision marks (MILESTONES)


@dataclass(frozen=True)
class Scoring:
    """Victory-point weights and the historical benchmarks that score 0 (DESIGN §9)."""

    ground: float = 1.0
    losses: float = 0.5
    escalation: float = 0.3
    cohesion: float = 0.3
    outcome: dict = field(default_factory=dict)          # outcome -> {bloc or 'all': points}
    historical: dict = field(default_factory=dict)       # benchmarks: places, losses, escalation_peak, cohesion


@dataclass
class Politics:
    tracks: dict[str, TrackSpec]
    regions: dict[str, np.ndarray]
    rules: tuple[Rule, ...]
    decisions: dict[str, Decision]
    scoring: Scoring
    flags: dict[str, Any] = field(default_factory=dict)   # initial flags
    control: tuple = ()                                    # ((bloc, mask), ...) held at the start
    flag_names: tuple[str, ...] = ()                       # every flag a rule may set or test

    def __post_init__(self) -> None:
        self._at = {p: tuple(r for r in self.rules if p in r.check) for p in CHECK_POINTS}

    def rules_at(self, point: str) -> tuple[Rule, ...]:
        return self._at.get(point, ())

    @property
    def loss_keys(self) -> tuple[str, ...]:
        """The keys of every track_per_loss effect (the state keeps the losses each has counted)."""
        keys: list[str] = []
        for source in list(self.rules) + list(self.decisions.values()):
            for e in source.effects:
                k = getattr(e, "key", None)
                if e.KEY == "track_per_loss" and k not in keys:
                    keys.append(k)
        return tuple(keys)


__all__ = ["CHECK_POINTS", "Chance", "Condition", "Decision", "Effect", "IDEAS", "MILESTONES", "Politics", "Rule",
           "Scoring", "TrackSpec"]
