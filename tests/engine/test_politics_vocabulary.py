"""The politics vocabulary on a tiny board: every condition and every effect keyword.

Each test reads "rule / actions / expected": a scenario rule (as plain data,
compiled by the scenario layer's compile_politics), the actions played, and literal expectations.

The board (7 x 4 hexes, all clear; odd-r rows, axial [q, r]):

    row 0  PRC   lat 38.000   (manchuria)
    row 1  DPRK  lat 37.875   (north; pyongyang [2, 1]; red unit r1 there)
    row 2  ROK   lat 37.749   (seoul [1, 2]; blue unit b1 there)
    row 3  ROK   lat 37.624   (pusan [0, 3])

Seats (tests/helpers.py): red (communist, nation KPA) moves first, then blue (un, US).
Supply sources: communist [2, 0], un [0, 3]; a pending blue unit b2 is due at Pusan in December.
"""

from __future__ import annotations

from datetime import date

import pytest
from helpers import flags_of, tiny_board, tiny_state, tracks_of, unit, with_politics

from game.engine.actions import Decide, EndPhase
from game.engine.api import apply, legal_actions
from game.engine.api import start as start_game
from game.engine.hexes import Hex
from game.engine.politics.conditions import CONDITIONS
from game.engine.politics.effects import EFFECTS
from game.engine.politics.runtime import MAX_PASSES, available_decisions
from game.engine.state import Phase
from game.engine.supply import HALF, supply_range
from game.engine.units import Location
from game.scenario.politics_compile import compile_politics
from game.scenario.politics_context import ParseContext

PLACES = [
    {"id": "pyongyang", "name": "Pyongyang", "hex": [2, 1]},
    {"id": "seoul", "name": "Seoul", "hex": [1, 2]},
    {"id": "pusan", "name": "Pusan", "hex": [0, 3]},
]


def board():
    return tiny_board(["ccccccc"] * 4, country=["CCCCCCC", "NNNNNNN", "RRRRRRR", "RRRRRRR"], places=PLACES)


BOARD = board()
REGIONS = {"north": {"country": "DPRK"}, "manchuria": {"country": "PRC"}, "yalu": {"border": ["DPRK", "PRC"]}}


#: Supply sources, so nobody starves (and loses steps) during a few turns of EndPhase.
SOURCES = (("communist", Hex(2, 0)), ("un", Hex(0, 3)))


def default_units():
    return [unit("r1", "red", Hex(2, 1)), unit("b1", "blue", Hex(1, 2)),
            unit("b2", "blue", None, arrives=date(1950, 12, 1), arrives_at="pusan")]


def compile_ok(doc: dict, units):
    problems: list = []
    ctx = ParseContext(BOARD, tiny_state(BOARD, []).config.seats, unit_ids={u.id for u in units},
                       report=lambda path, msg: problems.append((path, msg)))
    pol = compile_politics(ctx, doc)
    assert problems == []
    return pol


def play(doc: dict, actions=(), units=None, seed=1, before=None):
    """Start a game with the politics ``doc``, apply ``actions``; (state, every event)."""
    units = default_units() if units is None else units
    s = tiny_state(BOARD, units, seed=seed, sources=SOURCES)
    s = with_politics(s, compile_ok({"regions": REGIONS, **doc}, units))
    if before is not None:
        before(s)
    s, events = start_game(s)
    for action in actions:
        s, more = apply(s, action)
        events += more
    return s, events


def end_turn(s, events=None):
    """EndPhase until the next turn starts (or the game ends)."""
    turn = s.turn
    while s.turn == turn and not s.over:
        s, more = apply(s, EndPhase())
        if events is not None:
            events += more
    return s


def kinds(events, kind):
    return [e for e in events if e.kind == kind]


def lost_3_and_1(s):
    s.steps_lost[s.setup.seat_index["red"]] = 3
    s.steps_lost[s.setup.seat_index["blue"]] = 1


