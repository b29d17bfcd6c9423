"""What-if policies from the command line, held to a scenario's decisions (``--policy un.cross_38th=never``).

Contract:

* ``parse_policy(scenario, text)`` reads ``DECISION=RULE``, where DECISION is ``SEAT.ID`` (``un.cross_38th``) or
  the bare id (ids are unique in a scenario), and RULE is ``always``, ``never``, ``first:YYYY-MM-DD`` or
  ``when:CONDITION`` (a YAML flow mapping in the scenario's condition vocabulary,
  game/scenario/condition_text.py).  It returns a :class:`game.ai.policy.Policy`, or raises
  :class:`PolicyError` with one line saying what is wrong, with a "did you mean" for a misspelt name.  Its
  ``text`` is the canonical form (``un.cross_38th=never``) that reports print and the JSON holds.
* ``parse_policies(scenario, texts)`` reads several; the same decision twice is an error.
* ``by_seat(scenario, policies)`` groups them for ``make_agents``: seat id -> {decision id: Policy}.
"""

from __future__ import annotations

from datetime import date

from game.ai.policy import RULES, Policy
from game.scenario.condition_text import condition_from_text
from game.scenario.problems import suggest


class PolicyError(ValueError):
    """A policy the scenario cannot apply; the message is one line for a person."""


def decision_names(scenario) -> dict[str, str]:
    """Every name a decision may be given by (``un.cross_38th`` and ``cross_38th``) -> its id."""
    pol = scenario.config.politics
    out: dict[str, str] = {}
    for d in (pol.decisions.values() if pol else ()):
        out[f"{d.seat}.{d.id}"] = d.id
        out[d.id] = d.id
    return out


def parse_policy(scenario, text: str) -> Policy:
    name, eq, rule = text.partition("=")
    name, rule = name.strip(), rule.strip()
    if not eq or not name or not rule:
        raise PolicyError(f"'{text}': write DECISION=RULE, e.g. un.cross_38th=never")
    names = decision_names(scenario)
    if name not in names:
        if not names:
            raise PolicyError(f"'{name}': scenario '{scenario.id}' has no decisions")
        canonical = sorted(n for n in names if "." in n)
        raise PolicyError(f"unknown decision '{name}' in {scenario.id}{suggest(name, list(names))}; "
                          f"decisions: {', '.join(canonical)}")
    did = names[name]
    kind, _, arg = rule.partition(":")
    kind = kind.strip()
    if kind not in RULES:
        raise PolicyError(f"'{rule}': unknown rule{suggest(kind, RULES)}; choose always, never, first:DATE "
                          "or when:CONDITION")
    label = f"{scenario.config.politics.decisions[did].seat}.{did}={rule}"
    if kind in ("always", "never"):
        if arg:
            raise PolicyError(f"'{rule}': '{kind}' takes nothing after it")
        return Policy(did, kind, text=label)
    if kind == "first":
        try:
            since = date.fromisoformat(arg.strip())
        except ValueError:
            raise PolicyError(f"'{rule}': expected a date like first:1950-11-01") from None
        return Policy(did, kind, since=since, text=label)
    try:
        return Policy(did, kind, condition=condition_from_text(scenario, arg), text=label)
    except ValueError as exc:
        raise PolicyError(f"'{rule}': {exc}") from None


def parse_policies(scenario, texts) -> list[Policy]:
    out: list[Policy] = []
    for text in texts or ():
        p = parse_policy(scenario, text)
        if any(q.decision == p.decision for q in out):
            raise PolicyError(f"'{text}': a policy for '{p.decision}' is given twice")
        out.append(p)
    return out


def by_seat(scenario, policies) -> dict[str, dict[str, Policy]]:
    decisions = scenario.config.politics.decisions if scenario.config.politics else {}
    out: dict[str, dict[str, Policy]] = {}
    for p in policies:
        out.setdefault(decisions[p.decision].seat, {})[p.decision] = p
    return out
