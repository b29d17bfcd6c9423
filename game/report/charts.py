"""The after-action report's charts, drawn with matplotlib (issue 12 §4).

Contract: :func:`charts_for(chronicle)` lists the charts a game has, in a fixed order: each public track
(escalation, PRC intervention pressure, UN cohesion ...; the two war-weariness tracks share one chart, the
talks chart shades when the talks sat, the balance of power is centred on 0), then the steps each seat lost
and the ground each bloc held in Korea.  Every chart has dated axes, a legend, its thresholds dashed and
named, and the war's key events (the crossing of the parallel, China's entry, the talks ...) as thin
vertical lines.  :func:`chart_png` draws one as PNG bytes for the Markdown; :func:`draw_chart` draws one
into any axes (the PDF's pages); :func:`overview_rgba` draws them all as one picture for the end screen.

matplotlib is imported inside these functions only (never at module import), with the Agg canvas and no
pyplot: launching the game never loads it, and drawing needs no display.  Figures are drawn one at a time
(a lock), so the end screen may draw in a worker thread while a report is written.  PNGs carry no
"Software" stamp, so the same chronicle gives the same bytes with the same matplotlib.
"""

from __future__ import annotations

import io
import threading
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from game.engine.api import nice, points

from .series import Chronicle
from .words import MARKED

#: Held while a figure is drawn: matplotlib's font and text caches are not for two threads at once.
DRAW_LOCK = threading.RLock()


@dataclass(frozen=True)
class Theme:
    """Colours and type of a chart: PRINT for the report (paper), SCREEN for the end screen (the game's dark)."""

    paper: str
    ink: str
    muted: str
    grid: str
    font: float          # base font size in points
    lines: float         # base line width
    un: str = "#0072B2"
    communist: str = "#D55E00"
    third: str = "#009E73"
    track: str = "#6a3d9a"
    thresholds: tuple[str, ...] = ("#b8860b", "#c0392b", "#7b241c", "#555555")
    talks: tuple[tuple[str, str], ...] = (("open", "#8fd19e"), ("suspended", "#f3c27a"), ("signed", "#9cc8ee"))


PRINT = Theme(paper="#ffffff", ink="#1c1c22", muted="#666670", grid="#dddddd", font=9.0, lines=2.0)
SCREEN = Theme(paper="#23221d", ink="#efe8d4", muted="#a0967c", grid="#3e3b32", font=8.0, lines=1.6,
               un="#7fb8e6", communist="#f08c78", third="#8fd19e", track="#c9a24a",
               thresholds=("#e2b23c", "#e26e28", "#ff5a4a", "#bbbbbb"))
#: The game's high-contrast setting (a projector in a lit room): white on black, bolder lines, brighter colours.
SCREEN_HIGH_CONTRAST = Theme(paper="#000000", ink="#ffffff", muted="#d8d8d8", grid="#4a4a4a", font=9.0, lines=2.4,
                             un="#6cc4ff", communist="#ff9a6b", third="#7dffa0", track="#ffd400",
                             thresholds=("#ffd400", "#ff9d1a", "#ff5a5a", "#ffffff"))


def screen_theme(high_contrast: bool = False) -> Theme:
    """The theme of charts in the window: the game's dark one, or its high-contrast one."""
    return SCREEN_HIGH_CONTRAST if high_contrast else SCREEN


@dataclass(frozen=True)
class Chart:
    """One chart: its file stem, title, a sentence saying what it shows, and how to draw it."""

    key: str
    title: str
    caption: str
    draw: Callable[..., None]


