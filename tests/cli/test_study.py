"""simulate and compare as a study runs them: same JSON whatever --jobs, CSV = JSON, the heat map, Ctrl+C, and
every bad argument one line and exit 2 before a game is played (issue 11 §1, §5)."""

from __future__ import annotations

import csv
import json

import pytest

from game.cli import main
from game.session.records import KEY_EVENTS

POLICY = "rok.rok_march_north=never"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.timeout(180)
def test_json_is_the_same_bytes_for_one_and_two_jobs(capsys, tmp_path):
    paths = []
    for jobs in ("1", "2"):
        path = tmp_path / f"j{jobs}.json"
        code, _, err = run(capsys, "simulate", "tutorial", "--runs", "3", "--seed", "9", "--jobs", jobs,
                           "--policy", POLICY, "--agent", "un=ai:cautious:easy", "--json", str(path))
        assert code == 0, err
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    report = json.loads(paths[0].read_text())
    assert report["policies"] == [POLICY] and report["finished"] == 3 and not report["interrupted"]
    assert report["agent"] == {"dprk_prc": "random", "rok": "random", "un": "ai:cautious:easy"}
    assert [r["run"] for r in report["results"]] == [0, 1, 2]
    assert all("rok_march_north" not in r["decisions"] for r in report["results"])


@pytest.mark.timeout(180)
def test_csv_json_summary_heatmap(capsys, tmp_path):
    j, c, s, h = (tmp_path / n for n in ("r.json", "r.csv", "s.md", "h.png"))
    code, out, err = run(capsys, "simulate", "tutorial", "--runs", "4", "--seed", "3", "--jobs", "2",
                         "--json", str(j), "--csv", str(c), "--summary", str(s), "--heatmap", str(h))
    assert code == 0, err
    report = json.loads(j.read_text())
    rows = list(csv.DictReader(c.open()))
    assert len(rows) == len(report["results"]) == 4
    for row, r in zip(rows, report["results"]):
        assert int(row["run"]) == r["run"] and int(row["seed"]) == r["seed"] and row["outcome"] == r["outcome"]
        assert int(row["turns_played"]) == r["turns_played"] and row["final_date"] == r["final_date"]
        for seat, score in r["scores"].items():
            assert float(row[f"score_{seat}"]) == score
            assert int(row[f"units_{seat}"]) == r["units"][seat]
        for k in KEY_EVENTS:
            assert row[f"event_{k}"] == r["key_events"].get(k, "")
        assert row["decisions_chosen"].split(";") == (r["chosen"] or [""])
    text = s.read_text()
    assert "95% interval" in text and "| key event |" in text and "| side |" in text
    _check_png(h)


def _check_png(path) -> None:
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import numpy as np
    import pygame

    from game.ui.heatmap import HEATMAP_SIZE
    assert path.exists()
    img = pygame.image.load(str(path))
    assert img.get_size() == HEATMAP_SIZE
    pixels = pygame.surfarray.array3d(img).reshape(-1, 3)
    colours = np.unique(pixels[:: 97], axis=0)
    assert len(colours) > 200                       # a map, not a blank page
    assert pixels.std() > 20


@pytest.mark.timeout(240)
def test_compare_runs_both_on_the_same_seeds(capsys, tmp_path):
    j, h = tmp_path / "c.json", tmp_path / "c.png"
    code, out, err = run(capsys, "compare", "tutorial", "--runs", "3", "--seed", "4", "--jobs", "2",
                         "--a", "", "--b", "rok.rok_march_north=always; un.seek_unga_resolution=never",
                         "--json", str(j), "--heatmap", str(h))
    assert code == 0, err
    assert "B − A (95% interval)" in out and "rok.rok_march_north=always" in out
    both = json.loads(j.read_text())
    assert [r["seed"] for r in both["a"]["results"]] == [r["seed"] for r in both["b"]["results"]]
    assert all("rok_march_north" in r["decisions"] for r in both["b"]["results"])
    assert all("seek_unga_resolution" not in r["decisions"] for r in both["b"]["results"])
    for side in "ab":
        _check_png(tmp_path / f"c-{side}.png")


