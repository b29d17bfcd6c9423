"""Player settings, remembered between runs in the user config folder (JSON).

Contract: ``load_settings(path)`` never raises.  Each field is held to its type
and range (``Settings.clamp``): a true/false field takes only JSON ``true`` or
``false`` (never the text "no", which Python would call true, nor 0); a size a
whole number, pulled into its range; the animation one of ANIMATION_SPEEDS.  A
value that is not of its field's type falls back to that field's default alone,
and a warning names the file, the field and the value (the log, via
``logging``); the other fields keep their saved values.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

from game.files import read_text_bounded

ANIMATION_SPEEDS = {"slow": 600, "normal": 250, "fast": 80, "instant": 0}   # ms per AI action
#: The settings file is a few hundred bytes; anything near this is not ours.
SETTINGS_LIMIT = 64 * 1024
WINDOW_SIZES = ((1280, 720), (1600, 900), (1920, 1080), (2560, 1440))
#: The UI scales offered at one click (Settings, and the classroom's Text size): a laptop, then projectors.
SCALE_PRESETS = (100, 150, 200)


@dataclass
class Settings:
    fullscreen: bool = False
    width: int = 1600
    height: int = 900
    ui_scale: int = 100            # percent, 100..200 (projectors)
    colourblind: bool = False
    high_contrast: bool = False    # white on black, yellow borders: a projector in a lit room
    animation: str = "normal"      # key of ANIMATION_SPEEDS
    sound: bool = True
    hex_grid: bool = True
    minimap: bool = True           # off: a tab in its corner (M), so it hides no units

    def clamp(self, source: object = "settings") -> "Settings":
        """Every field held to its type (a wrong one back to its default, with a warning naming ``source``) and
        the numbers pulled into their ranges."""
        default = Settings.__new__(Settings)
        Settings.__init__(default)
        for f in fields(Settings):
            value = getattr(self, f.name)
            if not _of_type(value, getattr(default, f.name)):
                _LOG.warning("%s: %s: %s is not %s; the default (%s) is used", source, f.name,
                             _shown(value), _TYPE_WORDS[type(getattr(default, f.name))], getattr(default, f.name))
                setattr(self, f.name, getattr(default, f.name))
        self.ui_scale = max(100, min(200, int(self.ui_scale)))
        self.width = max(1024, min(7680, int(self.width)))
        self.height = max(640, min(4320, int(self.height)))
        if self.animation not in ANIMATION_SPEEDS:
            _LOG.warning("%s: animation: %s is not one of %s; the default (normal) is used", source,
                         _shown(self.animation), ", ".join(ANIMATION_SPEEDS))
            self.animation = "normal"
        return self

    @property
    def ai_delay_ms(self) -> int:
        return ANIMATION_SPEEDS[self.animation]


_LOG = logging.getLogger("armistice.settings")
_TYPE_WORDS = {bool: "true or false", int: "a whole number", str: "text"}


def _of_type(value: object, default: object) -> bool:
    """Whether ``value`` has the type of the field whose default is ``default`` (true/false only for a bool; a
    finite number, not true/false, for a whole number)."""
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
            and abs(value) < 1e9
    return isinstance(value, type(default))


def _shown(value: object) -> str:
    text = json.dumps(value) if isinstance(value, (str, bool, int, float)) or value is None else type(value).__name__
    return text if len(text) <= 40 else text[:40] + "…"


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("armistice", appauthor=False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Saved settings, or defaults if there are none or the file is unreadable."""
    path = path or settings_path()
    try:
        # A leading byte-order mark (Notepad's "UTF-8 with BOM") is no damage: json refuses it, so it is skipped.
        data = json.loads(read_text_bounded(path, SETTINGS_LIMIT).removeprefix("\ufeff"))
    except (OSError, ValueError, RecursionError):   # FileRefused is an OSError: a FIFO, a folder, a huge file
        return Settings()
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
    return Settings(**values).clamp(path)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    from game.session.atomicwrite import write_atomic
    path = path or settings_path()
    try:
        write_atomic(path, json.dumps(asdict(settings), indent=1) + "\n")
    except OSError:
        pass
