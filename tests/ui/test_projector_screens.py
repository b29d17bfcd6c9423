"""Screens a projector shows at 150-200% (play-test report: the scenario list cut names with no ellipsis and the
scenario's title read smaller than its text; the seat set-up lost the notes on what the computer's personalities
and difficulties mean)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import re  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402
from ui_app import frames, make_app  # noqa: E402

from game.scenario.loader import load_scenario  # noqa: E402
from game.ui.screens.scenario_choice import short_title  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402


@pytest.mark.parametrize("scale, size", ((100, (1600, 900)), (150, (1600, 900)), (200, (1600, 900)),
                                         (200, (1280, 720))))
def test_scenario_names_fit_the_list_and_the_title_is_a_heading(tmp_path, errors, scale, size):
    """Play-test §4: at 150/200% the list cut names with no ellipsis ("The Pusan Perimeter, Augus"), and the
    scenario's title in the details was smaller than their text."""
    app = make_app(tmp_path, scale, size)
    screen = app.go("scenario_choice")
    frames(app)
    font = app.manager.get_theme().get_font(["selection_list"])
    titles = {sid: screen.scenario(sid).title for sid in screen.ids}
    for item in screen.list.item_list:
        text, title = item["text"], titles[item["object_id"]]
        assert font.size(text)[0] <= screen.list.rect.width - app.s(30), f"{text!r} is cut at {scale}%"
        assert text == title or text.endswith("…") or title.startswith(text + ", "), (text, title)
    for sid in screen.ids:
        screen.chosen = sid
        screen.show_chosen()
        html = screen.text.html_text
        assert titles[sid].replace("&", "&amp;") in html       # the whole title, however the list shows it
        size_px = int(re.search(r"pixel_size=(\d+)", html).group(1))
        assert size_px > round(14 * scale / 100)               # larger than the text box's body
    assert short_title("The Pusan Perimeter, August-September 1950", lambda t: len(t) <= 25) == "The Pusan Perimeter"
    assert short_title("Chinese Intervention: the Yalu, Chosin and Hungnam, 1950", lambda t: len(t) <= 30) == \
        "Chinese Intervention: the…"
    assert errors == []


@pytest.mark.parametrize("scale, size", ((200, (1600, 900)), (200, (1280, 720)), (175, (1280, 720)),
                                         (150, (1600, 900)), (100, (1280, 720))))
def test_seat_set_up_keeps_the_notes_on_the_choices(tmp_path, errors, scale, size):
    """At 200% the notes on historical/aggressive/cautious and easy/normal/hard went; they keep their place (and
    scroll where they do not fit whole), below the seats and clear of every control."""
    app = make_app(tmp_path, scale, size)
    setup = app.go("seat_setup", scenario=load_scenario("1950-invasion"))
    assert isinstance(setup, SeatSetup)
    frames(app)
    assert setup.notes is not None, f"no notes at {scale}% on {size}"
    assert "<b>Historical</b>" in setup.notes.html_text and "<b>hard</b>" in setup.notes.html_text
    window = pygame.Rect((0, 0), size)
    notes = setup.notes.rect
    assert window.contains(notes) and notes.height >= app.s(25) * 2
    controls = [*setup.labels.values(), *setup.who_menus.values(), *setup.level_menus.values(), setup.seed_entry,
                setup.back, setup.start]
    assert not any(notes.colliderect(c.rect) for c in controls)
    assert all(notes.top >= menu.rect.bottom for menu in setup.who_menus.values())
    assert errors == []
