"""``python -m game.tools.ai_report``: how well the computer plays, measured with headless games.

Three measures (issue 8 §4), printed as Markdown tables:

- **beats random**: for each seat of each scenario, pairs of games with the same seed, that seat played by
  the AI and then by the random-legal agent, the other seats random both times: the share of pairs in
  which the AI scores higher, with its 95% interval (20 pairs cannot tell 95% from 80%), and the pairs in
  which the seat's own fighting (the losses component, the one part of its score no other seat shares) is
  higher;
- **difficulty**: the same pairs with hard against easy and normal against easy, the other seats normal;
- **a credible war**: AI against AI on 1950-invasion with historical personalities: the outcomes, the
  dates of the key events beside history's (assets/history.yaml's timeline) and the UN side's median
  share of Korea on the date of each historical front line (assets/history_lines.yaml) beside the share
  south of that line.

Runs go to a process pool (``--jobs``); every run is seeded from its index, so the figures do not depend
on the number of processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import date
from multiprocessing import Pool

import numpy as np

from game.session.records import HISTORY

SHORT = ("tutorial", "pusan-perimeter", "inchon", "chinese-intervention", "macarthur-unleashed", "stalemate-talks")
#: Every scenario, for the pairs against random (issue 8 asks it of each seat of each): the campaign's rows take
#: six minutes of the default report's 18 on two cores (20 pairs).
ALL = (*SHORT, "1950-invasion")

def _game(scenario_id: str, specs: dict[str, str], seed: int) -> dict:
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.records import Recorder
    from game.session.simulate import make_agents, play
    sc = load_scenario(scenario_id)
    match = Match.start(sc, seed, {})
    rec = Recorder(match)
    play(match, make_agents(match, specs, seed), on_action=rec)
    report = rec.report()
    report["outcome"] = match.state.outcome or "unfinished"
    return report


def _pair(job: tuple) -> tuple:
    scenario_id, seat, k, a, b, others = job
    from game.scenario.loader import load_scenario
    from game.session.simulate import derive_seed
    seats = [s.id for s in load_scenario(scenario_id).config.seats]
    seed = derive_seed(2026, k)
    scores, own = [], []
    for spec in (a, b):
        specs = {s: others for s in seats}
        specs[seat] = spec
        report = _game(scenario_id, specs, seed)
        scores.append(report["scores"][seat])
        own.append(report["score_components"][seat].get("losses", 0.0))
    return scenario_id, seat, scores[0], scores[1], own[0] - own[1]


def wilson(wins: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95% (Wilson score) interval of a share of ``wins`` in ``n``: how far 19/20 is from 95% for sure."""
    if n == 0:
        return 0.0, 1.0
    p = wins / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _campaign(k: int) -> dict:
    from game.session.simulate import derive_seed
    r = _game("1950-invasion", {s: "ai:historical:normal" for s in ("dprk_prc", "rok", "un")}, derive_seed(1950, k))
    return {"outcome": r["outcome"], "key_events": r["key_events"], "ground": r["ground"]}


def pairs_table(pool, scenarios, seats_of, n: int, a: str, b: str, others: str) -> list[tuple]:
    """(scenario, seat, pairs ``a`` scored higher in, pairs, mean difference, pairs its own fighting scored higher
    in) per seat.  The last is the losses component alone, the one part of a seat's score that is its own: ground
    is its bloc's, escalation and the outcome everyone's, so the other seats' play (random, in the beats-random
    pairs) moves them as much as the seat does."""
    jobs = [(sid, seat, k, a, b, others) for sid in scenarios for seat in seats_of[sid] for k in range(n)]
    rows: dict[tuple, list] = {}
    for sid, seat, sa, sb, own in pool.imap(_pair, jobs, chunksize=2):
        rows.setdefault((sid, seat), []).append((sa - sb, own))
    return [(sid, seat, sum(d > 0 for d, _ in ds), len(ds), statistics.fmean(d for d, _ in ds),
             sum(o > 0 for _, o in ds)) for (sid, seat), ds in rows.items()]


def history_shares() -> list[tuple[date, str, float]]:
    """(date, name, the share of Korea's land south of the line) for every historical front line."""
    from game.engine.board import Country
    from game.scenario.history_lines import historical_lines
    from game.scenario.mapfile import load_board
    board = load_board()
    korea = np.isin(board.country, (int(Country.ROK), int(Country.DPRK))) & (board.terrain >= 2)
    out = []
    for line in historical_lines():
        xs = np.array([p[0] for p in line.points])
        ys = np.array([p[1] for p in line.points])
        order = np.argsort(xs)
        south = korea & (board.lat.astype(float) < np.interp(board.lon.astype(float), xs[order], ys[order]))
        out.append((line.date, line.name, float(south.sum() / korea.sum())))
    return out


