"""The politics on screen: the tracks in the top bar, the decisions panel, the log, the DMZ, the end report.

The campaign scenario is given a small politics section here (the tracks of
DESIGN §8 with a few decisions) through ``compile_politics``, so these tests
do not depend on the scenario file's own politics.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import dataclasses  # noqa: E402

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

import game.ui.app as app_module  # noqa: E402
from game.engine.api import Decide, Phase  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.scenario.politics_compile import compile_politics  # noqa: E402
from game.scenario.politics_context import ParseContext  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.charts import track_history  # noqa: E402
from game.ui.screens.end_screen import EndScreen  # noqa: E402
from game.ui.screens.game_screen import GameScreen  # noqa: E402
from game.ui.settings import Settings  # noqa: E402
from game.ui.tracks_bar import flow  # noqa: E402

POLITICS = """
tracks:
  escalation:
    label: Escalation
    start: 5
    thresholds: {mig_alley: 40, soviet_warning: 70, general_war: 100}
    moved_by: UN forces near the Yalu, strikes on Manchuria, nuclear threats, Soviet air involvement
    does: "40: Soviet 'volunteer' MiGs make MiG Alley; 70: a Soviet warning; 100: general war, every seat loses"
    idea: escalation_control
  intervention:
    label: PRC intervention
    start: 0
    thresholds: {warning: 25, may_enter: 50, must_enter: 80}
    moved_by: UN (non-ROK) forces north of the 38th, UN forces near the Yalu, the fall of Pyongyang
    does: "25: China warns through India; 50: the PRC may enter; 80: it must"
    idea: buffer_state
  cohesion:
    label: UN cohesion
    start: 70
    thresholds: {contingents_leave: 30}
    moved_by: UN resolutions (+), crossing the 38th without one, nuclear threats, heavy losses (-)
    does: "Below 30 the smaller contingents go home"
    idea: collective_security
  weariness_un:
    label: UN war weariness
    start: 0
    thresholds: {talks_pressure: 50}
    moved_by: casualties, stalemate, time
    does: pushes toward talks
    idea: limited_war
  weariness_communist:
    label: Communist war weariness
    start: 0
    thresholds: {talks_pressure: 50}
    moved_by: casualties, stalemate, time
    does: pushes toward talks
    idea: limited_war
  talks:
    label: Armistice talks
    start: 0
    moved_by: both sides' weariness, a stable front near the 38th, POW stances
    does: "at 100 the armistice is signed"
    idea: limited_war
  balance:
    label: Balance of power
    min: -100
    max: 100
    start: 0
    moved_by: combat power in Korea and the ground each bloc holds
    does: a bloc close to domination pulls the other bloc in
    idea: balance_of_power
rules:
  - id: invasion
    check: [seat_start]
    text: "The KPA crosses the 38th parallel."
    history: "At dawn on 25 June 1950 seven KPA divisions crossed the parallel behind Soviet T-34 tanks."
    idea: proxy_war
    effects:
      - track: {name: weariness_communist, add: 2}
decisions:
  - id: soviet_air
    seat: dprk_prc
    title: Request Soviet air cover
    text: Ask Stalin for MiG-15 regiments over the north-west.
    history: "From November 1950 Soviet MiG-15s of the 64th Fighter Aviation Corps flew from Manchuria in
      Chinese markings."
    idea: escalation_control
    effects:
      - air: {mig_alley: true}
      - track: {name: escalation, add: 40}
  - id: offer_talks
    seat: dprk_prc
    title: Offer armistice talks
    history: "On 23 June 1951 Jacob Malik, the Soviet delegate at the UN, proposed a ceasefire."
    idea: limited_war
    when: {talks: closed}
    effects:
      - talks: open
      - track: {name: talks, add: 10}
  - id: sign_now
    seat: dprk_prc
    title: Sign the armistice
    history: "The armistice was signed at Panmunjom on 27 July 1953."
    idea: limited_war
    effects:
      - talks: sign
  - id: cross_38th
    seat: un
    title: Cross the 38th parallel
    history: "On 7 October 1950 the UN General Assembly's resolution let MacArthur's forces go north."
    idea: collective_security
    when: {units_north_of: {lat: 38.0, seat: un, exclude_nation: rok}}
    effects:
      - track: {name: intervention, add: 25}
      - track: {name: cohesion, add: -5}
