"""Citable output: every published figure gets a "Cite this figure" line, the How to cite page gets
BibTeX for the report and for each chapter, and no page carries an external script URL.

- A figure is *published* when its chapter wrote ``exports/<figure name>.csv`` (``figures.publish``);
  a table likewise with ``exports/<table name>.csv`` (``figures.publish_table``): it gets a "Cite this
  table" line.
  Its line names the figure's number and title, the report, the page's anchor, the build (version,
  commit, date: :mod:`analysis.core.buildinfo`) and the SHA-256 of the data file, so a pasted figure can be
  traced to the exact build and data.
- ``{report-bibtex}`` (a directive with no content) is replaced by BibTeX entries generated from
  ``CITATION.cff`` and the table of contents: one ``@techreport`` for the report, one ``@incollection``
  per numbered chapter, with the chapter's number and title as the build resolved them.
- Jupyter Book 1 loads sphinx-thebe, which writes a ``THEBE_JS_URL`` constant pointing at a CDN into
  every page although Thebe is off; the scripts it adds are removed from each page's context.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from analysis.core.buildinfo import build_info

SHORT_HASH = 16


class bibtex_placeholder(nodes.General, nodes.Element):
    pass


class ReportBibtex(SphinxDirective):
    has_content = False

    def run(self):
        return [bibtex_placeholder()]


def _caption_title(figure: nodes.Element) -> str:
    caption = next(iter(figure.findall(nodes.caption if isinstance(figure, nodes.figure) else nodes.title)), None)
    text = caption.astext().strip() if caption is not None else ""
    first = re.split(r"(?<=\.)\s", text, maxsplit=1)[0].rstrip(".")
    return first if len(first) <= 140 else first[:140].rsplit(" ", 1)[0] + "…"


def _number(env, docname: str, kind: str, target: str) -> str:
    nums = env.toc_fignumbers.get(docname, {}).get(kind, {}).get(target)
    return ".".join(str(n) for n in nums) if nums else ""


def _report_title(app) -> str:
    return app.config.html_title or app.config.project


def _bib_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())[:40]


def _bibtex(app, env) -> str:
    info = build_info(Path(app.srcdir))
    title = _report_title(app)
    year = info.date[:4]
    note = f"Version {info.version}, commit {info.commit}, built {info.date}"
    entries = [
        "@techreport{algeria_mali_report,\n"
        f"  author = {{{{{info.author_text}}}}},\n"
        f"  title = {{{title}}},\n"
        f"  year = {{{year}}},\n"
        f"  type = {{Executable analytical report}},\n"
        f"  note = {{{note}}}\n"
        "}"
    ]
    for docname in _toc_order(env):
        entry = _chapter_entry(env, docname, info, title, year, note)
        if entry:
            entries.append(entry)
    return "\n\n".join(entries)


def _toc_order(env) -> list[str]:
    """Every document in the order of the table of contents."""
    out: list[str] = []

    def walk(doc: str) -> None:
        for child in env.toctree_includes.get(doc, []):
            if child not in out:
                out.append(child)
                walk(child)

    walk(env.config.root_doc)
    return out


def _chapter_entry(env, docname, info, title, year, note) -> str | None:
    secnum = env.toc_secnumbers.get(docname, {}).get("")
    if not secnum or len(secnum) != 1:
        return None
    number = ".".join(str(n) for n in secnum)
    chapter_title = env.titles[docname].astext()
    key = "algeria_mali_report_ch" + number.replace(".", "_")
    return (
        f"@incollection{{{key},\n"
        f"  author = {{{{{info.author_text}}}}},\n"
        f"  title = {{{chapter_title}}},\n"
        f"  chapter = {{{number}}},\n"
        f"  booktitle = {{{title}}},\n"
        f"  year = {{{year}}},\n"
        f"  note = {{{note}; {docname}.html}}\n"
        "}"
    )


def _figure_line(app, env, docname: str, figure: nodes.Element) -> nodes.paragraph | None:
    """The "Cite this figure" (or "Cite this table") line of a figure or table whose chapter published
    its data as ``exports/<its id>.csv``; None for one that did not."""
    kind = "figure" if isinstance(figure, nodes.figure) else "table"
    src_dir = (Path(app.srcdir) / docname).parent
    for fid in figure["ids"]:
        csv = src_dir / "exports" / f"{fid}.csv"
        if not csv.is_file():
            continue
        info = build_info(Path(app.srcdir))
        digest = hashlib.sha256(csv.read_bytes()).hexdigest()
        number = _number(env, docname, kind, fid)
        label = f"{kind.capitalize()} {number}" if number else kind.capitalize()
        text = (
            f"{label}, “{_caption_title(figure)}”. In {info.author_text}, {_report_title(app)}, "
            f"version {info.version}, commit {info.commit}, built {info.date}. "
            f"{docname}.html#{fid}. Data: {fid}.csv, SHA-256 {digest[:SHORT_HASH]}."
        )
        para = nodes.paragraph(classes=["cite-figure"])
        para += nodes.strong(f"Cite this {kind}: ", f"Cite this {kind}: ")
        para += nodes.Text(text)
        return para
    return None


def resolve(app, doctree, docname):
    env = app.env
    for figure in [*doctree.findall(nodes.figure), *doctree.findall(nodes.table)]:
        line = _figure_line(app, env, docname, figure)
        if line is not None:
            figure.parent.insert(figure.parent.index(figure) + 1, line)
    for node in list(doctree.findall(bibtex_placeholder)):
        text = _bibtex(app, env)
        node.replace_self(nodes.literal_block(text, text, language="bibtex"))


def drop_external_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    kept = []
    for js in scripts:
        name = str(getattr(js, "filename", js) or "")
        body = str(getattr(js, "attributes", {}).get("body", ""))
        if "thebe" in name.lower() or "THEBE_JS_URL" in body or re.match(r"^(https?:)?//", name):
            continue
        kept.append(js)
    scripts[:] = kept


def setup(app):
    app.add_node(bibtex_placeholder)
    app.add_directive("report-bibtex", ReportBibtex)
    app.connect("doctree-resolved", resolve)
    app.connect("html-page-context", drop_external_scripts)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
