"""Local Sphinx extension of the report: paragraph citations that carry the words they rest on.

Role ``{para}`003¶14``` cites a seed paragraph: it renders the key and links it to the paragraph's
anchor on the "Article texts" appendix (label ``p-003-14``). A key that names no paragraph is a broken
reference, so ``sphinx -n -W`` fails on it.

A citation may hold a short verbatim excerpt of the paragraph:
``{para}`003¶60 "in the vicinity of the border town of Tin Zaouatine"```. The build checks it: an
excerpt that is not in the cited paragraph (compared as the ledger compares its quotes, with
:func:`analysis.core.quote.verbatim`, against the stored text or its display form) is an error, so ``-W``
fails; so is an empty one. How a citation is shown (a numbered marker with a card, a footnote in the
PDF) is decided by :mod:`citation_cards`.

``{paras}`000¶4 "excerpt", 001¶3 "another"``` cites several paragraphs; items are separated by commas
outside the quotes (read by :func:`analysis.core.quote.citation_items`, the project's one parser).
"""

from __future__ import annotations

from functools import lru_cache

from docutils import nodes
from sphinx.util import logging

from analysis.core import paths
from analysis.core.keys import EXAMPLE, KEY, anchor
from analysis.core.quote import citation_items as split_items
from analysis.core.quote import quote_problem

logger = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _paragraph_texts() -> dict[str, tuple[str, ...]]:
    from analysis.build import loaded

    def texts() -> dict[str, tuple[str, ...]]:
        paras = loaded.paragraphs()
        return {k: (t, d) for k, t, d in zip(paras["key"], paras["text"], paras["display"])}

    return loaded.derived("paragraph-texts", texts, paths.SEEDS_DIR)


class para_cite(nodes.inline):
    """A paragraph citation, resolved into a link once the labels are known (see :func:`resolve`)."""


def excerpt_problem(key: str, excerpt: str) -> str | None:
    """Why ``excerpt`` cannot stand as the words of paragraph ``key``, or None when it can."""
    texts = _paragraph_texts().get(key)
    if texts is None:
        return None  # the missing paragraph is reported as a broken reference
    problem = quote_problem(excerpt, key, *texts)
    if problem == "is empty":
        return f"para: empty excerpt for {key}"
    if problem:
        return f"para: the excerpt is not in {key}: {excerpt!r}"
    return None


def _citation(rawtext: str, key: str, excerpt: str | None, lineno: int, inliner):
    if not KEY.match(key):
        msg = inliner.reporter.error(f"para: not a paragraph key (expected like {EXAMPLE}): {key!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    if excerpt is not None:
        problem = excerpt_problem(key, excerpt)
        if problem:
            msg = inliner.reporter.error(problem, line=lineno)
            return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    node = para_cite(key, key, classes=["para-cite"], key=key, excerpt=excerpt or "")
    node.line = lineno
    return [node], []


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    items = split_items(text)
    if not items or len(items) != 1:
        msg = inliner.reporter.error(f"para: expected one key, optionally with a quoted excerpt: {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return _citation(rawtext, *items[0], lineno, inliner)


def paras_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{paras}`003¶14 "…", 003¶15 "…"``: several citations separated by commas."""
    items = split_items(text)
    if not items:
        msg = inliner.reporter.error(f"paras: cannot read the citations {text!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    out: list = []
    msgs: list = []
    merged = merge_items(items)
    for i, (key, excerpts) in enumerate(merged):
        for excerpt in excerpts[1:]:  # every excerpt is checked; the key is shown once
            bad, m = _citation(key, key, excerpt, lineno, inliner)
            if m:
                out.extend(bad)
                msgs.extend(m)
        nodes_, m = _citation(key, key, excerpts[0], lineno, inliner)
        if excerpts[0] is not None and len(excerpts) > 1 and not m:
            nodes_[0]["excerpt"] = " \u2026 ".join(e for e in excerpts if e)
        out.extend(nodes_)
        msgs.extend(m)
        if i < len(merged) - 1:
            out.append(nodes.Text(", "))
    return out, msgs


def merge_items(items: list[tuple[str, str | None]]) -> list[tuple[str, list[str | None]]]:
    """The citations of one role with each key once, in first-seen order, holding every excerpt given
    for it: a key cited twice in one citation reads "003¶34", not "003¶34, 003¶34"."""
    merged: dict[str, list[str | None]] = {}
    for key, excerpt in items:
        merged.setdefault(key, []).append(excerpt)
    return list(merged.items())


def resolve(app, doctree, docname):
    """Each citation is resolved against its paragraph's anchor; a key with no paragraph is a broken
    reference (a warning, so ``-W`` fails). What the reader sees (a numbered marker with a card and a
    list of sources in HTML, a footnote in the PDF) is :func:`citation_cards.render`'s."""
    import citation_cards

    labels = app.env.domaindata["std"]["anonlabels"]  # targets before paragraphs have no section title
    found = []
    for node in list(doctree.findall(para_cite)):
        key, excerpt = node["key"], node["excerpt"]
        target = labels.get(anchor(key))
        if target is None:
            logger.warning(
                f"para: no paragraph {key} (no label {anchor(key)})", location=node, type="ref", subtype="para"
            )
        found.append((node, key, excerpt, target))
    citation_cards.render(app, doctree, docname, found)


def setup(app):
    app.setup_extension("citation_cards")
    app.add_node(para_cite)
    app.add_role("para", para_role)
    app.add_role("paras", paras_role)
    app.connect("doctree-resolved", resolve)
    return {"version": "1.1", "parallel_read_safe": True, "parallel_write_safe": True}
