"""A projector keeps every control: each screen at every UI scale (100-200%) on three window sizes has every
widget inside the window and no two controls on top of each other (issue 9: at 150% and 200% buttons vanished from
the top bar, the Settings screen overlapped itself, the main menu ran off the bottom)."""

from __future__ import annotations

import os
import warnings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.session.classroom import Classroom  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.session.teaching import PauseHit  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.classroom_screen import ClassroomScreen  # noqa: E402
from game.ui.screens.end_screen import EndScreen  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.handover import HandOver  # noqa: E402
from game.ui.screens.load_save import LoadScreen  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.screens.scenario_choice import ScenarioChoice  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402
from game.ui.screens.settings_screen import SettingsScreen  # noqa: E402
from game.ui.screens.study_screen import StudyScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.top_bar import TOP_BUTTONS  # noqa: E402

SIZES = ((1280, 720), (1600, 900), (1920, 1080))
SCALES = (100, 125, 150, 175, 200)
#: Elements that hold others (their children are checked) or float (tooltips).
HOLDERS = {"UIPanel", "UIScrollingContainer", "UIContainer", "UIWindow", "UITooltip", "UIVerticalScrollBar",
           "UIHorizontalScrollBar"}
#: Controls that must never sit on one another.
CONTROLS = {"UIButton", "UILabel", "UITextEntryLine", "UIDropDownMenu", "UIHorizontalSlider", "UISelectionList",
            "UITextBox"}


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


def screens(app, campaign):
    """(name, make the screen, what to open on it once shown): every screen, and the game's dialogs."""
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    game = lambda: GameScreen(app, Table(match))  # noqa: E731
    nothing = lambda screen: None  # noqa: E731
    return [("main menu", lambda: MainMenu(app), nothing), ("scenario choice", lambda: ScenarioChoice(app), nothing),
            ("seat set-up", lambda: SeatSetup(app, campaign), nothing),
            ("what-if study", lambda: StudyScreen(app, "1950-invasion"), nothing),
            ("settings", lambda: SettingsScreen(app), nothing), ("load", lambda: LoadScreen(app), nothing),
            ("game", game, nothing), ("game's menu", game, lambda screen: screen.open_menu()),
            ("game's keys", game, lambda screen: screen.show_help()),
            ("game's rules", game, lambda screen: screen.show_rules()),
            ("game's decisions", game, lambda screen: screen.show_decisions()),
            ("hand-over", lambda: HandOver(app, Table(match)), nothing),
            ("end screen", lambda: EndScreen(app, Table(match)), nothing)] + classroom_screens(app, campaign)


def classroom_screens(app, campaign):
    """The classroom (issue 12) and each of its windows, over the whole war at its start."""
    def room():
        m = Match.start(campaign, 1, {s.id: "ai:normal" for s in campaign.config.seats})
        return ClassroomScreen(app, Classroom(campaign, Table(m)), intro=False)
    hit = PauseHit(0, 3, campaign.config.calendar.first, "China warns through India.", "Zhou Enlai warned through "
                   "India's ambassador just after midnight on 3 October 1950.", "Why warn through a third country, "
                   "and why might the warning not be believed?", "buffer_state")
    return [("classroom scenario choice", lambda: ScenarioChoice(app, classroom=True), lambda screen: None),
            ("classroom set-up", lambda: SeatSetup(app, campaign, classroom=True), lambda screen: None),
            ("classroom", room, lambda screen: None),
            ("classroom's briefing", room, lambda screen: screen.show_briefing(intro=True)),
            ("classroom's key event", room, lambda screen: screen.show_pause(hit)),
            ("classroom's what-ifs", room, lambda screen: screen.show_what_ifs()),
            ("classroom's sides and fog", room, lambda screen: screen.show_seats()),
            ("classroom's timeline", room, lambda screen: screen.show_timeline()),
            ("classroom's branch question", room, lambda screen: screen.ask_branch())]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", SCALES)
def test_every_screen_keeps_every_control_in_the_window(tmp_path, monkeypatch, campaign, size, scale):
    errors = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: errors.append(exc) or "log")
    app = App(Settings(animation="instant", ui_scale=scale, width=size[0], height=size[1]), tmp_path / "saves",
              size=size, persist_settings=False)
    app.save_dir.mkdir(parents=True, exist_ok=True)
    window = pygame.Rect((0, 0), size)
    bad = []
    for name, make, then in screens(app, campaign):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            screen = make()
            app.show(screen)
            app.frame(dt=0.02)
            then(screen)
            for _ in range(2):
                app.frame(dt=0.02)
        # pygame_gui warns when a label's text does not fit: clipped words on a projector.
        bad += [f"{name}: {w.message}" for w in caught if "too small for text" in str(w.message)]
        sprites = app.manager.get_sprite_group().sprites()
        # What a scrolling list holds beyond its view is clipped there by design (the classroom's what-ifs).
        scrolled = {id(el.scrollable_container) for el in sprites if type(el).__name__ == "UIScrollingContainer"}
        shown = [el for el in sprites
                 if getattr(el, "visible", True) and type(el).__name__ not in HOLDERS
                 and el.rect.width > 1 and el.rect.height > 1 and id(getattr(el, "ui_container", None)) not in scrolled]
        bad += [f"{name}: {type(el).__name__} {getattr(el, 'text', '')!r} at {el.rect} leaves the window"
                for el in shown if not window.contains(el.rect)]
        controls = [el for el in shown if type(el).__name__ in CONTROLS]
        for i, a in enumerate(controls):
            for b in controls[i + 1:]:
                if getattr(a, "ui_container", None) is not getattr(b, "ui_container", None):
                    continue
                overlap = a.rect.clip(b.rect)
                if overlap.width > 2 and overlap.height > 2:
                    bad.append(f"{name}: {type(a).__name__} {getattr(a, 'text', '')!r} {a.rect} overlaps "
                               f"{type(b).__name__} {getattr(b, 'text', '')!r} {b.rect}")
        if name == "game":
            # Every button of the top bar at every size (at 150% Save and Keys used to go), the viewer named, and
            # no gauge's label cut short.
            bad += [f"game: no {key} button" for key, *_ in TOP_BUTTONS if key not in screen.buttons]
            status = screen.status.text + (screen.status2.text if screen.status2 else "")
            if "(you)" not in status and "viewing as" not in status:
                bad.append(f"game: the top bar does not say whom it shows: {status!r}")
            bad += [f"game: gauge label cut: {label!r}" for label in screen.tracks_bar.labels_drawn() if "…" in label]
    assert not bad, "\n".join(bad[:12])
    assert not errors
