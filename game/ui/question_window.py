"""A question in a window: a text over a row of answer buttons (leaving with unsaved moves, unapplied settings)."""

from __future__ import annotations

from typing import Callable

import pygame
from pygame_gui.elements import UIButton, UITextBox, UIWindow


def question_window(manager, s: Callable[[float], int], window: tuple[int, int], size: tuple[int, int], title: str,
                    html_text: str, answers: tuple[tuple[str, str], ...], tag: str) -> UIWindow:
    """A centred window of about ``size`` (unscaled px, no bigger than ``window`` less a margin) titled ``title``:
    ``html_text`` over one button per (key, label) of ``answers``, each carrying its key as the attribute ``tag``
    (the screen routes its button presses by that attribute)."""
    w, h = window
    ww, wh = min(s(size[0]), w - s(20)), min(s(size[1]), h - s(20))
    pad, bh = s(10), s(40)
    # The window grows to its text (up to the screen less a margin): a question read through a scroll bar, cut
    # mid-line, was a play-tester's "Unsaved moves" at 100% scale.  The text is laid out once at the window's
    # width to measure it; the window is made at the height it needs.
    for _ in range(2):
        win = UIWindow(pygame.Rect((w - ww) // 2, (h - wh) // 2, ww, wh), manager, window_display_title=title)
        inner = win.get_container().get_rect()
        trial = UITextBox(html_text, pygame.Rect(0, 0, inner.width - 2 * pad, -1), manager)
        need, room = trial.rect.height, inner.height - 3 * pad - bh
        trial.kill()
        grow = min(need - room, h - s(20) - wh)
        if grow <= 0:
            break
        win.kill()
        wh += grow
    UITextBox(html_text, pygame.Rect(pad, pad, inner.width - 2 * pad, inner.height - 3 * pad - bh), manager,
              container=win)
    bw = (inner.width - (len(answers) + 1) * pad) // len(answers)
    for k, (key, label) in enumerate(answers):
        b = UIButton(pygame.Rect(pad + k * (bw + pad), inner.height - pad - bh, bw, bh), label, manager,
                     container=win)
        setattr(b, tag, key)
    return win
