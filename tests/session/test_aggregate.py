"""The aggregate of a study: intervals against known values, quartiles, per-hex shares (issue 11 §2, §5)."""

from __future__ import annotations

import base64

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.session.aggregate import aggregate, difference, render_comparison, render_summary, unpack_held, wilson


def test_wilson_known_values():
    lo, hi = wilson(50, 100)
    assert (round(lo, 2), round(hi, 2)) == (0.40, 0.60)
    assert wilson(50, 100) == pytest.approx((0.4038, 0.5962), abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(0, 10)[1] == pytest.approx(0.2775, abs=1e-4)
    assert wilson(10, 10)[1] == 1.0 and wilson(10, 10)[0] == pytest.approx(0.7225, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)


def test_difference_newcombe_known_value():
    # Newcombe (1998), method 10, example (a): 56/70 against 48/80 -> 0.2000 (0.0524 to 0.3339).
    d, lo, hi = difference(56, 70, 48, 80)
    assert (round(d, 4), round(lo, 4), round(hi, 4)) == (0.2, 0.0524, 0.3339)


@given(st.integers(0, 300), st.integers(1, 300))
def test_wilson_holds_the_share(k, n):
    k = min(k, n)
    lo, hi = wilson(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0


def _run(i: int, outcome: str, score: float, held: list[bool], events: dict) -> dict:
    bits = base64.b64encode(np.packbits(np.array(held, dtype=bool)).tobytes()).decode()
    return {"run": i, "outcome": outcome, "scores": {"un": score, "dprk_prc": -score}, "key_events": events,
            "un_held": bits}


def test_aggregate_of_a_small_study():
    results = [_run(0, "armistice", 1.0, [True, True, False], {"seoul_falls": "1950-06-28"}),
               _run(1, "armistice", 2.0, [True, False, False], {"seoul_falls": "1950-07-02"}),
               _run(2, "last_turn", 3.0, [True, False, False], {}),
               _run(3, "general_war", 6.0, [False, False, False], {"seoul_falls": "1950-07-10"})]
    agg = aggregate({"scenario": "x", "runs": 4, "results": results}, 3)
    assert list(agg["outcomes"]) == ["armistice", "general_war", "last_turn"]
    assert agg["outcomes"]["armistice"]["share"] == 0.5
    assert agg["outcomes"]["armistice"]["interval"] == pytest.approx(list(wilson(2, 4)))
    seoul = agg["key_events"]["seoul_falls"]
    assert seoul["runs"] == 3 and seoul["quartiles"] == ["1950-06-30", "1950-07-02", "1950-07-06"]
    assert seoul["history"] == "1950-06-28"
    assert agg["scores"]["un"]["mean"] == 3.0 and agg["scores"]["un"]["quartiles"] == [1.75, 2.5, 3.75]
    assert agg["un_share_by_hex"] == [0.75, 0.25, 0.0]
    text = render_summary(agg)
    assert "| armistice | 2 | 50% | 15–85% |" in text and "1950-07-02 (1950-06-30 to 1950-07-06)" in text
    both = render_comparison(agg, agg)
    assert "+0 points" in both


def test_unpack_held_round_trip():
    held = np.random.default_rng(1).random(1001) < 0.3
    text = base64.b64encode(np.packbits(held).tobytes()).decode()
    assert (unpack_held(text, 1001) == held).all()
    assert not unpack_held("", 5).any()
