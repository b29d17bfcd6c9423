"""The game screen: the map, the top bar, the side panel, the log; playing a turn with the mouse and keys.

The screen shows one seat's view (``table.viewer``) and never anything else:
it reads one :class:`~game.engine.api.Observation` per position (``self.view``,
taken again after every change) -- the counters, the tracks, the legal moves
and attacks, a unit's reach, the odds -- and never the match's state.  AI
seats play one action at a time from ``update`` at the chosen animation
speed, so the window never freezes; what the viewer sees of their moves slides
along the map (game/ui/map_motion.py), Space hurries the rest of the computer's
turn, and the computer waits while a window (the menu, a save) is open.  P shows
the computer's plans that the viewer may see (``Table.visible_plans``).  Between
two human seats the hand-over screen takes over.

Its parts live beside it: the top bar and gauge strip (game/ui/top_bar.py), the windows
(game/ui/game_windows.py), the tooltips (game/ui/game_tooltips.py), the side panel's texts
(game/ui/game_cards.py), the map's overlays (game/ui/game_overlays.py), the computer's turns
(game/ui/game_computer.py), the input on the map (game/ui/game_input.py), the routing of buttons, links and keys
(game/ui/game_events.py) and the log's HTML (game/ui/log_html.py).
"""

from __future__ import annotations

import time

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UIWindow

from game.engine.actions import Attack, Decide, EndPhase
from game.engine.api import (
    Hex,
    Location,
    Observation,
    Phase,
)
from game.session.eventlog import LogEntry
from game.session.table import Table
from game.ui.decisions_panel import DecisionsPanel, open_decisions
from game.ui.game_cards import GameCards
from game.ui.game_computer import LOG_EVERY_S, ComputerTurns
from game.ui.game_events import GameEvents
from game.ui.game_input import MapInput
from game.ui.game_overlays import GameOverlays
from game.ui.game_tooltips import GameTooltips
from game.ui.game_windows import GameWindows
from game.ui.leave_dialog import LeaveGuard
from game.ui.lessons import LessonPanel
from game.ui.log_html import HIDDEN_IN_LOG, group_track_changes, log_line_html, within_budget
from game.ui.map_labels import get_font
from game.ui.palette import get_palette
from game.ui.screens.base import Screen
from game.ui.terrain_cache import map_view_for
from game.ui.top_bar import END_OVER, END_TEXTS, TopBar
from game.ui.tracks_bar import TracksBar, gauges

#: Lines of the event log shown (older ones are in the saves); while the computer plays, fewer, laid out at
#: most every LOG_EVERY_S (game/ui/game_computer.py): a pygame_gui text box of 100 lines takes a few hundred ms
#: to lay out, which once per computer action would freeze the window.
LOG_LINES = 80
LOG_LINES_BUSY = 24
#: A turn opens on the viewer's front: its units within this many hexes of an enemy it sees.
FRONT_R = 3