@pytest.mark.timeout(120)
def test_ctrl_c_writes_what_finished(capsys, tmp_path, monkeypatch):
    import game.session.runpool as runpool
    real = runpool.play_run

    def stop_at_two(study, index):
        if index == 2:
            raise KeyboardInterrupt
        return real(study, index)
    monkeypatch.setattr(runpool, "play_run", stop_at_two)
    j = tmp_path / "r.json"
    code, _, err = run(capsys, "simulate", "tutorial", "--runs", "5", "--json", str(j))
    assert code == 130 and "stopped: 2 of 5 runs finished" in err
    report = json.loads(j.read_text())
    assert report["interrupted"] and report["finished"] == 2 and len(report["results"]) == 2


BAD = [
    (("simulate", "nosuch"), "SCENARIO: nosuch: unknown scenario id"),
    (("simulate", "tutoral"), "did you mean 'tutorial'?"),
    (("simulate", "tutorial", "--agent", "xx=ai"), "--agent: xx=ai: no seat 'xx' in tutorial"),
    (("simulate", "tutorial", "--agent", "un=genius"), "--agent: un=genius: unknown agent 'genius'"),
    (("simulate", "tutorial", "--agent", "un=ai:bold"), "--agent: un=ai:bold: 'bold' is neither"),
    (("simulate", "tutorial", "--agent", "un=ai", "--agent", "un=random"), "seat 'un' is given twice"),
    (("simulate", "tutorial", "--policy", "un.cross_38th=never"), "--policy: unknown decision 'un.cross_38th'"),
    (("simulate", "tutorial", "--policy", "un.seek_unga_resolutin=never"), "did you mean 'un.seek_unga_resolution'"),
    (("simulate", "tutorial", "--policy", "rok_march_north=maybe"), "--policy: 'maybe': unknown rule"),
    (("simulate", "tutorial", "--policy", "rok_march_north=when:{trak: 1}"), "did you mean 'track'?"),
    (("simulate", "tutorial", "--runs", "0"), "--runs: must be a whole number from 1 to 10000, not 0"),
    (("simulate", "tutorial", "--jobs", "0"), "--jobs: must be a whole number from 1 to 64, not 0"),
    (("simulate", "tutorial", "--csv", "/proc/x.csv"), "--csv: cannot write in /proc"),
    (("simulate", "tutorial", "--csv", "-"), "--csv: give a file name"),
    (("simulate", "tutorial", "--summary", "/nonexistent/s.md"), "--summary: the folder /nonexistent does not"),
    (("simulate", "tutorial", "--heatmap", "/tmp/h.jpg"), "--heatmap: /tmp/h.jpg: give a file name ending in .png"),
    (("simulate", "tutorial", "--heatmap", "/nonexistent/h.png"), "--heatmap: the folder /nonexistent does not"),
    (("simulate", "tutorial", "--json", "-", "--summary", "-"), "--summary: - is already the --json output"),
    (("compare", "nosuch"), "armistice compare: error: SCENARIO: nosuch"),
    (("compare", "tutorial", "--runs", "-2"), "--runs: must be a whole number from 1 to 10000, not -2"),
    (("compare", "tutorial", "--b", "x=never"), "--b: unknown decision 'x' in tutorial"),
    (("compare", "tutorial", "--a", "rok_march_north=never;rok_march_north=always"), "--a: 'rok_march_north=always'"),
    (("compare", "tutorial", "--heatmap", "/proc/c.png"), "--heatmap: cannot write in /proc"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv,words", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_argument_is_one_line_and_status_2(argv, words, capsys, monkeypatch):
    import game.session.runpool as runpool
    monkeypatch.setattr(runpool, "run_study", lambda *a, **k: pytest.fail("a game was played"))
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1 and words in err, err
    assert "Traceback" not in err and out == ""


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv", [("simulate", "tutorial", "--agent", "ai:" + "x" * 100_000),
                                  ("simulate", "tutorial", "--agent", "x" * 100_000 + "=ai"),
                                  ("compare", "tutorial", "--a", "y" * 100_000 + "=never")])
def test_a_huge_value_is_echoed_cut_short(argv, capsys, monkeypatch):
    # A 100,000-character name used to be echoed whole, twice, in the one error line.
    import game.session.runpool as runpool
    monkeypatch.setattr(runpool, "run_study", lambda *a, **k: pytest.fail("a game was played"))
    code, out, err = run(capsys, *argv)
    assert code == 2 and err.count("\n") == 1 and "…" in err and len(err) < 400, err[:400]
