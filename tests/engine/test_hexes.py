"""Hex math with literal expected values (Red Blob Games' conventions, pointy-top, odd-r)."""

from game.engine.hexes import (
    DIRECTIONS,
    Hex,
    axial_to_offset,
    direction_to,
    distance,
    hex_round,
    line,
    offset_to_axial,
    opposite,
    ring,
    spiral,
)


def test_distance_literals():
    assert distance(Hex(0, 0), Hex(0, 0)) == 0
    assert distance(Hex(0, 0), Hex(3, 0)) == 3
    assert distance(Hex(0, 0), Hex(2, -3)) == 3
    assert distance(Hex(1, 2), Hex(-2, 4)) == 3
    assert distance(Hex(-1, -1), Hex(2, 2)) == 6


def test_neighbors_and_directions():
    h = Hex(2, 3)
    assert list(h.neighbors()) == [Hex(3, 3), Hex(3, 2), Hex(2, 2), Hex(1, 3), Hex(1, 4), Hex(2, 4)]
    for d in range(6):
        assert direction_to(h, h.neighbor(d)) == d
        assert h.neighbor(d).neighbor(opposite(d)) == h
    assert direction_to(h, Hex(5, 5)) is None
    assert len(DIRECTIONS) == 6


def test_offset_round_trip_literals():
    assert offset_to_axial(0, 0) == Hex(0, 0)
    assert offset_to_axial(3, 1) == Hex(3, 1)
    assert offset_to_axial(3, 2) == Hex(2, 2)
    assert offset_to_axial(0, 5) == Hex(-2, 5)
    for col in range(6):
        for row in range(6):
            assert axial_to_offset(offset_to_axial(col, row)) == (col, row)


def test_ring_spiral_line_round():
    assert len(ring(Hex(0, 0), 2)) == 12
    assert len(spiral(Hex(0, 0), 2)) == 19
    assert all(distance(Hex(0, 0), h) == 2 for h in ring(Hex(0, 0), 2))
    assert line(Hex(0, 0), Hex(3, 0)) == [Hex(0, 0), Hex(1, 0), Hex(2, 0), Hex(3, 0)]
    assert len(line(Hex(0, 0), Hex(2, -4))) == 5
    assert hex_round(0.4, 0.4) == Hex(0, 1)
    assert hex_round(1.1, -0.1) == Hex(1, 0)