def charts_for(ch: Chronicle) -> list[Chart]:
    """The charts of this game (see the module's contract)."""
    pol = ch.config.politics
    out: list[Chart] = []
    done_weariness = False
    for name, spec in (pol.tracks.items() if pol else ()):
        if not spec.public or name not in ch.track_points:
            continue
        if name.startswith("weariness"):
            if not done_weariness:
                done_weariness = True
                out.append(Chart("weariness", "War weariness", "Each side's war weariness; it pushes both toward "
                                 "the talks and speeds them once they sit.", _draw_weariness))
        elif name == "talks":
            out.append(Chart("talks", spec.label, "Progress at the armistice talks, shaded while they sat or were "
                             "suspended; at 100 the armistice is signed.", _draw_talks))
        elif name == "balance":
            out.append(Chart("balance", spec.label, "Above 0 the UN side dominates the peninsula, below 0 the "
                             "communist side; a bloc close to domination pulls the other in.", _draw_balance))
        else:
            th = ", ".join(f"{nice(n)} at {points(v)}" for n, v in spec.thresholds)
            out.append(Chart(name, spec.label, f"{spec.label} over the war" + (f" (thresholds: {th})." if th
                                                                                  else "."),
                             _track_drawer(name)))
    out.append(Chart("steps-lost", "Steps lost", "The strength steps each side has lost since the start "
                     "(a division has two to four).", _draw_steps))
    out.append(Chart("ground", "Ground held in Korea", "The land hexes of Korea each side controls at the start "
                     "of every turn: the UN side's from the bottom, the communist side's from the top, nobody's "
                     "between.", _draw_ground))
    return out


# -- drawing helpers ------------------------------------------------------------------------------------------