def probe(when, flags=None, tracks=None, check=None, before=None):
    """Whether a rule ``when -> set_flag: hit`` fires at the start of the game."""
    rule = {"id": "probe", "when": when, "effects": [{"set_flag": "hit"}]}
    if check:
        rule["check"] = check
    doc = {"flags": {"yes": True, "no": False, "stage": "warning", **(flags or {})}, "rules": [rule],
           "tracks": tracks or {"t": {"start": 40}}}
    s, _ = play(doc, before=before)
    return "hit" in flags_of(s)


def test_every_keyword_is_tested_here():
    text = open(__file__, encoding="utf-8").read()
    for key in list(CONDITIONS) + list(EFFECTS):
        assert f'"{key}"' in text, key


# -- conditions ------------------------------------------------------------------------------------

@pytest.mark.parametrize("when, expected", [
    ({"all": [{"flag": "yes"}, {"turn": {"min": 1}}]}, True),
    ({"all": [{"flag": "yes"}, {"flag": "no"}]}, False),
    ({"any": [{"flag": "no"}, {"flag": "yes"}]}, True),
    ({"any": [{"flag": "no"}, {"turn": {"min": 2}}]}, False),
    ({"not": {"flag": "no"}}, True),
    ({"not": {"flag": "yes"}}, False),
    ({"date": {"from": date(1950, 6, 1), "until": date(1950, 6, 25)}}, True),
    ({"date": {"from": date(1950, 6, 26)}}, False),
    ({"date": {"until": date(1950, 6, 24)}}, False),
    ({"turn": {"min": 1, "max": 1}}, True),
    ({"turn": {"min": 2}}, False),
    ({"flag": "yes"}, True),
    ({"flag": "no"}, False),
    ({"flag": {"name": "stage", "equals": "warning"}}, True),
    ({"flag": {"name": "stage", "equals": "neutral"}}, False),
    ({"track": {"name": "t", "at_least": 40}}, True),
    ({"track": {"name": "t", "above": 40}}, False),
    ({"track": {"name": "t", "below": 41}}, True),
    ({"track": {"name": "t", "at_most": 39}}, False),
    ({"units_north_of": {"lat": 37.8, "seat": "red"}}, True),
    ({"units_north_of": {"lat": 37.8, "seat": "blue"}}, False),
    ({"units_north_of": {"lat": 37.8}}, True),
    ({"units_north_of": {"lat": 37.8, "count": 2}}, False),
    ({"units_north_of": {"lat": 37.8, "nation": "KPA"}}, True),
    ({"units_north_of": {"lat": 37.8, "exclude_nation": "KPA"}}, False),
    ({"units_north_of": {"lat": 37.8, "bloc": "un"}}, False),
    ({"units_south_of": {"lat": 37.8, "seat": "blue"}}, True),
    ({"units_south_of": {"lat": 37.7, "seat": "blue"}}, False),   # b1 on row 2; b2 is still pending
    ({"units_south_of": {"lat": 37.8, "bloc": "communist"}}, False),
    ({"units_in_region": {"region": "north", "seat": "red"}}, True),
    ({"units_in_region": {"region": "north", "bloc": "un"}}, False),
    ({"units_in_region": {"region": "manchuria"}}, False),
    ({"near_region": {"region": "north", "bloc": "un", "within": 1}}, True),
    ({"near_region": {"region": "north", "bloc": "un", "within": 0}}, False),
    ({"near_region": {"region": "yalu", "seat": "blue", "within": 1}}, True),
    ({"controls": {"bloc": "communist", "places": ["pyongyang"]}}, True),
    ({"controls": {"bloc": "un", "places": ["pyongyang", "seoul"]}}, False),
    ({"controls": {"bloc": "un", "places": ["pyongyang", "seoul"], "all": False}}, True),
    ({"front_stable": {"turns": 1}}, False),
    ({"talks": "closed"}, True),
    ({"talks": "open"}, False),
    ({"seat_active": "red"}, True),
    ({"seat_active": "blue"}, False),
])
def test_condition_at_the_start(when, expected):
    assert probe(when) is expected


