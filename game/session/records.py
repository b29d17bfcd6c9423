"""What a headless run records: the dates of the war's key events, the tracks turn by turn, the scores.

A :class:`Recorder` watches the events of every action (``play(on_action=...)``)
and the state; it never changes either.
"""

from __future__ import annotations

import numpy as np

from game.engine.api import Event, Hex, Location
from game.engine.board import Country

from .match import Match

#: Key events, in the order a report lists them.
KOREA = (int(Country.ROK), int(Country.DPRK))
KEY_EVENTS = ("seoul_falls", "pusan_perimeter", "lowest_ebb", "first_landing", "seoul_retaken", "un_crosses_38th",
              "prc_warns", "pyongyang_falls", "prc_enters", "soviet_air", "seoul_lost_again", "front_stabilised",
              "talks_open", "armistice_signed", "general_war")
#: Key events and the day history gives each (assets/history.yaml's timeline); "never" for what never happened.
HISTORY = {
    "seoul_falls": "1950-06-28", "pusan_perimeter": "1950-08-04", "lowest_ebb": "1950-08-04",
    "first_landing": "1950-09-15", "seoul_retaken": "1950-09-28", "un_crosses_38th": "1950-10-01",
    "prc_warns": "1950-10-03", "pyongyang_falls": "1950-10-19", "prc_enters": "1950-10-19",
    "soviet_air": "1950-11-01", "seoul_lost_again": "1951-01-04", "front_stabilised": "1951-06-15",
    "talks_open": "1951-07-10", "armistice_signed": "1953-07-27", "general_war": "never",
}
#: The Pusan perimeter: the UN side's army drawn in round Pusan (at least PERIMETER_ARMY of its steps on the map
#: within PERIMETER_KM of it, the port still its own) while the enemy holds most of the South (the UN side under
#: PERIMETER_SOUTH of it).  History's perimeter of 4 August 1950 ran about 130 km out from Pusan at its farthest
#: (Yongdok) and, measured as the ground south of its line (history_lines.yaml), left the UN a quarter of the South.
PERIMETER_KM, PERIMETER_ARMY, PERIMETER_SOUTH = 140.0, 0.8, 0.4
#: A front counts as stabilised once the UN side's share of Korea moved less than this over STABLE_TURNS turns.
STABLE_SHARE, STABLE_TURNS = 0.02, 4


def un_north_of_38th(units, board) -> bool:
    """Whether any of ``units`` is a UN Command unit on the map north of the 38th parallel (the crossing that
    dates ``un_crosses_38th``; the ROK crossed first, but history dates the UN's)."""
    return any(u.seat == "un" and u.location is Location.MAP and u.hex is not None
               and float(board.lat[board.index(u.hex)]) > 38.0 for u in units)


#: The events of a unit that ends where it went: by land or rail, by sea, or ashore.
MOVED = ("UnitMoved", "UnitShipped", "UnitLanded")


