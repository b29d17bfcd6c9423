"""Before a game with unsaved moves is left (Quit to the main menu, Load game, closing the window): ask first.

The question says what would be lost (the moves since the last save; the autosave keeps the game as it stood
at the end of the last turn) and offers three ways on: save and leave, leave without saving, stay.
"""

from __future__ import annotations

from collections.abc import Callable

from game.ui.question_window import question_window

#: The choices, in the order of their buttons: (key, label).
CHOICES = (("save", "Save and leave"), ("leave", "Leave"), ("stay", "Stay"))


def question(unsaved: int, autosave_turn: int | None) -> str:
    """The words of the question: what leaving now would lose."""
    moves = "1 action" if unsaved == 1 else f"{unsaved} actions"
    kept = (f" The autosave keeps the game as it stood at the start of turn {autosave_turn}."
            if autosave_turn else "")
    return (f"<b>Leave this game?</b><br>{moves} since the last save (the computer's included) would be lost."
            f"{kept}")


class LeaveDialog:
    """The question over the game screen; ``choose(key)`` carries out a choice (the screen routes its buttons
    here: each button has a ``leave_key``)."""

    def __init__(self, screen, then: Callable[[], None], autosave_turn: int | None, handover: bool = False):
        self.screen = screen
        self.then = then
        self.handover = handover
        self.window = question_window(screen.manager, screen.s, screen.app.size, (440, 200), "Unsaved moves",
                                      question(screen.match.unsaved_actions, autosave_turn), CHOICES, "leave_key")

    def alive(self) -> bool:
        return self.window.alive()

    def choose(self, key: str) -> None:
        self.window.kill()
        if key == "save":
            # The save dialog names the save; once it is written, leave.
            self.screen.app.open_dialog("save", match=self.screen.match, handover=self.handover,
                                        on_done=self._saved)
        elif key == "leave":
            self.then()

    def _saved(self, message: str) -> None:
        # Called once the save is written (a failed save says why in its own window, and the game stays).
        if self.screen.match.unsaved_actions == 0:
            self.then()


class LeaveGuard:
    """What a screen of a game in progress (the game screen, the hand-over) does before the game is left: it asks
    when moves would be lost.  The screen has ``table`` and ``match``; its ``on_ui`` passes a pressed button with a
    ``leave_key`` to ``leave_choice``."""

    #: the screen's hand-over state: a save made from the question is a hand-over save
    leave_at_handover = False

    def leave_then(self, then: Callable[[], None]) -> bool:
        """Leave the game by ``then()`` now if nothing would be lost (True); else ask first (False): save and
        leave, leave, or stay.  Asked again while the question or its save is open (the window closed twice), it
        leaves."""
        dialog = getattr(self, "leave_dialog", None)
        asked = dialog is not None and (dialog.alive() or any(
            getattr(w, "window_display_title", "") == "Save the game" for w in self.manager.get_window_stack()
            .get_full_stack() if w.alive()))
        if self.match.over or self.match.unsaved_actions == 0 or asked:
            then()
            return True
        turn = self.match.turn if self.table.last_autosave is not None else None
        self.leave_dialog = LeaveDialog(self, then, turn, self.leave_at_handover)
        return False

    def keep_unsaved(self) -> None:
        """The game is ending without the player (SIGTERM: a logout, a shutdown): autosave the moves not yet saved,
        so that nothing is lost and nobody is asked."""
        if not self.match.over and self.match.unsaved_actions:
            self.table.autosave_now()

    def before_quit(self, quit_now: Callable[[], None]) -> bool:
        """The window is being closed: True to close now, or ask first and close (by ``quit_now``) on leaving."""
        return self.leave_then(quit_now)

    def leave_choice(self, key: str) -> None:
        dialog = getattr(self, "leave_dialog", None)
        if dialog is not None:
            dialog.choose(key)
