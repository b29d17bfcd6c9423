"""The active defence: with the talks open, a UN-bloc seat that has met China's army and is the stronger still
takes the places worth points just past its hold line (horizon.limited_objectives), as the UN took the Punchbowl
and Heartbreak Ridge in 1951; with the talks closed, or outmatched, it does not.  Halted by China's entry pressure
alone, it takes those clear of the border (Hamhung, short of the Yalu), not those near it."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import BLUE_FIRST, control_all, started, tiny_board, tiny_state, unit, with_places

from game.ai.commander import Commander
from game.ai.horizon import LIMITED, limited_objectives
from game.engine import api
from game.engine.actions import EndPhase
from game.engine.board import Country
from game.engine.hexes import Hex
from game.engine.observation import Observation


def _past_the_hold_line(talks: str):
    """A 10x6 board, ours but its top two rows; the enemy's 3-point place at (4, 1), two rows (0.25 degrees) past
    our hold line on row 3, where our strong division b stands (a hex a turn,
    so the place is two turns' march); a weak Chinese division far off in the north-east,
    met before."""
    b = tiny_board(["c" * 10] * 6)
    red = dataclasses.replace(unit("r", "red", Hex(9, 0), attack=2, defence=2, steps=1), nation="PRC")
    b_unit = unit("b", "blue", Hex(4, 3), attack=8, defence=8, movement=1)
    s = with_places(tiny_state(b, [b_unit, red], seats=BLUE_FIRST), (Hex(4, 1), 3))
    control_all(s, "un")
    for q in range(10):
        for r in (0, 1):
            s.control[b.index(Hex(q, r))] = s.config.bloc_code("communist")
    s = started(s)
    s.talks = type(s.talks)(talks)
    line = float(b.lat[b.index(Hex(4, 3))])
    agent = Commander(3)
    agent.restore({**agent.memory(), "power_in": True})    # China's army was met a turn ago
    agent.person = dataclasses.replace(agent.person, hold_line=line, halt_north_of=line)
    return s, agent, b, line


def _goes_north(s, agent, b, line: float) -> bool:
    """Whether blue's first order moves a unit north of ``line``."""
    action = agent.choose(api.observe(s, "blue"))
    return not isinstance(action, EndPhase) and float(b.lat[b.index(action.to)]) > line


@pytest.mark.parametrize("talks, goes", [("open", True), ("closed", False)])
def test_with_talks_open_the_stronger_side_takes_a_place_just_past_its_hold_line(talks, goes):
    # rule: b stands on its hold line with the enemy's 3-point place two marches north of it; with the talks open (an
    # active defence) it marches on the place; with them closed its limit is the halt line here, and it stays.
    # (A place within one march past the limit was always taken; the hexes before it were out of bounds.)
    s, agent, b, line = _past_the_hold_line(talks)
    assert _goes_north(s, agent, b, line) is goes, agent.last_reason


def test_limited_objectives_only_on_an_active_defence():
    s, _, _, _ = _past_the_hold_line("open")
    obs = api.observe(s, "blue")
    assert limited_objectives(obs, power_in=True, outmatched=False) == LIMITED
    assert limited_objectives(obs, power_in=True, outmatched=True) == 0.0
    assert limited_objectives(obs, power_in=False, outmatched=False) == LIMITED
    assert limited_objectives(obs, power_in=False, outmatched=True) == 0.0
    s.talks = type(s.talks)("closed")
    assert limited_objectives(api.observe(s, "blue"), power_in=True, outmatched=False) == 0.0


def _halted_short_of_china(place_row: int, monkeypatch, marches: int = 2):
    """A 10x10 board: China along the top row, North Korea below, ours but the rows from ``place_row`` up; the
    enemy's 3-point place at (4, place_row), ``marches`` rows past our halt line, where our strong division b stands
    (a hex a turn); a weak KPA division far off in the north-east.  China's entry pressure is past our tolerance, so our
    limit is the halt line, and no Chinese army has been met."""
    b = tiny_board(["c" * 10] * 10, country=["C" * 10] + ["N" * 10] * 9)
    red = unit("r", "red", Hex(7, 2), attack=2, defence=2, steps=1)
    ours = unit("b", "blue", Hex(4, place_row + marches), attack=8, defence=8, movement=1)
    s = with_places(tiny_state(b, [ours, red], seats=BLUE_FIRST), (Hex(4, place_row), 3))
    control_all(s, "un")
    for q in range(10):
        for r in range(place_row + 1):
            s.control[b.index(Hex(q, r))] = s.config.bloc_code("communist")
    s = started(s)
    monkeypatch.setattr(Observation, "tracks", property(lambda self: {"intervention": 100.0}))
    line = float(b.lat[b.index(Hex(4, place_row + marches))])
    agent = Commander(3)
    agent.person = dataclasses.replace(agent.person, halt_north_of=line)
    return s, agent, b, line


@pytest.mark.parametrize("place_row, goes", [(6, True), (3, False)])
def test_halted_by_chinas_threshold_it_takes_a_place_just_past_its_halt_line_clear_of_the_border(
        place_row, goes, monkeypatch):
    # rule: b stands on its halt line with the enemy's 3-point place two marches north; six rows from China it marches
    # on it (the threshold is the Yalu's, not Hamhung's); three rows from China (within the border alarm) it stays.
    s, agent, b, line = _halted_short_of_china(place_row, monkeypatch)
    assert b.country[b.index(Hex(4, 0))] == int(Country.PRC)
    assert _goes_north(s, agent, b, line) is goes, agent.last_reason


def test_a_dominant_side_on_the_active_defence_goes_on_to_its_halt_line():
    # rule: with the talks open the hold line is the limit - unless the seat is twice the enemy it can see and
    # remembers (operations.DOMINANT), when the places up to its halt line are worth the march (Pyongyang, left
    # empty); outmatched, the hold line whatever.
    from game.ai.horizon import advance_limit
    from game.ai.profiles import personality
    s, _, _, _ = _past_the_hold_line("open")
    obs = api.observe(s, "blue")
    person = personality("historical")
    assert advance_limit(obs, person, power_in=True) == person.hold_line
    assert advance_limit(obs, person, power_in=True, dominant=True) == person.halt_north_of
    assert advance_limit(obs, person, power_in=True, outmatched=True, dominant=True) == person.hold_line


@pytest.mark.parametrize("aggression, goes", [(0.5, False), (0.85, True)])
def test_a_place_on_the_border_draws_only_an_aggressive_seat(aggression, goes, monkeypatch):
    # rule: the enemy's 3-point place one march north of b, two rows from China (Sinuiju on the Yalu); the historical
    # seat keeps its distance (standing there raises China's alarm), an aggressive one takes it.
    s, agent, b, line = _halted_short_of_china(2, monkeypatch, marches=1)
    agent.person = dataclasses.replace(agent.person, aggression=aggression)
    assert _goes_north(s, agent, b, line) is goes, agent.last_reason
