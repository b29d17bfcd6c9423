"""The tutorial panel never traps the player and keeps out of the way (play-test report: the undo step stuck when
the first move revealed an enemy; the attack step asked for an attack no unit could make and stayed on through the
next turn; the overlay step's 'press F' turned the front line off; the panel covered the hexes it asked for)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402
from ui_app import frames, make_app  # noqa: E402

from game.engine.api import Location, MoveUnit, Phase  # noqa: E402
from game.scenario.loader import load_scenario  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.session.table import Table  # noqa: E402
from game.ui.lessons import CORNERS, Moment, corner_rect, least_covered, lessons_of, why_not  # noqa: E402


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


def tutorial_game(tmp_path, tutorial, seat: str, scale: int = 100, size=(1600, 900)):
    """The tutorial with ``seat`` human and the others the computer, at the human's first turn."""
    app = make_app(tmp_path, scale, size)
    seats = {s.id: "ai:normal" for s in tutorial.config.seats}
    seats[seat] = "human"
    match = Match.start(tutorial, 1, seats)
    screen = app.go("game", table=Table(match))
    for _ in range(400):
        if match.active_seat == seat:
            break
        frames(app, 1)
    for window in screen.open_windows():
        window.kill()                       # the first turn's report
    frames(app)
    return app, screen


def go_to(screen, action: str) -> int:
    """Put the panel on the seat's first step that asks for ``action``; its index."""
    panel = screen.lessons
    k = [s["done"] for s in panel.steps].index(action)
    screen.table.lesson_at[panel.seat] = k
    panel.build()
    return k


def test_why_not_says_what_cannot_be_done_now_and_what_to_do():
    now = Moment(my_turn=True, phase=Phase.MOVEMENT, can_undo=False, can_attack=False)
    assert why_not("undo", now).startswith("Nothing can be undone now") and "Skip" in why_not("undo", now)
    assert why_not("undo", Moment(True, Phase.MOVEMENT, True, False)) == ""
    combat = Moment(my_turn=True, phase=Phase.COMBAT, can_undo=False, can_attack=False)
    assert why_not("attack", combat).startswith("No enemy is in reach this turn: end the turn")
    assert why_not("attack", Moment(True, Phase.COMBAT, False, True)) == ""
    assert why_not("attack", now).startswith("Attacks come in your combat phase")
    assert why_not("attack", Moment(False, Phase.COMBAT, False, False)) == ""      # the computer's turn
    assert why_not("select", now) == why_not("move", now) == why_not("overlay", now) == ""
    assert why_not("move", combat).startswith("Units move in your movement phase: end the turn")
    assert why_not("select", Moment(True, Phase.POLITICAL, False, False)).endswith("continue to it first (Space).")
    assert why_not("decide", now).startswith("Decisions are taken in your political phase")
    assert why_not("decide", Moment(True, Phase.POLITICAL, False, False)) == ""


def test_the_panel_goes_to_the_corner_that_hides_fewest_units():
    area = pygame.Rect(0, 100, 1000, 600)
    rects = {c: corner_rect(area, (300, 100), c, 10) for c in CORNERS}
    assert rects["top-left"].topleft == (10, 110) and rects["bottom-right"].bottomright == (990, 690)
    units = [(50, 150), (120, 160), (900, 150)]                    # two top-left, one top-right
    assert least_covered(rects, units, 12) == "bottom-left"         # none there; first of the empty corners
    assert least_covered(rects, [], 12) == "top-left"
    # Never on the minimap, even where it would hide fewer units.
    mini = pygame.Rect(800, 500, 190, 190)
    crowded = [(50, 150), (900, 150), (50, 650)]
    assert least_covered(rects, crowded, 12) == "bottom-right"
    assert least_covered(rects, crowded, 12, blocked=mini) == "top-left"


def test_a_refused_undo_completes_the_undo_step(tmp_path, tutorial, errors):
    """The first move revealed an enemy, so Ctrl+Z is refused: the panel says so (and that Skip exists), and trying
    Ctrl+Z goes on to the next step instead of leaving the player stuck on 'Nothing to undo'."""
    app, screen = tutorial_game(tmp_path, tutorial, "un")
    match = screen.match
    undo_at = go_to(screen, "move") + 1
    assert screen.lessons.steps[undo_at]["done"] == "undo"
    # A move that reveals an enemy: nothing can be taken back after it.
    for uid in screen.view.movers():
        for move in [a for a in screen.view.moves_for(uid) if isinstance(a, MoveUnit)]:
            screen.act(move)
            if not match.can_undo():
                break
            assert screen.table.undo()
            screen.table.lesson_at["un"] = undo_at - 1
            screen.refresh()
        else:
            continue
        break
    assert not match.can_undo(), "no move of the tutorial's first UN turn reveals an enemy"
    frames(app)
    panel = screen.lessons
    assert panel.at == undo_at and "Nothing can be undone now" in panel.box.html_text
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=pygame.KMOD_CTRL, unicode="")], dt=0.02)
    assert "Nothing to undo" in screen.notice
    assert panel.at == undo_at + 1 and panel.current["done"] == "end_phase"
    assert errors == []


