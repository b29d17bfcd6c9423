"""The classroom in the window, headless (issue 12 §7): a scripted click-through as a teacher runs it -- the menu's
Classroom, a scenario, the class's set-up, the briefing, Play until the war stops at a key event, a what-if posed
from the key event's card, one step, a side's turn, a jump back and a branch -- a save replayed from the Load
screen, and the projector's settings.  Every button is pressed by a mouse click where the button is on screen.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
from ui_app import make_app  # noqa: E402

from game.scenario.loader import load_scenario  # noqa: E402
from game.session.classroom import Classroom  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.savefile import load_save  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.session.teaching import TEACHER_MARK  # noqa: E402
from game.ui.screens.classroom_screen import ClassroomScreen  # noqa: E402
from game.ui.screens.load_save import LoadScreen  # noqa: E402
from game.ui.screens.menu import MainMenu  # noqa: E402
from game.ui.screens.scenario_choice import ScenarioChoice  # noqa: E402
from game.ui.screens.seat_setup import SeatSetup  # noqa: E402
from game.ui.screens.settings_screen import SettingsScreen  # noqa: E402


def pump(app, n: int = 1) -> None:
    """Frames that read the event queue (pygame_gui posts a button's press there)."""
    for _ in range(n):
        app.frame(pygame.event.get(), dt=0.02)


def click(app, element) -> None:
    """A left click in the middle of ``element`` as it is on screen, and the frames pygame_gui answers in."""
    pos = element.rect.center
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], dt=0.02)
    pump(app, 4)


def key(app, k) -> None:
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="")], dt=0.02)


def until(app, test, limit: int = 3000) -> bool:
    for _ in range(limit):
        if test():
            return True
        pump(app)
    return test()


