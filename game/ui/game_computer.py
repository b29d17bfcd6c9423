"""The computer's turns on the game screen: one action per beat at the chosen speed (as many as fit in a frame's
slice at no delay), Space hurrying the rest of its turn, and what the viewer saw of each action played out on the map.

A mixin of GameScreen (it reads the screen's ``app``, ``table``, ``match``, ``mapview``, ``view``, ``hurry``,
``ai_clock``, ``space_guard_left`` and the log's timing); the window never freezes, and the computer waits
while a window is open.
"""

from __future__ import annotations

import time

from game.engine.api import RESULT_NAMES, Hex, Location
from game.engine.api import title as place_title
from game.session.eventlog import LogEntry

#: After a hurried computer turn, a Space within this many seconds is the same key press repeated, not an order
#: to end the human's phase.
SPACE_GUARD_S = 0.6
#: While the computer plays, the log is laid out at most every LOG_EVERY_S (game/ui/screens/game_screen.py).
LOG_EVERY_S = 1.0


class ComputerTurns:
    """Playing the computer's seats on the game screen."""

    def update(self, dt: float) -> None:
        self.space_guard_left = max(0.0, self.space_guard_left - dt)
        warning = self.table.autosave_warning()
        if warning:                     # once per run of failed autosaves; the computer waits while it is read
            self.app.message("The autosave failed", warning)
        if not self.open_windows():
            self.mapview.update(dt)     # held arrow/WASD keys pan, unless a dialog has the keyboard
        self.update_tooltip()
        if self.log_stale and (not self.computer_playing() or time.monotonic() - self.log_at >= LOG_EVERY_S):
            self.update_log(now=True)
        if not self.computer_playing():
            if self.hurry:
                self.hurry = False
                self.space_guard_left = SPACE_GUARD_S
            return
        if self.open_windows():
            return                    # the computer waits while the player reads, saves or loads
        delay = 0.0 if self.hurry else self.app.settings.ai_delay_ms / 1000.0
        self.ai_clock += dt
        if self.ai_clock < delay or (delay and self.mapview.motion.slides):
            return
        self.ai_clock = 0.0
        m = self.match
        # One action per beat; at no delay, as many as fit in a frame's slice (each one is short).
        budget = time.perf_counter() + (0.012 if delay == 0 else 0.0)
        changed = False
        seen: list[LogEntry] = []
        while True:
            before = len(self.table.entries())
            events = self.table.step_ai()
            seen.extend(self.table.entries()[before:])
            changed = changed or bool(events)
            if not events or m.over or self.table.active_is_human or time.perf_counter() >= budget:
                break
        if self.hurry and not self.computer_playing():
            self.hurry = False
            self.space_guard_left = SPACE_GUARD_S
        if changed:
            self.after_change()
            if self.app.screen is self and delay:
                self.animate(seen, delay)

    def busy(self) -> bool:
        """Something moves on the screen between the player's inputs: the computer plays, counters slide and
        flash, a held key pans the map (the window keeps its full frame rate, App.frame_rate)."""
        return self.computer_playing() or self.mapview.motion.active or self.mapview.panning

    def computer_playing(self) -> bool:
        """The computer is to act (and the game goes on)."""
        return not self.match.over and not self.table.active_is_human and self.table.ai.plays(self.match.active_seat)

    def animate(self, entries: list[LogEntry], delay: float) -> None:
        """Show on the map what the viewer saw of the computer's last action (the entries of its log): a move
        slides along the hexes it was seen on, a fight or a landing flashes.  Looks only."""
        view = self.view
        board = self.match.board
        motion = self.mapview.motion
        for e in entries:
            ev = e.event
            if ev.kind == "UnitMoved":
                unit = view.units.get(str(ev.data.get("unit", "")))
                if unit is None or unit.hex is None or unit.location is not Location.MAP:
                    continue
                hexes = [h for h in ev.hexes if h is not None and board.index(h) >= 0]
                if not e.own:        # an enemy: only where the viewer saw it go
                    hexes = [h for h in hexes if view.visible[board.index(h)]]
                if hexes and hexes[-1] == unit.hex:
                    motion.slide(unit, hexes, min(0.85 * delay, 0.12 + 0.08 * len(hexes)))
            elif ev.kind == "CombatResolved" and ev.data.get("target"):
                target = Hex(*ev.data["target"])
                motion.flash(target, (255, 70, 40), max(0.25, 1.6 * delay))
                d = ev.data
                self.notify(f"{place_title(board, target)}: {d['column']}, die {d['die']} — "
                            f"{RESULT_NAMES[d['result']]}", seconds=max(2.0, 8 * delay))
                self.app.sounds.play("combat")
            elif ev.kind == "UnitLanded" and ev.hexes:
                motion.flash(ev.hexes[-1], (40, 220, 220), max(0.25, 1.6 * delay))

