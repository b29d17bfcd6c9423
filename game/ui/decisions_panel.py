"""The decisions of a seat: the side panel in its political phase, and a read-only list at other times.

In the political phase (DESIGN §8) the side panel lists each open decision as a
card -- its title, what it will do (in words made from the rules: game/session/decision_words.py), what it
risks (the public tracks after taking it, as the engine previews it on a copy
of the seat's view: ``Observation.preview_decision``, and the thresholds they
cross), its history note and the idea it shows -- under a "Decide: <title>" button, and
a button that goes on to movement.  The screen submits ``Decide(id)`` when a
button carrying a ``decision_id`` is pressed and ``EndPhase`` for the one
carrying ``continue_phase``.  Outside the political phase, :func:`overview_html`
lists every decision of the viewer's seat with its condition, for a window.

Everything here reads a seat's Observation; the decision specs (game.engine.politics.model)
are only described, never evaluated: which decisions are open comes from the
engine's legal actions.
"""

from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton, UIScrollingContainer, UITextBox

from game.engine.api import IllegalAction, Phase, change
from game.engine.politics.effects import EndGame, Talks
from game.session.condition_words import condition_words
from game.session.decision_words import split, track_worth
from game.ui.map_labels import get_font
from game.ui.tracks_bar import IDEA_NOTES, esc, fmt, idea_name, nice

RISK_COLOUR = "#e8a27a"
MUTED = "#9c927a"


#: Glyphs the widgets' font (pygame_gui's Noto Sans) lacks, in words.
PLAIN = {"≥": "at least", "≤": "at most", "→": "to", "✓": "(passed)"}


def plain(text: str) -> str:
    """``text`` with the glyphs the widgets cannot draw spelled out (engine descriptions use ≥ and ≤)."""
    for k, v in PLAIN.items():
        text = text.replace(k, v)
    return text


def fit_text(text: str, font: pygame.font.Font, room: int) -> str:
    """``text``, cut at a word with an ellipsis if it is wider than ``room`` px in ``font``."""
    if font.size(text)[0] <= room:
        return text
    words = text.split()
    while len(words) > 1 and font.size(" ".join(words) + "…")[0] > room:
        words.pop()
    return " ".join(words) + "…"


def idea_tag(idea: str) -> str:
    """The idea of international relations as a link (HTML) that opens the glossary at it (GameScreen)."""
    return f"<a href='idea:{esc(idea)}'>[{esc(idea_name(idea))}]</a>" if idea else ""


def track_moves(view, decision_id: str) -> list[tuple[str, float]] | None:
    """The public tracks that taking the decision now would move, as the engine previews it: (words, worth to the
    seat) for each; None if the decision is not open now.

    ``view.preview_decision`` applies the decision to a copy of the seat's view
    (with whatever rules react at once) and returns the public tracks after it;
    nothing here repeats a rule.  Each move says which thresholds it crosses.
    """
    pol = view.config.politics
    if pol is None:
        return []
    try:
        after = view.preview_decision(decision_id)
    except IllegalAction:        # not open now: nothing to preview
        return None
    before = view.tracks
    out: list[tuple[str, float]] = []
    for name, spec in pol.tracks.items():
        if name not in after:
            continue
        old = float(before.get(name, spec.start))
        new = float(after[name])
        if abs(new - old) < 1e-9:
            continue
        worth = track_worth(view.bloc, name, new - old)
        up = [(n, v) for n, v in spec.thresholds if old < v <= new]
        down = [(n, v) for n, v in spec.thresholds if new < v <= old]
        # Whole points, as the gauges: a move they would not show reads "+<1 (now 2)", never "from 2 to 2".
        move = (f"{esc(spec.label)} from {fmt(old)} to {fmt(new)}" if fmt(old) != fmt(new) else
                f"{esc(spec.label)} {change(old, new)} (now {fmt(new)})")
        if up:
            text = f"{move}: <b>reaches {', '.join(f'{esc(nice(n, start=False))} ({fmt(v)})' for n, v in up)}</b>"
        elif down:
            text = f"{move}: falls below {', '.join(f'{esc(nice(n, start=False))} ({fmt(v)})' for n, v in down)}"
        else:
            nxt = [(n, v) for n, v in spec.thresholds if v > new] if new > old else \
                  [(n, v) for n, v in reversed(spec.thresholds) if v <= new]
            text = move + (f" (next: {esc(nice(nxt[0][0], start=False))} at {fmt(nxt[0][1])})" if nxt else "")
        out.append((text, worth))
    return out


