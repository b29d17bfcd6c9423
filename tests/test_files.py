"""Bounded reads refuse every path that is not a small regular file, in words, without blocking."""

from __future__ import annotations

import os

import pytest

from game.files import FileRefused, read_bounded, read_text_bounded, size_words


def refusal(path, limit=1000) -> str:
    with pytest.raises(FileRefused) as info:
        read_bounded(path, limit)
    return info.value.reason


def test_a_small_regular_file_is_read(tmp_path):
    (tmp_path / "ok.yaml").write_text("meta: {}\n", encoding="utf-8")
    assert read_text_bounded(tmp_path / "ok.yaml", 1000) == "meta: {}\n"


@pytest.mark.timeout(10)
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.json"
    os.mkfifo(fifo)
    assert refusal(fifo) == "is not a regular file (a pipe, device or socket)"


def test_a_directory_is_named_as_one(tmp_path):
    (tmp_path / "x.yaml").mkdir()
    assert refusal(tmp_path / "x.yaml") == "is a directory, not a file"


@pytest.mark.timeout(10)
def test_a_link_to_dev_zero_is_not_read(tmp_path):
    (tmp_path / "z.json").symlink_to("/dev/zero")
    assert refusal(tmp_path / "z.json") == "is not a regular file (a pipe, device or socket)"


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 3 * 1024 * 1024)
    assert refusal(big, 1024 * 1024) == "is 3.0 MB; the limit is 1.0 MB"


def test_missing_and_undecodable_files_say_so(tmp_path):
    assert refusal(tmp_path / "nope.json") == "no such file"
    (tmp_path / "bad.yaml").write_bytes(b"a: 1\n\xff\n")
    with pytest.raises(FileRefused) as info:
        read_text_bounded(tmp_path / "bad.yaml", 1000)
    assert info.value.reason == "is not UTF-8 text (line 2)"


def test_sizes_read_as_words():
    assert [size_words(n) for n in (12, 2000, 50 * 1024, 94 * 1024 * 1024)] == \
        ["12 bytes", "2.0 KB", "50 KB", "94 MB"]
