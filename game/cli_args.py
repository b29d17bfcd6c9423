"""The command line's arguments held to what the verbs can use, each refusal one line and exit status 2.

Contract:

* ``Parser`` is an ArgumentParser whose every error is one line on stderr,
  ``armistice VERB: error: --FLAG: PROBLEM``, then exit 2 (argparse's own
  prints the usage above it, and its words for a bad number are Python's).
* ``whole(name, lo, hi)`` makes the ``type=`` of a bounded whole-number option:
  ``--seed -5``, ``--runs 0``, ``--turns -3`` and a 20-digit ``--runs`` are
  refused with the range in words.
* ``output_file(raw)`` and ``output_folder(raw)`` check a place the
  verb will write to *before* any game is played: it must be (or be made in) a
  folder the game can write to -- a probe file is created and removed, because
  permissions alone do not tell (root may "write" to /proc, which refuses).
  They return the problem in words, or None.
* ``shown(text)`` is a name as a message prints it: control characters (a file
  name holding a newline) are escaped, so one message stays one line.
  ``clipped(text)`` also cuts each word longer than WORD_LIMIT characters (a
  100,000-character agent name is echoed as its first 60 and an ellipsis).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, NoReturn

#: The most games one ``simulate`` plays (a million-run request is a typo, not a study).
MAX_RUNS = 10_000
#: The most turns ``--turns`` may ask for (no scenario has a thousand; the whole war is about 110).
MAX_TURNS = 1000
#: The largest seed: 18 digits, as the seat set-up accepts.
MAX_SEED = 10 ** 18 - 1
#: The longest word of a value a message echoes (clipped): no spec, seat or decision id comes near it.
WORD_LIMIT = 60


def shown(text: object) -> str:
    """``text`` with every control or unprintable character escaped (``\\n``, ``\\x1b``), so it stays one line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text))


def clipped(text: object, limit: int = WORD_LIMIT) -> str:
    """``shown(text)`` with each word (a run without spaces) longer than ``limit`` cut to ``limit`` and '…': a value
    the user typed, echoed in an error line (and in the exception's words that quote it), stays readable."""
    return " ".join(w if len(w) <= limit else w[:limit] + "…" for w in shown(text).split(" "))


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (no usage block), with every name escaped, and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{shown(self.prog)}: error: {shown(message)}\n")


def whole(name: str, lo: int, hi: int) -> Callable[[str], int]:
    """The ``type=`` of an option that takes a whole number from ``lo`` to ``hi``."""
    def convert(raw: str) -> int:
        text = raw.strip()
        digits = text.lstrip("+-")
        if not digits.isdigit() or not digits.isascii() or len(digits) > 30:
            raise argparse.ArgumentTypeError(f"must be a whole number from {lo} to {hi}, not '{shown(raw)[:40]}'")
        value = int(text)
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"must be a whole number from {lo} to {hi}, not {shown(raw)[:40]}")
        return value
    convert.__name__ = name
    return convert


def _probe(folder: Path) -> str | None:
    """None if a file can be created (and is removed again) in the existing folder ``folder``; else why not."""
    try:
        fd, name = tempfile.mkstemp(prefix=".armistice-probe-", dir=folder)
    except OSError as exc:
        return f"cannot write in {shown(folder)} ({exc.strerror or 'refused'})"
    os.close(fd)
    os.unlink(name)
    return None


def output_file(raw: str) -> str | None:
    """Why the report file ``raw`` cannot be written, or None (``-`` is stdout)."""
    if raw == "-":
        return None
    path = Path(raw)
    if path.is_dir():
        return f"{shown(raw)} is a folder; give a file name in it"
    if path.exists() and not path.is_file():
        return f"{shown(raw)} is not a regular file"
    parent = path.parent
    if not parent.is_dir():
        return f"the folder {shown(parent)} does not exist"
    return _probe(parent)


def output_folder(raw: str, make: bool = True) -> str | None:
    """Why files cannot be written in the folder ``raw`` (made if missing, with its parents), or None.

    ``make=False`` checks without making anything: a missing folder must have, as its nearest existing
    ancestor, a folder the game can write in (the verb makes it once it has something to write)."""
    path = Path(raw)
    if path.exists() and not path.is_dir():
        return f"{shown(raw)} is not a folder"
    if not path.exists() and not make:
        parent = path.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            return f"cannot make the folder {shown(raw)} ({shown(parent)} is not a folder)"
        if _probe(parent) is not None:
            return f"cannot make the folder {shown(raw)} (cannot write in {shown(parent)})"
        return None
    if not path.exists():
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"cannot make the folder {shown(raw)} ({exc.strerror or 'refused'})"
    return _probe(path)


#: A save given where a scenario is asked for: what it is and what reads it.
SAVE_GIVEN = ("{} is a saved game, not a scenario: 'validate' checks it, and the game's Load (or 'report') "
              "opens it")


def is_save(name: str) -> bool:
    """Whether ``name`` is a path to a saved game (a .json file): never a scenario, whatever it holds."""
    return name.lower().endswith(".json") and Path(name).is_file()


def refuse(prog: str, flag: str, problem: str) -> int:
    """Print a refused argument as one line and return the exit status 2."""
    print(f"{shown(prog)}: error: {flag}: {problem}", file=sys.stderr)
    return 2
