"""``python -m game bench``: speed figures, printed (never asserted in tests).

Figures: scenario load, the active seat's whole set of legal actions, apply
per action, one full random-legal campaign; the UI adds its frame time and
launch-to-menu time when it is importable.
"""

from __future__ import annotations

import statistics
import time
from typing import Callable


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Mean and best wall time of ``fn`` over ``repeat`` calls, in milliseconds."""
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.fmean(samples), min(samples)


def run_bench(scenario_id: str = "1950-invasion", quick: bool = False, out: Callable[[str], None] = print) -> dict:
    from game.engine.rules import LegalActions, apply
    from game.scenario import mapfile
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents, play

    figures: dict[str, float | int | str] = {"scenario": scenario_id}
    rep = 3 if quick else 10

    def cold_load():
        mapfile.load_board.cache_clear() if hasattr(mapfile.load_board, "cache_clear") else None
        return load_scenario(scenario_id)

    mean, best = _time(cold_load, max(2, rep // 3))
    figures["scenario_load_ms"] = round(mean, 2)
    sc = load_scenario(scenario_id)
    out(f"scenario load (map + YAML + validation): mean {mean:.1f} ms, best {best:.1f} ms")

    # A mid-game position: a few random turns in, so both sides have many units on the map.
    match = Match.start(sc, 11, {})
    play(match, make_agents(match, "random", 11), turns=4)
    while match.state.phase.value != "movement":
        from game.engine.actions import EndPhase
        match.submit(EndPhase())
    state = match.state
    legal = LegalActions(state)
    n_actions = len(legal.all())
    mean, best = _time(lambda: LegalActions(state).all(), rep)
    figures["legal_actions_ms"] = round(mean, 2)
    figures["legal_actions_count"] = n_actions
    out(f"legal actions for {state.active_seat.name} ({n_actions} actions, "
        f"{len(legal.movers())} units): mean {mean:.1f} ms, best {best:.1f} ms")

    moves = [a for a in legal.all() if a.kind == "move"][:200]
    t0 = time.perf_counter()
    for a in moves:
        apply(state, a)
    per = (time.perf_counter() - t0) * 1000 / max(1, len(moves))
    figures["apply_move_ms"] = round(per, 3)
    out(f"apply (a move, with legality check and clone): {per:.2f} ms per action over {len(moves)} moves")

    t0 = time.perf_counter()
    full = Match.start(sc, 5, {})
    play(full, make_agents(full, "random", 5))
    secs = time.perf_counter() - t0
    figures["campaign_s"] = round(secs, 2)
    figures["campaign_actions"] = len(full.record)
    figures["campaign_turns"] = full.state.turn
    figures["campaign_outcome"] = full.state.outcome or "unfinished"
    out(f"one full random-legal campaign: {secs:.1f} s, {len(full.record)} actions, "
        f"{full.state.turn} turns, outcome {full.state.outcome} "
        f"({secs * 1000 / max(1, len(full.record)):.2f} ms per action)")

    try:
        from game.ui.bench import ui_figures
    except ImportError:
        ui_figures = None
    if ui_figures is not None:
        figures.update(ui_figures(sc, out))
    return figures
