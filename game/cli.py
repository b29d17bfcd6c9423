"""The command line: the GUI by default, and the headless verbs validate, info, simulate, compare, report, bench.

simulate and compare (Monte Carlo studies) live in game/cli_study.py; report (a save's after-action report)
in game/cli_report.py.

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

from game.cli_args import SAVE_GIVEN, Parser, is_save, refuse, shown
from game.cli_report import add_report_verb
from game.cli_study import add_study_verbs
from game.cli_table import table as _table
from game.errorlog import log_exception


def _scenario_or_exit(name: str, prog: str = "armistice info"):
    """The scenario ``name`` names; else exit: 2 with one line for a bad argument (no such scenario, a save given
    for one), 1 for a scenario file with problems (listed with file and line, as validate does)."""
    from game.cli_study import Refused, scenario_arg
    try:
        return scenario_arg(name)
    except Refused as exc:
        raise SystemExit(refuse(prog, *exc.args)) from None


def _scenario_problem(name: str) -> str | None:
    """Why ``name`` (an id or a path given as an argument) is not a scenario the verb can use, in one line."""
    from game.scenario.loader import load_scenario
    from game.scenario.problems import ScenarioError
    if not name.strip():
        return "give a scenario id (as in scenarios/) or a path to a .yaml file"
    if is_save(name):
        return SAVE_GIVEN.format(shown(name))
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
    add_study_verbs(sub)
    add_report_verb(sub)
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
