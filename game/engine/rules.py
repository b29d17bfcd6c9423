"""The one door for change: legal actions, why an action is illegal, and apply.

``apply(state, action)`` never changes ``state``: it clones it, applies the
action and returns the new state and the events.  An illegal action raises
:class:`IllegalAction` with a reason a player can read, and nothing changes.
Legal actions are the single source for the UI's highlighting and the AI's
choices; they are computed from what the active seat *knows* (its fog of war).
"""

from __future__ import annotations

from collections import deque

import numpy as np

from . import politics  # noqa: F401 - registers the politics hook with the turn flow
from .actions import Action, Attack, Decide, EndPhase, IllegalAction, Landing, MoveUnit, RailMove, SeaMove
from .board import Country
from .combat import RESULT_NAMES, RESULTS, odds, result_for, roll
from .events import Event
from .fog import seen_enemies
from .hexes import Hex
from .movement import Knowledge, Reach, closed_mask, knowledge, reachable, true_knowledge
from .politics.runtime import available_decisions, carry_out, start_politics
from .state import GameState, Phase
from .turn import at, begin_seat_turn, end_seat_turn, event, lose_steps, run_hooks, take_control, where
from .units import Location, Unit

KOREA = (int(Country.ROK), int(Country.DPRK))


def start_game(state: GameState) -> tuple[GameState, list[Event]]:
    """Run the first seat's automatic phases; the result waits for its first action."""
    s = state.clone()
    start_politics(s)
    events = [event(s, "GameStarted", f"{s.config.title}: {s.date:%d %B %Y}.", None, (), public=True)]
    events.extend(begin_seat_turn(s))
    return s, events


def seat_knowledge(state: GameState) -> Knowledge:
    """What the active seat's bloc knows of enemy positions (its fog of war)."""
    bloc = state.active_seat.bloc
    return knowledge(state, bloc, seen_enemies(state, bloc))


