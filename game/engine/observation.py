"""What one seat may know, sealed: an observation holds no reference to the true state.

``observe(state, seat)`` builds a fogged copy of the position -- the seat's
bloc whole, the enemy units it sees now (their supply state private), every
other enemy unit removed, the dice stream and the private tracks blanked --
and wraps it in an :class:`Observation`.  Its legal actions, reach, odds and
previews are computed by the engine's own functions from that copy, so they
are exactly what the seat could work out, and nothing an agent or the UI does
with it can reach or change the real game (tests/engine/test_observation.py
tries).  Boardgame.io calls this playerView; OpenSpiel, an observation.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import date

import numpy as np

from .actions import Action
from .board import Board
from .combat import Odds, odds
from .config import GameConfig
from .flow import after_action
from .fog import seen_mask, visible_hexes
from .hexes import Hex
from .illegal import why_illegal
from .legal import LegalActions
from .movement import Knowledge, Reach, knowledge, zoc_of
from .politics.acts import carry_out
from .politics.runtime import available_decisions, check_point
from .primitives import arrival_date
from .state import GameState, Phase
from .supply import supplied_hexes
from .units import ELIMINATED, MAP, PENDING, Unit

#: The location code of an enemy unit the seat does not see (only inside an observation's copy).
UNSEEN = ELIMINATED


def fogged_copy(state: GameState, seat: str) -> tuple[GameState, np.ndarray]:
    """A copy of ``state`` holding only what ``seat`` may know, and the mask of units it shows."""
    s = state.clone()
    bloc = state.bloc_of(seat)
    code = state.config.bloc_code(bloc)
    own = state.units.bloc == code
    seen = seen_mask(state, bloc)
    hidden_from_us = ~own & ~seen
    s.loc[hidden_from_us] = UNSEEN
    s.hex[hidden_from_us] = -1
    s.steps[hidden_from_us] = 0
    s.arrives[hidden_from_us] = 0
    s.dug_in[hidden_from_us] = -1        # where an unseen unit dug in is where it is
    s.moved[hidden_from_us] = False
    s.attacked[hidden_from_us] = False
    s.oos[~own] = 0                      # the enemy's supply state stays private
    s.hidden[seen] = False               # what we see is not hidden from us
    s.rng_state = {"bit_generator": "PCG64", "state": {"state": 0, "inc": 1}, "has_uint32": 0, "uinteger": 0}
    s.seed = 0                           # dice and chances are keyed by it: no seat may read them ahead
    pol = state.config.politics
    if pol is not None:
        for k, name in enumerate(state.setup.track_names):
            if not pol.tracks[name].public:
                s.tracks[k] = pol.tracks[name].start
    return s, own | seen


class Observation:
    """One seat's view of the game, and its legal actions, computed from that view alone."""

    def __init__(self, state: GameState, seat: str):
        fog, shown = fogged_copy(state, seat)
        self._s = fog
        self.seat = seat
        self.bloc = state.bloc_of(seat)
        self.turn = state.turn
        self.date: date = state.date
        self.last_turn = state.last_turn
        self.phase: Phase = state.phase
        self.active_seat = state.active_seat.id
        self.outcome = state.outcome
        self.rail_used, self.sea_used, self.landings_used = state.rail_used, state.sea_used, state.landings_used
        self._shown = np.flatnonzero(shown)
        self._units: dict[str, Unit] | None = None
        self._legal: LegalActions | None = None
        self._visible: np.ndarray | None = None
        self._war_ends: bool | None = None
        self._control = state.control.copy()
        self._control.flags.writeable = False
        # The decisions open to the seat are facts of the true position (a condition may read what the seat
        # cannot see, such as a private track); the list of their ids is all the observation keeps of them.
        self._open_decisions = [d.id for d in available_decisions(state, seat)] \
            if state.phase is Phase.POLITICAL and self.active_seat == seat else []

    # -- static scenario data (public: it is the scenario file) -----------------------------
    @property
    def board(self) -> Board:
        return self._s.board

    @property
    def config(self) -> GameConfig:
        return self._s.config

    # -- the position as this seat knows it ------------------------------------------------------
    @property
    def over(self) -> bool:
        return self.outcome is not None

    @property
    def my_turn(self) -> bool:
        return self.active_seat == self.seat and not self.over

    @property
    def units(self) -> dict[str, Unit]:
        """id -> read-only view: the bloc's own units (wherever they are) and the enemy units seen now."""
        if self._units is None:
            self._units = self._s.unit_views(self._shown.tolist())
        return self._units

    def unit(self, uid: str) -> Unit | None:
        """The view of one unit, as ``units[uid]`` gives it, or None if the seat does not know of it.  Builds that
        view alone: an agent that wants one name need not pay for a view of every unit."""
        if self._units is not None:
            return self._units.get(uid)
        i = self._s.setup.units.index.get(uid)
        return self._s.unit(i) if i is not None and bool((self._shown == i).any()) else None

    def enemy_ids(self) -> list[str]:
        """Ids of the enemy units the seat sees now (those of ``enemies()``, in the same order), without building
        their views: an agent asks after every move whether contact showed it anything new."""
        s = self._s
        ids = s.units.ids
        code = self.config.bloc_code(self.bloc)
        return [ids[i] for i in self._shown[s.units.bloc[self._shown] != code].tolist()]

    def friendly(self) -> list[Unit]:
        return [u for u in self.units.values() if self.config.seat(u.seat).bloc == self.bloc]

    def enemies(self) -> list[Unit]:
        return [u for u in self.units.values() if self.config.seat(u.seat).bloc != self.bloc]

    def own(self) -> list[Unit]:
        """Units of this seat itself."""
        return [u for u in self.units.values() if u.seat == self.seat]

    def units_at(self, h: Hex) -> list[Unit]:
        return [u for u in self.units.values() if u.location.value == "map" and u.hex == h]

    @property
    def visible(self) -> np.ndarray:
        """(hexes,) bool: what the seat's units see now."""
        if self._visible is None:
            self._visible = visible_hexes(self._s, self.bloc)
            self._visible.flags.writeable = False
        return self._visible

    @property
    def control(self) -> np.ndarray:
        """(hexes,) int8 bloc codes.  Ground held is public (headquarters know the line from reports)."""
        return self._control

    @property
    def tracks(self) -> dict[str, float]:
        """The public political tracks."""
        pol = self.config.politics
        return {k: v for k, v in self._s.track_dict().items() if pol is None or pol.tracks[k].public}

    @property
    def talks(self) -> str:
        return self._s.talks.value

    @property
    def dmz(self) -> list | None:
        return [list(x) for x in self._s.dmz] if self._s.dmz is not None else None

    @property
    def escalation_peak(self) -> float:
        """The highest the (public) escalation track has been: what the scores count."""
        return float(self._s.escalation_peak)

    def decision_date(self, decision_id: str) -> date | None:
        """When a decision was taken (decisions are public acts), or None."""
        return self._s.decision_date(decision_id)

    def decision_offered(self, decision_id: str) -> bool:
        return bool(self._s.offered[self._s.setup.decision_index[decision_id]])

    def is_winter(self) -> bool:
        return self._s.is_winter()

    def steps_lost(self) -> dict[str, int]:
        """Step losses per seat so far (announced in communiqués: public)."""
        return self._s.steps_lost_dict()

    def holds(self, condition) -> bool:
        """Whether a scenario condition (game/engine/politics/conditions.py) holds in the position as this seat
        knows it: a what-if policy's ``when`` is judged on what the seat may see, like the rest of its play."""
        return bool(condition.test(self._s))

    def closing(self, decisions) -> "Observation":
        """This observation with ``decisions`` left out of the open ones (a what-if policy forbids them); the
        rest is shared, so it costs nothing.  The original is unchanged."""
        shut = set(decisions)
        if not shut.intersection(self._open_decisions):
            return self
        out = copy.copy(self)
        out._open_decisions = [d for d in self._open_decisions if d not in shut]
        out._legal = None
        return out

    # -- what the seat can do ------------------------------------------------------------------
    @property
    def legal(self) -> LegalActions:
        """The seat's legal actions (empty when it is not its turn), computed on the fogged copy."""
        if self._legal is None:
            self._legal = LegalActions(self._s, open_decisions=self._open_decisions)
        return self._legal

    def legal_actions(self) -> list[Action]:
        return self.legal.all() if self.my_turn else []

    def movers(self) -> list[str]:
        if not self.my_turn:
            return []
        ids = self._s.units.ids
        return [ids[u] for u in self.legal.movers()]

    def moves_for(self, uid: str) -> list[Action]:
        if not self.my_turn:
            return []
        return self.legal.moves_for(self._s.unit_index(uid))

    def move_options(self, uid: str) -> list[tuple[int, Action]]:
        """``moves_for(uid)`` with each action's destination as a flat hex index (-1: Japan), in the same order."""
        if not self.my_turn:
            return []
        return self.legal.move_options(self._s.unit_index(uid))

    def reach(self, uid: str) -> Reach:
        """Where a unit can march (cost in half points and paths by flat hex index)."""
        return self.legal.reach(self._s.unit_index(uid))

    def attackers_for(self, target: Hex) -> list[str]:
        ids = self._s.units.ids
        return [ids[u] for u in self.legal.attackers_for(self.board.index(target))]

    def check(self, action: Action) -> tuple[str, str] | None:
        """None if legal, else (reason code, sentence) -- as the engine would answer."""
        if not self.my_turn:
            return ("not_your_turn", "It is not your turn.") if not self.over else ("game_over", "The game is over.")
        return why_illegal(self._s, action, self.legal)

    def odds(self, attackers: list[str], target: Hex) -> Odds | None:
        """The odds of an attack from what the seat knows (None if nobody it sees is there)."""
        s = self._s
        defenders = s.units_at(self.board.index(target)).tolist()
        if not defenders or not attackers:
            return None
        return odds(s, [s.unit_index(a) for a in attackers], defenders, target)

    def enemy_zoc(self) -> np.ndarray:
        """(hexes,) bool: the zones of control of the enemy units the seat sees now (the ZOC overlay)."""
        s = self._s                  # the fogged copy: unseen enemy units are off the map in it
        enemy = (s.loc == MAP) & (s.units.bloc != self.config.bloc_code(self.bloc))
        occupied = np.zeros(self.board.size, dtype=bool)
        occupied[s.hex[enemy]] = True
        return zoc_of(self.board, occupied)

    def knowledge(self) -> Knowledge:
        """What the seat knows of enemy positions (the enemy units it sees now)."""
        s = self._s
        return knowledge(s, self.bloc, (s.loc == MAP) & (s.units.bloc != self.config.bloc_code(self.bloc)))

    def supplied(self) -> np.ndarray:
        """Hexes where the seat's units would trace supply, as far as it knows."""
        return supplied_hexes(self._s, self.bloc, self.knowledge())

    def sandbox(self, seed: int) -> GameState:
        """A copy of the position as this seat knows it, with dice of its own, for an agent to look ahead on
        with the API's step/undo and legal_actions (unseen enemy units are not in it)."""
        s = self._s.clone()
        s.rng_state = np.random.PCG64(seed).state
        s.seed = seed
        return s

    def war_ends_next_turn(self) -> bool:
        """Whether the war would end when the next turn starts, as far as the seat knows: the rules of a turn's
        start run on a copy of its view (armistice talks about to reach the signing, a scenario's early end).
        Worked out once per observation: a hard seat's look-ahead plans the same position several times."""
        if self._war_ends is None:
            self._war_ends = False
            if not self._s.over:
                s = self._s.clone()
                check_point(s, "turn_start")
                self._war_ends = bool(s.outcome)
        return self._war_ends

    def preview_decision(self, decision_id: str) -> dict[str, float]:
        """The public tracks after taking a decision now (on a copy of the seat's view): name -> value."""
        return self.consequences(decision_id).tracks_after

    def consequences(self, decision_id: str) -> "Consequences":
        """What taking a decision now would do, worked out on a copy of the seat's view (rules run as they would).

        The public tracks before and after, each bloc's change of supply range, air power gained or denied,
        the seat's own pending units the decision lets in, and the outcome if the war would end.  And a turn
        later: the start of the next turn's rules run on the copy with the decision and on one without
        (the same dice), so an effect that works turn by turn (a hard line on prisoners slowing the talks)
        shows as ``next_turn``, the difference it makes.
        """
        before = self._s
        s = before.clone()
        carry_out(s, decision_id)
        after_action(s)
        later, without = s.clone(), before.clone()
        if not later.over:
            check_point(later, "turn_start")
            check_point(without, "turn_start")
        pol = self.config.politics
        public = (lambda k: pol is None or pol.tracks[k].public)
        mine = s.units.seat == s.setup.seat_index[self.seat]
        gated = np.array([bool(r) for r in s.units.requires], dtype=bool) & mine & (s.loc == PENDING)
        unlocked = [u for u in np.flatnonzero(gated).tolist()
                    if not before.flag(s.units.requires[u]) and s.flag(s.units.requires[u])]
        strength = float(sum(s.units.attack[u] + s.units.defence[u] for u in unlocked))
        hastened = _hastened(before, s, mine, set(unlocked))
        return Consequences(
            tracks_before={k: v for k, v in before.track_dict().items() if public(k)},
            tracks_after={k: v for k, v in s.track_dict().items() if public(k)},
            supply_change={b: int(s.supply_bonus[k + 1] - before.supply_bonus[k + 1])
                           for k, b in enumerate(self.config.blocs)},
            mig_alley=(before.mig_alley, s.mig_alley), air_support=(not before.no_air_support, not s.no_air_support),
            units_unlocked=len(unlocked), strength_unlocked=strength, units_hastened=len(hastened),
            strength_hastened=sum(hastened), outcome=s.outcome or later.outcome,
            talks=(before.talks.value, s.talks.value), outcome_without=before.outcome or without.outcome,
            next_turn={k: round(v - without.track(k), 4) for k, v in later.track_dict().items()
                       if public(k) and abs(v - without.track(k) - (s.track(k) - before.track(k))) > 1e-9})


