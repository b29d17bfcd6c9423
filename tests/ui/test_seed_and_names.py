"""Hostile input the load list and seat set-up meet from outside the save's content (issue 10, new variants):
a file name that is not UTF-8, and a seed too long for a save."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from ui_app import frames, make_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "session"))
from hostile_saves import good_save  # noqa: E402

from game.session.savefile import load_save  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.seat_setup import SEED_DIGITS  # noqa: E402


@pytest.mark.timeout(60)
def test_file_names_that_are_not_utf8_are_listed_legibly(tmp_path, errors):
    app = make_app(tmp_path)
    folder = os.fsencode(str(app.save_dir))
    with open(folder + b"/\xff\xfe.json", "wb") as fh:           # not a save, and a name no font can draw
        fh.write(b"{")
    good = good_save(app.save_dir)
    os.rename(good, folder + b"/partie-\xe9t\xe9.json")         # a good save named in Latin-1
    screen = app.go("load")
    frames(app)
    rows = [item["text"] for item in screen.list.item_list]
    assert len(rows) == 2 and errors == []
    assert rows[1].startswith("CANNOT BE LOADED — \ufffd\ufffd.json: not a readable save")
    assert rows[0].startswith("A good game — ")
    match, _ = load_save(screen.infos[0].path)
    assert match.turn == 1


@pytest.mark.timeout(120)
def test_the_seed_entry_takes_only_seeds_a_save_can_carry(tmp_path, errors):
    from game.scenario.loader import load_scenario
    app = make_app(tmp_path)
    setup = app.go("seat_setup", scenario=load_scenario("tutorial"))
    frames(app)
    with pytest.warns(UserWarning, match="too long"):
        setup.seed_entry.set_text("9" * 5000)                    # pasted: refused by the entry's limit
    setup.seed_entry.set_text("9" * SEED_DIGITS)
    frames(app)
    setup.begin()
    frames(app)
    assert isinstance(app.screen, GameScreen) and errors == []
    match = app.screen.match
    assert match.seed == int("9" * SEED_DIGITS)
    from game.session.savefile import write_save
    loaded, _ = load_save(write_save(match, app.save_dir / "big-seed.json"))
    assert loaded.seed == match.seed
