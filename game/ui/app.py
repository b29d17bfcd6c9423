"""The application: the window, the widget manager, the current screen and the main loop.

Screens switch by name with :meth:`App.go`; the names and what they build are the one table in
game/ui/router.py.

The loop is split into :meth:`App.frame` so tests can drive it with
synthetic events, headless (SDL_VIDEODRIVER=dummy).  An unexpected error
inside a frame is written to the log file and shown as a dialog, never as a
traceback.
"""

from __future__ import annotations

import datetime
import os
import signal
import threading
import time
import warnings
from pathlib import Path

import pygame
import pygame_gui

from game.errorlog import log_dir, log_exception
from game.ui import router
from game.ui.manager import TipManager
from game.ui.screens.base import Screen
from game.ui.settings import Settings, save_settings
from game.ui.sound import Sounds
from game.ui.theme import theme

TITLE = "Armistice — the Korean War, 1950–53"
#: Frames a second while the player acts or something moves on the screen, and once nothing has for IDLE_AFTER_S:
#: a window that only waits need not redraw sixty times a second (under Xvfb an idle game took a whole core).
FPS, IDLE_FPS, IDLE_AFTER_S = 60, 15, 1.0
#: The smallest window the screens are laid out for: the window may not be made smaller (a play-tester shrank it
#: to 640 x 400 and lost the side panel, the Menu button and the escalation track off its edges).
MIN_WINDOW = (800, 560)