scoring:
  historical:
    escalation_peak: 40
    cohesion: 60
"""


def politics_scenario(doc: str = POLITICS):
    """The campaign with the politics above attached to its config."""
    sc = load_scenario("1950-invasion")
    problems = []
    ctx = ParseContext(sc.board, sc.config.seats, unit_ids={u.id for u in sc.units},
                       report=lambda p, m: problems.append((p, m)))
    pol = compile_politics(ctx, yaml.safe_load(doc))
    assert not problems, problems
    return dataclasses.replace(sc, config=dataclasses.replace(sc.config, politics=pol))


@pytest.fixture(scope="module")
def scenario():
    return politics_scenario()


@pytest.fixture
def errors(monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "test-log")
    return seen


def make_app(tmp_path, size=(1280, 720), scale=100):
    a = App(Settings(animation="instant", ui_scale=scale), tmp_path / "saves", size=size, persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    return a


def frames(app, n=2):
    for _ in range(n):
        app.frame(dt=0.02)


def human_match(scenario, seed=1):
    return Match.start(scenario, seed, {"dprk_prc": "human", "rok": "ai:normal", "un": "ai:normal"})


@pytest.mark.parametrize("size,scale", [((1280, 720), 100), ((1280, 720), 200), ((1920, 1080), 200)])
def test_top_bar_shows_the_tracks(tmp_path, scenario, errors, size, scale):
    app = make_app(tmp_path, size, scale)
    screen = GameScreen(app, Table(human_match(scenario)))
    app.show(screen)
    frames(app)
    names = [g.name for g in screen.gauges]
    assert names == ["escalation", "intervention", "cohesion", "weariness_un", "weariness_communist", "talks",
                     "balance"]
    w = size[0]
    for r in screen.gauge_rects:                       # every gauge on screen, none overlapping
        assert 0 <= r.x and r.right <= w and r.width >= app.s(100)
    for a in range(len(screen.gauge_rects)):
        for b in range(a + 1, len(screen.gauge_rects)):
            assert not screen.gauge_rects[a].colliderect(screen.gauge_rects[b])
    assert screen.map_rect.top >= screen.strip.bottom
    # Every top-bar button is inside the window.
    for b in screen.buttons.values():
        assert b.rect.right <= w
    # The escalation tooltip says what moves it, its thresholds and its idea.
    tip = screen.gauge_tip(0)
    assert "Moved by" in tip and "MiG Alley at 40" in tip and "Escalation control" in tip
    assert errors == []


def test_flow_wraps_into_balanced_rows():
    assert flow([100] * 4, 1000, 5) == [[0, 1, 2, 3]]
    assert flow([100] * 8, 500, 5) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert flow([300, 100, 100], 250, 5) == [[0], [1, 2]] or flow([300, 100, 100], 250, 5) == [[0], [1], [2]]


def test_decisions_panel_lists_and_decides(tmp_path, scenario, errors):
    app = make_app(tmp_path)
    table = Table(human_match(scenario))
    screen = GameScreen(app, table)
    app.show(screen)
    frames(app)
    assert screen.match.phase is Phase.POLITICAL and screen.my_turn
    panel = screen.decisions_panel
    assert set(panel.buttons) == {"soviet_air", "offer_talks", "sign_now"}
    assert not screen.info.visible
    # Click "Decide" on the Soviet air cover card, as a player would.
    button = panel.buttons["soviet_air"]
    pos = button.rect.center
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], dt=0.02)
    frames(app, 2)
    for _ in range(3):                                # pygame_gui posts the press as an event
        app.frame(pygame.event.get(), dt=0.02)
    truth = screen.match.reveal()
    assert screen.match.view("dprk_prc").decision_date("soviet_air") == truth.date
    assert truth.tracks["escalation"] == 45
    assert "soviet_air" not in panel.buttons and "offer_talks" in panel.buttons
    # The log shows the decision with its history note in italics and its idea as a tag.
    html_log = screen.log_box.html_text
    assert "Request Soviet air cover" in html_log and "<i>" in html_log and "[Escalation control]" in html_log
    # The escalation gauge now shows the new value, past MiG Alley.
    esc_gauge = screen.gauges[0]
    assert esc_gauge.value == 45 and esc_gauge.stage == "MiG Alley"
    # Continue to movement: the panel goes, the unit and hex boxes come back.
    screen.end_phase()
    frames(app)
    assert screen.match.phase is Phase.MOVEMENT
    assert not panel.visible and screen.info.visible
    assert errors == []


def panel_texts(app) -> str:
    return " ".join(el.html_text for el in app.manager.get_sprite_group().sprites()
                    if isinstance(getattr(el, "html_text", None), str))


def test_decision_risks_are_the_engines_preview(tmp_path, errors):
    """A card's risks are the tracks after the decision as the engine previews it on a copy of the seat's
    view -- a rule that reacts at once shows too -- and nothing changes in the game."""
    doc = POLITICS.replace("decisions:", """  - id: migs_alarm
    check: [after_action]
    when: {track: {name: escalation, at_least: 40}}
    text: "Washington reads the MiGs over the Yalu as Soviet escalation; Beijing braces."
    effects:
      - track: {name: intervention, add: 10}
