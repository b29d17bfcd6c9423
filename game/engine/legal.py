"""Legal actions and why an action is illegal, from what the active seat knows (its fog of war).

Legal actions are the single source for the UI's highlighting and every
agent's choices.  They are computed from the seat's :class:`Knowledge` (the
enemy units it has seen), so they reveal nothing the seat may not know; an
observation (game/engine/observation.py) computes the very same set from its
fogged copy of the position.  Attacks are listed once per target with every
eligible attacker: any non-empty subset of them is legal, and ``why_illegal``
says so without the list enumerating every subset.
"""

from __future__ import annotations

from collections import deque

import numpy as np

from .actions import Action, Attack, Decide, EndPhase, Inject, Landing, MoveUnit, RailMove, SeaMove
from .board import Country
from .fog import seen_mask
from .hexes import Hex
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
        self._fp: bytes | None = None

    # -- movement ---------------------------------------------------------------
    def reach(self, u: int) -> Reach:
        if u not in self._reach:
            s = self.state
            if self._fp is None:
                self._fp = s.fingerprint()
            # Remembered per position: a search lists the legal actions, then steps each of them.
            self._reach[u] = s.setup.recall(("reach", u, self.bloc, s.is_winter(), self._fp),
                                            lambda: reachable(s, u, self.know), size=512)
        return self._reach[u]

    def path_to(self, u: int, dest: int) -> list[int]:
        """The march path of unit ``u`` to ``dest`` (from the cached reach, or a search that stops there)."""
        s = self.state
        if u not in self._reach:
            if self._fp is None:
                self._fp = s.fingerprint()
            known = s.setup.cache.get(("recall", 512), {}).get(("reach", u, self.bloc, s.is_winter(), self._fp))
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
        count = self.know.friendly_count
        return [i for i in sorted(r.cost) if i != r.start and count[i] < stack]

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
        count = self.know.friendly_count
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
        marches = _interned(self.state, MoveUnit, u)
        out: list[Action] = [marches.get(i) or marches.make(i) for i in self.move_targets(u)]
        rails = self.rail_targets(u)
        if rails:
            made = _interned(self.state, RailMove, u)
            out += [made.get(i) or made.make(i) for i in rails]
        seas = self.sea_targets(u)
        if seas:
            made = _interned(self.state, SeaMove, u)
            out += [made.get(i) or made.make(i) for i in seas]
        landings = self.landing_targets(u)
        if landings:
            made = _interned(self.state, Landing, u)
            out += [made.get(i) or made.make(i) for i in landings]
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


# -- legality ------------------------------------------------------------------------------

#: Reason codes of ``why_illegal`` (a stable vocabulary for tests and agents; the sentence is for people).
REASONS = ("game_over", "no_such_decision", "not_your_decision", "wrong_phase", "decision_closed", "no_attackers",
           "duplicate_attacker", "off_map", "already_attacked", "no_enemy_seen", "no_such_unit", "not_your_unit",
           "not_on_map", "not_adjacent", "not_in_play", "already_moved", "in_japan", "already_there", "water",
           "closed_country", "enemy_hex", "out_of_reach", "stacking", "no_rail", "no_shipping", "no_landing",
           "unknown_action", "no_such_rule", "already_happened")


def _why_inject_illegal(state: GameState, rule_id: str) -> tuple[str, str] | None:
    """A teacher may make any rule of the scenario happen, once for a rule that happens once."""
    pol = state.config.politics
    rule = next((r for r in pol.rules if r.id == rule_id), None) if pol else None
    if rule is None:
        return "no_such_rule", f"There is no event '{rule_id}' in this scenario."
    if rule.once and state.rule_fired[state.setup.rule_index[rule.id]]:
        return "already_happened", f"'{rule_id}' has already happened in this war; it happens once."
    return None


