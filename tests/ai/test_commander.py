"""The computer player: legal, deterministic, ends its turns, blind to what its seat cannot see,
and single behaviours on tiny boards (rule / position / expected choice)."""

from __future__ import annotations

import pytest
from helpers import BLUE_FIRST, blue_moves, control_all, started, tiny_board, tiny_state, unit

from game.ai.commander import Commander
from game.ai.profiles import parse_spec
from game.engine import api
from game.engine.actions import Attack, EndPhase, MoveUnit
from game.engine.hexes import Hex
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.simulate import make_agents, play


@pytest.mark.parametrize("scenario_id, turns", [("tutorial", None), ("pusan-perimeter", 3), ("1950-invasion", 3),
                                                ("stalemate-talks", 3), ("chinese-intervention", 2)])
def test_the_ai_plays_only_legal_actions_and_ends_its_turns(scenario_id, turns):
    sc = load_scenario(scenario_id)
    match = Match.start(sc, 4, {})
    per_phase: dict[tuple, int] = {}

    def count(m, events):
        key = (m.turn, m.seat_index, m.phase)
        per_phase[key] = per_phase.get(key, 0) + 1

    play(match, make_agents(match, "ai", 4), turns, on_action=count)   # an illegal action would raise
    assert match.over or match.turn > 1
    assert max(per_phase.values()) < 120                                # it ends its phases
    assert match.reasons, "the AI says why it acts"


def test_the_ai_is_deterministic_for_a_seed():
    sc = load_scenario("tutorial")
    sums = []
    for _ in range(2):
        m = Match.start(sc, 11, {})
        play(m, make_agents(m, "ai:aggressive:normal", 11))
        sums.append((m.checksum(), len(m.record), dict(m.reasons)))
    assert sums[0] == sums[1]


def test_an_unseen_enemy_does_not_change_the_ais_choice():
    b = tiny_board(["c" * 14, "c" * 14])
    base = [unit("b", "blue", Hex(2, 0)), unit("b2", "blue", Hex(2, 1)), unit("r", "red", Hex(6, 0))]
    ghost = base + [unit("ghost", "red", Hex(12, 1))]
    choices = []
    for units in (base, ghost):
        s = started(tiny_state(b, units, seats=BLUE_FIRST))
        agent = Commander(5)
        choices.append([agent.choose(api.observe(s, "blue"))])
        assert "ghost" not in api.observe(s, "blue").units
    assert choices[0] == choices[1]


def combat_position(attack: int):
    b = tiny_board(["ccccc"])
    units = [unit("b", "blue", Hex(1, 0), attack=attack), unit("r", "red", Hex(2, 0), defence=4)]
    s = started(tiny_state(b, units, seats=BLUE_FIRST))
    s, _ = api.apply(s, EndPhase())                      # blue's combat phase
    return s


def test_it_attacks_at_three_to_one_and_not_at_one_to_two():
    good = Commander(1).choose(api.observe(combat_position(12), "blue"))
    assert isinstance(good, Attack) and good.attackers == ("b",)
    agent = Commander(1)
    bad = agent.choose(api.observe(combat_position(2), "blue"))
    assert isinstance(bad, EndPhase)


def test_every_attack_has_a_reason_a_player_can_read():
    agent = Commander(1)
    agent.choose(api.observe(combat_position(12), "blue"))
    reason = agent.last_reason
    assert reason.startswith("Attacking R") and "3:1" in reason and "retreats" in reason


def test_it_fills_a_gap_in_its_line():
    # rule: a hole in the line facing the enemy is filled before a unit wanders off
    b = tiny_board(["ccccccc", "ccccccc", "ccccccc"], country=["NNNNNNN", "RRRRRRR", "RRRRRRR"])
    units = [unit("r1", "red", Hex(0, 0)), unit("r2", "red", Hex(2, 0)), unit("r3", "red", Hex(4, 0)),
             unit("b1", "blue", Hex(-1, 2)), unit("b2", "blue", Hex(2, 1)), unit("spare", "blue", Hex(0, 2))]
    s = tiny_state(b, units, seats=BLUE_FIRST)
    for h, bloc in ((Hex(0, 0), "communist"),):
        s.control[b.index(h)] = s.config.bloc_code(bloc)
    s = started(s)
    obs = api.observe(s, "blue")
    agent = Commander(2, "historical", "normal")
    moves = []
    for _ in range(4):
        a = agent.choose(obs)
        if isinstance(a, EndPhase):
            break
        moves.append(a)
        s, _ = api.apply(s, a)
        obs = api.observe(s, "blue")
    front_row = {MoveUnit(a.unit, a.to).to.r for a in moves if isinstance(a, MoveUnit)}
    assert 1 in front_row, moves                          # someone steps into the line (row 1 faces the enemy)


