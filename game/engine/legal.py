"""Legal actions, from what the active seat knows (its fog of war).

Legal actions are the single source for the UI's highlighting and every
agent's choices.  They are computed from the seat's :class:`Knowledge` (the
enemy units it has seen), so they reveal nothing the seat may not know; an
observation (game/engine/observation.py) computes the very same set from its
fogged copy of the position.  Attacks are listed once per target with every
eligible attacker: any non-empty subset of them is legal, and ``why_illegal``
(game/engine/illegal.py) says so without the list enumerating every subset.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .actions import Action, Attack, Decide, EndPhase, Landing, MoveUnit, RailMove, SeaMove
from .fog import seen_mask
from .movement import Knowledge, Reach, knowledge, reachable
from .politics.runtime import available_decisions
from .state import KOREA, GameState, Phase
from .units import JAPAN, MAP


class _Made(dict):
    """Immutable move actions of one unit and kind, by destination (None: Japan), made once per game setup.

    Legal actions are listed again and again (every observation, every ply of a
    search); the same destination always gives the same action value, so it is
    built once and shared.
    """

    def __init__(self, cls, uid: str, hexes: tuple):
        super().__init__()
        self.cls, self.uid, self.hexes = cls, uid, hexes

    def make(self, i: int | None) -> Action:
        action = self.cls(self.uid, None if i is None else self.hexes[i])
        self[i] = action
        return action


def _interned(state: GameState, cls, u: int) -> _Made:
    cache = state.setup.cache
    key = ("actions", cls.kind)
    table = cache.get(key)
    if table is None:
        table = cache[key] = [None] * state.units.n
    made = table[u]
    if made is None:
        made = table[u] = _Made(cls, state.units.ids[u], state.board.hex_list)
    return made


def rail_lines(state: GameState) -> list[tuple[int, ...]]:
    """Per hex, the neighbours joined to it by rail, in direction order (cached per board)."""
    cache = state.setup.cache
    if "rail_lines" not in cache:
        board = state.board
        nb, rail = board.neighbors.tolist(), board.rail.tolist()
        cache["rail_lines"] = [tuple(j for j, r in zip(nrow, rrow) if r and j >= 0) for nrow, rrow in zip(nb, rail)]
    return cache["rail_lines"]


def seat_knowledge(state: GameState) -> Knowledge:
    """What the active seat's bloc knows of enemy positions (its fog of war)."""
    bloc = state.active_seat.bloc
    return state.setup.recall(("knowledge", bloc, state.fingerprint()),
                              lambda: knowledge(state, bloc, seen_mask(state, bloc)))


