"""The game state: numpy arrays of what changes, over a static :class:`Setup` every copy shares.

A position is a handful of arrays -- per unit (location code, flat hex index,
steps, marks, arrival date), per hex (control, holder, attacked this phase),
per track, per seat, per rule and decision -- and a few scalars.  ``clone``
copies the arrays and nothing else, so search and Monte Carlo can copy
positions freely.  Only the engine changes a state (game/engine/api.py is the
one door); everything outside reads it through the API's views.  The static part
is in game/engine/setup.py; fresh states and snapshots are made in
game/engine/creation.py.

Chance is keyed, not streamed: a combat die (:func:`keyed_die`) and a
political chance (:func:`keyed_uniform`) are fixed by the game's seed and by
what is being decided (turn, seat, target hex or rule), never by what was
rolled before.  ``rng_state`` is still carried (snapshots, reseed) for the save
format but nothing draws from it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from enum import Enum

import numpy as np

from .board import Board
from .config import GameConfig, Seat
from .setup import KOREA, Setup
from .units import LOCATIONS, MAP, Unit, UnitTable

__all__ = ["GameState", "Setup", "Phase", "TalksStatus", "KOREA", "keyed_die", "keyed_uniform",
           "set_flag_value"]


class Phase(str, Enum):
    """The phases of a seat's turn that wait for the player; the rest run inside apply."""

    POLITICAL = "political"
    MOVEMENT = "movement"
    COMBAT = "combat"


class TalksStatus(str, Enum):
    """Where the armistice talks stand."""

    CLOSED = "closed"
    OPEN = "open"
    SUSPENDED = "suspended"
    SIGNED = "signed"


