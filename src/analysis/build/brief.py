"""The briefing PDF (``make brief``; ``make report`` too where TeX Live is present): at most six pages
built from the book's own sources into ``_build/brief/algeria-mali-brief.pdf``.

- The bottom line is the Summary page's paragraph (``intro.md``), its glued values computed by running
  that page's first code cell as the book does, its citations footnotes whose words are checked against
  their paragraphs (:func:`analysis.core.quote.quote_problem`), as the ``{para}`` role checks them.
- The judgments are the current edition's verdicts (:func:`analysis.present.briefing.verdicts`), what
  to watch their indicators; the map and the timeline are the PNGs the chapters' notebooks exported
  (``chapters/exports``), so the book must have been built first.
- The LaTeX is rebuilt only when its text or a figure changed; a PDF of more than six pages is an error.

``python -m analysis.build.brief`` builds it and prints its path.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import AnalysisError

OUT_DIR = Path("_build") / "brief"
NAME = "algeria-mali-brief"
MAX_PAGES = 6
#: The brief's figures: the PNG the book exported, its caption, and the chapter of the book that has it.
FIGURES = (
    (
        "fig-border-incidents.png",
        "Map: the Algeria–Mali border zone and the incidents the articles place there.",
        "chapters/border_incidents.md",
    ),
    (
        "fig-dyad-timeline.png",
        "Timeline: Algeria–Mali events in the articles, by cooperation–conflict score.",
        "chapters/rupture_2024.md",
    ),
)


class BriefError(AnalysisError):
    """The brief cannot be built; the message says why."""


def _chapter_title(page: Path) -> str:
    """A chapter's title (its first ``# `` heading), in quotation marks, for a reader."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return f"“{line[2:].strip()}”"
    raise BriefError(page, "no title (a line opening with '# ')")


def _summary_parts(root: Path) -> tuple[str, dict[str, object]]:
    """The Summary page's bottom-line paragraph (MyST) and the values its first code cell glues."""
    import jupytext
    import myst_nb

    nb = jupytext.read(root / "intro.md")
    code = next(c.source for c in nb.cells if c.cell_type == "code")
    chunks = [p.strip() for c in nb.cells if c.cell_type == "markdown" for p in re.split(r"\n\s*\n", c.source)]
    para = next((p for p in chunks if p.startswith("**Bottom line.**")), None)
    if para is None:
        raise BriefError(root / "intro.md", "no paragraph opening with **Bottom line.**")
    glued: dict[str, object] = {}
    original = myst_nb.glue
    myst_nb.glue = lambda name, value, display=True: glued.__setitem__(name, value)
    try:
        exec(compile(code, str(root / "intro.md"), "exec"), {"__name__": "summary"})
    finally:
        myst_nb.glue = original
    return para, glued


def _ref_titles(root: Path) -> dict[str, str]:
    titles = {}
    for page in [root / "intro.md", *sorted((root / "chapters").glob("*.md"))]:
        for label, title in re.findall(r"^\((\S+)\)=\s*\n#+ (.+)$", page.read_text(encoding="utf-8"), re.M):
            titles[label] = title.strip()
    return titles


def _footnote_maker(root: Path):
    from analysis.core.keys import parse_key
    from analysis.core.quote import quote_problem
    from analysis.present.printing import tex_escape as e
    from analysis.sources.articles import article_labels
    from analysis.sources.corpus import load_catalog, paragraphs

    arts = article_labels(load_catalog()).set_index("seed")
    paras = paragraphs().set_index("key")

    def footnote(key: str, excerpt: str | None) -> str:
        seed, n = parse_key(key)
        if key not in paras.index or seed not in arts.index:
            raise BriefError(root / "intro.md", f"no paragraph {key}")
        if excerpt is None:
            raise BriefError(root / "intro.md", f"the citation of {key} carries no excerpt")
        problem = quote_problem(excerpt, key, paras.at[key, "text"], paras.at[key, "display"])
        if problem:
            raise BriefError(root / "intro.md", f"the excerpt {excerpt!r} {problem}")
        a = arts.loc[seed]
        return (
            rf"\footnote{{{e(a['outlet'] or 'Outlet not named')}, \emph{{{e(a['title'])}}}, {e(a['date'])}, "
            rf"paragraph {n}: “{e(excerpt)}” ({e(key)} in the report's Article texts).}}"
        )

    return footnote


