"""Ground behind the lines, digging in and re-forming destroyed units (game/engine/ground.py, flow.dig_in,
primitives.rebuild_unit): small boards, literal expectations."""

from dataclasses import replace

from helpers import BLUE_FIRST, SEATS, play, started, tiny_board, tiny_state, unit

from game.engine import api
from game.engine.actions import Attack, EndPhase, MoveUnit
from game.engine.config import Parameters
from game.engine.creation import new_state
from game.engine.hexes import Hex
from game.engine.primitives import lose_steps

PARAMS = Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0, closed=())
CUT_ONLY = replace(PARAMS, rear_margin=0)          # the cut-off part of the rule alone


def split_row(units, params=CUT_ONLY):
    """A row of nine clear hexes: red holds 0-4 (its source at 0), blue holds 5-8 (its source at 8); blue first."""
    b = tiny_board(["c" * 9])
    s = tiny_state(b, units, seats=BLUE_FIRST, params=params,
                   sources=[("communist", Hex(0, 0)), ("un", Hex(8, 0))])
    red, blue = s.config.bloc_code("communist"), s.config.bloc_code("un")
    for q in range(9):
        s.control[b.index(Hex(q, 0))] = red if q <= 4 else blue
    return s


def owner(s, q):
    return s.config.blocs[int(s.control[s.board.index(Hex(q, 0))]) - 1]


def test_ground_the_enemy_is_cut_off_from_becomes_ours_at_the_end_of_our_turn():
    s = started(split_row([unit("b", "blue", Hex(2, 0))]))
    s, events = play(s, EndPhase(), EndPhase())           # blue: movement, combat -> end of its turn
    # Red traces from its source at 0; hex 1 is in blue's zone of control and 2 holds blue: 1 to 4 are cut off.
    assert [owner(s, q) for q in range(9)] == ["communist"] + ["un"] * 8
    taken = [e for e in events if e.kind == "GroundTaken"]
    assert len(taken) == 1 and taken[0].data["count"] == 4 and "can no longer supply" in taken[0].text


def test_a_pocket_with_troops_keeps_its_hex_and_unsupported_ground_stays_as_it_was():
    s = split_row([unit("b", "blue", Hex(2, 0)), unit("r", "red", Hex(4, 0))])
    s = tiny_state(s.board, [unit("b", "blue", Hex(2, 0)), unit("r", "red", Hex(4, 0))], seats=BLUE_FIRST,
                   params=CUT_ONLY, sources=[("communist", Hex(0, 0)), ("un", Hex(8, 0)), ("un", Hex(2, 0))])
    for q in range(9):
        s.control[s.board.index(Hex(q, 0))] = s.config.bloc_code("communist" if q <= 4 else "un")
    s, _ = play(started(s), EndPhase(), EndPhase())
    assert owner(s, 4) == "communist"         # the pocket's own hex
    assert owner(s, 1) == "un"                # cut off from red, in blue's supply (the source at 2)
    assert owner(s, 3) == "communist"         # in both zones of control: neither side can support it


def test_ground_our_units_dominate_becomes_ours_within_reach():
    b = tiny_board(["c" * 14])
    units = [unit("b", "blue", Hex(9, 0)), unit("r", "red", Hex(1, 0))]
    s = tiny_state(b, units, seats=BLUE_FIRST, params=replace(PARAMS, rear_margin=2, rear_reach=4),
                   sources=[("communist", Hex(0, 0)), ("un", Hex(13, 0))])
    for q in range(14):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist" if q <= 10 else "un")
    s, _ = play(started(s), EndPhase(), EndPhase())
    # Blue at 9, red at 1: hexes 6-10 are within 4 of blue and at least 2 nearer it than red; 5 is not
    # (4 from each), and nothing nearer red changes hands.
    assert [owner(s, q) for q in range(14)] == ["communist"] * 6 + ["un"] * 8