def test_a_scripted_classroom_session(tmp_path, errors):
    app = make_app(tmp_path, scale=150)
    app.show(MainMenu(app))
    pump(app)
    click(app, app.screen.buttons["classroom"])
    choice = app.screen
    assert isinstance(choice, ScenarioChoice) and choice.classroom and choice.chosen == "tutorial"
    assert "In class" in choice.text.html_text and "What if China holds back?" in choice.text.html_text
    click(app, choice.next)
    setup = app.screen
    assert isinstance(setup, SeatSetup) and setup.classroom
    assert set(setup.seats().values()) == {"ai:historical:normal"}            # every side the computer
    setup.seed_entry.set_text("7")
    click(app, setup.start)
    screen = app.screen
    assert isinstance(screen, ClassroomScreen) and screen.briefing_window.alive()
    room = screen.room
    assert screen.toggles["history"] and screen.toggles["plans"] and screen.fog is None
    click(app, next(b for b in screen.briefing_window.get_container().elements if getattr(b, "class_key", "")))
    assert not screen.open_windows()

    # Play: the computer plays until the war stops by itself at a key event, with its question.
    click(app, screen.cbuttons["play"])
    assert screen.playing or screen.open_windows()          # at no delay the first stop may come within the click
    assert until(app, lambda: screen.open_windows())
    assert not screen.playing and screen.pause_window.alive()
    card = next(el for el in screen.pause_window.get_container().elements
                if isinstance(el, pygame_gui.elements.UITextBox))
    assert "38th parallel" in card.html_text and "For discussion" in card.html_text
    assert "What really happened" in card.html_text

    # A what-if from the card: Rhee marches north alone (at the first chance; left alone the computer waits).
    whatif = next(b for b in screen.pause_window.get_container().elements
                  if getattr(b, "class_key", "") == "pause_whatif")
    click(app, whatif)
    k = next(i for i, w in enumerate(room.what_ifs) if w.title == "What if Rhee marches north alone?")
    click(app, screen.whatif_buttons[k])
    assert room.on == {k} and screen.whatif_buttons[k].text.startswith("ON: ")
    assert any(e.text.startswith("The teacher poses a what-if") for e in room.log)
    screen.whatif_window.kill()
    pump(app)

    # Step: one action, and the computer waits again.
    n = room.cursor
    click(app, screen.cbuttons["step"])
    assert until(app, lambda: screen.goal is None, 200)
    assert room.cursor == n + 1 and not screen.playing
    for w in screen.open_windows():
        w.kill()
    # A side's turn (T): the computer plays on to the next side (a key event on the way stops it; T goes on).
    seat = room.timeline.step_at(room.cursor).seat
    for _ in range(5):
        key(app, pygame.K_t)
        assert until(app, lambda: screen.goal is None, 3000)
        for w in screen.open_windows():
            w.kill()
        if room.timeline.step_at(room.cursor).seat != seat:
            break
    assert room.timeline.step_at(room.cursor).seat != seat and not screen.playing

    # Play on until Rhee marches: the what-if makes it the first chance, and the log says it was the teacher's.
    def marched():
        return any(a.kind == "decide" and a.decision == "rok_march_north" for a in room.match.record)
    for _ in range(40):
        if marched() or room.match.over:
            break
        for w in screen.open_windows():
            w.kill()
        screen.playing = True
        until(app, lambda: screen.open_windows() or room.match.over or marched(), 2000)
    assert marched()
    k_action = next(i for i, a in enumerate(room.match.record)
                    if a.kind == "decide" and a.decision == "rok_march_north")
    assert room.match.reasons[k_action].startswith(TEACHER_MARK)
    assert room.forced_by_teacher(k_action + 1) == "What if Rhee marches north alone?"
    for w in screen.open_windows():
        w.kill()
    screen.playing = False

    # Jump back to turn 2 from the timeline, and branch a new game there; the game so far stays as it was saved.
    click(app, screen.tbuttons["timeline"])
    lst = next(el for el in screen.timeline_window.get_container().elements if getattr(el, "jump_list", False))
    row = next(i for i in lst.item_list if i["text"].startswith("Turn 2 "))
    click(app, row["button_element"])
    assert not room.at_present and screen.table.match.turn == 2 and screen.table is room.past
    click(app, screen.tbuttons["branch"])
    yes = next(b for b in screen.branch_window.get_container().elements if getattr(b, "class_key", "") == "branch_yes")
    click(app, yes)
    branch = app.screen
    assert isinstance(branch, ClassroomScreen) and branch.room is not room
    assert branch.room.match.turn == 2 and branch.room.on == {k}
    original = room.save_path
    before = original.read_bytes()
    saved, _ = load_save(branch.room.save_path)
    assert saved.turn == 2 and saved.record == room.match.record[:room.cursor]
    branch.console_press("play")
    until(app, lambda: branch.room.match.turn >= 3 or branch.open_windows(), 2000)
    assert original.read_bytes() == before
    assert errors == []


def test_a_save_replays_from_the_load_screen_forward_and_back(tmp_path, errors):
    app = make_app(tmp_path)
    sc = load_scenario("tutorial")
    match = Match.start(sc, 11, {s.id: "ai:historical:normal" for s in sc.config.seats})
    room = Classroom(sc, Table(match))
    while room.match.turn < 3:
        room.step_ai()
    path = room.save(app.save_dir)
    load = app.go("load")
    assert isinstance(load, LoadScreen)
    pump(app)
    item = next(i for i in load.list.item_list if "Classroom game" in i["text"])
    click(app, item["button_element"])
    click(app, load.replay)                  # a tutorial's record is read in a frame or two (ReplayLoading)
    assert until(app, lambda: isinstance(app.screen, ClassroomScreen), 500)
    screen = app.screen
    replay = screen.room
    assert replay.replay and replay.cursor == 0 and replay.timeline.last == len(room.match.record)
    assert "Replay" in screen.status.text + (screen.status2.text if screen.status2 else "")
    click(app, screen.cbuttons["turn_fwd"])
    assert screen.table.match.turn == 2
    at = replay.cursor
    click(app, screen.cbuttons["step"])
    until(app, lambda: screen.goal is None, 100)
    assert replay.cursor == at + 1
    click(app, screen.cbuttons["back"])
    assert replay.cursor == at
    log = screen.log_box.html_text
    assert "01 Oct 50" in log or "08 Oct 50" in log
    assert replay.step_ai() == ([], [])                           # the computer never plays on in a replay
    assert path.is_file()
    assert errors == []


