"""The teacher's console, headless (issue 12 §7): a forced decision takes effect, a forbidden one is never taken,
a branch starts from the right turn and leaves the original save unchanged; the timeline gives back every
position of the record; the pauses come once, with the history and the question; a seat handed to a person and
back keeps its computer player; a save replays step by step.

The computer plays the tutorial (six turns, under a second a game).
"""

from __future__ import annotations

from datetime import date

import pytest

from game.engine.api import Decide, EndPhase, Event
from game.scenario.loader import load_scenario
from game.session.classroom import Classroom
from game.session.match import Match
from game.session.replay import ReplayBuilder
from game.session.savefile import SaveError, load_save, write_save
from game.session.table import Table
from game.session.teaching import TEACHER_MARK, Pause, PauseWatch, divergence, pauses_of, what_ifs_of

SEED = 7
AI = "ai:historical:normal"


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


def classroom(scenario, tmp_path, seed: int = SEED) -> Classroom:
    match = Match.start(scenario, seed, {s.id: AI for s in scenario.config.seats})
    return Classroom(scenario, Table(match, autosave_dir=tmp_path))


def play(room: Classroom, until=lambda room: False) -> list:
    hits = []
    while not room.match.over and not until(room):
        _events, found = room.step_ai()
        hits.extend(found)
    return hits


def what_if(room: Classroom, policy: str) -> int:
    return next(k for k, w in enumerate(room.what_ifs) if any(p.text == policy for p in w.policies))


def taken(match: Match, decision: str) -> list[int]:
    return [k for k, a in enumerate(match.record) if isinstance(a, Decide) and a.decision == decision]


def test_a_forced_decision_takes_effect_in_the_teachers_name(tutorial, tmp_path):
    """Rhee marches north at the first political phase it is open in (turn 2), and the log says the teacher
    asked for it; left to itself the computer marches later (turn 5), so the what-if is what made it happen."""
    baseline = classroom(tutorial, tmp_path / "a")
    play(baseline)
    assert all(baseline.timeline.step_at(k).turn > 2 for k in taken(baseline.match, "rok_march_north"))
    room = classroom(tutorial, tmp_path / "b")
    room.set_what_if(what_if(room, "rok.rok_march_north=always"), True)
    play(room)
    [k] = taken(room.match, "rok_march_north")
    assert room.timeline.step_at(k).turn == 2
    assert room.match.reasons[k].startswith(TEACHER_MARK) and "Rhee marches north" in room.match.reasons[k]
    rok_log = [e.text for e in room.table.logs.entries["rok"]]
    assert any(t.startswith(TEACHER_MARK) for t in rok_log)
    assert any(t.startswith("The teacher poses a what-if: What if Rhee marches north alone?") for t in rok_log)
    assert room.match.state.decision_date("rok_march_north") == date(1950, 10, 8)


def test_a_forbidden_decision_is_never_taken(tutorial, tmp_path):
    """The computer seeks a General Assembly resolution when left to itself; forbidden, never, to the last turn."""
    baseline = classroom(tutorial, tmp_path / "a")
    play(baseline)
    assert taken(baseline.match, "seek_unga_resolution")
    room = classroom(tutorial, tmp_path / "b")
    room.set_what_if(what_if(room, "un.seek_unga_resolution=never"), True)
    play(room)
    assert room.match.over and taken(room.match, "seek_unga_resolution") == []


