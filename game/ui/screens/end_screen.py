"""The after-action report: the outcome, scores against history, the tracks over time, the final map.

The end screen is the one place that sees the whole truth: it reads
``match.reveal()`` (an :class:`~game.engine.api.Truth`), never the state.
Scores come from the engine (``Truth.scores``): each component is what this
game achieved minus what history achieved, so the historical result scores 0
for every side.  The charts are the after-action report's (game/report/charts.py,
matplotlib): the whole record is replayed in the background (game/ui/war_charts.py)
-- a loaded game's log holds only this session's events -- and until they are
ready, or when they cannot be drawn, the tracks are drawn by hand from the log
(``game.ui.charts``).  "Charts" enlarges them over the scores.  The final map
shows the ground each bloc held, the DMZ of an armistice, and the real 1953 line
beside it.  "Export report" writes the same report as ``python -m game report``
into the save folder's ``reports`` (game/ui/report_export.py).
"""

from __future__ import annotations

import html

import numpy as np
import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.engine.api import Location, Truth, plural
from game.engine.board import Country
from game.engine.config import GameConfig
from game.report.words import COMPONENTS, OUTCOMES, outcome_text
from game.ui.charts import draw_score_bars, draw_tracks
from game.ui.map_labels import get_font, render_text
from game.ui.report_export import ReportExport
from game.ui.screens.base import Screen
from game.ui.tracks_bar import TrackValues
from game.ui.war_charts import WarCharts

__all__ = ["COMPONENTS", "OUTCOMES", "EndScreen", "outcome_text", "report_html", "score_rows", "seats_in_order"]
GOOD, BAD, MUTED = "#8fd19e", "#f08c78", "#9c927a"


def seats_in_order(config: GameConfig, viewer: str | None = None) -> list:
    """The seats with the viewer's own first (then the rest in the scenario's order): a player reads their score
    before the others'."""
    seats = list(config.seats)
    return sorted(seats, key=lambda seat: seat.id != viewer) if viewer else seats


def score_rows(truth: Truth, config: GameConfig) -> list[tuple[str, int, int, int, int, int]]:
    """(seat name, units left, steps left, steps lost, hexes held, victory places its side holds) per seat.  The
    places are the side's, as the score counts them (``Truth.places_held``), so the two never disagree."""
    rows = []
    for seat in config.seats:
        alive = [u for u in truth.units.values() if u.seat == seat.id and u.location in (Location.MAP, Location.JAPAN)]
        places = len(truth.places_held.get(seat.bloc, ()))
        rows.append((seat.name, len(alive), sum(u.steps for u in alive), truth.steps_lost.get(seat.id, 0),
                     truth.hexes_held.get(seat.id, 0), places))
    return rows


def signed(value: float) -> str:
    colour = GOOD if value > 0.05 else BAD if value < -0.05 else "#efe8d4"
    return f"<font color='{colour}'>{value:+.1f}</font>"


def report_html(truth: Truth, config: GameConfig, viewer: str | None = None) -> str:
    """Each seat's score against history, its components and the reasons, then what it kept in the field; the
    ``viewer``'s seat first."""
    sc = truth.scores
    field = {r[0]: r for r in score_rows(truth, config)}
    total_places = len(config.victory_places)
    blocks = []
    for seat in seats_in_order(config, viewer):
        got = sc.get(seat.id)
        lines = []
        if got is not None:
            total = got["total"]
            verdict = "better than" if total > 0.05 else "worse than" if total < -0.05 else "the same as"
            lines.append(f"<b>{html.escape(seat.name)}</b>  {signed(total)}  "
                         f"<font color='{MUTED}'>— {verdict} the historical result (0)</font>")
            comps = " · ".join(f"{html.escape(COMPONENTS.get(k, k))} {signed(v)}"
                               for k, v in got["components"].items())
            lines.append(comps)
            for why in got["why"]:
                lines.append(f"• {html.escape(why)}")
        n, units, steps, lost, hexes, places = field[seat.name]
        lines.append(f"<font color='{MUTED}'>In the field: {plural(units, 'unit')} ({plural(steps, 'step')}); "
                     f"{plural(lost, 'step')} lost; {plural(hexes, 'hex', 'hexes')} held by its units; its side "
                     f"holds {places} of the {total_places} victory places</font>")
        blocks.append("<br>".join(lines))
    return "<br><br>".join(blocks)


