"""The ideas of international relations the game shows, explained for a student: the glossary.

Every rule, decision and track of a scenario may name the idea it illustrates (``idea:``); the log and the
decision cards show it as a tag that opens this glossary at that idea.  The texts are ours: the ideas as a
textbook of international relations states them, each with where the Korean War shows it.
"""

from __future__ import annotations

from html import escape

#: idea -> (name, what it is, where this war shows it).  Bandwagoning is not a scenario idea of its own but the
#: other half of the balance of power, so it is explained beside it.
GLOSSARY: dict[str, tuple[str, str, str]] = {
    "balance_of_power": (
        "Balance of power",
        "States arm and ally so that no single power can dominate the others. When one side comes close to "
        "winning, its rivals and their friends are drawn in to restore the balance.",
        "The UN drive to the Yalu in late 1950 threatened to put a hostile army on China's border; China "
        "entered the war, and the front swung back to the middle of the peninsula."),
    "bandwagoning": (
        "Bandwagoning",
        "The opposite choice to balancing: a weaker state joins the side that looks strongest, hoping to share "
        "its victory or to escape its anger.",
        "Small states sent contingents to the UN Command partly to stand beside, and earn the goodwill of, "
        "the strongest Western power; when the war went badly, allied doubts grew, as the cohesion track shows."),
    "collective_security": (
        "Collective security",
        "Members of a security organisation treat an attack on one as an attack on all and answer it together. "
        "It works only while the members agree on what to do.",
        "The Security Council called on members to help South Korea in June 1950 (the Soviet delegate was "
        "absent); sixteen countries sent forces. Each escalation tested whether the coalition would hold."),
    "limited_war": (
        "Limited war",
        "A war fought for limited aims with limited means: neither side uses all its power or seeks the "
        "other's total defeat, and both may settle for less than victory.",
        "No atomic bomb was used, Manchuria was not bombed, and the war ended where it began, near the 38th "
        "parallel, after two years of talks."),
    "escalation_control": (
        "Escalation control",
        "Each side tries to get what it wants without provoking a wider war, reading the other's red lines "
        "and signalling its own.",
        "Soviet pilots flew in Chinese and North Korean markings over 'MiG Alley', and Washington kept quiet "
        "about it: both preferred not to face each other openly."),
    "buffer_state": (
        "Buffer state",
        "A smaller state between great powers that keeps their armies apart. A great power may fight rather "
        "than let a rival's army take it.",
        "China warned in October 1950 that it would intervene if American troops crossed the 38th parallel, "
        "and did so when they neared the Yalu."),
    "proxy_war": (
        "Proxy war",
        "Great powers fight through other states, supplying and advising them while avoiding open war with "
        "each other.",
        "The Soviet Union armed North Korea and China without declaring itself at war; the two Koreas fought "
        "with their patrons' weapons and advice."),
}


def glossary_html(focus: str = "") -> str:
    """The glossary as HTML for a text box; the ``focus`` idea first and marked."""
    order = sorted(GLOSSARY, key=lambda k: (k != focus, GLOSSARY[k][0]))
    rows = []
    for key in order:
        name, what, here = GLOSSARY[key]
        head = f"<b><font color='#8fc1e3'>{escape(name)}</font></b>"
        rows.append(f"{head}<br>{escape(what)}<br><i><font color='#cbbf9c'>In this war: {escape(here)}</font></i>")
    return "<br><br>".join(rows)
