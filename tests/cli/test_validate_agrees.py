"""``validate SAVE`` gives the Load screen's verdict in the Load screen's words (issue 10).

They used to disagree both ways: ``validate`` replayed the record and never looked at the snapshot, while the
Load screen opened the snapshot, trusting any value of the right shape.  So a forged snapshot with its checksums
made again was refused by ``validate`` and opened (then crashed) by the game, and a damaged snapshot beside a
good record passed ``validate`` and was refused by the game.  Now both run the same checks (savefile.load_save);
``validate`` adds the replay as a note, since the game opens a save from its snapshot even when its record
replays differently (a save made before a change to the rules)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "session"))
from hostile_saves import FORGED, edited, forged, good_save  # noqa: E402

from game.cli import main  # noqa: E402
from game.session.savecheck import SaveError  # noqa: E402
from game.session.savefile import load_save  # noqa: E402


def validate(capsys, path: Path) -> tuple[int, str]:
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", FORGED[:6] + FORGED[-6:], ids=lambda c: c.name)
def test_a_forged_save_is_refused_by_validate_in_the_load_screens_words(case, capsys, tmp_path):
    bad = case.make(tmp_path, good_save(tmp_path))
    with pytest.raises(SaveError) as refused:
        load_save(bad)
    code, text = validate(capsys, bad)
    assert code == 1 and refused.value.reason in text and "Traceback" not in text


@pytest.mark.timeout(60)
def test_a_damaged_snapshot_beside_a_good_record_is_refused_by_both(capsys, tmp_path):
    def damage(doc: dict) -> None:
        doc["snapshot"]["steps"][0] = 99          # the record (empty) still replays to the final checksum
    bad = edited(damage)(tmp_path, good_save(tmp_path))
    with pytest.raises(SaveError):
        load_save(bad)
    code, text = validate(capsys, bad)
    assert code == 1 and "snapshot.steps[0]" in text


@pytest.mark.timeout(60)
def test_an_edit_within_the_games_range_opens_in_both_and_validate_notes_the_record(capsys, tmp_path):
    good = good_save(tmp_path)
    bad = forged("steps", 0, value=1)(tmp_path, good)      # a step fewer: a position the game can hold
    match, _ = load_save(bad)
    assert int(match.state.steps[0]) == 1
    code, text = validate(capsys, bad)
    assert code == 0 and "ok (save of 'tutorial'" in text
    assert "note: the game opens it from its saved position, but replaying the record does not give" in text
    code, text = validate(capsys, good)
    assert code == 0 and "note" not in text
