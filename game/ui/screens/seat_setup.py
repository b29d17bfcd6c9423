"""Seat set-up: each side human or computer (with its personality and difficulty), the dice seed, then start.

For a class (``classroom=True``) every side starts as the computer, with the scenario's temper for it; the
teacher may change each side's personality and difficulty, and start the class (game/ui/screens/classroom_screen.py).

Each seat has two drop-downs: who plays it ("Human", or the computer with one of its personalities) and,
for a computer seat, how well it plays.  A computer seat's controller is ``ai:PERSONALITY:DIFFICULTY``
(game/session/controllers.py names both lists; the UI never imports game.ai).  The rows fit the window
at every UI scale: the seat's nations go when the name alone fits; the notes on the choices scroll in what room is
left, and the subtitle goes before they do.
"""

from __future__ import annotations

import html
import time

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox, UITextEntryLine

from game.session.controllers import AI_LEVELS, AI_PERSONALITIES, ai_controller, ai_settings, seat_temper
from game.session.match import HUMAN
from game.session.simulate import scenario_tempers
from game.ui.screens.base import Screen, close_open_menu

HUMAN_TEXT = "Human"
#: personality -> the text of its entry in the "who plays" drop-down
WHO_TEXT = {p: f"Computer: {p}" for p in AI_PERSONALITIES}
LEVEL_TEXT = {d: d.capitalize() for d in AI_LEVELS}
#: The most digits the dice seed takes: every such seed is one a save may carry (2**64 has 20 digits).
SEED_DIGITS = 18


def typed_seed(text: str) -> int | None:
    """The seed in the entry's text, or None if it is not one (empty, or not plain digits 0-9)."""
    text = text.strip()
    if not text or len(text) > SEED_DIGITS or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
#: What the choices mean, in a player's words (shown under the seats when there is room).
NOTES = ("<b>Historical</b> fights as the commanders of 1950 did; <b>aggressive</b> attacks more and probes "
         "the red lines; <b>cautious</b> keeps reserves and its distance from them. <b>Easy</b> makes a "
         "beginner's mistakes; <b>hard</b> tries its plans ahead before it plays them.")


