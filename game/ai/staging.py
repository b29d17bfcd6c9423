"""Staging for the last word: on the turns before it, a unit marches to within a turn's reach of each enemy place
out of reach, so that it can take the place when the count is next.

A seat that moves last in the turn (the UN side's, after the DPRK/PRC) has the last word on the game's final turn:
what it holds when its move ends is what the score counts, and nothing can answer it (horizon.last_word_of).  On
that turn the operational layer already pulls every unit to the places within reach (operations.LAST_TURN_PLACES).
But a place is within reach only of a unit already near it: the historical ROK of the tutorial held Seoul and
Kaesong with its two divisions until the last turn and then found Haeju, Sariwon and Pyongyang a march or more away;
in 20 of 120 games against random seats it ended with no more ground than history's.

So in the STAGE_TURNS turns before the last word, each enemy place in Korea that none of our units can reach this
turn, with no enemy unit seen on it, draws one unit toward it: STAGE a point of the place within STAGE_R hexes a
turn left of it (3 hexes on the eve: about a division's march in the hills), less SLOPE a hex farther out.  The
ready zone is exempt from the advance limit's penalties (horizon.advance_limit): the limit is about what China
would do over the coming weeks, and the war is counted before then.  One unit a place a turn: once one is drawn
toward it, the place draws no other.

The places near a great power's border that the seat keeps off (Sinuiju and Kanggye on the Yalu) draw nobody: a
unit waiting near them raises China's alarm and keeps escalation from cooling before the day comes.  With them, the
historical ROK of macarthur-unleashed won 101-103 of 120 pairs against random instead of 104 (seeds 0-119), and
that of chinese-intervention 85-89 instead of 87; without them both rows play as before.
"""

from __future__ import annotations

import numpy as np

from game.engine.api import Observation

from .horizon import moves_last
from .influence import Picture

#: How many turns before the last word the staging begins, how near it brings a unit (hexes a turn left), what
#: standing there is worth a point of the place (the pull of an enemy place on an ordinary turn is 2 a point), and
#: how much less a hex farther out.
STAGE_TURNS = 2
STAGE_R = 3
STAGE = 2.0
SLOPE = 1.0


class Staging:
    """This turn's pull toward the enemy places our last word could take, updated as units are placed."""

    def __init__(self, obs: Observation, pic: Picture, last: int, keep_off: np.ndarray, dests: dict):
        """``last``: the game's last turn as the seat sees it (horizon.final_turn); ``keep_off``: the hexes the
        seat stays out of near a great power's border (neither targets nor ready zones); ``dests``: unit id ->
        its move options this turn, (hex index, action) pairs (a place one of them reaches is taken, or not, by the
        ordinary pull of places)."""
        board = obs.board
        reachable = np.zeros(board.size, dtype=bool)
        for options in dests.values():
            reachable[[h for h, _ in options]] = True
        self._pulls: list[tuple[int, np.ndarray]] = []     # (place hex, pull per hex)
        self.hexes = np.zeros(board.size, dtype=bool)       # the ready zones
        left = last - obs.turn
        if 0 < left <= STAGE_TURNS and moves_last(obs):
            korea = pic.facts["korea"]
            open_ground = pic.passable & ~keep_off & ~pic.enemy_at
            for i, pts in sorted(pic.victory_hexes.items()):
                if not (pic.theirs[i] and korea[i]) or pic.enemy_at[i] or reachable[i] or keep_off[i]:
                    continue
                one = np.zeros(board.size, dtype=bool)
                one[i] = True
                d = pic.distance_to(one)
                pull = np.where(open_ground, np.maximum(0.0, STAGE * pts - SLOPE * np.maximum(0, d - STAGE_R * left)),
                                0.0)
                if pull.any():
                    self._pulls.append((i, pull))
                    self.hexes |= open_ground & (d <= STAGE_R * left)
        self._drawn: set[int] = set()
        self.pull = np.zeros(board.size)
        self._refresh()

    def __bool__(self) -> bool:
        return bool(self._pulls)

    def _refresh(self) -> None:
        self.pull[:] = 0.0
        for i, pull in self._pulls:
            if i not in self._drawn:
                np.maximum(self.pull, pull, out=self.pull)

    def target_at(self, h: int) -> int | None:
        """The place (hex index) a unit ending its move on ``h`` is drawn toward, the one pulling hardest; else
        None."""
        best = max(((pull[h], i) for i, pull in self._pulls if i not in self._drawn and pull[h] > 0), default=None)
        return best[1] if best else None

    def drawn_to(self, here: int, there: int) -> int | None:
        """The place a move from ``here`` to ``there`` brings a unit nearer to readiness for (target_at), if the
        move is one the pull draws it to; else None (the reason of a move made for something else stays its own)."""
        return self.target_at(there) if self.pull[there] > self.pull[here] else None

    def take(self, h: int | None) -> None:
        """A unit ends its move on ``h``: the place drawing it hardest there draws no other this turn."""
        target = self.target_at(h) if h is not None else None
        if target is not None:
            self._drawn.add(target)
            self._refresh()
