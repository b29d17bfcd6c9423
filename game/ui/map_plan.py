"""The computer's plans on the map: the line it holds, its reserves, its main axis, a planned landing.

Plans arrive as plain data from the session (``Table.visible_plans``, which alone decides who may see
whose plan): per seat, ``front`` [[q, r], ...], ``reserve_at`` (the hexes of its reserve units),
``axis`` [[q, r], [q, r]], ``landing`` [q, r] or None, and ``stance``.  :func:`plans_to_draw` turns them
into :class:`PlanShown` values; :func:`draw_plans` draws them over the counters of a map view (the line
as a thick dashed line joining the front hexes, reserves ringed, the axis as an arrow, a landing as a
target) and :func:`draw_plan_legend` says whose plan is which colour.  Pixels come from the
:class:`~game.ui.layout.Layout` only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

from game.engine.hexes import Hex

from .counters import counter_size
from .layout import Layout
from .map_labels import render_text
from .map_lines import dashes, polyline

#: One colour per seat (in the scenario's seat order): bright, far from the terrain's greens and browns
#: and from the counters' blues and reds; each drawn on a dark edge so it reads over any ground.
PLAN_COLOURS = ((255, 214, 10), (0, 224, 255), (255, 90, 230), (255, 150, 20))
EDGE = (16, 16, 16)
STANCES = {"attack": "attacking", "hold": "holding its line", "fall back": "falling back"}


@dataclass(frozen=True)
class PlanShown:
    """One computer seat's plan, ready to draw."""

    seat: str
    name: str
    colour: tuple[int, int, int]
    stance: str
    front: tuple[Hex, ...]
    reserve: tuple[Hex, ...]
    axis: tuple[Hex, Hex] | None
    landing: Hex | None


def _hex(pair) -> Hex | None:
    try:
        q, r = pair
        return Hex(int(q), int(r))
    except (TypeError, ValueError):
        return None


def plans_to_draw(plans: dict[str, dict], config) -> list[PlanShown]:
    """:class:`PlanShown` values of ``plans`` (seat -> plan data), in the scenario's seat order."""
    out = []
    for k, seat in enumerate(config.seats):
        plan = plans.get(seat.id)
        if not isinstance(plan, dict):
            continue
        front = tuple(h for h in (_hex(p) for p in plan.get("front") or ()) if h is not None)
        reserve = tuple(h for h in (_hex(p) for p in plan.get("reserve_at") or ()) if h is not None)
        ends = [h for h in (_hex(p) for p in (plan.get("axis") or ())[:2]) if h is not None]
        axis = (ends[0], ends[1]) if len(ends) == 2 and ends[0] != ends[1] else None
        landing = _hex(plan["landing"]) if plan.get("landing") else None
        out.append(PlanShown(seat.id, seat.name, PLAN_COLOURS[k % len(PLAN_COLOURS)], str(plan.get("stance", "")),
                             front, reserve, axis, landing))
    return out