class GameScreen(GameEvents, LeaveGuard, TopBar, GameWindows, GameTooltips, GameCards, GameOverlays, ComputerTurns,
                 MapInput, Screen):
    def __init__(self, app, table: Table, since=None):
        super().__init__(app)
        self.table = table
        # What the enemy did since this player's last turn, minus the bookkeeping of phases.
        self.since = [e for e in (since or []) if e.event.kind not in ("PhaseStarted", "GameStarted")]
        self.selected: str | None = None          # movement: the unit to move
        self.attackers: list[str] = []            # combat: the chosen attackers
        self.target: Hex | None = None            # combat: the hex to attack
        self.view: Observation | None = None      # the viewer's observation of the current position
        self.targets: dict[int, object] = {}      # hex index -> action for the selected unit
        self.attack_targets: dict[Hex, tuple[str, ...]] = {}   # combat: enemy hex -> the units that may attack it
        self.toggles = {"zoc": False, "supply": False, "front": True, "history": False, "plans": False}
        self.ai_clock = 0.0
        self.hurry = False                        # Space in the computer's turn: no animation until a human acts
        self.log_at = 0.0                         # when the log was last laid out
        self.log_stale = False                    # the log has lines it does not show yet
        # A hurried Space must not end the human's next phase: seconds of frame time the guard has left (frame
        # time, not the wall clock, so a slow frame or a loaded machine cannot shorten it).
        self.space_guard_left = 0.0
        self.notice = ""
        self.notice_until = 0.0
        self.help_window: UIWindow | None = None
        self.mapview = None
        self.tooltip = None
        self.tip_key = None
        self.hover_since = 0.0
        self.tip_zones: list = []
        self.tracks_bar: TracksBar | None = None
        self.decisions_panel: DecisionsPanel | None = None
        self.decisions_window: UIWindow | None = None
        self.decisions_button: UIButton | None = None
        self.strip = pygame.Rect(0, 0, 0, 0)
        self.gauge_rects: list[pygame.Rect] = []

    # -- building ---------------------------------------------------------------------------------
    def build(self) -> None:
        self.view = self.table.view()
        w, h = self.app.size
        tb = self.s(48)
        rp = min(self.s(380), w // 3)
        self.build_top(w, tb)
        top_h = tb + self.strip.height
        self.map_rect = pygame.Rect(0, top_h, w - rp, h - top_h - self.console_height())
        board = self.match.board
        if self.mapview is None:
            self.mapview = map_view_for(board, self.map_rect, self.app.settings.colourblind)
            self.mapview.show_grid = self.app.settings.hex_grid
            self.mapview.minimap.visible = self.app.settings.minimap
            self.mapview.minimap.foldable = True
            self.mapview.minimap.on_change = self.minimap_changed
            self.mapview.on_click = self.on_map_click
            self.frame_own_forces()
        else:
            self.mapview.set_rect(self.map_rect)
        self.mapview.set_ui_scale(self.app.scale)
        tb = top_h
        side = UIPanel(pygame.Rect(w - rp, tb, rp, h - tb), manager=self.manager, object_id="@panel")
        pad = self.s(8)
        inner = rp - 2 * pad
        ph = h - tb
        head = self.build_side_head(side, pad, inner)
        # The three boxes share what the button, the label and the gaps leave: on a short window at a large UI scale
        # (a projector) each gets its share rather than the log being pushed out of the window.
        free = ph - head - self.s(40) - self.s(24) - 5 * pad
        # The action box (odds and results, what to do next) gets the larger share: on a projector the hex box's
        # few lines matter less than the attack's results.
        info_h, action_h = max(self.s(28), int(free * self.side_shares[0])), max(self.s(28),
                                                                                 int(free * self.side_shares[1]))
        self.info = UITextBox("", pygame.Rect(pad, pad + head, inner, info_h), self.manager, container=side)
        y = pad + head + info_h + pad
        # The Attack! button takes the foot of the action box only while an attack is chosen: the rest of the
        # time the box has that room (at 200% a reserved empty strip cost the log two lines).
        self.action_sizes = ((inner, action_h + self.s(40) + pad), (inner, action_h))
        self.action_box = UITextBox("", pygame.Rect((pad, y), self.action_sizes[0]), self.manager, container=side)
        self.action_short = False
        y += action_h + pad
        self.attack_button = UIButton(pygame.Rect(pad, y, inner, self.s(40)), "Attack!", self.manager,
                                      container=side, tool_tip_text="Resolve this attack: one die is rolled.")
        self.attack_button.hide()
        y += self.s(40) + pad
        UILabel(pygame.Rect(pad, y, inner, self.s(24)), "Event log", self.manager, container=side)
        self.decisions_panel = DecisionsPanel(self.manager, side,
                                              pygame.Rect(pad, pad + head, inner, y - head - 2 * pad), self.s)
        y += self.s(24)
        self.log_box = UITextBox("", pygame.Rect(pad, y, inner, max(self.s(28), ph - y - pad)), self.manager,
                                 container=side)
        mr = self.map_rect
        self.lessons = LessonPanel(self, pygame.Rect(mr.x + self.s(10), mr.y + self.s(10),
                                                     min(self.s(480), mr.width - self.s(20)), self.s(90))) \
            if self.shows_lessons else None
        self.refresh(self.view)
        if self.since:
            self.show_since()

    #: The scenario's tutorial lessons are shown (a classroom demonstration leaves them out).
    shows_lessons = True
    #: The shares of the side panel's free height for the hex box and the action box (the log has the rest).
    side_shares = (0.24, 0.32)

    def console_height(self) -> int:
        """Room kept under the map for a console (the classroom's); none here."""
        return 0

    def build_side_head(self, side: UIPanel, pad: int, inner: int) -> int:
        """Widgets at the head of the side panel (the classroom's); returns the height they take (none here)."""
        return 0

    @property
    def palette(self):
        return get_palette("colourblind" if self.app.settings.colourblind else "standard")

    def opening_scale(self) -> float:
        """The map's scale a game opens at: an operational zoom, larger at a larger UI scale (a projector's counters
        read like its panels)."""
        return 22 * 1.7320508 / self.mapview.layout.hex_km * self.app.scale

    def frame_own_forces(self) -> None:
        """Open at an operational zoom on the unit the viewer last selected, else on its front (its units within
        FRONT_R hexes of an enemy it sees), else on all its forces; the whole map if it has none.  Snug to the
        map: never a strip of the void beyond its edge."""
        view = self.view
        lay = self.mapview.layout
        own = [u for u in view.friendly() if u.location is Location.MAP and u.hex is not None]
        if not own:
            lay.fit_map()
            return
        lay.zoom_to(self.opening_scale())
        last = view.units.get(self.table.last_selected.get(view.seat, ""))
        if last is not None and last.location is Location.MAP and last.hex is not None and last.seat == view.seat:
            lay.center_on_hex(last.hex, snug=True)
            return
        enemies = [u.hex for u in view.enemies() if u.hex is not None]
        front = [u.hex for u in own if any(u.hex.distance(e) <= FRONT_R for e in enemies)]
        xs, ys = zip(*(lay.hex_center_km(h) for h in (front or [u.hex for u in own])))
        lay.center_on_km(sum(xs) / len(xs), sum(ys) / len(ys), snug=True)

    # -- refreshing -----------------------------------------------------------------------------------
    @property
    def match(self):
        return self.table.match

    @property
    def my_turn(self) -> bool:
        """The viewer is a human whose turn it is (and the game goes on)."""
        return self.view is not None and self.view.my_turn and self.table.active_is_human

    def refresh(self, view: Observation | None = None) -> None:
        """Re-read the view after anything changed: one observation per position (``view`` if it is fresh)."""
        m = self.match
        view = view if view is not None else self.table.view()
        self.view = view
        self.mapview.set_view(self.map_units(view))
        self.attack_targets = {}
        if self.my_turn and view.phase is Phase.COMBAT:
            self.attack_targets = {a.target: a.attackers for a in view.legal_actions() if isinstance(a, Attack)}
        seat = view.config.seat(view.active_seat)
        if self.status2 is not None:
            self.status.set_text(self.status_text(view, seat, "when"))
            self.status2.set_text(self.status_text(view, seat, "two"))
        else:
            self.status.set_text(self.status_text(view, seat, self.status_mode))
        self.buttons["end"].set_text(END_OVER if m.over else END_TEXTS.get(view.phase, END_TEXTS[Phase.COMBAT]))
        for key in ("end", "undo"):
            (self.buttons[key].enable if self.my_turn else self.buttons[key].disable)()
        if m.over:
            self.buttons["end"].enable()
        if not m.can_undo():
            self.buttons["undo"].disable()
        self.refresh_politics()
        if view.phase is not Phase.COMBAT or not self.my_turn:
            self.attackers, self.target = [], None
        if view.phase is not Phase.MOVEMENT or not self.my_turn:
            self.selected = None
        self.update_overlays()
        self.update_info(self.mapview.hover)
        self.update_log()
        self.update_action_box()
        if getattr(self, "lessons", None) is not None:
            self.lessons.refresh()          # a step that cannot be done now says so (lessons.why_not)

    def map_units(self, view: Observation):
        """What the map draws of the position: the viewer's observation (the classroom may show the whole truth)."""
        return view

    def refresh_politics(self) -> None:
        """The gauges, the Decisions button, and the decisions panel in the seat's political phase."""
        view = self.view
        if self.tracks_bar is not None and self.gauges:
            self.gauges = gauges(view, self.palette)
            self.tracks_bar.set(self.gauges, self.gauge_rects, self.strip)
        # Which decisions are open is the engine's answer (legal actions), known in the seat's political phase.
        open_now = open_decisions(view) if self.my_turn else []
        if self.decisions_button is not None:
            n = len(open_now)
            self.decisions_button.set_text(f"Decisions ({n})" if n else "Decisions")
        panel = self.decisions_panel
        if panel is None:
            return
        if self.my_turn and view.phase is Phase.POLITICAL:
            key = (view.turn, view.active_seat, tuple(d.id for d in open_now),
                   tuple(sorted((k, round(float(v), 2)) for k, v in view.tracks.items())))
            panel.show(view, open_now, key)
            self.info.hide()
            self.action_box.hide()
        else:
            if panel.visible:
                panel.kill()
            self.info.show()
            self.action_box.show()

    def update_log(self, now: bool = False) -> None:
        """The viewer's log, newest first; while the computer plays, at most every LOG_EVERY_S (``now``: at once)."""
        if not now and self.computer_playing() and time.monotonic() - self.log_at < LOG_EVERY_S:
            self.log_stale = True             # update() lays it out when its time comes
            return
        entries = [e for e in self.log_entries() if e.event.kind not in HIDDEN_IN_LOG][-LOG_LINES * 2:]
        names = {seat.id: seat.name for seat in self.match.config.seats}
        lines = [line for group in reversed(group_track_changes(entries)) if (line := log_line_html(group, names))]
        n = LOG_LINES_BUSY if self.computer_playing() else LOG_LINES
        self.set_html(self.log_box, "<br>".join(within_budget(lines[:n])) or "<i>Nothing has happened yet.</i>")
        self.log_at = time.monotonic()
        self.log_stale = False

    def log_entries(self) -> list[LogEntry]:
        """The log the screen shows: the viewer's."""
        return self.table.entries()

    @staticmethod
    def set_html(box: UITextBox, text: str) -> None:
        """Set a text box's text unless it shows that already (laying out a text box is slow)."""
        if box.html_text != text:
            box.set_text(text)

    # -- input ------------------------------------------------------------------------------------------
    def submit_action(self, action) -> list:
        """Submit the viewer's action at the table (IllegalAction propagates)."""
        return self.table.submit(action)

    def after_change(self) -> None:
        if self.match.over:
            self.app.go("end", table=self.table)
            return
        if self.table.needs_handover():
            self.app.go("handover", table=self.table)
            return
        self.refresh()

    def notify(self, text: str, seconds: float = 4.0) -> None:
        self.notice = text
        self.notice_until = time.monotonic() + seconds

    def lesson_done(self, action: str) -> None:
        """The player did ``action``: the tutorial panel moves on if its step asked for it."""
        lessons = getattr(self, "lessons", None)
        if lessons is not None and action:
            lessons.done(action)

    def minimap_changed(self, on: bool) -> None:
        self.app.settings.minimap = on
        self.app.keep_settings()

    def end_phase(self) -> None:
        if self.match.over:
            self.app.go("end", table=self.table)
        elif self.my_turn:
            self.act(EndPhase())

    def decide(self, decision_id: str) -> None:
        """Take a political decision (the panel's Decide buttons)."""
        if self.my_turn:
            self.act(Decide(decision_id))

    def undo(self) -> None:
        if not self.my_turn:
            return
        if self.table.undo():
            self.lesson_done("undo")
            self.notify("Undone.")
            self.selected = None
            self.mapview.selected = None    # (the outline of the hex the undone move went to, left behind)
            self.refresh()
        else:
            self.notify("Nothing to undo: the last action revealed something or rolled dice.")
            self.lesson_done("undo")        # the tutorial's undo step has shown what it teaches: go on

    def save(self) -> None:
        self.app.open_dialog("save", match=self.match, handover=False, on_done=self.notify)

    # -- frame --------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        self.mapview.draw(surface)
        if self.tracks_bar is not None and self.strip.height:
            from game.ui.tracks_bar import draw_strip_background
            draw_strip_background(surface, self.strip)
            self.tracks_bar.draw(surface, pygame.mouse.get_pos())
        if self.notice and time.monotonic() < self.notice_until:
            # (The system face the map's labels use: pygame's default one spaced "di e 4" and "resolu tion".)
            font = get_font(self.s(18), bold=True)
            text = self.notice
            while font.size(text)[0] > self.map_rect.width - self.s(60) and len(text) > 10:
                text = text[: len(text) - 4] + "…"
            img = font.render(text, True, (255, 244, 214))
            r = img.get_rect(midbottom=(self.map_rect.centerx, self.map_rect.bottom - self.s(20)))
            bg = r.inflate(self.s(24), self.s(14))
            pygame.draw.rect(surface, (25, 24, 20), bg, border_radius=6)
            pygame.draw.rect(surface, (200, 170, 100), bg, 1, border_radius=6)
            surface.blit(img, r)
