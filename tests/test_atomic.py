"""Data files are replaced whole or not at all (analysis.core.atomic)."""

from __future__ import annotations

import os
import stat

import pytest

from analysis.core import atomic
from analysis.core.atomic import replace_files, write_atomic


def _tree(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_file_gets_its_new_bytes_and_no_temporary_file_stays(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    done = replace_files({tmp_path / "a.csv": "new a\u00e9\n", tmp_path / "b.txt": b"new b\r\n"})
    assert done == [tmp_path / "a.csv", tmp_path / "b.txt"]
    assert _tree(tmp_path) == {"a.csv": "new a\u00e9\n".encode(), "b.txt": b"new b\r\n"}


def test_the_target_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_a_failure_before_the_renames_changes_nothing(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a")
    before = _tree(tmp_path)
    with pytest.raises(FileNotFoundError):  # the second target's folder does not exist
        replace_files({tmp_path / "a.csv": "new a", tmp_path / "missing" / "b.txt": "b"})
    assert _tree(tmp_path) == before


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "c.csv").write_bytes(b"old c")
    before = _tree(tmp_path)
    real, calls = os.replace, []

    def third_fails(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", third_fails)
    with pytest.raises(OSError, match="disk gone"):
        replace_files({tmp_path / "a.csv": "new a", tmp_path / "new.txt": "n", tmp_path / "c.csv": "new c"})
    assert _tree(tmp_path) == before  # a.csv restored, new.txt removed, c.csv never touched
