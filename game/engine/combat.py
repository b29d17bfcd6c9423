"""Combat: the odds table, its column shifts, the preview and the resolution.

DESIGN §6: attack/defence ratio -> column, shifted for terrain, river,
supply, air, armour, surprise and winter; one six-sided die from the state's
generator; results are step losses, retreats and exchanges.  ``preview`` gives
the exact probability of every result; the UI and the AI both use it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .board import Board, Terrain
from .hexes import Hex, direction_to
from .state import GameState, keyed_die
from .units import attack_strength, defence_strength

#: Columns, worst for the attacker first, with the lowest ratio that reaches each.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("1:3", 0.0), ("1:2", 0.5), ("1:1", 1.0), ("3:2", 1.5), ("2:1", 2.0),
    ("3:1", 3.0), ("4:1", 4.0), ("5:1", 5.0), ("6:1", 6.0),
)

#: Result codes -> (attacker steps lost, defender steps lost, defender retreats).
RESULTS: dict[str, tuple[int, int, bool]] = {
    "AL2": (2, 0, False), "AL": (1, 0, False), "NE": (0, 0, False), "EX": (1, 1, False),
    "DR": (0, 0, True), "DL": (0, 1, False), "DLR": (0, 1, True), "DL2R": (0, 2, True),
}
RESULT_NAMES = {
    "AL2": "attacker loses 2 steps", "AL": "attacker loses a step", "NE": "no effect",
    "EX": "exchange: each side loses a step", "DR": "defender retreats",
    "DL": "defender loses a step", "DLR": "defender loses a step and retreats",
    "DL2R": "defender loses 2 steps and retreats",
}

#: The table: one row per column, die 1..6 (1 is worst for the attacker).
TABLE: tuple[tuple[str, ...], ...] = (
    ("AL2", "AL", "AL", "AL", "NE", "NE"),       # 1:3
    ("AL", "AL", "AL", "NE", "NE", "EX"),        # 1:2
    ("AL", "AL", "NE", "EX", "DR", "DR"),        # 1:1
    ("AL", "NE", "EX", "DR", "DR", "DL"),        # 3:2
    ("NE", "EX", "DR", "DR", "DL", "DLR"),       # 2:1
    ("EX", "DR", "DR", "DL", "DLR", "DLR"),      # 3:1
    ("EX", "DR", "DL", "DLR", "DLR", "DL2R"),    # 4:1
    ("DR", "DL", "DLR", "DLR", "DL2R", "DL2R"),  # 5:1
    ("DL", "DLR", "DLR", "DL2R", "DL2R", "DL2R"),  # 6:1
)

TERRAIN_SHIFT = {Terrain.MOUNTAIN: (-2, "mountain"), Terrain.HILLS: (-1, "hills"),
                 Terrain.CITY: (-1, "city"), Terrain.MARSH: (-1, "marsh")}


@dataclass(frozen=True)
class Shift:
    columns: int
    reason: str


@dataclass(frozen=True)
class Odds:
    """Everything the player sees before committing to an attack."""

    attack: float
    defence: float
    base_column: int
    shifts: tuple[Shift, ...]
    column: int
    probabilities: dict[str, float]     # result code -> probability (sums to 1)

    @property
    def column_name(self) -> str:
        return COLUMNS[self.column][0]

    @property
    def base_name(self) -> str:
        return COLUMNS[self.base_column][0]


def base_column(attack: float, defence: float) -> int:
    ratio = attack / max(defence, 0.01)
    col = 0
    for i, (_, low) in enumerate(COLUMNS):
        if ratio + 1e-9 >= low:
            col = i
    return col


def shifts_for(state: GameState, attackers: list[int], defenders: list[int], target: Hex) -> list[Shift]:
    """Every column shift of this attack (units by number), each with its reason."""
    board = state.board
    p = state.config.params
    table = state.units
    ti = board.index(target)
    out: list[Shift] = []
    terrain = Terrain(int(board.terrain[ti]))
    if terrain in TERRAIN_SHIFT:
        n, name = TERRAIN_SHIFT[terrain]
        out.append(Shift(n, f"defender in {name}"))
    across = []
    for a in attackers:
        ai = int(state.hex[a])
        d = direction_to(board.hex_at(ai), target)
        across.append(d is not None and bool(board.river[ai, d]) and not bool(board.road[ai, d]))
    if across and all(across):
        out.append(Shift(-1, "attack across a river"))
    if any(state.oos[d] > 0 for d in defenders):
        out.append(Shift(+1, "defender out of supply"))
    att_bloc = state.config.blocs[table.bloc_list[attackers[0]] - 1]
    def_bloc = state.config.blocs[table.bloc_list[defenders[0]] - 1]
    # MiG Alley: Soviet jets deny UN air power over the north-west (DESIGN §8, escalation 40).
    air_denied = state.no_air_support or (state.mig_alley and in_mig_alley(board, target))
    if att_bloc == p.air_support_bloc and not air_denied:
        out.append(Shift(+1, "close air support"))
    elif def_bloc == p.air_support_bloc and not air_denied:
        out.append(Shift(-1, "air support for the defence"))
    if p.dig_in and all(int(state.dug_in[d]) == ti for d in defenders):
        out.append(Shift(-1, "defender dug in"))
    if any(table.armour_list[a] for a in attackers) and any(not table.anti_tank[d] for d in defenders):
        out.append(Shift(+1, "armour against a defender without anti-tank weapons"))
    if any(state.hidden[a] for a in attackers):
        out.append(Shift(+1, "surprise: the attacker was unseen"))
    if state.is_winter() and float(board.lat[ti]) >= p.winter_north_lat:
        out.append(Shift(-1, "winter in the north"))
    return out


#: MiG Alley, where Soviet jets deny UN air power once it opens: north of this latitude and west of this longitude.
MIG_ALLEY_NORTH_OF, MIG_ALLEY_WEST_OF = 39.0, 127.0


def in_mig_alley(board: Board, h: Hex) -> bool:
    """Whether a hex lies in MiG Alley (the north-west, within reach of the jets' Manchurian bases)."""
    return float(board.lat[board.index(h)]) >= MIG_ALLEY_NORTH_OF \
        and board.projection.to_lonlat(*board.projection.hex_center_km(h))[0] < MIG_ALLEY_WEST_OF


def odds(state: GameState, attackers: list[int], defenders: list[int], target: Hex) -> Odds:
    """The odds column and result probabilities of an attack (nothing changes)."""
    table = state.units
    att = 0.0
    for a in attackers:
        att += attack_strength(table.attack[a], int(state.steps[a]), int(table.max_steps[a]), int(state.oos[a]))
    dfn = 0.0
    for d in defenders:
        dfn += defence_strength(table.defence[d], int(state.steps[d]), int(table.max_steps[d]))
    base = base_column(att, dfn)
    shifts = tuple(shifts_for(state, attackers, defenders, target))
    col = max(0, min(len(COLUMNS) - 1, base + sum(s.columns for s in shifts)))
    return Odds(att, dfn, base, shifts, col, column_probabilities(col))


def column_probabilities(column: int) -> dict[str, float]:
    """Result code -> probability on one column of the table (one die, six faces)."""
    probs: dict[str, float] = {}
    for code in TABLE[column]:
        probs[code] = probs.get(code, 0.0) + 1 / 6
    return probs


def roll(state: GameState, target: int) -> int:
    """The die (1..6) of this seat-turn's attack on hex index ``target``: fixed by the seed, the turn, the seat
    and the hex (state.keyed_die), not by the attacks made before it."""
    return keyed_die(state, state.turn, state.seat_index, target)


def result_for(column: int, die: int) -> str:
    return TABLE[column][die - 1]
