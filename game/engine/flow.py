"""The seat and turn cycle, above the rules and the politics it calls (the boardgame.io lesson).

Per seat, in the scenario's order (DESIGN §3): political checks ->
reinforcements -> (political phase, if a decision is open) -> movement ->
combat -> supply check -> digging in -> ground behind the lines (game/engine/
ground.py).  The phases that wait for a seat's actions end with its EndPhase;
the rest run here.  Politics rules run at the check points turn_start,
seat_start, seat_end and after_action.
"""

from __future__ import annotations

import numpy as np

from .events import Event
from .ground import consolidate_rear
from .politics.runtime import available_decisions, check_point, start_politics
from .primitives import bring_arrivals, check_supply, event, give_replacements
from .state import GameState, Phase
from .units import MAP

#: Unification needs the other side all but gone from Korea: below this share of its land hexes.
UNIFICATION_SHARE = 0.05


def start_game(state: GameState) -> list[Event]:
    """Set up the politics and run the first seat's automatic phases (changes ``state``)."""
    start_politics(state)
    events = [event(state, "GameStarted", None, (), True, date=state.date.isoformat())]
    events.extend(begin_seat_turn(state))
    return events


def begin_seat_turn(state: GameState) -> list[Event]:
    """Automatic phases at the start of the active seat's turn, then its political or movement phase."""
    seat = state.active_seat.id
    out: list[Event] = []
    if state.seat_index == 0:
        state.sea_used = state.landings_used = 0
        out.extend(check_point(state, "turn_start"))
    state.rail_used = 0
    state.attacked_hexes[:] = False
    mine = state.units.seat == state.seat_index
    state.moved[mine] = False
    state.attacked[mine] = False
    out.extend(check_point(state, "seat_start"))
    if state.over:
        return out
    out.extend(bring_arrivals(state, seat))
    out.extend(give_replacements(state, seat))
    if state.over:
        return out
    state.phase = Phase.POLITICAL if available_decisions(state, seat) else Phase.MOVEMENT
    out.append(event(state, "PhaseStarted", seat, (), True, phase=state.phase.value, seat_id=seat))
    return out


def end_phase(state: GameState) -> list[Event]:
    """The active seat ends its current phase (after combat: its turn)."""
    seat = state.active_seat.id
    if state.phase is Phase.POLITICAL:
        state.phase = Phase.MOVEMENT
        return [event(state, "PhaseStarted", seat, (), True, phase=Phase.MOVEMENT.value, seat_id=seat)]
    if state.phase is Phase.MOVEMENT:
        state.phase = Phase.COMBAT
        return [event(state, "PhaseStarted", seat, (), True, phase=Phase.COMBAT.value, seat_id=seat)]
    return end_seat_turn(state)


def end_seat_turn(state: GameState) -> list[Event]:
    """Supply check, digging in and ground behind the lines for the active seat, then hand over to the next
    seat (or the next turn)."""
    seat = state.active_seat.id
    out = check_supply(state, seat)
    dig_in(state)
    out.extend(consolidate_rear(state, seat))
    out.extend(check_point(state, "seat_end"))
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
            out.append(event(state, "GameEnded", None, (), True, outcome=state.outcome, say="GameEnded.last_turn"))
            return out
        out.append(event(state, "TurnStarted", None, (), True, turn=state.turn, date=state.date.isoformat()))
    if state.over:
        return out
    out.extend(begin_seat_turn(state))
    return out


def dig_in(state: GameState) -> None:
    """The active seat's units that did not move this turn dig in where they stand (DESIGN §6: a prepared
    defence costs the attacker a column; it is what froze the front in 1951-53).  Any later move, retreat or
    advance leaves the hex and the works behind."""
    mine = (state.units.seat == state.seat_index) & (state.loc == MAP)
    if state.config.params.dig_in:
        state.dug_in[mine] = np.where(state.moved[mine], -1, state.hex[mine])


def after_action(state: GameState) -> list[Event]:
    return check_point(state, "after_action")


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
    korea = state.setup.korea_land
    others = (state.control[korea] != code) & (state.control[korea] > 0)
    if others.sum() >= UNIFICATION_SHARE * korea.sum():
        return []
    bloc = state.config.blocs[code - 1]
    state.outcome = f"unification:{bloc}"
    return [event(state, "GameEnded", None, (), True, outcome=state.outcome, bloc=bloc,
                  say="GameEnded.unification")]


__all__ = ["start_game", "begin_seat_turn", "end_phase", "end_seat_turn", "dig_in", "after_action", "check_end"]
