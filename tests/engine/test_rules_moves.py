"""Rail, sea and landing moves, reinforcements and replacements, on tiny boards.

Each test: rule / actions / expected.  Blue is the UN bloc (the sea bloc); red the communist one.
"""

import dataclasses
from datetime import date

from helpers import BLUE_FIRST, control_all, play, started, tiny_board, tiny_state, unit

from game.engine import api
from game.engine.actions import EndPhase, Landing, MoveUnit, RailMove, SeaMove
from game.engine.creation import new_state
from game.engine.hexes import Hex
from game.engine.units import Location

RAIL = [{"id": "line", "kind": "rail", "hexes": [[q, 0] for q in range(10)]}]
PORTS = [{"id": "west", "name": "West", "hex": [0, 1], "port": True},
         {"id": "east", "name": "East", "hex": [6, 1], "port": True}]


def blue_state(board, units, **kw):
    """Blue to move first, every hex blue's."""
    s = tiny_state(board, units, seats=BLUE_FIRST, **kw)
    control_all(s, "un")
    return started(s)


# -- rail ------------------------------------------------------------------------------------------

def test_rail_moves_far_along_the_line_through_own_quiet_ground():
    # rule: a rail move goes up to 24 hexes along rail through own ground free of enemies and their ZOC
    b = tiny_board(["c" * 10, "c" * 10], routes=RAIL)
    s = blue_state(b, [unit("a", "blue", Hex(0, 0), movement=1)])
    assert RailMove("a", Hex(9, 0)) in api.legal_actions(s)
    assert MoveUnit("a", Hex(9, 0)) not in api.legal_actions(s)          # too far on foot
    s2, events = api.apply(s, RailMove("a", Hex(9, 0)))
    assert s2.unit("a").hex == Hex(9, 0) and s2.unit("a").moved and s2.rail_used == 1
    assert events[0].data.get("rail") and "by rail" in events[0].text


def test_rail_stops_short_of_a_seen_enemy_zoc_and_has_a_capacity():
    b = tiny_board(["c" * 10, "c" * 10], routes=RAIL)
    units = [unit("a0", "blue", Hex(0, 0)), unit("a1", "blue", Hex(1, 0)), unit("a2", "blue", Hex(2, 0)),
             unit("a3", "blue", Hex(0, 0)), unit("r", "red", Hex(3, 1))]
    s = blue_state(b, units)
    targets = {a.to for a in api.legal_actions(s) if isinstance(a, RailMove) and a.unit == "a0"}
    assert targets == {Hex(1, 0), Hex(2, 0)}                 # (3,0) and (4,0) lie in the red unit's ZOC
    s, _ = play(s, RailMove("a0", Hex(1, 0)), RailMove("a1", Hex(0, 0)), RailMove("a2", Hex(0, 0)))
    verdict = api.check(s, RailMove("a3", Hex(2, 0)))        # the fourth of the turn
    assert verdict.code == "no_rail" and "fully used" in verdict.reason


# -- sea ------------------------------------------------------------------------------------------

def sea_board():
    return tiny_board([".......", "ccccccc", "......."], country=[".......", "RRRRRRR", "......."], places=PORTS)


def test_sea_move_port_to_port_and_evacuation_to_japan():
    s = blue_state(sea_board(), [unit("a", "blue", Hex(0, 1)), unit("b", "blue", Hex(0, 1))])
    legal = api.legal_actions(s)
    assert SeaMove("a", Hex(6, 1)) in legal and SeaMove("a", None) in legal
    s, events = play(s, SeaMove("a", Hex(6, 1)), SeaMove("b", None))
    assert s.unit("a").hex == Hex(6, 1) and s.unit("b").location is Location.JAPAN and s.unit("b").hex is None
    assert [e.kind for e in events if e.kind in ("UnitShipped", "UnitEvacuated")] == ["UnitShipped", "UnitEvacuated"]
    assert s.sea_used == 2


def test_only_the_sea_bloc_ships_and_shipping_is_limited():
    s = tiny_state(sea_board(), [unit("r", "red", Hex(0, 1)), unit("b", "blue", Hex(6, 1))])
    control_all(s, "communist")
    s = started(s)
    assert s.active_seat.id == "red"
    assert api.check(s, SeaMove("r", Hex(6, 1))).reason == "Only the UN Command controls the sea."
    blue = blue_state(sea_board(), [unit(f"b{k}", "blue", Hex(0, 1)) for k in range(3)])
    blue, _ = play(blue, SeaMove("b0", Hex(6, 1)), SeaMove("b1", Hex(6, 1)))
    assert api.check(blue, SeaMove("b2", Hex(6, 1))).reason == "All shipping is in use this turn."


# -- landings --------------------------------------------------------------------------------------

