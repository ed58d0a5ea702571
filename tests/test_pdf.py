"""The PDF a briefing officer hands over: nothing leaves the text block, no overfull line in the
LaTeX log, a title page that identifies the build, bookmarks for parts, chapters and sections, every
chapter title, figure and the bibliography present, no unresolved reference, French accents intact,
and one PDF per chapter linked from its HTML page. Pages are rendered to PNG as artefacts for a
reviewer. The checks read the toc and the built site, not typed lists, so the chapters can change.

Under CI=true nothing here skips: a missing TeX Live is a failure."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bookbuild import missing_tex

from analysis.core import paths
from analysis.core.buildinfo import build_info
from analysis.present.printing import BOOK_PDF, CHAPTER_DIR, toc_chapters

pytestmark = pytest.mark.slow

ARTEFACTS = paths.ROOT / "_build" / "test-artifacts" / "pdf"
OVERFULL_PT = 5.0


@pytest.fixture(scope="module")
def book(built_book):
    missing = missing_tex()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {', '.join(missing)} missing: `make system-deps` must install TeX Live")
        pytest.skip(f"{', '.join(missing)} not installed (run `make system-deps` as root)")
    root = built_book.parent.parent
    pdf = root / BOOK_PDF
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return SimpleNamespace(
        root=root,
        html=built_book,
        pdf=pdf,
        pages=text.split("\f"),
        flat=re.sub(r"\s+", " ", text).casefold(),
        log=pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"),
        chapters=toc_chapters(root),
    )


def _words(pdf: Path):
    """(page number, page width, page height, word, xMin, yMin, xMax, yMax) for every word."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = 0
    width = height = 0.0
    for line in out.splitlines():
        m = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line)
        if m:
            page += 1
            width, height = float(m.group(1)), float(m.group(2))
            continue
        m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            yield page, width, height, m.group(5), x0, y0, x1, y1


def _pt(value: str) -> float:
    return float(value.removesuffix("pt"))


def test_no_character_leaves_the_text_block(book):
    m = re.search(r"report-textblock: left=([\d.]+pt),\s*width=([\d.]+pt), paper=([\d.]+pt)", book.log)
    assert m, "the LaTeX log does not state the text block (preamble typeout)"
    left, width = _pt(m.group(1)), _pt(m.group(2))
    tolerance = OVERFULL_PT + 1  # the overfull limit, plus rounding of glyph boxes
    outside = [
        f"page {p}: {word!r} x {x0:.0f}–{x1:.0f} (text block {left:.0f}–{left + width:.0f})"
        for p, w, h, word, x0, y0, x1, y1 in _words(book.pdf)
        if x0 < left - tolerance or x1 > left + width + tolerance or y0 < 18 or y1 > h - 18
    ]
    assert not outside, outside[:20]


def test_no_overfull_line(book):
    widths = [
        (float(w), where) for w, where in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\) (in [^\n]*)", book.log)
    ]
    wide = [f"{w:.1f}pt {where}" for w, where in widths if w > OVERFULL_PT]
    assert not wide, wide[:20]


def test_page_count_titles_bibliography_and_no_unresolved_reference(book):
    assert 20 <= len(book.pages) <= 200, len(book.pages)
    for chapter in book.chapters:
        assert re.sub(r"\s+", " ", chapter.title).casefold() in book.flat, (
            f"chapter title not in the PDF: {chapter.title}"
        )
    assert "bibliography" in book.flat
    assert "??" not in book.flat
    assert "concertation bilatérale" in book.flat  # French accents survive (seed 001, seed appendix)


def test_title_page_identifies_the_build(book):
    info = build_info(book.root)
    first = re.sub(r"\s+", " ", book.pages[0])
    title = info.title.split(":")[0]
    for expected in (title, f"Version {info.version}", f"Commit {info.commit}", f"Built {info.date}", "How to cite"):
        assert expected in first, f"title page lacks {expected!r}: {first[:400]}"


