"""The computer player at sea: shipping units from Japan to the front, and a landing behind an enemy that has
over-extended itself (the Incheon idea, found from the position, not from the date)."""

from __future__ import annotations

import numpy as np

from game.engine.api import Landing, Location, Observation, SeaMove, at, place_words
from game.engine.board import Country

from .influence import BIG, Picture
from .order import Order
from .profiles import Personality


def ship_from_japan(obs: Observation, u, d_front: np.ndarray, sea_left: int) -> Order | None:
    """From Japan, sail to the port we hold nearest the front."""
    if sea_left <= 0:
        return None
    best = None
    for a in obs.moves_for(u.id):
        if isinstance(a, SeaMove) and a.to is not None:
            d = d_front[obs.board.index(a.to)]
            if best is None or d < best[0]:
                best = (d, a)
    if best is None:
        return None
    to = place_words(obs.board, best[1].to, "to")
    return Order(best[1], f"{u.name} sails from Japan {to}, the port nearest the front.")


#: A landing waits until the seat's power in the field is at least this share of the enemy's (the larger of what it
#: sees and what it remembers seeing: fog hides an army deep in its own rear).  Measured on 1950-invasion (AI on
#: every seat, 40 wars, seeds 0-39, with the strength-scaled rear of `rear_reach_per_step` and KPA replacements 1):
#: at 0.8 the first landing comes in 35 of 40 wars, median 8 Oct (history 15 Sep), after the Pusan perimeter has
#: formed (33 of 40, median 30 Jul); at the old 0.5 it came on 16 Jul, before the KPA had passed Taejon.  Later
#: changes to the operational layer let the UN's power reach that share later or never: 80 wars (seeds 0-79) at 0.8
#: landed in 56, median 1 Oct; at 0.7, in 73, median 3 Sep (quartiles 6 Aug - 1 Oct; Operation Bluehearts was planned
#: for 22 July), the UN across the 38th a week earlier in the first quartile, the mean error of the UN's share of
#: Korea over the dated lines 9.1 -> 9.2 points (24 Dec 1950 49 -> 44%, history 43; 24 Nov 59 -> 56%, history 80).
LANDING_POWER = 0.7


#: With this many turns left or fewer (this one included), the places held when the game ends are near enough
#: to be the score: an enemy place worth points that he leaves unguarded and our march will not reach is worth a
#: landing, wherever it lies (a grab, see _grab).  Earlier a landing is the blow at an over-extended enemy's rear.
GRAB_TURNS = 3
#: ... a place counts as within our march when one of our units is this many hexes from it or nearer.
MARCH_NEAR = 3


def plan_landing(obs: Observation, pic: Picture, person: Personality, halt: float = 90.0,
                 enemy_estimate: float = 0.0) -> Order | None:
    """A landing behind an over-extended enemy: their ground, far from our line, near a place worth points;
    in the game's last turns, first a landing to take an unguarded place worth points (_grab).  ``halt``: the
    latitude our advance stops at (horizon.advance_limit); no landing goes past it.  ``enemy_estimate``: the
    enemy strength the seat remembers having seen (fog hides an army deep in its own rear; it is still there)."""
    if obs.bloc != obs.config.params.sea_bloc or obs.landings_used >= obs.config.params.landing_capacity:
        return None
    grab = _grab(obs, pic, person, halt)
    if grab is not None:
        return grab
    if pic.own_power < LANDING_POWER * max(pic.enemy_power, enemy_estimate):
        return None
    # Over-extended: the enemy holds most of our half of the peninsula (a landing is a blow at the rear of an
    # advance, not an opening gambit).
    board = obs.board
    home = board.country == int(Country.ROK) if obs.bloc == "un" else board.country == int(Country.DPRK)
    home &= pic.facts["land"]
    if float(pic.theirs[home].sum()) < 0.5 * float(home.sum()):
        return None
    # The bloc lands once a turn, whichever seat lands: a seat leads the blow only with a force as strong as any
    # its allies hold ready in Japan (in the Inchon scenario the ROK's Marine regiment, moving first, spent the
    # turn's landing at Inchon and the 1st Marine Division sailed to Masan instead).
    allied = [v.attack_strength() for v in obs.units.values()
              if v.location is Location.JAPAN and v.seat != obs.seat and not v.is_armour
              and obs.config.seat(v.seat).bloc == obs.bloc]
    strongest = max(allied, default=0.0)
    candidates = []
    for uid in obs.movers():
        u = obs.units[uid]
        # (A spearhead at full strength: a division broken in the retreat is no blow at anyone's rear.)
        if u.attack_strength() < strongest or u.steps < u.max_steps:
            continue
        for a in obs.moves_for(uid):
            if isinstance(a, Landing):
                candidates.append((uid, a))
    if not candidates:
        return None
    if not pic.front.any():
        return None
    d_front = pic.distance_to(pic.front)
    # Places worth a blow at the enemy's rear: those worth points, and its capitals and cities on our ground.
    places = np.zeros(board.size, dtype=bool)
    for i in pic.victory_hexes:
        places[i] = True
    for p in board.places.values():
        if p.capital or p.type == "city":
            places[board.index(p.hex)] = True
    places &= pic.theirs
    d_place = pic.distance_to(places)
    best = None
    for uid, a in candidates:
        h = board.index(a.to)
        # (An island - Cheju - is no blow at anyone's rear: no road leads from it to the front.)
        if not pic.theirs[h] or d_front[h] < 5 or d_front[h] >= BIG or d_place[h] > 2 or not home[h]:
            continue
        score = min(d_front[h], 15) - 2.0 * min(d_place[h], 10) - 0.5 * pic.enemy_attack[h] \
            + 3.0 * person.aggression + obs.units[uid].attack_strength() * 0.2
        if best is None or score > best[0]:
            best = (score, uid, a, h)
    if best is None or best[0] < 0:
        return None
    _, uid, a, h = best
    km = int(d_front[h] * board.hex_km)
    return Order(a, f"{obs.units[uid].name} lands {at(board, a.to)}, about {km} km behind the enemy's line, "
                    f"where few enemies are seen: a blow at an over-extended enemy.")


