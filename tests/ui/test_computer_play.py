"""Playing against the computer in the window: seat set-up, the plan overlay and who may see it, the
computer's turn (reasons in the log, moves sliding, Space to hurry) and saving in the middle of it.

Headless (SDL's dummy driver); the app's loop is driven one frame at a time.
"""

from __future__ import annotations

import os
import warnings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
from game.engine.api import EndPhase, Phase  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.game_windows import KEYS_HELP  # noqa: E402
from game.ui.map_plan import front_links, plans_to_draw  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.load_save import LoadScreen, SaveDialog  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SOLO = {"dprk_prc": "ai:historical:normal", "rok": "ai:cautious:normal", "un": "human"}


@pytest.fixture
def errors(monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "test-log")
    return seen


def make_app(tmp_path, size=(1600, 900), scale=100, animation="instant") -> App:
    a = App(Settings(animation=animation, ui_scale=scale), tmp_path / "saves", size=size, persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    return a


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


def frames(app, n=1, dt=0.02):
    for _ in range(n):
        app.frame(pygame.event.get(), dt=dt)


def key(app, k, unicode=""):
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode)], dt=0.02)


def click(app, rect):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        app.frame([pygame.event.Event(kind, pos=rect.center, button=1)], dt=0.02)
    frames(app, 4)          # pygame_gui's answers take a few frames (a list's selection, then its drop-down's)


def until(app, test, limit=3000, dt=0.02):
    for _ in range(limit):
        if test():
            return True
        frames(app, 1, dt)
    return test()


# -- seat set-up ------------------------------------------------------------------------------------------
def test_seat_setup_makes_personality_and_difficulty_controllers(tmp_path, campaign, errors):
    app = make_app(tmp_path)
    setup = app.go("seat_setup", scenario=campaign)
    assert isinstance(setup, SeatSetup)
    frames(app)
    # Solo by default: the UN human, the others the historical computer at normal.
    assert setup.seats() == {"dprk_prc": "ai:historical:normal", "rok": "ai:historical:normal", "un": "human"}
    assert not setup.level_menus["un"].visible and setup.level_menus["rok"].visible
    # Click the UN's drop-down open and pick the cautious computer: its difficulty drop-down appears.
    click(app, setup.who_menus["un"].rect)
    options = setup.who_menus["un"].current_state.options_selection_list
    assert [i["text"] for i in options.item_list] == ["Human", "Computer: historical", "Computer: aggressive",
                                                       "Computer: cautious"]
    item = next(i for i in options.item_list if i["text"] == "Computer: cautious")
    click(app, item["button_element"].rect)
    assert setup.seats()["un"] == "ai:cautious:normal"
    assert setup.level_menus["un"].visible
    # Drop-down choices as pygame_gui reports them.
    for menu, text in ((setup.level_menus["un"], "Hard"), (setup.who_menus["dprk_prc"], "Computer: aggressive"),
                       (setup.level_menus["dprk_prc"], "Easy"), (setup.who_menus["rok"], "Human")):
        setup.on_ui(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text=text, ui_element=menu))
    assert setup.seats() == {"dprk_prc": "ai:aggressive:easy", "rok": "human", "un": "ai:cautious:hard"}
    assert not setup.level_menus["rok"].visible
    # Back to a computer: the difficulty it had is kept.
    setup.on_ui(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text="Computer: historical",
                                   ui_element=setup.who_menus["rok"]))
    assert setup.seats()["rok"] == "ai:historical:normal"
    setup.seed_entry.set_text("31")
    setup.begin()
    match = app.screen.match
    assert match.seats == {"dprk_prc": "ai:aggressive:easy", "rok": "ai:historical:normal", "un": "ai:cautious:hard"}
    assert match.seed == 31
    names = {seat: agent.name for seat, agent in app.screen.table.ai.agents.items()}
    assert names == {"dprk_prc": "ai:aggressive:easy", "rok": "ai:historical:normal", "un": "ai:cautious:hard"}
    assert errors == []


@pytest.mark.parametrize("size,scale", [((1280, 720), 100), ((1600, 900), 150), ((1280, 720), 200),
                                        ((1024, 640), 200), ((1920, 1080), 200)])
