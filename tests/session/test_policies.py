"""What-if policies: never means never, always means taken whenever open (issue 11 §1, §5)."""

from __future__ import annotations

from datetime import date

import pytest

from game.engine.api import EndPhase, Phase
from game.scenario.loader import load_scenario
from game.session.match import Match
from game.session.policies import PolicyError, by_seat, parse_policies, parse_policy
from game.session.simulate import make_agents, play, run_game

RUNS = 6
DECISION = "rok_march_north"          # the tutorial's ROK seat may take it from turn 2; no rule forces it


@pytest.fixture(scope="module")
def tutorial():
    return load_scenario("tutorial")


class Watch:
    """Wraps a seat's agent: notes every political phase it ends with the decision still open."""

    def __init__(self, inner, decision: str, missed: list):
        self.inner, self.decision, self.missed = inner, decision, missed

    def choose(self, obs):
        action = self.inner.choose(obs)
        if obs.phase is Phase.POLITICAL and isinstance(action, EndPhase) and \
                any(d.decision == self.decision for d in obs.legal.decisions()):
            self.missed.append((obs.turn, obs.date))
        return action


def _play(sc, seed: int, spec: str, policies: list, watch: list | None = None) -> Match:
    match = Match.start(sc, seed, {})
    agents = make_agents(match, spec, seed, by_seat(sc, policies))
    if watch is not None:
        agents["rok"] = Watch(agents["rok"], DECISION, watch)
    return play(match, agents)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("spec", ["random", "ai"])
def test_never_means_never_and_the_baseline_takes_it(tutorial, spec):
    taken_free = 0
    for seed in range(RUNS):
        free = _play(tutorial, seed, spec, [])
        taken_free += free.state.decision_date(DECISION) is not None
        never = _play(tutorial, seed, spec, parse_policies(tutorial, [f"rok.{DECISION}=never"]))
        assert never.state.decision_date(DECISION) is None, seed
    if spec == "random":
        assert taken_free > 0             # the policy changed something: free, the random ROK takes it


@pytest.mark.timeout(120)
@pytest.mark.parametrize("spec", ["random", "ai"])
def test_always_means_taken_whenever_open(tutorial, spec):
    for seed in range(RUNS):
        missed: list = []
        m = _play(tutorial, seed, spec, parse_policies(tutorial, [f"{DECISION}=always"]), missed)
        assert not missed, (seed, missed)
        assert m.state.decision_date(DECISION) is not None, seed


@pytest.mark.timeout(120)
def test_first_from_a_date(tutorial):
    since = date(1950, 10, 22)
    for seed in range(3):
        missed: list = []
        m = _play(tutorial, seed, "random", parse_policies(tutorial, [f"rok.{DECISION}=first:{since}"]), missed)
        taken = m.state.decision_date(DECISION)
        assert taken is not None and taken >= since, (seed, taken)
        assert all(d < since for _t, d in missed), missed


@pytest.mark.timeout(120)
def test_when_a_condition_holds(tutorial):
    p = parse_policy(tutorial, f"rok.{DECISION}=when:{{turn: {{min: 4}}}}")
    m = _play(tutorial, 3, "random", [p])
    first_turn_4 = m.state.turn_dates[3]
    assert m.state.decision_date(DECISION) == first_turn_4


def test_policy_runs_are_reported(tutorial):
    r = run_game(tutorial, 0, 5, "random", None, by_seat(tutorial, parse_policies(tutorial, [f"{DECISION}=always"])))
    assert DECISION in r["chosen"] and DECISION in r["decisions"]


@pytest.mark.parametrize("text,words", [
    ("un.cross_38th=never", "unknown decision 'un.cross_38th' in tutorial"),
    ("un.seek_unga_resolutin=never", "did you mean 'un.seek_unga_resolution'?"),
    ("rok_march_north=sometimes", "unknown rule"),
    ("rok_march_north=alway", "did you mean 'always'?"),
    ("rok_march_north=first:soon", "expected a date like first:1950-11-01"),
    ("rok_march_north=when:{trak: {name: cohesion}}", "did you mean 'track'?"),
    ("rok_march_north=when:{track: {name: cohesin, at_most: 3}}", "did you mean 'cohesion'?"),
    ("rok_march_north=never:now", "takes nothing after it"),
    ("rok_march_north", "write DECISION=RULE"),
])
def test_bad_policies_say_why(tutorial, text, words):
    with pytest.raises(PolicyError) as exc:
        parse_policy(tutorial, text)
    assert words in str(exc.value) and "\n" not in str(exc.value)


def test_a_decision_twice_is_refused(tutorial):
    with pytest.raises(PolicyError, match="given twice"):
        parse_policies(tutorial, ["rok_march_north=never", "rok.rok_march_north=always"])
