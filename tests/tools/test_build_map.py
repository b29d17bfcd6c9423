"""Checks on the committed hex map, assets/map/hexmap.json.

The tests read the committed file; only ``test_rebuild_is_byte_identical``
runs the builder (about 2 s), in a subprocess, into a temporary directory.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MAP_PATH = ROOT / "assets" / "map" / "hexmap.json"
PLACES_PATH = ROOT / "assets" / "places.yaml"

# Axial steps, as in game/engine/hexes.py: 0 E, 1 NE, 2 NW, 3 W, 4 SW, 5 SE.
DIRECTIONS = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))
SIDE_COUNTRY = {"south": "R", "north": "N", "china": "C"}


@pytest.fixture(scope="module")
def hexmap() -> dict:
    with open(MAP_PATH, encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def places_yaml() -> list[dict]:
    with open(PLACES_PATH, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["places"]


def offset(q: int, r: int) -> tuple[int, int]:
    """Axial -> odd-r offset (col, row)."""
    return q + (r - (r & 1)) // 2, r


def cell(m: dict, key: str, q: int, r: int) -> str:
    col, row = offset(q, r)
    assert 0 <= row < m["rows"] and 0 <= col < m["cols"], (q, r)
    return m[key][row][col]


def in_grid(m: dict, q: int, r: int) -> bool:
    col, row = offset(q, r)
    return 0 <= row < m["rows"] and 0 <= col < m["cols"]


def hex_distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    dq, dr = a[0] - b[0], a[1] - b[1]
    return (abs(dq) + abs(dr) + abs(dq + dr)) // 2


def centre_km(m: dict, q: int, r: int) -> tuple[float, float]:
    k = m["hex_km"]
    return k * (q + r / 2), k * math.sqrt(3) / 2 * r


def centre_lat(m: dict, q: int, r: int) -> float:
    p = m["projection"]
    return p["lat0"] - centre_km(m, q, r)[1] / p["km_per_deg_lat"]


def place(m: dict, pid: str) -> dict:
    found = [p for p in m["places"] if p["id"] == pid]
    assert len(found) == 1, pid
    return found[0]


def land_hexes(m: dict) -> list[tuple[int, int]]:
    out = []
    for row in range(m["rows"]):
        for col in range(m["cols"]):
            if m["terrain"][row][col] != ".":
                out.append((col - (row - (row & 1)) // 2, row))
    return out


# ---------------------------------------------------------------------------


def test_header_and_grid_shape(hexmap):
    m = hexmap
    assert m["format"] == 1
    assert m["hex_km"] == 16
    assert m["orientation"] == "pointy" and m["offset"] == "odd-r"
    assert m["projection"]["kind"] == "equirectangular"
    assert (ROOT / m["sources"]).is_file()
    assert MAP_PATH.stat().st_size < 600_000
    for key in ("terrain", "country", "elevation"):
        assert len(m[key]) == m["rows"]
        assert all(len(row) == m["cols"] for row in m[key]), key
    terrain_codes = set(m["legend"]["terrain"])
    country_codes = set(m["legend"]["country"])
    assert set("".join(m["terrain"])) <= terrain_codes
    assert set("".join(m["country"])) <= country_codes


def test_map_covers_the_box(hexmap):
    m = hexmap
    p = m["projection"]
    # Row 0 is at lat0; the last row reaches south of Cheju (33.0 N).
    assert p["lat0"] >= 43.0
    assert centre_lat(m, 0, m["rows"] - 1) <= 33.1
    # The east edge reaches 131 E.
    east_km = m["hex_km"] * (m["cols"] - 0.5)
    assert p["lon0"] <= 124.0 and p["lon0"] + east_km / p["km_per_deg_lon"] >= 130.95


def test_sea_has_no_country_and_land_has_one(hexmap):
    m = hexmap
    for row in range(m["rows"]):
        for col in range(m["cols"]):
            t, c, e = m["terrain"][row][col], m["country"][row][col], m["elevation"][row][col]
            assert isinstance(e, int)
            if t == ".":
                assert c == "." and e == 0, (col, row)
            else:
                assert c != "." and e >= 0, (col, row)


def test_counts_are_plausible(hexmap):
    m = hexmap
    land = land_hexes(m)
    countries = "".join(m["country"])
    terrain = "".join(m["terrain"])
    # Reported by the builder: 1,638 land hexes of 3,237.
    assert 1300 <= len(land) <= 2000
    for code, low in (("R", 350), ("N", 450), ("C", 300), ("S", 3), ("J", 20)):
        assert countries.count(code) >= low, code
    for code in "chmTC":
        assert terrain.count(code) > 0, code
    # Korea is mostly hills and mountains, with real plains in the west.
    korea = [t for t, c in zip(terrain, countries) if c in "RN"]
    assert 0.15 < korea.count("c") / len(korea) < 0.45
    assert 0.20 < korea.count("m") / len(korea) < 0.50


def test_38th_parallel_split(hexmap):
    m = hexmap
    half_row_deg = m["hex_km"] / math.sqrt(3) / 2 / m["projection"]["km_per_deg_lat"]
    for q, r in land_hexes(m):
        c = cell(m, "country", q, r)
        lat = centre_lat(m, q, r)
        if c == "R":
            assert lat < 38.0 + half_row_deg, (q, r)
        elif c == "N":
            assert lat > 38.0 - half_row_deg, (q, r)


def test_every_place_is_on_land_of_its_country(hexmap, places_yaml):
    m = hexmap
    by_id = {p["id"]: p for p in m["places"]}
    assert len(by_id) == len(m["places"]) == len(places_yaml)
    for src in places_yaml:
        p = by_id[src["id"]]
        assert p["name"] == src["name"]
        assert p["type"] == src["type"]
        assert p["port"] == bool(src["port"])
        assert p["capital"] == (src["type"] == "capital")
        assert (p["airfield"] is None) == (src["airfield"] is None)
        assert (p["lat"], p["lon"]) == (src["lat"], src["lon"])
        q, r = p["hex"]
        assert cell(m, "terrain", q, r) not in ".l", src["id"]
        assert cell(m, "country", q, r) == SIDE_COUNTRY[src["side_1950"]], src["id"]
        if src["type"] in ("capital", "city", "city_china"):
            assert cell(m, "terrain", q, r) == "C", src["id"]
        elif src["type"] == "town":
            assert cell(m, "terrain", q, r) in "TC", src["id"]


def test_places_are_near_their_coordinates(hexmap):
    m = hexmap
    p = m["projection"]
    moved = {note.split(":")[0] for note in m["notes"] if "moved" in note}
    for pl in m["places"]:
        x = (pl["lon"] - p["lon0"]) * p["km_per_deg_lon"]
        y = (p["lat0"] - pl["lat"]) * p["km_per_deg_lat"]
        cx, cy = centre_km(m, *pl["hex"])
        limit = 2.0 * m["hex_km"] if pl["id"] in moved else m["hex_km"] / math.sqrt(3) + 0.01
        assert math.hypot(cx - x, cy - y) <= limit, pl["id"]


def test_key_places_relative_positions(hexmap):
    m = hexmap

    def xy(pid):
        return centre_km(m, *place(m, pid)["hex"])

    seoul, pyongyang, pusan = xy("seoul"), xy("pyongyang"), xy("pusan")
    inchon, wonsan, hungnam, sinuiju = xy("inchon"), xy("wonsan"), xy("hungnam"), xy("sinuiju")
    cheju = xy("cheju")
    # y grows southward.
    assert pusan[0] > seoul[0] + 100 and pusan[1] > seoul[1] + 200  # Pusan south-east of Seoul
    assert pyongyang[1] < seoul[1] - 100 and pyongyang[0] < seoul[0]  # Pyongyang north-west of Seoul
    assert inchon[0] < seoul[0] and abs(inchon[1] - seoul[1]) < 20  # Inchon west of Seoul
    assert wonsan[0] > pyongyang[0] + 100 and abs(wonsan[1] - pyongyang[1]) < 40  # east of Pyongyang
    assert hungnam[1] < wonsan[1] - 50  # Hungnam north of Wonsan
    assert sinuiju[0] < pyongyang[0] and sinuiju[1] < pyongyang[1]  # Sinuiju north-west
    assert cheju[1] > pusan[1] + 100  # Cheju is the southernmost
    assert place(m, "seoul")["capital"] and place(m, "pyongyang")["capital"]
    assert sorted(p["id"] for p in m["places"] if p["capital"]) == ["pyongyang", "seoul"]
    for pid in ("pusan", "inchon", "wonsan", "hungnam"):
        assert place(m, pid)["port"], pid
    for pid in ("kimpo", "taegu", "pusan"):
        assert place(m, pid)["airfield"], pid
    # Antung is in China, across the Yalu from Sinuiju.
    q, r = place(m, "antung")["hex"]
    assert cell(m, "country", q, r) == "C"


def test_cheju_and_tumen_are_on_the_map(hexmap):
    m = hexmap
    q, r = place(m, "cheju")["hex"]
    assert cell(m, "country", q, r) == "R"
    tumen = [rv for rv in m["rivers"] if rv["id"] == "tumen"]
    assert tumen and len(tumen[0]["hexsides"]) >= 30


MIN_SIDES = {
    "yalu": 50,
    "tumen": 30,
    "chongchon": 8,
    "taedong": 20,
    "imjin": 12,
    "han": 3,
    "pukhan": 12,
    "namhan": 12,
    "kum": 12,
    "naktong": 25,
}


def test_rivers(hexmap):
    m = hexmap
    ids = [rv["id"] for rv in m["rivers"]]
    assert sorted(ids) == sorted(MIN_SIDES)
    for rv in m["rivers"]:
        sides = [tuple(s) for s in rv["hexsides"]]
        assert len(sides) >= MIN_SIDES[rv["id"]], rv["id"]
        assert len(set(sides)) == len(sides), rv["id"]
        for q, r, d in sides:
            assert d in (0, 1, 2)
            nq, nr = q + DIRECTIONS[d][0], r + DIRECTIONS[d][1]
            assert in_grid(m, q, r) and in_grid(m, nq, nr)
            a, b = cell(m, "terrain", q, r), cell(m, "terrain", nq, nr)
            assert a not in ".l" or b not in ".l", (rv["id"], q, r, d)


def _corner_keys(q: int, r: int, d: int) -> tuple[tuple[int, int], ...]:
    # Hex corners in a lattice where the centre of (q, r) is (2*(2q + r), 6r) and
    # the corners of direction d's side are at angles 30(2d - 1) and 30(2d + 1) deg.
    cx, cy = 2 * (2 * q + r), 6 * r
    offsets = {0: ((2, 2), (2, -2)), 1: ((2, -2), (0, -4)), 2: ((0, -4), (-2, -2))}
    return tuple((cx + dx, cy + dy) for dx, dy in offsets[d])


def _components(sides: list[tuple[int, int, int]]) -> int:
    parent = list(range(len(sides)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[int, int], int] = {}
    for i, s in enumerate(sides):
        for corner in _corner_keys(*s):
            if corner in seen:
                parent[find(i)] = find(seen[corner])
            else:
                seen[corner] = i
    return len({find(i) for i in range(len(sides))})


def test_yalu_and_tumen_follow_the_border(hexmap):
    m = hexmap
    on_river = {tuple(s) for rv in m["rivers"] if rv["id"] in ("yalu", "tumen") for s in rv["hexsides"]}
    border = []
    for q, r in land_hexes(m):
        for d in (0, 1, 2):
            nq, nr = q + DIRECTIONS[d][0], r + DIRECTIONS[d][1]
            if not in_grid(m, nq, nr):
                continue
            pair = {cell(m, "country", q, r), cell(m, "country", nq, nr)}
            if pair in ({"N", "C"}, {"N", "S"}):
                border.append((q, r, d))
    assert len(border) > 80
    covered = sum(1 for s in border if s in on_river)
    # Only the short land border at Paektu-san has no river.
    assert covered >= 0.95 * len(border)
    for rv in m["rivers"]:
        if rv["id"] in ("yalu", "tumen"):
            assert _components([tuple(s) for s in rv["hexsides"]]) <= 2, rv["id"]


EXPECTED_ROUTES = {
    "kyongbu_rail": ("pusan", "sinuiju"),
    "kyongwon_rail": ("seoul", "wonsan"),
    "pyongwon_rail": ("pyongyang", "wonsan"),
    "hamgyong_rail": ("wonsan", "chongjin"),
    "honam_rail": ("taejon", "mokpo"),
    "taegu_pohang_rail": ("taegu", "pohang"),
    "manpo_rail": (None, "manpojin"),
    "central_road": ("seoul", "taegu"),
    "chosin_road": ("hamhung", "yudamni"),
    "east_coast_road": ("pusan", "wonsan"),
    "south_road": ("taegu", "kwangju"),
    "seoul_chunchon_road": ("seoul", "chunchon"),
    "pyongyang_wonsan_road": ("pyongyang", "wonsan"),
    "chongchon_road": ("anju", "kanggye"),
    "hyesanjin_road": ("hamhung", "hyesanjin"),
    "tumen_road": ("chongjin", None),
}


def test_routes_are_contiguous_land_paths(hexmap):
    m = hexmap
    ids = [rt["id"] for rt in m["routes"]]
    assert len(set(ids)) == len(ids)
    assert set(EXPECTED_ROUTES) <= set(ids)
    for rt in m["routes"]:
        assert rt["kind"] in ("rail", "road")
        hexes = [tuple(h) for h in rt["hexes"]]
        assert len(hexes) >= 2, rt["id"]
        assert len(set(hexes)) == len(hexes), rt["id"]
        for q, r in hexes:
            assert cell(m, "terrain", q, r) not in ".l", (rt["id"], q, r)
            assert cell(m, "country", q, r) in "RN", (rt["id"], q, r)
        for a, b in zip(hexes, hexes[1:]):
            assert hex_distance(a, b) == 1, (rt["id"], a, b)
    for rid, (start, end) in EXPECTED_ROUTES.items():
        rt = next(x for x in m["routes"] if x["id"] == rid)
        if start:
            assert tuple(rt["hexes"][0]) == tuple(place(m, start)["hex"]), rid
        if end:
            assert tuple(rt["hexes"][-1]) == tuple(place(m, end)["hex"]), rid


def test_tumen_road_reaches_the_border(hexmap):
    m = hexmap
    rt = next(x for x in m["routes"] if x["id"] == "tumen_road")
    q, r = rt["hexes"][-1]
    assert any(in_grid(m, q + dq, r + dr) and cell(m, "country", q + dq, r + dr) == "C" for dq, dr in DIRECTIONS)


def first_difference(a: dict, b: dict) -> str:
    """Where two maps differ, for a readable failure (a byte diff of 500 kB is not)."""
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            va, vb = a.get(key), b.get(key)
            if isinstance(va, list) and isinstance(vb, list):
                if len(va) != len(vb):
                    return f"{key}: {len(va)} entries, the committed file has {len(vb)}"
                i = next(i for i, (x, y) in enumerate(zip(va, vb)) if x != y)
                return f"{key}[{i}]: {str(va[i])[:120]} != committed {str(vb[i])[:120]}"
            return f"{key}: {str(va)[:120]} != committed {str(vb)[:120]}"
    return "same content, different bytes (formatting or key order)"


def test_rebuild_is_byte_identical(tmp_path):
    out = tmp_path / "hexmap.json"
    subprocess.run(
        [sys.executable, "-m", "game.tools.build_map", "--quiet", "--out", str(out)],
        cwd=ROOT,
        check=True,
        timeout=300,  # only a guard against a hung builder; tests never assert on time (ARCHITECTURE 9)
    )
    rebuilt, committed = out.read_bytes(), MAP_PATH.read_bytes()
    if rebuilt != committed:
        pytest.fail("the builder no longer reproduces assets/map/hexmap.json: "
                    + first_difference(json.loads(rebuilt), json.loads(committed)))
