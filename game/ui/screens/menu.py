"""The main menu: new game, load, classroom, settings, quit; and the offer of the last autosave after a crash."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.ui.screens.base import Screen

BUTTONS = (
    ("new", "New game", "Choose a scenario and who plays each side."),
    ("load", "Load game", "Continue a saved game or an autosave."),
    ("classroom", "Classroom", "Demonstrations, what-if runs and Monte Carlo for teachers (coming soon)."),
    ("settings", "Settings", "Window, UI scale for projectors, colour-blind palette, speed, sound."),
    ("quit", "Quit", "Leave the game."),
)


class MainMenu(Screen):
    def __init__(self, app, offer_autosave=None):
        super().__init__(app)
        self.offer_autosave = offer_autosave
        self.buttons: dict[str, UIButton] = {}
        self.backdrop = None

    def build(self) -> None:
        w, h = self.app.size
        bw, bh, gap = self.s(340), self.s(54), self.s(14)
        top = max(self.s(250), h // 2 - self.s(120))
        col = int(w * 0.58)       # the left part of the screen; the peninsula fills the right
        UILabel(pygame.Rect(0, top - self.s(200), col, self.s(70)), "ARMISTICE", self.manager,
                object_id="@title")
        UILabel(pygame.Rect(0, top - self.s(130), col, self.s(32)),
                "The Korean War, 1950–53: intervention, escalation and the armistice", self.manager,
                object_id="@subtitle")
        self.buttons = {}
        for k, (key, text, tip) in enumerate(BUTTONS):
            rect = pygame.Rect((col - bw) // 2, top + k * (bh + gap), bw, bh)
            self.buttons[key] = UIButton(rect, text, self.manager, tool_tip_text=tip, object_id="@big_button")
        if self.offer_autosave:
            self.app.message("The last session ended unexpectedly",
                             f"The game closed because of an error. The last autosave is "
                             f"{self.offer_autosave.name}; open it from Load game.")
            self.offer_autosave = None

    def draw(self, surface: pygame.Surface) -> None:
        if self.backdrop is None or self.backdrop.get_size() != surface.get_size():
            self.backdrop = _backdrop(surface.get_size())
        surface.blit(self.backdrop, (0, 0))

    def on_ui(self, event) -> None:
        if event.type != pygame_gui.UI_BUTTON_PRESSED:
            return
        key = next((k for k, b in self.buttons.items() if b is event.ui_element), None)
        if key == "new":
            self.app.go("scenario_choice")
        elif key == "load":
            self.app.go("load")
        elif key == "settings":
            self.app.go("settings")
        elif key == "classroom":
            self.app.message("Classroom", "The classroom mode — AI demonstrations with play, pause and step, "
                             "what-if decisions and Monte Carlo runs — arrives with the classroom issue.")
        elif key == "quit":
            self.app.running = False


def _backdrop(size: tuple[int, int]) -> pygame.Surface:
    """The menu background: the peninsula, dimmed, behind the title."""
    surf = pygame.Surface(size)
    surf.fill((30, 29, 25))
    try:
        from game.ui.preview import peninsula_image
        img = peninsula_image((int(size[0] * 0.40), int(size[1] * 0.94)))
        img.set_alpha(110)
        surf.blit(img, (size[0] - img.get_width() - size[0] // 20, (size[1] - img.get_height()) // 2))
    except Exception:  # noqa: BLE001 - a missing backdrop is cosmetic
        pass
    return surf
