"""Stale prose is shown, never silent. A chapter records, in a MyST comment line, the last event id its
prose was reviewed against (``% reviewed_against: E078``); when the ledger has rows after it, the built
chapter opens with a notice listing them ("2 events added since this chapter was reviewed: E079–E080"),
so a reader knows the narrative may not cover them. ``python -m analysis validate`` lists the same
chapters. The counts, tables and figures of a chapter are computed and always current; the notice is
about its prose.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes

from analysis.analytics.staleness import added_since, id_ranges, reviewed_against
from analysis.core import paths


def add_notice(app, doctree):
    docname = app.env.docname
    source = Path(app.env.doc2path(docname))
    if source.suffix != ".md":
        return
    last = reviewed_against(source)
    if not last:
        return
    from analysis.build import loaded

    ids = loaded.derived("event-ids", lambda: [str(e) for e in loaded.events()["event_id"]], paths.DATA_DIR)
    newer = added_since(ids, last)
    if not newer:
        return
    text = (
        f"{len(newer)} event{'s' if len(newer) != 1 else ''} added to the ledger since this chapter's prose "
        f"was reviewed (against {last}): {id_ranges(newer)}. The numbers, tables and figures below include "
        "them; the narrative may not yet."
    )
    notice = nodes.admonition(classes=["attention", "review-notice"])
    notice += nodes.title("", "Awaiting review")
    notice += nodes.paragraph("", text)
    sections = list(doctree.findall(nodes.section))
    if sections:
        title = sections[0].next_node(nodes.title)
        sections[0].insert(sections[0].index(title) + 1, notice)
    else:
        doctree.insert(0, notice)


def setup(app):
    app.connect("doctree-read", add_notice)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
