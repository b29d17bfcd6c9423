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
from game.files import MB, FileRefused, read_text_bounded
from game.paths import MAP_FILE

from .problems import Problem, ScenarioError

_CACHE: dict[str, Board] = {}
REBUILD_HINT = "rebuild it with: python -m game.tools.build_map"
#: The largest map file read: the built map is about 50 KB; a map of the same peninsula at twice the resolution
#: would be some 200 KB, so 8 MB only refuses what cannot be a map (a link to a device, a runaway file).
MAP_LIMIT = 8 * MB
#: The most columns or rows a map may have (the built map is 39 x 83).
MAX_SIDE = 1000


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
        text = read_text_bounded(path, MAP_LIMIT)
    except FileRefused as exc:
        missing = exc.reason == "no such file"
        message = "the map file is missing" if missing else f"the map file cannot be read: it {exc.reason}"
        raise MapFileError(str(path), message) from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise MapFileError(str(path), f"the map file is not valid JSON (column {exc.colno}: {exc.msg})",
                           exc.lineno) from None
    except (RecursionError, ValueError) as exc:     # nested past Python's stack, NaN, a 5000-digit number
        raise MapFileError(str(path), f"the map file is not a map ({_short(exc)})") from None
    return board_from_data(data, str(path))


def _no_constant(name: str) -> float:
    """json's NaN / Infinity / -Infinity: a map holds only finite numbers."""
    raise ValueError(f"{name} is not a number a map may hold")


def _short(exc: BaseException) -> str:
    """An exception's text cut to a line (Python's int-limit message quotes the limit at length)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def board_from_data(data: object, name: str = "map data") -> Board:
    """Build a board from a map dict, turning a malformed dict into MapFileError."""
    if not isinstance(data, dict):
        raise MapFileError(name, "the map file does not hold a map (expected a JSON object)")
    missing = [k for k in ("cols", "rows", "hex_km", "projection", "terrain", "country") if k not in data]
    if missing:
        raise MapFileError(name, f"the map file lacks {', '.join(missing)}")
    for key in ("cols", "rows"):
        # Board.from_mapdata loops over cols x rows hexes: a damaged count must not become a minute's work.
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SIDE:
            raise MapFileError(name, f"the map file is damaged ({key} must be a whole number from 1 to {MAX_SIDE})")
    try:
        return Board.from_mapdata(data)
    except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
        raise MapFileError(name, f"the map file is damaged ({type(exc).__name__}: {_short(exc)})") from None


def clear_cache() -> None:
    """Forget every loaded board."""
    _CACHE.clear()
