"""A game replayed from its record into the time series of its report (issue 12 §4).

Contract: :func:`chronicle_of(match)` replays ``match.record`` from the
scenario's start with ``match.seed``, through the same ``apply`` as live play,
on a setup of its own (its caches are not the live game's, so a worker thread
may replay while the window plays on), and returns a :class:`Chronicle`:

* one :class:`Sample` at the start of every turn, and the last at the game's
  end (dated ``end_date``: the last day of the last turn, or the day an outcome
  such as an armistice ended the war): every track's value, the steps each seat has lost so far, and the land
  hexes of Korea each bloc holds -- the log holds no ground per turn, which is
  why the report replays rather than reads the seats' logs;
* each public track's points ``(date, value)``: its start, every change the log
  records, and the turn samples (a track the engine recomputes without an event,
  the balance of power, has only those);
* the politically notable events (decisions, rules fired, track moves, the talks,
  the end), each with the number of the action that caused it (-1: the start);
* the key events of the war dated as a headless study dates them
  (game/session/records.py), and the final position (``Truth``).

It raises :class:`ReplayError` (a sentence for a player) when an action of the
record is refused or the replay ends elsewhere than the game it was given: a
save made before a change to the rules.  Nothing here reads a clock: the same
match gives the same chronicle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from game.engine import api
from game.engine.api import ActionFormatError, Event, IllegalAction, Truth
from game.engine.board import Country, Terrain
from game.session.match import Match
from game.session.records import Recorder

#: The event kinds the report's words are made of (game/report/story.py reads them).
NOTABLE = ("DecisionTaken", "RuleFired", "TrackChanged", "TalksChanged", "ArmisticeSigned", "GameEnded")
Point = tuple[date, float]


class ReplayError(Exception):
    """The record does not replay to the game it came with; ``str()`` says why, for a player."""


@dataclass(frozen=True)
class Sample:
    """The position at the start of a turn (the last sample: at the game's end, dated the chronicle's end_date)."""

    turn: int
    date: date
    tracks: dict[str, float]
    steps_lost: dict[str, int]
    #: bloc -> the land hexes of Korea it controls
    ground: dict[str, int]
    talks: str


@dataclass
class Chronicle:
    """Everything the report shows, from one replay of a game's record."""

    scenario_id: str
    seed: int
    #: seat -> who played it: "human" or the computer's spec ("ai:historical:normal")
    seats: dict[str, str]
    config: object
    board: object
    samples: list[Sample]
    track_points: dict[str, list[Point]]
    #: (action number, event) for every NOTABLE event, in order; -1 for the events of the start
    notable: list[tuple[int, Event]]
    #: the record's actions and the computer's reasons (action number -> words), as the save holds them
    actions: list
    reasons: dict[int, str]
    final: Truth
    #: key event -> ISO date (game/session/records.py KEY_EVENTS)
    key_events: dict[str, str]
    checksum: str
    #: per action of the record: the seat that took it, the turn and the date
    acts: list[tuple[str, int, date]] = field(default_factory=list)
    korea_land: int = 0
    #: the scenario's first day and the last day of its last turn (the calendar, not this game's end)
    first_date: date | None = None
    calendar_end: date | None = None
    #: the last day the charts show: the end of the last turn played, or the day an outcome ended the war
    end_date: date | None = None
    #: a classroom's what-ifs as the teacher posed and withdrew them: (actions recorded then, title, posed?)
    teacher: list = field(default_factory=list)

    @property
    def last_date(self) -> date:
        return self.final.date


def korea_land(board) -> np.ndarray:
    """The land hexes of Korea (North and South): the ground the report counts."""
    return np.isin(board.country, (int(Country.ROK), int(Country.DPRK))) & (board.terrain >= Terrain.CLEAR)


