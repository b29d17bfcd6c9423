"""A condition written on the command line, read with the scenario's own vocabulary (``--policy X=when:...``).

The text is one YAML flow mapping, as a decision's ``when`` is written in a scenario file:
``{track: {name: intervention, at_most: 40}}``, ``{all: [{flag: pva_entered}, {date: {from: 1951-01-01}}]}``.
It is read with ``yaml.safe_load`` and parsed by the same parsers as the scenario's conditions
(game/scenario/politics_conditions.py), against the scenario's seats, tracks, regions, flags and units, so a
word the scenario does not know gets the same "did you mean" a scenario author would.
"""

from __future__ import annotations

import yaml

from game.engine.politics.model import Condition

from .loader import Scenario
from .politics_conditions import parse_condition
from .politics_context import ParseContext

#: Longer than any condition a person types; a guard against pasting a file.
MAX_TEXT = 2000


def condition_from_text(scenario: Scenario, text: str) -> Condition:
    """The condition ``text`` says, in ``scenario``'s terms; ValueError with the first problem, in one line."""
    if not text.strip():
        raise ValueError("give a condition, e.g. {track: {name: intervention, at_most: 40}}")
    if len(text) > MAX_TEXT:
        raise ValueError(f"a condition of {len(text)} characters is too long (at most {MAX_TEXT})")
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem", None) or "not YAML"
        raise ValueError(f"cannot read the condition ({where})") from None
    pol = scenario.config.politics
    if pol is None:
        raise ValueError(f"scenario '{scenario.id}' has no politics to test a condition on")
    problems: list[str] = []
    ctx = ParseContext(scenario.board, tuple(scenario.config.seats), tracks=dict(pol.tracks),
                       regions=dict(pol.regions), flags=set(pol.flag_names), decisions=set(pol.decisions),
                       unit_ids={u.id for u in scenario.units},
                       report=lambda path, msg: problems.append(_at(path, msg)))
    cond = parse_condition(ctx, value, ())
    if problems or cond is None:
        raise ValueError(problems[0] if problems else "not a condition")
    return cond


def _at(path: tuple, message: str) -> str:
    where = ".".join(str(p) for p in path)
    return f"{where}: {message}" if where else message