def _grab(obs: Observation, pic: Picture, person: Personality, halt: float) -> Order | None:
    """In the last GRAB_TURNS turns: land next to (or on) an enemy-held place worth points that no enemy unit in
    sight guards and none of ours is near, so that it is ours when the game ends.  The score counts the places held
    at the end, not the enemy's rear: in the last weeks of a short scenario a battalion standing in an empty
    capital is worth more than a division mopping up in the south (the random seat, landing anywhere, took
    Pyongyang and Hamhung while the computer's army chased the KPA's remnants round the south, issue 8).  Never
    past ``halt``, into a great power's land or near its border (unless the personality is bold enough to go
    there anyway, as operations.plan_movement's goals), and only where a unit landing there reaches the place
    before the end: on it in the last turn, within two hexes before."""
    left = obs.last_turn - obs.turn + 1
    if left > GRAB_TURNS or not pic.victory_hexes:
        return None
    board = obs.board
    lat = board.lat
    barred = pic.great_power_land.copy()
    if person.keeps_off_borders:
        barred |= pic.border_risk
    d_own = pic.distance_to(pic.own_count > 0) if len(pic.own_hexes) else np.full(board.size, BIG)
    targets = {i: pts for i, pts in pic.victory_hexes.items()
               if pic.theirs[i] and lat[i] <= halt and not barred[i] and pic.enemy_attack[i] == 0
               and d_own[i] > MARCH_NEAR}
    if not targets:
        return None
    reach = 0 if left == 1 else 2
    d_target = {}
    for i in targets:
        one = np.zeros(board.size, dtype=bool)
        one[i] = True
        d_target[i] = pic.distance_to(one)
    best = None
    for uid in obs.movers():
        u = obs.units[uid]
        # (A unit in contact holds its part of the line: the grab is for one out of the fight.)
        if u.location is Location.MAP and u.hex is not None and pic.enemy_attack[board.index(u.hex)] > 0:
            continue
        for a in obs.moves_for(uid):
            if not isinstance(a, Landing):
                continue
            h = board.index(a.to)
            if barred[h] or lat[h] > halt or pic.enemy_attack[h] > 0:
                continue
            for i, pts in targets.items():
                d = int(d_target[i][h])
                if d > reach:
                    continue
                score = pts - 0.5 * d + 0.1 * u.defence_strength()
                if best is None or score > best[0]:
                    best = (score, uid, a, i)
    if best is None:
        return None
    _, uid, a, i = best
    names = [p.name for p in board.place_at(board.hex_at(i))]
    return Order(a, f"{obs.units[uid].name} lands {at(board, a.to)} to take {names[0] if names else 'a place'}, "
                    f"which the enemy leaves unguarded: the places held at the end are the score.")
