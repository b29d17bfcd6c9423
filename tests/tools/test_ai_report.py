"""The AI report's arithmetic: the interval it prints beside each beats-random share."""

import pytest

from game.tools.ai_report import wilson


def test_wilson_interval_of_nineteen_in_twenty():
    # 19/20 is 95% on its face, but the pairs cannot rule out a share as low as 76%.
    lo, hi = wilson(19, 20)
    assert lo == pytest.approx(0.7639, abs=1e-4)
    assert hi == pytest.approx(0.9911, abs=1e-4)


def test_wilson_interval_edges():
    assert wilson(20, 20)[1] == 1.0
    assert wilson(20, 20)[0] == pytest.approx(0.8389, abs=1e-4)
    assert wilson(0, 0) == (0.0, 1.0)
    assert wilson(0, 10)[0] == 0.0