decisions:""", 1)
    app = make_app(tmp_path)
    table = Table(human_match(politics_scenario(doc)))
    screen = GameScreen(app, table)
    app.show(screen)
    frames(app)
    before = table.match.checksum()
    cards = panel_texts(app)
    assert "Escalation from 5 to 45: <b>reaches MiG Alley (40)</b>" in cards
    assert "PRC intervention from 0 to 10 (next: warning at 25)" in cards     # the rule's reaction, foreseen
    assert "Armistice talks from 0 to 10" in cards
    assert table.match.checksum() == before and table.match.reveal().tracks["intervention"] == 0
    assert errors == []


def test_decisions_window_is_read_only(tmp_path, scenario, errors):
    app = make_app(tmp_path)
    match = Match.start(scenario, 3, {"dprk_prc": "human", "rok": "human", "un": "human"})
    table = Table(match)
    table.viewer = "un"
    screen = GameScreen(app, table)
    app.show(screen)
    frames(app)
    before = match.checksum()
    screen.show_decisions()
    frames(app)
    assert screen.decisions_window is not None and screen.decisions_window.alive()
    boxes = [el for el in screen.decisions_window.get_container().elements if hasattr(el, "html_text")]
    text = " ".join(b.html_text for b in boxes)
    assert "Cross the 38th parallel" in text and "unit other than ROK is north of 38°N" in text
    assert "Request Soviet air cover" not in text          # the other side's decisions stay private
    assert match.checksum() == before
    assert errors == []


def test_decisions_window_status_from_the_observation(tmp_path, scenario, errors):
    """In the seat's political phase the window says which decisions are open (the engine's legal actions)
    and which were taken (the observation's decision dates)."""
    app = make_app(tmp_path)
    table = Table(human_match(scenario))
    screen = GameScreen(app, table)
    app.show(screen)
    frames(app)
    screen.decide("soviet_air")
    frames(app)
    screen.show_decisions()
    frames(app)
    boxes = [el for el in screen.decisions_window.get_container().elements if hasattr(el, "html_text")]
    text = " ".join(b.html_text for b in boxes)
    taken = table.view().decision_date("soviet_air")
    assert f"Request Soviet air cover</b> — <font color='#b0a68a'>taken on {taken:%d %b %Y}" in text
    assert "Offer armistice talks</b> — <font color='#8fd19e'>open now" in text
    assert errors == []


def signed_table(scenario):
    match = human_match(scenario)
    table = Table(match)
    table.submit(Decide("sign_now"))
    assert match.over and match.reveal().outcome == "armistice"
    return table


def test_dmz_drawn_after_an_armistice(tmp_path, scenario, errors):
    app = make_app(tmp_path)
    table = signed_table(scenario)
    dmz = table.view().dmz
    assert dmz == table.match.reveal().dmz and len(dmz) > 10
    screen = GameScreen(app, table)
    app.show(screen)
    mv = screen.mapview
    board = table.match.board
    mv.layout.size = 16
    mv.layout.center_on_hex(board.hex_at(dmz[len(dmz) // 2][0]))
    mv.set_view(None)          # no counters over the line, for the pixel check below
    frames(app)
    assert mv.dmz == [tuple(x) for x in dmz] and mv.dmz_label.startswith("DMZ (")
    segments = mv.dmz_segments(margin=1e6)
    assert len(segments) == len(dmz)
    # Each segment joins two corners the hex shares with its neighbour across that side.
    for (i, d), (p, q) in zip(dmz[:20], segments[:20]):
        j = int(board.neighbors[i, d])
        theirs = mv.layout.hex_corners(board.hex_at(j))
        for pt in (p, q):
            assert min(abs(pt[0] - c[0]) + abs(pt[1] - c[1]) for c in theirs) < 1e-6
    # Red hatching along the line.
    mv.set_view(None)
    mv.draw(app.window)
    pixels = pygame.surfarray.pixels3d(app.window)
    reds = 0
    segments = mv.dmz_segments()
    assert len(segments) > 10
    for p, q in segments:
        x, y = int((p[0] + q[0]) / 2) + mv.rect.x, int((p[1] + q[1]) / 2) + mv.rect.y
        patch = pixels[max(0, x - 4):x + 5, max(0, y - 4):y + 5].reshape(-1, 3).astype(int)
        reds += int(((patch[:, 0] > 100) & (patch[:, 0] > patch[:, 1] + 70) & (patch[:, 0] > patch[:, 2] + 70)).any())
    del pixels
    assert reds > len(segments) * 0.8
    assert screen.buttons["end"].text == "Summary ›"
    assert errors == []


@pytest.mark.parametrize("size", ((1600, 900), (1280, 720)))
def test_after_the_game_ends_the_top_bar_says_it_is_over(tmp_path, scenario, errors, size):
    """Play-test §8: the final map's top bar read 'DPRK / PRC: combat' after the armistice."""
    app = make_app(tmp_path, size=size, scale=150 if size[0] < 1600 else 100)
    table = signed_table(scenario)
    screen = GameScreen(app, table)
    app.show(screen)
    frames(app)
    status = screen.status.text + " " + (screen.status2.text if screen.status2 else "")
    assert "Game over: armistice signed" in status
    assert not any(f": {phase.value}" in status for phase in Phase), status
    assert errors == []


def test_end_screen_shows_scores_and_charts(tmp_path, scenario, errors):
    app = make_app(tmp_path)
    table = signed_table(scenario)
    screen = EndScreen(app, table)
    app.show(screen)
    frames(app)
    assert "armistice" in screen.subtitle.text
    text = screen.report.html_text
    for seat in ("DPRK / PRC", "Republic of Korea", "UN Command"):
        assert seat in text
    assert "history" in text and "Escalation avoided: it peaked" in text
    assert screen.charts_drawn >= 5
    hist = track_history(table.match.log, table.view())
    assert "balance" not in hist and hist["escalation"][0][1] == 5
    assert screen.mapview is not None and screen.mapview.dmz      # the final map, with the DMZ
    # "The final map" opens the game screen on the finished war; its Summary button comes back.
    app.frame([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=screen.back)], dt=0.02)
    assert isinstance(app.screen, GameScreen)
    frames(app)
    app.screen.end_phase()
    assert isinstance(app.screen, EndScreen)
    assert errors == []


def test_track_history_from_the_log(scenario):
    table = Table(human_match(scenario))
    table.submit(Decide("soviet_air"))
    hist = track_history(table.match.log, table.view())
    assert [v for _d, v in hist["escalation"]] == [5, 45, 45]
    assert hist["weariness_communist"][-1][1] == 2


def test_no_politics_no_strip(tmp_path, errors):
    app = make_app(tmp_path)
    sc = load_scenario("1950-invasion")
    sc = dataclasses.replace(sc, config=dataclasses.replace(sc.config, politics=None))
    screen = GameScreen(app, Table(human_match(sc)))
    app.show(screen)
    frames(app)
    assert screen.gauges == [] and screen.decisions_button is None
    app.show(EndScreen(app, screen.table))
    frames(app)
    assert "DPRK / PRC" in app.screen.report.html_text and app.screen.charts_drawn == 0
    assert errors == []


def test_monkey_on_the_political_screens(tmp_path, scenario, errors):
    """Random clicks and keys over the strip, the decisions panel and its windows: nothing may crash."""
    app = make_app(tmp_path)
    rng = np.random.default_rng(7)
    keys = [pygame.K_SPACE, pygame.K_ESCAPE, pygame.K_h, pygame.K_f, pygame.K_TAB, pygame.K_RETURN]
    w, h = app.size
    app.show(GameScreen(app, Table(Match.start(scenario, 5, {"dprk_prc": "human", "rok": "ai:normal",
                                                               "un": "human"}))))
    for step in range(300):
        batch = []
        screen = app.screen
        targets = []
        if isinstance(screen, GameScreen):
            targets = [b.rect.center for b in screen.decisions_panel.buttons.values()] + \
                      [r.center for r in screen.gauge_rects]
            if screen.decisions_button is not None:
                targets.append(screen.decisions_button.rect.center)
        r = rng.random()
        if targets and r < 0.5:
            pos = targets[int(rng.integers(len(targets)))]
        else:
            pos = (int(rng.integers(0, w)), int(rng.integers(0, h)))
        if r < 0.85:
            batch += [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                      pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                      pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)]
        else:
            batch.append(pygame.event.Event(pygame.KEYDOWN, key=int(rng.choice(keys)), mod=0, unicode=""))
        app.frame(batch + pygame.event.get(), dt=0.02)
        if not app.running:
            app.running = True
        if not isinstance(app.screen, (GameScreen, EndScreen)):
            app.show(GameScreen(app, Table(Match.start(scenario, int(rng.integers(100)),
                                                       {"dprk_prc": "human", "rok": "ai:normal", "un": "human"}))))
    assert errors == [], [repr(e) for e in errors[:3]]


def test_every_gauge_reads_whole_points_of_its_own_scale():
    """A war weariness of 0.3 (of 100) reads 0, never '0.3' beside another scenario's '30'."""
    from game.scenario.loader import load_scenario
    from game.ui.tracks_bar import gauges
    match = Match.start(load_scenario("1950-invasion"), 1, {})
    state = match.state
    state.tracks[state.setup.track_index["weariness_un"]] = 0.3
    g = next(x for x in gauges(match.view("un")) if x.name == "weariness_un")
    assert g.value_text == "0"


def test_an_idea_tag_opens_the_glossary_at_that_idea(tmp_path, errors):
    """The '[Collective security]' tags under political events and decisions are links: they open the glossary,
    which explains every idea a scenario may name."""
    import pygame_gui

    from game.engine.politics.model import IDEAS
    from game.ui.decisions_panel import idea_tag
    from game.ui.glossary import GLOSSARY
    assert set(IDEAS) <= set(GLOSSARY)
    assert idea_tag("collective_security") == "<a href='idea:collective_security'>[Collective security]</a>"
    app = make_app(tmp_path)
    screen = GameScreen(app, Table(human_match(politics_scenario(POLITICS))))
    app.show(screen)
    frames(app)
    app.frame([pygame.event.Event(pygame_gui.UI_TEXT_BOX_LINK_CLICKED, link_target="idea:collective_security",
                                  ui_element=screen.log_box)], dt=0.02)
    win = screen.glossary_window
    assert win.alive() and win.window_display_title == "Ideas of international relations"
    text = " ".join(el.html_text for el in win.get_container().elements if hasattr(el, "html_text"))
    assert text.index("Collective security") < text.index("Balance of power") and "In this war:" in text
    assert errors == []


def test_the_rules_reference_is_made_from_the_engines_tables(tmp_path, errors):
    """F2: pages for a turn, movement, combat, supply, the tracks and the ideas; the combat page holds the engine's
    own odds table and result names, the movement page the terrain costs, so the reference cannot drift."""
    from game.engine.combat import RESULT_NAMES, TABLE
    from game.ui.rules_reference import pages
    app = make_app(tmp_path)
    screen = GameScreen(app, Table(human_match(politics_scenario(POLITICS))))
    app.show(screen)
    frames(app)
    book = dict(pages(screen.match.config))
    assert list(book) == ["A turn", "Movement", "Combat", "Supply", "Tracks", "Ideas"]
    assert all(", ".join(f"{k + 1} {c}" for k, c in enumerate(row)) in book["Combat"] for row in TABLE)
    assert all(name in book["Combat"] for name in RESULT_NAMES.values())
    assert "hills: 2 MP" in book["Movement"] and "Zones of control" in book["Movement"]
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F2, mod=0, unicode="")], dt=0.02)
    win = screen.rules_window
    assert win.alive() and win.window_display_title == "Rules"
    combat = next(el for el in win.get_container().elements if getattr(el, "rules_page", None) == 2)
    screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=combat))
    text = " ".join(el.html_text for el in screen.rules_window.get_container().elements if hasattr(el, "html_text"))
    assert "Column shifts" in text and "One die" in text
    assert errors == []
