"""Colours of the map and the counters: a standard palette and a colour-blind-safe one.

The look is a printed operational map: pale paper land with muted layer tints
and hill shading, soft blue sea with a darker coastline, blue rivers,
red-brown roads, black railways.  The colour-blind palette moves every hue pair
that matters (the two blocs, roads against rivers, overlays) onto the
Okabe-Ito set, which stays apart under the common colour deficiencies.  Colour
is never the only cue anyway: counters differ in frame shape, lines in pattern.

Colours are plain ``(r, g, b)`` or ``(r, g, b, a)`` tuples so this module needs
no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.board import Country, Terrain

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

# Okabe & Ito (2008), "Color Universal Design".
OI_BLACK = (0, 0, 0)
OI_ORANGE = (230, 159, 0)
OI_SKY = (86, 180, 233)
OI_GREEN = (0, 158, 115)
OI_YELLOW = (240, 228, 66)
OI_BLUE = (0, 114, 178)
OI_VERMILLION = (213, 94, 0)
OI_PURPLE = (204, 121, 167)


@dataclass(frozen=True)
class NationStyle:
    """How a nation's counters look: body colour, band colour, band text colour, label."""

    body: RGB
    band: RGB
    text: RGB
    label: str


@dataclass(frozen=True)
class Palette:
    name: str
    # -- map: water -----------------------------------------------------------------
    sea: RGB
    sea_deep: RGB
    sea_coast: RGB          # the darker band that hugs the coast
    coastline: RGB
    lake: RGB
    river: RGB
    water_label: RGB
    # -- map: land --------------------------------------------------------------------
    #: Layer tints: (height in metres, colour), ascending.
    hypsometric: tuple[tuple[float, RGB], ...]
    foreign_land: RGB       # Manchuria, the USSR, Japan: not part of the war on the ground
    foreign_strength: float  # 0..1 how strongly foreign land is greyed
    shade_light: float      # hill-shading: brightening on sunlit slopes
    shade_dark: float       # and darkening on shaded ones
    terrain_tint: dict[Terrain, RGBA]
    urban: RGB
    urban_edge: RGB
    # -- map: lines -------------------------------------------------------------------
    road: RGB
    road_casing: RGB
    rail: RGB
    border: RGB
    border_band: RGBA
    parallel: RGB
    mdl: RGB
    grid: RGBA
    grid_sea: RGBA
    # -- map: text -----------------------------------------------------------------------
    label: RGB
    label_minor: RGB
    label_halo: RGBA
    region_label: RGB
    relief_label: RGB
    # -- sides and nations ------------------------------------------------------------------
    #: Country of a hex in June 1950 (for control maps, the minimap, legends).
    country: dict[Country, RGB]
    bloc: dict[str, RGB]
    bloc_dark: dict[str, RGB]
    nations: dict[str, NationStyle]
    counter_text: RGB
    counter_edge: RGB
    # -- overlays -----------------------------------------------------------------------------
    overlay: dict[str, RGBA] = field(default_factory=dict)
    # -- chrome ---------------------------------------------------------------------------------
    ui_bg: RGB = (34, 38, 44)
    ui_fg: RGB = (235, 232, 220)
    ui_accent: RGB = (214, 170, 80)

    def nation(self, code: str, bloc: str) -> NationStyle:
        """Style of a nation's counters; unknown nations get their bloc's default."""
        key = NATION_ALIASES.get(code.upper(), code.upper())
        style = self.nations.get(key)
        if style is not None:
            return style
        body = self.bloc.get(bloc, (200, 200, 200))
        dark = self.bloc_dark.get(bloc, (60, 60, 60))
        return NationStyle(body, dark, (255, 255, 255), code.upper()[:4])

    def overlay_colour(self, name: str, default: RGBA = (255, 255, 0, 90)) -> RGBA:
        return self.overlay.get(name, default)


