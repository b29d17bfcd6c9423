"""The charts of a what-if study (issue 12 §5): how the two what-ifs ended, and when their armistices came.

Contract:

* ``outcome_label(outcome)``: an outcome as a chart's row names it ("unification:un" -> "Korea unified by the
  South").
* ``share_rows(a, b)``: from two aggregates (game/session/aggregate.py) the rows the outcome chart shows, in
  order -- each outcome either study reached, then China's entry and general war (key events, so a war that
  ended otherwise still counts) -- as (label, runs of A, runs of B).
* ``armistice_dates(report)``: the dates of the armistices a study's runs signed (a ``simulate`` report).
* ``outcomes_rgba`` and ``histogram_rgba`` draw the two charts for the screen (the game's dark colours) at a
  size in pixels and return (RGBA bytes, size); ``histogram_png`` draws the histogram for print (PNG bytes).
  A study with no armistice still gets a histogram: empty axes that say so.

matplotlib is imported inside the drawing functions only, with the Agg canvas, under charts.py's DRAW_LOCK: the
screen draws these on a worker thread while the window runs.
"""

from __future__ import annotations

import io
from datetime import date

from game.session.aggregate import wilson

from .charts import DRAW_LOCK, PRINT, SCREEN, Theme, new_figure, screen_theme

#: Outcome -> its row in the chart.
LABELS = {"armistice": "Armistice", "unification:un": "Korea unified by the South",
          "unification:communist": "Korea unified by the North", "general_war": "General war ends it",
          "ceasefire": "Ceasefire", "last_turn": "Still at war on the last turn",
          "unfinished": "Still at war (study stopped early)"}
#: The key events the chart adds under the outcomes: the two a teacher asks about first.
EVENTS = (("prc_enters", "China enters the war"), ("general_war", "General war breaks out"))
#: The two studies' colours (Okabe-Ito blue and orange: apart for every kind of colour vision).
COLOURS = {"screen": ("#56B4E9", "#E69F00"), "print": ("#0072B2", "#D55E00")}
HISTORY_ARMISTICE = date(1953, 7, 27)


def outcome_label(outcome: str) -> str:
    if outcome in LABELS:
        return LABELS[outcome]
    kind, _, who = outcome.partition(":")
    return f"{kind.replace('_', ' ').capitalize()}{f' ({who})' if who else ''}"


def share_rows(a: dict, b: dict) -> list[tuple[str, int, int]]:
    outcomes = list(a["outcomes"]) + [o for o in b["outcomes"] if o not in a["outcomes"]]
    rows = [(outcome_label(o), a["outcomes"].get(o, {}).get("runs", 0), b["outcomes"].get(o, {}).get("runs", 0))
            for o in outcomes]
    rows += [(label, a["key_events"][key]["runs"], b["key_events"][key]["runs"]) for key, label in EVENTS]
    return rows


def armistice_dates(report: dict) -> list[date]:
    return sorted(date.fromisoformat(r["key_events"]["armistice_signed"]) for r in report["results"]
                  if "armistice_signed" in r.get("key_events", {}))


def _style(ax, theme: Theme, title: str) -> None:
    ax.set_facecolor(theme.paper)
    ax.set_title(title, loc="left", fontsize=theme.font * 1.3, color=theme.ink, fontweight="bold")
    ax.tick_params(colors=theme.muted, labelsize=theme.font)
    ax.grid(True, color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ax.spines.values():
        side.set_color(theme.muted)


def _outcomes(ax, a: dict, b: dict, names: tuple[str, str], theme: Theme, colours) -> None:
    rows = share_rows(a, b)
    n_a, n_b = max(1, a["runs"]), max(1, b["runs"])
    height = 0.38
    for k, (label, ka, kb) in enumerate(rows):
        for side, (count, n, colour) in enumerate(((ka, n_a, colours[0]), (kb, n_b, colours[1]))):
            y = k + (side - 0.5) * height
            share = 100 * count / n
            lo, hi = (100 * v for v in wilson(count, n))
            ax.barh(y, share, height=height * 0.92, color=colour, label=names[side] if k == 0 else None)
            ax.errorbar(share, y, xerr=[[share - lo], [hi - share]], fmt="none", ecolor=theme.ink,
                        elinewidth=1.0, capsize=3)
            ax.text(min(hi + 1.5, 101), y, f"{share:.0f}%", va="center", fontsize=theme.font * 0.9, color=theme.ink)
    # A thin rule between how the wars ended and the two events every war is asked about.
    ax.axhline(len(rows) - len(EVENTS) - 0.5, color=theme.muted, linewidth=0.8)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=theme.font, color=theme.ink)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xlabel("share of runs; the whiskers are the 95% intervals", fontsize=theme.font, color=theme.muted)
    ax.legend(loc="lower right", fontsize=theme.font * 0.9, facecolor=theme.paper, edgecolor=theme.grid,
              labelcolor=theme.ink)