class SeatSetup(Screen):
    def __init__(self, app, scenario, classroom: bool = False):
        super().__init__(app)
        self.scenario = scenario
        self.classroom = classroom
        seats = scenario.config.seats
        # Solo by default: the first seat of the UN bloc is human, the rest the computer; a class: all the computer.
        human = None if classroom else next((s.id for s in seats if s.id == "un"), seats[0].id)
        # A computer seat starts with the scenario's temper for it (MacArthur unleashed is aggressive); a
        # difficulty the scenario insists on is the one played, whatever is chosen here.
        tempers = {s.id: seat_temper(scenario.config, s.id) for s in seats}
        self.fixed_level = {sid: level for sid, (_pers, level) in tempers.items() if level}
        extra = scenario_tempers(scenario.config)
        self.temper_note = " ".join(
            f"In this scenario the computer plays the {s.name} {tempers[s.id][0]}"
            + (f", always at {tempers[s.id][1]}." if tempers[s.id][1] else ".") for s in seats if s.id in extra)
        #: seat -> (personality or None for a human, difficulty)
        self.choice: dict[str, tuple[str | None, str]] = {
            s.id: (None if s.id == human else tempers[s.id][0], tempers[s.id][1] or "normal") for s in seats}
        self.seed = int(time.time()) % 100000
        self.who_menus: dict[str, UIDropDownMenu] = {}
        self.level_menus: dict[str, UIDropDownMenu] = {}
        self.labels: dict[str, UILabel] = {}
        self.notes: UITextBox | None = None

    # -- the choices --------------------------------------------------------------------------------
    def set_choice(self, seat: str, controller: str) -> None:
        """Set a seat from a controller string ("human", "ai:cautious:hard" ...), and its drop-downs."""
        got = ai_settings(controller)
        self.choice[seat] = (None, self.choice[seat][1]) if got is None else got
        if seat in self.fixed_level and got is not None:
            self.choice[seat] = (got[0], self.fixed_level[seat])
        if seat in self.who_menus:       # built: the drop-downs follow
            self.build_again()

    def seats(self) -> dict[str, str]:
        """seat -> controller: "human" or ``ai:PERSONALITY:DIFFICULTY``."""
        return {sid: HUMAN if pers is None else ai_controller(pers, level)
                for sid, (pers, level) in self.choice.items()}

    # -- building -------------------------------------------------------------------------------------
    def label_text(self, seat, full: bool) -> str:
        if not full:
            return seat.name
        nations = ", ".join(n.upper() if len(n) <= 4 else n.title() for n in seat.nations[:3])
        if len(seat.nations) > 3:
            nations += f" +{len(seat.nations) - 3}"
        return f"{seat.name}  ({nations})"

    def text_width(self, text: str, size: int = 15, bold: bool = False) -> int:
        """The width of ``text`` in the theme's font at ``size`` (unscaled) points."""
        font = self.manager.get_theme().get_font_dictionary().find_font(
            max(8, round(size * self.app.scale)), "noto_sans", bold=bold)
        return font.size(text)[0]

    def build(self) -> None:
        w, h = self.app.size
        s = self.s
        m = s(24)
        col = min(s(900), w - 2 * m)
        x = (w - col) // 2
        seats = self.scenario.config.seats
        gap = s(10)
        arrow = s(44)                      # a drop-down's arrow button and padding
        who_w = max(self.text_width(t) for t in (HUMAN_TEXT, *WHO_TEXT.values())) + arrow
        level_w = max(self.text_width(t) for t in LEVEL_TEXT.values()) + arrow
        room = col - who_w - level_w - 2 * gap
        full = all(self.text_width(self.label_text(seat, True)) + s(8) <= room for seat in seats)
        label_w = room
        # Spread the spare width over the drop-downs, label first.
        need = max(self.text_width(self.label_text(seat, full)) for seat in seats) + s(16)
        spare = max(0, room - need)
        if spare > 0:
            label_w = need + spare // 3
            who_w += spare // 3
            level_w = col - label_w - who_w - 2 * gap

        # Vertically: heading, [subtitle], seats, [notes], seed, buttons; the optional rows go if tight, and on a
        # very small window (or a very large UI scale) the rows close up.
        button_h = s(46)
        bottom = h - m - button_h - s(8)
        top, heading_h, sub_h, row, step, pad = s(14), s(40), s(26), s(40), s(50), s(12)
        min_notes = s(25) * 2 + s(16)                    # two lines of the notes, with a scroll bar for the rest
        if top + heading_h + pad + len(seats) * step + pad + row + pad + min_notes > bottom:
            top, heading_h, row, step, pad = s(4), s(32), s(34), s(40), s(6)
        notes = NOTES + (f"<br><i>{html.escape(self.temper_note)}</i>" if self.temper_note else "")
        plain = notes.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")
        notes_h = s(25) * (-(-self.text_width(plain) // max(1, col - s(20))) + notes.count("<br>")) + s(16)
        fixed = top + heading_h + pad + len(seats) * step + pad + row
        # The notes are what the choices mean: they keep their place before the subtitle does, and where they do
        # not fit whole they scroll in the room there is (two lines at least).
        sub_fits = self.text_width(self.subtitle(), 18) <= col and fixed + sub_h <= bottom
        show_sub = sub_fits and fixed + sub_h + notes_h + pad <= bottom
        room = bottom - fixed - (sub_h if show_sub else 0) - pad
        show_notes = room >= min_notes
        show_sub = show_sub or (sub_fits and not show_notes)
        if show_sub:
            fixed += sub_h
        notes_h = min(notes_h, bottom - fixed - pad)
        y = top
        UILabel(pygame.Rect(x, y, col, heading_h), self.heading(col), self.manager, object_id="@heading")
        y += heading_h
        if show_sub:
            UILabel(pygame.Rect(x, y, col, sub_h), self.subtitle(), self.manager, object_id="@subtitle")
            y += sub_h
        y += pad
        self.who_menus, self.level_menus, self.labels = {}, {}, {}
        for seat in seats:
            ry = y
            y += step
            pers, level = self.choice[seat.id]
            self.labels[seat.id] = UILabel(pygame.Rect(x, ry, label_w, row), self.label_text(seat, full),
                                           self.manager)
            who = HUMAN_TEXT if pers is None else WHO_TEXT[pers]
            self.who_menus[seat.id] = UIDropDownMenu([HUMAN_TEXT, *WHO_TEXT.values()], who,
                                                     pygame.Rect(x + label_w + gap, ry, who_w, row), self.manager)
            menu = UIDropDownMenu(list(LEVEL_TEXT.values()), LEVEL_TEXT[level],
                                  pygame.Rect(x + label_w + who_w + 2 * gap, ry, level_w, row), self.manager)
            if seat.id in self.fixed_level:
                menu.disable()             # the scenario decides how well this seat plays
            if pers is None:
                menu.hide()
            self.level_menus[seat.id] = menu
        self.notes = None
        y += pad - (step - row)
        if show_notes:
            self.notes = UITextBox(notes, pygame.Rect(x, y, col, notes_h), self.manager)
            y += notes_h + pad
        seed_label = "Dice seed (same seed, same dice)"
        seed_w = col - who_w - level_w - gap
        if self.text_width(seed_label) + s(8) > seed_w:
            seed_label = "Dice seed"
        UILabel(pygame.Rect(x, y, seed_w, row), seed_label, self.manager)
        self.seed_entry = UITextEntryLine(pygame.Rect(x + col - who_w - level_w - gap, y, who_w + level_w + gap, row),
                                          self.manager)
        self.seed_entry.set_text(str(self.seed))
        self.seed_entry.set_allowed_characters("numbers")
        # A seed of more digits would make a game whose saves are refused (game/session/savecheck.py MAX_SEED),
        # and a pasted 5,000-digit one would meet Python's int limit.
        self.seed_entry.set_text_length_limit(SEED_DIGITS)
        self.back = UIButton(pygame.Rect(m, h - m - button_h, s(160), button_h), "Back", self.manager)
        self.start = UIButton(pygame.Rect(w - m - s(220), h - m - button_h, s(220), button_h),
                              "Start the class  ›" if self.classroom else "Start the war  ›", self.manager,
                              object_id="@big_button")

    def heading(self, width: int) -> str:
        short = "The class: how the computer plays" if self.classroom else "Who plays?"
        text = f"{short} — {self.scenario.title}"
        return text if self.text_width(text, 20, bold=True) <= width else short

    def subtitle(self) -> str:
        if self.classroom:
            return "The computer plays every side; a student can take any side over at any turn, and hand it back."
        return "Two or three humans share one screen in turn (hot-seat); the computer plays the rest."

    def build_again(self) -> None:
        """Rebuild the widgets (a seat changed between human and computer), keeping the seed typed."""
        entry = getattr(self, "seed_entry", None)
        if entry is not None and entry.alive():
            seed = typed_seed(entry.get_text())
            if seed is not None:
                self.seed = seed
        self.app.rebuild()

    # -- events ------------------------------------------------------------------------------------------
    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for sid, menu in self.who_menus.items():
                if event.ui_element is menu:
                    pers = next((p for p, t in WHO_TEXT.items() if t == event.text), None)
                    self.choice[sid] = (pers, self.choice[sid][1])
                    level = self.level_menus[sid]
                    (level.hide if pers is None else level.show)()    # a human plays as well as they play
                    return
            for sid, menu in self.level_menus.items():
                if event.ui_element is menu and sid not in self.fixed_level:
                    level = next((d for d, t in LEVEL_TEXT.items() if t == event.text), "normal")
                    self.choice[sid] = (self.choice[sid][0], level)
                    return
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.go("scenario_choice")
            elif event.ui_element is self.start:
                self.begin()

    def begin(self) -> None:
        from game.session.match import Match
        seed = typed_seed(self.seed_entry.get_text())
        match = Match.start(self.scenario, self.seed if seed is None else seed, self.seats())
        if self.classroom:
            from game.session.classroom import Classroom
            from game.session.table import Table
            self.app.go("classroom", room=Classroom(self.scenario, Table(match, autosave_dir=self.app.save_dir)))
        else:
            self.app.go("match", match=match)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            # An open list closes first: Esc never throws away the seats chosen so far.
            if not close_open_menu([*self.who_menus.values(), *self.level_menus.values()]):
                self.app.go("scenario_choice", classroom=self.classroom)
            return True
        return False
