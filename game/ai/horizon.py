"""How far and how long, as a seat sees it: the latitude its advance stops at (China's threshold, a great power's
army met, the talks) and the turn its war ends (the scenario's last, or the one before an armistice about to be
signed).  The operational layer (game/ai/operations.py) plans within both; the landings (seaborne.py) too.
"""

from __future__ import annotations

from game.engine.api import Observation

from .profiles import Personality


def advance_limit(obs: Observation, person: Personality, power_in: bool = False, outmatched: bool = False,
                  dominant: bool = False) -> float:
    """The latitude a UN-bloc advance stops at: none while China's entry pressure is below our tolerance and
    no great power's army has been met.  Once one has (``power_in``): its hold line while ``outmatched`` or while
    armistice talks are open (for the historical UN the Kansas line near the 38th parallel, where the front of
    1951-53 settled: with talks open the UN went over to an active defence), else its halt line - as with the
    talks open when the seat is ``dominant`` (operations.DOMINANT: twice the enemy it sees and remembers).  The
    random DPRK of stalemate-talks left Pyongyang (10 points) empty and a random ROK walked in, while the
    historical ROK sat on its hold line with the enemy beaten: 6 of its 9 lost pairs against random in 60 (seeds
    0-59); with it 56 of 60 won, the UN 58 -> 60; 40 AI-against-AI campaigns keep their outcomes and the median
    share at the armistice (46%), which signs two weeks earlier (median 28 December 1952)."""
    if obs.bloc != "un":
        return 90.0
    if power_in:
        return person.hold_line if outmatched or (obs.talks == "open" and not dominant) else person.halt_north_of
    pressure = obs.tracks.get("intervention")
    limit = person.tolerance.get("intervention", 100)
    escalation = obs.tracks.get("escalation", 0.0)
    if (pressure is None or pressure < limit) and escalation < 0.7 * person.tolerance.get("escalation", 100):
        return 90.0
    return person.halt_north_of


#: How far past its hold line (degrees of latitude: about three hexes) a seat on an active defence still takes
#: the places worth points: the UN's limited offensives of 1951 while the talks went on (Bloody Ridge, Heartbreak
#: Ridge, the Punchbowl) straightened the line onto the ground the armistice would leave it.  Without it the
#: historical ROK of stalemate-talks never went for the Punchbowl (38.3N, 3 points, held by the KPA at the start);
#: a random ROK sometimes took it, and that was 6 of its 11 lost pairs against random in 60 (seeds 0-59).
#: The same band serves a seat halted by China's entry pressure alone (no great power's army met yet), for the places
#: clear of the border (operations keeps those within Picture.border_risk out): the threshold is about the Yalu,
#: not the towns short of it.  Without it the historical ROK of chinese-intervention left Hamhung (39.9N, just past
#: its 39.7 halt) for Wonsan on the first turn and never went for Hungnam next door, held by a cut-off KPA
#: remnant, which walked into Hamhung on turn 4 (seed pair 48; 43 -> 44 of 60 pairs against random, the other 17
#: rows the same counts; 40 AI-against-AI campaigns: the same outcomes and median shares).
LIMITED = 0.5


def limited_objectives(obs: Observation, power_in: bool, outmatched: bool) -> float:
    """How far past its advance limit a UN-bloc seat goes for places worth points (0: not at all), unless it is
    outmatched: halted by China's entry pressure alone (``power_in`` false; the caller keeps the places near the
    border out), or on the active defence - the talks open and a great power's army met.  Once that army is met
    and the talks are closed, its halt line is the limit."""
    if obs.bloc != "un" or outmatched:
        return 0.0
    return LIMITED if not power_in or obs.talks == "open" else 0.0


def pulled_back(obs: Observation, power_in: bool, outmatched: bool) -> bool:
    """Whether a seat's units past its advance limit are pulled back to it (operations.PULL_BACK), not only kept
    from going farther: once it has met a great power's army - unless the limit is the talks' alone and it is not
    outmatched.  Then it keeps the ground it holds: stalemate-talks begins with the talks open and the UN side's
    line north of its hold line, and a seat pulled back gave up its own line and the places on it."""
    return power_in and (outmatched or obs.talks != "open")


def final_turn(obs: Observation) -> int:
    """The game's last turn as the seat sees it: this one when the war would end as the next starts (armistice
    talks about to be signed: the tutorial's armistice ends it after turn 5 of 6), else the scenario's last.
    The places held then are the score, and a side that plans for a turn that never comes leaves its places
    empty or in enemy hands (tutorial DPRK, pair 17: Haeju, lost on turn 4, was not retaken on turn 5)."""
    if obs.turn < obs.last_turn and obs.war_ends_next_turn():
        return obs.turn
    return obs.last_turn


def moves_last(obs: Observation) -> bool:
    """Whether no enemy seat moves after ours in a turn (seats move in the scenario's order): on the game's last
    turn our bloc then has the last word."""
    ids = [s.id for s in obs.config.seats]
    return all(s.bloc == obs.bloc for s in obs.config.seats[ids.index(obs.seat) + 1:])


def last_word_of(obs: Observation, last: int | None = None) -> bool:
    """Whether this is the game's last turn (``last``, default the scenario's) and no enemy seat moves after
    ours in it (moves_last): what we hold when our turn ends is what the score counts."""
    if obs.turn < (obs.last_turn if last is None else last):
        return False
    return moves_last(obs)
