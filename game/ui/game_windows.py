"""The game screen's windows: keys, rules, glossary, since your last turn, decisions, overlays and the menu.

A mixin of GameScreen (it reads the screen's ``app``, ``manager``, ``match``, ``view``, ``mapview``, ``toggles`` and
``s``); each window is fitted to the window's size and the UI scale.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UITextBox, UIWindow

from game.ui.decisions_panel import overview_html
from game.ui.glossary import glossary_html
from game.ui.log_html import esc, since_html
from game.ui.rules_reference import pages as rules_pages

KEYS_HELP = [
    ("Arrows / WASD", "pan the map"), ("Mouse wheel", "zoom toward the cursor"),
    ("Drag (any button)", "pan the map"), ("Left click", "select a unit; click a lit hex to move there"),
    ("Right click", "clear the selection"), ("Tab", "next unit that can still act"),
    ("Space", "end the phase (political, movement, combat, end of turn)"),
    ("Ctrl+Z", "undo (until something was revealed)"),
    ("Ctrl+S", "save"), ("G", "hex grid on/off"), ("Z / U / F / H", "zones of control / supply / front line / "
                                                                   "historical front"),
    ("P", "the computer's plans: line, reserves, main axis (your side's; the enemy's when the war is over)"),
    ("Space in the computer's turn", "skip its animations to the end of its turn"),
    ("M", "minimap on/off (off, it hides no units in its corner)"),
    ("Home", "whole map"), ("F12", "screenshot"), ("Esc", "menu"), ("F1 or ?", "this help"),
    ("F2", "the rules: a turn, movement and zones of control, combat, supply, the tracks, the ideas"),
]

#: The Overlays window's buttons: the toggle's key (GameScreen.toggle) and its name with its key on the keyboard.
OVERLAYS = (("zoc", "Zones of control (Z)"), ("supply", "Supply net / out of supply (U)"), ("front", "Front line (F)"),
            ("history", "Historical front at this date (H)"), ("plans", "The computer's plans (P)"),
            ("grid", "Hex grid (G)"), ("minimap", "Minimap (M)"))
OVERLAYS_TEXT = dict(OVERLAYS)


def counters_legend(view, palette) -> str:
    """The counters explained (F1): each nation's colours in this scenario, whose side and seat it is, then the
    marks a counter can carry.  A play-tester could not tell his units from the computer ROK's, nor why some enemy
    counters were pale and others dark."""
    def coloured(style) -> str:
        r, g, b = style.body
        return f"<font color='#{r:02x}{g:02x}{b:02x}'><b>{esc(style.label)}</b></font>"
    rows = ["<br><b>Counters</b> (each nation's code in the colour of its counters; the code is on the counter's band)"]
    for seat in view.config.seats:
        whose = "you" if seat.id == view.seat else ("your ally" if seat.bloc == view.bloc else "the enemy")
        codes = " ".join(coloured(palette.nation(code, seat.bloc)) for code in seat.nations)
        rows.append(f"{codes} — {esc(seat.name)} ({whose})")
    rows.append("UN-side counters have round corners; communist ones square corners and a double frame. "
                "Shaded darker: moved this turn. Crossed lines: has attacked. Yellow triangle: out of supply. "
                "Dashed inner frame: hidden from the enemy. Figures: attack-defence-movement at present strength.")
    return "<br>".join(rows) + "<br>"


class GameWindows:
    """Opening and answering the game screen's windows."""

    def _window(self, title: str, width: int, height: int) -> UIWindow:
        w, h = self.app.size
        rect = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        return UIWindow(rect, self.manager, window_display_title=title)

    def _fitted_window(self, title: str, width: int, height: int, margin: int = 20) -> UIWindow:
        """A window of about ``width`` x ``height`` (scaled), no bigger than the screen less ``margin``."""
        w, h = self.app.size
        return self._window(title, min(self.s(width), w - self.s(margin)), min(self.s(height), h - self.s(margin)))

    def _text_window(self, title: str, html_text: str, width: int, height: int, margin: int = 20) -> UIWindow:
        """A fitted window that is one scrolling text box of ``html_text``."""
        win = self._fitted_window(title, width, height, margin)
        inner = win.get_container().get_rect()
        UITextBox(html_text, pygame.Rect(0, 0, inner.width, inner.height), self.manager, container=win)
        return win

    def show_help(self) -> None:
        if self.help_window is not None and self.help_window.alive():
            self.help_window.kill()
            self.help_window = None
            return
        rows = "".join(f"<b>{esc(k)}</b> — {esc(v)}<br>" for k, v in KEYS_HELP)
        rows += counters_legend(self.view, self.mapview.palette)
        rows += ("<br><a href='rules:'>The rules: a turn, movement, combat, supply, the tracks (F2)</a>"
                 "<br><a href='idea:'>The ideas of international relations the game shows (glossary)</a>")
        self.help_window = self._text_window("Keys and mouse", rows, 600, 560)

    def show_rules(self, page: int = 0) -> None:
        """The rules reference (game/ui/rules_reference.py): a row of page buttons over the page's text."""
        old = getattr(self, "rules_window", None)
        if old is not None and old.alive():
            old.kill()
        win = self._fitted_window("Rules", 760, 620)
        inner = win.get_container().get_rect()
        book = rules_pages(self.match.config)
        page = max(0, min(page, len(book) - 1))
        bw = (inner.width - self.s(4) * (len(book) + 1)) // len(book)
        for k, (title, _) in enumerate(book):
            b = UIButton(pygame.Rect(self.s(4) + k * (bw + self.s(4)), self.s(4), bw, self.s(34)), title,
                         self.manager, container=win)
            b.rules_page = k
            if k == page:
                b.select()
        top = self.s(44)
        UITextBox(book[page][1], pygame.Rect(0, top, inner.width, inner.height - top), self.manager, container=win)
        self.rules_window = win

    def show_glossary(self, focus: str = "") -> None:
        """The ideas of international relations the game shows, explained; ``focus`` first (a tag clicked)."""
        self.glossary_window = self._text_window("Ideas of international relations", glossary_html(focus), 640, 600)

    def show_since(self) -> None:
        names = {seat.id: seat.name for seat in self.match.config.seats}
        self._text_window("Since your last turn", since_html(self.since, names), 620, 460)
        self.since = []

    def show_decisions(self) -> None:
        """A read-only list of the viewer's decisions: which exist, their conditions, whether taken."""
        if self.decisions_window is not None and self.decisions_window.alive():
            self.decisions_window.kill()
            self.decisions_window = None
            return
        view = self.view
        name = view.config.seat(view.seat).name
        self.decisions_window = self._text_window(f"Decisions — {name}", overview_html(view), 640, 560, margin=40)

    def show_overlay_menu(self) -> None:
        """A button per overlay that says whether it is on (and is lit when it is); a click toggles it."""
        win = self._fitted_window("Overlays", 400, 430)
        inner = win.get_container().get_rect()
        step = min(self.s(50), (inner.height - self.s(10)) // len(OVERLAYS))
        for k, (key, text) in enumerate(OVERLAYS):
            b = UIButton(pygame.Rect(self.s(10), self.s(10) + k * step, inner.width - self.s(20), step - self.s(8)),
                         text, self.manager, container=win)
            b.overlay_key = key
            self.mark_overlay(b)

    def overlay_on(self, key: str) -> bool:
        """Whether an overlay of the Overlays window is shown now."""
        if key == "grid":
            return bool(self.mapview.show_grid)
        if key == "minimap":
            return bool(self.mapview.minimap.visible)
        return bool(self.toggles[key])

    def mark_overlay(self, button: UIButton) -> None:
        """An overlay's button says 'on' or 'off', and is lit while the overlay is on."""
        key = button.overlay_key
        on = self.overlay_on(key)
        button.set_text(f"{OVERLAYS_TEXT[key]}: {'on' if on else 'off'}")
        (button.select if on else button.unselect)()

    def open_menu(self) -> None:
        win = self._window("Menu", self.s(340), self.s(330))
        for k, (key, text) in enumerate((("resume", "Resume"), ("save", "Save game"), ("settings", "Settings"),
                                         ("load", "Load game"), ("quit", "Quit to the main menu"))):
            b = UIButton(pygame.Rect(self.s(10), self.s(10) + k * self.s(50), self.s(300), self.s(42)), text,
                         self.manager, container=win)
            b.menu_key = key
        self.menu_window = win

    def menu_choice(self, key: str) -> None:
        if getattr(self, "menu_window", None) is not None:
            self.menu_window.kill()
            self.menu_window = None
        if key == "save":
            self.save()
        elif key == "settings":
            self.app.go("settings", back_to=self)
        elif key == "load":
            self.leave_then(lambda: self.app.go("load"))
        elif key == "quit":
            self.leave_then(lambda: self.app.go("menu"))
