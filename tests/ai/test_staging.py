"""Staging for the last word (game/ai/staging.py): on the two turns before the game's last, a seat that moves last
draws one unit toward each enemy place none of its units can reach this turn, so that it can take the place with
the last move of the game."""

from __future__ import annotations

import numpy as np
from helpers import blue_moves, started, tiny_board, tiny_state, unit, with_places

from game.ai.commander import Commander
from game.ai.influence import Picture
from game.ai.staging import Staging
from game.engine import api
from game.engine.actions import EndPhase

BOARD = tiny_board(["c" * 14] * 10)
KEEP_NONE = np.zeros(BOARD.size, dtype=bool)


def cell(col: int, row: int):
    """The hex at a column and row of the 14x10 board (row 0 to the north)."""
    return BOARD.hex_at(row * 14 + col)


FAR = cell(11, 2)         # the enemy's 3-point place, out of the blue division's reach (it moves 4 on clear)


def _position(turn: int, seat: str = "blue", place=FAR, red_at=cell(13, 0)):
    """28 weekly turns; red moves first, blue last.  The enemy's ground is rows 0-4, with his 3-point ``place``;
    ours rows 5-9, with our 5-point place in the south-west corner, where nobody threatens it.  Blue's division b
    stands at column 2 of row 7, red's r at ``red_at``.  The position at ``seat``'s movement on ``turn``."""
    s = with_places(tiny_state(BOARD, [unit("b", "blue", cell(2, 7)), unit("r", "red", red_at)]), (place, 3),
                    (cell(0, 9), 5))
    for row in range(10):
        for col in range(14):
            s.control[row * 14 + col] = s.config.bloc_code("communist" if row <= 4 else "un")
    s = started(s)
    s.turn = turn
    while not (s.active_seat.id == seat and s.phase is api.Phase.MOVEMENT):
        s, _ = api.apply(s, EndPhase())
    return s


def _staging(s, seat: str = "blue", keep_off=KEEP_NONE) -> Staging:
    obs = api.observe(s, seat)
    return Staging(obs, Picture(obs), obs.last_turn, keep_off, {u: obs.move_options(u) for u in obs.movers()})


def _steps_to(h) -> np.ndarray:
    one = np.zeros(BOARD.size, dtype=bool)
    one[BOARD.index(h)] = True
    return BOARD.steps_from(np.flatnonzero(one), np.ones(BOARD.size, dtype=bool))


def test_on_the_eve_a_far_place_pulls_6_within_3_hexes_and_1_less_a_hex_beyond():
    staging = _staging(_position(27))
    d = _steps_to(FAR)
    land = BOARD.terrain >= 0
    for k, pull in ((0, 6.0), (3, 6.0), (4, 5.0), (6, 3.0), (8, 1.0), (9, 0.0), (12, 0.0)):
        ring = (d == k) & land
        ring[BOARD.index(cell(13, 0))] = False          # (red's own hex is no place to stand)
        assert set(staging.pull[ring].tolist()) <= {pull}, k
    assert int(staging.hexes.sum()) == int(((d <= 3) & land).sum())


def test_two_turns_before_the_ready_zone_is_6_hexes_wide_and_three_before_nothing_pulls():
    assert int(_steps_to(FAR)[_staging(_position(26)).hexes].max()) == 6
    assert not _staging(_position(25))
    assert not _staging(_position(25)).pull.any()


def test_one_unit_a_place_once_one_is_drawn_the_place_pulls_no_other():
    staging = _staging(_position(27))
    ready = int(np.flatnonzero(staging.hexes)[0])
    assert staging.target_at(ready) == BOARD.index(FAR)
    staging.take(ready)
    assert not staging.pull.any()
    assert staging.target_at(ready) is None


def test_no_staging_for_a_seat_with_no_last_word_nor_for_places_within_reach_held_or_kept_off():
    assert not _staging(_position(27, seat="red"), seat="red")   # red moves first: blue answers its every move
    assert not _staging(_position(27, place=cell(3, 4)))             # b reaches it this turn: the ordinary pull's
    assert not _staging(_position(27, place=cell(3, 4), red_at=cell(3, 4)))   # an enemy unit seen standing on it
    assert _staging(_position(27, red_at=FAR))                       # (one the fog hides on it: we cannot know)
    keep_off = np.zeros(BOARD.size, dtype=bool)
    keep_off[BOARD.index(FAR)] = True
    assert not _staging(_position(27), keep_off=keep_off)             # near a great power's border


def test_the_move_says_what_it_stands_ready_for():
    reasons: list = []
    moves = blue_moves(_position(27), Commander(3), reasons)
    assert _steps_to(FAR)[BOARD.index(moves["b"])] < _steps_to(FAR)[BOARD.index(cell(2, 7))]
    assert reasons == ["B moves to hex (3,4), within a march of an enemy place: ready to take it with our last move "
                       "of the game."]
