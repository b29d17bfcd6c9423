"""A save outlives a new version of its scenario (game/session/savemigrate.py): a rule, a decision and a flag
added before the old ones (the worst case: every array shifts) and the save still opens, each value under its
own id; a save that names no ids opens only where nothing moved; its record is not replayed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.savecheck import SaveError
from game.session.savefile import load_save, write_save
from game.session.savelist import save_info
from game.session.simulate import make_agents, play

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
NEW_RULE = """  - id: a_new_rule
    when: {flag: a_new_flag}
    text: A rule the first version did not have.
    effects:
      - track: {name: escalation, add: 1}
"""
NEW_DECISION = """  - id: a_new_decision
    seat: un
    title: A decision the first version did not have
    text: It sets a flag.
    effects:
      - set_flag: a_new_flag
"""


def newer_tutorial(tmp_path: Path):
    """The tutorial with a rule, a decision and a flag put first: every politics array of a save shifts."""
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    text = text.replace("\nrules:\n", "\nrules:\n" + NEW_RULE, 1).replace("\ndecisions:\n", "\ndecisions:\n"
                                                                             + NEW_DECISION, 1)
    path = tmp_path / "tutorial.yaml"
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """A tutorial played by the computer for three turns, saved: China has warned, decisions were taken."""
    sc = load_scenario("tutorial")
    m = Match.start(sc, 5, {})
    play(m, make_agents(m, "ai:historical:normal", 5), turns=3)
    path = write_save(m, tmp_path_factory.mktemp("saves") / "war.json")
    return m, path


def test_a_save_opens_in_a_newer_scenario_each_value_under_its_own_id(played, tmp_path):
    old, path = played
    newer = newer_tutorial(tmp_path)
    assert newer.content_hash != old.scenario_hash
    match, _ = load_save(path, scenario_loader=lambda sid: newer)
    was, now = old.state, match.state
    for rule in was.setup.rule_ids:
        assert now.rule_fired[now.setup.rule_index[rule]] == was.rule_fired[was.setup.rule_index[rule]], rule
    for d in was.setup.decision_ids:
        assert now.decision_taken[now.setup.decision_index[d]] == was.decision_taken[was.setup.decision_index[d]]
    for f in was.setup.flag_names:
        assert now.flag(f) == was.flag(f), f
    assert now.rule_fired[now.setup.rule_index["a_new_rule"]] == 0 and not now.flag("a_new_flag")
    assert match.turn == old.turn and match.checksum() != old.checksum()       # the same war, a newer scenario
    # It plays on under the newer rules, and the list offers it.
    play(match, make_agents(match, "ai:historical:normal", 5), turns=1)
    with pytest.raises(SaveError, match="earlier version"):
        load_save(path, scenario_loader=lambda sid: newer, replay=True)


def test_a_save_that_names_no_ids_opens_only_where_nothing_moved(played, tmp_path):
    old, path = played
    doc = json.loads(path.read_text())
    doc.pop("politics_ids")
    from game.session.savecheck import integrity
    body = {k: v for k, v in doc.items() if k != "integrity"}
    doc["integrity"] = integrity(body)
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="cannot be opened"):
        load_save(bare, scenario_loader=lambda sid: newer_tutorial(tmp_path))
    # A text edit moves nothing: such a save still opens.
    text = (SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8").replace(
        "Each hard stance costs the talks 10 points a turn.", "Each hard stance costs the talks ten points a turn.")
    edited = tmp_path / "tutorial.yaml"
    edited.write_text(text, encoding="utf-8")
    match, _ = load_save(bare, scenario_loader=lambda sid: load_scenario(edited))
    assert match.turn == old.turn


def test_the_load_list_offers_a_save_of_an_earlier_version(played, tmp_path, monkeypatch):
    from game.session import savelist
    old, path = played
    newer = newer_tutorial(tmp_path)
    facts = (tuple(d.isoformat() for d in newer.setup.turn_dates), tuple(s.id for s in newer.config.seats),
             newer.setup, newer.content_hash)
    monkeypatch.setattr(savelist, "_scenario_facts", lambda sid: facts)
    assert save_info(path).turn == old.turn