def risks(view, d, moves: list[tuple[str, float]] | None) -> list[str]:
    """What taking ``d`` now costs or risks the seat, and only that: the costs among its effects (in words made
    from the rules, decision_words), the war's end, and the tracks the engine's preview (``moves``, track_moves)
    moves against the seat with the thresholds they cross."""
    _, costs = split(view.config, view.bloc, d.effects, moves is None, _names(view), d.id, _units(view))
    out = [esc(plain(c)) for c in costs] + [text for text, worth in moves or () if worth < 0]
    for e in d.effects:
        if isinstance(e, EndGame):
            out.append(f"<b>ends the war at once</b>: {esc(e.outcome.replace('_', ' ').replace(':', ' by '))}")
        elif isinstance(e, Talks) and e.verb == "sign":
            out.append("<b>ends the war at once</b>: the line of contact freezes into the DMZ")
    return out


def _names(view) -> dict[str, str]:
    return {u.id: u.name for u in view.units.values()}


def _units(view) -> list:
    """The units the seat knows of (its own waiting reinforcements among them: what a decision releases)."""
    return list(view.units.values())


def does(view, d, moves: list[tuple[str, float]] | None) -> list[str]:
    """What taking ``d`` does for the seat, or does that is neither good nor bad, in words made from the rules;
    the tracks the engine's preview (``moves``, track_moves) moves in the seat's favour."""
    good, _ = split(view.config, view.bloc, d.effects, moves is None, _names(view), d.id, _units(view))
    return [esc(plain(g)) for g in good if not g.startswith("ends the war")] + \
        [text for text, worth in moves or () if worth >= 0]


def card_html(view, d) -> str:
    """An open decision for the political-phase panel: title, what it does and what it costs (above its button)."""
    parts = [f"<b><font color='#f3e6c0'>{esc(d.title)}</font></b>"]
    if d.text:
        parts.append(esc(plain(d.text)))
    moves = track_moves(view, d.id) if view.config.politics is not None else None   # one preview a card
    good = does(view, d, moves)
    if good:      # a decision all of whose effects cost something says so under Risks alone
        parts.append(f"<font color='{MUTED}'>Does:</font> " + "; ".join(good))
    r = risks(view, d, moves)
    parts.append(f"<font color='{RISK_COLOUR}'>Risks:</font> " + ("; ".join(r) if r else "none at once"))
    return "<br>".join(parts)


def background_html(d) -> str:
    """The decision's history note and idea (under its button)."""
    parts = []
    if d.history:
        parts.append(f"<i><font color='#cbbf9c'>{esc(plain(d.history))}</font></i>")
    if d.idea:
        parts.append(idea_tag(d.idea))
    return " ".join(parts)


def open_decisions(view) -> list:
    """The decision specs the seat may take now: the engine's legal ``Decide`` actions, in its political phase."""
    pol = view.config.politics
    if pol is None or not view.my_turn or view.phase is not Phase.POLITICAL:
        return []
    return [pol.decisions[a.decision] for a in view.legal.decisions() if a.decision in pol.decisions]


def status_of(view, d, open_ids: set[str] | None = None) -> tuple[str, str]:
    """(words, colour) for a decision in the read-only list.

    Open or closed is known in the seat's own political phase (its legal
    actions); at other times the list says when the decision is decided.
    """
    taken = view.decision_date(d.id)
    if taken and d.once:
        return f"taken on {taken:%d %b %Y}", "#b0a68a"
    if d.offered and not view.decision_offered(d.id):
        return "not offered yet", "#8a8676"
    if view.my_turn and view.phase is Phase.POLITICAL:
        ids = open_ids if open_ids is not None else {x.id for x in open_decisions(view)}
        if d.id in ids:
            return "open now: take it in the panel", "#8fd19e"
        why = (f"opens when {condition_words(view.config, d.when, view.board, d.id)}" if d.when is not None
               else "it was already taken")
        return f"closed now: {why}", "#d8b76a"
    return "opens in your political phase if its condition holds", "#d8b76a"


