"""The print edition's chapter PDFs: the book's PDF split at its chapter bookmarks, each chapter
preceded by a title block that names the chapter, the report and the build (version, commit, date),
so a chapter sent on its own still says where it comes from.

The chapters and their titles come from ``_toc.yml`` and each page's first heading; the pages of
each chapter come from the PDF's outline (LaTeX writes one bookmark per part, chapter and section).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.core import paths
from analysis.core.buildinfo import BuildInfo, build_info
from analysis.core.errors import AnalysisError
from analysis.core.text import squash

BOOK_PDF = Path("_build") / "latex" / "algeria-mali-report.pdf"
CHAPTER_DIR = Path("_build") / "pdf"


class PrintError(AnalysisError):
    pass


@dataclass(frozen=True)
class Chapter:
    docname: str  # e.g. chapters/key_judgments
    title: str

    @property
    def stem(self) -> str:
        return Path(self.docname).name


def toc_chapters(root: Path | None = None) -> list[Chapter]:
    """Every chapter of the table of contents (not the root page), with its first heading."""
    root = paths.ROOT if root is None else Path(root)
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    out = []
    for part in toc.get("parts", []):
        for entry in part.get("chapters", []):
            source = root / f"{entry['file']}.md"
            heading = re.search(r"^# (.+)$", source.read_text(encoding="utf-8"), flags=re.M)
            if heading is None:
                raise PrintError(source, "no first-level heading: a chapter needs a title")
            out.append(Chapter(entry["file"], heading.group(1).strip()))
    return out


def _title_key(text: str) -> str:
    """A title as compared with a bookmark (:func:`analysis.core.text.squash`), with typographic
    quotes made straight: LaTeX writes "Who's" as "Who’s" in the outline."""
    return squash(text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"'))


def chapter_pages(pdf: Path, chapters: list[Chapter]) -> dict[str, tuple[int, int]]:
    """Chapter docname -> (first page, last page), 0-based and inclusive, from the PDF's outline.
    A chapter ends where the next bookmark of its level or above begins (or the document ends)."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    starts: list[tuple[int, str, int]] = []  # (page, title, depth)

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                starts.append((reader.get_destination_page_number(item), str(item.title), depth))

    walk(reader.outline, 0)
    wanted = {_title_key(c.title): c for c in chapters}
    # A chapter's bookmark is the shallowest one with its title (a section may share a chapter's name).
    best: dict[str, int] = {}
    for i, (_, title, depth) in enumerate(starts):
        chapter = wanted.get(_title_key(title))
        if chapter is not None and (chapter.docname not in best or depth < starts[best[chapter.docname]][2]):
            best[chapter.docname] = i
    out: dict[str, tuple[int, int]] = {}
    for docname, i in best.items():
        page, _, depth = starts[i]
        end = len(reader.pages) - 1
        for later_page, _, later_depth in starts[i + 1 :]:
            if later_depth <= depth:
                end = later_page - 1
                break
        out[docname] = (page, max(page, end))
    missing = [c.title for c in chapters if c.docname not in out]
    if missing:
        raise PrintError(pdf, f"no bookmark for chapter(s): {', '.join(missing)}")
    return out


def tex_escape(text: str) -> str:
    """``text`` safe in LaTeX: its special characters escaped."""
    for a, b in (
        ("\\", r"\textbackslash{}"),
        ("&", r"\&"),
        ("%", r"\%"),
        ("$", r"\$"),
        ("#", r"\#"),
        ("_", r"\_"),
        ("{", r"\{"),
        ("}", r"\}"),
        ("~", r"\textasciitilde{}"),
        ("^", r"\^{}"),
    ):
        text = text.replace(a, b)
    return text


def title_blocks_tex(chapters: list[Chapter], info: BuildInfo, report_title: str) -> str:
    """A LaTeX document with one title page per chapter."""
    e = tex_escape
    pages = []
    for n, chapter in enumerate(chapters, 1):
        pages.append(rf"""
\begin{{center}}
\vspace*{{0.25\textheight}}
{{\sffamily\large Chapter {n}\par}}\vspace{{0.6em}}
{{\sffamily\bfseries\Huge {e(chapter.title)}\par}}\vspace{{1.5em}}
{{\large from \emph{{{e(report_title)}}}\par}}\vspace{{0.5em}}
{{\large {e(info.author_text)}\par}}
\vfill
Version {e(info.version)} \quad commit \texttt{{{e(info.commit)}}} \quad built {e(info.date)}\par
\vspace{{1em}}
\begin{{minipage}}{{0.8\textwidth}}\small\raggedright
\textbf{{How to cite.}} {e(info.author_text)} ({e(info.date[:4])}). ``{e(chapter.title)}''. Chapter {n} of
\emph{{{e(report_title)}}}, version {e(info.version)}, commit {e(info.commit)}, built {e(info.date)}.
\end{{minipage}}
\vspace*{{3em}}
\end{{center}}
\clearpage""")
    return "\n".join(
        [
            r"\documentclass[a4paper]{article}",
            r"\usepackage{fontspec}\setmainfont{FreeSerif}\setsansfont{FreeSans}\setmonofont{FreeMono}",
            r"\usepackage[margin=1in]{geometry}\pagestyle{empty}",
            r"\begin{document}",
            *pages,
            r"\end{document}",
            "",
        ]
    )


def _title_blocks(chapters: list[Chapter], info: BuildInfo, report_title: str) -> Path:
    if shutil.which("xelatex") is None:
        raise PrintError("xelatex", "not installed: the chapter title blocks are typeset with XeLaTeX")
    work = Path(tempfile.mkdtemp(prefix="chapter-titles-"))
    (work / "titles.tex").write_text(title_blocks_tex(chapters, info, report_title), encoding="utf-8")
    proc = subprocess.run(
        ["xelatex", "-interaction=nonstopmode", "-halt-on-error", "titles.tex"],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode != 0:
        raise PrintError(work / "titles.tex", "XeLaTeX failed:\n" + proc.stdout[-2000:])
    return work / "titles.pdf"


def write_chapter_pdfs(
    book: Path | None = None, out_dir: Path | None = None, root: Path | None = None, report_title: str | None = None
) -> list[Path]:
    """Split ``book`` into one PDF per chapter under ``out_dir`` (``<chapter stem>.pdf``), each opened by
    its title block. Returns the paths written. Nothing is written if any chapter is missing."""
    from pypdf import PdfReader, PdfWriter

    root = paths.ROOT if root is None else Path(root)
    book = root / BOOK_PDF if book is None else Path(book)
    out_dir = root / CHAPTER_DIR if out_dir is None else Path(out_dir)
    if not book.is_file():
        raise PrintError(book, "no such PDF: build it first (make pdf)")
    chapters = toc_chapters(root)
    info = build_info(root)
    title = report_title or info.title
    ranges = chapter_pages(book, chapters)
    titles = PdfReader(str(_title_blocks(chapters, info, title)))
    reader = PdfReader(str(book))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for i, chapter in enumerate(chapters):
        first, last = ranges[chapter.docname]
        writer = PdfWriter()
        writer.add_page(titles.pages[i])
        for p in range(first, last + 1):
            writer.add_page(reader.pages[p])
        writer.add_metadata(
            {
                "/Title": f"{chapter.title} — {title}",
                "/Author": info.author_text,
                "/Subject": f"version {info.version}, commit {info.commit}, built {info.date}",
            }
        )
        target = out_dir / f"{chapter.stem}.pdf"
        with open(target, "wb") as fh:
            writer.write(fh)
        written.append(target)
    return written
