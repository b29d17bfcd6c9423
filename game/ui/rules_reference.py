"""The rules reference in the game (F2, or the link in F1's help): pages made from the engine's own tables and
the scenario's numbers, so they never drift from the rules -- how a turn runs, movement and zones of control,
combat (the odds table, every column shift, the results), supply, the political tracks, and the glossary."""

from __future__ import annotations

from html import escape

from game.engine.api import nice, points
from game.engine.board import Terrain
from game.engine.combat import COLUMNS, RESULT_NAMES, TABLE, TERRAIN_SHIFT
from game.engine.terrain import HALF, RIVER_COST, ROAD_COST, TERRAIN_COST
from game.ui.glossary import glossary_html

#: The column shifts the combat rules apply besides terrain (game/engine/combat.shifts_for), in its words.
OTHER_SHIFTS = (
    (-1, "attack across a river (every attacker across an unbridged river)"),
    (+1, "defender out of supply"),
    (+1, "close air support for the UN side's attack (not in MiG Alley, nor in a scenario's first days)"),
    (-1, "air support for the UN side's defence (likewise)"),
    (-1, "defender dug in (it stayed put a turn)"),
    (+1, "armour against a defender without anti-tank weapons"),
    (+1, "surprise: an attacker the defender had not seen"),
    (-1, "winter in the north (December to February, north of the winter line)"),
)


def pages(config) -> list[tuple[str, str]]:
    """(title, HTML) of each page for the scenario's ``config``."""
    p = config.params
    out = [("A turn", _turn(config)), ("Movement", _movement(p)), ("Combat", _combat()),
           ("Supply", _supply(p))]
    if config.politics is not None and config.politics.tracks:
        out.append(("Tracks", _tracks(config)))
    out.append(("Ideas", glossary_html()))
    return out


def _turn(config) -> str:
    seats = ", then ".join(escape(s.name) for s in config.seats)
    lengths = "; ".join(f"from {c.start:%d %B %Y} a turn is {c.days} days" for c in config.calendar.periods) \
        if hasattr(config.calendar, "periods") else ""
    return (f"<b>Order.</b> Each turn every side plays in order: {seats}.<br>"
            + (f"<b>Time.</b> {escape(lengths)}.<br>" if lengths else "")
            + "<b>Phases of a side's turn.</b> Political (when a decision is open: take any, then go on), movement "
              "(move any of your units, each once), combat (attack any enemy hex next to your units, each "
              "attacker once). The end of the turn checks supply.<br>"
              "<b>Undo.</b> Ctrl+Z takes back a move until something was revealed or dice were rolled.")


def _movement(p) -> str:
    rows = "".join(f"<br>  {escape(t.name.lower())}: {cost / HALF:g} MP"
                   for t, cost in ((Terrain(k), v) for k, v in TERRAIN_COST.items()) if cost is not None)
    return (f"<b>Terrain costs</b> (movement points to enter):{rows}<br>"
            f"  along a road: {ROAD_COST / HALF:g} MP, whatever the terrain; across a river: "
            f"+{RIVER_COST / HALF:g} MP.<br>"
            "<b>Zones of control.</b> The six hexes around an enemy unit. Entering one ends a move. Leaving one costs "
            f"+{p.zoc_exit_cost:g} MP, and a unit may not go straight from one to another -- unless it infiltrates "
            f"(PVA and some others), which pays +{p.infiltration_cost:g} MP to enter and goes on.<br>"
            f"<b>Stacking.</b> At most {p.stacking} units in a hex.<br>"
            f"<b>Strategic moves</b> a side's turn: {p.rail_capacity} by rail behind the front, {p.sea_capacity} by "
            f"sea port to port or from Japan, {p.landing_capacity} amphibious landing (UN).<br>"
            "<b>Unseen enemies</b> stop a move where they are met.")


def _combat() -> str:
    columns = " · ".join(f"{escape(name)} from {low:g}" for name, low in COLUMNS)
    rows = []
    for (name, _), row in zip(COLUMNS, TABLE):
        rows.append(f"<b>{escape(name)}</b>: " + ", ".join(f"{k + 1} {escape(code)}" for k, code in enumerate(row)))
    codes = "; ".join(f"{escape(c)} {escape(t)}" for c, t in RESULT_NAMES.items())
    terrain = "; ".join(f"{n:+d} defender in {escape(what)}" for n, what in TERRAIN_SHIFT.values())
    other = "; ".join(f"{n:+d} {escape(what)}" for n, what in OTHER_SHIFTS)
    return (f"<b>Odds.</b> Attack strength against defence strength picks a column: {columns}.<br>"
            "<b>Strength</b> shrinks with the steps a unit has lost; out of supply, a unit attacks at half "
            "strength.<br>"
            f"<b>Column shifts</b> (+ helps the attacker): {terrain}; {other}.<br>"
            "<b>One die</b>, 1 worst for the attacker:<br>" + "<br>".join(rows) + "<br>"
            f"<b>Results.</b> {codes}. A defender that cannot retreat loses a step instead; one that retreats "
            "through an enemy zone of control loses a step on the way.")


def _supply(p) -> str:
    return (f"<b>Tracing.</b> A unit is in supply if it can trace {p.supply_range:g} movement points to one of "
            "its side's supply sources (ports, depots, railheads, the frontier crossings) without passing enemy "
            "units or their zones of control.<br>"
            "<b>Out of supply</b> it attacks at half strength and the defence against it gains a column; after "
            f"{p.out_of_supply_step_after} turns out of supply it loses a step at each turn's end.<br>"
            "<b>Overlay.</b> U shows your supply net and the units out of supply.")


def _tracks(config) -> str:
    out = []
    for spec in config.politics.tracks.values():
        # The thresholds in words, as the gauges' tooltips name them ("MiG Alley at 40, Soviet warning at 70").
        marks = ", ".join(f"{escape(nice(n, start=False))} at {points(v)}" for n, v in spec.thresholds)
        parts = [f"<b>{escape(spec.label)}</b> ({points(spec.lo)} to {points(spec.hi)}, starts at "
                 f"{points(spec.start)})"]
        if marks:
            parts.append(f"Thresholds: {marks[:1].upper() + marks[1:]}")
        if spec.moved_by:
            parts.append(f"Moved by: {escape(spec.moved_by)}")
        if spec.does:
            parts.append(escape(spec.does))
        out.append("<br>".join(parts))
    return "<br><br>".join(out)
