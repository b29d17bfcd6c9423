"""Hex coordinates as values: axial ``Hex(q, r)`` for pointy-top hexes.

The map is stored in "odd-r" offset rows (every odd row is shoved half a hex to
the right); offsets appear only at the edges (data files, display).  Pixels live
in the UI layout module, never here.  Algorithms follow Red Blob Games' guide.

Directions are numbered 0..5 counter-clockwise from east (pointy-top):
0 E, 1 NE, 2 NW, 3 W, 4 SW, 5 SE.  ``opposite(d) == (d + 3) % 6``.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

#: Axial steps for the six directions, in the order documented above.
#: r grows southward (row index), so "north" is r - 1.
DIRECTIONS: tuple[tuple[int, int], ...] = (
    (1, 0),    # 0 E
    (1, -1),   # 1 NE
    (0, -1),   # 2 NW
    (-1, 0),   # 3 W
    (-1, 1),   # 4 SW
    (0, 1),    # 5 SE
)
DIRECTION_NAMES = ("E", "NE", "NW", "W", "SW", "SE")


class Hex(NamedTuple):
    """An axial hex coordinate; immutable, hashable, ordered (q, then r)."""

    q: int
    r: int

    @property
    def s(self) -> int:
        """The third cube coordinate (q + r + s == 0)."""
        return -self.q - self.r

    def __add__(self, other: object) -> "Hex":  # type: ignore[override]
        if not isinstance(other, tuple):
            return NotImplemented
        return Hex(self.q + other[0], self.r + other[1])

    def neighbor(self, direction: int) -> "Hex":
        """The hex across side ``direction`` (0..5)."""
        dq, dr = DIRECTIONS[direction % 6]
        return Hex(self.q + dq, self.r + dr)

    def neighbors(self) -> Iterator["Hex"]:
        """The six neighbours, in direction order."""
        for dq, dr in DIRECTIONS:
            yield Hex(self.q + dq, self.r + dr)

    def distance(self, other: "Hex") -> int:
        """Hex steps between two hexes."""
        return distance(self, other)

    def __str__(self) -> str:
        return f"({self.q},{self.r})"


def distance(a: Hex, b: Hex) -> int:
    """Number of hex steps from ``a`` to ``b``."""
    dq = a.q - b.q
    dr = a.r - b.r
    return (abs(dq) + abs(dr) + abs(dq + dr)) // 2


def direction_to(a: Hex, b: Hex) -> int | None:
    """The direction from ``a`` to its neighbour ``b``; None if not adjacent."""
    step = (b.q - a.q, b.r - a.r)
    try:
        return DIRECTIONS.index(step)
    except ValueError:
        return None


def opposite(direction: int) -> int:
    """The direction pointing back across the same hexside."""
    return (direction + 3) % 6


def ring(center: Hex, radius: int) -> list[Hex]:
    """Hexes at exactly ``radius`` steps, starting west-south-west, clockwise order is not promised."""
    if radius == 0:
        return [center]
    out: list[Hex] = []
    q, r = center.q + DIRECTIONS[4][0] * radius, center.r + DIRECTIONS[4][1] * radius
    for d in range(6):
        for _ in range(radius):
            out.append(Hex(q, r))
            q += DIRECTIONS[d][0]
            r += DIRECTIONS[d][1]
    return out


def spiral(center: Hex, radius: int) -> list[Hex]:
    """All hexes within ``radius`` steps, nearest first."""
    out: list[Hex] = []
    for k in range(radius + 1):
        out.extend(ring(center, k))
    return out


def offset_to_axial(col: int, row: int) -> Hex:
    """Odd-r offset (col, row) -> axial."""
    return Hex(col - (row - (row & 1)) // 2, row)


def axial_to_offset(h: Hex) -> tuple[int, int]:
    """Axial -> odd-r offset (col, row)."""
    return h.q + (h.r - (h.r & 1)) // 2, h.r


def hex_round(fq: float, fr: float) -> Hex:
    """Round fractional axial coordinates to the nearest hex."""
    fs = -fq - fr
    q, r, s = round(fq), round(fr), round(fs)
    dq, dr, ds = abs(q - fq), abs(r - fr), abs(s - fs)
    if dq > dr and dq > ds:
        q = -r - s
    elif dr > ds:
        r = -q - s
    return Hex(int(q), int(r))


def line(a: Hex, b: Hex) -> list[Hex]:
    """Hexes on the straight line from ``a`` to ``b`` inclusive."""
    n = distance(a, b)
    if n == 0:
        return [a]
    out = []
    for i in range(n + 1):
        t = i / n
        # Nudge off exact hex edges so ties break the same way every time.
        fq = a.q + (b.q - a.q) * t + 1e-6
        fr = a.r + (b.r - a.r) * t + 1e-6
        out.append(hex_round(fq, fr))
    return out
