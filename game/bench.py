"""``python -m game bench``: speed figures, printed (never asserted in tests).

Figures (medians on 1950-invasion unless said): scenario load; on a mid-game
position, a state's clone, the active seat's whole set of legal actions, a
checked ``apply`` of a move and the trusted ``step``, the end of a seat's
turn (its supply check and the next seat's start), an observation; a one-ply
sweep of every legal move of the UN on turn 13; one full random-legal
campaign; studies with the normal AI on one and two processes, and their
worker memory (game/bench_study.py); loading a 30-turn save from its snapshot
and by replaying it; the after-action report of a finished tutorial save (and,
without --quick, of the 30-turn save), from reading the save to the PDF.  The UI
adds its frame time and launch-to-menu time when it is importable.  Keys stay
stable; new figures get new keys.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Mean and best wall time of ``fn`` over ``repeat`` calls, in milliseconds."""
    samples = _samples(fn, repeat)
    return statistics.fmean(samples), min(samples)


def _samples(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def _median(fn: Callable[[], object], repeat: int) -> float:
    return statistics.median(_samples(fn, repeat))


def _to_phase(match, phase: str) -> None:
    from game.engine.api import EndPhase
    while match.phase.value != phase and not match.over:
        match.submit(EndPhase())


def run_bench(scenario_id: str = "1950-invasion", quick: bool = False, out: Callable[[str], None] = print) -> dict:
    from game.engine import api
    from game.engine.api import EndPhase
    from game.scenario import mapfile
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.savefile import load_save, write_save
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
    _to_phase(match, "movement")
    state = match.state
    actions = api.legal_actions(state)
    n_actions = len(actions)
    n_units = len({a.unit for a in actions if hasattr(a, "unit")})
    rep_fast = 20 if quick else 200

    figures["clone_ms"] = round(_median(lambda: api.clone(state), rep_fast * 5), 4)
    out(f"clone a state: median {figures['clone_ms'] * 1000:.1f} µs")

    # Cold figures: the position's remembered fog, knowledge and reach are forgotten before each timing, so
    # each is the cost of a position seen for the first time.  Warm ones are what a search pays when it lists
    # a position's legal actions and then steps each of them.
    positions = _positions(sc, 30 if quick else 120)
    legal_ms = statistics.median(_cold(state.setup, lambda p=p: api.legal_actions(p)) for p in positions)
    figures["legal_actions_ms"] = round(legal_ms, 3)
    figures["legal_actions_count"] = n_actions
    figures["legal_actions_positions"] = len(positions)
    figures["legal_actions_warm_ms"] = round(_median(lambda: api.legal_actions(state), rep * 3), 3)
    out(f"legal actions for a whole seat, {len(positions)} movement-phase positions, each seen first: median "
        f"{legal_ms:.2f} ms (mid-game example: {state.active_seat.name}, {n_actions} actions, {n_units} units; "
        f"listed again: {figures['legal_actions_warm_ms']:.2f} ms)")

    moves = [a for a in actions if a.kind == "move"][:200]
    figures["apply_move_ms"] = round(statistics.median(
        _cold(state.setup, lambda a=a: api.apply(state, a)) for a in moves), 4)
    out(f"apply (a move, checked, on a copy, position seen first): median {figures['apply_move_ms']:.3f} ms "
        f"over {len(moves)} moves")

    work = api.clone(state)

    def step_undo(a, cold: bool):
        if cold:
            _forget(work.setup)
        t0 = time.perf_counter()
        token, _ = api.step(work, a)
        dt = (time.perf_counter() - t0) * 1000
        api.undo(work, token)
        return dt
    # The step is for search: a search lists a position's legal actions, then steps each of them.
    figures["step_move_cold_ms"] = round(statistics.median([step_undo(a, True) for a in moves]), 4)
    api.legal_actions(work)
    figures["step_move_ms"] = round(statistics.median([step_undo(a, False) for a in moves]), 4)
    out(f"step (a move, trusted, in place; undo not timed), as a search steps the legal actions it listed: "
        f"median {figures['step_move_ms']:.3f} ms ({figures['step_move_cold_ms']:.3f} ms on a position seen first)")

    seat_ends = []
    probe = Match.start(sc, 11, {})
    play(probe, make_agents(probe, "random", 11), turns=4)
    for _ in range(6 if quick else 12):
        _to_phase(probe, "combat")
        s = probe.state
        seat_ends.append(_median(lambda: api.apply(s, EndPhase()), 5))
        probe.submit(EndPhase())
    figures["end_turn_ms"] = round(statistics.median(seat_ends), 3)
    out(f"end of a seat's turn (supply check, next seat's start): median {figures['end_turn_ms']:.2f} ms "
        f"over {len(seat_ends)} seat-turns")

    figures["observe_ms"] = round(_median(lambda: api.observe(state, state.active_seat.id), rep_fast), 4)
    out(f"an observation (fogged copy for one seat): median {figures['observe_ms']:.3f} ms")

    # One ply: every legal move of the UN on turn 13, each stepped on a copy and undone.
    sweep = Match.start(sc, 13, {})
    play(sweep, make_agents(sweep, "random", 13), turns=12)
    while not sweep.over and not (sweep.active_seat == "un" and sweep.phase.value == "movement"):
        sweep.submit(EndPhase())
    s13 = api.clone(sweep.state)
    t0 = time.perf_counter()
    ply = api.legal_actions(s13)
    for a in ply:
        token, _ = api.step(s13, a)
        api.undo(s13, token)
    figures["one_ply_sweep_s"] = round(time.perf_counter() - t0, 3)
    figures["one_ply_sweep_actions"] = len(ply)
    out(f"one-ply sweep of the UN's {len(ply)} legal actions on turn {sweep.turn}: {figures['one_ply_sweep_s']:.3f} s")

    if not quick:
        t0 = time.perf_counter()
        full = Match.start(sc, 5, {})
        play(full, make_agents(full, "random", 5))
        secs = time.perf_counter() - t0
        figures["campaign_s"] = round(secs, 2)
        figures["campaign_actions"] = len(full.record)
        figures["campaign_turns"] = full.turn
        figures["campaign_outcome"] = full.state.outcome or "unfinished"
        out(f"one full random-legal campaign: {secs:.2f} s, {len(full.record)} actions, "
            f"{full.turn} turns, outcome {full.state.outcome} "
            f"({secs * 1000 / max(1, len(full.record)):.2f} ms per action)")

    figures.update(_ai_figures(sc, quick, out))
    # Before anything else starts a child process: the studies' worker memory is read from the children's.
    from game.bench_study import study_figures
    figures.update(study_figures(quick, out))

    saved = Match.start(sc, 7, {})
    play(saved, make_agents(saved, "random", 7), turns=29)
    with tempfile.TemporaryDirectory() as tmp:
        path = write_save(saved, Path(tmp) / "bench.json")
        figures["save_load_30_turns_s"] = round(_median(lambda: load_save(path), 3) / 1000, 3)
        figures["save_replay_30_turns_s"] = round(_median(lambda: load_save(path, replay=True), 1) / 1000, 3)
        out(f"load a 30-turn save ({len(saved.record)} actions): from its snapshot "
            f"{figures['save_load_30_turns_s']:.3f} s, by replaying it (validate) "
            f"{figures['save_replay_30_turns_s']:.3f} s")
        figures.update(_report_figures(path if not quick else None, Path(tmp), out))

    try:
        from game.ui.bench import ui_figures
    except ImportError:
        ui_figures = None
    if ui_figures is not None and not quick:
        figures.update(ui_figures(sc, out))
    return figures


def _report_figures(long_save: Path | None, folder: Path, out: Callable[[str], None]) -> dict:
    """The time to build an after-action report (``python -m game report``: read the save, replay its record,
    draw the charts and the final map, write the Markdown and the PDF) for a finished tutorial the computer
    played, and for ``long_save`` when given.  The first report pays matplotlib's import, as a teacher's does."""
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.savefile import load_save, write_save
    from game.session.simulate import make_agents, play
    try:
        import matplotlib  # noqa: F401 - only to say plainly when it is missing

        from game.report.build import report_of_match
    except ImportError:
        out("after-action report: matplotlib is not installed; no figure")
        return {}

    def build(path: Path, name: str) -> float:
        t0 = time.perf_counter()
        match, _doc = load_save(path)
        report_of_match(match, folder / name)
        return time.perf_counter() - t0

    sc = load_scenario("tutorial")
    tutorial = Match.start(sc, 7, {s.id: "ai:historical:normal" for s in sc.config.seats})
    play(tutorial, make_agents(tutorial, "ai:historical:normal", 7))
    path = write_save(tutorial, folder / "tutorial.json")
    figures = {"report_build_s": round(build(path, "tutorial-report"), 2)}
    out(f"after-action report of a finished tutorial ({len(tutorial.record)} actions; save to Markdown, PNGs and "
        f"PDF): {figures['report_build_s']:.2f} s")
    if long_save is not None:
        figures["report_build_30_turns_s"] = round(build(long_save, "long-report"), 2)
        out(f"after-action report of the 30-turn save: {figures['report_build_30_turns_s']:.2f} s")
    return figures


def _ai_game(scenario, spec: str, seed: int, max_turns: int | None = None) -> tuple[float, list[float], int]:
    """Play a game with ``spec`` in every seat: (seconds, each seat-turn's thinking time in ms, unit decisions)."""
    from game.session.match import Match
    from game.session.simulate import make_agents
    match = Match.start(scenario, seed, {})
    agents = make_agents(match, spec, seed)
    turns: list[float] = []
    key, acc, decisions = None, 0.0, 0
    t0 = time.perf_counter()
    while not match.over and (max_turns is None or match.turn <= max_turns):
        k = (match.turn, match.seat_index)
        if k != key:
            if key is not None:
                turns.append(acc)
            key, acc = k, 0.0
        seat = match.active_seat
        obs = match.view(seat)
        t = time.perf_counter()
        action = agents[seat].choose(obs)
        acc += (time.perf_counter() - t) * 1000
        decisions += action.kind != "end_phase"
        match.submit(action, agents[seat].last_reason)
    turns.append(acc)
    return time.perf_counter() - t0, turns, decisions


def _ai_figures(scenario, quick: bool, out: Callable[[str], None]) -> dict:
    """How long the computer players think: per seat-turn (median, 95th percentile), per unit decision."""
    from game.scenario.loader import load_scenario
    figures: dict = {}
    secs, turns, decisions = _ai_game(scenario, "ai:historical:normal", 3, 12 if quick else None)
    figures["ai_seat_turn_ms"] = round(statistics.median(turns), 2)
    figures["ai_seat_turn_p95_ms"] = round(statistics.quantiles(turns, n=20)[18], 2)
    figures["ai_unit_decision_ms"] = round(sum(turns) / max(1, decisions), 3)
    out(f"AI (historical, normal) seat-turn on {scenario.id}: median {figures['ai_seat_turn_ms']:.1f} ms, "
        f"95th percentile {figures['ai_seat_turn_p95_ms']:.1f} ms; {figures['ai_unit_decision_ms']:.2f} ms per "
        f"decision ({decisions} decisions)")
    if not quick:
        figures["ai_campaign_s"] = round(secs, 2)
        out(f"a whole AI-against-AI {scenario.id} at normal: {secs:.1f} s")
        _, hard, _ = _ai_game(scenario, "ai:historical:hard", 3, 8)
        figures["ai_hard_seat_turn_ms"] = round(statistics.median(hard), 2)
        out(f"AI at hard: median seat-turn {figures['ai_hard_seat_turn_ms']:.1f} ms (first 8 turns)")
        worst = 0.0
        for sid in ("tutorial", "pusan-perimeter", "inchon", "chinese-intervention", "macarthur-unleashed",
                    "stalemate-talks"):
            s, _, _ = _ai_game(load_scenario(sid), "ai:historical:normal", 3)
            worst = max(worst, s)
        figures["ai_short_scenario_s"] = round(worst, 2)
        out(f"the slowest 45-minute scenario played AI against AI: {worst:.2f} s")
    return figures


def _forget(setup) -> None:
    """Drop what the engine remembers of recent positions (fog, knowledge, reach)."""
    for key in [k for k in setup.cache if isinstance(k, tuple) and k and k[0] == "recall"]:
        del setup.cache[key]


def _cold(setup, fn: Callable[[], object]) -> float:
    _forget(setup)
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def _positions(scenario, n: int) -> list:
    """Up to ``n`` movement-phase positions of a random-legal game (one every few actions), in order."""
    from game.session.match import Match
    from game.session.simulate import make_agents
    match = Match.start(scenario, 17, {})
    agents = make_agents(match, "random", 17)
    out = []
    k = 0
    while not match.over and len(out) < n:
        if match.phase.value == "movement" and k % 3 == 0:
            out.append(match.state)
        k += 1
        match.submit(agents[match.active_seat].choose(match.view(match.active_seat)))
    return out


def _samples_each(fn: Callable[[object], object], items: list) -> list[float]:
    out = []
    for item in items:
        t0 = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - t0) * 1000)
    return out
