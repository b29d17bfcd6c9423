"""When things go wrong in the desktop game, and settings that outlive the window."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
import game.ui.screens.scenario_choice as choice_module  # noqa: E402
from game.scenario.problems import Problem  # noqa: E402
from game.session.catalog import ScenarioError  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.screens.scenario_choice import ScenarioChoice  # noqa: E402
from game.ui.settings import Settings, load_settings, save_settings  # noqa: E402


@pytest.fixture
def logged(monkeypatch):
    seen = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "log-file")
    return seen


@pytest.fixture
def app(tmp_path, logged):
    a = App(Settings(), tmp_path / "saves", size=(1280, 720), persist_settings=False)
    a.save_dir.mkdir(parents=True)
    return a


def test_broken_scenario_shows_its_problems_and_cannot_start(app, monkeypatch):
    problems = [Problem("scenarios/bad.yaml", 12, "units[3].seat", "unknown seat 'uk'"),
                Problem("scenarios/bad.yaml", 40, "calendar", "missing 'start'")]

    def load(sid):
        raise ScenarioError(problems)

    monkeypatch.setattr(choice_module, "scenario_ids", lambda: ["bad"])
    monkeypatch.setattr(choice_module, "load_scenario", load)
    screen = ScenarioChoice(app)
    app.show(screen)
    app.frame([], dt=0.02)
    assert "bad.yaml:12" in screen.text.html_text and "units[3].seat" in screen.text.html_text
    assert not screen.next.is_enabled
    label = screen.list.item_list[0]["text"]
    assert "has errors" in label


def test_unexpected_error_is_logged_and_the_menu_returns(app, logged):
    class Broken(MainMenu):
        def update(self, dt):
            raise RuntimeError("boom")

    app.show(Broken(app))
    app.frame([], dt=0.02)
    assert len(logged) == 1 and isinstance(logged[0], RuntimeError)
    assert type(app.screen) is MainMenu
    assert app.dialog is not None          # "Something went wrong ... last autosave"


def test_resizing_relays_the_screen(app):
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    app.go("match", match=Match.start(load_scenario("1950-invasion"), 1, {"dprk_prc": "ai:normal",
                                                                          "rok": "ai:normal", "un": "human"}))
    app.frame([], dt=0.02)
    width_before = app.screen.map_rect.width
    app.frame([pygame.event.Event(pygame.VIDEORESIZE, w=1600, h=900, size=(1600, 900))], dt=0.02)
    assert app.size == (1600, 900)
    assert app.screen.map_rect.width > width_before
    assert app.screen.mapview.rect == app.screen.map_rect
    # Made smaller than the screens are laid out for, the window grows back to that size (nothing cut off).
    app.frame([pygame.event.Event(pygame.VIDEORESIZE, w=640, h=400, size=(640, 400))], dt=0.02)
    assert app.size == (800, 560) and pygame.display.get_surface().get_size() == (800, 560)
    assert app.screen.mapview.rect == app.screen.map_rect


def test_settings_are_remembered(tmp_path):
    path = tmp_path / "settings.json"
    s = Settings(fullscreen=False, width=1920, height=1080, ui_scale=150, colourblind=True, animation="fast",
                 sound=False)
    save_settings(s, path)
    again = load_settings(path)
    assert again == s
    path.write_text("not json at all")
    assert load_settings(path) == Settings()
    path.write_text('{"ui_scale": 900, "animation": "warp"}')
    clamped = load_settings(path)
    assert clamped.ui_scale == 200 and clamped.animation == "normal"


def test_no_sound_device_means_no_mixer_and_no_noise(monkeypatch, tmp_path):
    """On a machine without sound the mixer is never opened (SDL's ALSA attempt prints errors on the terminal)."""
    import game.ui.sound as sound
    monkeypatch.delenv("SDL_AUDIODRIVER", raising=False)
    monkeypatch.delenv("PULSE_SERVER", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))          # no sound server's socket in it
    monkeypatch.setattr(sound.sys, "platform", "linux")
    monkeypatch.setattr(sound, "SOUND_DEVICES", tmp_path / "snd")
    assert not sound.audio_device_available()
    (tmp_path / "snd").mkdir()
    (tmp_path / "snd" / "controlC0").touch()                       # a card without a playback device
    assert not sound.audio_device_available()
    (tmp_path / "snd" / "pcmC0D0p").touch()
    assert sound.audio_device_available()
    (tmp_path / "snd" / "pcmC0D0p").unlink()
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    assert sound.audio_device_available()
    (tmp_path / "pulse" / "native").unlink()
    opened = []
    monkeypatch.setattr(sound.pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(sound.pygame.mixer, "init", lambda *a, **k: opened.append(1))
    sound.Sounds(True).play("select")
    assert opened == []


def test_playing_a_sound_prints_nothing_on_the_terminal():
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    code = "from game.ui.sound import Sounds; s = Sounds(True); s.play('select'); s.play('turn')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "ALSA" not in done.stderr and done.stderr.strip() == ""


def test_the_load_list_names_sides_and_says_the_date_once(tmp_path):
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.savefile import write_save
    from game.session.savelist import save_info
    from game.ui.screens.load_save import describe
    match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
    row = describe(save_info(write_save(match, tmp_path / "a.json", label="tutorial 1950-10-01 turn 1")))
    assert "solo as UN Command" in row and "solo: " not in row
    assert "dprk_prc" not in row and row.count("1950") == 1 and "01 October 1950" in row
    named = describe(save_info(write_save(match, tmp_path / "b.json", label="Before the Yalu")))
    assert named.startswith("Before the Yalu — ")
    auto = describe(save_info(write_save(match, tmp_path / "autosave-x.json", label="Autosave, turn 1")))
    assert auto.startswith("AUTOSAVE — ") and auto.count("turn 1") == 1


def test_settings_hold_every_field_to_its_type(tmp_path, caplog):
    """Text for true/false ("no" is true to Python) falls back to the field's default, with a warning naming the
    file and the field; the other fields keep their values (issue 10, F5)."""
    path = tmp_path / "settings.json"
    path.write_text('{"fullscreen": "no", "sound": "false", "hex_grid": 0, "animation": "fast", "width": "wide", '
                    '"height": 1e999, "minimap": null, "colourblind": true, "ui_scale": 150.0}')
    with caplog.at_level("WARNING", logger="armistice.settings"):
        s = load_settings(path)
    assert s.fullscreen is False and s.sound is True and s.hex_grid is True and s.minimap is True
    assert s.width == 1600 and s.height == 900
    assert s.animation == "fast" and s.colourblind is True and s.ui_scale == 150
    text = caplog.text
    for field in ("fullscreen", "sound", "hex_grid", "width", "minimap"):
        assert f"{path}: {field}: " in text, text
    assert '"no" is not true or false' in text


def test_settings_written_with_a_byte_order_mark_are_read(tmp_path):
    # A settings file saved by an editor as "UTF-8 with BOM" used to fall back to every default without a word.
    path = tmp_path / "settings.json"
    path.write_text('{"ui_scale": 150, "sound": false}', encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    got = load_settings(path)
    assert got.ui_scale == 150 and got.sound is False
