"""The cross-reference checks of a scenario's ``classroom`` section (DESIGN.md section 13).

A pause must name exactly one of a milestone, a rule or a decision, and one that can come in this scenario: a
milestone some rule or decision is tagged with (or one the game finds in play, :data:`FOUND_IN_PLAY`), a rule or
decision id the scenario defines.  A what-if has ``policies``, ``inject`` (rule ids of the scenario) or both.  Each
of a what-if's ``policies`` is ``DECISION=RULE`` as ``simulate --policy``
reads it (game/session/policies.py): the decision one of the scenario's, the rule ``always``, ``never``,
``first:YYYY-MM-DD`` or ``when:CONDITION`` (a condition in the scenario's own words).  Every problem gets its
line.  Registered after the politics checks (game/scenario/validate_politics.py), whose compiled politics it reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from .politics_conditions import parse_condition
from .politics_context import ParseContext
from .problems import describe, suggest
from .validate_context import Context, given, list_or_empty, register_check
from .validate_politics import _engine_seats, check_politics  # noqa: F401 - registered first, so it runs first

#: Key events the game dates from what happens (game/session/records.py Recorder), whether or not a rule is tagged.
FOUND_IN_PLAY = ("un_crosses_38th", "talks_open", "armistice_signed", "general_war")
#: The rules of a what-if's policy; the same words as game/ai/policy.py RULES (the scenario layer may not import it).
POLICY_RULES = ("always", "never", "first", "when")
#: What a pause may be keyed by.
PAUSE_KEYS = ("milestone", "rule", "decision")


@register_check
def check_classroom(ctx: Context) -> None:
    section = ctx.data.get("classroom")
    if not isinstance(section, dict):
        return
    pol = ctx.politics
    seen: dict[tuple[str, str], int] = {}
    for i, pause in enumerate(list_or_empty(section.get("pauses"))):
        if not isinstance(pause, dict):
            continue
        keys = [k for k in PAUSE_KEYS if k in pause]
        path = ("classroom", "pauses", i)
        if len(keys) != 1:
            ctx.add(path, "a pause names exactly one of milestone, rule or decision; "
                          + (f"got {' and '.join(keys)}" if keys else "got none"))
            continue
        key, value = keys[0], pause[keys[0]]
        if not given(value):
            continue
        if (key, value) in seen:
            ctx.add(path + (key,), f"a second pause at {key} '{value}' (the first is pauses[{seen[key, value]}])")
            continue
        seen[key, value] = i
        if pol is not None:
            problem = _pause_problem(pol, key, value)
            if problem:
                ctx.add(path + (key,), problem)
    titles: dict[str, int] = {}
    for i, what_if in enumerate(list_or_empty(section.get("what_ifs"))):
        if not isinstance(what_if, dict):
            continue
        path = ("classroom", "what_ifs", i)
        title = what_if.get("title")
        if given(title):
            if title in titles:
                ctx.add(path + ("title",), f"the what-if '{title}' is offered twice (first at "
                                           f"what_ifs[{titles[title]}])")
            titles.setdefault(title, i)
        if what_if.get("policies") is None and what_if.get("inject") is None:
            ctx.add(path, "a what-if needs policies (decisions to force or forbid) or inject (events to make "
                          "happen), or both; it has neither")
        rules = [r.id for r in pol.rules] if pol is not None else []
        for k, rule in enumerate(list_or_empty(what_if.get("inject"))):
            if given(rule) and pol is not None and rule not in rules:
                ctx.add(path + ("inject", k), f"unknown rule '{rule}'{suggest(rule, rules)}; the scenario's rules: "
                                              f"{', '.join(rules)}")
        governed: dict[str, int] = {}
        for k, policy in enumerate(list_or_empty(what_if.get("policies"))):
            if not given(policy) or pol is None:
                continue
            problem = policy_problem(ctx, pol, policy)
            decision = policy.partition("=")[0].strip().rpartition(".")[2]
            if problem is None and decision in governed:
                problem = (f"decision '{decision}' is governed twice in this what-if (first at "
                           f"policies[{governed[decision]}])")
            governed.setdefault(decision, k)
            if problem:
                ctx.add(path + ("policies", k), problem)


def _pause_problem(pol, key: str, value: str) -> str | None:
    """Why a pause keyed ``key: value`` could never come in this scenario, or None."""
    if key == "milestone":
        tagged = {r.milestone for r in pol.rules} | {d.milestone for d in pol.decisions.values()}
        if value in tagged or value in FOUND_IN_PLAY:
            return None
        return (f"no rule or decision of this scenario is tagged 'milestone: {value}', so the pause would never "
                "come; tag the rule or decision that marks it, or pause at its rule or decision id")
    ids = [r.id for r in pol.rules] if key == "rule" else list(pol.decisions)
    if value in ids:
        return None
    return f"unknown {key} '{value}'{suggest(value, ids)}; the scenario's {key}s: {', '.join(ids)}"


def policy_problem(ctx: Context, pol, text: str) -> str | None:
    """What is wrong with a what-if's ``DECISION=RULE``, or None."""
    name, eq, rule = text.partition("=")
    name, rule = name.strip(), rule.strip()
    if not eq or not name or not rule:
        return f"expected DECISION=RULE, e.g. un.cross_38th=never; got {describe(text)}"
    names = {f"{d.seat}.{d.id}": d.id for d in pol.decisions.values()} | {d: d for d in pol.decisions}
    if name not in names:
        listed = ", ".join(sorted(n for n in names if "." in n)) or "none"
        return f"unknown decision '{name}'{suggest(name, list(names))}; the scenario's decisions: {listed}"
    kind, _, arg = rule.partition(":")
    kind, arg = kind.strip(), arg.strip()
    if kind not in POLICY_RULES:
        return (f"unknown rule '{kind}'{suggest(kind, POLICY_RULES)}; expected always, never, first:DATE or "
                "when:CONDITION")
    if kind in ("always", "never"):
        return f"'{kind}' takes nothing after it" if arg else None
    if kind == "first":
        try:
            date.fromisoformat(arg)
        except ValueError:
            return f"expected a date like first:1950-11-01; got {describe(arg)}"
        return None
    return _condition_problem(ctx, pol, arg)


def _condition_problem(ctx: Context, pol, text: str) -> str | None:
    """A ``when:`` condition read as game/scenario/condition_text.py reads one from the command line."""
    try:
        value: Any = yaml.safe_load(text) if text else None
    except yaml.YAMLError:
        return "the condition after when: is not a YAML mapping such as {track: {name: intervention, at_most: 40}}"
    if value is None:
        return "give a condition after when:, e.g. when:{track: {name: intervention, at_most: 40}}"
    problems: list[str] = []
    seats = _engine_seats(ctx)
    pctx = ParseContext(ctx.board, seats, tracks=dict(pol.tracks), regions=dict(pol.regions),
                        flags=set(pol.flag_names), decisions=set(pol.decisions),
                        report=lambda path, msg: problems.append(msg))
    if parse_condition(pctx, value, ()) is None or problems:
        return f"the condition after when: {problems[0] if problems else 'is not a condition'}"
    return None
