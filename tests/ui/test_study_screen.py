"""The what-if study screen (issue 12 §5): one frame; a short study of the tutorial run to its end behind the window
(A and B's shares, the charts not blank, the heat maps drawn); Cancel stops a study and the window goes on; the
export's folder holds its files and the Markdown's links resolve.  Small studies: a few runs of a few turns."""

from __future__ import annotations

import re
import time
from types import SimpleNamespace

import pygame
import pygame_gui
from ui_app import frames, make_app

from game.ui.screens.menu import MainMenu
from game.ui.screens.study_screen import StudyScreen
from game.ui.study_choices import WhatIf, presets
from game.ui.study_export import FILES


def press(app, button) -> None:
    app.frame([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button)], dt=0.02)


def until(app, done, seconds: float = 60.0) -> float:
    """Run frames until ``done()``; the slowest frame's seconds (the window must keep answering)."""
    end = time.monotonic() + seconds
    slowest = 0.0
    while not done():
        assert time.monotonic() < end, "the study did not finish in time"
        t = time.monotonic()
        app.frame([], dt=0.02)
        slowest = max(slowest, time.monotonic() - t)
        time.sleep(0.02)
    return slowest


def not_blank(surface: pygame.Surface) -> bool:
    return pygame.surfarray.array3d(surface).astype(float).mean(axis=2).std() > 10


def test_one_frame_and_the_menu_opens_it(tmp_path, errors):
    app = make_app(tmp_path)
    app.show(MainMenu(app))
    frames(app)
    press(app, app.screen.buttons["study"])
    screen = app.screen
    assert isinstance(screen, StudyScreen) and screen.sid == "tutorial"
    frames(app)
    # A: the computer decides everything; B: one decision bound; so Run is ready at once.
    assert screen.what_if(0).policies == () and screen.what_if(1).policies
    assert screen.run_button.is_enabled and not screen.cancel_button.is_enabled
    assert not screen.export_button.is_enabled
    # The bare letters A and B say what they are when hovered.
    from pygame_gui.elements import UILabel
    tips = [e.tool_tip_text for e in screen.manager.get_sprite_group().sprites()
            if isinstance(e, UILabel) and e.text in ("A", "B")]
    assert len(tips) == 2 and all(t and t.startswith(("What-if A", "What-if B")) for t in tips)
    assert errors == []


def test_a_short_study_runs_to_its_end_and_is_exported(tmp_path, errors):
    app = make_app(tmp_path)
    screen = app.go("study", scenario="tutorial", runs=4, turns=2)
    frames(app)
    press(app, screen.run_button)
    assert screen.run is not None and not screen.run_button.is_enabled and screen.cancel_button.is_enabled
    slowest = until(app, lambda: screen.run is None or screen.status == "Drawing the maps…")
    assert slowest < 1.0, f"a frame took {slowest:.2f} s while the study ran"
    until(app, lambda: screen.run is None)
    a, b = screen.result.aggregates
    assert a["runs"] == b["runs"] == 4 and a["policies"] == [] and b["policies"] == list(screen.what_ifs[1].policies)
    assert sum(v["runs"] for v in a["outcomes"].values()) == 4
    assert not_blank(screen.outcome_surf) and not_blank(screen.hist_surf)
    assert screen.heat is not None and all(not_blank(h) for h in screen.heat)
    assert "China enters the war" in screen.words.html_text and screen.export_button.is_enabled
    frames(app)
    # A folder that cannot be written is said in words, and the study stays to be exported again.
    blocked = tmp_path / "saves" / "reports"
    blocked.write_text("not a folder")
    press(app, screen.export_button)
    until(app, lambda: screen.export_job is None)
    assert app.dialog is not None and "could not be written" in app.dialog.text_block.html_text
    assert screen.export_button.is_enabled
    blocked.unlink()
    # Export: the files, every link of the Markdown a file of the folder, and a message saying where.
    press(app, screen.export_button)
    until(app, lambda: screen.export_job is None)
    folder = tmp_path / "saves" / "reports" / f"study-tutorial-baseline-vs-{screen.what_ifs[1].slug()}"
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    text = (folder / "summary.md").read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(links) == 4 and all((folder / link).is_file() for link in links)
    assert "| outcome |" in text and "B − A" in text
    for name in FILES[1:]:
        assert not_blank(pygame.image.load(str(folder / name)))
    assert app.dialog is not None and str(folder) in app.dialog.text_block.html_text
    # Another study, cancelled: the last results stay on screen, and can still be exported.
    shown = screen.result
    press(app, screen.run_button)
    press(app, screen.cancel_button)
    until(app, lambda: screen.run is None, 10)
    assert screen.result is shown and screen.export_button.is_enabled and "Korea held" in screen.words.html_text
    assert errors == []


def test_cancel_stops_the_study_and_the_window_goes_on(tmp_path, errors):
    app = make_app(tmp_path)
    screen = app.go("study", scenario="tutorial", runs=20)
    frames(app)
    press(app, screen.run_button)
    run = screen.run
    until(app, lambda: run.done >= 1, 30)
    press(app, screen.cancel_button)
    t = time.monotonic()
    until(app, lambda: screen.run is None, 10)
    assert time.monotonic() - t < 3 and run.state == "cancelled" and run.done < run.total
    assert screen.result is None and screen.status.startswith("Stopped after")
    assert run.wait(5)                                      # the thread that collected the results has ended
    frames(app, 3)
    assert screen.run_button.is_enabled and not screen.cancel_button.is_enabled
    assert errors == []


def test_presets_come_from_a_classroom_section_when_there_is_one():
    def scenario(section):
        return SimpleNamespace(config=SimpleNamespace(extra=(("classroom", section),) if section else ()))
    assert presets(scenario(None)) == []
    got = presets(scenario({"what_ifs": [
        {"title": "What if China holds back?", "policies": ["dprk_prc.intervene=never"]},
        {"title": "One rule", "policy": "un.cross_38th=always"},
        {"title": "Nothing to apply"}]}))
    assert got == [WhatIf("What if China holds back?", ("dprk_prc.intervene=never",)),
                   WhatIf("One rule", ("un.cross_38th=always",))]
    assert got[0].slug() == "intervene-never" and WhatIf("").slug() == "baseline"


def test_the_words_say_when_a_what_if_changed_nothing():
    """A study whose two arms played the same wars says so, instead of asking for more runs."""
    from types import SimpleNamespace

    from game.ui.study_choices import WhatIf
    from game.ui.study_view import words_html
    events = {k: {"runs": 0, "quartiles": None} for k in ("prc_enters", "general_war", "armistice_signed")}
    agg = {"runs": 2, "outcomes": {"last_turn": {"runs": 2}}, "key_events": events, "scores": {},
           "un_share_by_hex": [0.5]}
    same = SimpleNamespace(aggregates=(agg, dict(agg)), korea_held=(0.5, 0.5))
    what_ifs = (WhatIf(""), WhatIf("B", ("dprk_prc.intervene=never",)))
    assert "the same wars in every run" in words_html(same, what_ifs, "Done")
    other = dict(agg, un_share_by_hex=[0.4])
    assert "the same wars" not in words_html(SimpleNamespace(aggregates=(agg, other), korea_held=(0.5, 0.4)),
                                              what_ifs, "Done")
