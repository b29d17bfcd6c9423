"""The router: its table names every screen, and each way out of a screen leads where it did before.

Screens navigate by name (``app.go``); game/ui/router.py holds the one table.  The import rule
(no screen imports another) is in tests/test_architecture.py.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import importlib  # noqa: E402
import inspect  # noqa: E402
import pkgutil  # noqa: E402

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
import game.ui.screens as screens_package  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.ui import router  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.base import Screen  # noqa: E402
from game.ui.screens.end_screen import EndScreen  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.handover import HandOver  # noqa: E402
from game.ui.screens.load_save import LoadScreen, SaveDialog  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.screens.scenario_choice import ScenarioChoice  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402
from game.ui.screens.settings_screen import SettingsScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SOLO = {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"}
HOT_SEAT = {"dprk_prc": "human", "rok": "ai:normal", "un": "human"}


def classes_defined_in_screens(kind: type) -> set[type]:
    """Every subclass of ``kind`` that a module of game/ui/screens/ defines (not merely imports)."""
    found = set()
    for info in pkgutil.iter_modules(screens_package.__path__):
        module = importlib.import_module(f"{screens_package.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, kind) and cls is not kind:
                found.add(cls)
    return found


def test_the_table_names_every_screen_class():
    screens = classes_defined_in_screens(Screen)
    assert screens, "no screens found: the discovery is broken"
    missing = {cls.__name__ for cls in screens} - {v.__name__ for v in router.SCREENS.values()}
    assert not missing, f"screens the router cannot reach: {sorted(missing)}"
    assert {MainMenu, ScenarioChoice, SeatSetup, SettingsScreen, LoadScreen, GameScreen, HandOver,
            EndScreen} <= screens


def test_the_table_names_every_dialog_class():
    dialogs = classes_defined_in_screens(pygame_gui.elements.UIWindow)
    assert dialogs == set(router.DIALOGS.values()) == {SaveDialog}


def test_every_entry_is_a_screen_class_or_a_factory():
    for name, entry in router.SCREENS.items():
        assert callable(entry), name
        if inspect.isclass(entry):
            assert issubclass(entry, Screen), name
        else:
            assert inspect.signature(entry).return_annotation in (Screen, "Screen"), name


@pytest.fixture
def errors(monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "test-log")
    return seen


@pytest.fixture
def app(tmp_path, errors):
    a = App(Settings(animation="instant"), tmp_path / "saves", size=(1600, 900), persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    yield a
    assert errors == [], [repr(e) for e in errors[:3]]


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


def press(app, button) -> None:
    app.screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button))


def escape(app) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")], dt=0.02)


def test_go_builds_shows_and_returns_the_named_screen(app, campaign):
    screen = app.go("seat_setup", scenario=campaign)
    assert isinstance(screen, SeatSetup) and app.screen is screen and screen.scenario is campaign
    app.frame([], dt=0.02)
    assert app.screen is screen


def test_an_unknown_name_is_an_error_naming_the_known_ones(app):
    with pytest.raises(KeyError, match="no screen named 'nowhere'.*menu"):
        app.go("nowhere")
    with pytest.raises(KeyError, match="no dialog named 'nowhere'.*save"):
        app.open_dialog("nowhere")


def test_menu_buttons(app):
    for key, kind in (("new", ScenarioChoice), ("load", LoadScreen), ("settings", SettingsScreen)):
        app.go("menu")
        press(app, app.screen.buttons[key])
        assert type(app.screen) is kind, key
    app.go("menu")
    press(app, app.screen.buttons["quit"])
    assert not app.running


def test_scenario_choice_and_seat_setup(app, campaign):
    app.go("scenario_choice")
    press(app, app.screen.back)
    assert type(app.screen) is MainMenu
    choice = app.go("scenario_choice")
    escape(app)
    assert type(app.screen) is MainMenu
    app.show(choice)
    choice.chosen = "1950-invasion"
    press(app, choice.next)
    assert type(app.screen) is SeatSetup and app.screen.scenario.title == campaign.title
    press(app, app.screen.back)
    assert type(app.screen) is ScenarioChoice
    app.go("seat_setup", scenario=campaign)
    escape(app)
    assert type(app.screen) is ScenarioChoice


def test_seat_setup_starts_the_match(app, campaign):
    setup = app.go("seat_setup", scenario=campaign)
    for seat, controller in {"dprk_prc": "ai:historical:normal", "rok": "ai:cautious:easy", "un": "human"}.items():
        setup.set_choice(seat, controller)
    setup.seed_entry.set_text("77")
    setup.begin()
    assert type(app.screen) is GameScreen
    assert app.screen.match.seed == 77
    assert app.screen.match.seats == {"dprk_prc": "ai:historical:normal", "rok": "ai:cautious:easy", "un": "human"}


def test_load_and_settings_go_back_to_the_menu(app):
    app.go("load")
    press(app, app.screen.back)
    assert type(app.screen) is MainMenu
    app.go("load")
    escape(app)
    assert type(app.screen) is MainMenu
    app.go("settings")
    press(app, app.screen.back)
    assert type(app.screen) is MainMenu
    app.go("settings")
    escape(app)
    assert type(app.screen) is MainMenu


def test_the_match_screen_depends_on_the_seats_and_the_save(app, campaign):
    solo = app.go("match", match=Match.start(campaign, 1, SOLO))
    assert type(solo) is GameScreen and solo.table.autosaver.folder == app.save_dir
    at_handover = app.go("match", match=Match.start(campaign, 1, SOLO), at_handover=True)
    assert type(at_handover) is HandOver and at_handover.table.viewer is None
    hot_seat = app.go("match", match=Match.start(campaign, 1, HOT_SEAT))
    assert type(hot_seat) is HandOver and hot_seat.table.viewer is None


def test_game_screen_menu(app, campaign):
    game = app.go("game", table=Table(Match.start(campaign, 1, SOLO)))
    game.menu_choice("settings")
    settings = app.screen
    assert type(settings) is SettingsScreen and settings.back_to is game
    press(app, settings.back)
    assert app.screen is game                   # back to the same game, not a new one
    game.menu_choice("load")
    assert type(app.screen) is LoadScreen
    app.show(game)
    game.menu_choice("quit")
    assert type(app.screen) is MainMenu
    app.show(game)
    game.menu_choice("save")
    assert any(isinstance(w, SaveDialog) for w in app.manager.get_sprite_group().sprites())
    assert app.screen is game


def test_handover_and_end_screen(app, campaign):
    table = Table(Match.start(campaign, 1, HOT_SEAT))
    handover = app.go("handover", table=table)
    handover.proceed()
    assert type(app.screen) is GameScreen and app.screen.table is table
    app.go("handover", table=table)
    press(app, app.screen.menu)
    assert type(app.screen) is MainMenu
    app.go("handover", table=table)
    press(app, app.screen.save)
    assert any(isinstance(w, SaveDialog) for w in app.manager.get_sprite_group().sprites())
    assert type(app.screen) is HandOver

    end = app.go("end", table=table)
    press(app, end.back)
    assert type(app.screen) is GameScreen and app.screen.table is table
    app.go("end", table=table)
    press(app, app.screen.menu)
    assert type(app.screen) is MainMenu


def test_an_error_in_a_frame_recovers_to_the_menu(app, errors):
    class Broken(MainMenu):
        def update(self, dt):
            raise RuntimeError("boom")

    app.show(Broken(app))
    app.frame([], dt=0.02)
    assert type(app.screen) is MainMenu and len(errors) == 1
    errors.clear()