def why_illegal(state: GameState, action: Action, legal: LegalActions | None = None) -> tuple[str, str] | None:
    """None if ``action`` is legal now, else (reason code, a sentence a player understands)."""
    if state.over:
        return "game_over", "The game is over."
    if isinstance(action, EndPhase):
        return None
    if isinstance(action, Inject):
        return _why_inject_illegal(state, action.rule)
    legal = legal or LegalActions(state)
    seat = state.active_seat
    if isinstance(action, Decide):
        pol = state.config.politics
        d = pol.decisions.get(action.decision) if pol else None
        if d is None:
            return "no_such_decision", f"There is no decision '{action.decision}' in this scenario."
        if d.seat != seat.id:
            return "not_your_decision", f"'{d.title}' is for the {state.config.seat(d.seat).name} to decide."
        if state.phase is not Phase.POLITICAL:
            return "wrong_phase", "Decisions are taken in the political phase, at the start of your turn."
        if Decide(d.id) not in legal.decisions():
            return "decision_closed", f"'{d.title}' is not open now: " + (
                d.when.describe() if d.when else "it was already taken") + " is needed."
        return None
    if isinstance(action, Attack):
        return _why_attack_illegal(state, legal, action)
    if not isinstance(action, (MoveUnit, RailMove, SeaMove, Landing)):
        return "unknown_action", f"Unknown action {action!r}."
    # Movement-phase actions.
    u, why = _own_unit(state, action.unit)
    if why:
        return why
    name = state.units.names[u]
    if state.phase is Phase.POLITICAL:
        return "wrong_phase", "Finish the political phase first (take your decisions, then end the phase)."
    if state.phase is not Phase.MOVEMENT:
        return "wrong_phase", "Units move in the movement phase, which is over for this turn."
    if state.loc[u] not in (MAP, JAPAN):
        return "not_in_play", f"{name} is not in play."
    if state.moved[u]:
        return "already_moved", f"{name} has already moved this phase."
    p = state.config.params
    if isinstance(action, MoveUnit):
        return _why_move_illegal(state, legal, u, action.to)
    if isinstance(action, RailMove):
        i = state.board.index(action.to)
        if i < 0 or i not in legal.rail_targets(u):
            if state.rail_used >= p.rail_capacity:
                return "no_rail", "The railways are fully used this turn."
            return "no_rail", f"{name} cannot go there by rail: it needs a rail line through your own, quiet territory."
        return None
    if isinstance(action, SeaMove):
        i = None if action.to is None else state.board.index(action.to)
        if i not in legal.sea_targets(u):
            if seat.bloc != p.sea_bloc:
                return "no_shipping", "Only the UN Command controls the sea."
            if state.sea_used >= p.sea_capacity:
                return "no_shipping", "All shipping is in use this turn."
            return "no_shipping", (f"{name} must start in a port you hold (or in Japan) and sail to another "
                                   "port you hold.")
        return None
    i = state.board.index(action.to)
    if i < 0 or i not in legal.landing_targets(u):
        if seat.bloc != p.sea_bloc:
            return "no_landing", "Only the UN Command can make amphibious landings."
        if state.landings_used >= p.landing_capacity:
            return "no_landing", "The landing craft are all in use this turn."
        return "no_landing", ("A landing must start from a port you hold or Japan and go to an open coastal hex "
                              "in Korea.")
    return None


def _own_unit(state: GameState, uid: str) -> tuple[int, tuple[str, str] | None]:
    """The number of a unit of the active seat, or why the id names none."""
    table = state.units
    u = table.index.get(uid)
    if u is None:
        return -1, ("no_such_unit", f"There is no unit '{uid}'.")
    if table.seat_list[u] != state.seat_index:
        owner = state.config.seats[table.seat_list[u]].name
        return u, ("not_your_unit", f"{table.names[u]} is not yours to command: it belongs to the {owner}.")
    return u, None


def _why_attack_illegal(state: GameState, legal: LegalActions, action: Attack) -> tuple[str, str] | None:
    if state.phase is not Phase.COMBAT:
        return "wrong_phase", "Attacks are made in the combat phase; end the movement phase first."
    if not action.attackers:
        return "no_attackers", "Choose at least one unit to attack with."
    if len(set(action.attackers)) != len(action.attackers):
        return "duplicate_attacker", "A unit is listed twice among the attackers."
    ti = state.board.index(action.target)
    if ti < 0:
        return "off_map", "That hex is off the map."
    if state.attacked_hexes[ti]:
        return "already_attacked", "That hex has already been attacked this phase."
    if not legal.know.enemy_hexes[ti]:
        return "no_enemy_seen", "There is no enemy unit you can see in that hex."
    for uid in action.attackers:
        u, why = _own_unit(state, uid)
        if why:
            return why
        name = state.units.names[u]
        if state.loc[u] != MAP:
            return "not_on_map", f"{name} is not on the map."
        if state.attacked[u]:
            return "already_attacked", f"{name} has already attacked this phase."
        if state.board.hex_at(int(state.hex[u])).distance(action.target) != 1:
            return "not_adjacent", f"{name} is not next to the target hex."
    return None


def _why_move_illegal(state: GameState, legal: LegalActions, u: int, to: Hex) -> tuple[str, str] | None:
    name = state.units.names[u]
    if state.loc[u] != MAP:
        return "in_japan", f"{name} is in Japan: ship it to a port or land it on a beach."
    board = state.board
    i = board.index(to)
    if i < 0:
        return "off_map", "That hex is off the map."
    if int(state.hex[u]) == i:
        return "already_there", f"{name} is already there."
    if not board.is_land(i):
        return "water", "Land units cannot move into the sea."
    if legal.know.closed[i]:
        return "closed_country", f"Your forces may not enter {Country(int(board.country[i])).name.title()} territory."
    if legal.know.enemy_hexes[i]:
        return "enemy_hex", "An enemy unit holds that hex: attack it in the combat phase."
    r = legal.reach(u)
    if i not in r.cost:
        return "out_of_reach", (f"{name} cannot reach that hex this turn (too far, or blocked by enemy zones "
                                "of control).")
    if int(legal.know.friendly_count[i]) >= state.config.params.stacking:
        return "stacking", f"At most {state.config.params.stacking} units may stack in a hex."
    return None
