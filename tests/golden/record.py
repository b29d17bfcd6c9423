"""Record the golden games: ``python tests/golden/record.py [SCENARIO ...]``.

For each scenario: a seed, the random-legal record of one whole game, the
position digest after every action that ends a turn (and the last one), the
event kinds of each turn, and perft-style counts of the legal actions (by
kind) at fixed points of the game.  Re-record only when a rule change is meant
to change games, and say so in the commit.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE)]

from position import digest  # noqa: E402

from game.scenario.loader import load_scenario, scenario_ids  # noqa: E402

SEED = 20261130
#: Perft points: the action indices at which legal actions are counted.
PERFT_EVERY = 97


def legal_counts(match) -> dict[str, int]:
    from game.engine.api import legal_actions
    actions = legal_actions(match.state)
    return dict(sorted(Counter(a.kind for a in actions).items()))


def record(scenario_id: str) -> dict:
    from game.session.match import Match
    from game.session.simulate import make_agents, play

    scenario = load_scenario(scenario_id)
    match = Match.start(scenario, SEED, {s.id: "random" for s in scenario.config.seats})
    turns: list[dict] = []
    perft: list[dict] = []
    kinds: list[str] = []

    def on_action(m, events) -> None:
        n = len(m.record)
        kinds.extend(e.kind for e in events)
        if n % PERFT_EVERY == 1 and not m.over:
            perft.append({"after": n, "counts": legal_counts(m)})
        if m.over or any(e.kind == "TurnStarted" for e in events):
            turns.append({"after": n, "turn": m.state.turn, "digest": digest(m.state), "events": kinds[:]})
            kinds.clear()

    perft.append({"after": 0, "counts": legal_counts(match)})
    play(match, make_agents(match, "random", SEED), None, on_action=on_action)
    return {"scenario": scenario_id, "seed": SEED, "outcome": match.state.outcome,
            "actions": [a.to_dict() for a in match.record], "turns": turns, "perft": perft}


def main(argv: list[str]) -> None:
    for sid in argv or scenario_ids():
        data = record(sid)
        path = HERE / f"{sid}.json"
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"{sid}: {len(data['actions'])} actions, {len(data['turns'])} turns, {data['outcome']}")


if __name__ == "__main__":
    main(sys.argv[1:])