@pytest.mark.parametrize("when, expected", [
    ({"losses": {"seat": "red", "at_least": 3}}, True),
    ({"losses": {"seat": "red", "at_least": 4}}, False),
    ({"losses": {"seat": ["red", "blue"], "at_least": 4}}, True),   # red 3 + blue 1
    ({"losses": {"seat": "blue", "at_least": 2}}, False),
])
def test_losses_counts_steps_lost_by_the_seats(when, expected):
    def lost(s):
        lost_3_and_1(s)
    assert probe(when, before=lost) is expected


def test_date_turn_and_front_stable_hold_from_the_second_turn():
    # rule: three probes checked at each turn start / actions: end turn 1 / expected: all fire on turn 2
    rules = [{"id": f"p{i}", "when": w, "effects": [{"set_flag": f"hit{i}"}]} for i, w in enumerate([
        {"date": {"from": date(1950, 7, 2)}}, {"turn": {"min": 2}}, {"front_stable": {"turns": 1}}])]
    s, _ = play({"rules": rules})
    assert not any(k.startswith("hit") for k in flags_of(s))
    s = end_turn(s)
    assert (s.turn, s.date) == (2, date(1950, 7, 2))
    assert flags_of(s)["stable_turns"] == 1
    assert [flags_of(s).get(f"hit{i}") for i in range(3)] == ["1950-07-02"] * 3


def test_seat_active_at_seat_start():
    # rule: when blue's turn starts / actions: red ends its movement and combat / expected: fired then, not before
    doc = {"rules": [{"id": "blue_turn", "when": {"seat_active": "blue"}, "check": "seat_start",
                      "effects": [{"set_flag": "hit"}]}]}
    s, _ = play(doc, [EndPhase()])
    assert "hit" not in flags_of(s)
    s, _ = apply(s, EndPhase())
    assert s.active_seat.id == "blue" and flags_of(s)["hit"] == "1950-06-25"


def test_talks_condition_follows_the_talks_effect():
    # rule 1 opens the talks; rule 2 (later in the file) sees them open in the same check
    doc = {"rules": [{"id": "open", "effects": [{"talks": "open"}]},
                     {"id": "see", "when": {"talks": "open"}, "effects": [{"set_flag": "hit"}]}]}
    s, _ = play(doc)
    assert flags_of(s)["talks"] == "open" and flags_of(s)["hit"] == "1950-06-25"


def test_units_north_of_counts_only_units_on_the_map():
    # b1 stands north of 37.7; b2 is pending (arrives in December) and does not count
    assert probe({"units_north_of": {"lat": 37.7, "seat": "blue", "count": 2}}) is False


# -- effects --------------------------------------------------------------------------------------------

def fire(effects, doc=None, actions=(), **kw):
    """A rule firing ``effects`` at the start of the game."""
    doc = dict(doc or {})
    doc.setdefault("rules", []).insert(0, {"id": "fx", "effects": effects})
    return play(doc, actions, **kw)


def test_set_flag_records_the_date_or_a_value():
    s, _ = fire([{"set_flag": "warned"}, {"set_flag": {"name": "stage", "value": "warning"}},
                 {"set_flag": {"name": "level", "value": 3}}])
    assert (flags_of(s)["warned"], flags_of(s)["stage"], flags_of(s)["level"]) == ("1950-06-25", "warning", 3)
    assert flags_of(s)["rule:fx"] == 1


def test_clear_flag():
    s, _ = fire([{"clear_flag": "warned"}], {"flags": {"warned": True, "other": True}})
    assert "warned" not in flags_of(s) and flags_of(s)["other"] is True


