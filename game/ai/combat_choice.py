"""Which attacks to make: the engine's own odds for each target, weighed in steps.

An attack's expected value counts the steps it should take from the defender, a retreat (ground
and tempo) as half a step, minus the steps it should cost the attacker; a defender with nowhere
to retreat loses a step instead, which the engine's odds already price into the result table.
The reason given is written for a player.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.api import RESULT_NAMES, Attack, Observation, at
from game.engine.combat import RESULTS

RETREAT_WORTH = 0.5     # a defender pushed off its hex, in steps
#: A place worth points that the attack may empty is worth its points in steps (by the scenario's scoring:
#: ground weight / losses weight), times this share: it may be lost again before the end.
PLACE_SHARE = 0.5


@dataclass(frozen=True)
class AttackPlan:
    action: Attack
    value: float              # expected steps gained
    reason: str


def expected_value(probabilities: dict[str, float], defender_steps: int) -> tuple[float, float]:
    """(expected steps gained, chance the defender retreats) of a result distribution."""
    value = 0.0
    retreat = 0.0
    for code, p in probabilities.items():
        att, dfn, back = RESULTS[code]
        value += p * (min(dfn, defender_steps) - att + (RETREAT_WORTH if back else 0.0))
        retreat += p if back else 0.0
    return value, retreat


def place_steps(obs: Observation) -> dict:
    """Hex -> what taking it is worth in steps: its victory points at the scenario's price of a step."""
    pol = obs.config.politics
    sc = pol.scoring if pol else None
    price = (sc.ground / sc.losses) if sc and sc.losses else 2.0
    return {v.hex: v.points * price * PLACE_SHARE for v in obs.config.victory_places}


def best_attack(obs: Observation, threshold: float) -> AttackPlan | None:
    """The most valuable legal attack worth at least ``threshold`` (every eligible unit joins), or None.

    Its worth is the steps it should take and cost (expected_value), and, on a place worth points, the chance
    it empties the hex times what the place is worth in steps (the score counts places held).
    """
    best = None
    prize = place_steps(obs)
    for attack in obs.legal.attacks():
        odds = obs.odds(list(attack.attackers), attack.target)
        if odds is None:
            continue
        defenders = obs.units_at(attack.target)
        value, retreat = expected_value(odds.probabilities, sum(u.steps for u in defenders))
        if attack.target in prize:
            value += retreat * prize[attack.target]
        if value >= threshold and (best is None or value > best[0]):
            best = (value, retreat, attack, odds, defenders)
    if best is None:
        return None
    value, retreat, attack, odds, defenders = best
    # Spare the units a weaker column would not need: drop attackers while the column holds.
    attackers = list(attack.attackers)
    for uid in sorted(attackers, key=lambda x: obs.units[x].attack_strength()):
        if len(attackers) == 1:
            break
        trial = [a for a in attackers if a != uid]
        o2 = obs.odds(trial, attack.target)
        if o2 is not None and o2.column >= odds.column:
            attackers = trial
    names = ", ".join(u.name for u in defenders) or "the enemy"
    notes = [s.reason for s in odds.shifts if s.columns < 0][:2]
    extra = f", {', '.join(notes)}" if notes else ""
    likeliest = max(odds.probabilities, key=lambda c: odds.probabilities[c])
    reason = (f"Attacking {names} {at(obs.board, attack.target)}: {odds.column_name}{extra}; "
              f"{retreat:.0%} it retreats, likeliest result: {RESULT_NAMES[likeliest]}.")
    return AttackPlan(Attack(attack.target, tuple(sorted(attackers))), value, reason)
