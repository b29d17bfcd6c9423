"""The classroom: a war the computer plays at the projector while the teacher talks (issue 12 §1-3, §6).

A mode of the game screen (it is a :class:`GameScreen` over the classroom's table, so a side a student takes over
is played with the game's own controls).  What it adds:

* play, pause, one action, a side's turn, a turn, back an action, back a turn, the speed (game/ui/classroom_console.py,
  game/ui/classroom_play.py);
* a pause at each key event of the scenario's ``classroom`` section, with what happened, what really happened and a
  question (game/ui/classroom_windows.py); the what-ifs, the sides and fog, the timeline with history beside it,
  the briefing, a branch from any point;
* the whole truth on the map (every unit, the true tracks, every event in the log) unless the teacher shows what one
  side sees; the computer's plans and the historical front line on from the start; the text size for a projector.

The session (game/session/classroom.py) keeps the game, its record and what looking back shows; this screen never
changes the game but through it.  A replay of a save (game/session/replay.py) is the same screen over a classroom
whose computer does not play on.
"""

from __future__ import annotations

import numpy as np
import pygame
import pygame_gui

from game.engine.api import Observation
from game.engine.units import Location
from game.session.eventlog import LogEntry
from game.session.teaching import PauseHit
from game.ui.classroom_console import ClassroomConsole
from game.ui.classroom_html import hint_html
from game.ui.classroom_play import ClassroomPlay
from game.ui.classroom_windows import ClassroomWindows
from game.ui.map_labels import get_font
from game.ui.mapview import EveryUnit
from game.ui.screens.game_screen import FRONT_R, GameScreen
from game.ui.top_bar import GAME_OVER
from game.ui.tracks_bar import TrackValues, gauges

#: Keys of the classroom (the game's own keys work as in a game).
KEYS = {pygame.K_n: "step", pygame.K_t: "seat", pygame.K_b: "back", pygame.K_PAGEUP: "turn_back",
        pygame.K_PAGEDOWN: "turn_fwd", pygame.K_j: "timeline"}


