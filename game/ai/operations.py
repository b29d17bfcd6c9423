"""The operational layer: where every unit goes this turn, scored on the seat's influence maps.

Each unit weighs the hexes it can reach (and staying put) by what a commander would look at:
progress toward the enemy's line and the places worth points, filling a gap in our own line,
ground taken, the defensive worth of the terrain, the danger of the enemy strength that can
reach the hex against what would stand there, and supply.  The personality sets the balance
between going forward and holding; the difficulty adds error and idleness.  Units are placed one
at a time, most endangered first, each placement updating the picture for the next, so the line
gets filled rather than every unit piling onto the same hex.  Moves by sea and landings are planned
apart (game/ai/seaborne.py).
"""

from __future__ import annotations

import numpy as np

from game.engine.api import Location, MoveUnit, Observation, RailMove, at, unit_reach

from .border_price import border_place_costs
from .garrisons import garrisons, guard_crossings, rear_first_place
from .goals import GOAL_R, main_objective, offensive_goals
from .horizon import advance_limit, final_turn, last_word_of, limited_objectives, pulled_back
from .influence import BIG, GroundGains, Picture, spread, taken_along
from .lines import LINE_D, perimeter
from .order import Order
from .plan import Plan, plan_of, why_move
from .profiles import Difficulty, Personality
from .seaborne import plan_landing, ship_from_japan
from .staging import Staging

#: The pull of the offensive's main objective, as a share of the pull of the nearest enemy ground.
DEEP = 0.5
#: Attack strength brought next to an enemy stack, as a multiple of its defence, by a personality of no aggression.
NEED = 3.5
#: ... less PRIZE_PER_POINT of it per victory point of the place attacked, at most PRIZE_CUT of it.
PRIZE_PER_POINT = 0.04
PRIZE_CUT = 0.4
#: Once a great power's army is met, a seat whose "forward" ratio is below HOLD_BELOW (no longer the stronger: the
#: plan's "hold" stance, above FALLBACK's "fall back") falls back to its hold line; PULL_BACK per hex north of it.
HOLD_BELOW = 1.0
PULL_BACK = 3.0
#: Outmatched below this "forward" ratio; each unit then mans about COVER hexes of the line, and a line longer
#: than the units can man is given up for a perimeter round the base (game/ai/lines.py), or else for one LINE_D
#: hexes from the enemy (out of his reach for a turn).
FALLBACK = 0.6
#: ... and the stronger, on the attack, above this ratio (the stance the plan overlay shows).
ATTACK = 1.1
#: ... and dominant above this one: the active defence of the talks no longer holds it back (horizon.advance_limit).
DOMINANT = 2.0
COVER = 2.5

#: In the game's last ENDGAME turns a withdrawal no longer gives up our places near the enemy: there is no time
#: left to win them back before they are counted.  (At 3 the DPRK of the six-turn tutorial gave up Haeju on turn 2
#: and did not win it back before the armistice.)
ENDGAME = 4
#: How much more an enemy-held place is worth to a unit on the game's last turn.
LAST_TURN_PLACES = 3.0
#: A lone garrison with the enemy in sight is not drawn off to an empty place of ours unless that place is worth
#: clearly more: a move to it loses KEEP times the points of the place it leaves (the pull of an empty place is
#: 3 x its points, so two places alike no longer trade their one garrison).  Without it the choice between two
#: empty-or-lone 3-point places fell to noise and terrain, and flipped each turn: tutorial DPRK pair 9, the 43rd
#: Division went Kaesong (turn 2) -> Sariwon -> Kaesong -> Sariwon, losing steps each march, and both places
#: ended in UN hands (18/20 pairs won against random; 19/20 with this).  Only the empty-post pull is damped: a
#: move to take an enemy place, or to reinforce a post short of men, stays as it was (damping those too lost
#: tutorial DPRK pair 17 and Pusan ROK pair 13).
KEEP = 3.0
#: A garrison is reinforced while its defence is under half the enemy attack within RAID_R hexes.
RAID_R = 6
#: A unit dug in where the enemy can strike stands as if WORKS times stronger (the engine's column against an attack
#: on a stack all dug in), and prizes its works at DUG_IN.
WORKS = 1.5
DUG_IN = 1.5
SWEEP = 0.8
#: ... and empty enemy country a unit takes by standing within the scenario's rear reach of it (the dominated
#: ground of game/engine/ground.py) is worth GROUND a hex, times the same sweep: a seat on the offensive spreads
#: over the country it has overrun (the KPA down the empty south-west to Chinju in July 1950, the UN's march
#: north in October) instead of piling every unit onto the enemy's army.
GROUND = 0.3


