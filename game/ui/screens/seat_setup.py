"""Seat set-up: each side human or computer (with difficulty), the dice seed, then start."""

from __future__ import annotations

import time

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextEntryLine

from game.ui.screens.base import Screen

CHOICES = ("Human", "Computer — easy", "Computer — normal", "Computer — hard")
CONTROLLER = {"Human": "human", "Computer — easy": "ai:easy", "Computer — normal": "ai:normal",
              "Computer — hard": "ai:hard"}


class SeatSetup(Screen):
    def __init__(self, app, scenario):
        super().__init__(app)
        self.scenario = scenario
        seats = scenario.config.seats
        # Solo by default: the first seat of the UN bloc is human, the rest the computer.
        human = next((s.id for s in seats if s.id == "un"), seats[0].id)
        self.choice = {s.id: ("Human" if s.id == human else "Computer — normal") for s in seats}
        self.seed = int(time.time()) % 100000

    def build(self) -> None:
        w, h = self.app.size
        m = self.s(24)
        col = min(self.s(760), w - 2 * m)
        x = (w - col) // 2
        y = self.s(90)
        UILabel(pygame.Rect(x, self.s(24), col, self.s(44)), f"Who plays? — {self.scenario.title}",
                self.manager, object_id="@heading")
        UILabel(pygame.Rect(x, self.s(64), col, self.s(26)),
                "Two or three humans share one screen in turn (hot-seat); the computer plays the rest.",
                self.manager, object_id="@subtitle")
        self.menus: dict[str, UIDropDownMenu] = {}
        for seat in self.scenario.config.seats:
            y += self.s(56)
            nations = ", ".join(n.upper() if len(n) <= 4 else n.title() for n in seat.nations[:3])
            if len(seat.nations) > 3:
                nations += f" +{len(seat.nations) - 3}"
            UILabel(pygame.Rect(x, y, col // 2, self.s(40)), f"{seat.name}  ({nations})", self.manager)
            self.menus[seat.id] = UIDropDownMenu(list(CHOICES), self.choice[seat.id],
                                                 pygame.Rect(x + col // 2, y, col // 2, self.s(40)), self.manager)
        y += self.s(72)
        UILabel(pygame.Rect(x, y, col // 2, self.s(40)), "Dice seed (same seed, same dice)", self.manager)
        self.seed_entry = UITextEntryLine(pygame.Rect(x + col // 2, y, col // 2, self.s(40)), self.manager)
        self.seed_entry.set_text(str(self.seed))
        self.seed_entry.set_allowed_characters("numbers")
        self.back = UIButton(pygame.Rect(m, h - m - self.s(46), self.s(160), self.s(46)), "Back", self.manager)
        self.start = UIButton(pygame.Rect(w - m - self.s(220), h - m - self.s(46), self.s(220), self.s(46)),
                              "Start the war  ›", self.manager, object_id="@big_button")

    def seats(self) -> dict[str, str]:
        return {sid: CONTROLLER[self.choice[sid]] for sid in self.choice}

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for sid, menu in self.menus.items():
                if event.ui_element is menu:
                    self.choice[sid] = event.text
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.go("scenario_choice")
            elif event.ui_element is self.start:
                self.begin()

    def begin(self) -> None:
        from game.session.match import Match
        text = self.seed_entry.get_text().strip()
        seed = int(text) if text.isdigit() else self.seed
        match = Match.start(self.scenario, seed, self.seats())
        self.app.go("match", match=match)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("scenario_choice")
            return True
        return False
