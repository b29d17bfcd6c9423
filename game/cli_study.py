"""The Monte Carlo verbs, ``simulate`` and ``compare`` (issue 11 §1).

Contract:

* Every argument is checked before a single game is played: the scenario, each ``--agent SEAT=SPEC``, each
  ``--policy DECISION=RULE`` (against the scenario's decisions, with "did you mean"), and every place a
  result goes (``--json``, ``--csv``, ``--summary``, ``--heatmap``, ``--save-dir``).  A refusal is one line,
  ``armistice VERB: error: --FLAG: PROBLEM``, and exit status 2; a scenario file with problems lists them
  all and exits 1, as ``validate`` does.
* Runs go to ``--jobs`` processes (game/session/runpool.py), or with ``--scheduler`` to a Dask cluster
  (game/session/dask_pool.py: ``tcp://HOST:PORT``, or ``local`` for a LocalCluster of ``--jobs`` workers, the
  cores by default); the JSON is the same bytes whichever.  Dask is imported only then; without the cluster
  extra, an unreachable scheduler or workers that cannot play the scenario, ``--scheduler`` is refused in one
  line (exit 2) before a game is played.
* A progress bar on stderr when it is a terminal, unless ``--quiet`` (game/cli_progress.py).
* Ctrl+C stops the study: what finished is written (the report says ``interrupted``) and the exit status is
  130.  A cluster that stops answering ends it the same way, with status 1.
* stdout, unless ``--json -`` or ``--summary -`` claims it: simulate prints one row a run up to
  ``TABLE_RUNS`` runs, the summary beyond; compare prints the two side by side.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from game.cli_args import (
    MAX_RUNS,
    MAX_SEED,
    MAX_TURNS,
    SAVE_GIVEN,
    clipped,
    is_save,
    output_file,
    output_folder,
    refuse,
    shown,
    whole,
)
from game.cli_outputs import csv_text, report_json, write_heatmap, write_text
from game.cli_progress import Progress
from game.cli_table import outcome_words, simulate_table

#: Up to this many runs, simulate prints a row for each; beyond, the summary.
TABLE_RUNS = 30
#: The most processes --jobs may ask for.
MAX_JOBS = 64


class Refused(Exception):
    """A bad argument: (flag, problem), printed as one line with exit status 2."""


# -- checks ---------------------------------------------------------------------------------------------------

def scenario_arg(name: str):
    """The loaded scenario; Refused if there is none by that name (or a save is given for one); exit 1 listing its
    problems if it is bad."""
    from game.scenario.loader import load_scenario, scenario_ids
    from game.scenario.problems import ScenarioError, ScenarioNotFound, suggest
    if not name.strip():
        raise Refused("SCENARIO", "give a scenario id (as in scenarios/) or a path to a .yaml file")
    if is_save(name):
        raise Refused("SCENARIO", SAVE_GIVEN.format(shown(name)))
    try:
        return load_scenario(name)
    except ScenarioNotFound as exc:
        first = exc.problems[0].message if exc.problems else exc.summary
        hint = "" if "did you mean" in first else suggest(name, scenario_ids())
        raise Refused("SCENARIO", f"{shown(name)}: {shown(first)}{hint}") from None
    except ScenarioError as exc:
        print(str(exc).replace(name, shown(name)), file=sys.stderr)
        raise SystemExit(1) from None
    except (OSError, LookupError, ValueError) as exc:
        raise Refused("SCENARIO", shown(exc)) from None


def _agents(sc, items: list[str] | None) -> dict[str, str]:
    """Seat -> agent spec from ``--agent [SEAT=]SPEC`` (a bare SPEC is the default for seats not named)."""
    from game.scenario.problems import suggest
    from game.session.simulate import build_agent
    seats = [s.id for s in sc.config.seats]
    named: dict[str, str] = {}
    default = "random"
    for item in items or []:
        seat, eq, spec = item.partition("=")
        if not eq:
            default, seat, spec = item, "", item
        elif seat not in seats:
            raise Refused("--agent", f"{clipped(item)}: no seat '{clipped(seat)}' in {sc.id}{suggest(seat, seats)}; "
                                     f"seats: {', '.join(seats)}")
        elif seat in named:
            raise Refused("--agent", f"{clipped(item)}: seat '{seat}' is given twice")
        try:
            build_agent(spec, 0)
        except ValueError as exc:
            raise Refused("--agent", f"{clipped(item)}: {clipped(exc)}") from None
        if seat:
            named[seat] = spec
    return {s: named.get(s, default) for s in seats}


def _policies(sc, flag: str, items: list[str] | None) -> list:
    from game.session.policies import PolicyError, parse_policies
    texts = [t.strip() for item in items or [] for t in item.split(";") if t.strip()]
    try:
        return parse_policies(sc, texts)
    except PolicyError as exc:
        raise Refused(flag, clipped(exc)) from None


def _outputs(args: argparse.Namespace, flags: tuple[str, ...], pair: bool = False) -> None:
    """Every place a result goes can be written, none twice, and stdout is claimed by one at most."""
    seen: dict[str, str] = {}
    for flag in flags:
        dest = getattr(args, flag.strip("-").replace("-", "_"), None)
        if not dest:
            continue
        if dest in seen:
            raise Refused(flag, f"{shown(dest)} is already the {seen[dest]} output"
                          + ("; stdout can carry one" if dest == "-" else ""))
        seen[dest] = flag
        if flag == "--heatmap":
            if dest == "-" or not dest.lower().endswith(".png"):
                raise Refused(flag, f"{shown(dest)}: give a file name ending in .png")
            if pair:                                 # compare writes NAME-a.png and NAME-b.png
                for side in "ab":
                    if problem := output_file(dest[:-4] + f"-{side}.png"):
                        raise Refused(flag, problem)
                continue
        elif dest == "-" and flag == "--csv":
            raise Refused(flag, "give a file name (the CSV is written beside the table on stdout)")
        if problem := output_file(dest):
            raise Refused(flag, problem)
    if not pair and getattr(args, "save_dir", None):
        if problem := output_folder(args.save_dir):
            raise Refused("--save-dir", problem)


# -- the verbs ------------------------------------------------------------------------------------------------

def _cluster(sc, args, agents: dict):
    """The Dask cluster ``--scheduler`` names, connected and checked (every worker can play the scenario), or
    None without the flag; Refused with the reason in one line."""
    if not args.scheduler:
        return None
    from game.session.dask_pool import ClusterUnavailable, address_problem, open_cluster
    if problem := address_problem(args.scheduler):
        raise Refused("--scheduler", shown(problem))
    if args.jobs and args.scheduler != "local":
        raise Refused("--jobs", "the cluster's workers play the runs; --jobs counts processes on this machine "
                                "(with --scheduler local, its workers)")
    try:
        cluster = open_cluster(args.scheduler, args.jobs)
    except ClusterUnavailable as exc:
        raise Refused("--scheduler", shown(exc)) from None
    try:
        cluster.check(_study(sc, args, agents, [], saves=False))
    except ClusterUnavailable as exc:
        cluster.close()
        raise Refused("--scheduler", shown(exc)) from None
    return cluster


def _study(sc, args, agents: dict, policies: list, saves: bool):
    """What to play.  On a cluster, the scenario is named so a worker on another machine finds it, and bound to
    this file's content (game/session/dask_pool.py for_workers)."""
    from game.session.runpool import Study
    from game.session.savedir import save_dir
    folder = str(save_dir(args.save_dir)) if saves and getattr(args, "save_dir", None) else None
    study = Study(str(sc.path), args.runs, args.seed, agents, args.turns, tuple(p.text for p in policies), folder)
    if args.scheduler:
        from game.session.dask_pool import for_workers
        study = for_workers(study, sc.content_hash)
    return study