class EndScreen(Screen):
    def __init__(self, app, table, room=None):
        super().__init__(app)
        self.table = table
        #: the classroom whose war this is (game/session/classroom.py): the final map is its screen, not a player's
        self.room = room
        self.mapview = None
        self.map_rect: pygame.Rect | None = None
        self.bars_rect: pygame.Rect | None = None
        self.charts_rect: pygame.Rect | None = None
        self.charts_img: pygame.Surface | None = None
        self.charts_drawn = 0
        #: "log" (drawn by hand from this session's log) or "report" (the report's charts of the whole war)
        self.charts_source = "log"
        #: True while the charts fill the column the scores' text holds
        self.charts_big = False
        self.charts_toggle: UIButton | None = None
        self.totals: list[tuple[str, float]] = []
        self.truth: Truth | None = None
        self.war = WarCharts(table.match)
        self.export = ReportExport(app, self.war)

    def build(self) -> None:
        w, h = self.app.size
        s = self.s
        match = self.table.match
        st = self.truth = match.reveal()          # the whole truth: the war is over (or the players asked)
        config = match.config
        small = h / self.app.scale < 620
        title_h = s(44) if small else s(64)
        UILabel(pygame.Rect(0, s(8), w, title_h), "The war is over" if match.over else "Game summary",
                self.manager, object_id="@heading" if small else "@title")
        y = s(8) + title_h
        sub = f"{st.date:%d %B %Y} — {outcome_text(st.outcome)}"
        if get_font(s(18), italic=True).size(sub)[0] > w - s(40) and ":" in sub.split("—", 1)[-1]:
            sub = sub.rsplit(":", 1)[0] + "."      # the outcome's headline only
        self.subtitle = UILabel(pygame.Rect(0, y, w, s(30)), sub, self.manager, object_id="@subtitle")
        y += s(36)
        bottom = h - s(70)
        margin = s(20)
        wide = w / self.app.scale >= 1000
        left_w = int((w - 3 * margin) * 0.56) if wide else w - 2 * margin
        x = margin
        has_pol = config.politics is not None
        got = st.scores
        viewer = self.table.viewer
        self.totals = [(seat.name, got[seat.id]["total"]) for seat in seats_in_order(config, viewer)
                       if seat.id in got]
        n = len(config.seats)
        self.bars_rect = pygame.Rect(x, y, left_w, s(16) + n * s(22 if small else 24)) if has_pol else None
        if self.bars_rect is not None:
            y = self.bars_rect.bottom + s(8)
        room = bottom - y
        chart_h = min(s(260), int(room * 0.45)) if has_pol and room > s(220) else 0
        head = s(28) if chart_h else 0          # the charts' heading and their Enlarge button
        if chart_h and self.charts_big:
            chart_h = room - head
        report_h = room - chart_h - head - (s(8) if chart_h else 0)
        self.report = UITextBox(report_html(st, config, viewer), pygame.Rect(x, y, left_w, max(report_h, s(40))),
                                self.manager)
        if chart_h and self.charts_big:
            self.report.hide()
        self.charts_rect = pygame.Rect(x, bottom - chart_h, left_w, chart_h) if chart_h else None
        self.charts_toggle = None
        if chart_h:
            tw = s(150)
            self.charts_toggle = UIButton(pygame.Rect(x + left_w - tw, bottom - chart_h - head, tw, head - s(4)),
                                          "Show the scores" if self.charts_big else "Enlarge the charts",
                                          self.manager)
            self.war.want(self.charts_rect.size, self.app.scale, self.app.settings.high_contrast)
        self.render_charts()
        if wide:
            # Room under the map for its legend, on two lines where one would run under the buttons.
            mr = pygame.Rect(2 * margin + left_w, s(8) + title_h + s(36), w - 3 * margin - left_w,
                             bottom - (s(8) + title_h + s(36)) - s(52))
            self.build_map(mr)
        else:
            self.map_rect = None
        gap = s(16)
        bw = min(s(220), (w - 4 * gap) // 3)
        left = (w - 3 * bw - 2 * gap) // 2
        self.export_button = UIButton(pygame.Rect(left, h - s(60), bw, s(48)), "Export report", self.manager,
                                      object_id="@big_button",
                                      tool_tip_text="Write this report, its charts and the final map as Markdown "
                                                    "and a printable PDF, in the saves folder.")
        self.back = UIButton(pygame.Rect(left + bw + gap, h - s(60), bw, s(48)), "The final map ›",
                             self.manager, object_id="@big_button",
                             tool_tip_text="Look over the map as the war ended (the DMZ, the front, the units).")
        self.menu = UIButton(pygame.Rect(left + 2 * (bw + gap), h - s(60), bw, s(48)), "Main menu", self.manager,
                             object_id="@big_button")

    def render_charts(self) -> None:
        """The charts at the chart area's size: the report's (whole war) once drawn for it, else by hand from the
        log."""
        self.charts_img, self.charts_drawn, self.charts_source = None, 0, "log"
        r = self.charts_rect
        if r is None:
            return
        war = self.war.surface
        if war is not None and war.get_size() == r.size:
            self.charts_img, self.charts_drawn, self.charts_source = war, self.war.count, "report"
            return
        st = self.truth
        now = TrackValues(self.table.match.config, st.tracks, st.talks, st.date)
        img = pygame.Surface(r.size, pygame.SRCALPHA)
        img.fill((0, 0, 0, 0))
        palette = self._palette()
        self.charts_drawn = draw_tracks(img, pygame.Rect((0, 0), r.size), now, self.table.match.log,
                                        self.app.scale, palette)
        self.charts_img = img

    def _palette(self):
        from game.ui.palette import get_palette
        return get_palette("colourblind" if self.app.settings.colourblind else "standard")

    def build_map(self, rect: pygame.Rect) -> None:
        """The final map: ground held by each bloc, the DMZ, and the 1953 line beside it."""
        from game.session.catalog import historical_lines
        from game.ui.terrain_cache import map_view_for
        st = self.truth
        board = self.table.match.board
        self.map_rect = rect
        mv = map_view_for(board, rect, self.app.settings.colourblind)
        mv.set_ui_scale(self.app.scale)
        mv.minimap.visible = False
        mv.show_labels = True
        mv.set_view(None)
        pal = mv.palette
        korea = np.isin(board.country, (int(Country.ROK), int(Country.DPRK))) & (board.terrain >= 2)
        for k, bloc in enumerate(self.table.match.config.blocs):
            col = pal.bloc.get(bloc, (200, 200, 200))
            mv.set_overlay(f"held_{bloc}", korea & (st.control == k + 1), colour=(*col, 90))
        dmz = st.dmz
        if dmz:
            when = next((e.date for e in reversed(self.table.match.log) if e.kind == "ArmisticeSigned"), st.date)
            mv.set_dmz(dmz, f"DMZ ({when:%d %b %Y})")
        lines = historical_lines()
        if lines:
            mv.show_mdl = True
            line = lines[-1]
            mv.history_line = (f"{line.date:%Y}: the real line", list(line.points))
        self.frame_map(mv, korea, dmz)
        # Where the board is narrower than the column at this zoom, narrow the map to the board.
        xmin, _y0, xmax, _y1 = mv.layout.world_bounds()
        board_w = int((xmax - xmin) * mv.layout.scale)
        if board_w < rect.width - 4:
            self.map_rect = pygame.Rect(rect.x + (rect.width - board_w) // 2, rect.y, board_w, rect.height)
            mv.set_rect(self.map_rect)
            self.frame_map(mv, korea, dmz)
        self.mapview = mv

    def frame_map(self, mv, korea: np.ndarray, dmz) -> None:
        board = mv.board
        lay = mv.layout
        idx = [i for i, _d in dmz] if dmz else list(np.flatnonzero(korea))
        if not idx:
            lay.fit_map()
            return
        pts = [lay.hex_center_km(board.hex_at(int(i))) for i in idx]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        pad = 4 * board.hex_km if dmz else board.hex_km
        x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
        if dmz:   # show the peninsula's width around the line, and some depth on either side
            ky = [lay.hex_center_km(board.hex_at(int(i)))[1] for i in np.flatnonzero(korea)]
            kx = [lay.hex_center_km(board.hex_at(int(i)))[0] for i in np.flatnonzero(korea)]
            x0, x1 = min(x0, min(kx)), max(x1, max(kx))
            depth = (x1 - x0) * mv.rect.height / max(1, mv.rect.width)
            cy = (y0 + y1) / 2
            y0, y1 = max(min(ky), min(y0, cy - depth / 2)), min(max(ky), max(y1, cy + depth / 2))
        scale = min(mv.rect.width / max(1.0, x1 - x0), mv.rect.height / max(1.0, y1 - y0))
        lay.zoom_to(scale)
        lay.center_on_km((x0 + x1) / 2, (y0 + y1) / 2)

    def update(self, dt: float) -> None:
        if self.war.poll():
            self.render_charts()
        self.export.update()
        # While the report is written the button says so and waits (a second press would only queue the same).
        notice = self.export.notice
        text = notice or "Export report"
        if self.export_button.text != text:
            self.export_button.set_text(text)
            if notice:
                self.export_button.disable()
            else:
                self.export_button.enable()

    def handle(self, event) -> bool:
        if self.mapview is not None and event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN,
                                                       pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            return self.mapview.handle_event(event)
        return False

    def draw(self, surface: pygame.Surface) -> None:
        s = self.s
        if self.bars_rect is not None:
            draw_score_bars(surface, self.bars_rect, self.totals, self.app.scale)
        if self.charts_img is not None and self.charts_rect is not None:
            surface.blit(self.charts_img, self.charts_rect.topleft)
        if self.charts_rect is not None:
            r = self.charts_rect
            words = "Charts of the whole war" if self.charts_source == "report" else \
                "Drawing the charts of the whole war…" if self.war.busy else \
                (self.war.problem or "Charts of this session")
            size = max(11, s(13))
            room = r.width - (self.charts_toggle.rect.width + s(12) if self.charts_toggle else 0)
            if get_font(size).size(words)[0] > room:
                words = "Charts of this session only (see the log file)"    # the problem's words are too long
            img = render_text(words, size, (220, 212, 190), bold=self.charts_source == "report")
            surface.blit(img, (r.x, r.y - s(26) + (s(24) - img.get_height()) // 2))
        if self.mapview is not None and self.map_rect is not None:
            pygame.draw.rect(surface, self.mapview.palette.sea, self.map_rect)   # beyond the board's edge
            self.mapview.draw(surface)
            pygame.draw.rect(surface, (107, 95, 67), self.map_rect.inflate(2, 2), 1)
            self.draw_legend(surface, pygame.Rect(self.map_rect.x, self.map_rect.bottom + s(6),
                                                  self.map_rect.width, s(22)))

    def draw_legend(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        s = self.s
        pal = self.mapview.palette
        items = []
        if self.mapview.dmz:
            items.append(("dmz", "DMZ of this game"))
        if self.mapview.show_mdl:
            items.append(("mdl", "1953 line (history)"))
        for k, bloc in enumerate(self.table.match.config.blocs):
            items.append((f"held:{bloc}", "UN-held" if bloc == "un" else "communist-held"))
        x = rect.x
        y = rect.y
        size = max(11, s(12))
        for key, text in items:
            img = render_text(text, size, (220, 212, 190))
            if x > rect.x and x + s(28) + img.get_width() > rect.right:   # wrap onto a second line
                x, y = rect.x, y + s(20)
            sw = pygame.Rect(x, y + s(5), s(22), s(10))
            if key == "dmz":
                pygame.draw.rect(surface, (252, 238, 228), sw)
                for k in range(0, sw.width, max(3, s(5))):
                    pygame.draw.line(surface, (200, 28, 28), (sw.x + k, sw.bottom - 1), (min(sw.right, sw.x + k
                                                                                              + sw.height), sw.y))
                pygame.draw.rect(surface, (120, 14, 14), sw, max(1, s(2)))
            elif key == "mdl":
                pygame.draw.line(surface, pal.mdl, (sw.x, sw.centery), (sw.right, sw.centery), max(2, s(3)))
            else:
                col = pal.bloc.get(key.split(":")[1], (200, 200, 200))
                pygame.draw.rect(surface, col, sw)
            surface.blit(img, (sw.right + s(6), y + (s(20) - img.get_height()) // 2))
            x = sw.right + s(6) + img.get_width() + s(16)

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.menu:
            self.app.go("menu")
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.export_button:
            self.export.start()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.charts_toggle:
            self.charts_big = not self.charts_big
            self.app.rebuild()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back and self.room is not None:
            # (A teacher's 'final map' opened a player's screen: "Game over · you: DPRK / PRC".)
            self.app.go("classroom", room=self.room, intro=False)
        elif event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back:
            t = self.table
            if t.viewer is None:
                t.viewer = t.humans[0] if t.humans else t.match.config.seats[0].id
            self.app.go("game", table=t)
