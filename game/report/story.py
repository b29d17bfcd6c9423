"""What the after-action report says, as plain data: both documents (Markdown, PDF) print this.

Contract: :func:`tell(chronicle, title, teaching)` returns a :class:`Story`: who played each seat, the
outcome, every seat's score against history (0) with its reasons, the key events of this war beside
history's dates, the decisions taken (who took each: a player, the computer, or the rules; and why: the
computer's own words from the record, the rule that forced it), the thresholds the tracks crossed (what
moved them, in whose turn), the decisions the computer weighed and declined (its reasons), and the debrief
(the scenario's teaching notes: questions, learning goals, ideas).  It reads only the chronicle and its
arguments, and no clock: the same save tells the same story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from game.engine.api import INJECTED, nice, points
from game.session.match import HUMAN, TAKEN_OVER
from game.session.records import HISTORY, KEY_EVENTS

from .series import Chronicle
from .words import COMPONENTS, KEY_EVENT_WORDS, day, gap_words, outcome_text, who_played

#: Key events a study reads off the position rather than an event (the lowest ebb, a front standing still): worth
#: a row only beside history's date, since a short scenario's first turn is always its "lowest ebb" so far.
DERIVED = ("lowest_ebb", "front_stabilised", "pusan_perimeter")
#: Debrief questions for a scenario whose file has none (our words; any game of this war can answer them).
FALLBACK_QUESTIONS = (
    "Compare the line where your war ended with the real armistice line of 1953: who gained ground, and at "
    "what cost in losses?",
    "Which decision moved the political tracks the most? Would the real leaders have taken it, and why?",
    "When was the war closest to spreading beyond Korea, and what pulled it back?",
)


@dataclass(frozen=True)
class ScoreRow:
    seat: str
    total: float
    components: dict[str, float]
    why: tuple[str, ...]

    @property
    def verdict(self) -> str:
        return "better than" if self.total > 0.05 else "worse than" if self.total < -0.05 else "the same as"


@dataclass(frozen=True)
class KeyEventRow:
    what: str
    game: date | None
    history: date | None
    #: history's date when it falls outside this scenario's dates (a tutorial brings the talks forward): said,
    #: not set beside this war's
    beyond: date | None = None

    @property
    def history_words(self) -> str:
        """History's date in words: the day, "(outside this scenario's dates)" after one beyond them, or "—"."""
        if self.history is not None:
            return day(self.history)
        return f"{day(self.beyond)} (outside this scenario's dates)" if self.beyond else "—"

    @property
    def gap(self) -> str:
        if self.game is None or self.history is None:
            return ""
        return gap_words((self.game - self.history).days)


@dataclass(frozen=True)
class DecisionRow:
    when: date
    seat: str
    title: str
    who: str
    why: str
    history: str = ""


@dataclass(frozen=True)
class ThresholdRow:
    when: date
    track: str
    threshold: str
    value: int
    rising: bool
    cause: str
    #: whose turn it was (the seat whose action set it off), or "" at the game's start
    turn_of: str = ""


@dataclass(frozen=True)
class DeclinedRow:
    seat: str
    title: str
    times: int
    first: date
    last: date
    reason: str
    taken_later: bool


@dataclass
class Story:
    title: str
    scenario_id: str
    first: date
    last: date
    turn: int
    outcome: str
    players: list[tuple[str, str]]
    scores: list[ScoreRow]
    key_events: list[KeyEventRow]
    decisions: list[DecisionRow]
    thresholds: list[ThresholdRow]
    declined: list[DeclinedRow]
    questions: list[str]
    goals: list[str] = field(default_factory=list)
    ideas: list[str] = field(default_factory=list)
    #: a few sentences of the war in numbers (losses, ground, the tracks' peaks)
    facts: list[str] = field(default_factory=list)
    seed: int = 0
    actions: int = 0
    checksum: str = ""


def tell(ch: Chronicle, title: str = "", teaching: dict | None = None) -> Story:
    """The report's words for the chronicle ``ch`` (see the module's contract)."""
    config = ch.config
    teaching = teaching or {}
    questions = [str(q) for q in teaching.get("questions") or ()] or list(FALLBACK_QUESTIONS)
    final = ch.final
    return Story(
        title=title or config.title, scenario_id=ch.scenario_id, first=ch.first_date or final.date,
        last=final.date, turn=final.turn, outcome=outcome_text(final.outcome),
        players=[(s.name, _players(ch, s.id)) for s in config.seats],
        scores=_scores(ch), key_events=_key_events(ch), decisions=_decisions(ch), thresholds=_thresholds(ch),
        declined=_declined(ch), questions=questions, facts=_facts(ch),
        goals=[str(g) for g in teaching.get("learning_goals") or ()],
        ideas=[str(i) for i in teaching.get("ideas") or ()], seed=ch.seed, actions=len(ch.actions),
        checksum=ch.checksum)


def _scores(ch: Chronicle) -> list[ScoreRow]:
    got = ch.final.scores
    rows = []
    for seat in ch.config.seats:
        s = got.get(seat.id)
        if s is None:
            continue
        comps = {COMPONENTS.get(k, k): float(v) for k, v in s["components"].items()}
        rows.append(ScoreRow(seat.name, float(s["total"]), comps, tuple(s["why"])))
    return rows