class GameState:
    """One position.  Arrays are indexed by unit number, flat hex index, track, seat, rule or decision."""

    __slots__ = ("setup", "loc", "hex", "steps", "moved", "attacked", "hidden", "oos", "arrives", "ungated", "dug_in",
                 "control", "holder", "attacked_hexes", "tracks", "steps_lost", "steps_inflicted",
                 "flag_values", "flag_since", "rule_fired", "decision_taken", "offered", "loss_marks",
                 "supply_bonus", "talks", "stable_turns", "hexes_changed", "escalation_peak", "mig_alley",
                 "no_air_support", "dmz", "rng_state", "seed", "turn", "seat_index", "phase",
                 "rail_used", "sea_used", "landings_used", "outcome", "actions_applied")

    # Arrays copied by clone (everything else is immutable or a scalar).
    ARRAYS = ("loc", "hex", "steps", "moved", "attacked", "hidden", "oos", "arrives", "ungated", "control",
              "holder", "attacked_hexes", "tracks", "steps_lost", "steps_inflicted", "flag_since", "rule_fired",
              "decision_taken", "offered", "loss_marks", "supply_bonus", "dug_in")
    #: Arrays added after saves were first written: a snapshot without one keeps the blank value.
    LATER_ARRAYS = ("dug_in",)

    # -- static parts ----------------------------------------------------------------
    @property
    def board(self) -> Board:
        return self.setup.board

    @property
    def config(self) -> GameConfig:
        return self.setup.config

    @property
    def units(self) -> UnitTable:
        return self.setup.units

    # -- derived -----------------------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def date(self) -> date:
        dates = self.setup.turn_dates
        return dates[min(self.turn, len(dates)) - 1]

    @property
    def turn_dates(self) -> tuple[date, ...]:
        return self.setup.turn_dates

    @property
    def last_turn(self) -> int:
        return len(self.setup.turn_dates)

    @property
    def active_seat(self) -> Seat:
        return self.config.seats[self.seat_index]

    @property
    def active_bloc(self) -> int:
        """Bloc code of the active seat."""
        return self.setup.seat_bloc[self.seat_index]

    def bloc_of(self, seat_id: str) -> str:
        return self.config.seat(seat_id).bloc

    def is_winter(self) -> bool:
        return self.date.month in self.config.params.winter_months

    def track(self, name: str, default: float = 0.0) -> float:
        k = self.setup.track_index.get(name)
        return default if k is None else float(self.tracks[k])

    def has_track(self, name: str) -> bool:
        return name in self.setup.track_index

    def track_dict(self) -> dict[str, float]:
        return {t: float(v) for t, v in zip(self.setup.track_names, self.tracks.tolist())}

    def flag(self, name: str) -> object:
        """A flag's value (False when unset); the engine's own flags come from their typed fields."""
        if name in ENGINE_FLAG_READERS:
            return ENGINE_FLAG_READERS[name](self)
        k = self.setup.flag_index.get(name)
        if k is None:
            return False
        v = self.flag_values[k]
        return False if v is None else v

    def decision_date(self, decision_id: str) -> date | None:
        k = self.setup.decision_index[decision_id]
        d = int(self.decision_taken[k])
        return date.fromordinal(d) if d else None

    def steps_lost_by(self, seat_id: str) -> int:
        return int(self.steps_lost[self.setup.seat_index[seat_id]])

    def steps_lost_dict(self) -> dict[str, int]:
        return {s: int(v) for s, v in zip(self.setup.seat_ids, self.steps_lost.tolist())}

    def steps_inflicted_dict(self) -> dict[str, int]:
        """Per seat, the enemy steps its own attacks and defences took (attrition counts for nobody)."""
        return {s: int(v) for s, v in zip(self.setup.seat_ids, self.steps_inflicted.tolist())}

    # -- units -------------------------------------------------------------------------------
    def unit_index(self, uid: str) -> int:
        """Unit number of an id (KeyError if none)."""
        return self.setup.units.index[uid]

    def unit(self, i: int | str) -> Unit:
        """A read-only view of unit ``i`` (a number or an id) in this position."""
        if isinstance(i, str):
            i = self.setup.units.index[i]
        t = self.setup.units.templates[i]
        h = int(self.hex[i])
        a = int(self.arrives[i])
        return Unit(
            id=t.id, name=t.name, seat=t.seat, nation=t.nation, type=t.type, size=t.size, attack=t.attack,
            defence=t.defence, movement=t.movement, max_steps=t.max_steps, steps=int(self.steps[i]),
            location=LOCATIONS[int(self.loc[i])], hex=self.board.hex_at(h) if h >= 0 else None,
            arrives=date.fromordinal(a) if a else None, arrives_at=t.arrives_at,
            requires=None if self.ungated[i] else t.requires, delay_days=t.delay_days, anti_tank=t.anti_tank,
            infiltrates=t.infiltrates, amphibious=t.amphibious, hidden=bool(self.hidden[i]),
            moved=bool(self.moved[i]), attacked=bool(self.attacked[i]), out_of_supply=int(self.oos[i]),
            dug_in=h >= 0 and int(self.dug_in[i]) == h)

    def unit_views(self, indices=None) -> dict[str, Unit]:
        """id -> view, in scenario order (all units, or the given numbers)."""
        idx = range(self.units.n) if indices is None else indices
        return {self.units.ids[i]: self.unit(int(i)) for i in idx}

    def fingerprint(self) -> bytes:
        """Where every unit is and whether it is hidden: all that fog and zones of control depend on."""
        return self.loc.tobytes() + self.hex.tobytes() + self.hidden.tobytes()

    def on_map(self) -> np.ndarray:
        return self.loc == MAP

    def units_at(self, index: int) -> np.ndarray:
        """Unit numbers on flat hex ``index`` (scenario order)."""
        return np.flatnonzero((self.hex == index) & (self.loc == MAP))

    def bloc_units(self, bloc_code: int) -> np.ndarray:
        return self.units.bloc == bloc_code

    def attack_strengths(self) -> np.ndarray:
        u = self.units
        v = u.attack * self.steps / u.max_steps
        v = np.where(self.oos > 0, v / 2, v)
        return np.maximum(v, 0.5)

    def defence_strengths(self) -> np.ndarray:
        u = self.units
        return np.maximum(u.defence * self.steps / u.max_steps, 0.5)

    # -- copying and identity ------------------------------------------------------------------
    def clone(self) -> "GameState":
        new = object.__new__(GameState)
        for name in GameState.__slots__:
            setattr(new, name, getattr(self, name))
        for name in GameState.ARRAYS:
            setattr(new, name, getattr(self, name).copy())
        return new

    def to_snapshot(self) -> dict:
        """Everything that changes, as JSON-able data (saves carry it; ``from_snapshot`` reads it back)."""
        out = {}
        for name in GameState.ARRAYS:
            arr = getattr(self, name)
            out[name] = [round(x, 6) for x in arr.tolist()] if arr.dtype.kind == "f" else arr.tolist()
        out.update({
            "flag_values": list(self.flag_values), "talks": self.talks.value, "stable_turns": self.stable_turns,
            "hexes_changed": self.hexes_changed, "escalation_peak": round(float(self.escalation_peak), 6),
            "mig_alley": self.mig_alley, "no_air_support": self.no_air_support,
            "dmz": [list(x) for x in self.dmz] if self.dmz is not None else None,
            "rng": {"state": str(self.rng_state["state"]["state"]), "inc": str(self.rng_state["state"]["inc"]),
                    "has_uint32": self.rng_state["has_uint32"], "uinteger": self.rng_state["uinteger"]},
            "seed": self.seed, "turn": self.turn, "seat_index": self.seat_index, "phase": self.phase.value,
            "rail_used": self.rail_used, "sea_used": self.sea_used, "landings_used": self.landings_used,
            "outcome": self.outcome, "actions_applied": self.actions_applied,
        })
        return out

    def checksum(self) -> str:
        """SHA-256 of the snapshot: equal states give equal checksums, byte for byte."""
        return snapshot_checksum(self.to_snapshot())


