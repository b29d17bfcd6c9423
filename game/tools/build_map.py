"""Build the game's hex map from real geographic data.

Run from the repository root::

    python -m game.tools.build_map            # writes assets/map/hexmap.json
    python -m game.tools.build_map --out X    # writes elsewhere (tests)

Inputs (all under ``assets/``; see ``assets/geo/SOURCES.md`` for sources and
licences): ``geo/land.geojson``, ``geo/lakes.geojson``,
``geo/korea_zones_1950.geojson``, ``geo/countries_modern.geojson``,
``geo/rivers.geojson``, ``geo/elevation_etopo5.json``,
``geo/mountains.geojson`` and ``places.yaml``.

Only the standard library, numpy and PyYAML (``yaml.safe_load``) are used.
The output is deterministic: running the tool twice gives identical bytes.

Geometry
--------
Pointy-top hexes, ``HEX_KM`` between neighbouring centres.  Lon/lat is
projected equirectangularly about 38N::

    x_km = (lon - LON0) * KX        y_km = (LAT0 - lat) * KY

and the axial hex (q, r) has its centre at
``x = HEX_KM * (q + r / 2)``, ``y = HEX_KM * sqrt(3) / 2 * r``; hex (0, 0)
is centred on (LON0, LAT0) and r grows southward.  The grid is a rectangle
of ``cols`` x ``rows`` in odd-r offset coordinates.

All polygon and line tests are done in lon/lat, which is an affine image of
the km plane, so insideness and crossings are the same in both.
"""

from __future__ import annotations

import argparse
import heapq
import json
import math
import sys
import time
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import yaml

from game.elevation import ETOPO_SHIFT_LON, Etopo  # noqa: F401 - shared with the renderer
from game.engine.hexes import Hex, axial_to_offset, hex_round, offset_to_axial

# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------

HEX_KM = 16
LON0 = 124.0
LAT0 = 43.2
LON_MAX = 131.0
LAT_MIN = 33.0
#: km per degree; rounded so that the UI, reading them from the file, uses
#: exactly the numbers the builder used.
KX = round(111.32 * math.cos(math.radians(38.0)), 6)
KY = 110.57
ROW_KM = HEX_KM * math.sqrt(3) / 2
#: Centre-to-corner radius of a hex.
HEX_RADIUS_KM = HEX_KM / math.sqrt(3)

#: A hex is land if its centre is, or if at least this many of its 7 sample
#: points (centre + 6 at half radius) are (3/7 = 43%).
LAND_MIN_SAMPLES = 3
#: An island of at least this area (km2) that got no land hex by the rules
#: above gets the hex holding its centroid (e.g. Ulleungdo, 72 km2).
MIN_ISLAND_KM2 = 30.0

#: ETOPO5 matches the east coast best shifted one cell east and the west
#: coast with no shift (SOURCES.md).  The shift ramps linearly with longitude
#: between these two meridians (0 cells west of the first, 1 east of the
#: second).

#: Terrain thresholds on the (shifted, sea-clipped) ETOPO5 heights of a hex:
#: mean of the land sample points, and their standard deviation.  ETOPO5 is
#: smooth and its summits are 30-50% low, so the numbers are lower than real
#: heights would suggest.
MOUNTAIN_MEAN_M = 500
MOUNTAIN_MEAN_STEEP_M = 350
MOUNTAIN_STD_M = 90
HILL_MEAN_M = 150
HILL_STD_M = 40
#: ETOPO5 flattens the southern ranges most (Taebaek-san shows ~800 m for
#: 1567 m), so hexes near the schematic axes of these ranges
#: (mountains.geojson) are mountains from a lower mean height.
RANGE_AXES = ("Taebaek Mountains (axis, schematic)", "Sobaek Mountains (axis, schematic)")
RANGE_AXIS_KM = 14.0
RANGE_MOUNTAIN_MEAN_M = 280
#: Marsh: low, flat coastal hexes near the mouth of one of these rivers.
MARSH_MAX_MEAN_M = 12
MARSH_MAX_STD_M = 10
MARSH_MOUTH_KM = 24.0
MARSH_RIVERS = ("han", "imjin", "naktong", "taedong", "kum", "chongchon")

TERRAIN_LEGEND = {
    ".": "sea",
    "l": "lake",
    "c": "clear",
    "h": "hills",
    "m": "mountain",
    "w": "marsh",
    "T": "town",
    "C": "city",
}
COUNTRY_LEGEND = {".": "none", "R": "ROK", "N": "DPRK", "C": "PRC", "S": "USSR", "J": "Japan"}
SIDE_TO_COUNTRY = {"south": "R", "north": "N", "china": "C", "ussr": "S", "japan": "J"}
ZONE_TO_COUNTRY = {"ROK_1950": "R", "DPRK_1950": "N"}
ISO_TO_COUNTRY = {"CHN": "C", "RUS": "S", "JPN": "J"}

# Rivers: output id, display name, and the rivers.geojson feature names that
# make it up (features flagged duplicate_of_ne are always dropped).
RIVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("yalu", "Yalu", ("Yalu (Amnok)",)),
    ("tumen", "Tumen", ("Tumen (Tuman)",)),
    ("chongchon", "Ch'ongch'on", ("Ch'ongch'on (Chongchon)",)),
    ("taedong", "Taedong", ("Taedong",)),
    ("imjin", "Imjin", ("Imjin",)),
    ("han", "Han", ("Han",)),
    ("pukhan", "Pukhan", ("Pukhan (North Han)", "Pukhan (North Han), upper course")),
    ("namhan", "Namhan", ("Namhan (South Han)",)),
    ("kum", "Kum", ("Kum (Geum)",)),
    ("naktong", "Naktong", ("Naktong (Nakdong)", "Naktong delta branch (WDBII)")),
)

