"""Pixel-space line work for the map: smoothing, thinning, dashes, railway ties, polygon
clipping, and antialiased polylines of any width.  Pure numpy + pygame.draw; no map knowledge.
"""

from __future__ import annotations

import numpy as np
import pygame


def chaikin(pts: np.ndarray, iterations: int = 2) -> np.ndarray:
    """Corner-cutting smoothing of an open polyline; the end points stay put."""
    for _ in range(iterations):
        if len(pts) < 3:
            return pts
        a, b = pts[:-1], pts[1:]
        q = 0.75 * a + 0.25 * b
        r = 0.25 * a + 0.75 * b
        mid = np.empty((2 * len(a), 2))
        mid[0::2] = q
        mid[1::2] = r
        pts = np.vstack([pts[:1], mid[1:-1], pts[-1:]])
    return pts


def simplify(pts: np.ndarray, tol: float) -> np.ndarray:
    """Keep about one vertex per ``tol`` of length along the line (and both ends)."""
    if len(pts) <= 2 or tol <= 0:
        return pts
    d = np.diff(pts, axis=0)
    cum = np.concatenate([[0.0], np.cumsum(np.hypot(d[:, 0], d[:, 1]))])
    bins = np.floor(cum / tol)
    keep = np.concatenate([[True], bins[1:] != bins[:-1]])
    keep[-1] = True
    return pts[keep]


def dashes(pts: np.ndarray, on: float, off: float, phase: float = 0.0) -> list[np.ndarray]:
    """Split a pixel polyline into dash polylines of length ``on`` separated by ``off``."""
    if len(pts) < 2:
        return []
    d = np.diff(pts, axis=0)
    seg = np.hypot(d[:, 0], d[:, 1])
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    total = cum[-1]
    out = []
    t = -phase
    period = on + off
    while t < total:
        a, b = max(t, 0.0), min(t + on, total)
        if b > a:
            out.append(_sub_polyline(pts, cum, a, b))
        t += period
    return out


def _sub_polyline(pts: np.ndarray, cum: np.ndarray, a: float, b: float) -> np.ndarray:
    ia = int(np.searchsorted(cum, a, side="right")) - 1
    ib = int(np.searchsorted(cum, b, side="left"))
    ia = min(max(ia, 0), len(pts) - 2)
    ib = min(max(ib, 1), len(pts) - 1)

    def at(t: float, i: int) -> np.ndarray:
        span = cum[i + 1] - cum[i]
        f = 0.0 if span <= 0 else (t - cum[i]) / span
        return pts[i] + (pts[i + 1] - pts[i]) * f

    mid = pts[ia + 1:ib]
    return np.vstack([at(a, ia), mid, at(b, ib - 1)])


def ticks(pts: np.ndarray, every: float, half: float) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Short cross-ties across a polyline every ``every`` px (the railway symbol)."""
    if len(pts) < 2:
        return []
    d = np.diff(pts, axis=0)
    seg = np.hypot(d[:, 0], d[:, 1])
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    ts = np.arange(every / 2, cum[-1], every)
    if len(ts) == 0:
        return []
    i = np.clip(np.searchsorted(cum, ts, side="right") - 1, 0, len(seg) - 1)
    sg = np.where(seg[i] > 0, seg[i], 1.0)
    f = (ts - cum[i]) / sg
    p = pts[i] + d[i] * f[:, None]
    nx = -d[i, 1] / sg * half
    ny = d[i, 0] / sg * half
    a = np.column_stack([p[:, 0] - nx, p[:, 1] - ny]).tolist()
    b = np.column_stack([p[:, 0] + nx, p[:, 1] + ny]).tolist()
    return list(zip(a, b))


def clip_polygon(pts: np.ndarray, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
    """Sutherland-Hodgman clip of a polygon to a rectangle (vectorised per side).

    Filling a huge coastline polygon costs pygame time for every edge on every row, so each
    tile fills only the part that touches it."""
    for axis, value, keep_greater in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        n = len(pts)
        if n == 0:
            return pts
        q = np.roll(pts, -1, axis=0)
        ins_p = pts[:, axis] >= value if keep_greater else pts[:, axis] <= value
        ins_q = q[:, axis] >= value if keep_greater else q[:, axis] <= value
        cross = ins_p != ins_q
        denom = q[:, axis] - pts[:, axis]
        t = np.where(cross, (value - pts[:, axis]) / np.where(denom == 0, 1, denom), 0.0)
        inter = pts + (q - pts) * t[:, None]
        counts = ins_q.astype(np.int64) + cross.astype(np.int64)
        total = int(counts.sum())
        if total == 0:
            return np.zeros((0, 2))
        pos = np.cumsum(counts) - counts
        out = np.empty((total, 2))
        first = np.where(cross[:, None], inter, q)
        has = counts >= 1
        out[pos[has]] = first[has]
        two = counts == 2
        out[pos[two] + 1] = q[two]
        pts = out
    return pts


def visible_runs(pts: np.ndarray, w: float, h: float, margin: float = 8.0) -> list[np.ndarray]:
    """The runs of a pixel polyline whose segments touch the rect (-margin .. w/h + margin)."""
    if len(pts) < 2:
        return []
    a, b = pts[:-1], pts[1:]
    keep = ((np.minimum(a[:, 0], b[:, 0]) < w + margin) & (np.maximum(a[:, 0], b[:, 0]) > -margin)
            & (np.minimum(a[:, 1], b[:, 1]) < h + margin) & (np.maximum(a[:, 1], b[:, 1]) > -margin))
    if keep.all():
        return [pts]
    if not keep.any():
        return []
    k = np.concatenate([[False], keep, [False]]).astype(np.int8)
    starts = np.flatnonzero(np.diff(k) == 1)
    ends = np.flatnonzero(np.diff(k) == -1)
    return [pts[s:e + 1] for s, e in zip(starts, ends)]


def polyline(surface: pygame.Surface, colour, pts, width: float) -> None:
    """An antialiased polyline of any width (pygame-ce's aaline takes a width); only the
    segments near the surface are drawn."""
    w_s, h_s = surface.get_size()
    pts = np.asarray(pts, dtype=np.float64)
    for run in visible_runs(pts, w_s, h_s, margin=width + 4):
        _polyline(surface, colour, run, width)


def _polyline(surface: pygame.Surface, colour, pts: np.ndarray, width: float) -> None:
    n = len(pts)
    if n < 2:
        return
    w = max(1, int(round(width)))
    plist = pts.tolist()
    if w <= 1:
        pygame.draw.aalines(surface, colour, False, plist)
        return
    line = pygame.draw.aaline
    prev = plist[0]
    for cur in plist[1:]:
        line(surface, colour, prev, cur, w)
        prev = cur
    if w >= 4:
        # Round the joints of thick lines.
        circle = pygame.draw.circle
        r = w / 2 - 0.5
        for p in plist[1:-1]:
            circle(surface, colour, p, r)