def test_specs_parse_with_defaults():
    assert parse_spec("ai") == ("historical", "normal")
    assert parse_spec("ai:cautious") == ("cautious", "normal")
    assert parse_spec("ai:hard") == ("historical", "hard")
    with pytest.raises(ValueError, match="neither a personality"):
        parse_spec("ai:bold")


def test_a_scenario_gives_a_seat_its_temper_and_the_player_may_override_it():
    from game.session.simulate import make_agents
    sc = load_scenario("macarthur-unleashed")
    m = Match.start(sc, 1, {})
    assert {k: a.name for k, a in make_agents(m, "ai:hard", 1).items()} == {
        "dprk_prc": "ai:historical:hard", "rok": "ai:historical:hard", "un": "ai:aggressive:hard"}
    assert make_agents(m, {"un": "ai:cautious:easy"}, 1)["un"].name == "ai:cautious:easy"


def test_the_ai_section_is_checked(tmp_path):
    from game.paths import SCENARIOS_DIR
    from game.scenario.loader import check_scenario
    text = (SCENARIOS_DIR / "tutorial.yaml").read_text(encoding="utf-8")
    path = tmp_path / "bad-ai.yaml"
    path.write_text(text + "\nai: {uk: {personality: bold}}\n", encoding="utf-8")
    problems = [str(p) for p in check_scenario(path)]
    assert any("ai.uk" in p and "seat id" in p for p in problems), problems
    assert any("ai.uk.personality" in p and "historical" in p for p in problems), problems


def test_it_withdraws_across_a_river_when_outnumbered():
    # rule: a weak unit facing three strong ones puts the river between them
    b = tiny_board(["c" * 8] * 3, rivers=[[3, r, 3] for r in range(3)] + [[3, r, 4] for r in range(1, 3)])
    units = [unit("b", "blue", Hex(3, 1), defence=2, attack=2),
             unit("r1", "red", Hex(5, 0), attack=8), unit("r2", "red", Hex(5, 1), attack=8),
             unit("r3", "red", Hex(4, 2), attack=8)]
    s = started(tiny_state(b, units, seats=BLUE_FIRST))
    agent = Commander(3, "historical", "normal")
    action = agent.choose(api.observe(s, "blue"))
    assert isinstance(action, MoveUnit) and action.to.q <= 2, (action, agent.last_reason)
    assert "falls back" in agent.last_reason


def _landing_position(rows: list[str], place: Hex, landing_steps: int = 3):
    """The enemy holds all of a 12x4 board but our corner at (0, 2) and (-1, 2); a 5-point place of theirs at
    ``place``; a unit of ours (``landing_steps`` of its 3 steps) waits in Japan.  ``rows``: the two land rows (c:
    clear, .: sea).  Our power in the field is 14 against the enemy's 16."""
    from helpers import control_all, with_places

    from game.engine.units import Location
    country = ["".join("." if ch == "." else "R" for ch in row) for row in rows]
    b = tiny_board(["." * 12, *rows, "." * 12], country=["." * 12, *country, "." * 12],
                   places=[{"id": "port", "name": "Harbour", "hex": [place.q, place.r]}])
    units = [unit("m", "blue", None, location=Location.JAPAN, cur_steps=landing_steps),
             unit("g", "blue", Hex(0, 2), attack=8, defence=6),
             unit("r", "red", Hex(2, 1)), unit("r2", "red", Hex(2, 2))]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (place, 5))
    control_all(s, "communist")
    s.control[b.index(Hex(0, 2))] = s.config.bloc_code("un")
    s.control[b.index(Hex(-1, 2))] = s.config.bloc_code("un")
    return started(s)