#: Border rivers: the river lines stop where the estuary opens, but the
#: country polygons carry the border down to the sea.  Hexsides between land
#: hexes of these countries within BORDER_MOUTH_KM of the river mouth are
#: added to the river so that it runs on to the coast.
BORDER_RIVERS = {"yalu": frozenset("NC"), "tumen": frozenset("NCS")}
BORDER_MOUTH_KM = 30.0

#: Waypoints that are not in places.yaml: (lat, lon), approximate positions of
#: towns on the real corridors, from general reference.  They only steer the
#: route finder; they are not places and appear nowhere else in the output.
WAYPOINTS: dict[str, tuple[float, float]] = {
    "miryang": (35.49, 128.75),
    "yongdong": (36.17, 127.78),
    "chochiwon": (36.60, 127.30),
    "kumchon_n": (38.16, 126.48),
    "pyongsan": (38.34, 126.39),
    "hwangju": (38.67, 125.65),
    "sukchon": (39.41, 125.63),
    "chongju_n": (39.69, 125.22),
    "sonchon": (39.80, 124.92),
    "tongduchon": (37.90, 127.06),
    "pokkye": (38.55, 127.30),
    "kosan": (38.86, 127.41),
    "anbyon": (39.03, 127.52),
    "songchon": (39.24, 126.20),
    "yangdok": (39.21, 126.65),
    "kowon": (39.43, 127.24),
    "hongwon": (40.03, 127.95),
    "sinpo": (40.04, 128.18),
    "tanchon": (40.46, 128.91),
    "kilju": (40.96, 129.33),
    "nonsan": (36.20, 127.09),
    "iri": (35.94, 126.95),
    "chongup": (35.57, 126.86),
    "yongchon_s": (35.97, 128.94),
    "huichon": (40.17, 126.28),
    "kaechon": (39.70, 125.90),
    "yangpyong": (37.49, 127.49),
    "chechon": (37.13, 128.21),
    "yongju": (36.82, 128.62),
    "uisong": (36.35, 128.70),
    "chinhungni": (40.18, 127.35),
    "yongdok": (36.41, 129.37),
    "uljin": (36.99, 129.40),
    "samchok": (37.45, 129.17),
    "yangyang": (38.07, 128.62),
    "kansong": (38.38, 128.47),
    "tongchon": (38.95, 127.90),
    "changnyong": (35.54, 128.49),
    "hadong": (35.07, 127.75),
    "sunchon_s": (34.95, 127.49),
    "pukchong": (40.00, 128.33),
    "pungsan": (40.82, 128.16),
    "kapsan": (41.09, 128.29),
    "nanam": (41.71, 129.68),
    "puryong": (42.06, 129.71),
    "hoeryong": (42.44, 129.75),
}

#: Routes: (id, name, kind, waypoints separated by spaces).  A waypoint is a
#: places.yaml id or a key of WAYPOINTS prefixed with "@".
ROUTES: tuple[tuple[str, str, str, str], ...] = (
    (
        "kyongbu_rail",
        "Kyongbu-Kyongui railway (Pusan-Seoul-Sinuiju)",
        "rail",
        "pusan @miryang taegu waegwan kimchon @yongdong taejon @chochiwon "
        "chonan osan suwon yongdungpo seoul munsan kaesong @kumchon_n @pyongsan "
        "sariwon @hwangju pyongyang @sukchon sinanju @chongju_n @sonchon "
        "sinuiju",
    ),
    ("kyongin_rail", "Kyongin railway (Seoul-Inchon)", "rail", "yongdungpo inchon"),
    (
        "kyongwon_rail",
        "Kyongwon railway (Seoul-Wonsan)",
        "rail",
        "seoul uijongbu @tongduchon yonchon chorwon pyonggang @pokkye @kosan @anbyon wonsan",
    ),
    ("pyongwon_rail", "Pyongwon railway (Pyongyang-Wonsan)", "rail", "pyongyang @songchon @yangdok @kowon wonsan"),
    (
        "hamgyong_rail",
        "Hamgyong railway (Wonsan-Hamhung-Chongjin)",
        "rail",
        "wonsan @kowon hamhung hungnam @hongwon @sinpo iwon @tanchon songjin @kilju chongjin",
    ),
    ("honam_rail", "Honam railway (Taejon-Iri-Kwangju-Mokpo)", "rail", "taejon @nonsan @iri @chongup kwangju mokpo"),
    ("kunsan_rail", "Kunsan branch (Iri-Kunsan)", "rail", "@iri kunsan"),
    ("taegu_pohang_rail", "Taegu-Kyongju-Pohang railway", "rail", "taegu @yongchon_s kyongju pohang"),
    (
        "manpo_rail",
        "Manpo railway (Sunchon-Kujang-Kanggye-Manpojin)",
        "rail",
        "sunchon @kaechon kujang @huichon kanggye manpojin",
    ),
    ("seoul_chunchon_road", "Seoul-Kapyong-Chunchon road", "road", "seoul kapyong chunchon"),
    (
        "central_road",
        "Central road (Seoul-Wonju-Andong-Taegu)",
        "road",
        "seoul @yangpyong wonju @chechon @yongju andong @uisong taegu",
    ),
    ("pyongyang_wonsan_road", "Pyongyang-Wonsan road", "road", "pyongyang @songchon @yangdok wonsan"),
    ("chosin_road", "Hamhung-Chosin road (MSR)", "road", "hamhung @chinhungni kotori hagaruri toktong_pass yudamni"),
    (
        "east_coast_road",
        "East coast road (Pusan-Pohang-Kangnung-Wonsan)",
        "road",
        "pusan ulsan kyongju pohang @yongdok @uljin @samchok kangnung @yangyang sokcho @kansong @tongchon wonsan",
    ),
    (
        "south_road",
        "Taegu-Masan-Chinju-Kwangju road",
        "road",
        "taegu @changnyong masan chinju @hadong @sunchon_s kwangju",
    ),
    ("chongchon_road", "Anju-Kunu-ri-Kujang-Kanggye road", "road", "anju kunuri kujang @huichon kanggye"),
    (
        "hyesanjin_road",
        "Hamhung-Pungsan-Hyesanjin road",
        "road",
        "hamhung @hongwon @pukchong @pungsan @kapsan hyesanjin",
    ),
    ("tumen_road", "Chongjin-Hoeryong road (to the Tumen)", "road", "chongjin @nanam @puryong @hoeryong"),
)

