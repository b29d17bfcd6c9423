"""The real campaign file and the format reference, against the real map (assets/map/hexmap.json)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest

from game.engine.politics.conditions import CONDITIONS
from game.engine.politics.effects import EFFECTS, OUTCOMES
from game.engine.politics.model import CHECK_POINTS, IDEAS
from game.engine.units import Location
from game.paths import MAP_FILE, SCENARIOS_DIR
from game.scenario.loader import check_scenario, load_scenario, scenario_ids
from game.scenario.mapfile import load_board
from game.scenario.schema import HISTORICAL_KEYS, SECTIONS, UNIT_FIELDS, Loose, Record
from game.scenario.validate import ENGINE_KEPT, validate_text

needs_map = pytest.mark.skipif(not MAP_FILE.is_file(), reason="assets/map/hexmap.json not built yet")
README = SCENARIOS_DIR / "README.md"


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


@needs_map
def test_every_scenario_in_the_folder_is_valid():
    for sid in scenario_ids():
        assert check_scenario(sid) == [], sid


@needs_map
def test_campaign_order_of_battle(campaign):
    units = campaign.units
    on_map = [u for u in units if u.location is Location.MAP]
    assert len(on_map) >= 18
    assert len(units) >= 100
    assert [s.id for s in campaign.config.seats] == ["dprk_prc", "rok", "un"]
    start = Counter(u.seat for u in on_map)
    assert start["dprk_prc"] >= 9 and start["rok"] >= 8 and start["un"] == 0
    # every unit starts or arrives inside the war
    assert all(u.arrives is None or date(1950, 6, 25) <= u.arrives <= date(1953, 7, 27) for u in units)
    pva = [u for u in units if u.nation == "prc"]
    assert len(pva) >= 30 and all(u.hidden and u.infiltrates for u in pva)
    # The Chinese enter when Beijing decides (a flag), the armies spaced as history spaced them.
    assert all(u.requires == "pva_entered" for u in pva)
    assert min(u.delay_days for u in pva) == 0 and max(u.delay_days for u in pva) >= 100
    by_id = {u.id: u for u in units}
    assert by_id["us_1st_mar_div"].amphibious and by_id["us_1st_mar_div"].arrives_at == "japan"
    assert by_id["us_1st_cav_div"].arrives_at == "pohang"
    assert by_id["kpa_105th_armd_bde"].is_armour
    assert not by_id["rok_1st_div"].anti_tank
    # the KPA starts north of the parallel, the ROK south (except the 766th's landing)
    board = campaign.board
    for u in on_map:
        lat = float(board.lat[board.index(u.hex)])
        if u.seat == "rok":
            assert lat < 38.0, u.id
        elif u.id != "kpa_766th_unit":
            assert lat > 38.0, u.id


@needs_map
def test_campaign_calendar(campaign):
    dates = campaign.config.calendar.turn_dates()
    assert dates[0] == date(1950, 6, 25) and dates[-1] <= date(1953, 7, 27)
    steps = [(b - a).days for a, b in zip(dates, dates[1:])]
    switch = dates.index(date(1951, 7, 1))
    assert set(steps[:switch]) == {7} and set(steps[switch:]) == {14}
    assert dates[-1] + timedelta(days=14) > date(1953, 7, 27)


@needs_map
def test_campaign_builds_states_deterministically(campaign):
    a, b = campaign.new_game(1950), campaign.new_game(1950)
    assert a.checksum() == b.checksum()
    assert campaign.new_game(1951).checksum() != a.checksum()
    assert len(a.units) == len(campaign.units)
    names = {s.name for s in campaign.config.supply_sources}
    assert "Pusan (port of entry from Japan)" in names
    assert {v.place for v in campaign.config.victory_places} >= {"seoul", "pyongyang", "pusan"}


# -- the format reference ---------------------------------------------------------------

def _readme_keys() -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", README.read_text(encoding="utf-8")))


def test_readme_documents_every_key():
    documented = _readme_keys()
    missing = []

    def walk(record: Record, where: str) -> None:
        for key, f in record.fields.items():
            if key not in documented:
                missing.append(f"{where}{key}")
            spec = f.spec
            while hasattr(spec, "item"):
                spec = spec.item
            if hasattr(spec, "value") and isinstance(spec.value, (Record, Loose)):
                spec = spec.value
            if isinstance(spec, Record):
                walk(spec, f"{where}{key}.")
            if isinstance(spec, Loose):     # a politics record: its keys are the engine's
                missing.extend(f"{where}{key}.{k}" for k in spec.keys if k not in documented)

    walk(Record(SECTIONS), "")
    assert not missing, f"keys not documented in scenarios/README.md: {missing}"
    assert set(UNIT_FIELDS) <= documented
    # the politics vocabulary: every condition and effect keyword, idea, check point and engine-kept flag
    words = {"condition": CONDITIONS, "effect": EFFECTS, "idea": IDEAS, "check point": CHECK_POINTS,
             "engine-kept flag": list(ENGINE_KEPT) + ["pow_hardline_un", "pow_hardline_communist"],
             "scoring.historical key": HISTORICAL_KEYS}
    for what, keys in words.items():
        undocumented = [k for k in keys if k not in documented]
        assert not undocumented, f"{what}s not documented in scenarios/README.md: {undocumented}"
    text = README.read_text(encoding="utf-8")
    assert all(f"`{o}`" in text for o in OUTCOMES)


@needs_map
def test_readme_example_is_valid():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- example: tiny -->\s*```yaml\n(.*?)```", text, re.S)
    assert block, "the README's example block is missing"
    result = validate_text(block.group(1), "README example", "example", load_board())
    assert result.problems == []


@needs_map
def test_pva_crossing_at_a_bare_hex_enters(campaign):
    from game.engine.actions import EndPhase
    from game.engine.api import apply
    from game.engine.state import set_flag_value
    state = campaign.new_game(1)
    set_flag_value(state, "pva_entered", state.date.isoformat())   # Beijing decides on the first day (a what-if)
    for _ in range(9):                                     # to the end of the DPRK/PRC seat's next turn
        state, _ = apply(state, EndPhase())
    ji_an = [u for u in state.unit_views().values() if u.arrives_at == "hex:4,16" and u.delay_days == 0]
    assert ji_an and all(u.location is Location.MAP for u in ji_an)


@needs_map
def test_the_kpa_railheads_in_the_south_serve_until_china_s_armies_cross(campaign):
    # The 1950 KPA lived on captured railways; the PVA of 1951 on what came down from the Yalu (the scenario's note).
    from game.engine.state import set_flag_value
    from game.engine.supply import supply_sources
    state = campaign.new_game(1)
    taejon = state.board.index(state.board.places["taejon"].hex)
    seoul = state.board.index(state.board.places["seoul"].hex)
    state.control[[taejon, seoul]] = state.config.bloc_code("communist")
    # The depots are linked (they serve while a route from the north is open): clear the UN side's units from the map,
    # as after the KPA's drive south.
    from game.engine.units import ELIMINATED
    state.loc[state.units.bloc == state.config.bloc_code("un")] = ELIMINATED
    assert {taejon, seoul} <= set(supply_sources(state, "communist"))
    set_flag_value(state, "pva_entered", state.date.isoformat())
    served = set(supply_sources(state, "communist"))
    assert taejon not in served and seoul not in served    # Seoul too lies south of the parallel
    pyongyang = state.board.index(state.board.places["pyongyang"].hex)
    assert pyongyang in served                             # the depots in the North serve on


@needs_map
def test_china_s_entry_fills_the_communist_ranks(campaign):
    # The KPA of 1950 had no depth of manpower; the side China joined had China's (replacements_after).
    from game.engine.state import set_flag_value
    state = campaign.new_game(1)
    before = state.config.replacement_steps("dprk_prc", state.flag)
    set_flag_value(state, "pva_entered", state.date.isoformat())
    assert (before, state.config.replacement_steps("dprk_prc", state.flag)) == (1, 4)
    assert state.config.replacement_steps("un", state.flag) == 3
