"""Autosaves: the last five of each game are kept, and a failed autosave (a full disk) never stops the game."""

from __future__ import annotations

import errno

import pytest

from game.engine.actions import EndPhase
from game.scenario.loader import load_scenario
from game.session import atomicwrite
from game.session.autosave import Autosaver, game_key
from game.session.match import Match
from game.session.savefile import load_save
from game.session.table import Table

HUMANS = {"dprk_prc": "human", "rok": "human", "un": "human"}


def play_turns(table: Table, turns: int) -> None:
    """End phases until ``turns`` more turns have started (or the game is over)."""
    start = table.match.turn
    while not table.match.over and table.match.turn < start + turns:
        table.submit(EndPhase())


@pytest.mark.timeout(120)
def test_a_short_war_keeps_its_own_five_autosaves_and_never_deletes_a_campaigns(tmp_path):
    campaign = Table(Match.start(load_scenario("1950-invasion"), 4, HUMANS), autosave_dir=tmp_path)
    play_turns(campaign, 1)
    kept = campaign.last_autosave
    assert kept is not None and kept.exists()
    # The Pusan Perimeter: seven turns and its end, eight autosaves (the tutorial may now end in an armistice
    # before its sixth turn, with fewer than five).
    short = Table(Match.start(load_scenario("pusan-perimeter"), 4, HUMANS), autosave_dir=tmp_path)
    play_turns(short, 10)
    assert short.match.over
    assert kept.exists()
    mine = Autosaver(tmp_path).existing(f"autosave-pusan-perimeter-{game_key(short.match)}")
    assert len(mine) == 5
    assert short.last_autosave == mine[0]
    # Another game of it (another seed) is another game: it rotates its own.
    other = Table(Match.start(load_scenario("pusan-perimeter"), 5, HUMANS), autosave_dir=tmp_path)
    play_turns(other, 2)
    assert len(Autosaver(tmp_path).existing(f"autosave-pusan-perimeter-{game_key(short.match)}")) == 5
    assert kept.exists()


@pytest.mark.timeout(120)
def test_a_loaded_game_goes_on_rotating_its_own_autosaves(tmp_path):
    table = Table(Match.start(load_scenario("tutorial"), 4, HUMANS), autosave_dir=tmp_path)
    play_turns(table, 2)
    loaded, _ = load_save(table.last_autosave)
    assert game_key(loaded) == game_key(table.match)


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.timeout(120)
def test_a_full_disk_fails_the_autosave_the_game_goes_on_and_the_player_is_told_once(tmp_path, monkeypatch):
    table = Table(Match.start(load_scenario("tutorial"), 4, HUMANS), autosave_dir=tmp_path)
    monkeypatch.setattr(atomicwrite.os, "fsync", no_space)
    play_turns(table, 2)                          # two autosaves fail; nothing is raised
    assert table.match.turn == 3
    assert table.autosave_failure == "the disk is full"
    warning = table.autosave_warning()
    assert warning and "the disk is full" in warning and "The game goes on" in warning
    assert table.autosave_warning() is None       # once
    play_turns(table, 1)
    assert table.autosave_warning() is None       # still once, for the same run of failures
    assert list(tmp_path.iterdir()) == []         # no autosave, and no temporary left behind
    monkeypatch.undo()
    play_turns(table, 1)                          # there is room again: the autosave works, the failure is over
    assert table.autosave_failure is None and table.last_autosave.exists()


def test_write_problems_are_said_in_a_players_words():
    assert atomicwrite.write_problem(OSError(errno.ENOSPC, "No space left on device")) == "the disk is full"
    assert atomicwrite.write_problem(OSError(errno.EROFS, "Read-only file system")) == "the disk is read-only"
    assert "permission denied" in atomicwrite.write_problem(PermissionError(errno.EACCES, "Permission denied"))