#: Route cost of entering a hex, by terrain.
ROUTE_TERRAIN_COST = {"c": 1.0, "T": 1.0, "C": 1.0, "w": 2.0, "h": 1.8, "m": 3.0}
#: Extra route cost per hex-width of distance from the straight line between
#: the two waypoints.
ROUTE_DEVIATION_COST = 0.6
ROUTE_COUNTRIES = frozenset("RN")

PLACE_TERRAIN = {"capital": "C", "city": "C", "city_china": "C", "town": "T"}


# ---------------------------------------------------------------------------
# Projection and grid
# ---------------------------------------------------------------------------


def grid_size() -> tuple[int, int]:
    """(cols, rows) of the rectangle covering LON0..LON_MAX, LAT_MIN..LAT0."""
    width_km = (LON_MAX - LON0) * KX
    height_km = (LAT0 - LAT_MIN) * KY
    cols = math.ceil(width_km / HEX_KM)
    rows = math.ceil(height_km / ROW_KM) + 1
    return cols, rows


def lonlat_to_km(lon: Any, lat: Any) -> tuple[Any, Any]:
    return (np.asarray(lon) - LON0) * KX, (LAT0 - np.asarray(lat)) * KY


def km_to_lonlat(x: Any, y: Any) -> tuple[Any, Any]:
    return LON0 + np.asarray(x) / KX, LAT0 - np.asarray(y) / KY


def hex_center_km(q: int, r: int) -> tuple[float, float]:
    return HEX_KM * (q + r / 2), ROW_KM * r


def lonlat_to_hex(lon: float, lat: float) -> Hex:
    x, y = lonlat_to_km(lon, lat)
    fr = float(y) / ROW_KM
    fq = float(x) / HEX_KM - fr / 2
    return hex_round(fq, fr)


class Grid:
    """The rectangle of hexes and per-hex arrays indexed [row, col]."""

    def __init__(self) -> None:
        self.cols, self.rows = grid_size()
        rr, cc = np.mgrid[0 : self.rows, 0 : self.cols]
        self.row = rr
        self.col = cc
        self.q = cc - (rr - (rr & 1)) // 2
        self.r = rr
        self.x = HEX_KM * (self.q + self.r / 2.0)
        self.y = ROW_KM * self.r
        self.lon, self.lat = km_to_lonlat(self.x, self.y)
        # Sample points: centre, then 6 at half radius towards the corners.
        ang = np.radians(30.0 + 60.0 * np.arange(6))
        dx = np.concatenate([[0.0], 0.5 * HEX_RADIUS_KM * np.cos(ang)])
        dy = np.concatenate([[0.0], -0.5 * HEX_RADIUS_KM * np.sin(ang)])
        sx = self.x[..., None] + dx
        sy = self.y[..., None] + dy
        self.s_lon, self.s_lat = km_to_lonlat(sx, sy)  # [rows, cols, 7]

    def contains(self, h: Hex) -> bool:
        col, row = axial_to_offset(h)
        return 0 <= row < self.rows and 0 <= col < self.cols

    def index(self, h: Hex) -> tuple[int, int]:
        col, row = axial_to_offset(h)
        return row, col

    def hex_at(self, row: int, col: int) -> Hex:
        return offset_to_axial(col, row)

    def neighbours(self, h: Hex) -> Iterable[Hex]:
        for d in range(6):
            n = h.neighbor(d)
            if self.contains(n):
                yield n


# ---------------------------------------------------------------------------
# Geometry helpers (numpy only)
# ---------------------------------------------------------------------------


