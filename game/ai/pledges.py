"""Pledges and mandates: the computer keeps its word, and waits a little for its mandate.

Some of a scenario's rules are tied to a seat's own decisions.  A *pledge* rule fires only while a flag that one
of the seat's decisions set still holds ("UN troops push on beyond the narrow neck after all", after 'Halt at the
narrow neck'); a *mandate* rule fires only while a flag that one of its decisions would set is missing ("UN troops
cross the parallel with no General Assembly mandate", before 'Seek a General Assembly resolution').  Their cost is
one the seat chooses, not a fortune of war, so a commander weighs it before the move, not after.

Contract: ``Promises.hold_back(obs, action)`` plays a movement order on the seat's sandbox (its own fogged copy
of the position: no hidden unit is read) and returns a reason for a player if the order would fire a tied rule
whose track changes cost the seat (by its personality's weights), else None.  A pledge holds for good, if the
seat keeps it: every pledge for a personality that ``keeps_pledges`` (a cautious one), else only those of the
decisions in ``kept`` (a what-if policy made the seat take them: "what if the UN had stopped at the neck" means
it stays there); a seat that does not keep a pledge pushes on when the war demands and pays for it.  A mandate
holds a move back for MANDATE_WAIT turns at most (time for the decision to open and be taken), after which the
seat goes on without it; none is held back when the game ends before the wait would.  Rules are found from the
scenario's data (decisions' ``set_flag`` effects and the flags in rules' conditions), never by name; a tied rule
with no text (no RuleFired event) is not seen.
"""

from __future__ import annotations

from game.engine.api import Observation, step

from .profiles import Personality

#: Turns a seat holds a move back for a mandate it has not got (the decision may take a turn to open).
MANDATE_WAIT = 2


def _flags(cond, positive: bool = True):
    """(flag name, whether the condition wants it set) for every flag a condition tests."""
    if cond is None:
        return
    key = getattr(cond, "KEY", "")
    if key == "flag":
        yield cond.name, positive
    elif key == "not":
        yield from _flags(cond.part, not positive)
    elif key in ("all", "any"):
        for part in cond.parts:
            yield from _flags(part, positive)


def tied_rules(obs: Observation) -> dict[str, tuple[str, str]]:
    """rule id -> ("pledge" | "mandate", the id of the seat's decision it is tied to), from the scenario."""
    pol = obs.config.politics
    if pol is None:
        return {}
    own: dict[str, str] = {}
    for d in pol.decisions.values():
        if d.seat == obs.seat:
            for eff in d.effects:
                if getattr(eff, "KEY", "") == "set_flag":
                    own.setdefault(eff.name, d.id)
    out: dict[str, tuple[str, str]] = {}
    for rule in pol.rules:
        if "after_action" not in rule.check:
            continue
        for name, positive in _flags(rule.when):
            if name in own:
                out[rule.id] = ("pledge" if positive else "mandate", own[name])
                break
    return out


def _title(obs: Observation, decision_id: str) -> str:
    d = obs.config.politics.decisions.get(decision_id)
    return d.title if d is not None else decision_id


class Promises:
    """The seat's tied rules and how long it has waited for each mandate (saved with the agent's memory)."""

    def __init__(self, keep_all: bool = False) -> None:
        self.waited: dict[str, int] = {}
        self.keep_all = keep_all
        #: decisions whose pledges are kept whatever the personality (those a what-if policy forces)
        self.kept: set[str] = set()
        self._tied: dict[str, tuple[str, str]] | None = None

    def _live(self, obs: Observation) -> dict[str, tuple[str, str]]:
        """The tied rules that can fire now: a pledge once its decision is taken, a mandate until it is and
        while the wait lasts."""
        if self._tied is None:
            self._tied = tied_rules(obs)
        live = {}
        for rule, (kind, decision) in self._tied.items():
            taken = obs.decision_date(decision) is not None
            if kind == "pledge" and taken and (self.keep_all or decision in self.kept):
                live[rule] = (kind, decision)
            elif kind == "mandate" and not taken and obs.turn - self.waited.get(rule, obs.turn) < MANDATE_WAIT \
                    and obs.last_turn - obs.turn >= MANDATE_WAIT:
                # (Waiting is for a mandate that may come while there is still time to use it: with the game's end
                # nearer than the wait, a move held back now is never made - an empty capital is left to the
                # enemy for a protest the allies would make after the war is over, issue 8.)
                live[rule] = (kind, decision)
        return live

    def hold_back(self, obs: Observation, action, person: Personality, unit_name: str) -> str | None:
        """A reason to hold ``action`` back (see the module), or None to carry it out."""
        live = self._live(obs)
        if not live:
            return None
        sandbox = obs.sandbox(0)
        _, events = step(sandbox, action)
        weights = person.weights.get(obs.bloc, {})
        fired = [e.data["rule"] for e in events if e.kind == "RuleFired" and e.data.get("rule") in live]
        for rule in fired:
            changes = [(e.data["track"], float(e.data["change"])) for e in events
                       if e.kind == "TrackChanged" and e.data.get("source") == rule]
            cost = sum(weights.get(t, 0.0) * c for t, c in changes)
            if cost >= 0:
                continue
            kind, decision = live[rule]
            words = ", ".join(f"{t.replace('_', ' ')} {c:+g}" for t, c in changes)
            if kind == "pledge":
                return f"{unit_name} holds: going on would break our pledge '{_title(obs, decision)}' ({words})."
            self.waited.setdefault(rule, obs.turn)
            return f"{unit_name} waits for '{_title(obs, decision)}' before it goes on: without it, {words}."
        return None
