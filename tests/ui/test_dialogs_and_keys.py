"""Dialogs at every UI scale and the Esc key (play-test report: at 200% every window's title was cut in half and its
close button stayed tiny, 'Dismiss' spilled out of its button, tooltips near the right edge wrapped to a word or two
a line; Esc in Settings with a list open left the screen and lost the choices; Esc ignored the Classroom notice)."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
from pygame_gui.elements import UIWindow  # noqa: E402
from ui_app import frames, make_app  # noqa: E402

from game.ui.manager import tip_lines, tip_width  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.theme import theme  # noqa: E402


def escape(app) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="")], dt=0.02)
    frames(app, 1)


def press(app, button) -> None:
    app.screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button))


def test_the_theme_scales_title_bars_close_buttons_and_tooltips():
    assert theme(1.0)["window"]["misc"]["title_bar_height"] == "28"
    big = theme(2.0)
    assert big["window"]["misc"]["title_bar_height"] == "56"
    assert big["window.#close_button"]["font"]["size"] == "28"
    assert big["tool_tip"]["misc"]["rect_width"] == "640"


@pytest.mark.parametrize("scale", (100, 150, 200))
def test_a_window_title_and_its_close_button_grow_with_the_scale(tmp_path, errors, scale):
    app = make_app(tmp_path, scale)
    app.go("menu")
    win = UIWindow(pygame.Rect(100, 100, app.s(500), app.s(300)), app.manager, window_display_title="Keys and mouse")
    frames(app)
    title_font = app.manager.get_theme().get_font(["button"])
    bar = win.title_bar.rect
    assert bar.height >= title_font.size("Keys and mouse")[1], "the title is cut"
    close = win.close_window_button.rect
    assert close.height == bar.height and close.width >= app.s(26)
    assert errors == []


@pytest.mark.parametrize("scale", (100, 200))
def test_dismiss_fits_its_button(tmp_path, errors, scale):
    app = make_app(tmp_path, scale)
    app.go("menu", offer_autosave=Path("autosave-tutorial-t002-0.json"))      # the notice after a crash
    frames(app)
    dialog = app.dialog
    assert dialog is not None and dialog.alive()
    button = dialog.dismiss_button
    w, h = app.manager.get_theme().get_font(["button"]).size("Dismiss")
    assert button.rect.width > w and button.rect.height > h, "'Dismiss' spills out of its button"
    assert dialog.get_container().get_rect().contains(button.rect)
    assert not dialog.text_block.rect.colliderect(button.rect)
    assert errors == []


def test_a_tooltip_is_as_wide_as_its_text_up_to_a_paragraph():
    assert tip_lines("<b>Save</b> the game<br>(Ctrl+S) &amp; more") == ["Save the game", "(Ctrl+S) & more"]
    assert tip_width([100, 60], 20, 400, 1600) == 120          # short: as wide as its longest line
    assert tip_width([900], 20, 400, 1600) == 400              # long: a paragraph, wrapped
    assert tip_width([900], 20, 400, 300) == 300               # never wider than the window


@pytest.mark.parametrize("scale", (100, 200))
def test_a_tooltip_at_the_right_edge_keeps_whole_lines_in_the_window(tmp_path, errors, scale):
    app = make_app(tmp_path, scale)
    app.go("menu")
    frames(app)
    text = "The political decisions of your side: which exist, when they open, what they do."
    right = (app.size[0] - 5, app.s(100))
    tip = app.manager.create_tool_tip(text, right, (0, app.s(20)), None, None)
    frames(app)
    window = pygame.Rect((0, 0), app.size)
    assert window.contains(tip.rect)
    font = app.manager.get_theme().get_font(["tool_tip"])
    # At least half the text on a line: never a column of one or two words.
    assert tip.rect.width >= font.size(text)[0] // 2
    short = app.manager.create_tool_tip("Save the game (Ctrl+S).", right, (0, app.s(20)), None, None)
    assert short.rect.width < font.size(text)[0] // 2 and window.contains(short.rect)
    assert errors == []


def test_a_tooltip_never_lies_over_a_window_opened_above_its_button(tmp_path, errors):
    """The Decisions button's tip stayed over the Decisions window it opened (a play-tester); a tip shown when a
    window opens goes, and one made while the window is open keeps out of its way; a button in the window keeps
    its own tip."""
    from pygame_gui.elements import UIButton, UIWindow
    app = make_app(tmp_path)
    app.go("menu")
    frames(app)
    m = app.manager
    under = UIButton(pygame.Rect(100, 100, 120, 40), "Under", m, tool_tip_text="A tip")
    shown = m.create_tool_tip("A tip", (160, 120), (0, 20), under, None)
    under.tool_tip = shown
    win = UIWindow(pygame.Rect(60, 60, 500, 400), m, window_display_title="Over it")
    frames(app)
    assert under.tool_tip is None and not shown.alive()          # made anew after the hover delay, if still hovered
    hidden = m.create_tool_tip("A tip", (160, 120), (0, 20), under, None)
    assert not hidden.rect.colliderect(win.rect) and not pygame.Rect((0, 0), app.size).colliderect(hidden.rect)
    inside = UIButton(pygame.Rect(10, 10, 120, 40), "Inside", m, container=win, tool_tip_text="Its tip")
    own = m.create_tool_tip("Its tip", inside.rect.center, (0, 20), inside, None)
    assert own.rect.colliderect(win.rect)
    assert errors == []


def test_esc_closes_a_notice_on_the_menu(tmp_path, errors):
    app = make_app(tmp_path)
    app.go("menu", offer_autosave=Path("autosave-tutorial-t002-0.json"))
    frames(app)
    dialog = app.dialog
    assert dialog is not None and dialog.alive()
    escape(app)
    assert not dialog.alive() and app.dialog is None and isinstance(app.screen, MainMenu)
    assert errors == []


def open_list(app, menu) -> None:
    menu.current_state.should_transition = True       # what a click on the closed drop-down does
    frames(app)
    assert menu.current_state is menu.menu_states["expanded"]


def test_esc_in_settings_closes_an_open_list_before_it_leaves(tmp_path, errors):
    app = make_app(tmp_path)
    app.go("settings")
    screen = app.screen
    menu = screen.menus["size"]
    open_list(app, menu)
    escape(app)
    assert app.screen is screen, "Esc with a list open left Settings"
    frames(app)
    assert menu.current_state is menu.menu_states["closed"]
    escape(app)
    assert isinstance(app.screen, MainMenu)                # nothing changed: Esc leaves without a question
    assert errors == []


def choose(app, key, text) -> None:
    menu = app.screen.menus[key]
    app.screen.on_ui(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, ui_element=menu, text=text))


def test_leaving_settings_with_changes_not_applied_asks(tmp_path, errors):
    app = make_app(tmp_path)
    app.go("settings")
    screen = app.screen
    choose(app, "palette", "Colour-blind safe")
    escape(app)
    assert app.screen is screen and screen.ask_window is not None and screen.ask_window.alive()
    assert "Colours: Standard to Colour-blind safe" in screen.changes()
    escape(app)                                            # Esc on the question: stay
    assert app.screen is screen and not screen.ask_window
    press(app, screen.back)
    buttons = {b.ask_key: b for b in app.manager.get_sprite_group().sprites() if getattr(b, "ask_key", None)}
    assert set(buttons) == {"apply", "discard", "stay"}
    press(app, buttons["discard"])
    assert isinstance(app.screen, MainMenu) and not app.settings.colourblind

    app.go("settings")
    choose(app, "palette", "Colour-blind safe")
    press(app, app.screen.back)
    apply = next(b for b in app.manager.get_sprite_group().sprites() if getattr(b, "ask_key", None) == "apply")
    press(app, apply)
    assert isinstance(app.screen, MainMenu) and app.settings.colourblind
    assert errors == []


def test_esc_in_seat_set_up_closes_an_open_list_first(tmp_path, errors):
    from game.scenario.loader import load_scenario
    app = make_app(tmp_path)
    screen = app.go("seat_setup", scenario=load_scenario("tutorial"))
    frames(app)
    menu = screen.who_menus["un"]
    open_list(app, menu)
    escape(app)
    assert app.screen is screen
    escape(app)
    assert not isinstance(app.screen, type(screen))
    assert errors == []


@pytest.mark.parametrize("scale", [100, 200])
def test_a_question_window_grows_to_its_text(tmp_path, scale):
    """A play-tester read 'Unsaved moves' through a scroll bar, its text cut mid-line: the window is as tall as its
    question needs (up to the screen), so the whole text shows without scrolling."""
    from pygame_gui.elements import UITextBox

    from game.ui.leave_dialog import question
    from game.ui.question_window import question_window
    app = make_app(tmp_path, scale)
    win = question_window(app.manager, app.s, app.size, (440, 200), "Unsaved moves", question(9, 1),
                          (("leave", "Leave"), ("stay", "Stay")), "leave_key")
    frames(app, 1)
    box = next(e for e in win.get_container().elements if isinstance(e, UITextBox))
    assert box.scroll_bar is None, "the question needs scrolling"
    assert win.rect.height > app.s(200) and win.rect.bottom <= app.size[1]


def test_apply_in_settings_says_what_it_did(tmp_path, errors):
    # rule: a play-tester pressed Apply and could not tell it had worked; a line beside it says what was applied.
    from pygame_gui.elements import UILabel
    app = make_app(tmp_path)
    app.go("settings")
    choose(app, "animation", "Slow")
    press(app, app.screen.apply)
    frames(app, 1)
    texts = [e.text for e in app.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
    assert "Applied: Computer moves: Instant to Slow" in texts, texts
    assert app.settings.animation == "slow"
    press(app, app.screen.apply)
    frames(app, 1)
    texts = [e.text for e in app.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
    assert "Nothing had changed." in texts
    choose(app, "animation", "Fast")
    choose(app, "sound", "Off")
    press(app, app.screen.apply)
    frames(app, 1)
    texts = [e.text for e in app.manager.get_sprite_group().sprites() if isinstance(e, UILabel)]
    assert "Applied: Computer moves, Sound." in texts, texts         # each by name, not "... and 1 more"
    assert errors == []
