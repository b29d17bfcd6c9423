"""Carrying out a legal action on a state: marches, rail and sea moves, landings, attacks.

Called by the API (game/engine/api.py) on a state it has cloned (apply) or
owns (step), after the action was checked (or trusted); each function changes
the state and returns the events.  Plans made under fog meet the truth here:
a march stops when it bumps into an enemy the seat had not seen.
"""

from __future__ import annotations

import numpy as np

from .actions import Attack, Landing, MoveUnit, RailMove, SeaMove
from .combat import RESULTS, odds, result_for, roll
from .events import Event
from .fog import seen_mask
from .legal import LegalActions
from .movement import closed_mask, true_knowledge
from .primitives import event, hex_of, lose_steps, seat_of, take_control
from .state import GameState
from .units import JAPAN, MAP


def spot(s: GameState, bloc: str, before: np.ndarray) -> list[Event]:
    """Report enemy units the bloc sees now and did not before; spotted hidden units stay seen.  An event says
    whether the unit was hidden (its own side reads that it is hidden no longer: game/session/eventlog.py)."""
    now = seen_mask(s, bloc)
    new = np.flatnonzero(now & ~before).tolist()
    was_hidden = s.hidden[new].tolist()
    s.hidden[now] = False
    out = []
    for u, hidden in zip(new, was_hidden):
        h = hex_of(s, int(s.hex[u]))
        out.append(event(s, "UnitSpotted", s.active_seat.id, (h,), reveal=True, unit=s.units.ids[u], at=[h.q, h.r],
                         **({"hidden": True} if hidden else {})))
    return out


def move(s: GameState, action: MoveUnit, legal: LegalActions) -> list[Event]:
    u = s.unit_index(action.unit)
    path = legal.path_to(u, s.board.index(action.to))
    # The truth along the path only (cheaper than the whole board's): where enemies are, and their ZOC.
    on_map = s.loc == MAP
    code = s.units.bloc_list[u]
    enemy_at = set(s.hex[on_map & (s.units.bloc != code)].tolist())
    nb = s.board.neighbors
    land = s.board.terrain
    walked = [path[0]]
    stop_reason = None
    infiltrates = s.units.infiltrates_list[u]
    known_zoc = legal.know.enemy_zoc
    for j in path[1:]:
        if j in enemy_at:
            stop_reason = "ran into an enemy unit it had not seen"
            break
        walked.append(j)
        in_zoc = land[j] >= 2 and any(int(k) in enemy_at for k in nb[j] if k >= 0)
        if in_zoc and not known_zoc[j] and not infiltrates:
            stop_reason = "met enemy forces it had not seen"
            break
    # Never end over-stacked: fall back along the path to the last hex with room.
    own_hexes = s.hex[on_map & (s.units.bloc == code)].tolist()
    stacking = s.config.params.stacking
    while len(walked) > 1 and own_hexes.count(walked[-1]) >= stacking:
        walked.pop()
    return _relocate(s, u, walked, stop_reason)


def _relocate(s: GameState, u: int, walked: list[int], stop_reason: str | None) -> list[Event]:
    start = hex_of(s, walked[0])
    captures: list[Event] = []
    for j in walked[1:]:
        captures.extend(take_control(s, u, j))
    s.hex[u] = walked[-1]
    s.dug_in[u] = -1
    s.moved[u] = True
    hexes = tuple(hex_of(s, j) for j in walked)
    end = hexes[-1]
    seat = seat_of(s, u)
    uid = s.units.ids[u]
    out = [event(s, "UnitMoved", seat, hexes, unit=uid, path=[list(h) for h in hexes], **{"from": list(start)},
                 to=list(end))]
    if stop_reason:
        out.append(event(s, "UnitStopped", seat, (end,), unit=uid, reveal=True, at=list(end), reason=stop_reason))
    return out + captures


