"""The log's words for places and numbers: each hex one name, from the nearest place, fitted to its sentence;
tracks in whole points, as the gauges show them (play-test report: 'UN Command takes near Haeju', 'advances into
near Haeju', '65 km north-west of Yonchon' for a hex two hexes from Kaesong, 'Armistice talks +29.75')."""

import pytest

from game.engine.hexes import Hex
from game.engine.narrate import NEAR, journey, nearest_place, place_words, where
from game.engine.primitives import event
from game.engine.words import change, points
from game.scenario.loader import load_scenario


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial").start_game(1)[0]


def test_a_hex_is_named_after_the_nearest_place(tutorial):
    """The place that names a hex is one of the nearest (a border only breaks ties), so a hex two hexes from
    Kaesong is 'near Kaesong', not '50 km east of Haeju', and one three hexes from it is not named after Yonchon,
    four hexes off."""
    board = tutorial.board
    places = list(board.places.values())
    for i in range(board.size):
        h = board.hex_at(i)
        if not board.is_land(i) or board.place_at(h):
            continue
        d, place = nearest_place(board, h)
        assert d == min(p.hex.distance(h) for p in places), (h, place.name)
        assert where(board, h).startswith("near ") == (d <= NEAR), (h, where(board, h))
    assert where(board, Hex(-8, 41)) == "near Kaesong"
    assert "Yonchon" not in where(board, Hex(-6, 39)) and "Kaesong" in where(board, Hex(-6, 39))


def test_every_sentence_reads_a_hex_by_its_one_name(tutorial):
    """Whatever the sentence, a hex keeps its name; 'near' and 'km of' names never follow 'into', 'to', 'from',
    'on' or a verb that wants a noun."""
    board = tutorial.board
    for i in range(0, board.size, 7):
        h = board.hex_at(i)
        if not board.is_land(i):
            continue
        name = where(board, h)
        for role in ("at", "to", "into", "from", "ground", "on"):
            text = place_words(board, h, role)
            assert text.endswith(name), (role, text)
            for bad in ("into near", "to near", "from near", "on near", "into 1", "to 1", "from 1", "on 1"):
                assert not text.startswith(bad), (role, text)
    haeju = board.places["haeju"].hex
    near = Hex(-10, 41)
    assert where(board, near) == "near Haeju"
    assert place_words(board, near, "ground") == "the ground near Haeju"
    assert place_words(board, near, "into") == "to a hex near Haeju"
    assert place_words(board, haeju, "into") == "into Haeju" and place_words(board, haeju, "on") == "on Haeju"
    assert place_words(board, near, "on") == "near Haeju"
    # Two hexes of one name: the move by its length and bearing, both hexes still 'near Haeju'.
    assert journey(board, near, Hex(-9, 39)) == "30 km north, still near Haeju"


def test_the_log_sentences_put_places_in_their_roles(tutorial):
    s = tutorial
    near, haeju = Hex(-10, 41), s.board.places["haeju"].hex
    say = lambda kind, hexes, **data: event(s, kind, "un", hexes, **data).text  # noqa: E731
    assert say("HexCaptured", (near,), at=list(near), seat_id="un") == "UN Command takes the ground near Haeju."
    assert say("UnitAdvanced", (haeju, near), unit="us_1st_cav_div", to=list(near)) == \
        "1st Cavalry Division advances to a hex near Haeju."
    assert say("UnitRetreated", (near, haeju), unit="us_1st_cav_div", to=list(haeju), **{"from": list(near)}) == \
        "1st Cavalry Division retreats from a hex near Haeju into Haeju."
    assert say("UnitMoved", (haeju, near), unit="us_1st_cav_div", to=list(near), **{"from": list(haeju)}) == \
        "1st Cavalry Division moves from Haeju to a hex near Haeju."


def test_track_changes_read_in_whole_points_as_the_gauges():
    """One rule: whole points everywhere, a move the gauge does not show is '+<1'."""
    assert points(29.75) == 30 and points(0.3) == 0 and points(0.5) == 1 and points(-2.5) == -2
    assert change(0, 29.75) == "+30" and change(29.75, 59.5) == "+30" and change(30, 25) == "-5"
    assert change(0, 0.3) == "+<1" and change(0.3, 0.1) == "-<1" and change(0.4, 0.8) == "+1"


def test_the_talks_open_at_thirty_not_at_twenty_nine_point_seven_five(tutorial):
    from game.engine.politics.acts import FireContext, move_track
    s = tutorial.clone()
    events = move_track(s, "talks", 29.75, None, FireContext("test"))
    assert [e.text for e in events] == ["Armistice talks +30 (now 30 of 100)."]
    events = move_track(s, "talks", 0.1, None, FireContext("test"))
    assert [e.text for e in events] == ["Armistice talks +<1 (now 30 of 100)."]


def test_the_other_side_reads_an_unidentified_unit_as_an_enemy_unit():
    """Review: a stop the other side saw named the unit by its true name even when that side could not identify it."""
    from game.engine.events import Event
    from game.engine.narrate import render_for_other_side
    from game.scenario.loader import load_scenario
    sc = load_scenario("tutorial")
    setup = sc.setup
    uid = setup.units.ids[0]
    e = Event(kind="UnitStopped", seat=None, hexes=(), public=False, data={"unit": uid, "at": [0, 0],
              "say": "UnitStopped.convoy"}, turn=1, date=sc.start, setup=setup)
    assert setup.units.names[0] in render_for_other_side(e)
    unknown = render_for_other_side(e, "an enemy unit")
    assert setup.units.names[0] not in unknown and "with an enemy unit" in unknown and unknown[0].isupper()
