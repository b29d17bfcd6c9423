"""What the play-tester read, item by item: one name per gauge, no internal ids, decisions said in words, an end
screen that agrees with itself, and a Classroom button a user understands."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import re  # noqa: E402
from html import unescape  # noqa: E402

import pytest  # noqa: E402

import game.ui.app as app_module  # noqa: E402
from game.scenario.loader import load_scenario, scenario_ids  # noqa: E402
from game.session.match import Match  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.settings import Settings  # noqa: E402

SEATS = {"dprk_prc": "human", "rok": "human", "un": "human"}


def plain_text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html.replace("<br>", "\n")))


@pytest.fixture(scope="module")
def campaign():
    return load_scenario("1950-invasion")


@pytest.fixture
def errors(monkeypatch):
    seen: list[BaseException] = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "test-log")
    return seen


def make_app(tmp_path, scale=100):
    a = App(Settings(animation="instant", ui_scale=scale), tmp_path / "saves", size=(1280, 720),
            persist_settings=False)
    a.save_dir.mkdir(parents=True, exist_ok=True)
    return a


# -- 4. one name per gauge ----------------------------------------------------------------------------------

def shortens(short: str, label: str) -> bool:
    """Whether ``short`` is ``label`` cut down: each of its words the start of one of the label's, in order, and
    the label's qualifier in brackets kept ("Wear. (comm.)" of "War weariness (communist)")."""
    words = [w.lower() for w in label.split()]
    k = 0
    for part in short.lower().split():
        stem = part.strip("().…")
        while k < len(words) and not words[k].strip("()").startswith(stem):
            k += 1
        if k == len(words):
            return False
        k += 1
    return ("(" in label) == ("(" in short)


@pytest.mark.parametrize("scenario_id", scenario_ids())
def test_a_gauges_short_labels_are_its_label_cut_short(scenario_id):
    """Play-test: one gauge read 'PRC intervention pressure', 'PRC intervention' and 'PRC entry'; another 'War
    weariness (communist)', 'Comm. weariness' and 'Comm. wear.'."""
    from game.ui.tracks_bar import SHORT, TINY
    pol = load_scenario(scenario_id).config.politics
    for name, spec in (pol.tracks.items() if pol else ()):
        for short in (SHORT.get(name), TINY.get(name)):
            if short:
                assert shortens(short, spec.label), (name, short, spec.label)


def test_the_tooltip_and_the_rules_reference_give_the_full_label(campaign):
    from game.ui.rules_reference import pages
    from game.ui.tracks_bar import gauges
    view = Match.start(campaign, 1, SEATS).view("un")
    for g in gauges(view):
        assert g.tip.startswith(f"<b>{g.label}</b>")
    tracks = dict(pages(campaign.config))["Tracks"]
    assert "<b>PRC intervention pressure</b>" in tracks and "<b>War weariness (communist)</b>" in tracks
