"""What a Monte Carlo study writes: the JSON report, a CSV row a run, the summary, the heat map.

Contract: every writer takes a report of game/session/simulate.py (``report``) and a destination already
checked by game/cli_study.py; ``-`` is stdout for the text ones.  The JSON is sorted and indented, so the
same study gives the same bytes; the CSV holds the same facts as the JSON's results, one row a run, with
the key events' dates and each seat's score (tests/cli/test_study.py holds them to each other).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from pathlib import Path

from game.session.records import KEY_EVENTS


def write_text(dest: str, text: str) -> None:
    if dest == "-":
        sys.stdout.write(text)
    else:
        Path(dest).write_text(text, encoding="utf-8")


def report_json(report: dict) -> str:
    return json.dumps(report, indent=1, sort_keys=True) + "\n"


def csv_header(seats: list[str]) -> list[str]:
    return (["run", "seed", "outcome", "turns_played", "final_date", "actions", "lowest_ebb_share"]
            + [f"{what}_{s}" for s in seats for what in ("score", "units", "hexes")]
            + [f"event_{k}" for k in KEY_EVENTS] + ["decisions_chosen"])


def csv_text(report: dict, seats: list[str]) -> str:
    """One row a run: what happened, each seat's score, units and hexes, the key events' dates (blank: never),
    and the decisions the seats chose (``;`` between them)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(csv_header(seats))
    for r in report["results"]:
        ebb = r.get("lowest_ebb_share")
        w.writerow([r["run"], r["seed"], r["outcome"], r["turns_played"], r["final_date"], r["actions"],
                    "" if ebb is None else ebb]
                   + [v for s in seats for v in (r["scores"].get(s, ""), r["units"].get(s, ""),
                                                 r["hexes"].get(s, 0))]
                   + [r["key_events"].get(k, "") for k in KEY_EVENTS] + [";".join(r.get("chosen", []))])
    return out.getvalue()


def write_heatmap(path: str, board, shares, title: str, subtitle: str) -> None:
    """The heat map PNG, drawn without a window (the UI's renderer, on SDL's dummy video driver)."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.ui.heatmap import write_heatmap as draw
    draw(path, board, shares, title, subtitle)
