"""The computer player against thousands of positions and whole wars, with the game's invariants checked.

CI runs a small sample; ``ARMISTICE_SOAK=1 python -m pytest tests/ai/test_ai_soak.py`` runs the full
soak (thousands of random positions, a few hundred AI-against-AI games) before an AI change is closed.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from session.test_random_campaign import check_invariants

from game.ai.commander import Commander
from game.engine import api
from game.scenario.loader import load_scenario, scenario_ids
from game.session.match import Match
from game.session.simulate import derive_seed, make_agents, play

SOAK = os.environ.get("ARMISTICE_SOAK") == "1"
POSITIONS = 600 if SOAK else 25          # random positions per scenario
GAMES = 40 if SOAK else 1                # AI-against-AI games per scenario (the campaign: a tenth of that)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_the_ai_never_submits_an_illegal_action_in_random_positions(scenario_id):
    sc = load_scenario(scenario_id)
    rng = np.random.default_rng(7)
    for k in range(POSITIONS):
        seed = derive_seed(31, k)
        match = Match.start(sc, seed, {})
        agents = make_agents(match, "random", seed)
        for _ in range(int(rng.integers(0, 400))):          # a random point of a random-legal game
            if match.over:
                break
            match.submit(agents[match.active_seat].choose(match.view(match.active_seat)))
        if match.over:
            continue
        seat = match.active_seat
        ai = Commander(seed, ("historical", "aggressive", "cautious")[k % 3], ("easy", "normal", "hard")[k % 3])
        for _ in range(6):                                   # a few of its actions from there
            if match.over or match.active_seat != seat:
                break
            action = ai.choose(match.view(seat))
            verdict = api.check(match.state, action)
            assert verdict is None, f"{scenario_id} position {k}: illegal {action}: {verdict}"
            match.submit(action, ai.last_reason)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_ai_against_ai_keeps_the_invariants(scenario_id):
    sc = load_scenario(scenario_id)
    games = max(1, GAMES // 10) if scenario_id == "1950-invasion" else GAMES
    for g in range(games):
        match = Match.start(sc, derive_seed(77, g), {})
        alive = {u.id for u in match.reveal().units.values() if u.alive}

        def on_action(m, events):
            nonlocal alive
            alive = check_invariants(m, events, alive)

        turns = None if SOAK or scenario_id != "1950-invasion" else 6
        play(match, make_agents(match, ("ai:historical:normal", "ai:aggressive:hard", "ai:cautious:easy")[g % 3],
                                derive_seed(77, g)), turns, on_action=on_action)
        assert match.over or turns is not None
