"""The ETOPO5 elevation grid (assets/geo/elevation_etopo5.json), shared by the map builder and the renderer.

Row 0 is the northernmost.  Sampling applies the east-coast shift that
assets/geo/SOURCES.md describes: the grid matches the east coast best moved
one cell east, the west coast with no shift, so the shift grows from none at
127°E to a whole cell at 128°E and beyond.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

#: Longitudes between which the eastward sampling shift grows from 0 to one cell.
ETOPO_SHIFT_LON = (127.0, 128.0)


class Etopo:
    def __init__(self, path: Path) -> None:
        with open(path, encoding="utf-8") as fh:
            d = json.load(fh)
        self.z = np.asarray(d["values"], dtype=np.float64)
        self.lat_first = float(d["lat_first"])
        self.lon_first = float(d["lon_first"])
        self.step_lat = float(d["step_deg"])
        self.step_lon = float(d.get("step_lon_actual", d["step_deg"]))

    def sample(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Bilinear heights in metres (negative: sea depth), with the east-coast shift applied."""
        w0, w1 = ETOPO_SHIFT_LON
        shift = np.clip((lon - w0) / (w1 - w0), 0.0, 1.0) * self.step_lon
        fc = (lon - shift - self.lon_first) / self.step_lon
        fr = (self.lat_first - lat) / self.step_lat
        nr, nc = self.z.shape
        fc = np.clip(fc, 0.0, nc - 1.000001)
        fr = np.clip(fr, 0.0, nr - 1.000001)
        c0 = np.floor(fc).astype(np.intp)
        r0 = np.floor(fr).astype(np.intp)
        tc = fc - c0
        tr = fr - r0
        z = self.z
        top = z[r0, c0] * (1 - tc) + z[r0, c0 + 1] * tc
        bot = z[r0 + 1, c0] * (1 - tc) + z[r0 + 1, c0 + 1] * tc
        return top * (1 - tr) + bot * tr
