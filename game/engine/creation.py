"""Making states: a fresh one for a new game (the 1950 borders, the units as the scenario places them),
and one from a snapshot (saves).  Everything else about a state is in game/engine/state.py.
"""

from __future__ import annotations

import numpy as np

from .board import Board, Country
from .config import GameConfig
from .setup import Setup
from .snapshot_check import check_snapshot
from .state import GameState, Phase, TalksStatus
from .units import LOCATION_CODE, Location, Unit, UnitTable

#: Country -> bloc that controls it at the start, unless a scenario says otherwise.
DEFAULT_CONTROL = {Country.ROK: "un", Country.DPRK: "communist", Country.PRC: "communist",
                   Country.USSR: "communist"}
#: Country -> the nation whose seat holds it at the start (falls back to the bloc's first seat).
COUNTRY_NATION = {Country.ROK: "ROK", Country.DPRK: "KPA", Country.PRC: "PVA", Country.USSR: "PVA"}


def from_snapshot(setup: Setup, snap: dict) -> GameState:
    """The state a snapshot describes, once every field is held to its type and range for ``setup``
    (game/engine/snapshot_check.py): raises SnapshotInvalid (a ValueError) naming the first field that is not."""
    check_snapshot(setup, snap)
    base = blank_state(setup, int(snap["seed"]))
    s = base
    for name in GameState.ARRAYS:
        ref = getattr(base, name)
        if name not in snap and name in GameState.LATER_ARRAYS:
            continue
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
    s.dug_in = np.full(n, -1, dtype=np.int32)      # the hex a unit has dug in on (-1: none; game/engine/flow.py)
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