def _play(sc, args, agents: dict, policies: list, bar: Progress, cluster=None, saves: bool = True):
    """Play the study on the pool or the cluster; its report (interrupted, if Ctrl+C stopped it).  ``saves``:
    write a save of each run's end where --save-dir says (compare does not: its two studies would overwrite
    each other's)."""
    from game.session.runpool import run_study
    from game.session.simulate import report
    study = _study(sc, args, agents, policies, saves)
    retried = cluster.retried if cluster is not None else 0
    results, stopped = run_study(study, args.jobs or 1, lambda _r: bar.tick(), cluster=cluster)
    if cluster is not None and cluster.retried > retried:
        print(f"{cluster.retried - retried} runs were played again after their worker was lost", file=sys.stderr)
    if cluster is not None and cluster.lost:
        print(f"the cluster stopped answering (scheduler {shown(args.scheduler)})", file=sys.stderr)
    return report(sc, args.seed, args.runs, agents, args.turns, policies, results, stopped)


def _aggregate(sc, rep: dict) -> dict:
    from game.session.aggregate import aggregate
    from game.session.simulate import land_mask
    return aggregate(rep, int(land_mask(sc.board).sum()))


def _heatmap(sc, path: str, agg: dict, who: str) -> None:
    pol = "; ".join(agg["policies"]) or "no what-if policy"
    title = f"{sc.config.title}: where the line fell"
    subtitle = f"{agg['runs']} runs, {who}; {pol}"
    write_heatmap(path, sc.board, agg["un_share_by_hex"], title, subtitle)


