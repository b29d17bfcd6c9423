"""Home soil: when a scenario lets the enemy into our great power's country (macarthur-unleashed opens Manchuria to
the UN), the crossing an enemy unit could reach gets a guard whose zone of control stops it on the bank; where the
country is closed to the enemy, no unit is spent on it."""

from __future__ import annotations

import dataclasses

from helpers import started, tiny_board, tiny_state, unit

from game.ai.commander import Commander
from game.ai.garrisons import HOME_GUARD, crossing_guards
from game.ai.influence import Picture
from game.engine import api
from game.engine.config import Parameters, Seat
from game.engine.hexes import Hex

SEATS = (Seat("red", "Red", "communist", ("KPA", "PRC")), Seat("blue", "Blue", "un", ("US",)))


def _the_yalu(closed: tuple):
    """An 8x6 board: China along the top row, Korea below; a blue division at (3, 3), three hexes from China;
    our division g at (5, 2), the enemy in sight."""
    b = tiny_board(["c" * 8] * 6, country=["C" * 8] + ["N" * 8] * 5)
    g = dataclasses.replace(unit("g", "red", Hex(5, 2), movement=4), nation="PRC")
    blue = unit("b", "blue", Hex(3, 3), movement=4)
    params = Parameters(air_support_bloc="none", air_recon_bonus=0, interdiction_cut=0, closed=closed)
    s = started(tiny_state(b, [g, blue], seats=SEATS, params=params))
    return s, b


def test_the_crossing_nearest_the_enemy_is_guarded_when_the_enemy_may_cross():
    s, b = _the_yalu(closed=())
    pic = Picture(api.observe(s, "red"))
    guards = [b.hex_at(i) for i in (crossing_guards(pic) == HOME_GUARD).nonzero()[0]]
    assert guards and all(h.r == 0 for h in guards)
    agent = Commander(3)
    action = agent.choose(api.observe(s, "red"))
    assert "guards the crossing" in (agent.last_reason or ""), agent.last_reason
    assert action.to.r <= 1


def test_no_guard_where_the_enemy_may_not_cross():
    s, b = _the_yalu(closed=(("un", "PRC"),))
    pic = Picture(api.observe(s, "red"))
    assert not crossing_guards(pic).any()
    agent = Commander(3)
    agent.choose(api.observe(s, "red"))
    assert "guards the crossing" not in (agent.last_reason or "")
