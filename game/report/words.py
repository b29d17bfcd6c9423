"""The report's fixed words: outcomes, score components, who sat in a seat, the war's key events.

Shared by the end screen (game/ui/screens/end_screen.py) and the written report, so the two never say the
same thing two ways.  No matplotlib here: the end screen imports this at launch.
"""

from __future__ import annotations

OUTCOMES = {
    "last_turn": "The scenario's last turn has passed.",
    "armistice": "An armistice: the line of contact becomes the demilitarised zone.",
    "ceasefire": "A ceasefire: the guns fall silent where the armies stand.",
    "general_war": "General war: the fighting spread beyond Korea, and every side has lost.",
    "unification:un": "Korea is unified under the Republic of Korea, with UN support.",
    "unification:communist": "Korea is unified under the North, with Chinese and Soviet support.",
}
#: Score component -> its name in a sentence (game/engine/politics/scoring.py makes the components).
COMPONENTS = {"ground": "ground", "losses": "losses", "escalation": "escalation avoided",
              "coalition": "coalition kept", "outcome": "outcome"}

#: The war's key events (game/session/records.py KEY_EVENTS) as a reader names them.
KEY_EVENT_WORDS = {
    "seoul_falls": "Seoul falls to the North",
    "pusan_perimeter": "The UN side is pressed into the Pusan perimeter",
    "lowest_ebb": "The UN side's lowest ebb",
    "first_landing": "The first landing from the sea",
    "seoul_retaken": "Seoul retaken",
    "un_crosses_38th": "UN troops cross the 38th parallel",
    "prc_warns": "China warns through India",
    "pyongyang_falls": "Pyongyang falls to the UN side",
    "prc_enters": "China enters the war",
    "soviet_air": "Soviet air cover: MiG Alley",
    "seoul_lost_again": "Seoul lost again",
    "front_stabilised": "The front stands still",
    "talks_open": "Armistice talks open",
    "armistice_signed": "The armistice is signed",
    "general_war": "General war",
}
#: Short names of the key events a chart marks with a line of its own (the ones a teacher stops at).
MARKED = {"un_crosses_38th": "38th crossed", "prc_warns": "China warns", "prc_enters": "China enters",
          "soviet_air": "MiG Alley", "talks_open": "Talks open", "armistice_signed": "Armistice",
          "general_war": "General war"}


def outcome_text(outcome: str | None) -> str:
    """How a game ended, in a sentence (``None``: it has not)."""
    if outcome is None:
        return "The war goes on."
    return OUTCOMES.get(outcome, outcome.replace("_", " ").replace(":", ": ").capitalize())


def who_played(controller: str) -> str:
    """A seat's controller as a reader says it: "human" -> "a player"; "ai:historical:normal" -> "the
    computer (historical, normal)"; "random" -> "the computer (random moves)"."""
    if controller == "human":
        return "a player"
    if controller == "random":
        return "the computer (random moves)"
    if controller == "ai" or controller.startswith("ai:"):
        parts = [p for p in controller.split(":")[1:] if p]
        return "the computer" + (f" ({', '.join(parts)})" if parts else "")
    return f"the computer ({controller})"


def gap_words(days: int) -> str:
    """A gap between this war's date and history's, in days: "38 days later", "same day"."""
    if days == 0:
        return "the same day"
    return f"{abs(days)} day{'s' if abs(days) != 1 else ''} {'later' if days > 0 else 'earlier'}"


def day(d) -> str:
    """A date as a reader writes it: "25 June 1950" ("" for none)."""
    return f"{d.day} {d:%B %Y}" if d is not None else ""
