"""Pledges and mandates (game/ai/pledges.py): the computer waits for its mandate before it crosses, and keeps the
pledges a what-if policy made it take."""

from __future__ import annotations

import pytest

from game.ai import pledges
from game.ai.commander import Commander
from game.ai.pledges import tied_rules
from game.ai.policy import PolicyAgent
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.policies import by_seat, parse_policies
from game.session.simulate import make_agents, play


def test_the_rules_tied_to_a_seats_decisions_are_found_from_the_data():
    m = Match.start(load_scenario("1950-invasion"), 1, {})
    tied = tied_rules(m.view("un"))
    assert tied["crossing_without_mandate"] == ("mandate", "seek_unga_resolution")
    assert tied["neck_pledge_broken"] == ("pledge", "halt_at_neck")
    assert "prc_warns" not in tied                        # a cost of the war, not of a decision of ours
    assert tied_rules(m.view("dprk_prc")).get("crossing_without_mandate") is None


def _first_turns(wait: int, monkeypatch) -> tuple[list[str], list[str]]:
    """The rules fired and the UN's reasons in the tutorial's first turn, all seats the computer."""
    monkeypatch.setattr(pledges, "MANDATE_WAIT", wait)
    m = Match.start(load_scenario("tutorial"), 5, {})
    fired: list[str] = []
    play(m, make_agents(m, "ai:historical:normal", 5), turns=1,
         on_action=lambda match, events: fired.extend(e.data.get("rule", "") for e in events
                                                      if e.kind == "RuleFired"))
    return fired, list(m.reasons.values())


def test_the_un_waits_for_its_mandate_before_it_crosses_the_parallel(monkeypatch):
    fired, reasons = _first_turns(pledges.MANDATE_WAIT, monkeypatch)
    assert "crossing_without_mandate" not in fired
    assert any("waits for 'Seek a General Assembly resolution'" in r for r in reasons), reasons
    # Without the wait, the same game crosses on the first turn and the coalition pays.
    fired, _ = _first_turns(0, monkeypatch)
    assert "crossing_without_mandate" in fired


@pytest.mark.parametrize("rule, kept", [("always", True), ("never", False)])
def test_a_decision_a_policy_forces_is_a_pledge_the_computer_keeps(rule, kept):
    sc = load_scenario("1950-invasion")
    inner = Commander(3)
    agent = PolicyAgent(inner, by_seat(sc, parse_policies(sc, (f"un.halt_at_neck={rule}",)))["un"])
    assert ("halt_at_neck" in inner._promises.kept) is kept
    assert agent.inner is inner
    assert Commander(3, "cautious")._promises.keep_all and not inner._promises.keep_all


def _un_north_at_the_end(policies: tuple[str, ...]) -> tuple[bool, list[str]]:
    """Inchon, seed 7, the computer in every seat under ``policies``: whether a UN unit ends north of the 38th
    parallel, and the UN's decisions."""
    from game.session.records import un_north_of_38th
    sc = load_scenario("inchon")
    m = Match.start(sc, 7, {})
    agents = make_agents(m, "ai:historical:normal", 7)
    for seat, ps in by_seat(sc, parse_policies(sc, policies)).items():
        agents[seat] = PolicyAgent(agents[seat], ps)
    crossed: list[bool] = []
    play(m, agents, on_action=lambda match, events: crossed.append(
        un_north_of_38th(match.reveal().units.values(), match.board)) if not any(crossed) else None)
    return any(crossed), [a.decision for a in m.record if a.kind == "decide" and m.config.politics.decisions[
        a.decision].seat == "un"]


def test_what_if_the_un_stops_at_the_parallel_keeps_it_south():
    """Left to itself the UN crosses in this Inchon game; under the classroom's what-if it halts at the parallel
    (a pledge it keeps, since the teacher forced it) and never crosses."""
    crossed, decisions = _un_north_at_the_end(())
    assert crossed and "halt_at_parallel" not in decisions
    crossed, decisions = _un_north_at_the_end(("un.halt_at_parallel=always", "un.cross_38th=never"))
    assert not crossed and "halt_at_parallel" in decisions


def test_no_mandate_holds_a_move_back_when_the_game_ends_before_the_wait_would(monkeypatch):
    # rule: a mandate is waited for only while there is time left to use it (pledges.Promises._live)
    obs = Match.start(load_scenario("tutorial"), 5, {}).view("un")       # turn 1 of 6
    assert "crossing_without_mandate" in pledges.Promises()._live(obs)
    monkeypatch.setattr(pledges, "MANDATE_WAIT", obs.last_turn - obs.turn + 1)
    assert "crossing_without_mandate" not in pledges.Promises()._live(obs)