def _share_on(ground: list[dict], when: date) -> float | None:
    best = None
    for g in ground:
        if date.fromisoformat(g["date"]) <= when:
            best = g["un_share"]
    return best


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m game.tools.ai_report", description=__doc__.splitlines()[0])
    p.add_argument("--pairs", type=int, default=20, help="pairs per seat and scenario against random (0: skip)")
    p.add_argument("--difficulty-pairs", type=int, default=10, help="pairs per seat for hard/normal vs easy")
    p.add_argument("--campaigns", type=int, default=20, help="AI-against-AI 1950-invasion games (0: skip)")
    p.add_argument("--scenarios", default=",".join(ALL), help="comma-separated scenario ids for the pairs against "
                   "random (default: all seven)")
    p.add_argument("--difficulty-scenarios", default=",".join(SHORT), help="... and for the difficulty pairs "
                   "(default: the six short ones; a hard campaign takes minutes a game)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = p.parse_args(argv)
    from game.scenario.loader import load_scenario
    scenarios = [s for s in args.scenarios.split(",") if s]
    short = [s for s in args.difficulty_scenarios.split(",") if s]
    seats_of = {sid: [s.id for s in load_scenario(sid).config.seats] for sid in {*scenarios, *short}}
    result: dict = {}
    with Pool(args.jobs) as pool:
        if args.pairs:
            rows = pairs_table(pool, scenarios, seats_of, args.pairs, "ai", "random", "random")
            result["beats_random"] = rows
            print("## The normal AI against the random agent (pairs by seed, other seats random)\n")
            print("| scenario | seat | AI higher | share (95% interval) | mean difference | its own fighting higher |\n"
                  "| --- | --- | --- | --- | --- | --- |")
            for sid, seat, w, n, d, own in rows:
                lo, hi = wilson(w, n)
                print(f"| {sid} | {seat} | {w}/{n} | {w / n:.0%} ({lo:.0%}–{hi:.0%}) | {d:+.1f} | {own}/{n} |")
            total = sum(r[2] for r in rows), sum(r[3] for r in rows)
            print(f"\nAll seats: {total[0]}/{total[1]} ({total[0] / max(1, total[1]):.0%}).\n")
        if args.difficulty_pairs:
            for a in ("ai:hard", "ai:normal"):
                rows = pairs_table(pool, short, seats_of, args.difficulty_pairs, a, "ai:easy", "ai")
                result[f"{a}_vs_easy"] = rows
                w, n = sum(r[2] for r in rows), sum(r[3] for r in rows)
                print(f"## {a} against ai:easy (other seats normal): higher in {w}/{n} pairs ({w / max(1, n):.0%})\n")
                print("| scenario | seat | higher | mean difference |\n| --- | --- | --- | --- |")
                for sid, seat, w1, n1, d, _ in rows:
                    print(f"| {sid} | {seat} | {w1}/{n1} | {d:+.1f} |")
                print()
        if args.campaigns:
            runs = pool.map(_campaign, range(args.campaigns))
            result["campaigns"] = runs
            outcomes: dict[str, int] = {}
            for r in runs:
                outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
            print(f"## AI against AI, 1950-invasion, historical personalities: {len(runs)} wars\n")
            print("Outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1]))
                  + "\n")
            print("| key event | happened | first quartile | median | third quartile | history |")
            print("| --- | --- | --- | --- | --- | --- |")
            for key, hist in HISTORY.items():
                dates = sorted(r["key_events"][key] for r in runs if key in r["key_events"])
                if dates:
                    q = [dates[int(f * (len(dates) - 1))] for f in (0.25, 0.5, 0.75)]
                else:
                    q = ["-"] * 3
                print(f"| {key} | {len(dates)}/{len(runs)} | {q[0]} | {q[1]} | {q[2]} | {hist} |")
            print("\n| date | historical line | UN/ROK share in history | median in the game (quartiles) |")
            print("| --- | --- | --- | --- |")
            for when, name, share in history_shares():
                got = sorted(s for s in (_share_on(r["ground"], when) for r in runs) if s is not None)
                if got:
                    q = [got[int(f * (len(got) - 1))] for f in (0.25, 0.5, 0.75)]
                    print(f"| {when} | {name} | {share:.0%} | {q[1]:.0%} ({q[0]:.0%}–{q[2]:.0%}) |")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(result, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
