"""A full disk in the middle of a game: the failed autosave is said once, play goes on, and a manual save says
what failed (issue 10).  Before, the autosave's OSError threw the player out to the menu."""

from __future__ import annotations

import errno

import pytest
from ui_app import frames, make_app

from game.scenario.loader import load_scenario
from game.session import atomicwrite
from game.session.match import Match
from game.ui.screens.game_screen import GameScreen


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def message_title(app) -> str:
    return app.dialog.window_display_title if app.dialog is not None and app.dialog.alive() else ""


def next_turn(app, screen: GameScreen) -> None:
    """Let the computer play and end the human's phases until a new turn has started."""
    turn = screen.match.turn
    for _ in range(400):
        if screen.match.turn > turn or screen.match.over:
            return
        if screen.table.active_is_human and not screen.open_windows():
            screen.end_phase()
        frames(app, 1)
    raise AssertionError("the turn never ended")


@pytest.mark.timeout(300)
def test_a_full_disk_warns_once_play_goes_on_and_a_manual_save_says_why(tmp_path, monkeypatch, errors):
    app = make_app(tmp_path)
    match = Match.start(load_scenario("tutorial"), 3, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
    screen = app.go("match", match=match)
    assert isinstance(screen, GameScreen)
    monkeypatch.setattr(atomicwrite.os, "fsync", no_space)
    next_turn(app, screen)
    frames(app, 2)
    assert app.screen is screen and errors == []
    assert message_title(app) == "The autosave failed"
    text = app.dialog.text_block.html_text
    assert "the disk is full" in text and "The game goes on" in text and "Errno" not in text
    app.dialog.kill()
    next_turn(app, screen)                          # the next autosave fails too: not said again
    frames(app, 2)
    assert app.screen is screen and message_title(app) == "" and screen.match.turn == 3
    # A manual save says what failed, in a window, and the game stays.
    screen.save()
    frames(app, 1)
    dialog = next(w for w in app.manager.get_window_stack().get_full_stack()
                  if getattr(w, "window_display_title", "") == "Save the game")
    dialog.commit()
    frames(app, 1)
    assert message_title(app) == "Not saved"
    text = app.dialog.text_block.html_text
    assert "Could not save tutorial-" in text and "the disk is full" in text and "Errno" not in text
    assert app.screen is screen and errors == []
    assert [p.name for p in app.save_dir.iterdir()] == []      # nothing half-written left behind
