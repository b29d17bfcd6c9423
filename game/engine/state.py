"""The game state: everything that changes during a game, plus shared static parts.

Only :func:`game.engine.rules.apply` changes a state, and it works on a clone,
so a state held by the UI, the AI or the undo stack never changes under them.
``clone`` copies the units, the control array and the dice; the board and the
config are shared.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

import numpy as np

from .board import Board, Country
from .config import GameConfig, Seat
from .hexes import Hex
from .units import Location, Unit


class Phase(str, Enum):
    """The phases of a seat's turn that wait for the player; the rest run inside apply."""

    POLITICAL = "political"
    MOVEMENT = "movement"
    COMBAT = "combat"


#: Country -> bloc that controls it at the start, unless a scenario says otherwise.
DEFAULT_CONTROL = {Country.ROK: "un", Country.DPRK: "communist", Country.PRC: "communist",
                   Country.USSR: "communist"}


@dataclass
class GameState:
    board: Board
    config: GameConfig
    units: dict[str, Unit]
    control: np.ndarray                      # (size,) int8: 0 nobody, else bloc code
    holder: np.ndarray                       # (size,) int8: 0 nobody, else seat index + 1 of the last taker
    rng: np.random.Generator
    seed: int
    turn: int = 1                            # 1-based index into turn_dates
    seat_index: int = 0
    phase: Phase = Phase.MOVEMENT
    turn_dates: tuple[date, ...] = ()
    rail_used: int = 0                       # strategic moves used this seat-turn
    sea_used: int = 0                        # sea moves used this turn (sea bloc)
    landings_used: int = 0                   # landings used this turn (sea bloc)
    attacked_hexes: list[int] = field(default_factory=list)
    flags: dict[str, object] = field(default_factory=dict)
    tracks: dict[str, float] = field(default_factory=dict)
    steps_lost: dict[str, int] = field(default_factory=dict)   # seat -> steps lost so far
    outcome: str | None = None               # set when the game is over
    actions_applied: int = 0

    # -- derived -------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def date(self) -> date:
        return self.turn_dates[min(self.turn, len(self.turn_dates)) - 1]

    @property
    def last_turn(self) -> int:
        return len(self.turn_dates)

    @property
    def active_seat(self) -> Seat:
        return self.config.seats[self.seat_index]

    def bloc_of(self, seat_id: str) -> str:
        return self.config.seat(seat_id).bloc

    def unit_bloc(self, unit: Unit) -> str:
        return self.config.seat(unit.seat).bloc

    def units_on_map(self) -> list[Unit]:
        return [u for u in self.units.values() if u.location is Location.MAP]

    def units_at(self, h: Hex) -> list[Unit]:
        return [u for u in self.units.values() if u.location is Location.MAP and u.hex == h]

    def occupancy(self) -> dict[int, list[Unit]]:
        """Flat hex index -> units there (scenario order)."""
        out: dict[int, list[Unit]] = {}
        for u in self.units.values():
            if u.location is Location.MAP and u.hex is not None:
                out.setdefault(self.board.index(u.hex), []).append(u)
        return out

    def is_winter(self) -> bool:
        return self.date.month in self.config.params.winter_months

    # -- copying and identity ------------------------------------------------
    def clone(self) -> "GameState":
        rng = np.random.Generator(type(self.rng.bit_generator)())
        rng.bit_generator.state = self.rng.bit_generator.state
        return GameState(
            board=self.board, config=self.config,
            units={k: u.copy() for k, u in self.units.items()},
            control=self.control.copy(), holder=self.holder.copy(), rng=rng, seed=self.seed, turn=self.turn,
            seat_index=self.seat_index, phase=self.phase, turn_dates=self.turn_dates,
            rail_used=self.rail_used, sea_used=self.sea_used, landings_used=self.landings_used,
            attacked_hexes=list(self.attacked_hexes), flags=dict(self.flags),
            tracks=dict(self.tracks), steps_lost=dict(self.steps_lost), outcome=self.outcome,
            actions_applied=self.actions_applied,
        )

    def to_snapshot(self) -> dict:
        """A JSON-able summary of everything that changes (used for checksums and saves)."""
        return {
            "turn": self.turn, "seat_index": self.seat_index, "phase": self.phase.value,
            "rail_used": self.rail_used, "sea_used": self.sea_used, "landings_used": self.landings_used,
            "attacked_hexes": list(self.attacked_hexes),
            "flags": {k: self.flags[k] for k in sorted(self.flags)},
            "tracks": {k: round(float(self.tracks[k]), 6) for k in sorted(self.tracks)},
            "steps_lost": {k: self.steps_lost[k] for k in sorted(self.steps_lost)},
            "outcome": self.outcome, "actions_applied": self.actions_applied,
            "control": hashlib.sha256(self.control.tobytes() + self.holder.tobytes()).hexdigest(),
            "rng": str(self.rng.bit_generator.state["state"]),
            "units": [
                [u.id, u.location.value, list(u.hex) if u.hex else None, u.steps, u.moved,
                 u.attacked, u.out_of_supply, u.hidden, u.arrives.isoformat() if u.arrives else None, u.requires]
                for u in self.units.values()
            ],
        }

    def checksum(self) -> str:
        """SHA-256 of the snapshot: equal states give equal checksums, byte for byte."""
        blob = json.dumps(self.to_snapshot(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()


def initial_control(board: Board, config: GameConfig) -> np.ndarray:
    """Control at the start: each country to its bloc (sea and Japan to nobody)."""
    control = np.zeros(board.size, dtype=np.int8)
    blocs = config.blocs
    for country, bloc in DEFAULT_CONTROL.items():
        if bloc in blocs:
            control[board.country == int(country)] = config.bloc_code(bloc)
    return control


#: Country -> the nation whose seat holds it at the start (falls back to the bloc's first seat).
COUNTRY_NATION = {Country.ROK: "ROK", Country.DPRK: "KPA", Country.PRC: "PVA", Country.USSR: "PVA"}


def initial_holder(board: Board, config: GameConfig, control: np.ndarray) -> np.ndarray:
    """Which seat holds each hex at the start: the seat of the country's own nation, if any."""
    holder = np.zeros(board.size, dtype=np.int8)
    for country, nation in COUNTRY_NATION.items():
        bloc = DEFAULT_CONTROL[country]
        if bloc not in config.blocs:
            continue
        seats = [i for i, s in enumerate(config.seats) if s.bloc == bloc]
        owners = [i for i in seats if nation in config.seats[i].nations] or seats
        holder[board.country == int(country)] = owners[0] + 1
    holder[control == 0] = 0
    return holder


def hexes_held(state: "GameState") -> dict[str, int]:
    """Land hexes held per seat (by the seat that last took them)."""
    counts = np.bincount(state.holder.astype(np.int64), minlength=len(state.config.seats) + 1)
    return {s.id: int(counts[i + 1]) for i, s in enumerate(state.config.seats)}


def new_state(board: Board, config: GameConfig, units: list[Unit], seed: int) -> GameState:
    """A fresh state at turn 1, first seat, movement phase; arrivals not yet applied.

    Call :func:`game.engine.rules.start_game` on it to run the first seat's
    automatic phases (reinforcements) before play.
    """
    control = initial_control(board, config)
    return GameState(
        board=board, config=config, units={u.id: u for u in units},
        control=control, holder=initial_holder(board, config, control), rng=np.random.default_rng(seed), seed=seed,
        turn_dates=config.calendar.turn_dates(),
        steps_lost={s.id: 0 for s in config.seats},
    )
