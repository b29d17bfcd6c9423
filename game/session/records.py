"""What a headless run records: the dates of the war's key events, the tracks turn by turn, the scores.

A :class:`Recorder` watches the events of every action (``play(on_action=...)``)
and the state; it never changes either.
"""

from __future__ import annotations

from game.engine.events import Event
from game.engine.politics.scoring import scores
from game.engine.units import Location

from .match import Match

#: Key events, in the order a report lists them.
KEY_EVENTS = ("seoul_falls", "pusan_perimeter", "seoul_retaken", "un_crosses_38th", "pyongyang_falls",
              "prc_warns", "prc_enters", "soviet_air", "talks_open", "armistice_signed", "general_war")


def _is_prc_warning(rule: str, text: str) -> bool:
    """The Chinese warning is a rule whose id says 'warn' and which is not the Soviet one."""
    rule, text = rule.lower(), text.lower()
    return "warn" in rule and "soviet" not in rule and ("prc" in rule or "china" in text or "india" in text)


class Recorder:
    def __init__(self, match: Match):
        self.match = match
        self.dates: dict[str, str] = {}
        self.tracks: list[dict] = []
        self._seoul_lost = False
        self._snapshot()

    def _mark(self, key: str) -> None:
        self.dates.setdefault(key, self.match.state.date.isoformat())

    def _snapshot(self) -> None:
        s = self.match.state
        if s.tracks:
            self.tracks.append({"turn": s.turn, "date": s.date.isoformat(),
                                **{k: round(float(v), 2) for k, v in sorted(s.tracks.items())}})

    def __call__(self, match: Match, events: list[Event]) -> None:
        s = match.state
        for e in events:
            if e.kind == "PlaceCaptured" and e.data.get("place") == "seoul":
                if e.data.get("bloc") != "un":
                    self._seoul_lost = True
                    self._mark("seoul_falls")
                elif self._seoul_lost:
                    self._mark("seoul_retaken")
            elif e.kind == "PlaceCaptured" and e.data.get("place") == "pyongyang" and e.data.get("bloc") == "un":
                self._mark("pyongyang_falls")
            elif e.kind == "TurnStarted":
                self._snapshot()
                self._check_perimeter()
            elif e.kind == "ArmisticeSigned":
                self._mark("armistice_signed")
            elif e.kind == "GameEnded" and e.data.get("outcome") == "general_war":
                self._mark("general_war")
            elif e.kind == "TalksChanged" and e.data.get("talks") == "open":
                self._mark("talks_open")
            elif e.kind == "DecisionTaken" and "interven" in str(e.data.get("decision", "")):
                self._mark("prc_enters")
            elif e.kind == "RuleFired" and _is_prc_warning(str(e.data.get("rule", "")), e.text):
                self._mark("prc_warns")
        if s.flags.get("mig_alley"):
            self._mark("soviet_air")
        if "un_crosses_38th" not in self.dates:
            for u in s.units.values():
                if u.seat == "un" and u.location is Location.MAP and u.hex is not None \
                        and float(s.board.lat[s.board.index(u.hex)]) > 38.0:
                    self._mark("un_crosses_38th")
                    break

    def _check_perimeter(self) -> None:
        """The Pusan perimeter 'forms' the first turn the UN side holds under a fifth of South Korea."""
        s = self.match.state
        if "pusan_perimeter" in self.dates or "un" not in s.config.blocs:
            return
        from game.engine.board import Country
        south = (s.board.country == int(Country.ROK)) & (s.board.terrain >= 2)
        held = float((s.control[south] == s.config.bloc_code("un")).sum()) / max(1, int(south.sum()))
        if held < 0.2:
            self._mark("pusan_perimeter")

    def report(self) -> dict:
        s = self.match.state
        sc = scores(s)
        return {"key_events": {k: self.dates[k] for k in KEY_EVENTS if k in self.dates},
                "tracks": self.tracks,
                "scores": {seat: v["total"] for seat, v in sc.items()},
                "score_components": {seat: v["components"] for seat, v in sc.items()}}
