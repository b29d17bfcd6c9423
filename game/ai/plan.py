"""The plan a seat's movement carries out, as plain data for the map overlay and the classroom (its stance, the
line it holds, its reserve, its main axis, a landing), and the one-line reason of each move."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.api import Observation, at, place_words

from .influence import BIG, Picture
from .order import Order


@dataclass(frozen=True)
class Plan:
    """A seat's plan for the turn, for the map overlay and the classroom: plain data, saved with the game."""

    stance: str                          # "attack", "hold" or "fall back"
    front: tuple[tuple[int, int], ...]   # the hexes of the line it holds, as (q, r)
    reserve: tuple[str, ...]             # units kept back from the line
    axis: tuple[tuple[int, int], ...]    # the main axis: from the mass of its units to the goal it drives at
    landing: tuple[int, int] | None = None

    def to_dict(self) -> dict:
        return {"stance": self.stance, "front": [list(h) for h in self.front], "reserve": list(self.reserve),
                "axis": [list(h) for h in self.axis], "landing": list(self.landing) if self.landing else None}


def plan_of(obs: Observation, pic: Picture, line: np.ndarray, stance: str, count: np.ndarray,
            d_goal: np.ndarray, landing: Order | None, dest: dict[str, int] | None = None,
            garrisoned: np.ndarray | None = None) -> Plan:
    """The plan for the overlay: ``line`` is the line the seat holds this turn (the contact line, or the
    one it falls back to); ``count`` our units per hex and ``dest`` (unit -> hex index) where the orders put
    them.  Only the seat's own units are its plan: an ally's are his to place.  Its reserve: those ordered off
    the line onto ground we hold, out of reach of any enemy in sight (a unit alone out in front is no reserve),
    and not onto a place that wants a garrison (``garrisoned``: a capital's guard, far behind the front, is tied
    to it, not held back to be thrown in)."""
    board = obs.board
    dest = dest or {}
    front = np.flatnonzero(line)
    mine = [(u, dest.get(u.id, h)) for u, h in zip(pic.own_units, pic.own_hexes.tolist()) if u.seat == obs.seat]
    on_line = set(np.flatnonzero(line & (count > 0)).tolist())
    tied = garrisoned if garrisoned is not None else np.zeros(board.size, dtype=bool)
    reserve = tuple(sorted(u.id for u, h in mine if h not in on_line and pic.ours[h] and pic.enemy_attack[h] == 0
                           and d_goal[h] < BIG and not tied[h]))
    axis: tuple = ()
    hexes = np.array([h for _, h in mine], dtype=np.int64)
    if len(hexes) and (d_goal < BIG).any():
        q, r = board.qr
        cq, cr = float(q[hexes].mean()), float(r[hexes].mean())
        goal_hexes = np.flatnonzero(d_goal == 0)
        if goal_hexes.size:
            near = goal_hexes[np.argmin((q[goal_hexes] - cq) ** 2 + (r[goal_hexes] - cr) ** 2)]
            axis = ((round(cq), round(cr)), (int(q[near]), int(r[near])))
    land = tuple(landing.action.to) if landing else None
    return Plan(stance, tuple(tuple(board.hex_at(i)) for i in front.tolist()), reserve, axis, land)


def why_move(obs: Observation, pic: Picture, line: np.ndarray, u, here: int, there: int, d_goal: np.ndarray,
             rear_guard: np.ndarray | None = None, prices: dict[int, float] | None = None,
             ready_for: int | None = None) -> str:
    """A move's reason in a player's words.  ``rear_guard``: our first place far behind the line, if any
    (garrisons.rear_first_place), which a unit sent there garrisons; ``prices``: the places near a great power's
    border taken with the last word, and what each costs in points (border_price.border_place_costs);
    ``ready_for``: the enemy place the move brings the unit within a march of for our last word (staging.py)."""
    board = obs.board
    to = place_words(board, board.hex_at(there), "to")       # 'to Kaesong', 'to a hex near Haeju'
    at_place = at(board, board.hex_at(there))
    if prices and there in prices:
        cost = prices[there]
        return f"{u.name} takes {_place_name(board, there, 'the place')} with our last move: " + (
            "on the border, but it sets off nothing more before the war is counted." if cost <= 0 else
            f"its points are worth more than the escalation it sets off ({cost:.1f} points).")
    if ready_for is not None:
        return f"{u.name} moves {to}, within a march of {_place_name(board, ready_for, 'an enemy place')}: " \
               "ready to take it with our last move of the game."
    if rear_guard is not None and rear_guard[there]:
        return f"{u.name} garrisons {_place_name(board, there, 'our capital')}, far behind the front: an empty " \
               "capital invites a landing or a raid."
    if pic.enemy_attack[here] > 1.5 * pic.own_defence_at[here] and pic.enemy_attack[there] < pic.enemy_attack[here]:
        return f"{u.name} falls back {to}: outmatched where it stood."
    if line[there]:
        return f"{u.name} holds the line {at_place}."
    if pic.theirs[there]:
        return f"{u.name} advances {to}."
    if d_goal[there] < d_goal[here]:
        return f"{u.name} moves up toward the front, {to}."
    return f"{u.name} moves {to}."


def _place_name(board, i: int, otherwise: str) -> str:
    """The name of the place on hex index ``i`` (the first, if several share it), else ``otherwise``."""
    names = board.place_at(board.hex_at(i))
    return names[0].name if names else otherwise