def _facts(ch: Chronicle) -> list[str]:
    """The war in numbers: the steps each side lost, the ground each bloc held at the start and the end, the
    highest point of each public track with thresholds, and the events a teacher made happen."""
    out = []
    last, first = ch.samples[-1], ch.samples[0]
    lost = [f"{s.name} {last.steps_lost.get(s.id, 0)}" for s in ch.config.seats]
    out.append("Steps lost: " + ", ".join(lost) + ".")
    words = {"un": "the UN side", "communist": "the communist side"}
    total = max(1, ch.korea_land)
    held = [f"{words.get(b, b)} {round(100 * last.ground.get(b, 0) / total)}% "
            f"({round(100 * first.ground.get(b, 0) / total)}% at the start)" for b in ch.config.blocs]
    out.append("Korea held at the end: " + ", ".join(held) + ".")
    pol = ch.config.politics
    peaks = []
    for name, spec in (pol.tracks.items() if pol else ()):
        pts = ch.track_points.get(name)
        if not pts or not spec.thresholds or name == "talks":
            continue
        when, top = max(pts, key=lambda p: (p[1], -p[0].toordinal()))
        peaks.append(f"{spec.label} {points(top)} ({when.day} {when:%b %Y})")
    if peaks:
        out.append("Highest points: " + ", ".join(peaks) + ".")
    posed = _teachers_what_ifs(ch)
    if posed:
        out.append("The teacher's what-ifs: " + "; ".join(posed) + ".")
    injected = [f"{_first_sentence(e.text).rstrip('.')} ({e.date.day} {e.date:%b %Y})" for _n, e in ch.notable
                if e.kind == "RuleFired" and e.data.get("injected")]
    if injected:
        # A classroom's what-if (issue 12 §2): history did not bring these, the teacher did.
        out.append("The teacher made these happen: " + "; ".join(injected) + ".")
    return out


def _periods(ch: Chronicle, entries) -> list[tuple[str, str, str | None]]:
    """(title, from, to or None) of each stretch the teacher's ``entries`` (actions, title, on?) were on."""
    def on(n: int) -> str:
        d = ch.acts[n][2] if 0 <= n < len(ch.acts) else ch.final.date
        return f"{d.day} {d:%b %Y}"
    out: list[list] = []
    standing: dict[str, int] = {}
    for n, title, posed in entries:
        if posed and title not in standing:
            standing[title] = len(out)
            out.append([title, on(n), None])
        elif not posed and title in standing:
            out[standing.pop(title)][2] = on(n)
    return [tuple(p) for p in out]


def _players(ch: Chronicle, seat: str) -> str:
    """Who played ``seat``: its controller at the end, and the stretches a person took it over in a classroom (a
    teacher's report said the computer had played every side, with a student's turns in it)."""
    controller = ch.seats.get(seat, HUMAN)
    people = _periods(ch, [t for t in ch.teacher if t[1] == TAKEN_OVER + seat])
    if not people or controller == HUMAN:
        return who_played(controller)
    spans = ", ".join(f"from {a} to {b}" if b else f"from {a}" for _, a, b in people)
    return f"{who_played(controller)}; a person {spans}"


def _teachers_what_ifs(ch: Chronicle) -> list[str]:
    """Each what-if a classroom's teacher posed, in order: its title, when it was posed and when withdrawn."""
    entries = [t for t in ch.teacher if not str(t[1]).startswith(TAKEN_OVER)]
    return [f"'{title}' from {a}" + (f" to {b}" if b else "") for title, a, b in _periods(ch, entries)]


def _key_events(ch: Chronicle) -> list[KeyEventRow]:
    """This war's key events and history's, in the order of the war; history's only where its date falls within
    the scenario's calendar (a tutorial of October 1950 is not late for the armistice of 1953)."""
    rows = []
    first, end = ch.first_date or ch.final.date, ch.calendar_end or ch.final.date
    for key in KEY_EVENTS:
        mine = date.fromisoformat(ch.key_events[key]) if key in ch.key_events else None
        raw = HISTORY.get(key, "never")
        real = date.fromisoformat(raw) if raw != "never" else None
        beyond = None
        if real is not None and not first <= real <= end:
            real, beyond = None, real
        if real is None and (mine is None or key in DERIVED):
            continue
        rows.append(KeyEventRow(KEY_EVENT_WORDS.get(key, nice(key)), mine, real, beyond))
    return rows


def _seat_name(ch: Chronicle, seat: str | None) -> str:
    if seat is None:
        return ""
    try:
        return ch.config.seat(seat).name
    except KeyError:
        return seat


def _first_sentence(text: str) -> str:
    text = " ".join(str(text).split())
    cut = text.find(". ")
    return text if cut < 0 else text[:cut + 1]


