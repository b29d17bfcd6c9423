"""Every bad argument of the command line is one line and exit status 2, before any game is played (issue 10)."""

from __future__ import annotations

import json

import pytest

from game.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


BAD = [
    (("simulate", "tutorial", "--seed", "-5"), "--seed: must be a whole number from 0 to"),
    (("simulate", "tutorial", "--seed", "abc"), "--seed: must be a whole number"),
    (("simulate", "tutorial", "--runs", "-1"), "--runs: must be a whole number from 1 to 10000, not -1"),
    (("simulate", "tutorial", "--runs", "0"), "--runs: must be a whole number from 1 to 10000, not 0"),
    (("simulate", "tutorial", "--runs", "99999999999999999999"), "--runs: must be a whole number from 1 to 10000"),
    (("simulate", "tutorial", "--turns", "-3"), "--turns: must be a whole number from 1 to 1000, not -3"),
    (("simulate", "tutorial", "--turns", "0"), "--turns: must be a whole number from 1 to 1000, not 0"),
    (("bench", "--scenario", "nosuch"), "--scenario: nosuch: unknown scenario id"),
    (("bench", "--scenario", ""), "--scenario: give a scenario id"),
    (("bench", "--scenario", "/dev/zero.yaml"), "--scenario: /dev/zero.yaml: no such scenario file"),
    (("simulate", "tutorial", "--json", "/nonexistent/dir/x.json"), "--json: the folder /nonexistent/dir does not"),
    (("simulate", "tutorial", "--json", "/tmp"), "--json: /tmp is a folder"),
    (("simulate", "tutorial", "--save-dir", "/dev/null"), "--save-dir: /dev/null is not a folder"),
    (("simulate", "tutorial", "--save-dir", "/proc"), "--save-dir: cannot write in /proc"),
    (("simulate", "tutorial", "--turns", "1", "--save-dir", "/dev/null/x"), "--save-dir: cannot make the folder"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize("argv,words", BAD, ids=[" ".join(a) for a, _ in BAD])
def test_a_bad_argument_is_one_line_and_status_2(argv, words, capsys):
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1 and words in err, err
    assert "unexpected error" not in err and "Traceback" not in err and "invalid int value" not in err
    assert "run 1 of" not in err and out == ""            # nothing was played


@pytest.mark.timeout(120)
def test_save_dir_before_the_verb_is_used(capsys, tmp_path):
    code, _, err = run(capsys, "--save-dir", str(tmp_path / "top"), "simulate", "tutorial", "--turns", "1")
    assert code == 0, err
    assert [p.suffix for p in (tmp_path / "top").iterdir()] == [".json"]
    code, _, err = run(capsys, "--save-dir", str(tmp_path / "top"), "simulate", "tutorial", "--turns", "1",
                       "--save-dir", str(tmp_path / "sub"))
    assert code == 0 and len(list((tmp_path / "sub").iterdir())) == 1


@pytest.mark.timeout(60)
def test_a_file_name_with_a_newline_is_escaped(capsys, tmp_path):
    odd = tmp_path / "two\nlines.json"
    odd.write_text("{}")
    code, out, err = run(capsys, "validate", str(odd))
    assert code == 1
    assert "two\\nlines.json" in err and "two\nlines" not in err
    code, out, err = run(capsys, "simulate", "tutorial", "--json", str(tmp_path / "a\nb" / "r.json"))
    assert code == 2 and err.count("\n") == 1 and "a\\nb" in err


@pytest.mark.timeout(120)
def test_good_arguments_still_play(capsys, tmp_path):
    report = tmp_path / "r.json"
    code, _, err = run(capsys, "simulate", "tutorial", "--runs", "1", "--seed", "0", "--turns", "1",
                       "--json", str(report))
    assert code == 0, err
    assert json.loads(report.read_text())["runs"] == 1


@pytest.mark.parametrize("verb", [("info",), ("simulate",), ("bench", "--scenario")])
def test_a_save_or_an_unknown_id_given_for_a_scenario_is_a_bad_argument(verb, capsys, tmp_path):
    # rule: a play-tester passed a save where a scenario goes and read "17 problems" of scenario validation (exit 1),
    # and `info nosuch` exited 1 where `simulate nosuch` exited 2; both are bad arguments: one line, status 2.
    save = tmp_path / "war.json"
    save.write_text("{}")
    code, out, err = run(capsys, *verb, str(save))
    assert code == 2 and len(err.strip().splitlines()) == 1, err
    assert "is a saved game, not a scenario" in err
    code, out, err = run(capsys, *verb, "nosuch")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "unknown scenario id" in err, err