def test_track_add_set_and_range():
    doc = {"tracks": {"t": {"label": "Tension", "start": 10}, "u": {"start": 5, "min": -10, "max": 10}}}
    s, events = fire([{"track": {"name": "t", "add": 15}}, {"track": {"name": "u", "add": -40}}], doc)
    assert tracks_of(s)["t"] == 25 and tracks_of(s)["u"] == -10
    changed = kinds(events, "TrackChanged")
    # Each with its scale: one scale everywhere (a weariness of 0.3 is 0.3 of 100, not 30%).
    assert [e.text for e in changed] == ["Tension +15 (now 25 of 100).", "U -15 (now -10 on a scale of -10 to 10)."]
    assert changed[0].data == {"track": "t", "change": 15.0, "value": 25.0, "source": "fx"}
    s, events = fire([{"track": {"name": "t", "set": 60}}, {"track": {"name": "t", "add": 500}},
                      {"track": {"name": "t", "add": 0}}], doc)
    assert tracks_of(s)["t"] == 100
    assert [e.text for e in kinds(events, "TrackChanged")] == ["Tension +50 (now 60 of 100).",
                                                               "Tension +40 (now 100 of 100)."]


def test_track_per_loss_counts_new_losses_only():
    # rule: every turn, weariness +0.5 per step red and blue lost since last time
    doc = {"tracks": {"weariness": {"start": 0}},
           "rules": [{"id": "w", "once": False, "effects": [
               {"track_per_loss": {"name": "weariness", "seat": ["red", "blue"], "per_step": 0.5}}]}]}
    s, _ = play(doc, before=lost_3_and_1)
    assert tracks_of(s)["weariness"] == 2.0
    s = end_turn(s)                             # no new losses
    assert tracks_of(s)["weariness"] == 2.0
    s.steps_lost[s.setup.seat_index["blue"]] = 5   # four more steps lost (set by hand)
    s = end_turn(s)
    assert tracks_of(s)["weariness"] == 4.0


def test_log_and_rule_text():
    doc = {"rules": [{"id": "fx", "text": "The rule fires.", "history": "In 1950.", "idea": "limited_war",
                      "effects": [{"log": {"text": "Hello", "history": "H", "idea": "proxy_war"}},
                                  {"log": "Plain"}]}]}
    _, events = play(doc)
    fired = kinds(events, "RuleFired")
    assert [e.text for e in fired] == ["The rule fires.", "Hello", "Plain"]
    assert fired[0].data == {"rule": "fx", "history": "In 1950.", "idea": "limited_war"}
    assert fired[1].data == {"history": "H", "idea": "proxy_war", "source": "fx"}
    assert fired[1].date == date(1950, 6, 25) and fired[1].public


def test_reinforce_brings_a_pending_unit_now():
    s, events = fire([{"reinforce": {"units": ["b2"]}}])
    b2 = s.unit("b2")
    assert (b2.location, b2.hex, b2.arrives) == (Location.MAP, Hex(0, 3), date(1950, 6, 25))
    assert [e.text for e in kinds(events, "UnitArrived")] == ["B2 arrives at Pusan."]


def test_withdraw_by_nation_and_by_unit():
    s, events = fire([{"withdraw": {"nation": "US"}}])
    assert [s.unit(u).location for u in ("r1", "b1", "b2")] == [Location.MAP, Location.WITHDRAWN,
                                                                 Location.WITHDRAWN]
    assert [e.text for e in kinds(events, "UnitWithdrawn")] == ["B1 is withdrawn from Korea.",
                                                                "B2 is withdrawn from Korea."]
    s, _ = fire([{"withdraw": {"units": ["r1"]}}])
    assert s.unit("r1").location is Location.WITHDRAWN and s.unit("r1").hex is None
    assert s.unit("b1").location is Location.MAP


def test_supply_changes_the_range():
    s, _ = fire([{"supply": {"bloc": "communist", "range": -2}}, {"supply": {"bloc": "communist", "range": -1}}])
    assert int(s.supply_bonus[s.config.bloc_code("communist")]) == -3
    assert supply_range(s, "communist") == 7 * HALF and supply_range(s, "un") == 10 * HALF