def rail(s: GameState, action: RailMove) -> list[Event]:
    u = s.unit_index(action.unit)
    s.rail_used += 1
    start = hex_of(s, int(s.hex[u]))
    s.hex[u] = s.board.index(action.to)
    s.dug_in[u] = -1
    s.moved[u] = True
    return [event(s, "UnitMoved", seat_of(s, u), (start, action.to), unit=s.units.ids[u], rail=True,
                  say="UnitMoved.rail", **{"from": list(start)}, to=list(action.to))]


def sea(s: GameState, action: SeaMove) -> list[Event]:
    u = s.unit_index(action.unit)
    s.sea_used += 1
    h0 = int(s.hex[u])
    start = hex_of(s, h0) if h0 >= 0 else None
    s.moved[u] = True
    seat, uid = seat_of(s, u), s.units.ids[u]
    frm = list(start) if start else None
    if action.to is None:
        s.loc[u], s.hex[u] = JAPAN, -1
        return [event(s, "UnitEvacuated", seat, (start,) if start else (), unit=uid, **{"from": frm})]
    i = s.board.index(action.to)
    if true_knowledge(s, s.active_seat.bloc).enemy_hexes[i]:
        # The port was held by enemies nobody had seen: the convoy turns back (and they are seen now).
        return [event(s, "UnitStopped", seat, (action.to,), unit=uid, reveal=True, at=list(action.to),
                      say="UnitStopped.convoy")]
    s.loc[u], s.hex[u], s.dug_in[u] = MAP, i, -1
    events = [event(s, "UnitShipped", seat, (action.to,), unit=uid, **{"from": frm}, to=list(action.to))]
    return events + take_control(s, u, i)


def landing(s: GameState, action: Landing) -> list[Event]:
    u = s.unit_index(action.unit)
    s.landings_used += 1
    s.moved[u] = True
    i = s.board.index(action.to)
    seat, uid = seat_of(s, u), s.units.ids[u]
    if true_knowledge(s, s.active_seat.bloc).enemy_hexes[i]:
        out = [event(s, "UnitStopped", seat, (action.to,), unit=uid, reveal=True, at=list(action.to),
                     say="UnitStopped.landing")]
        defenders = s.units_at(i).tolist()
        by = s.units.seat_list[defenders[0]] if defenders else None
        return out + lose_steps(s, u, 1, "repulsed landing", by)
    h0 = int(s.hex[u])
    start = hex_of(s, h0) if h0 >= 0 else None
    s.loc[u], s.hex[u], s.dug_in[u] = MAP, i, -1
    out = [event(s, "UnitLanded", seat, (action.to,), unit=uid, at=list(action.to),
                 **{"from": list(start) if start else None})]
    return out + take_control(s, u, i)


def _pick_loser(s: GameState, units: list[int]) -> int | None:
    """The unit that takes a step loss: the strongest in steps, first listed on ties."""
    alive = [u for u in units if s.loc[u] == MAP and s.steps[u] > 0]
    if not alive:
        return None
    return max(alive, key=lambda u: (int(s.steps[u]), -units.index(u)))