def test_a_weak_unit_dominates_only_the_ground_near_it():
    # rule: with rear_reach_per_step 2 a unit reaches two hexes per step it has left: a broken 1-step regiment
    # holds the valleys round it, a whole division the reach
    b = tiny_board(["c" * 14])
    params = replace(PARAMS, rear_margin=1, rear_reach=4, rear_reach_per_step=2)
    held = []
    for steps in (1, 3):
        units = [unit("b", "blue", Hex(10, 0), steps=3, cur_steps=steps), unit("r", "red", Hex(0, 0))]
        s = tiny_state(b, units, seats=BLUE_FIRST, params=params,
                       sources=[("communist", Hex(0, 0)), ("un", Hex(13, 0))])
        for q in range(14):
            s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist" if q <= 10 else "un")
        s, _ = play(started(s), EndPhase(), EndPhase())
        held.append([owner(s, q) for q in range(14)].count("un"))
    # 1 step: hexes 8-13 (within 2 of the unit at 10, plus what blue held); 3 steps: the whole reach, 6-13.
    assert held == [6, 8]


def test_no_ground_changes_hands_when_the_rule_is_off():
    s = started(split_row([unit("b", "blue", Hex(2, 0))], replace(PARAMS, rear_ground=False)))
    s, events = play(s, EndPhase(), EndPhase())
    assert [owner(s, q) for q in range(5)] == ["communist"] * 5
    assert not any(e.kind == "GroundTaken" for e in events)


def test_a_unit_that_stays_put_a_turn_digs_in_and_costs_the_attacker_a_column():
    b = tiny_board(["ccccc"])
    units = [unit("r", "red", Hex(2, 0)), unit("b1", "blue", Hex(3, 0), attack=6),
             unit("b2", "blue", Hex(3, 0), attack=6)]
    s = started(tiny_state(b, units, params=PARAMS, sources=[("communist", Hex(0, 0))]))  # red first; it stays
    s, _ = play(s, EndPhase(), EndPhase(), EndPhase())    # red's turn ends; blue to combat
    o = api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2")))
    assert [sh.reason for sh in o.shifts] == ["defender dug in"]
    assert s.unit("r").dug_in and not s.unit("b1").dug_in
    assert o.column == o.base_column - 1
    # A unit that moved in its turn has no works to fight from.
    units = [unit("r", "red", Hex(1, 0)), unit("b1", "blue", Hex(3, 0), attack=6),
             unit("b2", "blue", Hex(3, 0), attack=6)]
    s = started(tiny_state(b, units, params=PARAMS, sources=[("communist", Hex(0, 0))]))
    s, _ = play(s, MoveUnit("r", Hex(2, 0)), EndPhase(), EndPhase(), EndPhase())
    o = api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2")))
    assert o.shifts == ()
    # Nor does a scenario that turns works off.
    units = [unit("r", "red", Hex(2, 0)), unit("b1", "blue", Hex(3, 0), attack=6),
             unit("b2", "blue", Hex(3, 0), attack=6)]
    s = started(tiny_state(b, units, params=replace(PARAMS, dig_in=False), sources=[("communist", Hex(0, 0))]))
    s, _ = play(s, EndPhase(), EndPhase(), EndPhase())
    assert api.preview_attack(s, Attack(Hex(2, 0), ("b1", "b2"))).shifts == ()


def _lost_unit(days: int, rebuild_after: tuple = ()):
    """A row of 9 hexes (red's to q=2, blue's beyond, each bloc's source at an end) where blue's unit 'lost' has
    just been destroyed; the scenario's rebuild delay ``days`` and its per-seat ``rebuild_after``."""
    b = tiny_board(["c" * 9])
    units = [unit("b", "blue", Hex(6, 0)), unit("lost", "blue", Hex(5, 0), steps=3, cur_steps=1),
             unit("r", "red", Hex(1, 0))]
    s = tiny_state(b, units, seats=SEATS, params=replace(PARAMS, rebuild_after_days=days),
                   sources=[("communist", Hex(0, 0)), ("un", Hex(8, 0))], replacements=[("blue", 2)])
    if rebuild_after:
        s = new_state(b, replace(s.config, rebuild_after=rebuild_after), list(s.units.templates), s.seed)
    for q in range(9):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist" if q <= 2 else "un")
    lose_steps(s, s.units.ids.index("lost"), 1, "test")
    return s