def test_it_lands_behind_an_over_extended_enemy():
    # rule: the enemy holds most of the south and its rear is empty: a landing near a place it holds
    s = _landing_position(["c" * 12, "c" * 12], Hex(9, 1))
    agent = Commander(4)
    action = agent.choose(api.observe(s, "blue"))
    from game.engine.actions import Landing
    assert isinstance(action, Landing) and action.to.distance(Hex(9, 1)) <= 2, (action, agent.last_reason)
    assert "behind the enemy's line" in agent.last_reason


def test_it_does_not_land_while_the_enemy_it_remembers_outnumbers_it():
    # rule: fog hides an army, it does not remove it: the enemy seen in the last turns counts against a landing
    from game.ai.influence import Picture
    from game.ai.profiles import personality
    from game.ai.seaborne import LANDING_POWER, plan_landing
    s = _landing_position(["c" * 12, "c" * 12], Hex(9, 1))
    obs = api.observe(s, "blue")
    pic = Picture(obs)
    assert plan_landing(obs, pic, personality("historical")) is not None
    remembered = pic.own_power / LANDING_POWER + 1.0
    assert plan_landing(obs, pic, personality("historical"), enemy_estimate=remembered) is None


def test_a_broken_division_does_not_lead_a_landing():
    # rule: the spearhead of a landing is at full strength
    from game.engine.actions import Landing
    s = _landing_position(["c" * 12, "c" * 12], Hex(9, 1), landing_steps=2)
    agent = Commander(4)
    action = agent.choose(api.observe(s, "blue"))
    assert not isinstance(action, Landing), agent.last_reason


def test_in_the_last_turns_it_lands_to_take_an_unguarded_place():
    # rule: with the game's end two turns off, an enemy place worth points that no enemy guards and none of our
    # units is near is worth a landing beside it (seaborne._grab): the places held at the end are the score
    from datetime import date

    from helpers import control_all, with_places

    from game.engine.actions import Landing
    from game.engine.units import Location
    b = tiny_board(["." * 14, "c" * 14, "c" * 14, "." * 14], country=["." * 14, "R" * 14, "R" * 14, "." * 14],
                   places=[{"id": "port", "name": "Harbour", "hex": [12, 1]}])
    units = [unit("m", "blue", None, location=Location.JAPAN), unit("g", "blue", Hex(1, 1), defence=6),
             unit("r", "red", Hex(5, 1), movement=1), unit("r2", "red", Hex(5, 2), movement=1)]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST, first=date(1950, 12, 24)), (Hex(12, 1), 5))
    control_all(s, "communist")
    for q in range(4):
        for r in (1, 2):
            s.control[b.index(Hex(q, r))] = s.config.bloc_code("un")
    s = started(s)
    agent = Commander(4)
    action = agent.choose(api.observe(s, "blue"))
    assert isinstance(action, Landing) and action.to.distance(Hex(12, 1)) <= 2, (action, agent.last_reason)
    assert "to take Harbour" in agent.last_reason


def test_a_game_saved_in_the_computers_turn_plays_on_the_same_after_loading(tmp_path):
    # rule: the agents' memories (dice, orders for the phase, decisions weighed) travel with the save
    from game.session.savefile import load_save, write_save
    from game.session.table import Table
    sc = load_scenario("pusan-perimeter")
    seats = {s.id: spec for s, spec in zip(sc.config.seats, ("ai:historical:hard", "random", "ai:cautious:easy"))}
    match = Match.start(sc, 5, seats)
    table = Table(match)
    for _ in range(37):
        table.step_ai()
    path = write_save(match, tmp_path / "mid-turn.json")
    played_on = [e.kind for _ in range(60) for e in table.step_ai()]
    loaded, _ = load_save(path)
    again = Table(loaded)
    replayed = [e.kind for _ in range(60) for e in again.step_ai()]
    assert played_on == replayed and match.checksum() == loaded.checksum()


