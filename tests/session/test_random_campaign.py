"""Random-legal games of the 1950 campaign, with invariants checked after every action."""

import pytest
from helpers import tracks_of

from game.engine.units import Location
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.simulate import make_agents, play


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


def check_invariants(match: Match, events, alive_before: set[str]) -> set[str]:
    s = match.state
    board = s.board
    stacks: dict[int, list] = {}
    for u in s.unit_views().values():
        if u.location is Location.MAP:
            assert u.hex is not None, f"{u.id} on the map without a hex"
            i = board.index(u.hex)
            assert i >= 0, f"{u.id} off the board"
            assert board.is_land(i), f"{u.id} at sea at {u.hex}"
            stacks.setdefault(i, []).append(u)
        if u.alive:
            assert 1 <= u.steps <= u.max_steps, f"{u.id} has {u.steps} steps"
        assert u.out_of_supply >= 0
    for i, units in stacks.items():
        blocs = {s.bloc_of(u.seat) for u in units}
        assert len(blocs) == 1, f"enemies share hex {board.hex_at(i)}"
        assert len(units) <= s.config.params.stacking, f"over-stacked at {board.hex_at(i)}"
    alive = {u.id for u in s.unit_views().values() if u.alive}
    gone = alive_before - alive
    reported = {e.data.get("unit") for e in events if e.kind in ("UnitEliminated", "UnitWithdrawn")}
    assert gone <= reported, f"units gone without an event: {gone - reported}"
    assert 1 <= s.turn <= s.last_turn
    assert 0 <= int(s.control.min()) and int(s.control.max()) <= len(s.config.blocs)
    pol = s.config.politics
    for name, value in tracks_of(s).items():
        lo, hi = (pol.tracks[name].lo, pol.tracks[name].hi) if pol and name in pol.tracks else (0, 100)
        assert lo <= value <= hi, (name, value)
    return alive


def test_random_campaign_to_the_end_keeps_invariants(campaign):
    match = Match.start(campaign, 2024, {})
    alive = {u.id for u in match.state.unit_views().values() if u.alive}

    def on_action(m, events):
        nonlocal alive
        alive = check_invariants(m, events, alive)

    play(match, make_agents(match, "random", 2024), on_action=on_action)
    assert match.over
    assert match.state.outcome is not None


def test_same_seed_gives_identical_record_and_state(campaign):
    runs = []
    for _ in range(2):
        m = Match.start(campaign, 77, {})
        play(m, make_agents(m, "random", 77), turns=8)
        runs.append(m)
    a, b = runs
    assert [x.to_dict() for x in a.record] == [x.to_dict() for x in b.record]
    assert a.state.checksum() == b.state.checksum()
    other = Match.start(campaign, 78, {})
    play(other, make_agents(other, "random", 78), turns=8)
    assert other.state.checksum() != a.state.checksum()