def test_a_destroyed_unit_re_forms_at_its_blocs_source_when_its_time_has_come():
    s = _lost_unit(14)
    assert s.unit("lost").location.value == "eliminated"
    s = started(s)
    seen = []
    for _ in range(3):                                    # three weeks: red's turn, then blue's
        s, ev = play(s, EndPhase(), EndPhase(), EndPhase(), EndPhase(), EndPhase())
        seen.append([e for e in ev if e.kind == "UnitRebuilt"])
    assert [len(x) for x in seen] == [0, 1, 0]            # not after one week; after two, once
    u = s.unit("lost")
    assert u.location.value == "map" and u.hex == Hex(8, 0) and u.steps >= 1
    assert "re-formed" in seen[1][0].text


def test_a_seat_may_re_form_its_units_sooner_than_the_scenarios_default():
    # The scenario's default is eight weeks; blue's own figure (rebuild_after) is one week, red keeps the default.
    s = _lost_unit(56, (("blue", 7),))
    assert (s.config.rebuild_days("blue"), s.config.rebuild_days("red")) == (7, 56)
    s = started(s)
    seen = []
    for _ in range(2):                                    # two weeks: red's turn, then blue's
        s, ev = play(s, EndPhase(), EndPhase(), EndPhase(), EndPhase(), EndPhase())
        seen.append([e.data["unit"] for e in ev if e.kind == "UnitRebuilt"])
    assert seen == [[], ["lost"]]                         # after one week (with the default: after eight)


def test_chances_and_dice_are_keyed_not_streamed():
    from game.engine.state import keyed_die, keyed_uniform
    s = tiny_state(tiny_board(["ccc"]), [unit("r", "red", Hex(0, 0))], seed=7)
    assert keyed_uniform(s, 3, 1, 2, 0, 0) != keyed_uniform(s, 4, 1, 2, 0, 0)
    assert keyed_uniform(api.reseed(s, 8), 3, 1, 2, 0, 0) != keyed_uniform(s, 3, 1, 2, 0, 0)
    faces = {keyed_die(s, 1, 0, i) for i in range(60)}
    assert faces == {1, 2, 3, 4, 5, 6}
    assert {keyed_die(api.reseed(s, k), 1, 0, 0) for k in range(60)} == faces
    assert api.observe(started(s), "red").sandbox(5).seed == 5       # an agent's look-ahead rolls its own dice
    assert api.observe(started(s), "red")._s.seed == 0               # ...and never sees the game's


def test_an_attack_meets_the_same_die_whatever_was_attacked_before():
    # Two blue stacks each face a red one; attacking the second hex alone or after the first gives it one die.
    b = tiny_board(["ccccc", "ccccc"])
    units = [unit("b1", "blue", Hex(0, 0)), unit("r1", "red", Hex(1, 0)),
             unit("b2", "blue", Hex(3, 1)), unit("r2", "red", Hex(4, 1))]
    base = started(tiny_state(b, units, seats=BLUE_FIRST, seed=11))
    base, _ = api.apply(base, EndPhase())
    first = Attack(Hex(1, 0), ("b1",))
    second = Attack(Hex(4, 1), ("b2",))

    def die(events):
        return next(e for e in events if e.kind == "CombatResolved").data["die"]

    _, alone = api.apply(base, second)
    after, _ = api.apply(base, first)
    _, later = api.apply(after, second)
    assert die(alone) == die(later)
    assert len({die(api.apply(api.reseed(base, k), second)[1]) for k in range(40)}) == 6