#: Other spellings of nation codes a scenario may use.
NATION_ALIASES = {
    "USA": "US", "KOREA": "ROK", "ROKA": "ROK", "GB": "UK", "BRITAIN": "UK", "BCOM": "COMMONWEALTH",
    "CW": "COMMONWEALTH", "TURKEY": "TUR", "TR": "TUR", "CPV": "PVA", "PRC": "PVA", "CHINA": "PVA",
    "DPRK": "KPA", "NK": "KPA", "NKPA": "KPA", "FRANCE": "FRA", "FR": "FRA", "AUSTRALIA": "AUS",
    "CANADA": "CAN", "NZ": "NZL", "GREECE": "GRC", "NETHERLANDS": "NLD", "BELGIUM": "BEL",
    "PHILIPPINES": "PHI", "PHL": "PHI", "THAILAND": "THA", "COLOMBIA": "COL", "ETHIOPIA": "ETH",
    "SOVIET": "USSR", "SU": "USSR",
}

_TERRAIN_STANDARD: dict[Terrain, RGBA] = {
    Terrain.CLEAR: (0, 0, 0, 0),
    Terrain.HILLS: (170, 140, 80, 26),
    Terrain.MOUNTAIN: (120, 84, 48, 46),
    Terrain.MARSH: (70, 140, 120, 52),
    Terrain.TOWN: (0, 0, 0, 0),
    Terrain.CITY: (0, 0, 0, 0),
}

_OVERLAYS_STANDARD: dict[str, RGBA] = {
    "reachable": (255, 244, 160, 110),
    "path": (250, 200, 40, 230),
    "selected": (255, 255, 255, 220),
    "hover": (255, 255, 255, 150),
    "zoc": (200, 40, 40, 70),
    "supply": (60, 160, 80, 70),
    "no_supply": (160, 40, 160, 80),
    "front": (20, 20, 20, 200),
    "fog": (40, 40, 50, 45),
    "attack": (220, 60, 30, 110),
}


def _nations_standard() -> dict[str, NationStyle]:
    white, dark = (255, 255, 255), (20, 24, 34)
    return {
        # UN family: blues and blue-greys, each nation its own band.
        "US": NationStyle((156, 190, 222), (34, 74, 140), white, "US"),
        "ROK": NationStyle((178, 212, 232), (22, 110, 150), white, "ROK"),
        # No reds in the UN family's bands: a red band reads as the enemy at a glance.
        "UK": NationStyle((170, 190, 210), (30, 45, 90), white, "UK"),
        "COMMONWEALTH": NationStyle((170, 190, 210), (30, 45, 90), white, "CW"),
        "AUS": NationStyle((170, 190, 210), (28, 80, 60), white, "AUS"),
        "CAN": NationStyle((170, 190, 210), (70, 70, 110), white, "CAN"),
        "NZL": NationStyle((170, 190, 210), (30, 30, 30), white, "NZ"),
        "TUR": NationStyle((188, 200, 226), (60, 100, 120), white, "TUR"),
        "FRA": NationStyle((170, 196, 226), (30, 50, 130), white, "FRA"),
        "GRC": NationStyle((170, 200, 230), (40, 90, 170), white, "GRE"),
        "NLD": NationStyle((170, 196, 226), (220, 110, 20), white, "NLD"),
        "BEL": NationStyle((170, 196, 226), (50, 50, 50), (250, 210, 40), "BEL"),
        "PHI": NationStyle((170, 196, 226), (30, 60, 150), white, "PHI"),
        "THA": NationStyle((170, 196, 226), (90, 40, 110), white, "THA"),
        "COL": NationStyle((170, 196, 226), (200, 160, 20), dark, "COL"),
        "ETH": NationStyle((170, 196, 226), (40, 120, 60), white, "ETH"),
        "UN": NationStyle((170, 196, 226), (40, 90, 170), white, "UN"),
        # Communist family: reds and ochres.
        "KPA": NationStyle((226, 160, 150), (140, 24, 30), white, "KPA"),
        "PVA": NationStyle((232, 190, 130), (170, 60, 20), white, "PVA"),
        "USSR": NationStyle((220, 150, 150), (110, 20, 20), white, "SOV"),
    }


