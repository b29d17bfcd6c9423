"""Units: one counter on the map (or off it, waiting, in Japan, or gone).

A unit's combat values scale with its remaining strength steps; the engine
never reads pixel or file data from here.  Locations other than ``MAP`` keep
``hex`` as None (or the last hex, for the record) so fog, stacking and
movement only look at units on the map.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from .hexes import Hex


class Location(str, Enum):
    """Where a unit is."""

    MAP = "map"                # on a hex of the board
    PENDING = "pending"        # scheduled, not yet arrived
    JAPAN = "japan"            # the off-map box UN forces arrive from and evacuate to
    ELIMINATED = "eliminated"  # destroyed (an event says so)
    WITHDRAWN = "withdrawn"    # left the war (an event says so)


#: Unit types and whether they count as armour for the armour shift.
UNIT_TYPES: dict[str, bool] = {
    "infantry": False, "armour": True, "mechanized": True, "marine": False,
    "airborne": False, "cavalry": False, "constabulary": False, "recon": True,
    "special": False,
}

#: Sizes, largest first; used by the UI's size markers and by scenario validation.
UNIT_SIZES = ("army", "corps", "division", "brigade", "regiment", "battalion")


@dataclass(slots=True)
class Unit:
    """A counter.  Mutable, but only the engine's apply changes a unit in a live state."""

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
    arrives: date | None = None      # when a PENDING unit enters
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
        value = self.attack * self.steps / self.max_steps
        if self.out_of_supply > 0:
            value /= 2
        return max(value, 0.5)

    def defence_strength(self) -> float:
        """Defence factor at current strength."""
        return max(self.defence * self.steps / self.max_steps, 0.5)

    def copy(self) -> "Unit":
        return replace(self)

    def label(self) -> str:
        return f"{self.name} ({self.id})"


def scaled(value: float) -> int:
    """Round a strength for display, never below 1."""
    return max(1, math.floor(value + 0.5))