def test_contact_with_an_enemy_the_fog_hid_remakes_the_orders_of_the_units_still_to_move():
    # b2's march runs into a hidden division; b3's order, made before anyone knew it was there, leads into its
    # zone of control and is no longer legal.  Planned afresh from the new picture, b3 still moves.
    b = tiny_board(["c" * 10] * 3)
    units = [unit("b1", "blue", Hex(0, 0)), unit("b2", "blue", Hex(0, 1)), unit("b3", "blue", Hex(0, 2)),
             unit("r", "red", Hex(7, 1)), unit("h", "red", Hex(3, 1), hidden=True)]
    s = started(tiny_state(b, units, seats=BLUE_FIRST))
    agent = Commander(3)
    moved, spotted = [], False
    for _ in range(6):
        a = agent.choose(api.observe(s, "blue"))
        if isinstance(a, EndPhase):
            break
        s, events = api.apply(s, a)
        moved.append(a.unit)
        spotted |= any(e.kind == "UnitSpotted" for e in events)
    assert spotted and moved == ["b1", "b2", "b3"]
    assert agent.memory()["planned_seeing"] == ["h"] and agent.memory()["replans"] == 1


def test_it_does_not_land_on_an_island_no_road_leads_from():
    # rule: a landing is a blow at the rear of the enemy's line; an island (Cheju) is no one's rear
    from game.engine.actions import Landing
    s = _landing_position(["cccccccc..cc", "cccccccc..cc"], Hex(10, 1))
    assert any(isinstance(a, Landing) and a.to.distance(Hex(10, 1)) <= 1
               for a in api.observe(s, "blue").moves_for("m"))     # it could land there
    agent = Commander(4)
    action = agent.choose(api.observe(s, "blue"))
    assert not isinstance(action, Landing), agent.last_reason


def _guard_position(units, *theirs: tuple[Hex, int]):
    """A 14x5 board, all ours but the top row; a 5-point place of ours at (1, 2), and ``theirs`` (hex, points)."""
    from helpers import control_all, with_places
    b = tiny_board(["c" * 14] * 5)
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (Hex(1, 2), 5), *theirs)
    control_all(s, "un")
    for q in range(14):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist")
    return started(s)


def test_the_lone_garrison_of_a_threatened_place_stays():
    # rule: g holds the place alone with an enemy division in sight; the enemy's empty 4-point town in the north
    # does not draw it out (taking it would leave 5 points to the division)
    s = _guard_position([unit("g", "blue", Hex(1, 2)), unit("o", "blue", Hex(8, 0)),
                         unit("r", "red", Hex(6, 0), attack=6)], (Hex(1, 0), 4))
    moves = blue_moves(s, Commander(3))
    assert "g" not in moves, moves


@pytest.mark.parametrize("nation, pulls_back", [("KPA", False), ("PRC", True)])
def test_once_it_meets_a_great_powers_army_the_un_falls_back_to_its_hold_line(nation, pulls_back):
    # rule: a Chinese division in sight means China is in the war: the UN's line is its personality's hold line
    # (here 37.5N, row 4), whatever the intervention track says; a North Korean one does not
    import dataclasses

    from helpers import control_all
    b = tiny_board(["c" * 10] * 6)
    red = dataclasses.replace(unit("r", "red", Hex(6, 0)), nation=nation)
    s = tiny_state(b, [unit("b", "blue", Hex(4, 1)), red], seats=BLUE_FIRST)
    control_all(s, "un")
    s = started(s)
    agent = Commander(2)
    halt = float(b.lat[b.index(Hex(2, 4))])
    agent.person = dataclasses.replace(agent.person, hold_line=halt)
    move = agent.choose(api.observe(s, "blue"))
    assert isinstance(move, MoveUnit)
    assert (float(b.lat[b.index(move.to)]) <= halt) is pulls_back, agent.last_reason
    assert agent.memory()["power_in"] is pulls_back


def test_the_stronger_un_keeps_its_halt_line_after_meeting_china():
    # rule: once China's army is met, a UN seat that is the stronger stops at its halt line (row 2); outmatched, it
    # falls back to its hold line (row 4)
    import dataclasses

    from game.ai.horizon import advance_limit
    b = tiny_board(["c" * 10] * 6)
    red = dataclasses.replace(unit("r", "red", Hex(6, 0)), nation="PRC")
    s = started(tiny_state(b, [unit("b", "blue", Hex(4, 1)), red], seats=BLUE_FIRST))
    person = dataclasses.replace(Commander(2).person, halt_north_of=float(b.lat[b.index(Hex(2, 2))]),
                                 hold_line=float(b.lat[b.index(Hex(2, 4))]))
    obs = api.observe(s, "blue")
    assert advance_limit(obs, person, power_in=True, outmatched=False) == person.halt_north_of
    assert advance_limit(obs, person, power_in=True, outmatched=True) == person.hold_line
    s.talks = type(s.talks)("open")                    # with talks open it holds the hold line whatever the odds
    assert advance_limit(api.observe(s, "blue"), person, power_in=True, outmatched=False) == person.hold_line


