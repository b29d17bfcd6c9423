"""The after-action report as one printable PDF (A4), drawn with matplotlib's PdfPages: no other dependency.

Contract: :func:`write_pdf(path, story, chronicle, charts, map_png)` writes ``path`` and returns its number of
pages, in this order: a title page (the game, who played, the outcome, each side's score against history as bars,
the war in numbers); pages of text that flow on as needed (the scores' reasons, the key events beside history, the
decisions with who took them and why, the thresholds crossed, what the computer declined); the charts, two to a
page, each with its caption; the final map (``map_png``, a PNG file; no page when None); the debrief (each
question with ruled lines for an answer, the learning goals, the ideas). The document carries no creation date, so
the same save gives the same pages. Text is wrapped by a width in characters measured for the font (DejaVu Sans,
which matplotlib ships).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from .charts import DRAW_LOCK, PRINT, draw_chart, new_figure
from .markdown import day, signed
from .series import Chronicle
from .story import Story

A4 = (8.27, 11.69)
MARGIN = 0.75          # inches
#: Each kind of line: (size in points, weight, style, colour, indent in inches, space before in lines).
STYLES = {
    "h1": (20, "bold", "normal", PRINT.ink, 0.0, 0.0),
    "h2": (13.5, "bold", "normal", PRINT.ink, 0.0, 0.9),
    "h3": (10.5, "bold", "normal", PRINT.ink, 0.0, 0.5),
    "body": (9.5, "normal", "normal", PRINT.ink, 0.0, 0.25),
    "bullet": (9.5, "normal", "normal", PRINT.ink, 0.18, 0.15),
    "note": (8.5, "normal", "italic", PRINT.muted, 0.18, 0.0),
    "question": (10.5, "normal", "normal", PRINT.ink, 0.28, 0.6),
    "small": (8.5, "normal", "italic", PRINT.muted, 0.0, 0.25),
}
#: The average advance of a character of DejaVu Sans, in ems (bold is wider): how many fit on a line.
EM = {"normal": 0.56, "bold": 0.62}


def _line(fig, y_in: float):
    """A thin grey rule across the text column at ``y_in`` inches from the bottom."""
    from matplotlib.lines import Line2D
    x0, x1 = (MARGIN + 0.28) / A4[0], 1 - MARGIN / A4[0]
    return Line2D([x0, x1], [y_in / A4[1]] * 2, transform=fig.transFigure, color=PRINT.grid, linewidth=0.7)


def _chars(size: float, weight: str, indent: float) -> int:
    """How many characters of the font at ``size`` points fit between the margins, less ``indent`` inches."""
    return max(20, int((A4[0] - 2 * MARGIN - indent) * 72.0 / (size * EM[weight])))


class _Flow:
    """Lines of text poured down A4 pages, a new page when one is full."""

    def __init__(self, pdf, header: str):
        self.pdf = pdf
        self.header = header
        self.fig = None
        self.y = 0.0
        self.pages = 0

    def _new(self) -> None:
        self.flush()
        self.fig = new_figure(*A4, PRINT)
        self.y = A4[1] - MARGIN
        self.fig.text(MARGIN / A4[0], 1 - 0.45 / A4[1], self.header, fontsize=7.5, color=PRINT.muted)

    def flush(self) -> None:
        if self.fig is not None:
            self.pdf.savefig(self.fig)
            self.pages += 1
            self.fig = None

    def rules(self, n: int) -> None:
        """``n`` light ruled lines to write on (a handout's room for a student's answer)."""
        step = 0.3
        if self.fig is None or self.y - n * step < MARGIN:
            self._new()
        for _ in range(n):
            self.y -= step
            self.fig.add_artist(_line(self.fig, self.y))

    def add(self, kind: str, text: str, bullet: str = "") -> None:
        size, weight, style, colour, indent, before = STYLES[kind]
        step = size * 1.38 / 72.0
        chars = _chars(size, weight, indent)
        lines = textwrap.wrap(" ".join(str(text).split()), chars) or [""]
        # A heading keeps three lines of what follows on its page; a paragraph its first three lines.
        need = step * (len(lines) + (3 * 9.5 / size if kind.startswith("h") else 0)) if kind.startswith("h") \
            else step * min(len(lines), 3)
        if self.fig is None or self.y - before * step - need < MARGIN:
            self._new()
        elif self.y < A4[1] - MARGIN:
            self.y -= before * step
        for k, line in enumerate(lines):
            if self.y - step < MARGIN:
                self._new()
            self.y -= step
            x = MARGIN + indent
            if bullet and k == 0:
                self.fig.text((x - indent) / A4[0], self.y / A4[1], bullet, fontsize=size, color=colour)
            self.fig.text(x / A4[0], self.y / A4[1], line, fontsize=size, fontweight=weight, fontstyle=style,
                          color=colour)


def write_pdf(path: Path, story: Story, ch: Chronicle, charts: list, map_png: Path | None) -> int:
    """Write the report's PDF (see the module's contract); returns its number of pages."""
    from matplotlib.backends.backend_pdf import PdfPages
    header = f"After-action report: {story.title}, {day(story.first)} to {day(story.last)}"
    with DRAW_LOCK, PdfPages(str(path),
                         metadata={"Title": f"After-action report: {story.title}", "Creator": "Armistice",
                                   "Producer": None, "CreationDate": None}) as pdf:
        pages = _title_page(pdf, story)
        flow = _Flow(pdf, header)
        _text(flow, story)
        flow.flush()
        pages += flow.pages
        for k in range(0, len(charts), 2):
            pages += _chart_page(pdf, ch, charts[k:k + 2], header)
        if map_png is not None:
            pages += _map_page(pdf, story, Path(map_png), header)
        flow = _Flow(pdf, header)
        _debrief(flow, story)
        flow.flush()
        pages += flow.pages
    return pages


def _title_page(pdf, story: Story) -> int:
    fig = new_figure(*A4, PRINT)
    W, H = A4

    def text(y_in: float, words: str, size: float, **kw) -> None:
        fig.text(MARGIN / W, y_in / H, words, fontsize=size, color=kw.pop("color", PRINT.ink), **kw)
    text(H - 1.3, "After-action report", 26, fontweight="bold")
    for k, line in enumerate(textwrap.wrap(story.title, 46)):
        text(H - 1.85 - 0.32 * k, line, 17)
    y = H - 2.45 - 0.32 * max(0, len(textwrap.wrap(story.title, 46)) - 1)
    text(y, f"Scenario {story.scenario_id}: {day(story.first)} to {day(story.last)}, turn {story.turn}", 10.5,
         color=PRINT.muted)
    y -= 0.5
    for k, line in enumerate(textwrap.wrap(story.outcome, 60)):
        text(y - 0.3 * k, line, 14, fontweight="bold")
    y -= 0.3 * len(textwrap.wrap(story.outcome, 60)) + 0.3
    text(y, "Who played", 11, fontweight="bold")
    for seat, who in story.players:
        y -= 0.24
        text(y, f"{seat}: {who}", 10)
    if story.scores:
        y -= 0.5
        text(y, "Scores against history (the real result scores 0 for every side)", 11, fontweight="bold")
        n = len(story.scores)
        height = 0.45 * n + 0.6
        ax = fig.add_axes((MARGIN / W + 0.18, (y - 0.25 - height) / H, 1 - 2 * MARGIN / W - 0.3, height / H))
        names = [r.seat for r in story.scores][::-1]
        totals = [r.total for r in story.scores][::-1]
        colours = [PRINT.third if t >= 0 else PRINT.communist for t in totals]
        ax.barh(names, totals, color=colours, height=0.55)
        span = max(10.0, max(abs(t) for t in totals) * 1.5)     # room for the values beside the bars
        ax.set_xlim(-span, span)
        ax.axvline(0, color=PRINT.ink, linewidth=1.2)
        for k, t in enumerate(totals):
            ax.text(t + (span * 0.02 if t >= 0 else -span * 0.02), k, signed(t), va="center",
                    ha="left" if t >= 0 else "right", fontsize=10, fontweight="bold", color=PRINT.ink)
        ax.set_xlabel("worse than history  ←  0  →  better than history", fontsize=9, color=PRINT.ink)
        ax.tick_params(labelsize=9.5, colors=PRINT.ink)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        y -= 0.25 + height + 0.75
    text(y, "At the end", 11, fontweight="bold")
    for fact in story.facts:
        for k, line in enumerate(textwrap.wrap(fact, _chars(10, "normal", 0.0))):
            y -= 0.24 if k == 0 else 0.19
            text(y, ("" if k == 0 else "    ") + line, 10)
    fig.text(MARGIN / W, 0.6 / H, f"Made from the save's record of {story.actions:,} actions, replayed (seed "
             f"{story.seed}); the same save always gives this report.", fontsize=8, color=PRINT.muted)
    pdf.savefig(fig)
    return 1


def _text(flow: _Flow, story: Story) -> None:
    flow.add("h2", "Outcome")
    flow.add("body", f"{story.outcome} The game ended on {day(story.last)}, turn {story.turn}.")
    flow.add("h2", "Scores against history")
    flow.add("body", "Each side is scored against the historical result, which scores 0 for everyone: above 0 did "
                     "better than the real leaders, below 0 did worse.")
    for row in story.scores:
        flow.add("h3", f"{row.seat}: {signed(row.total)}, {row.verdict} the historical result")
        flow.add("body", " · ".join(f"{k} {signed(v)}" for k, v in row.components.items()))
        for why in row.why:
            flow.add("bullet", why, "•")
    flow.add("h2", "Key events beside history")
    if not story.key_events:
        flow.add("body", "None of the war's key events happened in this game.")
    for r in story.key_events:
        gap = f" ({r.gap})" if r.gap else ""
        flow.add("bullet", f"{r.what}: this war {day(r.game) or 'did not happen'}; history "
                           f"{r.history_words}{gap}", "•")
    flow.add("h2", "Decisions taken")
    if not story.decisions:
        flow.add("body", "No political decision was taken.")
    for d in story.decisions:
        flow.add("bullet", f"{day(d.when)}: {d.seat}, {d.title}. Taken by {d.who}. Why: {d.why}", "•")
        if d.history:
            flow.add("note", f"In history: {d.history}")
    flow.add("h2", "Thresholds crossed")
    if not story.thresholds:
        flow.add("body", "No track crossed a threshold.")
    for t in story.thresholds:
        whose = f", in {t.turn_of}'s turn" if t.turn_of else ""
        flow.add("bullet", f"{day(t.when)}: {t.track} {'rose to' if t.rising else 'fell below'} {t.threshold} "
                           f"({t.value}){whose}. What moved it: {t.cause}", "•")
    if story.declined:
        flow.add("h2", "Weighed and declined by the computer")
        for r in story.declined:
            span = day(r.first) if r.first == r.last else f"{day(r.first)} to {day(r.last)}"
            later = "; taken later" if r.taken_later else ""
            flow.add("bullet", f"{r.seat}: {r.title}, declined in {r.times} turn{'s' if r.times != 1 else ''} "
                               f"({span}{later}). Its reason: {r.reason}.", "•")


def _chart_page(pdf, ch: Chronicle, pair: list, header: str) -> int:
    fig = new_figure(*A4, PRINT)
    W, H = A4
    fig.text(MARGIN / W, 1 - 0.45 / H, header, fontsize=7.5, color=PRINT.muted)
    slot = (H - 2 * MARGIN) / 2
    for k, (chart, _name) in enumerate(pair):
        top = H - MARGIN - k * slot
        ax = fig.add_axes((MARGIN / W + 0.07, (top - slot + 1.55) / H, 1 - 2 * MARGIN / W - 0.14, (slot - 2.0) / H))
        draw_chart(ax, chart, ch, PRINT)
        for j, line in enumerate(textwrap.wrap(chart.caption, 100)):
            fig.text(MARGIN / W, (top - slot + 0.4 - 0.17 * j) / H, line, fontsize=8.5, fontstyle="italic",
                     color=PRINT.muted)
    pdf.savefig(fig)
    return 1


def _map_page(pdf, story: Story, png: Path, header: str) -> int:
    import matplotlib.image as mpimg
    fig = new_figure(*A4, PRINT)
    W, H = A4
    fig.text(MARGIN / W, 1 - 0.45 / H, header, fontsize=7.5, color=PRINT.muted)
    img = mpimg.imread(str(png))
    h, w = img.shape[:2]
    box_w = W - 2 * MARGIN
    box_h = box_w * h / w
    ax = fig.add_axes((MARGIN / W, (H - MARGIN - box_h) / H, box_w / W, box_h / H))
    ax.imshow(img, interpolation="lanczos")
    ax.set_axis_off()
    caption = (f"The ground each side held on {day(story.last)}, this war's DMZ (or, without an armistice, its line "
               "of contact) beside the real armistice line of 27 July 1953 and the 38th parallel.")
    for j, line in enumerate(textwrap.wrap(caption, 100)):
        fig.text(MARGIN / W, (H - MARGIN - box_h - 0.3 - 0.17 * j) / H, line, fontsize=8.5, fontstyle="italic",
                 color=PRINT.muted)
    pdf.savefig(fig)
    return 1


def _debrief(flow: _Flow, story: Story) -> None:
    flow.add("h1", "Debrief")
    flow.add("h2", "Questions for discussion")
    for k, q in enumerate(story.questions, 1):
        flow.add("question", q, f"{k}.")
        flow.rules(3)
    if story.goals:
        flow.add("h2", "Learning goals")
        for g in story.goals:
            flow.add("bullet", g, "•")
    if story.ideas:
        flow.add("h2", "Ideas this scenario shows")
        flow.add("body", " · ".join(story.ideas))
