"""Influence maps of one seat's observation, as numpy arrays over the board's hexes.

Built once per phase from what the seat sees (never the true state): its own and the enemy's
strength spread over the hexes they reach, the threat to each hex, ground held, the line of
contact, the defensive worth of terrain, and walking distances to goals.  The operational layer
(game/ai/operations.py) scores moves on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from game.engine.api import Location, Observation, Reach
from game.engine.board import UNREACHABLE, Board, Country, Terrain
from game.engine.combat import TERRAIN_SHIFT

BIG = UNREACHABLE


def spread(board: Board, hexes: np.ndarray, values: np.ndarray, radius: int) -> np.ndarray:
    """Sum of ``values`` placed on ``hexes`` and spread evenly over each one's disc of ``radius``."""
    out = np.zeros(board.size + 1)
    if len(hexes):
        disc = board.disc(radius)[hexes]
        np.add.at(out, disc.ravel(), np.repeat(values, disc.shape[1]))
    return out[: board.size]


#: Distance fields remembered per board, oldest dropped first: a seat's plans ask for the same ones again and again
#: (the plan remade after each contact, the next phase's on ground that did not change, the enemy's distance
#: asked twice in one plan), and each is a breadth-first search over the whole map.
DISTANCES_KEPT = 64


def distance_from(board: Board, sources: np.ndarray, passable: np.ndarray) -> np.ndarray:
    """Steps from the nearest source hex over passable hexes (BIG where unreachable).  Read-only: the array may
    be shared with other calls asking the same."""
    starts = np.flatnonzero(sources & passable)
    memo = board_facts(board)["distances"]
    key = (starts.tobytes(), passable.tobytes())
    dist = memo.get(key)
    if dist is None:
        dist = board.steps_from(starts, passable)
        dist.flags.writeable = False
        if len(memo) >= DISTANCES_KEPT:
            del memo[next(iter(memo))]
        memo[key] = dist
    return dist


_BOARD_CACHE: dict[int, dict] = {}


def board_facts(board: Board) -> dict:
    """Static arrays of a board the AI uses every turn, and its memo of distance fields (cached per board)."""
    facts = _BOARD_CACHE.get(id(board))
    if facts is None or facts["board"] is not board:
        land = board.terrain >= Terrain.CLEAR
        korea = land & np.isin(board.country, (int(Country.ROK), int(Country.DPRK)))
        defence = np.zeros(board.size)
        for terrain, (shift, _) in TERRAIN_SHIFT.items():
            defence[board.terrain == int(terrain)] = -shift
        river_side = (board.river & ~board.road).any(axis=1)
        facts = {"board": board, "land": land, "korea": korea, "terrain_defence": defence, "river": river_side,
                 "distances": {}}
        _BOARD_CACHE[id(board)] = facts
    return facts


