"""The tutorial panel: a scenario's lessons (its ``lessons`` section), one at a time, in order, over the map.

Each lesson says what to do and names the player's action that completes it (``done``: select, move, undo,
end_phase, attack, overlay, decide); the game screen reports the player's actions here and the panel moves on.
A step the player need not take (an undo) can be skipped.  A lesson with ``to`` is for those seats only: in a
hot-seat game each player sees the steps meant for their seat.  Where each seat's player has got to is kept on
the table, so a hot-seat hand-over or a rebuilt screen carries on from the same step.

A step must never trap the player: when its action cannot be done now (nothing can be undone once a move revealed
an enemy; no enemy is in reach in this combat phase; units move only in the movement phase) the panel says why and
what to do instead (:func:`why_not`), and an undo the game refuses completes the undo step as well as one it grants.
A step whose action was done before it came up (a decision taken while an earlier step was open) is passed, and the
panel goes when the war ends.

The panel sits in the corner of the map where it hides the fewest of the player's units (never on the minimap);
its Move button takes it to the next corner and Hide folds it to a tab, and both choices are kept on the table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame
from pygame_gui.elements import UIButton, UITextBox

from game.engine.api import Location, Phase
from game.ui.log_html import esc

#: The map's corners in the order Move takes the panel round them (clockwise).
CORNERS = ("top-left", "top-right", "bottom-right", "bottom-left")
#: Which corner wins when two hide as few units: the top first, then the left (the minimap sits bottom-right).
PREFERENCE = ("top-left", "top-right", "bottom-left", "bottom-right")


def lessons_of(config, seat: str | None = None) -> list[dict]:
    """The scenario's lessons ([] if it has none); with ``seat``, those for that seat's player."""
    return [step for step in (dict(config.extra).get("lessons") or [])
            if seat is None or not step.get("to") or seat in step["to"]]


@dataclass(frozen=True)
class Moment:
    """What the player may do now, as far as a lesson cares: whose turn, the phase, whether the last action can be
    taken back and whether any enemy hex can be attacked."""

    my_turn: bool
    phase: Phase
    can_undo: bool
    can_attack: bool


def why_not(action: str, now: Moment) -> str:
    """Why a step's ``action`` cannot be done now and what to do instead; "" when it can (or it is not the player's
    turn, when nothing can be done)."""
    if not now.my_turn:
        return ""
    if action in ("select", "move") and now.phase is Phase.POLITICAL:
        return "Units move in your movement phase: continue to it first (Space)."
    if action in ("select", "move") and now.phase is Phase.COMBAT:
        return "Units move in your movement phase: end the turn (Space) and do it next turn, or Skip › to go on."
    if action == "undo" and not now.can_undo:
        return ("Nothing can be undone now (a move that revealed an enemy, or dice rolled, cannot be taken back). "
                "Press Ctrl+Z to see the game refuse it, or Skip › to go on.")
    if action == "attack" and now.phase is Phase.COMBAT and not now.can_attack:
        return "No enemy is in reach this turn: end the turn (Space) and try next turn, or Skip › to go on."
    if action == "attack" and now.phase is not Phase.COMBAT:
        return ("Attacks come in your combat phase: move a unit next to an enemy, then end movement (Space). "
                "Or Skip › to go on.")
    if action == "decide" and now.phase is not Phase.POLITICAL:
        return "Decisions are taken in your political phase, at the start of your next turn (or Skip › to go on)."
    return ""


def corner_rect(area: pygame.Rect, size: tuple[int, int], corner: str, inset: int) -> pygame.Rect:
    """A rectangle of ``size`` in ``corner`` of ``area``, ``inset`` pixels in from its edges."""
    r = pygame.Rect((0, 0), size)
    r.top = area.top + inset if corner.startswith("top") else area.bottom - inset - size[1]
    r.left = area.left + inset if corner.endswith("left") else area.right - inset - size[0]
    return r


def least_covered(candidates: dict[str, pygame.Rect], points: list[tuple[float, float]], reach: float,
                  blocked: pygame.Rect | None = None) -> str:
    """The corner whose rectangle covers the fewest ``points`` (units' centres, counted within ``reach`` pixels of
    the rectangle), leaving out any that would cover ``blocked`` (the minimap); ties go to the earlier corner."""
    def covered(r: pygame.Rect) -> int:
        grown = r.inflate(2 * reach, 2 * reach)
        return sum(1 for x, y in points if grown.collidepoint(x, y))
    usable = {k: r for k, r in candidates.items() if blocked is None or not r.colliderect(blocked)} or candidates
    return min(usable, key=lambda k: (covered(usable[k]), PREFERENCE.index(k)))


class LessonPanel:
    """The current lesson in a box with its number ("Step 2 of 8") and its buttons (Skip, Move, Hide), or folded to
    a tab; the last one done, a line that says so, then nothing.  ``rect`` gives the panel's width and height (its
    height grows with the text); its place is one of the corners of the screen's map (``screen.map_rect``)."""

    def __init__(self, screen, rect: pygame.Rect):
        self.screen = screen
        self.rect = rect
        self.seat = screen.view.seat
        self.steps = lessons_of(screen.match.config, self.seat)
        self.box: UITextBox | None = None
        self.buttons: list[UIButton] = []
        self.note = ""
        self.corner = CORNERS[0]                          # where the panel is now, and its size (placed() sets them)
        self.size = rect.size
        self.build()

    @property
    def at(self) -> int:
        return self.screen.table.lesson_at.get(self.seat, 0)

    @property
    def place(self) -> dict:
        """How this seat's player left the panel: its ``corner`` if moved by hand, ``folded`` if hidden."""
        return self.screen.table.lesson_ui.setdefault(self.seat, {})

    def moment(self) -> Moment:
        screen = self.screen
        return Moment(my_turn=bool(screen.my_turn), phase=screen.view.phase, can_undo=screen.match.can_undo(),
                      can_attack=bool(screen.attack_targets))

    def build(self) -> None:
        self.kill()
        if not self.steps or self.at > len(self.steps) or self.screen.match.over:
            return                          # (the war over, the end screen says what comes next)
        while self.current is not None and self.done_already(self.current["done"]):
            self.screen.table.lesson_at[self.seat] = self.at + 1
        s = self.screen.s
        area = self.screen.map_rect
        width = min(self.rect.width, int(area.width * 0.62))
        finished = self.at == len(self.steps)
        if self.place.get("folded") and not finished:
            self.build_tab()
            return
        self.note = "" if finished else why_not(self.steps[self.at]["done"], self.moment())
        if finished:
            html = "<b>Tutorial done.</b> You have the controls: play the war on (F1 lists every key)."
        else:
            step = self.steps[self.at]
            html = (f"<font color='#d8b76a'><b>Tutorial · step {self.at + 1} of {len(self.steps)}</b></font><br>"
                    f"{esc(step['text'])}")
            if self.note:
                html += f"<br><i><font color='#f0c08a'>{esc(self.note)}</font></i>"
        bw, bh, gap = s(74), s(28), s(3)
        self.box = UITextBox(html, pygame.Rect(0, 0, width - bw - s(4), -1), self.screen.manager,
                             object_id="#lesson")
        keys = (("skip", "Close"),) if finished else (("skip", "Skip ›"), ("move", "Move"), ("fold", "Hide"))
        height = max(self.box.rect.height, len(keys) * (bh + gap) - gap)
        if self.box.rect.height < height:                 # as tall as its buttons, so they sit on its background
            self.box.set_dimensions((self.box.rect.width, height))
        r = self.placed((width, height))
        self.box.set_position(r.topleft)
        tips = {"skip": "Go on to the next step without doing this one.",
                "move": "Move this panel to the next corner of the map.",
                "fold": "Fold this panel to a small tab (click the tab to bring it back)."}
        for k, (key, label) in enumerate(keys):
            b = UIButton(pygame.Rect(r.right - bw, r.y + k * (bh + gap), bw, bh), label, self.screen.manager,
                         tool_tip_text=tips[key])
            b.lesson_key = key
            self.buttons.append(b)

    def build_tab(self) -> None:
        """The folded panel: one button that says which step is waiting and unfolds it."""
        s = self.screen.s
        text = f"Tutorial · step {self.at + 1} of {len(self.steps)} ›"
        font = self.screen.manager.get_theme().get_font(["button"])
        size = (font.size(text)[0] + s(24), s(30))
        b = UIButton(self.placed(size), text, self.screen.manager, tool_tip_text="Show the tutorial's step again.")
        b.lesson_key = "unfold"
        self.buttons.append(b)

    def placed(self, size: tuple[int, int]) -> pygame.Rect:
        """Where a panel of ``size`` goes: the corner the player moved it to, else the corner of the map that hides
        the fewest of the player's units."""
        self.size = size
        area = self.screen.map_rect
        inset = self.screen.s(10)
        rects = {c: corner_rect(area, size, c, inset) for c in CORNERS}
        corner = self.place.get("corner")
        if corner not in rects:
            corner = least_covered(rects, self.unit_points(), self.screen.s(12), self.minimap_rect())
        self.corner = corner
        return rects[corner]

    def unit_points(self) -> list[tuple[float, float]]:
        """The screen positions of the player's units on the map."""
        mv = getattr(self.screen, "mapview", None)
        if mv is None:
            return []
        out = []
        for u in self.screen.view.friendly():
            if u.location is Location.MAP and u.hex is not None:
                x, y = mv.layout.hex_to_pixel(u.hex)
                out.append((mv.rect.x + x, mv.rect.y + y))
        return out

    def minimap_rect(self) -> pygame.Rect | None:
        mv = getattr(self.screen, "mapview", None)
        return mv.minimap.rect if mv is not None and mv.minimap.visible else None

    def covers(self, pos: tuple[int, int]) -> bool:
        """Whether the panel (its text or a button) is at the screen position ``pos``."""
        return any(el.rect.collidepoint(pos) for el in (self.box, *self.buttons) if el is not None)

    def kill(self) -> None:
        for el in (self.box, *self.buttons):
            if el is not None:
                el.kill()
        self.box = None
        self.buttons = []

    def done_already(self, action: str) -> bool:
        """Whether a step's action was done before the step came up, so that waiting for it would trap the player:
        a decision of this seat's taken while an earlier step was open (a play-tester took the General Assembly
        resolution on the step before and the panel kept asking for it)."""
        if action != "decide":
            return False
        pol = self.screen.match.config.politics
        view = self.screen.view
        return pol is not None and any(d.seat == self.seat and view.decision_date(did) is not None
                                       for did, d in pol.decisions.items())

    @property
    def current(self) -> dict | None:
        return self.steps[self.at] if self.at < len(self.steps) else None

    @property
    def skip(self) -> UIButton | None:
        """The Skip (or, the tutorial done, Close) button."""
        return next((b for b in self.buttons if b.lesson_key == "skip"), None)

    def done(self, action: str) -> None:
        """The player did ``action``: the step that asked for it is done."""
        step = self.current
        if step is not None and step.get("done") == action:
            self.advance()

    def advance(self) -> None:
        self.screen.table.lesson_at[self.seat] = self.at + 1
        self.build()

    def refresh(self) -> None:
        """The position changed: rebuild if what the step can say about it changed (undo refused, no attack)."""
        step = self.current
        if self.screen.match.over and (self.box is not None or self.buttons):
            self.build()                    # the war is over: the panel goes
            return
        if step is None or self.box is None:
            return
        if why_not(step["done"], self.moment()) != self.note or self.done_already(step["done"]):
            self.build()

    def press(self, key: str) -> None:
        """One of the panel's buttons: skip the step, move the panel to the next corner, fold or unfold it."""
        if key == "skip":
            self.advance()
            return
        if key == "move":
            # The next corner round the map, past the minimap's while it is shown.
            size = self.size
            mini = self.minimap_rect()
            k = CORNERS.index(self.corner)
            for step in range(1, len(CORNERS) + 1):
                corner = CORNERS[(k + step) % len(CORNERS)]
                r = corner_rect(self.screen.map_rect, size, corner, self.screen.s(10))
                if mini is None or not r.colliderect(mini):
                    break
            self.place["corner"] = corner
        elif key == "fold":
            self.place["folded"] = True
        elif key == "unfold":
            self.place["folded"] = False
        self.build()
