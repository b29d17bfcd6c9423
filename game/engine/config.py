"""The static part of a game: seats, calendar, supply sources, victory places, parameters.

Built by the scenario layer from a validated YAML file; shared (never copied)
by every clone of a state.  Fields the politics rules will need later live in
``extra`` so the engine can carry them without knowing their shape yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Callable

from .hexes import Hex
from .politics.model import Politics


@dataclass(frozen=True)
class Seat:
    """A player position.  Seats of the same bloc are allies (shared ZOC, supply, control)."""

    id: str
    name: str
    bloc: str
    nations: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarPeriod:
    """From ``start`` on, each turn lasts ``days`` days."""

    start: date
    days: int


@dataclass(frozen=True)
class Calendar:
    """Turn dates from the first date until the last, in periods of fixed length."""

    first: date
    last: date
    periods: tuple[CalendarPeriod, ...]

    def turn_dates(self) -> tuple[date, ...]:
        """The start date of every turn, first to last (inclusive of a turn starting on ``last``)."""
        out: list[date] = []
        d = self.first
        periods = sorted(self.periods, key=lambda p: p.start)
        while d <= self.last:
            out.append(d)
            days = 7
            for p in periods:
                if p.start <= d:
                    days = p.days
            d = d + timedelta(days=days)
        return tuple(out)


@dataclass(frozen=True)
class SupplySource:
    """A hex from which a bloc traces supply while it controls it (or always, if ``always``)."""

    bloc: str
    hex: Hex
    name: str
    always: bool = False
    until: str | None = None        # a flag: the source serves until it is set (a depot the enemy's air war closes)
    linked: bool = False            # a depot: it serves only while a land route links it to a source that is not


@dataclass(frozen=True)
class VictoryPlace:
    place: str
    hex: Hex
    points: int


@dataclass(frozen=True)
class Parameters:
    """Numbers of the rules; defaults are DESIGN.md's *start* values, tuned per scenario."""

    stacking: int = 3
    spot_range: int = 2
    air_recon_bonus: int = 1          # extra spotting for the bloc with air recon (UN)
    air_recon_bloc: str = "un"
    supply_range: int = 10            # movement points of trace
    out_of_supply_step_after: int = 2
    zoc_exit_cost: int = 1
    infiltration_cost: int = 2
    landing_capacity: int = 1         # amphibious landings a turn (UN)
    sea_capacity: int = 2             # port-to-port or Japan moves a turn
    sea_bloc: str = "un"
    rail_capacity: int = 3            # strategic rail moves a seat-turn
    rail_hexes: int = 24              # farthest a rail move goes
    winter_months: tuple[int, ...] = (12, 1, 2)
    winter_north_lat: float = 39.0    # north of this, winter costs bite
    air_support_bloc: str = "un"      # gets the close-air-support shift
    retreat_hexes: int = 1
    interdiction_cut: int = 2         # supply range lost by blocs without air superiority
    rear_ground: bool = True          # ground the enemy is cut off from passes to us (game/engine/ground.py)
    dig_in: bool = True               # a unit that stays put a turn digs in: -1 column against it
    rebuild_after_days: int = 0       # a destroyed unit may re-form this long after (0: never)
    rear_reach: int = 4               # ... within this many hexes of our units
    rear_margin: int = 0              # ... and ground our units are this many hexes nearer than theirs (0: not)
    rear_reach_per_step: int = 0      # ... a unit reaching this many hexes per step it has, up to rear_reach (0: all)
    #: (bloc, country name) pairs a bloc's units may not enter (Japan and the USSR are off
    #: limits; Manchuria is closed to the UN unless a scenario opens it).
    closed: tuple[tuple[str, str], ...] = (
        ("un", "PRC"), ("un", "USSR"), ("un", "JAPAN"),
        ("communist", "USSR"), ("communist", "JAPAN"),
    )


@dataclass(frozen=True)
class GameConfig:
    """Everything static about one scenario that the engine needs."""

    scenario_id: str
    title: str
    seats: tuple[Seat, ...]
    calendar: Calendar
    supply_sources: tuple[SupplySource, ...] = ()
    victory_places: tuple[VictoryPlace, ...] = ()
    params: Parameters = field(default_factory=Parameters)
    replacements: tuple[tuple[str, int], ...] = ()   # (seat id, steps a turn)
    rebuild_after: tuple[tuple[str, int], ...] = ()  # (seat id, days before a destroyed unit re-forms)
    #: (flag, seat id, steps a turn): once the flag is set, the seat's replacements (the largest if several are set)
    replacements_after: tuple[tuple[str, str, int], ...] = ()
    extra: tuple[tuple[str, object], ...] = ()       # other sections, as plain data
    politics: Politics | None = None                 # tracks, rules, decisions... (None: no politics)

    @cached_property
    def _seat_map(self) -> dict[str, Seat]:
        return {s.id: s for s in self.seats}

    def seat(self, seat_id: str) -> Seat:
        """The seat with this id (KeyError if none)."""
        return self._seat_map[seat_id]

    @cached_property
    def blocs(self) -> tuple[str, ...]:
        """Bloc ids in first-seen seat order (index + 1 is the control code)."""
        out: list[str] = []
        for s in self.seats:
            if s.bloc not in out:
                out.append(s.bloc)
        return tuple(out)

    def bloc_code(self, bloc: str) -> int:
        return self.blocs.index(bloc) + 1

    def replacement_steps(self, seat_id: str, flag: Callable[[str], object] | None = None) -> int:
        """The seat's replacement steps a turn: those of ``replacements_after`` whose flag is set (``flag``: a
        flag's value by name, GameState.flag), the largest if several are; else those of ``replacements``."""
        later = [n for name, sid, n in self.replacements_after if sid == seat_id and flag is not None and flag(name)]
        return max(later) if later else dict(self.replacements).get(seat_id, 0)

    def rebuild_days(self, seat_id: str) -> int:
        """Days before a destroyed unit of the seat may re-form (0: never): the seat's own figure, else the
        scenario's ``rebuild_after_days``."""
        return dict(self.rebuild_after).get(seat_id, self.params.rebuild_after_days)
