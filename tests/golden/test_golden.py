"""Golden games: each scenario's recorded game replays to the same positions, turn by turn.

Recorded by tests/golden/record.py before the engine moved to arrays; the
digests (tests/golden/position.py) read what a position is, not how it is
stored, so they hold through any refactor that does not change the rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from position import digest
from record import legal_counts

from game.engine.actions import action_from_dict
from game.scenario.loader import load_scenario
from game.session.match import Match

HERE = Path(__file__).resolve().parent
GOLDEN = sorted(p.stem for p in HERE.glob("*.json"))


@pytest.mark.parametrize("scenario_id", GOLDEN)
def test_golden_game_replays_to_the_same_positions(scenario_id):
    data = json.loads((HERE / f"{scenario_id}.json").read_text())
    scenario = load_scenario(scenario_id)
    match = Match.start(scenario, data["seed"], {s.id: "random" for s in scenario.config.seats})
    turns = {t["after"]: t for t in data["turns"]}
    perft = {p["after"]: p["counts"] for p in data["perft"]}
    kinds: list[str] = []
    assert legal_counts(match) == perft.pop(0)
    for n, raw in enumerate(data["actions"], start=1):
        events = match.submit(action_from_dict(raw))
        kinds.extend(e.kind for e in events)
        if n in perft:
            assert legal_counts(match) == perft.pop(n), f"legal action counts differ after action {n}"
        if n in turns:
            t = turns.pop(n)
            assert match.state.turn == t["turn"]
            assert kinds == t["events"], f"events of the turn ending at action {n} differ"
            assert digest(match.state) == t["digest"], f"position differs after action {n} (turn {t['turn']})"
            kinds.clear()
    assert not turns and not perft
    assert match.state.outcome == data["outcome"]
