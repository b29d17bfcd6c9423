"""A save whose seat logs are forged, checksums made again (issue 10, third attack run): the game loads without
the logs, with a warning naming the file and the entry."""

from __future__ import annotations

import copy
import logging

import pytest
from hostile_saves import edited, save_with_agents

from game.session.savefile import load_save
from game.session.table import Table


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return save_with_agents(tmp_path_factory.mktemp("logs"))


def appended(event: dict, text: str = "Forged line.", n: int = 1):
    """A forgery: ``n`` lines appended to the UN's log (an ordinary unit move, changed by ``event``)."""
    def change(doc: dict) -> None:
        line = {"data": {}, "date": doc["summary"]["date"], "hexes": [], "kind": "UnitMoved", "public": True,
                "seat": None, "text": text, "turn": doc["summary"]["turn"]}
        line.update(event)
        for _ in range(n):
            doc["logs"]["un"].append({"event": copy.deepcopy(line), "own": False, "text": text})
    return edited(change, rechecksum=True)


FORGED_LOGS = [
    ("a rule's idea that is a mapping", appended({"kind": "RuleFired", "data": {"idea": {"x": 1}, "history": "h"}}),
     "event.data.idea: must be text"),
    ("a rule's idea that is a number", appended({"kind": "RuleFired", "data": {"idea": 5}}),
     "event.data.idea: must be text"),
    ("a 3 MB history note", appended({"kind": "RuleFired", "data": {"history": "H" * 3_000_000}}),
     "event.data.history: 3000000 characters long"),
    ("a computer's reason whose seat is a list", appended({"kind": "AIReasoned", "seat": ["rok"]}),
     "event.seat: must be text"),
    ("a NUL in a line", appended({}, text="bad\x00line"), "text: holds a control character"),
    ("a lone surrogate in a line", appended({}, text="\x1b[2J\ud800"), "text: holds a control character"),
    ("a decision's detail of 100,000 strings", appended({"kind": "DecisionTaken", "data": {"detail": ["x"] * 100_000}}),
     "event.data.detail: 100000 items"),
    ("more lines than a save keeps", appended({}, n=500), "is not a seat's log of at most 400 lines"),
]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name, make, problem", FORGED_LOGS, ids=[f[0] for f in FORGED_LOGS])
def test_a_forged_log_is_dropped_with_a_warning_and_the_game_loads(name, make, problem, base, tmp_path, caplog):
    path = make(tmp_path, base)
    with caplog.at_level(logging.WARNING, logger="game.session.savefile"):
        match, _ = load_save(path)
    assert match.saved_logs is None
    warning = " ".join(r.getMessage() for r in caplog.records)
    assert str(path) in warning and problem in warning and "the seat logs were dropped" in warning
    assert len(warning) < 400
    table = Table(match)
    assert table.entries() is not None


@pytest.mark.timeout(120)
def test_a_good_log_comes_back(base):
    match, doc = load_save(base)
    assert match.saved_logs is not None and len(match.saved_logs["un"]) == len(doc["logs"]["un"])
