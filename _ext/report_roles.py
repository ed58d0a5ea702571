"""Local Sphinx extension of the report.

Role ``{para}`003¶14``` cites a seed paragraph: it renders the key and links it to the paragraph's
anchor on the "Seed texts" appendix (label ``p-003-14``). A key that names no paragraph is a broken
reference, so ``sphinx -n -W`` fails on it.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.addnodes import pending_xref

KEY = re.compile(r"^(\d{3})\u00b6(\d+)$")


def para_label(key: str) -> str:
    seed, n = KEY.match(key).groups()
    return f"p-{seed}-{int(n)}"


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    key = text.strip()
    if not KEY.match(key):
        msg = inliner.reporter.error(f"para: not a paragraph key (expected like 003\u00b614): {key!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    node = pending_xref(
        rawtext, refdomain="std", reftype="ref", reftarget=para_label(key), refexplicit=True,
        refwarn=True, refdoc=inliner.document.settings.env.docname,
    )
    node += nodes.inline(key, key, classes=["xref", "para-cite"])
    return [node], []


def paras_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{paras}`003¶14, 003¶15``: several citations separated by commas."""
    out: list = []
    msgs: list = []
    keys = [k.strip() for k in text.split(",") if k.strip()]
    for i, key in enumerate(keys):
        nodes_, m = para_role(name, key, key, lineno, inliner)
        out.extend(nodes_)
        msgs.extend(m)
        if i < len(keys) - 1:
            out.append(nodes.Text(", "))
    return out, msgs


def setup(app):
    app.add_role("para", para_role)
    app.add_role("paras", paras_role)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
