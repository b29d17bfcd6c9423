"""UI figures for ``python -m game bench``: frame time with the whole map and every unit, launch to menu."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time


def _arrival_hex(board, arrives_at: str | None):
    """Where a unit's ``arrives_at`` points (a place id or "hex:q,r"); None for Japan or unknown."""
    from game.engine.hexes import Hex
    if not arrives_at or arrives_at == "japan":
        return None
    if arrives_at.startswith("hex:"):
        q, r = arrives_at[4:].split(",")
        return Hex(int(q), int(r))
    place = board.places.get(arrives_at)
    return place.hex if place else None


def _all_units_on_map(scenario):
    """Every unit of the scenario on the map, the whole map in sight (the bench is about drawing, not fog).

    Built from the scenario's unit templates: those that start elsewhere are put
    at their arrival area (Pusan for Japan), at most three to a hex.
    """
    import dataclasses

    import numpy as np

    from game.engine.hexes import spiral
    from game.engine.units import Location
    from game.ui.mapview import EveryUnit
    board = scenario.board
    count: dict[int, int] = {}
    units = {}
    for u in scenario.units:
        if u.location is Location.MAP and u.hex is not None:
            count[board.index(u.hex)] = count.get(board.index(u.hex), 0) + 1
            units[u.id] = u
    for u in scenario.units:
        if u.id in units:
            continue
        start = _arrival_hex(board, u.arrives_at) or board.places["pusan"].hex
        for h in spiral(start, 6):
            i = board.index(h)
            if i >= 0 and board.is_land(i) and count.get(i, 0) < 3:
                units[u.id] = dataclasses.replace(u, location=Location.MAP, hex=h)
                count[i] = count.get(i, 0) + 1
                break
    return EveryUnit(board, scenario.config, units, np.ones(board.size, dtype=bool))


def frame_time(scenario, size=(1920, 1080), frames: int = 120) -> dict:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.engine.units import Location
    from game.ui.terrain_cache import map_view_for
    pygame.init()
    screen = pygame.display.set_mode(size)
    view = _all_units_on_map(scenario)
    board = scenario.board
    mv = map_view_for(board, pygame.Rect(0, 0, *size))
    mv.set_view(view)
    mv.layout.fit_map()
    mv.draw(screen, complete=True)           # warm the tile cache, as a player's first second does
    times = []
    for k in range(frames):
        mv.hover = board.hex_at(k * 7 % board.size)
        t0 = time.perf_counter()
        mv.draw(screen)
        times.append((time.perf_counter() - t0) * 1000)
    on_map = sum(1 for u in view.units.values() if u.location is Location.MAP)
    p95 = sorted(times)[int(0.95 * len(times))]
    return {"frame_ms_mean": round(statistics.fmean(times), 2), "frame_ms_p95": round(p95, 2),
            "frame_units": on_map, "frame_size": f"{size[0]}x{size[1]}"}


def launch_probe() -> None:
    """Run in a child process: start the app, show the main menu, draw one frame, say READY."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import tempfile
    from pathlib import Path

    from game.ui.app import App
    from game.ui.screens.menu import MainMenu
    from game.ui.settings import Settings
    app = App(Settings(), Path(tempfile.mkdtemp()), persist_settings=False)
    app.show(MainMenu(app))
    app.frame([], dt=0.016)
    print("READY", flush=True)


def launch_time(repeat: int = 3) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", "from game.ui.bench import launch_probe; launch_probe()"],
                             capture_output=True, text=True, env={**os.environ, "SDL_VIDEODRIVER": "dummy",
                                                                  "SDL_AUDIODRIVER": "dummy"})
        if "READY" not in out.stdout:
            raise RuntimeError(out.stderr[-500:])
        samples.append(time.perf_counter() - t0)
    return statistics.fmean(samples)


def ui_figures(scenario, out=print) -> dict:
    figures = frame_time(scenario)
    out(f"frame at {figures['frame_size']}, whole map, {figures['frame_units']} units: mean "
        f"{figures['frame_ms_mean']:.1f} ms, 95th percentile {figures['frame_ms_p95']:.1f} ms")
    secs = launch_time()
    figures["launch_to_menu_s"] = round(secs, 3)
    out(f"launch to an interactive main menu: {secs:.2f} s")
    return figures