def test_a_save_that_cannot_be_replayed_goes_back_to_the_list_with_its_reason(tmp_path, errors):
    app = make_app(tmp_path)
    bad = app.save_dir / "broken.json"
    bad.write_text("{ not json", encoding="utf-8")
    app.go("replay", path=bad)
    pump(app, 3)
    assert isinstance(app.screen, LoadScreen)
    assert app.dialog is not None and "cannot be replayed" in app.dialog.window_display_title.lower()
    assert errors == []


def test_settings_offer_projector_presets_and_high_contrast(tmp_path, errors):
    app = make_app(tmp_path)
    settings = app.go("settings")
    assert isinstance(settings, SettingsScreen)
    pump(app)
    click(app, settings.presets[150])
    assert settings.values["scale"] == 150 and settings.presets[150].is_selected
    settings.on_ui(pygame.event.Event(pygame_gui.UI_DROP_DOWN_MENU_CHANGED, text="High (projector)",
                                      ui_element=settings.menus["contrast"]))
    click(app, settings.apply)
    assert app.settings.ui_scale == 150 and app.settings.high_contrast
    theme = app.manager.get_theme()
    assert theme.get_colour("normal_bg", ["button"]) == pygame.Color("#000000")
    assert errors == []


def test_the_classroom_text_size_button_steps_through_the_presets(tmp_path, errors):
    app = make_app(tmp_path)
    sc = load_scenario("tutorial")
    room = Classroom(sc, Table(Match.start(sc, 3, {s.id: "ai:historical:normal" for s in sc.config.seats})))
    screen = app.go("classroom", room=room, intro=False)
    pump(app)
    assert screen.tbuttons["size"].text == "Text: 100%"        # the size it is, as Speed says the speed it is
    click(app, screen.tbuttons["size"])
    assert app.settings.ui_scale == 150 and app.screen is screen
    assert screen.tbuttons["size"].text == "Text: 150%"
    assert errors == []


def test_at_a_projectors_scale_the_classroom_buttons_say_a_word_not_half_of_one(tmp_path, errors):
    """At 200% on a 1600x900 window the bar is short of room: "Side's turn »" becomes "Side »", not "Side's..."."""
    app = make_app(tmp_path, scale=200)
    sc = load_scenario("tutorial")
    room = Classroom(sc, Table(Match.start(sc, 3, {s.id: "ai:historical:normal" for s in sc.config.seats})))
    screen = app.go("classroom", room=room, intro=False)
    pump(app)
    texts = [b.text for b in (*screen.cbuttons.values(), *screen.tbuttons.values())]
    assert not [t for t in texts if t.endswith(("...", "…"))], texts
    assert screen.cbuttons["seat"].text == "Side »" and screen.tbuttons["size"].text.endswith("200%")
    assert errors == []


def test_the_classroom_words():
    """The key event's card puts the question before the history (a projector's type must not scroll to it); the
    timeline says the gap in days; the hint says what to do next in each state."""
    from datetime import date

    from game.session.teaching import Divergence, PauseHit
    from game.ui.classroom_html import divergence_html, hint_html, pause_html
    hit = PauseHit(0, 12, date(1950, 10, 1), "China warns.", "Zhou warned through India.", "Why a third country?",
                   "buffer_state")
    card = pause_html(hit, 30, forced="What if China sends its army at the first chance?")
    assert card.index("For discussion") < card.index("What really happened") < card.index("Buffer state")
    assert "Your what-if made this happen" in card
    rows = [Divergence("prc_warns", "China warns through India", date(1950, 10, 1), date(1950, 10, 3)),
            Divergence("prc_enters", "China's armies enter the war", None, date(1950, 10, 19))]
    text = divergence_html(rows, False, 24)
    assert "2 days earlier" in text and "not yet" in text
    assert "did not happen" in divergence_html(rows, True, 24)
    for state, words in (("playing", "Pause"), ("paused", "Play"), ("looking_back", "Branch here"),
                         ("replay", "Branch here"), ("over", "Summary")):
        assert words in hint_html(state, seat="UN Command", turn=2, date="8 October 1950", action=15, last=90,
                                  outcome="armistice signed", source="a.json")


