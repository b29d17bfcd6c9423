"""The classroom's controls: the transport bar under the map (back a turn, back an action, play or pause, a step, a
side's turn, on a turn, the speed) and the teacher's buttons at the head of the side panel (what if, sides and
fog, the timeline, branch, the briefing, the text size).

A mixin of the classroom screen (game/ui/screens/classroom_screen.py): it reads the screen's ``app``,
``manager``, ``room``, ``playing``, ``map_rect`` and ``s``.  Every button carries its key as ``class_key``; the
screen routes a press to ``console_press``.  Every control stays at every window size and UI scale: on a narrow
bar the buttons close up to their text and the position label goes first.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UILabel, UIPanel

from game.ui.decisions_panel import fit_text
from game.ui.map_labels import get_font
from game.ui.settings import ANIMATION_SPEEDS, SCALE_PRESETS

#: The transport bar: key, text (the longest it takes), tooltip with the key on the keyboard.
TRANSPORT = (
    ("turn_back", "« Turn", "Back to the start of this turn; again, the turn before (Page Up)."),
    ("back", "‹ Back", "One action back (B)."),
    ("play", "Pause", "Let the computer play on, or pause it (Space)."),
    ("step", "Step ›", "One action forward (N)."),
    ("seat", "Side's turn »", "Play on to the end of this side's turn (T)."),
    ("turn_fwd", "Turn »", "On to the start of the next turn (Page Down)."),
    ("speed", "Speed: Normal", "How fast the computer plays: slow, normal, fast or instant."),
)
#: The teacher's buttons at the head of the side panel, two to a row.
TEACHER = (
    ("whatif", "What if?", "Force or forbid a decision: the scenario's what-ifs."),
    ("seats", "Sides & fog", "Hand a side to a student and back; show what one side sees, or everything."),
    ("timeline", "Timeline", "This war beside history, and a jump to any turn so far (J)."),
    ("branch", "Branch here", "A new game from the position shown (a new save; this one stays as it is)."),
    ("briefing", "Briefing", "The scenario's briefing and teaching notes."),
    ("size", "Text: 100%", "Text size for the projector, now shown: a click takes the next of 100%, 150% and 200%."),
)
#: What a button says when its whole text does not fit (a projector's scale on a short bar): a word, not "Side's...".
SHORT = {"Side's turn »": "Side »", "Sides & fog": "Sides", "Branch here": "Branch"}
SPEED_NAMES = tuple(ANIMATION_SPEEDS)


class ClassroomConsole:
    """The classroom's buttons."""

    #: The height of one row of the transport bar (unscaled px).
    ROW = 52

    def teacher_layout(self) -> tuple[bool, int, int]:
        """Where the teacher's buttons go: (at the head of the side panel, buttons to a row, rows).  They go to the
        side panel where it keeps room for its boxes and the log under them; else (a short window at a projector's
        scale) to a second row of the bar under the map."""
        s = self.s
        w, h = self.app.size
        rp = min(s(380), w // 3)
        inner = rp - 2 * s(8)
        font = get_font(s(15))
        need = max(font.size(text)[0] for _k, text, _t in TEACHER) + s(16)
        per_row = 3 if (inner - 2 * s(6)) // 3 >= need else 2
        rows = -(-len(TEACHER) // per_row)
        side_h = h - s(48) - self.strip.height
        in_side = side_h - rows * (s(40) + s(6)) >= s(310)
        return in_side, per_row, rows

    def console_height(self) -> int:
        in_side, _per_row, _rows = self.teacher_layout()
        return self.s(self.ROW) * (1 if in_side else 2)

    def build_console(self) -> None:
        """The transport bar across the foot of the map (and under it the teacher's buttons, if the side panel has
        no room for them)."""
        s = self.s
        mr = self.map_rect
        bar = pygame.Rect(mr.x, mr.bottom, mr.width, self.console_height())
        panel = UIPanel(bar, manager=self.manager, object_id="@topbar")
        self.cbuttons: dict[str, UIButton] = {}
        row_h = s(self.ROW)
        x = self.button_row(panel, TRANSPORT, self.cbuttons, 0, bar.width)
        left = bar.width - x - s(8)
        self.position_label = UILabel(pygame.Rect(x, s(6), left, row_h - s(12)), "", self.manager,
                                      container=panel) if left >= s(140) else None
        if bar.height > row_h:
            self.tbuttons = {}
            self.button_row(panel, TEACHER, self.tbuttons, row_h, bar.width)
            self.head_font_room = (get_font(s(15)), bar.width // len(TEACHER) - s(20))

    def button_row(self, panel: UIPanel, specs, into: dict, y: int, width: int) -> int:
        """A row of buttons as wide as their words, closed up if the row is short of room; the x after it."""
        s = self.s
        font = get_font(s(15))
        gap, pad = s(6), s(8)
        widths = [max(s(64), font.size(text)[0] + s(26)) for _k, text, _t in specs]
        room = width - 2 * pad - gap * (len(widths) - 1)
        if sum(widths) > room:                       # close up rather than lose a control
            widths = [max(s(40), int(w * room / sum(widths))) for w in widths]
        x = pad
        for (key, text, tip), bw in zip(specs, widths):
            b = UIButton(pygame.Rect(x, y + s(6), bw, s(self.ROW) - s(12)), self.fitted(text, font, bw - s(10)),
                         self.manager, container=panel, tool_tip_text=tip)
            b.class_key = key
            into[key] = b
            x += bw + gap
        return x

    @staticmethod
    def fitted(text: str, font: pygame.font.Font, width: int, short: str | None = None) -> str:
        """``text`` if it fits in ``width``, else its short form (``short``, or SHORT's) cut to fit if need be."""
        if font.size(text)[0] <= width:
            return text
        return fit_text(short or SHORT.get(text, text), font, width)

    def say(self, button: UIButton, text: str, short: str) -> None:
        """A button's changing words (the speed, the text size), or ``short`` (the value alone) where they do not fit:
        its tooltip says what the value is of."""
        fitted = self.fitted(text, get_font(self.s(15)), button.relative_rect.width - self.s(10), short)
        if button.text != fitted:
            button.set_text(fitted)

    def build_side_head(self, side: UIPanel, pad: int, inner: int) -> int:
        in_side, per_row, rows = self.teacher_layout()
        if not in_side:
            return 0
        s = self.s
        bh, gap = s(40), s(6)
        col = (inner - gap * (per_row - 1)) // per_row
        self.tbuttons: dict[str, UIButton] = {}
        for k, (key, text, tip) in enumerate(TEACHER):
            x = pad + (k % per_row) * (col + gap)
            y = pad + (k // per_row) * (bh + gap)
            b = UIButton(pygame.Rect(x, y, col, bh), self.fitted(text, get_font(s(15)), col - s(12)), self.manager,
                         container=side, tool_tip_text=tip)
            b.class_key = key
            self.tbuttons[key] = b
        self.head_font_room = (get_font(s(15)), col - s(12))
        return rows * (bh + gap)

    def update_console(self) -> None:
        """The buttons say what they would do now (Play or Pause, the speed, the what-ifs on, the text size)
        and those that can do nothing now are greyed."""
        if not getattr(self, "cbuttons", None):
            return
        room = self.room
        tl = room.timeline
        b = self.cbuttons
        at_start = room.cursor <= tl.first
        at_end = room.at_present and (room.replay or room.match.over)
        b["play"].set_text("Pause" if self.playing else "Play")
        speed = self.app.settings.animation.capitalize()
        self.say(b["speed"], f"Speed: {speed}", speed)
        for key in ("turn_back", "back"):
            (b[key].disable if at_start else b[key].enable)()
        for key in ("play", "step", "seat", "turn_fwd"):
            (b[key].disable if at_end or self.person_to_act() else b[key].enable)()
        t = self.tbuttons
        n = len(room.on)
        font, room_px = self.head_font_room
        t["whatif"].set_text(fit_text(f"What if? ({n})", font, room_px) if n else "What if?")
        (t["whatif"].enable if room.what_ifs and not room.replay else t["whatif"].disable)()
        self.say(t["size"], f"Text: {self.app.settings.ui_scale}%", f"{self.app.settings.ui_scale}%")
        if self.position_label is not None:
            step = tl.step_at(room.cursor)
            where = f"Turn {step.turn} · {step.date:%d %b %Y} · action {room.cursor}"
            self.position_label.set_text(where if room.at_present else f"{where} of {tl.last}  (looking back)")

    def next_speed(self) -> None:
        st = self.app.settings
        st.animation = SPEED_NAMES[(SPEED_NAMES.index(st.animation) + 1) % len(SPEED_NAMES)]
        self.app.keep_settings()

    def next_text_size(self) -> None:
        """The next UI scale preset (the window is rebuilt at it; the setting is kept)."""
        st = self.app.settings
        st.ui_scale = next((p for p in SCALE_PRESETS if p > st.ui_scale), SCALE_PRESETS[0])
        self.app.apply_settings()
