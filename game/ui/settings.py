"""Player settings, remembered between runs in the user config folder (JSON)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from game.files import read_text_bounded

ANIMATION_SPEEDS = {"slow": 600, "normal": 250, "fast": 80, "instant": 0}   # ms per AI action
#: The settings file is a few hundred bytes; anything near this is not ours.
SETTINGS_LIMIT = 64 * 1024
WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))


@dataclass
class Settings:
    fullscreen: bool = False
    width: int = 1600
    height: int = 900
    ui_scale: int = 100            # percent, 100..200 (projectors)
    colourblind: bool = False
    animation: str = "normal"      # key of ANIMATION_SPEEDS
    sound: bool = True
    hex_grid: bool = True
    minimap: bool = True           # off: a tab in its corner (M), so it hides no units

    def clamp(self) -> "Settings":
        self.ui_scale = max(100, min(200, int(self.ui_scale)))
        self.width = max(1024, min(7680, int(self.width)))
        self.height = max(640, min(4320, int(self.height)))
        if self.animation not in ANIMATION_SPEEDS:
            self.animation = "normal"
        return self

    @property
    def ai_delay_ms(self) -> int:
        return ANIMATION_SPEEDS[self.animation]


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("armistice", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Saved settings, or defaults if there are none or the file is unreadable."""
    path = path or settings_path()
    try:
        data = json.loads(read_text_bounded(path, SETTINGS_LIMIT))
    except (OSError, ValueError, RecursionError):   # FileRefused is an OSError: a FIFO, a folder, a huge file
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
    try:
        return Settings(**values).clamp()
    except (TypeError, ValueError, OverflowError):   # OverflowError: a size of 1e999
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> None:
    from game.session.atomicwrite import write_atomic
    path = path or settings_path()
    try:
        write_atomic(path, json.dumps(asdict(settings), indent=1) + "\n")
    except OSError:
        pass