class LegalActions:
    """The active seat's legal actions, computed lazily (per unit) for speed."""

    def __init__(self, state: GameState):
        self.state = state
        self.seat = state.active_seat.id
        self.bloc = state.active_seat.bloc
        self.know = seat_knowledge(state)
        self._reach: dict[str, Reach] = {}

    # -- movement ---------------------------------------------------------------
    def reach(self, unit: Unit) -> Reach:
        if unit.id not in self._reach:
            self._reach[unit.id] = reachable(self.state, unit, self.know)
        return self._reach[unit.id]

    def movers(self) -> list[Unit]:
        """Own units that may still move this phase (on the map or in Japan)."""
        s = self.state
        if s.over or s.phase is not Phase.MOVEMENT:
            return []
        return [u for u in s.units.values()
                if u.seat == self.seat and not u.moved and u.location in (Location.MAP, Location.JAPAN)]

    def move_targets(self, unit: Unit) -> list[int]:
        """Hex indices a land move can end on."""
        if unit.location is not Location.MAP:
            return []
        r = self.reach(unit)
        stack = self.state.config.params.stacking
        return [i for i in sorted(r.cost) if i != r.start and int(self.know.friendly_count[i]) < stack]

    def rail_targets(self, unit: Unit) -> list[int]:
        s = self.state
        p = s.config.params
        if unit.location is not Location.MAP or s.rail_used >= p.rail_capacity or unit.out_of_supply:
            return []
        board = s.board
        start = board.index(unit.hex)
        if self.know.enemy_zoc[start] or not board.rail[start].any():
            return []
        code = s.config.bloc_code(self.bloc)
        seen = {start: 0}
        queue = deque([start])
        while queue:
            i = queue.popleft()
            if seen[i] >= p.rail_hexes:
                continue
            for d in range(6):
                j = int(board.neighbors[i, d])
                if j < 0 or j in seen or not board.rail[i, d]:
                    continue
                if int(s.control[j]) != code or self.know.enemy_hexes[j] or self.know.enemy_zoc[j]:
                    continue
                seen[j] = seen[i] + 1
                queue.append(j)
        return [i for i in sorted(seen) if i != start and int(self.know.friendly_count[i]) < p.stacking]

    def can_embark(self, unit: Unit) -> bool:
        """Ships take units from Japan or from a port the bloc holds."""
        s = self.state
        if unit.location is Location.JAPAN:
            return True
        if unit.location is not Location.MAP:
            return False
        here = s.board.index(unit.hex)
        return bool(s.board.port[here]) and int(s.control[here]) == s.config.bloc_code(self.bloc)

    def sea_targets(self, unit: Unit) -> list[int | None]:
        """Ports (or None for Japan) a sea move can reach."""
        s = self.state
        p = s.config.params
        if self.bloc != p.sea_bloc or s.sea_used >= p.sea_capacity or not self.can_embark(unit):
            return []
        board = s.board
        code = s.config.bloc_code(self.bloc)
        out: list[int | None] = []
        for i in sorted(int(x) for x in board.port.nonzero()[0]):
            if unit.hex is not None and i == board.index(unit.hex):
                continue
            if int(s.control[i]) == code and not self.know.enemy_hexes[i] \
                    and int(board.country[i]) in KOREA \
                    and int(self.know.friendly_count[i]) < p.stacking:
                out.append(i)
        if unit.location is Location.MAP:
            out.append(None)
        return out

    def landing_targets(self, unit: Unit) -> list[int]:
        s = self.state
        p = s.config.params
        if self.bloc != p.sea_bloc or s.landings_used >= p.landing_capacity or unit.is_armour \
                or not self.can_embark(unit):
            return []
        board = s.board
        code = s.config.bloc_code(self.bloc)
        korea = (board.country == KOREA[0]) | (board.country == KOREA[1])
        ok = board.coastal_mask & korea & ~closed_mask(s, self.bloc) & ~self.know.enemy_hexes
        ok &= self.know.friendly_count < p.stacking
        # A landing goes onto a hostile or contested shore; a sea move serves friendly, quiet ports.
        ok &= (s.control != code) | self.know.enemy_zoc
        return [int(i) for i in np.flatnonzero(ok)]

    def moves_for(self, unit: Unit) -> list[Action]:
        """Every movement-phase action of one unit."""
        board = self.state.board
        out: list[Action] = [MoveUnit(unit.id, board.hex_at(i)) for i in self.move_targets(unit)]
        out += [RailMove(unit.id, board.hex_at(i)) for i in self.rail_targets(unit)]
        out += [SeaMove(unit.id, None if i is None else board.hex_at(i)) for i in self.sea_targets(unit)]
        out += [Landing(unit.id, board.hex_at(i)) for i in self.landing_targets(unit)]
        return out

    # -- combat -------------------------------------------------------------------
    def attackers_for(self, target: Hex) -> list[Unit]:
        s = self.state
        return [u for u in s.units.values()
                if u.seat == self.seat and u.location is Location.MAP and not u.attacked
                and u.hex is not None and u.hex.distance(target) == 1]

    def attack_targets(self) -> list[Hex]:
        """Known enemy hexes this seat can still attack this phase."""
        s = self.state
        if s.over or s.phase is not Phase.COMBAT:
            return []
        out = []
        for i in sorted(int(x) for x in self.know.enemy_hexes.nonzero()[0]):
            if i in s.attacked_hexes:
                continue
            h = s.board.hex_at(i)
            if self.attackers_for(h):
                out.append(h)
        return out

    def attacks(self) -> list[Attack]:
        return [Attack(h, tuple(u.id for u in self.attackers_for(h))) for h in self.attack_targets()]

    def decisions(self) -> list[Decide]:
        """Political decisions open to the seat now (in its political phase)."""
        if self.state.over or self.state.phase is not Phase.POLITICAL:
            return []
        return [Decide(d.id) for d in available_decisions(self.state, self.seat)]

    def all(self) -> list[Action]:
        if self.state.over:
            return []
        out: list[Action] = []
        if self.state.phase is Phase.POLITICAL:
            out.extend(self.decisions())
        elif self.state.phase is Phase.MOVEMENT:
            for u in self.movers():
                out.extend(self.moves_for(u))
        else:
            out.extend(self.attacks())
        out.append(EndPhase())
        return out