def test_air_sets_mig_alley_and_air_support():
    s, _ = fire([{"air": {"mig_alley": True}}])
    assert flags_of(s)["mig_alley"] is True and flags_of(s)["no_air_support"] is False
    s, _ = fire([{"air": {"air_support": False}}])
    assert flags_of(s)["no_air_support"] is True


DECISIONS = [
    {"id": "truce", "seat": "red", "title": "Offer a truce", "offered": True, "effects": [{"set_flag": "truce"}]},
    {"id": "escalate", "seat": "blue", "title": "Do it", "history": "H", "idea": "limited_war",
     "effects": [{"set_flag": "done"}, {"track": {"name": "t", "add": 5}}]},
]


def test_offer_makes_an_offered_decision_available():
    # without the offer: red has no decision, its turn starts in the movement phase
    s, _ = play({"decisions": DECISIONS, "tracks": {"t": {}}})
    assert s.phase is Phase.MOVEMENT and available_decisions(s, "red") == []
    # rule: offer truce / actions: take it / expected: red's political phase, then the effect
    s, _ = fire([{"offer": "truce"}], {"decisions": DECISIONS, "tracks": {"t": {}}})
    assert s.offered[s.setup.decision_index["truce"]] and s.phase is Phase.POLITICAL
    assert legal_actions(s) == [Decide("truce"), EndPhase()]
    s, events = apply(s, Decide("truce"))
    assert flags_of(s)["truce"] == "1950-06-25" and flags_of(s)["decision:truce"] == "1950-06-25"
    assert [e.text for e in kinds(events, "DecisionTaken")] == ["Red: Offer a truce."]
    assert legal_actions(s) == [EndPhase()]       # once: taken


def test_take_decision_forces_it():
    s, events = fire([{"take_decision": "escalate"}], {"decisions": DECISIONS, "tracks": {"t": {}}})
    assert flags_of(s)["done"] == "1950-06-25" and tracks_of(s)["t"] == 5
    (taken,) = kinds(events, "DecisionTaken")
    assert taken.text == "Blue: Do it. (forced)" and taken.seat == "blue"
    assert taken.data["forced"] is True and taken.data["history"] == "H"
    assert kinds(events, "TrackChanged")[0].data["source"] == "decision:escalate"


@pytest.mark.parametrize("verbs, status, texts", [
    (["open"], "open", ["Armistice talks open."]),
    (["open", "suspend"], "suspended", ["Armistice talks open.", "The armistice talks are suspended."]),
    (["open", "suspend", "resume"], "open",
     ["Armistice talks open.", "The armistice talks are suspended.", "Armistice talks open."]),
    (["open", "open"], "open", ["Armistice talks open."]),
])
def test_talks_states(verbs, status, texts):
    s, events = fire([{"talks": v} for v in verbs])
    assert flags_of(s)["talks"] == status
    assert [e.text for e in kinds(events, "TalksChanged")] == texts


def test_talks_advance_moves_the_track_only_while_open():
    doc = {"tracks": {"talks": {"start": 0}}}
    s, _ = fire([{"talks": {"advance": 10}}], doc)
    assert tracks_of(s)["talks"] == 0
    s, _ = fire([{"talks": "open"}, {"talks": {"advance": 10}}], doc)
    assert tracks_of(s)["talks"] == 10


def test_talks_sign_ends_the_war_with_a_dmz():
    s, events = fire([{"talks": "sign"}], {"tracks": {"talks": {"start": 30}}})
    assert s.outcome == "armistice" and s.over and flags_of(s)["talks"] == "signed"
    assert tracks_of(s)["talks"] == 100
    # the line of contact: between DPRK row 1 (communist) and ROK row 2 (un)
    assert len(flags_of(s)["dmz"]) == 13
    assert [e.kind for e in events if e.kind in ("ArmisticeSigned", "GameEnded")] == ["ArmisticeSigned",
                                                                                    "GameEnded"]
    assert kinds(events, "ArmisticeSigned")[0].text.startswith("The armistice is signed on 25 June 1950")
    assert legal_actions(s) == []


