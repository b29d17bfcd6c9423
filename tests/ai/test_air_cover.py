"""MiG Alley is worth what it covers: the share of the line of contact in the north-west (political.air_covered)."""

from __future__ import annotations

from game.ai.political import air_covered, best_decision
from game.ai.profiles import personality
from game.engine import api
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.simulate import make_agents


def _dprk_asked_for_air(scenario: str, seed: int):
    """The DPRK's view in its first political phase where it may ask Moscow for air cover (every seat the
    historical normal AI until then)."""
    m = Match.start(load_scenario(scenario), seed, {})
    agents = make_agents(m, "ai:historical:normal", seed)
    while not m.over:
        obs = m.view(m.active_seat)
        if obs.phase is api.Phase.POLITICAL and obs.seat == "dprk_prc" and any(
                d.decision == "request_soviet_air" for d in obs.legal.decisions()):
            return obs
        m.submit(agents[m.active_seat].choose(obs))
    raise AssertionError("the DPRK was never offered air cover")


def test_mig_alley_is_the_north_west_only():
    # rule: the jets deny UN air support north of 39N and west of 127E (DESIGN §8), not over the east coast
    board = Match.start(load_scenario("chinese-intervention"), 5, {}).state.board
    inside = {p: api.in_mig_alley(board, board.places[p].hex)
              for p in ("sinuiju", "pyongyang", "kanggye", "hamhung", "wonsan", "seoul", "pusan")}
    assert inside == {"sinuiju": True, "pyongyang": True, "kanggye": True, "hamhung": False, "wonsan": False,
                      "seoul": False, "pusan": False}, inside


def test_air_cover_is_worth_the_share_of_the_front_it_would_cover():
    # rule: priced at a flat 8 points, the historical DPRK of chinese-intervention asked Moscow on turn 1
    # (escalation +10) for a sky over a front that soon moved south of it; paired against itself without the
    # request (the other seats the normal AI), it scored higher in only 20 of 60 games.  On turn 1 the jets would
    # cover 10 of the 21 hexes of the UN's line of contact: 8 x 10/21 = 3.8 points, less than the escalation costs.
    obs = _dprk_asked_for_air("chinese-intervention", 5)
    assert obs.turn == 1
    assert air_covered(obs) == (10, 21)
    best, weighed = best_decision(obs, personality("historical"), set())
    air = next(p for p in weighed if p.decision == "request_soviet_air")
    assert best is None or best.decision != "request_soviet_air"
    assert air.reason == ("Not taking 'Ask Moscow for air cover': escalation +10 would cost more than MiG Alley "
                          "over 48% of the front is worth now."), air.reason


def test_a_pocket_behind_the_lines_is_not_the_front():
    # rule: the front is the UN's ground next to the enemy's main body (joined to its lasting supply sources).  In the
    # campaign's war 0, when China has entered (29 October 1950), the UN's line of contact is 96 hexes, 53 of them
    # round the KPA's pockets in the south; counted with them, MiG Alley covered 32% of "the front" and the DPRK never
    # asked for the jets (history: 1 November 1950).  The front against the main body is 43 hexes, 30 in MiG Alley.
    from game.session.simulate import derive_seed
    obs = _dprk_asked_for_air("1950-invasion", derive_seed(1950, 0))
    assert str(obs.date) == "1950-10-29"
    assert air_covered(obs) == (30, 43)
