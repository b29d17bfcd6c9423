"""Turn flow: the automatic phases around each seat's movement and combat.

Per seat, in the scenario's order (DESIGN §3): political checks ->
reinforcements -> movement -> combat -> supply check.  Movement and combat
wait for the seat's actions; the rest run here, inside apply, and report
events.  ``Hooks`` lets later rules (politics) run at phase boundaries
without this module knowing them.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Callable

import numpy as np

from .board import Country, Terrain
from .events import Event
from .fog import _within, bloc_presence
from .hexes import Hex, spiral
from .movement import closed_mask, true_knowledge
from .state import GameState, Phase
from .supply import supplied_hexes
from .units import Location, Unit

#: Functions run at phase boundaries: (state, point) -> events.  Points:
#: "seat_start", "seat_end", "turn_start", "after_action".  Registered by higher
#: rule modules; the engine calls them in registration order.
Hook = Callable[[GameState, str], list[Event]]
HOOKS: list[Hook] = []


def event(state: GameState, kind: str, text: str, seat: str | None = None,
          hexes: tuple[Hex, ...] = (), public: bool = False, **data: object) -> Event:
    """An event stamped with the state's date and turn."""
    return Event(kind, text, state.date, state.turn, seat, hexes, public, dict(data))


def run_hooks(state: GameState, point: str) -> list[Event]:
    out: list[Event] = []
    for hook in HOOKS:
        out.extend(hook(state, point))
    return out


# -- arrivals and replacements ------------------------------------------------------

def arrival_due(state: GameState, unit: Unit) -> bool:
    """A pending unit enters when its date has come and, if gated, its flag was set delay_days ago."""
    if unit.requires:
        if not state.flags.get(unit.requires):
            return False
        if unit.delay_days:
            since = state.flags.get(f"since:{unit.requires}", state.flags.get(unit.requires))
            try:
                start = date.fromisoformat(str(since))
            except ValueError:
                start = state.date     # set by the scenario's starting flags: count from now
                state.flags[f"since:{unit.requires}"] = start.isoformat()
            if (state.date - start).days < unit.delay_days:
                return False
        return unit.arrives is None or unit.arrives <= state.date
    return unit.arrives is not None and unit.arrives <= state.date


def arrival_target(state: GameState, arrives_at: str | None) -> Hex | None:
    """The hex an arrival aims for: a place id, or "hex:q,r" for a bare hex (None: Japan or unknown)."""
    if arrives_at is None or arrives_at == "japan":
        return None
    if arrives_at.startswith("hex:"):
        q, r = arrives_at[4:].split(",")
        return Hex(int(q), int(r))
    place = state.board.places.get(arrives_at)
    return place.hex if place else None


def _arrival_hex(state: GameState, unit: Unit) -> int | None:
    """Where a due unit can enter: its place if held and not full, else a free held hex nearby."""
    board = state.board
    target = arrival_target(state, unit.arrives_at)
    if target is None:
        return None
    bloc = state.unit_bloc(unit)
    code = state.config.bloc_code(bloc)
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
    for u in state.units.values():
        if u.seat != seat or u.location is not Location.PENDING or not arrival_due(state, u):
            continue
        i = _arrival_hex(state, u)
        if i is not None:
            u.location, u.hex = Location.MAP, state.board.hex_at(i)
            out.append(event(state, "UnitArrived", f"{u.name} arrives {at(state, u.hex)}.",
                             seat, (u.hex,), unit=u.id))
        elif u.arrives_at == "japan" or state.unit_bloc(u) == p.sea_bloc:
            u.location, u.hex = Location.JAPAN, None
            out.append(event(state, "UnitArrived", f"{u.name} arrives in Japan, ready to ship to Korea.",
                             seat, (), unit=u.id))
        else:
            out.append(event(state, "ArrivalDelayed",
                             f"{u.name} cannot reach {u.arrives_at}: the area is lost or full.", seat, (), unit=u.id))
    return out