def test_seat_setup_fits_the_window(tmp_path, campaign, errors, size, scale):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app = make_app(tmp_path, size, scale)
        setup = app.go("seat_setup", scenario=campaign)
        for seat in ("dprk_prc", "rok", "un"):
            setup.set_choice(seat, "ai:aggressive:normal")     # the widest choice everywhere
        frames(app)
    too_small = [str(w.message) for w in caught if "too small" in str(w.message)]
    assert not too_small, too_small
    window = pygame.Rect((0, 0), size)
    widgets = [*setup.labels.values(), *setup.who_menus.values(), *setup.level_menus.values(), setup.seed_entry,
               setup.back, setup.start]
    for wdg in widgets:
        assert window.contains(wdg.rect), f"{wdg} at {wdg.rect} is outside the {size} window"
    for a in range(len(widgets)):
        for b in range(a + 1, len(widgets)):
            assert not widgets[a].rect.colliderect(widgets[b].rect), (widgets[a], widgets[b])
    if setup.notes is not None:
        assert window.contains(setup.notes.rect)
        assert all(not setup.notes.rect.colliderect(w.rect) for w in widgets)
    assert errors == []


def test_seat_setup_starts_from_the_scenarios_temper(tmp_path, errors):
    app = make_app(tmp_path)
    scenario = load_scenario("macarthur-unleashed")          # its 'ai' section: the UN aggressive
    setup = app.go("seat_setup", scenario=scenario)
    frames(app)
    assert "computer plays the UN Command aggressive" in setup.notes.html_text
    match = Match.start(scenario, 1, {"dprk_prc": "ai:hard", "rok": "ai:cautious:easy", "un": "ai:normal"})
    names = {seat: agent.name for seat, agent in Table(match).ai.agents.items()}
    # What the player leaves out comes from the scenario; what the player names wins.
    assert names == {"dprk_prc": "ai:historical:hard", "rok": "ai:cautious:easy", "un": "ai:aggressive:normal"}
    assert errors == []


# -- who may see a plan -----------------------------------------------------------------------------------
def test_plans_visible_to_the_own_side_and_to_everyone_after_the_war(tutorial):
    match = Match.start(tutorial, 3, {"dprk_prc": "ai:historical:normal", "rok": "ai:historical:normal",
                                      "un": "human"})
    table = Table(match)
    while table.step_ai():
        pass
    assert set(table.ai.plans()) == {"dprk_prc", "rok"}      # both have planned a movement phase
    assert table.viewer == "un"
    assert table.may_see_plan("rok") and not table.may_see_plan("dprk_prc")
    plans = table.visible_plans()
    assert set(plans) == {"rok"}
    rok = plans["rok"]
    assert {"stance", "front", "reserve", "axis", "landing", "reserve_at"} <= set(rok)
    units = table.view().units
    assert len(rok["reserve_at"]) == sum(1 for uid in rok["reserve"]
                                         if units[uid].hex is not None and units[uid].location.value == "map")
    # A classroom shows every plan; a hand-over shows none.
    table.classroom = True
    assert set(table.visible_plans()) == {"dprk_prc", "rok"}
    table.classroom = False
    table.viewer = None
    assert table.visible_plans() == {}
    # Played to its end by the computer: every plan may be read.
    match.seats["un"] = "ai:historical:normal"
    ended = Table(match)
    while ended.step_ai():
        pass
    assert match.over
    assert set(ended.visible_plans()) == {"dprk_prc", "rok", "un"}
    kpa = ended.visible_plans()["dprk_prc"]
    units = match.reveal().units
    # Its reserve is drawn where those units stand now (one lost since the plan was made is not drawn).
    assert len(kpa["reserve_at"]) == sum(1 for uid in kpa["reserve"]
                                         if units[uid].hex is not None and units[uid].location.value == "map")


