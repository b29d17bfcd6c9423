"""The political tracks as compact gauges in the strip under the game screen's top bar (DESIGN §8, §12).

Each public track of the scenario becomes a :class:`Gauge`: its label, value,
a bar with tick marks at its thresholds, a colour (escalation by danger), and
a tooltip that says what moves it, what its thresholds do and which idea of
international relations it shows.  A track whose range runs below zero (the
balance of power) is drawn centred at 0; the track called ``talks`` shows the
state of the armistice talks beside its progress.

:func:`flow` lays items of given minimum widths into as many rows as the width
needs, so the strip stays legible on a small window or at UI scale 200%.
Drawing is plain pygame (no widgets): the screen draws the strip under its
pygame_gui widgets and gives the gauges' rectangles to its tooltip zones.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

import pygame

from game.engine.api import nice, points
from game.engine.config import GameConfig
from game.engine.politics.model import IDEAS
from game.ui.map_labels import get_font

#: A sentence per idea of international relations, for tooltips and the decisions panel.
IDEA_NOTES = {
    "balance_of_power": "States arm and ally so that no one power dominates; a side close to winning pulls "
                        "its rival's friends in.",
    "collective_security": "An attack on one member is answered by all, through the United Nations; the "
                           "coalition holds only while its members agree.",
    "limited_war": "Both sides fight for limited aims with limited means, and may settle for less than victory.",
    "escalation_control": "Each side tries to win without provoking a wider war, reading the other's red lines.",
    "buffer_state": "A great power will not let a hostile army reach its border: Korea as China's buffer.",
    "proxy_war": "Great powers fight through others, supplying and advising while avoiding open war "
                 "with each other.",
}

#: Shorter labels for the known tracks when a gauge is narrow (any other label is cut with an ellipsis): each a
#: shortening of the scenario's label a reader knows for the same gauge -- its words in order, cut short, its
#: qualifier kept ("War weariness (communist)" -> "Weariness (comm.)" -> "Wear. (comm.)"), never another name
#: ("PRC entry" for "PRC intervention pressure").  The tooltip and the rules reference give the full label.
SHORT = {
    "escalation": "Escal.",
    "intervention": "PRC intervention",
    "cohesion": "UN cohesion",
    "weariness_un": "Weariness (UN)",
    "weariness_communist": "Weariness (comm.)",
    "talks": "Talks",
    "balance": "Balance",
}
TINY = {"cohesion": "Cohesion", "weariness_un": "Wear. (UN)", "weariness_communist": "Wear. (comm.)",
        "intervention": "PRC interv."}

#: Escalation by danger: below the first threshold, then past each further one.
DANGER = ((96, 168, 96), (226, 178, 60), (226, 110, 40), (214, 50, 40), (150, 20, 20))
NEUTRAL = (201, 162, 74)
BG = (36, 35, 30)
BAR_BG = (22, 21, 18)
BAR_EDGE = (107, 95, 67)
TEXT = (239, 232, 212)
MUTED = (176, 166, 138)
TICK = (245, 236, 210)
TALKS_COLOURS = {"closed": (140, 134, 118), "open": (110, 190, 120), "suspended": (226, 160, 60),
                 "signed": (150, 200, 240)}


def esc(text: object) -> str:
    return html.escape(str(text))


def idea_name(idea: str) -> str:
    return IDEAS.get(idea, idea.replace("_", " ").capitalize()) if idea else ""


def fmt(value: float) -> str:
    """A track's value, threshold or bound in whole points, as every gauge and log line reads it."""
    return str(points(value))


@dataclass(frozen=True)
class TrackValues:
    """What the gauges and charts read: the scenario's config, the tracks' values, the talks and the date.

    A seat's Observation has these attributes (its public tracks); the end
    screen builds one from the match's final truth.
    """

    config: GameConfig
    tracks: dict[str, float]
    talks: str
    date: date


