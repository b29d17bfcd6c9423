"""What the play-tester read, item by item: one name per gauge, no internal ids, decisions said in words, an end
screen that agrees with itself, and a Classroom button a user understands."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import re  # noqa: E402
from html import unescape  # noqa: E402

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
import ui_app  # noqa: E402

from game.engine import api  # noqa: E402
from game.scenario.loader import load_scenario, scenario_ids  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402

SEATS = {"dprk_prc": "human", "rok": "human", "un": "human"}


def plain_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")))


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


def make_app(tmp_path, scale=100):
    return ui_app.make_app(tmp_path, scale, (1280, 720))


# -- 4. one name per gauge ----------------------------------------------------------------------------------

def shortens(short: str, label: str) -> bool:
    """Whether ``short`` is ``label`` cut down: each of its words the start of one of the label's, in order, and
    the label's qualifier in brackets kept ("Wear. (comm.)" of "War weariness (communist)")."""
    words = [w.lower() for w in label.split()]
    k = 0
    for part in short.lower().split():
        stem = part.strip("().…")
        while k < len(words) and not words[k].strip("()").startswith(stem):
            k += 1
        if k == len(words):
            return False
        k += 1
    return ("(" in label) == ("(" in short)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_a_gauges_short_labels_are_its_label_cut_short(scenario_id):
    """Play-test: one gauge read 'PRC intervention pressure', 'PRC intervention' and 'PRC entry'; another 'War
    weariness (communist)', 'Comm. weariness' and 'Comm. wear.'."""
    from game.ui.tracks_bar import SHORT, TINY
    pol = load_scenario(scenario_id).config.politics
    for name, spec in (pol.tracks.items() if pol else ()):
        for short in (SHORT.get(name), TINY.get(name)):
            if short:
                assert shortens(short, spec.label), (name, short, spec.label)


def test_the_tooltip_and_the_rules_reference_give_the_full_label(campaign):
    from game.ui.rules_reference import pages
    from game.ui.tracks_bar import gauges
    view = Match.start(campaign, 1, SEATS).view("un")
    for g in gauges(view):
        assert g.tip.startswith(f"<b>{g.label}</b>")
    tracks = dict(pages(campaign.config))["Tracks"]
    assert "<b>PRC intervention pressure</b>" in tracks and "<b>War weariness (communist)</b>" in tracks


# -- 5. no internal ids ---------------------------------------------------------------------------------------

def test_a_unit_is_described_by_its_nations_name(tmp_path, campaign, errors):
    from game.ui.screens.game_screen import GameScreen
    app = make_app(tmp_path)
    screen = GameScreen(app, Table(Match.start(campaign, 1, SEATS)))
    app.show(screen)
    view = screen.view
    rok = next(u for u in view.units.values() if u.nation == "rok" and u.hex is not None)
    card = screen.unit_card(rok)
    assert f"Republic of Korea · South Korea · {rok.type} {rok.size}" in card and "· rok ·" not in card
    kpa = next(u for u in view.units.values() if u.nation == "dprk" and u.hex is not None)
    assert "North Korea" in screen.unit_card(kpa) and "· dprk ·" not in screen.unit_card(kpa)
    assert "North Korea (1950)" in screen.hex_card(kpa.hex)
    assert errors == []


def test_the_rules_reference_names_the_thresholds_in_words(campaign):
    from game.ui.rules_reference import pages
    tracks = dict(pages(campaign.config))["Tracks"]
    assert "Thresholds: MiG Alley at 40, Soviet warning at 70, general war at 100" in tracks
    assert "mig alley" not in tracks and "soviet_warning" not in tracks


def decision_block(view, decision_id: str) -> str:
    from game.ui.decisions_panel import overview_html
    title = view.config.politics.decisions[decision_id].title
    return next(plain_text(b) for b in overview_html(view).split("<br><br>") if plain_text(b).startswith(title))


def test_a_decision_says_when_and_what_in_words(campaign):
    """Play-test: 'When: intervention at least 40 and not (pva entered)', 'Does: rules out: ...; rules out: ...',
    'Does: nothing in your favour', 'When: turn 2–…', and 'send the volunteers' never said what they do."""
    view = Match.start(campaign, 1, SEATS).view("dprk_prc")
    block = decision_block(view, "intervene")
    assert ("When: PRC intervention pressure is 40 or more, and the Chinese People's Volunteers have not yet "
            "entered the war") in block
    assert "Does: 48 PVA divisions enter the war: 12 at once, the last 5 months later" in block
    assert "no longer possible: 'China warns through India', 'Beijing's alarm grows'" in block
    assert "Costs: our supply sources close: Seoul rail yards, Ch'onan railhead" in block
    un = Match.start(campaign, 1, SEATS).view("un")
    assert "When: escalation is 25 or more" in decision_block(un, "relieve_commander")
    assert "closes: 'Strike the Manchurian airfields'" in decision_block(un, "relieve_commander")
    tutorial = Match.start(load_scenario("tutorial"), 1, SEATS).view("un")
    assert "When: from turn 2" in decision_block(tutorial, "seek_unga_resolution")
    for scenario_id in scenario_ids():
        sc = load_scenario(scenario_id)
        if sc.config.politics is None:
            continue
        match = Match.start(sc, 1, {s.id: "human" for s in sc.config.seats})
        for seat in sc.config.seats:
            from game.ui.decisions_panel import overview_html
            text = plain_text(overview_html(match.view(seat.id)))
            for bad in ("rules out", "nothing in your favour", "–…", "not (", "_", " at least ", "sets "):
                assert bad not in text, (scenario_id, seat.id, bad)