class LegalActions:
    """The active seat's legal actions, computed lazily (per unit) and cached."""

    def __init__(self, state: GameState, know: Knowledge | None = None, open_decisions: list[str] | None = None):
        """``open_decisions``: the decisions open in the true position, for an observation's fogged copy
        (which decisions a seat may take is told to it, whatever its fog; see game/engine/observation.py)."""
        self.state = state
        self._open_decisions = open_decisions
        self.seat = state.active_seat.id
        self.seat_index = state.seat_index
        self.bloc = state.active_seat.bloc
        self.code = state.active_bloc
        self.know = know if know is not None else seat_knowledge(state)
        self._reach: dict[int, Reach] = {}
        self._rail_open: list[bool] | None = None

    # -- movement ---------------------------------------------------------------
    def _reach_key(self, u: int) -> tuple:
        """What a unit's reach depends on: the unit, where it stands, the season and the ground it knows (enemy
        hexes, their zones of control, closed country).  Not the rest of the position: a march of another unit
        of ours, or an enemy the seat does not know of, leaves it as it was, so the search is made once for a
        run of moves and shared by the observation's copy and the true state that apply checks."""
        s = self.state
        return ("reach", u, int(s.hex[u]), s.is_winter(), self.know.ground_list)

    def reach(self, u: int) -> Reach:
        if u not in self._reach:
            s = self.state
            # Remembered across positions: a search lists the legal actions, then steps each of them.
            self._reach[u] = s.setup.recall(self._reach_key(u), lambda: reachable(s, u, self.know), size=512)
        return self._reach[u]

    def path_to(self, u: int, dest: int) -> list[int]:
        """The march path of unit ``u`` to ``dest`` (from the cached reach, or a search that stops there)."""
        s = self.state
        if u not in self._reach:
            known = s.setup.cache.get(("recall", 512), {}).get(self._reach_key(u))
            if known is None:
                return reachable(s, u, self.know, target=dest).path(dest)
            self._reach[u] = known
        return self._reach[u].path(dest)

    def movers(self) -> list[int]:
        """Own unit numbers that may still move this phase (on the map or in Japan)."""
        s = self.state
        if s.over or s.phase is not Phase.MOVEMENT:
            return []
        ok = (s.units.seat == self.seat_index) & ~s.moved & ((s.loc == MAP) | (s.loc == JAPAN))
        return np.flatnonzero(ok).tolist()

    def move_targets(self, u: int) -> list[int]:
        """Hex indices a land move can end on."""
        if self.state.loc[u] != MAP:
            return []
        r = self.reach(u)
        stack = self.state.config.params.stacking
        count = self.know.friendly_list
        return [i for i in r.hexes if i != r.start and count[i] < stack]

    def rail_targets(self, u: int) -> list[int]:
        s = self.state
        p = s.config.params
        if s.loc[u] != MAP or s.rail_used >= p.rail_capacity or s.oos[u]:
            return []
        board = s.board
        start = int(s.hex[u])
        if self.know.enemy_zoc[start] or not board.rail[start].any():
            return []
        if self._rail_open is None:
            # Hexes a train may pass: the bloc's own, with no known enemy in or next to them.
            ok = (s.control == self.code) & ~self.know.enemy_hexes & ~self.know.enemy_zoc
            self._rail_open = ok.tolist()
        ok = self._rail_open
        lines = rail_lines(s)
        seen = {start: 0}
        queue = deque([start])
        while queue:
            i = queue.popleft()
            d = seen[i]
            if d >= p.rail_hexes:
                continue
            for j in lines[i]:
                if j not in seen and ok[j]:
                    seen[j] = d + 1
                    queue.append(j)
        count = self.know.friendly_list
        return [i for i in sorted(seen) if i != start and count[i] < p.stacking]

    def can_embark(self, u: int) -> bool:
        """Ships take units from Japan or from a port the bloc holds."""
        s = self.state
        if s.loc[u] == JAPAN:
            return True
        if s.loc[u] != MAP:
            return False
        here = int(s.hex[u])
        return bool(s.board.port[here]) and int(s.control[here]) == self.code

    def sea_targets(self, u: int) -> list[int | None]:
        """Ports (or None for Japan) a sea move can reach."""
        s = self.state
        p = s.config.params
        if self.bloc != p.sea_bloc or s.sea_used >= p.sea_capacity or not self.can_embark(u):
            return []
        board = s.board
        here = int(s.hex[u])
        out: list[int | None] = []
        for i in np.flatnonzero(board.port).tolist():
            if i == here:
                continue
            if int(s.control[i]) == self.code and not self.know.enemy_hexes[i] \
                    and int(board.country[i]) in KOREA and int(self.know.friendly_count[i]) < p.stacking:
                out.append(i)
        if s.loc[u] == MAP:
            out.append(None)
        return out

    def landing_targets(self, u: int) -> list[int]:
        s = self.state
        p = s.config.params
        if self.bloc != p.sea_bloc or s.landings_used >= p.landing_capacity or s.units.armour_list[u] \
                or not self.can_embark(u):
            return []
        board = s.board
        korea = (board.country == KOREA[0]) | (board.country == KOREA[1])
        ok = board.coastal_mask & korea & ~self.know.closed & ~self.know.enemy_hexes
        ok &= self.know.friendly_count < p.stacking
        # A landing goes onto a hostile or contested shore; a sea move serves friendly, quiet ports.
        ok &= (s.control != self.code) | self.know.enemy_zoc
        return np.flatnonzero(ok).tolist()

    def moves_for(self, u: int) -> list[Action]:
        """Every movement-phase action of one unit, in a fixed order: march, rail, sea, landing."""
        return [a for _, a in self.move_options(u)]

    def move_options(self, u: int) -> list[tuple[int, Action]]:
        """``moves_for(u)``, each action with the flat index of the hex it goes to (-1: Japan), in the same order:
        an agent that weighs every destination need not look each hex up again."""
        marches = _interned(self.state, MoveUnit, u)
        out: list[tuple[int, Action]] = [(i, marches.get(i) or marches.make(i)) for i in self.move_targets(u)]
        rails = self.rail_targets(u)
        if rails:
            made = _interned(self.state, RailMove, u)
            out += [(i, made.get(i) or made.make(i)) for i in rails]
        seas = self.sea_targets(u)
        if seas:
            made = _interned(self.state, SeaMove, u)
            out += [(-1 if i is None else i, made.get(i) or made.make(i)) for i in seas]
        landings = self.landing_targets(u)
        if landings:
            made = _interned(self.state, Landing, u)
            out += [(i, made.get(i) or made.make(i)) for i in landings]
        return out

    # -- combat -------------------------------------------------------------------
    def attackers_for(self, ti: int) -> list[int]:
        """Own unit numbers that may still attack hex index ``ti`` (adjacent, on the map)."""
        s = self.state
        near = s.board.neighbors[ti]
        ok = (s.units.seat == self.seat_index) & (s.loc == MAP) & ~s.attacked & np.isin(s.hex, near[near >= 0])
        return np.flatnonzero(ok).tolist()

    def attack_targets(self) -> list[int]:
        """Known enemy hex indices this seat can still attack this phase."""
        s = self.state
        if s.over or s.phase is not Phase.COMBAT:
            return []
        return [i for i in np.flatnonzero(self.know.enemy_hexes & ~s.attacked_hexes).tolist()
                if self.attackers_for(i)]

    def attacks(self) -> list[Attack]:
        ids = self.state.units.ids
        hex_at = self.state.board.hex_at
        return [Attack(hex_at(i), tuple(ids[u] for u in self.attackers_for(i))) for i in self.attack_targets()]

    def decisions(self) -> list[Decide]:
        """Political decisions open to the seat now (in its political phase)."""
        if self.state.over or self.state.phase is not Phase.POLITICAL:
            return []
        if self._open_decisions is not None:
            return [Decide(d) for d in self._open_decisions]
        return [Decide(d.id) for d in available_decisions(self.state, self.seat)]

    def all(self) -> list[Action]:
        """Every legal action: the phase's own kinds in a deterministic order, then EndPhase."""
        if self.state.over:
            return []
        out: list[Action] = []
        if self.state.phase is Phase.POLITICAL:
            out.extend(self.decisions())
        elif self.state.phase is Phase.MOVEMENT:
            for u in self.movers():
                out.extend(self.moves_for(u))
        else:
            out.extend(self.attacks())
        out.append(EndPhase())
        return out