@dataclass
class Picture:
    """What a seat can make of the battlefield now."""

    obs: Observation

    @cached_property
    def board(self) -> Board:
        return self.obs.board

    @cached_property
    def code(self) -> int:
        return self.obs.config.bloc_code(self.obs.bloc)

    @cached_property
    def facts(self) -> dict:
        return board_facts(self.board)

    def _units(self, own: bool):
        out = []
        for u in self.obs.units.values():
            if u.location is not Location.MAP or u.hex is None:
                continue
            if (self.obs.config.seat(u.seat).bloc == self.obs.bloc) == own:
                out.append(u)
        return out

    @cached_property
    def own_units(self):
        return self._units(True)

    @cached_property
    def enemy_units(self):
        return self._units(False)

    def _hexes(self, units) -> np.ndarray:
        return np.array([self.board.index(u.hex) for u in units], dtype=np.int64)

    @cached_property
    def own_hexes(self) -> np.ndarray:
        return self._hexes(self.own_units)

    @cached_property
    def enemy_hexes(self) -> np.ndarray:
        return self._hexes(self.enemy_units)

    @cached_property
    def enemy_at(self) -> np.ndarray:
        mask = np.zeros(self.board.size, dtype=bool)
        mask[self.enemy_hexes] = True
        return mask

    @cached_property
    def own_count(self) -> np.ndarray:
        return np.bincount(self.own_hexes, minlength=self.board.size) if len(self.own_hexes) else \
            np.zeros(self.board.size, dtype=np.int64)

    @cached_property
    def enemy_attack(self) -> np.ndarray:
        """Enemy attack strength that can reach each hex next turn (adjacent hexes in full, two away in half)."""
        att = np.array([u.attack_strength() for u in self.enemy_units])
        return spread(self.board, self.enemy_hexes, att, 1) + 0.5 * spread(self.board, self.enemy_hexes, att, 2)

    @cached_property
    def own_defence_at(self) -> np.ndarray:
        d = np.zeros(self.board.size)
        if len(self.own_hexes):
            np.add.at(d, self.own_hexes, [u.defence_strength() for u in self.own_units])
        return d

    @cached_property
    def own_power(self) -> float:
        return float(sum(u.attack_strength() + u.defence_strength() for u in self.own_units))

    @cached_property
    def enemy_power(self) -> float:
        return float(sum(u.attack_strength() + u.defence_strength() for u in self.enemy_units))

    @cached_property
    def ours(self) -> np.ndarray:
        return (self.obs.control == self.code) & self.facts["land"]

    @cached_property
    def theirs(self) -> np.ndarray:
        return (self.obs.control != self.code) & (self.obs.control > 0) & self.facts["land"]

    @cached_property
    def front(self) -> np.ndarray:
        """Our hexes next to enemy ground or a seen enemy unit: the line to hold."""
        nb = self.board.neighbors
        hostile = np.append(self.theirs | self.enemy_at, False)
        return self.ours & hostile[nb].any(axis=1) & self.facts["korea"]

    @cached_property
    def enemy_front(self) -> np.ndarray:
        """Enemy-held hexes next to ours: the line to push."""
        nb = self.board.neighbors
        mine = np.append(self.ours, False)
        return self.theirs & mine[nb].any(axis=1) & self.facts["korea"]

    @cached_property
    def passable(self) -> np.ndarray:
        land = self.facts["land"].copy()
        for bloc, country in self.obs.config.params.closed:
            if bloc == self.obs.bloc:
                land &= self.board.country != int(Country[country])
        return land

    @cached_property
    def great_power_land(self) -> np.ndarray:
        """The territory of a great power not on our side (China and the Soviet Union, for the UN), whether or not
        the scenario lets us in: crossing into it is how a limited war becomes a world war."""
        ours = {n.lower() for s in self.obs.config.seats if s.bloc == self.obs.bloc for n in s.nations}
        land = np.zeros(self.board.size, dtype=bool)
        for country in ("PRC", "USSR"):
            if country.lower() not in ours:
                land |= self.board.country == int(Country[country])
        return land

    @cached_property
    def home_soil(self) -> np.ndarray:
        """Our great power's territory that an enemy bloc may enter (Manchuria, for the communist side, when a
        scenario opens it to the UN): an enemy unit in it is how a limited war becomes a world war."""
        cfg = self.obs.config
        ours = {n.upper() for s in cfg.seats if s.bloc == self.obs.bloc for n in s.nations}
        enemies = {b for b in cfg.blocs if b != self.obs.bloc}
        closed = {(b, c.upper()) for b, c in cfg.params.closed}
        land = np.zeros(self.board.size, dtype=bool)
        for country in ("PRC", "USSR"):
            if country in ours and any((b, country) not in closed for b in enemies):
                land |= self.board.country == int(Country[country])
        return land & self.facts["land"]

    @cached_property
    def border_risk(self) -> np.ndarray:
        """Land we may enter within three hexes of a great power's territory (the Yalu, the Tumen), or in it."""
        power = self.great_power_land
        if not power.any():
            return np.zeros(self.board.size, dtype=bool)
        return self.near(power, 3) & self.passable

    @cached_property
    def enemy_main(self) -> np.ndarray:
        """Land the enemy's main body can reach from its rear (the sources it holds for good: a port of entry,
        a frontier crossing) without passing our units or our zones of control.  Enemy ground and units
        outside it are a pocket: cut off, they wither out of supply and need a screen, not an assault."""
        board = self.board
        enemy_blocs = {b for b in self.obs.config.blocs if b != self.obs.bloc}
        rear = np.zeros(board.size, dtype=bool)
        for s in self.obs.config.supply_sources:
            if s.always and s.bloc in enemy_blocs:
                rear[board.index(s.hex)] = True
        if not rear.any():
            return np.ones(board.size, dtype=bool)
        own = np.zeros(board.size, dtype=bool)
        own[self.own_hexes] = True
        ours_zoc = np.zeros(board.size + 1, dtype=bool)
        if len(self.own_hexes):
            ours_zoc[board.neighbors[self.own_hexes].ravel()] = True
        ours_zoc = ours_zoc[: board.size] & ~self.enemy_at
        # A source in our zone of control still counts as a start (the engine's supply trace starts there too).
        return board.steps_from(np.flatnonzero(rear & ~own), self.facts["land"] & ~own & ~ours_zoc) < BIG

    def near(self, hexes: np.ndarray, radius: int) -> np.ndarray:
        """The hexes within ``radius`` of any of ``hexes`` (a mask), those included."""
        return self.board.around(np.flatnonzero(hexes), radius)

    def distance_to(self, goals: np.ndarray) -> np.ndarray:
        return distance_from(self.board, goals, self.passable)

    @cached_property
    def victory_hexes(self) -> dict[int, int]:
        return {self.board.index(v.hex): v.points for v in self.obs.config.victory_places}

    @cached_property
    def supplied(self) -> np.ndarray:
        return self.obs.supplied()

    @cached_property
    def open_ground(self) -> np.ndarray:
        """Enemy-held Korean ground that our supply net reaches and that lies so far from every enemy unit we see
        that any unit of ours within the scenario's rear reach of it takes it at the end of our turn (the
        dominated ground of game/engine/ground.py): empty country, ours for the marching.  All False where the
        scenario has no dominated ground."""
        p = self.obs.config.params
        if not p.rear_ground or p.rear_margin <= 0:
            return np.zeros(self.board.size, dtype=bool)
        d_enemy = self.distance_to(self.enemy_at) if len(self.enemy_hexes) else np.full(self.board.size, BIG)
        return self.theirs & self.facts["korea"] & self.supplied & (d_enemy >= p.rear_reach + p.rear_margin)


