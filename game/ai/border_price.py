"""What taking a place near a great power's border would cost when the count is next, tried on a copy of the view.

Through the war the operational layer keeps clear of the Yalu: standing there raises China's alarm, and the
scenarios' Yalu rules make that dearer than any place is worth (operations.py, ``keep_off``).  On the game's last
word - our last move with no enemy seat to move after it (horizon.last_word_of) - that guess can give way to the
real price: the move is made on a sandbox of the seat's view, its rules run, and so do those of our turn's end and
the next seat's start (a forced entry of China's armies).  Kanggye, two hexes from the river, sets off nothing
then; Sinuiju on its bank costs escalation only if no unit of ours has stood on the Yalu before.
"""

from __future__ import annotations

import numpy as np

from game.engine import api
from game.engine.api import EndPhase, Observation

#: The sandbox's dice (chance rules that roll at a seat's start): fixed, so a position always prices the same.
SEED = 0


def border_place_costs(obs: Observation, places: np.ndarray, dests: dict) -> dict[int, float]:
    """Hex index -> the score points that taking it would cost the seat at the count, for each hex of ``places``
    (a mask: enemy-held places worth points near a great power's border) that one of our movers can reach
    (``dests``: unit id -> its move options, (hex index, action) pairs): the escalation peak it raises times the
    scenario's escalation weight, and the outcome's loss if the war would become a general war.  Hexes none of
    our units can reach are left out."""
    pol = obs.config.politics
    if pol is None or not places.any():
        return {}
    w_esc = pol.scoring.escalation
    general_war = 100.0
    out: dict[int, float] = {}
    for i in np.flatnonzero(places).tolist():
        move = next((a for opts in dests.values() for h, a in opts if h == i), None)
        if move is None:
            continue
        s = obs.sandbox(SEED)
        peak = float(s.escalation_peak)
        api.step(s, move)
        for _ in range(2):              # the combat phase, then the turn's end and the next seat's start
            if s.over:
                break
            api.step(s, EndPhase())
        out[i] = w_esc * max(0.0, float(s.escalation_peak) - peak) + \
            (general_war if s.outcome == "general_war" else 0.0)
    return out
