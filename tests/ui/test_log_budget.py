"""The log box lays out a bounded text, whatever a (forged) save's log holds (issue 10, third attack run)."""

from __future__ import annotations


def test_the_log_box_lays_out_at_most_its_budget():
    # Lines the game writes are short; 320 lines of 4,000 characters without a space (a forgery within the line
    # and length limits) are cut to LINE_CHARS each and to LOG_CHARS in all, so the text box's layout stays quick.
    from datetime import date

    from game.engine.api import Event
    from game.session.eventlog import LogEntry
    from game.ui.log_html import LINE_CHARS, LOG_CHARS, group_track_changes, log_line_html, within_budget
    ev = Event("UnitMoved", date(1950, 7, 2), 2, None, (), True, {}, None, "W" * 4000)
    entries = [LogEntry(ev, "W" * 4000, False) for _ in range(320)]
    lines = [log_line_html(g) for g in group_track_changes(entries)]
    assert all(len(line) < LINE_CHARS + 200 for line in lines)
    shown = within_budget(lines)
    assert 1 <= len(shown) < 320 and len("<br>".join(shown)) <= LOG_CHARS + len(shown) * 4


def test_an_entry_of_line_breaks_is_laid_out_as_one_line():
    # A forged log of 400 entries, each 2,000 line breaks (logcheck allows a line break in text), froze the box.
    from datetime import date

    from game.engine.api import Event
    from game.session.eventlog import LogEntry
    from game.ui.log_html import clip, log_line_html
    ev = Event("UnitMoved", date(1950, 7, 2), 2, None, (), True, {}, None, "a\n" * 2000)
    assert "\n" not in log_line_html([LogEntry(ev, "a\n" * 2000, False)])
    assert clip("one\ntwo") == "one two"
