"""Small charts for the after-action report: the political tracks over time, and scores against history.

The tracks' history is read from the log (ARCHITECTURE: the log is the game):
each ``TrackChanged`` event carries the track's value after the change and
the date.  A track the engine recomputes without an event (the balance of
power) has no recorded history; :func:`track_history` leaves it out and the
report gives its final value in words.  Drawing is plain pygame.
"""

from __future__ import annotations

from datetime import date

import pygame

from game.ui.map_labels import get_font
from game.ui.tracks_bar import Gauge, fit_label, fmt, gauges, nice

Point = tuple[date, float]

PANEL = (35, 34, 29)
EDGE = (90, 82, 60)
GRID = (62, 59, 50)
TEXT = (239, 232, 212)
MUTED = (160, 150, 124)
THRESHOLD = (200, 160, 80)
GOOD = (110, 190, 120)
BAD = (226, 100, 80)


def first_date(view) -> date:
    """The scenario's first turn's date (``view``: an Observation or a TrackValues)."""
    dates = view.config.calendar.turn_dates()
    return dates[0] if dates else view.date


def track_history(events, view) -> dict[str, list[Point]]:
    """track name -> [(date, value)] from the start value through every TrackChanged event to now.

    ``view`` gives the config, the date and the tracks' values now (an
    Observation or a :class:`game.ui.tracks_bar.TrackValues`).  Only public
    tracks with at least one recorded change, or none needed (the value never
    moved), are returned.
    """
    pol = view.config.politics
    if pol is None:
        return {}
    start = first_date(view)
    hist: dict[str, list[Point]] = {n: [(start, float(sp.start))] for n, sp in pol.tracks.items() if sp.public}
    moved: set[str] = set()
    for e in events:
        if e.kind != "TrackChanged":
            continue
        name = e.data.get("track")
        if name in hist and "value" in e.data:
            hist[name].append((e.date, float(e.data["value"])))
            moved.add(name)
    out = {}
    for name, pts in hist.items():
        now = float(view.tracks.get(name, pts[-1][1]))
        if name not in moved and abs(now - pts[0][1]) > 1e-6:
            continue     # recomputed by the engine without events: no history to draw
        pts.append((max(view.date, pts[-1][0]), now))
        out[name] = pts
    return out


def _x(d: date, start: date, end: date, rect: pygame.Rect) -> float:
    span = max(1, (end - start).days)
    return rect.x + rect.width * (d - start).days / span


def _y(v: float, lo: float, hi: float, rect: pygame.Rect) -> float:
    span = hi - lo if hi > lo else 1.0
    return rect.bottom - rect.height * (min(max(v, lo), hi) - lo) / span


def _dashed_h(surface, colour, x0: float, x1: float, y: float, dash: int = 4) -> None:
    x = x0
    while x < x1:
        pygame.draw.line(surface, colour, (x, y), (min(x + dash, x1), y))
        x += dash * 2


def draw_track_chart(surface: pygame.Surface, rect: pygame.Rect, title: str, points: list[Point], lo: float,
                     hi: float, thresholds, colour, start: date, end: date, scale: float = 1.0,
                     gauge: Gauge | None = None) -> None:
    """One track over time as a step line (a value holds until it changes), thresholds dashed; ``gauge`` (its
    gauge) shortens a title too long for the chart as the gauge strip does."""
    s = lambda px: max(1, int(round(px * scale)))  # noqa: E731
    pygame.draw.rect(surface, PANEL, rect, border_radius=s(4))
    pygame.draw.rect(surface, EDGE, rect, 1, border_radius=s(4))
    tf = get_font(s(12), bold=True)
    small = get_font(s(10))
    value = points[-1][1] if points else 0.0
    val_img = tf.render(fmt(value), True, colour)
    title_img = tf.render(title, True, TEXT)
    room = rect.width - val_img.get_width() - s(18)
    if title_img.get_width() > room:
        # The gauges' own shortening ("PRC intervention", "Weariness (comm.)"), so a chart and its gauge share a name.
        short = fit_label(gauge, tf, room) if gauge is not None else title + "…"
        while len(short) > 3 and short.endswith("…") and tf.size(short)[0] > room:
            short = short[:-2] + "…"
        title_img = tf.render(short, True, TEXT)
    surface.blit(title_img, (rect.x + s(6), rect.y + s(3)))
    surface.blit(val_img, (rect.right - s(6) - val_img.get_width(), rect.y + s(3)))
    plot = pygame.Rect(rect.x + s(28), rect.y + title_img.get_height() + s(8), rect.width - s(36),
                       rect.height - title_img.get_height() - s(24))
    if plot.width < 10 or plot.height < 10:
        return
    pygame.draw.rect(surface, (27, 26, 22), plot)
    for v in (lo, hi) + ((0.0,) if lo < 0 < hi else ()):
        y = _y(v, lo, hi, plot)
        pygame.draw.line(surface, GRID, (plot.x, y), (plot.right, y))
        lab = small.render(fmt(v), True, MUTED)
        surface.blit(lab, (plot.x - lab.get_width() - s(3), y - lab.get_height() / 2))
    for name, v in thresholds:
        if lo < v < hi:
            _dashed_h(surface, THRESHOLD, plot.x, plot.right, _y(v, lo, hi, plot), s(3))
    for d, anchor in ((start, "left"), (end, "right")):
        lab = small.render(f"{d:%b %y}", True, MUTED)
        x = plot.x if anchor == "left" else plot.right - lab.get_width()
        surface.blit(lab, (x, plot.bottom + s(2)))
    if not points:
        return
    line: list[tuple[float, float]] = []
    for k, (d, v) in enumerate(points):
        x, y = _x(d, start, end, plot), _y(v, lo, hi, plot)
        if line:
            line.append((x, line[-1][1]))
        line.append((x, y))
    if len(line) >= 2:
        base = _y(max(lo, 0.0) if lo < 0 < hi else lo, lo, hi, plot)
        fill = pygame.Surface(plot.size, pygame.SRCALPHA)
        poly = [(line[0][0], base)] + line + [(line[-1][0], base)]
        pygame.draw.polygon(fill, (*colour[:3], 55), [(x - plot.x, y - plot.y) for x, y in poly])
        surface.blit(fill, plot.topleft)
        clip = surface.get_clip()
        surface.set_clip(plot.inflate(s(4), s(4)))
        pygame.draw.lines(surface, colour, False, line, s(2))
        surface.set_clip(clip)
    pygame.draw.circle(surface, colour, line[-1], s(3))