def ground_gain(board: Board, open_ground: np.ndarray, reach: int, where: np.ndarray | None = None) -> np.ndarray:
    """How many ``open_ground`` hexes lie within ``reach`` of each hex (of each of ``where``, if given): the
    ground a unit standing there takes."""
    padded = np.zeros(board.size + 1, dtype=np.int32)
    padded[: board.size] = open_ground
    disc = _disc_once(board, reach)
    return padded[disc if where is None else disc[where]].sum(axis=1)


class GroundGains:
    """The ground a unit standing on each hex would take (``ground_gain``), for each reach a unit may have (its
    steps: engine ``unit_reach``), computed on first ask; ``take`` marks ground as spoken for, so the next unit
    looks for its own."""

    def __init__(self, board: Board, open_ground: np.ndarray) -> None:
        self.board, self.open_ground = board, open_ground
        self._by_reach: dict[int, np.ndarray] = {}

    def at_reach(self, reach: int) -> np.ndarray:
        if reach not in self._by_reach:
            self._by_reach[reach] = ground_gain(self.board, self.open_ground, reach)
        return self._by_reach[reach]

    def take(self, h: int, reach: int) -> None:
        """A unit with ``reach`` will stand on ``h``: its ground is taken, and the gains near it shrink."""
        if self.at_reach(reach)[h] == 0:
            return
        self.open_ground[self.board.disc(reach)[h]] = False
        for r, gain in self._by_reach.items():
            near = self.board.disc(reach + r)[h]
            gain[near] = ground_gain(self.board, self.open_ground, r, near)


def _disc_once(board: Board, radius: int) -> np.ndarray:
    """``board.disc(radius)`` with each hex once: the disc pads short rows with the hex itself again, and the pads
    point here at index ``size`` instead (past the board: an empty hex for a padded array).  Cached per board."""
    facts = board_facts(board)
    key = ("disc_once", radius)
    if key not in facts:
        disc = board.disc(radius)
        # (The pads repeat the hex itself; its own entry - wherever it falls in the row - is kept once.)
        rows = np.arange(board.size)
        dup = disc == rows[:, None]
        dup[rows, np.argmax(dup, axis=1)] = False
        facts[key] = np.where(dup, board.size, disc)
    return facts[key]


def taken_along(reach: Reach, theirs: np.ndarray, swept: np.ndarray) -> dict[int, int]:
    """For each hex ``reach`` gets to: how many hexes of ``theirs`` not yet ``swept`` its path passes after the
    start (one pass over the search tree, cheapest first, instead of walking every path)."""
    along = {reach.start: 0}
    for j in sorted(reach.cost, key=reach.cost.__getitem__):
        if j != reach.start:
            along[j] = along[reach.prev[j]] + (1 if theirs[j] and not swept[j] else 0)
    return along
