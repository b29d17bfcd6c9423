"""A minimal map window (until the full UI lands) and a headless PNG renderer.

``run_viewer(state_or_view)`` opens a resizable window with the whole peninsula, the
counters of one seat's view (an Observation, or :class:`~game.ui.mapview.EveryUnit` for
pictures that show every unit), zoom/pan, the minimap and a title strip.  Esc or closing the
window ends it.  Keys: wheel or +/- zoom, drag or arrows/WASD pan, Home whole map, G grid,
M the 1953 line, C colour-blind palette, F3 frame time, F12 screenshot.

``render_map_png(path, ...)`` draws the same frame off-screen (SDL's dummy video driver when
no display is open) and saves it: for tests, benchmarks and the README screenshot.
"""

from __future__ import annotations

import json
import os
import time
from datetime import date
from pathlib import Path

import numpy as np

from game.engine import api
from game.engine.api import GameState, Observation
from game.engine.board import Board, Terrain
from game.engine.config import Calendar, CalendarPeriod, GameConfig, Seat
from game.engine.hexes import Hex, spiral
from game.engine.units import UNIT_SIZES, UNIT_TYPES, Unit
from game.paths import MAP_FILE

from .mapview import EveryUnit

TITLE = "Armistice \u2014 the Korean War 1950\u201353"
TITLE_H = 34


def load_board() -> Board:
    """The game board from assets/map/hexmap.json (through the scenario layer when it has a loader)."""
    try:  # the scenario layer's loader, once it exists
        from game.session.catalog import load_board as _load  # type: ignore[import-not-found]
        return _load()
    except ImportError:
        with open(MAP_FILE, encoding="utf-8") as fh:
            return Board.from_mapdata(json.load(fh))


# -- demo units (until scenarios load) -------------------------------------------------------------

DEMO_SEATS = (
    Seat("dprk", "DPRK/PRC", "communist", ("KPA", "PVA")),
    Seat("rok", "ROK", "un", ("ROK",)),
    Seat("un", "UN Command", "un", ("US", "UK", "TUR")),
)


def _land_near(board: Board, h: Hex, taken: dict[Hex, int], cap: int = 3) -> Hex:
    for c in spiral(h, 6):
        i = board.index(c)
        if i >= 0 and board.terrain[i] >= Terrain.CLEAR and taken.get(c, 0) < cap:
            taken[c] = taken.get(c, 0) + 1
            return c
    return h


def demo_config() -> GameConfig:
    first = date(1950, 6, 25)
    return GameConfig(scenario_id="demo", title="Demonstration", seats=DEMO_SEATS,
                      calendar=Calendar(first, date(1953, 7, 27), (CalendarPeriod(first, 7),)))


