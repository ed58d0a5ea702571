"""How a paragraph citation reads: a small marker in the text, the source one step away.

The ``{para}`` role (:mod:`report_roles`) checks each citation's excerpt against its paragraph; this
module decides what the reader sees once the labels are known (``doctree-resolved``):

- **HTML.** Each citation becomes a superscript number, the same number for every citation of one
  paragraph on a page, in order of first use. The number is a link to the paragraph on the "Article
  texts" appendix (so no script is needed to reach it) and holds a card that opens on hover and on
  keyboard focus (CSS ``:hover`` / ``:focus-within``): the outlet, the article's title, its date,
  the paragraph number, the verified excerpt (escaped: seed text is data) and a link to the paragraph
  in the article's full text. The paragraph key stays in the link's address and in "Sources", the
  numbered list of the paragraphs a page cites at its end, each with its excerpts and key.
- **LaTeX.** Each citation in running text becomes a footnote with the same words (outlet, title, date,
  paragraph, excerpt) and the key as a link to the paragraph in the appendix; in a table cell it stays
  the key, linked (a narrow column of footnote marks cannot break).
- Other builders keep the key as a plain link.

The words for an article come from :func:`analysis.sources.articles.article_labels`: outlet and date,
never the seed id.
"""

from __future__ import annotations

import html
from functools import lru_cache

from docutils import nodes
from sphinx.util import logging

from analysis.core import paths
from analysis.core.keys import parse_key

logger = logging.getLogger(__name__)

SOURCES_ID = "sources"
SOURCES_TITLE = "Sources"
#: Words of a paragraph shown in a card when the citation carries no excerpt.
OPENING_WORDS = 30


@lru_cache(maxsize=1)
def _articles() -> dict[str, dict]:
    from analysis.build import loaded

    def labels() -> dict[str, dict]:
        from analysis.sources.articles import article_labels

        return {r["seed"]: r for r in article_labels(loaded.catalog()).to_dict("records")}

    return loaded.derived("article-labels", labels, paths.SEEDS_DIR)


@lru_cache(maxsize=1)
def _texts() -> dict[str, str]:
    from analysis.build import loaded

    def texts() -> dict[str, str]:
        paras = loaded.paragraphs()
        return dict(zip(paras["key"], paras["display"]))

    return loaded.derived("paragraph-display", texts, paths.SEEDS_DIR)


def card_facts(key: str, excerpt: str) -> dict:
    """What a card and a list entry say of one citation: ``outlet`` (or "Outlet not named"), ``title``,
    ``date``, ``n`` (the paragraph number), ``excerpt`` (the citation's, else the paragraph's opening
    words, marked ``opening``) and ``key``."""
    seed, n = parse_key(key)
    art = _articles().get(seed, {"outlet": "", "title": "", "date": ""})
    words, opening = excerpt, False
    if not words:
        text = _texts().get(key, "").split()
        words, opening = " ".join(text[:OPENING_WORDS]) + (" …" if len(text) > OPENING_WORDS else ""), True
    return {
        "outlet": art["outlet"] or "Outlet not named",
        "title": art["title"],
        "date": art["date"],
        "n": n,
        "excerpt": words,
        "opening": opening,
        "key": key,
    }


def card_html(facts: dict, href: str, card_id: str) -> str:
    """The card's inner HTML (inline elements only: it sits inside a paragraph or a table cell)."""
    e = html.escape
    quote = (
        f'<span class="cite-card-label">Opening words:</span> <q>{e(facts["excerpt"])}</q>'
        if facts["opening"]
        else f"<q>{e(facts['excerpt'])}</q>"
    )
    return (
        f'<span class="cite-card" id="{card_id}" role="tooltip">'
        f'<span class="cite-card-outlet">{e(facts["outlet"])}</span>, '
        f'<cite class="cite-card-title">{e(facts["title"])}</cite>, {e(facts["date"])}, paragraph {facts["n"]}.'
        f'<span class="cite-card-excerpt">{quote}</span>'
        f'<a class="cite-card-link" href="{e(href)}">Read it in the article’s full text</a>'
        "</span>"
    )


def marker_html(number: int, facts: dict, href: str, card_id: str) -> str:
    """A citation in HTML: the numbered link to the paragraph and its card."""
    e = html.escape
    label = f"Source {number}: {facts['outlet']}, {facts['date']}, paragraph {facts['n']}"
    return (
        f'<span class="cite">'
        f'<a class="cite-marker reference internal" href="{e(href)}" aria-label="{e(label)}" '
        f'aria-describedby="{card_id}"><sup>{number}</sup></a>'
        f"{card_html(facts, href, card_id)}</span>"
    )


def sources_html(entries: list[tuple[int, dict, list[str], str]]) -> str:
    """The numbered list of a page's sources: ``(number, facts, excerpts, href)`` per paragraph."""
    e = html.escape
    items = []
    for number, facts, excerpts, href in entries:
        quotes = "; ".join(f"<q>{e(x)}</q>" for x in excerpts)
        items.append(
            f'<li id="source-{number}" value="{number}"><span class="cite-source-outlet">{e(facts["outlet"])}</span>, '
            f"<cite>{e(facts['title'])}</cite>, {e(facts['date'])}, paragraph {facts['n']}"
            + (f": {quotes}" if quotes else "")
            + f' (<a href="{e(href)}">{e(facts["key"])}</a>)</li>'
        )
    return '<ol class="cite-sources">' + "".join(items) + "</ol>"


