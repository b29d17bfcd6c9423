"""The command-line verbs, run as a player would (in-process, through main())."""

import json

import pytest

from game.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_good_scenario_and_bad_files(capsys, tmp_path):
    code, out, err = run(capsys, "validate", "scenarios/1950-invasion.yaml")
    assert code == 0 and "ok" in out
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\x00\xff\xfe garbage: [unclosed")
    save = tmp_path / "broken.json"
    save.write_text('{"format": "armistice-save"')
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    code, out, err = run(capsys, "validate", str(junk), str(save), str(other), str(tmp_path / "missing.yaml"))
    assert code == 1
    assert "Traceback" not in err and "Traceback" not in out
    assert "junk.yaml" in err and "broken.json" in err and "notes.txt" in err and "missing.yaml" in err
    assert "4 of 4 files invalid" in err


def test_info_json(capsys):
    code, out, _ = run(capsys, "info", "1950-invasion", "--json")
    assert code == 0
    info = json.loads(out)
    assert info["hex_km"] == 16
    assert info["land_hexes"] > 1000
    assert len(info["places"]) == 70
    seoul = next(p for p in info["places"] if p["id"] == "seoul")
    assert seoul["country"] == "ROK" and seoul["name"] == "Seoul" and len(seoul["hex"]) == 2
    assert set(info["units"]) == {"dprk_prc", "rok", "un"}
    assert info["calendar"]["first"] == "1950-06-25" and info["calendar"]["turns"] > 100


def test_info_unknown_scenario(capsys):
    code, _, err = run(capsys, "info", "no-such-scenario")
    assert code == 2 and "1950-invasion" in err and "Traceback" not in err      # a bad argument, as in simulate


def test_simulate_is_byte_identical_and_saves_validate(capsys, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for path in (a, b):
        code, _, _ = run(capsys, "simulate", "1950-invasion", "--runs", "2", "--seed", "5", "--turns", "3",
                         "--json", str(path), "--save-dir", str(tmp_path / "saves"))
        assert code == 0
    assert a.read_bytes() == b.read_bytes()
    report = json.loads(a.read_text())
    assert len(report["results"]) == 2
    r = report["results"][0]
    for key in ("seed", "turns_played", "final_date", "units", "steps", "hexes"):
        assert key in r
    saves = sorted((tmp_path / "saves").glob("*.json"))
    assert len(saves) == 2
    code, out, _ = run(capsys, "validate", *map(str, saves))
    assert code == 0, out


def test_info_table_keeps_its_columns(capsys):
    code, out, _ = run(capsys, "info", "1950-invasion")
    assert code == 0
    lines = out.splitlines()
    head = next(k for k, line in enumerate(lines) if line.strip().startswith("Side"))
    rows = lines[head:head + 4]
    # Every row ends where the header does, whatever the length of the side's name ("Republic of Korea").
    assert len({len(r) for r in rows}) == 1, rows
    assert "Republic of Korea" in out and "dprk_prc" not in out


@pytest.mark.parametrize("argv", [["info", "1950-invasion", "--json"], ["info", "tutorial"],
                                  ["validate", "scenarios/tutorial.yaml"]])
def test_a_closed_pipe_is_a_normal_end(argv):
    """`... | head` that has read enough: the reader is gone before the verb writes.  Buffered (a terminal's usual
    pipe) the write fails only at the last flush; unbuffered, at the first print: both end quietly, exit 0."""
    import os
    import subprocess
    import sys
    for unbuffered in (False, True):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
        if unbuffered:
            env["PYTHONUNBUFFERED"] = "1"
        proc = subprocess.Popen([sys.executable, "-m", "game", *argv], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env)
        proc.stdout.close()
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0, (unbuffered, err)
        assert err == "", (unbuffered, err)


def test_simulate_prints_a_table_for_people_and_stops_at_the_turn_asked(capsys):
    code, out, err = run(capsys, "simulate", "tutorial", "--runs", "2", "--turns", "3")
    assert code == 0
    assert "{" not in out and "dprk_prc" not in out and "{" not in err
    assert "Republic of Korea" in out and "stopped (--turns)" in out
    rows = [line.split() for line in out.splitlines() if line[:1].isdigit()]
    assert [r[0] for r in rows] == ["1", "2"] and all(r[2] == "3" for r in rows)
    code, out, _ = run(capsys, "simulate", "tutorial", "--runs", "1", "--turns", "3", "--json", "-")
    r = json.loads(out)["results"][0]
    assert r["turns_played"] == 3 and r["final_turn"] == 3 and r["final_date"] == "1950-10-15"
