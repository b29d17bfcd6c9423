"""Effects: what a rule or a decision does when it fires.

Each keyword is one class in :data:`EFFECTS`: typed fields, ``apply(state,
fire)`` that changes the state (the engine's apply has already cloned it) and
returns events, and ``describe`` to say it in words for the decisions panel.
The scenario layer builds them from the YAML, one parser per keyword
(game/scenario/politics_effects.py; a test keeps the two registries in step).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..events import Event
from ..narrate import render
from ..primitives import bring_arrivals, hex_of
from ..state import TalksStatus, set_flag_value
from ..units import ELIMINATED, PENDING, WITHDRAWN
from .acts import FireContext, carry_out, end_game, ev, move_track, set_track, sign_armistice
from .model import Effect

__all__ = ["EFFECTS", "OUTCOMES", "Effect", "FireContext", "ev", "set_track"]

EFFECTS: dict[str, type[Effect]] = {}

#: Outcomes a scenario may end with (besides the engine's own last_turn and unification).
OUTCOMES = ("armistice", "general_war", "unification:un", "unification:communist", "last_turn", "ceasefire")


def register(cls):
    EFFECTS[cls.KEY] = cls
    return cls


# -- flags and tracks -------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class SetFlag(Effect):
    """``set_flag: name`` (set to the date it happened) or ``set_flag: {name: x, value: y}``."""

    KEY = "set_flag"
    name: str
    value: Any = None

    def apply(self, state, fire):
        set_flag_value(state, self.name, state.date.isoformat() if self.value is None else self.value)
        # When it was first set, whatever its value: gated arrivals count their delay from here.
        k = state.setup.flag_index[self.name]
        if not state.flag_since[k]:
            state.flag_since[k] = state.date.toordinal()
        return []

    def describe(self):
        return f"sets {self.name.replace('_', ' ')}"


@register
@dataclass(frozen=True)
class ClearFlag(Effect):
    """``clear_flag: name``."""

    KEY = "clear_flag"
    name: str

    def apply(self, state, fire):
        set_flag_value(state, self.name, None)
        return []

    def describe(self):
        return f"clears {self.name.replace('_', ' ')}"


@register
@dataclass(frozen=True)
class MoveTrack(Effect):
    """``track: {name: escalation, add: 10}`` or ``{name: cohesion, set: 60}``."""

    KEY = "track"
    name: str
    add: float | None
    to: float | None

    def apply(self, state, fire):
        return move_track(state, self.name, self.add, self.to, fire)

    def describe(self):
        if self.add is not None:
            return f"{self.name.replace('_', ' ')} {'+' if self.add >= 0 else ''}{self.add:g}"
        return f"{self.name.replace('_', ' ')} set to {self.to:g}"


@register
@dataclass(frozen=True)
class TrackPerLoss(Effect):
    """``track_per_loss: {name: weariness_un, seat: [un, rok], per_step: 0.5}``: grows with losses since last time."""

    KEY = "track_per_loss"
    name: str
    seats: tuple[str, ...]
    per_step: float

    def apply(self, state, fire):
        k = state.setup.loss_index[self.key]
        total = sum(state.steps_lost_by(s) for s in self.seats)
        new = total - int(state.loss_marks[k])
        state.loss_marks[k] = total
        if new <= 0:
            return []
        return move_track(state, self.name, new * self.per_step, None, fire)

    @property
    def key(self) -> str:
        """The losses already counted are kept per track and seats (game/engine/state.py loss_marks)."""
        return f"{self.name}:{'+'.join(self.seats)}"

    def describe(self):
        return f"{self.name.replace('_', ' ')} grows by {self.per_step:g} a step lost by {'/'.join(self.seats)}"


# -- the log ----------------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class Log(Effect):
    """``log: {text: ..., history: ..., idea: limited_war, to: [un]}``: a dated log entry; ``to``: the seats it is
    for (a tip for one side), else those of its rule, else every seat."""

    KEY = "log"
    text: str
    history: str = ""
    idea: str = ""
    to: tuple[str, ...] = ()

    def apply(self, state, fire):
        to = self.to or fire.to
        return [ev(state, "RuleFired", self.text, fire.seat, history=self.history, idea=self.idea,
                   source=fire.source, **({"readers": list(to)} if to else {}))]

    def describe(self):
        return "a log entry"


# -- forces -------------------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class Reinforce(Effect):
    """``reinforce: {units: [id, ...]}``: scheduled units enter now (at their arrival place)."""

    KEY = "reinforce"
    units: tuple[str, ...]

    def apply(self, state, fire):
        out = []
        seats = []
        for uid in self.units:
            u = state.unit_index(uid)
            if state.loc[u] == PENDING:
                state.arrives[u] = state.date.toordinal()
                state.ungated[u] = True
                seat = state.setup.seat_ids[state.units.seat_list[u]]
                if seat not in seats:
                    seats.append(seat)
        for seat in seats:
            out.extend(bring_arrivals(state, seat))
        return out

    def describe(self):
        return "1 unit arrives" if len(self.units) == 1 else f"{len(self.units)} units arrive"


@register
@dataclass(frozen=True)
class Withdraw(Effect):
    """``withdraw: {nation: [uk, turkey]}`` or ``{units: [ids]}``: forces leave the war."""

    KEY = "withdraw"
    nations: tuple[str, ...]
    units: tuple[str, ...]

    def apply(self, state, fire):
        out = []
        table = state.units
        for u in range(table.n):
            if state.loc[u] in (ELIMINATED, WITHDRAWN) or not (table.nations[u] in self.nations
                                                                or table.ids[u] in self.units):
                continue
            h = int(state.hex[u])
            hexes = (hex_of(state, h),) if h >= 0 else ()
            state.loc[u], state.hex[u] = WITHDRAWN, -1
            out.append(Event("UnitWithdrawn", state.date, state.turn, table.seat_ids[u], hexes, True,
                             {"unit": table.ids[u], "source": fire.source}, state.setup, None, render))
        return out

    def describe(self):
        return "withdraws " + ", ".join(self.nations + self.units)


@register
@dataclass(frozen=True)
class Supply(Effect):
    """``supply: {bloc: communist, range: -2}``: the bloc's supply range changes (air interdiction, bridges)."""

    KEY = "supply"
    bloc: str
    change: int

    def apply(self, state, fire):
        state.supply_bonus[state.config.bloc_code(self.bloc)] += self.change
        return []

    def describe(self):
        return f"{self.bloc} supply range {self.change:+d}"


