"""The computer player aims at the score: places it may take or must keep, and gains it can still use."""

from __future__ import annotations

from types import SimpleNamespace

from helpers import BLUE_FIRST, started, tiny_board, tiny_state, unit, with_places

from game.ai.combat_choice import place_steps
from game.ai.commander import Commander
from game.ai.political import PAYBACK_TURNS, payback
from game.engine import api
from game.engine.actions import Attack, EndPhase
from game.engine.hexes import Hex
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.simulate import make_agents


def one_to_one(place_points: int | None):
    b = tiny_board(["ccccc"])
    units = [unit("b", "blue", Hex(1, 0), attack=4), unit("r", "red", Hex(2, 0), defence=4)]
    s = tiny_state(b, units, seats=BLUE_FIRST)
    if place_points:
        s = with_places(s, (Hex(2, 0), place_points))
    s, _ = api.apply(started(s), EndPhase())              # blue's combat phase
    return s


def test_a_one_to_one_attack_is_made_only_when_it_may_take_a_place():
    # 1:1 costs about a sixth of a step on average; a 3-point place (6 steps at 1 point a place, half a point a
    # step) taken one time in three is worth the risk.
    assert isinstance(Commander(1).choose(api.observe(one_to_one(None), "blue")), EndPhase)
    action = Commander(1).choose(api.observe(one_to_one(3), "blue"))
    assert isinstance(action, Attack) and action.target == Hex(2, 0)


def test_a_place_is_priced_in_steps_by_the_scoring():
    obs = api.observe(one_to_one(3), "blue")
    assert place_steps(obs) == {Hex(2, 0): 3 * 2.0 * 0.5}


def test_the_first_place_keeps_its_guard_though_no_enemy_is_in_sight():
    # The capital's garrison could step into enemy ground next door; the red army is out of sight, 10 hexes off.
    b = tiny_board(["c" * 14] * 2)
    units = [unit("g", "blue", Hex(1, 0)), unit("r", "red", Hex(12, 0))]
    s = tiny_state(b, units, seats=BLUE_FIRST)
    s = with_places(s, (Hex(1, 0), 5))
    for q in range(3, 14):
        for r in range(2):
            h = Hex(q, r - (q - (q & 1)) // 2)
            if b.on_map(h):
                s.control[b.index(h)] = s.config.bloc_code("communist")
    s = started(s)
    assert "r" not in api.observe(s, "blue").units          # unseen
    action = Commander(5).choose(api.observe(s, "blue"))
    assert isinstance(action, EndPhase), action


def test_reinforcements_count_by_the_turns_left_to_use_them():
    assert payback(SimpleNamespace(turn=1, last_turn=40)) == 1.0
    assert payback(SimpleNamespace(turn=40, last_turn=40)) == 1 / PAYBACK_TURNS
    assert payback(SimpleNamespace(turn=38, last_turn=40)) == 3 / PAYBACK_TURNS


def _armistice_next_turn(outcome_without: str | None) -> float:
    """The worth to the historical UN of a decision that changes nothing but leads to an armistice next turn."""
    from game.ai.political import ARMISTICE_WORTH, score
    from game.ai.profiles import personality
    from game.engine.observation import Consequences
    person = personality("historical")
    obs = SimpleNamespace(bloc="un", turn=5, last_turn=10, config=SimpleNamespace(politics=None))
    c = Consequences(tracks_before={}, tracks_after={}, supply_change={}, mig_alley=(False, False),
                     air_support=(True, True), units_unlocked=0, strength_unlocked=0.0, outcome="armistice",
                     talks=("open", "open"), next_turn={}, outcome_without=outcome_without)
    value, _ = score(obs, c, person)
    assert ARMISTICE_WORTH * person.weights["un"]["talks"] == 10.0
    return value


def test_an_armistice_counts_only_when_the_decision_brings_it():
    assert _armistice_next_turn(None) == 10.0            # the decision brings the armistice: worth it
    assert _armistice_next_turn("armistice") == 0.0      # signed anyway next turn: no reason to decide


def test_a_decision_s_reason_names_its_gains_and_costs_in_gauge_points_not_scores():
    # rule: the log's reason for a decision says what it moves, as the gauges show it, never the computer's own
    # score ("not worth it now (-3.8)" told a player nothing).
    from game.ai.political import best_decision
    from game.ai.profiles import personality
    sc = load_scenario("tutorial")
    m = Match.start(sc, 5, {})
    agents = make_agents(m, "ai:historical:normal", 5)
    reasons: list[str] = []
    while not m.over and m.turn <= 2:
        obs = m.view(m.active_seat)
        if obs.phase is api.Phase.POLITICAL:
            reasons += [p.reason for p in best_decision(obs, personality("historical"), set())[1]]
        m.submit(agents[m.active_seat].choose(obs))
    assert reasons
    assert "Seek a General Assembly resolution: worth it for UN cohesion +12." in reasons, reasons
    assert not any("(+" in r or "(-" in r for r in reasons), reasons


def test_the_dprk_calls_up_its_next_army_groups_for_the_turns_they_gain():
    # rule: units a decision brings in at once are worth the turns they gain (Consequences.strength_hastened).
    # Before, the historical DPRK of macarthur-unleashed priced "Send the next army groups at once" at nothing
    # ("escalation +5 ... would cost more than it brings now") and fought the winter without six armies.
    from game.ai.political import best_decision
    from game.ai.profiles import personality
    m = Match.start(load_scenario("macarthur-unleashed"), 5, {})
    agents = make_agents(m, "random", 5)
    while not m.over:
        obs = m.view(m.active_seat)
        if obs.phase is api.Phase.POLITICAL and obs.seat == "dprk_prc" and any(
                d.decision == "call_up_the_reserves" for d in obs.legal.decisions()):
            break
        m.submit(agents[m.active_seat].choose(obs))
    best, weighed = best_decision(obs, personality("historical"), set())
    call = next(p for p in weighed if p.decision == "call_up_the_reserves")
    assert best is not None and best.decision == "call_up_the_reserves", call.reason
    assert call.reason == "Send the next army groups at once: worth it for 6 more units now.", call.reason
