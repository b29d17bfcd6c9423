"""Small rules for numbers and names in a player's words, shared by the log, the panels and the scores.

One rule each, so that two screens never say the same thing two ways: a track's value is read in whole points
(the gauges show 30 where the track holds 29.75, so the log says "+30 (now 30 of 100)"), and an internal name
(``soviet_warning``, ``mig_alley``) is read as words ("Soviet warning", "MiG Alley").
"""

from __future__ import annotations

import math

#: Words that keep their own spelling when a name is turned into words.
SPELLING = {"mig": "MiG", "un": "UN", "unga": "UNGA", "prc": "PRC", "pva": "PVA", "kpa": "KPA", "rok": "ROK",
            "dprk": "DPRK", "pow": "POW", "pows": "POWs", "us": "US", "ussr": "USSR", "dmz": "DMZ",
            "yalu": "Yalu", "manchuria": "Manchuria", "china": "China", "korea": "Korea", "soviet": "Soviet",
            "seoul": "Seoul", "pyongyang": "Pyongyang"}
#: Names of things that are proper names as a whole (each word capitalised), once spelt as words.
PROPER = {"MiG alley": "MiG Alley"}


def points(value: float) -> int:
    """``value`` in whole points, halves rounded up (29.75 -> 30, 0.5 -> 1): what every gauge shows."""
    return int(math.floor(value + 0.5))


def change(old: float, new: float) -> str:
    """A track's move from ``old`` to ``new`` in whole points, as the gauges show it move: "+30", "-5"; a move
    the gauges do not show (29.75 -> 30.1 both read 30) is "+<1" or "-<1"; no move at all is "0"."""
    shown = points(new) - points(old)
    if shown:
        return f"{shown:+d}"
    if new == old:
        return "0"
    return "+<1" if new > old else "-<1"


def nice(name: str, start: bool = True) -> str:
    """A threshold, flag or region name in words: ``soviet_warning`` -> ``Soviet warning``, ``mig_alley`` ->
    ``MiG Alley``; ``start=False`` for the middle of a sentence (``general_war`` -> ``general war``)."""
    words = [SPELLING.get(w.lower(), w) for w in name.replace("_", " ").split()]
    text = " ".join(words)
    for plain, proper in PROPER.items():
        text = text.replace(plain, proper)
    return text[:1].upper() + text[1:] if start else text


def in_sentence(label: str) -> str:
    """A label inside a sentence: its first word in lower case unless it is a name or an acronym ("Escalation" ->
    "escalation", "UN cohesion" and "PRC intervention pressure" as they are)."""
    first = label.split(" ")[0]
    if first[:1].isupper() and (first[1:2].isupper() or first.lower() in SPELLING):
        return label
    return label[:1].lower() + label[1:]


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and the noun that goes with it: "1 step", "2 steps", "0 steps", "3 armies"."""
    if n == 1:
        return f"{n} {one}"
    if many is None:
        many = one[:-1] + "ies" if one.endswith("y") and one[-2:-1] not in "aeiou" else one + "s"
    return f"{n} {many}"
