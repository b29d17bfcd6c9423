"""Map renderer: layout round trips, terrain layer, counters, one headless viewer frame."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import json  # noqa: E402
import math  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.engine.board import Board, Terrain  # noqa: E402
from game.engine.hexes import Hex, offset_to_axial  # noqa: E402
from game.engine.units import UNIT_SIZES, UNIT_TYPES, Unit  # noqa: E402
from game.paths import MAP_FILE  # noqa: E402
from game.ui.layout import Layout  # noqa: E402


@pytest.fixture(scope="module")
def board() -> Board:
    with open(MAP_FILE, encoding="utf-8") as fh:
        return Board.from_mapdata(json.load(fh))


@pytest.fixture(scope="module")
def display():
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


@pytest.fixture(scope="module")
def terrain(board, display):
    from game.ui.map_render import TerrainLayer

    return TerrainLayer(board)


# -- layout -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [5.0, 8.5, 17.0, 33.3, 64.0, 120.0])
def test_hex_to_pixel_round_trip(board, size):
    lay = Layout.for_board(board, (1600, 900))
    lay.size = size
    lay.center_on_hex(board.places["seoul"].hex)
    for row in range(0, board.rows, 7):
        for col in range(0, board.cols, 5):
            h = offset_to_axial(col, row)
            x, y = lay.hex_to_pixel(h)
            assert lay.pixel_to_hex(x, y) == h
            # Points well inside the hex (60% of the way to a corner) map back to it too.
            for cx, cy in lay.hex_corners(h):
                assert lay.pixel_to_hex(x + 0.6 * (cx - x), y + 0.6 * (cy - y)) == h


def test_size_and_scale_agree(board):
    lay = Layout.for_board(board, (800, 600))
    lay.size = 30.0
    assert lay.size == pytest.approx(30.0)
    a = lay.hex_to_pixel(Hex(0, 10))
    b = lay.hex_to_pixel(Hex(1, 10))
    assert math.hypot(b[0] - a[0], b[1] - a[1]) == pytest.approx(30.0 * math.sqrt(3))
    corners = lay.hex_corners(Hex(0, 10))
    assert len(corners) == 6
    for cx, cy in corners:
        assert math.hypot(cx - a[0], cy - a[1]) == pytest.approx(30.0)


def test_lonlat_lands_in_its_place_hex(board):
    lay = Layout.for_board(board, (1600, 900))
    lay.size = 40.0
    proj = board.projection
    for p in board.places.values():
        x, y = lay.lonlat_to_pixel(p.lon, p.lat)
        fq, fr = proj.fractional_hex(p.lon, p.lat)
        from game.engine.hexes import hex_round
        assert lay.pixel_to_hex(x, y) == hex_round(fq, fr)


@pytest.mark.parametrize("factor", [1.25, 0.8, 2.0, 1 / 1.19])
def test_zoom_at_keeps_cursor_point(board, factor):
    lay = Layout.for_board(board, (1600, 900))
    lay.size = 30.0
    lay.center_on_hex(board.places["taejon"].hex)
    cursor = (700.0, 420.0)
    before = lay.pixel_to_km(*cursor)
    lay.zoom_at(factor, cursor)
    assert lay.size == pytest.approx(30.0 * factor)
    after = lay.pixel_to_km(*cursor)
    assert after[0] == pytest.approx(before[0], abs=1e-6)
    assert after[1] == pytest.approx(before[1], abs=1e-6)


def test_zoom_is_bounded_and_fit_shows_everything(board):
    lay = Layout.for_board(board, (1920, 1080))
    xmin, ymin, xmax, ymax = lay.world_bounds()
    x0, y0 = lay.km_to_pixel(xmin, ymin)
    x1, y1 = lay.km_to_pixel(xmax, ymax)
    assert x0 >= -0.5 and y0 >= -0.5 and x1 <= 1920.5 and y1 <= 1080.5
    lay.zoom_at(1e-3, (960, 540))
    assert lay.scale == pytest.approx(lay.min_scale)
    lay.zoom_at(1e6, (960, 540))
    assert lay.scale == pytest.approx(lay.max_scale)


def test_pan_is_clamped(board):
    lay = Layout.for_board(board, (1600, 900))
    lay.size = 40
    lay.pan(1e6, 1e6)
    x0, y0 = lay.km_to_pixel(*lay.world_bounds()[:2])
    assert x0 <= 1600 * 0.31 and y0 <= 900 * 0.31
    lay.pan(-1e7, -1e7)
    x1, y1 = lay.km_to_pixel(*lay.world_bounds()[2:])
    assert x1 >= 1600 * 0.69 and y1 >= 900 * 0.69


def test_visible_hex_range_covers_the_view(board):
    lay = Layout.for_board(board, (1200, 800))
    lay.size = 25
    lay.center_on_hex(board.places["pyongyang"].hex)
    col0, col1, row0, row1 = lay.visible_hex_range(margin=0)
    inside = set(lay.visible_hexes(margin=0))
    for px in range(0, 1200, 37):
        for py in range(0, 800, 41):
            h = lay.pixel_to_hex(px, py)
            if board.on_map(h):
                assert h in inside
    assert 0 <= col0 < col1 <= board.cols and 0 <= row0 < row1 <= board.rows


# -- line work ---------------------------------------------------------------------------------------


def test_clip_polygon_to_rect():
    from game.ui.map_lines import clip_polygon

    square = np.array([[-10.0, -10.0], [10.0, -10.0], [10.0, 10.0], [-10.0, 10.0]])
    c = clip_polygon(square, 0, 0, 100, 100)
    xs, ys = c[:, 0], c[:, 1]
    assert xs.min() == 0 and ys.min() == 0 and xs.max() == 10 and ys.max() == 10
    # Shoelace area of the clipped part: a 10 x 10 square.
    area = 0.5 * abs(np.dot(xs, np.roll(ys, -1)) - np.dot(ys, np.roll(xs, -1)))
    assert area == pytest.approx(100.0)
    assert len(clip_polygon(square, 50, 50, 60, 60)) == 0


def test_dashes_simplify_and_ticks():
    from game.ui.map_lines import dashes, simplify, ticks

    line = np.array([[0.0, 0.0], [100.0, 0.0]])
    ds = dashes(line, 10, 5)
    assert len(ds) == 7                       # dashes start at 0, 15, ..., 90
    assert all(d[-1, 0] - d[0, 0] <= 10 + 1e-9 for d in ds)
    dense = np.column_stack([np.linspace(0, 100, 201), np.zeros(201)])
    thin = simplify(dense, 10)
    assert 10 <= len(thin) <= 12 and (thin[0] == dense[0]).all() and (thin[-1] == dense[-1]).all()
    assert len(ticks(line, 20, 3)) == 5


# -- terrain layer --------------------------------------------------------------------------------------


def test_terrain_layer_renders_land_and_sea(board, terrain):
    lay = Layout.for_board(board, (800, 600))
    surf = pygame.Surface((800, 600))
    exact = terrain.draw(surf, lay, complete=True)
    assert exact
    # The Yellow Sea west of Seoul is water; the hills south-east of it are land.
    seoul = board.places["seoul"]
    lay.size = 20
    lay.center_on_lonlat(seoul.lon, seoul.lat)
    terrain.draw(surf, lay, complete=True)
    sx, sy = lay.lonlat_to_pixel(125.5, 37.0)
    sea = surf.get_at((int(sx), int(sy)))
    assert sea.b > sea.r + 20
    lx, ly = lay.lonlat_to_pixel(127.3, 37.2)
    land = surf.get_at((int(lx), int(ly)))
    assert land.r > land.b
    assert terrain.tiles_rendered > 0


def test_terrain_grid_variant_and_stand_in(board, terrain):
    lay = Layout.for_board(board, (640, 480))
    lay.size = 22
    lay.center_on_hex(board.places["taegu"].hex)
    a = pygame.Surface((640, 480))
    b = pygame.Surface((640, 480))
    terrain.show_grid = False
    terrain.draw(a, lay, complete=True)
    terrain.show_grid = True
    terrain.draw(b, lay, complete=True)
    terrain.show_grid = False
    diff = np.abs(pygame.surfarray.array3d(a).astype(int) - pygame.surfarray.array3d(b).astype(int)).sum()
    assert diff > 0
    # With no time budget, missing tiles are filled from the overview and reported pending.
    lay.size = 23.7
    terrain.budget_ms = 0.0
    exact = terrain.draw(a, lay)
    terrain.budget_ms = 12.0
    assert not exact and terrain.pending > 0


def test_labels_hide_minor_names_when_zoomed_out(board, terrain):
    far = Layout.for_board(board, (1920, 1080))
    near = far.copy()
    near.size = 40
    names_far = {id(i.surf) for i in terrain.labels.choose(far)}
    names_near = {id(i.surf) for i in terrain.labels.choose(near)}
    assert 0 < len(names_far) < len(names_near)


def test_place_names_move_off_counters(board, terrain):
    from game.ui.map_labels import _dodge

    avoid = [pygame.Rect(100, 100, 40, 40)]
    # A name right of a marker under the counter moves beside it and clears it.
    x, y = _dodge(118, 112, 120, 120, 50, 14, ((-60, -7), (-25, -20)), avoid)
    assert not pygame.Rect(int(x) + 2, int(y) + 2, 46, 10).colliderect(avoid[0])
    # A name that is clear stays put.
    assert _dodge(200, 200, 190, 207, 50, 14, ((-60, -7),), avoid) == (200, 200)


def test_colourblind_palette_renders(board, display):
    from game.ui.map_render import TerrainLayer
    from game.ui.palette import COLOURBLIND, STANDARD, get_palette

    assert get_palette("colorblind") is COLOURBLIND
    layer = TerrainLayer(board, STANDARD)
    lay = Layout.for_board(board, (400, 300))
    a = pygame.Surface((400, 300))
    layer.draw(a, lay, complete=True)
    layer.set_palette(COLOURBLIND)
    b = pygame.Surface((400, 300))
    layer.draw(b, lay, complete=True)
    assert pygame.image.tobytes(a, "RGB") != pygame.image.tobytes(b, "RGB")


# -- counters ---------------------------------------------------------------------------------------------


def _unit(t: str, size: str, nation: str = "US", **kw) -> Unit:
    return Unit(id=f"{nation}-{t}-{size}", name=f"7th {t} {size}", seat="s", nation=nation, type=t,
                size=size, attack=5, defence=4, movement=4, max_steps=3, steps=kw.pop("steps", 3), **kw)


@pytest.mark.parametrize("px", [12, 20, 36, 64, 110])
def test_counters_render_for_every_type_and_size(display, px):
    from game.ui.counters import render_counter
    from game.ui.palette import COLOURBLIND, STANDARD

    for pal in (STANDARD, COLOURBLIND):
        for t in UNIT_TYPES:
            for size in UNIT_SIZES:
                for nation, bloc in (("US", "un"), ("PVA", "communist")):
                    s = render_counter(_unit(t, size, nation), bloc, px, pal)
                    assert s.get_size() == (px, px)
                    # Something is drawn: the centre pixel is opaque.
                    assert s.get_at((px // 2, px // 2)).a > 200


def test_counters_differ_by_type_size_side_and_state(display):
    from game.ui.counters import render_counter
    from game.ui.palette import STANDARD

    def pixels(u, bloc="un"):
        return pygame.image.tobytes(render_counter(u, bloc, 64, STANDARD), "RGBA")

    base = pixels(_unit("infantry", "division"))
    assert pixels(_unit("armour", "division")) != base
    assert pixels(_unit("infantry", "brigade")) != base
    assert pixels(_unit("infantry", "division", steps=2)) != base
    assert pixels(_unit("infantry", "division", out_of_supply=1)) != base
    # Same nation colours, other bloc: the frame and corners still differ (colour is not the only cue).
    assert pixels(_unit("infantry", "division"), "communist") != base


def test_counter_cache_reuses_surfaces(display):
    from game.ui.counters import render_counter
    from game.ui.palette import STANDARD

    u = _unit("infantry", "division")
    assert render_counter(u, "un", 48, STANDARD) is render_counter(u, "un", 48, STANDARD)
    v = _unit("infantry", "division", steps=1)
    assert render_counter(v, "un", 48, STANDARD) is not render_counter(u, "un", 48, STANDARD)


# -- map view and viewer ------------------------------------------------------------------------------------


def test_mapview_draws_only_the_units_in_the_view(board, terrain):
    from game.engine import api
    from game.ui.mapview import MapView
    from game.ui.viewer import demo_state, demo_units

    view = api.observe(demo_state(board), "un")
    mv = MapView(board, pygame.Rect(0, 0, 1000, 700), terrain=terrain)
    mv.set_view(view)
    shown = {u.id for units in mv._stacks.values() for u in units}
    assert shown <= set(view.units)
    hidden_enemies = {u.id for u in demo_units(board) if u.seat == "dprk"} - set(view.units)
    assert hidden_enemies, "the UN side does not see every KPA/PVA unit of the demo"
    assert not (shown & hidden_enemies)
    mask = np.zeros(board.size, dtype=bool)
    mask[board.index(board.places["seoul"].hex)] = True
    mv.set_overlay("reachable", mask)
    mv.set_path([board.places["seoul"].hex, board.places["suwon"].hex], costs=[0, 2])
    screen = pygame.Surface((1000, 700))
    mv.draw(screen, complete=True)
    with pytest.raises(ValueError):
        mv.set_overlay("bad", np.zeros(3, dtype=bool))


def test_mapview_wheel_zoom_keeps_cursor_hex(board, terrain):
    from game.ui.mapview import MapView

    mv = MapView(board, pygame.Rect(0, 0, 1000, 700), terrain=terrain)
    mv.zoom_step(7)          # the map is wider than the view: no centring clamp
    mv.layout.center_on_hex(board.places["taejon"].hex)
    cursor = (400, 300)
    before = mv.layout.pixel_to_km(*cursor)
    mv.zoom_step(2, cursor)
    after = mv.layout.pixel_to_km(*cursor)
    assert after == pytest.approx(before, abs=1e-6)
    mv.zoom_step(-1, cursor)
    assert mv.layout.pixel_to_km(*cursor) == pytest.approx(before, abs=1e-6)


def test_viewer_renders_a_frame_headless(tmp_path, board, display):
    from game.ui.viewer import demo_view, render_map_png

    view = demo_view(board)
    out = render_map_png(tmp_path / "map.png", (640, 400), view)
    assert out.exists() and out.stat().st_size > 10_000
    img = pygame.image.load(str(out))
    assert img.get_size() == (640, 400)
    close = render_map_png(tmp_path / "seoul.png", (640, 400), view, center="seoul", zoom=40, grid=True)
    assert close.exists()


def test_land_hexes_exist_under_demo_units(board):
    from game.ui.viewer import demo_units

    for u in demo_units(board, n_extra=40):
        i = board.index(u.hex)
        assert i >= 0 and board.terrain[i] >= Terrain.CLEAR, u.id


def test_history_label_keeps_off_names_and_stays_on_the_map():
    """The historical front's label goes beside the line where it covers no name, inside the map in sight."""
    from game.ui.map_masks import label_spot
    view = pygame.Rect(100, 0, 600, 400)
    line = np.array([[50.0, 200.0], [750.0, 200.0]])         # runs off the map at both ends
    names = [pygame.Rect(x, 206, 60, 14) for x in range(100, 700, 70)]    # a row of names just below the line
    at = label_spot((200, 16), line, 3.0, view, names)
    label = pygame.Rect(at, (200, 16))
    assert view.contains(label)
    assert label.collidelist(names) == -1
    assert label.bottom <= 200                                 # above the line, where the names are not
    # Nothing in the way: the middle of the view, not the line's first point.
    at = label_spot((200, 16), line, 3.0, view, [])
    assert abs(pygame.Rect(at, (200, 16)).centerx - view.centerx) <= 12
    # No part of the line in sight: no label.
    assert label_spot((200, 16), line + [0.0, 500.0], 3.0, view, []) is None


def test_history_label_says_when_it_found_no_clear_spot():
    """label_spot_scored's third figure is 0 where the label is clear of names and line, and more where it is not:
    the map then tries the name's shorter form (game/ui/map_masks.py)."""
    from game.ui.map_masks import label_spot_scored
    view = pygame.Rect(0, 0, 600, 400)
    line = np.array([[300.0, -10.0], [300.0, 410.0]])        # north to south through the middle
    assert label_spot_scored((200, 16), line, 3.0, view, [])[2] == 0
    # Names on both sides the whole way down: anywhere beside the line covers one.
    names = [pygame.Rect(x, y, 290, 30) for x in (0, 310) for y in range(0, 400, 30)]
    assert label_spot_scored((200, 16), line, 3.0, view, names)[2] > 0
