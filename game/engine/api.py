"""The engine's one door: every other layer reads and changes a game through these functions.

In the spirit of OpenSpiel's State: ``legal_actions``, ``check``, ``apply``
(checked, returns a new state: live play and replay), ``step``/``undo`` (trusted
and in place, for search), ``clone``, ``reseed``, ``chance_outcomes``,
``current_seat``, ``is_terminal``, ``returns`` and ``observe``.  Agents, the UI
and Monte Carlo receive observations and submit actions; nothing outside the
engine touches a state's arrays.  The value types callers need (actions,
hexes, events, unit views, phases) are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import flow, resolve
from .actions import (
    Action,
    ActionFormatError,
    Attack,
    Decide,
    EndPhase,
    IllegalAction,
    Inject,
    Landing,
    MoveUnit,
    RailMove,
    SeaMove,
    action_from_dict,
)
from .combat import RESULT_NAMES, Odds, in_mig_alley, odds
from .creation import blank_state, from_snapshot, hexes_held, new_state
from .events import EVENT_KINDS, Event
from .fog import seen_mask
from .ground import unit_reach
from .hexes import Hex
from .illegal import why_illegal
from .legal import LegalActions, seat_knowledge
from .movement import Reach
from .narrate import at, place_words, render_for_other_side, title, track_moves, where
from .nations import army_name, country_name, nation_name
from .observation import Consequences, Observation
from .politics.acts import carry_out
from .politics.runtime import INJECTED, inject_rule
from .politics.scoring import places_held, scores
from .setup import Setup
from .snapshot_check import SnapshotInvalid, check_snapshot
from .state import GameState, Phase
from .state import snapshot_checksum as _snapshot_checksum
from .units import LOCATIONS, Location, Unit, UnitTable
from .words import change, in_sentence, nice, plural, points

__all__ = [
    "SnapshotInvalid", "check_snapshot",
    "Action", "ActionFormatError", "Attack", "Decide", "EndPhase", "IllegalAction", "Inject", "Landing", "MoveUnit",
    "RailMove", "SeaMove", "action_from_dict", "Event", "EVENT_KINDS", "Hex", "Location", "Unit", "Phase",
    "Observation", "Reach", "unit_reach", "Odds", "RESULT_NAMES", "Consequences", "GameState", "Setup", "new_state",
    "make_setup", "in_mig_alley",
    "new_game", "start", "legal_actions", "check", "apply", "step", "undo",
    "clone", "reseed", "chance_outcomes", "current_seat", "is_terminal", "returns", "observe", "truth", "snapshot",
    "restore", "checksum", "snapshot_checksum", "snapshot_complete", "where", "at", "place_words", "title", "scores",
    "hexes_held", "Verdict", "Truth", "reveal", "render_for_other_side", "track_moves", "INJECTED",
    # words every layer reads numbers and names in (game/engine/words.py, nations.py)
    "points", "change", "nice", "in_sentence", "plural", "nation_name", "army_name", "country_name",
]


@dataclass(frozen=True)
class Verdict:
    """Why an action is illegal: a stable code (game/engine/illegal.py REASONS) and a sentence for a player."""

    code: str
    reason: str


def make_setup(board, config, templates: list[Unit] | tuple[Unit, ...]) -> Setup:
    """The static part every game of a scenario shares: board, config, unit table, indexes, caches."""
    seats = config.seats
    table = UnitTable(templates, tuple(s.id for s in seats), tuple(config.bloc_code(s.bloc) for s in seats))
    return Setup(board, config, table)


def new_game(setup: Setup, seed: int) -> tuple[GameState, list[Event]]:
    """A new game of ``setup`` with the dice of ``seed``: the first seat's automatic phases have run."""
    return start(blank_state(setup, seed))


def start(state: GameState) -> tuple[GameState, list[Event]]:
    """A new game from a fresh state (``new_state``): the first seat's automatic phases have run."""
    s = state.clone()
    events = flow.start_game(s)
    return s, events


