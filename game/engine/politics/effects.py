"""Effects: what a rule or a decision does when it fires.

Each keyword is one class in :data:`EFFECTS`; ``apply(state, ctx)`` changes
the state (the engine's apply has already cloned it) and returns events.
``describe`` says it in words for the decisions panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..events import Event
from ..hexes import Hex
from ..narrate import render
from ..primitives import bring_arrivals, hex_of
from ..state import GameState, TalksStatus, set_flag_value
from ..units import ELIMINATED, PENDING, WITHDRAWN
from .acts import FireContext, carry_out, end_game, ev, move_track, set_track, sign_armistice
from .vocabulary import ParseContext, single_key

__all__ = ["EFFECTS", "OUTCOMES", "Effect", "FireContext", "ev", "set_track"]

EFFECTS: dict[str, type["Effect"]] = {}

#: Outcomes a scenario may end with (besides the engine's own last_turn and unification).
OUTCOMES = ("armistice", "general_war", "unification:un", "unification:communist", "last_turn", "ceasefire")


def register(cls):
    EFFECTS[cls.KEY] = cls
    return cls


class Effect:
    KEY: ClassVar[str] = ""

    @classmethod
    def parse(cls, ctx: ParseContext, arg: Any, path: tuple) -> "Effect | None":
        raise NotImplementedError

    def apply(self, state: GameState, fire: FireContext) -> list[Event]:
        raise NotImplementedError

    def describe(self) -> str:
        return self.KEY


def parse_effect(ctx: ParseContext, value: Any, path: tuple) -> Effect | None:
    got = single_key(ctx, value, path, EFFECTS, "effect")
    if got is None:
        return None
    key, arg = got
    return EFFECTS[key].parse(ctx, arg, path + (key,))


def parse_effects(ctx: ParseContext, value: Any, path: tuple) -> tuple[Effect, ...] | None:
    if value is None:
        return ()
    if not isinstance(value, list):
        ctx.report(path, "expected a list of effects")
        return None
    out = [parse_effect(ctx, item, path + (k,)) for k, item in enumerate(value)]
    return None if any(e is None for e in out) else tuple(out)


# -- flags and tracks -------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class SetFlag(Effect):
    """``set_flag: name`` (set to the date it happened) or ``set_flag: {name: x, value: y}``."""

    KEY = "set_flag"
    name: str
    value: Any = None

    @classmethod
    def parse(cls, ctx, arg, path):
        if isinstance(arg, str):
            return cls(arg)
        if (m := ctx.need_mapping(arg, path, "a flag name or {name, value}")) is None:
            return None
        if not ctx.keys(m, path, ("name", "value"), ("name",)):
            return None
        name = ctx.text(m["name"], path + ("name",))
        value = m.get("value")
        if value is not None and not isinstance(value, (str, int, float, bool)):
            ctx.report(path + ("value",), "expected text, a number or true/false")
            return None
        return None if name is None else cls(name, value)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        name = ctx.flag(arg, path)
        return None if name is None else cls(name)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{name: TRACK, add: N}")) is None:
            return None
        if not ctx.keys(m, path, ("name", "add", "set"), ("name",)):
            return None
        name = ctx.track(m["name"], path + ("name",))
        if ("add" in m) == ("set" in m):
            ctx.report(path, "give exactly one of 'add' or 'set'")
            return None
        add = ctx.number(m["add"], path + ("add",)) if "add" in m else None
        to = ctx.number(m["set"], path + ("set",)) if "set" in m else None
        if name is None or (add is None and to is None):
            return None
        return cls(name, add, to)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{name: TRACK, seat: [un], per_step: 0.5}")) is None:
            return None
        if not ctx.keys(m, path, ("name", "seat", "per_step"), ("name", "seat", "per_step")):
            return None
        name = ctx.track(m["name"], path + ("name",))
        seats = ctx.names(m["seat"], path + ("seat",), ctx.seat_ids, "seat")
        per = ctx.number(m["per_step"], path + ("per_step",), -100, 100)
        return None if name is None or seats is None or per is None else cls(name, seats, per)

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
    """``log: {text: ..., history: ..., idea: limited_war}``: a dated log entry."""

    KEY = "log"
    text: str
    history: str = ""
    idea: str = ""

    @classmethod
    def parse(cls, ctx, arg, path):
        from .vocabulary import IDEAS
        if isinstance(arg, str):
            return cls(arg)
        if (m := ctx.need_mapping(arg, path, "{text, history, idea}")) is None:
            return None
        if not ctx.keys(m, path, ("text", "history", "idea"), ("text",)):
            return None
        text = ctx.text(m["text"], path + ("text",))
        history = ctx.text(m["history"], path + ("history",)) if "history" in m else ""
        idea = ctx.choice(m["idea"], path + ("idea",), IDEAS, "idea") if "idea" in m else ""
        return None if text is None or history is None or idea is None else cls(text, history, idea)

    def apply(self, state, fire):
        return [ev(state, "RuleFired", self.text, fire.seat, history=self.history, idea=self.idea,
                   source=fire.source)]

    def describe(self):
        return "a log entry"


# -- forces -------------------------------------------------------------------------------------------------

@register
@dataclass(frozen=True)
class Reinforce(Effect):
    """``reinforce: {units: [id, ...]}``: scheduled units enter now (at their arrival place)."""

    KEY = "reinforce"
    units: tuple[str, ...]

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{units: [ids]}")) is None:
            return None
        if not ctx.keys(m, path, ("units",), ("units",)):
            return None
        units = ctx.names(m["units"], path + ("units",), sorted(ctx.unit_ids), "unit")
        return None if units is None else cls(units)

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
        return f"{len(self.units)} units arrive"


@register
@dataclass(frozen=True)
class Withdraw(Effect):
    """``withdraw: {nation: [uk, turkey]}`` or ``{units: [ids]}``: forces leave the war."""

    KEY = "withdraw"
    nations: tuple[str, ...]
    units: tuple[str, ...]

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{nation: [uk]} or {units: [ids]}")) is None:
            return None
        if not ctx.keys(m, path, ("nation", "units")) or not m:
            if not m:
                ctx.report(path, "give 'nation' or 'units'")
            return None
        nations = ctx.names(m["nation"], path + ("nation",), ctx.nations, "nation") if "nation" in m else ()
        units = ctx.names(m["units"], path + ("units",), sorted(ctx.unit_ids), "unit") if "units" in m else ()
        return None if nations is None or units is None else cls(nations, units)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{bloc: communist, range: -2}")) is None:
            return None
        if not ctx.keys(m, path, ("bloc", "range"), ("bloc", "range")):
            return None
        bloc = ctx.choice(m["bloc"], path + ("bloc",), ctx.blocs, "bloc")
        change = ctx.integer(m["range"], path + ("range",), -10, 10)
        return None if bloc is None or change is None else cls(bloc, change)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{mig_alley: true}")) is None:
            return None
        if not ctx.keys(m, path, ("mig_alley", "air_support")) or not m:
            if not m:
                ctx.report(path, "give mig_alley or air_support")
            return None
        for k in m:
            if not isinstance(m[k], bool):
                ctx.report(path + (k,), "expected true or false")
                return None
        return cls(m.get("mig_alley"), m.get("air_support"))

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

    @classmethod
    def parse(cls, ctx, arg, path):
        d = ctx.choice(arg, path, sorted(ctx.decisions), "decision")
        return None if d is None else cls(d)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        d = ctx.choice(arg, path, sorted(ctx.decisions), "decision")
        return None if d is None else cls(d)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if isinstance(arg, str):
            v = ctx.choice(arg, path, cls.VERBS, "talks action")
            return None if v is None else cls(v)
        if (m := ctx.need_mapping(arg, path, "open, suspend, resume, sign or {advance: N}")) is None:
            return None
        if not ctx.keys(m, path, ("advance",), ("advance",)):
            return None
        n = ctx.number(m["advance"], path + ("advance",), -100, 100)
        return None if n is None else cls("advance", n)

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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{base, per_weariness, stable_front, hardline}")) is None:
            return None
        keys = ("base", "per_weariness", "stable_front", "hardline")
        if not ctx.keys(m, path, keys):
            return None
        vals = [ctx.number(m.get(k, 0), path + (k,), -100, 100) for k in keys]
        return None if any(v is None for v in vals) else cls(*vals)

    def apply(self, state, fire):
        if state.talks is not TalksStatus.OPEN or not state.has_track("talks"):
            return []
        w = [v for k, v in state.track_dict().items() if k.startswith("weariness")]
        amount = self.base + self.per_weariness * (sum(w) / len(w) if w else 0.0)
        if state.stable_turns >= 2:
            amount += self.stable_front
        amount -= self.hardline * sum(1 for k in ("pow_hardline_un", "pow_hardline_communist") if state.flag(k))
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

    @classmethod
    def parse(cls, ctx, arg, path):
        if (m := ctx.need_mapping(arg, path, "{outcome: general_war, text: ...}")) is None:
            return None
        if not ctx.keys(m, path, ("outcome", "text"), ("outcome", "text")):
            return None
        outcome = ctx.choice(m["outcome"], path + ("outcome",), OUTCOMES, "outcome")
        text = ctx.text(m["text"], path + ("text",))
        return None if outcome is None or text is None else cls(outcome, text)

    def apply(self, state, fire):
        return end_game(state, self.outcome, self.text, fire)

    def describe(self):
        return f"ends the war: {self.outcome.replace('_', ' ')}"


def hex_list(values) -> list[Hex]:
    return [Hex(int(q), int(r)) for q, r in values]
