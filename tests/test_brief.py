"""The briefing PDF: its MyST-to-LaTeX conversion on fixtures, and the built brief (at most six pages,
its title block, the summary's judgments, two figures, what to watch, how to cite, no character outside
the text block)."""

from __future__ import annotations

import re
import subprocess

import pytest
from bookbuild import missing_tex

from analysis.present.brief import myst_to_tex


def _note(key, excerpt):
    return f"\\footnote{{{key}: {excerpt}}}"


def test_myst_to_tex_glues_cites_and_escapes():
    text = (
        '**Bottom line.** In {glue:text}`n` months 50% & more ({para}`003¶10 "the end"`), see {ref}`key-judgments` '
        'and {ref}`the page <other>` ({paras}`003¶1 "a", 003¶2 "b"`).'
    )
    tex = myst_to_tex(text, {"n": 12}, _note, {"key-judgments": "Key judgments"})
    assert tex == (
        r"\textbf{Bottom line.} In 12 months 50\% \& more\footnote{003¶10: the end}, see Key judgments "
        r"and the page\footnote{003¶1: a}\footnote{003¶2: b}."
    )


def test_myst_to_tex_refuses_what_it_cannot_render():
    with pytest.raises(KeyError, match="'m'"):
        myst_to_tex("{glue:text}`m`", {"n": 1}, _note, {})
    with pytest.raises(ValueError, match="cannot render the role"):
        myst_to_tex("{numref}`tbl-x`", {}, _note, {})
    with pytest.raises(ValueError, match="cannot read the citation"):
        myst_to_tex('{para}`003¶1 "unclosed`', {}, _note, {})


@pytest.mark.slow
def test_the_brief_is_short_and_says_what_the_book_says(built_book):
    if missing_tex():
        pytest.skip("TeX Live is missing: no brief")
    from analysis.analytics import judgments as J
    from analysis.build.brief import MAX_PAGES, NAME, OUT_DIR
    from analysis.core.buildinfo import build_info
    from analysis.present import briefing

    root = built_book.parent.parent
    pdf = root / OUT_DIR / f"{NAME}.pdf"
    assert "brief" in pdf.name and pdf.is_file()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 1 <= pages <= MAX_PAGES
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text).replace("\u2019", "'")
    build = build_info(root)
    assert f"commit {build.commit}" in flat and "Evidence cut-off" in flat and "Edition" in flat
    kj = J.assessment()
    for sentence in briefing.verdicts(kj["current"], kj["windows"]):
        assert re.sub(r"\s+", " ", sentence) in flat, sentence
    for heading in ("Summary", "Key judgments", "What to watch", "How to cite"):
        assert heading in flat
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) - 2 >= 2, "a map and a timeline"
    # no figure prints smaller than the book prints it (so its text stays at 6 pt or more), and no
    # figure is named by its id
    from analysis.present import style

    for row in (line.split() for line in images.splitlines()[2:]):
        if row[2] == "image":
            w, h, ppi = int(row[3]), int(row[4]), float(row[12])
            scale = style.DPI / ppi
            assert scale >= style.printed_scale(w / style.DPI, h / style.DPI) - 0.01, row
    assert "fig-" not in flat
    # the same margin check as the book's
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    m = re.search(r"report-textblock: left=([\d.]+)pt,\s*width=([\d.]+)pt", log)
    assert m, "the brief's log does not state its text block"
    left, width = float(m.group(1)), float(m.group(2))
    from test_pdf import OVERFULL_PT, _words

    outside = [
        (p, w)
        for p, _, h, w, x0, y0, x1, y1 in _words(pdf)
        if x0 < left - OVERFULL_PT - 1 or x1 > left + width + OVERFULL_PT + 1 or y0 < 18 or y1 > h - 18
    ]
    assert not outside, outside[:10]
    assert not re.search(r"Overfull \\hbox \((\d{2,}|[6-9])\.", log)