def legal_actions(state: GameState) -> list[Action]:
    """Every legal action of the active seat, in a deterministic order, computed from what it knows.

    Attacks come once per target with all eligible attackers; any non-empty
    subset of them is legal too (``check`` says so).
    """
    return LegalActions(state).all()


def check(state: GameState, action: Action) -> Verdict | None:
    """None if ``action`` is legal now, else a Verdict.  Nothing changes."""
    got = why_illegal(state, action)
    return None if got is None else Verdict(*got)


def _carry_out(s: GameState, action: Action, legal: LegalActions | None, before: np.ndarray | None) -> list[Event]:
    """Apply a (legal) action to ``s`` in place; ``legal``/``before`` are the seat's knowledge before it."""
    s.actions_applied += 1
    bloc = s.active_seat.bloc
    if isinstance(action, EndPhase):
        events = flow.end_phase(s)
    elif isinstance(action, Decide):
        events = carry_out(s, action.decision)
    elif isinstance(action, Inject):
        events = inject_rule(s, action.rule)
    else:
        if before is None:
            before = seen_mask(s, bloc)
        if isinstance(action, MoveUnit):
            if legal is None:
                legal = LegalActions(s, seat_knowledge(s))
            legal.state = s
            events = resolve.move(s, action, legal)
        elif isinstance(action, RailMove):
            events = resolve.rail(s, action)
        elif isinstance(action, SeaMove):
            events = resolve.sea(s, action)
        elif isinstance(action, Landing):
            events = resolve.landing(s, action)
        else:
            events = resolve.attack(s, action)
        events.extend(resolve.spot(s, bloc, before))
    events.extend(flow.after_action(s))
    return events


def apply(state: GameState, action: Action) -> tuple[GameState, list[Event]]:
    """Check ``action`` and apply it to a copy of ``state``: (new state, events).

    Raises :class:`IllegalAction` (its ``reason`` for a player, its ``code`` for
    programs) and changes nothing if the action is illegal.
    """
    before = None
    legal = None
    if not isinstance(action, (EndPhase, Decide, Inject)) and not state.over:
        before = seen_mask(state, state.active_seat.bloc)
        legal = LegalActions(state, seat_knowledge(state))
    got = why_illegal(state, action, legal)
    if got is not None:
        raise IllegalAction(got[1], got[0])
    s = state.clone()
    return s, _carry_out(s, action, legal, before)


def step(state: GameState, action: Action) -> tuple[GameState, list[Event]]:
    """Trusted, in place: apply a legal action to ``state`` itself (for search).

    Returns an undo token and the events; ``undo(state, token)`` restores the
    position.  The action is not checked: pass only actions from
    ``legal_actions`` (or subsets of their attackers).
    """
    token = state.clone()
    return token, _carry_out(state, action, None, None)


def undo(state: GameState, token: GameState) -> None:
    """Put ``state`` back where it was before the ``step`` that returned ``token``."""
    for name in GameState.__slots__:
        setattr(state, name, getattr(token, name))


def clone(state: GameState) -> GameState:
    return state.clone()


def reseed(state: GameState, seed: int) -> GameState:
    """A copy of ``state`` whose dice and politics' chances are new (Monte Carlo from one position)."""
    s = state.clone()
    s.rng_state = np.random.PCG64(seed).state
    s.seed = seed
    return s


def chance_outcomes(state: GameState, action: Attack) -> list[tuple[str, float]]:
    """The results an attack may have and their probabilities (one die: six equally likely faces)."""
    o = preview_attack(state, action)
    return sorted(o.probabilities.items(), key=lambda kv: -kv[1])


def preview_attack(state: GameState, action: Attack) -> Odds:
    """The odds of an attack as the rules would resolve it now (nothing changes)."""
    ti = state.board.index(action.target)
    attackers = [state.unit_index(a) for a in action.attackers]
    return odds(state, attackers, state.units_at(ti).tolist(), action.target)


