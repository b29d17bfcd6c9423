"""Combat odds, shifts, preview vs sampled results; retreats and losses; supply trace."""

import numpy as np
import pytest
from helpers import SEATS, tiny_board, tiny_state, unit

from game.engine.actions import Attack, EndPhase
from game.engine.combat import COLUMNS, TABLE, base_column, odds, result_for
from game.engine.hexes import Hex
from game.engine.rules import apply, start_game
from game.engine.supply import supplied_hexes
from game.engine.turn import check_supply

BLUE_FIRST = (SEATS[1], SEATS[0])


def combat_state(terrain="ccccc", **kw):
    b = tiny_board([terrain])
    units = [unit("b1", "blue", Hex(1, 0), attack=6), unit("b2", "blue", Hex(1, 0), attack=6),
             unit("r", "red", Hex(2, 0), defence=4)]
    s, _ = start_game(tiny_state(b, units, seats=BLUE_FIRST, **kw))
    s, _ = apply(s, EndPhase())   # to blue's combat phase
    return s


def test_base_columns_literals():
    assert COLUMNS[base_column(1, 4)][0] == "1:3"
    assert COLUMNS[base_column(2, 4)][0] == "1:2"
    assert COLUMNS[base_column(4, 4)][0] == "1:1"
    assert COLUMNS[base_column(9, 4)][0] == "2:1"
    assert COLUMNS[base_column(12, 4)][0] == "3:1"
    assert COLUMNS[base_column(100, 4)][0] == "6:1"
    assert result_for(0, 1) == "AL2" and result_for(8, 6) == "DL2R"


def test_terrain_and_river_shifts():
    s = combat_state("ccmcc")
    att = [s.units["b1"], s.units["b2"]]
    o = odds(s, att, [s.units["r"]], Hex(2, 0))
    assert o.base_name == "3:1"
    assert [sh.reason for sh in o.shifts] == ["defender in mountain"]
    assert o.column_name == "3:2"


def test_armour_and_surprise_shifts():
    s = combat_state()
    s.units["b1"].type = "armour"
    s.units["r"].anti_tank = False
    s.units["b2"].hidden = True
    o = odds(s, [s.units["b1"], s.units["b2"]], [s.units["r"]], Hex(2, 0))
    reasons = [sh.reason for sh in o.shifts]
    assert any("armour" in r for r in reasons) and any("surprise" in r for r in reasons)
    assert o.column == min(len(COLUMNS) - 1, o.base_column + 2)


@pytest.mark.parametrize("col", range(len(COLUMNS)))
def test_preview_probabilities_sum_to_one(col):
    probs = {}
    for code in TABLE[col]:
        probs[code] = probs.get(code, 0) + 1 / 6
    assert abs(sum(probs.values()) - 1) < 1e-12


def test_preview_matches_sampled_frequencies():
    s = combat_state()
    attack = Attack(Hex(2, 0), ("b1", "b2"))
    o = odds(s, [s.units["b1"], s.units["b2"]], [s.units["r"]], Hex(2, 0))
    assert abs(sum(o.probabilities.values()) - 1) < 1e-9
    counts: dict[str, int] = {}
    n = 1200
    for seed in range(n):
        s2 = s.clone()
        s2.rng = np.random.default_rng(seed)
        _, events = apply(s2, attack)
        code = next(e for e in events if e.kind == "CombatResolved").data["result"]
        counts[code] = counts.get(code, 0) + 1
    for code, p in o.probabilities.items():
        freq = counts.get(code, 0) / n
        assert abs(freq - p) < 4 * (p * (1 - p) / n) ** 0.5 + 0.01, (code, freq, p)
    assert set(counts) <= set(o.probabilities)


def test_retreat_blocked_costs_a_step_and_attacker_advances():
    b = tiny_board(["c.c", "ccc"], country=["R.R", "RRR"])
    units = [unit("b1", "blue", Hex(0, 0), attack=30), unit("r", "red", Hex(0, 1), steps=3)]
    # red at (0,1) has neighbours (1,1),(1,0)... fill (1,1) and (-1,2)...: make it surrounded by sea/off-map
    s, _ = start_game(tiny_state(b, units, seats=BLUE_FIRST))
    s, _ = apply(s, EndPhase())
    s.rng = np.random.default_rng(3)
    s2, events = apply(s, Attack(Hex(0, 1), ("b1",)))
    kinds = [e.kind for e in events]
    assert "CombatResolved" in kinds
    r = s2.units["r"]
    assert r.steps < 3 or r.hex != Hex(0, 1)
    if r.location.value == "eliminated" or r.hex != Hex(0, 1):
        assert s2.units["b1"].hex == Hex(0, 1)
        assert "UnitAdvanced" in kinds


def test_supply_trace_blocked_by_enemy_zoc_and_range():
    b = tiny_board(["cccccccc"])
    units = [unit("b", "blue", Hex(6, 0)), unit("r", "red", Hex(3, 0))]
    s = tiny_state(b, units, sources=[("un", Hex(0, 0))])
    mask = supplied_hexes(s, "un")
    assert mask[s.board.index(Hex(1, 0))]
    assert not mask[s.board.index(Hex(2, 0))]      # enemy ZOC, no friendly unit there
    assert not mask[s.board.index(Hex(6, 0))]
    events = check_supply(s, "blue")
    assert s.units["b"].out_of_supply == 1 and events[0].kind == "SupplyLost"
    events = check_supply(s, "blue")
    assert s.units["b"].steps == 2 and any(e.kind == "StepLost" for e in events)


def test_supply_range_limit():
    b = tiny_board(["c" * 14])
    s = tiny_state(b, [], sources=[("un", Hex(0, 0))])
    mask = supplied_hexes(s, "un")
    assert mask[s.board.index(Hex(10, 0))] and not mask[s.board.index(Hex(11, 0))]
