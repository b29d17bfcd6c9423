"""What a scenario offers a classroom, and the war's key events beside history's (issue 12 §2, §3).

* :func:`pauses_of` and :func:`what_ifs_of` read the scenario's ``classroom`` section (validated with file and line
  by game/scenario/validate_classroom.py): the moments a demonstration stops at, each with its question, and the
  what-ifs a teacher may pose, each a set of policies (game/ai/policy.py) whose forced decisions the log marks as
  the teacher's (:data:`TEACHER_MARK`), and/or events (the scenario's rules) it makes happen at once.
* :class:`PauseWatch` sees in each action's events (and the key events the game dates, game/session/records.py)
  which pauses have come, once each, with what happened, what really happened and the question.
* :func:`divergence` sets this war's key events beside history's dates, with the gap in days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from game.ai.policy import Policy
from game.engine.api import Event, nice

from .policies import parse_policy
from .records import HISTORY, KEY_EVENTS

#: The words that open the log's reason for a decision a teacher's what-if forced (game/ui/log_html.py marks it).
TEACHER_MARK = "The teacher's what-if"

#: The key events of the war, in our words, as the divergence timeline names them.
KEY_EVENT_NAMES = {
    "seoul_falls": "Seoul falls", "pusan_perimeter": "The UN is pushed back into the Pusan perimeter",
    "first_landing": "The first landing from the sea", "seoul_retaken": "Seoul is retaken",
    "un_crosses_38th": "UN troops cross the 38th parallel", "prc_warns": "China warns through India",
    "pyongyang_falls": "Pyongyang falls to the UN", "prc_enters": "China's armies enter the war",
    "soviet_air": "Soviet fighters over the Yalu (MiG Alley)", "seoul_lost_again": "Seoul is lost a second time",
    "front_stabilised": "The front stands still", "talks_open": "Armistice talks open",
    "armistice_signed": "The armistice is signed", "general_war": "General war",
    "nuclear_threat": "A nuclear threat",
}
#: Milestones the game finds from what happens rather than from a tagged rule: what the pause says happened, and
#: what really happened (our words, from assets/history.yaml's timeline).  Their ideas: FOUND_IDEAS.
FOUND_NOTES = {
    "un_crosses_38th": ("UN Command troops stand north of the 38th parallel.",
                        "The ROK 3rd Division crossed on the east coast on 1 October 1950; the first American "
                        "patrols crossed near Kaesong on 7 October, the day the General Assembly passed Resolution "
                        "376, and the main attack north began on 9 October."),
    "talks_open": ("Armistice talks have opened.",
                   "The talks opened at Kaesong on 10 July 1951, after the Soviet delegate at the UN proposed a "
                   "cease-fire in June. They lasted two years."),
    "armistice_signed": ("The armistice is signed: the line of contact becomes the demilitarised zone.",
                         "The armistice was signed at Panmunjom on 27 July 1953. No peace treaty has followed."),
    "general_war": ("The war has spread beyond Korea.",
                    "It never did: both superpowers kept the war limited, at times by keeping secrets."),
}


#: The idea of international relations each found milestone shows (game/engine/politics/model.py IDEAS).
FOUND_IDEAS = {"un_crosses_38th": "collective_security", "talks_open": "limited_war",
               "armistice_signed": "limited_war", "general_war": "escalation_control"}


@dataclass(frozen=True)
class Pause:
    """A moment a demonstration stops at: ``key`` is "milestone", "rule" or "decision", ``name`` which one."""

    key: str
    name: str
    question: str


@dataclass(frozen=True)
class PauseHit:
    """A pause reached: after action ``action`` (a count), on ``date``, with what happened and the question."""

    index: int
    action: int
    date: date
    title: str
    history: str
    question: str
    idea: str = ""


@dataclass(frozen=True)
class WhatIf:
    """A what-if the scenario offers: its title, the policies that pose it (with their texts), a note, and the
    events (rule ids) it makes happen at once when posed (``injects``)."""

    title: str
    policies: tuple[Policy, ...]
    note: str = ""
    injects: tuple[str, ...] = ()

    @property
    def seats(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.text.partition(".")[0] for p in self.policies))


def pause_title(scenario, pause: Pause) -> str:
    """A pause's moment as a teacher reads it: the key event's name, the decision's title, or the first sentence of
    the rule's text (never an id)."""
    if pause.key == "milestone":
        return KEY_EVENT_NAMES.get(pause.name, nice(pause.name))
    pol = scenario.config.politics
    if pause.key == "decision":
        d = pol.decisions.get(pause.name) if pol else None
        return d.title if d is not None else nice(pause.name)
    rule = next((r for r in pol.rules if r.id == pause.name), None) if pol else None
    text = " ".join((rule.text if rule is not None else "").split())
    cut = text.find(". ")
    return (text[:cut] if cut >= 0 else text.rstrip(".")) or nice(pause.name)


def policy_words(scenario, policy: Policy) -> str:
    """A what-if's policy as a teacher reads it: "forces 'Cross the 38th parallel'", "forbids '...'"."""
    d = scenario.config.politics.decisions.get(policy.decision) if scenario.config.politics else None
    title = d.title if d is not None else nice(policy.decision)
    verb = {"always": "forces", "never": "forbids"}.get(policy.rule, "governs")
    return f"{verb} '{title}'"


