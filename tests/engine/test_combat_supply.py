"""Combat odds, shifts, preview vs sampled results; retreats and losses; supply trace."""

from dataclasses import replace

import pytest
from helpers import BLUE_FIRST, play, started, tiny_board, tiny_state, unit

from game.engine import api
from game.engine.actions import Attack, EndPhase
from game.engine.combat import COLUMNS, TABLE, base_column, result_for
from game.engine.config import Parameters
from game.engine.hexes import Hex
from game.engine.primitives import check_supply
from game.engine.supply import supplied_hexes


def combat_state(terrain="ccccc", b1=None, r=None, b2=None, **kw):
    b = tiny_board([terrain])
    units = [unit("b1", "blue", Hex(1, 0), **{"attack": 6, **(b1 or {})}),
             unit("b2", "blue", Hex(1, 0), **{"attack": 6, **(b2 or {})}),
             unit("r", "red", Hex(2, 0), **{"defence": 4, **(r or {})})]
    s = started(tiny_state(b, units, seats=BLUE_FIRST, **kw))
    s, _ = api.apply(s, EndPhase())   # to blue's combat phase
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
    o = api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2")))
    assert o.base_name == "3:1"
    assert [sh.reason for sh in o.shifts] == ["defender in mountain"]
    assert o.column_name == "3:2"


def test_armour_and_surprise_shifts():
    s = combat_state(b1={"type": "armour"}, r={"anti_tank": False}, b2={"hidden": True})
    o = api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2")))
    reasons = [sh.reason for sh in o.shifts]
    assert any("armour" in r for r in reasons) and any("surprise" in r for r in reasons)
    assert o.column == min(len(COLUMNS) - 1, o.base_column + 2)


@pytest.mark.parametrize("attack", [1, 2, 4, 6, 8, 12, 16, 20, 24, 40])
def test_preview_is_a_distribution_over_the_table_row(attack):
    # rule: the preview gives every result of the odds column its share of the six die faces.
    s = combat_state(b1={"attack": attack})
    outcomes = api.chance_outcomes(s, Attack(Hex(2, 0), ("b1",)))
    assert abs(sum(p for _, p in outcomes) - 1) < 1e-12
    column = api.preview_attack(s, Attack(Hex(2, 0), ("b1",))).column
    for code, p in outcomes:
        assert p == pytest.approx(TABLE[column].count(code) / 6)
    assert {c for c, _ in outcomes} == set(TABLE[column])


def test_preview_matches_sampled_frequencies():
    s = combat_state()
    attack = Attack(Hex(2, 0), ("b1", "b2"))
    probs = dict(api.chance_outcomes(s, attack))
    counts: dict[str, int] = {}
    n = 1200
    for seed in range(n):
        _, events = api.apply(api.reseed(s, seed), attack)
        code = next(e for e in events if e.kind == "CombatResolved").data["result"]
        counts[code] = counts.get(code, 0) + 1
    for code, p in probs.items():
        freq = counts.get(code, 0) / n
        assert abs(freq - p) < 4 * (p * (1 - p) / n) ** 0.5 + 0.01, (code, freq, p)
    assert set(counts) <= set(probs)


def test_a_subset_of_the_eligible_attackers_may_attack():
    s = combat_state()
    listed = [a for a in api.legal_actions(s) if isinstance(a, Attack)]
    assert [a.attackers for a in listed] == [("b1", "b2")]          # one entry per target, every attacker
    assert api.check(s, Attack(Hex(2, 0), ("b2",))) is None           # any non-empty subset is legal
    assert api.check(s, Attack(Hex(2, 0), ())).code == "no_attackers"
    s2, _ = api.apply(s, Attack(Hex(2, 0), ("b2",)))
    assert s2.unit("b2").attacked and not s2.unit("b1").attacked
    assert api.check(s2, Attack(Hex(2, 0), ("b1",))).code == "already_attacked"


def until_result(base, attack: Attack, code: str, tries: int = 80):
    """The state and events of ``attack`` on the first reseeded copy of ``base`` whose result is ``code``."""
    for seed in range(tries):
        after, events = api.apply(api.reseed(base, seed), attack)
        if next(e for e in events if e.kind == "CombatResolved").data["result"] == code:
            return after, events
    pytest.fail(f"no {code} result in {tries} seeds")


