"""Saves: round trip, refusal of damaged saves, atomic writes, autosave rotation, undo."""

import json
import os

import pytest
from helpers import SEATS, tiny_board, tiny_state, unit

from game.engine.actions import EndPhase, MoveUnit
from game.engine.api import start as start_game
from game.engine.hexes import Hex
from game.session.autosave import Autosaver
from game.session.match import Match
from game.session.savefile import SaveError, load_save, read_document, write_save
from game.session.simulate import make_agents, play


class FakeScenario:
    """A tiny scenario with the loader's interface (id, content_hash, config, start_game)."""

    id = "tiny"
    content_hash = "abc123"

    def __init__(self):
        self.board = tiny_board(["cccccc", "cchccc", "cccccc"], country=["NNNRRR"] * 3)
        first = self._state(0)
        self.config = first.config
        self.setup = first.setup

    def _state(self, seed):
        units = [unit("r1", "red", Hex(1, 0)), unit("r2", "red", Hex(0, 1)),
                 unit("b1", "blue", Hex(4, 0)), unit("b2", "blue", Hex(4, 1))]
        return tiny_state(self.board, units, seed=seed,
                          sources=[("communist", Hex(0, 0)), ("un", Hex(5, 0))])

    def start_game(self, seed):
        state = self._state(seed)
        state.setup = self.setup       # every game of the scenario shares one setup, as the loader's do
        return start_game(state)


@pytest.fixture
def scenario():
    return FakeScenario()


def played(scenario, seed=3, turns=3):
    m = Match.start(scenario, seed, {s.id: "random" for s in SEATS})
    play(m, make_agents(m, "random", seed), turns=turns)
    return m


def loader(scenario):
    return lambda sid: scenario


def test_round_trip_replays_to_the_same_state(scenario, tmp_path):
    m = played(scenario)
    path = write_save(m, tmp_path / "a.json")
    m2, doc = load_save(path, loader(scenario))
    assert m2.state.checksum() == m.state.checksum()
    assert [a.to_dict() for a in m2.record] == [a.to_dict() for a in m.record]
    assert doc["seed"] == 3


def test_same_seed_same_game(scenario):
    a, b = played(scenario, 9), played(scenario, 9)
    assert a.state.checksum() == b.state.checksum()
    assert [x.to_dict() for x in a.record] == [x.to_dict() for x in b.record]


def test_truncated_save_is_refused(scenario, tmp_path):
    path = write_save(played(scenario), tmp_path / "t.json")
    text = path.read_text()
    path.write_text(text[: len(text) // 2])
    with pytest.raises(SaveError, match="damaged or truncated"):
        load_save(path, loader(scenario))


def test_hand_edited_save_is_refused(scenario, tmp_path):
    path = write_save(played(scenario), tmp_path / "e.json")
    doc = json.loads(path.read_text())
    doc["seed"] = 4
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="altered or damaged"):
        load_save(path, loader(scenario))


def test_other_files_are_refused_with_a_message(scenario, tmp_path):
    for text, words in [("", "damaged or truncated"), ("[1, 2]", "not an Armistice save"),
                        ('{"format": "armistice-save", "version": 99}', "version")]:
        p = tmp_path / "x.json"
        p.write_text(text)
        with pytest.raises(SaveError, match=words):
            read_document(p)


def test_a_save_of_an_earlier_scenario_opens_from_its_position_but_is_not_replayed(scenario, tmp_path):
    """A newer version of the scenario (here: its text changed, its arrays not) opens an older save from the
    saved position; its record, played under other rules, is not replayed (game/session/savemigrate.py)."""
    m = played(scenario)
    path = write_save(m, tmp_path / "c.json")
    changed = FakeScenario()
    changed.content_hash = "different"
    match, _ = load_save(path, loader(changed))
    assert match.checksum() == m.checksum() and match.scenario_hash == "different"
    with pytest.raises(SaveError, match="earlier version"):
        load_save(path, loader(changed), replay=True)


def test_crash_while_writing_leaves_previous_save_intact(scenario, tmp_path, monkeypatch):
    m = played(scenario)
    path = write_save(m, tmp_path / "s.json")
    before = path.read_bytes()
    m.submit(EndPhase())

    def crash(*a, **k):
        raise OSError("disk pulled out")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_save(m, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]   # no temporary file left behind
    load_save(path, loader(scenario))


def test_autosave_keeps_the_last_five(scenario, tmp_path):
    m = Match.start(scenario, 1, {})
    saver = Autosaver(tmp_path)
    for _ in range(8):
        while m.state.seat_index != 0 or m.state.phase.value != "movement" or not m.record:
            m.submit(EndPhase())
            if m.state.seat_index == 0 and m.state.phase.value == "movement":
                break
        saver.save(m)
        m.submit(EndPhase())
    assert len(saver.existing()) == 5


def test_undo_goes_back_but_not_past_a_barrier(scenario):
    m = Match.start(scenario, 1, {})
    assert m.active_seat == "red"
    start = m.state.checksum()
    m.submit(MoveUnit("r2", Hex(-1, 2)))      # away from the enemy: nothing new is seen
    assert m.can_undo()
    assert m.undo() and m.state.checksum() == start and not m.record
    events = m.submit(MoveUnit("r1", Hex(2, 0)))   # spots blue: a reveal is a barrier
    assert any(e.kind == "UnitSpotted" for e in events)
    assert not m.can_undo() and not m.undo()


def test_a_save_written_before_units_could_dig_in_still_loads(scenario, tmp_path):
    from game.engine.api import snapshot_checksum
    from game.session.savefile import _integrity
    m = played(scenario)
    path = write_save(m, tmp_path / "old.json")
    doc = json.loads(path.read_text())
    # As an earlier version wrote it: no dug_in array, and the checksums of that snapshot.
    del doc["snapshot"]["dug_in"]
    doc["final_checksum"] = snapshot_checksum(doc["snapshot"])
    body = {k: v for k, v in doc.items() if k != "integrity"}
    doc["integrity"] = _integrity(body)
    path.write_text(json.dumps(doc))
    m2, _ = load_save(path, loader(scenario))
    assert (m2.state.dug_in == -1).all()
    assert m2.state.turn == m.state.turn and (m2.state.hex == m.state.hex).all()


def test_the_tutorial_step_each_player_reached_comes_back_with_the_save(scenario, tmp_path):
    # rule: a play-tester loaded a save and the tutorial panel began again at step 1; the table's lesson steps are
    # the match's, saved with it, and a malformed entry is dropped (that player starts the lessons again).
    from game.session.table import Table
    m = played(scenario)
    table = Table(m)
    table.lesson_at["red"] = 4
    path = write_save(m, tmp_path / "a.json")
    m2, doc = load_save(path, loader(scenario))
    assert doc["lessons"] == {"red": 4}
    assert Table(m2).lesson_at == {"red": 4}
    from game.session.savefile import _lessons_from
    assert _lessons_from({"red": "4", "blue": True, "green": 2, "nobody": 1}, {"red": 1, "blue": 1}) == {}
    assert _lessons_from(["red"], {"red": 1}) == {}
