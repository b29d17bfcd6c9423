"""The after-action report (issue 12 §4, §7): a tutorial game played headless by the computer and saved through
``simulate --save-dir``, then ``report SAVE --out DIR`` as a teacher runs it.

Every chart is present and not blank, every link of report.md resolves to a file beside it, the PDF opens and has
the pages it should, the same save gives the same bytes, and every bad argument is one line and exit status 2.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import numpy as np  # noqa: E402
import pygame  # noqa: E402
import pytest  # noqa: E402

from game.cli import main  # noqa: E402
from game.report.charts import charts_for  # noqa: E402
from game.report.series import ReplayError, chronicle_of  # noqa: E402
from game.report.story import tell  # noqa: E402
from game.session.savefile import load_save  # noqa: E402

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


@pytest.fixture(scope="module")
def save(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("saves")
    code = main(["simulate", "tutorial", "--runs", "1", "--seed", "3", "--agent", "ai:historical:normal",
                 "--quiet", "--save-dir", str(folder)])
    assert code == 0
    (path,) = sorted(folder.glob("sim-tutorial-*.json"))
    return path


@pytest.fixture(scope="module")
def report(save, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report") / "class"          # a folder that does not exist yet is made
    code = main(["report", str(save), "--out", str(out)])
    assert code == 0
    return out, (out / "report.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chronicle(save):
    match, _doc = load_save(save)
    return chronicle_of(match)


def pixels(path: Path) -> np.ndarray:
    return pygame.surfarray.array3d(pygame.image.load(str(path))).astype(float)


def test_every_chart_is_present_and_not_blank(report, chronicle):
    out, md = report
    keys = [c.key for c in charts_for(chronicle)]
    assert keys[:3] == ["escalation", "intervention", "cohesion"]
    assert {"weariness", "talks", "steps-lost", "ground"} <= set(keys)
    for key in keys + ["final-map"]:
        path = out / f"{key}.png"
        assert path.is_file(), key
        img = pixels(path)
        w, h = img.shape[:2]
        assert w >= 600 and h >= 300, (key, img.shape)
        # Not blank: the picture varies, in many colours (a blank or one-colour chart would not).
        assert img.mean(axis=2).std() > 12, key
        colours = np.unique(img.reshape(-1, 3)[::7], axis=0)
        assert len(colours) > 40, (key, len(colours))
        assert f"]({key}.png)" in md, key


def test_a_chart_draws_its_series_not_only_its_frame(report):
    """The ground chart's two blocs fill it: both the UN side's blue and the communist side's red are there."""
    img = pixels(report[0] / "ground.png")
    blue = (img[..., 2] > img[..., 0] + 40).mean()
    red = (img[..., 0] > img[..., 2] + 40).mean()
    assert blue > 0.05 and red > 0.05, (blue, red)


def test_the_markdown_links_resolve(report):
    out, md = report
    links = LINK.findall(md)
    assert len(links) >= 9                            # every chart and the map
    for target in links:
        assert not target.startswith(("/", "http")), target      # relative: the folder can be moved or sent
        assert (out / target).is_file(), target


def test_the_markdown_says_what_a_debrief_needs(report, save):
    _out, md = report
    doc = json.loads(save.read_text())
    for heading in ("## Outcome", "## Scores against history", "## The war in charts", "## The final map",
                    "## Key events beside history", "## Decisions taken", "## Thresholds crossed", "## Debrief"):
        assert heading in md, heading
    for seat in ("DPRK / PRC", "Republic of Korea", "UN Command"):
        assert f"**{seat}: " in md
    # The tutorial's own debrief questions, and who took each decision and why (the computer's recorded words).
    assert "What happened to the PRC intervention pressure when you crossed the 38th parallel? Why?" in md
    assert "Taken by the computer (historical, normal). Why: " in md
    assert doc["summary"]["date"] in {"1950-11-05", "1950-10-29"} or "November 1950" in md


