"""Starting control: a mid-war scenario's front is where it was on its start date, not on the 1950 border."""

from game.engine.board import Country
from game.scenario.loader import load_scenario


def holder_bloc(state, place):
    code = int(state.control[state.board.index(state.board.places[place].hex)])
    return state.config.blocs[code - 1] if code else None


def test_pusan_perimeter_starts_with_the_kpa_holding_the_south_outside_it():
    state = load_scenario("pusan-perimeter").new_game(1)
    for place in ("pusan", "taegu", "masan", "pohang"):
        assert holder_bloc(state, place) == "un", place
    for place in ("seoul", "taejon", "kwangju", "kunsan", "chonan"):
        assert holder_bloc(state, place) == "communist", place
    south = (state.board.country == int(Country.ROK)) & (state.board.terrain >= 2)
    share = float((state.control[south] == state.config.bloc_code("un")).mean())
    assert 0.05 < share < 0.3


def test_units_stand_on_ground_their_side_holds():
    for sid in ("pusan-perimeter", "inchon", "chinese-intervention", "stalemate-talks", "macarthur-unleashed"):
        state = load_scenario(sid).new_game(1)
        for u in state.unit_views().values():
            if u.location.value == "map":
                code = int(state.control[state.board.index(u.hex)])
                assert state.config.blocs[code - 1] == state.bloc_of(u.seat), (sid, u.id)


def test_the_stalemate_line_gives_kaesong_north_and_chorwon_south():
    state = load_scenario("stalemate-talks").new_game(1)
    assert holder_bloc(state, "kaesong") == "communist"
    assert holder_bloc(state, "chorwon") == "un" and holder_bloc(state, "sokcho") == "un"
