"""``python -m game report SAVE --out DIR``: a save's after-action report, as report.md with its PNGs and report.pdf.

Contract: the save is read and checked as the Load screen reads it (game/session/savefile.py), its record is
replayed from the start (game/report/series.py) and the report written into DIR (made if missing).  A save
that is missing, damaged or made for another version of its scenario, a record that does not replay, and a
DIR that cannot be written are each refused in one line, exit status 2, before anything is written; a failure
while writing (a full disk) is one line and exit 1.  On success it prints where the two documents are.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from game.cli_args import output_folder, refuse, shown

PROG = "armistice report"


def add_report_verb(sub) -> None:
    r = sub.add_parser("report", help="write a save's after-action report (Markdown with PNGs, and a PDF)")
    r.add_argument("save", help="a save file (.json)")
    r.add_argument("--out", required=True, help="the folder to write report.md, its PNGs and report.pdf into")
    r.set_defaults(func=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    from game.report.series import ReplayError, chronicle_of
    from game.session.savefile import SaveError, load_save
    # Checked first, made last: a refused save leaves no empty folder behind.
    problem = output_folder(args.out, make=False)
    if problem:
        return refuse(PROG, "--out", problem)
    name = shown(args.save)
    try:
        match, _doc = load_save(Path(args.save))
    except SaveError as exc:
        return refuse(PROG, "SAVE", f"{name}: {shown(exc.reason)}")
    try:
        chronicle = chronicle_of(match)
    except ReplayError as exc:
        return refuse(PROG, "SAVE", f"{name}: {exc}; a report needs the whole game")
    # The final map is drawn by the game's renderer, off screen.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.report.build import teaching_of, write_report
    problem = output_folder(args.out)             # made now (the place may have changed meanwhile)
    if problem:
        return refuse(PROG, "--out", problem)
    try:
        files = write_report(chronicle, Path(args.out), teaching_of(match.scenario_id))
    except OSError as exc:
        print(f"{PROG}: could not write the report in {shown(args.out)} ({exc.strerror or exc})", file=sys.stderr)
        return 1
    print(f"{files.markdown} ({len(files.charts)} charts and the final map beside it)")
    print(f"{files.pdf} ({files.pages} pages)")
    return 0