def front_links(front: tuple[Hex, ...]) -> list[tuple[Hex, Hex]]:
    """Pairs of neighbouring front hexes that draw the line: a spanning forest of the front (no triangles,
    no loops), so a band of hexes reads as a line; isolated hexes have no link (they get a dot)."""
    index = {h: k for k, h in enumerate(front)}
    parent = list(range(len(front)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    links = []
    # Neighbours east, south-east, south-west first (the line runs west to east across Korea).
    for h in front:
        for dq, dr in ((1, 0), (0, 1), (-1, 1)):
            other = Hex(h.q + dq, h.r + dr)
            j = index.get(other)
            if j is None:
                continue
            a, b = find(index[h]), find(j)
            if a != b:
                parent[a] = b
                links.append((h, other))
    return links


def draw_plans(surf: pygame.Surface, layout: Layout, shown: list[PlanShown]) -> None:
    """Draw every plan of ``shown`` on ``surf`` (the map view's surface, in the layout's pixels)."""
    if shown:
        surf.blit(render_plans(surf.get_size(), layout, shown), (0, 0))


def render_plans(view_size: tuple[int, int], layout: Layout, shown: list[PlanShown]) -> pygame.Surface:
    """The plans of ``shown`` on a transparent layer of ``view_size`` (the map view keeps it while the camera
    and the plans stay the same)."""
    size = layout.size
    w, h = view_size
    layer = pygame.Surface((w, h), pygame.SRCALPHA)
    layer.fill((0, 0, 0, 0))
    margin = 3 * size
    inside = lambda p: -margin <= p[0] <= w + margin and -margin <= p[1] <= h + margin  # noqa: E731
    width = max(4.0, min(16.0, size * 0.3))
    for plan in shown:
        col = plan.colour
        # The line held: dashes along the links between front hexes, a dot on a front hex standing alone.
        linked: set[Hex] = set()
        dash, gap = max(6.0, size * 0.55), max(4.0, size * 0.35)
        for a, b in front_links(plan.front):
            pa, pb = layout.hex_to_pixel(a), layout.hex_to_pixel(b)
            linked.update((a, b))
            if not (inside(pa) or inside(pb)):
                continue
            pts = np.array([pa, pb])
            for piece in dashes(pts, dash, gap):
                polyline(layer, (*EDGE, 230), piece, width + 4)
                polyline(layer, (*col, 235), piece, width)
        for hx in plan.front:
            if hx not in linked:
                p = layout.hex_to_pixel(hx)
                if inside(p):
                    pygame.draw.circle(layer, (*EDGE, 230), p, width * 0.9 + 2)
                    pygame.draw.circle(layer, (*col, 235), p, width * 0.9)
        # The reserve: a ring around each reserve unit's hex (one ring per hex).
        ring = counter_size(size) * 0.78
        rw = max(3, int(width * 0.6))
        for hx in dict.fromkeys(plan.reserve):
            p = layout.hex_to_pixel(hx)
            if inside(p):
                pygame.draw.circle(layer, (*EDGE, 220), p, ring + rw / 2 + 2, rw + 4)
                pygame.draw.circle(layer, (*col, 240), p, ring + rw / 2, rw)
        # The main axis: a broad arrow from the mass of its forces to the goal.
        if plan.axis is not None:
            _arrow(layer, layout.hex_to_pixel(plan.axis[0]), layout.hex_to_pixel(plan.axis[1]), col,
                   max(8.0, min(30.0, size * 0.6)))
        # A planned landing: a target on the beach.
        if plan.landing is not None:
            p = layout.hex_to_pixel(plan.landing)
            if inside(p):
                r = max(10.0, size * 0.9)
                for rad, c, lw in ((r + 2, EDGE, int(width) + 4), (r, col, int(width)), (r * 0.45, col, 0)):
                    pygame.draw.circle(layer, (*c, 235), p, rad, max(0, lw))
                tag = render_text("landing", max(11, min(18, int(size * 0.45))), col, EDGE, bold=True)
                layer.blit(tag, (p[0] - tag.get_width() / 2, p[1] + r + 4))
    return layer


def _arrow(surf: pygame.Surface, a: tuple[float, float], b: tuple[float, float], col, shaft: float) -> None:
    """A broad arrow from ``a`` to ``b``, edged dark, a little translucent so the counters show through."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    if length < shaft * 2:
        return
    ux, uy = dx / length, dy / length
    nx, ny = -uy, ux
    head = min(shaft * 2.4, length * 0.45)
    neck = (b[0] - ux * head, b[1] - uy * head)
    half = shaft / 2
    pts = [(a[0] + nx * half, a[1] + ny * half), (neck[0] + nx * half, neck[1] + ny * half),
           (neck[0] + nx * shaft * 1.3, neck[1] + ny * shaft * 1.3), b,
           (neck[0] - nx * shaft * 1.3, neck[1] - ny * shaft * 1.3), (neck[0] - nx * half, neck[1] - ny * half),
           (a[0] - nx * half, a[1] - ny * half)]
    pygame.draw.polygon(surf, (*col, 150), pts)
    pygame.draw.polygon(surf, (*EDGE, 230), pts, 3)


def legend_lines(shown: list[PlanShown]) -> list[tuple[tuple[int, int, int], str]]:
    """(colour, text) of each plan: whose it is and what it means to do."""
    out = []
    for plan in shown:
        stance = STANCES.get(plan.stance, plan.stance)
        extra = ", a landing planned" if plan.landing is not None else ""
        out.append((plan.colour, f"{plan.name} (computer): {stance}{extra}"))
    return out


def _legend_layout(rect: pygame.Rect, shown: list[PlanShown], scale: float):
    """The legend's box in the top-right corner of ``rect``, its rendered rows and keys, and its measures."""
    fs = max(12, round(14 * scale))
    rows = [(c, render_text(t, fs, (240, 232, 212), bold=True)) for c, t in legend_lines(shown)]
    keys = [(kind, render_text(text, fs, (214, 206, 184)))
            for kind, text in (("line", "line it holds"), ("ring", "reserve"), ("arrow", "main axis"))]
    pad = max(6, round(8 * scale))
    sw = round(26 * scale)
    key_w = sum(sw + pad + img.get_width() + 2 * pad for _k, img in keys)
    width = max([sw + pad + img.get_width() for _c, img in rows] + [key_w]) + 2 * pad
    line_h = max(img.get_height() for _c, img in rows)
    height = (line_h + 2) * (len(rows) + 1) + 3 * pad
    width = min(width, rect.width - 2 * pad)
    box = pygame.Rect(rect.right - pad - width, rect.y + pad, width, height)
    return box, rows, keys, pad, sw, line_h


def plan_legend_rect(rect: pygame.Rect, shown: list[PlanShown], scale: float = 1.0) -> pygame.Rect | None:
    """Where :func:`draw_plan_legend` puts its box in ``rect`` (None: no plans), for the labels to keep clear."""
    return _legend_layout(rect, shown, scale)[0] if shown else None


def draw_plan_legend(surf: pygame.Surface, rect: pygame.Rect, shown: list[PlanShown], scale: float = 1.0) -> None:
    """A box in the top-right corner of ``rect`` (the tutorial panel has the top-left, and hid it from a
    play-tester; the messages and the minimap have the bottom): each plan's colour and whose it is, then the
    symbols."""
    if not shown:
        return
    box, rows, keys, pad, sw, line_h = _legend_layout(rect, shown, scale)
    bg = pygame.Surface(box.size, pygame.SRCALPHA)
    bg.fill((24, 23, 20, 215))
    surf.blit(bg, box.topleft)
    pygame.draw.rect(surf, (200, 170, 100), box, 1)
    clip = surf.get_clip()
    surf.set_clip(box)
    y = box.y + pad
    thick, thin = max(4, round(7 * scale)), max(2, round(4 * scale))
    for col, img in rows:
        cy = y + line_h // 2
        pygame.draw.line(surf, EDGE, (box.x + pad, cy), (box.x + pad + sw, cy), thick)
        pygame.draw.line(surf, col, (box.x + pad, cy), (box.x + pad + sw, cy), thin)
        surf.blit(img, (box.x + 2 * pad + sw, y))
        y += line_h + 2
    y += pad
    x = box.x + pad
    grey = (226, 220, 200)
    cy = y + line_h // 2
    for kind, img in keys:
        if kind == "line":
            for k in range(3):
                x0 = x + k * sw // 3
                pygame.draw.line(surf, grey, (x0, cy), (x0 + sw // 5, cy), thin)
        elif kind == "ring":
            pygame.draw.circle(surf, grey, (x + sw // 2, cy), line_h // 2 - 1, max(2, thin - 1))
        else:
            _arrow(surf, (x, cy), (x + sw, cy), grey, max(4.0, line_h * 0.3))
        surf.blit(img, (x + sw + pad // 2, y))
        x += sw + pad + img.get_width() + 2 * pad
    surf.set_clip(clip)