def give_replacements(state: GameState, seat: str) -> list[Event]:
    """Spend the seat's replacement steps on depleted units in supply and out of contact."""
    budget = state.config.replacement_steps(seat)
    if budget <= 0:
        return []
    bloc = state.bloc_of(seat)
    know = true_knowledge(state, bloc)
    board = state.board
    candidates = []
    for u in state.units.values():
        if u.seat != seat or u.steps >= u.max_steps or u.out_of_supply > 0:
            continue
        if u.location is Location.MAP and not know.enemy_zoc[board.index(u.hex)]:
            candidates.append(u)
        elif u.location is Location.JAPAN:
            candidates.append(u)
    candidates.sort(key=lambda u: (u.steps - u.max_steps, 0))
    out = []
    for u in candidates:
        if budget <= 0:
            break
        u.steps += 1
        budget -= 1
        out.append(event(state, "UnitReplaced", f"{u.name} receives replacements ({u.steps}/{u.max_steps} steps).",
                         seat, (u.hex,) if u.hex else (), unit=u.id))
    return out


# -- supply ---------------------------------------------------------------------------

def check_supply(state: GameState, seat: str) -> list[Event]:
    """Supply check for the seat's units at the end of its turn (DESIGN §7)."""
    bloc = state.bloc_of(seat)
    supplied = supplied_hexes(state, bloc)
    p = state.config.params
    out: list[Event] = []
    for u in state.units.values():
        if u.seat != seat or u.location is not Location.MAP:
            if u.seat == seat and u.location is Location.JAPAN:
                u.out_of_supply = 0
            continue
        i = state.board.index(u.hex)
        if supplied[i]:
            if u.out_of_supply:
                out.append(event(state, "SupplyRestored", f"{u.name} is back in supply.", seat, (u.hex,), unit=u.id))
            u.out_of_supply = 0
            continue
        u.out_of_supply += 1
        if u.out_of_supply == 1:
            out.append(event(state, "SupplyLost", f"{u.name} is out of supply.", seat, (u.hex,), unit=u.id))
        if u.out_of_supply >= p.out_of_supply_step_after:
            out.extend(lose_steps(state, u, 1, "attrition out of supply"))
    return out


# -- losses -----------------------------------------------------------------------------

def lose_steps(state: GameState, u: Unit, n: int, cause: str) -> list[Event]:
    """Take ``n`` steps from a unit; at zero it is eliminated (an event says so)."""
    out: list[Event] = []
    n = min(n, u.steps)
    if n <= 0:
        return out
    u.steps -= n
    state.steps_lost[u.seat] = state.steps_lost.get(u.seat, 0) + n
    hexes = (u.hex,) if u.hex else ()
    if u.steps <= 0:
        u.location = Location.ELIMINATED
        out.append(event(state, "UnitEliminated", f"{u.name} is destroyed ({cause}).", u.seat, hexes,
                         unit=u.id, cause=cause))
        u.hex = None
    else:
        out.append(event(state, "StepLost", f"{u.name} loses {n} step{'s' if n > 1 else ''} ({cause}).",
                         u.seat, hexes, unit=u.id, steps=n, cause=cause))
    return out


# -- control ------------------------------------------------------------------------------

COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


