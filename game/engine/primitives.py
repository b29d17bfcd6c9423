"""The small changes every rule is made of: events, losses, control, arrivals, replacements, supply.

Below the turn flow and the politics (both call these); nothing here knows
about phases or scenario rules.  Every function changes the state it is given
(the API's apply has cloned it already) and returns the events.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from .events import Event
from .hexes import Hex, spiral
from .movement import true_knowledge
from .narrate import render
from .state import GameState
from .supply import supplied_hexes
from .terrain import closed_mask
from .units import ELIMINATED, JAPAN, MAP, PENDING


def event(state: GameState, kind: str, seat: str | None = None, hexes: tuple[Hex, ...] = (),
          public: bool = False, **data: object) -> Event:
    """An event stamped with the state's date and turn; its sentence is rendered when read."""
    return Event(kind, state.date, state.turn, seat, hexes, public, data, state.setup, None, render)


def hex_of(state: GameState, i: int) -> Hex:
    return state.board.hex_at(i)


def seat_of(state: GameState, unit: int) -> str:
    return state.setup.seat_ids[state.units.seat_list[unit]]


# -- losses -----------------------------------------------------------------------------------------

def lose_steps(state: GameState, u: int, n: int, cause: str, by: int | None = None) -> list[Event]:
    """Take ``n`` steps from unit ``u``; at zero it is eliminated (an event says so).

    ``by``: the seat index whose fighting took them (None for attrition), credited in ``steps_inflicted``.
    """
    n = min(n, int(state.steps[u]))
    if n <= 0:
        return []
    state.steps[u] -= n
    state.steps_lost[state.units.seat_list[u]] += n
    if by is not None:
        state.steps_inflicted[by] += n
    h = int(state.hex[u])
    hexes = (hex_of(state, h),) if h >= 0 else ()
    seat = seat_of(state, u)
    uid = state.units.ids[u]
    if state.steps[u] <= 0:
        state.loc[u] = ELIMINATED
        state.hex[u] = -1
        state.arrives[u] = state.date.toordinal()      # when it was lost: a rebuild waits from then
        return [event(state, "UnitEliminated", seat, hexes, unit=uid, cause=cause)]
    return [event(state, "StepLost", seat, hexes, unit=uid, steps=n, cause=cause)]


# -- control -----------------------------------------------------------------------------------------

def take_control(state: GameState, u: int, i: int) -> list[Event]:
    """Unit ``u``'s bloc now holds hex ``i``; places that change hands are reported to all."""
    code = state.units.bloc_list[u]
    state.holder[i] = state.units.seat_list[u] + 1
    if int(state.control[i]) == code:
        return []
    state.control[i] = code
    state.hexes_changed += 1
    h = hex_of(state, i)
    seat = seat_of(state, u)
    bloc = state.config.blocs[code - 1]
    out = [event(state, "HexCaptured", seat, (h,), bloc=bloc, at=[h.q, h.r], seat_id=seat)]
    for p in state.board.place_at(h):
        out.append(event(state, "PlaceCaptured", seat, (h,), True, place=p.id, place_name=p.name, bloc=bloc,
                         seat_id=seat))
    return out


# -- arrivals and replacements ---------------------------------------------------------------------------

def flag_start(state: GameState, name: str) -> date:
    """When a flag was first set (a flag set by the scenario's start counts from the first time it is asked)."""
    k = state.setup.flag_index[name]
    since = int(state.flag_since[k])
    if since:
        return date.fromordinal(since)
    value = state.flag_values[k]
    try:
        start = date.fromisoformat(str(value))
    except ValueError:
        start = state.date
    state.flag_since[k] = start.toordinal()
    return start


def arrival_date(state: GameState, u: int) -> int | None:
    """The ordinal day a pending unit enters on: its date, and if gated no sooner than delay_days after its flag
    was set (a gated unit with no date of its own comes as soon as that); None while its gate is shut, or for an
    ungated unit with no date."""
    table = state.units
    requires = None if state.ungated[u] else table.requires[u]
    arrives = int(state.arrives[u])
    if not requires:
        return arrives or None
    if not state.flag(requires):
        return None
    delay = int(table.delay_days[u])
    return max(arrives, flag_start(state, requires).toordinal() + delay) if delay else arrives


def arrival_due(state: GameState, u: int) -> bool:
    """A pending unit enters when its date has come and, if gated, its flag was set delay_days ago."""
    day = arrival_date(state, u)
    return day is not None and day <= state.date.toordinal()


def arrival_target(state: GameState, arrives_at: str | None) -> Hex | None:
    """The hex an arrival aims for: a place id, or "hex:q,r" for a bare hex (None: Japan or unknown)."""
    if arrives_at is None or arrives_at == "japan":
        return None
    if arrives_at.startswith("hex:"):
        q, r = arrives_at[4:].split(",")
        return Hex(int(q), int(r))
    place = state.board.places.get(arrives_at)
    return place.hex if place else None


def _arrival_hex(state: GameState, u: int) -> int | None:
    """Where a due unit can enter: its place if held and not full, else a free held hex nearby."""
    board = state.board
    target = arrival_target(state, state.units.arrives_at[u])
    if target is None:
        return None
    code = state.units.bloc_list[u]
    bloc = state.config.blocs[code - 1]
    know = true_knowledge(state, bloc)
    closed = closed_mask(state, bloc)
    for h in spiral(target, 3):
        i = board.index(h)
        if i < 0 or closed[i] or know.enemy_hexes[i] or int(state.control[i]) != code:
            continue
        if know.enemy_zoc[i] and h != target:
            continue
        if int(know.friendly_count[i]) < state.config.params.stacking:
            return i
    return None