def _decisions(ch: Chronicle) -> list[DecisionRow]:
    pol = ch.config.politics
    if pol is None:
        return []
    rows = []
    last_rule: tuple[int, str, bool] | None = None
    for n, e in ch.notable:
        if e.kind == "RuleFired" and e.data.get("rule"):
            last_rule = (n, _first_sentence(e.text), bool(e.data.get("injected")))
            continue
        if e.kind != "DecisionTaken":
            continue
        d = pol.decisions.get(e.data.get("decision"))
        if d is None:
            continue
        seat = _seat_name(ch, d.seat)
        if e.data.get("forced"):
            rule = last_rule[1] if last_rule is not None and last_rule[0] == n else ""
            if rule and last_rule[2]:
                who = "the teacher's what-if, which forced it"
                why = f"The teacher made this happen: {rule}"
            else:
                who = "the scenario's rules, which forced it"
                why = f"The rules made it happen: {rule}" if rule else "The rules made it happen."
        else:
            controller = ch.seats.get(d.seat, "human")
            who = who_played(controller)
            reason = ch.reasons.get(n, "") if n >= 0 else ""
            if reason:
                # The computer names the decision first ("TITLE: worth it for UN cohesion +12.";
                # game/ai/political.py): the row names it already.
                why = reason[len(d.title) + 1:].strip() if reason.startswith(d.title + ":") else reason
                why = why[:1].upper() + why[1:]
            elif controller == "human":
                why = "The player's choice (a person's reasons are not recorded; ask them)."
            else:
                why = "The computer gave no reason."
        rows.append(DecisionRow(e.date, seat, d.title, who, why, " ".join(d.history.split())))
    return rows


def _cause(ch: Chronicle, n: int, source: str, rules: dict) -> str:
    """What moved a track, in words: a decision (and whose), or a rule (its first sentence, or its name)."""
    pol = ch.config.politics
    if source.startswith(INJECTED):
        rule = rules.get(source[len(INJECTED):])
        what = _first_sentence(rule.text) if rule is not None and rule.text else nice(source[len(INJECTED):])
        return f"the teacher's what-if made it happen: {what}"
    if source.startswith("decision:"):
        d = pol.decisions.get(source.split(":", 1)[1]) if pol else None
        if d is not None:
            return f"{_seat_name(ch, d.seat)} decided: {d.title}"
    rule = rules.get(source)
    if rule is not None and rule.text:
        return _first_sentence(rule.text)
    return f"the scenario's rule '{nice(source)}'" if source else "the scenario's rules"


def _thresholds(ch: Chronicle) -> list[ThresholdRow]:
    pol = ch.config.politics
    if pol is None:
        return []
    rules = {r.id: r for r in pol.rules}
    rows = []
    for n, e in ch.notable:
        if e.kind != "TrackChanged":
            continue
        spec = pol.tracks.get(e.data.get("track"))
        if spec is None or not spec.public or not spec.thresholds:
            continue
        new = float(e.data["value"])
        old = new - float(e.data.get("change", 0.0))
        for name, at in spec.thresholds:
            up = old < at <= new
            down = new < at <= old
            if up or down:
                cause = _cause(ch, n, str(e.data.get("source") or ""), rules)
                turn_of = _seat_name(ch, ch.acts[n][0]) if 0 <= n < len(ch.acts) else ""
                rows.append(ThresholdRow(e.date, spec.label, nice(name), points(at), up, cause, turn_of))
    return rows


def _declined(ch: Chronicle) -> list[DeclinedRow]:
    """What the computer weighed and did not take, grouped by seat and decision: how often, from when to
    when, and its commonest reason.  The words are those game/ai/political.py writes ("Not taking 'TITLE':
    REASON."), read by the decision titles the scenario knows (a title may hold an apostrophe)."""
    pol = ch.config.politics
    if pol is None or not ch.reasons:
        return []
    taken = {(d.seat, d.title) for d in _decisions(ch)}
    seat_of_action = ch.acts
    titles = {s.id: sorted({d.title for d in pol.decisions.values() if d.seat == s.id}, key=len, reverse=True)
              for s in ch.config.seats}
    seen: dict[tuple[str, str], list[tuple[date, int, str]]] = {}
    for n in sorted(ch.reasons):
        text = ch.reasons[n]
        if "Not taking '" not in text or n >= len(seat_of_action):
            continue
        seat, turn, when = seat_of_action[n]
        for part in text.split("Not taking '")[1:]:
            title = next((t for t in titles.get(seat, ()) if part.startswith(t + "'")), None)
            if title is None:
                continue
            reason = part[len(title) + 1:].lstrip(":").strip()
            cut = reason.find(". ")       # the next sentence is not this decision's
            reason = reason[:cut + 1] if cut >= 0 else reason
            seen.setdefault((seat, title), []).append((when, turn, reason.rstrip(".").strip()))
    rows = []
    for (seat, title), items in seen.items():
        turns = {t for _w, t, _r in items}
        counts = Counter(r for _w, _t, r in items)
        best = max(counts.values())
        reason = next(r for _w, _t, r in items if counts[r] == best)      # the commonest, the first if tied
        name = _seat_name(ch, seat)
        rows.append(DeclinedRow(name, title, len(turns), items[0][0], items[-1][0], reason,
                                (name, title) in taken))
    rows.sort(key=lambda r: (r.first, r.seat, r.title))
    return rows