def where(state: GameState, h: Hex | None) -> str:
    """A readable name for a hex: its place, 'near' a place within 2 hexes, else a bearing from one."""
    if h is None:
        return "Japan"
    places = state.board.place_at(h)
    if places:
        return places[0].name
    best = None
    for p in state.board.places.values():
        d = p.hex.distance(h)
        if best is None or (d, p.id) < (best[0], best[1].id):
            best = (d, p)
    if best is None:
        return f"hex {h}"
    d, place = best
    if d <= 2:
        return f"near {place.name}"
    proj = state.board.projection
    (x0, y0), (x1, y1) = proj.hex_center_km(place.hex), proj.hex_center_km(h)
    angle = math.degrees(math.atan2(y0 - y1, x1 - x0)) % 360     # screen y grows southward
    bearing = COMPASS[int((angle + 22.5) // 45) % 8]
    return f"{round(d * state.board.hex_km / 5) * 5:.0f} km {bearing} of {place.name}"


def at(state: GameState, h: Hex | None) -> str:
    """``where`` with its preposition: 'at Seoul', 'near Haeju', '40 km north of Manpojin', 'in Japan'."""
    name = where(state, h)
    if h is None:
        return "in Japan"
    return name if name.startswith("near ") or " of " in name else f"at {name}"


def take_control(state: GameState, unit: Unit, i: int) -> list[Event]:
    """The unit's bloc now holds hex ``i``; places that change hands are reported to all."""
    bloc = state.unit_bloc(unit)
    code = state.config.bloc_code(bloc)
    state.holder[i] = state.config.seats.index(state.config.seat(unit.seat)) + 1
    if int(state.control[i]) == code:
        return []
    state.control[i] = code
    state.flags["hexes_changed"] = int(state.flags.get("hexes_changed", 0)) + 1
    h = state.board.hex_at(i)
    out = [event(state, "HexCaptured", f"{state.config.seat(unit.seat).name} takes {where(state, h)}.",
                 unit.seat, (h,), bloc=bloc)]
    for p in state.board.place_at(h):
        out.append(event(state, "PlaceCaptured", f"{p.name} falls to the {state.config.seat(unit.seat).name}.",
                         unit.seat, (h,), public=True, place=p.id, bloc=bloc))
    return out


# -- the seat and turn cycle ------------------------------------------------------------------

def begin_seat_turn(state: GameState) -> list[Event]:
    """Automatic phases at the start of the active seat's turn, then its movement phase."""
    seat = state.active_seat.id
    out: list[Event] = []
    if state.seat_index == 0:
        state.sea_used = state.landings_used = 0
        out.extend(run_hooks(state, "turn_start"))
    state.rail_used = 0
    state.attacked_hexes = []
    for u in state.units.values():
        if u.seat == seat:
            u.moved = u.attacked = False
    out.extend(run_hooks(state, "seat_start"))
    if state.over:
        return out
    out.extend(bring_arrivals(state, seat))
    out.extend(give_replacements(state, seat))
    if state.over:
        return out
    from .politics.runtime import available_decisions
    state.phase = Phase.POLITICAL if available_decisions(state, seat) else Phase.MOVEMENT
    out.append(event(state, "PhaseStarted", f"{state.active_seat.name}: {state.phase.value} phase.", seat, (),
                     public=True, phase=state.phase.value))
    return out


def end_seat_turn(state: GameState) -> list[Event]:
    """Supply check for the active seat, then hand over to the next seat (or the next turn)."""
    seat = state.active_seat.id
    out = check_supply(state, seat)
    out.extend(run_hooks(state, "seat_end"))
    if not state.over:
        out.extend(check_end(state))
    if state.over:
        return out
    state.seat_index += 1
    if state.seat_index >= len(state.config.seats):
        state.seat_index = 0
        state.turn += 1
        if state.turn > state.last_turn:
            state.turn = state.last_turn
            state.outcome = "last_turn"
            out.append(event(state, "GameEnded", "The scenario's last turn is over.", None, (), public=True,
                             outcome=state.outcome))
            return out
        out.append(event(state, "TurnStarted", f"Turn {state.turn}: {state.date:%d %B %Y}.", None, (),
                         public=True, turn=state.turn))
    if state.over:
        return out
    out.extend(begin_seat_turn(state))
    return out


#: Unification needs the other side all but gone from Korea: below this share of its land hexes.
UNIFICATION_SHARE = 0.05


def check_end(state: GameState) -> list[Event]:
    """Unification: one bloc holds every victory place and the other under 5% of Korea (DESIGN §9)."""
    places = state.config.victory_places
    if not places or state.over:
        return []
    holders = {int(state.control[state.board.index(v.hex)]) for v in places}
    if len(holders) != 1:
        return []
    code = holders.pop()
    if code <= 0:
        return []
    board = state.board
    korea = np.isin(board.country, (int(Country.ROK), int(Country.DPRK))) & (board.terrain >= Terrain.CLEAR)
    others = (state.control[korea] != code) & (state.control[korea] > 0)
    if others.sum() >= UNIFICATION_SHARE * korea.sum():
        return []
    bloc = state.config.blocs[code - 1]
    state.outcome = f"unification:{bloc}"
    return [event(state, "GameEnded", f"Korea is unified by the {bloc} side.", None, (), public=True,
                  outcome=state.outcome)]


def adjacent_to_enemy(state: GameState, bloc: str):
    """Mask of hexes next to an enemy unit (helper for AI and replacements)."""
    other = [b for b in state.config.blocs if b != bloc]
    mask = None
    for b in other:
        m = _within(state.board, bloc_presence(state, b), 1)
        mask = m if mask is None else mask | m
    return mask
