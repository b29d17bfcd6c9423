"""A save made before its scenario changed: its position carried over to the scenario as it is now.

A scenario's rules, decisions and flags are kept in the position as arrays in the scenario's order (a rule's
times fired, a decision's date, a flag's value).  When a new version of a scenario adds a rule or a decision
("Halt at the 38th parallel"), the arrays of an older save no longer line up, and a save that cannot be read
is a game lost.  So every save names, beside its position, the ids those arrays follow (:func:`politics_ids`);
:func:`carry_over` re-reads an older position by id: what the scenario still has keeps its value, what it has
gained starts as in a new game (never fired, never taken, the flag's starting value), what it has lost is
dropped.  A save without the ids (written before they were kept) carries over only where nothing moved.

Such a save opens from its position; its record cannot be replayed step by step (the rules differ).

Contract: ``politics_ids(setup)`` -> {"rules", "decisions", "flags", "losses": [ids]}; ``carry_over(snapshot,
saved_ids, setup)`` -> a new snapshot for the scenario as it is, or None when the save names no ids and its
arrays do not fit (the caller says why).
"""

from __future__ import annotations

from typing import Any

#: snapshot array -> (which ids it follows, its value for an id the save did not have)
FOLLOWS = {
    "rule_fired": ("rules", 0),
    "loss_marks": ("losses", 0),
    "decision_taken": ("decisions", 0),
    "offered": ("decisions", False),
    "flag_since": ("flags", 0),
}


def politics_ids(setup) -> dict[str, list[str]]:
    """The ids the position's politics arrays follow, in their order (a game's Setup, game/engine/setup.py)."""
    return {"rules": list(setup.rule_ids), "decisions": list(setup.decision_ids), "flags": list(setup.flag_names),
            "losses": list(setup.loss_keys)}


def carry_over(snapshot: dict, saved_ids: Any, setup) -> dict | None:
    """``snapshot`` re-read for the scenario as ``setup`` has it now (see the module); None if it cannot be."""
    now = politics_ids(setup)
    if not _ids_shape(saved_ids):
        fits = all(isinstance(snapshot.get(name), list) and len(snapshot[name]) == len(now[kind])
                   for name, (kind, _) in FOLLOWS.items() if name in snapshot)
        values = snapshot.get("flag_values")
        fits = fits and isinstance(values, list) and len(values) == len(now["flags"])
        return dict(snapshot) if fits else None
    out = dict(snapshot)
    for name, (kind, blank) in FOLLOWS.items():
        if name in snapshot:
            out[name] = _by_id(snapshot[name], saved_ids[kind], now[kind], blank)
    if "flag_values" in snapshot:
        start = setup.config.politics.flags if setup.config.politics is not None else {}
        was = dict(zip(saved_ids["flags"], snapshot["flag_values"]))
        out["flag_values"] = [was[f] if f in was else start.get(f) for f in now["flags"]]
    return out


def _by_id(values: Any, saved: list[str], now: list[str], blank) -> Any:
    if not isinstance(values, list) or len(values) != len(saved):
        return values                     # damaged: the snapshot's own checks refuse it, by field
    was = dict(zip(saved, values))
    return [was.get(i, blank) for i in now]


def _ids_shape(ids: Any) -> bool:
    return isinstance(ids, dict) and all(
        isinstance(ids.get(k), list) and all(isinstance(x, str) for x in ids[k])
        for k in ("rules", "decisions", "flags", "losses"))
