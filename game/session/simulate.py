"""Headless games: AI (or random-legal) agents play a scenario to its end, or for T turns.

The same scenario, seeds and arguments give the same games and the same
report, byte for byte: seeds are derived with numpy's SeedSequence, and the
report holds no times.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Callable

import numpy as np

from game.ai.policy import PolicyAgent
from game.ai.random_agent import RandomAgent
from game.engine.api import Decide, EndPhase, Location
from game.engine.board import Terrain

from .match import Match
from .records import Recorder
from .savefile import write_save

AGENTS: dict[str, Callable[[int], object]] = {"random": lambda seed: RandomAgent(seed)}

#: A seat-phase that takes more actions than this is ended (a guard against a looping agent).
MAX_ACTIONS_PER_PHASE = 4000


def derive_seed(*parts: int) -> int:
    return int(np.random.SeedSequence([int(p) for p in parts]).generate_state(1)[0])


def build_agent(spec: str, seed: int, temper: dict | None = None) -> object:
    """An agent from its spec: ``random``, or ``ai[:PERSONALITY][:DIFFICULTY]`` (ValueError if neither).

    ``temper``: the scenario's ``ai`` entry for the seat ({personality, difficulty}); a personality the spec
    leaves out comes from it, and a difficulty it names overrides the spec's.
    """
    if spec in AGENTS:
        return AGENTS[spec](seed)
    if spec == "ai" or spec.startswith("ai:"):
        from game.ai.commander import Commander
        from game.ai.profiles import parse_spec
        temper = temper or {}
        pers, diff = parse_spec(spec, temper.get("personality", "historical"))
        return Commander(seed, pers, temper.get("difficulty", diff))
    raise ValueError(f"unknown agent '{spec}'; choose random or ai:PERSONALITY:DIFFICULTY "
                     "(e.g. ai:historical:normal)")


def make_agents(match: Match, agent: str | dict[str, str], seed: int,
                policies: dict[str, dict] | None = None) -> dict[str, object]:
    """One agent per seat: ``agent`` is a spec for every seat, or seat -> spec (seats not named play random).
    ``policies``: seat -> {decision id: Policy} (game/session/policies.py by_seat); a seat with any plays
    under them (game/ai/policy.py), whoever plays it."""
    specs = agent if isinstance(agent, dict) else {s.id: agent for s in match.config.seats}
    tempers = scenario_tempers(match.config)
    agents = {s.id: build_agent(specs.get(s.id, "random"), derive_seed(seed, k, 7), tempers.get(s.id))
              for k, s in enumerate(match.config.seats)}
    for seat, rules in (policies or {}).items():
        if rules and seat in agents:
            agents[seat] = PolicyAgent(agents[seat], rules)
    return agents


def scenario_tempers(config) -> dict[str, dict]:
    """The scenario's ``ai`` section: seat id -> {personality, difficulty} ({} when it has none)."""
    return dict(dict(config.extra).get("ai") or {})


def play(match: Match, agents: dict[str, object], turns: int | None = None,
         on_action: Callable[[Match, list], None] | None = None) -> Match:
    """Let ``agents`` play ``match`` until it ends or ``turns`` turns are over."""
    first_turn = match.turn
    phase_key = None
    count = 0
    while not match.over:
        if turns is not None and match.turn >= first_turn + turns:
            break
        key = (match.turn, match.seat_index, match.phase)
        count = count + 1 if key == phase_key else 0
        phase_key = key
        seat = match.active_seat
        if count > MAX_ACTIONS_PER_PHASE:
            action = EndPhase()
        else:
            action = agents[seat].choose(match.view(seat))
        events = match.submit(action, getattr(agents[seat], "last_reason", None))
        if on_action:
            on_action(match, events)
    return match


def land_mask(board) -> np.ndarray:
    """The land hexes, whose holder a run records (``un_held``) and the heat map shows."""
    return board.terrain >= Terrain.CLEAR


def un_held(match: Match) -> str:
    """Which land hexes the UN side holds at the end, as base64 of their packed bits (land hexes in index
    order; game/session/aggregate.py unpacks them).  A few hundred characters a run, not thousands of numbers."""
    config = match.config
    if "un" not in config.blocs:
        return ""
    held = match.reveal().control[land_mask(match.board)] == config.bloc_code("un")
    return base64.b64encode(np.packbits(held).tobytes()).decode("ascii")


