"""A save whose computer memory (its agents section) is forged, checksums made again (issue 10, h10e N1-N6):
the game loads, that seat's memory is dropped with a warning naming the file and the field, the computer plans
afresh, and nothing the player does next (the plans overlay, the computer's next actions) meets the forgery."""

from __future__ import annotations

import logging

import pytest
from hostile_saves import AGENTS, save_with_agents

from game.session.controllers import AIPlayers
from game.session.savefile import load_save
from game.session.table import Table


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return save_with_agents(tmp_path_factory.mktemp("agents"))


@pytest.mark.timeout(120)
def test_the_good_memories_come_back(base):
    match, doc = load_save(base)
    assert set(match.saved_agents) == {"rok", "dprk_prc"}
    players = AIPlayers(match)
    assert players.memories() == doc["agents"]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name, make, field", AGENTS, ids=[a[0] for a in AGENTS])
def test_a_forged_memory_is_dropped_with_a_warning_and_the_game_plays_on(name, make, field, base, tmp_path,
                                                                         caplog):
    path = make(tmp_path, base)
    with caplog.at_level(logging.WARNING, logger="game.session.savefile"):
        match, doc = load_save(path)
    seat = field.split(".")[1]
    other = ({"rok", "dprk_prc"} - {seat}).pop()
    assert seat not in match.saved_agents and other in match.saved_agents
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert f"{path}: {field}" in warning and "plans afresh" in warning
    assert len(warning) < 400
    table = Table(match)
    assert table.viewer == "un"
    assert table.ai.memories()[other] == doc["agents"][other]       # the other seat's memory is kept
    for plan in table.visible_plans().values():                     # the overlay's data (the P key)
        assert plan["stance"] in ("attack", "hold", "fall back")
    for seat_id in match.seats:                                     # the computer plays on (the UN too)
        match.seats[seat_id] = "ai:normal"
    table = Table(match)
    for _ in range(30):
        table.step_ai()
    assert not match.over or match.turn >= 1


def test_any_exception_in_restore_leaves_a_fresh_agent(base):
    # The last guard, past the check: whatever restore raises (numpy's OverflowError here), the seat gets a fresh
    # agent (never a half-restored one) and the game loads.
    match, _ = load_save(base)
    match.saved_agents = None
    fresh = AIPlayers(match).agents["rok"].memory()
    match.saved_agents = {"rok": {"rng": {"state": "-1", "inc": "1", "has_uint32": 0, "uinteger": 0}}}
    assert AIPlayers(match).agents["rok"].memory() == fresh
    match.saved_agents = {"rok": {"rng": fresh["rng"], "plan": {"stance": "hold"}, "replans": 10 ** 400 // 10 ** 399,
                                  "enemy_units": {"x": [1]}}}      # IndexError, after the plan was taken
    assert AIPlayers(match).agents["rok"].memory() == fresh
