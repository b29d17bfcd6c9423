"""A progress bar on stderr for long headless runs: runs done, runs a second, time left (tqdm).

Contract: ``Progress(total, quiet)`` is a context manager; ``tick()`` counts one finished run.  It draws only
when stderr is a terminal and ``quiet`` is false -- a pipe or a log file gets no bar, and so no control
characters -- and closes the bar however the block ends (Ctrl+C included).
"""

from __future__ import annotations

import os
import shutil
import sys


class Progress:
    def __init__(self, total: int, quiet: bool = False, what: str = "runs"):
        self.total = total
        self.bar = None
        if not quiet and sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:        # the bar is a comfort, not a need: a study runs without it
                return
            # A terminal that reports no size (a pty opened by a program, not a person: `script`, an IDE's
            # console) would get a bar of no width, or none at all -- tqdm takes its rows as the size less one,
            # -1, and draws nothing on a terminal of fewer rows than the bar's position.  Draw 80 columns and
            # claim 24 rows there, and follow the window's size elsewhere.
            cols, rows = _size()
            sized = shutil.get_terminal_size().columns > 0 and cols > 0 and rows > 0
            self.bar = tqdm(total=total, unit=what.rstrip("s"), file=sys.stderr, dynamic_ncols=sized,
                            ncols=None if sized else 80, nrows=None if sized else 24,
                            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} {unit}s [{elapsed}<{remaining}, "
                                       "{rate_fmt}]")

    def tick(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()


def _size() -> tuple[int, int]:
    """stderr's terminal (columns, rows), 0 for what it does not report."""
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        return 0, 0
    return size.columns, size.lines
