"""What a cross-reference check of a scenario sees, and the registry the checks join.

A :class:`Context` holds the cleaned data (the schema's output: defaults filled, bad values INVALID), the map
(None: map checks are skipped) and the problems found; it derives facts several checks share (the seats, the
blocs, a parameter's value) and checks positions.  :func:`register_check` adds a check to :data:`CHECKS`, run in
registration order by game/scenario/validate.py (the core checks of validate_core.py, then the politics checks
of validate_politics.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from game.engine.board import Board, Country
from game.engine.config import Parameters
from game.engine.hexes import Hex, axial_to_offset

from .problems import Problem, suggest
from .schema import INVALID
from .yamlsource import YamlDocument

#: The word for the off-map box of the sea bloc (game.engine.units.Location.JAPAN).
JAPAN = "japan"


@dataclass
class Context:
    """What a cross-reference check sees: the cleaned data, the board, and a way to report."""

    doc: YamlDocument
    data: dict[str, Any]
    board: Board | None
    stem: str | None
    problems: list[Problem] = field(default_factory=list)
    politics: Any = None        # set by check_politics

    def add(self, path: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    # -- derived facts other checks share ------------------------------------
    @property
    def seats(self) -> dict[str, dict]:
        """Valid seats by id (the first of a duplicated id)."""
        out: dict[str, dict] = {}
        for seat in list_or_empty(self.data.get("seats")):
            if isinstance(seat, dict) and given(seat.get("id")) and seat["id"] not in out:
                out[seat["id"]] = seat
        return out

    @property
    def blocs(self) -> list[str]:
        out: list[str] = []
        for seat in self.seats.values():
            if given(seat.get("bloc")) and seat["bloc"] not in out:
                out.append(seat["bloc"])
        return out

    def param(self, name: str) -> Any:
        """The scenario's value of a Parameters field (its override if valid, else the default)."""
        value = (self.data.get("parameters") or {}).get(name, INVALID)
        return value if given(value) else getattr(Parameters(), name)

    def position(self, value: Any, path: tuple, bloc: str | None, what: str = "units") -> Hex | str | None:
        """Check a position (place id, [q, r] or japan); report problems; return a Hex, JAPAN or None."""
        if not given(value):
            return None
        if value == JAPAN:
            sea_bloc = self.param("sea_bloc")
            if bloc is not None and bloc != sea_bloc:
                self.add(path, f"only the {sea_bloc} bloc's units may be in japan (parameters.sea_bloc); "
                               f"this is a {bloc} unit")
                return None
            return JAPAN
        if self.board is None:
            return None
        if isinstance(value, str):
            place = self.board.places.get(value)
            if place is None:
                hint = suggest(value, self.board.places) or "; the map's places are listed in assets/places.yaml"
                self.add(path, f"unknown place '{value}'{hint}")
                return None
            h = place.hex
        else:
            h = Hex(int(value[0]), int(value[1]))
        index = self.board.index(h)
        if index < 0:
            self.add(path, f"hex [{h.q}, {h.r}] is off the map ({_map_extent(self.board, h)})")
            return None
        if not self.board.is_land(index):
            self.add(path, f"hex [{h.q}, {h.r}] is water; {what} must be on land")
            return None
        country = Country(int(self.board.country[index])).name
        if bloc is not None and country in self.closed_to(bloc):
            names = ", ".join(p.name for p in self.board.place_at(h))
            why = "; they could never have got there" if what == "units" else "; it could never serve them"
            self.add(path, f"hex [{h.q}, {h.r}]{' (' + names + ')' if names else ''} is in the {country}, closed "
                           f"to the {bloc} bloc's {what} (parameters.closed){why}")
            return None
        return h

    def closed_to(self, bloc: str) -> set[str]:
        """The countries the scenario closes to ``bloc``'s units (parameters.closed, else the rules' default)."""
        pairs = self.param("closed")
        return {pair[1] for pair in pairs if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] == bloc}


Check = Callable[[Context], None]
#: Cross-reference checks, run in order after the shape check.
CHECKS: list[Check] = []


def register_check(fn: Check) -> Check:
    """Decorator: add ``fn`` to :data:`CHECKS` (a new section registers its own)."""
    CHECKS.append(fn)
    return fn


def unit_entries(data: dict) -> Iterator[tuple[tuple, Any]]:
    """(path, entry) of every unit entry: ``units`` then each arrival's ``units``."""
    units = data.get("units")
    if isinstance(units, list):
        for i, u in enumerate(units):
            yield ("units", i), u
    arrivals = data.get("arrivals")
    if isinstance(arrivals, list):
        for j, a in enumerate(arrivals):
            if isinstance(a, dict) and isinstance(a.get("units"), list):
                for i, u in enumerate(a["units"]):
                    yield ("arrivals", j, "units", i), u


def given(value: Any) -> bool:
    """Whether a cleaned value is there to check: neither left out (None) nor already reported (INVALID)."""
    return value is not INVALID and value is not None


def list_or_empty(value: Any) -> list:
    """``value`` if it is a list, else an empty one (a section the shape check refused)."""
    return value if isinstance(value, list) else []


def _map_extent(board: Board, h: Hex) -> str:
    col, row = axial_to_offset(h)
    if not 0 <= row < board.rows:
        return f"r must be 0 to {board.rows - 1}"
    lo = -(row - (row & 1)) // 2
    return f"in row r = {row}, q must be {lo} to {lo + board.cols - 1}"
