"""Tests of `narrative.export.atomic`: all or nothing."""
from __future__ import annotations

import os
import stat

import pytest

from narrative.errors import OutputError
from narrative.export.atomic import atomic_path, write_bytes, write_text


def test_atomic_writes_and_replaces(tmp_path):
    target = tmp_path / "deep" / "er" / "out.txt"
    write_text(target, "one\r\nnewlines kept\n")
    assert target.read_bytes() == b"one\r\nnewlines kept\n"
    write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.listdir(target.parent) == ["out.txt"]


def test_atomic_failure_keeps_old_file_and_no_temp(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("writer crashed")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_atomic_unencodable_text_writes_nothing(tmp_path):
    with pytest.raises(UnicodeEncodeError):
        write_text(tmp_path / "x.txt", "lone \ud800 surrogate")
    assert os.listdir(tmp_path) == []


def test_atomic_file_mode_follows_umask(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_text(tmp_path / "m.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_atomic_unwritable_folder_is_one_line_output_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write .*x.txt"):
            write_text(folder / "x.txt", "x")
    finally:
        folder.chmod(0o700)


def test_atomic_target_is_a_folder_is_output_error(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(OutputError, match="cannot write .*taken"):
        write_text(tmp_path / "taken", "x")
    assert sorted(os.listdir(tmp_path)) == ["taken"]


def test_atomic_parent_is_a_file_is_output_error(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_text(tmp_path / "file" / "x.txt", "x")
