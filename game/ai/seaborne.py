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


#: A landing waits until the seat's power in the field is at least this share of the enemy's it sees.  Measured on
#: 1950-invasion (AI on every seat, 20 wars): at 0.5 the first landing comes on 23 Jul, before the Pusan perimeter
#: (history 15 Sep); at 1.0 on 17 Sep in 15 of 20 wars, at 1.4 on 1 Oct in 13 - but the mean error of the share of
#: Korea over the ten dated lines rises from 13.4 to 14.1 and 13.8 (December and January swing further north
#: before China enters), so the earlier blow stays until the autumn's pace is mended (issue 8).
LANDING_POWER = 0.5


def plan_landing(obs: Observation, pic: Picture, person: Personality) -> Order | None:
    """A landing behind an over-extended enemy: their ground, far from our line, near a place worth points."""
    if obs.bloc != obs.config.params.sea_bloc or obs.landings_used >= obs.config.params.landing_capacity:
        return None
    if pic.own_power < LANDING_POWER * pic.enemy_power:
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
        if obs.units[uid].attack_strength() < strongest:
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
