"""Unit counters with NATO (APP-6 style) map symbols.

A counter, ``S`` px square::

    +------------------------+
    | US               24    |   nation band: nation code, unit designation
    |          XX            |   size marker (XX division, X brigade, III regiment ...)
    | #   +----------+       |
    | #   |    \\/    |       |   frame and branch symbol; step pips on the left
    | o   |    /\\    |       |
    |     +----------+       |
    |        6-5-4           |   attack - defence - movement (at current strength)
    +------------------------+

Colour is never the only cue: UN-side counters have rounded corners and a plain rectangular
frame; communist counters have square corners and a frame with cut corners and a double line.
Nations differ by the text in the band, not only by its colour.

Counters are drawn at 3x and smoothed down, then cached by (unit, state, size, palette).
At small sizes a simplified counter (body, frame, branch symbol) is drawn instead.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

import pygame

from game.engine.units import Unit, scaled

from .map_labels import get_font
from .palette import Palette

SUPERSAMPLE = 3
#: Below this size (px) counters are drawn simplified: no text, no numbers.
DETAIL_MIN = 30
#: Below this size even the size marker goes.
MARKER_MIN = 18

SIZE_MARKS = {"army": "XXXX", "corps": "XXX", "division": "XX", "brigade": "X",
              "regiment": "III", "battalion": "II"}

_cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_CACHE_MAX = 1200


def designation(unit: Unit) -> str:
    """Short unit designation for the band: "24th Infantry Division" -> "24"."""
    m = re.search(r"\d+", unit.name)
    if m:
        return m.group(0)
    word = unit.name.split()[0] if unit.name.split() else unit.id
    return word[:3]


def counter_size(hex_radius: float) -> int:
    """Counter side in px for a hex radius: it sits inside the hex, with room to spare."""
    return int(max(12, min(round(hex_radius * 1.2), 110)))


def unit_values(unit: Unit) -> tuple[int, int, int]:
    """The attack, defence and movement printed on the counter (at current strength)."""
    return scaled(unit.attack_strength()), scaled(unit.defence_strength()), int(unit.movement)


def factors_words(unit: Unit) -> str:
    """The counter's attack-defence-movement in words for a card or tooltip, with the full-strength factors when
    losses or supply have cut them: "2-2-5 (attack-defence-move; 3-3 at full strength)"."""
    a, d, m = unit_values(unit)
    full = "" if (a, d) == (unit.attack, unit.defence) else f"; {unit.attack}-{unit.defence} at full strength"
    return f"{a}-{d}-{m} (attack-defence-move{full})"


def state_key(unit: Unit) -> tuple:
    """Everything about a unit that changes how its counter looks."""
    return (unit.nation, unit.type, unit.size, unit.steps, unit.max_steps, unit_values(unit),
            unit.moved, unit.attacked, unit.out_of_supply > 0, unit.hidden, designation(unit))


def render_counter(unit: Unit, bloc: str, size: int, palette: Palette, *, dimmed: bool = False,
                   show_hidden: bool = True) -> pygame.Surface:
    """The counter of ``unit`` (of ``bloc``) at ``size`` px, from the cache when possible."""
    key = (unit.id, state_key(unit), bloc, int(size), palette.name, dimmed, show_hidden)
    surf = _cache.get(key)
    if surf is not None:
        _cache.move_to_end(key)
        return surf
    surf = _draw_counter(unit, bloc, int(size), palette, dimmed, show_hidden)
    _cache[key] = surf
    while len(_cache) > _CACHE_MAX:
        _cache.popitem(last=False)
    return surf


def clear_cache() -> None:
    _cache.clear()
    _badges.clear()


# -----------------------------------------------------------------------------------------------


def _draw_counter(unit: Unit, bloc: str, size: int, pal: Palette, dimmed: bool,
                  show_hidden: bool) -> pygame.Surface:
    k = SUPERSAMPLE if size < 160 else 1
    S = size * k
    big = pygame.Surface((S, S), pygame.SRCALPHA)
    big.fill((0, 0, 0, 0))
    style = pal.nation(unit.nation, bloc)
    communist = bloc != "un"
    edge = pal.counter_edge
    radius = 0 if communist else max(2, int(S * 0.12))
    body = style.body
    body_rect = pygame.Rect(0, 0, S, S)
    pygame.draw.rect(big, body, body_rect, border_radius=radius)
    detail = size >= DETAIL_MIN
    lw = max(1, round(S * 0.035))
    # Nation band.
    band_h = int(S * 0.22) if detail else int(S * 0.18)
    band = pygame.Surface((S, band_h), pygame.SRCALPHA)
    band.fill((0, 0, 0, 0))
    pygame.draw.rect(band, style.band, (0, 0, S, band_h + radius + 2), border_radius=radius)
    big.blit(band, (0, 0))
    if detail:
        fs = int(band_h * 0.86)
        font = get_font(fs, bold=True, family="cond")
        t = font.render(style.label, True, style.text)
        big.blit(t, (int(S * 0.06), (band_h - t.get_height()) // 2 + 1))
        d = font.render(designation(unit), True, style.text)
        big.blit(d, (S - d.get_width() - int(S * 0.06), (band_h - d.get_height()) // 2 + 1))
    # The NATO frame.
    if detail:
        fw, fh = int(S * 0.56), int(S * 0.36)
        fx, fy = int(S * 0.27), int(S * 0.36)
    else:
        fw, fh = int(S * 0.70), int(S * 0.44)
        fx, fy = (S - fw) // 2, int(S * 0.40)
    frame = pygame.Rect(fx, fy, fw, fh)
    fill = _lighten(body, 0.55)
    if communist:
        c = int(min(fw, fh) * 0.22)
        poly = [(fx + c, fy), (fx + fw - c, fy), (fx + fw, fy + c), (fx + fw, fy + fh - c),
                (fx + fw - c, fy + fh), (fx + c, fy + fh), (fx, fy + fh - c), (fx, fy + c)]
        pygame.draw.polygon(big, fill, poly)
        pygame.draw.polygon(big, edge, poly, lw)
        inner = [(x + (lw * 2 if x < fx + fw / 2 else -lw * 2), y + (lw * 2 if y < fy + fh / 2 else -lw * 2))
                 for x, y in poly]
        if detail:
            pygame.draw.polygon(big, edge, inner, max(1, lw // 2))
    else:
        pygame.draw.rect(big, fill, frame)
        pygame.draw.rect(big, edge, frame, lw)
    _branch(big, unit.type, frame, edge, max(1, round(lw * 0.9)))
    # Size marker above the frame.
    if size >= MARKER_MIN:
        mark = SIZE_MARKS.get(unit.size, "")
        top = band_h + (fy - band_h) * 0.18
        _size_marker(big, mark, S / 2, top, (fy - band_h) * 0.62, edge, max(1, round(lw * 0.9)))
    if detail:
        # Step pips on the left, full ones for the steps left.
        pip = max(2, int(S * 0.085))
        gap = max(1, int(S * 0.03))
        n = max(unit.max_steps, 1)
        total = n * pip + (n - 1) * gap
        x = int(S * 0.07)
        y0 = fy + (fh - total) // 2
        for i in range(n):
            r = pygame.Rect(x, y0 + i * (pip + gap), pip, pip)
            if i < unit.steps:
                pygame.draw.rect(big, edge, r)
            else:
                pygame.draw.rect(big, _lighten(body, 0.7), r)
                pygame.draw.rect(big, edge, r, max(1, lw // 2))
        # Values.
        a, dv, m = unit_values(unit)
        font = get_font(int(S * 0.22), bold=True)
        parts = [(str(a), (190, 20, 20) if unit.out_of_supply > 0 else pal.counter_text),
                 ("-", pal.counter_text), (str(dv), pal.counter_text), ("-", pal.counter_text),
                 (str(m), pal.counter_text)]
        rendered = [font.render(t, True, c) for t, c in parts]
        wsum = sum(r.get_width() for r in rendered)
        x = (S - wsum) // 2
        y = int(S * 0.75)
        for r in rendered:
            big.blit(r, (x, y))
            x += r.get_width()
        # State marks on the right: out of supply (triangle with "!"), has attacked (crossed lines).
        rx = int(S * 0.88)
        if unit.out_of_supply > 0:
            t = int(S * 0.09)
            tri = [(rx, fy), (rx + t, fy + int(t * 1.7)), (rx - t, fy + int(t * 1.7))]
            pygame.draw.polygon(big, (250, 210, 40), tri)
            pygame.draw.polygon(big, (20, 20, 20), tri, max(1, lw // 2))
        if unit.attacked:
            t = int(S * 0.06)
            cy = fy + fh - t
            pygame.draw.line(big, edge, (rx - t, cy - t), (rx + t, cy + t), lw)
            pygame.draw.line(big, edge, (rx - t, cy + t), (rx + t, cy - t), lw)
    # Outline of the counter itself.
    pygame.draw.rect(big, edge, body_rect, max(1, round(S * 0.03)), border_radius=radius)
    if unit.hidden and show_hidden:
        _dashed_rect(big, (250, 250, 250), body_rect.inflate(-lw * 3, -lw * 3), lw, S * 0.1)
    if unit.moved or dimmed:
        shade = pygame.Surface((S, S), pygame.SRCALPHA)
        shade.fill((0, 0, 0, 0))
        pygame.draw.rect(shade, (30, 30, 30, 90), body_rect, border_radius=radius)
        big.blit(shade, (0, 0))
    if k == 1:
        return big
    return pygame.transform.smoothscale(big, (size, size))


def _lighten(c, f: float):
    return tuple(int(v + (255 - v) * f) for v in c[:3])


def _branch(s: pygame.Surface, kind: str, f: pygame.Rect, col, w: int) -> None:
    """The branch symbol inside frame ``f``."""
    x0, y0, x1, y1 = f.left + w, f.top + w, f.right - w - 1, f.bottom - w - 1
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    fw, fh = x1 - x0, y1 - y0

    def cross() -> None:
        pygame.draw.line(s, col, (x0, y0), (x1, y1), w)
        pygame.draw.line(s, col, (x0, y1), (x1, y0), w)

    def oval(scale: float = 1.0) -> None:
        ow, oh = fw * 0.62 * scale, fh * 0.52 * scale
        r = pygame.Rect(int(cx - ow / 2), int(cy - oh / 2), int(ow), int(oh))
        pygame.draw.rect(s, col, r, w, border_radius=int(oh / 2))

    def slash() -> None:
        pygame.draw.line(s, col, (x0, y1), (x1, y0), w)

    if kind == "infantry":
        cross()
    elif kind == "armour":
        oval()
    elif kind == "mechanized":
        cross()
        oval(0.8)
    elif kind == "cavalry":
        slash()
    elif kind == "recon":
        slash()
        oval(0.7)
    elif kind == "airborne":
        cross()
        # Wings: two shallow arcs at the foot of the frame.
        aw, ah = fw * 0.22, fh * 0.34
        base = y1 - fh * 0.05
        for sx in (cx - aw, cx):
            pygame.draw.arc(s, col, (int(sx), int(base - ah), int(aw), int(ah * 2)), 0, math.pi, w)
    elif kind == "marine":
        # An anchor over a wave: naval infantry.
        a = fh * 0.36
        pygame.draw.line(s, col, (cx, cy - a), (cx, cy + a * 0.9), w)
        pygame.draw.line(s, col, (cx - a * 0.45, cy - a * 0.45), (cx + a * 0.45, cy - a * 0.45), w)
        pygame.draw.circle(s, col, (cx, cy - a - w), max(w, a * 0.18), w)
        pygame.draw.arc(s, col, (int(cx - a), int(cy - a * 0.4), int(2 * a), int(a * 1.35)), math.pi * 1.05,
                        math.pi * 1.95, w)
        for side in (-1, 1):
            pygame.draw.line(s, col, (cx + side * a * 0.98, cy + a * 0.05), (cx + side * a * 0.7, cy - a * 0.1), w)
        # Wave under the anchor, across the frame.
        pts = [(x0 + fw * t, y1 - fh * 0.1 - math.sin(t * math.pi * 4) * fh * 0.05) for t in
               [i / 16 for i in range(17)]]
        pygame.draw.lines(s, col, False, pts, max(1, w - 1))
    elif kind == "constabulary":
        cross()
        pygame.draw.line(s, col, (x0, y0 + fh * 0.2), (x1, y0 + fh * 0.2), w)
    elif kind == "special":
        r = fh * 0.42
        pts = []
        for i in range(10):
            ang = -math.pi / 2 + i * math.pi / 5
            rr = r if i % 2 == 0 else r * 0.42
            pts.append((cx + rr * math.cos(ang), cy + rr * math.sin(ang) + r * 0.08))
        pygame.draw.polygon(s, col, pts)
    else:
        font = get_font(max(6, int(fh * 0.7)), bold=True)
        t = font.render("?", True, col)
        s.blit(t, (cx - t.get_width() / 2, cy - t.get_height() / 2))


def _size_marker(s: pygame.Surface, mark: str, cx: float, top: float, h: float, col, w: int) -> None:
    """XX / III ... drawn as strokes (crisper than text at small sizes)."""
    if not mark:
        return
    unit_w = h * 0.8
    gap = h * 0.25
    widths = [unit_w if ch == "X" else w * 1.0 for ch in mark]
    total = sum(widths) + gap * (len(mark) - 1)
    x = cx - total / 2
    for ch, cw in zip(mark, widths):
        if ch == "X":
            pygame.draw.line(s, col, (x, top), (x + cw, top + h), w)
            pygame.draw.line(s, col, (x, top + h), (x + cw, top), w)
        else:
            pygame.draw.line(s, col, (x + cw / 2, top), (x + cw / 2, top + h), w)
        x += cw + gap


def _dashed_rect(s: pygame.Surface, col, r: pygame.Rect, w: int, dash: float) -> None:
    edges = [((r.left, r.top), (r.right, r.top)), ((r.right, r.top), (r.right, r.bottom)),
             ((r.right, r.bottom), (r.left, r.bottom)), ((r.left, r.bottom), (r.left, r.top))]
    for (ax, ay), (bx, by) in edges:
        length = math.hypot(bx - ax, by - ay)
        n = max(1, int(length / dash))
        for i in range(0, n, 2):
            t0, t1 = i / n, min((i + 1) / n, 1.0)
            pygame.draw.line(s, col, (ax + (bx - ax) * t0, ay + (by - ay) * t0),
                             (ax + (bx - ax) * t1, ay + (by - ay) * t1), w)


# -- stacks --------------------------------------------------------------------------------------


def stack_offset(size: int) -> int:
    """How far each counter under the top one peeks out (px)."""
    return max(2, size // 12)


def draw_stack(surface: pygame.Surface, counters: list[pygame.Surface], centre: tuple[float, float],
               size: int, badge_font_px: int | None = None) -> pygame.Rect:
    """Draw a stack of counter surfaces (bottom first) centred on ``centre``; a count badge when
    more than one.  Returns the rect of the top counter."""
    n = len(counters)
    off = stack_offset(size)
    cx, cy = centre
    base_x = cx - size / 2 + off * (n - 1) / 2
    base_y = cy - size / 2 + off * (n - 1) / 2
    top = pygame.Rect(0, 0, size, size)
    for i, c in enumerate(counters):
        x = int(base_x - i * off)
        y = int(base_y - i * off)
        surface.blit(c, (x, y))
        top = pygame.Rect(x, y, size, size)
    if n > 1 and size >= 22:
        surface.blit(stack_badge(n, badge_font_px or max(9, int(size * 0.3))),
                     (top.right - int(size * 0.22), top.top - int(size * 0.18)))
    return top


_badges: dict[tuple[int, int], pygame.Surface] = {}


def stack_badge(n: int, px: int) -> pygame.Surface:
    key = (n, px)
    b = _badges.get(key)
    if b is None:
        font = get_font(px, bold=True)
        t = font.render(str(n), True, (255, 255, 255))
        d = max(t.get_width(), t.get_height()) + 4
        b = pygame.Surface((d, d), pygame.SRCALPHA)
        b.fill((0, 0, 0, 0))
        pygame.draw.circle(b, (25, 25, 25), (d / 2, d / 2), d / 2)
        pygame.draw.circle(b, (250, 250, 250), (d / 2, d / 2), d / 2, max(1, px // 10))
        b.blit(t, ((d - t.get_width()) / 2, (d - t.get_height()) / 2))
        _badges[key] = b
    return b


pygame.register_quit(clear_cache)
