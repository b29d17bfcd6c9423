"""The load list remembers what it read: a folder of many saves is not read again on every rebuild (each resize
of the window rebuilds it), and the memory follows the folder (issue 10, F4).  Reads are counted, not timed."""

from __future__ import annotations

import shutil

import pytest
from hostile_saves import good_save

from game.session import savelist


@pytest.fixture
def reads(monkeypatch):
    count = [0]
    real = savelist.read_document

    def counting(path):
        count[0] += 1
        return real(path)
    monkeypatch.setattr(savelist, "read_document", counting)
    monkeypatch.setattr(savelist, "_seen", {})
    return count


@pytest.mark.timeout(300)
def test_a_folder_of_600_saves_is_read_once(tmp_path, reads):
    good = good_save(tmp_path / "src")
    folder = tmp_path / "saves"
    folder.mkdir()
    for k in range(600):                   # more than the 500 at which the old memory was cleared
        shutil.copy(good, folder / f"save{k:04d}.json")
    infos, broken = savelist.list_saves(folder)
    assert len(infos) == 600 and not broken and reads[0] == 600
    for _ in range(3):
        infos, _ = savelist.list_saves(folder)
    assert len(infos) == 600 and reads[0] == 600
    # A removed file is forgotten; a changed one is read again; the rest are not.
    (folder / "save0000.json").unlink()
    shutil.copy(good, folder / "new.json")
    infos, _ = savelist.list_saves(folder)
    assert len(infos) == 600 and reads[0] == 601
    assert len(savelist._seen) == 600
