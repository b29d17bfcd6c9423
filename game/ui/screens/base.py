"""The screen interface every screen implements, and small layout helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame
import pygame_gui

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    """One screen.  ``build`` makes its widgets (again after a resize); the app calls the rest each frame."""

    #: Hot-seat privacy: a screen that shows no game information sets this (tooltips, log, map stay hidden).
    private = False

    def __init__(self, app: "App"):
        self.app = app

    @property
    def manager(self) -> pygame_gui.UIManager:
        return self.app.manager

    def s(self, px: float) -> int:
        """Scale a length by the UI-scale setting."""
        return self.app.s(px)

    def build(self) -> None:
        """Create the widgets for the current window size (the manager is empty)."""

    def handle(self, event: pygame.event.Event) -> bool:
        """A raw pygame event (after pygame_gui saw it); True if used."""
        return False

    def on_ui(self, event: pygame.event.Event) -> None:
        """A pygame_gui event (button pressed, selection made ...)."""

    def update(self, dt: float) -> None:
        """Advance by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        """Draw under the widgets."""

    def leave(self) -> None:
        """Called when another screen replaces this one."""

    def busy(self) -> bool:
        """Whether something on the screen moves without the player (the app then keeps its full frame rate)."""
        return False

    def drop_tooltip_at(self, pos: tuple[int, int]) -> None:
        """A mouse press at ``pos``: a screen whose tooltip lies there takes it away, so the click reaches what is
        beneath (a tooltip only tells)."""

    def keep_unsaved(self) -> None:
        """The app is ending without the player (SIGTERM): a screen holding unsaved work saves it now."""


def close_open_menu(menus) -> bool:
    """Close the first of ``menus`` (drop-downs) whose list is open; True if one was (Esc closes an open list before
    it leaves a screen, so a half-made choice is never lost with the screen)."""
    for menu in menus:
        state = getattr(menu, "current_state", None)
        if menu.alive() and state is not None and state is menu.menu_states.get("expanded"):
            state.should_transition = True        # pygame_gui closes it on its next update, keeping the choice
            return True
    return False


def centred_rect(app: "App", width: int, height: int, y: int | None = None) -> pygame.Rect:
    w, h = app.size
    return pygame.Rect((w - width) // 2, (h - height) // 2 if y is None else y, width, height)
