"""The game state: numpy arrays of what changes, over a static :class:`Setup` every copy shares.

A position is a handful of arrays -- per unit (location code, flat hex index,
steps, marks, arrival date), per hex (control, holder, attacked this phase),
per track, per seat, per rule and decision -- and a few scalars.  ``clone``
copies the arrays and nothing else, so search and Monte Carlo can copy
positions freely.  Only the engine changes a state (game/engine/api.py is the
one door); everything outside reads it through the API's views.

The dice are the state's own PCG64 stream, kept as its state dict and
advanced by :func:`draw`: a clone shares the (immutable) dict until one of
them rolls.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from enum import Enum
from functools import cached_property

import numpy as np

from .board import Board, Country, Terrain
from .config import GameConfig, Seat
from .hexes import Hex
from .units import JAPAN, LOCATION_CODE, LOCATIONS, MAP, PENDING, Location, Unit, UnitTable


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


#: Country -> bloc that controls it at the start, unless a scenario says otherwise.
DEFAULT_CONTROL = {Country.ROK: "un", Country.DPRK: "communist", Country.PRC: "communist",
                   Country.USSR: "communist"}
#: Country -> the nation whose seat holds it at the start (falls back to the bloc's first seat).
COUNTRY_NATION = {Country.ROK: "ROK", Country.DPRK: "KPA", Country.PRC: "PVA", Country.USSR: "PVA"}
KOREA = (int(Country.ROK), int(Country.DPRK))


class Setup:
    """The static part of a game: board, config, unit table and the name indexes of the politics.

    Built once per scenario (``new_state``); every state of the game points to
    the same one.  Caches of rule data that depend only on it (movement costs,
    masks) hang here too (game/engine/terrain.py).
    """

    def __init__(self, board: Board, config: GameConfig, units: UnitTable):
        self.board = board
        self.config = config
        self.units = units
        pol = config.politics
        self.track_names: tuple[str, ...] = tuple(pol.tracks) if pol else ()
        self.track_index = {t: k for k, t in enumerate(self.track_names)}
        names = set(pol.flag_names) if pol else set()
        names |= set(pol.flags) if pol else set()
        names |= {r for r in units.requires if r}
        self.flag_names: tuple[str, ...] = tuple(sorted(names))
        self.flag_index = {f: k for k, f in enumerate(self.flag_names)}
        self.rule_ids: tuple[str, ...] = tuple(r.id for r in pol.rules) if pol else ()
        self.rule_index = {r: k for k, r in enumerate(self.rule_ids)}
        self.decision_ids: tuple[str, ...] = tuple(pol.decisions) if pol else ()
        self.decision_index = {d: k for k, d in enumerate(self.decision_ids)}
        self.loss_keys: tuple[str, ...] = tuple(pol.loss_keys) if pol else ()
        self.loss_index = {k: i for i, k in enumerate(self.loss_keys)}
        self.turn_dates: tuple[date, ...] = config.calendar.turn_dates()
        self.seat_ids = tuple(s.id for s in config.seats)
        self.seat_index = {s: k for k, s in enumerate(self.seat_ids)}
        self.seat_bloc = tuple(config.bloc_code(s.bloc) for s in config.seats)   # seat index -> bloc code
        self.cache: dict = {}

    def recall(self, key: tuple, make, size: int = 64):
        """A derived value of a position, remembered by ``key`` (which must hold the position's fingerprint).

        Fog masks and knowledge are asked for again and again of the same
        position (the legality check, the move, the spotting after it, every
        ply of a search); a small first-in-first-out memory keeps the last few.
        """
        memo = self.cache.setdefault(("recall", size), {})
        value = memo.get(key)
        if value is None:
            value = make()
            if len(memo) >= size:
                del memo[next(iter(memo))]
            memo[key] = value
        return value

    @cached_property
    def korea_land(self) -> np.ndarray:
        b = self.board
        return np.isin(b.country, KOREA) & (b.terrain >= Terrain.CLEAR)


class GameState:
    """One position.  Arrays are indexed by unit number, flat hex index, track, seat, rule or decision."""

    __slots__ = ("setup", "loc", "hex", "steps", "moved", "attacked", "hidden", "oos", "arrives", "ungated",
                 "control", "holder", "attacked_hexes", "tracks", "steps_lost", "steps_inflicted",
                 "flag_values", "flag_since", "rule_fired", "decision_taken", "offered", "loss_marks",
                 "supply_bonus", "talks", "stable_turns", "hexes_changed", "escalation_peak", "mig_alley",
                 "no_air_support", "dmz", "rng_state", "seed", "turn", "seat_index", "phase",
                 "rail_used", "sea_used", "landings_used", "outcome", "actions_applied")

    # Arrays copied by clone (everything else is immutable or a scalar).
    ARRAYS = ("loc", "hex", "steps", "moved", "attacked", "hidden", "oos", "arrives", "ungated", "control",
              "holder", "attacked_hexes", "tracks", "steps_lost", "steps_inflicted", "flag_since", "rule_fired",
              "decision_taken", "offered", "loss_marks", "supply_bonus")

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
            moved=bool(self.moved[i]), attacked=bool(self.attacked[i]), out_of_supply=int(self.oos[i]))

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
        blob = json.dumps(self.to_snapshot(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()


def from_snapshot(setup: Setup, snap: dict) -> GameState:
    """The state a snapshot describes (raises KeyError/ValueError/TypeError on a malformed one)."""
    base = blank_state(setup, int(snap["seed"]))
    s = base
    for name in GameState.ARRAYS:
        ref = getattr(base, name)
        arr = np.array(snap[name], dtype=ref.dtype)
        if arr.shape != ref.shape:
            raise ValueError(f"snapshot field {name} has shape {arr.shape}, expected {ref.shape}")
        setattr(s, name, arr)
    if len(snap["flag_values"]) != len(setup.flag_names):
        raise ValueError("snapshot flags do not match the scenario")
    s.flag_values = tuple(snap["flag_values"])
    s.talks = TalksStatus(snap["talks"])
    s.stable_turns = int(snap["stable_turns"])
    s.hexes_changed = int(snap["hexes_changed"])
    s.escalation_peak = float(snap["escalation_peak"])
    s.mig_alley = bool(snap["mig_alley"])
    s.no_air_support = bool(snap["no_air_support"])
    s.dmz = tuple(tuple(int(v) for v in x) for x in snap["dmz"]) if snap["dmz"] is not None else None
    r = snap["rng"]
    s.rng_state = {"bit_generator": "PCG64", "state": {"state": int(r["state"]), "inc": int(r["inc"])},
                   "has_uint32": int(r["has_uint32"]), "uinteger": int(r["uinteger"])}
    for name in ("turn", "seat_index", "rail_used", "sea_used", "landings_used", "actions_applied"):
        setattr(s, name, int(snap[name]))
    s.phase = Phase(snap["phase"])
    s.outcome = snap["outcome"]
    return s


def draw_die(state: GameState) -> int:
    """One six-sided die from the state's seeded stream (1..6)."""
    bg = np.random.PCG64()
    bg.state = state.rng_state
    value = int(np.random.Generator(bg).integers(1, 7))
    state.rng_state = bg.state
    return value


def draw_uniform(state: GameState) -> float:
    """A uniform number in [0, 1) from the state's seeded stream."""
    bg = np.random.PCG64()
    bg.state = state.rng_state
    value = float(np.random.Generator(bg).random())
    state.rng_state = bg.state
    return value


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


def initial_control(board: Board, config: GameConfig) -> np.ndarray:
    """Control at the start: each country to its bloc (sea and Japan to nobody)."""
    control = np.zeros(board.size, dtype=np.int8)
    blocs = config.blocs
    for country, bloc in DEFAULT_CONTROL.items():
        if bloc in blocs:
            control[board.country == int(country)] = config.bloc_code(bloc)
    return control


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


def hexes_held(state: GameState) -> dict[str, int]:
    """Land hexes held per seat (by the seat that last took them)."""
    counts = np.bincount(state.holder.astype(np.int64), minlength=len(state.config.seats) + 1)
    return {s.id: int(counts[i + 1]) for i, s in enumerate(state.config.seats)}


def blank_state(setup: Setup, seed: int) -> GameState:
    """Arrays of the right shapes, units as their templates say, turn 1, first seat, movement phase."""
    board, config, table = setup.board, setup.config, setup.units
    n = table.n
    s = object.__new__(GameState)
    s.setup = setup
    t = table.templates
    s.loc = np.array([LOCATION_CODE[u.location] for u in t], dtype=np.int8)
    s.hex = np.array([board.index(u.hex) if u.hex is not None and u.location is Location.MAP else -1 for u in t],
                     dtype=np.int32)
    off = [u.id for u, h in zip(t, s.hex.tolist()) if h < 0 and u.location is Location.MAP]
    if off:
        raise ValueError(f"units on the map without a hex on the board: {', '.join(off)}")
    s.steps = np.array([u.steps for u in t], dtype=np.int8)
    s.moved = np.array([u.moved for u in t], dtype=bool)
    s.attacked = np.array([u.attacked for u in t], dtype=bool)
    s.hidden = np.array([u.hidden for u in t], dtype=bool)
    s.oos = np.array([u.out_of_supply for u in t], dtype=np.int16)
    s.arrives = np.array([u.arrives.toordinal() if u.arrives else 0 for u in t], dtype=np.int32)
    s.ungated = np.zeros(n, dtype=bool)
    s.control = initial_control(board, config)
    s.holder = initial_holder(board, config, s.control)
    s.attacked_hexes = np.zeros(board.size, dtype=bool)
    s.tracks = np.array([config.politics.tracks[k].start for k in setup.track_names], dtype=np.float64)
    s.steps_lost = np.zeros(len(config.seats), dtype=np.int32)
    s.steps_inflicted = np.zeros(len(config.seats), dtype=np.int32)   # steps the seat's fighting took from enemies
    s.flag_values = tuple(None for _ in setup.flag_names)
    s.flag_since = np.zeros(len(setup.flag_names), dtype=np.int32)
    s.rule_fired = np.zeros(len(setup.rule_ids), dtype=np.int32)
    s.decision_taken = np.zeros(len(setup.decision_ids), dtype=np.int32)
    s.offered = np.zeros(len(setup.decision_ids), dtype=bool)
    s.loss_marks = np.zeros(len(setup.loss_keys), dtype=np.int32)
    s.supply_bonus = np.zeros(len(config.blocs) + 1, dtype=np.int16)
    s.talks = TalksStatus.CLOSED
    s.stable_turns = 0
    s.hexes_changed = 0
    s.escalation_peak = 0.0
    s.mig_alley = False
    s.no_air_support = False
    s.dmz = None
    s.rng_state = np.random.PCG64(seed).state
    s.seed = seed
    s.turn = 1
    s.seat_index = 0
    s.phase = Phase.MOVEMENT
    s.rail_used = s.sea_used = s.landings_used = 0
    s.outcome = None
    s.actions_applied = 0
    return s


def new_state(board: Board, config: GameConfig, units: list[Unit], seed: int) -> GameState:
    """A fresh state at turn 1, first seat, movement phase; arrivals not yet applied.

    Start play with ``game.engine.api.start`` (runs the first seat's automatic phases).
    """
    table = UnitTable(units, tuple(s.id for s in config.seats), tuple(config.bloc_code(s.bloc) for s in config.seats))
    return blank_state(Setup(board, config, table), seed)


__all__ = ["GameState", "Setup", "Phase", "TalksStatus", "new_state", "hexes_held", "from_snapshot", "draw_die",
           "draw_uniform", "JAPAN", "PENDING", "MAP", "Hex"]
