"""The hex board: per-hex numpy arrays over the rectangular odd-r grid.

Every per-hex array is flat, of length ``board.size``, indexed by
``board.index(hex)`` (``row * cols + col``).  Hexside arrays have shape
``(size, 6)`` in direction order (see :mod:`game.engine.hexes`) and are kept
symmetric: a river between A and B is flagged on both A's and B's side.

The board is immutable once built and shared by every clone of a game state.
It is built from the map data dict written by ``python -m game.tools.build_map``
(assets/map/hexmap.json); reading the file is the caller's job, so the engine
stays free of file formats.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property

import numpy as np

from .hexes import DIRECTIONS, Hex, axial_to_offset, offset_to_axial, opposite


class Terrain(IntEnum):
    """Terrain classes; SEA and LAKE are water."""

    SEA = 0
    LAKE = 1
    CLEAR = 2
    HILLS = 3
    MOUNTAIN = 4
    MARSH = 5
    TOWN = 6
    CITY = 7


TERRAIN_CODES: dict[str, Terrain] = {
    ".": Terrain.SEA, "l": Terrain.LAKE, "c": Terrain.CLEAR, "h": Terrain.HILLS,
    "m": Terrain.MOUNTAIN, "w": Terrain.MARSH, "T": Terrain.TOWN, "C": Terrain.CITY,
}


class Country(IntEnum):
    """Who a hex belonged to in June 1950."""

    NONE = 0
    ROK = 1
    DPRK = 2
    PRC = 3
    USSR = 4
    JAPAN = 5


COUNTRY_CODES: dict[str, Country] = {
    ".": Country.NONE, "R": Country.ROK, "N": Country.DPRK, "C": Country.PRC,
    "S": Country.USSR, "J": Country.JAPAN,
}


@dataclass(frozen=True)
class Place:
    """A named place on the map (from assets/places.yaml via the map builder)."""

    id: str
    name: str
    hex: Hex
    type: str
    port: bool
    airfield: str | None
    capital: bool
    lat: float
    lon: float


@dataclass(frozen=True)
class Projection:
    """Equirectangular lon/lat <-> km used by the map builder and the UI."""

    lon0: float
    lat0: float
    km_per_deg_lon: float
    km_per_deg_lat: float
    hex_km: float

    def to_km(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.km_per_deg_lon, (self.lat0 - lat) * self.km_per_deg_lat

    def to_lonlat(self, x_km: float, y_km: float) -> tuple[float, float]:
        return self.lon0 + x_km / self.km_per_deg_lon, self.lat0 - y_km / self.km_per_deg_lat

    def hex_center_km(self, h: Hex) -> tuple[float, float]:
        return self.hex_km * (h.q + h.r / 2.0), self.hex_km * math.sqrt(3) / 2.0 * h.r

    def fractional_hex(self, lon: float, lat: float) -> tuple[float, float]:
        """Fractional axial (q, r) of a lon/lat point."""
        x, y = self.to_km(lon, lat)
        r = y / (self.hex_km * math.sqrt(3) / 2.0)
        q = x / self.hex_km - r / 2.0
        return q, r

    def hex_lat(self, h: Hex) -> float:
        """Latitude of a hex centre."""
        return self.to_lonlat(*self.hex_center_km(h))[1]


#: ``Board.steps_from`` where a hex cannot be reached.
UNREACHABLE = 10_000


@dataclass
class Board:
    """The static map.  Build with :meth:`from_mapdata`; never mutate afterwards."""

    cols: int
    rows: int
    hex_km: float
    projection: Projection
    terrain: np.ndarray            # (size,) int8 Terrain
    country: np.ndarray            # (size,) int8 Country
    elevation: np.ndarray          # (size,) int16 metres
    neighbors: np.ndarray          # (size, 6) int32, -1 off the map
    river: np.ndarray              # (size, 6) bool
    road: np.ndarray               # (size, 6) bool
    rail: np.ndarray               # (size, 6) bool
    port: np.ndarray               # (size,) bool
    airfield: np.ndarray           # (size,) bool
    capital: np.ndarray            # (size,) bool
    lat: np.ndarray                # (size,) float32 latitude of hex centres
    lon: np.ndarray                # (size,) float32 longitude of hex centres
    places: dict[str, Place]
    river_names: dict[tuple[int, int], str] = field(default_factory=dict)  # (index, dir) -> river id
    routes: list[dict] = field(default_factory=list)

    @property
    def size(self) -> int:
        return self.cols * self.rows

    # -- coordinates -------------------------------------------------------
    def index(self, h: Hex) -> int:
        """Flat index of ``h``; -1 if off the map."""
        return self._flat.get(h, -1)

    @cached_property
    def _flat(self) -> dict[Hex, int]:
        """Flat index by hex (a lookup table: the AI asks for millions of indices a campaign)."""
        return {h: i for i, h in enumerate(self.hex_list)}

    @cached_property
    def named_after(self) -> dict[int, tuple]:
        """Hex index -> the place that names it and its distance (game/engine/narrate.py nearest_place fills it
        as it goes: the map never changes, and every log line names hexes)."""
        return {}

    def hex_at(self, index: int) -> Hex:
        """The hex of a flat index."""
        return self.hex_list[index]

    @cached_property
    def hex_list(self) -> tuple[Hex, ...]:
        """The hex of every flat index (a lookup table: building Hex values is the hot path of legal actions)."""
        return tuple(offset_to_axial(col, row) for row in range(self.rows) for col in range(self.cols))

    @cached_property
    def qr(self) -> tuple[np.ndarray, np.ndarray]:
        """Axial q and r of every flat index, for vectorised distances."""
        return (np.array([h.q for h in self.hex_list], dtype=np.int32),
                np.array([h.r for h in self.hex_list], dtype=np.int32))

    def disc(self, radius: int) -> np.ndarray:
        """(hexes, k) int32: the flat indices within ``radius`` steps of each hex (padded with the hex itself)."""
        key = f"_disc{radius}"
        if key not in self.__dict__:
            offsets = [(dq, dr) for dq in range(-radius, radius + 1) for dr in range(-radius, radius + 1)
                       if abs(dq) + abs(dr) + abs(dq + dr) <= 2 * radius]
            q, r = self.qr
            out = np.empty((self.size, len(offsets)), dtype=np.int32)
            for k, (dq, dr) in enumerate(offsets):
                qq, rr = q + dq, r + dr
                col = qq + (rr - (rr & 1)) // 2
                ok = (rr >= 0) & (rr < self.rows) & (col >= 0) & (col < self.cols)
                out[:, k] = np.where(ok, rr * self.cols + col, np.arange(self.size))
            out.flags.writeable = False
            self.__dict__[key] = out
        return self.__dict__[key]

    def around(self, hexes: np.ndarray, radius: int) -> np.ndarray:
        """Mask of the hexes within ``radius`` steps of any of the flat indices ``hexes`` (a lookup in the discs)."""
        mask = np.zeros(self.size, dtype=bool)
        if len(hexes):
            mask[self.disc(radius)[hexes].ravel()] = True
        return mask

    @cached_property
    def _padded_neighbors(self) -> np.ndarray:
        """``neighbors`` with off-map sides pointing at index ``size`` (a pad hex past the end, never passable)
        instead of -1: a search then reads a pad entry rather than filtering the -1s out at every ring."""
        return np.where(self.neighbors >= 0, self.neighbors, self.size)

    def steps_from(self, starts: np.ndarray, passable: np.ndarray, limit: int | None = None) -> np.ndarray:
        """Steps from the nearest of ``starts`` (flat indices; -1 ignored) over ``passable`` hexes, for every hex;
        UNREACHABLE where there is no way, or (given ``limit``) no way within ``limit`` steps.  A start counts even
        if it is not passable itself."""
        size = self.size
        dist = np.full(size + 1, UNREACHABLE, dtype=np.int32)
        free = np.append(passable, False)       # passable and not reached yet (the pad hex never is)
        starts = np.asarray(starts, dtype=np.int64)
        starts = starts[starts >= 0]
        dist[starts] = 0
        free[starts] = False
        frontier = (dist[:size] == 0).nonzero()[0]
        nb = self._padded_neighbors
        step = 0
        # (A ring costs a handful of numpy calls whatever its size, and a search runs up to a hundred rings:
        # the calls are kept few and bare - take and compress, not fancy indexing.)
        while frontier.size and (limit is None or step < limit):
            step += 1
            ring = nb.take(frontier, axis=0).ravel()
            ring = ring.compress(free.take(ring))
            if ring.size == 0:
                break
            free[ring] = False
            dist[ring] = step
            frontier = (dist == step).nonzero()[0]     # each hex once (cheaper than np.unique)
        return dist[:size]

    def on_map(self, h: Hex) -> bool:
        return self.index(h) >= 0

    def is_land(self, index: int) -> bool:
        return int(self.terrain[index]) >= Terrain.CLEAR

    def place_at(self, h: Hex) -> list[Place]:
        """Places on hex ``h`` (several may share a hex)."""
        return [p for p in self.places.values() if p.hex == h]

    def coastal(self, index: int) -> bool:
        """A land hex with at least one sea neighbour (a possible beach)."""
        return bool(self.coastal_mask[index])

    @cached_property
    def coastal_mask(self) -> np.ndarray:
        """(size,) bool: land hexes next to the sea."""
        sea = np.append(self.terrain == Terrain.SEA, False)   # index -1 (off the map) is not sea
        return (self.terrain >= Terrain.CLEAR) & sea[self.neighbors].any(axis=1)

    # -- construction ------------------------------------------------------
    @classmethod
    def from_mapdata(cls, data: dict) -> "Board":
        """Build a board from the dict in assets/map/hexmap.json (format 1)."""
        cols, rows = int(data["cols"]), int(data["rows"])
        size = cols * rows
        terrain = np.zeros(size, dtype=np.int8)
        country = np.zeros(size, dtype=np.int8)
        for row, line in enumerate(data["terrain"]):
            for col, ch in enumerate(line):
                terrain[row * cols + col] = TERRAIN_CODES[ch]
        for row, line in enumerate(data["country"]):
            for col, ch in enumerate(line):
                country[row * cols + col] = COUNTRY_CODES[ch]
        elevation = np.asarray(data.get("elevation") or np.zeros((rows, cols)), dtype=np.int16).reshape(size)
        pj = data["projection"]
        projection = Projection(float(pj["lon0"]), float(pj["lat0"]), float(pj["km_per_deg_lon"]),
                                float(pj["km_per_deg_lat"]), float(data["hex_km"]))

        neighbors = np.full((size, 6), -1, dtype=np.int32)
        lat = np.zeros(size, dtype=np.float32)
        lon = np.zeros(size, dtype=np.float32)
        for i in range(size):
            row, col = divmod(i, cols)
            h = offset_to_axial(col, row)
            lon[i], lat[i] = projection.to_lonlat(*projection.hex_center_km(h))
            for d, (dq, dr) in enumerate(DIRECTIONS):
                nc, nr = axial_to_offset(Hex(h.q + dq, h.r + dr))
                if 0 <= nc < cols and 0 <= nr < rows:
                    neighbors[i, d] = nr * cols + nc

        board = cls(
            cols=cols, rows=rows, hex_km=float(data["hex_km"]), projection=projection,
            terrain=terrain, country=country, elevation=elevation, neighbors=neighbors,
            river=np.zeros((size, 6), dtype=bool), road=np.zeros((size, 6), dtype=bool),
            rail=np.zeros((size, 6), dtype=bool), port=np.zeros(size, dtype=bool),
            airfield=np.zeros(size, dtype=bool), capital=np.zeros(size, dtype=bool),
            lat=lat, lon=lon, places={}, routes=list(data.get("routes", [])),
        )
        for river in data.get("rivers", []):
            for q, r, d in river["hexsides"]:
                board._set_side(board.river, Hex(q, r), int(d))
                i = board.index(Hex(q, r))
                if i >= 0:
                    board.river_names[(i, int(d))] = river["id"]
                    n = int(neighbors[i, int(d)])
                    if n >= 0:
                        board.river_names[(n, opposite(int(d)))] = river["id"]
        for route in board.routes:
            arr = board.rail if route.get("kind") == "rail" else board.road
            path = [Hex(q, r) for q, r in route["hexes"]]
            for a, b in zip(path, path[1:]):
                d = DIRECTIONS.index((b.q - a.q, b.r - a.r)) if (b.q - a.q, b.r - a.r) in DIRECTIONS else None
                if d is not None:
                    board._set_side(arr, a, d)
        # Rail lines are usable as roads too.
        board.road |= board.rail
        for p in data.get("places", []):
            h = Hex(int(p["hex"][0]), int(p["hex"][1]))
            place = Place(id=p["id"], name=p["name"], hex=h, type=p.get("type", "town"),
                          port=bool(p.get("port")), airfield=p.get("airfield"),
                          capital=bool(p.get("capital")), lat=float(p.get("lat", 0.0)),
                          lon=float(p.get("lon", 0.0)))
            board.places[place.id] = place
            i = board.index(h)
            if i >= 0:
                board.port[i] |= place.port
                board.airfield[i] |= place.airfield is not None
                board.capital[i] |= place.capital
        return board

    def _set_side(self, arr: np.ndarray, h: Hex, d: int) -> None:
        i = self.index(h)
        if i < 0:
            return
        arr[i, d] = True
        n = int(self.neighbors[i, d])
        if n >= 0:
            arr[n, opposite(d)] = True
