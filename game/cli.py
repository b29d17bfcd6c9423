"""The command line: the GUI by default, and the headless verbs validate, info, simulate, bench.

Every verb prints messages for people and exits 0 on success, 1 on bad input
(with every problem listed), 2 on bad arguments.  Nothing here shows a
traceback: unexpected errors are written to the log file and summarised.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

# pygame prints a banner to stdout on import, which would spoil `bench --json` and `simulate --json -`.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from game.cli_args import MAX_RUNS, MAX_SEED, MAX_TURNS, Parser, output_file, output_folder, refuse, shown, whole
from game.errorlog import log_exception


def _scenario_or_exit(name: str):
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    try:
        return load_scenario(name)
    except ScenarioError as exc:
        print(str(exc).replace(name, shown(name)) if name else str(exc), file=sys.stderr)
        raise SystemExit(1)
    except (OSError, LookupError, ValueError) as exc:
        print(f"error: {shown(exc)}", file=sys.stderr)
        raise SystemExit(1)


def _scenario_problem(name: str) -> str | None:
    """Why ``name`` (an id or a path given as an argument) is not a scenario the verb can use, in one line."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    if not name.strip():
        return "give a scenario id (as in scenarios/) or a path to a .yaml file"
    try:
        load_scenario(name)
    except ScenarioError as exc:
        first = exc.problems[0].message if exc.problems else exc.summary
        return f"{shown(name)}: {shown(first)}"
    except (OSError, LookupError, ValueError) as exc:
        return shown(exc)
    return None


def cmd_validate(args: argparse.Namespace) -> int:
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    from game.session.savefile import SaveError, verify_save

    bad = 0
    for raw in args.paths:
        path = Path(raw)
        name = shown(raw)                      # a file name holding a newline stays one line in every message
        try:
            if not path.exists() and not path.is_symlink():     # a link loop is named by the loaders
                raise FileNotFoundError(f"{name}: no such file")
            if path.suffix.lower() == ".json":
                # The Load screen's verdict, in its words; the replay of the record is a note beside it.
                match, replay_problem = verify_save(path)
                print(f"{name}: ok (save of '{match.scenario_id}', {len(match.record)} actions, "
                      f"turn {match.turn}, {match.view(match.active_seat).date:%d %b %Y})")
                if replay_problem:
                    print(f"{name}: note: the game opens it from its saved position, but {replay_problem}",
                          file=sys.stderr)
            elif path.suffix.lower() in (".yaml", ".yml"):
                sc = load_scenario(path)
                print(f"{name}: ok (scenario '{sc.id}', {len(sc.units)} units)")
            else:
                raise ValueError(f"{name}: not a scenario (.yaml) or a save (.json)")
        except ScenarioError as exc:
            bad += 1
            print(str(exc).replace(raw, name), file=sys.stderr)
        except SaveError as exc:
            bad += 1
            print(f"{name}: {shown(exc.reason)}", file=sys.stderr)
        except (FileNotFoundError, ValueError) as exc:
            bad += 1
            print(str(exc), file=sys.stderr)
        except BrokenPipeError:
            raise                              # the reader went away: main() ends quietly
        except Exception as exc:  # noqa: BLE001 - a player never sees a traceback
            bad += 1
            log = log_exception(exc)
            print(f"{name}: could not be checked ({exc.__class__.__name__}: {exc}); details in {log}",
                  file=sys.stderr)
    if bad:
        print(f"{bad} of {len(args.paths)} file{'s' if len(args.paths) != 1 else ''} invalid", file=sys.stderr)
    return 1 if bad else 0


def scenario_info(sc) -> dict:
    from game.engine.board import Country, Terrain
    from game.engine.units import Location
    board = sc.board
    truth = sc.new_match_truth(0)
    per_seat = {s.id: 0 for s in sc.config.seats}
    at_start = {s.id: 0 for s in sc.config.seats}
    for u in truth.units.values():
        per_seat[u.seat] += 1
        if u.location is Location.MAP:
            at_start[u.seat] += 1
    dates = sc.config.calendar.turn_dates()
    places = []
    for p in board.places.values():
        i = board.index(p.hex)
        places.append({"id": p.id, "name": p.name, "hex": [p.hex.q, p.hex.r],
                       "terrain": Terrain(int(board.terrain[i])).name.lower(),
                       "country": Country(int(board.country[i])).name, "lat": p.lat, "lon": p.lon})
    return {
        "id": sc.id, "title": sc.config.title, "hex_km": board.hex_km,
        "map": {"cols": board.cols, "rows": board.rows},
        "land_hexes": int((board.terrain >= Terrain.CLEAR).sum()),
        "places": places,
        "seats": [{"id": s.id, "name": s.name, "bloc": s.bloc} for s in sc.config.seats],
        "units": per_seat, "units_at_start": at_start,
        "calendar": {"first": dates[0].isoformat(), "last": dates[-1].isoformat(), "turns": len(dates)},
        "content_hash": sc.content_hash,
    }