def test_an_attack_step_with_no_enemy_in_reach_says_so(tmp_path, tutorial, errors):
    """The DPRK/PRC player's first combat phase has no enemy in reach: the attack step says to end the turn and try
    the next, and in the next turn's movement that attacks come after movement."""
    app, screen = tutorial_game(tmp_path, tutorial, "dprk_prc")
    panel = screen.lessons
    go_to(screen, "attack")
    assert panel.note.startswith("Attacks come in your combat phase")
    screen.end_phase()                                  # movement -> combat, nobody moved
    frames(app)
    assert screen.view.phase is Phase.COMBAT and not screen.attack_targets
    assert panel.current["done"] == "attack"
    assert "No enemy is in reach this turn: end the turn (Space) and try next turn" in panel.box.html_text
    assert panel.skip is not None and panel.skip.visible
    assert errors == []


@pytest.mark.parametrize("scale, size", ((100, (1600, 900)), (200, (1280, 720))))
def test_the_panel_hides_the_fewest_units_and_can_be_moved_and_folded(tmp_path, tutorial, errors, scale, size):
    app, screen = tutorial_game(tmp_path, tutorial, "un", scale, size)
    panel = screen.lessons
    mv = screen.mapview
    own = [u for u in screen.view.friendly() if u.location is Location.MAP and u.hex is not None]
    # Some units in the top-left corner, where the panel used to sit whatever was under it.
    mv.layout.center_on_hex(own[0].hex)
    lay = mv.layout
    lay.origin = (lay.origin[0] - (mv.rect.width // 2 - screen.s(60)), lay.origin[1] - (mv.rect.height // 2
                                                                                        - screen.s(60)))
    panel.build()
    points = panel.unit_points()
    reach = screen.s(12)

    def covered(corner):
        r = corner_rect(screen.map_rect, panel.size, corner, screen.s(10)).inflate(2 * reach, 2 * reach)
        return sum(1 for p in points if r.collidepoint(p))
    mini = mv.minimap.rect if mv.minimap.visible else None
    usable = [c for c in CORNERS if mini is None or not corner_rect(screen.map_rect, panel.size, c,
                                                                   screen.s(10)).colliderect(mini)]
    assert covered(panel.corner) == min(covered(c) for c in usable)
    assert screen.map_rect.contains(panel.box.rect)
    buttons = {b.lesson_key: b for b in panel.buttons}
    assert set(buttons) == {"skip", "move", "fold"}
    press = lambda b: screen.on_ui(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=b))  # noqa: E731
    before = panel.corner
    press(buttons["move"])
    assert panel.corner != before and screen.table.lesson_ui["un"]["corner"] == panel.corner
    assert screen.map_rect.contains(panel.box.rect)
    # A click on the panel's text is not a click on the hex under it.
    assert panel.covers(panel.box.rect.center)
    screen.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=panel.box.rect.center))
    assert mv._drag_from is None
    press(next(b for b in panel.buttons if b.lesson_key == "fold"))
    assert panel.box is None and [b.lesson_key for b in panel.buttons] == ["unfold"]
    assert "step 1 of" in panel.buttons[0].text
    # Folded it stays folded through a rebuilt screen (a resize, a hand-over), until the tab is clicked.
    app.rebuild()
    panel = screen.lessons
    assert panel.box is None
    press(panel.buttons[0])
    assert panel.box is not None and "step 1 of" in panel.box.html_text
    assert errors == []
def test_the_tutorials_texts_can_be_followed(tutorial):
    """The front line starts on, so a step that says 'press F for the front line' turns it off; the undo step says
    that Skip goes on when the game refuses the undo."""
    for seat in ("un", "dprk_prc"):
        steps = lessons_of(tutorial.config, seat)
        overlay = next(s["text"] for s in steps if s["done"] == "overlay")
        assert not overlay.startswith("Try the overlays: F") and "F hides it" in overlay
        assert "Skip" in next(s["text"] for s in steps if s["done"] == "undo")
    assert "Press F to see the front line" not in tutorial.path.read_text(encoding="utf-8")




def test_a_decision_taken_before_its_step_comes_up_does_not_hold_the_panel(tmp_path, tutorial, errors):
    """A play-tester took the General Assembly resolution while an earlier step was open; the decision step then
    kept asking for it.  A step whose action was done already is passed, and the panel goes when the war ends."""
    app, screen = tutorial_game(tmp_path, tutorial, "un")
    panel = screen.lessons
    k = go_to(screen, "decide")
    assert panel.at == k and panel.box is not None
    state = screen.match.state
    # (The resolution as taken earlier in the game: the decision step does not come up before the second turn.)
    state.decision_taken[state.setup.decision_ids.index("seek_unga_resolution")] = state.date.toordinal()
    screen.refresh()
    assert screen.view.decision_date("seek_unga_resolution") is not None
    panel.refresh()
    assert panel.at == k + 1
    state.outcome = "armistice"
    panel.refresh()
    assert panel.box is None and not panel.buttons
    assert errors == []


def test_an_undone_move_leaves_no_outline_where_it_went(tmp_path, tutorial, errors):
    """A play-tester undid a move and a white outline stayed on the hex the unit had gone to."""
    app, screen = tutorial_game(tmp_path, tutorial, "un")
    match = screen.match
    for uid in screen.view.movers():
        moves = [a for a in screen.view.moves_for(uid) if isinstance(a, MoveUnit)]
        if not moves:
            continue
        screen.act(moves[0])
        screen.mapview.selected = moves[0].to          # the click on the destination outlines it
        if match.can_undo():
            break
    assert match.can_undo()
    app.frame([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_z, mod=pygame.KMOD_CTRL, unicode="")], dt=0.02)
    assert screen.notice == "Undone."
    assert screen.mapview.selected is None
    assert errors == []