class ClassroomScreen(ClassroomPlay, ClassroomConsole, ClassroomWindows, GameScreen):
    shows_lessons = False
    # The action box says what to do next in a few lines; the hex box keeps room for its scroll bar on a short window.
    side_shares = (0.3, 0.24)

    def __init__(self, app, room, intro: bool = True, mapview=None):
        super().__init__(app, room.shown)
        self.room = room
        if mapview is not None:
            # A branch opens where the class was looking: the same map view, its clicks now this screen's.
            self.mapview = mapview
            mapview.on_click = self.on_map_click
            mapview.minimap.on_change = self.minimap_changed
        self.playing = False
        #: a step under way: "action", "seat" or "turn", and where it started (turn, seat)
        self.goal: str | None = None
        self.goal_key: tuple = ()
        #: whose eyes the map has: None for the whole truth, else a seat id (its fog of war)
        self.fog: str | None = None
        self.intro = intro
        self.pending: list[PauseHit] = []
        self.cbuttons, self.tbuttons, self.position_label = {}, {}, None
        # The history beside the game from the start: the real front at this date, and the computer's plans.
        self.toggles.update(history=True, plans=True)

    # -- building and showing ---------------------------------------------------------------------
    def build(self) -> None:
        self.table = self.room.shown
        self.set_viewer()
        self.cbuttons = {}
        super().build()
        self.mapview.history_emphasis = 2.0
        self.build_console()
        self.refresh()
        if self.intro:
            self.intro = False
            self.show_briefing(intro=True)

    def set_viewer(self) -> None:
        """The seat whose observation the screen reads: a person's own on their turn, else the fog's seat, else the
        side to play (the map then shows everything)."""
        t = self.table
        active = t.match.active_seat
        t.viewer = active if active in t.humans or self.fog is None else self.fog

    def refresh(self, view: Observation | None = None) -> None:
        self.table = self.room.shown
        self.set_viewer()
        if view is not None and view.seat != self.table.viewer:
            view = None
        self.truth = self.table.match.reveal()
        super().refresh(view)
        self.update_status()
        self.update_console()

    def frame_own_forces(self) -> None:
        """A class opens on the war, not on the side to play: the box round both sides' units at the front (within
        FRONT_R hexes of an enemy; every unit if none is), at the largest zoom that holds it (a teacher's
        demonstration opened on Manpojin and Chosin, no front in view).  With a seat's fog on, as a player's."""
        if self.fog is not None:
            return super().frame_own_forces()
        lay = self.mapview.layout
        config = self.table.match.config
        units = [u for u in self.table.match.reveal().units.values()
                 if u.location is Location.MAP and u.hex is not None]
        # The front: the units within FRONT_R hexes of an enemy, where the fighting is; else every unit.
        front = [u for u in units if any(v.hex.distance(u.hex) <= FRONT_R for v in units
                                         if config.seat(v.seat).bloc != config.seat(u.seat).bloc)]
        spots = [lay.hex_center_km(u.hex) for u in (front or units)]
        if not spots:
            lay.fit_map()
            return
        xs, ys = zip(*spots)
        margin = 4 * lay.hex_km
        width, height = max(xs) - min(xs) + 2 * margin, max(ys) - min(ys) + 2 * margin
        # No closer than a player's opening zoom: a front of two stacks is not a war.
        lay.zoom_to(max(lay.fit_scale(), min(lay.viewport[0] / width, lay.viewport[1] / height, self.opening_scale())))
        lay.center_on_km((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2, snug=True)

    def map_units(self, view: Observation):
        if self.fog is not None:
            return view
        board = self.table.match.board
        return EveryUnit(board, view.config, self.truth.units, np.ones(board.size, bool))

    def refresh_politics(self) -> None:
        super().refresh_politics()
        if self.fog is None and self.tracks_bar is not None and self.gauges:
            t = self.truth
            self.gauges = gauges(TrackValues(self.table.match.config, t.tracks, t.talks, t.date), self.palette)
            self.tracks_bar.set(self.gauges, self.gauge_rects, self.strip)

    def log_entries(self) -> list[LogEntry]:
        return self.room.log_shown() if self.fog is None else self.table.entries()

    def update_status(self) -> None:
        m = self.table.match
        view = self.view
        seat = m.config.seat(m.active_seat)
        who = "a student" if m.active_seat in self.room.table.humans and self.room.at_present else "computer"
        doing = f"Over: {GAME_OVER.get(m.state.outcome or '', 'the war is over')}" if m.over else \
            f"{seat.name}: {view.phase.value} ({who})"
        eyes = "everything shown" if self.fog is None else f"as the {m.config.seat(self.fog).name} sees it"
        mode = "Replay" if self.room.replay else "Classroom"
        when = f"{view.date:%d %b %Y} · Turn {view.turn}/{view.last_turn}"
        if self.status2 is not None:
            self.status.set_text(f"{mode} · {when}")
            self.status2.set_text(f"{doing} · {eyes}")
        elif self.status_mode == "line":
            self.status.set_text(f"{mode} · {view.date:%d %B %Y} · Turn {view.turn} of {view.last_turn} · {doing} · "
                                 f"{eyes}")
        else:
            self.status.set_text(f"{when} · {doing}")

    def update_action_box(self) -> None:
        if self.my_turn:
            super().update_action_box()
            return
        self.show_attack_button(False)
        room = self.room
        m = self.table.match
        step = room.timeline.step_at(room.cursor)
        seat = m.config.seat(m.active_seat).name
        if room.replay and not (room.at_present and m.over):
            state = "replay"
        elif not room.at_present:
            state = "looking_back"
        elif m.over:
            state = "over"
        else:
            state = "playing" if self.playing else "paused"
        self.set_html(self.action_box, hint_html(
            state, seat=seat, turn=step.turn, date=f"{step.date:%d %B %Y}", action=room.cursor,
            last=room.timeline.last, outcome=GAME_OVER.get(m.state.outcome or "", "the war is over"),
            source=room.save_path.name if room.save_path else "the save"))

    # -- who acts -------------------------------------------------------------------------------------
    def person_to_act(self) -> bool:
        """A student plays the side to act, at the present: the game's own controls are theirs."""
        room = self.room
        return room.at_present and not room.match.over and room.match.active_seat in room.table.humans

    def computer_playing(self) -> bool:
        return self.playing and not self.person_to_act() and not (self.room.at_present and self.room.match.over)

    def submit_action(self, action) -> list:
        events, hits = self.room.submit(action)
        self.pending.extend(hits)
        return events

    def undo(self) -> None:
        if not self.my_turn:
            return
        if self.room.undo():
            self.notify("Undone.")
            self.selected = None
            self.refresh()
        else:
            self.notify("Nothing to undo: the last action revealed something or rolled dice.")

    def after_change(self) -> None:
        if self.room.at_present and self.room.match.over and self.playing:
            self.playing = False
            self.goal = None
        self.refresh()
        if self.pending and not self.open_windows():
            self.show_pause(self.pending.pop(0))

    def end_phase(self) -> None:
        if self.room.at_present and self.room.match.over:
            self.app.go("end", table=self.room.table, room=self.room)
        elif self.my_turn:
            super().end_phase()

    def save(self) -> None:
        self.app.open_dialog("save", match=self.room.match, handover=False, on_done=self.notify)

    def leave_then(self, then) -> bool:
        """Leaving asks about unsaved moves of the game itself (never of a look back or a replay)."""
        room = self.room
        if room.replay or room.match.over or room.match.unsaved_actions == 0:
            then()
            return True
        if not room.at_present:
            room.look_at(room.timeline.last)
            self.refresh()
        return super().leave_then(then)

    # -- input ------------------------------------------------------------------------------------------
    def on_ui(self, event) -> None:
        el = getattr(event, "ui_element", None)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and el is not None:
            if getattr(el, "class_key", None):
                if el.class_key in ("branch_yes", "branch_no"):
                    self.branch_window.kill()
                self.console_press(el.class_key)
                return
            if getattr(el, "what_if", None) is not None:
                events, hits = self.room.set_what_if(el.what_if, el.what_if not in self.room.on)
                self.mark_what_ifs()
                self.after_what_if()
                if events:
                    # An event made to happen: the class sees it on the map and in the log, and at its pause.
                    self.whatif_window.kill()
                    self.playing, self.goal = False, None
                    self.pending.extend(hits)
                    self.after_change()
                    self.notify(f"The teacher's what-if has happened: {self.room.what_ifs[el.what_if].title}",
                                seconds=6)
                return
            for attr in ("seat_human", "seat_computer"):
                if getattr(el, attr, None):
                    self.room.set_human(getattr(el, attr), attr == "seat_human")
                    self.show_seats()
                    self.refresh()
                    return
            if getattr(el, "fog_seat", None) is not None:
                self.fog = el.fog_seat or None
                self.show_seats()
                self.refresh()
                return
            if getattr(el, "jump_to", None) is not None:
                self.timeline_window.kill()
                self.jump(el.jump_to)
                return
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and getattr(el, "jump_list", False):
            picked = el.get_single_selection(include_object_id=True)
            if picked and str(picked[1]).startswith("#jump"):
                self.timeline_window.kill()
                self.jump(int(str(picked[1])[5:]))
            return
        super().on_ui(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        room = self.room
        if room.at_present and not room.replay:
            return
        # Looking back (or a replay): a band across the top of the map says so, for the class as much as the teacher.
        step = room.timeline.step_at(room.cursor)
        what = "Replay" if room.replay else "Looking back"
        text = f"{what}: turn {step.turn}, {step.date:%d %B %Y} — action {room.cursor} of {room.timeline.last}"
        font = get_font(self.s(17), bold=True)
        img = font.render(text, True, (20, 18, 12))
        # Top right: the plans' legend holds the top left, the minimap the bottom right, the notices the foot.
        r = img.get_rect(topright=(self.map_rect.right - self.s(18), self.map_rect.top + self.s(10)))
        band = r.inflate(self.s(24), self.s(10))
        pygame.draw.rect(surface, (245, 212, 110), band, border_radius=6)
        surface.blit(img, r)

    def after_what_if(self) -> None:
        self.update_console()
        self.update_log(now=True)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and not self.open_windows():
            ctrl = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
            if event.key == pygame.K_SPACE and not self.person_to_act():
                if not (self.room.at_present and (self.room.replay or self.room.match.over)):
                    self.console_press("play")
                return True
            if event.key in KEYS and not ctrl:
                self.console_press(KEYS[event.key])
                return True
        return super().handle(event)
