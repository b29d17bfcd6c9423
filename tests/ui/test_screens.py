"""Every screen renders headless; a scripted click-through of a hot-seat game; a monkey test.

The window is SDL's dummy driver; the app's loop is driven one frame at a time.
Unexpected errors inside a frame are logged by the app (never shown as a
traceback), so these tests watch the log hook and fail on any.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
from game.engine.api import Hex, MoveUnit, Phase  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.savefile import load_save, write_save  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.screens.end_screen import EndScreen  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.screens.handover import HandOver  # noqa: E402
from game.ui.screens.load_save import LoadScreen  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.screens.scenario_choice import ScenarioChoice  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402
from game.ui.screens.settings_screen import SettingsScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402


@pytest.fixture
def errors(monkeypatch):
    seen: list[BaseException] = []

    def record(exc):
        seen.append(exc)
        return "test-log"

    monkeypatch.setattr(app_module, "log_exception", record)
    return seen


@pytest.fixture
def app(tmp_path, errors):
    a = App(Settings(animation="instant"), tmp_path / "saves", size=(1600, 900), persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    yield a


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


def frames(app, n=2):
    for _ in range(n):
        app.frame(dt=0.02)


def shown_texts(app) -> list[tuple[str, pygame.Rect]]:
    """The text of every visible widget (labels, buttons, text boxes, entries) and where it is."""
    out = []
    for element in app.manager.get_sprite_group().sprites():
        text = getattr(element, "html_text", None) or getattr(element, "text", None)
        if isinstance(text, str) and text and getattr(element, "visible", True):
            out.append((text, element.rect))
    return out


def colours_in(surface: pygame.Surface, rect: pygame.Rect, step: int = 1) -> int:
    """How many distinct colours the surface shows inside ``rect`` (sampled every ``step`` pixels)."""
    area = rect.clip(surface.get_rect())
    if area.width == 0 or area.height == 0:
        return 0
    pixels = pygame.surfarray.array3d(surface.subsurface(area))[::step, ::step].reshape(-1, 3)
    return len(np.unique(pixels, axis=0))


def test_every_screen_renders_one_frame(app, campaign, errors, tmp_path):
    match = Match.start(campaign, 1, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
    write_save(match, app.save_dir / "one.json", label="one")
    (app.save_dir / "broken.json").write_text("{not json")
    from game.session.table import Table
    table = Table(match)
    seats = [s.name for s in campaign.config.seats]
    # Each screen, and texts it must show: its heading, its main buttons, what it is about.
    expected = [
        (MainMenu(app), ["ARMISTICE", "New game", "Load game", "Settings", "Quit"]),
        (ScenarioChoice(app), ["Choose a scenario", campaign.title, "Choose sides"]),
        (SeatSetup(app, campaign), [f"Who plays? — {campaign.title}", *seats, "Dice seed", "Start the war"]),
        (SettingsScreen(app), ["Settings", "Window size", "UI scale: 100%", "Apply", "Back"]),
        (LoadScreen(app), ["Load a game", "one — ", "CANNOT BE LOADED — broken.json", "Load  ›"]),
        (GameScreen(app, table), ["Turn 1 of", "Event log", "Undo", "Menu"]),
        (HandOver(app, table), [seats[0], f"Pass the screen to the {seats[0]} player", "I am ready"]),
        (EndScreen(app, table), ["Game summary", "Main menu", "The final map"]),
    ]
    for screen, wanted in expected:
        app.show(screen)
        frames(app, 1)
        name = type(screen).__name__
        assert app.screen is screen, f"{name} was replaced (an error in its frame?)"
        shown = shown_texts(app)
        for text in wanted:
            hits = [rect for t, rect in shown if text in t]
            assert hits, f"{name} does not show {text!r}; it shows {[t[:40] for t, _ in shown]}"
            # The widget is drawn on the window: its area holds more than one flat colour (the text).
            assert max(colours_in(app.window, r) for r in hits) > 2, f"{name}: {text!r} is not drawn"
        # And the frame as a whole is a picture, not a blank fill.
        assert colours_in(app.window, app.window.get_rect(), step=8) > 20, f"{name} drew a blank frame"
    assert errors == []


def test_handover_shows_nothing_of_the_game(app, campaign, errors):
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "human", "un": "human"})
    app.go("match", match=match)
    assert isinstance(app.screen, HandOver)
    frames(app, 1)
    # The hand-over screen draws no map: the picture holds only the backdrop and the widgets' colours.
    pixels = pygame.surfarray.array3d(app.window)
    colours = {tuple(int(v) for v in c) for c in pixels[::17, ::17].reshape(-1, 3)}
    sea_blue = [c for c in colours if c[2] > 150 and c[2] > c[0] + 40]
    assert not sea_blue, "map colours leaked onto the hand-over screen"
    assert app.screen.private


def click_hex(app, h):
    app.screen.on_map_click(h, 1)
    frames(app, 1)


def test_scripted_hot_seat_click_through(app, campaign, errors, tmp_path):
    # New game: DPRK/PRC and UN are human (hot-seat), ROK is the computer.
    app.show(ScenarioChoice(app))
    frames(app)
    setup = SeatSetup(app, campaign)
    app.show(setup)
    for seat, controller in {"dprk_prc": "human", "rok": "ai:historical:normal", "un": "human"}.items():
        setup.set_choice(seat, controller)
    setup.seed_entry.set_text("4242")
    setup.begin()
    assert isinstance(app.screen, HandOver)           # hot-seat: the first player takes the screen
    app.screen.proceed()
    screen = app.screen
    assert isinstance(screen, GameScreen)
    match = screen.match
    assert match.active_seat == "dprk_prc" and screen.table.viewer == "dprk_prc"
    # "Since your last turn" opens over the map and has the keyboard: the player reads it and closes it (Esc).
    frames(app, 1)
    for _ in range(3):
        if screen.open_windows():
            app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")], dt=0.02)
    assert not screen.open_windows()

    # Select a KPA unit and move it next to an ROK unit it can see.
    view = screen.view
    enemy_hexes = {u.hex for u in view.enemies() if u.hex is not None}
    choice = None
    for uid in view.movers():
        for a in view.moves_for(uid):
            if isinstance(a, MoveUnit) and any(a.to.distance(e) == 1 for e in enemy_hexes):
                choice = (view.units[uid], a)
                break
        if choice:
            break
    assert choice, "some KPA unit can reach a hex next to the ROK line"
    unit, move = choice
    click_hex(app, unit.hex)
    assert screen.selected == unit.id
    assert f"Selected: {unit.name}" in screen.info.html_text
    screen.on_map_click(move.to, 3)             # a right-click lets go of the unit, and so does the side panel
    frames(app, 1)
    assert screen.selected is None and "Selected:" not in screen.info.html_text
    click_hex(app, unit.hex)
    assert screen.selected == unit.id
    # A click beyond its reach keeps the unit and says why (it used to let go of it without a word).
    far = next(h for h in match.board.hex_list if match.board.is_land(match.board.index(h))
               and h.distance(unit.hex) > 30)
    click_hex(app, far)
    assert screen.selected == unit.id
    assert "cannot reach that hex" in screen.notice and "Right-click" in screen.notice
    assert match.board.index(move.to) in screen.targets
    click_hex(app, move.to)
    assert match.reveal().units[unit.id].hex == move.to
    assert match.record[-1] == move

    # End movement with Space, then attack: click the target (odds shown), click again to commit.
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")], dt=0.02)
    assert match.phase is Phase.COMBAT
    targets = list(screen.attack_targets)
    target = next(t for t in targets if t.distance(move.to) == 1)
    click_hex(app, target)
    assert screen.target == target and unit.id in screen.attackers
    assert "Results" in screen.action_box.html_text
    assert screen.attack_button.visible and screen.attack_button.is_enabled
    chosen, screen.attackers = screen.attackers, []
    screen.update_action_box()
    assert not screen.attack_button.is_enabled          # greyed with nobody chosen to attack
    screen.attackers = chosen
    screen.update_action_box()
    # A unit of ours that cannot strike the target does not join its attack: the odds shown are the odds rolled.
    eligible = set(screen.attack_targets[target])
    far = next(u for u in screen.view.units.values() if u.seat == screen.view.seat and u.hex is not None
               and not any(v.id in eligible for v in screen.mapview.units_at(u.hex)))
    before = list(screen.attackers)
    click_hex(app, far.hex)
    assert screen.attackers == before and screen.target == target
    # An enemy none of ours can strike, and a computer ally's division: nothing happens, and the notice says why.
    out_of_reach = next((e.hex for e in screen.view.enemies() if e.hex is not None
                         and e.hex not in screen.attack_targets), None)
    assert out_of_reach is not None, "some ROK unit in sight is out of the KPA's reach"
    click_hex(app, out_of_reach)
    assert "None of your units that may still attack is next to" in screen.notice
    assert screen.target == target
    click_hex(app, target)
    assert any(e.kind == "CombatResolved" for e in match.log)

    # End the turn: the ROK (computer) plays, then the hand-over to the UN player.
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")], dt=0.02)
    for _ in range(400):
        if isinstance(app.screen, HandOver):
            break
        frames(app, 1)
    assert isinstance(app.screen, HandOver)
    assert match.active_seat == "un"

    # Save at the hand-over; loading it opens at the hand-over, not in anyone's view.
    path = write_save(match, tmp_path / "handover.json", handover=True)
    loaded, doc = load_save(path)
    assert loaded.checksum() == match.checksum()
    app.go("match", match=loaded, at_handover=bool(doc["handover"]))
    assert isinstance(app.screen, HandOver)
    assert app.screen.table.viewer is None
    app.screen.proceed()
    assert isinstance(app.screen, GameScreen) and app.screen.table.viewer == "un"
    # The UN player reads only what the UN side could see: no KPA movement far behind the lines.
    texts = [e.text for e in app.screen.table.entries()]
    assert all("moves from" not in t or "KPA" not in t for t in texts)
    frames(app, 2)
    assert errors == []


def test_monkey_random_clicks_and_keys(app, campaign, errors):
    rng = np.random.default_rng(12345)
    keys = [pygame.K_SPACE, pygame.K_TAB, pygame.K_ESCAPE, pygame.K_F1, pygame.K_z, pygame.K_u, pygame.K_f,
            pygame.K_h, pygame.K_g, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_RETURN,
            pygame.K_a, pygame.K_w, pygame.K_s, pygame.K_d, pygame.K_HOME, pygame.K_PLUS, pygame.K_MINUS]
    app.show(MainMenu(app))
    w, h = app.size
    n_events = 0
    while n_events < 5000:
        batch = []
        for _ in range(5):
            r = rng.random()
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            if r < 0.55:
                button = int(rng.choice([1, 1, 1, 3]))
                batch += [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                          pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                          pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]
            elif r < 0.65:
                batch.append(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=int(rng.choice([-1, 1])), flipped=False))
            else:
                key = int(rng.choice(keys))
                mod = pygame.KMOD_CTRL if rng.random() < 0.1 else 0
                batch.append(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=""))
            n_events += 1
        # pygame_gui reacts to clicks with events of its own: let them through too.
        app.frame(batch + pygame.event.get(), dt=0.02)
        if not app.running:            # the monkey found Quit: start again
            app.running = True
            app.show(MainMenu(app))
        if isinstance(app.screen, MainMenu) and rng.random() < 0.02:
            # Jump into a game now and then, so the monkey spends time on the map too.
            app.go("match", match=Match.start(campaign, int(rng.integers(1000)),
                                              {"dprk_prc": "human", "rok": "ai:normal", "un": "human"}))
    assert errors == [], [repr(e) for e in errors[:3]]


def test_a_dialog_takes_the_keyboard(app, campaign, errors):
    """With a window open over the map, Esc closes it and no other key reaches the map (Space ends nothing)."""
    match = Match.start(campaign, 2, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("match", match=match)
    screen = app.screen
    assert isinstance(screen, GameScreen)
    frames(app, 1)
    phase = match.phase
    screen.show_help()
    frames(app, 1)
    assert screen.open_windows() == [screen.help_window]
    # The keys come with the counters explained: whose colours are whose, for the seat looking.
    text = next(e for e in screen.help_window.get_container().elements).html_text
    assert "DPRK / PRC (you)" in text and "Republic of Korea (the enemy)" in text and "moved this turn" in text
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")], dt=0.02)
    assert match.phase is phase and not match.record           # Space went to the dialog, not to the game
    # The wheel over the window is the window's: the map behind it keeps its zoom.
    scale = screen.mapview.layout.scale
    pygame.mouse.set_pos(screen.help_window.rect.center)
    pygame.event.pump()
    for _ in range(3):
        app.frame([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0)],
                  dt=0.02)
    assert screen.mapview.layout.scale == scale
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")], dt=0.02)
    frames(app, 1)
    assert screen.open_windows() == []                           # Esc closed the dialog and opened no menu
    assert errors == []


def test_one_reach_per_selected_unit(app, campaign, errors, monkeypatch):
    """Selecting a unit, hovering over its lit hexes (path and cost) and reading the action box search its
    reach once: the screen asks its one observation of the position, which keeps the reach."""
    import game.engine.api as api
    import game.engine.legal as legal_module
    calls: list[int] = []
    observed: list[str] = []
    real, real_observe = legal_module.reachable, api.observe

    def counting(state, unit, *args, **kwargs):
        calls.append(unit)
        return real(state, unit, *args, **kwargs)

    def observing(state, seat):
        observed.append(seat)
        return real_observe(state, seat)

    monkeypatch.setattr(legal_module, "reachable", counting)
    monkeypatch.setattr(api, "observe", observing)
    match = Match.start(campaign, 3, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("match", match=match)
    screen = app.screen
    frames(app, 1)
    uid = next(u for u in screen.view.movers() if screen.view.units[u].hex is not None)
    calls.clear()
    observed.clear()
    click_hex(app, screen.view.units[uid].hex)
    assert screen.selected == uid and screen.targets
    for i in list(screen.targets)[:8]:
        screen.mapview.hover = match.board.hex_at(i)
        screen.hover_changed()
        frames(app, 1)
    assert len(calls) <= 1, f"the reach was searched {len(calls)} times"
    assert observed == [], "selecting and hovering took new observations of an unchanged position"
    assert errors == []


def test_since_your_last_turn_lists_everything_the_seat_saw_in_order():
    """Hot-seat, the DPRK/PRC and the UN human, the ROK the computer (as in the play-test): the DPRK player's
    report holds every entry of its log since its own last action, oldest first, under a heading for each side's
    turn - the ROK computer's attack on a KPA unit included (the mark used to be set when the UN player took the
    screen, after the ROK had played, and the report skipped the ROK's turn)."""
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents
    from game.session.table import Table
    from game.ui.log_html import HIDDEN_IN_LOG, esc, since_html
    # (Seed 10: the ROK computer attacks four times in the first six turns.)
    match = Match.start(load_scenario("1950-invasion"), 10, {"dprk_prc": "human", "rok": "ai:historical:normal",
                                                            "un": "human"})
    table = Table(match)
    agents = make_agents(match, "ai", 10)
    log = table.logs.entries
    reports = []
    mark = None
    while match.turn <= 6:
        if table.needs_handover():
            if match.active_seat == "dprk_prc" and mark is not None:
                reports.append((log["dprk_prc"][mark:], table.take_over()))
            else:
                table.take_over()
        seat = match.active_seat
        if table.ai.plays(seat):
            table.step_ai()
            continue
        if seat == "dprk_prc":
            mark = len(log["dprk_prc"])         # what the player has read: everything before its next action
        table.submit(agents[seat].choose(match.view(seat)), agents[seat].last_reason)
    names = {s.id: s.name for s in match.config.seats}
    assert len(reports) >= 4
    for expected, got in reports:
        assert got == expected                  # everything since its last action, in order
        html = since_html(got, names)
        shown = [e for e in got if e.event.kind not in HIDDEN_IN_LOG and e.event.kind != "TrackChanged"]
        assert all(esc(e.text.rstrip(".")) in html for e in shown)
        assert 0 < html.index("<b>Republic of Korea, turn") < html.index("<b>UN Command, turn")
    rok_attacks = [e for expected, _ in reports for e in expected
                   if e.event.kind == "CombatResolved" and e.event.seat == "rok"]
    assert rok_attacks, "the ROK computer attacked the KPA in these turns"


