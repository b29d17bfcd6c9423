"""The command-line verbs, run as a player would (in-process, through main())."""

import json

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
    assert code == 1 and "1950-invasion" in err and "Traceback" not in err


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
