"""A Monte Carlo study summed up: pure data in, pure data out (issue 11 §2).

Contract:

* ``wilson(k, n)``: the 95% Wilson score interval of k successes in n (50 of 100 -> 0.404-0.596).
* ``difference(k1, n1, k2, n2)``: p1 - p2 and its 95% interval by Newcombe's hybrid score method (from the
  two Wilson intervals).  It treats the two studies as independent; run on the same seeds they are paired,
  which only makes the true interval narrower, so this one errs on the wide side.
* ``aggregate(report, land_hexes)``: from a ``simulate`` report (game/session/simulate.py) -- the share of
  each outcome with its interval; for each key event the share of runs it happened in, the quartiles of its
  date and history's date; each seat's mean score and quartiles; and per land hex (index order of the land
  mask, ``land_hexes`` of them) the share of runs that ended with it in UN/ROK hands.
* ``render_summary`` and ``render_comparison`` write them as Markdown tables (plain enough to read as text).

Quartiles are numpy's linear ones; a date's is rounded to the day.
"""

from __future__ import annotations

import base64
import math
from datetime import date

import numpy as np

from .records import HISTORY, KEY_EVENTS

Z95 = 1.959963984540054
#: Outcomes in the order tables list them (others, if a scenario has any, follow in name order).
OUTCOME_ORDER = ("armistice", "unification:un", "unification:communist", "general_war", "ceasefire", "last_turn",
                 "unfinished")


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of k in n; (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    # At 0 and n the bound is exactly 0 or 1; the formula's rounding would leave it a hair inside.
    return (0.0 if k == 0 else max(0.0, centre - half)), (1.0 if k == n else min(1.0, centre + half))


def difference(k1: int, n1: int, k2: int, n2: int) -> tuple[float, float, float]:
    """(p1 - p2, lower, upper): Newcombe's method 10 (hybrid Wilson score) at 95%."""
    p1, p2 = (k1 / n1 if n1 else 0.0), (k2 / n2 if n2 else 0.0)
    l1, u1 = wilson(k1, n1)
    l2, u2 = wilson(k2, n2)
    d = p1 - p2
    return d, d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2), d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)


def quartiles(values: list[float]) -> list[float] | None:
    return [float(v) for v in np.percentile(values, [25, 50, 75])] if values else None


def date_quartiles(dates: list[str]) -> list[str] | None:
    days = [date.fromisoformat(d).toordinal() for d in dates]
    q = quartiles(days)
    return [date.fromordinal(int(round(v))).isoformat() for v in q] if q else None


def unpack_held(text: str, land_hexes: int) -> np.ndarray:
    """A run's ``un_held`` (game/session/simulate.py) as a bool array over the land hexes."""
    if not text:
        return np.zeros(land_hexes, dtype=bool)
    bits = np.unpackbits(np.frombuffer(base64.b64decode(text), dtype=np.uint8))
    return bits[:land_hexes].astype(bool)


def aggregate(report: dict, land_hexes: int) -> dict:
    results = report["results"]
    n = len(results)
    counts: dict[str, int] = {}
    for r in results:
        counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
    order = [o for o in OUTCOME_ORDER if o in counts] + sorted(set(counts) - set(OUTCOME_ORDER))
    outcomes = {o: {"runs": counts[o], "share": counts[o] / n, "interval": list(wilson(counts[o], n))}
                for o in order}
    events = {}
    for key in KEY_EVENTS:
        dates = [r["key_events"][key] for r in results if key in r.get("key_events", {})]
        events[key] = {"runs": len(dates), "share": len(dates) / n if n else 0.0,
                       "quartiles": date_quartiles(dates), "history": HISTORY.get(key, "")}
    seats = sorted({s for r in results for s in r.get("scores", {})})
    scores = {}
    for s in seats:
        vals = [r["scores"][s] for r in results if s in r.get("scores", {})]
        scores[s] = {"mean": float(np.mean(vals)), "quartiles": quartiles(vals)}
    held = np.zeros(land_hexes, dtype=np.int64)
    for r in results:
        held += unpack_held(r.get("un_held", ""), land_hexes)
    return {"scenario": report["scenario"], "policies": list(report.get("policies", [])), "runs": n,
            "asked": report.get("runs", n), "interrupted": bool(report.get("interrupted", False)),
            "outcomes": outcomes, "key_events": events, "scores": scores,
            "un_share_by_hex": [round(float(v), 4) for v in (held / n if n else held)]}