def _months(dates: list[date]) -> list[date]:
    """The first of each month from the earliest date's month to the month after the latest."""
    first, last = min(dates), max(dates)
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month + 1) or len(out) < 2:
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _histogram(ax, ra: dict, rb: dict, names: tuple[str, str], theme: Theme, colours) -> None:
    _style(ax, theme, "When the armistice was signed")
    da, db = armistice_dates(ra), armistice_dates(rb)
    if not da and not db:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.text(0.5, 0.5, "No run ended in an armistice.\n(Historically it was signed on 27 July 1953.)",
                ha="center", va="center", transform=ax.transAxes, fontsize=theme.font * 1.1, color=theme.ink)
        return
    import matplotlib.dates as mdates
    edges = _months(da + db)
    width = 11                                      # days: two bars side by side in a month
    for side, (dates, colour) in enumerate(((da, colours[0]), (db, colours[1]))):
        counts = [sum(1 for d in dates if lo <= d < hi) for lo, hi in zip(edges, edges[1:])]
        xs = [mdates.date2num(lo) + 3 + side * width for lo in edges[:-1]]
        total = len(ra["results"] if side == 0 else rb["results"])
        ax.bar(xs, counts, width=width * 0.95, align="edge", color=colour,
               label=f"{names[side]}: {len(dates)} of {total} runs")
    if edges[0] <= HISTORY_ARMISTICE <= edges[-1]:
        ax.axvline(mdates.date2num(HISTORY_ARMISTICE), color=theme.ink, linestyle="--", linewidth=1.2)
        ax.text(mdates.date2num(HISTORY_ARMISTICE), ax.get_ylim()[1] * 0.97, " history", color=theme.ink,
                fontsize=theme.font * 0.9, va="top")
    locator = mdates.AutoDateLocator(minticks=2, maxticks=7)
    fmt = mdates.ConciseDateFormatter(locator, show_offset=False)
    fmt.formats = ["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(fmt)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel("runs a month", fontsize=theme.font, color=theme.ink)
    ax.legend(loc="upper left", fontsize=theme.font * 0.9, facecolor=theme.paper, edgecolor=theme.grid,
              labelcolor=theme.ink)


def _rgba(fig) -> tuple[bytes, tuple[int, int]]:
    fig.canvas.draw()
    return bytes(fig.canvas.buffer_rgba()), fig.canvas.get_width_height()


def _screen_figure(size_px: tuple[int, int], scale: float, theme: Theme = SCREEN):
    """A figure of ``size_px`` pixels whose type grows with the UI scale as far as the figure holds the chart:
    a small panel at a projector's scale gets smaller type rather than a chart cut off at its edges."""
    w, h = max(240, int(size_px[0])), max(160, int(size_px[1]))
    dpi = max(50.0, min(100.0 * scale, w / 5.0, h / 3.0))
    return new_figure(w / dpi, h / dpi, theme, layout="constrained")


def outcomes_rgba(a: dict, b: dict, names: tuple[str, str], size_px: tuple[int, int],
                  scale: float = 1.0, high_contrast: bool = False) -> tuple[bytes, tuple[int, int]]:
    theme = screen_theme(high_contrast)
    with DRAW_LOCK:
        fig = _screen_figure(size_px, scale, theme)
        ax = fig.add_subplot(1, 1, 1)
        _style(ax, theme, "How the wars ended")
        _outcomes(ax, a, b, names, theme, COLOURS["screen"])
        return _rgba(fig)


def histogram_rgba(ra: dict, rb: dict, names: tuple[str, str], size_px: tuple[int, int],
                   scale: float = 1.0, high_contrast: bool = False) -> tuple[bytes, tuple[int, int]]:
    theme = screen_theme(high_contrast)
    with DRAW_LOCK:
        fig = _screen_figure(size_px, scale, theme)
        _histogram(fig.add_subplot(1, 1, 1), ra, rb, names, theme, COLOURS["screen"])
        return _rgba(fig)


def _png(fig, dpi: int) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor=PRINT.paper, metadata={"Software": None})
    return buf.getvalue()


def histogram_png(ra: dict, rb: dict, names: tuple[str, str], dpi: int = 130) -> bytes:
    with DRAW_LOCK:
        fig = new_figure(7.6, 3.9, PRINT, layout="constrained")
        _histogram(fig.add_subplot(1, 1, 1), ra, rb, names, PRINT, COLOURS["print"])
        return _png(fig, dpi)


def outcomes_png(a: dict, b: dict, names: tuple[str, str], dpi: int = 130) -> bytes:
    with DRAW_LOCK:
        fig = new_figure(7.6, 4.4, PRINT, layout="constrained")
        ax = fig.add_subplot(1, 1, 1)
        _style(ax, PRINT, "How the wars ended")
        _outcomes(ax, a, b, names, PRINT, COLOURS["print"])
        return _png(fig, dpi)
