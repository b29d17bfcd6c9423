"""Units: the static table every copy of a game shares, and read-only views of one counter.

A game's units live in two parts.  :class:`UnitTable` holds what never changes
(names, seats, combat values, type flags, arrival plans) as tuples and numpy
arrays indexed by unit number, built once per scenario and shared by every
clone.  What changes (location, hex, steps, marks) lives in the state's own
arrays (game/engine/state.py).  :class:`Unit` is a frozen value: a scenario's
unit template, and the read-only view the UI and tests get of a unit in a
position (``GameState.unit(i)``); changing it changes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import Enum

import numpy as np

from .hexes import Hex


class Location(str, Enum):
    """Where a unit is; ``LOCATIONS.index(loc)`` is its code in the state's ``loc`` array."""

    MAP = "map"                # on a hex of the board
    PENDING = "pending"        # scheduled, not yet arrived
    JAPAN = "japan"            # the off-map box UN forces arrive from and evacuate to
    ELIMINATED = "eliminated"  # destroyed (an event says so)
    WITHDRAWN = "withdrawn"    # left the war (an event says so)


LOCATIONS = (Location.MAP, Location.PENDING, Location.JAPAN, Location.ELIMINATED, Location.WITHDRAWN)
MAP, PENDING, JAPAN, ELIMINATED, WITHDRAWN = range(5)
LOCATION_CODE = {loc: k for k, loc in enumerate(LOCATIONS)}

#: Unit types and whether they count as armour for the armour shift.
UNIT_TYPES: dict[str, bool] = {
    "infantry": False, "armour": True, "mechanized": True, "marine": False,
    "airborne": False, "cavalry": False, "constabulary": False, "recon": True,
    "special": False,
}

#: Sizes, largest first; used by the UI's size markers and by scenario validation.
UNIT_SIZES = ("army", "corps", "division", "brigade", "regiment", "battalion")


@dataclass(frozen=True, slots=True)
class Unit:
    """A counter as a value: a scenario's template, or a view of one unit in one position."""

    id: str
    name: str
    seat: str
    nation: str
    type: str
    size: str
    attack: int
    defence: int
    movement: int              # movement points a phase (whole points)
    max_steps: int
    steps: int
    location: Location = Location.MAP
    hex: Hex | None = None
    arrives: date | None = None      # when a PENDING unit enters (for an eliminated one: when it was lost)
    arrives_at: str | None = None    # a place id, "hex:q,r" or "japan"
    requires: str | None = None      # a flag that must be set before the unit enters (political gating)
    delay_days: int = 0              # days after that flag was set before it enters
    anti_tank: bool = True           # False: suffers the armour shift (early ROK)
    infiltrates: bool = False        # may ignore ZOC at a cost (PVA infantry)
    amphibious: bool = False         # may make landings beyond the usual capacity rules (marines)
    hidden: bool = False             # unseen by the enemy until it attacks or is spotted
    moved: bool = False              # has used its movement this phase
    attacked: bool = False           # has attacked this combat phase
    out_of_supply: int = 0           # consecutive supply checks failed
    dug_in: bool = False             # stood a whole turn where it is: attacks on it shift a column left

    @property
    def on_map(self) -> bool:
        return self.location is Location.MAP

    @property
    def alive(self) -> bool:
        return self.location not in (Location.ELIMINATED, Location.WITHDRAWN)

    @property
    def is_armour(self) -> bool:
        return UNIT_TYPES.get(self.type, False)

    def attack_strength(self) -> float:
        """Attack factor at current strength, halved out of supply."""
        return attack_strength(self.attack, self.steps, self.max_steps, self.out_of_supply)

    def defence_strength(self) -> float:
        """Defence factor at current strength."""
        return defence_strength(self.defence, self.steps, self.max_steps)

    def label(self) -> str:
        return f"{self.name} ({self.id})"


def attack_strength(attack: int, steps: int, max_steps: int, out_of_supply: int) -> float:
    value = attack * steps / max_steps
    if out_of_supply > 0:
        value /= 2
    return max(value, 0.5)


def defence_strength(defence: int, steps: int, max_steps: int) -> float:
    return max(defence * steps / max_steps, 0.5)


def scaled(value: float) -> int:
    """Round a strength for display, never below 1."""
    return max(1, math.floor(value + 0.5))


class UnitTable:
    """What never changes about a scenario's units, indexed by unit number (scenario order).

    Shared by every state of a game; never mutated after construction.  Arrays
    for vectorised rules, tuples for the texts.
    """

    def __init__(self, templates: list[Unit] | tuple[Unit, ...], seat_ids: tuple[str, ...],
                 seat_bloc_codes: tuple[int, ...]):
        self.templates = tuple(templates)
        n = len(self.templates)
        self.n = n
        self.ids = tuple(u.id for u in self.templates)
        self.index = {uid: k for k, uid in enumerate(self.ids)}
        self.names = tuple(u.name for u in self.templates)
        self.nations = tuple(u.nation for u in self.templates)
        self.types = tuple(u.type for u in self.templates)
        seat_index = {s: k for k, s in enumerate(seat_ids)}
        self.seat = np.array([seat_index[u.seat] for u in self.templates], dtype=np.int8)
        self.seat_ids = tuple(u.seat for u in self.templates)
        self.bloc = np.array([seat_bloc_codes[seat_index[u.seat]] for u in self.templates], dtype=np.int8)
        self.attack = np.array([u.attack for u in self.templates], dtype=np.float64)
        self.defence = np.array([u.defence for u in self.templates], dtype=np.float64)
        self.movement = np.array([u.movement for u in self.templates], dtype=np.int16)
        self.max_steps = np.array([u.max_steps for u in self.templates], dtype=np.int8)
        self.armour = np.array([u.is_armour for u in self.templates], dtype=bool)
        self.anti_tank = np.array([u.anti_tank for u in self.templates], dtype=bool)
        self.infiltrates = np.array([u.infiltrates for u in self.templates], dtype=bool)
        self.amphibious = np.array([u.amphibious for u in self.templates], dtype=bool)
        self.arrives_at = tuple(u.arrives_at for u in self.templates)
        self.requires = tuple(u.requires for u in self.templates)
        self.delay_days = np.array([u.delay_days for u in self.templates], dtype=np.int32)
        # Python lists of the same numbers: element access in loops is several times faster than numpy's.
        self.seat_list = self.seat.tolist()
        self.bloc_list = self.bloc.tolist()
        self.movement_list = self.movement.tolist()
        self.infiltrates_list = self.infiltrates.tolist()
        self.armour_list = self.armour.tolist()
        for arr in (self.seat, self.bloc, self.attack, self.defence, self.movement, self.max_steps, self.armour,
                    self.anti_tank, self.infiltrates, self.amphibious, self.delay_days):
            arr.flags.writeable = False

    def __len__(self) -> int:
        return self.n

    def of_seat(self, seat_index: int) -> np.ndarray:
        """Unit numbers of one seat, in scenario order."""
        return np.flatnonzero(self.seat == seat_index)
