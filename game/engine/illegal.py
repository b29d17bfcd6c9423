"""Why an action is illegal: a stable reason code and a sentence a player understands.

``why_illegal`` checks an action against the active seat's legal actions (game/engine/legal.py, computed from
what it knows) and the rules; it says which rule forbids it.  ``REASONS`` is the codes' vocabulary, stable for
tests and agents.
"""

from __future__ import annotations

from .actions import Action, Attack, Decide, EndPhase, Inject, Landing, MoveUnit, RailMove, SeaMove
from .board import Country
from .hexes import Hex
from .legal import LegalActions
from .state import GameState, Phase
from .units import JAPAN, MAP

#: Reason codes of ``why_illegal`` (a stable vocabulary for tests and agents; the sentence is for people).
REASONS = ("game_over", "no_such_decision", "not_your_decision", "wrong_phase", "decision_closed", "no_attackers",
           "duplicate_attacker", "off_map", "already_attacked", "no_enemy_seen", "no_such_unit", "not_your_unit",
           "not_on_map", "not_adjacent", "not_in_play", "already_moved", "in_japan", "already_there", "water",
           "closed_country", "enemy_hex", "out_of_reach", "stacking", "no_rail", "no_shipping", "no_landing",
           "unknown_action", "no_such_rule", "already_happened")


def _why_inject_illegal(state: GameState, rule_id: str) -> tuple[str, str] | None:
    """A teacher may make any rule of the scenario happen, once for a rule that happens once."""
    pol = state.config.politics
    rule = next((r for r in pol.rules if r.id == rule_id), None) if pol else None
    if rule is None:
        return "no_such_rule", f"There is no event '{rule_id}' in this scenario."
    if rule.once and state.rule_fired[state.setup.rule_index[rule.id]]:
        return "already_happened", f"'{rule_id}' has already happened in this war; it happens once."
    return None


def why_illegal(state: GameState, action: Action, legal: LegalActions | None = None) -> tuple[str, str] | None:
    """None if ``action`` is legal now, else (reason code, a sentence a player understands)."""
    if state.over:
        return "game_over", "The game is over."
    if isinstance(action, EndPhase):
        return None
    if isinstance(action, Inject):
        return _why_inject_illegal(state, action.rule)
    legal = legal or LegalActions(state)
    seat = state.active_seat
    if isinstance(action, Decide):
        pol = state.config.politics
        d = pol.decisions.get(action.decision) if pol else None
        if d is None:
            return "no_such_decision", f"There is no decision '{action.decision}' in this scenario."
        if d.seat != seat.id:
            return "not_your_decision", f"'{d.title}' is for the {state.config.seat(d.seat).name} to decide."
        if state.phase is not Phase.POLITICAL:
            return "wrong_phase", "Decisions are taken in the political phase, at the start of your turn."
        if Decide(d.id) not in legal.decisions():
            return "decision_closed", f"'{d.title}' is not open now: " + (
                d.when.describe() if d.when else "it was already taken") + " is needed."
        return None
    if isinstance(action, Attack):
        return _why_attack_illegal(state, legal, action)
    if not isinstance(action, (MoveUnit, RailMove, SeaMove, Landing)):
        return "unknown_action", f"Unknown action {action!r}."
    # Movement-phase actions.
    u, why = _own_unit(state, action.unit)
    if why:
        return why
    name = state.units.names[u]
    if state.phase is Phase.POLITICAL:
        return "wrong_phase", "Finish the political phase first (take your decisions, then end the phase)."
    if state.phase is not Phase.MOVEMENT:
        return "wrong_phase", "Units move in the movement phase, which is over for this turn."
    if state.loc[u] not in (MAP, JAPAN):
        return "not_in_play", f"{name} is not in play."
    if state.moved[u]:
        return "already_moved", f"{name} has already moved this phase."
    p = state.config.params
    if isinstance(action, MoveUnit):
        return _why_move_illegal(state, legal, u, action.to)
    if isinstance(action, RailMove):
        i = state.board.index(action.to)
        if i < 0 or i not in legal.rail_targets(u):
            if state.rail_used >= p.rail_capacity:
                return "no_rail", "The railways are fully used this turn."
            return "no_rail", f"{name} cannot go there by rail: it needs a rail line through your own, quiet territory."
        return None
    if isinstance(action, SeaMove):
        i = None if action.to is None else state.board.index(action.to)
        if i not in legal.sea_targets(u):
            if seat.bloc != p.sea_bloc:
                return "no_shipping", "Only the UN Command controls the sea."
            if state.sea_used >= p.sea_capacity:
                return "no_shipping", "All shipping is in use this turn."
            return "no_shipping", (f"{name} must start in a port you hold (or in Japan) and sail to another "
                                   "port you hold.")
        return None
    i = state.board.index(action.to)
    if i < 0 or i not in legal.landing_targets(u):
        if seat.bloc != p.sea_bloc:
            return "no_landing", "Only the UN Command can make amphibious landings."
        if state.landings_used >= p.landing_capacity:
            return "no_landing", "The landing craft are all in use this turn."
        return "no_landing", ("A landing must start from a port you hold or Japan and go to an open coastal hex "
                              "in Korea.")
    return None