def tutorial_as_un(app):
    """The tutorial with a person as the UN Command, once the computer seats have played their first turns."""
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
    app.go("game", table=Table(match))
    for _ in range(400):
        if match.active_seat == "un":
            break
        frames(app, 1)
    return match, app.screen


def test_leaving_a_game_with_unsaved_moves_asks_first(app, errors):
    match, screen = tutorial_as_un(app)
    press = lambda key: screen.leave_dialog.choose(key)   # noqa: E731 - the dialog's buttons, by their keys
    assert match.unsaved_actions > 0           # the computer's moves of this turn are not saved yet
    screen.menu_choice("quit")
    assert isinstance(app.screen, GameScreen) and screen.leave_dialog.alive()
    assert "would be lost" in " ".join(t for t, _ in shown_texts(app))
    press("stay")
    assert isinstance(app.screen, GameScreen) and not screen.leave_dialog.alive()
    # Closing the window asks too; closing it again while asked leaves.
    app.frame([pygame.event.Event(pygame.QUIT)], dt=0.02)
    assert app.running and screen.leave_dialog.alive()
    app.frame([pygame.event.Event(pygame.QUIT)], dt=0.02)
    assert not app.running
    app.running = True
    # Save, then leave: the save dialog names the save; once written, the main menu.
    screen.menu_choice("quit")
    press("save")
    dialog = next(w for w in screen.open_windows() if w.window_display_title == "Save the game")
    dialog.commit()
    assert match.unsaved_actions == 0 and isinstance(app.screen, MainMenu)
    assert any(p.name.startswith("tutorial") for p in app.save_dir.glob("*.json"))
    assert not errors


