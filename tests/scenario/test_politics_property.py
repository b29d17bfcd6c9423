"""Property: any rule file built from the vocabulary that validates plays without crashing the engine.

Hypothesis draws politics sections (tracks, regions, flags, rules, decisions,
scoring) from small pools of valid arguments, appends them to the tiny
scenario (tests/scenario/good/tiny.yaml without its victory places, on the
fixture map), validates the
text like a file, and plays a few turns of random legal actions (decisions
included).  Every rule file so drawn must validate, and the game must run with
its tracks in range and a state that still checksums (flags stay plain data).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import yaml
from helpers import tracks_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.actions import EndPhase
from game.engine.api import apply, legal_actions
from game.engine.api import start as start_game
from game.engine.creation import new_state
from game.engine.politics.scoring import scores
from game.scenario.loader import build_config, build_units
from game.scenario.validate import validate_text

SEATS = ["red", "rok", "un"]
BLOCS = ["communist", "un"]
NATIONS = ["kpa", "pva", "rok", "us", "uk"]
PLACES = ["pyongyang", "seoul", "pusan", "kaesong", "wonsan", "inchon", "antung"]
UNITS = ["kpa_1", "kpa_2", "rok_1", "us_24", "us_25", "pva_1", "pva_2"]
TRACKS = {"escalation": {"thresholds": {"mig_alley": 40}}, "swing": {"min": -50, "max": 50, "start": 0},
          "talks": {}, "weariness_un": {"start": 20}, "balance": {"min": -100, "max": 100}}
REGIONS = {"north": {"country": "DPRK"}, "south": {"country": "ROK"}, "yalu": {"border": ["DPRK", "PRC"]},
           "capital": {"places": ["seoul"], "radius": 1}, "high": {"north_of": 38.5}}
FLAGS = {"f1": False, "f2": True, "stage": "neutral", "g1": None, "g2": None}
SET_FLAGS = ["f1", "f2", "g1", "g2"]
DECISION_IDS = ["d0", "d1", "d2"]          # d0 and d1 once, d2 repeatable
ONCE_DECISIONS = ["d0", "d1"]
TURNS = 4                                  # turns of random play per example
OUTCOMES = ["armistice", "general_war", "unification:un", "unification:communist", "last_turn", "ceasefire"]

names = st.sampled_from
some = lambda pool: st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique=True)  # noqa: E731
days = st.dates(date(1950, 6, 1), date(1950, 9, 30))


@st.composite
def selectors(draw) -> dict:
    out = {}
    for key, pool in (("seat", SEATS), ("bloc", BLOCS), ("nation", NATIONS), ("exclude_nation", NATIONS)):
        if draw(st.booleans()) and draw(st.booleans()):
            out[key] = draw(st.one_of(names(pool), some(pool)))
    return out


def leaf_conditions():
    lat = st.floats(37.0, 40.0, allow_nan=False).map(lambda x: round(x, 2))
    return st.one_of(
        st.builds(lambda d: {"date": {"from": d}}, days),
        st.builds(lambda d: {"date": {"until": d}}, days),
        st.builds(lambda a, b: {"turn": {"min": a, "max": a + b}}, st.integers(1, 4), st.integers(0, 4)),
        st.builds(lambda f: {"flag": f}, names(list(FLAGS) + SET_FLAGS)),
        st.builds(lambda v: {"flag": {"name": "stage", "equals": v}}, names(["neutral", "warning"])),
        st.builds(lambda t, op, v: {"track": {"name": t, op: v}}, names(list(TRACKS)),
                  names(["at_least", "above", "below", "at_most"]), st.integers(-20, 60)),
        st.builds(lambda k, la, n, s: {k: {"lat": la, "count": n, **s}},
                  names(["units_north_of", "units_south_of"]), lat, st.integers(1, 3), selectors()),
        st.builds(lambda r, n, s: {"units_in_region": {"region": r, "count": n, **s}}, names(list(REGIONS)),
                  st.integers(1, 2), selectors()),
        st.builds(lambda r, w, s: {"near_region": {"region": r, "within": w, **s}}, names(list(REGIONS)),
                  st.integers(0, 4), selectors()),
        st.builds(lambda b, p, a: {"controls": {"bloc": b, "places": p, "all": a}}, names(BLOCS), some(PLACES),
                  st.booleans()),
        st.builds(lambda s, n: {"losses": {"seat": s, "at_least": n}}, st.one_of(names(SEATS), some(SEATS)),
                  st.integers(0, 6)),
        st.builds(lambda n: {"front_stable": {"turns": n}}, st.integers(1, 3)),
        st.builds(lambda v: {"talks": v}, names(["closed", "open", "suspended", "signed"])),
        st.builds(lambda s: {"seat_active": s}, names(SEATS)),
    )


conditions = st.recursive(
    leaf_conditions(),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner),
    ),
    max_leaves=4,
)

common_effects = st.one_of(
    st.builds(lambda f: {"set_flag": f}, names(SET_FLAGS)),
    st.builds(lambda v: {"set_flag": {"name": "stage", "value": v}}, names(["neutral", "warning"])),
    st.builds(lambda f: {"clear_flag": f}, names(["f1", "f2", "g1", "stage"])),
    st.builds(lambda t, n: {"track": {"name": t, "add": n}}, names(list(TRACKS)), st.integers(-30, 30)),
    st.builds(lambda t, n: {"track": {"name": t, "set": n}}, names(list(TRACKS)), st.integers(-200, 200)),
    st.builds(lambda t, s, k: {"track_per_loss": {"name": t, "seat": s, "per_step": k}}, names(list(TRACKS)),
              some(SEATS), st.sampled_from([-1, 0.5, 2])),
    st.builds(lambda i: {"log": {"text": "Something happens.", "idea": i}}, names(["limited_war", "proxy_war"])),
    st.builds(lambda u: {"reinforce": {"units": u}}, some(UNITS)),
    st.builds(lambda n: {"withdraw": {"nation": n}}, some(NATIONS)),
    st.builds(lambda u: {"withdraw": {"units": u}}, some(UNITS)),
    st.builds(lambda b, n: {"supply": {"bloc": b, "range": n}}, names(BLOCS), st.integers(-3, 3)),
    st.builds(lambda k, v: {"air": {k: v}}, names(["mig_alley", "air_support"]), st.booleans()),
    st.builds(lambda d: {"offer": d}, names(DECISION_IDS)),
    # Only once-decisions are forced: repeatable decisions forcing each other are refused by the validator.
    st.builds(lambda d: {"take_decision": d}, names(ONCE_DECISIONS)),
    st.builds(lambda v: {"talks": v}, names(["open", "suspend", "resume"])),
    st.builds(lambda n: {"talks": {"advance": n}}, st.integers(-10, 30)),
    st.builds(lambda a, b, c, d: {"talks_progress": {"base": a, "per_weariness": b, "stable_front": c,
                                                     "hardline": d}},
              st.integers(0, 5), st.sampled_from([0, 0.05, 0.5]), st.integers(0, 3), st.integers(0, 3)),
)
#: Effects that end the game: drawn one time in ten, so most games run their turns.
ending_effects = st.one_of(
    st.just({"talks": "sign"}),
    st.builds(lambda o: {"end_game": {"outcome": o, "text": "It ends."}}, names(OUTCOMES)),
)
effects = st.integers(0, 9).flatmap(lambda k: ending_effects if k == 9 else common_effects)

chances = st.one_of(
    st.sampled_from([0, 0.3, 0.5, 1]),
    st.builds(lambda b, c, v, t, k: {"base": b, "add": [{"when": c, "value": v}],
                                     "per_track": [{"track": t, "per_point": k}]},
              st.sampled_from([0, 0.2, 0.6]), conditions, st.sampled_from([-0.3, 0.2]), names(list(TRACKS)),
              st.sampled_from([-0.01, 0.005])),
)


@st.composite
def rule(draw, i: int) -> dict:
    out: dict = {"id": f"r{i}", "effects": draw(st.lists(effects, min_size=1, max_size=3)),
                 "once": draw(st.booleans()),
                 "check": draw(st.lists(names(["turn_start", "seat_start", "seat_end", "after_action"]),
                                        min_size=1, max_size=4, unique=True))}
    if draw(st.booleans()):
        out["when"] = draw(conditions)
    if draw(st.booleans()):
        out["chance"] = draw(chances)
    if draw(st.booleans()):
        out.update(text="A rule fires.", history="Once upon a time.", idea="balance_of_power")
    return out


@st.composite
def decision(draw, did: str) -> dict:
    out = {"id": did, "seat": draw(names(SEATS)), "title": f"Decision {did}",
           "effects": draw(st.lists(effects, min_size=1, max_size=3)), "once": did in ONCE_DECISIONS,
           "offered": draw(st.booleans()), "ai_weight": draw(st.sampled_from([0, 0.5, 1]))}
    if draw(st.booleans()):
        out["when"] = draw(conditions)
    return out


@st.composite
def politics(draw) -> dict:
    n = draw(st.integers(1, 6))
    doc = {"tracks": TRACKS, "regions": REGIONS, "flags": FLAGS,
           "rules": [draw(rule(i)) for i in range(n)],
           "decisions": [draw(decision(d)) for d in DECISION_IDS]}
    if draw(st.booleans()):
        doc["scoring"] = {"ground": 1, "outcome": {draw(names(OUTCOMES)): {"all": -10, "un": 5}},
                          "historical": {"ground": {"un": 5, "communist": 5}, "escalation_peak": 30,
                                         "outcome": draw(names(OUTCOMES))}}
    return doc


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=politics(), seed=st.integers(0, 2**16))
def test_valid_rule_files_never_crash_the_engine(board, tiny_text, doc, seed):
    # Without victory places: a random landing at Pyongyang would "unify" Korea on turn 1 of this tiny map.
    text = tiny_text.split("victory_places:")[0] + yaml.safe_dump(doc, sort_keys=False)
    validated = validate_text(text, "generated.yaml", "tiny", board)
    assert validated.problems == [], "\n".join(str(p) for p in validated.problems)
    assert validated.politics is not None
    config = build_config(validated.data, board, validated.politics)
    state, _ = start_game(new_state(board, config, build_units(validated.data, board), seed))
    rng = np.random.default_rng(seed)
    for _ in range(200):
        if state.over or state.turn > TURNS:
            break
        legal = legal_actions(state)
        action = EndPhase() if rng.random() < 0.35 else legal[int(rng.integers(len(legal)))]
        state, _ = apply(state, action)
        for name, spec in validated.politics.tracks.items():
            assert spec.lo <= tracks_of(state)[name] <= spec.hi, name
    assert len(state.checksum()) == 64
    assert set(scores(state)) == set(SEATS)
