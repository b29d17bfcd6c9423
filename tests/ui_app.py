"""A headless game window for the UI tests: the app at a size and UI scale, and frames run through it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


def make_app(tmp_path, scale: int = 100, size: tuple[int, int] = (1600, 900)) -> App:
    """The window at ``size`` and UI ``scale``, instant animations, saves under ``tmp_path``, settings not kept."""
    a = App(Settings(animation="instant", ui_scale=scale, width=size[0], height=size[1]), tmp_path / "saves",
            size=size, persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    return a


def frames(app: App, n: int = 2) -> None:
    for _ in range(n):
        app.frame([], dt=0.02)