class Recorder:
    """Dates the war's key events.  Milestones come tagged in the scenario's rules and decisions
    (``milestone: prc_warns``); the rest are read from the events and, once a turn, from the position."""

    def __init__(self, match: Match):
        self.match = match
        self.dates: dict[str, str] = {}
        self.tracks: list[dict] = []
        self._seoul_lost = False
        self._seoul_retaken = False
        self.ground: list[dict] = []          # per turn: date, hexes held per seat, the UN side's share of Korea
        self._ebb: tuple[float, str] | None = None
        self._snapshot()

    def _mark(self, key: str, when=None) -> None:
        self.dates.setdefault(key, (when or self.match.reveal().date).isoformat())

    def _snapshot(self) -> None:
        truth = self.match.reveal()
        if truth.tracks:
            self.tracks.append({"turn": truth.turn, "date": truth.date.isoformat(),
                                **{k: round(float(v), 2) for k, v in sorted(truth.tracks.items())}})
        self._check_perimeter(truth)
        self._check_crossing(truth)
        self._check_ground(truth)

    def _check_ground(self, truth) -> None:
        """The hexes each seat holds, the UN side's share of Korea, its lowest ebb, a front that stands still."""
        config, board = self.match.config, self.match.board
        korea = np.isin(board.country, KOREA) & (board.terrain >= 2)
        share = float((truth.control[korea] == config.bloc_code("un")).mean()) if "un" in config.blocs else 0.0
        date = truth.date.isoformat()
        self.ground.append({"turn": truth.turn, "date": date, "hexes": dict(truth.hexes_held),
                            "un_share": round(share, 4)})
        if self._ebb is None or share < self._ebb[0]:
            self._ebb = (share, date)
        recent = [g["un_share"] for g in self.ground[-STABLE_TURNS:]]
        if len(self.ground) > 6 and len(recent) == STABLE_TURNS and max(recent) - min(recent) < STABLE_SHARE:
            self.dates.setdefault("front_stabilised", self.ground[-STABLE_TURNS]["date"])

    def __call__(self, match: Match, events: list[Event]) -> None:
        for e in events:
            milestone = e.data.get("milestone")
            if milestone in KEY_EVENTS:
                self._mark(milestone, e.date)
            if e.kind in MOVED and e.seat == "un" and "un_crosses_38th" not in self.dates:
                # Dated as the troops cross, not at the next turn's look at the map: the classroom stops there,
                # and its timeline and the report must give the same day.
                to = e.data.get("to") or e.data.get("at")
                board = self.match.board
                if to and float(board.lat[board.index(Hex(*to))]) > 38.0:
                    self._mark("un_crosses_38th", e.date)
            if e.kind == "PlaceCaptured" and e.data.get("place") == "seoul":
                if e.data.get("bloc") != "un":
                    self._seoul_lost = True
                    self._mark("seoul_falls", e.date)
                    if self._seoul_retaken:
                        self._mark("seoul_lost_again", e.date)
                elif self._seoul_lost:
                    self._seoul_retaken = True
                    self._mark("seoul_retaken", e.date)
            elif e.kind == "UnitLanded":
                self._mark("first_landing", e.date)
            elif e.kind == "PlaceCaptured" and e.data.get("place") == "pyongyang" and e.data.get("bloc") == "un":
                self._mark("pyongyang_falls", e.date)
            elif e.kind == "TurnStarted":
                self._snapshot()
            elif e.kind == "ArmisticeSigned":
                self._mark("armistice_signed", e.date)
            elif e.kind == "GameEnded" and e.data.get("outcome") == "general_war":
                self._mark("general_war", e.date)
            elif e.kind == "TalksChanged" and e.data.get("talks") == "open":
                self._mark("talks_open", e.date)

    def _check_crossing(self, truth) -> None:
        if "un_crosses_38th" not in self.dates and un_north_of_38th(truth.units.values(), self.match.board):
            self._mark("un_crosses_38th", truth.date)

    def _check_perimeter(self, truth) -> None:
        """The Pusan perimeter 'forms' the first turn the UN side holds under a fifth of South Korea, or holds
        Pusan with its army drawn in round it while the enemy holds most of the South (PERIMETER_KM)."""
        config, board = self.match.config, self.match.board
        if "pusan_perimeter" in self.dates or "un" not in config.blocs:
            return
        un = config.bloc_code("un")
        south = (board.country == int(Country.ROK)) & (board.terrain >= 2)
        held = float((truth.control[south] == un).sum()) / max(1, int(south.sum()))
        if held < 0.2 or (held < PERIMETER_SOUTH and self._drawn_in(truth, un)):
            self._mark("pusan_perimeter", truth.date)

    def _drawn_in(self, truth, un: int) -> bool:
        """Whether the UN side holds Pusan with most of its army (PERIMETER_ARMY of its steps) near it."""
        board = self.match.board
        pusan = board.places.get("pusan")
        if pusan is None or int(truth.control[board.index(pusan.hex)]) != un:
            return False
        blocs = {s.id: s.bloc for s in self.match.config.seats}
        near = far = 0
        for u in truth.units.values():
            if blocs.get(u.seat) != "un" or u.location is not Location.MAP or u.hex is None:
                continue
            if u.hex.distance(pusan.hex) * board.hex_km <= PERIMETER_KM:
                near += u.steps
            else:
                far += u.steps
        return near > 0 and near >= PERIMETER_ARMY * (near + far)

    def report(self) -> dict:
        truth = self.match.reveal()
        self._check_crossing(truth)
        sc = truth.scores
        # (An ebb on the first day is no event: the UN side never fell below where it began - the tutorial's
        # summary listed a "lowest ebb" on its start date.)
        if self._ebb is not None and self._ebb[0] < self.ground[0]["un_share"]:
            self.dates["lowest_ebb"] = self._ebb[1]
        return {"key_events": {k: self.dates[k] for k in KEY_EVENTS if k in self.dates},
                "lowest_ebb_share": round(self._ebb[0], 4) if self._ebb else None,
                "ground": self.ground,
                "tracks": self.tracks,
                "scores": {seat: v["total"] for seat, v in sc.items()},
                "score_components": {seat: v["components"] for seat, v in sc.items()}}