def test_the_pdf_opens_and_has_its_pages(report, chronicle):
    out, _md = report
    data = (out / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pages = len(PAGE.findall(data))
    count = re.search(rb"/Type\s*/Pages\s*/Kids\s*\[[^\]]*\]\s*/Count\s+(\d+)", data)
    assert count is not None and int(count.group(1)) == pages
    charts = len(charts_for(chronicle))
    # Title, at least one page of text, the charts two to a page, the map, at least one page of debrief.
    assert pages >= 1 + 1 + math.ceil(charts / 2) + 1 + 1
    assert pages <= 1 + 4 + math.ceil(charts / 2) + 1 + 2


def test_the_same_save_gives_the_same_report(save, report, tmp_path, capsys):
    """A student's save from home gives the same report in class: report.md byte for byte (and the pictures and
    the PDF, which carry no date).  The command says where the two documents are, and the PDF's pages."""
    out, md = report
    capsys.readouterr()
    assert main(["report", str(save), "--out", str(tmp_path)]) == 0
    said, err = capsys.readouterr()
    assert err == "" and str(tmp_path / "report.md") in said
    assert f"({len(PAGE.findall((tmp_path / 'report.pdf').read_bytes()))} pages)" in said
    assert (tmp_path / "report.md").read_text(encoding="utf-8") == md
    assert (tmp_path / "report.md").read_bytes() == (out / "report.md").read_bytes()
    for name in ("escalation.png", "ground.png", "final-map.png", "report.pdf"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_the_series_hold_a_sample_a_turn(chronicle):
    ch = chronicle
    # One at each turn's start, then the end of the war.  This tutorial ends in the armistice, signed as its last
    # turn starts: the war ends that day, and that day's sample is its last.  (A war that runs out of turns ends
    # on the last day of its last turn, a week after that turn's date, with one more sample.)
    turns = [s.turn for s in ch.samples]
    assert ch.final.outcome == "armistice"
    assert turns == list(range(1, ch.final.turn + 1))
    assert ch.end_date == ch.final.date and ch.samples[-1].date == ch.end_date
    assert ch.samples[-1].steps_lost == ch.final.steps_lost and ch.samples[-1].tracks == ch.final.tracks
    for a, b in zip(ch.samples, ch.samples[1:]):
        assert b.date > a.date
        assert all(b.steps_lost[k] >= a.steps_lost[k] for k in a.steps_lost)   # losses only grow
    for s in ch.samples:
        assert 0 < sum(s.ground.values()) <= ch.korea_land
    # Each track starts where the first position has it (the balance of power is computed at once) and ends at
    # the final position's value; the escalation of the tutorial starts at its scenario value.
    for name, pts in ch.track_points.items():
        assert pts[0] == (ch.first_date, ch.samples[0].tracks[name])
        assert pts[-1][1] == ch.final.tracks[name]
    assert ch.track_points["escalation"][0][1] == ch.config.politics.tracks["escalation"].start


def test_the_story_names_who_took_each_decision(chronicle):
    story = tell(chronicle, "Tutorial", {"questions": ["Q?"]})
    assert story.questions == ["Q?"]
    assert story.decisions, "the computer takes at least the UN resolution in the tutorial"
    for d in story.decisions:
        assert d.who.startswith("the computer") or d.who.startswith("forced")
        assert d.why and not d.why.startswith(d.title)      # the row names the decision; the reason does not repeat it
    assert [r.total for r in story.scores] == [chronicle.final.scores[s.id]["total"]
                                                 for s in chronicle.config.seats]
    assert tell(chronicle).questions, "a scenario without questions still gets some"


def test_a_record_that_does_not_replay_is_refused(save):
    match, _doc = load_save(save)
    match.record.pop()                     # the record no longer reaches the saved position
    with pytest.raises(ReplayError, match="does not give the saved game"):
        chronicle_of(match)


def test_bad_arguments_are_one_line_and_status_2(save, tmp_path, capsys):
    damaged = tmp_path / "damaged.json"
    damaged.write_text(save.read_text()[:5000])
    edited = tmp_path / "edited.json"
    doc = json.loads(save.read_text())
    doc["seed"] += 1
    edited.write_text(json.dumps(doc))
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    cases = [
        ((str(tmp_path / "missing.json"), "--out", str(tmp_path / "o1")), "no such save file"),
        ((str(damaged), "--out", str(tmp_path / "o2")), "damaged.json"),
        ((str(edited), "--out", str(tmp_path / "o3")), "edited.json"),
        ((str(save), "--out", "/proc/armistice-report"), "--out: cannot make the folder"),
        ((str(save), "--out", str(a_file)), "is not a folder"),
    ]
    for argv, words in cases:
        code = main(["report", *argv])
        out, err = capsys.readouterr()
        assert code == 2, (argv, err)
        assert err.count("\n") == 1 and words in err, err
        assert "Traceback" not in err and out == ""
    assert not any((tmp_path / f"o{k}").exists() for k in (1, 2, 3))    # a refused save leaves no folder behind
    code = main(["report", str(save)])           # --out is required
    _out, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "--out" in err


def test_the_end_screens_picture_is_the_size_asked_at_every_ui_scale(chronicle):
    """The end screen shows the report's charts only in a picture the size of its chart area: at a projector's
    150% the picture came out two thirds of it, and the class saw the session's hand-drawn charts instead."""
    from game.report.charts import overview_rgba
    for scale in (1.0, 1.5, 2.0):
        rgba, size = overview_rgba(chronicle, (640, 360), scale)
        assert size == (640, 360) and len(rgba) == 640 * 360 * 4


def test_with_high_contrast_on_the_charts_in_the_window_are_white_on_black(chronicle):
    """A projector in a lit room: the game's high-contrast setting reaches the charts (they kept the dark brown)."""
    import numpy as np

    from game.report.charts import overview_rgba, screen_theme
    for contrast, paper in ((False, (0x23, 0x22, 0x1d)), (True, (0, 0, 0))):
        rgba, (w, h) = overview_rgba(chronicle, (640, 360), 1.0, screen_theme(contrast))
        pixels = np.frombuffer(rgba, np.uint8).reshape(h, w, 4)[..., :3]
        assert tuple(pixels[1, 1]) == paper