def legal_actions(state: GameState) -> list[Action]:
    """Every legal action of the active seat (attacks with all eligible attackers)."""
    return LegalActions(state).all()


# -- legality ------------------------------------------------------------------------------

def why_illegal(state: GameState, action: Action) -> str | None:
    """None if ``action`` is legal now, else the reason, in words a player understands."""
    if state.over:
        return "The game is over."
    if isinstance(action, EndPhase):
        return None
    legal = LegalActions(state)
    seat = state.active_seat
    if isinstance(action, Decide):
        pol = state.config.politics
        d = pol.decisions.get(action.decision) if pol else None
        if d is None:
            return f"There is no decision '{action.decision}' in this scenario."
        if d.seat != seat.id:
            return f"'{d.title}' is for the {state.config.seat(d.seat).name} to decide."
        if state.phase is not Phase.POLITICAL:
            return "Decisions are taken in the political phase, at the start of your turn."
        if Decide(d.id) not in legal.decisions():
            return f"'{d.title}' is not open now: " + (d.when.describe() if d.when else "it was already taken") + \
                " is needed."
        return None
    if isinstance(action, Attack):
        if state.phase is not Phase.COMBAT:
            return "Attacks are made in the combat phase; end the movement phase first."
        if not action.attackers:
            return "Choose at least one unit to attack with."
        if len(set(action.attackers)) != len(action.attackers):
            return "A unit is listed twice among the attackers."
        ti = state.board.index(action.target)
        if ti < 0:
            return "That hex is off the map."
        if ti in state.attacked_hexes:
            return "That hex has already been attacked this phase."
        if not legal.know.enemy_hexes[ti]:
            return "There is no enemy unit you can see in that hex."
        for uid in action.attackers:
            u = state.units.get(uid)
            if u is None:
                return f"There is no unit '{uid}'."
            if u.seat != seat.id:
                return f"{u.name} is not yours to command ({state.config.seat(u.seat).name})."
            if u.location is not Location.MAP:
                return f"{u.name} is not on the map."
            if u.attacked:
                return f"{u.name} has already attacked this phase."
            if u.hex.distance(action.target) != 1:  # type: ignore[union-attr]
                return f"{u.name} is not next to the target hex."
        return None
    # Movement-phase actions.
    u = state.units.get(action.unit)
    if u is None:
        return f"There is no unit '{action.unit}'."
    if u.seat != seat.id:
        return f"{u.name} is not yours to command: it belongs to the {state.config.seat(u.seat).name}."
    if state.phase is Phase.POLITICAL:
        return "Finish the political phase first (take your decisions, then end the phase)."
    if state.phase is not Phase.MOVEMENT:
        return "Units move in the movement phase, which is over for this turn."
    if u.location not in (Location.MAP, Location.JAPAN):
        return f"{u.name} is not in play."
    if u.moved:
        return f"{u.name} has already moved this phase."
    if isinstance(action, MoveUnit):
        return _why_move_illegal(state, legal, u, action.to)
    if isinstance(action, RailMove):
        i = state.board.index(action.to)
        if i < 0 or i not in legal.rail_targets(u):
            if state.rail_used >= state.config.params.rail_capacity:
                return "The railways are fully used this turn."
            return f"{u.name} cannot go there by rail: it needs a rail line through your own, quiet territory."
        return None
    if isinstance(action, SeaMove):
        i = None if action.to is None else state.board.index(action.to)
        if i not in legal.sea_targets(u):
            if seat.bloc != state.config.params.sea_bloc:
                return "Only the UN Command controls the sea."
            if state.sea_used >= state.config.params.sea_capacity:
                return "All shipping is in use this turn."
            return f"{u.name} must start in a port you hold (or in Japan) and sail to another port you hold."
        return None
    if isinstance(action, Landing):
        i = state.board.index(action.to)
        if i < 0 or i not in legal.landing_targets(u):
            if seat.bloc != state.config.params.sea_bloc:
                return "Only the UN Command can make amphibious landings."
            if state.landings_used >= state.config.params.landing_capacity:
                return "The landing craft are all in use this turn."
            return "A landing must start from a port you hold or Japan and go to an open coastal hex in Korea."
        return None
    return f"Unknown action {action!r}."