def test_hot_seat_never_shows_the_enemy_computer(tutorial):
    match = Match.start(tutorial, 4, {"dprk_prc": "human", "rok": "ai:historical:normal", "un": "human"})
    table = Table(match)
    # The DPRK human plays its turn (ends its phases), then the ROK computer moves.
    while not match.over and match.turn == 1 and match.active_seat == "dprk_prc":
        table.submit(EndPhase())
    while table.step_ai():
        pass
    assert "rok" in table.ai.plans()
    table.viewer = "dprk_prc"
    assert table.visible_plans() == {}
    table.viewer = "un"
    assert set(table.visible_plans()) == {"rok"}


def test_front_links_make_a_line_not_a_mesh():
    from game.engine.hexes import Hex
    band = (Hex(0, 0), Hex(1, 0), Hex(2, 0), Hex(0, 1), Hex(1, 1), Hex(5, 5))   # two rows and a lone hex
    links = front_links(band)
    assert len(links) == 4                               # a spanning tree of the 5 joined hexes
    assert all(a.distance(b) == 1 for a, b in links)


# -- the overlay on the map ----------------------------------------------------------------------------------
def test_plan_overlay_toggles_and_draws(tmp_path, campaign, errors):
    app = make_app(tmp_path)
    match = Match.start(campaign, 5, SOLO)
    app.go("match", match=match)
    screen = app.screen
    until(app, lambda: screen.my_turn)                   # the computer plays DPRK and ROK first
    assert "rok" in screen.table.visible_plans()
    assert any(k == "P" for k, _ in KEYS_HELP)
    shown = plans_to_draw(screen.table.visible_plans(), match.config)
    rok = shown[0]
    assert rok.seat == "rok" and rok.front
    lay = screen.mapview.layout
    lay.zoom_to(lay.scale * 1.5)
    link = front_links(rok.front)[0]
    lay.center_on_hex(link[0])
    frames(app, 3)
    x0, y0 = lay.hex_to_pixel(link[0])
    x1, y1 = lay.hex_to_pixel(link[1])
    mid = (int(screen.map_rect.x + (x0 + x1) / 2), int(screen.map_rect.y + (y0 + y1) / 2))
    area = pygame.Rect(0, 0, 40, 40)
    area.center = mid
    before = pygame.surfarray.array3d(app.window.subsurface(area)).copy()
    key(app, pygame.K_p, "p")
    assert screen.toggles["plans"] and screen.mapview.plans
    frames(app, 2)
    after = pygame.surfarray.array3d(app.window.subsurface(area))
    assert (np.abs(after.astype(int) - before.astype(int)).sum(axis=2) > 60).sum() > 50, \
        "the plan's line is not drawn between two front hexes"
    colour = np.array(rok.colour)
    assert (np.abs(after.reshape(-1, 3).astype(int) - colour).sum(axis=1) < 60).any(), "no plan colour there"
    # The Overlays window has the entry, and it toggles the plans off.
    screen.show_overlay_menu()
    frames(app, 1)
    button = next(b for b in app.manager.get_sprite_group().sprites() if getattr(b, "overlay_key", "") == "plans")
    click(app, button.rect)
    assert not screen.toggles["plans"] and not screen.mapview.plans
    assert errors == []


def test_enemy_plans_hidden_until_the_end_then_shown_on_the_final_map(tmp_path, tutorial, errors):
    app = make_app(tmp_path)
    match = Match.start(tutorial, 6, {"dprk_prc": "ai:historical:normal", "rok": "human", "un": "human"})
    app.go("match", match=match)
    screen = app.screen
    until(app, lambda: screen.my_turn)
    screen.toggle("plans")
    assert screen.toggles["plans"] and not screen.mapview.plans
    assert "when the war is over" in screen.notice
    # The war ends (the humans pass every phase); the final map shows the enemy's plan.
    while not match.over:
        if screen.table.active_is_human:
            screen.table.submit(EndPhase())
        else:
            screen.table.step_ai()
    app.go("end", table=screen.table)
    frames(app)
    press = pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=app.screen.back)
    app.screen.on_ui(press)
    final = app.screen
    assert isinstance(final, GameScreen) and match.over
    key(app, pygame.K_p, "p")
    assert final.toggles["plans"] and [p.seat for p in final.mapview.plans] == ["dprk_prc"]
    frames(app, 2)
    assert errors == []


