"""The tutorial panel: a scenario's lessons (its ``lessons`` section), one at a time, in order, over the map.

Each lesson says what to do and names the player's action that completes it (``done``: select, move, undo,
end_phase, attack, overlay, decide); the game screen reports the player's actions here and the panel moves on.
A step the player need not take (an undo) can be skipped.  A lesson with ``to`` is for those seats only: in a
hot-seat game each player sees the steps meant for their seat.  Where each seat's player has got to is kept on
the table, so a hot-seat hand-over or a rebuilt screen carries on from the same step.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.ui.tracks_bar import esc


def lessons_of(config, seat: str | None = None) -> list[dict]:
    """The scenario's lessons ([] if it has none); with ``seat``, those for that seat's player."""
    return [step for step in (dict(config.extra).get("lessons") or [])
            if seat is None or not step.get("to") or seat in step["to"]]


class LessonPanel:
    """The current lesson in a box with its number ("Step 2 of 8") and a Skip button; the last one done, a line
    that says so, then nothing."""

    def __init__(self, screen, rect: pygame.Rect):
        self.screen = screen
        self.rect = rect
        self.seat = screen.view.seat
        self.steps = lessons_of(screen.match.config, self.seat)
        self.box: UITextBox | None = None
        self.skip: UIButton | None = None
        self.build()

    @property
    def at(self) -> int:
        return self.screen.table.lesson_at.get(self.seat, 0)

    def build(self) -> None:
        self.kill()
        if not self.steps or self.at > len(self.steps):
            return
        s = self.screen.s
        if self.at == len(self.steps):
            html = "<b>Tutorial done.</b> You have the controls: play the war on (F1 lists every key)."
        else:
            step = self.steps[self.at]
            html = (f"<font color='#d8b76a'><b>Tutorial · step {self.at + 1} of {len(self.steps)}</b></font><br>"
                    f"{esc(step['text'])}")
        bw = s(74)
        self.box = UITextBox(html, pygame.Rect(self.rect.x, self.rect.y, self.rect.width - bw - s(4), -1),
                             self.screen.manager, object_id="#lesson")
        label = "Close" if self.at == len(self.steps) else "Skip ›"
        self.skip = UIButton(pygame.Rect(self.rect.right - bw, self.rect.y, bw, s(32)), label, self.screen.manager,
                             tool_tip_text="Go on to the next step without doing this one.")
        self.skip.lesson_skip = True

    def kill(self) -> None:
        for el in (self.box, self.skip):
            if el is not None:
                el.kill()
        self.box = self.skip = None

    @property
    def current(self) -> dict | None:
        return self.steps[self.at] if self.at < len(self.steps) else None

    def done(self, action: str) -> None:
        """The player did ``action``: the step that asked for it is done."""
        step = self.current
        if step is not None and step.get("done") == action:
            self.advance()

    def advance(self) -> None:
        self.screen.table.lesson_at[self.seat] = self.at + 1
        self.build()