@dataclass
class Gauge:
    """One track as the top bar shows it."""

    name: str
    label: str
    value: float
    lo: float
    hi: float
    thresholds: tuple[tuple[str, float], ...]
    kind: str = "track"              # "track", "balance" (centred at 0) or "talks"
    status: str = ""                 # talks: closed / open / suspended / signed
    colour: tuple[int, int, int] = NEUTRAL
    value_text: str = ""
    tip: str = ""
    blocs: dict = field(default_factory=dict)   # balance: bloc -> colour

    @property
    def fraction(self) -> float:
        span = self.hi - self.lo
        return 0.0 if span <= 0 else max(0.0, min(1.0, (self.value - self.lo) / span))

    def at(self, value: float) -> float:
        span = self.hi - self.lo
        return 0.0 if span <= 0 else max(0.0, min(1.0, (value - self.lo) / span))

    @property
    def stage(self) -> str:
        """The last threshold reached ('' below the first)."""
        passed = [n for n, v in self.thresholds if self.value >= v]
        return nice(passed[-1]) if passed else ""


def danger_colour(value: float, thresholds) -> tuple[int, int, int]:
    passed = sum(1 for _n, v in thresholds if value >= v)
    return DANGER[min(passed, len(DANGER) - 1)]


def gauges(view, palette=None) -> list[Gauge]:
    """The scenario's public tracks as gauges, in the scenario's order (empty without politics).

    ``view``: an Observation or a :class:`TrackValues` (``config``, ``tracks``, ``talks``).
    """
    pol = view.config.politics
    if pol is None:
        return []
    bloc_colours = dict(getattr(palette, "bloc_dark", {}) or {"un": (34, 74, 140), "communist": (140, 24, 30)})
    light = {"un": (120, 170, 230), "communist": (230, 110, 100)}
    if palette is not None and palette.name == "colourblind":
        light = {"un": (86, 180, 233), "communist": (230, 159, 0)}
    out = []
    for name, spec in pol.tracks.items():
        if not spec.public:
            continue
        value = float(view.tracks.get(name, spec.start))
        g = Gauge(name, spec.label, value, spec.lo, spec.hi, tuple(spec.thresholds), blocs=bloc_colours)
        g.value_text = fmt(value)             # whole points on every gauge: one scale, 0.3 reads 0 of 100
        if name == "talks":
            g.kind = "talks"
            g.status = str(view.talks or "closed")
            g.colour = TALKS_COLOURS.get(g.status, MUTED)
            g.value_text = g.status if g.status in ("closed", "signed") else f"{g.status} {fmt(value)}%"
        elif spec.lo < 0 < spec.hi:
            g.kind = "balance"
            lead = "un" if value > 0 else "communist"
            g.colour = light.get(lead, NEUTRAL)
            if abs(value) < 2:
                g.value_text = "even"
            else:
                g.value_text = f"{'UN' if lead == 'un' else 'Comm.'} +{fmt(abs(value))}"
        elif name == "escalation":
            g.colour = danger_colour(value, spec.thresholds)
        elif name == "cohesion" and spec.thresholds and value < spec.thresholds[0][1]:
            g.colour = DANGER[3]
        elif name.endswith("_un"):
            g.colour = light["un"]
        elif name.endswith("_communist"):
            g.colour = light["communist"]
        g.tip = tooltip(spec, g)
        out.append(g)
    return out