def blue_to_attack(b, units, **params):
    """Blue's combat phase on board ``b`` (the test parameters, with ``params`` changed)."""
    p = replace(Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0, closed=()), **params)
    s = started(tiny_state(b, units, seats=BLUE_FIRST, params=p))
    return api.apply(s, EndPhase())[0]


def test_a_blocked_retreat_costs_a_step_and_the_attacker_advances():
    # rule: a defender that must retreat and has nowhere to go (sea behind, enemy in front) loses a step instead.
    b = tiny_board(["cc."])
    units = [unit("b1", "blue", Hex(0, 0), attack=30), unit("r", "red", Hex(1, 0), steps=4)]
    s2, events = until_result(blue_to_attack(b, units), Attack(Hex(1, 0), ("b1",)), "DLR", tries=50)
    causes = [e.data.get("cause") for e in events if e.kind == "StepLost"]
    assert causes == ["combat", "could not retreat"]
    assert s2.unit("r").steps == 2 and s2.unit("r").hex == Hex(1, 0)
    assert not any(e.kind in ("UnitRetreated", "UnitAdvanced") for e in events)


def test_a_retreat_with_room_moves_the_defender_and_the_attacker_advances():
    b = tiny_board(["cccc"])
    units = [unit("b1", "blue", Hex(0, 0), attack=30), unit("r", "red", Hex(1, 0), steps=4)]
    s2, events = until_result(blue_to_attack(b, units), Attack(Hex(1, 0), ("b1",)), "DLR", tries=50)
    assert s2.unit("r").hex == Hex(2, 0) and s2.unit("r").steps == 3
    assert s2.unit("b1").hex == Hex(1, 0)
    assert [e.kind for e in events if e.kind in ("UnitRetreated", "UnitAdvanced")] == ["UnitRetreated",
                                                                                        "UnitAdvanced"]


def test_two_hex_retreats_when_the_scenario_says_so():
    b = tiny_board(["cccccc", "cccccc", "cccccc"])
    units = [unit("b1", "blue", Hex(1, 1), attack=12), unit("r", "red", Hex(2, 1))]
    s2, events = until_result(blue_to_attack(b, units, retreat_hexes=2), Attack(Hex(2, 1), ("b1",)), "DR")
    assert s2.unit("r").hex.distance(Hex(1, 1)) == 3
    assert sum(e.kind == "UnitRetreated" for e in events) == 1
    assert s2.unit("r").steps == 3                       # an open retreat costs nothing


def test_a_second_retreat_hex_is_not_taken_into_an_enemy_zone_of_control():
    # A blue unit two hexes behind the defender covers every hex farther from the attacker: the retreat stops
    # after its first hex rather than run the gauntlet.
    b = tiny_board(["c" * 7])
    units = [unit("b1", "blue", Hex(1, 0), attack=12), unit("b2", "blue", Hex(5, 0)),
             unit("r", "red", Hex(2, 0))]
    s2, _ = until_result(blue_to_attack(b, units, retreat_hexes=2), Attack(Hex(2, 0), ("b1",)), "DR")
    assert s2.unit("r").hex == Hex(3, 0) and s2.unit("r").steps == 3


def test_a_unit_destroyed_on_its_retreat_takes_no_ground():
    # The one way back leads past a blue unit: the retreat through its fire costs the last step, and the hex
    # the unit died in stays blue.
    b = tiny_board(["cccc"])
    units = [unit("b1", "blue", Hex(0, 0), attack=12), unit("b2", "blue", Hex(3, 0)),
             unit("r", "red", Hex(1, 0), steps=1)]
    s = tiny_state(b, units, seats=BLUE_FIRST)
    s.control[:] = s.config.bloc_code("un")
    base, _ = api.apply(started(s), EndPhase())
    s2, events = until_result(base, Attack(Hex(1, 0), ("b1",)), "DR")
    assert s2.unit("r").location.value != "map"
    assert int(s2.control[b.index(Hex(2, 0))]) == s2.config.bloc_code("un")
    assert [e.data["cause"] for e in events if e.kind == "UnitEliminated"] == ["retreat through enemy fire"]


