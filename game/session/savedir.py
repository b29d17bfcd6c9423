"""Where saves go: the platform's user data folder, unless a directory is given."""

from __future__ import annotations

from pathlib import Path

import platformdirs


def default_save_dir() -> Path:
    return Path(platformdirs.user_data_dir("armistice", appauthor=False)) / "saves"


def save_dir(override: str | Path | None = None) -> Path:
    """The save folder (created if needed)."""
    path = Path(override) if override else default_save_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path
