"""Hostile files in the saves folder: each is refused in words that name it and its field, in bounded time,
and never keeps another save from the list or from loading."""

from __future__ import annotations

import pytest
from hostile_saves import CASES, good_save

from game.session.savecheck import SaveError
from game.session.savefile import load_save
from game.session.savelist import list_saves


@pytest.fixture(scope="module")
def good_text(tmp_path_factory):
    return good_save(tmp_path_factory.mktemp("good")).read_bytes()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_file_is_refused_in_words_and_the_good_save_still_loads(case, tmp_path, good_text):
    good = tmp_path / "good.json"
    good.write_bytes(good_text)
    bad = case.make(tmp_path, good)
    infos, broken = list_saves(tmp_path)
    assert [i.path.name for i in infos if i.path == good] == ["good.json"]
    reasons = []
    if case.stage == "list":
        assert [b.name for b in broken] == [bad.name]
        reasons.append(broken[0].reason)
        assert bad.name not in reasons[0]             # the list names the file itself, once
    else:
        assert bad.name in [i.path.name for i in infos] and not broken
    with pytest.raises(SaveError) as refused:         # the load refuses it too, whatever the list said
        load_save(bad)
    assert str(refused.value).startswith(f"{bad}: ")
    reasons.append(refused.value.reason)
    for reason in reasons:
        for words in case.words:
            assert words in reason, reason
        assert "Traceback" not in reason and "Errno" not in reason and "set_int_max_str_digits" not in reason
    match, _ = load_save(good)                        # the good save is untouched and loads
    assert match.turn == 1 and good.read_bytes() == good_text


@pytest.mark.timeout(60)
def test_every_hostile_file_at_once_leaves_the_good_save_listed(tmp_path, good_text):
    good = tmp_path / "good.json"
    good.write_bytes(good_text)
    for k, case in enumerate(CASES):
        sub = tmp_path / f"case{k}"
        sub.mkdir()
        bad = case.make(sub, good)
        bad.rename(tmp_path / f"{k:02d}-{bad.name}")
    infos, broken = list_saves(tmp_path)
    assert "good.json" in [i.path.name for i in infos]
    assert len(infos) + len(broken) == len(CASES) + 1          # each case's own folder is not a .json
