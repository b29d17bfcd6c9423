"""Tiny boards and states for rule tests: a map drawn as text, units placed by hand."""

from __future__ import annotations

from datetime import date

from game.engine.board import Board
from game.engine.config import Calendar, CalendarPeriod, GameConfig, Parameters, Seat, SupplySource
from game.engine.creation import new_state
from game.engine.hexes import Hex
from game.engine.state import GameState
from game.engine.units import Location, Unit

SEATS = (
    Seat("red", "Red", "communist", ("KPA",)),
    Seat("blue", "Blue", "un", ("US",)),
)


def tiny_board(terrain: list[str], country: list[str] | None = None, rivers: list[list[int]] = (),
               routes: list[dict] = (), places: list[dict] = ()) -> Board:
    """A board from rows of terrain codes (see board.TERRAIN_CODES); country 'R' by default."""
    rows, cols = len(terrain), len(terrain[0])
    if country is None:
        country = ["".join("." if ch in ".l" else "R" for ch in row) for row in terrain]
    data = {
        "cols": cols, "rows": rows, "hex_km": 16,
        "projection": {"lon0": 126.0, "lat0": 38.0, "km_per_deg_lon": 87.7, "km_per_deg_lat": 110.57},
        "terrain": terrain, "country": country,
        "rivers": [{"id": "test", "name": "Test", "hexsides": list(rivers)}],
        "routes": list(routes), "places": list(places),
    }
    return Board.from_mapdata(data)


def unit(uid: str, seat: str, at: Hex | None, attack: int = 4, defence: int = 4, movement: int = 4,
         steps: int = 3, **kw) -> Unit:
    nation = "KPA" if seat == "red" else "US"
    loc = kw.pop("location", Location.MAP if at is not None else Location.PENDING)
    return Unit(id=uid, name=uid.upper(), seat=seat, nation=nation, type=kw.pop("type", "infantry"),
                size="division", attack=attack, defence=defence, movement=movement, max_steps=steps,
                steps=kw.pop("cur_steps", steps), location=loc, hex=at, **kw)


def tiny_state(board: Board, units: list[Unit], seed: int = 1, sources: tuple = (),
               params: Parameters | None = None, first: date = date(1950, 6, 25),
               seats: tuple[Seat, ...] = SEATS, replacements: tuple = (), depots: tuple = ()) -> GameState:
    config = GameConfig(
        scenario_id="test", title="Test", seats=seats,
        calendar=Calendar(first, date(1950, 12, 31), (CalendarPeriod(first, 7),)),
        supply_sources=tuple(SupplySource(b, h, f"src{i}", True) for i, (b, h) in enumerate(sources))
        + tuple(SupplySource(b, h, f"depot{i}", True, linked=True) for i, (b, h) in enumerate(depots)),
        params=params or Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0,
                                    closed=()),
        replacements=tuple(replacements),
    )
    return new_state(board, config, units, seed)


def with_places(state: GameState, *places: tuple[Hex, int]) -> GameState:
    """The same position (fresh from its units) with victory places (hex, points) added to its scenario."""
    import dataclasses

    from game.engine.config import VictoryPlace
    config = dataclasses.replace(state.config, victory_places=tuple(
        VictoryPlace(f"p{k}", h, pts) for k, (h, pts) in enumerate(places)))
    return new_state(state.board, config, list(state.units.templates), state.seed)


def control_all(state: GameState, bloc: str) -> None:
    state.control[:] = state.config.bloc_code(bloc)


BLUE_FIRST = (SEATS[1], SEATS[0])


def started(state: GameState) -> GameState:
    """The state after the first seat's automatic phases (through the API)."""
    from game.engine import api
    return api.start(state)[0]


def play(state: GameState, *actions) -> tuple[GameState, list]:
    """Apply actions one by one through the API; returns the last state and all events."""
    from game.engine import api
    events: list = []
    for a in actions:
        state, ev = api.apply(state, a)
        events.extend(ev)
    return state, events


def flags_of(state: GameState) -> dict:
    """The position's flags as one dict, in the shape of the old flags bag (for rule tests).

    Scenario flags that are set, the engine's own (talks, stable_turns, mig_alley, no_air_support,
    escalation_peak, dmz when drawn), ``rule:ID`` fire counts and ``decision:ID`` dates.
    """
    from datetime import date as _date

    from game.engine.state import ENGINE_FLAG_READERS
    out: dict = {}
    for name, value in zip(state.setup.flag_names, state.flag_values):
        if value is not None and name not in ENGINE_FLAG_READERS:
            out[name] = value
    for name, read in ENGINE_FLAG_READERS.items():
        v = read(state)
        if name == "dmz" and v is False:
            continue
        out[name] = v
    for rid, n in zip(state.setup.rule_ids, state.rule_fired.tolist()):
        if n:
            out[f"rule:{rid}"] = n
    for did, d in zip(state.setup.decision_ids, state.decision_taken.tolist()):
        if d:
            out[f"decision:{did}"] = _date.fromordinal(d).isoformat()
    return out


def tracks_of(state: GameState) -> dict[str, float]:
    return state.track_dict()


def with_politics(state: GameState, politics) -> GameState:
    """A fresh copy of an unstarted tiny state whose config carries ``politics`` (compiled rules)."""
    import dataclasses
    config = dataclasses.replace(state.config, politics=politics)
    return new_state(state.board, config, list(state.units.templates), state.seed)


def blue_moves(state: GameState, agent, reasons: list | None = None) -> dict:
    """The movement orders ``agent`` gives for seat "blue" in ``state`` (up to six), as unit -> destination hex:
    each applied through the API before the next is asked for, until it ends the phase; each order's reason
    (``agent.last_reason``) appended to ``reasons`` if given."""
    from game.engine import api
    from game.engine.actions import EndPhase
    moves = {}
    for _ in range(6):
        a = agent.choose(api.observe(state, "blue"))
        if isinstance(a, EndPhase):
            break
        moves[a.unit] = a.to
        if reasons is not None:
            reasons.append(agent.last_reason)
        state, _ = api.apply(state, a)
    return moves
