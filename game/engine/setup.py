"""The static part of a game, shared by every state of it: board, config, unit table, name indexes, caches.

Built once per scenario (``game.engine.api.make_setup``); a state points to its setup and never copies
it.  Caches of rule data that depend only on it (movement costs, masks, remembered fog) hang here too.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property

import numpy as np

from .board import Board, Country, Terrain
from .config import GameConfig
from .units import UnitTable

KOREA = (int(Country.ROK), int(Country.DPRK))


class Setup:
    """The static part of a game: board, config, unit table and the name indexes of the politics.

    Built once per scenario (``new_state``); every state of the game points to
    the same one.  Caches of rule data that depend only on it (movement costs,
    masks) hang here too (game/engine/terrain.py).
    """

    def __init__(self, board: Board, config: GameConfig, units: UnitTable):
        self.board = board
        self.config = config
        self.units = units
        pol = config.politics
        self.track_names: tuple[str, ...] = tuple(pol.tracks) if pol else ()
        self.track_index = {t: k for k, t in enumerate(self.track_names)}
        names = set(pol.flag_names) if pol else set()
        names |= set(pol.flags) if pol else set()
        names |= {r for r in units.requires if r}
        self.flag_names: tuple[str, ...] = tuple(sorted(names))
        self.flag_index = {f: k for k, f in enumerate(self.flag_names)}
        self.rule_ids: tuple[str, ...] = tuple(r.id for r in pol.rules) if pol else ()
        self.rule_index = {r: k for k, r in enumerate(self.rule_ids)}
        self.decision_ids: tuple[str, ...] = tuple(pol.decisions) if pol else ()
        self.decision_index = {d: k for k, d in enumerate(self.decision_ids)}
        self.loss_keys: tuple[str, ...] = tuple(pol.loss_keys) if pol else ()
        self.loss_index = {k: i for i, k in enumerate(self.loss_keys)}
        self.turn_dates: tuple[date, ...] = config.calendar.turn_dates()
        self.seat_ids = tuple(s.id for s in config.seats)
        self.seat_index = {s: k for k, s in enumerate(self.seat_ids)}
        self.seat_bloc = tuple(config.bloc_code(s.bloc) for s in config.seats)   # seat index -> bloc code
        self.cache: dict = {}

    def recall(self, key: tuple, make, size: int = 64):
        """A derived value of a position, remembered by ``key`` (which must hold all the value depends on: the
        position's fingerprint, or the smaller part of the position that decides it).

        Fog masks and knowledge are asked for again and again of the same
        position (the legality check, the move, the spotting after it, every
        ply of a search); a small first-in-first-out memory keeps the last few.
        """
        memo = self.cache.setdefault(("recall", size), {})
        value = memo.get(key)
        if value is None:
            value = make()
            if len(memo) >= size:
                del memo[next(iter(memo))]
            memo[key] = value
        return value

    @cached_property
    def korea(self) -> np.ndarray:
        """Hexes of Korea, land or water."""
        return np.isin(self.board.country, KOREA)

    @cached_property
    def korea_land(self) -> np.ndarray:
        """Land hexes of Korea."""
        return self.korea & (self.board.terrain >= Terrain.CLEAR)
