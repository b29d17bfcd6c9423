"""The log file: tracebacks go here, never to a player's screen."""

from __future__ import annotations

import datetime
import traceback
from pathlib import Path

import platformdirs


def log_dir() -> Path:
    path = Path(platformdirs.user_log_dir("armistice", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_exception(exc: BaseException) -> Path:
    """Append the traceback of ``exc`` to the error log; returns the log's path."""
    path = log_dir() / "armistice-errors.log"
    try:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
            fh.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
    except OSError:
        pass
    return path