def _who(sc, agents: dict) -> str:
    specs = set(agents.values())
    if len(specs) == 1:
        return f"every side {specs.pop()}"
    return ", ".join(f"{s.id} {agents[s.id]}" for s in sc.config.seats)


def _stopped(rep: dict, cluster=None) -> int:
    """The exit status: 130 if Ctrl+C stopped the study, 1 if the cluster was lost under it, else 0."""
    if rep["interrupted"]:
        print(f"stopped: {rep['finished']} of {rep['runs']} runs finished; their results were written",
              file=sys.stderr)
        return 1 if cluster is not None and cluster.lost else 130
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.session.aggregate import render_summary
    try:
        sc = scenario_arg(args.scenario)
        agents = _agents(sc, args.agent)
        policies = _policies(sc, "--policy", args.policy)
        _outputs(args, ("--json", "--csv", "--summary", "--heatmap"))
        cluster = _cluster(sc, args, agents)
    except Refused as exc:
        return refuse("armistice simulate", *exc.args)
    with _closing(cluster), Progress(args.runs, args.quiet) as bar:
        rep = _play(sc, args, agents, policies, bar, cluster)
    names = {s.id: s.name for s in sc.config.seats}
    agg = _aggregate(sc, rep) if (args.summary or args.heatmap or args.runs > TABLE_RUNS) else None
    if args.json:
        write_text(args.json, report_json(rep))
    if args.csv:
        write_text(args.csv, csv_text(rep, list(names)))
    if args.summary:
        write_text(args.summary, render_summary(agg, outcome_words, names))
    if args.heatmap and agg["runs"]:
        _heatmap(sc, args.heatmap, agg, _who(sc, agents))
    if "-" not in (args.json, args.summary):
        print(simulate_table(sc, rep) if args.runs <= TABLE_RUNS else render_summary(agg, outcome_words, names))
    return _stopped(rep, cluster)


def cmd_compare(args: argparse.Namespace) -> int:
    from game.session.aggregate import render_comparison
    try:
        sc = scenario_arg(args.scenario)
        agents = _agents(sc, args.agent)
        pa, pb = _policies(sc, "--a", args.a), _policies(sc, "--b", args.b)
        _outputs(args, ("--json", "--summary", "--heatmap"), pair=True)
        cluster = _cluster(sc, args, agents)
    except Refused as exc:
        return refuse("armistice compare", *exc.args)
    with _closing(cluster), Progress(2 * args.runs, args.quiet) as bar:
        ra = _play(sc, args, agents, pa, bar, cluster, saves=False)
        rb = _play(sc, args, agents, pb, bar, cluster, saves=False) if not ra["interrupted"] else None
    if rb is None:                       # stopped during A: B has not begun; what there is goes out as it is
        rb = _play_nothing(sc, args, agents, pb)
    aa, ab = _aggregate(sc, ra), _aggregate(sc, rb)
    names = {s.id: s.name for s in sc.config.seats}
    text = render_comparison(aa, ab, outcome_words, names)
    if args.json:
        write_text(args.json, report_json({"a": ra, "b": rb}))
    if args.summary:
        write_text(args.summary, text)
    if args.heatmap:
        for side, agg in (("a", aa), ("b", ab)):
            if agg["runs"]:
                _heatmap(sc, args.heatmap[:-4] + f"-{side}.png", agg, f"{_who(sc, agents)} ({side.upper()})")
    if "-" not in (args.json, args.summary):
        print(text)
    return max(_stopped(ra, cluster), _stopped(rb, cluster))