def test_an_allys_division_clicked_in_combat_says_it_is_not_ours(app, errors):
    match, screen = tutorial_as_un(app)
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0, unicode=" ")], dt=0.02)
    assert match.active_seat == "un" and match.phase is Phase.COMBAT
    ally = next(u for u in screen.view.units.values() if u.seat == "rok" and u.hex is not None
                and not any(v.seat == "un" for v in screen.mapview.units_at(u.hex)))
    click_hex(app, ally.hex)
    assert "belongs to the Republic of Korea seat: only your own units join your attacks" in screen.notice
    assert screen.attackers == [] and not errors


def test_leaving_a_saved_game_does_not_ask(app, errors):
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "human"})
    app.go("game", table=Table(match))
    assert match.unsaved_actions == 0          # a new game, nothing played yet
    app.screen.menu_choice("quit")
    assert isinstance(app.screen, MainMenu) and not errors


def test_a_hex_tooltip_stays_on_screen_and_clear_of_the_neighbours():
    from game.ui.game_tooltips import tip_beside_hex
    window = pygame.Rect(0, 0, 1600, 900)
    r = 20.0
    for centre in [(800, 450), (1590, 450), (1220, 880), (10, 10), (1590, 890)]:
        left, top = tip_beside_hex((360, 90), centre, r, window)
        tip = pygame.Rect(left, top, 360, 90)
        assert window.contains(tip), centre
        # No part of it within 2.5 radii of the hovered hex's centre: the hex and its six neighbours stay visible.
        cx, cy = centre
        nearest = (max(tip.left - cx, 0, cx - tip.right) ** 2 + max(tip.top - cy, 0, cy - tip.bottom) ** 2) ** 0.5
        assert nearest >= 2.5 * r, (centre, tip)
    assert tip_beside_hex((360, 90), (1590, 450), r, window)[0] < 1590 - 360   # at the right edge, to the left