def overview_html(view) -> str:
    """Every decision of the view's seat in the scenario: status, condition, effects, history, idea."""
    pol = view.config.politics
    mine = [d for d in (pol.decisions.values() if pol else ()) if d.seat == view.seat]
    if not mine:
        return "<i>This side has no political decisions in this scenario.</i>"
    rows = ["Decisions are taken in the <b>political phase</b>, at the start of your turn, when their "
            "condition holds."]
    open_ids = {x.id for x in open_decisions(view)}
    for d in mine:
        words, colour = status_of(view, d, open_ids)
        when = esc(plain(condition_words(view.config, d.when, view.board, d.id))) if d.when is not None \
            else "at any time"
        if d.offered:
            when += " (once offered)"
        good, bad = split(view.config, view.bloc, d.effects, names=_names(view), own=d.id, units=_units(view))
        block = [f"<b>{esc(d.title)}</b> — <font color='{colour}'>{esc(words)}</font>",
                 f"<font color='{MUTED}'>When:</font> {when}"]
        if good:
            block.append(f"<font color='{MUTED}'>Does:</font> {esc(plain('; '.join(good)))}")
        if bad:
            block.append(f"<font color='{RISK_COLOUR}'>Costs:</font> {esc(plain('; '.join(bad)))}")
        if d.history:
            block.append(f"<i><font color='#cbbf9c'>{esc(plain(d.history))}</font></i>")
        if d.idea:
            note = IDEA_NOTES.get(d.idea, "")
            block.append(idea_tag(d.idea) + (f" <font color='{MUTED}'>{esc(note)}</font>" if note else ""))
        rows.append("<br>".join(block))
    return "<br><br>".join(rows)


class DecisionsPanel:
    """The open decisions as cards with a Decide button each, in a scrolling area, and "Continue"."""

    def __init__(self, manager, container, rect: pygame.Rect, s):
        self.manager = manager
        self.container = container
        self.rect = pygame.Rect(rect)
        self.s = s
        self.elements: list = []
        self.buttons: dict[str, UIButton] = {}
        self.continue_button: UIButton | None = None
        self.shown: tuple = ()

    def kill(self) -> None:
        for el in self.elements:
            el.kill()
        self.elements, self.buttons, self.continue_button, self.shown = [], {}, None, ()

    @property
    def visible(self) -> bool:
        return bool(self.elements)

    def show(self, view, decisions, key: tuple | None = None) -> None:
        """Build the cards for ``decisions`` (specs open to ``view``'s seat; rebuilt only when ``key`` changed)."""
        key = key if key is not None else tuple(d.id for d in decisions)
        if self.elements and key == self.shown:
            return
        self.kill()
        self.shown = key
        s = self.s
        r = self.rect
        bh = s(40)
        tip = "Take any of the decisions above, one at a time; then end the political phase (Space) and move."
        self.continue_button = UIButton(pygame.Rect(r.x, r.bottom - bh, r.width, bh), "Continue to movement ›",
                                        self.manager, container=self.container, tool_tip_text=tip)
        self.continue_button.continue_phase = True
        self.elements.append(self.continue_button)
        area = pygame.Rect(r.x, r.y, r.width, r.height - bh - s(6))
        scroll = UIScrollingContainer(area, self.manager, container=self.container, allow_scroll_x=False)
        self.elements.append(scroll)
        inner = area.width - s(22)
        y = 0
        if not decisions:
            box = UITextBox("<b>Political phase:</b> no decision is open now.", pygame.Rect(0, y, inner, -1),
                            self.manager, container=scroll)
            y += box.rect.height + s(8)
        font = get_font(s(15))
        for d in decisions:
            # The button first, named for the decision: on a projector the card runs below the fold, and a
            # button under it was found only by scrolling.
            b = UIButton(pygame.Rect(0, y, inner, s(34)), fit_text(f"Decide: {d.title}", font, inner - s(20)),
                         self.manager, container=scroll, tool_tip_text=f"Take this decision now: {esc(d.title)}.")
            b.decision_id = d.id
            self.buttons[d.id] = b
            y += s(34) + s(4)
            card = UITextBox(card_html(view, d), pygame.Rect(0, y, inner, -1), self.manager, container=scroll)
            y += card.rect.height + s(4)
            bg = background_html(d)
            if bg:
                note = UITextBox(bg, pygame.Rect(0, y, inner, -1), self.manager, container=scroll,
                                 object_id="#decision_note")
                y += note.rect.height
            y += s(16)
        scroll.set_scrollable_area_dimensions((inner, max(y, 1)))
