"""The names players read for the nations a scenario's units belong to and for the map's countries.

A scenario names a unit's nation by an id (``us``, ``dprk``, ``turkey``); a player reads "United States",
"North Korea", "Turkey".  The armies' short names ("KPA", "ROK") tell apart units two armies name alike
(game/scenario/loader.py ``with_army_names``).
"""

from __future__ import annotations

#: nation id -> the country's name as a player reads it
NATION_NAMES = {
    "us": "United States", "uk": "United Kingdom", "rok": "South Korea", "dprk": "North Korea", "prc": "China",
    "roc": "Nationalist China", "ussr": "Soviet Union", "australia": "Australia", "belgium": "Belgium",
    "canada": "Canada", "colombia": "Colombia", "ethiopia": "Ethiopia", "france": "France", "greece": "Greece",
    "netherlands": "Netherlands", "philippines": "Philippines", "thailand": "Thailand", "turkey": "Turkey",
    "new_zealand": "New Zealand", "south_africa": "South Africa", "luxembourg": "Luxembourg", "japan": "Japan",
}

#: nation id -> the army its units are known by
ARMY_NAMES = {"dprk": "KPA", "prc": "PVA", "rok": "ROK", "us": "US", "uk": "British", "ussr": "Soviet",
              "roc": "Nationalist"}

#: game/engine/board.py Country names -> the country a player reads (as in June 1950)
COUNTRY_NAMES = {"ROK": "South Korea", "DPRK": "North Korea", "PRC": "China", "USSR": "Soviet Union",
                 "JAPAN": "Japan"}


def nation_name(nation: str) -> str:
    """The nation's name for a player: a known id's name, else the id in words ("new_zealand" -> "New Zealand";
    a short code such as "tur" stays a code, "TUR")."""
    key = nation.lower()
    if key in NATION_NAMES:
        return NATION_NAMES[key]
    if len(key) <= 4 and "_" not in key:
        return key.upper()
    return " ".join(w.capitalize() for w in key.split("_"))


def army_name(nation: str) -> str:
    """The army a nation's units are known by ("KPA" for ``dprk``); an unknown nation's code in capitals."""
    return ARMY_NAMES.get(nation.lower(), nation.upper())


def country_name(country: str) -> str:
    """A map country's name for a player (``DPRK`` -> "North Korea")."""
    return COUNTRY_NAMES.get(country, country.title())