def test_the_camera_is_placed_snug_to_the_map_and_on_the_viewers_front(app, campaign, errors):
    from game.session.table import Table
    from game.ui.layout import Layout
    lay = Layout.for_board(campaign.board, (1200, 800))
    lay.zoom_to(22 * 1.7320508 / lay.hex_km)
    xmin, ymin, xmax, ymax = lay.inner_bounds()
    for corner in (Hex(-14, 0), campaign.board.hex_at(campaign.board.size - 1), Hex(0, 0)):
        lay.center_on_hex(corner, snug=True)                 # Tab to a unit on the edge of the map
        x0, y0, x1, y1 = lay.visible_km_rect()
        assert x0 >= xmin - 1e-6 and y0 >= ymin - 1e-6 and x1 <= xmax + 1e-6 and y1 <= ymax + 1e-6, corner
    # A turn opens on the unit the seat last selected, else on its front.
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    table = Table(match)
    app.go("game", table=table)
    view = app.screen.view
    lay = app.screen.mapview.layout
    centre = lay.pixel_to_hex(lay.viewport[0] / 2, lay.viewport[1] / 2)
    enemies = [u.hex for u in view.enemies() if u.hex is not None]
    assert min(centre.distance(e) for e in enemies) <= 4       # the 38th parallel, not the rear
    far = max((u for u in view.friendly() if u.hex is not None), key=lambda u: u.hex.r)
    table.last_selected["dprk_prc"] = far.id
    app.go("game", table=table)
    lay = app.screen.mapview.layout
    x, y = lay.hex_to_pixel(far.hex)                           # in sight, well inside the view (snug to the map)
    assert 40 <= x <= lay.viewport[0] - 40 and 40 <= y <= lay.viewport[1] - 40
    assert not errors