def attack(s: GameState, action: Attack) -> list[Event]:
    board = s.board
    target = action.target
    ti = board.index(target)
    attackers = [s.unit_index(a) for a in action.attackers]
    defenders = s.units_at(ti).tolist()
    o = odds(s, attackers, defenders, target)
    die = roll(s, ti)
    code = result_for(o.column, die)
    att_loss, def_loss, retreat = RESULTS[code]
    s.attacked_hexes[ti] = True
    s.attacked[attackers] = True
    s.hidden[attackers] = False
    s.hidden[defenders] = False
    seat = s.active_seat.id
    ids = s.units.ids
    events = [event(s, "CombatResolved", seat, (target,) + tuple(hex_of(s, int(s.hex[a])) for a in attackers),
                    target=[target.q, target.r], attackers=list(action.attackers),
                    defenders=[ids[d] for d in defenders], column=o.column_name, base=o.base_name,
                    shifts=[[sh.columns, sh.reason] for sh in o.shifts], die=die, result=code,
                    reveal=True, dice=True)]
    attacking = s.seat_index
    defending = s.units.seat_list[defenders[0]]
    for _ in range(att_loss):
        loser = _pick_loser(s, attackers)
        if loser is not None:
            events.extend(lose_steps(s, loser, 1, "combat", defending))
    for _ in range(def_loss):
        loser = _pick_loser(s, defenders)
        if loser is not None:
            events.extend(lose_steps(s, loser, 1, "combat", attacking))
    if retreat:
        from_hexes = sorted({int(s.hex[a]) for a in attackers if s.loc[a] == MAP})
        for d in defenders:
            if s.loc[d] == MAP:
                events.extend(_retreat(s, d, attacking, from_hexes))
    if not s.units_at(ti).size:
        survivors = [a for a in attackers if s.loc[a] == MAP]
        if survivors:
            strength = s.attack_strengths()
            mover = max(survivors, key=lambda u: (float(strength[u]), -attackers.index(u)))
            start = hex_of(s, int(s.hex[mover]))
            s.hex[mover] = ti
            s.moved[mover] = True
            s.dug_in[mover] = -1
            events.append(event(s, "UnitAdvanced", seat_of(s, mover), (start, target), unit=ids[mover],
                                to=list(target)))
            events.extend(take_control(s, mover, ti))
    return events


def _retreat(s: GameState, u: int, attacking: int, from_hexes: list[int]) -> list[Event]:
    """Retreat up to ``retreat_hexes`` hexes away from the attackers standing on ``from_hexes``.

    The first hex is compulsory: a unit with nowhere to go loses a step instead, and one that can only go
    into an enemy zone of control loses a step on the way.  Each later hex must take it farther from the
    attackers and stay out of enemy zones of control, or the retreat ends where it is (a partial retreat).
    Among the hexes allowed it prefers, in order: out of enemy zones of control, its own bloc's ground,
    farthest from the attackers, the lowest board index (so the result is deterministic).  A unit destroyed
    on the way (the step lost to enemy fire was its last) takes no ground.
    """
    board = s.board
    bloc = s.config.blocs[s.units.bloc_list[u] - 1]
    truth = true_knowledge(s, bloc)
    closed = closed_mask(s, bloc)
    code = s.units.bloc_list[u]
    sources = [board.hex_at(i) for i in from_hexes]

    def away(j: int) -> int:
        h = board.hex_at(j)
        return min((h.distance(a) for a in sources), default=0)

    here = int(s.hex[u])
    start = hex_of(s, here)
    path: list[int] = []
    hit = False
    for step in range(max(1, s.config.params.retreat_hexes)):
        options = []
        for d in range(6):
            j = int(board.neighbors[here, d])
            if j < 0 or closed[j] or truth.enemy_hexes[j] or j in path:
                continue
            if int(truth.friendly_count[j]) >= s.config.params.stacking:
                continue
            in_zoc = bool(truth.enemy_zoc[j])
            if step and (in_zoc or away(j) <= away(here)):
                continue
            options.append((in_zoc, int(s.control[j]) != code, -away(j), j))
        if not options:
            break
        in_zoc, _, _, here = min(options)
        hit = hit or in_zoc
        path.append(here)
    if not path:
        return lose_steps(s, u, 1, "could not retreat", attacking)
    s.hex[u] = here
    s.dug_in[u] = -1                     # its works are behind it, even if the retreat leads back there later
    end = hex_of(s, here)
    out = [event(s, "UnitRetreated", seat_of(s, u), (start, end), unit=s.units.ids[u], **{"from": list(start)},
                 to=list(end), path=[list(hex_of(s, j)) for j in path])]
    if hit:
        out.extend(lose_steps(s, u, 1, "retreat through enemy fire", attacking))
    if s.loc[u] == MAP:
        for j in path:
            out.extend(take_control(s, u, j))
    return out
