"""Navigation: every screen by name in one table, and the call that builds one and switches to it.

Screens never import one another (tests/test_architecture.py checks it): a screen says
``self.app.go("end", table=...)`` and :meth:`game.ui.app.App.go` comes here.  This module is the
one place that knows every screen, so the whole navigation of the game reads off :data:`SCREENS`.
The keyword arguments of ``go`` are the named screen's constructor arguments after ``app``.

The save dialog is a window over the current screen rather than a screen; it sits in
:data:`DIALOGS` for the same reason (a screen opens it by name, never by importing it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

import pygame_gui

from game.session.table import Table
from game.ui.screens.base import Screen
from game.ui.screens.classroom_screen import ClassroomScreen
from game.ui.screens.end_screen import EndScreen
from game.ui.screens.game_screen import GameScreen
from game.ui.screens.handover import HandOver
from game.ui.screens.load_save import LoadScreen, SaveDialog
from game.ui.screens.menu import MainMenu
from game.ui.screens.replay_loading import ReplayLoading
from game.ui.screens.scenario_choice import ScenarioChoice
from game.ui.screens.seat_setup import SeatSetup
from game.ui.screens.settings_screen import SettingsScreen
from game.ui.screens.study_screen import StudyScreen

if TYPE_CHECKING:
    from game.session.match import Match
    from game.ui.app import App


def match_screen(app: App, match: Match, at_handover: bool = False) -> Screen:
    """The screen a match opens on: the end if it is over; the hand-over in hot-seat (or when the
    save was made there); else the map."""
    table = Table(match, autosave_dir=app.save_dir)
    if match.over:
        return EndScreen(app, table)
    if (table.hot_seat and table.active_is_human) or at_handover:
        table.viewer = None  # nobody's eyes until the next player takes over
        return HandOver(app, table)
    return GameScreen(app, table)


#: screen name -> the class (or factory) that builds it from ``(app, **kwargs)``
SCREENS: dict[str, Callable[..., Screen]] = {
    "menu": MainMenu,                 # offer_autosave=None
    "scenario_choice": ScenarioChoice,  # classroom=False
    "seat_setup": SeatSetup,          # scenario, classroom=False
    "settings": SettingsScreen,       # back_to=None (a screen to return to; else the menu)
    "study": StudyScreen,             # scenario=None, runs=None, turns=None: a what-if study
    "load": LoadScreen,
    "game": GameScreen,               # table, since=None
    "handover": HandOver,             # table
    "end": EndScreen,                 # table, room=None (a classroom's: its final map is the classroom screen)
    "match": match_screen,            # match, at_handover=False: one of end, handover, game
    "classroom": ClassroomScreen,     # room (game/session/classroom.py), intro=True, mapview=None
    "replay": ReplayLoading,          # path: a save, read for a replay, then the classroom screen over it
}

#: dialog name -> the window class, built from ``(app, **kwargs)`` over the current screen
DIALOGS: dict[str, Callable[..., pygame_gui.elements.UIWindow]] = {
    "save": SaveDialog,               # match, handover, on_done
}


def _lookup(table: dict[str, Callable[..., Any]], kind: str, name: str) -> Callable[..., Any]:
    try:
        return table[name]
    except KeyError:
        raise KeyError(f"no {kind} named {name!r}; the {kind}s are {', '.join(sorted(table))}") from None


def build(app: App, name: str, **kwargs: Any) -> Screen:
    """The named screen, built for ``app`` (not yet shown)."""
    return _lookup(SCREENS, "screen", name)(app, **kwargs)


def open_dialog(app: App, name: str, **kwargs: Any) -> pygame_gui.elements.UIWindow:
    """Open the named dialog over the current screen."""
    return _lookup(DIALOGS, "dialog", name)(app, **kwargs)
