"""The load list with real broken files beside good saves: each broken file is a greyed row with its reason,
opening it says why and what to do, and every good save still loads (issue 10)."""

from __future__ import annotations

import sys
from pathlib import Path

import pygame
import pytest
from ui_app import frames, make_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "session"))
from hostile_saves import CASES, good_save  # noqa: E402

from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.load_save import BROKEN, LoadScreen  # noqa: E402

#: One hostile file of each kind the load list meets (the session tests hold the whole corpus).
SHOWN = ("5000-digit seed", "100,000 nested arrays", "non-numeric summary.turn", "a save claiming turn 99",
         "a FIFO", "a directory named x.json", "a link to /dev/zero", "a 94 MB file")


def hostile_folder(app) -> tuple[Path, list[str]]:
    """The app's saves folder: a good save, and each SHOWN case's file renamed after its case."""
    good = good_save(app.save_dir)
    names = []
    for k, case in enumerate(c for c in CASES if c.name in SHOWN):
        scratch = app.save_dir.parent / f"scratch{k}"
        scratch.mkdir()
        made = case.make(scratch, good)
        name = f"bad{k}-{made.name}"
        made.rename(app.save_dir / name)
        names.append(name)
    return good, names


def row(screen: LoadScreen, fragment: str) -> dict:
    return next(item for item in screen.list.item_list if fragment in item["text"])


def double_click(app, item: dict) -> None:
    """Double-click a row of the list, as a player does."""
    button = item["button_element"]
    assert button is not None, "the row is not on screen"
    for _ in range(2):
        for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            app.frame([pygame.event.Event(kind, pos=button.rect.center, button=1)], dt=0.02)
    for _ in range(4):
        app.frame(pygame.event.get(), dt=0.02)


@pytest.mark.timeout(120)
def test_broken_files_are_greyed_rows_with_reasons_and_the_good_save_loads(tmp_path, errors):
    app = make_app(tmp_path)
    good, names = hostile_folder(app)
    screen = app.go("load")
    assert isinstance(screen, LoadScreen)
    frames(app)
    rows = [item["text"] for item in screen.list.item_list]
    assert len(rows) == 1 + len(names)
    assert rows[0].startswith("A good game — ")
    for name in names:
        item = row(screen, name)
        assert item["object_id"] == BROKEN and item["text"].startswith(f"CANNOT BE LOADED — {name}: ")
    assert "seed: a number 5000 digits long" in row(screen, "bad0")["text"]
    assert "is a directory" in row(screen, "x.json")["text"]
    # A greyed row, opened: the file, the field, the problem, and advice the player can follow.
    double_click(app, row(screen, "raw.json"))
    assert app.dialog is not None and app.screen is screen
    text = app.dialog.text_block.html_text
    assert "bad0-raw.json: seed: a number 5000 digits long" in text
    assert "every other save in the list loads" in text and str(app.save_dir) in text
    assert "Errno" not in text and "Traceback" not in text
    app.dialog.kill()
    frames(app)
    # The good save loads.
    double_click(app, row(screen, "A good game"))
    assert isinstance(app.screen, GameScreen) and app.screen.match.turn == 1
    assert errors == []
    assert good.exists() and all((app.save_dir / n).exists() or (app.save_dir / n).is_symlink() for n in names)


@pytest.mark.timeout(60)
def test_a_save_refused_only_when_opened_says_why_and_the_list_stays(tmp_path, errors):
    app = make_app(tmp_path)
    good = good_save(app.save_dir)
    forged = next(c for c in CASES if c.name == "an action that is a number")
    forged.make(tmp_path, good).rename(app.save_dir / "forged.json")
    screen = app.go("load")
    frames(app)
    forged_row = next(i for i, info in zip(screen.list.item_list, screen.infos) if info.path.name == "forged.json")
    double_click(app, forged_row)
    assert app.screen is screen and app.dialog is not None
    text = app.dialog.text_block.html_text
    assert "forged.json: actions: the record holds something that is not an action the game knows" in text
    assert errors == []
    app.dialog.kill()
    double_click(app, next(i for i, info in zip(screen.list.item_list, screen.infos) if info.path == good))
    assert isinstance(app.screen, GameScreen)


#: Forged snapshots (checksums made again) that used to open and then crash the game screen to the menu.
FORGED_SHOWN = ("forged: a hex off the board", "forged: location 5", "forged: control 5", "forged: holder -1",
                "forged: an arrival at the end of time", "forged: 127 steps", "forged: outcome foo",
                "forged: no dug_in, and location 0.5")


@pytest.mark.timeout(120)
def test_forged_snapshots_are_greyed_and_a_forged_record_is_refused_when_opened(tmp_path, errors):
    app = make_app(tmp_path)
    good = good_save(app.save_dir)
    cases = [c for c in CASES if c.name in FORGED_SHOWN]
    assert len(cases) == len(FORGED_SHOWN)
    for k, case in enumerate(cases):
        scratch = tmp_path / f"scratch{k}"
        scratch.mkdir()
        case.make(scratch, good).rename(app.save_dir / f"forged{k}.json")
    record = next(c for c in CASES if c.name.startswith("forged: 200,000 ends of phase"))
    (tmp_path / "rec").mkdir()
    record.make(tmp_path / "rec", good).rename(app.save_dir / "record.json")
    screen = app.go("load")
    frames(app)
    for k, case in enumerate(cases):
        item = row(screen, f"forged{k}.json")
        assert item["object_id"] == BROKEN, case.name
        assert all(words in item["text"] for words in case.words), (case.name, item["text"])
    double_click(app, row(screen, "forged0.json"))           # a greyed row says why, and the list stays
    assert app.screen is screen and app.dialog is not None
    assert "forged0.json: snapshot.hex[0]" in app.dialog.text_block.html_text
    app.dialog.kill()
    frames(app)
    # The record's forgery shows only when opened: a dialog, never the game screen and never the menu.
    forged_row = next(i for i, info in zip(screen.list.item_list, screen.infos) if info.path.name == "record.json")
    double_click(app, forged_row)
    assert app.screen is screen and app.dialog is not None
    assert "record.json: actions: the record holds 200000 actions" in app.dialog.text_block.html_text
    app.dialog.kill()
    frames(app)
    double_click(app, next(i for i, info in zip(screen.list.item_list, screen.infos) if info.path == good))
    assert isinstance(app.screen, GameScreen) and app.screen.match.turn == 1
    for _ in range(5):
        app.frame([], dt=0.5)
    assert isinstance(app.screen, GameScreen)
    assert errors == []