class App:
    def __init__(self, settings: Settings, save_dir: Path, size: tuple[int, int] | None = None,
                 persist_settings: bool = True):
        pygame.display.init()      # not pygame.init(): the mixer starts only if sound is played
        pygame.font.init()
        pygame.display.set_caption(TITLE)
        self.settings = settings
        self.save_dir = Path(save_dir)
        self.persist_settings = persist_settings
        self.size = size or (settings.width, settings.height)
        self.window = self._open_window()
        self.manager = self._new_manager()
        self.clock = pygame.time.Clock()
        self.last_input = time.monotonic()       # the last event of any kind (frame_rate)
        self.running = True
        self.screen: Screen | None = None
        self.dialog: pygame_gui.elements.UIWindow | None = None
        self.frames = 0
        #: SIGTERM arrived (a logout, a shutdown, ``kill``): the next frame leaves without asking (see terminate)
        self.terminating = False
        self.sounds = Sounds(settings.sound)
        self.launch_seconds = 0.0

    # -- window -------------------------------------------------------------------------
    def _open_window(self) -> pygame.Surface:
        flags = pygame.RESIZABLE
        if self.settings.fullscreen and os.environ.get("SDL_VIDEODRIVER") != "dummy":
            flags = pygame.FULLSCREEN
            return pygame.display.set_mode((0, 0), flags)
        surface = pygame.display.set_mode(self.size, flags)
        # (Only the size hint is set on the display module's window: pygame-ce's note on from_display_module is
        # about drawing through a Window, which this does not do.)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            try:
                pygame.Window.from_display_module().minimum_size = MIN_WINDOW
            except (AttributeError, pygame.error):
                pass                    # an older pygame-ce: resize() still lays the screens out at least this big
        return surface

    def _new_manager(self) -> pygame_gui.UIManager:
        data = theme(self.scale, self.settings.high_contrast)
        manager = TipManager(self.size, data, self.scale)
        # Preload every size the theme uses (and the text boxes' <b>/<i> styles), so nothing is
        # loaded -- or warned about -- in the middle of a game.
        sizes = {int(b["font"]["size"]) for b in data.values() if isinstance(b, dict) and "font" in b}
        sizes |= {max(8, round(n * self.scale)) for n in (14, 15, 18, 20)} | {10, 12, 14, 18, 24}   # + HTML sizes
        fonts = [{"name": "noto_sans", "point_size": px, "style": style}
                 for px in sorted(sizes) for style in ("regular", "bold", "italic", "bold_italic")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # "already loaded" notices for the theme's own fonts
            manager.preload_fonts(fonts)
        return manager

    @property
    def scale(self) -> float:
        return self.settings.ui_scale / 100.0

    def s(self, px: float) -> int:
        return int(round(px * self.scale))

    def keep_settings(self) -> None:
        """Write the settings as they stand (a choice made in play: the grid, the minimap), where they persist."""
        if self.persist_settings:
            try:
                save_settings(self.settings)
            except OSError:
                pass                                # a read-only folder loses the choice, never the game

    def apply_settings(self) -> None:
        """Re-open the window and rebuild the theme and the screen after a settings change."""
        if self.persist_settings:
            save_settings(self.settings)
        self.sounds.enabled = self.settings.sound
        self.size = (self.settings.width, self.settings.height)
        self.window = self._open_window()
        self.size = self.window.get_size()
        self.manager = self._new_manager()
        self.rebuild()

    def resize(self, size: tuple[int, int]) -> None:
        self.size = (max(MIN_WINDOW[0], size[0]), max(MIN_WINDOW[1], size[1]))
        if self.size != tuple(size):
            # Made smaller than the least it is laid out for anyway (no window manager to keep the hint): it grows
            # back, rather than showing the screens cut off at its edges.
            self.window = self._open_window()
        self.manager.set_window_resolution(self.size)
        self.rebuild()

    def rebuild(self) -> None:
        self.manager.clear_and_reset()
        self.dialog = None
        if self.screen:
            self.screen.build()

    # -- screens ----------------------------------------------------------------------------
    def show(self, screen: Screen) -> None:
        """Replace the current screen."""
        if self.screen:
            self.screen.leave()
        self.screen = screen
        self.rebuild()

    def go(self, name: str, **kwargs) -> Screen:
        """Build the screen named in :data:`game.ui.router.SCREENS` and switch to it."""
        screen = router.build(self, name, **kwargs)
        self.show(screen)
        return screen

    def open_dialog(self, name: str, **kwargs) -> pygame_gui.elements.UIWindow:
        """Open the dialog named in :data:`game.ui.router.DIALOGS` over the current screen."""
        return router.open_dialog(self, name, **kwargs)

    def message(self, title: str, text: str) -> None:
        """A modal message dialog over the current screen."""
        w = min(self.s(640), self.size[0] - 40)
        # As tall as its words need (a two-line notice in a window made for a page looks broken), up to a page.
        font = self.manager.get_theme().get_font(["text_box"])
        lines = sum(_wrapped_lines(font, para, w - self.s(40)) for para in text.split("\n"))
        h = self.s(40) + lines * int(font.size("Ag")[1] * 1.3) + self.s(32) + self.s(56)
        h = max(self.s(180), min(h, self.s(420), self.size[1] - 40))
        rect = pygame.Rect((self.size[0] - w) // 2, (self.size[1] - h) // 2, w, h)
        html = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", "<br>")
        self.dialog = pygame_gui.windows.UIMessageWindow(rect, html, self.manager, window_title=title)
        self._fit_dismiss(self.dialog)

    def _fit_dismiss(self, window: pygame_gui.windows.UIMessageWindow) -> None:
        """pygame_gui makes a message window's Dismiss button 24 px high whatever the font: at a large UI scale its
        word spills out.  The button grows with the scale (and its text), the text above gives it the room."""
        button, text = window.dismiss_button, window.text_block
        font = self.manager.get_theme().get_font(["button"])
        tw, th = font.size("Dismiss")
        w, h = max(self.s(100), tw + self.s(24)), max(self.s(32), th + self.s(8))
        gap = self.s(10)
        button.set_dimensions((w, h))
        button.set_relative_position((-gap - w, -gap - h))
        inner = window.get_container().get_size()
        text.set_dimensions((inner[0], inner[1] - 2 * gap - h))

    def error(self, title: str, problems: list[str] | str) -> None:
        lines = problems if isinstance(problems, list) else [problems]
        self.message(title, "\n".join(lines))

    def screenshot(self) -> Path:
        folder = self.save_dir.parent / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"armistice-{datetime.datetime.now():%Y%m%d-%H%M%S}-{self.frames}.png"
        pygame.image.save(self.window, str(path))
        return path

    # -- loop ------------------------------------------------------------------------------
    def frame(self, events: list[pygame.event.Event] | None = None, dt: float | None = None) -> None:
        """One iteration: events, update, draw, flip."""
        if dt is None:
            dt = self.clock.tick(self.frame_rate()) / 1000.0
        events = pygame.event.get() if events is None else events
        if events:
            self.last_input = time.monotonic()
        if self.terminating:
            self._leave_now()
            return
        try:
            for event in events:
                self._dispatch(event)
            if self.screen:
                self.screen.update(dt)
            self.manager.update(dt)
            self.window.fill((24, 23, 20))
            if self.screen:
                self.screen.draw(self.window)
            self.manager.draw_ui(self.window)
            pygame.display.flip()
        except Exception as exc:  # noqa: BLE001 - a player never sees a traceback
            path = log_exception(exc)
            self._recover(exc, path)
        self.frames += 1

    def _recover(self, exc: Exception, log: Path) -> None:
        self.screen = router.build(self, "menu")   # not show(): the broken screen's leave() is not called
        self.rebuild()
        self.error("Something went wrong",
                   f"An unexpected error stopped the game ({exc.__class__.__name__}). "
                   f"The details were written to {log}. Your last autosave can be loaded from the menu.")

    def _dispatch(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            # A game with unsaved moves asks first (GameScreen.before_quit); closing the window again leaves.
            ask = getattr(self.screen, "before_quit", None)
            if ask is None or ask(self.stop):
                self.running = False
            return
        if event.type in (pygame.VIDEORESIZE,) and not self.settings.fullscreen:
            self.resize((event.w, event.h))
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F12:
            path = self.screenshot()
            if self.screen and hasattr(self.screen, "notify"):
                self.screen.notify(f"Screenshot saved: {path}")
            return
        if (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE and self.dialog is not None
                and self.dialog.alive()):
            # Esc closes a message (the Classroom notice, an error) on any screen, as its Dismiss button does.
            self.dialog.kill()
            self.dialog = None
            return
        if event.type == pygame.MOUSEBUTTONDOWN and self.screen is not None:
            # A tooltip only tells: a click where one shows goes to what lies under it (pygame_gui's tooltip text
            # would take it, and a quick move-and-click on the map was lost under the last hex's tooltip).
            self.screen.drop_tooltip_at(event.pos)
        consumed = self.manager.process_events(event)
        if event.type == pygame_gui.UI_WINDOW_CLOSE and event.ui_element is self.dialog:
            self.dialog = None
        if event.type >= pygame.USEREVENT and self.screen:
            self.screen.on_ui(event)
            return
        if not consumed and self.screen:
            self.screen.handle(event)

    def stop(self) -> None:
        """End the main loop (the window closes after this frame)."""
        self.running = False

    def frame_rate(self) -> int:
        """FPS while the player acts (any event in the last IDLE_AFTER_S) or the screen says it is busy (the
        computer playing, counters sliding, the map panned by a held key); else IDLE_FPS."""
        if time.monotonic() - self.last_input < IDLE_AFTER_S or (self.screen is not None and self.screen.busy()):
            return FPS
        return IDLE_FPS

    def terminate(self, *_signal) -> None:
        """Asked to end by the system (SIGTERM), not by the player: there is nobody to answer "leave without
        saving?", so the next frame keeps the moves not yet saved in an autosave and leaves (_leave_now).  A signal
        handler: it only sets a flag."""
        self.terminating = True

    def _leave_now(self) -> None:
        try:
            if self.screen is not None:
                self.screen.keep_unsaved()
        except Exception as exc:  # noqa: BLE001 - leaving anyway; the log says what failed
            log_exception(exc)
        self.running = False

    def run(self) -> int:
        # SDL turns SIGTERM into a window-close, which a game with unsaved moves answers with a question; ours
        # replaces SDL's handler for the main loop's lifetime (signals reach only the main thread).
        previous = None
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, self.terminate)
        try:
            while self.running:
                self.frame()
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        pygame.quit()
        return 0


def crash_marker() -> Path:
    return log_dir() / "last-run-crashed"


def _wrapped_lines(font, text: str, width: int) -> int:
    """How many lines ``text`` takes in ``font`` wrapped at ``width`` pixels (at least one)."""
    lines, line = 1, ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.size(trial)[0] > width:
            lines, line = lines + 1, word
        else:
            line = trial
    return lines