# -- tables ---------------------------------------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _interval(lo: float, hi: float) -> str:
    return f"{100 * lo:.0f}–{100 * hi:.0f}%"


def _quart(q: list | None, fmt=str) -> str:
    return f"{fmt(q[1])} ({fmt(q[0])} to {fmt(q[2])})" if q else "-"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _runs_line(agg: dict) -> str:
    note = f" (stopped: {agg['runs']} of {agg['asked']} finished)" if agg["interrupted"] else ""
    return f"{agg['runs']} runs{note}"


def render_summary(agg: dict, outcome_words=str, seat_names: dict | None = None) -> str:
    """The aggregate as Markdown: outcomes, key events beside history, scores."""
    names = seat_names or {}
    pol = ", ".join(agg["policies"]) or "none"
    out = [f"## {agg['scenario']}: {_runs_line(agg)}; policies: {pol}", "",
           _table(["outcome", "runs", "share", "95% interval"],
                  [[outcome_words(o), str(v["runs"]), _pct(v["share"]), _interval(*v["interval"])]
                   for o, v in agg["outcomes"].items()]), "",
           _table(["key event", "happened", "median date (quartiles)", "history"],
                  [[k.replace("_", " "), f"{v['runs']}/{agg['runs']}", _quart(v["quartiles"]), v["history"]]
                   for k, v in agg["key_events"].items()]), "",
           _table(["side", "mean score", "median (quartiles)"],
                  [[names.get(s, s), f"{v['mean']:+.1f}", _quart(v["quartiles"], lambda x: f"{x:+.1f}")]
                   for s, v in agg["scores"].items()])]
    return "\n".join(out) + "\n"


def render_comparison(a: dict, b: dict, outcome_words=str, seat_names: dict | None = None) -> str:
    """Two aggregates side by side (A and B), with the difference of each outcome's share and its interval."""
    names = seat_names or {}
    pa, pb = ", ".join(a["policies"]) or "none", ", ".join(b["policies"]) or "none"
    outs = list(a["outcomes"]) + [o for o in b["outcomes"] if o not in a["outcomes"]]
    rows = []
    for o in outs:
        ka = a["outcomes"].get(o, {}).get("runs", 0)
        kb = b["outcomes"].get(o, {}).get("runs", 0)
        d, lo, hi = difference(kb, b["runs"], ka, a["runs"])
        rows.append([outcome_words(o), f"{_pct(ka / a['runs'])} ({_interval(*wilson(ka, a['runs']))})",
                     f"{_pct(kb / b['runs'])} ({_interval(*wilson(kb, b['runs']))})",
                     f"{100 * d:+.0f} points ({100 * lo:+.0f} to {100 * hi:+.0f})"])
    events = []
    for k in KEY_EVENTS:
        ea, eb = a["key_events"][k], b["key_events"][k]
        if ea["runs"] or eb["runs"]:
            events.append([k.replace("_", " "), f"{ea['runs']}/{a['runs']}", _quart(ea["quartiles"]),
                           f"{eb['runs']}/{b['runs']}", _quart(eb["quartiles"]), ea["history"]])
    seats = list(a["scores"]) + [s for s in b["scores"] if s not in a["scores"]]
    scores = [[names.get(s, s), _quart(a["scores"].get(s, {}).get("quartiles"), lambda x: f"{x:+.1f}"),
               _quart(b["scores"].get(s, {}).get("quartiles"), lambda x: f"{x:+.1f}"),
               f"{b['scores'].get(s, {}).get('mean', 0.0) - a['scores'].get(s, {}).get('mean', 0.0):+.1f}"]
              for s in seats]
    out = [f"## {a['scenario']}: A = {pa} ({_runs_line(a)}); B = {pb} ({_runs_line(b)}); the same seeds", "",
           _table(["outcome", "A (95% interval)", "B (95% interval)", "B − A (95% interval)"], rows), "",
           _table(["key event", "A happened", "A median (quartiles)", "B happened", "B median (quartiles)",
                   "history"], events), "",
           _table(["side", "A score: median (quartiles)", "B score: median (quartiles)", "B − A, mean"], scores)]
    return "\n".join(out) + "\n"