def test_landing_from_japan_onto_a_hostile_shore_takes_the_hex():
    b = sea_board()
    s = tiny_state(b, [unit("m", "blue", None, location=Location.JAPAN), unit("k", "blue", None,
                                                                            location=Location.JAPAN, type="armour"),
                       unit("r", "red", Hex(0, 1))], seats=BLUE_FIRST)
    control_all(s, "communist")
    s = started(s)
    landings = [a for a in api.legal_actions(s) if isinstance(a, Landing)]
    assert Landing("m", Hex(3, 1)) in landings
    assert not [a for a in landings if a.unit == "k"]                     # armour does not land
    s2, events = api.apply(s, Landing("m", Hex(3, 1)))
    assert s2.unit("m").hex == Hex(3, 1) and s2.control[b.index(Hex(3, 1))] == s2.config.bloc_code("un")
    assert "UnitLanded" in [e.kind for e in events] and s2.landings_used == 1
    assert api.check(s2, Landing("k", Hex(4, 1))).code == "no_landing"


def test_a_landing_on_unseen_defenders_is_thrown_back():
    # rule: from Japan nothing is seen, so a beach held by an unseen enemy is a legal target; the landing fails
    s = tiny_state(sea_board(), [unit("m", "blue", None, location=Location.JAPAN), unit("r", "red", Hex(0, 1))],
                   seats=BLUE_FIRST)
    control_all(s, "communist")
    s = started(s)
    assert Landing("m", Hex(0, 1)) in api.legal_actions(s)
    s2, events = api.apply(s, Landing("m", Hex(0, 1)))
    assert s2.unit("m").location is Location.JAPAN and s2.unit("m").steps == 2
    stopped = next(e for e in events if e.kind == "UnitStopped")
    assert "thrown back" in stopped.text and stopped.data["reveal"]


# -- reinforcements and replacements ---------------------------------------------------------------------

def test_a_reinforcement_arrives_on_its_date_at_its_place_or_near_it():
    places = [{"id": "pusan", "name": "Pusan", "hex": [5, 0]}]
    b = tiny_board(["cccccc"], places=places)
    late = unit("late", "blue", None, arrives=date(1950, 7, 2), arrives_at="pusan")
    crowd = [unit(f"c{k}", "blue", Hex(5, 0)) for k in range(3)]
    s = tiny_state(b, [unit("r", "red", Hex(0, 0)), late] + crowd)
    control_all(s, "un")
    s = started(s)
    assert s.unit("late").location is Location.PENDING                   # turn 1: not yet
    s, events = play(s, EndPhase(), EndPhase())                           # red's turn over: blue's turn 1
    assert s.unit("late").location is Location.PENDING
    s, events = play(s, EndPhase(), EndPhase(), EndPhase(), EndPhase())   # blue's, then red's turn 2 ends
    arrived = [e for e in events if e.kind == "UnitArrived"]
    assert [e.data["unit"] for e in arrived] == ["late"]
    assert s.unit("late").hex == Hex(4, 0)                                # Pusan is full: the nearest free hex
    assert arrived[0].text == "LATE arrives near Pusan."


def test_a_set_flag_gives_a_seat_its_later_replacements():
    # rule: once a flag of replacements_after is set the seat receives those steps instead, the largest if several
    cfg = dataclasses.replace(tiny_state(tiny_board(["cc"]), []).config, replacements=(("blue", 1),),
                              replacements_after=(("war_widens", "blue", 3), ("mobilised", "blue", 2)))
    assert cfg.replacement_steps("blue") == 1
    assert cfg.replacement_steps("blue", {"mobilised": "1950-07-01"}.get) == 2
    assert cfg.replacement_steps("blue", {"mobilised": "1950-07-01", "war_widens": "1950-11-05"}.get) == 3
    assert cfg.replacement_steps("red", {"war_widens": "1950-11-05"}.get) == 0


def test_replacements_go_to_the_weakest_unit_out_of_contact():
    b = tiny_board(["cccccccc"])
    units = [unit("r", "red", Hex(0, 0)), unit("front", "blue", Hex(1, 0), cur_steps=1),
             unit("rear", "blue", Hex(6, 0), cur_steps=2), unit("full", "blue", Hex(7, 0))]
    s = tiny_state(b, units, sources=[("un", Hex(7, 0)), ("communist", Hex(0, 0))])
    config = dataclasses.replace(s.config, replacements=(("blue", 1),))
    s = started(new_state(b, config, list(s.units.templates), 1))
    s, events = play(s, EndPhase(), EndPhase())                           # red ends: blue's turn starts
    replaced = [e for e in events if e.kind == "UnitReplaced"]
    assert [e.data["unit"] for e in replaced] == ["rear"]                 # the front unit is in contact
    assert s.unit("rear").steps == 3 and s.unit("front").steps == 1
