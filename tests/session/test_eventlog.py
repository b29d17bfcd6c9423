"""The log under fog: a seat reads its own events, public ones, and what it could see."""

from helpers import tiny_board, tiny_state, unit

from game.engine.actions import MoveUnit
from game.engine.api import apply, observe
from game.engine.api import start as start_game
from game.engine.hexes import Hex
from game.session.eventlog import readable


def test_enemy_moves_out_of_sight_are_not_read():
    b = tiny_board(["c" * 12])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0)), unit("b", "blue", Hex(11, 0))]))
    s2, events = apply(s, MoveUnit("r", Hex(2, 0)))
    assert any(e.kind == "UnitMoved" for e in events)
    assert [x.text for x in readable(observe(s2, "blue"), events)] == []
    assert any(x.own for x in readable(observe(s2, "red"), events))


def test_enemy_move_seen_in_part_hides_its_origin():
    b = tiny_board(["c" * 12])
    s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0), movement=6), unit("b", "blue", Hex(8, 0))]))
    s2, events = apply(s, MoveUnit("r", Hex(6, 0)))   # blue sees 2 hexes: only the end of the path
    texts = [x.text for x in readable(observe(s2, "blue"), events)]
    assert any("R seen moving" in t for t in texts), texts
    assert not any("from" in t for t in texts)


def test_a_lesson_for_one_seat_is_read_by_that_seat_only():
    """The tutorial's turn-2 politics lesson (a log entry ``to: un``) reaches the UN player's log, not the DPRK/PRC
    player's: in hot-seat play a tip meant for one side was shown to the other."""
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 3, {s: "human" for s in ("dprk_prc", "rok", "un")})
    table = Table(match)
    agents = make_agents(match, "random", 3)
    while match.turn <= 2:
        seat = match.active_seat
        table.submit(agents[seat].choose(match.view(seat)))
    texts = {seat: [e.text for e in entries] for seat, entries in table.logs.entries.items()}
    lesson = "Politics: take 'Seek a General Assembly resolution'"
    assert any(t.startswith(lesson) for t in texts["un"])
    for other in ("dprk_prc", "rok"):
        assert not any(t.startswith(lesson) for t in texts[other]), other
    # What a rule says for everyone still reaches everyone: the welcome and the turn-2 note.
    assert all(any(t.startswith("Welcome to Armistice") for t in texts[s]) for s in texts)
    assert all(any(t.startswith("Turn 2. The front line") for t in texts[s]) for s in texts)


def test_the_log_tells_places_and_armies_apart():
    """Words a player can read: no 'near near', no move 'from near Chorwon to near Chorwon', a hex in the South
    named after a southern town where one is about as near, and the army in front of a name two armies share."""
    from game.engine.board import Country
    from game.engine.narrate import ACROSS_BORDER, journey, where
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents
    from game.session.table import Table
    sc = load_scenario("1950-invasion")
    names = {u.name for u in sc.units}
    assert {"KPA 6th Infantry Division", "ROK 6th Infantry Division"} <= names
    assert "14th Regiment, 6th Division" in names               # a name only one army uses stays as written
    board = sc.board
    chorwon = board.places["chorwon"].hex
    near = [h for h in board.hexes_within(chorwon, 2) if h != chorwon and board.is_land(board.index(h))] \
        if hasattr(board, "hexes_within") else [chorwon.neighbor(d) for d in range(6)]
    a, b = near[0], near[-1]
    assert where(board, a) == where(board, b) == "near Chorwon"
    # A move between two hexes of one name goes by its length and bearing; each hex keeps its name.
    assert journey(board, a, b).endswith(", still near Chorwon") and " km " in journey(board, a, b)
    # Whatever the rounding, the two ends of a step never read alike.
    for i in range(board.size):
        if board.is_land(i):
            for j in board.neighbors[i]:
                if j >= 0 and board.is_land(int(j)):
                    text = journey(board, board.hex_at(i), board.hex_at(int(j)))
                    if not text.startswith("from "):
                        continue
                    x, y = text[len("from "):].split(" to ") if " to " in text else text[5:].split(" into ")
                    assert x != y, (board.hex_at(i), board.hex_at(int(j)), text)
    # South of the parallel, a northern town names a hex only where no southern one is about as near.
    south = [board.hex_at(i) for i in range(board.size)
             if int(board.country[i]) == int(Country.ROK) and board.is_land(i) and not board.place_at(board.hex_at(i))]
    places = list(board.places.values())
    for h in south:
        text = where(board, h)
        named = next(p for p in places if text.endswith(p.name) and (text == p.name or " " in text))
        if int(board.country[board.index(named.hex)]) != int(Country.ROK):
            d = named.hex.distance(h)
            assert not any(int(board.country[board.index(p.hex)]) == int(Country.ROK)
                           and p.hex.distance(h) <= d + ACROSS_BORDER - 0.5 for p in places), (h, text)
    # A few turns of play: every seat's log.
    match = Match.start(sc, 2, {s: "human" for s in ("dprk_prc", "rok", "un")})
    table = Table(match)
    agents = make_agents(match, "random", 2)
    while match.turn <= 3:
        seat = match.active_seat
        table.submit(agents[seat].choose(match.view(seat)))
    import re
    texts = [e.text for entries in table.logs.entries.values() for e in entries]
    assert not [t for t in texts if "near near" in t or "to near" in t or "into near" in t or "from near" in t]
    moves = [m.groups() for t in texts if (m := re.search(r" moves (?:by rail )?from (.+) to (.+)\.$", t))]
    assert moves and not [(a, b) for a, b in moves if a == b]