def tooltip(spec, g: Gauge) -> str:
    """What moves the track, what its thresholds do, which idea it shows (HTML for a UITooltip)."""
    rng = f"{fmt(spec.lo)}–{fmt(spec.hi)}"
    head = f"<b>{esc(spec.label)}</b>: {esc(g.value_text)} <font color='#9c927a'>(range {rng})</font>"
    lines = [head]
    if g.kind == "talks":
        words = {"closed": "No talks yet.", "open": "The delegations are talking; progress grows each turn "
                                                    "with war weariness and a stable front.",
                 "suspended": "The talks are suspended.", "signed": "The armistice is signed."}
        lines.append(esc(words.get(g.status, g.status)))
    if g.kind == "balance":
        lines.append("Positive: the UN side dominates the peninsula; negative: the communist side "
                     "(combat power in Korea and ground held).")
    if g.stage:
        lines.append(f"Now past: <b>{esc(g.stage)}</b>")
    if spec.moved_by:
        lines.append(f"<i>Moved by:</i> {esc(spec.moved_by)}")
    if spec.thresholds:
        marks = ", ".join(f"{esc(nice(n, start=False))} at {fmt(v)}" + (" (passed)" if g.value >= v else "")
                          for n, v in spec.thresholds)
        lines.append(f"<i>Thresholds:</i> {marks}")
    if spec.does:
        lines.append(f"<i>Does:</i> {esc(spec.does)}")
    if spec.idea:
        note = IDEA_NOTES.get(spec.idea, "")
        lines.append(f"<font color='#8fc1e3'><b>Idea: {esc(idea_name(spec.idea))}</b></font>"
                     + (f" — {esc(note)}" if note else ""))
    return "<br>".join(lines)


# -- layout ---------------------------------------------------------------------------------------------

