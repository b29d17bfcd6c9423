"""The end of the war: the outcome, the scores so far, and what each side lost and held."""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UITextBox

from game.engine.state import hexes_held
from game.engine.units import Location
from game.ui.screens.base import Screen

OUTCOMES = {
    "last_turn": "The scenario's last turn has passed.",
    "unification:un": "Korea is unified under the Republic of Korea, with UN support.",
    "unification:communist": "Korea is unified under the North, with Chinese and Soviet support.",
}


def outcome_text(outcome: str | None) -> str:
    if outcome is None:
        return "The war goes on."
    return OUTCOMES.get(outcome, outcome.replace("_", " ").replace(":", ": ").capitalize())


def score_rows(state) -> list[tuple[str, int, int, int, int, int]]:
    """(seat name, units left, steps left, steps lost, hexes held, victory places held) per seat."""
    held = hexes_held(state)
    rows = []
    for k, seat in enumerate(state.config.seats):
        alive = [u for u in state.units.values() if u.seat == seat.id and u.location in (Location.MAP, Location.JAPAN)]
        places = sum(1 for v in state.config.victory_places
                     if int(state.holder[state.board.index(v.hex)]) == k + 1)
        rows.append((seat.name, len(alive), sum(u.steps for u in alive), state.steps_lost.get(seat.id, 0),
                     held[seat.id], places))
    return rows


class EndScreen(Screen):
    def __init__(self, app, table):
        super().__init__(app)
        self.table = table

    def build(self) -> None:
        w, h = self.app.size
        s = self.table.match.state
        UILabel(pygame.Rect(0, self.s(20), w, self.s(76)), "The war is over" if s.over else "Game summary",
                self.manager, object_id="@title")
        UILabel(pygame.Rect(0, self.s(96), w, self.s(32)), f"{s.date:%d %B %Y} — {outcome_text(s.outcome)}",
                self.manager, object_id="@subtitle")
        rows = "".join(f"<b>{html.escape(n)}</b>: {u} units ({st} steps) in the field; {lost} steps lost; "
                       f"{hx} hexes held; {vp} victory places held<br>" for n, u, st, lost, hx, vp in score_rows(s))
        note = ("<br><i>Scores against the historical result (which scores 0 for every side) arrive with "
                "the politics rules.</i>")
        col = min(self.s(900), w - self.s(48))
        UITextBox(rows + note, pygame.Rect((w - col) // 2, self.s(150), col, h - self.s(260)), self.manager)
        self.menu = UIButton(pygame.Rect(w // 2 - self.s(130), h - self.s(90), self.s(260), self.s(52)),
                             "Main menu", self.manager, object_id="@big_button")

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.menu:
            from game.ui.screens.menu import MainMenu
            self.app.show(MainMenu(self.app))
