"""Fixtures for the scenario tests: a tiny map (no dependency on assets/) and file helpers.

The fixture map, 8 x 6 hexes (odd-r offsets; places given in axial [q, r]):

    row 0   . . c C h h m .      antung [3, 0] (PRC)
    row 1    . c c c c m m .     wonsan [5, 1] (port)
    row 2   . c T c c h h .      pyongyang [1, 2]
    row 3    . . c c C c c .     kaesong [1, 3], seoul [3, 3]
    row 4   . c c l c T c .      inchon [0, 4] (port), lake [1, 4], pusan [3, 4] (port)
    row 5   . . . . . . . .

Rows 0-2 are DPRK (antung's row-0 hexes PRC), rows 3-4 ROK.  Hex [0, 0] is sea.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

HERE = Path(__file__).parent
BROKEN_DIR = HERE / "broken"
GOOD_DIR = HERE / "good"


def fixture_mapdata() -> dict:
    def place(pid: str, name: str, q: int, r: int, port: bool = False, capital: bool = False) -> dict:
        return {"id": pid, "name": name, "hex": [q, r], "type": "city", "port": port, "airfield": None,
                "capital": capital, "lat": 38.0, "lon": 127.0}

    return {
        "format": 1, "cols": 8, "rows": 6, "hex_km": 16,
        "projection": {"lon0": 126.0, "lat0": 39.0, "km_per_deg_lon": 87.7, "km_per_deg_lat": 110.57},
        "terrain": ["..cChhm.", ".ccccmm.", ".cTcchh.", "..ccCcc.", ".cclcTc.", "........"],
        "country": ["..CCNNN.", ".NNNNNN.", ".NNNNNN.", "..RRRRR.", ".RR.RRR.", "........"],
        "rivers": [], "routes": [],
        "places": [
            place("antung", "Antung", 3, 0), place("wonsan", "Wonsan", 5, 1, port=True),
            place("pyongyang", "Pyongyang", 1, 2, capital=True), place("kaesong", "Kaesong", 1, 3),
            place("seoul", "Seoul", 3, 3, capital=True), place("inchon", "Inchon", 0, 4, port=True),
            place("pusan", "Pusan", 3, 4, port=True),
        ],
    }


def nodes(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) of ``value`` and of everything inside it, mappings by key and lists by index, depth first."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from nodes(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from nodes(v, path + (i,))
