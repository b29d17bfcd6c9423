"""The main menu: new game, load, classroom, settings, what-if study, quit; and the last autosave after a crash."""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.ui.screens.base import Screen

BUTTONS = (
    ("new", "New game", "Choose a scenario and who plays each side."),
    ("load", "Load game", "Continue a saved game or an autosave."),
    ("classroom", "Classroom", "For teachers: the computer plays every side at the projector; pause at the key "
                               "events, ask what if, look back, branch."),
    ("settings", "Settings", "Window, UI scale for projectors, colour-blind palette, speed, sound."),
    ("study", "What-if study", "Play a scenario many times under two what-ifs and compare how the wars end."),
    ("quit", "Quit", "Leave the game."),
)


#: The menu's subtitle, longest first: the first that fits the window is shown.
SUBTITLES = ("The Korean War, 1950–53: intervention, escalation and the armistice",
             "The Korean War, 1950–53", "Korea, 1950–53")


class MainMenu(Screen):
    def __init__(self, app, offer_autosave=None):
        super().__init__(app)
        self.offer_autosave = offer_autosave
        self.buttons: dict[str, UIButton] = {}
        self.backdrop = None

    def build(self) -> None:
        w, h = self.app.size
        col = int(w * 0.58)       # the left part of the screen; the peninsula fills the right
        margin = self.s(12)
        bw, bh, gap = min(self.s(340), col - 2 * margin), self.s(54), self.s(14)
        title_h, sub_h, head_gap = self.s(70), self.s(32), self.s(98)
        # The whole block (title, subtitle, buttons) centred in the window; on a small window at a large UI scale
        # (a projector) the buttons give up height and gaps before anything leaves the window.
        room = h - 2 * margin - title_h - head_gap
        need = len(BUTTONS) * bh + (len(BUTTONS) - 1) * gap
        if need > room:
            squeeze = max(0.3, room / need)
            bh, gap = max(self.s(30), int(bh * squeeze)), max(4, int(gap * squeeze))
            # Still too tall (six buttons on a short window at 200%): the space under the subtitle closes up.
            over = len(BUTTONS) * bh + (len(BUTTONS) - 1) * gap - room
            if over > 0:
                head_gap = max(self.s(44), head_gap - over)
        block = title_h + head_gap + len(BUTTONS) * bh + (len(BUTTONS) - 1) * gap
        top = max(margin, (h - block) // 2) + title_h + head_gap
        UILabel(pygame.Rect(0, top - head_gap - title_h, col, title_h), "ARMISTICE", self.manager,
                object_id="@title")
        # The subtitle whole where it fits, else its short form (a projector's large type on a small window).
        font = self.manager.get_theme().get_font(["label", "@subtitle"])
        subtitle = next((t for t in SUBTITLES if font.size(t)[0] <= col - 2 * margin - self.s(48)), SUBTITLES[-1])
        sub_h = max(sub_h, font.size(subtitle)[1] + self.s(8))
        UILabel(pygame.Rect(0, top - head_gap + self.s(6), col, sub_h), subtitle, self.manager,
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
        elif key == "study":
            self.app.go("study")
        elif key == "classroom":
            self.app.go("scenario_choice", classroom=True)
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