def test_the_minimap_folds_away_so_it_hides_no_units(app, campaign, errors):
    from game.session.table import Table
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("game", table=Table(match))
    screen = app.screen
    mini = screen.mapview.minimap
    frames(app, 1)
    area = mini.rect.copy()
    area.height -= mini.tab_rect.height + 8          # the corner above where the tab will be
    shown = pygame.surfarray.array3d(app.window.subsurface(area)).copy()
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_m, mod=0, unicode="m")], dt=0.02)
    assert not mini.visible and app.settings.minimap is False
    frames(app, 1)
    folded = pygame.surfarray.array3d(app.window.subsurface(area))
    assert (shown != folded).any(axis=2).mean() > 0.5     # the map itself is drawn there now
    assert mini.tab_rect.height <= 30 and not area.colliderect(mini.tab_rect)
    # A click on the tab brings it back.
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=mini.tab_rect.center)], dt=0.02)
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=mini.tab_rect.center)], dt=0.02)
    assert mini.visible and app.settings.minimap is True and not errors


def test_a_loaded_hot_seat_game_reports_the_last_round_not_the_whole_war(tmp_path):
    from game.session.savefile import load_save
    from game.session.simulate import make_agents
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 6, {s: "human" for s in ("dprk_prc", "rok", "un")})
    table = Table(match)
    agents = make_agents(match, "random", 6)
    while match.turn < 4:
        seat = match.active_seat
        table.submit(agents[seat].choose(match.view(seat)))
    loaded, _ = load_save(write_save(match, tmp_path / "hot.json", handover=True))
    again = Table(loaded)
    report = again.take_over()
    assert report and min(e.event.turn for e in report) >= loaded.turn - 1
    assert len(report) < len(again.logs.entries[loaded.active_seat])


