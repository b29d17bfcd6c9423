"""Autosave at the start of each turn: atomic writes, the last few of each game kept.

Contract: ``Autosaver.save(match)`` writes
``autosave-<scenario>-<game>-t<turn>-<seat>.json`` and then removes all but
the newest ``keep`` autosaves *of that game*: another game's autosaves (a
campaign's, while the tutorial is played) are never touched.  A game is the
scenario, the seed and who plays each seat (``game_key``): what a save
carries, so a loaded game goes on rotating its own autosaves.  An OSError
(a full disk) propagates with nothing removed; the table decides what the
player is told (game/session/table.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from .match import Match
from .savefile import write_save

KEEP = 5
PREFIX = "autosave-"
#: An autosave's name: its game (everything before the turn) and the turn and seat.  Names written before
#: games had keys (``autosave-<scenario>-t...``) form one group per scenario, left as they are.
NAME = re.compile(r"^(?P<game>autosave-.+)-t\d+-\d+\.json$")


def game_key(match: Match) -> str:
    """Eight hex digits naming a game: its scenario, seed and seats (the same for a game and its loaded saves)."""
    blob = json.dumps([match.scenario_id, match.seed, sorted(match.seats.items())], separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:8]


class Autosaver:
    """Writes the autosaves of the games played in ``folder``; keeps the newest ``keep`` of each game."""

    def __init__(self, folder: Path, keep: int = KEEP):
        self.folder = Path(folder)
        self.keep = keep

    def save(self, match: Match, handover: bool = False) -> Path:
        game = f"{PREFIX}{match.scenario_id}-{game_key(match)}"
        path = write_save(match, self.folder / f"{game}-t{match.turn:03d}-{match.seat_index}.json",
                          label=f"Autosave, turn {match.turn}", handover=handover)
        self.prune(game)
        return path

    def existing(self, game: str | None = None) -> list[Path]:
        """Autosaves (of one game, given the part of their name before the turn), newest first."""
        found = []
        for p in self.folder.glob(f"{PREFIX}*.json"):
            m = NAME.match(p.name)
            if game is not None and (m is None or m["game"] != game):
                continue
            try:
                if p.is_file() and not p.is_symlink():
                    found.append((p.stat().st_mtime_ns, p.name, p))
            except OSError:
                continue                     # removed meanwhile
        return [p for _, _, p in sorted(found, reverse=True)]

    def prune(self, game: str) -> None:
        """Remove all but the newest ``keep`` autosaves of ``game``."""
        for old in self.existing(game)[self.keep:]:
            try:
                old.unlink()
            except OSError:
                pass