# -- 6. the end screen ---------------------------------------------------------------------------------------

def test_the_end_screen_agrees_with_itself_and_puts_the_viewer_first(campaign):
    """Play-test: 'took 1 enemy steps'; a UN score saying 'holds Seoul, Kaesong, Sariwon (3 of the 5 victory
    places)' above 'In the field: ... 0 victory places held'; 'outcome +0.0' never explained; seats in the
    scenario's order whoever was looking."""
    from game.ui.screens.end_screen import report_html
    match = Match.start(campaign, 1, SEATS)
    s = match.state
    s.steps_inflicted[s.setup.seat_index["un"]] = 1
    truth = api.reveal(s)
    text = plain_text(report_html(truth, campaign.config, "un"))
    blocks = text.split("\n\n")
    assert blocks[0].startswith("UN Command")
    assert "your units took 1 enemy step and lost" in blocks[0]
    for block in blocks:
        held = re.search(r"\((\d+) of the (\d+) victory places\)", block)
        field = re.search(r"its side holds (\d+) of the (\d+) victory places", block)
        assert held and field and held.groups() == field.groups(), block
        assert "\n• Outcome: " in block
    assert "UN Command" in plain_text(report_html(truth, campaign.config, "dprk_prc")).split("\n\n")[2]


# -- 7. the Classroom button ---------------------------------------------------------------------------------

def test_the_classroom_button_leads_to_the_classroom_and_its_tooltip_keeps_words_whole(tmp_path, errors):
    from game.ui.map_labels import get_font
    from game.ui.screens.menu import BUTTONS, MainMenu
    from game.ui.screens.scenario_choice import ScenarioChoice
    from game.ui.theme import theme
    for scale in (1.0, 1.5, 2.0):
        data = theme(scale)
        width = int(data["tool_tip"]["misc"]["rect_width"])
        font = get_font(int(data["tool_tip"]["font"]["size"]))
        for _key, _text, tip in BUTTONS:
            widest = max(font.size(word)[0] for word in tip.split())
            assert widest + 20 <= width, (scale, tip)
    app = make_app(tmp_path, scale=200)
    menu = MainMenu(app)
    app.show(menu)
    app.frame([pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=menu.buttons["classroom"])], dt=0.02)
    assert isinstance(app.screen, ScenarioChoice) and app.screen.classroom
    assert errors == []


def test_a_reduced_unit_reads_the_same_on_its_counter_its_card_and_its_tooltip():
    # rule: a brigade at 1 of 2 steps prints 2-2 on its counter (its strength now); the card and the tooltip said
    # "attack 3 · defence 3" and "3-3-5", its full strength, and a play-tester could not tell which was true.
    import dataclasses

    from game.engine.hexes import Hex
    from game.engine.units import Location, Unit
    from game.ui.counters import factors_words, unit_values
    u = Unit(id="b", name="27th Brigade", seat="un", nation="UK", type="infantry", size="brigade", attack=3,
             defence=3, movement=5, max_steps=2, steps=1, location=Location.MAP, hex=Hex(0, 0))
    assert unit_values(u) == (2, 2, 5)
    assert factors_words(u) == "2-2-5 (attack-defence-move; 3-3 at full strength)"
    assert factors_words(dataclasses.replace(u, steps=2)) == "3-3-5 (attack-defence-move)"


def test_a_days_moves_of_one_track_read_as_one_move():
    # rule: a play-tester read "War weariness (UN) +1 (now 24 of 100); ... War weariness (UN) +<1 (now 24 of 100)"
    # in one line of the log; a track's moves of one date are added up, once per track, in the order they came.
    from game.engine.api import track_moves
    from game.session.simulate import make_agents, play
    m = Match.start(load_scenario("stalemate-talks"), 3, {})
    events: list = []
    play(m, make_agents(m, "random", 3), turns=3, on_action=lambda _m, ev: events.extend(ev))
    by_date: dict = {}
    for e in events:
        if e.kind == "TrackChanged":
            by_date.setdefault(e.date, []).append(e)
    day = next(evs for evs in by_date.values() if len({e.data["track"] for e in evs}) < len(evs))
    moves = track_moves(day)
    tracks = list(dict.fromkeys(e.data["track"] for e in day))
    assert len(moves) <= len(tracks) < len(day)
    labels = {t: m.config.politics.tracks[t].label for t in tracks}
    for t in tracks:
        assert sum(text.startswith(labels[t] + " ") for text in moves) <= 1, moves
    order = [next(k for k, t in enumerate(tracks) if text.startswith(labels[t] + " ")) for text in moves]
    assert order == sorted(order)                     # in the order the tracks first moved