def test_a_what_if_withdrawn_frees_the_seat_and_one_on_the_same_decision_replaces_another(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    first = what_if(room, "dprk_prc.intervene=always")
    second = what_if(room, "dprk_prc.intervene=never")
    room.set_what_if(first, True)
    room.set_what_if(second, True)
    assert room.on == {second}
    assert room.table.ai.agents["dprk_prc"].policies["intervene"].rule == "never"
    room.set_what_if(second, False)
    assert room.on == set() and not hasattr(room.table.ai.agents["dprk_prc"], "policies")


def test_a_branch_starts_from_the_right_turn_and_leaves_the_original_save_unchanged(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    play(room, until=lambda r: r.match.turn >= 4)
    original = room.save(tmp_path)
    before = original.read_bytes()
    record = list(room.match.record)
    n = room.timeline.turn_start(2)
    room.look_at(n)
    assert room.shown.match.turn == 2 and room.shown.match.record == record[:n]
    branch = room.branch(tmp_path)
    assert branch.save_path != original and branch.save_path.is_file()
    assert branch.match.turn == 2 and branch.match.record == record[:n]
    assert original.read_bytes() == before                    # branching wrote a new file, not the old one
    loaded, _doc = load_save(branch.save_path)
    assert loaded.turn == 2 and loaded.record == record[:n]
    # The branch plays on as a game of its own; the original save still holds the original game.
    play(branch, until=lambda r: r.match.turn >= 3)
    branch.save(tmp_path)
    assert original.read_bytes() == before
    again, _ = load_save(original)
    assert again.record == record and again.turn == room.match.turn
    # Its timeline reaches back before the branch point, through the original game's positions.
    branch.look_at(0)
    assert branch.shown.match.turn == 1 and branch.cursor == 0


def test_the_timeline_gives_back_every_position_of_the_record(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    play(room)
    m = room.match
    replayed = Match.start(tutorial, SEED, dict(m.seats))
    for n, action in enumerate(m.record):
        if n % 7 == 0:
            assert room.timeline.match_at(n).checksum() == replayed.checksum(), f"position {n} differs"
        replayed.submit(action)
    assert room.timeline.match_at(len(m.record)).checksum() == m.checksum()
    turns = room.timeline.turns()
    assert [t for t, _d, _n in turns] == list(range(1, m.turn + 1))
    assert all(room.timeline.step_at(n).turn == t for t, _d, n in turns)


def test_stepping_back_and_forward_through_the_record_meets_the_same_game(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    play(room, until=lambda r: r.match.turn >= 3)
    present = room.match.checksum()
    logs = {seat: [e.text for e in entries] for seat, entries in room.table.logs.entries.items()}
    room.look_at(3)
    assert not room.at_present and room.cursor == 3
    while not room.at_present:
        room.forward()
    assert room.shown is room.table and room.match.checksum() == present
    room.look_at(room.timeline.seat_turn_start(room.timeline.last))
    past = room.shown
    while room.cursor < room.timeline.last - 1:
        room.forward()
    assert {seat: [e.text for e in entries] for seat, entries in past.logs.entries.items()} == \
        {seat: texts[:len(past.logs.entries[seat])] for seat, texts in logs.items()}
    assert room.step_ai() == ([], [])                        # the computer waits while the class looks back


def test_pauses_come_once_with_what_happened_history_and_the_question(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    hits = play(room)
    keys = [room.watch.pauses[h.index].name for h in hits]
    assert len(keys) == len(set(keys)) and "prc_warns" in keys
    warn = next(h for h in hits if room.watch.pauses[h.index].name == "prc_warns")
    assert "China warns through India" in warn.title and "Panikkar" in warn.history
    assert warn.question == next(p.question for p in pauses_of(tutorial) if p.name == "prc_warns")
    assert room.timeline.step_at(warn.action).date == warn.date


def test_a_pause_watch_matches_milestones_rules_and_decisions():
    watch = PauseWatch([Pause("milestone", "prc_warns", "q1"), Pause("rule", "chosin", "q2"),
                        Pause("decision", "halt_at_neck", "q3"), Pause("milestone", "un_crosses_38th", "q4")])
    day = date(1950, 10, 3)
    warned = Event("RuleFired", day, 2, None, (), True, {"rule": "prc_warning", "milestone": "prc_warns",
                                                          "history": "Zhou warned."}, None, "China warns.")
    chosin = Event("RuleFired", day, 2, None, (), True, {"rule": "chosin"}, None, "Frost.")
    other = Event("DecisionTaken", day, 2, "un", (), True, {"decision": "cross_38th"}, None, "Cross.")
    hits = watch.seen([warned, chosin, other, warned], 5, {"un_crosses_38th": "1950-10-02"})
    assert [(h.index, h.action, h.title, h.history) for h in hits][:2] == [(0, 5, "China warns.", "Zhou warned."),
                                                                           (1, 5, "Frost.", "")]
    assert hits[2].index == 3 and hits[2].date == date(1950, 10, 2) and "38th" in hits[2].title
    assert watch.seen([warned], 6) == []                      # once each
    watch.upto(4)
    assert watch.hits == []


def test_the_divergence_timeline_sets_the_war_beside_history():
    rows = divergence({"prc_warns": "1950-10-13", "talks_open": "1950-10-15"}, date(1950, 10, 1), date(1950, 11, 5))
    by_key = {r.key: r for r in rows}
    assert by_key["prc_warns"].gap_days == 10 and by_key["prc_warns"].gap_words(False) == "10 days later"
    assert by_key["talks_open"].gap_words(False) == "268 days earlier"
    assert by_key["prc_enters"].game is None and by_key["prc_enters"].gap_words(False) == "not yet"
    assert by_key["prc_enters"].gap_words(True) == "did not happen"
    assert "seoul_falls" not in by_key                      # history dates it before the scenario
    assert [r.key for r in rows] == [k for k in by_key]     # history's order


def test_a_seat_taken_over_and_handed_back_keeps_its_computer_player(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    agent = room.table.ai.agents["un"]
    room.set_human("un", True)
    assert room.match.seats["un"] == "human" and not room.table.ai.plays("un")
    play(room, until=lambda r: r.match.active_seat == "un")
    assert room.step_ai() == ([], [])                        # the person's turn: the computer does not move
    room.submit(EndPhase())
    room.set_human("un", False)
    assert room.table.ai.agents["un"] is agent and room.match.seats["un"] == AI
    events, _ = room.step_ai()
    assert events and room.match.active_seat in ("un", "dprk_prc", "rok")


def test_the_report_names_the_person_who_played_a_seat_for_a_while(tutorial, tmp_path):
    """A teacher's report said the computer had played every side, with a student's turns in it."""
    from game.report.series import chronicle_of
    from game.report.story import tell
    room = classroom(tutorial, tmp_path)
    room.set_human("un", True)
    play(room, until=lambda r: r.match.active_seat == "un")
    room.submit(EndPhase())
    room.set_human("un", False)
    play(room, until=lambda r: r.match.turn >= 3)
    story = tell(chronicle_of(room.match))
    players = dict(story.players)
    assert players["UN Command"].startswith("the computer") and "; a person from 1 Oct 1950 to 1 Oct 1950" in \
        players["UN Command"], players
    assert "person" not in players["Republic of Korea"]
    assert not any("@person" in w for w in story.facts)       # the hand-over is no what-if of the teacher's


def test_every_scenarios_what_ifs_parse(tutorial):
    from game.session.catalog import scenario_ids
    for sid in scenario_ids():
        sc = tutorial if sid == "tutorial" else load_scenario(sid)
        whatifs = what_ifs_of(sc)
        assert whatifs and all(w.policies or w.injects for w in whatifs), sid
        assert any(w.injects for w in whatifs), f"{sid} offers no event to inject"
        assert pauses_of(sc), sid


def test_a_save_replays_step_by_step_and_branches(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    play(room, until=lambda r: r.match.turn >= 3)
    path = room.save(tmp_path)
    before = path.read_bytes()
    builder = ReplayBuilder(path)
    while builder.advance(0.01) < 1.0:
        pass
    replay = builder.result()
    assert replay.replay and replay.cursor == 0 and replay.shown.match.turn == 1
    assert replay.timeline.last == len(room.match.record)
    replay.look_at(replay.timeline.turn_start(2))
    branch = replay.branch(tmp_path)
    assert branch.match.turn == 2 and not branch.replay
    assert path.read_bytes() == before
    assert replay.step_ai() == ([], [])                      # a replay never plays on by itself


def test_a_save_whose_record_no_longer_replays_is_refused_for_replay(tutorial, tmp_path):
    room = classroom(tutorial, tmp_path)
    play(room, until=lambda r: r.match.turn >= 2)
    match = room.match
    forged = Match(match.scenario_id, match.scenario_hash, match.seed + 1, match.state, dict(match.seats),
                   list(match.record), [])
    path = write_save(forged, tmp_path / "other-rules.json")
    builder = ReplayBuilder(path)
    with pytest.raises(SaveError, match="Load still opens it as saved"):
        while builder.advance(0.05) < 1.0:
            pass