def current_seat(state: GameState) -> str | None:
    """The seat to act, or None when the game is over."""
    return None if state.over else state.active_seat.id


def is_terminal(state: GameState) -> bool:
    return state.over


def returns(state: GameState) -> dict[str, float]:
    """Each seat's score (DESIGN §9: points against history, which scores 0)."""
    return {seat: v["total"] for seat, v in scores(state).items()}


def observe(state: GameState, seat: str) -> Observation:
    """What ``seat`` may know now, sealed from the true state, with its legal actions."""
    return Observation(state, seat)


def snapshot(state: GameState) -> dict:
    """The position as JSON-able data (saves carry it)."""
    return state.to_snapshot()


def restore(setup: Setup, snap: dict) -> GameState:
    """The position a snapshot describes, for a game of ``setup``; SnapshotInvalid (a ValueError) naming the
    first field outside what the game can hold (game/engine/snapshot_check.py)."""
    return from_snapshot(setup, snap)


def checksum(state: GameState) -> str:
    return state.checksum()


def snapshot_checksum(snapshot: dict) -> str:
    """The checksum of a snapshot as saved (equal to ``checksum`` of the state it was taken from)."""
    return _snapshot_checksum(snapshot)


def snapshot_complete(snapshot: dict) -> bool:
    """Whether a snapshot has every array this engine keeps (one from an older version may lack some)."""
    return all(name in snapshot for name in GameState.ARRAYS)


def truth(state: GameState) -> dict:
    """The facts of a position in plain data, independent of how the engine stores them (golden games)."""
    import hashlib
    t = state.units
    units = []
    for u in range(t.n):
        h = int(state.hex[u])
        units.append([t.ids[u], LOCATIONS[int(state.loc[u])].value, list(state.board.hex_at(h)) if h >= 0 else None,
                      int(state.steps[u]), bool(state.moved[u]), bool(state.attacked[u]), bool(state.hidden[u]),
                      int(state.oos[u]), int(state.dug_in[u]) == h >= 0])
    return {
        "turn": state.turn, "seat": state.seat_index, "phase": state.phase.value, "outcome": state.outcome,
        "rail_used": state.rail_used, "sea_used": state.sea_used, "landings_used": state.landings_used,
        "attacked": np.flatnonzero(state.attacked_hexes).tolist(),
        "tracks": {k: round(v, 4) for k, v in sorted(state.track_dict().items())},
        "steps_lost": dict(sorted(state.steps_lost_dict().items())),
        "control": hashlib.sha256(state.control.tobytes()).hexdigest(),
        "holder": hashlib.sha256(state.holder.tobytes()).hexdigest(),
        "seed": int(state.seed),
        "units": units,
    }


@dataclass(frozen=True)
class Truth:
    """Everything about a position, for whoever may see it all (the end screen, a teacher's reveal)."""

    units: dict[str, Unit]
    control: np.ndarray
    holder: np.ndarray
    tracks: dict[str, float]
    talks: str
    dmz: list | None
    steps_lost: dict[str, int]
    hexes_held: dict[str, int]
    outcome: str | None
    turn: int
    date: object
    scores: dict[str, dict]
    #: bloc -> the victory places it holds, (points, name): what the scores counted (scoring.places_held)
    places_held: dict[str, tuple] = field(default_factory=dict)



def reveal(state: GameState) -> Truth:
    """The whole truth of ``state`` as values (no reference to it)."""
    control = state.control.copy()
    holder = state.holder.copy()
    control.flags.writeable = holder.flags.writeable = False
    return Truth(units=state.unit_views(), control=control, holder=holder, tracks=state.track_dict(),
                 talks=state.talks.value, dmz=[list(x) for x in state.dmz] if state.dmz is not None else None,
                 steps_lost=state.steps_lost_dict(), hexes_held=hexes_held(state), outcome=state.outcome,
                 turn=state.turn, date=state.date, scores=scores(state), places_held=places_held(state))
