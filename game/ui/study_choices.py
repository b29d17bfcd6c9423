"""What the what-if study screen offers: the scenarios, the decisions a what-if can bind, and the presets.

Contract (plain data, no widgets):

* ``RULES``: the three things a what-if can say of one decision, as (label, rule): as the computer decides
  (no policy), always, never.
* ``decision_options(scenario)``: (label, "seat.id") for every decision of the scenario, in its order; the label
  is the decision's title after its seat's id, short ("UN: Seek a General Assembly resolution").
* ``presets(scenario)``: the scenario's classroom what-ifs as (title, policies), read from a ``classroom``
  section if the scenario has one (``what_ifs: [{title, policies: [...]}]``, or ``policy: TEXT``); [] otherwise.
  A what-if that only makes events happen (``inject``) is left out: it happens when a teacher presses it, which
  a run of many games has no moment for.
* ``WhatIf``: one side of the comparison: its title and its policies (texts, as ``simulate --policy`` takes
  them).  ``describe`` says it for a person; ``slug`` names it in a folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: (label, rule) for one decision; the first means no policy at all.
RULES = (("as the computer decides", ""), ("always", "always"), ("never", "never"))
#: The runs a study may ask for.
RUN_CHOICES = (20, 50, 100, 200)


@dataclass(frozen=True)
class WhatIf:
    title: str
    policies: tuple[str, ...] = ()

    def describe(self) -> str:
        return self.title or ("; ".join(self.policies) if self.policies else "as the computer decides")

    def slug(self) -> str:
        """A folder-safe short name: the policies ("un.cross_38th=never" -> "cross_38th-never"), or "baseline"."""
        if not self.policies:
            return "baseline"
        parts = [p.partition(".")[2] or p for p in self.policies]
        text = "+".join(re.sub(r"[^A-Za-z0-9_]+", "-", p).strip("-") for p in parts)
        return text[:60] or "what-if"


def decision_options(scenario) -> list[tuple[str, str]]:
    pol = scenario.config.politics
    # The seat's id, not its name: "UN Command: Prisoners: no one is sent home..." does not fit a drop-down.
    return [(f"{d.seat.replace('_', '/').upper()}: {d.title}", f"{d.seat}.{d.id}")
            for d in (pol.decisions.values() if pol else ())]


def _field(entry, name: str, default=None):
    """A field of a preset, whether the scenario hands it over as a dict or as an object."""
    if isinstance(entry, dict):
        return entry.get(name, default)
    return getattr(entry, name, default)


def presets(scenario) -> list[WhatIf]:
    section = getattr(scenario, "classroom", None)
    if section is None:
        section = dict(getattr(scenario.config, "extra", ()) or ()).get("classroom")
    entries = _field(section, "what_ifs", None) or [] if section is not None else []
    out = []
    for entry in entries:
        title = str(_field(entry, "title", "") or "")
        texts = _field(entry, "policies", None) or _field(entry, "policy", None) or []
        if isinstance(texts, str):
            texts = [texts]
        texts = tuple(str(_field(t, "text", t)) for t in texts)
        if title and texts:
            out.append(WhatIf(title, texts))
    return out


def what_if_for(decision: str | None, rule: str, options: list[tuple[str, str]]) -> WhatIf:
    """The what-if of one decision and one rule (no policy when the rule is empty or no decision is chosen)."""
    if not decision or not rule:
        return WhatIf("")
    label = next((lab for lab, d in options if d == decision), decision)
    return WhatIf(f"{label} — {rule}", (f"{decision}={rule}",))