def summary(match: Match, seed: int) -> dict:
    t = match.reveal()
    units: dict[str, int] = {}
    steps: dict[str, int] = {}
    for seat in match.config.seats:
        alive = [u for u in t.units.values() if u.seat == seat.id and u.location in (Location.MAP, Location.JAPAN)]
        units[seat.id] = len(alive)
        steps[seat.id] = sum(u.steps for u in alive)
    # The last turn played: the one the game ended in, or, stopped after a number of turns, the one before the
    # turn it stands at the start of (so ``--turns 3`` reports turn 3 and its date).
    final_turn = t.turn if t.outcome else max(1, t.turn - 1)
    final_date = match.state.turn_dates[final_turn - 1] if final_turn <= len(match.state.turn_dates) else t.date
    return {
        "seed": seed, "turns_played": t.turn - 1 + (1 if t.outcome else 0), "final_turn": final_turn,
        "final_date": final_date.isoformat(), "outcome": t.outcome or "unfinished",
        "actions": len(match.record), "units": units, "steps": steps, "hexes": t.hexes_held,
        "steps_lost": dict(sorted(t.steps_lost.items())), "checksum": match.checksum(),
    }


def run_game(scenario, index: int, seed: int, agent: str | dict[str, str] = "random", turns: int | None = None,
             policies: dict[str, dict] | None = None, save_dir: Path | None = None) -> dict:
    """Play run ``index`` of a study seeded ``seed``; its result (JSON-able, the same wherever it is played:
    its seed comes from ``seed`` and ``index`` alone)."""
    run_seed = derive_seed(seed, index)
    seats = agent if isinstance(agent, dict) else {s.id: agent for s in scenario.config.seats}
    match = Match.start(scenario, run_seed, seats)
    recorder = Recorder(match)
    play(match, make_agents(match, agent, run_seed, policies), turns, on_action=recorder)
    result = {"run": index, **summary(match, run_seed)}
    result.update(recorder.report())
    result["decisions"] = decisions_taken(match)
    result["chosen"] = sorted({a.decision for a in match.record if isinstance(a, Decide)})
    result["un_held"] = un_held(match)
    if save_dir is not None:
        path = write_save(match, Path(save_dir) / f"sim-{scenario.id}-seed{seed}-run{index:03d}.json",
                          label=f"Simulation run {index}")
        result["save"] = path.name
    return result


def decisions_taken(match: Match) -> dict[str, str]:
    """Decision id -> the date it was (last) taken, chosen or forced by the rules."""
    pol = match.config.politics
    out: dict[str, str] = {}
    for d in (pol.decisions if pol else {}):
        when = match.state.decision_date(d)
        if when is not None:
            out[d] = when.isoformat()
    return out


def simulate(scenario, runs: int, seed: int, agent: str | dict[str, str] = "random", turns: int | None = None,
             save_dir: Path | None = None, progress: Callable[[int, dict], None] | None = None,
             policies: list | None = None) -> dict:
    """Play ``runs`` games one after the other, here; returns the JSON-able report (game/session/runpool.py
    plays them on a process pool, with the same report)."""
    from .policies import by_seat
    grouped = by_seat(scenario, policies or [])
    results = []
    for i in range(runs):
        result = run_game(scenario, i, seed, agent, turns, grouped, save_dir)
        results.append(result)
        if progress:
            progress(i, result)
    return report(scenario, seed, runs, agent, turns, policies or [], results)


def report(scenario, seed: int, runs: int, agent, turns: int | None, policies: list, results: list[dict],
           interrupted: bool = False) -> dict:
    """The study's report: what was asked, and the results of the runs that finished, in run order."""
    return {"scenario": scenario.id, "scenario_hash": scenario.content_hash, "agent": agent,
            "policies": [p.text for p in policies], "seed": seed, "runs": runs, "finished": len(results),
            "interrupted": interrupted, "turns_limit": turns,
            "results": sorted(results, key=lambda r: r["run"])}
