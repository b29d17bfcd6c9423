"""Reading a save's record for a replay: a progress bar while the record is played again, a slice a frame.

A whole war is thousands of actions (a few seconds to play again); the window keeps answering, Esc or Back goes
back to the list.  A save that cannot be replayed (damaged, or made with other rules) is refused with its reason,
on the Load screen, and nothing is changed (game/session/replay.py).
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel

from game.errorlog import log_exception
from game.session.replay import ReplayBuilder
from game.session.savefile import SaveError
from game.session.savelist import shown_name
from game.ui.screens.base import Screen

#: Seconds of each frame given to playing the record again (the rest draws the bar and answers the mouse).
SLICE_S = 0.04


class ReplayLoading(Screen):
    def __init__(self, app, path):
        super().__init__(app)
        self.path = path
        self.builder: ReplayBuilder | None = None
        self.share = 0.0
        self.failed = False

    def build(self) -> None:
        w, h = self.app.size
        s = self.s
        UILabel(pygame.Rect(0, h // 2 - s(90), w, s(44)), f"Replay: {shown_name(self.path.stem)}", self.manager,
                object_id="@heading")
        self.label = UILabel(pygame.Rect(0, h // 2 + s(30), w, s(32)), "Reading the record…", self.manager)
        self.bar = pygame.Rect(w // 2 - s(300), h // 2 - s(20), s(600), s(28))
        self.back = UIButton(pygame.Rect(s(24), h - s(70), s(160), s(46)), "Back", self.manager)

    def busy(self) -> bool:
        """Reading the record a slice a frame: the window keeps its full frame rate (App.frame_rate)."""
        return not self.failed

    def update(self, dt: float) -> None:
        if self.failed:
            return
        try:
            if self.builder is None:
                self.builder = ReplayBuilder(self.path)        # every check of the Load screen
            self.share = self.builder.advance(SLICE_S)
        except SaveError as exc:
            self.refuse(exc.reason)
            return
        except Exception as exc:  # noqa: BLE001 - logged; the player goes back to the list
            self.refuse(f"an unexpected error ({exc.__class__.__name__}); the details were written to "
                        f"{log_exception(exc)}")
            return
        done, total = self.builder.done, self.builder.total
        self.label.set_text(f"Reading the record: action {done} of {total}")
        if self.share >= 1.0:
            self.app.go("classroom", room=self.builder.result(), intro=False)

    def refuse(self, reason: str) -> None:
        self.failed = True
        self.app.go("load")
        self.app.error("This save cannot be replayed", f"{self.path.name}: {reason}.\n\nThe file was left as it is.")

    def draw(self, surface: pygame.Surface) -> None:
        r = self.bar
        pygame.draw.rect(surface, (59, 58, 51), r, border_radius=4)
        fill = r.copy()
        fill.width = int(r.width * self.share)
        pygame.draw.rect(surface, (201, 162, 74), fill, border_radius=4)
        pygame.draw.rect(surface, (138, 122, 85), r, 1, border_radius=4)

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.back:
            self.app.go("load")

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("load")
            return True
        return False
