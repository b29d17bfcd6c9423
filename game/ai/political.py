"""The political layer: each open decision scored by what it would do, seen on a copy of the seat's view.

``Observation.consequences`` applies the decision to a copy of what the seat knows and lets the
rules react; the personality weighs every track it moves, more steeply as a track nears a
threshold the seat fears (intervention, escalation), and prices supply, air power, reinforcements
and the end of the war.  The reason says why, in a player's words, whether it decides or not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine.api import Consequences, Observation, change, in_mig_alley, in_sentence, nice, points

from .influence import BIG
from .profiles import Personality

#: Strength, supply and air power pay by the turn: they count in full only with this many turns left to use
#: them (China's armies called in on the last turn of a short scenario are worth little; the escalation is not).
PAYBACK_TURNS = 6
#: An armistice signed, in points of the talks track (times the personality's weight of the talks).
ARMISTICE_WORTH = 50.0


def track_label(obs: Observation, track: str) -> str:
    """A track's name in a reason: the scenario's label, as the gauges and the log call it."""
    pol = obs.config.politics
    spec = pol.tracks.get(track) if pol is not None else None
    return spec.label if spec is not None else nice(track)


def payback(obs: Observation) -> float:
    """The share of a lasting gain's worth that the turns left in the game can still use (0..1]."""
    left = obs.last_turn - obs.turn + 1
    return max(1, min(left, PAYBACK_TURNS)) / PAYBACK_TURNS


@dataclass(frozen=True)
class DecisionPlan:
    decision: str
    value: float
    reason: str


def score(obs: Observation, c: Consequences, person: Personality) -> tuple[float, list[str]]:
    """The worth of a decision's consequences to this seat, and the notes that explain it."""
    value, notes, _ = _weigh(obs, c, person)
    return value, notes


def _weigh(obs: Observation, c: Consequences, person: Personality) \
        -> tuple[float, list[str], list[tuple[float, str]]]:
    """score()'s worth and notes, and the ledger they come from: (worth, the effect in a player's words) of every
    effect that weighs, the tracks as the gauges would show their move ("UN cohesion -8")."""
    weights = person.weights.get(obs.bloc, {})
    value = _score_change(obs, c)
    notes: list[str] = []
    ledger: list[tuple[float, str]] = []
    for track, w in weights.items():
        delta = c.change(track)
        if c.next_turn and track in c.next_turn:
            delta = c.next_turn[track]          # what it still makes a turn later (effects that work by the turn)
        if not delta:
            continue
        worth = w * delta
        limit = person.tolerance.get(track)
        after = c.tracks_after.get(track, 0.0)
        if limit is not None and delta > 0 and w < 0 and after >= limit:
            worth *= 1 + 3 * (after - limit) / max(1.0, 100 - limit) + 2
            notes.append(f"{track_label(obs, track)} would reach {points(after)}, past our tolerance of "
                         f"{points(limit)}")
        value += worth
        before = c.tracks_before.get(track, 0.0)
        if change(before, before + delta) != "0":
            ledger.append((worth, f"{in_sentence(track_label(obs, track))} {change(before, before + delta)}"))
    lasting = payback(obs)
    for bloc, moved in c.supply_change.items():
        if moved:
            worth = lasting * person.value["supply_range"] * moved * (1 if bloc == obs.bloc else -1)
            value += worth
            side = "our" if bloc == obs.bloc else "the enemy's"
            ledger.append((worth, f"{side} supply range {moved:+d}"))
    if c.mig_alley[0] != c.mig_alley[1]:
        # MiG Alley denies air support only over the north-west: it is worth what it covers of the side that flies.
        covered, line = air_covered(obs)
        worth = lasting * person.value["air"] * covered / max(1, line) \
            * (1 if c.mig_alley[1] == (obs.bloc != obs.config.params.air_support_bloc) else -1)
        value += worth
        share = round(100 * covered / max(1, line))
        ledger.append((worth, f"{'MiG Alley' if c.mig_alley[1] else 'the end of MiG Alley'} over {share}% of the "
                              "front"))
    if c.strength_unlocked:
        worth = lasting * person.value["strength"] * c.strength_unlocked
        value += worth
        notes.append(f"it brings in {c.units_unlocked} more units")
        ledger.append((worth, f"{c.units_unlocked} more units"))
    if c.strength_hastened:
        # Units called up early (a reinforce effect) are worth the turns of the game they gain.
        worth = lasting * person.value["strength"] * c.strength_hastened
        value += worth
        ledger.append((worth, f"{c.units_hastened} more units now"))
    if c.outcome == "general_war":
        value += person.value["outcome_general_war"]
        notes.append("it would start a general war")
    else:
        # The armistice is worth what the decision changes about it: one that would be signed next turn anyway
        # (the talks at 100) is no reason to take a decision, and one the decision would stop costs its worth.
        # Without the comparison the ROK of stalemate-talks refused the armistice (Washington's override, a chance
        # rolled on the copy, still signed it there) and took the refusal back in the same phase.
        brings = (c.outcome == "armistice") - (c.outcome_without == "armistice")
        worth = ARMISTICE_WORTH * weights.get("talks", 0.0) * brings
        value += worth
        if brings:
            ledger.append((worth, "the armistice" if brings > 0 else "the armistice it would stop"))
    return value, notes, ledger