def flow(widths: list[int], total: int, gap: int) -> list[list[int]]:
    """Split items of minimum ``widths`` into rows of at most ``total`` px (each row at least one item).

    The fewest rows that fit (filled in order), then as even a count per row as fits in that many rows: an
    item wider than the rest (the date and turn at a large scale) shares its row rather than forcing a row
    for every pair of gauges.
    """
    n = len(widths)
    if n == 0:
        return []
    greedy: list[list[int]] = [[]]
    used = 0
    for i, w in enumerate(widths):
        if greedy[-1] and used + gap + w > total:
            greedy.append([])
            used = 0
        used += (gap if greedy[-1] else 0) + w
        greedy[-1].append(i)
    rows = len(greedy)
    per = -(-n // rows)
    even = [list(range(k, min(n, k + per))) for k in range(0, n, per)]
    if len(even) == rows and all(sum(widths[i] for i in row) + gap * (len(row) - 1) <= total or len(row) == 1
                                 for row in even):
        return even
    return greedy


def place(widths: list[int], weights: list[float], x: int, y: int, total: int, row_h: int, gap: int,
          row_gap: int) -> list[pygame.Rect]:
    """Rectangles for items laid out by :func:`flow`, each row stretched to ``total`` by weight."""
    rects: list[pygame.Rect | None] = [None] * len(widths)
    for r, row in enumerate(flow(widths, total, gap)):
        spare = total - sum(widths[i] for i in row) - gap * (len(row) - 1)
        wsum = sum(weights[i] for i in row)
        extras = {i: int(spare * weights[i] / wsum) if wsum > 0 else 0 for i in row}
        if wsum > 0:   # the rounding remainder to the first stretchable item
            first = next(i for i in row if weights[i] > 0)
            extras[first] += spare - sum(extras.values())
        xx = x
        for i in row:
            w = widths[i] + extras[i]
            rects[i] = pygame.Rect(xx, y + r * (row_h + row_gap), w, row_h)
            xx += w + gap
    return [r for r in rects if r is not None]


# -- drawing --------------------------------------------------------------------------------------------

def fit_label(g: Gauge, font: pygame.font.Font, room: int) -> str:
    """The label, else it without trailing words ("PRC intervention pressure" -> "PRC intervention"),
    else a known short form, else cut with an ellipsis."""
    words = g.label.split()
    # Never drop a qualifier: "War weariness (UN)" and "(communist)" must stay apart.
    shorter = [] if "(" in g.label else [
        " ".join(words[:k]) for k in range(len(words) - 1, 1, -1)
        if words[k - 1].lower() not in ("of", "the", "and", "a", "to", "in")]
    for text in (g.label, *shorter, SHORT.get(g.name, ""), TINY.get(g.name, "")):
        if text and font.size(text)[0] <= room:
            return text
    text = TINY.get(g.name) or SHORT.get(g.name) or g.label
    while len(text) > 2 and font.size(text + "…")[0] > room:
        text = text[:-1]
    return text + "…"


def label_room(width: int, value_text: str, scale: float) -> int:
    """The px a gauge ``width`` px wide leaves its label beside ``value_text`` (its padding and the gap between):
    one rule for drawing a gauge and for the narrowest a gauge may be."""
    s = lambda px: max(1, int(round(px * scale)))  # noqa: E731
    return width - 2 * s(6) - get_font(s(13), bold=True).size(value_text)[0] - s(6)


def gauge_label(g: Gauge, width: int, scale: float) -> str:
    """The label ``g`` shows in a gauge ``width`` px wide at ``scale``: beside its value, as much as fits."""
    return fit_label(g, get_font(max(1, int(round(13 * scale)))), label_room(width, g.value_text, scale))


def draw_gauge(surface: pygame.Surface, rect: pygame.Rect, g: Gauge, scale: float, hover: bool = False) -> None:
    """One gauge in ``rect``: label and value on a line, the bar with its threshold ticks under it."""
    s = lambda px: max(1, int(round(px * scale)))  # noqa: E731
    if hover:
        pygame.draw.rect(surface, (58, 55, 44), rect, border_radius=s(4))
    pad = s(6)
    label_font = get_font(s(13))
    value_font = get_font(s(13), bold=True)
    value_img = value_font.render(g.value_text, True, g.colour if g.kind != "track" or g.name == "escalation"
                                  else TEXT)
    label_img = label_font.render(gauge_label(g, rect.width, scale), True, MUTED)
    ty = rect.y + s(3)
    surface.blit(label_img, (rect.x + pad, ty))
    surface.blit(value_img, (rect.right - pad - value_img.get_width(), ty))
    bar = pygame.Rect(rect.x + pad, rect.y + s(3) + max(label_img.get_height(), value_img.get_height()) + s(2),
                      rect.width - 2 * pad, s(8))
    rad = bar.height // 2
    pygame.draw.rect(surface, BAR_BG, bar, border_radius=rad)
    if g.kind == "balance":
        mid = bar.x + int(bar.width * g.at(0.0))
        x = bar.x + int(bar.width * g.fraction)
        left, right = min(mid, x), max(mid, x)
        if right - left >= 1:
            fill = pygame.Rect(left, bar.y, right - left, bar.height)
            pygame.draw.rect(surface, g.colour, fill, border_radius=rad if (left == bar.x or right == bar.right)
                             else 0)
        # Faint bloc tints at the ends say which side is which.
        for side, xx in (("communist", bar.x + s(2)), ("un", bar.right - s(5))):
            col = g.blocs.get(side)
            if col:
                pygame.draw.rect(surface, col, (xx, bar.y + s(2), s(3), bar.height - 2 * s(2)))
        pygame.draw.line(surface, TICK, (mid, bar.y - s(3)), (mid, bar.bottom + s(2)), max(1, s(2)))
    else:
        w = int(bar.width * g.fraction)
        if g.kind == "talks" and g.status == "closed":
            w = 0
        if w > 0:
            pygame.draw.rect(surface, g.colour, (bar.x, bar.y, max(w, rad * 2), bar.height), border_radius=rad)
    pygame.draw.rect(surface, BAR_EDGE, bar, 1, border_radius=rad)
    for _n, v in g.thresholds:
        if v <= g.lo or v > g.hi:
            continue
        x = bar.x + int(bar.width * g.at(v))
        x = min(x, bar.right - 2)
        passed = g.value >= v
        pygame.draw.line(surface, (20, 20, 18), (x + 1, bar.y - s(3)), (x + 1, bar.bottom + s(2)), 1)
        pygame.draw.line(surface, TICK if not passed else (255, 255, 255), (x, bar.y - s(3)),
                         (x, bar.bottom + s(2)), max(1, s(2) if passed else s(1)))


def draw_strip_background(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, BG, rect)
    pygame.draw.line(surface, BAR_EDGE, (rect.x, rect.bottom - 1), (rect.right, rect.bottom - 1))


class TracksBar:
    """Lays out and draws the gauges of one position in the strip under the top bar.

    ``lead`` and ``tail`` are the minimum widths of items the screen puts in the
    same flow as widgets (the date and turn when the top bar is narrow; the
    Decisions button): :meth:`layout` returns their rectangles too.
    """

    GAUGE_MIN = 118

    def __init__(self, scale: float):
        self.scale = scale
        self.gauges: list[Gauge] = []
        self.rects: list[pygame.Rect] = []
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.hover: int | None = None

    def s(self, px: float) -> int:
        return int(round(px * self.scale))

    @property
    def row_height(self) -> int:
        return self.s(36)

    def gauge_min_width(self, g: Gauge) -> int:
        """The narrowest ``g`` may be drawn: its shortest label form beside the widest value its kind shows, so a
        label is shortened by a rule a reader can follow ("Balance", never "Bal...") and never cut."""
        font = get_font(self.s(13))
        label = min((t for t in (g.label, SHORT.get(g.name, ""), TINY.get(g.name, "")) if t),
                    key=lambda t: font.size(t)[0])
        widest = {"balance": "Comm. +100", "talks": "suspended 100%"}.get(g.kind, f"{max(abs(g.lo), abs(g.hi)):.0f}")
        # The width whose label room (label_room) holds the shortest label, and a pixel or two for rounding.
        spare = label_room(0, widest, self.scale)
        return max(self.s(self.GAUGE_MIN), font.size(label)[0] - spare + self.s(2))

    def layout(self, x: int, y: int, width: int, mins: list[int], lead: int = 0, tail: int = 0) \
            -> tuple[list[pygame.Rect], pygame.Rect | None, pygame.Rect | None, int]:
        """(gauge rects, lead rect, tail rect, total height) for gauges at least ``mins`` px wide in ``width`` px."""
        widths = ([lead] if lead else []) + list(mins) + ([tail] if tail else [])
        weights = ([0.35] if lead else []) + [1.0] * len(mins) + ([0.0] if tail else [])
        gap, row_gap = self.s(6), self.s(2)
        pad = self.s(6)
        rects = place(widths, weights, x + pad, y + self.s(3), width - 2 * pad, self.row_height, gap, row_gap)
        lead_r = rects.pop(0) if lead else None
        tail_r = rects.pop() if tail else None
        rows = len({r.y for r in rects + [r for r in (lead_r, tail_r) if r is not None]}) or 1
        height = rows * self.row_height + (rows - 1) * row_gap + self.s(6)
        return rects, lead_r, tail_r, height

    def set(self, gauges: list[Gauge], rects: list[pygame.Rect], strip: pygame.Rect) -> None:
        self.gauges, self.rects, self.rect = gauges, rects, strip

    def labels_drawn(self) -> list[str]:
        """The label each gauge shows now (for tests: none is cut short)."""
        return [gauge_label(g, r.width, self.scale) for g, r in zip(self.gauges, self.rects)]

    def gauge_at(self, pos) -> int | None:
        for k, r in enumerate(self.rects):
            if r.collidepoint(pos):
                return k
        return None

    def draw(self, surface: pygame.Surface, mouse=None) -> None:
        if not self.gauges:
            return
        hover = self.gauge_at(mouse) if mouse is not None else None
        for k, (g, r) in enumerate(zip(self.gauges, self.rects)):
            draw_gauge(surface, r, g, self.scale, hover=k == hover)
            if k and r.y == self.rects[k - 1].y:
                x = r.x - self.s(3)
                pygame.draw.line(surface, (70, 64, 48), (x, r.y + self.s(4)), (x, r.bottom - self.s(4)))
