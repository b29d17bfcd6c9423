"""Start-up removes what a killed save left behind (hidden stale temporaries), in the saves folder and beside the
settings, and nothing else (issue 10)."""

from __future__ import annotations

import argparse
import os
import time

import pytest
import ui_app  # noqa: F401 - the headless video driver

import game.ui.app as app_module
from game.ui.main import run_gui


@pytest.mark.timeout(120)
def test_start_up_removes_stale_temporaries_only(tmp_path, monkeypatch):
    for var in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var.lower()))
    monkeypatch.setattr(app_module.App, "run", lambda self: 0)      # start, then leave at once
    saves = tmp_path / "saves"
    config = tmp_path / "xdg_config_home" / "armistice"
    saves.mkdir()
    config.mkdir(parents=True)
    old = time.time() - 3600
    stale = [saves / ".good.json.k3j4h5g6.tmp", saves / ".autosave-tutorial-0a1b2c3d-t002-0.json.zz_9yy8x.tmp",
             config / ".settings.json.a1b2c3d4.tmp"]
    fresh = saves / ".other.json.q1w2e3r4.tmp"
    kept = [saves / "good.json", saves / "notes.tmp", fresh]
    for p in stale + kept:
        p.write_text("{}")
    for p in stale + kept[:2]:
        os.utime(p, (old, old))
    assert run_gui(argparse.Namespace(save_dir=str(saves))) == 0
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in kept)


@pytest.mark.timeout(60)
def test_a_saves_folder_that_is_a_file_is_said_in_words(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    (tmp_path / "saves").write_text("not a folder")
    assert run_gui(argparse.Namespace(save_dir=str(tmp_path / "saves"))) == 2
    out = capsys.readouterr().out
    assert f"cannot use the saves folder {tmp_path / 'saves'}: it is a file, not a folder" in out
    assert "Errno" not in out
