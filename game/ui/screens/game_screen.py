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
(game/ui/game_windows.py), the tooltips (game/ui/game_tooltips.py) and the log's HTML
(game/ui/log_html.py).
"""

from __future__ import annotations

import time

import numpy as np
import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UIPanel, UITextBox, UIWindow

from game.engine.actions import Attack, Decide, EndPhase, IllegalAction, Landing, MoveUnit, RailMove, SeaMove
from game.engine.api import (
    RESULT_NAMES,
    Hex,
    Location,
    Observation,
    Phase,
    Unit,
    country_name,
    nation_name,
    place_words,
)
from game.engine.api import title as place_title
from game.engine.board import Country, Terrain
from game.engine.terrain import HALF
from game.session.eventlog import LogEntry
from game.session.table import Table
from game.ui.decisions_panel import DecisionsPanel, open_decisions
from game.ui.game_tooltips import GameTooltips
from game.ui.game_windows import GameWindows
from game.ui.leave_dialog import LeaveGuard
from game.ui.lessons import LessonPanel
from game.ui.log_html import HIDDEN_IN_LOG, esc, group_track_changes, log_line_html, within_budget
from game.ui.map_plan import plans_to_draw
from game.ui.palette import get_palette
from game.ui.screens.base import Screen
from game.ui.terrain_cache import map_view_for
from game.ui.top_bar import END_OVER, END_TEXTS, TopBar
from game.ui.tracks_bar import TracksBar, gauges

#: Move highlights; the action box's legend names these colours.
MOVE_COLOURS = {"reach": (70, 170, 70, 95), "rail": (60, 110, 220, 95), "sea": (20, 160, 160, 110)}


#: Lines of the event log shown (older ones are in the saves); while the computer plays, fewer, laid out at
#: most every LOG_EVERY_S: a pygame_gui text box of 100 lines takes a few hundred ms to lay out, which once
#: per computer action would freeze the window.
LOG_LINES = 80
LOG_LINES_BUSY = 24
LOG_EVERY_S = 1.0
#: After a hurried computer turn, a Space within this many seconds is the same key press repeated, not an order
#: to end the human's phase.
SPACE_GUARD_S = 0.6
#: A turn opens on the viewer's front: its units within this many hexes of an enemy it sees.
FRONT_R = 3


class GameScreen(LeaveGuard, TopBar, GameWindows, GameTooltips, Screen):
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
        self.map_rect = pygame.Rect(0, top_h, w - rp, h - top_h)
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
        # The three boxes share what the button, the label and the gaps leave: on a short window at a large UI scale
        # (a projector) each gets its share rather than the log being pushed out of the window.
        free = ph - self.s(40) - self.s(24) - 5 * pad
        # The action box (odds and results, what to do next) gets the larger share: on a projector the hex box's
        # few lines matter less than the attack's results.
        info_h, action_h = max(self.s(28), int(free * 0.24)), max(self.s(28), int(free * 0.32))
        self.info = UITextBox("", pygame.Rect(pad, pad, inner, info_h), self.manager, container=side)
        y = pad + info_h + pad
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
        self.decisions_panel = DecisionsPanel(self.manager, side, pygame.Rect(pad, pad, inner, y - 2 * pad), self.s)
        y += self.s(24)
        self.log_box = UITextBox("", pygame.Rect(pad, y, inner, max(self.s(28), ph - y - pad)), self.manager,
                                 container=side)
        mr = self.map_rect
        self.lessons = LessonPanel(self, pygame.Rect(mr.x + self.s(10), mr.y + self.s(10),
                                                     min(self.s(480), mr.width - self.s(20)), self.s(90)))
        self.refresh(self.view)
        if self.since:
            self.show_since()

    @property
    def palette(self):
        return get_palette("colourblind" if self.app.settings.colourblind else "standard")

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
        # An operational zoom, larger at a larger UI scale: a projector's counters read like its panels.
        lay.zoom_to(22 * 1.7320508 / lay.hex_km * self.app.scale)
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
        self.mapview.set_view(view)
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
        entries = [e for e in self.table.entries() if e.event.kind not in HIDDEN_IN_LOG][-LOG_LINES * 2:]
        names = {seat.id: seat.name for seat in self.match.config.seats}
        lines = [log_line_html(group, names) for group in reversed(group_track_changes(entries))]
        n = LOG_LINES_BUSY if self.computer_playing() else LOG_LINES
        self.set_html(self.log_box, "<br>".join(within_budget(lines[:n])) or "<i>Nothing has happened yet.</i>")
        self.log_at = time.monotonic()
        self.log_stale = False

    @staticmethod
    def set_html(box: UITextBox, text: str) -> None:
        """Set a text box's text unless it shows that already (laying out a text box is slow)."""
        if box.html_text != text:
            box.set_text(text)

    def update_overlays(self) -> None:
        mv = self.mapview
        view = self.view
        if self.selected:
            self.table.last_selected[view.seat] = self.selected     # where this seat's next turn opens
            self.lesson_done("select")
        board = self.match.board
        for name in ("reach", "rail", "sea", "targets", "attackers"):
            mv.clear_overlay(name)
        mv.set_path(None)
        self.targets = {}
        if self.my_turn and self.selected and self.selected in view.units:
            actions = view.moves_for(self.selected)
            masks = {"reach": np.zeros(board.size, bool), "rail": np.zeros(board.size, bool),
                     "sea": np.zeros(board.size, bool)}
            for a in actions:
                if a.to is None:
                    continue
                i = board.index(a.to)
                kind = {"move": "reach", "rail": "rail"}.get(a.kind, "sea")
                if i not in self.targets or a.kind == "move":
                    self.targets[i] = a
                masks[kind][i] = True
            for name, mask in masks.items():
                if mask.any():
                    mv.set_overlay(name, mask, colour=MOVE_COLOURS[name], outline=MOVE_COLOURS[name][:3] + (200,))
        if self.my_turn and view.phase is Phase.COMBAT:
            mask = np.zeros(board.size, bool)
            for h in self.attack_targets:
                mask[board.index(h)] = True
            if mask.any():
                mv.set_overlay("targets", mask, colour=(220, 60, 30, 110), outline=(200, 30, 20, 230))
            if self.attackers:
                am = np.zeros(board.size, bool)
                for uid in self.attackers:
                    u = view.units.get(uid)
                    if u is not None and u.hex is not None:
                        am[board.index(u.hex)] = True
                mv.set_overlay("attackers", am, colour=(255, 210, 60, 120))
        if self.toggles["zoc"]:
            mv.set_overlay("zoc", view.enemy_zoc())       # of the enemy units the seat sees
        else:
            mv.clear_overlay("zoc")
        if self.toggles["supply"]:
            # The supply net as this seat can trace it (ochre), and its units out of supply (purple).
            net = view.supplied() & (board.terrain >= Terrain.CLEAR)
            mv.set_overlay("supply", net, colour=(230, 200, 80, 60))
            mv.set_overlay("no_supply", self.supply_mask(), colour=(160, 40, 160, 130), outline=(120, 20, 120, 230))
        else:
            mv.clear_overlay("supply")
            mv.clear_overlay("no_supply")
        dmz = view.dmz
        if self.toggles["front"] and not dmz:   # after an armistice the DMZ is the front
            mv.set_overlay("front", self.front_mask(), colour=(0, 0, 0, 0), outline=(200, 30, 30, 230))
        else:
            mv.clear_overlay("front")
        mv.show_mdl = self.toggles["history"]
        mv.set_dmz(dmz or [], self.dmz_label() if dmz else "")
        if self.toggles["plans"]:
            mv.set_plans(plans_to_draw(self.table.visible_plans(view), view.config), self.app.scale)
        else:
            mv.set_plans([])
        if mv.show_mdl:
            from game.session.catalog import historical_lines, line_at
            # Beside a DMZ of the game's own, the history toggle shows the real 1953 line to compare.
            line = historical_lines()[-1] if dmz and historical_lines() else line_at(view.date)
            mv.history_line = (f"{line.date:%d %b %Y}: {line.name}", list(line.points)) if line else None

    def dmz_label(self) -> str:
        signed = next((e for e in reversed(self.match.log) if e.kind == "ArmisticeSigned"), None)
        return f"DMZ ({(signed.date if signed else self.view.date):%d %b %Y})"

    def supply_mask(self) -> np.ndarray:
        """Hexes where the viewer's units would be out of supply now (from the units' own state)."""
        board = self.match.board
        mask = np.zeros(board.size, bool)
        for u in self.view.friendly():
            if u.location is Location.MAP and u.out_of_supply and u.hex is not None:
                mask[board.index(u.hex)] = True
        return mask

    def front_mask(self) -> np.ndarray:
        """The viewer bloc's hexes that touch hexes held by the other bloc: the front line."""
        board = self.match.board
        code = self.view.config.bloc_code(self.view.bloc)
        control = self.view.control
        mine = (control == code) & (board.terrain >= Terrain.CLEAR)
        theirs = (control != code) & (control > 0)
        nb = board.neighbors
        theirs_ext = np.append(theirs, False)
        return mine & theirs_ext[nb].any(axis=1) & (board.country != int(Country.PRC))

    def update_info(self, h: Hex | None) -> None:
        parts = []
        if self.selected and self.selected in self.view.units:
            parts.append(self.unit_card(self.view.units[self.selected], "Selected"))
        if h is not None:
            parts.append(self.hex_card(h))
            for u in self.mapview.units_at(h):
                if u.id != self.selected:
                    parts.append(self.unit_card(u))
        japan = [u for u in self.view.own() if u.location is Location.JAPAN]
        if japan and self.my_turn and self.view.phase is Phase.MOVEMENT:
            names = ", ".join(f"<a href='{u.id}'>{esc(u.name)}</a>" for u in japan)
            parts.append(f"<b>In Japan</b> (click one, then a lit port or beach): {names}")
        if not parts:
            parts.append("<i>Hover over the map for hex details; click a unit to select it.</i>")
        self.set_html(self.info, "<br>".join(parts))

    def unit_card(self, u: Unit, title: str = "") -> str:
        view = self.view
        seat = view.config.seat(u.seat)
        enemy = seat.bloc != self.view.bloc
        bar = f"{u.steps}/{u.max_steps}"
        supply = "out of supply" if u.out_of_supply else "in supply"
        status = []
        if not enemy:
            status.append("moved" if u.moved else "can move")
            if view.phase is Phase.COMBAT:
                status.append("attacked" if u.attacked else "can attack")
            status.append(supply)
        if u.dug_in:
            status.append("dug in (attacks on it lose a column)")
        head = f"<b>{esc(title + ': ' if title else '')}{esc(u.name)}</b>"
        return (f"{head}<br>{esc(seat.name)} · {esc(nation_name(u.nation))} · {esc(u.type)} {esc(u.size)}<br>"
                f"attack {u.attack} · defence {u.defence} · movement {u.movement} · steps {bar}"
                + (f"<br><i>{esc(', '.join(status))}</i>" if status else ""))

    def hex_card(self, h: Hex) -> str:
        b = self.match.board
        i = b.index(h)
        terrain = Terrain(int(b.terrain[i])).name.lower()
        country = Country(int(b.country[i])).name
        owner = "" if country == "NONE" else f", {country_name(country)} (1950)"
        bits = [f"<b>{esc(place_title(b, h))}</b> — {terrain}{owner}"]
        feats = [n for n, f in (("port", b.port[i]), ("airfield", b.airfield[i]), ("capital", b.capital[i])) if f]
        rivers = sorted({b.river_names.get((i, d), "") for d in range(6) if b.river[i, d]} - {""})
        if rivers:
            feats.append("river " + ", ".join(r.title() for r in rivers))
        if b.rail[i].any():
            feats.append("railway")
        elif b.road[i].any():
            feats.append("road")
        if feats:
            bits.append(esc(", ".join(feats)))
        held = int(self.view.control[i])
        if held:
            bits.append("held by the " + ("UN side" if self.view.config.blocs[held - 1] == "un"
                                          else "communist side"))
        if not self.view.visible[i]:
            bits.append("<i>not in sight of your forces</i>")
        return "<br>".join(bits)

    def show_attack_button(self, on: bool) -> None:
        """The Attack! button at the foot of the action box (which gives it the room), or the box at full height."""
        if on != self.action_short:
            self.action_short = on
            self.action_box.set_dimensions(self.action_sizes[1 if on else 0])
        (self.attack_button.show if on else self.attack_button.hide)()

    def update_action_box(self) -> None:
        view = self.view
        self.show_attack_button(False)
        if view.over:
            self.action_box.set_text("<b>The game is over.</b>")
            return
        if not self.my_turn:
            seat = view.config.seat(view.active_seat)
            kind = "the computer" if not self.table.active_is_human else "another player"
            text = f"<b>{esc(seat.name)}</b> is playing ({kind})…"
            if self.computer_playing():
                text += ("<br><i>Space skips its moves to the end of its turn. It waits while a window is open "
                         "(Esc: menu, save, load).</i>")
            self.set_html(self.action_box, text)
            return
        if view.phase is Phase.POLITICAL:
            self.action_box.set_text("<b>Political phase.</b> Take your decisions in the panel, then continue "
                                     "to movement (Space).")
            return
        if view.phase is Phase.MOVEMENT:
            left = len(view.movers())
            text = (f"<b>Movement.</b> {left} unit{'s' if left != 1 else ''} can still move. Click a unit, then a "
                    "lit hex (green: march, blue: rail, teal: sea or landing). Tab picks the next unit; Space "
                    "ends movement.")
            if self.selected and self.mapview.hover is not None:
                text += self.path_text(self.mapview.hover)
            self.set_html(self.action_box, text)
            return
        if self.target is None:
            n = len(self.attack_targets)
            self.action_box.set_text(f"<b>Combat.</b> {n} enemy hex{'es' if n != 1 else ''} can be attacked "
                                     "(lit red). Click one to see the odds; click your units to choose attackers. "
                                     "Space ends your turn.")
            return
        self.show_attack_button(True)
        self.action_box.set_text(self.odds_text())

    def path_text(self, h: Hex) -> str:
        board = self.match.board
        i = board.index(h)
        a = self.targets.get(i)
        if a is None:
            return ""
        to = place_words(board, h, "to")              # 'to Kaesong', 'to a hex near Haeju'
        if isinstance(a, MoveUnit):
            cost = self.view.reach(self.selected).cost[i] / HALF     # cached in the observation
            return f"<br>{esc(to[:1].upper() + to[1:])}: {cost:g} movement points."
        return f"<br>{esc(to[:1].upper() + to[1:])} by {a.kind}."

    def odds_text(self) -> str:
        attackers = [a for a in self.attackers if a in self.view.units]
        o = self.view.odds(attackers, self.target) if self.target is not None else None
        if o is None:
            return "Choose at least one of your units next to the target."
        shifts = "".join(f"<br>  {sh.columns:+d} {esc(sh.reason)}" for sh in o.shifts) or "<br>  none"
        probs = "".join(f"<br>{p * 100:.0f}% {esc(RESULT_NAMES[c])}"
                        for c, p in sorted(o.probabilities.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"<b>Attack {esc(place_words(self.match.board, self.target, 'on'))}</b><br>"
                f"{o.attack:.1f} against {o.defence:.1f}: base odds {o.base_name}, "
                + (f"shifted to <b>{o.column_name}</b>" if o.column != o.base_column else
                   f"<b>{o.column_name}</b> after shifts") + f"{shifts}<br><b>Results</b>{probs}")

    # -- input ------------------------------------------------------------------------------------------
    def on_map_click(self, h: Hex, button: int) -> None:
        if button == 3:
            self.selected, self.attackers, self.target = None, [], None
            self.update_overlays()
            self.update_action_box()
            self.update_info(h)             # the side panel lets go of the unit with the selection
            return
        view = self.view
        i = self.match.board.index(h)
        if not self.my_turn:
            self.update_info(h)
            return
        if view.phase is Phase.MOVEMENT:
            if self.selected and i in self.targets:
                self.act(self.targets[i])
                return
            own = [u for u in self.mapview.units_at(h) if u.seat == view.seat]
            movable = [u for u in own if not u.moved] or own
            if movable:
                ids = [u.id for u in movable]
                nxt = ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0]
                self.selected = nxt
                self.app.sounds.play("select")
            else:
                self.selected = None
        else:
            enemy_here = [u for u in self.mapview.units_at(h) if u.seat not in self.own_seats()]
            if enemy_here and h in self.attack_targets:
                if self.target == h and self.attackers:
                    self.commit_attack()
                    return
                self.target = h
                eligible = list(self.attack_targets[h])
                chosen = [a for a in self.attackers if a in eligible]
                self.attackers = chosen or eligible
            else:
                own = [u for u in self.mapview.units_at(h) if u.seat == view.seat and not u.attacked]
                for u in own:
                    if u.id in self.attackers:
                        self.attackers.remove(u.id)
                    else:
                        self.attackers.append(u.id)
        self.update_overlays()
        self.update_info(h)
        self.update_action_box()

    def own_seats(self) -> set[str]:
        bloc = self.view.bloc
        return {s.id for s in self.view.config.seats if s.bloc == bloc}

    def commit_attack(self) -> None:
        if self.target is None or not self.attackers:
            return
        action = Attack(self.target, tuple(sorted(self.attackers)))
        self.target, self.attackers = None, []
        self.act(action)

    def act(self, action) -> None:
        """Submit a human action; an illegal one shows its reason and changes nothing."""
        try:
            events = self.table.submit(action)
        except IllegalAction as exc:
            self.notify(exc.reason)
            self.app.sounds.play("error")
            return
        self.lesson_done({MoveUnit: "move", RailMove: "move", SeaMove: "move", Landing: "move", Decide: "decide",
                          Attack: "attack", EndPhase: "end_phase"}.get(type(action), ""))
        if isinstance(action, (MoveUnit, RailMove, SeaMove, Landing)):
            self.selected = None
            self.app.sounds.play("move")
        taken = next((e for e in events if e.kind == "DecisionTaken"), None)
        if taken:
            self.notify(taken.text, seconds=6)
            self.app.sounds.play("turn")
        combat = next((e for e in events if e.kind == "CombatResolved"), None)
        if combat:
            d = combat.data
            place = place_title(self.match.board, Hex(*d["target"]))
            self.notify(f"{place}: {d['column']}, die {d['die']} — {RESULT_NAMES[d['result']]}", seconds=6)
            self.app.sounds.play("combat")
        if any(e.kind == "TurnStarted" for e in events):
            self.app.sounds.play("turn")
        self.after_change()

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

    def cycle_units(self) -> None:
        if not self.my_turn or self.view.phase is not Phase.MOVEMENT:
            return
        ids = self.view.movers()          # own units on the map or in Japan that may still move
        if not ids:
            self.notify("Every unit has moved. Press Space to end movement.")
            return
        nxt = ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0]
        self.selected = nxt
        u = self.view.units[nxt]
        if u.hex is not None:
            self.mapview.layout.center_on_hex(u.hex, snug=True)
        self.update_overlays()
        self.update_info(u.hex)
        self.update_action_box()

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            b = self.buttons
            if event.ui_element is b.get("end"):
                self.end_phase()
            elif event.ui_element is b.get("undo"):
                self.undo()
            elif event.ui_element is b.get("save"):
                self.save()
            elif event.ui_element is b.get("menu"):
                self.open_menu()
            elif event.ui_element is b.get("help"):
                self.show_help()
            elif event.ui_element is b.get("overlays"):
                self.show_overlay_menu()
            elif event.ui_element is self.attack_button:
                self.commit_attack()
            elif self.decisions_button is not None and event.ui_element is self.decisions_button:
                self.show_decisions()
            elif getattr(event.ui_element, "decision_id", None):
                self.decide(event.ui_element.decision_id)
            elif getattr(event.ui_element, "continue_phase", False):
                self.end_phase()
            elif getattr(event.ui_element, "overlay_key", None):
                key = event.ui_element.overlay_key
                self.toggle(key)
                self.mark_overlay(event.ui_element)
            elif getattr(event.ui_element, "menu_key", None):
                self.menu_choice(event.ui_element.menu_key)
            elif getattr(event.ui_element, "leave_key", None):
                self.leave_choice(event.ui_element.leave_key)
            elif getattr(event.ui_element, "lesson_key", None):
                self.lessons.press(event.ui_element.lesson_key)
            elif getattr(event.ui_element, "rules_page", None) is not None:
                self.show_rules(event.ui_element.rules_page)
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and str(event.link_target).startswith("idea:"):
            self.show_glossary(str(event.link_target)[5:])
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and str(event.link_target) == "rules:":
            self.show_rules()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and event.ui_element is self.info:
            if event.link_target in self.view.units:
                self.selected = event.link_target
                self.update_overlays()
                self.update_action_box()

    def open_windows(self) -> list:
        """Dialogs and windows open over the map (help, menu, save, messages...), topmost last."""
        stack = self.manager.get_window_stack()
        return [w for w in stack.get_full_stack() if w.alive()]

    def handle(self, event) -> bool:
        windows = self.open_windows()
        if windows and event.type == pygame.KEYDOWN:
            # A dialog is modal for the keyboard: Esc closes it, other keys never reach the map.
            if event.key == pygame.K_ESCAPE:
                windows[-1].kill()
            return True
        if self.tooltip is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN):
            self.tooltip.kill()
            self.tooltip = None
        if (event.type == pygame.MOUSEBUTTONDOWN and getattr(self, "lessons", None) is not None
                and self.lessons.covers(event.pos)):
            return True                     # a click on the tutorial's text is not a click on the hex under it
        if self.mapview.handle_event(event):
            if event.type == pygame.MOUSEMOTION:
                self.hover_changed()
            return True
        if event.type == pygame.MOUSEMOTION and self.map_rect.collidepoint(event.pos):
            self.hover_changed()
        if event.type != pygame.KEYDOWN:
            return False
        ctrl = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
        key = event.key
        if key == pygame.K_SPACE and self.computer_playing():
            self.hurry = True                 # the rest of the computer's turn without animation
            self.mapview.motion.skip()
        elif key == pygame.K_SPACE:
            if self.space_guard_left <= 0.0:
                self.end_phase()
        elif key == pygame.K_z and ctrl:
            self.undo()
        elif key == pygame.K_s and ctrl:
            self.save()
        elif key == pygame.K_ESCAPE:
            if self.selected or self.target:
                self.selected, self.attackers, self.target = None, [], None
                self.update_overlays()
                self.update_action_box()
            else:
                self.open_menu()
        elif key == pygame.K_TAB:
            self.cycle_units()
        elif key == pygame.K_F1 or event.unicode == "?":
            self.show_help()
        elif key == pygame.K_F2:
            self.show_rules()
        elif key == pygame.K_m and not ctrl:
            self.toggle("minimap")
        elif key in (pygame.K_z, pygame.K_u, pygame.K_f, pygame.K_h, pygame.K_p) and not ctrl:
            self.toggle({pygame.K_z: "zoc", pygame.K_u: "supply", pygame.K_f: "front", pygame.K_h: "history",
                         pygame.K_p: "plans"}[key])
        else:
            return False
        return True

    def hover_changed(self) -> None:
        h = self.mapview.hover
        mv = self.mapview
        if self.selected and self.my_turn and h is not None:
            board = self.match.board
            i = board.index(h)
            a = self.targets.get(i)
            if isinstance(a, MoveUnit):
                reach = self.view.reach(self.selected)      # cached in the observation: one search per unit
                path = reach.path(i)
                mv.set_path([board.hex_at(j) for j in path], [reach.cost[j] / HALF for j in path])
            else:
                mv.set_path(None)
        self.update_info(h)
        if self.my_turn and self.view.phase is Phase.MOVEMENT:
            self.update_action_box()

    def lesson_done(self, action: str) -> None:
        """The player did ``action``: the tutorial panel moves on if its step asked for it."""
        lessons = getattr(self, "lessons", None)
        if lessons is not None and action:
            lessons.done(action)

    def minimap_changed(self, on: bool) -> None:
        self.app.settings.minimap = on
        self.app.keep_settings()

    def toggle(self, key: str) -> None:
        self.lesson_done("overlay")
        if key == "grid":
            self.mapview.show_grid = not self.mapview.show_grid
            self.app.settings.hex_grid = self.mapview.show_grid
            self.app.keep_settings()
        elif key == "minimap":
            mini = self.mapview.minimap
            mini.visible = self.app.settings.minimap = not mini.visible
            self.app.keep_settings()
            self.notify("Minimap: on" if mini.visible else "Minimap: off (M or its tab brings it back)")
            return
        else:
            self.toggles[key] = not self.toggles[key]
            self.update_overlays()
        names = {"zoc": "Zones of control", "supply": "Supply net and units out of supply", "front": "Front line",
                 "history": "Historical front line at this date", "grid": "Hex grid", "plans": "The computer's plans"}
        on = self.mapview.show_grid if key == "grid" else self.toggles[key]
        if key == "plans" and on and not self.mapview.plans:
            self.notify(self.no_plans_reason(), seconds=6)
            return
        self.notify(f"{names[key]}: {'on' if on else 'off'}")

    def no_plans_reason(self) -> str:
        """Why the plan overlay shows nothing (the rule is Table.may_see_plan)."""
        ai = self.table.ai
        seats = [s for s in self.match.config.seats if ai.plays(s.id)]
        if not seats:
            return "No seat is played by the computer: there is no plan to show."
        if not any(self.table.may_see_plan(s.id) for s in seats):
            return "The enemy computer's plans are shown when the war is over."
        return "The computer has no plan yet: it makes one at the start of each of its movement phases."

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
            self.refresh()
        else:
            self.notify("Nothing to undo: the last action revealed something or rolled dice.")
            self.lesson_done("undo")        # the tutorial's undo step has shown what it teaches: go on

    def save(self) -> None:
        self.app.open_dialog("save", match=self.match, handover=False, on_done=self.notify)

    # -- frame --------------------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.space_guard_left = max(0.0, self.space_guard_left - dt)
        warning = self.table.autosave_warning()
        if warning:                     # once per run of failed autosaves; the computer waits while it is read
            self.app.message("The autosave failed", warning)
        if not self.open_windows():
            self.mapview.update(dt)     # held arrow/WASD keys pan, unless a dialog has the keyboard
        self.update_tooltip()
        if self.log_stale and (not self.computer_playing() or time.monotonic() - self.log_at >= LOG_EVERY_S):
            self.update_log(now=True)
        if not self.computer_playing():
            if self.hurry:
                self.hurry = False
                self.space_guard_left = SPACE_GUARD_S
            return
        if self.open_windows():
            return                    # the computer waits while the player reads, saves or loads
        delay = 0.0 if self.hurry else self.app.settings.ai_delay_ms / 1000.0
        self.ai_clock += dt
        if self.ai_clock < delay or (delay and self.mapview.motion.slides):
            return
        self.ai_clock = 0.0
        m = self.match
        # One action per beat; at no delay, as many as fit in a frame's slice (each one is short).
        budget = time.perf_counter() + (0.012 if delay == 0 else 0.0)
        changed = False
        seen: list[LogEntry] = []
        while True:
            before = len(self.table.entries())
            events = self.table.step_ai()
            seen.extend(self.table.entries()[before:])
            changed = changed or bool(events)
            if not events or m.over or self.table.active_is_human or time.perf_counter() >= budget:
                break
        if self.hurry and not self.computer_playing():
            self.hurry = False
            self.space_guard_left = SPACE_GUARD_S
        if changed:
            self.after_change()
            if self.app.screen is self and delay:
                self.animate(seen, delay)

    def computer_playing(self) -> bool:
        """The computer is to act (and the game goes on)."""
        return not self.match.over and not self.table.active_is_human and self.table.ai.plays(self.match.active_seat)

    def animate(self, entries: list[LogEntry], delay: float) -> None:
        """Show on the map what the viewer saw of the computer's last action (the entries of its log): a move
        slides along the hexes it was seen on, a fight or a landing flashes.  Looks only."""
        view = self.view
        board = self.match.board
        motion = self.mapview.motion
        for e in entries:
            ev = e.event
            if ev.kind == "UnitMoved":
                unit = view.units.get(str(ev.data.get("unit", "")))
                if unit is None or unit.hex is None or unit.location is not Location.MAP:
                    continue
                hexes = [h for h in ev.hexes if h is not None and board.index(h) >= 0]
                if not e.own:        # an enemy: only where the viewer saw it go
                    hexes = [h for h in hexes if view.visible[board.index(h)]]
                if hexes and hexes[-1] == unit.hex:
                    motion.slide(unit, hexes, min(0.85 * delay, 0.12 + 0.08 * len(hexes)))
            elif ev.kind == "CombatResolved" and ev.data.get("target"):
                target = Hex(*ev.data["target"])
                motion.flash(target, (255, 70, 40), max(0.25, 1.6 * delay))
                d = ev.data
                self.notify(f"{place_title(board, target)}: {d['column']}, die {d['die']} — "
                            f"{RESULT_NAMES[d['result']]}", seconds=max(2.0, 8 * delay))
                self.app.sounds.play("combat")
            elif ev.kind == "UnitLanded" and ev.hexes:
                motion.flash(ev.hexes[-1], (40, 220, 220), max(0.25, 1.6 * delay))

    def draw(self, surface: pygame.Surface) -> None:
        self.mapview.draw(surface)
        if self.tracks_bar is not None and self.strip.height:
            from game.ui.tracks_bar import draw_strip_background
            draw_strip_background(surface, self.strip)
            self.tracks_bar.draw(surface, pygame.mouse.get_pos())
        if self.notice and time.monotonic() < self.notice_until:
            font = pygame.font.Font(None, self.s(26))
            text = self.notice
            while font.size(text)[0] > self.map_rect.width - self.s(60) and len(text) > 10:
                text = text[: len(text) - 4] + "…"
            img = font.render(text, True, (255, 244, 214))
            r = img.get_rect(midbottom=(self.map_rect.centerx, self.map_rect.bottom - self.s(20)))
            bg = r.inflate(self.s(24), self.s(14))
            pygame.draw.rect(surface, (25, 24, 20), bg, border_radius=6)
            pygame.draw.rect(surface, (200, 170, 100), bg, 1, border_radius=6)
            surface.blit(img, r)
