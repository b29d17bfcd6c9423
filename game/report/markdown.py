"""The after-action report as Markdown: the story's words, the charts and the final map as linked PNGs.

Contract: :func:`render_markdown(story, charts, map_file)` returns the text of ``report.md``: ``charts`` is
[(Chart, file name)] and ``map_file`` the final map's file name, each linked by a relative path in the same
folder.  The text holds no clock, no path of the machine and no version: the same story gives the same bytes.
Text from the scenario or the computer is escaped, so a ``*`` or a ``|`` in it cannot break the layout.
"""

from __future__ import annotations

from .story import Story
from .words import COMPONENTS, day

_SPECIAL = "\\`*_[]<>|#"


def esc(text: object) -> str:
    """``text`` on one line with Markdown's special characters escaped."""
    flat = " ".join(str(text).split())
    return "".join("\\" + c if c in _SPECIAL else c for c in flat)


def signed(value: float) -> str:
    return f"{value:+.1f}"


def render_markdown(story: Story, charts: list, map_file: str | None) -> str:
    out: list[str] = []
    add = out.append
    add(f"# After-action report: {esc(story.title)}")
    add("")
    add(f"*Scenario `{story.scenario_id}`, {day(story.first)} to {day(story.last)} (turn {story.turn}). Made from "
        f"the save's record of {story.actions:,} actions, replayed; the same save always gives this report.*")
    add("")
    add("| Side | Played by |")
    add("| --- | --- |")
    for seat, who in story.players:
        add(f"| {esc(seat)} | {esc(who)} |")
    add("")
    add("## Outcome")
    add("")
    add(f"**{esc(story.outcome)}** The game ended on {day(story.last)}, turn {story.turn}.")
    add("")
    for fact in story.facts:
        add(f"- {esc(fact)}")
    add("")
    _scores(add, story)
    add("## The war in charts")
    add("")
    add("Dashed lines are the thresholds where a track changes the war; dotted vertical lines mark the key events "
        "of this war.")
    add("")
    for chart, name in charts:
        add(f"### {esc(chart.title)}")
        add("")
        add(f"![{esc(chart.title)} over the war]({name})")
        add("")
        add(f"*{esc(chart.caption)}*")
        add("")
    if map_file:
        add("## The final map")
        add("")
        add(f"![The final map: ground held, this war's line and the real 1953 line]({map_file})")
        add("")
        add(f"*The ground each side held on {day(story.last)}, this war's DMZ (or, without an armistice, its line "
            "of contact) beside the real armistice line of 27 July 1953 and the 38th parallel.*")
        add("")
    _key_events(add, story)
    _decisions(add, story)
    _thresholds(add, story)
    _declined(add, story)
    _debrief(add, story)
    add("---")
    add("")
    add(f"*Armistice after-action report. Seed {story.seed}; the replayed game's checksum "
        f"`{story.checksum[:16]}`.*")
    return "\n".join(out) + "\n"


def _scores(add, story: Story) -> None:
    add("## Scores against history")
    add("")
    add("Each side is scored against the historical result, which scores 0 for everyone: above 0 did better "
        "than the real leaders, below 0 did worse.")
    add("")
    if not story.scores:
        add("*This scenario keeps no scores.*")
        add("")
        return
    order = list(COMPONENTS.values())        # the engine's order, whichever side has which component
    names = sorted({n for row in story.scores for n in row.components},
                   key=lambda n: (order.index(n) if n in order else len(order), n))
    add("| Side | Score | " + " | ".join(esc(n.capitalize()) for n in names) + " |")
    add("| --- | ---: | " + " | ".join("---:" for _ in names) + " |")
    for row in story.scores:
        cells = " | ".join(signed(row.components[n]) if n in row.components else "—" for n in names)
        add(f"| {esc(row.seat)} | **{signed(row.total)}** | {cells} |")
    add("")
    for row in story.scores:
        add(f"**{esc(row.seat)}: {signed(row.total)}**, {row.verdict} the historical result.")
        add("")
        for why in row.why:
            add(f"- {esc(why)}")
        add("")


def _section(add, title: str, items: list, empty: str) -> bool:
    """A section's heading; with nothing to list, ``empty`` in italics in place of the list, and False."""
    add(f"## {title}")
    add("")
    if not items:
        add(f"*{empty}*")
        add("")
    return bool(items)


def _key_events(add, story: Story) -> None:
    if not _section(add, "Key events beside history", story.key_events,
                    "None of the war's key events happened in this game."):
        return
    add("| Event | This war | History | This war was |")
    add("| --- | --- | --- | --- |")
    for row in story.key_events:
        add(f"| {esc(row.what)} | {day(row.game) or 'did not happen'} | {esc(row.history_words)} | "
            f"{esc(row.gap) or '—'} |")
    add("")


def _decisions(add, story: Story) -> None:
    if not _section(add, "Decisions taken", story.decisions, "No political decision was taken."):
        return
    for d in story.decisions:
        add(f"- **{day(d.when)}: {esc(d.seat)}, {esc(d.title)}.** Taken by {esc(d.who)}. Why: {esc(d.why)}")
        if d.history:
            add(f"  *In history:* {esc(d.history)}")
    add("")


def _thresholds(add, story: Story) -> None:
    if not _section(add, "Thresholds crossed", story.thresholds, "No track crossed a threshold."):
        return
    for t in story.thresholds:
        verb = "rose to" if t.rising else "fell below"
        whose = f", in {esc(t.turn_of)}'s turn" if t.turn_of else ""
        add(f"- **{day(t.when)}:** {esc(t.track)} {verb} *{esc(t.threshold)}* ({t.value}){whose}. "
            f"What moved it: {esc(t.cause)}")
    add("")


def _declined(add, story: Story) -> None:
    if not story.declined:
        return
    add("## Weighed and declined by the computer")
    add("")
    add("The decisions a computer side could take and chose not to, with the reason it gave most often.")
    add("")
    for r in story.declined:
        span = day(r.first) if r.first == r.last else f"{day(r.first)} to {day(r.last)}"
        later = "; taken later" if r.taken_later else ""
        add(f"- **{esc(r.seat)}: {esc(r.title)}**, declined in {r.times} turn{'s' if r.times != 1 else ''} "
            f"({span}{later}). Its reason: {esc(r.reason)}.")
    add("")


def _debrief(add, story: Story) -> None:
    add("## Debrief")
    add("")
    add("### Questions for discussion")
    add("")
    for k, q in enumerate(story.questions, 1):
        add(f"{k}. {esc(q)}")
    add("")
    if story.goals:
        add("### Learning goals")
        add("")
        for g in story.goals:
            add(f"- {esc(g)}")
        add("")
    if story.ideas:
        add("### Ideas this scenario shows")
        add("")
        add(" · ".join(esc(i) for i in story.ideas))
        add("")

