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

COMPASS = ("east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east")


#: A place across a border (the 38th parallel's two Koreas, the Yalu) counts this many hexes farther when a hex is
#: named after its nearest place: a hex in the South is named after a southern town where one is about as near.
ACROSS_BORDER = 1.5


def where(board: Board, h: Hex | None, precise: bool = False) -> str:
    """A readable name for a hex: its place, 'near' a place within 2 hexes, else a bearing from one.
    ``precise``: a bearing and distance even within 2 hexes (two hexes near one town told apart)."""
    board = getattr(board, "board", board)
    if h is None:
        return "Japan"
    places = board.place_at(h)
    if places:
        return places[0].name
    i = board.index(h)
    country = int(board.country[i]) if i >= 0 else -1
    best = None
    for p in board.places.values():
        d = p.hex.distance(h)
        j = board.index(p.hex)
        cost = d + (ACROSS_BORDER if j >= 0 and int(board.country[j]) != country else 0.0)
        if best is None or (cost, p.id) < (best[0], best[2].id):
            best = (cost, d, p)
    if best is None:
        return f"hex {h}"
    _, d, place = best
    if d <= 2 and not precise:
        return f"near {place.name}"
    return f"{max(5, round(d * board.hex_km / 5) * 5):.0f} km {_bearing(board, place.hex, h)} of {place.name}"


def _bearing(board: Board, frm: Hex, to: Hex) -> str:
    """The compass point of ``to`` seen from ``frm`` ('north-east')."""
    proj = board.projection
    (x0, y0), (x1, y1) = proj.hex_center_km(frm), proj.hex_center_km(to)
    angle = math.degrees(math.atan2(y0 - y1, x1 - x0)) % 360     # screen y grows southward
    return COMPASS[int((angle + 22.5) // 45) % 8]


def where_pair(board: Board, a: Hex | None, b: Hex | None) -> tuple[str, str]:
    """Names for the two ends of a move: ``where`` of each, by bearing and distance where both would read the
    same ('from near Chorwon to near Chorwon')."""
    first, second = where(board, a), where(board, b)
    if first == second and a != b:
        first, second = where(board, a, precise=True), where(board, b, precise=True)
    if first == second and a is not None and b is not None and a != b:
        # Still alike (two hexes rounded to one distance and bearing): the end told from the start.
        board = getattr(board, "board", board)
        km = max(5, round(a.distance(b) * board.hex_km / 5) * 5)
        second = f"{km:.0f} km {_bearing(board, a, b)} of there"
    return first, second


def at(board: Board, h: Hex | None) -> str:
    """``where`` with its preposition: 'at Seoul', 'near Haeju', '40 km north of Manpojin', 'in Japan'."""
    name = where(board, h)
    if h is None:
        return "in Japan"
    return name if name.startswith("near ") or " of " in name else f"at {name}"


class _Words:
    """What a template may ask about: names of units and seats, places of hexes."""

    def __init__(self, setup, data: dict):
        self.setup = setup
        self.d = data

    def unit(self, key: str = "unit") -> str:
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

    def where(self, key: str) -> str:
        v = self.d.get(key)
        return where(self.setup.board, Hex(*v) if v is not None else None)

    def move_ends(self) -> tuple[str, str]:
        """Where a move started and ended, told apart when both would read the same."""
        a, b = self.d.get("from"), self.d.get("to")
        return where_pair(self.setup.board, Hex(*a) if a is not None else None, Hex(*b) if b is not None else None)

    def at(self, key: str) -> str:
        v = self.d.get(key)
        return at(self.setup.board, Hex(*v) if v is not None else None)


def _hexes(n: int, what: str) -> str:
    return f"{n} hex{'es' if n != 1 else ''} {what}" if n else ""


def _plural(n: int) -> str:
    return "s" if n > 1 else ""


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
    "StepLost": lambda w: f"{w.unit()} loses {w.d['steps']} step{_plural(w.d['steps'])} ({w.d['cause']}).",
    "HexCaptured": lambda w: f"{w.seat()} takes {w.where('at')}.",
    "PlaceCaptured": lambda w: f"{w.d['place_name']} falls to the {w.seat()}.",
    "GroundTaken": lambda w: f"The {w.seat()} takes over " + " and ".join(
        part for part in (_hexes(w.d.get("cut", w.d["count"]), "the enemy is cut off from"),
                          _hexes(w.d.get("dominated", 0), "its army dominates")) if part) + ".",
    "UnitMoved": lambda w: "{} moves from {} to {}.".format(w.unit(), *w.move_ends()),
    "UnitMoved.rail": lambda w: "{} moves by rail from {} to {}.".format(w.unit(), *w.move_ends()),
    "UnitStopped": lambda w: f"{w.unit()} stops {w.at('at')}: it {w.d['reason']}.",
    "UnitStopped.convoy": lambda w: f"{w.unit()}'s convoy finds {w.where('at')} in enemy hands and turns back.",
    "UnitStopped.landing": lambda w: f"{w.unit()}'s landing {w.at('at')} is thrown back by unseen defenders.",
    "UnitEvacuated": lambda w: f"{w.unit()} is evacuated by sea from {w.where('from')} to Japan.",
    "UnitShipped": lambda w: f"{w.unit()} sails from {w.where('from')} to {w.where('to')}.",
    "UnitLanded": lambda w: f"{w.unit()} lands {w.at('at')}" + (
        f" from {w.where('from')}." if w.d.get("from") else " from Japan."),
    "UnitSpotted": lambda w: f"Enemy spotted: {w.unit()} {w.at('at')}.",
    "UnitAdvanced": lambda w: f"{w.unit()} advances into {w.where('to')}.",
    "UnitRetreated": lambda w: f"{w.unit()} retreats from {w.where('from')} to {w.where('to')}.",
    "UnitWithdrawn": lambda w: f"{w.unit()} is withdrawn from Korea.",
    "CombatResolved": lambda w: (
        f"{w.units('attackers')} attack{'s' if len(w.d['attackers']) == 1 else ''} {w.where('target')} at "
        f"{w.d['column']} (base {w.d['base']}; "
        + ("; ".join(f"{c:+d} {r}" for c, r in w.d["shifts"]) or "no shifts")
        + f"); die {w.d['die']}: {RESULT_NAMES[w.d['result']]}."),
    "GameEnded.last_turn": lambda w: "The scenario's last turn is over.",
    "GameEnded.unification": lambda w: f"Korea is unified by the {w.d['bloc']} side.",
    "ChanceRolled": lambda w: f"{w.d['rule']}: {w.d['roll']:.2f} against {w.d['p']:.2f}",
    "TrackChanged": lambda w: (f"{w.d['label']} {'rises' if w.d['change'] > 0 else 'falls'} by "
                               f"{abs(w.d['change']):g} (now {w.d['value']:g})."),
    "ArmisticeSigned": lambda w: (f"The armistice is signed on {date.fromisoformat(w.d['date']):%d %B %Y}: the line "
                                  "of contact becomes the demilitarised zone."),
}


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
