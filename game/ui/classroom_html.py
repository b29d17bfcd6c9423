"""The classroom's texts as HTML for its windows: a key event's card, the divergence timeline, the briefing with the
teaching notes, and the hint that says what the teacher can do next.

Pure functions of session data (game/session/teaching.py, game/session/classroom.py), so the words are tested
without a window.  ``px`` is the scaled pixel size of a heading (a <font pixel_size> is fixed in pixels).
"""

from __future__ import annotations

from game.session.teaching import Divergence, PauseHit, pause_title
from game.ui.log_html import esc
from game.ui.tracks_bar import IDEA_NOTES, idea_name


def paragraphs(text: str) -> str:
    """Escaped, blank lines as paragraph breaks and single line breaks folded (YAML blocks)."""
    parts = [" ".join(p.split()) for p in str(text).split("\n\n")]
    return "<br><br>".join(esc(p) for p in parts if p)


def pause_html(hit: PauseHit, px: int, forced: str = "") -> str:
    """A key event's card: what happened, what really happened, the idea it shows, the question for the class;
    ``forced``: the teacher's what-if that made it happen, if one did."""
    # The question comes second: on a projector's large type it must be in view without scrolling.
    parts = [f"<font pixel_size={px}><b>{esc(hit.title)}</b></font>"]
    if forced:
        parts.append(f"<font color='#8fe3c6'>Your what-if made this happen: {esc(forced)}</font>")
    if hit.question:
        parts += ["", f"<font pixel_size={px} color='#f5d98a'><b>For discussion:</b> {esc(hit.question)}</font>"]
    if hit.history:
        parts += ["", "<b>What really happened</b>", f"<i>{esc(hit.history)}</i>"]
    if hit.idea:
        parts += ["", f"<b>The idea:</b> {esc(idea_name(hit.idea))}. {esc(IDEA_NOTES.get(hit.idea, ''))}"]
    return "<br>".join(parts)


def divergence_html(rows: list[Divergence], over: bool, px: int) -> str:
    """This war's key events beside history's: one line each, the gap in days in bold."""
    if not rows:
        return "<i>None of the war's key events falls in this scenario's dates yet.</i>"
    lines = [f"<font pixel_size={px}><b>This war beside history</b></font>"]
    for r in rows:
        ours = f"{r.game:%d %b %Y}" if r.game else ("did not happen" if over else "not yet")
        real = f"{r.history:%d %b %Y}" if r.history else "never"
        colour = "#9fd39f" if r.game and r.history and r.gap_days == 0 else "#f5d98a" if r.game else "#b9b095"
        lines.append(f"<b>{esc(r.name)}</b><br>&nbsp;&nbsp;this war: {esc(ours)} · history: {esc(real)} · "
                     f"<font color='{colour}'><b>{esc(r.gap_words(over))}</b></font>")
    return "<br>".join(lines)


def moments_html(hits: list[PauseHit], px: int) -> str:
    """The key moments this war has reached so far (the scenario's pauses), with their dates."""
    if not hits:
        return ""
    lines = [f"<font pixel_size={px}><b>This war's key moments</b></font>"]
    lines += [f"<b>{h.date:%d %b %Y}</b> {esc(h.title)}" for h in sorted(hits, key=lambda h: h.action)]
    return "<br>".join(lines)


def briefing_html(scenario, pauses: list, px: int) -> str:
    """The scenario's briefing with its teaching notes, and the questions the demonstration stops at."""
    parts = [f"<font pixel_size={px}><b>{esc(scenario.title)}</b></font>", paragraphs(scenario.briefing)]
    teaching = scenario.teaching or {}
    for key, title in (("learning_goals", "Learning goals"), ("ideas", "Ideas shown"),
                       ("questions", "Questions for the debrief")):
        items = teaching.get(key) or []
        if items:
            parts += ["", f"<b>{title}</b>"] + [f"• {paragraphs(i)}" for i in items]
    if pauses:
        parts += ["", "<b>Where the demonstration stops, and what it asks</b>"]
        parts += [f"• <i>{esc(pause_title(scenario, p))}</i>: {esc(p.question)}" for p in pauses]
    return "<br>".join(parts)


def hint_html(state: str, *, seat: str = "", turn: int = 0, date: str = "", action: int = 0, last: int = 0,
              outcome: str = "", source: str = "") -> str:
    """What is happening and what the teacher can do next, by ``state``: playing, paused, person (a person plays
    the active side), looking_back, replay, over."""
    if state == "playing":
        return (f"<b>The computer plays the {esc(seat)}.</b><br>Pause (Space) to talk about what you see; the "
                "demonstration stops by itself at the key events.")
    if state == "paused":
        return (f"<b>Paused.</b> The {esc(seat)} is to play.<br><b>Play</b> (Space) lets the computer play on; "
                "<b>Step</b> (N) plays one action, <b>Side's turn</b> (T) the rest of this side's turn.")
    if state == "looking_back":
        return (f"<b>Looking back</b> at turn {turn} ({esc(date)}), action {action} of {last}.<br><b>Play</b> or "
                "<b>Step</b> walks the record forward; <b>Branch here</b> starts a new game from this point (a new "
                "save: the game so far stays as it is). <b>Turn »</b> goes on to the next turn.")
    if state == "replay":
        return (f"<b>Replay</b> of {esc(source)}: turn {turn} ({esc(date)}), action {action} of {last}.<br>"
                "<b>Play</b>, <b>Step</b> and <b>‹ Back</b> walk through it; <b>Branch here</b> plays on from this "
                "point as a new game.")
    if state == "over":
        return (f"<b>The war is over:</b> {esc(outcome)}.<br><b>Summary ›</b> shows the scores; <b>Timeline</b> "
                "sets this war beside history; <b>« Turn</b> looks back, and <b>Branch here</b> tries another way.")
    return ""
