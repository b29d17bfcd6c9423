"""A match in progress: the state, who sits where, the action record, the log and undo.

Every change goes through :meth:`Match.submit`, which asks the engine's API to
apply an action and records it; replaying the record from the same scenario
and seed gives the same game, byte for byte.  Undo goes back one action at a
time, but never past something that revealed information or rolled dice (a
combat, a spotted enemy, the end of a phase): undo never re-rolls.

Readers get observations (``view``): what one seat may know.  The whole truth
is asked for explicitly (``reveal``), by the end screen or a teacher.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine import api
from game.engine.api import Action, EndPhase, Event, GameState, Inject, Observation

HUMAN = "human"
#: In a match's ``teacher`` list beside the what-ifs, a seat a person took over (posed) or handed back: the title
#: is this and the seat's id, so the report says a student played it for a while.
TAKEN_OVER = "@person:"


def is_barrier(action: Action, events: list[Event]) -> bool:
    """True if undo may not go back past this action."""
    if isinstance(action, (EndPhase, Inject)):
        return True                   # an injected event is the teacher's, public at once: no take-back
    return any(e.data.get("reveal") or e.data.get("dice") for e in events)


@dataclass
class Match:
    """One game: scenario, seed, seat controllers ("human" or an AI name), state and record."""

    scenario_id: str
    scenario_hash: str
    seed: int
    state: GameState
    seats: dict[str, str] = field(default_factory=dict)
    record: list[Action] = field(default_factory=list)
    log: list[Event] = field(default_factory=list)
    #: action number (0-based) -> why the computer chose it, in a player's words (kept in saves)
    reasons: dict[int, str] = field(default_factory=dict)
    _undo: list[tuple[GameState, int]] = field(default_factory=list, repr=False)
    #: The table's per-seat logs (session/eventlog.SeatLogs), saved with the game; a loaded game's saved lines.
    seat_logs: object = field(default=None, repr=False)
    saved_logs: dict | None = field(default=None, repr=False)
    #: the computer seats' memories: a callable giving them now (set by the AI players), and those of a save
    agent_memory: object = field(default=None, repr=False)
    saved_agents: dict | None = field(default=None, repr=False)
    #: how far each seat's player has got in the tutorial's lessons (seat -> step): the table's, kept in saves
    lesson_at: dict = field(default_factory=dict, repr=False)
    #: how many actions of the record the last save (or autosave) holds; a new game has nothing to lose yet
    saved_actions: int = field(default=0, repr=False)
    #: a classroom's what-ifs as the teacher posed and withdrew them: [actions recorded then, title, posed?]
    #: (kept in saves: a replay, a branch and the report know which stood when)
    teacher: list = field(default_factory=list, repr=False)

    @property
    def unsaved_actions(self) -> int:
        """Actions taken since the last save: what leaving the game now would lose."""
        return max(0, len(self.record) - self.saved_actions)

    @classmethod
    def start(cls, scenario, seed: int, seats: dict[str, str] | None = None) -> "Match":
        """A new match of a loaded scenario (game.scenario.loader.Scenario)."""
        state, events = scenario.start_game(seed)
        seats = dict(seats or {})
        for s in state.config.seats:
            seats.setdefault(s.id, HUMAN)
        return cls(scenario.id, scenario.content_hash, seed, state, seats, [], list(events))

    # -- reading -------------------------------------------------------------------
    @property
    def active_seat(self) -> str:
        return self.state.active_seat.id

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def seat_index(self) -> int:
        return self.state.seat_index

    @property
    def phase(self) -> api.Phase:
        return self.state.phase

    @property
    def config(self):
        return self.state.config

    @property
    def board(self):
        return self.state.board

    def view(self, seat: str) -> Observation:
        """What ``seat`` may know now, with its legal actions (sealed from the true state)."""
        return api.observe(self.state, seat)

    def reveal(self) -> "api.Truth":
        """The whole truth of the position: for the end screen and a teacher's reveal, never for play."""
        return api.reveal(self.state)

    def is_human(self, seat: str) -> bool:
        return self.seats.get(seat, HUMAN) == HUMAN

    def checksum(self) -> str:
        return api.checksum(self.state)

    # -- changing ------------------------------------------------------------------
    def submit(self, action: Action, reason: str | None = None) -> list[Event]:
        """Apply the active seat's action (raises IllegalAction, changing nothing) and record it.

        ``reason``: why a computer seat chose it; it goes into the log of the seat's side (the enemy never
        reads it) and stays with the record.
        """
        seat = self.state.active_seat.id
        new_state, events = api.apply(self.state, action)
        if reason:
            self.reasons[len(self.record)] = reason
            note = Event("AIReasoned", new_state.date, new_state.turn, seat, (), False,
                         {"reason": reason, "action": len(self.record)}, None, reason)
            events = [note] + events
        if is_barrier(action, events):
            self._undo.clear()
        else:
            self._undo.append((self.state, len(self.log)))
        self.state = new_state
        self.record.append(action)
        self.log.extend(events)
        return events

    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Take back the last action if the rules allow; True if something was undone."""
        if not self._undo:
            return False
        self.state, log_len = self._undo.pop()
        self.record.pop()
        self.reasons.pop(len(self.record), None)
        del self.log[log_len:]
        return True