def test_each_side_reads_a_spotting_and_a_stop_from_its_own_side():
    """Play-test: DPRK's log said 'Enemy spotted: 43rd Infantry Division', its own division, and the UN's log told
    why a DPRK division stopped ('it met enemy forces it had not seen').  'Enemy spotted' names only an enemy; a
    unit stopped by unseen forces is its owner's news; the other side reads that it was seen there."""
    b = tiny_board(["c" * 12])
    for hidden in (False, True):
        s, _ = start_game(tiny_state(b, [unit("r", "red", Hex(0, 0), movement=6),
                                          unit("b", "blue", Hex(6, 0), hidden=hidden)]))
        s2, events = apply(s, MoveUnit("r", Hex(5, 0)))           # into blue's unseen zone of control
        assert [e.kind for e in events if e.kind in ("UnitStopped", "UnitSpotted")] == ["UnitStopped", "UnitSpotted"]
        red = [x.text for x in readable(observe(s2, "red"), events)]
        blue = [x.text for x in readable(observe(s2, "blue"), events)]
        assert any(t.startswith("Enemy spotted: B ") for t in red), red
        assert any("met enemy forces it had not seen" in t for t in red), red
        assert not any("Enemy spotted" in t or "had not seen" in t for t in blue), blue
        assert any(t.startswith("R seen moving") for t in blue), blue
        # The blue unit's own side learns it was spotted only when it had been hidden (its counter shows it).
        assert any(t.startswith("B has been spotted by the enemy") for t in blue) == hidden, blue
        # Read without the march, the stop is a sighting.
        stop = [e for e in events if e.kind == "UnitStopped"]
        assert [x.text for x in readable(observe(s2, "blue"), stop)] == ["R was seen at hex (5,0)."]


def test_a_place_taken_is_told_once():
    """A capture of a victory place reads as the place falling, not a second time as ground taken."""
    from game.scenario.loader import load_scenario
    from game.session.match import Match
    from game.session.simulate import make_agents
    from game.session.table import Table
    match = Match.start(load_scenario("tutorial"), 1, {s: "human" for s in ("dprk_prc", "rok", "un")})
    table = Table(match)
    agents = make_agents(match, "random", 1)
    while match.turn <= 3 and not match.over:
        seat = match.active_seat
        table.submit(agents[seat].choose(match.view(seat)))
    places = {(e.turn, e.seat, e.hexes[0]) for e in match.log if e.kind == "PlaceCaptured"}
    assert places, "some place changed hands in three turns"
    for seat, entries in table.logs.entries.items():
        twice = [x.text for x in entries
                 if x.event.kind == "HexCaptured" and (x.event.turn, x.event.seat, x.event.hexes[0]) in places]
        assert not twice, (seat, twice)