def _why_move_illegal(state: GameState, legal: LegalActions, u: Unit, to: Hex) -> str | None:
    if u.location is not Location.MAP:
        return f"{u.name} is in Japan: ship it to a port or land it on a beach."
    board = state.board
    i = board.index(to)
    if i < 0:
        return "That hex is off the map."
    if u.hex == to:
        return f"{u.name} is already there."
    if not board.is_land(i):
        return "Land units cannot move into the sea."
    if closed_mask(state, legal.bloc)[i]:
        return f"Your forces may not enter {Country(int(board.country[i])).name.title()} territory."
    if legal.know.enemy_hexes[i]:
        return "An enemy unit holds that hex: attack it in the combat phase."
    r = legal.reach(u)
    if i not in r.cost:
        return f"{u.name} cannot reach that hex this turn (too far, or blocked by enemy zones of control)."
    if int(legal.know.friendly_count[i]) >= state.config.params.stacking:
        return f"At most {state.config.params.stacking} units may stack in a hex."
    return None


# -- apply ----------------------------------------------------------------------------------

def apply(state: GameState, action: Action) -> tuple[GameState, list[Event]]:
    """Apply a legal action to a clone of ``state``; returns (new state, events)."""
    reason = why_illegal(state, action)
    if reason is not None:
        raise IllegalAction(reason)
    s = state.clone()
    s.actions_applied += 1
    bloc = s.active_seat.bloc
    before = {u.id for u in seen_enemies(s, bloc)}
    if isinstance(action, EndPhase):
        events = _end_phase(s)
    elif isinstance(action, Decide):
        events = carry_out(s, action.decision)
    elif isinstance(action, MoveUnit):
        events = _move(s, action)
    elif isinstance(action, RailMove):
        events = _rail(s, action)
    elif isinstance(action, SeaMove):
        events = _sea(s, action)
    elif isinstance(action, Landing):
        events = _landing(s, action)
    else:
        events = _attack(s, action)
    if not isinstance(action, (EndPhase, Decide)):
        events.extend(_spot(s, bloc, before))
    events.extend(run_hooks(s, "after_action"))
    return s, events


def _spot(s: GameState, bloc: str, before: set[str]) -> list[Event]:
    """Report enemy units the bloc sees now and did not before; spotted hidden units stay seen."""
    out = []
    for u in seen_enemies(s, bloc):
        if u.hidden:
            u.hidden = False
        if u.id not in before:
            out.append(event(s, "UnitSpotted", f"Enemy spotted: {u.name} {at(s, u.hex)}.",
                             s.active_seat.id, (u.hex,), reveal=True, unit=u.id))
    return out


def _end_phase(s: GameState) -> list[Event]:
    if s.phase is Phase.POLITICAL:
        s.phase = Phase.MOVEMENT
        return [event(s, "PhaseStarted", f"{s.active_seat.name}: movement phase.", s.active_seat.id, (),
                      public=True, phase=Phase.MOVEMENT.value)]
    if s.phase is Phase.MOVEMENT:
        s.phase = Phase.COMBAT
        return [event(s, "PhaseStarted", f"{s.active_seat.name}: combat phase.", s.active_seat.id, (),
                      public=True, phase=Phase.COMBAT.value)]
    return end_seat_turn(s)


