"""Tables for people on the command line: a plain-text grid, and simulate's report of each run.

``table`` aligns columns (the first left, the rest right) under an optional line of group titles;
``outcome_words`` says how a game ended; ``simulate_table`` is one row a run of a ``simulate`` report.
"""

from __future__ import annotations


def table(header: tuple[str, ...], rows: list[tuple[str, ...]], indent: int = 0,
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
    return title + "\n" + table(header, rows, groups=groups) + "\n(hexes: land hexes held at the end)"