def test_talks_progress():
    # 1 + 0.1 x mean weariness (40, 20) - 3 for the UN's hard POW line = 1.0; no stable front yet
    doc = {"tracks": {"talks": {}, "weariness_a": {"start": 40}, "weariness_b": {"start": 20}},
           "flags": {"talks": "open", "pow_hardline_un": True},
           "rules": [{"id": "table", "once": False,
                      "effects": [{"talks_progress": {"base": 1, "per_weariness": 0.1, "stable_front": 2,
                                                      "hardline": 3}}]}]}
    s, _ = play(doc)
    assert tracks_of(s)["talks"] == 1.0
    s = end_turn(end_turn(s))                          # turn 3: the front has been stable 2 turns: +2 more
    assert flags_of(s)["stable_turns"] == 2
    assert tracks_of(s)["talks"] == 1.0 + 1.0 + 3.0


def test_talks_progress_does_nothing_while_closed():
    doc = {"tracks": {"talks": {}}, "rules": [{"id": "table", "effects": [{"talks_progress": {"base": 5}}]}]}
    assert tracks_of(play(doc)[0])["talks"] == 0


def test_end_game():
    s, events = fire([{"end_game": {"outcome": "general_war", "text": "The war spreads."}},
                      {"set_flag": "after"}])
    assert s.outcome == "general_war" and "after" not in flags_of(s)
    (ended,) = kinds(events, "GameEnded")
    assert ended.text == "The war spreads." and ended.data["outcome"] == "general_war"
    assert legal_actions(s) == []


# -- check points, once, the loop guard ----------------------------------------------------------------------

def counter(check, once=False, when=None):
    rule = {"id": "c", "once": once, "check": check, "effects": [{"track": {"name": "n", "add": 1}}]}
    if when:
        rule["when"] = when
    return {"tracks": {"n": {"max": 1000}}, "rules": [rule]}


def test_check_points():
    # after_action: once per action (3 EndPhase)
    s, _ = play(counter(["after_action"]), [EndPhase()] * 3)
    assert tracks_of(s)["n"] == 3
    # seat_start: red's seat at the start, then blue's
    s, _ = play(counter("seat_start"), [EndPhase()] * 2)
    assert tracks_of(s)["n"] == 2
    # seat_end: red's seat ended
    s, _ = play(counter("seat_end"), [EndPhase()] * 2)
    assert tracks_of(s)["n"] == 1
    # turn_start (the default): the game's start, then turn 2
    s, _ = play({"tracks": {"n": {}}, "rules": [{"id": "c", "once": False,
                                                  "effects": [{"track": {"name": "n", "add": 1}}]}]})
    assert tracks_of(s)["n"] == 1 and tracks_of(end_turn(s))["n"] == 2


def test_once_fires_once_a_game():
    s, _ = play(counter(["after_action"], once=True), [EndPhase()] * 3)
    assert tracks_of(s)["n"] == 1 and flags_of(s)["rule:c"] == 1


PING_PONG = {"flags": {"a": True, "b": False}, "rules": [
    {"id": "ping", "once": False, "when": {"flag": "a"}, "check": ["turn_start", "after_action"],
     "text": "ping", "effects": [{"clear_flag": "a"}, {"set_flag": "b"}]},
    {"id": "pong", "once": False, "when": {"flag": "b"}, "check": ["turn_start", "after_action"],
     "text": "pong", "effects": [{"clear_flag": "b"}, {"set_flag": "a"}]},
]}