def test_a_teacher_makes_an_event_happen_from_the_what_if_window(tmp_path, errors):
    """"What if Mao sends the Volunteers at once?": pressed in the What if? window on the first turn, China enters
    there and then, the window gives way to the map and the key event's card (which says it was the teacher's
    what-if), and the what-if reads DONE and cannot be pressed again."""
    app = make_app(tmp_path, scale=100)
    app.show(MainMenu(app))
    pump(app)
    click(app, app.screen.buttons["classroom"])
    click(app, app.screen.next)
    setup = app.screen
    setup.seed_entry.set_text("7")
    click(app, setup.start)
    screen = app.screen
    room = screen.room
    for w in screen.open_windows():
        w.kill()
    pump(app)
    click(app, screen.tbuttons["whatif"])
    k = next(i for i, w in enumerate(room.what_ifs) if w.title == "What if Mao sends the Volunteers at once?")
    button = screen.whatif_buttons[k]
    assert button.is_enabled and "Happens at once" in "".join(
        getattr(el, "html_text", "") for el in screen.whatif_window.get_container().elements
        if hasattr(el, "get_container") for el in el.get_container().elements)
    # The last of six what-ifs: the list's scroll bar brings it into view, as a teacher would.
    scroll = next(el for el in screen.whatif_window.get_container().elements
                  if isinstance(el, pygame_gui.elements.UIScrollingContainer))
    view = scroll.get_container().ui_container.get_rect()
    pos = scroll.vert_scroll_bar.bottom_button.rect.center
    app.frame([pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1)], dt=0.02)
    until(app, lambda: view.contains(button.rect), 200)            # held down: the list scrolls on
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)], dt=0.02)
    pump(app, 2)
    assert view.contains(button.rect)
    click(app, button)
    assert room.match.state.flag("pva_entered") and [a.kind for a in room.match.record] == ["inject"]
    assert not screen.whatif_window.alive() and screen.pause_window.alive()
    card = next(el for el in screen.pause_window.get_container().elements
                if isinstance(el, pygame_gui.elements.UITextBox))
    assert "Your what-if made this happen" in card.html_text
    for w in screen.open_windows():
        w.kill()
    click(app, screen.tbuttons["whatif"])
    again = screen.whatif_buttons[k]
    assert again.text.startswith("DONE: ") and not again.is_enabled
    assert errors == []


def test_load_and_replay_wait_for_a_save_to_be_chosen(tmp_path, errors):
    from game.session.savefile import write_save
    app = make_app(tmp_path)
    match = Match.start(load_scenario("tutorial"), 2, {})
    write_save(match, app.save_dir / "one.json")
    load = app.go("load")
    pump(app)
    assert not load.load.is_enabled and not load.replay.is_enabled      # a press with none chosen did nothing
    click(app, load.list.item_list[0]["button_element"])
    assert load.selected() is not None and load.load.is_enabled and load.replay.is_enabled
    assert not errors


def test_a_classrooms_final_map_is_the_classroom_screen(tmp_path, errors):
    from game.ui.screens.end_screen import EndScreen
    app = make_app(tmp_path)
    sc = load_scenario("tutorial")
    match = Match.start(sc, 5, {s.id: "ai:historical:normal" for s in sc.config.seats})
    room = Classroom(sc, Table(match))
    while not room.match.over:
        room.step_ai()
    end = app.go("end", table=room.table, room=room)
    assert isinstance(end, EndScreen)
    pump(app)
    click(app, end.back)                                    # "The final map ›"
    assert isinstance(app.screen, ClassroomScreen) and app.screen.room is room
    assert room.table.viewer is None or room.table.viewer not in room.table.humans   # no player's screen
    assert not errors
