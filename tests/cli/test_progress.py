"""The progress bar on a terminal that reports no size (a pty a program opened, as `script` or an IDE's console
does): it must still draw runs done, runs a second and time left (game/cli_progress.py)."""

from __future__ import annotations

import os
import select
import sys

import pytest

pty = pytest.importorskip("pty")


@pytest.mark.timeout(30)
def test_the_bar_draws_on_a_pty_of_no_size(monkeypatch):
    from game.cli_progress import Progress
    master, slave = pty.openpty()                # a fresh pty reports 0 columns and 0 rows
    try:
        term = os.fdopen(slave, "w", encoding="utf-8", closefd=False)
        monkeypatch.setattr(sys, "stderr", term)
        with Progress(3) as bar:
            assert bar.bar is not None
            for _ in range(3):
                bar.tick()
        term.flush()
        drawn = b""
        while True:
            ready, _, _ = select.select([master], [], [], 0.2)
            if not ready:
                break
            drawn += os.read(master, 65536)
    finally:
        os.close(master)
        os.close(slave)
    text = drawn.decode("utf-8", "replace")
    # tqdm (4.70 here) took the rows as -1 there and drew nothing at all.
    assert "3/3 runs" in text and "run/s" in text and "<00:00" in text, text
