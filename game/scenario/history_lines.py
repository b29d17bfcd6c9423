"""Historical front lines on their dates (assets/history_lines.yaml), for the map's comparison overlay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import yaml

from game.files import MB, read_text_bounded
from game.paths import ASSETS_DIR

LINES_FILE = ASSETS_DIR / "history_lines.yaml"
#: The lines file is a few KB; anything past this is not it.
LINES_LIMIT = 1 * MB


@dataclass(frozen=True)
class HistoricalLine:
    date: date
    name: str
    points: tuple[tuple[float, float], ...]   # (lon, lat), west to east


@lru_cache(maxsize=2)
def historical_lines(path: Path = LINES_FILE) -> tuple[HistoricalLine, ...]:
    """Every line, oldest first (an unreadable file gives none: the overlay is a nicety)."""
    try:
        data = yaml.safe_load(read_text_bounded(Path(path), LINES_LIMIT)) or {}
    except (OSError, yaml.YAMLError, RecursionError):     # FileRefused is an OSError
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("lines", []), list):
        return ()
    out = []
    for item in data.get("lines", []):
        try:
            out.append(HistoricalLine(item["date"], str(item["name"]),
                                      tuple((float(x), float(y)) for x, y in item["points"])))
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(sorted(out, key=lambda line: line.date))


def line_at(when: date) -> HistoricalLine | None:
    """The latest historical line dated on or before ``when``."""
    best = None
    for line in historical_lines():
        if line.date <= when:
            best = line
    return best