def bring_arrivals(state: GameState, seat: str) -> list[Event]:
    """Place the seat's units that are due; the sea bloc's go to Japan if their port is lost."""
    out: list[Event] = []
    p = state.config.params
    k = state.setup.seat_index[seat]
    table = state.units
    for u in np.flatnonzero((table.seat == k) & (state.loc == PENDING)).tolist():
        if not arrival_due(state, u):
            continue
        i = _arrival_hex(state, u)
        uid = table.ids[u]
        if i is not None:
            state.loc[u], state.hex[u] = MAP, i
            h = hex_of(state, i)
            out.append(event(state, "UnitArrived", seat, (h,), unit=uid, at=[h.q, h.r]))
        elif table.arrives_at[u] == "japan" or state.config.blocs[table.bloc_list[u] - 1] == p.sea_bloc:
            state.loc[u], state.hex[u] = JAPAN, -1
            out.append(event(state, "UnitArrived", seat, (), unit=uid, say="UnitArrived.japan"))
        else:
            out.append(event(state, "ArrivalDelayed", seat, (), unit=uid, target=table.arrives_at[u]))
    return out


def rebuild_hex(state: GameState, u: int) -> int | None:
    """Where a destroyed unit re-forms: near its bloc's first permanent supply source (a port of entry,
    a frontier crossing), on a free hex its bloc holds out of enemy contact; None if there is none."""
    code = state.units.bloc_list[u]
    bloc = state.config.blocs[code - 1]
    board = state.board
    know = true_knowledge(state, bloc)
    closed = closed_mask(state, bloc)
    for source in state.config.supply_sources:
        if source.bloc != bloc or not source.always:
            continue
        for h in spiral(source.hex, 3):
            i = board.index(h)
            if i < 0 or closed[i] or know.enemy_hexes[i] or know.enemy_zoc[i]:
                continue
            if int(state.control[i]) == code and int(know.friendly_count[i]) < state.config.params.stacking:
                return i
    return None


def rebuild_unit(state: GameState, seat: str) -> list[Event]:
    """Re-form the seat's longest-lost unit with one step, if the scenario allows and its time has come."""
    days = state.config.rebuild_days(seat)
    if days <= 0:
        return []
    k = state.setup.seat_index[seat]
    table = state.units
    today = state.date.toordinal()
    lost = np.flatnonzero((table.seat == k) & (state.loc == ELIMINATED) & (state.arrives > 0)
                          & (state.arrives <= today - days))
    if lost.size == 0:
        return []
    u = int(lost[np.argmin(state.arrives[lost])])
    i = rebuild_hex(state, u)
    if i is None:
        return []
    state.loc[u], state.hex[u], state.steps[u], state.oos[u], state.dug_in[u] = MAP, i, 1, 0, -1
    state.hidden[u] = table.templates[u].hidden
    h = hex_of(state, i)
    return [event(state, "UnitRebuilt", seat, (h,), unit=table.ids[u], at=[h.q, h.r])]


def give_replacements(state: GameState, seat: str) -> list[Event]:
    """Spend the seat's replacement steps: one on re-forming a destroyed unit (where the scenario allows),
    the rest on depleted units in supply and out of contact."""
    budget = state.config.replacement_steps(seat, state.flag)
    if budget <= 0:
        return []
    rebuilt = rebuild_unit(state, seat)
    budget -= len(rebuilt)
    k = state.setup.seat_index[seat]
    table = state.units
    know = true_knowledge(state, state.bloc_of(seat))
    mine = (table.seat == k) & (state.steps < table.max_steps) & (state.oos == 0)
    on_map = mine & (state.loc == MAP)
    in_contact = np.zeros(table.n, dtype=bool)
    in_contact[on_map] = know.enemy_zoc[state.hex[on_map]]
    ok = (on_map & ~in_contact) | (mine & (state.loc == JAPAN))
    candidates = np.flatnonzero(ok).tolist()
    # Most depleted first; ties in scenario order (a stable sort).
    candidates.sort(key=lambda u: int(state.steps[u]) - int(table.max_steps[u]))
    out = rebuilt
    for u in candidates:
        if budget <= 0:
            break
        state.steps[u] += 1
        budget -= 1
        h = int(state.hex[u])
        out.append(event(state, "UnitReplaced", seat, (hex_of(state, h),) if h >= 0 else (), unit=table.ids[u],
                         steps=int(state.steps[u]), max_steps=int(table.max_steps[u])))
    return out


# -- supply ------------------------------------------------------------------------------------------

def check_supply(state: GameState, seat: str) -> list[Event]:
    """Supply check for the seat's units at the end of its turn (DESIGN §7)."""
    k = state.setup.seat_index[seat]
    table = state.units
    mine = table.seat == k
    state.oos[mine & (state.loc == JAPAN)] = 0
    on_map = np.flatnonzero(mine & (state.loc == MAP))
    if on_map.size == 0:
        return []
    supplied = supplied_hexes(state, state.bloc_of(seat))
    p = state.config.params
    out: list[Event] = []
    ok = supplied[state.hex[on_map]]
    if ok.all() and not state.oos[on_map].any():
        return out
    for u, good in zip(on_map.tolist(), ok.tolist()):
        h = hex_of(state, int(state.hex[u]))
        uid = table.ids[u]
        if good:
            if state.oos[u]:
                out.append(event(state, "SupplyRestored", seat, (h,), unit=uid))
            state.oos[u] = 0
            continue
        state.oos[u] += 1
        if state.oos[u] == 1:
            out.append(event(state, "SupplyLost", seat, (h,), unit=uid))
        if state.oos[u] >= p.out_of_supply_step_after:
            out.extend(lose_steps(state, u, 1, "attrition out of supply"))
    return out
