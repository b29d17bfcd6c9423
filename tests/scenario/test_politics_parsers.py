"""The politics parsers of the scenario layer against the engine's vocabulary.

The engine holds the typed specs (game/engine/politics/conditions.py,
effects.py) in its registries; the scenario layer holds one parser per keyword
(game/scenario/politics_conditions.py, politics_effects.py).  These tests keep
the two in step, and check that a wrong argument to any keyword is reported,
never raised.
"""

from __future__ import annotations

import pytest
from helpers import tiny_board

from game.engine.config import Seat
from game.engine.politics.conditions import CONDITIONS
from game.engine.politics.effects import EFFECTS
from game.engine.state import ENGINE_FLAG_READERS
from game.scenario import politics_conditions, politics_effects
from game.scenario.politics_compile import ENGINE_FLAGS, compile_politics
from game.scenario.politics_context import ParseContext

SEATS = (Seat("red", "Red", "communist", ("kpa",)), Seat("blue", "Blue", "un", ("us",)))


def test_every_condition_keyword_has_one_parser():
    assert list(politics_conditions.PARSERS) == list(CONDITIONS)


def test_every_effect_keyword_has_one_parser():
    assert list(politics_effects.PARSERS) == list(EFFECTS)


def test_the_engine_classes_do_not_parse():
    assert not [cls.__name__ for cls in (*CONDITIONS.values(), *EFFECTS.values()) if hasattr(cls, "parse")]


def test_the_flags_the_engine_keeps_are_the_ones_it_reads():
    assert ENGINE_FLAGS == set(ENGINE_FLAG_READERS)


@pytest.mark.parametrize("kind, keyword", [("when", k) for k in CONDITIONS] + [("effects", k) for k in EFFECTS])
def test_a_wrong_argument_is_reported(kind, keyword):
    """``{keyword: 12345}`` is wrong for every keyword: a problem under its path, and no rule."""
    problems: list = []
    ctx = ParseContext(tiny_board(["cc"] * 2), SEATS, report=lambda path, msg: problems.append((path, msg)))
    rule = {"id": "r", "effects": []}
    if kind == "when":
        rule["when"] = {keyword: 12345}
        where = ("rules", 0, "when", keyword)
    else:
        rule["effects"] = [{keyword: 12345}]
        where = ("rules", 0, "effects", 0, keyword)
    politics = compile_politics(ctx, {"rules": [rule]})
    assert politics is not None and politics.rules == ()
    assert problems and all(path[:len(where)] == where for path, _ in problems), problems


def test_an_unknown_keyword_gets_a_suggestion():
    problems: list = []
    ctx = ParseContext(tiny_board(["cc"] * 2), SEATS, report=lambda path, msg: problems.append((path, msg)))
    compile_politics(ctx, {"rules": [{"id": "r", "when": {"flg": "x"}, "effects": [{"set_flg": "x"}]}]})
    assert [m.split(";")[0] for _, m in problems] == ["unknown condition 'flg' (did you mean 'flag'?)",
                                                      "unknown effect 'set_flg' (did you mean 'set_flag'?)"]


def test_words_for_one_seat_name_a_seat():
    """A rule's ``to`` and a log entry's ``to`` name seats; a wrong one is reported with a suggestion."""
    problems: list = []
    ctx = ParseContext(tiny_board(["cc"] * 2), SEATS, report=lambda path, msg: problems.append((path, msg)))
    politics = compile_politics(ctx, {"rules": [
        {"id": "tip", "to": "blue", "text": "For Blue.", "effects": [{"log": {"text": "Also Blue."}},
                                                                   {"log": {"text": "For Red.", "to": ["red"]}}]},
        {"id": "bad", "to": "bleu", "effects": [{"log": {"text": "x", "to": ["blue", "rd"]}}]}]})
    assert [r.id for r in politics.rules] == ["tip"]
    tip = politics.rules[0]
    assert tip.to == ("blue",) and [e.to for e in tip.effects] == [(), ("red",)]
    assert [(path, msg.split(";")[0]) for path, msg in problems] == [
        (("rules", 1, "effects", 0, "log", "to", 1), "unknown seat 'rd' (did you mean 'red'?)"),
        (("rules", 1, "to"), "unknown seat 'bleu' (did you mean 'blue'?)")]
