"""The print edition (the LaTeX/PDF builder): a title page that identifies the build, one date for
the build that is not the clock, and the table of contents' parts as LaTeX parts.

- Title page: the report's title and subtitle (the title split at its colon), the authors, the
  version, the commit and the build date (:mod:`analysis.core.buildinfo`), and how to cite the report.
- ``today`` is the build date, so ``\\date`` and every "built on" line agree and the same commit
  gives the same bytes.
- Each caption of ``_toc.yml`` (Judgments, Analysis, …) opens a ``\\part`` before its first chapter,
  so the PDF's bookmarks hold parts, chapters and sections.
- The root page (the introduction) is set as an unnumbered chapter with its own running head.
- Chapter PDFs: when ``_build/pdf/<chapter>.pdf`` exists (``make pdf`` writes them with
  ``python -m analysis chapter-pdfs``), the HTML page of that chapter links to it, "Download this
  chapter (PDF)", and the file is copied into the site. Where no chapter PDF was built (an HTML-only
  build without TeX), no link is written, so no link is ever broken.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes

from analysis.core import paths
from analysis.core.buildinfo import build_info
from analysis.present.printing import tex_escape

INTRO_TITLE = "Summary"


def title_page(title: str, srcdir: Path) -> str:
    info = build_info(srcdir)
    main, _, subtitle = title.partition(":")
    e = tex_escape
    cite = (
        f"{info.author_text} ({info.date[:4]}). {title}. Version {info.version}, "
        f"commit {info.commit}, built {info.date}."
    )
    return rf"""
\begin{{titlepage}}
\begingroup\centering
\vspace*{{0.18\textheight}}
{{\sffamily\bfseries\Huge {e(main.strip())}\par}}
\vspace{{0.8em}}
{{\sffamily\Large {e(subtitle.strip())}\par}}
\vspace{{2.5em}}
{{\large {e(info.author_text)}\par}}
\vfill
\begin{{tabular}}{{ll}}
Version & {e(info.version)}\\
Commit & \texttt{{{e(info.commit)}}}\\
Built & {e(info.date)}\\
\end{{tabular}}\par
\vspace{{2em}}
\begin{{minipage}}{{0.8\textwidth}}\small\raggedright
\textbf{{How to cite.}} {e(cite)} The web edition's \emph{{How to cite}} page gives BibTeX for the
report and for each chapter.
\end{{minipage}}\par
\vspace*{{2em}}
\endgroup
\end{{titlepage}}
"""


def corpus_title(title: str) -> str:
    """``title`` with its span of years (``2017–2025``) replaced by the corpus's: the years of the
    reviewed catalogue rows and of the events coded from unreviewed ones
    (:func:`analysis.ledger.span.corpus_years`), never a date ``add`` inferred."""
    from analysis.build import loaded

    def years() -> tuple[int, int]:
        from analysis.ledger.span import corpus_years

        first, last = corpus_years(loaded.catalog(), loaded.events())
        return int(first), int(last)

    first, last = loaded.derived("corpus-years", years, paths.SEEDS_DIR, paths.DATA_DIR)
    return re.sub(r"\b(19|20)\d\d\s*[–-]\s*(19|20)\d\d\b", f"{first}\u2013{last}", title, count=1)


def configure(app, config):
    srcdir = Path(app.srcdir)
    info = build_info(srcdir)
    # The title states the corpus's years: computed, so an added article moves them.
    config.project = corpus_title(config.project)
    if config.html_title:
        config.html_title = corpus_title(config.html_title)
    config.today = info.date
    config.release = info.version
    elements = dict(config.latex_elements or {})
    title = config.project if not config.html_title else config.html_title
    elements["maketitle"] = title_page(str(title), srcdir)
    elements["releasename"] = "Version"
    config.latex_elements = elements


def _parts(srcdir: Path) -> dict[str, str]:
    """First document of each part -> the part's caption."""
    toc = yaml.safe_load((srcdir / "_toc.yml").read_text(encoding="utf-8"))
    out = {}
    for part in toc.get("parts", []):
        chapters = part.get("chapters", [])
        if chapters and part.get("caption"):
            out[chapters[0]["file"]] = part["caption"]
    return out


def _raw(text: str) -> nodes.raw:
    return nodes.raw("", text, format="latex")


def mark_parts(app, doctree, docname):
    if app.builder.format != "latex":
        return
    parts = _parts(Path(app.srcdir))
    for node in list(doctree.findall(addnodes.start_of_file)):
        caption = parts.get(node["docname"])
        if caption:
            node.parent.insert(node.parent.index(node), _raw(rf"\part{{{tex_escape(caption)}}}" + "\n"))
    if docname == app.config.root_doc:
        # the introduction, which LaTeX would otherwise set under the contents' running head
        intro = rf"\chapter*{{{INTRO_TITLE}}}\markboth{{{INTRO_TITLE}}}{{{INTRO_TITLE}}}" + "\n"
        doctree.insert(0, _raw(intro))


def _chapter_pdf(app, pagename: str) -> Path | None:
    pdf = Path(app.outdir).parent / "pdf" / f"{Path(pagename).name}.pdf"
    return pdf if pagename != app.config.root_doc and pdf.is_file() else None


def link_chapter_pdf(app, pagename, templatename, context, doctree):
    pdf = _chapter_pdf(app, pagename)
    if pdf is None or "body" not in context:
        return
    target = Path(app.outdir) / "pdf" / pdf.name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, target)
    href = context["pathto"](f"pdf/{pdf.name}", 1)
    link = (
        f'<p class="chapter-pdf"><a class="reference download" href="{href}" download>'
        f"Download this chapter (PDF)</a></p>"
    )
    context["body"] = re.sub(r"(</h1>)", r"\1" + link.replace("\\", "\\\\"), context["body"], count=1)


def title_years(app, doctree):
    """The root page's own heading states the corpus's years too (see :func:`corpus_title`): run
    before Sphinx records the page's title, so the navigation and the PDF's contents agree."""
    if app.env.docname != app.config.root_doc:
        return
    title = next(iter(doctree.findall(nodes.title)), None)
    if title is None:
        return
    for text in list(title.findall(nodes.Text)):
        new = corpus_title(str(text))
        if new != str(text):
            text.parent.replace(text, nodes.Text(new))


def setup(app):
    app.connect("config-inited", configure)
    app.connect("doctree-read", title_years, priority=400)
    app.connect("doctree-resolved", mark_parts)
    app.connect("html-page-context", link_chapter_pdf)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