class _Collector:
    """Watches the replay: a sample at each new turn, the track points, the notable events."""

    def __init__(self, game: Match, start_events: list[Event]):
        self.game = game
        config = game.config
        self.korea = korea_land(game.board)
        self.blocs = list(config.blocs)
        pol = config.politics
        self.public = [n for n, sp in pol.tracks.items() if sp.public] if pol else []
        self.samples: list[Sample] = []
        self.points: dict[str, list[Point]] = {n: [] for n in self.public}
        self.notable: list[tuple[int, Event]] = []
        self.sample()
        self.events(-1, start_events)

    def sample(self, when: date | None = None) -> None:
        """A sample of the position now, dated ``when`` (default: the turn's date)."""
        t = self.game.reveal()
        when = when or t.date
        ground = {b: int((t.control[self.korea] == k + 1).sum()) for k, b in enumerate(self.blocs)}
        s = Sample(t.turn, when, dict(t.tracks), dict(t.steps_lost), ground, t.talks)
        if self.samples and self.samples[-1].date == when:
            self.samples[-1] = s            # the game ended on its last turn's date: its end replaces that start
        else:
            self.samples.append(s)
        for name in self.public:
            self._point(name, when, float(t.tracks.get(name, 0.0)))

    def _point(self, name: str, when: date, value: float) -> None:
        pts = self.points[name]
        if not pts or pts[-1] != (when, value):
            pts.append((when, value))

    def events(self, n: int, events: list[Event]) -> None:
        new_turn = False
        for e in events:
            if e.kind in NOTABLE:
                self.notable.append((n, e))
            if e.kind == "TrackChanged" and e.data.get("track") in self.points:
                self._point(e.data["track"], e.date, float(e.data["value"]))
            new_turn = new_turn or e.kind == "TurnStarted"
        if new_turn:
            self.sample()


def chronicle_of(match: Match) -> Chronicle:
    """Replay ``match``'s record from its scenario's start (see the module's contract)."""
    setup = match.state.setup
    # A setup of its own: the live game's caches are plain dicts a search trims as it goes (setup.recall), and
    # the end screen replays in a worker thread while the window may still ask the engine things.
    fresh = api.make_setup(setup.board, setup.config, setup.units.templates)
    state, start_events = api.new_game(fresh, int(match.seed))
    game = Match(match.scenario_id, match.scenario_hash, match.seed, state, dict(match.seats), [],
                 list(start_events))
    recorder = Recorder(game)
    recorder(game, list(start_events))
    collector = _Collector(game, list(start_events))
    acts: list[tuple[str, int, date]] = []
    for n, action in enumerate(match.record):
        acts.append((game.active_seat, game.turn, game.state.date))
        try:
            events = game.submit(action)
        except IllegalAction as exc:
            raise ReplayError(f"action {n + 1} of the record cannot be replayed with this version of the rules "
                              f"({exc})") from None
        except (ActionFormatError, KeyError, ValueError, TypeError, IndexError, AttributeError):
            raise ReplayError(f"action {n + 1} of the record is not an action the game knows") from None
        recorder(game, events)
        collector.events(n, events)
    if game.checksum() != match.checksum():
        raise ReplayError("replaying the record does not give the saved game (it was made with another version "
                          "of the rules)")
    final = game.reveal()
    dates = game.state.turn_dates
    end = _end_date(final, dates)
    collector.sample(end)
    return Chronicle(
        scenario_id=match.scenario_id, seed=int(match.seed), seats=dict(match.seats), config=game.config,
        board=game.board, samples=collector.samples, track_points=collector.points, notable=collector.notable,
        actions=list(match.record), reasons=dict(match.reasons), final=final,
        key_events=recorder.report()["key_events"], checksum=game.checksum(), acts=acts,
        korea_land=int(collector.korea.sum()), first_date=dates[0] if dates else final.date,
        calendar_end=_calendar_end(dates) or final.date, end_date=end,
        teacher=[tuple(t) for t in match.teacher])


def _end_date(final: Truth, dates) -> date:
    """The day the game's story ends: the end of its last turn when it ran out of turns or stopped (a turn's
    moves happen over its days, and the charts should show them), its last turn's date when an outcome ended it
    there (an armistice is signed on that turn's date)."""
    if final.outcome not in (None, "last_turn"):
        return final.date
    k = final.turn - 1
    if 0 <= k < len(dates) - 1:
        return dates[k + 1] - timedelta(days=1)
    step = (dates[-1] - dates[-2]) if len(dates) > 1 else timedelta(days=7)
    return final.date + step - timedelta(days=1)


def _calendar_end(dates) -> date | None:
    """The last day of the scenario's last turn (its date plus the length of the turn before it)."""
    if not dates:
        return None
    return dates[-1] + ((dates[-1] - dates[-2]) if len(dates) > 1 else timedelta(days=7)) - timedelta(days=1)
