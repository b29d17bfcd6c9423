"""Saves whose computer memory was forged (checksums made again; issue 10, h10e N1 and N2) opened from the Load
list with a double-click: the game opens rather than crashing to the menu, and pressing P (the computer's plans)
draws the plans the computer made afresh rather than the forgery."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
import pytest
from ui_app import frames, make_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "session"))
from hostile_saves import AGENTS, save_with_agents  # noqa: E402
from test_load_hostile import double_click  # noqa: E402

from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.load_save import BROKEN, LoadScreen  # noqa: E402

#: N1 (the dice) and N2 (the plan), each of which crashed to the menu on opening or on P.
SHOWN = ("N1: dice state -1", "N1: has_uint32 10**30", "N1: uinteger -1", "N2: a reserve of mappings",
         "N2: a reserve that is 7", "N2: a front that is 5", "N2: a NUL in the stance", "N5: an axis at 10**18")


def press(app, key: int) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)], dt=0.02)
    frames(app, 2)


@pytest.mark.timeout(300)
@pytest.mark.parametrize("name", SHOWN)
def test_a_forged_memory_opens_and_the_plans_show(name, tmp_path, errors):
    app = make_app(tmp_path)
    base = save_with_agents(tmp_path)
    make = next(m for n, m, _ in AGENTS if n == name)
    make(tmp_path, base).rename(app.save_dir / "forged.json")
    screen = app.go("load")
    assert isinstance(screen, LoadScreen)
    frames(app)
    [item] = screen.list.item_list
    assert item["object_id"] != BROKEN                 # the position is whole: the save is listed as good
    double_click(app, item)
    assert isinstance(app.screen, GameScreen), app.dialog and app.dialog.text_block.html_text
    assert app.screen.match.active_seat == "un"
    press(app, pygame.K_p)
    assert app.screen.toggles["plans"]
    for _ in range(4):
        app.frame([], dt=0.5)
    assert isinstance(app.screen, GameScreen)
    assert errors == []