def air_covered(obs: Observation) -> tuple[int, int]:
    """(in MiG Alley, all): the hexes of the front the bloc with air support (the UN's) holds - its ground next to
    the enemy's main body, where the fighting is - and how many of them lie where MiG Alley would deny that support
    (engine ``in_mig_alley``).

    The main body is the enemy ground a road through it joins to the enemy's lasting supply sources (a frontier
    crossing, a port of entry); a pocket cut off behind our lines is mopped up, not fought over, and in the
    campaign of late October 1950 the KPA's pockets in the south made up more than half the UN's line of contact
    (53 of its 96 hexes in war 0), hiding a front two-thirds of which lay in the north-west.

    Asking Moscow for the jets at a flat worth, the DPRK of chinese-intervention paid escalation +10 on turn 1 for
    a sky over a front half of which lay outside it and which soon moved south: paired against itself without the
    request (the other seats the normal AI, seeds 0-59), it scored higher in only 20 of 60."""
    board = obs.board
    flyers = obs.config.params.air_support_bloc
    if flyers not in obs.config.blocs:          # (no side has air support: nothing for the jets to deny)
        return 0, 0
    code = obs.config.bloc_code(flyers)
    control = obs.control
    held = control == code
    enemy = (control != code) & (control != 0)
    roots = [board.index(s.hex) for s in obs.config.supply_sources if s.always and s.bloc != flyers]
    roots = [i for i in roots if i >= 0]
    if roots:
        enemy &= board.steps_from(np.array(roots, dtype=np.int64), enemy) < BIG
    line = np.flatnonzero(held & np.append(enemy, False)[board.neighbors].any(axis=1))
    return sum(in_mig_alley(board, board.hex_at(int(i))) for i in line), len(line)


def _ledger_words(ledger: list[tuple[float, str]]) -> tuple[str, str]:
    """(gains, costs) of a decision in a player's words: the two effects of its ledger (_weigh) weighing most of
    each."""
    gains = [t for v, t in sorted(ledger, key=lambda x: -x[0]) if v > 0][:2]
    costs = [t for v, t in sorted(ledger, key=lambda x: x[0]) if v < 0][:2]
    return " and ".join(gains), " and ".join(costs)


def _score_change(obs: Observation, c: Consequences) -> float:
    """What the decision does to the seat's own score (DESIGN §9), by the scenario's scoring weights.

    The peak of escalation costs every seat; UN cohesion counts for the seat that leads the coalition.
    """
    pol = obs.config.politics
    if pol is None:
        return 0.0
    sc = pol.scoring
    out = 0.0
    if "escalation" in c.tracks_after:
        out -= sc.escalation * max(0.0, c.tracks_after["escalation"] - max(obs.escalation_peak,
                                                                            c.tracks_before.get("escalation", 0.0)))
    seat = obs.config.seat(obs.seat)
    if "cohesion" in c.tracks_after and seat.bloc == "un" and any(n.lower() != "rok" for n in seat.nations):
        out += sc.cohesion * c.change("cohesion")
    return out


def best_decision(obs: Observation, person: Personality, done: set[str], threshold: float = 1.0) \
        -> tuple[DecisionPlan | None, list[DecisionPlan]]:
    """The open decision most worth taking (None if none clears ``threshold``), and every one weighed."""
    pol = obs.config.politics
    weighed: list[DecisionPlan] = []
    for d in obs.legal.decisions():
        if d.decision in done:
            continue
        title = pol.decisions[d.decision].title
        c = obs.consequences(d.decision)
        value, notes, ledger = _weigh(obs, c, person)
        why = "; ".join(notes)
        gains, costs = _ledger_words(ledger)
        if value >= threshold:
            reason = f"{title}: worth it" + (f" for {gains}" if gains else "") + \
                (f" although {why}" if why and "past our tolerance" in why else (f": {why}" if why else "")) + "."
        elif why:
            reason = f"Not taking '{title}': {why}."
        elif costs:
            reason = f"Not taking '{title}': {costs} would cost more than " + \
                (f"{gains} is worth now." if gains else "it brings now.")
        else:
            reason = f"Not taking '{title}': it would bring too little now" + (f" ({gains})" if gains else "") + "."
        weighed.append(DecisionPlan(d.decision, value, reason))
    worth = [p for p in weighed if p.value >= threshold]
    return (max(worth, key=lambda p: p.value) if worth else None), weighed
