"""The lines an outmatched army falls back to (game/ai/lines.py): tiny boards, literal expectations."""

from __future__ import annotations

import numpy as np
from helpers import BLUE_FIRST, started, tiny_board, tiny_state, unit, with_places

from game.ai.influence import Picture
from game.ai.lines import perimeter
from game.engine import api
from game.engine.hexes import Hex

BASE = Hex(0, 0)


def _position(blue: int, raider: bool):
    """A 20x2 strip: our base (10 points) at its west end, our ground to q=15, the enemy's main body (three strong
    divisions) at q=16-17 facing ``blue`` units of ours at q=15; with ``raider``, a weak enemy company deep in our
    rear, where our units see it."""
    b = tiny_board(["c" * 20] * 2)
    units = [unit(f"b{k}", "blue", Hex(15, k)) for k in range(blue)]
    units += [unit("r1", "red", Hex(16, 0), attack=8), unit("r2", "red", Hex(16, 1), attack=8),
              unit("r3", "red", Hex(17, 0), attack=8)]
    if raider:
        units += [unit("raider", "red", Hex(5, 1), attack=1, steps=1), unit("watch", "blue", Hex(6, 0))]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (BASE, 10))
    for i, h in enumerate(b.hex_list):
        s.control[i] = s.config.bloc_code("un" if h.q <= 15 else "communist")
    return b, Picture(api.observe(started(s), "blue"))


def _ring(b, line) -> list[int]:
    return sorted({BASE.distance(b.hex_at(i)) for i in np.flatnonzero(line)})


def test_the_perimeter_is_drawn_round_the_base_out_of_the_main_bodys_reach():
    # rule: as far out as the line can be manned, three hexes inside the enemy's main body (16 from the base)
    b, pic = _position(blue=2, raider=False)
    line = perimeter(pic, 2 * 2.5)
    assert _ring(b, line) == [13]
    assert pic.ours[line].all()


def test_a_raider_in_our_rear_does_not_draw_the_perimeter_in():
    # rule: a weak unit nearer the base than the main body (a raid, a pocket) is not the front
    b, pic = _position(blue=2, raider=True)
    assert _ring(b, perimeter(pic, 2 * 2.5)) == [13]


def test_no_perimeter_when_the_line_cannot_be_manned():
    # rule: each ring round the base is two hexes long here; one hex of line is too short for any of them
    b, pic = _position(blue=2, raider=False)
    assert perimeter(pic, 1.0) is None


def test_ground_gains_are_by_reach_and_ground_taken_is_not_counted_twice():
    # rule: a unit's gain is the open ground within its own reach; once one unit is sent to take it, the next
    # unit's gain near there no longer counts it (influence.GroundGains)
    from game.ai.influence import GroundGains
    b = tiny_board(["c" * 12])
    open_ground = np.array([h.q >= 6 for h in b.hex_list])
    gains = GroundGains(b, open_ground.copy())
    at = b.index(Hex(5, 0))
    assert (gains.at_reach(1)[at], gains.at_reach(3)[at]) == (1, 3)
    gains.take(b.index(Hex(7, 0)), 1)          # a weak unit takes hexes 6-8
    assert (gains.at_reach(1)[at], gains.at_reach(3)[at]) == (0, 0)
    assert gains.at_reach(3)[b.index(Hex(9, 0))] == 3      # 9-11 are still open for the next


def _outmatched_on_a_place(turn: int):
    """A 6x20 board, ours but the top two rows; our weak division b alone on a 3-point place two hexes from three
    strong enemy divisions, our first place (10 points) far in the rear; ``turn`` of the calendar's 28."""
    from helpers import blue_moves, control_all

    from game.ai.commander import Commander
    b = tiny_board(["c" * 6] * 20)
    cell = (lambda col, row: b.hex_at(row * 6 + col))
    units = [unit("b", "blue", cell(3, 3), attack=2, defence=2)]
    units += [unit(f"r{q}", "red", cell(q, 1), attack=8) for q in (1, 3, 5)]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (cell(3, 3), 3), (cell(2, 17), 10))
    control_all(s, "un")
    for i, h in enumerate(b.hex_list):
        if i < 12:
            s.control[i] = s.config.bloc_code("communist")
    s = started(s)
    s.turn = turn
    reasons: list[str] = []
    return blue_moves(s, Commander(3), reasons), reasons


def test_an_outmatched_seat_gives_up_a_place_only_with_turns_left_to_win_it_back():
    # rule: falling back, a place within the enemy's reach is left (trading ground for time) only while more than
    # ENDGAME (4) turns remain; nearer the end it is held, as what is held then is the score.  With 3, the DPRK of
    # the six-turn tutorial left Haeju on turn 2 (pair 83 of seeds 60-119) and never won it back.
    assert _outmatched_on_a_place(23) == ({"b": Hex(-1, 2)}, ["B falls back to hex (-1,2): outmatched where it stood."])
    assert _outmatched_on_a_place(24) == ({}, [])