def demo_units(board: Board, n_extra: int = 0, seed: int = 1) -> list[Unit]:
    """Hand-built units: a few of every seat near Seoul, Pyongyang and the 38th,
    plus ``n_extra`` more spread along the front (for benchmarks)."""
    rng = np.random.default_rng(seed)
    taken: dict[Hex, int] = {}
    units: list[Unit] = []

    def add(uid, name, seat, nation, typ, size, at, a=4, d=4, m=4, steps=3, **kw):
        units.append(Unit(id=uid, name=name, seat=seat, nation=nation, type=typ, size=size, attack=a,
                          defence=d, movement=m, max_steps=steps, steps=kw.pop("cur", steps),
                          hex=_land_near(board, at, taken), **kw))

    P = board.places
    add("kpa1", "1st Division", "dprk", "KPA", "infantry", "division", P["kaesong"].hex, 6, 5, 4)
    add("kpa105", "105th Armoured Brigade", "dprk", "KPA", "armour", "brigade", P["yonchon"].hex, 8, 5, 6)
    add("kpa4", "4th Division", "dprk", "KPA", "infantry", "division", P["yonchon"].hex, 6, 5, 4)
    add("kpa3", "3rd Division", "dprk", "KPA", "mechanized", "division", P["chorwon"].hex, 6, 5, 5)
    add("kpa766", "766th Independent Unit", "dprk", "KPA", "special", "regiment", P["sokcho"].hex, 3, 2, 5)
    add("kpa_con", "3rd Border Constabulary", "dprk", "KPA", "constabulary", "brigade", P["ongjin"].hex, 2, 3, 3)
    add("pva124", "124th Division", "dprk", "PVA", "infantry", "division", P["pyongyang"].hex, 5, 6, 4,
        infiltrates=True, hidden=True)
    add("pva_cav", "1st Cavalry Regiment", "dprk", "PVA", "cavalry", "regiment", P["pyongyang"].hex, 3, 3, 6)
    add("rok1", "1st Division", "rok", "ROK", "infantry", "division", P["munsan"].hex, 4, 4, 4, cur=2)
    add("rok7", "7th Division", "rok", "ROK", "infantry", "division", P["uijongbu"].hex, 4, 4, 4)
    add("rokcap", "Capital Division", "rok", "ROK", "infantry", "division", P["seoul"].hex, 4, 4, 4)
    add("rok17", "17th Regiment", "rok", "ROK", "infantry", "regiment", P["ongjin"].hex, 2, 3, 4, steps=2)
    add("rok_recon", "Recon Battalion", "rok", "ROK", "recon", "battalion", P["chunchon"].hex, 2, 2, 6, steps=2)
    add("us24", "24th Infantry Division", "un", "US", "infantry", "division", P["osan"].hex, 5, 5, 4,
        steps=4, cur=3, out_of_supply=1)
    add("us1cav", "1st Cavalry Division", "un", "US", "cavalry", "division", P["suwon"].hex, 6, 6, 5, steps=4)
    add("us1mar", "1st Marine Division", "un", "US", "marine", "division", P["inchon"].hex, 8, 8, 4, steps=4,
        amphibious=True)
    add("us187", "187th Airborne RCT", "un", "US", "airborne", "regiment", P["seoul"].hex, 3, 3, 5, steps=2)
    add("us_tank", "6th Tank Battalion", "un", "US", "armour", "battalion", P["seoul"].hex, 4, 3, 6, steps=2,
        moved=True)
    add("uk27", "27th Commonwealth Brigade", "un", "UK", "infantry", "brigade", P["suwon"].hex, 3, 4, 4, steps=2)
    add("tur", "Turkish Brigade", "un", "TUR", "infantry", "brigade", P["wonju"].hex, 3, 4, 4, steps=2)
    add("x_corps", "X Corps", "un", "US", "mechanized", "corps", P["chonan"].hex, 9, 8, 5, steps=4)
    # Filler along the front for the frame-time benchmark.
    kinds = list(UNIT_TYPES)
    for k in range(n_extra):
        south = k % 2 == 0
        lon = 126.1 + rng.random() * 2.6
        lat = (36.6 + rng.random() * 1.3) if south else (38.1 + rng.random() * 1.2)
        fq, fr = board.projection.fractional_hex(lon, lat)
        at = Hex(int(round(fq)), int(round(fr)))
        seat = ("rok" if k % 4 == 0 else "un") if south else "dprk"
        nation = {"rok": "ROK", "un": ("US", "UK", "TUR")[k % 3], "dprk": ("KPA", "PVA")[k % 2]}[seat]
        add(f"x{k}", f"{k + 2}th Division", seat, nation, kinds[k % len(kinds)], UNIT_SIZES[k % 6], at,
            2 + k % 7, 2 + k % 5, 3 + k % 4, steps=2 + k % 3)
    return units


def demo_state(board: Board, n_extra: int = 0, seed: int = 1) -> GameState:
    """A game of the demo units (through the engine's API), at its first position."""
    return api.new_state(board, demo_config(), demo_units(board, n_extra, seed), seed)


def demo_view(board: Board, seat: str = "un", n_extra: int = 0) -> Observation:
    """What ``seat`` sees of the demo game."""
    return api.observe(demo_state(board, n_extra), seat)


def all_units_view(board: Board, config: GameConfig, units: list[Unit]) -> EveryUnit:
    """Every unit given on the map, the whole map in sight (for benchmarks and screenshots, not for play)."""
    return EveryUnit(board, config, {u.id: u for u in units}, np.ones(board.size, dtype=bool))