def _nations_colourblind() -> dict[str, NationStyle]:
    # Bloc families from Okabe-Ito: sky/blue for the UN, orange/vermillion for the
    # communists; nations within a family differ by band text, not only by hue.
    white, dark = (255, 255, 255), (0, 0, 0)
    un_body, ko_body, cn_body = (170, 214, 240), (196, 226, 244), (246, 206, 140)
    return {
        "US": NationStyle(un_body, OI_BLUE, white, "US"),
        "ROK": NationStyle((196, 226, 244), (0, 84, 130), white, "ROK"),
        "UK": NationStyle(un_body, (40, 40, 40), white, "UK"),
        "COMMONWEALTH": NationStyle(un_body, (40, 40, 40), white, "CW"),
        "AUS": NationStyle(un_body, (40, 40, 40), white, "AUS"),
        "CAN": NationStyle(un_body, (40, 40, 40), white, "CAN"),
        "NZL": NationStyle(un_body, (40, 40, 40), white, "NZ"),
        "TUR": NationStyle(un_body, (0, 70, 110), white, "TUR"),
        "FRA": NationStyle(un_body, OI_BLUE, white, "FRA"),
        "GRC": NationStyle(un_body, OI_BLUE, white, "GRE"),
        "NLD": NationStyle(un_body, OI_BLUE, white, "NLD"),
        "BEL": NationStyle(un_body, OI_BLUE, white, "BEL"),
        "PHI": NationStyle(un_body, OI_BLUE, white, "PHI"),
        "THA": NationStyle(un_body, OI_BLUE, white, "THA"),
        "COL": NationStyle(un_body, OI_BLUE, white, "COL"),
        "ETH": NationStyle(un_body, OI_BLUE, white, "ETH"),
        "UN": NationStyle(un_body, OI_BLUE, white, "UN"),
        "KPA": NationStyle((244, 186, 150), OI_VERMILLION, dark, "KPA"),
        "PVA": NationStyle(cn_body, (150, 90, 0), white, "PVA"),
        "USSR": NationStyle(ko_body, dark, white, "SOV"),
    }


STANDARD = Palette(
    name="standard",
    sea=(186, 214, 232),
    sea_deep=(160, 196, 222),
    sea_coast=(150, 190, 218),
    coastline=(62, 104, 150),
    lake=(176, 208, 230),
    river=(58, 120, 190),
    water_label=(50, 100, 160),
    hypsometric=(
        (0, (238, 238, 214)),
        (120, (236, 232, 204)),
        (300, (232, 222, 188)),
        (600, (222, 204, 164)),
        (1000, (208, 184, 142)),
        (1500, (190, 164, 126)),
        (2200, (176, 152, 122)),
    ),
    foreign_land=(214, 212, 204),
    foreign_strength=0.72,
    shade_light=0.10,
    shade_dark=0.36,
    terrain_tint=_TERRAIN_STANDARD,
    urban=(196, 120, 100),
    urban_edge=(120, 60, 50),
    road=(176, 64, 40),
    road_casing=(110, 40, 26),
    rail=(24, 24, 24),
    border=(110, 70, 120),
    border_band=(150, 100, 170, 70),
    parallel=(170, 30, 40),
    mdl=(90, 50, 140),
    grid=(70, 60, 40, 70),
    grid_sea=(60, 90, 120, 40),
    label=(24, 24, 24),
    label_minor=(50, 46, 40),
    label_halo=(250, 248, 236, 220),
    region_label=(110, 104, 96),
    relief_label=(120, 86, 50),
    country={Country.NONE: (186, 214, 232), Country.ROK: (196, 214, 232), Country.DPRK: (232, 196, 190),
             Country.PRC: (214, 212, 204), Country.USSR: (206, 204, 198), Country.JAPAN: (214, 212, 204)},
    bloc={"un": (156, 190, 222), "communist": (226, 160, 150)},
    bloc_dark={"un": (34, 74, 140), "communist": (140, 24, 30)},
    nations=_nations_standard(),
    counter_text=(10, 10, 10),
    counter_edge=(20, 20, 20),
    overlay=_OVERLAYS_STANDARD,
)

