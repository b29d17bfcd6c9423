"""The event log as HTML for the game screen's log box and its "Since your last turn" report.

Entries come from the seat's log (game/session/eventlog.py) already in words; here they get their date, their
colour (ours, the enemy's, a headline, a political act with its history note and idea) and their grouping (a run of
track changes on one date reads as one line).
"""

from __future__ import annotations

import html

from game.engine.api import track_moves
from game.session.eventlog import LogEntry
from game.session.teaching import TEACHER_MARK
from game.ui.decisions_panel import idea_tag, plain

#: Log entries that are the game's bookkeeping, not history (rule dice are shown by their outcome).
HIDDEN_IN_LOG = {"ChanceRolled"}
POLITICAL_KINDS = {"RuleFired", "DecisionTaken"}
HEADLINE_KINDS = {"TalksChanged", "ArmisticeSigned", "GameEnded"}
#: The most characters of one entry the log lays out (the game's longest, a great attack's odds and shifts, is
#: some 450), of one run of track changes, and of the whole log box: a text box's layout is slow in the length of
#: its text, and a damaged save's hundreds of 4,000-character lines froze the window for minutes.
LINE_CHARS = 600
GROUP_PARTS = 12
LOG_CHARS = 24_000


def within_budget(lines: list[str], budget: int = LOG_CHARS) -> list[str]:
    """The first of ``lines`` whose HTML together stays within ``budget`` characters (at least one line)."""
    out: list[str] = []
    used = 0
    for line in lines:
        used += len(line)
        if out and used > budget:
            break
        out.append(line)
    return out


def clip(text: object) -> str:
    """``text`` on one line (a log entry is one line of the box: a damaged save's entries of line breaks laid out
    as thousands of lines), cut to LINE_CHARS characters with an ellipsis where it was cut."""
    text = " ".join(str(text).splitlines())
    return text if len(text) <= LINE_CHARS else text[:LINE_CHARS].rstrip() + "…"


def esc(text: object) -> str:
    """HTML-escaped, with the glyphs the widgets' font lacks (→, ≥ ...) in words."""
    return html.escape(plain(str(text)))


def group_track_changes(entries: list[LogEntry]) -> list[list[LogEntry]]:
    """The entries in order, with runs of TrackChanged entries of one date gathered into one group."""
    out: list[list[LogEntry]] = []
    for e in entries:
        last = out[-1] if out else None
        if (e.event.kind == "TrackChanged" and last and last[-1].event.kind == "TrackChanged"
                and last[-1].event.date == e.event.date):
            last.append(e)
        else:
            out.append([e])
    return out


def since_html(entries: list[LogEntry], names: dict[str, str]) -> str:
    """The hot-seat report "Since your last turn": every entry the seat may read, oldest first, under a heading
    for each side's turn (whose turn it was and its date), so an attack on the seat's units in the first of the
    other turns is read first, not cut off the top of a long report."""
    lines: list[str] = []
    turn_of = None
    for group in group_track_changes([e for e in entries if e.event.kind not in HIDDEN_IN_LOG]):
        ev = group[0].event
        key = (ev.turn, ev.seat)
        if ev.seat is not None and key != turn_of:
            turn_of = key
            lines.append(f"<b>{esc(names.get(ev.seat, ev.seat))}, turn {ev.turn} ({ev.date:%d %B %Y})</b>")
        line = log_line_html(group, names)
        if line:
            lines.append(line)
    return "<br>".join(within_budget(lines, 2 * LOG_CHARS)) or "Nothing you could see happened."


def log_line_html(group: list[LogEntry], names: dict[str, str] | None = None) -> str:
    """One line of the log: an entry, or a run of track changes as one line (``names``: seat id -> name); "" for a
    run whose tracks all came back to where they were."""
    if len(group) == 1:
        return entry_html(group[0], names)
    date = f"<font color='#9c927a'>{group[0].event.date:%d %b %y}</font>"
    # One part per track, its moves of the day added up (a play-tester read "War weariness (UN) +1 (now 24) ...
    # War weariness (UN) +<1 (now 24)" in one line).
    moves = track_moves([e.event for e in group])
    if not moves:
        return ""
    parts = [esc(clip(t).rstrip(".")) for t in moves[:GROUP_PARTS]]
    if len(moves) > GROUP_PARTS:
        parts.append(f"{len(moves) - GROUP_PARTS} more")
    return f"{date} <font color='#b9b095'>{'; '.join(parts)}.</font>"


def entry_html(e: LogEntry, names: dict[str, str] | None = None) -> str:
    """One log entry: the date, what happened; for rules and decisions the history note and the idea; for a
    computer seat's reason, whose reason it is."""
    ev = e.event
    date = f"<font color='#9c927a'>{ev.date:%d %b %y}</font>"
    if ev.kind == "TeacherNote" or (ev.kind == "AIReasoned" and e.text.startswith(TEACHER_MARK)):
        # A classroom's teacher speaks: a what-if posed, a decision it forced, a side handed over (issue 12 §2).
        return f"{date} <b><font color='#8fe3c6'>Teacher:</font></b> <font color='#8fe3c6'>{esc(clip(e.text))}</font>"
    if ev.kind == "AIReasoned":
        who = (names or {}).get(ev.seat or "", ev.seat or "computer")
        return f"{date} <i><font color='#a9c8e8'>{esc(clip(who))} (computer): {esc(clip(e.text))}</font></i>"
    colour = "#f0e6c8" if e.own else "#e8a27a"
    if ev.kind in POLITICAL_KINDS:
        d = ev.data
        lines = [f"{date} <b><font color='#f3e6c0'>{esc(clip(e.text))}</font></b>"]
        note = d.get("history") or (d.get("detail") if ev.kind == "DecisionTaken" else "")
        tag = idea_tag(d.get("idea", ""))
        if note:
            lines.append(f"<i><font color='#cbbf9c'>{esc(clip(note))}</font></i>" + (f" {tag}" if tag else ""))
        elif tag:
            lines.append(tag)
        return "<br>".join(lines)
    if ev.kind in HEADLINE_KINDS:
        return f"{date} <b><font color='#f5d98a'>{esc(clip(e.text))}</font></b>"
    if ev.kind == "TrackChanged":
        return f"{date} <font color='#b9b095'>{esc(clip(e.text))}</font>"
    return f"{date} <font color='{colour}'>{esc(clip(e.text))}</font>"