def _closing(cluster):
    """The cluster as a ``with`` block closes it (its LocalCluster's workers too), or nothing without one."""
    return cluster if cluster is not None else contextlib.nullcontext()


def _play_nothing(sc, args, agents: dict, policies: list) -> dict:
    from game.session.simulate import report
    return report(sc, args.seed, args.runs, agents, args.turns, policies, [], True)


# -- the parser -----------------------------------------------------------------------------------------------

def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("scenario")
    p.add_argument("--runs", type=whole("runs", 1, MAX_RUNS), default=1, help=f"games to play (1 to {MAX_RUNS})")
    p.add_argument("--seed", type=whole("seed", 0, MAX_SEED), default=1,
                   help="the study's seed: run i is seeded from it and i")
    p.add_argument("--agent", action="append", metavar="[SEAT=]SPEC",
                   help="who plays: random or ai:PERSONALITY:DIFFICULTY (personalities historical, aggressive, "
                        "cautious; difficulties easy, normal, hard); SEAT=SPEC for one seat, once per seat; "
                        "a bare SPEC for the seats not named (default random)")
    p.add_argument("--turns", type=whole("turns", 1, MAX_TURNS), default=None, help="stop after this many turns")
    p.add_argument("--jobs", type=whole("jobs", 1, MAX_JOBS), default=None,
                   help="processes to play on (default 1; the results do not depend on it)")
    p.add_argument("--scheduler", default=None, metavar="tcp://HOST:PORT|local",
                   help="play on a Dask cluster: a running scheduler's address, or local to start one here of "
                        "--jobs workers (default: the cores); needs the cluster extra")
    p.add_argument("--json", default=None, metavar="FILE|-", help="write the report as JSON (- for stdout)")
    p.add_argument("--summary", default=None, metavar="FILE|-",
                   help="write the aggregate (outcome shares, key events, scores) as Markdown (- for stdout)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def add_study_verbs(sub) -> None:
    s = sub.add_parser("simulate", help="play headless games, and sum them up")
    _common(s)
    s.add_argument("--policy", action="append", metavar="DECISION=RULE",
                   help="a what-if: un.cross_38th=never, =always, =first:1950-11-01 or "
                        "=when:{track: {name: intervention, at_most: 40}}; once per decision")
    s.add_argument("--csv", default=None, metavar="FILE", help="write one row a run as CSV")
    s.add_argument("--heatmap", default=None, metavar="FILE.png",
                   help="draw where the line fell: the share of runs each hex ended in UN/ROK hands")
    # SUPPRESS: given before the verb (`armistice --save-dir X simulate`), the top-level value must stand; a
    # default of None here would overwrite it.
    s.add_argument("--save-dir", dest="save_dir", default=argparse.SUPPRESS,
                   help="write a save of each run's end here")
    s.set_defaults(func=cmd_simulate)
    c = sub.add_parser("compare", help="the same seeds under two sets of what-if policies, side by side")
    _common(c)
    c.add_argument("--a", action="append", default=None, metavar="POLICIES",
                   help="policies of study A, DECISION=RULE, several separated by ';' (or --a again); "
                        "'' for none")
    c.add_argument("--b", action="append", default=None, metavar="POLICIES", help="policies of study B")
    c.add_argument("--heatmap", default=None, metavar="FILE.png", help="draw both: FILE-a.png and FILE-b.png")
    c.set_defaults(func=cmd_compare)
