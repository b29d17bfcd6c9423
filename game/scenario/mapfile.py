"""Read the hex map file (assets/map/hexmap.json) into a Board, once per path.

The board is immutable and shared by every state built from it, so one load
per path is enough; :func:`clear_cache` forgets them (tests, map rebuilds).
A missing or damaged file raises :class:`MapFileError` (a ScenarioError) whose
message says what is wrong and how to rebuild the map -- never a bare
traceback for a player.
"""

from __future__ import annotations

import json
from pathlib import Path

from game.engine.board import Board
from game.paths import MAP_FILE

from .problems import Problem, ScenarioError

_CACHE: dict[str, Board] = {}
REBUILD_HINT = "rebuild it with: python -m game.tools.build_map"


class MapFileError(ScenarioError):
    """The map file is missing, unreadable, or not a map; the message is for a person.

    A ScenarioError (no scenario can be used without the map), so callers that
    catch ScenarioError show it like any other problem.
    """

    def __init__(self, file: str, message: str, line: int | None = None):
        super().__init__([Problem(file, line, "", f"{message}; {REBUILD_HINT}")], summary="the map cannot be used")
        self.file = file


def load_board(path: str | Path = MAP_FILE) -> Board:
    """The board in ``path`` (default: the game's map), cached by resolved path."""
    key = str(Path(path).resolve())
    board = _CACHE.get(key)
    if board is None:
        board = board_from_file(Path(path))
        _CACHE[key] = board
    return board


def board_from_file(path: Path) -> Board:
    """Read and build a board without the cache."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MapFileError(str(path), "the map file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MapFileError(str(path), f"the map file cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapFileError(str(path), f"the map file is not valid JSON (column {exc.colno}: {exc.msg})",
                           exc.lineno) from None
    return board_from_data(data, str(path))


def board_from_data(data: object, name: str = "map data") -> Board:
    """Build a board from a map dict, turning a malformed dict into MapFileError."""
    if not isinstance(data, dict):
        raise MapFileError(name, "the map file does not hold a map (expected a JSON object)")
    missing = [k for k in ("cols", "rows", "hex_km", "projection", "terrain", "country") if k not in data]
    if missing:
        raise MapFileError(name, f"the map file lacks {', '.join(missing)}")
    try:
        return Board.from_mapdata(data)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise MapFileError(name, f"the map file is damaged ({type(exc).__name__}: {exc})") from None


def clear_cache() -> None:
    """Forget every loaded board."""
    _CACHE.clear()