def test_the_hand_over_asks_before_a_turn_is_lost(app, errors):
    """Hot-seat: at the hand-over the last player's turn is not saved yet (the autosave is at a turn's start):
    'Main menu' asks first; closing the window while the question's save dialog is open leaves."""
    from game.session.simulate import make_agents
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 2, {"dprk_prc": "human", "rok": "ai:normal", "un": "human"})
    table = Table(match)
    agents = make_agents(match, "random", 2)
    while match.active_seat == "dprk_prc":
        table.submit(agents["dprk_prc"].choose(match.view("dprk_prc")))
    while table.ai.plays(match.active_seat):
        table.step_ai()
    app.go("handover", table=table)
    screen = app.screen
    assert isinstance(screen, HandOver) and match.unsaved_actions > 0
    screen.leave_then(lambda: app.go("menu"))
    assert isinstance(app.screen, HandOver) and screen.leave_dialog.alive()
    screen.leave_choice("save")
    assert any(w.window_display_title == "Save the game" for w in app.manager.get_window_stack().get_full_stack())
    app.frame([pygame.event.Event(pygame.QUIT)], dt=0.02)
    assert not app.running and not errors


def test_the_tutorial_steps_come_one_at_a_time_in_order(app, errors):
    """The tutorial's lessons in a panel of their own: step 1 of N first, each moved on by what the player does
    (select, then move), a step the player need not take skipped, and the log no longer carries 'Step 4, 3, 2, 1'."""
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "ai:normal", "rok": "ai:normal", "un": "human"})
    table = Table(match)
    app.go("game", table=table)
    screen = app.screen
    for _ in range(400):
        if match.active_seat == "un":
            break
        frames(app, 1)
    panel = screen.lessons
    n = len(panel.steps)
    assert n >= 6 and "step 1 of" in panel.box.html_text and "Click one of your units" in panel.box.html_text
    view = screen.view
    uid = view.movers()[0]
    click_hex(app, view.units[uid].hex)                    # select
    assert "step 2 of" in panel.box.html_text
    move = next(a for a in view.moves_for(uid) if isinstance(a, MoveUnit))
    click_hex(app, move.to)                                # move
    assert "step 3 of" in panel.box.html_text and "Ctrl+Z" in panel.box.html_text
    import pygame_gui
    screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=panel.skip))   # no need to undo
    assert "step 4 of" in panel.box.html_text
    assert not any(e.text.startswith(("Step 1", "Step 3", "UN Command, your turn. Step"))
                   for e in table.entries())
    assert errors == []