def snapshot_checksum(snapshot: dict) -> str:
    """SHA-256 of a snapshot as written (a save's snapshot verifies against the checksum it was saved with,
    even when it was written before the engine kept some array it keeps now)."""
    blob = json.dumps(snapshot, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()


#: First word of a combat die's key, so that no die shares its key with a politics chance.
COMBAT_DIE = 0x5EED_D1CE


def keyed_die(state: GameState, *key: int) -> int:
    """One six-sided die (1..6) fixed by the game's seed and ``key`` alone, like :func:`keyed_uniform`.

    Combat uses it with (turn, seat, target hex): an attack on a hex meets the same die in every game from one
    seed, whatever was rolled elsewhere before it, so two games that differ in one seat's play differ by that
    play and not by a reshuffled dice stream (paired measures, what-if comparisons).  A hex is attacked at most
    once a seat-turn, so no two attacks of one game share a key.
    """
    return int(np.random.default_rng([abs(int(state.seed)), COMBAT_DIE, *key]).integers(1, 7))


def keyed_uniform(state: GameState, *key: int) -> float:
    """A uniform number in [0, 1) fixed by the game's seed and ``key`` alone, not by the dice drawn before it.

    The politics' chances use it: two games from one seed that part ways on the map still meet the same
    chance at the same turn (paired measures, what-if comparisons); a reseeded copy gets new ones.
    """
    return float(np.random.default_rng([abs(int(state.seed)), *key]).random())


def set_flag_value(state: GameState, name: str, value: object) -> None:
    """Set a scenario flag (None clears it); the engine's own flags go to their typed fields."""
    if name in ENGINE_FLAG_WRITERS:
        ENGINE_FLAG_WRITERS[name](state, value)
        return
    k = state.setup.flag_index[name]
    values = list(state.flag_values)
    values[k] = value
    state.flag_values = tuple(values)


#: The engine's own flags, readable by a scenario's ``flag`` condition under these names.
ENGINE_FLAG_READERS = {
    "stable_turns": lambda s: s.stable_turns,
    "talks": lambda s: s.talks.value,
    "mig_alley": lambda s: s.mig_alley,
    "no_air_support": lambda s: s.no_air_support,
    "escalation_peak": lambda s: s.escalation_peak,
    "dmz": lambda s: list(s.dmz) if s.dmz is not None else False,
}


def _set_talks(s: GameState, v: object) -> None:
    s.talks = TalksStatus(v) if v in {t.value for t in TalksStatus} else TalksStatus.CLOSED


#: How a scenario's ``flags`` section or a ``set_flag`` effect sets the engine's own flags.
ENGINE_FLAG_WRITERS = {
    "mig_alley": lambda s, v: setattr(s, "mig_alley", bool(v)),
    "no_air_support": lambda s, v: setattr(s, "no_air_support", bool(v)),
    "stable_turns": lambda s, v: setattr(s, "stable_turns", int(v or 0)),
    "escalation_peak": lambda s, v: setattr(s, "escalation_peak", float(v or 0.0)),
    "talks": _set_talks,
    "dmz": lambda s, v: None,      # only the armistice draws the DMZ
}


