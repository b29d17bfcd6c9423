"""Bounded reading of the files the game is handed: scenarios, saves, settings.

Contract: ``read_bounded(path, limit)`` returns the bytes of ``path`` only if it
is a regular file of at most ``limit`` bytes; otherwise it raises
``FileRefused`` whose message names what the path is in a player's words ("is a
directory", "is not a regular file", "is 94 MB; the limit is 8 MB").  It never
blocks on a FIFO or a device and never reads more than ``limit + 1`` bytes, even
when the file grows while it is read or is a link to ``/dev/zero``.

Why a module of its own: every loader (scenario, map, save, settings) must
refuse the same hostile paths the same way, before a byte is parsed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MB = 1024 * 1024


class FileRefused(OSError):
    """The path is not something the game will read; ``reason`` is player-facing."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def size_words(n: int) -> str:
    """A byte count as a player reads it: '412 bytes', '37 KB', '94 MB'."""
    if n < 1024:
        return f"{n} bytes"
    if n < MB:
        return f"{n / 1024:.0f} KB" if n >= 10 * 1024 else f"{n / 1024:.1f} KB"
    return f"{n / MB:.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"


def kind_problem(path: Path | str) -> str | None:
    """Why ``path`` is not a regular file to read, or None if it is one (links followed)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc.__class__.__name__})"
    if stat.S_ISDIR(st.st_mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a pipe, device or socket)"
    return None


def read_bounded(path: Path | str, limit: int) -> bytes:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` bytes.

    Raises FileRefused (a missing file, a directory, a FIFO or device, a file
    over the limit, or an OS error) with the reason in words.
    """
    problem = kind_problem(path)
    if problem is not None:
        raise FileRefused(path, problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(path, f"cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    try:
        st = os.fstat(fd)
        # Checked again on the open descriptor: the path may have been swapped
        # for a pipe or device between the stat above and the open.
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, "is not a regular file (a pipe, device or socket)")
        if st.st_size > limit:
            raise FileRefused(path, f"is {size_words(st.st_size)}; the limit is {size_words(limit)}")
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:
            raise FileRefused(path, f"is larger than the limit of {size_words(limit)}")
        return b"".join(chunks)
    except OSError as exc:
        if isinstance(exc, FileRefused):
            raise
        raise FileRefused(path, f"cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    finally:
        os.close(fd)


def read_text_bounded(path: Path | str, limit: int) -> str:
    """``read_bounded`` decoded as UTF-8; undecodable bytes raise FileRefused with the line."""
    raw = read_bounded(path, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise FileRefused(path, f"is not UTF-8 text (line {line})") from None