# -- the computer's turn ---------------------------------------------------------------------------------------
def test_reasons_in_the_log_of_the_own_side_only(tmp_path, campaign, errors):
    app = make_app(tmp_path)
    match = Match.start(campaign, 7, SOLO)
    app.go("match", match=match)
    screen = app.screen
    until(app, lambda: screen.my_turn)
    mine = [e for e in screen.table.entries() if e.event.kind == "AIReasoned"]
    assert mine and {e.event.seat for e in mine} == {"rok"}         # the ally's reasons, never the enemy's
    assert match.reasons
    assert "Republic of Korea (computer):" in screen.log_box.html_text
    dprk = [e for e in screen.table.logs.entries["dprk_prc"] if e.event.kind == "AIReasoned"]
    assert {e.event.seat for e in dprk} == {"dprk_prc"}
    assert errors == []


def test_computer_moves_slide_and_space_hurries_the_turn(tmp_path, campaign, errors):
    app = make_app(tmp_path, animation="slow")
    match = Match.start(campaign, 8, SOLO)
    app.go("match", match=match)
    screen = app.screen
    # The ROK (an ally: the viewer sees its moves whole) moves a unit: it slides on the map.
    assert until(app, lambda: bool(screen.mapview.motion.slides) and match.active_seat == "rok", limit=20000,
                 dt=0.05)
    slide = next(iter(screen.mapview.motion.slides.values()))
    assert slide.unit.seat == "rok" and len(slide.path) >= 2
    assert slide.path[-1] == match.reveal().units[slide.unit.id].hex
    n = len(match.record)
    frames(app, 1, dt=0.05)
    assert len(match.record) == n, "the next action waits for the slide"
    frames(app, 1)                                       # drawn mid-way, without errors
    # Space: no more animation to the end of the computer's turn; the human's phase is not ended by it.
    key(app, pygame.K_SPACE, " ")
    assert not screen.mapview.motion.slides
    assert screen.hurry or screen.my_turn                # hurrying, or already done within that frame
    assert until(app, lambda: screen.my_turn, limit=500)
    assert match.active_seat == "un" and match.phase is not Phase.COMBAT
    phase = match.phase
    key(app, pygame.K_SPACE, " ")                         # straight after: the guard swallows it
    assert match.phase is phase
    assert errors == []


def test_save_during_the_computers_turn_and_load_back_into_it(tmp_path, campaign, errors):
    app = make_app(tmp_path, animation="fast")
    match = Match.start(campaign, 9, SOLO)
    app.go("match", match=match)
    screen = app.screen
    assert until(app, lambda: len(match.record) >= 5)
    assert screen.computer_playing()
    # The menu's Save: the computer waits while the dialog is open.
    screen.menu_choice("save")
    frames(app, 1)
    dialog = next(w for w in screen.open_windows() if isinstance(w, SaveDialog))
    n, seat, phase = len(match.record), match.active_seat, match.phase
    frames(app, 30, dt=0.1)
    assert len(match.record) == n, "the computer played on behind the save dialog"
    dialog.entry.set_text("mid-turn")
    dialog.commit()
    frames(app, 1)
    assert (app.save_dir / "mid-turn.json").exists()
    assert until(app, lambda: len(match.record) > n)          # dialog closed: the computer plays on
    # Load it back: the computer's turn goes on from where it was saved.
    app.go("load")
    load = app.screen
    assert isinstance(load, LoadScreen)
    k = next(i for i, info in enumerate(load.infos) if info.label == "mid-turn")
    click(app, load.list.item_list[k]["button_element"].rect)       # the save's row, then Load
    assert load.selected() is load.infos[k]
    load.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=load.load))     # Load
    loaded = app.screen
    assert isinstance(loaded, GameScreen)
    m2 = loaded.match
    assert len(m2.record) == n and m2.active_seat == seat and m2.phase is phase
    assert m2.record == match.record[:n]
    assert loaded.computer_playing()
    assert until(app, lambda: loaded.my_turn), "the loaded game does not come back to the human"
    assert m2.active_seat == "un" and len(m2.record) > n
    assert errors == []