def classroom_data(scenario) -> dict:
    """The scenario's ``classroom`` section as validated data ({} when it has none)."""
    data = dict(scenario.config.extra).get("classroom")
    return data if isinstance(data, dict) else {}


def pauses_of(scenario) -> list[Pause]:
    out = []
    for p in classroom_data(scenario).get("pauses") or []:
        key = next((k for k in ("milestone", "rule", "decision") if p.get(k)), None)
        if key is not None:
            out.append(Pause(key, p[key], p.get("question", "")))
    return out


def what_ifs_of(scenario) -> list[WhatIf]:
    """The scenario's what-ifs, their policies parsed (validation has held them to the scenario)."""
    out = []
    for w in classroom_data(scenario).get("what_ifs") or []:
        title = w["title"]
        said = f"{TEACHER_MARK} '{title}'"
        policies = []
        for text in w.get("policies") or []:
            p = parse_policy(scenario, text)
            policies.append(Policy(p.decision, p.rule, p.since, p.condition, p.text,
                                   f"{said} ({policy_words(scenario, p)})."))
        out.append(WhatIf(title, tuple(policies), w.get("note") or "", tuple(w.get("inject") or ())))
    return out


class PauseWatch:
    """Which of ``pauses`` the game has reached: each comes once, the first time its moment does."""

    def __init__(self, pauses: list[Pause]):
        self.pauses = list(pauses)
        self.hits: list[PauseHit] = []

    def done(self, index: int) -> bool:
        return any(h.index == index for h in self.hits)

    def seen(self, events: list[Event], action: int, new_keys: dict[str, str] | None = None) -> list[PauseHit]:
        """The pauses ``events`` (those of action number ``action``, a count) and the newly dated key events
        (``new_keys``: key -> ISO date) reach; they are remembered."""
        found: list[PauseHit] = []
        for e in events:
            for k, p in enumerate(self.pauses):
                if self.done(k) or any(h.index == k for h in found) or not _matches(p, e):
                    continue
                found.append(PauseHit(k, action, e.date, e.text, str(e.data.get("history") or ""), p.question,
                                      str(e.data.get("idea") or "")))
        for key, when in (new_keys or {}).items():
            for k, p in enumerate(self.pauses):
                if p.key == "milestone" and p.name == key and not self.done(k) and all(h.index != k for h in found):
                    said, history = FOUND_NOTES.get(key, (KEY_EVENT_NAMES.get(key, key) + ".", ""))
                    found.append(PauseHit(k, action, date.fromisoformat(when), said, history, p.question,
                                          FOUND_IDEAS.get(key, "")))
        self.hits.extend(found)
        return found

    def upto(self, action: int) -> None:
        """Forget the pauses reached after ``action`` actions (a branch from there meets them again)."""
        self.hits = [h for h in self.hits if h.action <= action]


def _matches(pause: Pause, e: Event) -> bool:
    if pause.key == "milestone":
        return e.data.get("milestone") == pause.name
    if pause.key == "rule":
        return e.kind == "RuleFired" and e.data.get("rule") == pause.name
    return e.kind == "DecisionTaken" and e.data.get("decision") == pause.name


@dataclass(frozen=True)
class Divergence:
    """One key event: its name, this war's date (None: not yet, or never), history's (None: never), the gap."""

    key: str
    name: str
    game: date | None
    history: date | None

    @property
    def gap_days(self) -> int | None:
        return (self.game - self.history).days if self.game and self.history else None

    def gap_words(self, over: bool) -> str:
        """The gap in words: '12 days later', '3 days earlier', 'the same day', 'not yet', 'never in history'."""
        if self.game is None:
            if self.history is None:
                return "did not happen, as in history"
            return "did not happen" if over else "not yet"
        if self.history is None:
            return "never happened in history"
        gap = self.gap_days
        if gap == 0:
            return "the same day"
        unit = "day" if abs(gap) == 1 else "days"
        return f"{abs(gap)} {unit} {'later' if gap > 0 else 'earlier'}"


def divergence(dates: dict[str, str], first: date, last: date, until: date | None = None) -> list[Divergence]:
    """This war's key events (``dates``: key -> ISO date, as game/session/records.py dates them) beside history's,
    in history's order: every event of the game, and every event history dates between ``first`` and ``last``
    (the scenario's span).  ``until``: leave out this war's events after that date (looking back)."""
    out = []
    for key in KEY_EVENTS:
        if key == "lowest_ebb":
            continue                      # a statistic of a whole run, not an event a class watches for
        when = date.fromisoformat(dates[key]) if key in dates else None
        if when is not None and until is not None and when > until:
            when = None
        hist = None if HISTORY[key] == "never" else date.fromisoformat(HISTORY[key])
        if when is None and (hist is None or not first <= hist <= last):
            continue
        out.append(Divergence(key, KEY_EVENT_NAMES.get(key, key), when, hist))
    return out