# -- the window -------------------------------------------------------------------------------------


def _as_view(thing, seat: str | None) -> tuple[Board, Observation | EveryUnit | None]:
    if thing is None:
        return load_board(), None
    if isinstance(thing, (Observation, EveryUnit)):
        return thing.board, thing
    if isinstance(thing, GameState):
        return thing.board, api.observe(thing, seat or api.current_seat(thing) or thing.config.seats[0].id)
    raise TypeError(f"run_viewer wants a GameState, an Observation, EveryUnit or None, not {type(thing).__name__}")


def _draw_title(screen, view: Observation | EveryUnit | None, palette, extra: str = "") -> None:
    import pygame

    from .map_labels import get_font

    w = screen.get_width()
    pygame.draw.rect(screen, palette.ui_bg, (0, 0, w, TITLE_H))
    pygame.draw.line(screen, palette.ui_accent, (0, TITLE_H - 1), (w, TITLE_H - 1), 1)
    font = get_font(19, bold=True, family="serif")
    t = font.render(TITLE, True, palette.ui_fg)
    screen.blit(t, (14, (TITLE_H - t.get_height()) // 2))
    info = []
    if isinstance(view, Observation):
        seat = view.config.seat(view.seat).name
        info.append(f"{view.date:%d %B %Y}  \u00b7  turn {view.turn}/{view.last_turn}  \u00b7  view: {seat}")
    if extra:
        info.append(extra)
    if info:
        f2 = get_font(14)
        t2 = f2.render("    ".join(info), True, palette.ui_fg)
        screen.blit(t2, (w - t2.get_width() - 14, (TITLE_H - t2.get_height()) // 2))


def run_viewer(scenario_state_or_None=None, seat: str | None = None, size: tuple[int, int] = (1600, 900),
               palette: str = "standard") -> None:
    """Open the map window on a GameState (shown as ``seat`` sees it), an Observation, EveryUnit, or None."""
    import pygame

    from .mapview import MapView
    from .palette import get_palette

    pygame.init()
    screen = pygame.display.set_mode(size, pygame.RESIZABLE)
    pygame.display.set_caption(TITLE)
    board, view = _as_view(scenario_state_or_None, seat)
    pal = get_palette(palette)
    mv = MapView(board, pygame.Rect(0, TITLE_H, size[0], size[1] - TITLE_H), pal)
    mv.set_view(view)
    clock = pygame.time.Clock()
    show_ms = False
    frame_ms = 0.0
    running = True
    while running:
        dt = clock.tick(60) / 1000.0
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                running = False
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
                running = False
            elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
                w, h = pygame.display.get_surface().get_size()
                mv.set_rect(pygame.Rect(0, TITLE_H, w, max(h - TITLE_H, 50)))
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_F3:
                show_ms = not show_ms
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_m:
                mv.show_mdl = not mv.show_mdl
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_c:
                from .palette import COLOURBLIND, STANDARD
                mv.set_palette(COLOURBLIND if mv.palette is STANDARD else STANDARD)
            elif event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
                path = Path.cwd() / f"armistice-{time.strftime('%Y%m%d-%H%M%S')}.png"
                pygame.image.save(pygame.display.get_surface(), str(path))
            else:
                mv.handle_event(event)
        mv.update(dt)
        screen = pygame.display.get_surface()
        t0 = time.perf_counter()
        mv.draw(screen)
        frame_ms = 0.9 * frame_ms + 0.1 * (time.perf_counter() - t0) * 1000.0
        _draw_title(screen, view, mv.palette, f"{frame_ms:.1f} ms" if show_ms else "")
        if mv.hover is not None and not mv._dragging:
            mv.draw_units_text(screen, mv.units_at(mv.hover), (pygame.mouse.get_pos()[0] + 18,
                                                                pygame.mouse.get_pos()[1] + 18))
        pygame.display.flip()
    pygame.quit()


# -- headless ------------------------------------------------------------------------------------------


def _ensure_pygame(size: tuple[int, int]):
    import pygame
    if not pygame.display.get_init() or pygame.display.get_surface() is None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        pygame.display.init()
        pygame.display.set_mode((1, 1))
    pygame.font.init()
    return pygame


def render_frame(size: tuple[int, int] = (1600, 900), view: Observation | EveryUnit | None = None, *,
                 board: Board | None = None,
                 center: tuple[float, float] | str | Hex | None = None, zoom: float | None = None,
                 grid: bool = False, palette: str = "standard", mapview=None, minimap: bool = True):
    """Draw one viewer frame off-screen and return (surface, mapview).

    ``center``: a place id, a Hex, or (lon, lat); ``zoom``: hex radius in px (None: whole map).
    """
    pygame = _ensure_pygame(size)
    from .mapview import MapView
    from .palette import get_palette

    if board is None:
        board = view.board if view is not None else load_board()
    pal = get_palette(palette)
    screen = pygame.Surface(size)
    mv = mapview or MapView(board, pygame.Rect(0, TITLE_H, size[0], size[1] - TITLE_H), pal)
    mv.set_view(view)
    mv.show_grid = grid
    mv.minimap.visible = minimap
    lay = mv.layout
    if zoom is not None:
        lay.size = float(zoom)
        lay.clamp()
    if isinstance(center, str):
        p = board.places[center]
        lay.center_on_lonlat(p.lon, p.lat)
    elif isinstance(center, Hex):
        lay.center_on_hex(center)
    elif center is not None:
        lay.center_on_lonlat(*center)
    mv.draw(screen, complete=True)
    _draw_title(screen, view, pal)
    return screen, mv


def render_map_png(path: str | os.PathLike, size: tuple[int, int] = (1600, 900),
                   view: Observation | EveryUnit | None = None, **kw) -> Path:
    """Render the viewer's frame headless to a PNG at ``path`` (see :func:`render_frame` for ``kw``)."""
    pygame = _ensure_pygame(size)
    screen, _ = render_frame(size, view, **kw)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(screen, str(out))
    return out


def bench(size: tuple[int, int] = (1920, 1080), n_units: int = 150, frames: int = 200) -> dict[str, float]:
    """Frame time of the whole map with ``n_units`` counters (all shown), warm caches.
    Returns milliseconds: mean, median, p95, worst, and the first (cold) frame."""
    pygame = _ensure_pygame(size)
    from .mapview import MapView

    board = load_board()
    view = all_units_view(board, demo_config(), demo_units(board, n_extra=max(0, n_units - 21)))
    screen = pygame.Surface(size)
    t0 = time.perf_counter()
    mv = MapView(board, pygame.Rect(0, TITLE_H, size[0], size[1] - TITLE_H))
    setup = (time.perf_counter() - t0) * 1000
    mv.set_view(view)
    t0 = time.perf_counter()
    mv.draw(screen, complete=True)
    cold = (time.perf_counter() - t0) * 1000
    times = []
    for k in range(frames):
        mv.hover = None
        t0 = time.perf_counter()
        mv.draw(screen)
        times.append((time.perf_counter() - t0) * 1000)
    # Panning by small steps (tiles cached, overlay caches invalidated).
    pan = []
    for k in range(frames // 2):
        mv.layout.pan(3 if k % 40 < 20 else -3, 0)
        t0 = time.perf_counter()
        mv.draw(screen)
        pan.append((time.perf_counter() - t0) * 1000)
    on_map = sum(1 for u in view.units.values() if u.hex is not None)
    a = np.array(times)
    return {"setup_ms": setup, "cold_ms": cold, "mean_ms": float(a.mean()), "median_ms": float(np.median(a)),
            "p95_ms": float(np.percentile(a, 95)), "max_ms": float(a.max()),
            "pan_mean_ms": float(np.mean(pan)), "units": on_map, "hex_px": mv.layout.size}


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    if len(sys.argv) > 1 and sys.argv[1] == "bench":
        print(bench())
    else:
        b = load_board()
        run_viewer(demo_view(b))