def _hastened(before, after, mine: np.ndarray, unlocked: set[int]) -> list[float]:
    """The seat's pending units a decision brings onto the map now (a ``reinforce`` effect: China's next army
    groups called up at once), each as its strength (attack + defence) times the share of the game's turns left
    that it gains: a unit due next turn anyway gains one turn; one due after the last turn, or behind a gate
    that is still shut, gains them all.  Units whose gate the decision opens are counted as unlocked instead."""
    came = np.flatnonzero(mine & (before.loc == PENDING) & (after.loc != PENDING)).tolist()
    if not came:
        return []
    dates = before.turn_dates
    left = before.last_turn - before.turn + 1
    out = []
    for u in came:
        if u in unlocked:
            continue
        due = arrival_date(before, u)
        # The turn it would have come on: the first whose date reaches its arrival (after the last, or with its
        # gate still shut: never).
        turn = before.last_turn + 1 if due is None else \
            next((t + 1 for t, d in enumerate(dates) if d.toordinal() >= due), before.last_turn + 1)
        gained = min(left, max(0, turn - before.turn))
        out.append(float(before.units.attack[u] + before.units.defence[u]) * gained / left)
    return out


@dataclass(frozen=True)
class Consequences:
    """What a decision would do (Observation.consequences); values, no reference to any state."""

    tracks_before: dict[str, float]
    tracks_after: dict[str, float]
    supply_change: dict[str, int]          # bloc -> change of its supply range (movement points)
    mig_alley: tuple[bool, bool]           # before, after
    air_support: tuple[bool, bool]         # UN close air support available: before, after
    units_unlocked: int                    # the seat's own pending units whose gate it opens
    strength_unlocked: float
    outcome: str | None                    # the war's end, if it would end
    talks: tuple[str, str]                 # before, after
    units_hastened: int = 0                # the seat's own pending units it brings onto the map at once
    strength_hastened: float = 0.0         # their strength, each times the share of the game's turns left it gains
    next_turn: dict[str, float] = None     # track -> its difference a turn later, where that is not the first change
    outcome_without: str | None = None     # the war's end by the next turn's start without the decision (same dice)

    def change(self, track: str) -> float:
        return self.tracks_after.get(track, 0.0) - self.tracks_before.get(track, 0.0)
