"""Autosave at the end of each turn: atomic writes, the last few kept."""

from __future__ import annotations

from pathlib import Path

from .match import Match
from .savefile import write_save

KEEP = 5
PREFIX = "autosave-"


class Autosaver:
    """Writes ``autosave-<scenario>-t<turn>.json`` in ``folder`` and prunes all but the newest ``keep``."""

    def __init__(self, folder: Path, keep: int = KEEP):
        self.folder = Path(folder)
        self.keep = keep

    def save(self, match: Match, handover: bool = False) -> Path:
        name = f"{PREFIX}{match.scenario_id}-t{match.turn:03d}-{match.seat_index}.json"
        path = write_save(match, self.folder / name, label=f"Autosave, turn {match.turn}", handover=handover)
        self.prune()
        return path

    def existing(self) -> list[Path]:
        """Autosaves, newest first."""
        files = [p for p in self.folder.glob(f"{PREFIX}*.json") if p.is_file()]
        return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)

    def prune(self) -> None:
        for old in self.existing()[self.keep:]:
            try:
                old.unlink()
            except OSError:
                pass
