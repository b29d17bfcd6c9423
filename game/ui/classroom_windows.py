"""The classroom's windows: a key event (what happened, what really happened, the question), the what-ifs, the
sides and fog, the timeline with a jump to any turn, the briefing, and the question before a branch.

A mixin of the classroom screen (game/ui/screens/classroom_screen.py): it reads the screen's ``app``,
``manager``, ``room``, ``fog`` and ``s``, and builds on the game screen's fitted windows
(game/ui/game_windows.py).  Buttons carry their meaning as attributes the screen routes: ``class_key``,
``what_if`` (an index), ``seat_human`` / ``seat_computer`` / ``fog_seat`` (a seat id, "" for no fog) and
``jump_to`` (an action count).
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UIScrollingContainer, UISelectionList, UITextBox, UIWindow

from game.session.controllers import ai_settings
from game.session.teaching import policy_words
from game.ui.classroom_html import briefing_html, divergence_html, moments_html, pause_html
from game.ui.decisions_panel import fit_text
from game.ui.log_html import esc
from game.ui.map_labels import get_font
from game.ui.question_window import question_window


class ClassroomWindows:
    """Opening the classroom's windows (each replaces an open one of its kind)."""

    def _single(self, name: str, win: UIWindow) -> UIWindow:
        old = getattr(self, name, None)
        if old is not None and old.alive():
            old.kill()
        setattr(self, name, win)
        return win

    def close_windows(self) -> None:
        for w in self.open_windows():
            w.kill()

    def show_pause(self, hit) -> None:
        """A key event: its card over three ways on (go on, pose a what-if, the timeline); it says so when the
        teacher's what-if forced it."""
        forced = self.room.forced_by_teacher(hit.action)
        # At the right, over the side panel, so the class still sees the map where it happened.
        w, h = self.app.size
        ww, wh = min(self.s(620), w - self.s(40)), min(self.s(600), h - self.s(70))
        top = min(self.s(56), h - wh)
        win = self._single("pause_window", UIWindow(pygame.Rect(w - ww - self.s(6), top, ww, wh), self.manager,
                                                    window_display_title=f"Key event — {hit.date:%d %B %Y}"))
        inner = win.get_container().get_rect()
        pad, bh = self.s(10), self.s(44)
        UITextBox(pause_html(hit, self.s(20), forced), pygame.Rect(pad, pad, inner.width - 2 * pad,
                                                                   inner.height - 3 * pad - bh), self.manager,
                  container=win)
        answers = (("continue", "Continue ›"), ("whatif", "What if?"), ("timeline", "Timeline"))
        bw = (inner.width - (len(answers) + 1) * pad) // len(answers)
        for k, (key, label) in enumerate(answers):
            b = UIButton(pygame.Rect(pad + k * (bw + pad), inner.height - pad - bh, bw, bh), label, self.manager,
                         container=win, object_id="@big_button" if key == "continue" else None)
            b.class_key = "pause_" + key

    def show_what_ifs(self) -> None:
        """Each of the scenario's what-ifs: a button lit while it is on, and its note."""
        win = self._single("whatif_window", self._fitted_window("What if?", 720, 620))
        inner = win.get_container().get_rect()
        pad = self.s(10)
        head = UITextBox("A what-if binds the computer playing that side from the next action on; the log marks "
                         "each decision it forces as the teacher's. Press it again to withdraw it. One that makes "
                         "an event happen does so at once, in the game itself.",
                         pygame.Rect(pad, pad, inner.width - 2 * pad, -1), self.manager, container=win)
        top = head.rect.height + 2 * pad
        scroll = UIScrollingContainer(pygame.Rect(pad, top, inner.width - 2 * pad, inner.height - top - pad),
                                      self.manager, container=win, allow_scroll_x=False)
        width = inner.width - 2 * pad - self.s(24)
        font = get_font(self.s(15))
        y = 0
        names = {s.id: s.name for s in self.room.match.config.seats}
        self.whatif_buttons: dict[int, UIButton] = {}
        self.whatif_width = (font, width - self.s(16))
        for k, w in enumerate(self.room.what_ifs):
            said = [policy_words(self.room.scenario, p) for p in w.policies] + (["makes an event happen"]
                                                                              if w.injects else [])
            b = UIButton(pygame.Rect(0, y, width, self.s(40)), w.title, self.manager, container=scroll,
                         tool_tip_text=esc(", ".join(said)))
            b.what_if = k
            self.whatif_buttons[k] = b
            y += self.s(44)
            who = ", ".join(names.get(seat, seat) for seat in w.seats)
            note = f"<i>{esc(w.note)}</i> " if w.note else ""
            does = [f"Binds the {esc(who)}."] if w.policies else []
            if w.injects:
                does.append("Happens at once, in the game itself, when pressed.")
            box = UITextBox(f"{note}<font color='#b9b095'>{' '.join(does)}</font>",
                            pygame.Rect(0, y, width, -1), self.manager, container=scroll)
            y += box.rect.height + self.s(12)
        scroll.set_scrollable_area_dimensions((width, max(1, y)))
        if self.room.replay:
            head.set_text("In a replay the computer does not play on: a what-if set here binds a game branched "
                          "from it (Branch here).")
        self.mark_what_ifs()

    def mark_what_ifs(self) -> None:
        """Each what-if's button says ON and is lit while it is posed, and one that makes events happen says DONE
        once none of them can happen again; it is off where they cannot happen (a look back, a replay: they happen
        in the game itself).  In place: the list keeps its scroll."""
        font, room = getattr(self, "whatif_width", (None, 0))
        for k, b in getattr(self, "whatif_buttons", {}).items():
            if not b.alive():
                continue
            w = self.room.what_ifs[k]
            on = k in self.room.on
            stuck = bool(w.injects) and not w.policies and not self.room.can_inject(k)
            done = stuck and self.room.at_present and not self.room.replay and not self.room.match.over
            b.set_text(fit_text(("ON: " if on else "DONE: " if done else "") + w.title, font, room))
            (b.select if on else b.unselect)()
            (b.disable if stuck else b.enable)()

    def show_seats(self) -> None:
        """Who plays each side (a person takes it over, or hands it back), and whose eyes the map has; the list
        scrolls where the window is short (a projector's type on a small window)."""
        win = self._single("seats_window", self._fitted_window("Sides and fog", 720, 600))
        inner = win.get_container().get_rect()
        pad, bh = self.s(10), self.s(40)
        scroll = UIScrollingContainer(pygame.Rect(0, 0, inner.width, inner.height), self.manager, container=win,
                                      allow_scroll_x=False)
        width = inner.width - 2 * pad - self.s(24)
        font = get_font(self.s(15))
        y = pad
        controllers = self.room.controllers()
        for seat in self.room.match.config.seats:
            got = ai_settings(controllers[seat.id])
            who = "a student" if got is None else f"the computer ({got[0]}, {got[1]})"
            box = UITextBox(f"<b>{esc(seat.name)}</b>: {esc(who)}", pygame.Rect(pad, y, width // 2, -1),
                            self.manager, container=scroll)
            text = "A student takes over" if got is not None else "Hand back to the computer"
            b = UIButton(pygame.Rect(pad + width // 2 + pad, y, width - width // 2 - pad, bh),
                         fit_text(text, font, width // 2 - self.s(20)), self.manager, container=scroll,
                         tool_tip_text="From now on; hand it back at any time.")
            if got is not None:
                b.seat_human = seat.id
            else:
                b.seat_computer = seat.id
            if not self.room.at_present or self.room.replay:
                b.disable()                  # a side changes hands in the game itself, not in a look back
            y += max(bh, box.rect.height) + pad
        y += pad
        head = UITextBox("<b>The map shows</b> (fog of war: what one side's commanders could see)",
                         pygame.Rect(pad, y, width, -1), self.manager, container=scroll)
        y += head.rect.height + pad
        choices = [("", "Everything (no fog)")] + [(s.id, f"What the {s.name} sees")
                                                  for s in self.room.match.config.seats]
        for key, text in choices:
            b = UIButton(pygame.Rect(pad, y, width, bh), fit_text(text, font, width - self.s(20)), self.manager,
                         container=scroll)
            b.fog_seat = key
            if (self.fog or "") == key:
                b.select()
            y += bh + self.s(4)
        scroll.set_scrollable_area_dimensions((width + 2 * pad, y + pad))

    def show_timeline(self) -> None:
        """This war's key events beside history's, and the turns so far to jump to."""
        win = self._single("timeline_window", self._fitted_window("Timeline", 760, 640))
        inner = win.get_container().get_rect()
        pad, bh = self.s(10), self.s(40)
        width = inner.width - 2 * pad
        split = int(inner.height * 0.55)
        moments = moments_html([h for h in self.room.watch.hits if h.action <= self.room.cursor], self.s(18))
        UITextBox(divergence_html(self.room.divergence(), self.room.match.over, self.s(18))
                  + ("<br><br>" + moments if moments else ""),
                  pygame.Rect(pad, pad, width, split - pad), self.manager, container=win)
        tl = self.room.timeline
        turns = tl.turns()
        items = [(f"Turn {t} — {d:%d %B %Y}", f"#jump{n}") for t, d, n in turns]
        head = UITextBox("<b>Jump to the start of a turn</b> (the game so far stays as it is):",
                         pygame.Rect(pad, split, width, -1), self.manager, container=win)
        split += head.rect.height
        lst = UISelectionList(pygame.Rect(pad, split + pad, width * 2 // 3, inner.height - split - 2 * pad), items,
                              self.manager, container=win)
        lst.jump_list = True
        x = pad + width * 2 // 3 + pad
        now = UIButton(pygame.Rect(x, split + pad, width - width * 2 // 3 - pad, bh), "The present ›", self.manager,
                       container=win, tool_tip_text="Back to the game as it stands now.")
        now.jump_to = tl.last
        start = UIButton(pygame.Rect(x, split + pad + bh + pad, width - width * 2 // 3 - pad, bh), "‹ The start",
                         self.manager, container=win)
        start.jump_to = tl.first

    def show_briefing(self, intro: bool = False) -> None:
        """The briefing and teaching notes over one button: at the start of a class, the way in."""
        from game.session.teaching import pauses_of
        win = self._single("briefing_window", self._fitted_window("Briefing and teaching notes", 800, 680))
        inner = win.get_container().get_rect()
        pad, bh = self.s(10), self.s(44)
        UITextBox(briefing_html(self.room.scenario, pauses_of(self.room.scenario), self.s(20)),
                  pygame.Rect(pad, pad, inner.width - 2 * pad, inner.height - 3 * pad - bh), self.manager,
                  container=win)
        text = "Begin: the map ›" if intro else "Close"
        bw = min(inner.width - 2 * pad, self.s(300))
        b = UIButton(pygame.Rect(inner.width - pad - bw, inner.height - pad - bh, bw, bh), text, self.manager,
                     container=win, object_id="@big_button" if intro else None)
        b.class_key = "close_briefing"

    def ask_branch(self) -> None:
        step = self.room.timeline.step_at(self.room.cursor)
        keep = ("This replay's save stays as it is." if self.room.replay else
                "The game so far is saved first and stays as it is.")
        text = (f"<b>Start a new game from turn {step.turn} ({step.date:%d %B %Y})?</b><br>It is saved at once as a "
                f"new save, with the same sides and what-ifs. {keep}")
        self._single("branch_window", question_window(self.manager, self.s, self.app.size, (520, 260),
                                                      "Branch a new game", text,
                                                      (("branch_yes", "Branch"), ("branch_no", "Cancel")),
                                                      "class_key"))
