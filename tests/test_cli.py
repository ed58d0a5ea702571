"""The command line, run as a user runs it: exit status, output, one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import frozen

from analysis.core import paths


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=paths.ROOT, timeout=300
    )


def test_corpus_table():
    proc = run("corpus")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1 + len(list(paths.SEEDS_DIR.glob("*.txt")))  # header + one line per seed
    assert "Une Plume du Mali" in proc.stdout
    proc = run("corpus", "--seeds", str(frozen.SEEDS))
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 6, proc.stderr  # the five frozen seeds


def test_corpus_json():
    proc = run("corpus", "--json", "--seeds", str(frozen.SEEDS))
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["seed"] for r in rows] == ["000", "001", "002", "003", "004"]
    assert {r["seed"]: r["paragraphs"] for r in rows} == {"000": 4, "001": 8, "002": 25, "003": 69, "004": 25}
    assert rows[2]["published_earliest"] == "2025-01-08"


def test_paragraphs_of_a_seed():
    proc = run("paragraphs", "003")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 69
    assert lines[12].split()[:2] == ["003¶13", "boilerplate:image-file"]
    assert lines[59].startswith(" 003¶60  body")


def test_unknown_seed_is_one_error_line():
    proc = run("paragraphs", "042", "--seeds", str(frozen.SEEDS))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {frozen.SEEDS}: no seed '042' (known: 000, 001, 002, 003, 004)"
    ]


def test_bad_seed_folder_is_one_error_line(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    (seeds / "002_46995a4563dd4c7c.txt").write_bytes(b"\xff\xfe bad")
    proc = run("corpus", "--seeds", str(seeds))
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {seeds / '002_46995a4563dd4c7c.txt'}: not UTF-8: byte 0xff at offset 0 (invalid start byte)"
    ]


def test_bad_catalogue_rows_are_all_reported(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, seeds)
    cat = seeds / "catalog.csv"
    lines = cat.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",fr,", ",de,", 1)  # seed 001 (line 3)
    lines[5] = lines[5].replace(",yes,yes,no,yes,yes,,B,2\n", ",maybe,yes,no,yes,yes,,B,2\n")  # seed 004 (line 6)
    cat.write_text("".join(lines), encoding="utf-8")
    proc = run("corpus", "--seeds", str(seeds))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.strip().splitlines() == [
        f"error: {cat}: row 001 (line 3): language 'de' not one of en, fr",
        f"{cat}: row 004 (line 6): reviewed 'maybe' not one of yes, no",
    ]