def test_in_hot_seat_each_player_sees_the_lessons_for_their_seat(app, errors):
    """Issue 9, §5: a step meant for one seat (the UN's 'blue counters', its General Assembly resolution) is not
    shown to the DPRK/PRC player, who gets the red-counter step instead, and each player keeps their own place."""
    from game.session.table import Table
    from game.ui.lessons import lessons_of
    match = Match.start(load_scenario("tutorial"), 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "human"})
    table = Table(match)
    every = lessons_of(match.config)
    for_un, for_dprk = lessons_of(match.config, "un"), lessons_of(match.config, "dprk_prc")
    assert len(for_un) < len(every) and len(for_dprk) < len(every)
    assert any("blue counters" in s["text"] for s in for_un) and not any("blue counters" in s["text"] for s in for_dprk)
    assert any("red counters" in s["text"] for s in for_dprk)
    assert not any("General Assembly" in s["text"] for s in for_dprk)
    app.go("game", table=table)
    screen = app.screen
    assert screen.view.seat == "dprk_prc"
    assert "red counters" in screen.lessons.box.html_text and "step 1 of" in screen.lessons.box.html_text
    screen.lessons.advance()
    assert table.lesson_at == {"dprk_prc": 1}
    table.lesson_at["un"] = 0
    assert errors == []


def test_the_overlays_window_says_which_overlays_are_on(app, campaign, errors):
    """Play-test §7: the Overlays window did not show which overlays were on.  Each button now says on or off (and
    is lit when on), and says so again once clicked."""
    from game.ui.game_windows import OVERLAYS
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    from game.session.table import Table
    screen = app.go("game", table=Table(match))
    frames(app)
    screen.show_overlay_menu()
    frames(app)
    buttons = {b.overlay_key: b for b in app.manager.get_sprite_group().sprites() if getattr(b, "overlay_key", None)}
    assert set(buttons) == {key for key, _ in OVERLAYS}
    assert buttons["front"].text.endswith(": on") and buttons["zoc"].text.endswith(": off")
    assert buttons["grid"].text.endswith(": on" if screen.mapview.show_grid else ": off")
    assert buttons["front"].is_selected and not buttons["zoc"].is_selected
    import pygame_gui
    screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=buttons["zoc"]))
    assert screen.toggles["zoc"] and buttons["zoc"].text == "Zones of control (Z): on" and buttons["zoc"].is_selected
    screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=buttons["front"]))
    assert not screen.toggles["front"] and buttons["front"].text == "Front line (F): off"
    assert errors == []


def test_the_hand_over_says_the_date_and_turn(app, campaign, errors):
    """Play-test §8: the hand-over screen showed neither the date nor the turn."""
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "human", "un": "human"})
    app.go("match", match=match)
    frames(app, 1)
    texts = " ".join(text for text, _ in shown_texts(app))
    first = match.config.calendar.turn_dates()[0]
    assert f"{first:%d %B %Y}" in texts and f"Turn 1 of {len(match.config.calendar.turn_dates())}" in texts
    assert errors == []


def pointer_resting_on_the_map(app, campaign, monkeypatch, where):
    """A DPRK game on screen with the pointer held at ``where(map_rect)``; returns the screen and ``rest()``, which
    lets the pointer rest there (two tooltip checks a second apart on a stopped clock)."""
    import time

    import game.ui.game_tooltips as tips
    from game.session.table import Table
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("game", table=Table(match))
    screen = app.screen
    frames(app, 2)
    mr = screen.map_rect
    pos = where(mr)
    monkeypatch.setattr(tips.pygame.mouse, "get_pos", lambda: pos)
    screen.mapview.hover = screen.mapview.layout.pixel_to_hex(pos[0] - mr.x, pos[1] - mr.y)
    clock = [time.monotonic()]
    monkeypatch.setattr(tips.time, "monotonic", lambda: clock[0])

    def rest() -> None:
        for _ in range(2):
            screen.update_tooltip()
            clock[0] += 1.0
    return screen, rest