def plan_movement(obs: Observation, person: Personality, level: Difficulty, rng: np.random.Generator,
                  enemy_estimate: float = 0.0, power_in: bool = False) -> tuple[list[Order], Plan]:
    """This turn's movement orders and the plan they carry out.  ``enemy_estimate``: the enemy strength the
    seat believes is out there (what it remembers having seen), when more than it sees now: fog hides an
    army, it does not remove it.  ``power_in``: the seat has met the army of a great power (China's), and
    stops at its halt line, or falls back to its hold line when outmatched (advance_limit), whatever the tracks
    say."""
    pic = Picture(obs)
    board = obs.board
    facts = pic.facts
    stack = obs.config.params.stacking
    ratio = pic.own_power / max(pic.enemy_power, enemy_estimate, 1.0)
    forward = (0.4 + person.aggression) * ratio
    outmatched = forward < HOLD_BELOW
    halt = advance_limit(obs, person, power_in, outmatched, forward >= DOMINANT)
    pull_back = pulled_back(obs, power_in, outmatched)
    lat = board.lat
    # The turn the game ends on as far as we can tell: this one when the war ends as the next starts.
    last = final_turn(obs)

    d_enemy = pic.distance_to(pic.enemy_at) if pic.enemy_at.any() else np.full(board.size, BIG)
    # On an active defence, or halted short of China's threshold, the places worth points just past the limit stay
    # goals (horizon.limited_objectives).
    goals, approach = offensive_goals(pic, halt, limited_objectives(obs, power_in, outmatched), power_in, d_enemy)
    # (Land within three hexes of a great power's, the Yalu for the UN: see the alarm below; and its land.)
    border, power = pic.border_risk, pic.great_power_land
    d_goal = pic.distance_to(goals) if goals.any() else np.full(board.size, BIG)
    place_bonus = np.zeros(board.size)
    for i, pts in pic.victory_hexes.items():
        place_bonus[i] = pts
    # The line to hold: the line of contact while we can hold it; outmatched, a line out of the enemy's
    # reach for a turn (trading ground for time, as the UN did down to the Naktong) - on a river or in
    # hills where there is one.
    front = pic.front & (d_enemy <= GOAL_R)
    if not front.any():
        front = pic.front
    # Outmatched and too few to man the whole line (each unit holds about COVER hexes of it): withdraw.  A
    # line short enough to man - a perimeter - is held, whatever the odds.
    withdrawing = forward < FALLBACK and len(pic.own_units) * COVER < int(pic.front.sum())
    if withdrawing:
        line = perimeter(pic, len(pic.own_units) * COVER)
        if line is None:
            line = pic.ours & pic.facts["korea"] & (d_enemy >= LINE_D) & (d_enemy <= LINE_D + 1)
        if line.any():
            front = line
    d_front = pic.distance_to(front) if front.any() else d_goal
    # Our places that need a garrison (game/ai/garrisons.py): those with an enemy in sight, and those with enemy
    # ground so near that the fog could hide a walk-in.
    last_word = last_word_of(obs, last)
    giving_up = withdrawing and last - obs.turn > ENDGAME
    garrison, in_sight, exposed = garrisons(pic, place_bonus, d_enemy, giving_up, last_word)
    # Our first place far behind the line (a capital in the rear) is guarded at no cost for its distance from the
    # front: see garrisons.rear_first_place.
    rear_first = rear_first_place(pic, place_bonus, garrison, d_front)
    # What a garrison must stand against: the enemy attack within a march of the place (an armoured column
    # through a gap in the line took Pusan from a lone brigade).  One unit is not a garrison against that.
    raid = spread(board, pic.enemy_hexes, np.array([e.attack_strength() for e in pic.enemy_units]), RAID_R) \
        if garrison.any() and len(pic.enemy_units) else np.zeros(board.size)
    # Near a great power's border (the Yalu for the UN) every unit raises its alarm; across it, far more.
    escalation = obs.tracks.get("escalation", 0.0)
    alarm = (4.0 + 16.0 * escalation / max(1.0, person.tolerance.get("escalation", 100))) * (1.3 - person.aggression)
    keep_off = border.any() and person.keeps_off_borders
    if keep_off:
        goals &= ~border
        if goals.any():
            d_goal = pic.distance_to(goals)
    objective = main_objective(pic, halt, forward)
    d_obj = pic.distance_to(objective) if objective.any() else np.zeros(board.size)

    count = pic.own_count.astype(np.int64).copy()
    defence = pic.own_defence_at.copy()
    threat = pic.enemy_attack
    supplied = pic.supplied
    rail_left = obs.config.params.rail_capacity - obs.rail_used
    sea_left = obs.config.params.sea_capacity - obs.sea_used

    # Enemy stacks we can see, and the attack strength we have planned next to each: the makings of an attack.
    enemy_def = np.zeros(board.size)
    for e in pic.enemy_units:
        # A dug-in stack costs a column: about half as much strength again to reach the same odds.
        enemy_def[board.index(e.hex)] += e.defence_strength() * (WORKS if e.dug_in else 1.0)
    enemy_def *= 1.0 + 0.5 * facts["terrain_defence"]          # hills and mountains take columns away
    nb = board.neighbors
    planned = np.zeros(board.size)
    for k, u0 in enumerate(pic.own_units):
        for e in nb[pic.own_hexes[k]]:
            if e >= 0 and enemy_def[e] > 0:
                planned[e] += u0.attack_strength()
    w_goal = 1.0 * min(2.0, forward)
    w_front = 1.2 * max(0.3, 1.6 - forward)
    w_danger = 0.0 if last_word else 2.0 * (1.4 - person.aggression)
    w_deep = DEEP * w_goal
    # On the last turn the places held when it ends are the score: a place within reach is worth a march.
    w_place = 2.0 * (LAST_TURN_PLACES if obs.turn >= last else 1.0)

    # Ground taken by marching through the enemy's empty rear, and by standing in his empty country.
    sweep = SWEEP * (0.5 + person.aggression) if forward > 0.8 else 0.0
    params = obs.config.params
    open_ground = pic.open_ground.copy() if sweep else None
    gains = GroundGains(board, open_ground) if open_ground is not None and open_ground.any() else None
    terrain_defence = facts["terrain_defence"]
    river = facts["river"]
    theirs_all = pic.theirs
    edge = nb.shape[1]
    ground_w = GROUND * sweep
    lone_w = 3.0 * w_front
    take_w = 1.5 * (0.5 + person.aggression)
    odds_w = 1.0 + 2.0 * person.aggression
    # The terms that do not change as units are placed, worked out once for the board (the same sums per hex).
    far = -w_goal * np.minimum(d_goal, 40) - 0.3 * w_front * np.minimum(d_front, 40) - w_deep * np.minimum(d_obj, 60)
    cover = 0.8 * terrain_defence + 0.5 * river
    take = take_w + w_place * place_bonus
    # A place within three hexes of a great power's land (Sinuiju, Kanggye on the Yalu) draws none but an aggressive
    # seat, as goals leave it out: standing there raises China's alarm (the scenarios' Yalu rules) by more than it
    # is worth.  Without it the historical ROK of chinese-intervention marched into Sinuiju on turns 3-4 of some
    # games against random seats, lifting China's pressure by 20 and escalation by 8.
    if keep_off:
        take = np.where(border, take_w, take)
    next_to_enemy = ((nb >= 0) & (enemy_def[nb] > 0)).any(axis=1)

    def worth_many(hs: np.ndarray, u, here: int | None) -> np.ndarray:
        """The worth of standing on each hex of ``hs`` at the end of the move, for unit ``u`` now at ``here``:
        one numpy pass over the candidates (the same sums, in the same order, as one hex at a time; the noise
        is drawn in the order of ``hs``)."""
        s = u.defence_strength()
        is_here = hs == here
        stand = defence[hs] + np.where(is_here, 0.0, s)
        th = threat[hs]
        works = is_here & (th > 0) if u.dug_in else np.zeros(hs.size, dtype=bool)
        stand = np.where(works, stand * WORKS, stand)
        danger = np.maximum(0.0, th - 1.5 * stand) / (stand + 1.0)
        alone = count[hs] - is_here == 0
        v = np.where((in_sight[hs] | rear_first[hs]) & alone, 0.0, far[hs])
        fr = front[hs]
        v = np.where(fr & alone, v + lone_w, v)
        v = np.where(fr | (th > 0), v + cover[hs], v)
        v = v - w_danger * danger
        v = np.where(works, v + DUG_IN, v)
        theirs_h = theirs_all[hs]
        v = np.where(theirs_h, v + take[hs], v)
        g = garrison[hs]
        manned = ~theirs_h & (g != 0)
        empty = count[hs] - is_here == 0
        # (An empty place of ours wants a garrison; a manned one under half the raid within reach, a second.)
        short = defence[hs] - np.where(is_here, s, 0.0) < 0.5 * raid[hs]
        v = np.where(manned & empty, v + 3.0 * g, np.where(manned & ~empty & short, v + 1.5 * g, v))
        # (... but a lone garrison in the enemy's sight leaves its place empty by going: see KEEP.)
        if here is not None and in_sight[here] and count[here] == 1:
            v = np.where(manned & empty & ~is_here, v - KEEP * garrison[here], v)
        if gains is not None:
            v = v + ground_w * gains.at_reach(unit_reach(params, u.steps))[hs]
        if u.out_of_supply == 0:
            v = np.where(supplied[hs], v, v - 6.0)
        else:
            v = np.where(supplied[hs], v, v - 12.0)
        la = lat[hs]
        beyond = (la > halt) & (place_bonus[hs] == 0) & ~approach[hs] & ~staging.hexes[hs]
        if here is not None:
            beyond &= la > lat[here]
        v = np.where(beyond, v - 40.0, v)
        if pull_back:
            # (A priced place is the exception: taking it on the last word is worth what it costs, no more.)
            v = np.where((la > halt) & ~priced[hs] & ~staging.hexes[hs], v - PULL_BACK * (la - halt) / 0.144, v)
        bo = border[hs] & ~priced[hs]
        if bo.any():
            v = np.where(bo, v - alarm * np.where(power[hs], 4.0, 1.0), v)
        att = np.where(is_here, 0.0, u.attack_strength())
        around = nb[hs]
        for k in range(edge if next_to_enemy[hs].any() else 0):
            e = around[:, k]
            ok = e >= 0
            ed = np.where(ok, enemy_def[e], 0.0)
            hit = ed > 0
            if not hit.any():
                continue
            ratio = (planned[e] + att) / np.where(hit, ed, 1.0)
            v = np.where(hit & (ratio >= 1.5), v + odds_w * np.minimum(ratio, 4.0) / 2.0, v)
        if staging:
            v = v + staging.pull[hs]
        if level.noise:
            v = v + rng.normal(0.0, level.noise, size=hs.size)
        return v

    orders: list[Order] = []
    theirs = pic.theirs & (lat <= halt)
    swept = np.zeros(board.size, dtype=bool)
    movers = [obs.units[uid] for uid in obs.movers()]
    here_of = {u.id: (board.index(u.hex) if u.hex is not None else None) for u in movers}
    # Each unit's moves with the hex index each goes to: the attack pass reads them again for every enemy stack.
    dests = {u.id: obs.move_options(u.id) for u in movers if u.location is Location.MAP}
    # The turns before our last word: a unit marches within reach of each enemy place out of reach (staging.py).
    staging = Staging(obs, pic, last, border if keep_off else np.zeros(board.size, dtype=bool), dests)
    # On the last word a place near the border is priced by what taking it would really cost then (border_price).
    priced = np.zeros(board.size, dtype=bool)
    prices: dict[int, float] = {}
    if keep_off and last_word and obs.config.politics is not None:
        w_ground = obs.config.politics.scoring.ground
        for i, cost in border_place_costs(obs, border & theirs_all & (place_bonus > 0), dests).items():
            gain = place_bonus[i] - cost / max(w_ground, 1e-9)
            if gain > 0:                # (else it is kept off as before)
                priced[i] = True
                prices[i] = cost
                take[i] = take_w + w_place * gain

    dest: dict[str, int] = {}          # unit -> the hex it is ordered to (for the plan's reserve)

    def place(u, h: int, action, reason: str) -> None:
        here = here_of[u.id]
        dest[u.id] = h
        count[here] -= 1
        count[h] += 1
        defence[here] -= u.defence_strength()
        defence[h] += u.defence_strength()
        for e in nb[here]:
            if e >= 0 and enemy_def[e] > 0:
                planned[e] -= u.attack_strength()
        for e in nb[h]:
            if e >= 0 and enemy_def[e] > 0:
                planned[e] += u.attack_strength()
        staging.take(h)
        if action is not None:
            orders.append(Order(action, reason))

    # Concentration first: pick the enemy stacks we can hit at good odds this turn and bring units next to them.
    committed: set[str] = set()
    # Home soil first: a crossing into it the enemy can reach gets a guard whose zone of control stops him on the bank.
    for u, h, a in guard_crossings(pic, garrison, movers, dests, count, stack):
        committed.add(u.id)
        place(u, h, a, f"{u.name} guards the crossing {at(board, board.hex_at(h))}: no enemy sets foot in our country.")
    # Each unit's marches by destination, with their place in its list: the pass looks up the six hexes round
    # each enemy stack instead of reading every move of every unit again for each one.
    marches: dict[str, dict[int, tuple[int, MoveUnit]]] = {}
    if forward > 0.8:
        need = NEED - 1.5 * person.aggression
        for t in sorted(np.flatnonzero(enemy_def > 0).tolist(),
                        key=lambda t: (-place_bonus[t], enemy_def[t], t)):
            if halt < 90 and lat[t] > halt and not approach[t]:
                continue
            adjacent = {int(e) for e in nb[t] if e >= 0}
            # A place worth points is worth a dearer attack (the score counts it; combat_choice prices it so).
            need_t = need * (1.0 - min(PRIZE_CUT, PRIZE_PER_POINT * place_bonus[t]))
            group: list[tuple] = []
            joining: dict[int, int] = {}
            strength = sum(obs.units[x].attack_strength() for x in committed
                           if here_of.get(x) is not None and here_of[x] in adjacent)
            for u in movers:
                if u.id in committed or u.id not in dests or u.out_of_supply:
                    continue
                here = here_of[u.id]
                if exposed[here] and count[here] == 1 and here not in adjacent:
                    continue            # a place's lone guard does not leave it empty to join an attack elsewhere
                spots = [(here, None)] if here in adjacent else []
                mine = marches.get(u.id)
                if mine is None:
                    mine = marches[u.id] = {h: (k, a) for k, (h, a) in enumerate(dests[u.id])
                                            if isinstance(a, MoveUnit)}
                spots += [ha for _, ha in sorted((mine[h][0], (h, mine[h][1])) for h in adjacent if h in mine)]
                spots = [(h, a) for h, a in spots if count[h] + joining.get(h, 0) < stack or h == here]
                if not spots:
                    continue
                # (The first of the best, as max() over the spots one at a time: the noise is drawn in their order.)
                vals = worth_many(np.array([h for h, _ in spots], dtype=np.int64), u, here).tolist()
                h, a = spots[max(range(len(spots)), key=vals.__getitem__)]
                group.append((u, h, a))
                if h != here:
                    joining[h] = joining.get(h, 0) + 1
                strength += u.attack_strength()
                if strength >= need_t * enemy_def[t]:
                    break
            if group and strength >= need_t * enemy_def[t]:
                for u, h, a in group:
                    committed.add(u.id)
                    target = board.hex_at(t)
                    place(u, h, a, f"{u.name} closes on the enemy {at(board, target)} for an attack.")
    # Most endangered first, then the strongest: they choose their ground before the rest fill in.
    movers.sort(key=lambda u: (-(threat[here_of[u.id]] / (u.defence_strength() + 1) if here_of[u.id] is not None
                                 else 0.0), -u.attack_strength(), u.id))
    for u in movers:
        if u.id in committed or (level.idle and rng.random() < level.idle):
            continue
        here = here_of[u.id]
        if u.location is Location.JAPAN:
            order = ship_from_japan(obs, u, d_front, sea_left)
            if order:
                orders.append(order)
                sea_left -= 1
            continue
        cands = [(h, a) for h, a in dests[u.id]
                 if isinstance(a, MoveUnit) or (isinstance(a, RailMove) and rail_left > 0)]
        cands = [(h, a) for h, a in cands if count[h] < stack]
        hs = np.array([here] + [h for h, _ in cands], dtype=np.int64)
        values = worth_many(hs, u, here)
        best_h, best_v, best_a = here, float(values[0]), None
        if cands:
            by_rail = np.array([isinstance(a, RailMove) for _, a in cands])
            values = values[1:] - np.where(by_rail, 0.5, 0.0)
            reach = obs.reach(u.id) if sweep else None
            if reach is not None:
                # A march takes every hex it passes: sweeping the enemy's empty rear is ground won.
                along = taken_along(reach, theirs, swept)
                values = values + sweep * np.array([0 if rail else along.get(h, 0)
                                                    for (h, _), rail in zip(cands, by_rail.tolist())])
            for (h, a), v in zip(cands, values.tolist()):
                if v > best_v + 1e-9:
                    best_h, best_v, best_a = h, v, a
        if best_a is None:
            staging.take(here)          # (a unit that stands ready where it is draws no other there)
            continue
        if isinstance(best_a, RailMove):
            rail_left -= 1
        if sweep and isinstance(best_a, MoveUnit):
            for j in obs.reach(u.id).path(best_h):
                swept[j] = True
        if gains is not None:
            gains.take(best_h, unit_reach(params, u.steps))
        place(u, best_h, best_a, why_move(obs, pic, front, u, here, best_h, d_goal, rear_first, prices,
                                          staging.drawn_to(here, best_h)))
    landing = plan_landing(obs, pic, person, halt, enemy_estimate)
    if landing:
        orders.insert(0, landing)
    stance = "attack" if forward > ATTACK else ("hold" if forward > FALLBACK else "fall back")
    return orders, plan_of(obs, pic, front, stance, count, d_goal, landing, dest, garrison > 0)