def _move(s: GameState, action: MoveUnit) -> list[Event]:
    u = s.units[action.unit]
    legal = LegalActions(s)
    path = legal.reach(u).path(s.board.index(action.to))
    truth = true_knowledge(s, legal.bloc)
    walked = [path[0]]
    stop_reason = None
    for j in path[1:]:
        if truth.enemy_hexes[j]:
            stop_reason = "ran into an enemy unit it had not seen"
            break
        walked.append(j)
        if truth.enemy_zoc[j] and not legal.know.enemy_zoc[j] and not u.infiltrates:
            stop_reason = "met enemy forces it had not seen"
            break
    # Never end over-stacked: fall back along the path to the last hex with room.
    while len(walked) > 1 and int(truth.friendly_count[walked[-1]]) >= s.config.params.stacking:
        walked.pop()
    return _relocate(s, u, walked, "UnitMoved", stop_reason)


def _relocate(s: GameState, u: Unit, walked: list[int], kind: str, stop_reason: str | None) -> list[Event]:
    board = s.board
    start = u.hex
    events: list[Event] = []
    for j in walked[1:]:
        events.extend(take_control(s, u, j))
    u.hex = board.hex_at(walked[-1])
    u.moved = True
    hexes = tuple(board.hex_at(j) for j in walked)
    text = f"{u.name} moves from {where(s, start)} to {where(s, u.hex)}."
    out = [event(s, kind, text, u.seat, hexes, unit=u.id, path=[list(h) for h in hexes])]
    if stop_reason:
        out.append(event(s, "UnitStopped", f"{u.name} stops {at(s, u.hex)}: it {stop_reason}.",
                         u.seat, (u.hex,), unit=u.id, reveal=True))
    return out + events


def _rail(s: GameState, action: RailMove) -> list[Event]:
    u = s.units[action.unit]
    s.rail_used += 1
    start = u.hex
    u.hex = action.to
    u.moved = True
    return [event(s, "UnitMoved", f"{u.name} moves by rail from {where(s, start)} to {where(s, u.hex)}.",
                  u.seat, (start, u.hex), unit=u.id, rail=True)]


def _sea(s: GameState, action: SeaMove) -> list[Event]:
    u = s.units[action.unit]
    s.sea_used += 1
    start = u.hex
    u.moved = True
    if action.to is None:
        u.location, u.hex = Location.JAPAN, None
        return [event(s, "UnitEvacuated", f"{u.name} is evacuated by sea from {where(s, start)} to Japan.",
                      u.seat, (start,) if start else (), unit=u.id)]
    if true_knowledge(s, s.active_seat.bloc).enemy_hexes[s.board.index(action.to)]:
        # The port was held by enemies nobody had seen: the convoy turns back (and they are seen now).
        return [event(s, "UnitStopped", f"{u.name}'s convoy finds {where(s, action.to)} in enemy hands and turns "
                      "back.", u.seat, (action.to,), unit=u.id, reveal=True)]
    u.location, u.hex = Location.MAP, action.to
    events = [event(s, "UnitShipped", f"{u.name} sails from {where(s, start)} to {where(s, u.hex)}.",
                    u.seat, (u.hex,), unit=u.id)]
    return events + take_control(s, u, s.board.index(action.to))


def _landing(s: GameState, action: Landing) -> list[Event]:
    u = s.units[action.unit]
    s.landings_used += 1
    u.moved = True
    i = s.board.index(action.to)
    truth = true_knowledge(s, s.active_seat.bloc)
    if truth.enemy_hexes[i]:
        out = [event(s, "UnitStopped", f"{u.name}'s landing {at(s, action.to)} is thrown back by unseen "
                     "defenders.", u.seat, (action.to,), unit=u.id, reveal=True)]
        return out + lose_steps(s, u, 1, "repulsed landing")
    start = u.hex
    u.location, u.hex = Location.MAP, action.to
    out = [event(s, "UnitLanded", f"{u.name} lands {at(s, u.hex)}"
                 + (f" from {where(s, start)}." if start else " from Japan."), u.seat, (u.hex,), unit=u.id)]
    return out + take_control(s, u, i)


