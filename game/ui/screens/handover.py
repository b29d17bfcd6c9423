"""The hand-over screen (hot-seat): nothing of the game shows; the next player continues when ready."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.ui.leave_dialog import LeaveGuard
from game.ui.screens.base import Screen


class HandOver(LeaveGuard, Screen):
    private = True
    leave_at_handover = True

    def __init__(self, app, table):
        super().__init__(app)
        self.table = table

    @property
    def match(self):
        return self.table.match

    def build(self) -> None:
        w, h = self.app.size
        seat = self.table.match.config.seat(self.table.match.active_seat)
        UILabel(pygame.Rect(0, h // 2 - self.s(176), w, self.s(80)), f"{seat.name}", self.manager,
                object_id="@title")
        # The date and turn tell the next player where the war stands (they are no secret of either side).
        UILabel(pygame.Rect(0, h // 2 - self.s(96), w, self.s(32)), self.when(), self.manager, object_id="@heading")
        UILabel(pygame.Rect(0, h // 2 - self.s(56), w, self.s(32)),
                f"Pass the screen to the {seat.name} player. Others, please look away.", self.manager,
                object_id="@subtitle")
        bw = self.s(300)
        self.go = UIButton(pygame.Rect((w - bw) // 2, h // 2, bw, self.s(60)), "I am ready — continue",
                           self.manager, object_id="@big_button")
        self.save = UIButton(pygame.Rect((w - bw) // 2, h // 2 + self.s(80), bw, self.s(44)),
                             "Save and stop here", self.manager)
        self.menu = UIButton(pygame.Rect((w - bw) // 2, h // 2 + self.s(134), bw, self.s(44)),
                             "Main menu", self.manager)

    def when(self) -> str:
        """The date and the turn of the turn being handed over ("08 October 1950 · Turn 2 of 6")."""
        state = self.match.state
        return f"{state.date:%d %B %Y}  ·  Turn {state.turn} of {state.last_turn}"

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((14, 13, 11))

    def on_ui(self, event) -> None:
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        if event.ui_element is self.go:
            self.proceed()
        elif event.ui_element is self.save:
            self.app.open_dialog("save", match=self.table.match, handover=True,
                                 on_done=lambda msg: self.app.message("Saved", msg))
        elif event.ui_element is self.menu:
            self.leave_then(lambda: self.app.go("menu"))
        elif getattr(event.ui_element, "leave_key", None):
            self.leave_choice(event.ui_element.leave_key)

    def proceed(self) -> None:
        since = self.table.take_over()
        self.app.go("game", table=self.table, since=since)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.proceed()
            return True
        return False