def _style(ax, theme: Theme, title: str, ylabel: str, compact: bool) -> None:
    ax.set_facecolor(theme.paper)
    if compact and len(title) > 18:
        # A small chart's title must not run into its neighbour's: "PRC intervention pressure" -> "PRC intervention".
        title = " ".join(title.split()[:2])
    ax.set_title(title, loc="left", fontsize=theme.font * (1.05 if compact else 1.35), color=theme.ink,
                 fontweight="bold")
    ax.set_ylabel(ylabel, fontsize=theme.font, color=theme.ink)
    ax.tick_params(colors=theme.muted, labelsize=theme.font * 0.9)
    ax.grid(True, color=theme.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ax.spines.values():
        side.set_color(theme.muted)


def _date_axis(ax, ch: Chronicle, theme: Theme, compact: bool) -> None:
    import matplotlib.dates as mdates
    first = ch.first_date or ch.final.date
    last = max(ch.end_date or ch.final.date, first + timedelta(days=1))
    ax.set_xlim(first, last)
    # A small chart has room for three dates under it, not six ("Oct 08 Oct15 Oct22" ran into each other).
    locator = mdates.AutoDateLocator(minticks=2 if compact else 3, maxticks=3 if compact else 8)
    ax.xaxis.set_major_locator(locator)
    # Months carry their year ("Jul 1950", then "1951" at each new year), so no tick of a long war is ambiguous.
    fmt = mdates.ConciseDateFormatter(locator, show_offset=False)
    fmt.formats = ["%Y", "%b %Y", "%d %b", "%H:%M", "%H:%M", "%S.%f"]
    fmt.zero_formats = ["", "%Y", "%b", "%H:%M", "%H:%M", "%S.%f"]
    ax.xaxis.set_major_formatter(fmt)
    if not compact:
        ax.set_xlabel(f"Date: {first.day} {first:%B %Y} to {last.day} {last:%B %Y}",
                      fontsize=theme.font, color=theme.ink)


def _marks(ax, ch: Chronicle, theme: Theme, compact: bool) -> None:
    """The key events of this war as thin vertical lines, named at the top; events within a few days of each
    other share one label, so the names never print over each other."""
    first = ch.first_date or ch.final.date
    span = max(1, ((ch.end_date or ch.final.date) - first).days)
    near = span * (0.06 if compact else 0.035)
    found = sorted((date.fromisoformat(ch.key_events[k]), MARKED[k]) for k in MARKED if k in ch.key_events)
    groups: list[list] = []
    for when, words in found:
        if groups and (when - groups[-1][0]).days <= near:
            groups[-1][1].append(words)
        else:
            groups.append([when, [words]])
    for when, names in groups:
        ax.axvline(when, color=theme.muted, linewidth=0.8, linestyle=":", zorder=1)
        if compact:
            continue
        late = (when - first).days > span * 0.9          # near the right edge: the name goes left of its line
        ax.annotate(" / ".join(names), xy=(when, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(-2 if late else 2, -3), textcoords="offset points", rotation=90, va="top",
                    ha="right" if late else "left", fontsize=theme.font * 0.75, color=theme.muted, zorder=4,
                    bbox={"facecolor": theme.paper, "edgecolor": "none", "alpha": 0.75, "pad": 0.6})


def _legend(ax, theme: Theme, compact: bool, loc: str = "best") -> None:
    """The chart's legend; on the end screen's small charts only where there is more than one series, and
    without the thresholds (the dashed lines speak for themselves there; the printed charts name them)."""
    handles, labels = ax.get_legend_handles_labels()
    if compact and ax.get_position().height * ax.figure.get_figheight() < 0.7:
        return              # a cell this small has no room for a legend that would not hide the lines it names
    if compact:
        keep = [(h, t) for h, t in zip(handles, labels) if not t.startswith(("threshold", "half of"))]
        handles, labels = [h for h, _t in keep], [t for _h, t in keep]
        if len(handles) < 2:
            return
    if not handles:
        return
    if compact:
        leg = ax.legend(handles, labels, loc="best", fontsize=theme.font * 0.68, frameon=True, facecolor=theme.paper,
                        edgecolor=theme.grid, labelcolor=theme.ink, framealpha=0.55, borderpad=0.3,
                        handlelength=1.4, labelspacing=0.25)
    else:
        # On paper the legend sits in a row under the chart: it never hides a line or a key event's name.
        leg = ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=min(4, len(handles)),
                        fontsize=theme.font * 0.85, frameon=False, labelcolor=theme.ink)
    leg.set_zorder(5)


def _steps(ch: Chronicle, name: str) -> tuple[list[date], list[float]]:
    pts = list(ch.track_points.get(name, ()))
    end = ch.end_date or ch.final.date
    if pts and pts[-1][0] < end:
        pts.append((end, pts[-1][1]))
    return [d for d, _v in pts], [v for _d, v in pts]


def _thresholds(ax, spec, theme: Theme) -> None:
    for k, (name, value) in enumerate(spec.thresholds):
        if spec.lo < value <= spec.hi:
            ax.axhline(value, color=theme.thresholds[k % len(theme.thresholds)], linestyle="--",
                       linewidth=theme.lines * 0.6, label=f"threshold: {nice(name)} ({points(value)})")


def _range(ax, lo: float, hi: float) -> None:
    pad = (hi - lo) * 0.04
    ax.set_ylim(lo, hi + pad)


# -- the charts -----------------------------------------------------------------------------------------------

def _track_drawer(name: str) -> Callable[..., None]:
    def draw(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
        spec = ch.config.politics.tracks[name]
        xs, ys = _steps(ch, name)
        colour = theme.communist if name == "escalation" else theme.track
        ax.step(xs, ys, where="post", color=colour, linewidth=theme.lines, label=spec.label, zorder=3)
        ax.fill_between(xs, spec.lo, ys, step="post", color=colour, alpha=0.15, zorder=2)
        _thresholds(ax, spec, theme)
        _range(ax, spec.lo, spec.hi)
        _finish(ax, ch, theme, spec.label, "points", compact)
    return draw


def _finish(ax, ch: Chronicle, theme: Theme, title: str, ylabel: str, compact: bool, loc: str = "best") -> None:
    _style(ax, theme, title, ylabel, compact)
    _date_axis(ax, ch, theme, compact)
    _marks(ax, ch, theme, compact)
    _legend(ax, theme, compact, loc)


def _draw_weariness(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
    pol = ch.config.politics
    styles = {"weariness_un": (theme.un, "-"), "weariness_communist": (theme.communist, "--")}
    lo, hi = 0.0, 100.0
    for k, (name, spec) in enumerate((n, s) for n, s in pol.tracks.items() if n.startswith("weariness")):
        if name not in ch.track_points:
            continue
        colour, ls = styles.get(name, (theme.thresholds[k % len(theme.thresholds)], "-."))
        xs, ys = _steps(ch, name)
        ax.step(xs, ys, where="post", color=colour, linestyle=ls, linewidth=theme.lines, label=spec.label, zorder=3)
        lo, hi = min(lo, spec.lo), max(hi, spec.hi)
    _range(ax, lo, hi)
    _finish(ax, ch, theme, "War weariness", "points", compact)


def _talks_spans(ch: Chronicle) -> list[tuple[date, date, str]]:
    """(from, to, status) of every stretch the talks were open, suspended or signed."""
    spans: list[tuple[date, date, str]] = []
    status, since = "closed", ch.first_date or ch.final.date
    for _n, e in ch.notable:
        new = e.data.get("talks") if e.kind == "TalksChanged" else "signed" if e.kind == "ArmisticeSigned" else None
        if new is None or new == status:
            continue
        if status != "closed":
            spans.append((since, e.date, status))
        status, since = new, e.date
    if status != "closed":
        spans.append((since, max(ch.end_date or ch.final.date, since + timedelta(days=3)), status))
    return spans


def _draw_talks(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
    spec = ch.config.politics.tracks["talks"]
    colours = dict(theme.talks)
    shown: set[str] = set()
    for a, b, status in _talks_spans(ch):
        label = None if status in shown else f"talks {status}"
        shown.add(status)
        ax.axvspan(a, b, color=colours.get(status, theme.grid), alpha=0.35, linewidth=0, label=label, zorder=1)
    xs, ys = _steps(ch, "talks")
    ax.step(xs, ys, where="post", color=theme.track, linewidth=theme.lines, label="progress", zorder=3)
    _thresholds(ax, spec, theme)
    _range(ax, spec.lo, spec.hi)
    _finish(ax, ch, theme, spec.label, "progress (points)", compact, loc="upper left")


def _draw_balance(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
    import numpy as np
    spec = ch.config.politics.tracks["balance"]
    xs, ys = _steps(ch, "balance")
    y = np.array(ys, dtype=float)
    ax.fill_between(xs, 0, y, where=y >= 0, step="post", color=theme.un, alpha=0.35, label="UN side ahead",
                    zorder=2)
    ax.fill_between(xs, 0, y, where=y <= 0, step="post", color=theme.communist, alpha=0.35,
                    label="communist side ahead", zorder=2)
    ax.step(xs, ys, where="post", color=theme.ink, linewidth=theme.lines * 0.7, label=spec.label, zorder=3)
    ax.axhline(0, color=theme.muted, linewidth=0.8)
    ax.set_ylim(spec.lo, spec.hi)
    _finish(ax, ch, theme, spec.label, "points", compact)


def _seat_style(ch: Chronicle, theme: Theme) -> dict[str, tuple[str, str]]:
    """A colour and a dash per seat: its bloc's colour, the bloc's second seat in the third colour; the dash
    differs too, so colour is never the only cue."""
    out, used = {}, set()
    dashes = ("-", "--", ":", "-.")
    # The seat named after its bloc (the UN Command) takes the bloc's colour before the bloc's other seats.
    order = sorted(enumerate(ch.config.seats), key=lambda ks: ks[1].id != ks[1].bloc)
    for k, seat in order:
        colour = theme.un if seat.bloc == "un" else theme.communist if seat.bloc == "communist" else theme.track
        if colour in used:
            colour = theme.third
        used.add(colour)
        out[seat.id] = (colour, dashes[k % len(dashes)])
    return out


def _draw_steps(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
    xs = [s.date for s in ch.samples]
    style = _seat_style(ch, theme)
    for seat in ch.config.seats:
        colour, ls = style[seat.id]
        ax.step(xs, [s.steps_lost.get(seat.id, 0) for s in ch.samples], where="post", color=colour, linestyle=ls,
                linewidth=theme.lines, label=seat.name, zorder=3)
    top = max([1] + [v for s in ch.samples for v in s.steps_lost.values()])
    ax.set_ylim(-0.03 * top, top * 1.06)          # a side that lost nothing shows its line above the axis
    _finish(ax, ch, theme, "Steps lost", "steps lost (total so far)", compact, loc="upper left")


def _draw_ground(ax, ch: Chronicle, theme: Theme, compact: bool = False) -> None:
    """The UN side's ground stacked up from the bottom, the communist side's down from the top: the white
    between them is Korea nobody holds, and where the two meet the front moves."""
    xs = [s.date for s in ch.samples]
    total = max(1, ch.korea_land)
    blocs = list(ch.config.blocs)
    if set(blocs) == {"un", "communist"}:
        un = [s.ground.get("un", 0) for s in ch.samples]
        top = [total - s.ground.get("communist", 0) for s in ch.samples]
        ax.fill_between(xs, 0, un, step="post", color=theme.un, alpha=0.35, linewidth=0, zorder=2)
        ax.fill_between(xs, top, total, step="post", color=theme.communist, alpha=0.35, linewidth=0, zorder=2)
        ax.step(xs, un, where="post", color=theme.un, linewidth=theme.lines, label="UN side (from the bottom)",
                zorder=3)
        ax.step(xs, top, where="post", color=theme.communist, linestyle="--", linewidth=theme.lines,
                label="communist side (from the top)", zorder=3)
    else:
        for k, bloc in enumerate(blocs):
            ax.step(xs, [s.ground.get(bloc, 0) for s in ch.samples], where="post", linestyle=("-", "--")[k % 2],
                    linewidth=theme.lines, label=bloc, zorder=3)
    ax.axhline(total / 2, color=theme.muted, linewidth=0.8, linestyle=":", label="half of Korea")
    ax.set_ylim(0, total)
    if not compact:
        sec = ax.secondary_yaxis("right", functions=(lambda v: v * 100.0 / total, lambda p: p * total / 100.0))
        sec.set_ylabel("% of Korea", fontsize=theme.font, color=theme.ink)
        sec.tick_params(colors=theme.muted, labelsize=theme.font * 0.9)
    _finish(ax, ch, theme, "Ground held in Korea", "land hexes of Korea", compact, loc="center left")


# -- figures --------------------------------------------------------------------------------------------------

def new_figure(width_in: float, height_in: float, theme: Theme, layout: str | None = None):
    """A matplotlib Figure on the Agg canvas (no pyplot, no display), in the theme's paper."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=(width_in, height_in), facecolor=theme.paper, layout=layout)
    FigureCanvasAgg(fig)
    return fig


def draw_chart(ax, chart: Chart, ch: Chronicle, theme: Theme = PRINT, compact: bool = False) -> None:
    """Draw ``chart`` into the matplotlib axes ``ax``."""
    chart.draw(ax, ch, theme, compact)


def chart_png(chart: Chart, ch: Chronicle, size_in: tuple[float, float] = (7.6, 3.9), dpi: int = 130) -> bytes:
    """One chart as PNG bytes, for print (white paper)."""
    with DRAW_LOCK:
        fig = new_figure(*size_in, PRINT, layout="constrained")
        ax = fig.add_subplot(1, 1, 1)
        draw_chart(ax, chart, ch, PRINT)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=dpi, facecolor=PRINT.paper, metadata={"Software": None})
        return buf.getvalue()


def overview_rgba(ch: Chronicle, size_px: tuple[int, int], scale: float = 1.0,
                  theme: Theme = SCREEN) -> tuple[bytes, tuple[int, int]]:
    """Every chart of the game in one picture of ``size_px`` pixels, in the window's colours (``theme``: SCREEN
    or SCREEN_HIGH_CONTRAST); returns (RGBA bytes, size).  ``scale``: the UI scale (type grows with it)."""
    charts = charts_for(ch)
    w, h = max(200, int(size_px[0])), max(120, int(size_px[1]))
    dpi = 100.0 * scale
    n = len(charts)
    # Columns so that a cell is about twice as wide as it is tall, at most four.
    cols = min(n, 4, max(1, round((n * w / (2.0 * h)) ** 0.5)))
    rows = -(-n // cols)
    with DRAW_LOCK:
        fig = new_figure(w / dpi, h / dpi, theme)
        # At the figure's own dpi the picture would come out 1/scale of the size asked: at a projector's 150% the
        # end screen found it the wrong size and kept its hand-drawn charts of the session instead.
        fig.set_dpi(dpi)
        for k, chart in enumerate(charts):
            ax = fig.add_subplot(rows, cols, k + 1)
            draw_chart(ax, chart, ch, theme, compact=True)
            ax.set_ylabel("")
        fig.tight_layout(pad=0.4, h_pad=0.6, w_pad=0.6)
        canvas = fig.canvas
        canvas.draw()
        rgba = bytes(canvas.buffer_rgba())
        size = canvas.get_width_height()
        return rgba, size
