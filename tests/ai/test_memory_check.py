"""The computer's memory as a save carries it, held to its shape (game/ai/memory_check.py): every memory real
games make passes, and each forged field the red-team run found (issue 10, h10e) is named."""

from __future__ import annotations

import copy

import pytest

from game.ai.commander import Commander
from game.ai.memory_check import memory_problem
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.simulate import make_agents


def real_memories(scenario_id: str, seed: int, actions: int) -> list[dict]:
    """Every computer seat's memory after each action of a game the computer plays."""
    match = Match.start(load_scenario(scenario_id), seed, {})
    agents = make_agents(match, "ai:historical:hard", seed)
    out = []
    for _ in range(actions):
        if match.over:
            break
        agent = agents[match.active_seat]
        match.submit(agent.choose(match.view(match.active_seat)), agent.last_reason)
        out.extend(copy.deepcopy(a.memory()) for a in agents.values())
    return out


@pytest.mark.timeout(300)
@pytest.mark.parametrize("scenario_id, seed, actions", [("tutorial", 3, 400), ("inchon", 2, 150)])
def test_every_memory_a_real_game_makes_holds_to_its_shape(scenario_id, seed, actions):
    memories = real_memories(scenario_id, seed, actions)
    assert any(m["plan"] for m in memories) and any(m["orders"] for m in memories)
    assert [memory_problem(m) for m in memories] == [None] * len(memories)


def good() -> dict:
    agent = Commander(7)
    memory = agent.memory()
    memory.update(phase_key=[2, "rok", "movement"], last_reason="It holds.",
                  orders=[[{"type": "end_phase"}, "Nothing more to do."]],
                  plan={"stance": "attack", "front": [[-5, 42], [-4, 42]], "reserve": ["rok_1st_div"],
                        "axis": [[-5, 42], [-5, 40]], "landing": None},
                  enemy_units={"kpa_1st_div": [1, 6.0]}, seen_open={"x": 1}, weighed=["x"])
    return memory


def with_value(*keys, value):
    memory = good()
    target = memory
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return memory


FORGED = [
    (("rng", "state"), "-1", "rng.state: must be a whole number from 0 to 2**128-1"),
    (("rng", "inc"), str(2 ** 128), "rng.inc: must be a whole number"),
    (("rng", "has_uint32"), 10 ** 30, "rng.has_uint32: must be a whole number from 0 to 1"),
    (("rng", "uinteger"), -1, "rng.uinteger: must be a whole number from 0 to 2**32-1"),
    (("rng", "uinteger"), True, "rng.uinteger"),
    (("plan", "reserve"), [{"a": 1}], "plan.reserve[0]: must be text"),
    (("plan", "reserve"), 7, "plan.reserve: must be a list"),
    (("plan", "front"), 5, "plan.front: must be a list"),
    (("plan", "front"), [[1.5, 2]], "plan.front[0]: must be a whole number"),
    (("plan", "stance"), "at\x00tack", "plan.stance: must be one of attack, hold, fall back"),
    (("plan", "stance"), "x" * 3_000_000, "plan.stance: must be one of"),
    (("plan", "axis"), [[10 ** 18, 1], [1, 10 ** 18]], "plan.axis[0]: must be a whole number from -1000 to 1000"),
    (("plan", "landing"), [10 ** 18, 10 ** 18], "plan.landing"),
    (("plan", "front"), [[q % 300 - 150, q // 300] for q in range(200_000)], "plan.front: 200000 items"),
    (("plan",), [1, 2], "plan: must be a mapping"),
    (("orders",), [[{"type": "end_phase"}, "R" * 3_000_000]], "orders[0][1]: 3000000 characters long"),
    (("orders",), [[{"type": "end_phase"}, "bad\x00reason"]], "orders[0][1]: holds a control character"),
    (("orders",), [[{"type": "warp"}, "why"]], "orders[0]: not an action the game knows"),
    (("last_reason",), "a\x1b[2J", "last_reason: holds a control character"),
    (("enemy_units",), {"kpa_27th_div": [1, "nan"]}, "enemy_units.kpa_27th_div[1]"),
    (("enemy_units",), {"u": [1, float("inf")]}, "enemy_units.u[1]"),
    (("seen_open",), {"a": -10 ** 30}, "seen_open.a"),
    (("waited",), {"crossing_without_mandate": 10 ** 30}, "waited.crossing_without_mandate"),
    (("waited",), ["crossing_without_mandate"], "waited: must be a mapping"),
    (("replans",), -10 ** 30, "replans"),
    (("offers",), {"atomic_threat": "x"}, "offers.atomic_threat"),
    (("offers",), [1], "offers: must be a mapping"),
    (("phase_key",), [10 ** 30, "rok", "movement"], "phase_key[0]"),
    (("weighed",), "abc", "weighed: must be a list"),
    (("power_in",), "yes", "power_in"),
]


def test_a_good_memory_passes_and_restores():
    assert memory_problem(good()) is None
    Commander(1).restore(good())


@pytest.mark.parametrize("keys, value, words", FORGED, ids=[w[:40] for _, _, w in FORGED])
def test_a_forged_memory_is_named_by_its_field(keys, value, words):
    problem = memory_problem(with_value(*keys, value=value))
    assert problem is not None and words in problem
    assert len(problem) < 200


def test_text_limit_is_the_callers():
    long = with_value("last_reason", value="a" * 300)
    assert memory_problem(long, 4000) is None and "300 characters long; the limit is 200" in memory_problem(long, 200)