COLOURBLIND = Palette(
    name="colourblind",
    sea=(190, 218, 236),
    sea_deep=(166, 202, 228),
    sea_coast=(150, 192, 222),
    coastline=(0, 90, 150),
    lake=(178, 212, 236),
    river=OI_BLUE,
    water_label=(0, 90, 150),
    hypsometric=(
        (0, (240, 238, 220)),
        (120, (238, 234, 210)),
        (300, (232, 224, 196)),
        (600, (222, 208, 174)),
        (1000, (208, 190, 152)),
        (1500, (192, 172, 136)),
        (2200, (178, 160, 132)),
    ),
    foreign_land=(212, 212, 208),
    foreign_strength=0.75,
    shade_light=0.10,
    shade_dark=0.36,
    terrain_tint={
        Terrain.CLEAR: (0, 0, 0, 0),
        Terrain.HILLS: (160, 130, 70, 26),
        Terrain.MOUNTAIN: (110, 80, 40, 48),
        Terrain.MARSH: (0, 158, 115, 56),
        Terrain.TOWN: (0, 0, 0, 0),
        Terrain.CITY: (0, 0, 0, 0),
    },
    urban=(200, 140, 120),
    urban_edge=(90, 60, 50),
    road=OI_VERMILLION,
    road_casing=(110, 50, 0),
    rail=(0, 0, 0),
    border=(120, 60, 110),
    border_band=(204, 121, 167, 80),
    parallel=(170, 60, 0),
    mdl=(120, 60, 110),
    grid=(60, 50, 40, 75),
    grid_sea=(40, 80, 120, 40),
    label=(0, 0, 0),
    label_minor=(40, 40, 40),
    label_halo=(252, 250, 240, 225),
    region_label=(100, 100, 100),
    relief_label=(110, 80, 40),
    country={Country.NONE: (190, 218, 236), Country.ROK: (196, 226, 244), Country.DPRK: (246, 206, 160),
             Country.PRC: (212, 212, 208), Country.USSR: (200, 200, 196), Country.JAPAN: (212, 212, 208)},
    bloc={"un": (170, 214, 240), "communist": (244, 186, 150)},
    bloc_dark={"un": OI_BLUE, "communist": OI_VERMILLION},
    nations=_nations_colourblind(),
    counter_text=(0, 0, 0),
    counter_edge=(0, 0, 0),
    overlay={
        "reachable": (240, 228, 66, 120),
        "path": (230, 159, 0, 235),
        "selected": (255, 255, 255, 220),
        "hover": (255, 255, 255, 150),
        "zoc": (213, 94, 0, 80),
        "supply": (0, 158, 115, 75),
        "no_supply": (204, 121, 167, 90),
        "front": (0, 0, 0, 200),
        "fog": (40, 40, 50, 45),
        "attack": (213, 94, 0, 120),
    },
)

PALETTES: dict[str, Palette] = {STANDARD.name: STANDARD, COLOURBLIND.name: COLOURBLIND}


def get_palette(name: str = "standard") -> Palette:
    """The palette called ``name`` ('standard' or 'colourblind'; 'colorblind' also works)."""
    key = {"colorblind": "colourblind", "cb": "colourblind"}.get(name, name)
    return PALETTES[key]


#: Countries whose land is greyed: off the peninsula, not fought over on the ground.
FOREIGN_COUNTRIES = (Country.PRC, Country.USSR, Country.JAPAN)
