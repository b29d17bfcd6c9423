"""A decision's words are made from its effects and the rules that read its flags: no internal ids, and every
real cost said (issue 9: 'sets pow hardline un' said nothing of the talks it slows)."""

import pytest

from game.engine.politics.effects import Reinforce, TalksProgress
from game.scenario.loader import load_scenario, scenario_ids
from game.session.decision_words import split


def words(scenario_id: str, decision_id: str) -> tuple[list[str], list[str]]:
    sc = load_scenario(scenario_id)
    d = sc.config.politics.decisions[decision_id]
    return split(sc.config, sc.config.seat(d.seat).bloc, d.effects, names={u.id: u.name for u in sc.units},
                 own=d.id)


def test_the_hard_line_on_prisoners_says_what_it_costs():
    sc = load_scenario("tutorial")
    slow = next(fx.hardline for r in sc.config.politics.rules for fx in r.effects if isinstance(fx, TalksProgress))
    good, costs = words("tutorial", "pow_voluntary_repatriation")
    assert f"while the talks sit, they advance {slow:g} less a turn" in costs    # 10 in the tutorial
    assert "UN cohesion +3" in good and not any("pow" in t or "hardline" in t for t in good + costs)


def test_a_resolution_says_what_it_rules_out_and_what_it_risks():
    good, costs = words("1950-invasion", "seek_unga_resolution")
    assert "no longer possible: 'UN troops cross the parallel with no General Assembly mandate'" in good
    assert "UN cohesion +12" in good and costs == ["PRC intervention pressure +5"]


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_no_decision_shows_an_internal_id(scenario_id):
    sc = load_scenario(scenario_id)
    pol = sc.config.politics
    for d in (pol.decisions.values() if pol else ()):
        good, costs = words(scenario_id, d.id)
        for text in good + costs:
            assert "_" not in text and " 1 units" not in text, (d.id, text)


def test_one_unit_arrives():
    assert Reinforce(("a",)).describe() == "1 unit arrives" and Reinforce(("a", "b")).describe() == "2 units arrive"


def test_following_the_tutorial_briefing_is_not_a_trap():
    """The briefing says: from the second turn take the resolution first, then cross.  The resolution is open in
    the UN's political phase of turn 2, and once taken the 'crossing without a mandate' penalty cannot fire."""
    from game.engine.api import Decide, EndPhase, Phase
    from game.session.match import Match
    from game.session.simulate import make_agents
    sc = load_scenario("tutorial")
    brief = " ".join(sc.briefing.split())
    assert brief.index("seek a General Assembly resolution first") < brief.index("Then cross the 38th parallel")
    match = Match.start(sc, 4, {})
    others = make_agents(match, "random", 4)
    while not (match.turn == 2 and match.active_seat == "un" and match.phase is Phase.POLITICAL):
        seat = match.active_seat
        match.submit(EndPhase() if seat == "un" else others[seat].choose(match.view(seat)))
    view = match.view("un")
    assert "seek_unga_resolution" in [d.decision for d in view.legal.decisions()]
    match.submit(Decide("seek_unga_resolution"))
    assert match.state.flag("unga_resolution")
    # The penalty needs 'no mandate': with the mandate taken it can no longer fire, wherever the UN stands.
    rule = next(r for r in sc.config.politics.rules if r.id == "crossing_without_mandate")
    needs = [p for p in rule.when.parts if p.KEY == "not"]
    assert needs and not needs[0].test(match.state)