@pytest.mark.parametrize("talks, outmatched, power_in, pulled", [
    ("open", False, True, False), ("open", True, True, True), ("closed", False, True, True),
    ("closed", True, True, True), ("open", True, False, False)])
def test_with_talks_open_the_stronger_un_keeps_its_line_north_of_its_hold_line(talks, outmatched, power_in, pulled):
    # rule: past its limit a seat that has met China's army is pulled back to it, unless the limit is the talks'
    # alone and it is the stronger: then it goes no farther but gives up nothing (stalemate-talks begins so)
    from game.ai.horizon import pulled_back
    b = tiny_board(["c" * 10] * 6)
    s = started(tiny_state(b, [unit("b", "blue", Hex(4, 1)), unit("r", "red", Hex(6, 0))], seats=BLUE_FIRST))
    s.talks = type(s.talks)(talks)
    assert pulled_back(api.observe(s, "blue"), power_in, outmatched) is pulled


def test_the_hard_ai_values_a_plan_after_the_enemy_has_answered_it():
    # rule: a plan is valued when the seat's turn comes round again, the other seats' turns played on the sandbox by
    # the normal AI: a division that steps next to a strong enemy division in sight is attacked before it is valued
    from game.ai.lookahead import _answer
    b = tiny_board(["c" * 8])
    s = started(tiny_state(b, [unit("b", "blue", Hex(2, 0)), unit("r", "red", Hex(4, 0), attack=12)],
                           seats=BLUE_FIRST))
    sandbox = api.observe(s, "blue").sandbox(3)
    sandbox, _ = api.apply(sandbox, MoveUnit("b", Hex(3, 0)))
    answered = _answer(sandbox, "blue", 3)
    assert answered.active_seat.id == "blue" and answered.turn == s.turn + 1
    assert answered.unit("b").steps < 3


def _sweep_position():
    """An 18x5 board: blue's ground in the middle, red's empty country to the west (q <= 6), red's one division
    and its ground to the east (q >= 15); the scenario's dominated ground on (a unit takes the enemy's empty
    ground within 3 hexes of it)."""
    from game.engine.config import Parameters
    b = tiny_board(["c" * 18] * 5)
    params = Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0, closed=(),
                        rear_margin=1, rear_reach=3)
    units = [unit("r", "red", Hex(16, 1)), unit("b1", "blue", Hex(10, 1)), unit("b2", "blue", Hex(10, 2)),
             unit("b3", "blue", Hex(11, 1))]
    s = tiny_state(b, units, seats=BLUE_FIRST, params=params,
                   sources=[("un", Hex(10, 0)), ("communist", Hex(17, 0))])
    for i in range(b.size):
        q = b.hex_at(i).q
        s.control[i] = s.config.bloc_code("communist" if q <= 6 or q >= 15 else "un")
    return started(s)


def test_one_unit_takes_the_empty_country_and_the_rest_face_the_enemy():
    # rule: the enemy's empty country is ground for the taking, but one unit standing in it takes it all; the
    # others go for the enemy's army rather than piling into the same empty valleys
    moves = blue_moves(_sweep_position(), Commander(3))
    west = sorted(uid for uid, h in moves.items() if h.q <= 6)
    east = sorted(uid for uid, h in moves.items() if h.q >= 12)
    assert len(west) == 1 and len(east) == 2, moves