def brief_source(root: Path) -> tuple[str, list[Path]]:
    """The brief's LaTeX and the figure files it includes."""
    from analysis.analytics import judgments as J
    from analysis.core.buildinfo import build_info
    from analysis.present import briefing
    from analysis.present.brief import Figure, brief_tex, myst_to_tex

    para, glued = _summary_parts(root)
    kj = J.assessment()
    now, gap, info = kj["current"], kj["gap"], build_info(root)
    said = dict(zip(now["judgment_id"], briefing.verdicts(now, kj["windows"])))
    back = [s for j, h, s in zip(now["judgment_id"], now["horizon"], said.values()) if h == "retrospective"]
    ahead = [s for j, h, s in zip(now["judgment_id"], now["horizon"], said.values()) if h != "retrospective"]
    watch = []
    for jid in now["judgment_id"]:
        rows = kj["watch"][kj["watch"]["judgment_id"] == jid]
        if jid in now.loc[now["horizon"] != "retrospective", "judgment_id"].to_numpy() and len(rows):
            lines = [f"{r.indicator} ({r.direction} the likelihood)" for r in rows.itertuples(index=False)]
            watch.append((str(now.set_index("judgment_id").at[jid, "title"]), lines))
    figures, files = [], []
    for name, caption, page in FIGURES:
        png = root / "chapters" / "exports" / name
        if not png.is_file():
            raise BriefError(png, "missing; build the book first (make report)")
        files.append(png)
        chapter = _chapter_title(root / page)
        figures.append(
            Figure(name, caption, f"Computed from the event ledger; also in the report's chapter {chapter}.")
        )
    cut = gap["cutoff"]
    facts = [
        (
            "Edition",
            f"edition {gap['edition']} of the judgments (version {gap['version']}), issued {gap['issued']:%-d %B %Y}",
        ),
        ("Build", f"commit {info.commit}, built {info.date}"),
        ("Evidence cut-off", f"{cut:%-d %B %Y}, the last day of an event the articles date"),
    ]
    year = info.date[:4]
    cite = (
        f"{info.author_text} ({year}). {glued.get('sum_title', info.title)}. Briefing, version {info.version}, "
        f"commit {info.commit}, built {info.date}. The full report, with every source, gives BibTeX on its How to cite page."
    )
    bottom = myst_to_tex(para, glued, _footnote_maker(root), _ref_titles(root))
    title = _book_title(root)
    tex = brief_tex(title, facts, bottom, [("What happened", back), ("What comes next", ahead)], figures, watch, cite)
    return tex, files


def _book_title(root: Path) -> str:
    m = re.search(r"^\(intro\)=\s*\n# (.+)$", (root / "intro.md").read_text(encoding="utf-8"), re.M)
    if not m:
        raise BriefError(root / "intro.md", "no title")
    return m.group(1).strip()


def build(root: Path = paths.ROOT) -> Path:
    """Write ``_build/brief/algeria-mali-brief.pdf`` (only when its LaTeX or a figure changed)."""
    out = root / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    tex, files = brief_source(root)
    digest = hashlib.sha256(tex.encode() + b"".join(f.read_bytes() for f in files)).hexdigest()
    pdf, stamp = out / f"{NAME}.pdf", out / f"{NAME}.sha256"
    if pdf.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return pdf
    for f in files:
        shutil.copyfile(f, out / f.name)
    (out / f"{NAME}.tex").write_text(tex, encoding="utf-8")
    cmd = ["latexmk", "-xelatex", "-interaction=nonstopmode", "-halt-on-error", f"{NAME}.tex"]
    proc = subprocess.run(cmd, cwd=out, capture_output=True, text=True)
    if proc.returncode != 0:
        raise BriefError(out / f"{NAME}.tex", f"LaTeX failed (see {out / NAME}.log)")
    pages = _pages(pdf)
    if pages > MAX_PAGES:
        raise BriefError(pdf, f"{pages} pages, more than {MAX_PAGES}")
    stamp.write_text(digest)
    return pdf


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def main() -> int:
    try:
        print(build())
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
