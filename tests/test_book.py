"""The book builds from a clean copy with -W -n (zero warnings), the pages exist, nothing is fetched
from the network, and the seed-text appendix is up to date with the corpus."""

from __future__ import annotations

import os
import re

import pytest
from bookbuild import can_cut_network, toc_pages

from analysis.core import paths
from analysis.present.pages import SEED_PAGE, seed_page


def test_long_tokens_get_break_opportunities_and_keep_their_characters():
    from analysis.present.pages import breakable

    url = "https://x.com/EAndaloucia/status/1873908235448582288"
    out = breakable(f"see {url} here")
    assert out.replace("\u200b", "") == f"see {url} here"
    assert max(len(run) for run in out.replace(" ", "\u200b").split("\u200b")) <= 20
    assert breakable("short words stay as they are") == "short words stay as they are"


def _toc_pages() -> list[str]:
    return toc_pages(paths.ROOT)


def test_seed_page_is_up_to_date():
    assert SEED_PAGE.read_text(encoding="utf-8") == seed_page(), (
        "chapters/appendix_seeds.md is stale: run `python -m analysis seed-page --write`"
    )


def test_seed_page_escapes_markup():
    page = seed_page().replace("\u200b", "")  # break opportunities inside long tokens (see pages.breakable)
    # the bare URL of 002¶7 and the bracketed timestamp of 002¶5 must not become links or roles
    assert r"https\:\/\/x\.com\/EAndaloucia" in page
    assert r"\[08\/01\/2025 21\:45\]" in page
    assert "(p-003-60)=" in page


@pytest.mark.slow
def test_book_builds_with_every_page(built_book):
    for page in _toc_pages():
        assert (built_book / f"{page}.html").is_file(), page
    html = (built_book / "chapters" / "sources_method.html").read_text(encoding="utf-8")
    assert re.search(r"Figure \d+\.1\b", html) and re.search(r"Table \d+\.1\b", html)
    assert "fig-publication.png" in html
    assert "The seed articles." in html
    assert 'href="appendix_seeds.html#p-001-1"' in html  # paragraph citations link to the appendix


@pytest.mark.slow
def test_the_front_page_heading_states_the_corpus_years(built_book):
    from analysis.sources.corpus import load_catalog

    catalog = load_catalog()
    years = f"{catalog['published_earliest'].min().year}\u2013{catalog['published_latest'].max().year}"
    heading = re.search(r"<h1>(.*?)<a", (built_book / "intro.html").read_text(encoding="utf-8"), re.S)
    assert heading and f"Algeria and Mali, {years}:" in heading.group(1)
    title = re.search(r"<title>(.*?)</title>", (built_book / "chapters" / "key_judgments.html").read_text("utf-8"))
    assert title and years in title.group(1)


@pytest.mark.slow
def test_book_built_with_the_network_cut(built_book):
    if not can_cut_network():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true: the book must be built with the network cut (root, unshare and ip needed)")
        pytest.skip("cannot cut the network here (needs root, unshare and ip)")
    assert (built_book / "index.html").is_file()


@pytest.mark.slow
def test_book_fetches_nothing_from_the_network(built_book):
    offenders = []
    for page in built_book.rglob("*.html"):
        for url in re.findall(
            r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', page.read_text(encoding="utf-8")
        ):
            offenders.append(f"{page.name}: {url}")
    assert not offenders, offenders[:10]


def test_chapter_citations_name_content_paragraphs(paras):
    import sys

    sys.path.insert(0, str(paths.ROOT / "_ext"))
    from report_roles import split_items

    """Every {para}/{paras} citation in the chapters names a paragraph that exists and is not page
    furniture (boilerplate is never evidence)."""
    kinds = dict(zip(paras["key"], paras["kind"]))
    cited = []
    for page in (paths.ROOT / "chapters").glob("*.md"):
        if page.name == "appendix_seeds.md":
            continue
        for roles in re.findall(r"\{paras?\}`([^`]+)`", page.read_text(encoding="utf-8")):
            cited += [(page.name, key) for key, _ in split_items(roles)]
    assert len(cited) > 100
    # The page furniture that dates a seed ("4 months ago", a post's timestamp) is cited as such, and
    # only where the publication dates are discussed.
    date_furniture = {("sources_method.md", "003¶2"), ("sources_method.md", "002¶5")}
    problems = [
        f"{p}: {k} {'does not exist' if k not in kinds else 'is boilerplate'}"
        for p, k in cited
        if kinds.get(k, "boilerplate") == "boilerplate" and (p, k) not in date_furniture
    ]
    assert not problems, problems


def test_the_root_page_heading_takes_the_corpus_years():
    import sys
    from types import SimpleNamespace

    from docutils import frontend, nodes, utils
    from docutils.parsers.rst import Parser

    sys.path.insert(0, str(paths.ROOT / "_ext"))
    from print_edition import corpus_title, title_years

    def page():
        settings = frontend.get_default_settings(Parser)
        doc = utils.new_document("intro", settings)
        section = nodes.section()
        section += nodes.title("", "Algeria and Mali, 1990–1991: from mediation to rupture")
        doc += section
        return doc

    expected = corpus_title("Algeria and Mali, 1990–1991: from mediation to rupture")
    assert "1990" not in expected
    root = page()
    title_years(SimpleNamespace(env=SimpleNamespace(docname="intro"), config=SimpleNamespace(root_doc="intro")), root)
    assert root.next_node(nodes.title).astext() == expected
    other = page()
    title_years(
        SimpleNamespace(env=SimpleNamespace(docname="chapters/x"), config=SimpleNamespace(root_doc="intro")), other
    )
    assert "1990–1991" in other.next_node(nodes.title).astext()


@pytest.mark.slow
def test_built_pages_have_no_generated_sentence_glitch(built_book):
    """No page says "0 is", repeats a key within one citation, or leaves a counted category without its
    number (analysis.core.wording.sentence_glitches)."""
    import html as html_mod

    from analysis.core.wording import sentence_glitches

    problems = []
    for page in sorted((built_book / "chapters").glob("*.html")):
        text = html_mod.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
        problems += [f"{page.name}: {g}" for g in sentence_glitches(re.sub(r"\s+", " ", text))]
    assert not problems, problems
