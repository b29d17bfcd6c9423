"""The classroom's clock and levers: the computer (or the record, looking back) plays at the chosen speed, a step
stops once an action, a side's turn or a turn is played, a key event stops play, and the console's buttons
(game/ui/classroom_console.py) do what they say.

A mixin of the classroom screen (game/ui/screens/classroom_screen.py): it reads the screen's ``app``, ``room``,
``playing``, ``goal``, ``pending`` and the game screen's map view and clock; the window never freezes (at no delay,
as many actions as fit in a frame's slice), and play waits while a window is open.
"""

from __future__ import annotations

import time

from game.session.eventlog import LogEntry
from game.session.teaching import PauseHit


class ClassroomPlay:
    """Playing the classroom's game forward and back."""

    # -- the computer, the record and the steps -----------------------------------------------------------
    def update(self, dt: float) -> None:
        self.space_guard_left = max(0.0, self.space_guard_left - dt)
        warning = self.room.table.autosave_warning()
        if warning:
            self.app.message("The autosave failed", warning)
        windows = self.open_windows()
        if not windows:
            self.mapview.update(dt)
        self.update_tooltip()
        if self.log_stale and (not self.computer_playing() or time.monotonic() - self.log_at >= 1.0):
            self.update_log(now=True)
        if windows or (not self.playing and self.goal is None) or self.person_to_act():
            return
        delay = 0.0 if self.goal else self.app.settings.ai_delay_ms / 1000.0
        self.ai_clock += dt
        if self.ai_clock < delay or (delay and self.mapview.motion.slides):
            return
        self.ai_clock = 0.0
        budget = time.perf_counter() + (0.012 if delay == 0 else 0.0)
        seen: list = []
        hits: list[PauseHit] = []
        while True:
            events, found = self.room.step_ai() if self.room.at_present else self.room.forward()
            seen.extend(events)
            hits.extend(found)
            if not events or hits or self.goal_reached() or self.person_to_act() or time.perf_counter() >= budget:
                break
        if not seen:                                  # nothing more to play: the end of the record or the war
            self.playing, self.goal = False, None
            if self.room.replay:
                self.notify("The end of the save. Branch here plays on from it as a new game.", seconds=6)
            self.refresh()
            return
        if hits or self.goal_reached():
            self.playing, self.goal = False, None
        self.pending.extend(hits)
        self.after_change()
        if self.app.screen is self and delay:
            self.animate([LogEntry(e, e.text, True) for e in seen], delay)

    def goal_reached(self) -> bool:
        if self.goal is None:
            return False
        step = self.room.timeline.step_at(self.room.cursor)
        if self.goal == "action":
            return True
        if self.goal == "seat":
            return (step.turn, step.seat) != self.goal_key
        return step.turn != self.goal_key[0]

    def start_goal(self, goal: str) -> None:
        step = self.room.timeline.step_at(self.room.cursor)
        self.goal, self.goal_key = goal, (step.turn, step.seat)
        self.ai_clock = 0.0

    def jump(self, n: int) -> None:
        """Show the position after ``n`` actions (the present at the end of the record)."""
        self.playing, self.goal = False, None
        self.room.look_at(n)
        self.selected, self.target, self.attackers = None, None, []
        self.mapview.motion.skip()
        self.refresh()

    def console_press(self, key: str) -> None:
        room, tl = self.room, self.room.timeline
        if key == "play":
            self.playing = not self.playing
            self.goal = None
        elif key == "step":
            self.start_goal("action")
        elif key == "seat":
            self.start_goal("seat")
        elif key == "turn_fwd":
            later = [n for _t, _d, n in tl.turns() if n > room.cursor]
            if not room.at_present and later:
                self.jump(later[0])
            else:
                self.start_goal("turn")
        elif key == "back":
            self.jump(room.cursor - 1)
        elif key == "turn_back":
            step = tl.step_at(room.cursor)
            start = tl.turn_start(step.turn)
            self.jump(start if start < room.cursor else tl.turn_start(step.turn - 1))
        elif key == "speed":
            self.next_speed()
        elif key == "size":
            self.next_text_size()
            return
        elif key in ("whatif", "pause_whatif"):
            self.show_what_ifs()
        elif key == "seats":
            self.show_seats()
        elif key in ("timeline", "pause_timeline"):
            self.show_timeline()
        elif key == "briefing":
            self.show_briefing()
        elif key == "branch":
            self.ask_branch()
        elif key == "branch_yes":
            self.branch()
            return
        elif key == "close_briefing":
            self.briefing_window.kill()
        elif key == "pause_continue":
            self.pause_window.kill()
            if self.pending:
                self.show_pause(self.pending.pop(0))
            else:
                self.playing = True
        if key.startswith("pause_") and key != "pause_continue":
            self.pause_window.kill()
        self.update_console()
        self.update_action_box()

    def branch(self) -> None:
        try:
            new = self.room.branch(self.app.save_dir)
        except OSError as exc:
            self.app.message("No branch was made", f"The new game could not be saved: {exc}. Nothing was changed.")
            return
        screen = self.app.go("classroom", room=new, intro=False, mapview=self.mapview)
        screen.fog = self.fog
        screen.notify(f"A new game from turn {new.match.turn}, saved as {new.save_path.name}.", seconds=8)
        screen.refresh()