def load_geojson(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def polygon_rings(geom: dict[str, Any]) -> list[np.ndarray]:
    """All rings (outer and holes) of a Polygon/MultiPolygon as (n, 2) arrays."""
    if geom["type"] == "Polygon":
        polys = [geom["coordinates"]]
    elif geom["type"] == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        raise ValueError(f"not a polygon: {geom['type']}")
    return [np.asarray(ring, dtype=float) for poly in polys for ring in poly]


def line_parts(geom: dict[str, Any]) -> list[np.ndarray]:
    if geom["type"] == "LineString":
        return [np.asarray(geom["coordinates"], dtype=float)]
    if geom["type"] == "MultiLineString":
        return [np.asarray(part, dtype=float) for part in geom["coordinates"]]
    raise ValueError(f"not a line: {geom['type']}")


def points_in_rings(px: np.ndarray, py: np.ndarray, rings: Sequence[np.ndarray]) -> np.ndarray:
    """Even-odd ray casting of points against a set of rings (holes included).

    ``px``/``py`` are 1-D arrays; returns a boolean array of the same length.
    """
    inside = np.zeros(px.shape, dtype=bool)
    for ring in rings:
        x0, y0 = ring.min(axis=0)
        x1, y1 = ring.max(axis=0)
        sel = np.nonzero((px >= x0) & (px <= x1) & (py >= y0) & (py <= y1))[0]
        if sel.size == 0:
            continue
        ax, ay = ring[:-1, 0], ring[:-1, 1]
        bx, by = ring[1:, 0], ring[1:, 1]
        if not (ring[0] == ring[-1]).all():
            ax = np.append(ax, ring[-1, 0])
            ay = np.append(ay, ring[-1, 1])
            bx = np.append(bx, ring[0, 0])
            by = np.append(by, ring[0, 1])
        flips = np.zeros(sel.size, dtype=bool)
        step = max(1, 4_000_000 // max(1, ax.size))
        for k in range(0, sel.size, step):
            idx = sel[k : k + step]
            qx = px[idx][:, None]
            qy = py[idx][:, None]
            crosses = (ay > qy) != (by > qy)
            with np.errstate(divide="ignore", invalid="ignore"):
                xint = ax + (qy - ay) * (bx - ax) / (by - ay)
            hit = crosses & (qx < xint)
            flips[k : k + step] = (np.count_nonzero(hit, axis=1) & 1).astype(bool)
        inside[sel] ^= flips
    return inside


def point_segments_distance_km(lon: float, lat: float, rings: Sequence[np.ndarray]) -> float:
    """Smallest distance (km) from a point to the edges of some rings/lines."""
    best = math.inf
    px, py = lonlat_to_km(lon, lat)
    for ring in rings:
        ax, ay = lonlat_to_km(ring[:-1, 0], ring[:-1, 1])
        bx, by = lonlat_to_km(ring[1:, 0], ring[1:, 1])
        dx, dy = bx - ax, by - ay
        ll = dx * dx + dy * dy
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(ll > 0, ((px - ax) * dx + (py - ay) * dy) / ll, 0.0)
        t = np.clip(t, 0.0, 1.0)
        d = np.hypot(ax + t * dx - px, ay + t * dy - py)
        if d.size:
            best = min(best, float(d.min()))
    return best


def segments_cross(p1: np.ndarray, p2: np.ndarray, s1: np.ndarray, s2: np.ndarray) -> np.ndarray:
    """Which of the segments p1-p2 (n, 2) cross any of s1-s2 (m, 2).

    Proper crossings only (strict orientation tests); returns (n,) bool.
    """
    out = np.zeros(p1.shape[0], dtype=bool)
    if s1.shape[0] == 0:
        return out
    # Bounding-box prefilter on the river segments as a whole.
    lo = np.minimum(s1, s2).min(axis=0)
    hi = np.maximum(s1, s2).max(axis=0)
    pl = np.minimum(p1, p2)
    ph = np.maximum(p1, p2)
    cand = np.nonzero((ph[:, 0] >= lo[0]) & (pl[:, 0] <= hi[0]) & (ph[:, 1] >= lo[1]) & (pl[:, 1] <= hi[1]))[0]
    if cand.size == 0:
        return out

    def orient(ax, ay, bx, by, cx, cy):  # sign of (b - a) x (c - a)
        return np.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax))

    step = max(1, 2_000_000 // s1.shape[0])
    for k in range(0, cand.size, step):
        idx = cand[k : k + step]
        ax, ay = p1[idx, 0][:, None], p1[idx, 1][:, None]
        bx, by = p2[idx, 0][:, None], p2[idx, 1][:, None]
        cx, cy = s1[None, :, 0], s1[None, :, 1]
        dx, dy = s2[None, :, 0], s2[None, :, 1]
        o1 = orient(ax, ay, bx, by, cx, cy)
        o2 = orient(ax, ay, bx, by, dx, dy)
        o3 = orient(cx, cy, dx, dy, ax, ay)
        o4 = orient(cx, cy, dx, dy, bx, by)
        hit = (o1 * o2 < 0) & (o3 * o4 < 0)
        out[idx] = hit.any(axis=1)
    return out


# ---------------------------------------------------------------------------
# Elevation
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Map building
# ---------------------------------------------------------------------------


class MapBuilder:
    def __init__(self, assets: Path) -> None:
        self.assets = assets
        self.geo = assets / "geo"
        self.grid = Grid()
        self.notes: list[str] = []
        with open(assets / "places.yaml", encoding="utf-8") as fh:
            self.places: list[dict[str, Any]] = yaml.safe_load(fh)["places"]

    # -- land, lakes, countries ---------------------------------------------

    def build_land(self) -> None:
        g = self.grid
        rings = [ring for f in load_geojson(self.geo / "land.geojson") for ring in polygon_rings(f["geometry"])]
        inside = points_in_rings(g.s_lon.ravel(), g.s_lat.ravel(), rings).reshape(g.s_lon.shape)
        self.sample_land = inside  # [rows, cols, 7]
        self.land = inside[..., 0] | (inside.sum(axis=2) >= LAND_MIN_SAMPLES)
        self._keep_islands(rings)

        lake_rings = [ring for f in load_geojson(self.geo / "lakes.geojson") for ring in polygon_rings(f["geometry"])]
        self.lake = points_in_rings(g.lon.ravel(), g.lat.ravel(), lake_rings).reshape(g.lon.shape) & self.land

    def _keep_islands(self, rings: list[np.ndarray]) -> None:
        g = self.grid
        for ring in rings:
            x, y = lonlat_to_km(ring[:, 0], ring[:, 1])
            # Shoelace area and centroid in km.
            cross = x[:-1] * y[1:] - x[1:] * y[:-1]
            area = float(cross.sum()) / 2
            if abs(area) < MIN_ISLAND_KM2:
                continue
            # Land hexes whose sample points fall in this ring.
            sel = self.land[..., None] & self.sample_land
            px, py = g.s_lon[sel], g.s_lat[sel]
            if px.size and points_in_rings(px, py, [ring]).any():
                continue
            cx = float(((x[:-1] + x[1:]) * cross).sum()) / (6 * area)
            cy = float(((y[:-1] + y[1:]) * cross).sum()) / (6 * area)
            lon, lat = km_to_lonlat(cx, cy)
            h = lonlat_to_hex(float(lon), float(lat))
            if g.contains(h):
                row, col = g.index(h)
                self.land[row, col] = True
                self.notes.append(
                    f"island of {abs(area):.0f} km2 at {float(lat):.2f}N {float(lon):.2f}E kept as land hex {list(h)}"
                )

    def load_countries(self) -> None:
        self.country_polys: list[tuple[str, list[np.ndarray]]] = []
        for f in load_geojson(self.geo / "korea_zones_1950.geojson"):
            code = ZONE_TO_COUNTRY[f["properties"]["zone"]]
            self.country_polys.append((code, polygon_rings(f["geometry"])))
        for f in load_geojson(self.geo / "countries_modern.geojson"):
            code = ISO_TO_COUNTRY.get(f["properties"]["iso_a3"])
            if code:  # KOR/PRK come from the 1950 zones instead
                self.country_polys.append((code, polygon_rings(f["geometry"])))

    def country_of_point(self, lon: float, lat: float) -> str:
        """Country whose polygon holds the point, else the nearest one."""
        px, py = np.array([lon]), np.array([lat])
        for code, rings in self.country_polys:
            if points_in_rings(px, py, rings)[0]:
                return code
        best = min((point_segments_distance_km(lon, lat, rings), code) for code, rings in self.country_polys)
        return best[1]

    def build_countries(self) -> None:
        g = self.grid
        country = np.full(g.lon.shape, ".", dtype="<U1")
        land_idx = np.nonzero(self.land)
        px, py = g.lon[land_idx], g.lat[land_idx]
        assigned = np.full(px.shape, "", dtype="<U1")
        for code, rings in self.country_polys:
            hit = points_in_rings(px, py, rings) & (assigned == "")
            assigned[hit] = code
        # Centres that miss every polygon: majority of the land sample points,
        # then the nearest polygon.
        for k in np.nonzero(assigned == "")[0]:
            row, col = land_idx[0][k], land_idx[1][k]
            votes: dict[str, int] = {}
            for s in range(1, 7):
                if self.sample_land[row, col, s]:
                    slon, slat = float(g.s_lon[row, col, s]), float(g.s_lat[row, col, s])
                    for code, rings in self.country_polys:
                        if points_in_rings(np.array([slon]), np.array([slat]), rings)[0]:
                            votes[code] = votes.get(code, 0) + 1
                            break
            if votes:
                assigned[k] = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            else:
                assigned[k] = self.country_of_point(float(px[k]), float(py[k]))
        country[land_idx] = assigned
        self.country = country

    # -- elevation and terrain ----------------------------------------------

    def build_elevation(self) -> None:
        g = self.grid
        etopo = Etopo(self.geo / "elevation_etopo5.json")
        z = etopo.sample(g.s_lon, g.s_lat)  # [rows, cols, 7]
        self.raw_z = z
        self._terrain_stats()

    def _terrain_stats(self) -> None:
        z = np.clip(self.raw_z, 0.0, None)
        w = self.sample_land.astype(float)
        # Hexes that are land only by decree (places) may have no land sample.
        w[self.land & (w.sum(axis=2) == 0)] = 1.0
        n = np.maximum(w.sum(axis=2), 1.0)
        mean = (z * w).sum(axis=2) / n
        var = ((z - mean[..., None]) ** 2 * w).sum(axis=2) / n
        self.mean = np.where(self.land, mean, 0.0)
        self.std = np.where(self.land, np.sqrt(var), 0.0)

    def classify(self) -> None:
        mean, std = self.mean, self.std
        terrain = np.full(mean.shape, ".", dtype="<U1")
        mountain = (mean >= MOUNTAIN_MEAN_M) | ((mean >= MOUNTAIN_MEAN_STEEP_M) & (std >= MOUNTAIN_STD_M))
        hills = (mean >= HILL_MEAN_M) | (std >= HILL_STD_M)
        terrain[self.land] = "c"
        terrain[self.land & hills] = "h"
        terrain[self.land & mountain] = "m"
        self.terrain = terrain

    def apply_peaks(self) -> None:
        """Hexes holding a named summit are mountains (ETOPO5 summits are low)."""
        for f in load_geojson(self.geo / "mountains.geojson"):
            if f["properties"].get("kind") != "peak":
                continue
            lon, lat = f["geometry"]["coordinates"]
            h = lonlat_to_hex(lon, lat)
            if self.grid.contains(h):
                row, col = self.grid.index(h)
                if self.land[row, col] and not self.lake[row, col]:
                    self.terrain[row, col] = "m"

    def apply_ranges(self) -> None:
        """Promote hexes near the Taebaek and Sobaek axes to mountain."""
        g = self.grid
        axes = [
            line
            for f in load_geojson(self.geo / "mountains.geojson")
            if f["properties"].get("name") in RANGE_AXES
            for line in line_parts(f["geometry"])
        ]
        if len(axes) != len(RANGE_AXES):
            raise SystemExit("range axes not found in mountains.geojson")
        for row in range(g.rows):
            for col in range(g.cols):
                if self.terrain[row, col] != "h" or self.mean[row, col] < RANGE_MOUNTAIN_MEAN_M:
                    continue
                lon, lat = float(g.lon[row, col]), float(g.lat[row, col])
                if point_segments_distance_km(lon, lat, axes) <= RANGE_AXIS_KM:
                    self.terrain[row, col] = "m"

    def apply_marsh(self, river_lines: dict[str, list[np.ndarray]]) -> None:
        g = self.grid
        mouths: list[tuple[float, float]] = []
        for rid in MARSH_RIVERS:
            for part in river_lines.get(rid, []):
                for end in (part[0], part[-1]):
                    mouths.append((float(end[0]), float(end[1])))
        sea = ~self.land
        for row in range(g.rows):
            for col in range(g.cols):
                if self.terrain[row, col] not in "ch":
                    continue
                if self.mean[row, col] > MARSH_MAX_MEAN_M or self.std[row, col] > MARSH_MAX_STD_M:
                    continue
                h = g.hex_at(row, col)
                if not any(sea[g.index(n)] for n in g.neighbours(h)):
                    continue
                x, y = float(g.x[row, col]), float(g.y[row, col])
                near = False
                for lon, lat in mouths:
                    mx, my = lonlat_to_km(lon, lat)
                    if math.hypot(float(mx) - x, float(my) - y) <= MARSH_MOUTH_KM:
                        near = True
                        break
                if near:
                    self.terrain[row, col] = "w"

    # -- places ---------------------------------------------------------------

    def place_places(self) -> list[dict[str, Any]]:
        """Put every place on a land hex of its country; returns the records."""
        g = self.grid
        out: list[dict[str, Any]] = []
        self.place_hex: dict[str, Hex] = {}
        for p in self.places:
            want = SIDE_TO_COUNTRY[p["side_1950"]]
            lon, lat = float(p["lon"]), float(p["lat"])
            h0 = lonlat_to_hex(lon, lat)
            if not g.contains(h0):
                raise SystemExit(f"place {p['id']} is off the map")
            row, col = g.index(h0)
            chosen: Hex | None = None
            if self.land[row, col] and not self.lake[row, col]:
                if self.country[row, col] == want:
                    chosen = h0
            elif not self.land[row, col]:
                # A sea hex holding a place becomes land, if it would be in the
                # right country.
                code = self.country_of_point(float(g.lon[row, col]), float(g.lat[row, col]))
                if code == want:
                    self.land[row, col] = True
                    self.country[row, col] = code
                    self.notes.append(
                        f"{p['id']}: hex {list(h0)} was sea at {HEX_KM} km; "
                        f"made land ({COUNTRY_LEGEND[code]}) to hold the place"
                    )
                    chosen = h0
            if chosen is None:
                chosen = self._nearest_land_hex(lon, lat, want)
                self.notes.append(
                    f"{p['id']}: nearest hex {list(h0)} is "
                    f"{'sea' if not self.land[row, col] else COUNTRY_LEGEND[str(self.country[row, col])]};"
                    f" moved to {list(chosen)} ({COUNTRY_LEGEND[want]})"
                )
            self.place_hex[p["id"]] = chosen
            airfield = p.get("airfield")
            out.append(
                {
                    "id": p["id"],
                    "name": p["name"],
                    "hex": [chosen.q, chosen.r],
                    "type": p["type"],
                    "port": bool(p.get("port")),
                    "airfield": None if airfield in (None, "", False) else str(airfield),
                    "capital": p["type"] == "capital",
                    "lat": float(lat),
                    "lon": float(lon),
                }
            )
        return out

    def _nearest_land_hex(self, lon: float, lat: float, want: str) -> Hex:
        g = self.grid
        ok = self.land & ~self.lake & (self.country == want)
        px, py = lonlat_to_km(lon, lat)
        d = np.hypot(g.x - float(px), g.y - float(py))
        d = np.where(ok, d, np.inf)
        # Deterministic tie-break: smallest distance, then row, then column.
        flat = int(np.argmin(d))
        row, col = divmod(flat, g.cols)
        return g.hex_at(row, col)

    def apply_place_terrain(self) -> None:
        rank = {"C": 2, "T": 1}
        for p in self.places:
            code = PLACE_TERRAIN.get(p["type"])
            if not code:
                continue
            row, col = self.grid.index(self.place_hex[p["id"]])
            cur = str(self.terrain[row, col])
            if rank.get(cur, 0) < rank[code]:
                self.terrain[row, col] = code

    # -- rivers ---------------------------------------------------------------

    def load_rivers(self) -> dict[str, list[np.ndarray]]:
        feats = load_geojson(self.geo / "rivers.geojson")
        lines: dict[str, list[np.ndarray]] = {}
        for rid, _name, fnames in RIVERS:
            parts: list[np.ndarray] = []
            for fname in fnames:
                found = [
                    f
                    for f in feats
                    if f["properties"].get("name") == fname and not f["properties"].get("duplicate_of_ne")
                ]
                if not found:
                    raise SystemExit(f"river feature {fname!r} not found in rivers.geojson")
                for f in found:
                    parts.extend(line_parts(f["geometry"]))
            lines[rid] = parts
        return lines

    def build_rivers(self, river_lines: dict[str, list[np.ndarray]]) -> list[dict[str, Any]]:
        g = self.grid
        # Every hexside once: from each hex towards E, NE, NW.
        sides: list[tuple[int, int, int]] = []
        a_pts: list[tuple[float, float]] = []
        b_pts: list[tuple[float, float]] = []
        wet: list[bool] = []
        water = ~self.land | self.lake
        for row in range(g.rows):
            for col in range(g.cols):
                h = g.hex_at(row, col)
                for d in (0, 1, 2):
                    n = h.neighbor(d)
                    if not g.contains(n):
                        continue
                    nr, nc = g.index(n)
                    sides.append((h.q, h.r, d))
                    a_pts.append((float(g.lon[row, col]), float(g.lat[row, col])))
                    b_pts.append((float(g.lon[nr, nc]), float(g.lat[nr, nc])))
                    wet.append(bool(water[row, col] and water[nr, nc]))
        p1 = np.asarray(a_pts)
        p2 = np.asarray(b_pts)
        dry = ~np.asarray(wet)
        out = []
        for rid, name, _f in RIVERS:
            hit = np.zeros(len(sides), dtype=bool)
            for part in river_lines[rid]:
                hit |= segments_cross(p1, p2, part[:-1], part[1:])
            hit &= dry
            if rid in BORDER_RIVERS:
                hit |= self._border_sides_near_mouth(sides, river_lines[rid], BORDER_RIVERS[rid])
            hs = sorted(sides[i] for i in np.nonzero(hit)[0])
            out.append({"id": rid, "name": name, "hexsides": [list(s) for s in hs]})
        return out

    def _border_sides_near_mouth(
        self, sides: list[tuple[int, int, int]], parts: list[np.ndarray], countries: frozenset[str]
    ) -> np.ndarray:
        g = self.grid
        # The mouth is the end of the river nearest to a sea hex centre.
        sea_x, sea_y = g.x[~self.land], g.y[~self.land]
        ends = [part[0] for part in parts] + [part[-1] for part in parts]
        mouth_km = []
        for lon, lat in ends:
            ex, ey = lonlat_to_km(float(lon), float(lat))
            mouth_km.append((float(np.hypot(sea_x - float(ex), sea_y - float(ey)).min()), float(ex), float(ey)))
        _d, mx, my = min(mouth_km)
        out = np.zeros(len(sides), dtype=bool)
        for i, (q, r, d) in enumerate(sides):
            a = Hex(q, r)
            b = a.neighbor(d)
            ra, ca = g.index(a)
            rb, cb = g.index(b)
            ka, kb = str(self.country[ra, ca]), str(self.country[rb, cb])
            if ka == kb or ka not in countries or kb not in countries or "N" not in (ka, kb):
                continue
            if self.lake[ra, ca] or self.lake[rb, cb]:
                continue
            x = (float(g.x[ra, ca]) + float(g.x[rb, cb])) / 2
            y = (float(g.y[ra, ca]) + float(g.y[rb, cb])) / 2
            if math.hypot(x - mx, y - my) <= BORDER_MOUTH_KM:
                out[i] = True
        return out

    # -- routes ---------------------------------------------------------------

    def _waypoint(self, key: str) -> tuple[Hex, float, float]:
        if key.startswith("@"):
            lat, lon = WAYPOINTS[key[1:]]
            h = lonlat_to_hex(lon, lat)
            if not self._passable(h, ROUTE_COUNTRIES):
                h = self._nearest_passable(lon, lat)
            return h, lon, lat
        for p in self.places:
            if p["id"] == key:
                return self.place_hex[key], float(p["lon"]), float(p["lat"])
        raise SystemExit(f"route waypoint {key!r} is not a place id")

    def _passable(self, h: Hex, countries: frozenset[str]) -> bool:
        if not self.grid.contains(h):
            return False
        row, col = self.grid.index(h)
        return bool(self.land[row, col] and not self.lake[row, col] and self.country[row, col] in countries)

    def _nearest_passable(self, lon: float, lat: float) -> Hex:
        g = self.grid
        ok = self.land & ~self.lake & np.isin(self.country, sorted(ROUTE_COUNTRIES))
        px, py = lonlat_to_km(lon, lat)
        d = np.where(ok, np.hypot(g.x - float(px), g.y - float(py)), np.inf)
        row, col = divmod(int(np.argmin(d)), g.cols)
        return g.hex_at(row, col)

    def _path(self, a: Hex, b: Hex) -> list[Hex]:
        """Cheapest land path a -> b (A*), preferring clear ground and the
        straight line a-b; ties broken by (q, r)."""
        g = self.grid
        ax, ay = hex_center_km(*a)
        bx, by = hex_center_km(*b)
        vx, vy = bx - ax, by - ay
        vv = vx * vx + vy * vy

        def deviation(h: Hex) -> float:
            x, y = hex_center_km(*h)
            t = 0.0 if vv == 0 else max(0.0, min(1.0, ((x - ax) * vx + (y - ay) * vy) / vv))
            return math.hypot(ax + t * vx - x, ay + t * vy - y) / HEX_KM

        def step_cost(h: Hex) -> float:
            row, col = g.index(h)
            return ROUTE_TERRAIN_COST[str(self.terrain[row, col])] + ROUTE_DEVIATION_COST * deviation(h)

        best: dict[Hex, float] = {a: 0.0}
        prev: dict[Hex, Hex] = {}
        heap: list[tuple[float, int, int]] = [(float(a.distance(b)), a.q, a.r)]
        done: set[Hex] = set()
        while heap:
            _f, q, r = heapq.heappop(heap)
            h = Hex(q, r)
            if h in done:
                continue
            done.add(h)
            if h == b:
                break
            for n in g.neighbours(h):
                if n in done or not self._passable(n, ROUTE_COUNTRIES):
                    continue
                cost = best[h] + step_cost(n)
                if cost < best.get(n, math.inf) - 1e-12:
                    best[n] = cost
                    prev[n] = h
                    heapq.heappush(heap, (round(cost + n.distance(b), 9), n.q, n.r))
        if b not in done:
            raise SystemExit(f"no land route from {a} to {b}")
        path = [b]
        while path[-1] != a:
            path.append(prev[path[-1]])
        path.reverse()
        return path

    def build_routes(self) -> list[dict[str, Any]]:
        out = []
        for rid, name, kind, wps in ROUTES:
            pts = [self._waypoint(k) for k in wps.split()]
            hexes: list[Hex] = [pts[0][0]]
            for (a, _, _), (b, _, _) in zip(pts, pts[1:]):
                if a == b:
                    continue
                hexes.extend(self._path(a, b)[1:])
            hexes = remove_loops(hexes)
            out.append({"id": rid, "name": name, "kind": kind, "hexes": [[h.q, h.r] for h in hexes]})
        return out

    # -- all ------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        self.build_land()
        self.load_countries()
        self.build_countries()
        self.build_elevation()
        self.classify()
        places = self.place_places()
        # Hexes made land for places: refresh their statistics and terrain.
        self._terrain_stats()
        forced = self.land & (self.terrain == ".")
        if forced.any():
            saved = self.terrain.copy()
            self.classify()
            self.terrain = np.where(forced, self.terrain, saved)
        self.terrain[self.lake] = "l"
        self.apply_ranges()
        self.apply_peaks()
        river_lines = self.load_rivers()
        self.apply_marsh(river_lines)
        self.apply_place_terrain()
        # A place never sits in a lake.
        for h in self.place_hex.values():
            row, col = self.grid.index(h)
            if self.terrain[row, col] == "l":
                raise SystemExit(f"place hex {h} is a lake")
        rivers = self.build_rivers(river_lines)
        routes = self.build_routes()
        g = self.grid
        elevation = np.where(self.land, np.rint(self.mean), 0).astype(int)
        return {
            "format": 1,
            "generated_by": "python -m game.tools.build_map",
            "sources": "assets/geo/SOURCES.md",
            "hex_km": HEX_KM,
            "orientation": "pointy",
            "offset": "odd-r",
            "cols": g.cols,
            "rows": g.rows,
            "projection": {
                "kind": "equirectangular",
                "lon0": LON0,
                "lat0": LAT0,
                "km_per_deg_lon": KX,
                "km_per_deg_lat": KY,
                "note": "x_km = (lon - lon0) * km_per_deg_lon; y_km = (lat0 - lat) * km_per_deg_lat; "
                "axial hex (q, r) has its centre at x = hex_km * (q + r / 2), y = hex_km * sqrt(3) / 2 * r",
            },
            "legend": {"terrain": TERRAIN_LEGEND, "country": COUNTRY_LEGEND},
            "terrain": ["".join(self.terrain[row]) for row in range(g.rows)],
            "country": ["".join(self.country[row]) for row in range(g.rows)],
            "elevation": [[int(v) for v in elevation[row]] for row in range(g.rows)],
            "places": places,
            "rivers": rivers,
            "routes": routes,
            "notes": self.notes,
        }


def remove_loops(hexes: list[Hex]) -> list[Hex]:
    """Cut out any loop where a path comes back to a hex it already visited."""
    out: list[Hex] = []
    pos: dict[Hex, int] = {}
    for h in hexes:
        if h in pos:
            k = pos[h]
            for dropped in out[k + 1 :]:
                del pos[dropped]
            del out[k + 1 :]
        else:
            pos[h] = len(out)
            out.append(h)
    return out


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _wrapped(items: Sequence[Any], indent: str, width: int = 100) -> list[str]:
    """Comma-separated JSON items, packed into lines of about ``width``."""
    lines: list[str] = []
    cur = ""
    for i, item in enumerate(items):
        s = _j(item) + ("," if i < len(items) - 1 else "")
        if cur and len(indent) + len(cur) + 1 + len(s) > width:
            lines.append(indent + cur)
            cur = s
        else:
            cur = f"{cur} {s}" if cur else s
    if cur:
        lines.append(indent + cur)
    return lines


def format_map(m: dict[str, Any]) -> str:
    """Hand-formatted JSON: one grid row per line, one place per line."""
    out: list[str] = ["{"]
    keys = list(m)
    for ki, key in enumerate(keys):
        value = m[key]
        comma = "," if ki < len(keys) - 1 else ""
        head = f"  {_j(key)}: "
        if key in ("terrain", "country"):
            out.append(head + "[")
            out.extend(f"    {_j(s)}{',' if i < len(value) - 1 else ''}" for i, s in enumerate(value))
            out.append("  ]" + comma)
        elif key == "elevation":
            width = max(len(str(v)) for row in value for v in row)
            out.append(head + "[")
            for i, row in enumerate(value):
                cells = ", ".join(str(v).rjust(width) for v in row)
                out.append(f"    [{cells}]{',' if i < len(value) - 1 else ''}")
            out.append("  ]" + comma)
        elif key in ("places", "notes"):
            out.append(head + "[")
            out.extend(f"    {_j(v)}{',' if i < len(value) - 1 else ''}" for i, v in enumerate(value))
            out.append("  ]" + comma)
        elif key in ("rivers", "routes"):
            listkey = "hexsides" if key == "rivers" else "hexes"
            out.append(head + "[")
            for i, item in enumerate(value):
                meta = {k: v for k, v in item.items() if k != listkey}
                first = _j(meta)[:-1] + f", {_j(listkey)}: ["
                out.append("    " + first)
                out.extend(_wrapped(item[listkey], "      "))
                out.append("    ]}" + ("," if i < len(value) - 1 else ""))
            out.append("  ]" + comma)
        elif key == "legend":
            out.append(head + "{")
            sub = list(value)
            for i, k in enumerate(sub):
                out.append(f"    {_j(k)}: {_j(value[k])}{',' if i < len(sub) - 1 else ''}")
            out.append("  }" + comma)
        else:
            out.append(head + _j(value) + comma)
    out.append("}")
    return "\n".join(out) + "\n"


def build(assets: Path, out: Path) -> dict[str, Any]:
    m = MapBuilder(assets).build()
    text = format_map(m)
    # Round-trip check: the hand formatting must be valid JSON with the same data.
    if json.loads(text) != json.loads(json.dumps(m)):
        raise SystemExit("internal error: formatted JSON does not round-trip")
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return m


def summary(m: dict[str, Any]) -> str:
    terrain = "".join(m["terrain"])
    country = "".join(m["country"])
    land = sum(1 for t in terrain if t not in ".")
    tcount = {k: terrain.count(k) for k in m["legend"]["terrain"]}
    ccount = {k: country.count(k) for k in m["legend"]["country"]}
    lines = [
        f"grid {m['cols']} x {m['rows']} = {m['cols'] * m['rows']} hexes, {land} land (incl. lakes)",
        "terrain: " + ", ".join(f"{TERRAIN_LEGEND[k]} {v}" for k, v in tcount.items()),
        "country: " + ", ".join(f"{COUNTRY_LEGEND[k]} {v}" for k, v in ccount.items()),
        "rivers: " + ", ".join(f"{r['id']} {len(r['hexsides'])}" for r in m["rivers"]),
        "routes: " + ", ".join(f"{r['id']} {len(r['hexes'])}" for r in m["routes"]),
    ]
    lines += [f"note: {n}" for n in m["notes"]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(prog="python -m game.tools.build_map", description=__doc__.splitlines()[0])
    ap.add_argument("--assets", type=Path, default=root / "assets", help="assets directory (input)")
    ap.add_argument("--out", type=Path, default=None, help="output file (default: ASSETS/map/hexmap.json)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    out = args.out or args.assets / "map" / "hexmap.json"
    t0 = time.perf_counter()
    m = build(args.assets, out)
    if not args.quiet:
        print(summary(m))
        print(f"wrote {out} ({out.stat().st_size} bytes) in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