class cite_note(nodes.Inline, nodes.Element):
    """A citation printed as a footnote (LaTeX only)."""


def visit_cite_note_latex(self, node):
    self.body.append(r"\footnote{")


def depart_cite_note_latex(self, node):
    self.body.append("}")


def _skip(self, node):
    raise nodes.SkipNode


def _latex_note(facts: dict, ref: nodes.Node) -> cite_note:
    note = cite_note()
    note += nodes.Text(f"{facts['outlet']}, ")
    note += nodes.emphasis(facts["title"], facts["title"])
    label = "opening words" if facts["opening"] else ""
    words = f"{label}: “{facts['excerpt']}”" if label else f"“{facts['excerpt']}”"
    note += nodes.Text(f", {facts['date']}, paragraph {facts['n']}: {words} (")
    note += ref
    note += nodes.Text(").")
    return note


def _is_separator(node) -> bool:
    return isinstance(node, nodes.Text) and node.astext().strip() in ("", ",", ";")


def _at(parent, node) -> int:
    """The index of ``node`` among ``parent``'s children by identity (Text nodes compare as strings)."""
    return next(k for k, child in enumerate(parent.children) if child is node)


def _set(parent, k: int, text: str) -> None:
    new = nodes.Text(text)
    new.parent = parent
    parent.children[k] = new


def unbracket(cites: list) -> None:
    """A citation set in brackets, ``months ({para}`…`), and``, reads ``months¹, and``: the brackets
    around a run of citations (separated by commas) are dropped, with the space before the opening one.
    ``cites`` are the page's citation nodes in document order."""
    ids = {id(n) for n in cites}
    for node in cites:
        parent = node.parent
        if parent is None:
            continue
        i = _at(parent, node)
        before = parent.children[i - 1] if i > 0 else None
        if not (isinstance(before, nodes.Text) and before.astext().rstrip().endswith("(")):
            continue
        j = i
        while j + 2 < len(parent) and _is_separator(parent.children[j + 1]) and id(parent.children[j + 2]) in ids:
            j += 2
        after = parent.children[j + 1] if j + 1 < len(parent) else None
        if not (isinstance(after, nodes.Text) and after.astext().startswith(")")):
            continue
        _set(parent, j + 1, after.astext()[1:])
        kept = before.astext().rstrip()[:-1].rstrip()
        _set(parent, i - 1, kept)
        k = i - 2
        while not kept and k >= 0 and isinstance(parent.children[k], nodes.Text):  # a soft break before "("
            kept = parent.children[k].astext().rstrip()
            _set(parent, k, kept)
            k -= 1


def _in_table(node) -> bool:
    """A citation in a table cell prints as its key in the PDF: a column of footnote marks in a narrow cell
    cannot break, and the table's rows already name their sources."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.entry):
            return True
        parent = parent.parent
    return False


def render(app, doctree, docname, citations) -> None:
    """Replace the resolved citations of one page. ``citations`` is a list of ``(node, key, excerpt,
    target)`` in document order, ``target`` a ``(todocname, labelid)`` or None (a broken reference,
    already reported); each node is replaced by what the builder shows."""
    from sphinx.util.nodes import make_refnode

    fmt = app.builder.format
    if fmt in ("html", "latex"):
        unbracket([c[0] for c in citations if c[3] is not None])
    numbers: dict[str, int] = {}
    listed: dict[str, tuple[dict, list[str], str]] = {}
    for i, (node, key, excerpt, target) in enumerate(citations):
        inner = nodes.inline(key, key, classes=["xref", "para-cite"])
        if target is None:
            node.replace_self(inner)
            continue
        todocname, labelid = target
        facts = card_facts(key, excerpt)
        if fmt == "html":
            href = app.builder.get_relative_uri(docname, todocname) + "#" + labelid
            number = numbers.setdefault(key, len(numbers) + 1)
            entry = listed.setdefault(key, (facts, [], href))
            if excerpt and excerpt not in entry[1]:
                entry[1].append(excerpt)
            node.replace_self(nodes.raw("", marker_html(number, facts, href, f"cite-card-{i}"), format="html"))
        elif fmt == "latex" and not _in_table(node):
            node.replace_self(_latex_note(facts, make_refnode(app.builder, docname, todocname, labelid, inner)))
        else:
            node.replace_self(make_refnode(app.builder, docname, todocname, labelid, inner, title=excerpt or key))
    if fmt == "html" and listed:
        entries = [(numbers[k], f, x, h) for k, (f, x, h) in listed.items()]
        _append_sources(doctree, sources_html(entries))


def _append_sources(doctree, list_html: str) -> None:
    """A "Sources" section at the end of the page's top section holding the list."""
    section = nodes.section(ids=[SOURCES_ID], names=[SOURCES_ID], classes=["cite-sources-section"])
    section += nodes.title(SOURCES_TITLE, SOURCES_TITLE)
    intro = "The paragraphs this page cites, numbered as in the text; each links to the article’s full text."
    section += nodes.paragraph(intro, intro)
    section += nodes.raw("", list_html, format="html")
    tops = [n for n in doctree.children if isinstance(n, nodes.section)]
    (tops[-1] if tops else doctree).append(section)


def setup(app):
    app.add_node(cite_note, latex=(visit_cite_note_latex, depart_cite_note_latex), html=(_skip, None))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
