"""The real geography for drawing, in the map's kilometre plane.

Reads assets/geo/*.geojson and the ETOPO5 grid (see assets/geo/SOURCES.md) and
converts every coordinate with the board's projection, so the renderer draws
coastlines, rivers and borders in the same plane as the hexes.  Also computes
the smoothed height field and hill shading used for relief (numpy only).

Nothing here draws; :mod:`game.ui.map_render` does.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from game.elevation import ETOPO_SHIFT_LON, Etopo  # noqa: F401 - shared with the renderer
from game.engine.board import Projection
from game.paths import ASSETS_DIR

GEO_DIR = ASSETS_DIR / "geo"

#: ETOPO5 fits the east coast best shifted one cell east, the west coast unshifted; the
#: shift ramps between these meridians.  Same rule as game/tools/build_map.py (ETOPO_SHIFT_LON).

#: Rivers drawn bold (the ones that carry game hexsides); others are drawn thin.
MAJOR_RIVERS = ("yalu", "tumen", "ch'ongch'on", "chongchon", "taedong", "imjin", "han", "pukhan",
                "namhan", "kum", "naktong")


@dataclass(frozen=True)
class Line:
    """A polyline in km with its name and a drawing class."""

    name: str
    kind: str
    pts: np.ndarray                   # (n, 2) float64 km
    bbox: tuple[float, float, float, float]
    major: bool = False


@dataclass(frozen=True)
class Area:
    """A polygon in km: ``rings[0]`` the outline, the rest holes."""

    name: str
    kind: str
    rings: tuple[np.ndarray, ...]
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class Peak:
    name: str
    elevation_m: int
    x: float
    y: float


@dataclass
class GeoData:
    land: list[Area]
    lakes: list[Area]
    foreign: list[Area]           # China, Russia, Japan
    rivers: list[Line]
    borders: list[Line]           # Yalu/Tumen and the other international lines
    parallel38: list[Line]
    mdl: list[Line]               # the 1953 Military Demarcation Line
    peaks: list[Peak]
    ranges: list[Line]            # schematic range axes (for labels only)
    etopo: "Etopo"


def _bbox(pts: np.ndarray) -> tuple[float, float, float, float]:
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max())


def _to_km(proj: Projection, coords) -> np.ndarray:
    a = np.asarray(coords, dtype=np.float64)
    x = (a[:, 0] - proj.lon0) * proj.km_per_deg_lon
    y = (proj.lat0 - a[:, 1]) * proj.km_per_deg_lat
    return np.column_stack([x, y])


def _polygons(geom: dict) -> list[list]:
    if geom["type"] == "Polygon":
        return [geom["coordinates"]]
    if geom["type"] == "MultiPolygon":
        return list(geom["coordinates"])
    return []


def _lines(geom: dict) -> list:
    if geom["type"] == "LineString":
        return [geom["coordinates"]]
    if geom["type"] == "MultiLineString":
        return list(geom["coordinates"])
    return []


def _load(name: str) -> list[dict]:
    with open(GEO_DIR / name, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def _areas(proj: Projection, features: list[dict], name_key: str, kind: str) -> list[Area]:
    out = []
    for f in features:
        for poly in _polygons(f["geometry"]):
            rings = tuple(_to_km(proj, ring) for ring in poly if len(ring) >= 3)
            if rings:
                out.append(Area(str(f["properties"].get(name_key, "")), kind, rings, _bbox(rings[0])))
    return out


def _river_is_major(name: str) -> bool:
    low = name.lower()
    return any(low.startswith(m) for m in MAJOR_RIVERS)


@lru_cache(maxsize=4)
def load_geo(proj: Projection) -> GeoData:
    """All drawing geography for a projection (cached: the files are read once)."""
    land = _areas(proj, _load("land.geojson"), "kind", "land")
    lakes = _areas(proj, _load("lakes.geojson"), "name", "lake")
    foreign = [a for a in _areas(proj, _load("countries_modern.geojson"), "iso_a3", "country")
               if a.name in ("CHN", "RUS", "JPN")]
    rivers: list[Line] = []
    for f in _load("rivers.geojson"):
        p = f["properties"]
        if p.get("duplicate_of_ne"):
            continue
        name = str(p.get("name", ""))
        unnamed = name.startswith("unnamed")
        for part in _lines(f["geometry"]):
            if len(part) < 2:
                continue
            pts = _to_km(proj, part)
            rivers.append(Line(name, "river_minor" if unnamed else "river", pts, _bbox(pts),
                               major=_river_is_major(name)))
    borders, parallel, mdl = [], [], []
    for f in _load("boundaries.geojson"):
        p = f["properties"]
        kind = p.get("kind", "")
        for part in _lines(f["geometry"]):
            pts = _to_km(proj, part)
            line = Line(str(p.get("name", "")), kind, pts, _bbox(pts))
            if kind == "international_boundary":
                borders.append(line)
            elif kind == "parallel_38":
                parallel.append(line)
            elif kind == "military_demarcation_line":
                mdl.append(line)
    peaks, ranges = [], []
    for f in _load("mountains.geojson"):
        p, g = f["properties"], f["geometry"]
        if p.get("kind") == "peak" and g["type"] == "Point":
            x, y = proj.to_km(*g["coordinates"][:2])
            peaks.append(Peak(str(p["name"]), int(p.get("elevation_m", 0)), x, y))
        elif p.get("kind") == "range_axis":
            for part in _lines(g):
                pts = _to_km(proj, part)
                ranges.append(Line(str(p["name"]), "range", pts, _bbox(pts)))
    etopo = Etopo(GEO_DIR / "elevation_etopo5.json")
    return GeoData(land, lakes, foreign, rivers, borders, parallel, mdl, peaks, ranges, etopo)


# ---------------------------------------------------------------------------------------------
# Relief
# ---------------------------------------------------------------------------------------------


def box_blur(a: np.ndarray, radius: int, passes: int = 3) -> np.ndarray:
    """Separable box blur (``passes`` times: close to a Gaussian of sigma ~ radius)."""
    if radius <= 0:
        return a
    out = a.astype(np.float64, copy=True)
    k = 2 * radius + 1
    for _ in range(passes):
        for axis in (0, 1):
            pad = [(0, 0), (0, 0)]
            pad[axis] = (radius + 1, radius)
            p = np.pad(out, pad, mode="edge")
            c = np.cumsum(p, axis=axis)
            if axis == 0:
                out = (c[k:, :] - c[:-k, :]) / k
            else:
                out = (c[:, k:] - c[:, :-k]) / k
    return out


@dataclass
class ReliefGrid:
    """Heights and hill shading sampled on a regular km raster.

    Pixel (row i, col j) covers km ``[x0 + j*kmpp, x0 + (j+1)*kmpp)`` and likewise in y.
    ``shade`` is the illumination relative to flat ground: > 0 sunlit, < 0 in shadow.
    """

    x0: float
    y0: float
    kmpp: float
    height: np.ndarray     # (h, w) float32 metres, negative at sea
    shade: np.ndarray      # (h, w) float32

    @property
    def shape(self) -> tuple[int, int]:
        return self.height.shape  # type: ignore[return-value]


def relief_grid(proj: Projection, etopo: Etopo, bounds: tuple[float, float, float, float],
                kmpp: float, azimuth_deg: float = 315.0, altitude_deg: float = 40.0,
                exaggeration: float = 7.0) -> ReliefGrid:
    """Sample ETOPO5 over ``bounds`` (km) at ``kmpp`` km a pixel, smooth it, and hill-shade it.

    The grid's 5' cells (about 7 x 9 km) would show as facets, so heights are
    blurred over about one cell before shading; ETOPO5 is smooth and low, so the
    slopes are exaggerated to give the ranges their shape.
    """
    x0, y0, x1, y1 = bounds
    w = int(math.ceil((x1 - x0) / kmpp))
    h = int(math.ceil((y1 - y0) / kmpp))
    xs = x0 + (np.arange(w) + 0.5) * kmpp
    ys = y0 + (np.arange(h) + 0.5) * kmpp
    lon = proj.lon0 + xs / proj.km_per_deg_lon
    lat = proj.lat0 - ys / proj.km_per_deg_lat
    lon2, lat2 = np.meshgrid(lon, lat)
    z = etopo.sample(lon2, lat2)
    z = box_blur(z, max(1, int(round(4.0 / kmpp))))
    dzdy, dzdx = np.gradient(z * exaggeration, kmpp * 1000.0)
    # Aspect in the map's frame (x east, y south); the light comes from `azimuth` (clockwise from north).
    az = math.radians(azimuth_deg)
    alt = math.radians(altitude_deg)
    lx, ly = math.sin(az), -math.cos(az)          # direction towards the light, y southward
    # Surface normal ~ (-dz/dx, -dz/dy, 1) normalised; light vector (lx cos alt, ly cos alt, sin alt).
    nz = 1.0 / np.sqrt(1.0 + dzdx * dzdx + dzdy * dzdy)
    illum = (-dzdx * lx * math.cos(alt) - dzdy * ly * math.cos(alt) + math.sin(alt)) * nz
    shade = illum - math.sin(alt)
    return ReliefGrid(x0, y0, kmpp, z.astype(np.float32), shade.astype(np.float32))