def cmd_info(args: argparse.Namespace) -> int:
    sc = _scenario_or_exit(args.scenario)
    info = scenario_info(sc)
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    print(f"{info['title']} ({info['id']})")
    cal = info["calendar"]
    print(f"  calendar: {cal['first']} to {cal['last']}, {cal['turns']} turns")
    print(f"  map: {info['map']['cols']}x{info['map']['rows']} hexes of {info['hex_km']:g} km, "
          f"{info['land_hexes']} on land, {len(info['places'])} named places")
    rows = [(seat["name"], str(info["units_at_start"][seat["id"]]), str(info["units"][seat["id"]]))
            for seat in info["seats"]]
    print(_table(("Side", "Units at start", "Units in all"), rows, indent=2))
    return 0


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], indent: int = 0,
           groups: list[tuple[str, int]] | None = None) -> str:
    """A plain-text table: the first column left-aligned, the others right-aligned, each as wide as its widest
    cell (names of any length stay in their column).  ``groups``, if given: (title, number of columns) spans,
    left to right, printed as a line above the header (a blank title leaves its columns bare)."""
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]

    def room(col: int, span: int) -> int:
        return sum(widths[col:col + span]) + 2 * (span - 1)
    col = 0
    for title, span in groups or []:
        if len(title) > room(col, span):
            widths[col + span - 1] += len(title) - room(col, span)
        col += span

    def line(cells: tuple[str, ...]) -> str:
        out = [cells[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]
        return " " * indent + "  ".join(out).rstrip()
    lines = [line(header), *(line(r) for r in rows)]
    if groups:
        spans, col = [], 0
        for title, span in groups:
            spans.append(title.center(room(col, span)) if title else " " * room(col, span))
            col += span
        lines.insert(0, " " * indent + "  ".join(spans).rstrip())
    return "\n".join(lines)


def cmd_simulate(args: argparse.Namespace) -> int:
    from game.session.savedir import save_dir
    from game.session.simulate import build_agent, simulate
    sc = _scenario_or_exit(args.scenario)
    seats = [s.id for s in sc.config.seats]
    agents: dict[str, str] = {}
    default = "random"
    for item in args.agent or []:
        seat, eq, spec = item.partition("=")
        if not eq:
            default, seat, spec = item, "", item
        elif seat not in seats:
            print(f"error: --agent {item}: no seat '{seat}' in {sc.id}; seats: {', '.join(seats)}", file=sys.stderr)
            return 2
        try:
            build_agent(spec, 0)
        except ValueError as exc:
            print(f"error: --agent {item}: {exc}", file=sys.stderr)
            return 2
        if seat:
            agents[seat] = spec
    agent = {s: agents.get(s, default) for s in seats}
    # Where the results go is checked before a single game is played (a long run must not fail at its end).
    if args.json:
        problem = output_file(args.json)
        if problem:
            return refuse("armistice simulate", "--json", problem)
    if args.save_dir:
        problem = output_folder(args.save_dir)
        if problem:
            return refuse("armistice simulate", "--save-dir", problem)
    folder = save_dir(args.save_dir) if args.save_dir else None

    def progress(i: int, r: dict) -> None:
        if args.json != "-":
            turns = r["turns_played"]
            print(f"run {i + 1} of {args.runs}: {turns} turn{'' if turns == 1 else 's'} to {r['final_date']}, "
                  f"{outcome_words(r['outcome'])}", file=sys.stderr)

    report = simulate(sc, args.runs, args.seed, agent, args.turns, folder, progress)
    text = json.dumps(report, indent=1, sort_keys=True) + "\n"
    if args.json == "-":
        sys.stdout.write(text)
        return 0
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    print(simulate_table(sc, report))
    return 0


#: How a game ended, in words (simulate's table).
_OUTCOMES = {"unfinished": "stopped (--turns)", "last_turn": "last turn reached", "armistice": "armistice",
             "general_war": "general war"}


def outcome_words(outcome: str) -> str:
    """'unification:un' -> 'unification by UN'; the others from _OUTCOMES."""
    if outcome in _OUTCOMES:
        return _OUTCOMES[outcome]
    kind, _, who = outcome.partition(":")
    return f"{kind.replace('_', ' ')} by {who.upper()}" if who else kind.replace("_", " ")


def simulate_table(sc, report: dict) -> str:
    """``simulate``'s report for people: one row a run (its seed, the turns played, the date and how it ended,
    then each side's units, land hexes held and score), under a line naming the sides."""
    seats = list(sc.config.seats)
    header = ("Run", "Seed", "Turns", "Last turn", "Ended",
              *(what for _ in seats for what in ("units", "hexes", "score")))
    rows = []
    for i, r in enumerate(report["results"], start=1):
        cells = [str(i), str(r["seed"]), str(r["turns_played"]), r["final_date"], outcome_words(r["outcome"])]
        for s in seats:
            score = r.get("scores", {}).get(s.id)
            cells += [str(r["units"][s.id]), str(r["hexes"].get(s.id, 0)),
                      f"{score:+.1f}" if score is not None else "-"]
        rows.append(tuple(cells))
    agents = report["agent"]
    who = ", ".join(f"{s.name}: {agents[s.id] if isinstance(agents, dict) else agents}" for s in seats)
    runs = report["runs"]
    title = f"{sc.config.title} ({sc.id}), seed {report['seed']}, {runs} run{'' if runs == 1 else 's'}; {who}"
    groups = [("", 5)] + [(s.name, 3) for s in seats]
    return title + "\n" + _table(header, rows, groups=groups) + "\n(hexes: land hexes held at the end)"


def cmd_bench(args: argparse.Namespace) -> int:
    from game.bench import run_bench
    # With --json, stdout carries only the JSON; the readable lines go to stderr.
    out = (lambda line: print(line, file=sys.stderr)) if args.json else print
    problem = _scenario_problem(args.scenario)
    if problem:
        return refuse("armistice bench", "--scenario", problem)
    figures = run_bench(args.scenario, quick=args.quick, out=out)
    if args.json:
        print(json.dumps(figures, indent=1))
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from game.ui.main import run_gui
    return run_gui(args)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="armistice", description="Armistice: a wargame of the Korean War, 1950-53.")
    p.add_argument("--save-dir", help="where saves go (default: the user data folder)")
    sub = p.add_subparsers(dest="verb")
    v = sub.add_parser("validate", help="check scenario (.yaml) and save (.json) files")
    v.add_argument("paths", nargs="+")
    v.set_defaults(func=cmd_validate)
    i = sub.add_parser("info", help="describe a scenario (an id from scenarios/ or a path)")
    i.add_argument("scenario")
    i.add_argument("--json", action="store_true", help="print JSON")
    i.set_defaults(func=cmd_info)
    s = sub.add_parser("simulate", help="play headless games")
    s.add_argument("scenario")
    s.add_argument("--runs", type=whole("runs", 1, MAX_RUNS), default=1, help=f"games to play (1 to {MAX_RUNS})")
    s.add_argument("--seed", type=whole("seed", 0, MAX_SEED), default=1)
    s.add_argument("--agent", action="append", metavar="[SEAT=]SPEC",
                   help="who plays: random or ai:PERSONALITY:DIFFICULTY (personalities historical, aggressive, "
                        "cautious; difficulties easy, normal, hard); SEAT=SPEC for one seat, once per seat; "
                        "seats not named play random")
    s.add_argument("--turns", type=whole("turns", 1, MAX_TURNS), default=None, help="stop after this many turns")
    s.add_argument("--json", default=None, metavar="FILE|-", help="write the report as JSON (- for stdout)")
    # SUPPRESS: given before the verb (`armistice --save-dir X simulate`), the top-level value must stand; a
    # default of None here would overwrite it.
    s.add_argument("--save-dir", dest="save_dir", default=argparse.SUPPRESS,
                   help="write a save of each run's end here")
    s.set_defaults(func=cmd_simulate)
    b = sub.add_parser("bench", help="measure speed and print figures")
    b.add_argument("--scenario", default="1950-invasion")
    b.add_argument("--json", action="store_true")
    b.add_argument("--quick", action="store_true", help="fewer repetitions")
    b.set_defaults(func=cmd_bench)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:                  # a refused argument (one line, status 2) or --help (0)
        return int(exc.code or 0)
    func = getattr(args, "func", cmd_gui)
    try:
        code = int(func(args) or 0)
        sys.stdout.flush()                     # a buffered pipe fails here, not at the interpreter's exit
        return code
    except BrokenPipeError:
        # The reader went away (`... | head`): a normal end.  Point stdout at nothing so the interpreter's
        # last flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except SystemExit as exc:
        return int(exc.code or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - a player never sees a traceback
        log = log_exception(exc)
        print(f"armistice: unexpected error ({exc.__class__.__name__}: {exc}). Details were written to {log}",
              file=sys.stderr)
        return 3