@register
@dataclass(frozen=True)
class Air(Effect):
    """``air: {mig_alley: true}`` (UN air denied in the north-west) or ``{air_support: false}`` (none at all)."""

    KEY = "air"
    mig_alley: bool | None
    air_support: bool | None

    def apply(self, state, fire):
        if self.mig_alley is not None:
            state.mig_alley = bool(self.mig_alley)
        if self.air_support is not None:
            state.no_air_support = not self.air_support
        return []

    def describe(self):
        parts = []
        if self.mig_alley is not None:
            parts.append("MiG Alley " + ("opens" if self.mig_alley else "closes"))
        if self.air_support is not None:
            parts.append("close air support " + ("restored" if self.air_support else "grounded"))
        return ", ".join(parts)


# -- decisions, talks, the end --------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class Offer(Effect):
    """``offer: decision_id``: make a decision available (for decisions with ``offered: true``)."""

    KEY = "offer"
    decision: str

    def apply(self, state, fire):
        state.offered[state.setup.decision_index[self.decision]] = True
        return []

    def describe(self):
        return f"offers the decision {self.decision.replace('_', ' ')}"


@register
@dataclass(frozen=True)
class TakeDecision(Effect):
    """``take_decision: intervene``: carry out a decision's effects now (a forced choice)."""

    KEY = "take_decision"
    decision: str

    def apply(self, state, fire):
        return carry_out(state, self.decision, forced=True)

    def describe(self):
        return f"forces the decision {self.decision.replace('_', ' ')}"


@register
@dataclass(frozen=True)
class Talks(Effect):
    """``talks: open`` / ``suspend`` / ``sign``, or ``talks: {advance: 10}``."""

    KEY = "talks"
    verb: str
    amount: float = 0.0
    VERBS: ClassVar[tuple[str, ...]] = ("open", "suspend", "resume", "sign")

    def apply(self, state, fire):
        status = state.talks.value
        if self.verb == "advance":
            if status != "open":
                return []
            return move_track(state, "talks", self.amount, None, fire) if state.has_track("talks") else []
        if self.verb == "sign":
            return sign_armistice(state, fire)
        new = {"open": "open", "resume": "open", "suspend": "suspended"}[self.verb]
        if status in ("signed", new):
            return []
        state.talks = TalksStatus(new)
        words = {"open": "Armistice talks open.", "suspended": "The armistice talks are suspended."}[new]
        return [ev(state, "TalksChanged", words, fire.seat, talks=new, source=fire.source)]

    def describe(self):
        return f"talks {self.verb}" + (f" {self.amount:+g}" if self.verb == "advance" else "")


#: The flags of a hard stance on the prisoners, one a side, that slow the talks (TalksProgress).
HARDLINE_FLAGS = ("pow_hardline_un", "pow_hardline_communist")


@register
@dataclass(frozen=True)
class TalksProgress(Effect):
    """``talks_progress: {base: 1, per_weariness: 0.04, stable_front: 2, hardline: 3}``: a turn at the table.

    Progress = base + per_weariness x mean war weariness + stable_front (if the front held still)
    - hardline for each side holding a hard POW stance (flags pow_hardline_un / pow_hardline_communist).
    """

    KEY = "talks_progress"
    base: float
    per_weariness: float
    stable_front: float
    hardline: float

    def apply(self, state, fire):
        if state.talks is not TalksStatus.OPEN or not state.has_track("talks"):
            return []
        w = [v for k, v in state.track_dict().items() if k.startswith("weariness")]
        amount = self.base + self.per_weariness * (sum(w) / len(w) if w else 0.0)
        if state.stable_turns >= 2:
            amount += self.stable_front
        amount -= self.hardline * sum(1 for k in HARDLINE_FLAGS if state.flag(k))
        return move_track(state, "talks", round(amount, 2), None, fire)

    def describe(self):
        return "the talks move with weariness, the front and the POW stances"


@register
@dataclass(frozen=True)
class EndGame(Effect):
    """``end_game: {outcome: general_war, text: ...}``."""

    KEY = "end_game"
    outcome: str
    text: str

    def apply(self, state, fire):
        return end_game(state, self.outcome, self.text, fire)

    def describe(self):
        return f"ends the war: {self.outcome.replace('_', ' ')}"

