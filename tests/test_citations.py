"""Citations that carry their words: the {para} role's excerpt is checked against the cited
paragraph when the book is built, and shown as the link's title in HTML."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.core import paths

sys.path.insert(0, str(paths.ROOT / "_ext"))
import report_roles  # noqa: E402

ANALYTICAL = (
    "intro",
    "chapters/key_judgments",
    "chapters/algiers_process",
    "chapters/rupture_2024",
    "chapters/russia_mechanism",
    "chapters/border_incidents",
)


def test_items_parse_with_and_without_excerpts():
    assert report_roles.split_items("003¶60") == [("003¶60", None)]
    assert report_roles.split_items('003¶60 "in the vicinity of, the town"') == [
        ("003¶60", "in the vicinity of, the town")
    ]
    assert report_roles.split_items('000¶4 "a, b", 001¶3, 003¶9 "c"') == [
        ("000¶4", "a, b"),
        ("001¶3", None),
        ("003¶9", "c"),
    ]


def test_an_excerpt_must_be_in_its_paragraph(paras):
    text = dict(zip(paras["key"], paras["text"]))
    assert "in the vicinity of the border town of Tin Zaouatine" in text["003¶60"]
    assert report_roles.excerpt_problem("003¶60", "in the vicinity of the border town of Tin Zaouatine") is None
    # curly and straight apostrophes, and runs of spaces, compare equal (as for the ledger's quotes)
    assert report_roles.excerpt_problem("003¶60", "in the  vicinity of the border town") is None
    assert "not in 003¶60" in report_roles.excerpt_problem("003¶60", "on Algerian territory")
    assert "not in 003¶61" in report_roles.excerpt_problem(
        "003¶61", "in the vicinity of the border town of Tin Zaouatine"
    )


def _tiny_project(tmp_path: Path, body: str) -> Path:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(paths.ROOT / '_ext')!r})\nextensions = ['report_roles']\n"
        "exclude_patterns = ['_build']\n",
        encoding="utf-8",
    )
    (src / "seeds.rst").write_text("Seeds\n=====\n\n.. _p-003-60:\n\nParagraph 60.\n", encoding="utf-8")
    (src / "index.rst").write_text(f"Title\n=====\n\n{body}\n\n.. toctree::\n\n   seeds\n", encoding="utf-8")
    return src


def _build(src: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(src), str(src / "_build")],
        capture_output=True,
        text=True,
    )


def test_a_wrong_excerpt_fails_the_build(tmp_path):
    good = _build(_tiny_project(tmp_path / "good", 'As reported :para:`003¶60 "in the vicinity of the border town"`.'))
    assert good.returncode == 0, good.stderr
    html = (tmp_path / "good" / "src" / "_build" / "index.html").read_text(encoding="utf-8")
    # a numbered marker linking to the paragraph, its card holding the verified excerpt
    assert '<q>in the vicinity of the border town</q>' in html and 'href="seeds.html#p-003-60"' in html
    assert re.search(r'<a class="cite-marker[^>]*href="seeds.html#p-003-60"[^>]*><sup>1</sup></a>', html)
    bad = _build(_tiny_project(tmp_path / "bad", 'As reported :para:`003¶60 "inside Algerian territory"`.'))
    assert bad.returncode != 0 and "the excerpt is not in 003¶60" in bad.stderr


@pytest.mark.slow
def test_share_of_citations_with_an_excerpt(built_book):
    """Reports the share of paragraph citations that carry an excerpt, page by page. The goal is every
    citation of the analytical pages; the assertion holds what the pages have reached, so it can only
    rise: raise MIN_SHARE as pages are brought up to it."""
    counts = {}
    for page in ANALYTICAL:
        html = (built_book / f"{page}.html").read_text(encoding="utf-8")
        markers = len(re.findall(r'<a class="cite-marker', html))
        without = len(re.findall(r'<span class="cite-card-label">Opening words', html))
        counts[page] = (markers - without, markers)
    with_excerpt = sum(a for a, _ in counts.values())
    total = sum(b for _, b in counts.values())
    print("citations with an excerpt:", {p: f"{a}/{b}" for p, (a, b) in counts.items()})
    assert total > 0
    assert with_excerpt / total >= MIN_SHARE, counts
    for page in COMPLETE:
        assert counts[page][0] == counts[page][1], f"{page}: every citation must carry its excerpt"


#: Every citation of the analytical pages, those of tables included, carries its excerpt.
MIN_SHARE = 1.0
#: Pages where every citation carries its excerpt: they must stay so.
COMPLETE = ANALYTICAL

#: Pages whose prose citations must all carry an excerpt, checked in the sources without a build.
PROSE_COMPLETE = ANALYTICAL + ("chapters/sources_method",)
_ROLE = re.compile(r"\{(paras?)\}`([^`]*)`")


def prose_citations(path: Path) -> list[tuple[int, str, str | None]]:
    """``(line, key, excerpt or None)`` for every ``{para}``/``{paras}`` item in the MyST text of a
    chapter source, outside its code cells (a table's citations are written when the book is built)."""
    found, in_code = [], False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("```"):
            if in_code:
                in_code = False
                continue
            if line.startswith("```{code-cell}"):
                in_code = True
                continue
        if in_code:
            continue
        for m in _ROLE.finditer(line):
            items = report_roles.split_items(m.group(2))
            assert items is not None, f"{path.name}:{n}: cannot read the citation {m.group(0)!r}"
            found.extend((n, key, excerpt) for key, excerpt in items)
    return found


def test_prose_citations_carry_their_excerpts():
    """Fast guard for the build's share test: a {para} or {paras} item without its excerpt in the prose
    of an analytical page (or the sources and method page) fails here, naming file and line, and each
    excerpt is checked against its paragraph as the build checks it."""
    bare, wrong, total = [], [], 0
    for page in PROSE_COMPLETE:
        path = paths.ROOT / f"{page}.md"
        for line, key, excerpt in prose_citations(path):
            total += 1
            if excerpt is None:
                bare.append(f"{page}.md:{line}: {key}")
            elif problem := report_roles.excerpt_problem(key, excerpt):
                wrong.append(f"{page}.md:{line}: {problem}")
    assert total > 0
    assert not bare, "citations without an excerpt:\n" + "\n".join(bare)
    assert not wrong, "\n".join(wrong)


def test_the_prose_scan_sees_bare_citations_and_skips_code(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(
        'Text ({para}`003¶60`) and ({paras}`003¶61 "a, b", 003¶62`).\n'
        "```{code-cell} ipython3\nx = '{para}`003¶1`'\n```\n"
        "```{list-table}\n* - {para}`003¶63 \"w\"`\n```\n",
        encoding="utf-8",
    )
    assert prose_citations(page) == [
        (1, "003¶60", None),
        (1, "003¶61", "a, b"),
        (1, "003¶62", None),
        (6, "003¶63", "w"),
    ]


def test_a_key_cited_twice_in_one_citation_is_shown_once_with_both_excerpts():
    items = [("003¶34", "a"), ("003¶8", None), ("003¶34", "b")]
    assert report_roles.merge_items(items) == [("003¶34", ["a", "b"]), ("003¶8", [None])]
    assert report_roles.merge_items([("003¶34", "a"), ("003¶35", "a")]) == [("003¶34", ["a"]), ("003¶35", ["a"])]
