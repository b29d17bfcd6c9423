"""A teacher makes an event happen (issue 12 §2, "inject an event"): the engine's Inject action, the classroom's
what-if that poses it, the save that replays it and the report that names it.

The computer plays the tutorial, whose what-if "What if Mao sends the Volunteers at once?" makes the rule
``prc_must_enter`` happen: it forces China's decision to intervene, a month before the AI would take it.
"""

from __future__ import annotations

import pytest

from game.engine import api
from game.engine.api import Decide, Inject, action_from_dict
from game.scenario.loader import load_scenario
from game.session.classroom import Classroom
from game.session.match import Match
from game.session.replay import ReplayBuilder
from game.session.savefile import load_save
from game.session.table import Table
from game.session.teaching import TEACHER_MARK

SEED = 7
AI = "ai:historical:normal"
MAO = "What if Mao sends the Volunteers at once?"


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


def classroom(scenario, tmp_path) -> Classroom:
    match = Match.start(scenario, SEED, {s.id: AI for s in scenario.config.seats})
    return Classroom(scenario, Table(match, autosave_dir=tmp_path))


def mao(room: Classroom) -> int:
    return next(k for k, w in enumerate(room.what_ifs) if w.title == MAO)


def mao_posed_then_turn_two(scenario, tmp_path) -> Classroom:
    """The computer plays one action, the teacher sends the Volunteers, and the computer plays on to turn 2."""
    room = classroom(scenario, tmp_path)
    room.step_ai()
    room.set_what_if(mao(room), True)
    while room.match.turn < 2:
        room.step_ai()
    return room


def intervened(match: Match) -> bool:
    return bool(match.state.flag("pva_entered"))


def test_the_engine_injects_a_rule_once_and_never_offers_it_to_a_seat(tutorial):
    state, _ = tutorial.start_game(SEED)
    assert not any(isinstance(a, Inject) for a in api.legal_actions(state))
    assert api.check(state, Inject("no_such")).code == "no_such_rule"
    seat, turn = api.current_seat(state), state.turn
    new, events = api.apply(state, Inject("prc_must_enter"))
    assert (api.current_seat(new), new.turn) == (seat, turn)          # no seat's move: the turn stays put
    fired = [e for e in events if e.kind == "RuleFired"]
    assert fired and fired[0].data["injected"] and fired[0].data["rule"] == "prc_must_enter"
    assert any(e.kind == "DecisionTaken" and e.data["decision"] == "intervene" and e.data["forced"]
               for e in events)
    assert new.flag("pva_entered") and not state.flag("pva_entered")  # apply changed a copy
    verdict = api.check(new, Inject("prc_must_enter"))
    assert verdict is not None and verdict.code == "already_happened" and "once" in verdict.reason
    assert action_from_dict(Inject("prc_must_enter").to_dict()) == Inject("prc_must_enter")


def test_a_teachers_event_happens_at_once_in_the_teachers_name(tutorial, tmp_path):
    """Left alone, China has not entered by turn 2; posed on turn 1, the what-if sends it in at once, the log
    and the pause say the teacher did it, and the what-if cannot be posed twice."""
    baseline = classroom(tutorial, tmp_path / "a")
    while baseline.match.turn < 2:
        baseline.step_ai()
    assert not intervened(baseline.match)

    room = classroom(tutorial, tmp_path / "b")
    room.step_ai()
    k = mao(room)
    assert room.can_inject(k)
    n = len(room.match.record)
    events, hits = room.set_what_if(k, True)
    assert intervened(room.match) and events
    assert room.match.record[n] == Inject("prc_must_enter")
    assert room.match.reasons[n].startswith(TEACHER_MARK)
    assert room.forced_by_teacher(n + 1) == MAO                      # the pause card says whose what-if it was
    assert [h for h in hits if "China" in h.question or "buffer" in h.question]   # the prc_enters pause came
    assert k not in room.on                                          # an event happens; it does not stay "on"
    assert any(getattr(e, "text", "").startswith("The teacher poses a what-if: " + MAO) for e in room.log)
    assert not room.can_inject(k) and room.set_what_if(k, True) == ([], [])
    # The computer plays on from the new position.
    before = len(room.match.record)
    room.step_ai()
    assert len(room.match.record) == before + 1


def test_an_injected_event_replays_from_the_save_and_never_in_a_look_back(tutorial, tmp_path):
    room = mao_posed_then_turn_two(tutorial, tmp_path)
    path = room.save(tmp_path)
    for replay in (False, True):                                      # from its snapshot, and by its record
        loaded, _doc = load_save(path, replay=replay)
        assert loaded.checksum() == room.match.checksum()
        assert Inject("prc_must_enter") in loaded.record

    builder = ReplayBuilder(path)
    while builder.advance(0.01) < 1.0:
        pass
    replay = builder.result()
    assert not replay.can_inject(mao(replay)) and replay.set_what_if(mao(replay), True) == ([], [])
    room.look_at(1)                                                   # looking back: the event is the present's
    assert not room.can_inject(mao(room))


def test_the_report_says_the_teacher_made_it_happen(tutorial, tmp_path):
    from game.report.series import chronicle_of
    from game.report.story import tell

    room = mao_posed_then_turn_two(tutorial, tmp_path)
    story = tell(chronicle_of(room.match))
    assert any(f.startswith("The teacher made these happen: Past the point of no return") for f in story.facts)
    row = next(r for r in story.decisions if r.title == "Send the Chinese People's Volunteers")
    assert row.who == "the teacher's what-if, which forced it" and row.why.startswith("The teacher made this happen")
    assert not any(isinstance(a, Decide) and a.decision == "intervene" for a in room.match.record)


GA = "What if the UN crosses without asking the General Assembly?"


def test_the_what_ifs_that_stood_go_with_the_save_to_a_replay_a_branch_and_the_report(tutorial, tmp_path):
    """Posed after the first action and saved: the replay knows it stood, a branch before it was posed has none, a
    branch after has it, and the report names it with its date."""
    from game.report.series import chronicle_of
    from game.report.story import tell

    room = classroom(tutorial, tmp_path)
    room.step_ai()
    k = next(i for i, w in enumerate(room.what_ifs) if w.title == GA)
    room.set_what_if(k, True)
    while room.match.turn < 3:
        room.step_ai()
    path = room.save(tmp_path)
    builder = ReplayBuilder(path)
    while builder.advance(0.01) < 1.0:
        pass
    replay = builder.result()
    assert replay.on == {k}
    replay.look_at(0)
    assert replay.branch(tmp_path / "b0").on == set()
    replay.look_at(replay.timeline.turn_start(2))
    later = replay.branch(tmp_path / "b2")
    assert later.on == {k} and later.match.teacher == [[1, GA, True]]
    story = tell(chronicle_of(load_save(path)[0]))
    assert f"The teacher's what-ifs: '{GA}' from 1 Oct 1950." in story.facts


def test_a_tip_to_one_sides_player_is_not_in_the_teachers_log(tmp_path):
    """The Pusan Perimeter tells the UN's player 'Try this: keep a reserve near Taegu...': a class watching the
    computer play has no player to advise, and the teacher's log leaves it out (the UN's own log keeps it)."""
    room = classroom(load_scenario("pusan-perimeter"), tmp_path)
    while room.match.turn < 2:
        room.step_ai()
    said = [getattr(e, "text", "") for e in room.log]
    assert not any(t.startswith("Try this") for t in said)
    assert any(e.text.startswith("Try this") for e in room.match.log if e.kind == "RuleFired")