def _pick_loser(units: list[Unit]) -> Unit | None:
    alive = [u for u in units if u.location is Location.MAP and u.steps > 0]
    if not alive:
        return None
    return max(alive, key=lambda u: (u.steps, -units.index(u)))


def _attack(s: GameState, action: Attack) -> list[Event]:
    board = s.board
    target = action.target
    ti = board.index(target)
    attackers = [s.units[a] for a in action.attackers]
    defenders = s.units_at(target)
    o = odds(s, attackers, defenders, target)
    die = roll(s)
    code = result_for(o.column, die)
    att_loss, def_loss, retreat = RESULTS[code]
    s.attacked_hexes.append(ti)
    for a in attackers:
        a.attacked = True
        a.hidden = False
    for d in defenders:
        d.hidden = False
    seat = s.active_seat.id
    shift_text = "; ".join(f"{sh.columns:+d} {sh.reason}" for sh in o.shifts) or "no shifts"
    events = [event(s, "CombatResolved",
                    f"{', '.join(a.name for a in attackers)} attack {where(s, target)} at {o.column_name} "
                    f"(base {o.base_name}; {shift_text}); die {die}: {RESULT_NAMES[code]}.",
                    seat, (target,) + tuple(a.hex for a in attackers), public=False,
                    target=[target.q, target.r], attackers=list(action.attackers),
                    defenders=[d.id for d in defenders], column=o.column_name, base=o.base_name,
                    shifts=[[sh.columns, sh.reason] for sh in o.shifts], die=die, result=code,
                    reveal=True, dice=True)]
    for _ in range(att_loss):
        loser = _pick_loser(attackers)
        if loser:
            events.extend(lose_steps(s, loser, 1, "combat"))
    for _ in range(def_loss):
        loser = _pick_loser(defenders)
        if loser:
            events.extend(lose_steps(s, loser, 1, "combat"))
    if retreat:
        for d in defenders:
            if d.location is Location.MAP:
                events.extend(_retreat(s, d))
    if not s.units_at(target):
        survivors = [a for a in attackers if a.location is Location.MAP]
        if survivors:
            mover = max(survivors, key=lambda u: (u.attack_strength(), -attackers.index(u)))
            start = mover.hex
            mover.hex = target
            events.append(event(s, "UnitAdvanced", f"{mover.name} advances into {where(s, target)}.",
                                mover.seat, (start, target), unit=mover.id))
            events.extend(take_control(s, mover, ti))
    return events


def _retreat(s: GameState, u: Unit) -> list[Event]:
    """Retreat one hex away from the enemy; a unit that cannot retreat loses a step instead."""
    board = s.board
    bloc = s.unit_bloc(u)
    truth = true_knowledge(s, bloc)
    closed = closed_mask(s, bloc)
    code = s.config.bloc_code(bloc)
    here = board.index(u.hex)
    options = []
    for d in range(6):
        j = int(board.neighbors[here, d])
        if j < 0 or closed[j] or truth.enemy_hexes[j]:
            continue
        if int(truth.friendly_count[j]) >= s.config.params.stacking:
            continue
        options.append((bool(truth.enemy_zoc[j]), int(s.control[j]) != code, j))
    if not options:
        return lose_steps(s, u, 1, "could not retreat")
    in_zoc, _, j = min(options)
    start = u.hex
    u.hex = board.hex_at(j)
    out = [event(s, "UnitRetreated", f"{u.name} retreats from {where(s, start)} to {where(s, u.hex)}.",
                 u.seat, (start, u.hex), unit=u.id)]
    out.extend(take_control(s, u, j))
    if in_zoc:
        out.extend(lose_steps(s, u, 1, "retreat through enemy fire"))
    return out