def test_supply_trace_blocked_by_enemy_zoc_and_range():
    b = tiny_board(["cccccccc"])
    units = [unit("b", "blue", Hex(6, 0)), unit("r", "red", Hex(3, 0))]
    s = tiny_state(b, units, sources=[("un", Hex(0, 0))])
    mask = supplied_hexes(s, "un")
    assert mask[s.board.index(Hex(1, 0))]
    assert not mask[s.board.index(Hex(2, 0))]      # enemy ZOC, no friendly unit there
    assert not mask[s.board.index(Hex(6, 0))]
    events = check_supply(s, "blue")
    assert s.unit("b").out_of_supply == 1 and events[0].kind == "SupplyLost"
    events = check_supply(s, "blue")
    assert s.unit("b").steps == 2 and any(e.kind == "StepLost" for e in events)


def test_supply_range_limit():
    b = tiny_board(["c" * 14])
    s = tiny_state(b, [], sources=[("un", Hex(0, 0))])
    mask = supplied_hexes(s, "un")
    assert mask[s.board.index(Hex(10, 0))] and not mask[s.board.index(Hex(11, 0))]


def test_a_friendly_unit_keeps_a_zoc_hex_open_for_supply():
    b = tiny_board(["cccccccc"])
    alone = tiny_state(b, [unit("b", "blue", Hex(5, 0)), unit("r", "red", Hex(3, 0))], sources=[("un", Hex(0, 0))])
    assert not supplied_hexes(alone, "un")[alone.board.index(Hex(2, 0))]
    held = tiny_state(b, [unit("b", "blue", Hex(5, 0)), unit("g", "blue", Hex(2, 0)), unit("r", "red", Hex(3, 0))],
                      sources=[("un", Hex(0, 0))])
    assert supplied_hexes(held, "un")[held.board.index(Hex(2, 0))]


def test_out_of_supply_halves_attack_and_shifts_for_the_defender():
    s = combat_state(r={"out_of_supply": 1})
    o = api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2")))
    assert "defender out of supply" in [sh.reason for sh in o.shifts]
    s2 = combat_state(b1={"out_of_supply": 1})
    o2 = api.preview_attack(s2, Attack(Hex(2, 0), ("b1",)))
    assert o2.attack == 3.0


def test_end_of_turn_supply_check_runs_for_the_seat_that_ends():
    b = tiny_board(["cccccccc"])
    units = [unit("b", "blue", Hex(7, 0)), unit("r", "red", Hex(0, 0))]
    s = started(tiny_state(b, units, seats=BLUE_FIRST, sources=[("un", Hex(6, 0))]))
    s, events = play(s, EndPhase(), EndPhase())
    assert not any(e.kind == "SupplyLost" for e in events)      # blue is in supply
    assert s.active_seat.id == "red"


def test_a_linked_depot_serves_only_while_its_line_to_a_source_is_open():
    """The Incheon idea: an army lives on its railheads while the line behind them is open; an enemy astride the line
    (its unit and zone of control across the only route) closes the depot, and the army beyond it is out of supply."""
    b = tiny_board(["c" * 24])
    front = Hex(20, 0)
    open_line = tiny_state(b, [unit("f", "blue", front)], sources=[("un", Hex(0, 0))], depots=[("un", Hex(16, 0))])
    assert supplied_hexes(open_line, "un")[b.index(front)]          # from the depot: 4 hexes away
    cut = tiny_state(b, [unit("f", "blue", front), unit("r", "red", Hex(12, 0))], sources=[("un", Hex(0, 0))],
                     depots=[("un", Hex(16, 0))])
    mask = supplied_hexes(cut, "un")
    assert not mask[b.index(front)] and not mask[b.index(Hex(16, 0))]
    # A plain source (not a depot) beyond the same enemy still serves: only depots need the line.
    plain = tiny_state(b, [unit("f", "blue", front), unit("r", "red", Hex(12, 0))],
                       sources=[("un", Hex(0, 0)), ("un", Hex(16, 0))])
    assert supplied_hexes(plain, "un")[b.index(front)]
