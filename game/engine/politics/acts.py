"""The politics' own primitives: tracks, log entries, ending the war, decisions carried out, the armistice.

Below the effects and the runtime (both call these), so neither has to import
the other.  Like game/engine/primitives.py, every function changes the state
it is given and returns events.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..events import Event
from ..narrate import render
from ..state import GameState, TalksStatus


@dataclass(frozen=True)
class FireContext:
    """Who fired the effect: the rule or decision (for the log), and the seat."""

    source: str
    seat: str | None = None
    #: the seats the rule's words are for (Rule.to); () for every seat
    to: tuple[str, ...] = ()


def ev(state: GameState, kind: str, text: str, seat: str | None = None, **data) -> Event:
    """A public politics event whose words come from the scenario (or are a short fixed sentence)."""
    return Event(kind, state.date, state.turn, seat, (), True, dict(data), state.setup, text)


def set_track(state: GameState, name: str, value: float) -> float:
    """Set a track within its range (from the scenario); returns the change."""
    spec = state.config.politics.tracks[name] if state.config.politics else None
    lo, hi = (spec.lo, spec.hi) if spec else (0.0, 100.0)
    k = state.setup.track_index[name]
    old = float(state.tracks[k])
    new = max(lo, min(hi, float(value)))
    state.tracks[k] = round(new, 4)
    if name == "escalation":
        state.escalation_peak = max(float(state.escalation_peak), new)
    return new - old


def move_track(state: GameState, name: str, add: float | None, to: float | None, fire: FireContext) -> list[Event]:
    """Add to a track or set it; an event says so when it moved."""
    old = state.track(name)
    change = set_track(state, name, old + add if add is not None else to)
    if abs(change) < 1e-9:
        return []
    # Words when read (game/engine/narrate.py: whole points, as the gauges): a search's moves never pay for them.
    return [Event("TrackChanged", state.date, state.turn, fire.seat, (), True,
                  {"track": name, "change": round(change, 4), "value": state.track(name), "source": fire.source},
                  state.setup, None, render)]


def end_game(state: GameState, outcome: str, text: str, fire: FireContext) -> list[Event]:
    if state.outcome is not None:
        return []
    state.outcome = outcome
    return [ev(state, "GameEnded", text, fire.seat, outcome=outcome, source=fire.source)]


def carry_out(state: GameState, decision_id: str, forced: bool = False) -> list[Event]:
    """Apply a decision's effects and record it (a rule may force it: ``take_decision``)."""
    pol = state.config.politics
    d = pol.decisions[decision_id]
    k = state.setup.decision_index[decision_id]
    if d.once and state.decision_taken[k]:
        return []
    state.decision_taken[k] = state.date.toordinal()
    seat = state.config.seat(d.seat).name
    text = f"{seat}: {d.title}." + (" (forced)" if forced else "")
    out = [ev(state, "DecisionTaken", text, d.seat, decision=d.id, history=d.history, idea=d.idea,
              detail=d.text, forced=forced, **({"milestone": d.milestone} if d.milestone else {}))]
    fire = FireContext(f"decision:{d.id}", d.seat)
    for effect in d.effects:
        out.extend(effect.apply(state, fire))
        if state.over:
            break
    return out


def front_hexsides(state: GameState) -> list[list[int]]:
    """[hex index, direction] of every Korean land hexside with one bloc on each side: the line of contact."""
    board = state.board
    korea = state.setup.korea_land
    control = state.control
    out = []
    for d in (0, 1, 2):   # each hexside once
        nb = board.neighbors[:, d]
        other = np.where(nb >= 0, control[np.where(nb >= 0, nb, 0)], 0)
        ok = korea & (control != 0) & (nb >= 0) & korea[np.where(nb >= 0, nb, 0)] & (other != 0) & (other != control)
        out.extend([int(i), d] for i in np.flatnonzero(ok))
    out.sort()
    return out


def sign_armistice(state: GameState, fire: FireContext) -> list[Event]:
    """The line of contact freezes into the DMZ and the war ends in an armistice."""
    if state.talks is TalksStatus.SIGNED:
        return []
    state.talks = TalksStatus.SIGNED
    state.dmz = tuple(tuple(x) for x in front_hexsides(state))
    if state.has_track("talks"):
        set_track(state, "talks", state.config.politics.tracks["talks"].hi)
    out = [Event("ArmisticeSigned", state.date, state.turn, fire.seat, (), True,
                 {"dmz": len(state.dmz), "date": state.date.isoformat()}, state.setup, None, render)]
    out += end_game(state, "armistice", "The guns fall silent: an armistice, not a peace.", fire)
    return out
