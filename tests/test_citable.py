"""Citable output: a "Cite this figure" line under every published figure that traces it to the
build and its data file, BibTeX for the report and each chapter generated from CITATION.cff and the
table of contents, and the build's identity (version, commit, date) from one place."""

from __future__ import annotations

import hashlib
import html as html_lib
import re
import subprocess

import pytest

from analysis.core import paths
from analysis.core.buildinfo import build_info, citation


def _text(page) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))


def test_build_info_names_this_checkout():
    info = build_info(paths.ROOT)
    cff = citation()
    assert info.version == str(cff["version"])
    head = subprocess.run(
        ["git", "-C", str(paths.ROOT), "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True
    )
    expected = head.stdout.strip() if head.returncode == 0 else "unknown"
    assert info.commit == expected
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", info.date)


def test_build_date_follows_source_date_epoch(monkeypatch):
    build_info.cache_clear()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    try:
        assert build_info(paths.ROOT).date == "2025-01-01"
    finally:
        build_info.cache_clear()


@pytest.mark.slow
def test_every_published_figure_has_a_cite_line_with_its_data_checksum(built_book):
    root = built_book.parent.parent
    exports = sorted(root.glob("chapters/exports/*.csv"))
    assert exports, "no figure published its data"
    text = "\n".join(_text(p) for p in (built_book / "chapters").glob("*.html"))
    lines = re.findall(
        r"Cite this (?:figure|table): ((?:Figure|Table) [\d.]+, “[^”]+”.*?SHA-256 ([0-9a-f]{16})\.)", text
    )
    by_name = {re.search(r"([\w-]+)\.csv, SHA-256", line).group(1): digest for line, digest in lines}
    for csv in exports:
        assert csv.stem in by_name, f"{csv.stem} has no 'Cite this figure' line"
        assert hashlib.sha256(csv.read_bytes()).hexdigest().startswith(by_name[csv.stem]), csv.stem
    assert all(("#fig-" in line or "#tbl-" in line) and "version " in line and "commit " in line for line, _ in lines)


@pytest.mark.slow
def test_how_to_cite_gives_bibtex_for_the_report_and_each_chapter(built_book):
    text = _text(built_book / "chapters" / "how_to_cite.html")
    assert "@techreport{algeria_mali_report," in text
    chapters = re.findall(
        r"@incollection\{algeria_mali_report_ch(\d+),\s+author = .*?\n\s+title = \{([^}]*)\}", text, flags=re.S
    )
    assert chapters, "no chapter entries"
    for number, title in chapters:
        # the title is the one the build gave the chapter page, so the BibTeX cannot drift from the toc
        pages = [p for p in built_book.rglob("*.html") if f"<h1>{title}" in p.read_text(encoding="utf-8")]
        assert pages, f"chapter {number}: no page is titled {title!r}"
    assert [int(n) for n, _ in chapters] == list(range(1, len(chapters) + 1))
