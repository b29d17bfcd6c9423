"""The Pusan perimeter as simulate's records date it: the UN side drawn in round Pusan while the enemy holds most
of the South, or pushed into under a fifth of it."""

import numpy as np
import pytest

from game.engine.board import Country
from game.engine.units import MAP
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.records import PERIMETER_KM, Recorder


@pytest.fixture(scope="module")
def start() -> Match:
    return Match.start(load_scenario("1950-invasion"), 1, {})


def _position(match: Match, un_south: float, army_near: bool) -> Match:
    """The opening position with the UN side holding the ``un_south`` of the South nearest Pusan and, if
    ``army_near``, all its units on the map standing on Pusan (else 300 km up the east coast)."""
    state, board = match.state.clone(), match.board
    un, red = state.config.bloc_code("un"), state.config.bloc_code("communist")
    pusan = board.places["pusan"].hex
    south = np.flatnonzero((board.country == int(Country.ROK)) & (board.terrain >= 2))
    km = np.array([board.hex_at(int(i)).distance(pusan) for i in south])
    nearest = south[np.argsort(km, kind="stable")][: int(un_south * len(south))]
    state.control[south] = red
    state.control[nearest] = un
    far = min((int(i) for i in south), key=lambda i: abs(board.hex_at(i).distance(pusan) * board.hex_km - 300))
    spot = board.index(pusan) if army_near else far
    ours = (state.units.bloc == un) & (state.loc == MAP)
    state.hex[ours] = spot
    m = Match.start(load_scenario("1950-invasion"), 1, {})
    m.state = state
    return m


def test_the_army_drawn_in_round_pusan_on_a_third_of_the_south_is_the_perimeter(start):
    assert "pusan_perimeter" in Recorder(_position(start, 0.3, army_near=True)).dates


def test_a_third_of_the_south_with_the_army_far_from_pusan_is_not(start):
    assert PERIMETER_KM < 300
    assert "pusan_perimeter" not in Recorder(_position(start, 0.3, army_near=False)).dates


def test_half_the_south_is_no_perimeter_even_with_the_army_round_pusan(start):
    assert "pusan_perimeter" not in Recorder(_position(start, 0.5, army_near=True)).dates


def test_under_a_fifth_of_the_south_is_the_perimeter_wherever_the_army_stands(start):
    assert "pusan_perimeter" in Recorder(_position(start, 0.15, army_near=False)).dates


def test_a_war_that_never_falls_below_its_start_has_no_lowest_ebb():
    # rule: the tutorial's summary listed a "lowest ebb" on its first day; the ebb is dated only when the UN side's
    # share of Korea fell below where it began (its lowest share is still reported).
    from game.session.simulate import make_agents, play
    m = Match.start(load_scenario("tutorial"), 1, {})
    rec = Recorder(m)
    assert "lowest_ebb" not in rec.report()["key_events"]      # the first day alone: no ebb
    play(m, make_agents(m, "random", 1), turns=1, on_action=rec)
    report = rec.report()
    shares = [g["un_share"] for g in report["ground"]]
    assert report["lowest_ebb_share"] == min(shares)
    assert ("lowest_ebb" in report["key_events"]) == (min(shares) < shares[0])
    rec.ground[-1]["un_share"] = shares[0] - 0.01             # a turn that fell below the start: an ebb
    rec._ebb = (shares[0] - 0.01, rec.ground[-1]["date"])
    assert rec.report()["key_events"]["lowest_ebb"] == rec.ground[-1]["date"]
