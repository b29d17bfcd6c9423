"""The scenario chooser over a scenarios folder of real hostile files: it lists, shows and refuses each without
hanging or crashing, and the good scenario beside them stays playable (issue 10, sections 1 and 2).

No loader is patched: the folder holds a pipe, a directory and a link to /dev/zero named ``*.yaml`` (left out
of the list), a 94 MB file, an alias bomb, a million-character title (it froze the chooser for over a minute)
and a NUL in a title (the font renderer refused it: New game failed every time).
"""

from __future__ import annotations

import os

import pytest
from ui_app import frames, make_app

import game.scenario.loader as loader
from game.paths import SCENARIOS_DIR
from game.ui.screens.scenario_choice import ScenarioChoice

TUTORIAL = (SCENARIOS_DIR / "tutorial.yaml").read_text(encoding="utf-8")
TITLE = 'title: "Tutorial: Across the Parallel"'

#: scenario id -> what its page must say.
BROKEN = {
    "oversized": "is 94 MB; the limit is 2.0 MB",
    "bomb": "refused: the file expands to more than 50000 values",
    "long-title": "meta.title: expected text of at most 120 characters; got 1000000 characters",
    "nul-title": "meta.title: expected text without control characters; got a NUL character (U+0000)",
}


def hostile_folder(folder) -> None:
    (folder / "tutorial.yaml").write_text(TUTORIAL, encoding="utf-8")
    with open(folder / "oversized.yaml", "wb") as fh:
        fh.truncate(94 * 1024 * 1024)
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (folder / "bomb.yaml").write_text("\n".join(bomb) + "\n", encoding="utf-8")
    for sid, title in (("long-title", "T" * 1_000_000), ("nul-title", "Tutorial\\0")):
        text = TUTORIAL.replace(TITLE, f'title: "{title}"').replace("id: tutorial", f"id: {sid}", 1)
        (folder / f"{sid}.yaml").write_text(text, encoding="utf-8")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "folder.yaml").mkdir()
    (folder / "zero.yaml").symlink_to("/dev/zero")


@pytest.mark.timeout(120)
def test_the_chooser_survives_a_folder_of_hostile_files(tmp_path, monkeypatch, errors):
    folder = tmp_path / "scenarios"
    folder.mkdir()
    hostile_folder(folder)
    monkeypatch.setattr(loader, "SCENARIOS_DIR", folder)
    app = make_app(tmp_path)
    screen = ScenarioChoice(app)
    app.show(screen)
    frames(app)
    assert screen.ids[0] == "tutorial" and sorted(screen.ids[1:]) == sorted(BROKEN)
    labels = [item["text"] for item in screen.list.item_list]
    assert labels[0].startswith("Tutorial") and all(f"{sid} (has errors)" in labels for sid in BROKEN)
    for sid, reason in BROKEN.items():
        screen.chosen = sid
        screen.show_chosen()
        frames(app)
        assert reason in screen.text.html_text and not screen.next.is_enabled, sid
    screen.chosen = "tutorial"
    screen.show_chosen()
    frames(app)
    assert screen.next.is_enabled
    assert errors == []