def test_every_figure_is_in_the_pdf(book):
    figures = sum(
        len(re.findall(r'<figure class="[^"]*align', p.read_text(encoding="utf-8"))) for p in book.html.rglob("*.html")
    )
    listing = subprocess.run(["pdfimages", "-list", str(book.pdf)], capture_output=True, text=True, check=True).stdout
    images = sum(1 for line in listing.splitlines()[2:] if " image " in line)
    assert figures > 0 and images >= figures, (figures, images)


def test_bookmarks_hold_parts_chapters_and_sections(book):
    from pypdf import PdfReader

    reader = PdfReader(str(book.pdf))
    levels: dict[int, list[str]] = {}

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                levels.setdefault(depth, []).append(str(item.title))

    walk(reader.outline, 0)
    toc = yaml.safe_load((book.root / "_toc.yml").read_text(encoding="utf-8"))
    parts = [p["caption"] for p in toc["parts"]]
    assert all(any(part in t for t in levels[0]) for part in parts), levels[0]
    assert {c.title for c in book.chapters} <= set(levels[1]) | {"Bibliography"}
    assert len(levels.get(2, [])) > len(book.chapters)  # sections


def test_a_pdf_per_chapter_linked_from_its_page(book):
    info = build_info(book.root)
    for chapter in book.chapters:
        pdf = book.root / CHAPTER_DIR / f"{chapter.stem}.pdf"
        assert pdf.is_file(), chapter.docname
        text = subprocess.run(
            ["pdftotext", "-l", "2", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        head = re.sub(r"\s+", " ", text)
        assert chapter.title in head and info.commit in head and info.date in head, head[:300]
        page = (book.html / f"{chapter.docname}.html").read_text(encoding="utf-8")
        link = re.search(
            r'<a class="reference download" href="([^"]+)" download>Download this chapter \(PDF\)</a>', page
        )
        assert link, f"{chapter.docname}: no 'Download this chapter (PDF)' link"
        target = (book.html / chapter.docname).parent / link.group(1)
        assert target.resolve().is_file() and target.read_bytes() == pdf.read_bytes()


def test_pages_rendered_for_review(book):
    out = ARTEFACTS
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "4", str(book.pdf), str(out / "book")], check=True)
    for chapter in book.chapters:
        pdf = book.root / CHAPTER_DIR / f"{chapter.stem}.pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(pdf), str(out / chapter.stem)], check=True
        )
    pngs = list(out.glob("*.png"))
    assert len(pngs) >= 4 + len(book.chapters) and all(p.stat().st_size > 0 for p in pngs)


def test_figures_print_at_the_scale_the_print_size_rule_assumes(book):
    """style.printed_scale (the rule behind tests/test_figure_text.py's 6 pt check) models how the PDF
    prints a figure; each figure image's printed width (pixels over pixels per inch, pdfimages) must be
    what that model gives for its drawn size (pixels over the saving DPI), and the text width the log
    states must be style.PRINT_WIDTH_IN."""
    from analysis.present import style

    m = re.search(r"report-textblock: left=[\d.]+pt,\s*width=([\d.]+)pt", book.log)
    assert m and float(m.group(1)) / 72.27 == pytest.approx(style.PRINT_WIDTH_IN, abs=0.005), m
    listing = subprocess.run(["pdfimages", "-list", str(book.pdf)], capture_output=True, text=True, check=True).stdout
    rows = [row for row in (line.split() for line in listing.splitlines()[2:]) if row[2] == "image"]
    assert rows
    for row in rows:
        width_px, height_px, ppi = int(row[3]), int(row[4]), float(row[12])
        drawn_w, drawn_h = width_px / style.DPI, height_px / style.DPI
        printed_w = width_px / ppi
        expected = style.printed_scale(drawn_w, drawn_h) * drawn_w
        assert printed_w == pytest.approx(expected, rel=0.01), (row, printed_w, expected)