def draw_tracks(surface: pygame.Surface, rect: pygame.Rect, view, events, scale: float = 1.0,
                palette=None) -> int:
    """The public tracks as small multiples in ``rect``; returns how many charts were drawn.

    ``view``: an Observation or a :class:`game.ui.tracks_bar.TrackValues` (the tracks now).
    """
    hist = track_history(events, view)
    gs = [g for g in gauges(view, palette) if g.name in hist]
    if not gs or rect.width < 60 or rect.height < 40:
        return 0
    s = lambda px: max(1, int(round(px * scale)))  # noqa: E731
    gap = s(8)

    def cells(cols: int) -> tuple[int, int, int]:
        rows = -(-len(gs) // cols)
        cols = -(-len(gs) // rows)      # as even as the rows allow: 6 charts in 3 + 3, not 4 + 2
        return cols, (rect.width - gap * (cols - 1)) // cols, (rect.height - gap * (rows - 1)) // rows

    # The grid whose cells are nearest a readable chart (about 210 x 90 px at the scale) in their scarcer dimension:
    # a short area takes more columns rather than six strips too flat to read (a projector at 150%).
    cols, cw, ch = max((cells(c) for c in range(1, len(gs) + 1)),
                       key=lambda g: (min(g[1] / s(210), g[2] / s(90)), -g[0]))
    ch = min(s(150), ch)
    start = first_date(view)
    end = max(view.date, start)
    for k, g in enumerate(gs):
        r, c = divmod(k, cols)
        cell = pygame.Rect(rect.x + c * (cw + gap), rect.y + r * (ch + gap), cw, ch)
        colour = (226, 110, 40) if g.name == "escalation" else g.colour
        draw_track_chart(surface, cell, g.label, hist[g.name], g.lo, g.hi, g.thresholds, colour, start, end, scale,
                         gauge=g)
    return len(gs)


def draw_score_bars(surface: pygame.Surface, rect: pygame.Rect, rows: list[tuple[str, float]],
                    scale: float = 1.0) -> None:
    """Each seat's total as a bar from the historical result (0, the centre): right better, left worse."""
    if not rows or rect.height < 20:
        return
    s = lambda px: max(1, int(round(px * scale)))  # noqa: E731
    font = get_font(s(13))
    bold = get_font(s(13), bold=True)
    small = get_font(s(10))
    name_w = min(max(font.size(n)[0] for n, _ in rows) + s(10), rect.width // 3)
    val_w = bold.size("+000.0")[0] + s(6)
    plot = pygame.Rect(rect.x + name_w, rect.y + s(14), rect.width - name_w - val_w, rect.height - s(14))
    span = max(10.0, max(abs(t) for _n, t in rows) * 1.15)
    mid = plot.centerx
    hist_lab = small.render("history = 0", True, MUTED)
    surface.blit(hist_lab, (mid - hist_lab.get_width() / 2, rect.y))
    for lab, x in (("worse", plot.x), ("better", plot.right)):
        img = small.render(lab, True, MUTED)
        surface.blit(img, (x - (img.get_width() if lab == "better" else 0), rect.y))
    row_h = min(s(28), plot.height // len(rows))
    for k, (name, total) in enumerate(rows):
        y = plot.y + k * row_h
        img = font.render(name, True, TEXT)
        surface.blit(img, (rect.x, y + (row_h - img.get_height()) / 2))
        pygame.draw.rect(surface, (27, 26, 22), (plot.x, y + s(4), plot.width, row_h - s(8)))
        w = int(plot.width / 2 * min(1.0, abs(total) / span))
        colour = GOOD if total > 0 else BAD
        if w:
            bar = pygame.Rect(mid if total > 0 else mid - w, y + s(4), w, row_h - s(8))
            pygame.draw.rect(surface, colour, bar)
        val = bold.render(f"{total:+.1f}", True, colour if abs(total) > 1e-9 else TEXT)
        surface.blit(val, (plot.right + s(6), y + (row_h - val.get_height()) / 2))
    pygame.draw.line(surface, TEXT, (mid, plot.y), (mid, plot.y + row_h * len(rows)), s(2))


def thresholds_text(spec) -> str:
    return ", ".join(f"{nice(n)} {fmt(v)}" for n, v in spec.thresholds)