def _own_unit(state: GameState, uid: str) -> tuple[int, tuple[str, str] | None]:
    """The number of a unit of the active seat, or why the id names none."""
    table = state.units
    u = table.index.get(uid)
    if u is None:
        return -1, ("no_such_unit", f"There is no unit '{uid}'.")
    if table.seat_list[u] != state.seat_index:
        owner = state.config.seats[table.seat_list[u]].name
        return u, ("not_your_unit", f"{table.names[u]} is not yours to command: it belongs to the {owner}.")
    return u, None


def _why_attack_illegal(state: GameState, legal: LegalActions, action: Attack) -> tuple[str, str] | None:
    if state.phase is not Phase.COMBAT:
        return "wrong_phase", "Attacks are made in the combat phase; end the movement phase first."
    if not action.attackers:
        return "no_attackers", "Choose at least one unit to attack with."
    if len(set(action.attackers)) != len(action.attackers):
        return "duplicate_attacker", "A unit is listed twice among the attackers."
    ti = state.board.index(action.target)
    if ti < 0:
        return "off_map", "That hex is off the map."
    if state.attacked_hexes[ti]:
        return "already_attacked", "That hex has already been attacked this phase."
    if not legal.know.enemy_hexes[ti]:
        return "no_enemy_seen", "There is no enemy unit you can see in that hex."
    for uid in action.attackers:
        u, why = _own_unit(state, uid)
        if why:
            return why
        name = state.units.names[u]
        if state.loc[u] != MAP:
            return "not_on_map", f"{name} is not on the map."
        if state.attacked[u]:
            return "already_attacked", f"{name} has already attacked this phase."
        if state.board.hex_at(int(state.hex[u])).distance(action.target) != 1:
            return "not_adjacent", f"{name} is not next to the target hex."
    return None


def _why_move_illegal(state: GameState, legal: LegalActions, u: int, to: Hex) -> tuple[str, str] | None:
    name = state.units.names[u]
    if state.loc[u] != MAP:
        return "in_japan", f"{name} is in Japan: ship it to a port or land it on a beach."
    board = state.board
    i = board.index(to)
    if i < 0:
        return "off_map", "That hex is off the map."
    if int(state.hex[u]) == i:
        return "already_there", f"{name} is already there."
    if not board.is_land(i):
        return "water", "Land units cannot move into the sea."
    if legal.know.closed[i]:
        return "closed_country", f"Your forces may not enter {Country(int(board.country[i])).name.title()} territory."
    if legal.know.enemy_hexes[i]:
        return "enemy_hex", "An enemy unit holds that hex: attack it in the combat phase."
    r = legal.reach(u)
    if i not in r.cost:
        return "out_of_reach", (f"{name} cannot reach that hex this turn (too far, or blocked by enemy zones "
                                "of control).")
    if int(legal.know.friendly_count[i]) >= state.config.params.stacking:
        return "stacking", f"At most {state.config.params.stacking} units may stack in a hex."
    return None
