"""Which of our places need a garrison this turn, and how much each is worth guarding.

An empty place is lost ground: a raid, an infiltrator or a unit the fog hid walks in.  The operational layer
(game/ai/operations.py) pulls a unit into every place named here and keeps a lone guard where it stands while
an enemy is in sight; its attack pass does not take a place's lone guard away either.  Home soil too: where a
scenario lets the enemy into our great power's country, the crossings within his reach get guards (their zone of
control stops him on the bank), sent before any attack is planned.
"""

from __future__ import annotations

import numpy as np

from game.engine.api import MoveUnit

from .goals import GOAL_R
from .influence import Picture
from .lines import LINE_D

#: Our places worth points keep a garrison while an enemy is within GARRISON_R hexes (plus half their points).
GARRISON_R = 5
#: ... and a place worth GREAT_PLACE points or more while enemy ground is within its points // GREAT_PLACE_R hexes.
GREAT_PLACE, GREAT_PLACE_R = 5, 3
#: An enemy unit within HOME_R hexes of our home soil could be in it next turn; its nearest hex of it is guarded as
#: a place of HOME_GUARD points.
HOME_R, HOME_GUARD = 6, 6.0


def garrisons(pic: Picture, place_bonus: np.ndarray, d_enemy: np.ndarray, giving_up: bool,
              last_word: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(garrison, in_sight, exposed) per hex: the points of each place of ours that needs a guard (0 elsewhere),
    whether an enemy is near enough that its lone guard must not leave it whatever else pulls, and whether enemy
    ground lies within its points // GREAT_PLACE_R hexes (at least the next one): a unit the fog hides could walk in,
    so its lone guard does not leave it to join an attack.

    ``place_bonus``: each hex's victory points; ``d_enemy``: hexes to the nearest enemy unit in sight;
    ``giving_up``: the seat is falling back and the war is not in its last turns, so places within the enemy's
    reach are left; ``last_word``: no enemy moves again before the places are counted, so none needs a guard."""
    # The more a place is worth, the farther off an enemy need be to threaten it (a capital keeps its guard
    # against a raid from behind the front).
    enemy_near = d_enemy <= GARRISON_R + place_bonus // 2
    # ... or, for a great prize, enemy ground close by: what fog hides may stand in it.  The KPA left Seoul empty on
    # its second turn to turn on ROK units in its rear, and an unseen ROK division walked back in (AI-against-AI
    # 1950-invasion, war 0: Seoul "retaken" on 2 July 1950 and lost again on the 9th).
    fogged = pic.distance_to(pic.theirs) <= np.maximum(1, place_bonus // GREAT_PLACE_R)
    enemy_near |= (place_bonus >= GREAT_PLACE) & fogged
    threatened = pic.ours & (place_bonus > 0) & enemy_near
    if giving_up:
        threatened &= d_enemy >= LINE_D
    # The side's first place (a capital, the port it lives by) keeps its guard whatever is in sight: raiders and
    # infiltrators come unseen, and no other hex is worth as much at the end.
    threatened |= first_place(pic, place_bonus)
    # On the game's last turn, with no enemy seat to move after ours, a guard guards nothing, and every unit that
    # can reach a place the enemy holds should take it.
    if last_word:
        threatened[:] = False
    garrison = np.where(threatened, place_bonus, 0.0)
    in_sight, exposed = (garrison > 0) & enemy_near, (garrison > 0) & fogged
    if not last_word:
        guards = crossing_guards(pic)
        garrison = np.maximum(garrison, guards)
        in_sight |= guards > 0
        exposed |= guards > 0
    return garrison, in_sight, exposed


def rear_first_place(pic: Picture, place_bonus: np.ndarray, garrison: np.ndarray, d_front: np.ndarray) -> np.ndarray:
    """Mask of our first place (the most points of ours: a capital, the port we live by) when it wants a garrison
    (``garrison``, from garrisons), lies more than goals.GOAL_R hexes behind the line we hold (``d_front``: hexes
    to it), and the enemy has ships to land behind us (we are not the scenario's sea bloc).  A unit standing alone
    on it is not charged for its distance from the front and the goals, as a lone guard in an enemy's sight is not:
    otherwise the pull of the front marches every unit south and the rear capital stands empty for a landing to walk
    into.  In inchon the historical DPRK railed the Seoul garrison to the Pusan perimeter on turn 1, and random UN
    Marines landed behind it walked into an empty Pyongyang (10 points) on turn 5 (pair 17).  Measured, pairs
    against random seats: inchon DPRK 54 -> 57 of 60 (seeds 0-59; mean margin +15.2 both, sd 14.4 -> 10.9) and
    57 -> 58 (seeds 60-119); chinese-intervention DPRK 57 -> 58 and 56 -> 55, tutorial DPRK 54 -> 54 and 46 -> 45,
    the other rows the same.  Not for the sea bloc: the UN and ROK guarding Seoul or Pusan far behind a front on the
    Yalu cost the chinese-intervention ROK 40 -> 35 (seeds 60-119), with no landing to guard against.  Not near
    the front either: the line guards that, and the tutorial's ROK sat in Seoul three hexes behind it (55 -> 52)."""
    if pic.obs.bloc == pic.obs.config.params.sea_bloc:
        return np.zeros(pic.board.size, dtype=bool)
    return (garrison > 0) & first_place(pic, place_bonus) & (d_front > GOAL_R)


def first_place(pic: Picture, place_bonus: np.ndarray) -> np.ndarray:
    """Mask of our first place: the place (or places, tied) worth the most points among those we hold; none when we
    hold no place worth points."""
    mine = place_bonus * pic.ours
    top = mine.max() if mine.size else 0.0
    return (mine >= top) if top > 0 else np.zeros(pic.board.size, dtype=bool)


def crossing_guards(pic: Picture) -> np.ndarray:
    """Per hex, HOME_GUARD where a guard keeps an enemy out of our home soil (Picture.home_soil), else 0: the hexes
    of its bank (next to Korea) within HOME_R hexes of an enemy unit in sight, the nearest first, each guard's zone
    of control covering the bank hexes next to it.  Without them the PVA of macarthur-unleashed sent the armies on
    the Yalu south to attack and random UN units walked into Manchuria behind them: in 41 of 60 games against
    random UN and ROK seats (36 by turn 3), 36 (20) with a random PVA; with them 25 (19).  Soviet troops follow a
    crossing, and the war goes general in about a quarter of the games whoever plays the PVA (15 -> 17 of 60,
    within the noise: most of the escalation is the random UN seat's own decisions)."""
    home = pic.home_soil
    out = np.zeros(pic.board.size)
    if not home.any() or not len(pic.enemy_hexes):
        return out
    board = pic.board
    bank = home & pic.near(~home & pic.facts["korea"], 1) & pic.near(pic.enemy_at, HOME_R)
    if not bank.any():
        return out
    d = pic.distance_to(pic.enemy_at)
    covered = np.zeros(board.size, dtype=bool)
    for i in sorted(np.flatnonzero(bank).tolist(), key=lambda i: (d[i], i)):
        if covered[i]:
            continue
        out[i] = HOME_GUARD
        covered[board.neighbors[i][board.neighbors[i] >= 0]] = True
    return out


def guard_crossings(pic: Picture, garrison: np.ndarray, movers: list, dests: dict, count: np.ndarray,
                    stack: int) -> list[tuple]:
    """(unit, hex, move) for each crossing guard (crossing_guards: a home-soil hex, ``garrison`` HOME_GUARD) with
    none of our units on it or next to it (its zone of control covers the crossing from there too): the mover that
    ends its march nearest to it, the weakest of those, then by id - on it or next to it if any can get there.
    ``count``: our units per hex (not changed: the caller places the guards it is given, and counts them then)."""
    board = pic.board
    out: list[tuple] = []
    taken: set[str] = set()
    count = count.copy()                # (with the guards sent so far, for the next crossing's)
    for g in np.flatnonzero(pic.home_soil & (garrison >= HOME_GUARD)).tolist():
        cover = np.zeros(board.size, dtype=bool)
        cover[g] = True
        for e in board.neighbors[g]:
            if e >= 0 and pic.passable[e] and not pic.theirs[e]:
                cover[e] = True
        if count[cover].any():
            continue
        d = pic.distance_to(cover)
        best = None
        for u in movers:
            if u.id in taken or u.id not in dests or u.out_of_supply or u.hex is None:
                continue
            here = board.index(u.hex)
            for h, a in dests[u.id]:
                if d[h] < min(d[here], HOME_R) and count[h] < stack and isinstance(a, MoveUnit):
                    key = (int(d[h]), u.attack_strength() + u.defence_strength(), u.id, h)
                    if best is None or key < best[0]:
                        best = (key, u, h, a)
        if best is not None:
            _, u, h, a = best
            taken.add(u.id)
            count[h] += 1
            out.append((u, h, a))
    return out
