"""The end screen shows the report's charts of the whole war and exports the report (issue 12 §4).

A tutorial played to its end by the computer, headless; the screen replays it in the background, swaps its
hand-drawn charts for the report's, enlarges them, and writes the same report as the command line.
"""

from __future__ import annotations

import time

import pygame
import pygame_gui
import pytest
from ui_app import frames, make_app

from game.report.build import teaching_of, write_report
from game.report.charts import charts_for
from game.report.series import chronicle_of
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.savefile import load_save, write_save
from game.session.simulate import make_agents, play
from game.session.table import Table
from game.ui.screens.end_screen import EndScreen

SPEC = "ai:historical:normal"


@pytest.fixture(scope="module")
def finished():
    sc = load_scenario("tutorial")
    match = Match.start(sc, 4, {s.id: SPEC for s in sc.config.seats})
    play(match, make_agents(match, SPEC, 4))
    assert match.over
    return match


def press(app, button) -> None:
    app.frame([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button)], dt=0.02)


def until(app, done, seconds: float = 90.0) -> None:
    """Run frames until ``done()`` (the screen's background work) or fail after ``seconds``."""
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, "the end screen's background work did not finish"
        app.frame([], dt=0.02)
        time.sleep(0.02)


def test_the_end_screen_shows_the_reports_charts_of_the_whole_war(tmp_path, finished, errors):
    app = make_app(tmp_path)
    screen = EndScreen(app, Table(finished))
    app.show(screen)
    assert screen.charts_source == "log" and screen.charts_drawn >= 5      # drawn by hand until the replay is done
    until(app, lambda: screen.charts_source == "report")
    expected = len(charts_for(screen.war.chronicle))
    assert screen.charts_drawn == expected == 8
    img = pygame.surfarray.array3d(screen.charts_img).astype(float)
    assert img.shape[:2] == screen.charts_rect.size and img.mean(axis=2).std() > 10
    # Enlarged, the charts take the scores' column; and back.
    small = screen.charts_rect.height
    press(app, screen.charts_toggle)
    assert screen.charts_big and not screen.report.visible and screen.charts_rect.height > small * 1.5
    until(app, lambda: screen.charts_source == "report")
    press(app, screen.charts_toggle)
    assert not screen.charts_big and screen.report.visible
    # Back from the final map, the summary does not replay the war again.
    again = EndScreen(app, Table(finished))
    assert again.war.chronicle is screen.war.chronicle and not again.war.busy
    app.show(again)
    until(app, lambda: again.charts_source == "report")
    assert errors == []


def test_a_loaded_game_charts_the_whole_war_not_the_session(tmp_path, finished, errors):
    """A loaded save's log holds nothing of the war before it; the charts are replayed from the record."""
    path = write_save(finished, tmp_path / "done.json")
    match, _doc = load_save(path)
    assert match.log == []
    app = make_app(tmp_path)
    screen = EndScreen(app, Table(match))
    app.show(screen)
    until(app, lambda: screen.charts_source == "report")
    assert screen.charts_drawn == 8
    assert screen.war.chronicle.checksum == finished.checksum()
    assert errors == []


def test_export_writes_the_same_report_as_the_command_line(tmp_path, finished, errors):
    app = make_app(tmp_path)
    screen = EndScreen(app, Table(finished))
    app.show(screen)
    frames(app)
    press(app, screen.export_button)
    assert screen.export_button.text != "Export report"           # it says it is at work, and waits
    until(app, lambda: screen.export.state == "idle")
    (folder,) = (app.save_dir / "reports").iterdir()
    assert folder.name.startswith("tutorial-1950-")
    files = {p.name for p in folder.iterdir()}
    assert {"report.md", "report.pdf", "final-map.png"} <= files and len(files) == 3 + 8
    # The player is told where.
    assert app.dialog is not None and str(folder) in app.dialog.text_block.html_text
    # The command line's report of the same game, byte for byte.
    cli = write_report(chronicle_of(finished), tmp_path / "cli", teaching_of("tutorial"))
    assert cli.markdown.read_bytes() == (folder / "report.md").read_bytes()
    assert cli.pdf.read_bytes() == (folder / "report.pdf").read_bytes()
    assert screen.export_button.text == "Export report"
    assert errors == []


def test_a_game_whose_record_does_not_replay_keeps_its_own_charts_and_says_why(tmp_path, finished, errors):
    path = write_save(finished, tmp_path / "done.json")
    match, _doc = load_save(path)
    match.record.pop()                  # as a save made under other rules: the record no longer reaches the game
    app = make_app(tmp_path)
    screen = EndScreen(app, Table(match))
    app.show(screen)
    until(app, lambda: not screen.war.busy)
    assert screen.charts_source == "log" and "cannot be drawn" in screen.war.problem
    press(app, screen.export_button)
    until(app, lambda: screen.export.state == "idle", 10)
    assert not (app.save_dir / "reports").exists()
    assert app.dialog is not None and "cannot be drawn" in app.dialog.text_block.html_text
    assert errors == []