def test_rules_that_trigger_each_other_do_not_hang():
    # rule: ping sets pong's trigger and pong sets ping's / actions: 3 / expected: each check ends,
    # each rule fires at most once per check
    s, events = play(PING_PONG, [EndPhase()] * 3)
    texts = [e.text for e in kinds(events, "RuleFired")]
    assert texts == ["ping", "pong"] * 4            # the start, then one check per action
    assert flags_of(s)["rule:ping"] == flags_of(s)["rule:pong"] == 4


def test_the_guard_stops_a_check_after_max_passes():
    # rule k is triggered by rule k+1 (file order reversed): one rule fires per pass
    n = MAX_PASSES + 2
    rules = [{"id": f"r{k}", "when": {"flag": f"f{k + 1}"}, "effects": [{"set_flag": f"f{k}"}]} for k in range(n)]
    s, events = play({"flags": {f"f{n}": True}, "rules": rules})
    (stopped,) = kinds(events, "RuleLoopStopped")
    assert stopped.text == f"Rules at turn_start kept firing each other; stopped after {MAX_PASSES} passes."
    assert sum(f"rule:r{k}" in flags_of(s) for k in range(n)) == MAX_PASSES
    assert not s.over and legal_actions(s)          # play goes on


# -- chance ---------------------------------------------------------------------------------------------------

CHANCE = {"rules": [{"id": "maybe", "chance": 0.3, "effects": [{"set_flag": "hit"}]}]}


def test_chance_fires_in_about_its_share_of_seeds():
    hits = sum("hit" in flags_of(play(CHANCE, seed=seed)[0]) for seed in range(600))
    assert 0.24 * 600 <= hits <= 0.36 * 600


def test_chance_same_seed_same_result():
    for seed in range(20):
        a, ea = play(CHANCE, [EndPhase()] * 5, seed=seed)
        b, eb = play(CHANCE, [EndPhase()] * 5, seed=seed)
        assert a.checksum() == b.checksum()
        assert [e.to_dict() for e in ea] == [e.to_dict() for e in eb]
    (roll,) = kinds(play(CHANCE, seed=3)[1], "ChanceRolled")
    assert roll.data["p"] == 0.3 and roll.data["dice"] is True and not roll.public


@pytest.mark.parametrize("chance, value", [
    ({"base": 0.1}, 0.1),
    ({"base": 0.1, "add": [{"when": {"flag": "yes"}, "value": 0.2}, {"when": {"flag": "no"}, "value": 0.5}]}, 0.3),
    ({"base": 0.1, "per_track": [{"track": "t", "per_point": 0.01}]}, 0.5),
    ({"base": 0.9, "add": [{"when": {"flag": "yes"}, "value": 0.5}]}, 1.0),
    ({"base": 0.2, "add": [{"when": {"flag": "yes"}, "value": -0.5}]}, 0.0),
])
def test_chance_forms(chance, value):
    doc = {"flags": {"yes": True, "no": False}, "tracks": {"t": {"start": 40}},
           "rules": [{"id": "maybe", "chance": chance, "effects": []}]}
    s, events = play(doc)
    rule = s.config.politics.rules[0]
    assert rule.chance.value(s) == pytest.approx(value)
    rolled = kinds(events, "ChanceRolled")
    assert len(rolled) == (1 if 0 < value < 1 else 0)        # certain and impossible rules roll no dice
    assert ("rule:maybe" in flags_of(s)) == (value == 1.0 or (0 < value < 1 and rolled[0].data["roll"] < value))


def test_balance_is_computed_at_the_start():
    # equal forces in Korea (one 4/4 unit each): force 0; Korean land: un 14 hexes, communist 7 of 21
    s, _ = play({"tracks": {"balance": {"min": -100, "max": 100}}})
    assert tracks_of(s)["balance"] == 16.67
    # declared with the default range 0..100, a communist edge would be cut at 0
    s, _ = play({"tracks": {"balance": {}}}, before=lambda s: s.control.fill(1))
    assert tracks_of(s)["balance"] == 0