def test_an_ally_leaves_the_turns_landing_to_the_stronger_force_waiting_in_japan():
    """Inchon, 15 September 1950: the ROK moves before the UN, and the bloc has one landing a turn.  The ROK's
    Marine regiment (attack 2) does not spend it while the 1st Marine Division (7) waits in Japan; the UN lands
    the division behind the KPA instead of sailing it to Masan."""
    from game.engine.actions import Landing
    from game.session.table import Table
    scenario = load_scenario("inchon")
    match = Match.start(scenario, 2, {s.id: "ai:historical:normal" for s in scenario.config.seats})
    table = Table(match)
    while match.turn == 1:
        table.step_ai()
    landings = [(a.unit, a.to) for a in match.record if isinstance(a, Landing)]
    assert landings and landings[0][0] == "us_1st_mar_div", landings
    assert all(unit != "rok_1st_kmc_regt" for unit, _ in landings)


def test_a_lone_garrison_does_not_trade_its_place_for_another_alike():
    # rule: g alone holds a 3-point place with an enemy division in sight; another empty 3-point place of ours on
    # better ground (hills) does not draw it off: going would only empty the place it holds (operations.KEEP)
    from helpers import control_all, with_places
    b = tiny_board(["c" * 14, "c" * 14, "cccchccccccccc", "c" * 14, "c" * 14])
    units = [unit("g", "blue", Hex(1, 2)), unit("o", "blue", Hex(10, 3)), unit("r", "red", Hex(3, 0), attack=6)]
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (Hex(1, 2), 3), (Hex(4, 2), 3))
    control_all(s, "un")
    for q in range(14):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist")
    moves = blue_moves(started(s), Commander(3))
    assert "g" not in moves, moves


def test_a_lone_guard_does_not_leave_its_place_to_join_an_attack_elsewhere():
    # rule: g alone holds our 5-point place next to the enemy's ground (row 0), where the fog may hide anything; a
    # weak enemy division next to o could be hit at good odds by o and g together, but not by o alone: g stays,
    # and the place keeps its guard (the KPA emptied Seoul this way, and an unseen ROK division walked in)
    s = _fogged_place([unit("o", "blue", Hex(6, 2)), unit("g", "blue", Hex(1, 1), movement=8),
                       unit("r", "red", Hex(7, 2), defence=2)])
    moves = blue_moves(s, Commander(3))
    assert "g" not in moves, moves


def _fogged_place(units):
    """A 14x5 board, all ours but the top row; a 5-point place of ours at (1, 1), next to the enemy's ground, and
    our first place, worth 10, at (10, 3)."""
    from helpers import control_all, with_places
    b = tiny_board(["c" * 14] * 5)
    s = with_places(tiny_state(b, units, seats=BLUE_FIRST), (Hex(1, 1), 5), (Hex(10, 3), 10))
    control_all(s, "un")
    for q in range(14):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist")
    return started(s)


def test_a_great_place_next_to_enemy_ground_keeps_its_guard_with_no_enemy_in_sight():
    # rule: g alone holds a 5-point place next to the enemy's ground (row 0); no enemy is in sight near it, but what
    # the fog hides may stand a hex away: g stays.  Our first place, worth 10, has its own guard h.
    s = _fogged_place([unit("g", "blue", Hex(1, 1)), unit("h", "blue", Hex(10, 3)), unit("r", "red", Hex(13, 0))])
    moves = blue_moves(s, Commander(3))
    assert "g" not in moves, moves


def test_the_plan_is_the_seats_own_and_its_reserve_stands_back_from_the_enemy():
    # rule: the overlay's plan names only the seat's own units (an ally's stand where his commander puts them);
    # its reserve is a unit ordered off the line onto our ground out of the enemy's reach, not one alone in front.
    from game.engine.config import Seat
    seats = (Seat("blue", "Blue", "un", ("US",)), Seat("green", "Green", "un", ("ROK",)),
             Seat("red", "Red", "communist", ("KPA",)))
    b = tiny_board(["c" * 10] * 8)
    units = [unit("near", "blue", Hex(4, 3)), unit("back", "blue", Hex(4, 7)),
             unit("ally", "green", Hex(6, 7)), unit("r", "red", Hex(4, 1))]
    s = tiny_state(b, units, seats=seats)
    control_all(s, "un")
    for q in range(10):
        s.control[b.index(Hex(q, 0))] = s.config.bloc_code("communist")
    s = started(s)
    agent = Commander(3)
    agent.choose(api.observe(s, "blue"))
    reserve = agent.plan["reserve"]
    assert "ally" not in reserve
    assert "near" not in reserve
