"""The game screen's top bar: the date, turn, whose phase and whom the screen shows, the six buttons, and under it
the strip of political gauges (game/ui/tracks_bar.py).

A mixin of GameScreen (it reads the screen's ``app``, ``manager``, ``view`` and ``s``); every button stays at every
window size and UI scale.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from game.engine.api import Observation, Phase
from game.ui.map_labels import get_font
from game.ui.tracks_bar import TracksBar, gauges

#: Top-bar buttons: key, text, width (unscaled px), tooltip.  All stay at every size (a narrow bar closes them up).
TOP_BUTTONS = (
    ("end", "End phase ›", 150, "End this phase (Space): political, then movement, then combat, then the end "
                                "of your turn."),
    ("undo", "Undo", 80, "Take back the last move (Ctrl+Z), until something was revealed."),
    ("overlays", "Overlays", 100, "Zones of control (Z), supply (U), front line (F), historical front (H), "
                                  "the computer's plans (P), hex grid (G)."),
    ("save", "Save", 70, "Save the game (Ctrl+S)."),
    ("help", "Keys", 70, "Every key (F1)."),
    ("menu", "Menu", 80, "Save, settings, load, quit (Esc)."),
)
#: What the first button says in each phase (and once the game is over); a closed-up bar fits the longest.
END_TEXTS = {Phase.POLITICAL: "To movement ›", Phase.MOVEMENT: "End movement ›", Phase.COMBAT: "End turn ›"}
END_OVER = "Summary ›"
END_TEXT_LONGEST = max((*END_TEXTS.values(), END_OVER), key=len)
#: How the top bar says the game ended, by the state's outcome (the end screen tells it at length).
GAME_OVER = {"armistice": "armistice signed", "ceasefire": "ceasefire", "last_turn": "the last turn is played",
             "general_war": "general war", "unification:un": "Korea unified by the South",
             "unification:communist": "Korea unified by the North"}


class TopBar:
    """The top bar and the gauge strip, built for the window's size and scale."""

    def build_top(self, w: int, tb: int) -> None:
        """The top bar (date, turn, seat, buttons) and under it the strip of political gauges.

        Every button stays at every size and scale (a projector needs Save and Keys as much as a laptop): on a
        narrow bar they close up to their text.  The date, turn, seat and viewer take one line beside them if
        there is room, else two lines, else they move into the strip, which wraps into as many rows as it needs.
        """
        s = self.s
        font = get_font(s(15))
        gap = s(8)
        widths = [s(b[2]) for b in TOP_BUTTONS]
        if sum(widths) + gap * (len(widths) - 1) > w - s(20):
            widths = [max(s(48), font.size(END_TEXT_LONGEST if key == "end" else text)[0] + s(22))
                      for key, text, _w, _tip in TOP_BUTTONS]
        buttons_w = sum(widths) + gap * (len(widths) - 1)
        view = self.view
        self.gauges = gauges(view, self.palette)
        has_decisions = bool(view.config.politics and view.config.politics.decisions)
        status_room = w - buttons_w - s(30)
        # The date, turn and seat: one line if there is room, else two lines, else in the strip.
        self.status_mode = "line" if status_room >= s(640) else "two" if status_room >= s(300) else "strip"
        status_in_strip = self.status_mode == "strip"
        top = UIPanel(pygame.Rect(0, 0, w, tb), manager=self.manager, object_id="@topbar")
        bx = w - buttons_w - s(10)
        self.buttons = {}
        for (key, text, _w, tip), width in zip(TOP_BUTTONS, widths):
            self.buttons[key] = UIButton(pygame.Rect(bx, s(6), width, tb - s(12)), text, self.manager,
                                         container=top, tool_tip_text=tip)
            bx += width + gap
        self.tracks_bar = TracksBar(self.app.scale)
        # In the strip the status is one line: as wide as its longest form for this game's seats.
        lead = max(font.size(text)[0] for text in self.status_forms(view)) + s(16) if status_in_strip else 0
        lead = min(lead, w - s(12))
        tail = s(124) if has_decisions else 0
        self.tip_zones = []
        self.decisions_button = None
        if self.gauges or lead or tail:
            mins = [self.tracks_bar.gauge_min_width(g) for g in self.gauges]
            rects, lead_r, tail_r, height = self.tracks_bar.layout(0, tb, w, mins, lead, tail)
            self.strip = pygame.Rect(0, tb, w, height)
            self.gauge_rects = rects
            self.tracks_bar.set(self.gauges, rects, self.strip)
            for k, r in enumerate(rects):
                self.tip_zones.append((r, lambda k=k: self.gauge_tip(k)))
            if tail_r is not None:
                br = pygame.Rect(tail_r.x, tail_r.y + s(2), tail_r.width, tail_r.height - s(4))
                self.decisions_button = UIButton(br, "Decisions", self.manager, tool_tip_text=(
                    "The political decisions of your side: which exist, when they open, what they do."))
        else:
            self.strip = pygame.Rect(0, tb, w, 0)
            self.gauge_rects = []
            lead_r = None
        self.status2 = None
        both = lambda: self.date_tip() + "<br>" + self.turn_tip() + "<br>" + self.phase_tip()  # noqa: E731
        if status_in_strip and lead_r is not None:
            self.status = UILabel(lead_r, "", self.manager)
            self.tip_zones.append((lead_r, both))
        elif self.status_mode == "two":
            half = (tb - s(4)) // 2
            self.status = UILabel(pygame.Rect(s(10), s(2), status_room, half), "", self.manager, container=top)
            self.status2 = UILabel(pygame.Rect(s(10), s(2) + half, status_room, half), "", self.manager,
                                   container=top)
            self.tip_zones.append((pygame.Rect(0, 0, status_room + s(10), tb), both))
        else:
            width = max(s(120), status_room)
            self.status = UILabel(pygame.Rect(s(10), s(6), width, tb - s(12)), "", self.manager, container=top)
            # The tooltips follow the text: date, turn, then the seat and phase.
            x = s(14)
            for part, fn in ((f"{view.date:%d %B %Y}   ·   ", self.date_tip),
                             ("Turn 100 of 100   ·   ", self.turn_tip), ("", self.phase_tip)):
                pw = font.size(part)[0] if part else max(s(60), width - x)
                self.tip_zones.append((pygame.Rect(x, 0, pw, tb), fn))
                x += pw

    @staticmethod
    def status_text(view: Observation, active, mode: str) -> str:
        """The status line of the top bar (``mode`` "line" or "strip"; "when" and "two" the two lines): the date,
        the turn, whose phase it is and whom the screen shows (said short when it is the player's own)."""
        viewer = view.config.seat(view.seat).name
        # Once the war is over nobody's phase is under way: the line says how it ended.
        doing = f"Game over: {GAME_OVER.get(view.outcome or '', 'the war is over')}" if view.over else \
            f"{active.name}: {view.phase.value}"
        if mode == "line":
            return (f"{view.date:%d %B %Y}   ·   Turn {view.turn} of {view.last_turn}   ·   "
                    f"{doing}   ·   viewing as {viewer}")
        when = f"{view.date:%d %b %Y} · Turn {view.turn}/{view.last_turn}"
        if mode == "when":
            return when
        who = doing + (" (you)" if active.id == view.seat and not view.over else f" · you: {viewer}")
        if mode == "two":
            return who
        return f"{when} · {who}"

    def status_forms(self, view: Observation) -> list[str]:
        """Every strip status this game can show (each seat's phase, and the war's end): its room is measured once,
        when the bar is built, and the screen is not rebuilt when the war ends."""
        forms = [self.status_text(view, seat, "strip") for seat in view.config.seats]
        longest_end = max(GAME_OVER.values(), key=len)
        viewer = view.config.seat(view.seat).name
        forms.append(f"{view.date:%d %b %Y} · Turn {view.last_turn}/{view.last_turn} · Game over: {longest_end} · "
                     f"you: {viewer}")
        return forms

    def gauge_tip(self, k: int) -> str:
        return self.gauges[k].tip if 0 <= k < len(self.gauges) else ""
