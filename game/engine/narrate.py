"""Sentences for events, rendered when someone reads them (the log, the UI), never inside search.

Each event carries a structured payload; ``render`` turns it into words with
the game's static setup (unit names, seat names, the gazetteer).  A payload
may name its sentence with ``say`` when one kind has several (a march and a
rail move are both ``UnitMoved``); politics events whose words come from the
scenario carry them as ``text``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Callable

from .board import Board
from .combat import RESULT_NAMES
from .events import Event
from .hexes import Hex
from .words import change, nice, plural, points

COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


#: Between places equally near a hex, one across a border (the 38th parallel's two Koreas, the Yalu) counts this
#: many hexes farther: a hex in the South is named after a southern town where one is as near -- but a place a
#: whole hex nearer names it, wherever it is (never "50 km east of Haeju" for a hex two hexes from Kaesong).
ACROSS_BORDER = 0.5
#: ... and then the larger place names it (a city before a village, a battle site or a pass).
PLACE_RANK = {"capital": 0, "city": 1, "city_china": 1, "town": 2}
#: A hex within this many hexes of its place is "near" it; farther, it is named by distance and bearing.
NEAR = 2


def nearest_place(board: Board, h: Hex):
    """The place a hex is named after, and its distance in hexes: the nearest place, by the rules above (None if
    the board has no places).  The same hex always gets the same place, whatever sentence names it."""
    board = getattr(board, "board", board)
    i = board.index(h)
    if i >= 0 and i in board.named_after:
        return board.named_after[i]
    country = int(board.country[i]) if i >= 0 else -1
    best = None
    for p in board.places.values():
        d = p.hex.distance(h)
        j = board.index(p.hex)
        cost = d + (ACROSS_BORDER if j >= 0 and int(board.country[j]) != country else 0.0)
        key = (cost, PLACE_RANK.get(p.type, 3), p.id)
        if best is None or key < best[0]:
            best = (key, d, p)
    found = None if best is None else (best[1], best[2])
    if i >= 0:
        board.named_after[i] = found
    return found


def _naming(board: Board, h: Hex | None) -> tuple[str, str]:
    """(kind, words) for a hex: ("japan", "Japan"), ("place", "Haeju"), ("near", "near Haeju"),
    ("far", "30 km east of Haeju"), or ("hex", "hex (3, 4)") on a board without places."""
    board = getattr(board, "board", board)
    if h is None:
        return "japan", "Japan"
    places = board.place_at(h)
    if places:
        return "place", places[0].name
    found = nearest_place(board, h)
    if found is None:
        return "hex", f"hex {h}"
    d, place = found
    if d <= NEAR:
        return "near", f"near {place.name}"
    return "far", f"{_km(board, d)} km {_bearing(board, place.hex, h)} of {place.name}"


def _km(board: Board, hexes: int) -> int:
    """A distance in hexes in kilometres, to the nearest 5 (at least 5)."""
    return max(5, round(hexes * board.hex_km / 5) * 5)


#: How each kind of name reads in each role of a sentence (``{}`` is the name).  A town reads "into Haeju" and
#: "takes Haeju"; ground that is only near one reads "to a hex near Haeju" and "takes the ground near Haeju",
#: never "into near Haeju" or "takes near Haeju".
ROLES = {
    "place": {"at": "at {}", "to": "to {}", "into": "into {}", "from": "from {}", "ground": "{}", "on": "on {}"},
    "near": {"at": "{}", "to": "to a hex {}", "into": "to a hex {}", "from": "from a hex {}",
             "ground": "the ground {}", "on": "{}"},
    "japan": {"at": "in {}", "to": "to {}", "into": "to {}", "from": "from {}", "ground": "{}", "on": "in {}"},
    "hex": {"at": "at {}", "to": "to {}", "into": "into {}", "from": "from {}", "ground": "{}", "on": "on {}"},
}
ROLES["far"] = ROLES["near"]


def where(board: Board, h: Hex | None) -> str:
    """A readable name for a hex: its place, 'near' a place within 2 hexes, else a distance and bearing from the
    nearest place ('30 km east of Haeju'); 'Japan' for None.  The same hex always reads the same."""
    return _naming(board, h)[1]


def place_words(board: Board, h: Hex | None, role: str) -> str:
    """``where`` fitted to its place in a sentence (ROLES): ``at`` ('at Seoul', 'near Haeju', 'in Japan'), ``to``
    and ``into`` ('to a hex near Haeju', 'into Haeju'), ``from``, ``ground`` (what is taken: 'Haeju', 'the ground
    near Haeju') and ``on`` (an attack: 'on Haeju', 'near Haeju')."""
    kind, name = _naming(board, h)
    return ROLES[kind][role].format(name)


def title(board: Board, h: Hex | None) -> str:
    """``where`` as a heading: 'Near Haeju', '30 km east of Haeju', 'Seoul'."""
    name = where(board, h)
    return name[:1].upper() + name[1:]


def _bearing(board: Board, frm: Hex, to: Hex) -> str:
    """The compass point of ``to`` seen from ``frm`` ('north-east')."""
    proj = board.projection
    (x0, y0), (x1, y1) = proj.hex_center_km(frm), proj.hex_center_km(to)
    angle = math.degrees(math.atan2(y0 - y1, x1 - x0)) % 360     # screen y grows southward
    return COMPASS[int((angle + 22.5) // 45) % 8]


def journey(board: Board, a: Hex | None, b: Hex | None, into: bool = False) -> str:
    """The two ends of a move: 'from Chorwon to a hex near Yonchon' (``into``: 'into Haeju' for a town).  Where
    both ends read the same ('near Haeju' and 'near Haeju'), the move by its length and bearing: '15 km north-east,
    still near Haeju' -- each hex keeps its one name."""
    board = getattr(board, "board", board)
    if a is not None and b is not None and a != b and where(board, a) == where(board, b):
        return f"{_km(board, a.distance(b))} km {_bearing(board, a, b)}, still {place_words(board, b, 'at')}"
    return f"{place_words(board, a, 'from')} {place_words(board, b, 'into' if into else 'to')}"


def at(board: Board, h: Hex | None) -> str:
    """``where`` with its preposition: 'at Seoul', 'near Haeju', '40 km north of Manpojin', 'in Japan'."""
    return place_words(board, h, "at")


class _Words:
    """What a template may ask about: names of units and seats, places of hexes."""

    def __init__(self, setup, data: dict):
        self.setup = setup
        self.d = data

    def unit(self, key: str = "unit") -> str:
        if key == "unit" and self.d.get("unit_known_as"):
            return str(self.d["unit_known_as"])       # the name the reading seat knows the unit by
        uid = self.d.get(key)
        t = self.setup.units
        return t.names[t.index[uid]] if uid in t.index else str(uid)

    def units(self, key: str) -> str:
        return ", ".join(self.unit_name(u) for u in self.d.get(key, ()))

    def unit_name(self, uid: str) -> str:
        t = self.setup.units
        return t.names[t.index[uid]] if uid in t.index else str(uid)

    def seat(self, key: str = "seat_id") -> str:
        sid = self.d.get(key)
        try:
            return self.setup.config.seat(sid).name
        except KeyError:
            return str(sid)

    def hex(self, key: str) -> Hex | None:
        v = self.d.get(key)
        return Hex(*v) if v is not None else None

    def where(self, key: str) -> str:
        return where(self.setup.board, self.hex(key))

    def place(self, key: str, role: str) -> str:
        """The hex under ``key`` in its role in the sentence (``place_words``)."""
        return place_words(self.setup.board, self.hex(key), role)

    def journey(self, into: bool = False) -> str:
        """Where a move started and ended (``journey``)."""
        return journey(self.setup.board, self.hex("from"), self.hex("to"), into)

    def at(self, key: str) -> str:
        return self.place(key, "at")


def _hexes(n: int, what: str) -> str:
    return f"{plural(n, 'hex', 'hexes')} {what}" if n else ""


#: Template id -> sentence.  The id is the payload's ``say``, else the event's kind.
TEMPLATES: dict[str, Callable[[_Words], str]] = {
    "GameStarted": lambda w: f"{w.setup.config.title}: {date.fromisoformat(w.d['date']):%d %B %Y}.",
    "TurnStarted": lambda w: f"Turn {w.d['turn']}: {date.fromisoformat(w.d['date']):%d %B %Y}.",
    "PhaseStarted": lambda w: f"{w.seat()}: {w.d['phase']} phase.",
    "UnitArrived": lambda w: f"{w.unit()} arrives {w.at('at')}.",
    "UnitArrived.japan": lambda w: f"{w.unit()} arrives in Japan, ready to ship to Korea.",
    "ArrivalDelayed": lambda w: f"{w.unit()} cannot reach {w.d['target']}: the area is lost or full.",
    "UnitRebuilt": lambda w: f"{w.unit()} is re-formed {w.at('at')} with one step.",
    "UnitReplaced": lambda w: f"{w.unit()} receives replacements ({w.d['steps']}/{w.d['max_steps']} steps).",
    "SupplyLost": lambda w: f"{w.unit()} is out of supply.",
    "SupplyRestored": lambda w: f"{w.unit()} is back in supply.",
    "UnitEliminated": lambda w: f"{w.unit()} is destroyed ({w.d['cause']}).",
    "StepLost": lambda w: f"{w.unit()} loses {plural(int(w.d['steps']), 'step')} ({w.d['cause']}).",
    "HexCaptured": lambda w: f"{w.seat()} takes {w.place('at', 'ground')}.",
    "PlaceCaptured": lambda w: f"{w.d['place_name']} falls to the {w.seat()}.",
    "GroundTaken": lambda w: f"The {w.seat()} takes " + " and ".join(
        part for part in (_hexes(w.d.get("cut", w.d["count"]), "the enemy can no longer supply"),
                          _hexes(w.d.get("dominated", 0), "its army dominates")) if part) + ".",
    "UnitMoved": lambda w: f"{w.unit()} moves {w.journey()}.",
    "UnitMoved.rail": lambda w: f"{w.unit()} moves by rail {w.journey()}.",
    "UnitStopped": lambda w: f"{w.unit()} stops {w.at('at')}: it {w.d['reason']}.",
    "UnitStopped.convoy": lambda w: (f"{w.unit()}'s convoy finds {w.place('at', 'ground')} in enemy hands and turns "
                                     "back."),
    "UnitStopped.landing": lambda w: f"{w.unit()}'s landing {w.at('at')} is thrown back by unseen defenders.",
    "UnitEvacuated": lambda w: f"{w.unit()} is evacuated by sea {w.place('from', 'from')} to Japan.",
    "UnitShipped": lambda w: f"{w.unit()} sails {w.journey()}.",
    "UnitLanded": lambda w: f"{w.unit()} lands {w.at('at')} {w.place('from', 'from')}.",
    "UnitSpotted": lambda w: f"Enemy spotted: {w.unit()} {w.at('at')}.",
    "UnitAdvanced": lambda w: f"{w.unit()} advances {w.place('to', 'into')}.",
    "UnitRetreated": lambda w: f"{w.unit()} retreats {w.journey(into=True)}.",
    "UnitWithdrawn": lambda w: f"{w.unit()} is withdrawn from Korea.",
    "CombatResolved": lambda w: (
        f"{w.units('attackers')} attack{'s' if len(w.d['attackers']) == 1 else ''} {w.where('target')} at "
        f"{w.d['column']} (base {w.d['base']}; "
        + ("; ".join(f"{c:+d} {r}" for c, r in w.d["shifts"]) or "no shifts")
        + f"); die {w.d['die']}: {RESULT_NAMES[w.d['result']]}."),
    "GameEnded.last_turn": lambda w: "The scenario's last turn is over.",
    "GameEnded.unification": lambda w: f"Korea is unified by the {w.d['bloc']} side.",
    "ChanceRolled": lambda w: f"{w.d['rule']}: {w.d['roll']:.2f} against {w.d['p']:.2f}",
    "TrackChanged": lambda w: _track_changed(w),
    "ArmisticeSigned": lambda w: (f"The armistice is signed on {date.fromisoformat(w.d['date']):%d %B %Y}: the line "
                                  "of contact becomes the demilitarised zone."),
}


#: What the other side reads of an event whose words are its owner's (game/session/eventlog.py decides whether it
#: reads it at all): the same fact from the other side of the hill.  A spotted unit's own side learns that it is
#: hidden no longer, not "Enemy spotted"; a march stopped by forces it had not seen was, to those forces, only a
#: unit seen where it stopped.
OTHER_SIDE: dict[str, Callable[[_Words], str]] = {
    "UnitSpotted": lambda w: f"{w.unit()} has been spotted by the enemy {w.at('at')}: it is hidden no longer.",
    "UnitStopped": lambda w: f"{w.unit()} was seen {w.at('at')}.",
    "UnitStopped.convoy": lambda w: f"An enemy convoy with {w.unit()} turns back from {w.place('at', 'ground')}.",
    "UnitStopped.landing": lambda w: f"{w.unit()}'s landing {w.at('at')} is thrown back.",
}


def _track_changed(w: _Words) -> str:
    """'Armistice talks +30 (now 30 of 100).': whole points, as the gauges show the track (game/engine/words.py);
    a move the gauge does not show is '+<1'.  Every track with its scale, so a weariness of 0 is 0 of 100."""
    value = float(w.d["value"])
    old = round(value - float(w.d["change"]), 4)      # both kept to 4 places (acts.set_track): no float noise
    return _track_move(w.setup, w.d["track"], old, value)


def _track_move(setup, name: str, old: float, value: float) -> str:
    pol = setup.config.politics
    spec = pol.tracks.get(name) if pol is not None else None
    label = spec.label if spec is not None else nice(name)
    scale = "" if spec is None else (f" of {points(spec.hi)}" if spec.lo == 0 else
                                     f" on a scale of {points(spec.lo)} to {points(spec.hi)}")
    return f"{label} {change(old, value)} (now {points(value)}{scale})."


def track_moves(events: list[Event]) -> list[str]:
    """The sentences of a run of TrackChanged events with each track's moves added up, in the order the tracks
    first moved ('War weariness (UN) +1 (now 24 of 100).' for a +1 and a +<1 of one date); a track that came
    back to where it was says nothing."""
    if any(e._setup is None or "value" not in e.data for e in events):
        return [e.text for e in events]           # read back from a save: the words it kept, one by one
    first: dict[str, float] = {}
    last: dict[str, float] = {}
    for e in events:
        name, value = e.data["track"], float(e.data["value"])
        first.setdefault(name, round(value - float(e.data["change"]), 4))
        last[name] = value
    setup = events[0]._setup
    return [_track_move(setup, name, first[name], last[name]) for name in first
            if change(first[name], last[name]) != "0"]


def render(e: Event) -> str:
    """The sentence of an event."""
    data = e.data
    if "text" in data and "say" not in data:
        return str(data["text"])
    key = data.get("say", e.kind)
    template = TEMPLATES.get(key)
    if template is None or e.setup is None:
        return str(data.get("text", e.kind))
    return template(_Words(e.setup, data))


def render_for_other_side(e: Event, known_as: str | None = None) -> str:
    """The sentence of an event as the side that did not make it reads it (OTHER_SIDE), else its usual one;
    ``known_as``: the name the reader knows the event's unit by (an enemy it cannot identify is "An enemy unit"),
    else the unit's own."""
    template = OTHER_SIDE.get(e.data.get("say", e.kind))
    if template is None or e.setup is None:
        return e.text
    text = template(_Words(e.setup, {**e.data, "unit_known_as": known_as} if known_as else e.data))
    return text[:1].upper() + text[1:]