def test_no_hex_tooltip_draws_over_an_open_window(app, campaign, errors, monkeypatch):
    """Issue 9, §1: a map tooltip drew over the modal menu (the pointer resting on the map beside the menu)."""
    screen, rest = pointer_resting_on_the_map(app, campaign, monkeypatch, lambda mr: (mr.x + 20, mr.y + 20))
    rest()                                             # on the map, away from where the menu opens
    assert screen.tooltip is not None                  # the hex's tooltip, with nothing open
    screen.open_menu()
    rest()
    assert screen.tooltip is None
    assert errors == []


def test_a_click_on_a_hex_tooltip_goes_to_the_map_beneath(app, campaign, errors, monkeypatch):
    """Played under Xvfb: a unit clicked right after the pointer left another hex lay under that hex's tooltip, and
    the tooltip's text took the click (nothing was selected).  A tooltip only tells; the map gets the click."""
    screen, rest = pointer_resting_on_the_map(app, campaign, monkeypatch, lambda mr: mr.center)
    rest()
    assert screen.tooltip is not None
    spot = screen.tooltip.rect.center
    beneath = screen.mapview.hex_at(spot)
    assert beneath is not None and beneath != screen.mapview.hover      # the tooltip lies beside its hex
    clicks = []
    monkeypatch.setattr(screen.mapview, "on_click", lambda h, button: clicks.append((h, button)))
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=spot, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=spot, button=1)], dt=0.02)
    assert clicks == [(beneath, 1)]
    assert errors == []


def test_sigterm_keeps_the_unsaved_moves_and_leaves_without_asking(app, campaign, errors, tmp_path):
    """Found under Xvfb: SIGTERM (a logout, `kill`) reached the game as a window-close, and a game with unsaved
    moves answered with "leave without saving?" that nobody was there to answer.  Now it autosaves and leaves."""
    import signal

    from game.session.table import Table
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("game", table=Table(match, autosave_dir=tmp_path / "auto"))
    screen = app.screen
    frames(app, 2)
    view = screen.view
    move = next(a for uid in view.movers() for a in view.moves_for(uid) if isinstance(a, MoveUnit))
    screen.act(move)
    assert match.unsaved_actions > 0
    before = signal.getsignal(signal.SIGTERM)
    app.running = True
    app.frame([], dt=0.02)
    app.terminate(signal.SIGTERM, None)              # what the handler installed by App.run does
    app.frame([], dt=0.02)
    assert app.running is False and app.dialog is None
    saved = sorted((tmp_path / "auto").glob("*.json"))
    assert saved, "the moves not yet saved are in an autosave"
    loaded, _ = load_save(saved[-1])
    assert loaded.checksum() == match.checksum()
    assert signal.getsignal(signal.SIGTERM) == before   # frame() alone installs nothing
    assert errors == []


def test_an_idle_window_slows_its_frame_rate_and_wakes_at_once(app, campaign, errors, monkeypatch):
    """Under Xvfb an idle game window took a whole core redrawing sixty times a second.  It slows down once nothing
    happens, and keeps the full rate while the player acts or the computer plays."""
    import game.ui.app as app_mod
    from game.session.table import Table
    clock = [1000.0]
    monkeypatch.setattr(app_mod.time, "monotonic", lambda: clock[0])
    match = Match.start(campaign, 1, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})
    app.go("game", table=Table(match))
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=(5, 5), rel=(1, 1), buttons=(0, 0, 0))], dt=0.02)
    assert app.frame_rate() == app_mod.FPS                  # the player just moved the mouse
    clock[0] += app_mod.IDLE_AFTER_S + 0.5
    assert not app.screen.busy() and app.frame_rate() == app_mod.IDLE_FPS
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="\t")], dt=0.02)
    assert app.frame_rate() == app_mod.FPS                  # any input wakes it
    clock[0] += app_mod.IDLE_AFTER_S + 0.5
    monkeypatch.setattr(type(app.screen), "computer_playing", lambda self: True)
    assert app.frame_rate() == app_mod.FPS                  # the computer's turn plays at full speed
    assert errors == []
