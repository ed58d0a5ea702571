"""The glossary: ``data/glossary.csv``, the acronyms and names the report uses, and the rule that
holds the chapters to it.

Each row has a ``term`` (as the chapters write it: ``AES``, ``CSP-DPA``, ``G5 Sahel``, ``Barkhane``),
its ``expansion``, a ``definition`` in our words, and its sources: a ``seed_source`` paragraph key with
the ``seed_quote`` that expands or describes the term there (checked against the paragraph like the
ledger's quotes), and/or a ``reference`` outside the seeds (free text naming the source, or
``bib:KEY`` for an entry of ``references.bib``). :func:`load_glossary` refuses a row without either.

The rule for the chapters (:func:`check_page`), on the page's *visible text* (:func:`visible_segments`:
no front matter, comments, code cells, targets, citations' keys and excerpts, inline code, URLs or
roles' targets):

* every acronym (:func:`find_acronyms`) is a glossary term or on :data:`NOT_GLOSSED` (file formats
  and software names, not the report's subject);
* the first occurrence of each glossary term on a page is a ``{term}`` role naming it; an acronym,
  or a term holding digits (``G5 Sahel``), is also expanded there (a plain name such as ``Barkhane``
  needs only the link):
  either the role's own text holds the expansion (``{term}`Alliance of Sahel States (AES) <AES>```)
  or the visible text just before the role ends with the expansion and an opening parenthesis
  (``Alliance of Sahel States ({term}`AES`)``); the comparison ignores case and runs of spaces.

Strings with a space in a page's code cells (captions, column headers) are held to the first part of
the rule: their acronyms must be known.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import KEY
from analysis.core.quote import verbatim
from analysis.core.schema import check_table, matches, raise_problems, row_check, table_schema
from analysis.core.text import squash
from analysis.sources.corpus import paragraphs

GLOSSARY_PATH = paths.DATA_DIR / "glossary.csv"
BIB_PATH = paths.ROOT / "references.bib"
COLUMNS: tuple[str, ...] = ("term", "expansion", "definition", "seed_source", "seed_quote", "reference")

# Tokens that look like acronyms but are not the report's subject: file formats, encodings and
# software. They are written as they are known and need no expansion. Keep this list short.
NOT_GLOSSED: dict[str, str] = {
    "CSV": "file format (comma-separated values)",
    "JSON": "file format",
    "PDF": "file format",
    "PNG": "image file format",
    "SVG": "image file format",
    "HTML": "web-page format",
    "URL": "web address",
    "README": "a file's name",
    "UTF": "text encoding (UTF-8)",
    "NFC": "Unicode normalisation form",
    "SHA": "hash function (SHA-256)",
    "ISC": "a software licence's name",
    "BibTeX": "citation file format",
    "LaTeX": "typesetting system",
    "XeLaTeX": "typesetting system",
    "MyST": "the chapters' markup language",
}

_TERM = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z0-9]+)*$")
_BIB = re.compile(r"^bib:(\S+)$")
_BIB_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,")
_WORD = re.compile(r"(?<![\w-])[^\W_]+(?:-[^\W_]+)*(?![\w-])")
_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


class GlossaryError(AnalysisError):
    """The glossary file is unusable; the message names the file, the row and the problem."""


def bib_keys(path: str | Path = BIB_PATH) -> set[str]:
    """The entry keys of a BibTeX file (empty when there is no file)."""
    path = Path(path)
    return set(_BIB_ENTRY.findall(path.read_text(encoding="utf-8"))) if path.is_file() else set()


def _schema(keys: set[str]):
    def reference_ok(row: dict) -> bool:
        m = _BIB.match(row["reference"])
        return m is None or m[1] in keys

    return table_schema(
        COLUMNS,
        required=("term", "expansion", "definition"),
        column_checks={
            "term": [matches(_TERM, "term {value!r} is not letters and digits, single spaces or hyphens")],
            "seed_source": [matches(KEY, "seed_source {value!r} is not a paragraph key like 003¶14")],
        },
        row_checks=[
            row_check(
                lambda r: bool(r["seed_source"]) == bool(r["seed_quote"]), "seed_source and seed_quote go together"
            ),
            row_check(
                lambda r: not any(c in r["seed_quote"] for c in '"`'), "seed_quote holds a double quote or a backtick"
            ),
            row_check(lambda r: bool(r["seed_source"] or r["reference"]), "no source: give seed_source or reference"),
            row_check(reference_ok, "reference {reference!r} names no entry of references.bib"),
        ],
        unique=("term",),
    )


def load_glossary(
    path: str | Path = GLOSSARY_PATH, paras: pd.DataFrame | None = None, bib: str | Path = BIB_PATH
) -> pd.DataFrame:
    """The glossary, checked: the columns of :data:`COLUMNS`; a term, its expansion and definition on
    every row, terms unique (ignoring case, as Sphinx does); a source on every row; each
    ``seed_source`` an existing paragraph whose text holds ``seed_quote`` verbatim
    (:func:`analysis.core.quote.verbatim`); each ``bib:KEY`` reference an entry of ``references.bib``.
    Raises :class:`GlossaryError` with every problem, one per line, naming the file, row and line."""
    path = Path(path)
    frame, problems = check_table(path, _schema(bib_keys(bib)), "term", GlossaryError)
    if frame is None:
        raise_problems(GlossaryError, path, problems)
    paras = paragraphs() if paras is None else paras
    texts = dict(zip(paras["key"], paras["text"], strict=True))
    seen: dict[str, int] = {}
    for row in frame.itertuples(index=False):
        where = f"{path}: row {row.term} (line {row.line})"
        folded = row.term.casefold()
        if folded in seen:
            problems.append(f"{where}: term differs only in case from line {seen[folded]}")
        seen.setdefault(folded, row.line)
        if row.seed_source:
            if row.seed_source not in texts:
                problems.append(f"{where}: seed_source {row.seed_source} does not exist")
            elif not verbatim(row.seed_quote, texts[row.seed_source]):
                problems.append(f"{where}: seed_quote not found in {row.seed_source}: {row.seed_quote[:60]!r}")
    if problems:
        raise_problems(GlossaryError, path, problems)
    return frame


# --- acronyms -----------------------------------------------------------------------------------


def is_acronym(word: str) -> bool:
    """An acronym-shaped word: two or more capital letters that make at least half of its letters
    (``AES``, ``FAMa``, ``WGS84``, ``BibTeX``), not a Roman numeral (``II``, ``XIV``)."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and 2 * upper >= len(letters) and not _ROMAN.match(word)


def find_acronyms(text: str, terms: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """The acronyms of ``text`` in order, as ``(word, offset)``: glossary ``terms`` that are not a
    single acronym-shaped word (``G5 Sahel``, ``Barkhane``) found as whole words, case-sensitive,
    then every acronym-shaped word (:func:`is_acronym`). A hyphenated word that is not itself a term
    (``AES-Algeria``) counts by its parts; a plural ``s`` is dropped (``CSVs`` -> ``CSV``)."""
    found: list[tuple[str, int]] = []
    taken: list[tuple[int, int]] = []
    known = set(terms) | set(NOT_GLOSSED)
    for term in sorted((t for t in terms if not is_acronym(t)), key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append((term, m.start()))
                taken.append((m.start(), m.end()))
    for m in _WORD.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        word = m.group(0)
        if word in known:
            parts = [(word, m.start())]
        else:
            parts, at = [], m.start()
            for part in word.split("-"):
                parts.append((part, at))
                at += len(part) + 1
        for part, at in parts:
            if part not in known and part.endswith("s") and is_acronym(part[:-1]):
                part = part[:-1]
            if part in known or is_acronym(part):
                found.append((part, at))
    return sorted(found, key=lambda f: f[1])


# --- a page's visible text ------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A run of a page's visible text: ``text`` as shown, the ``term`` a ``{term}`` role links it to
    (else None), and the source ``lines`` of its lines of text (the first where it starts)."""

    text: str
    term: str | None
    lines: tuple[int, ...]

    @property
    def line(self) -> int:
        """The source line where the segment starts."""
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        """The source line of the character at ``offset`` in :attr:`text`."""
        return self.lines[min(self.text.count("\n", 0, offset), len(self.lines) - 1)]


_SKIPPED_BLOCKS = ("code-cell", "raw", "code", "code-block", "math", "glue", "glue:figure", "glue:math", "eval-rst")
_SHOWN_ROLES = ("ref", "doc", "numref", "term")
_FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,}|~{3,})\s*(?:\{(?P<name>[^}]*)\}|(?P<lang>\S*))?")
_INLINE = re.compile(
    r"\{(?P<role>[\w:.+-]+)\}`(?P<content>[^`]*)`"  # a role
    r"|(?P<code>``.+?``|`[^`\n]+`)"  # inline code
    r"|!?\[(?P<link>[^\]]*)\]\([^)]*\)"  # a link or an image: its text
    r"|<!--.*?-->|<https?://[^>]*>|https?://\S+|\{\{[^}]*\}\}|</?[A-Za-z][^>]*>",  # comments, URLs, HTML
    flags=re.DOTALL,
)
_ROLE_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", flags=re.DOTALL)


def _prose_lines(source: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The page's lines of prose (with their 1-based line numbers) and its code cells' sources
    (with their first line): no front matter, comments, targets, fences or directive options."""
    lines = source.split("\n")
    prose: list[tuple[int, str]] = []
    code: list[tuple[int, str]] = []
    i = 0
    if lines and lines[0].strip() == "---":
        i = next((j + 1 for j in range(1, len(lines)) if lines[j].strip() == "---"), len(lines))
    open_fences: list[str] = []
    in_comment = False
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if in_comment:
            in_comment = "-->" not in line
            i += 1
            continue
        fence = _FENCE.match(stripped)
        if fence and open_fences and not fence["name"] and not fence["lang"] and stripped[0] == open_fences[-1][0]:
            if len(fence["fence"]) >= len(open_fences[-1]):
                open_fences.pop()
                i += 1
                continue
        if fence:
            name = (fence["name"] or "").split()[0] if fence["name"] else None
            if name is None or name in _SKIPPED_BLOCKS:  # code: skip to its closing fence
                close = re.compile(rf"^{re.escape(fence['fence'][0])}{{{len(fence['fence'])},}}\s*$")
                j = i + 1
                while j < len(lines) and not close.match(lines[j].strip()):
                    j += 1
                if name == "code-cell":
                    code.append((i + 2, "\n".join(lines[i + 1 : j])))
                i = j + 1
                continue
            open_fences.append(fence["fence"])
            i += 1
            while i < len(lines) and re.match(r"^\s*:[\w-]+:", lines[i]):  # directive options
                i += 1
            continue
        # a heading is not where a term is linked: a role there would break the PDF's bookmarks
        if stripped.startswith("%") or re.match(r"^\(\S+\)=$", stripped) or re.match(r"^#{1,6}\s", stripped):
            i += 1
            continue
        if stripped.startswith("<!--") and "-->" not in stripped:
            in_comment = True
            i += 1
            continue
        prose.append((i + 1, line))
        i += 1
    return prose, code


def visible_segments(source: str) -> list[Segment]:
    """The visible text of a MyST page, in order (see the module docstring for what is left out).
    Roles: ``{term}`` keeps its shown text and its target; ``{ref}``, ``{doc}``, ``{numref}`` keep an
    explicit text (``{ref}`text <target>```); every other role (``{para}``, ``{cite}``, ``{glue:text}``)
    is left out, as is inline code."""
    prose, _ = _prose_lines(source)
    text = "\n".join(line for _, line in prose)
    starts, at = [], 0
    for _, line in prose:
        starts.append(at)
        at += len(line) + 1

    def index_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if starts[mid] <= offset else (lo, mid - 1)
        return lo

    def line_of(start: int, end: int | None = None) -> tuple[int, ...]:
        if not prose:
            return (1,)
        first = index_of(start)
        last = first if end is None else index_of(max(start, end - 1))
        return tuple(prose[i][0] for i in range(first, last + 1))

    out: list[Segment] = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            out.append(Segment(text[pos : m.start()], None, line_of(pos, m.start())))
        pos = m.end()
        if m["link"] is not None:
            out.append(Segment(m["link"], None, line_of(m.start())))
        elif m["role"] in _SHOWN_ROLES:
            content = m["content"]
            explicit = _ROLE_TEXT.match(content)
            if m["role"] == "term":
                shown, target = (explicit["text"], explicit["target"]) if explicit else (content, content)
                out.append(Segment(shown, target.strip(), line_of(m.start())))
            elif explicit:
                out.append(Segment(explicit["text"], None, line_of(m.start())))
    if pos < len(text):
        out.append(Segment(text[pos:], None, line_of(pos, len(text))))
    return out


def visible_text(source: str) -> str:
    """The visible text of a MyST page as one string (:func:`visible_segments` joined)."""
    return "".join(s.text for s in visible_segments(source))


def code_strings(source: str) -> list[tuple[int, str]]:
    """String constants holding a space in a page's code cells (captions, column headers, labels),
    with their line in the page. A cell that does not parse as Python is skipped."""
    _, code = _prose_lines(source)
    out = []
    for first, cell in code:
        body = "\n".join(
            "" if ln.lstrip().startswith(("%", "!")) or ln.startswith(":") else ln for ln in cell.split("\n")
        )
        try:
            tree = ast.parse(body)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and " " in node.value:
                out.append((first + node.lineno - 1, node.value))
    return out


# --- the rule ---------------------------------------------------------------------------------------


def _needs_expansion(term: str) -> bool:
    """Acronyms and terms with digits (``G5 Sahel``) are expanded at first use; a plain name
    (``Barkhane``) is only linked."""
    return is_acronym(term) or not term.replace(" ", "").isalpha()


def check_page(
    path: str | Path, glossary: pd.DataFrame, also_allowed: tuple[str, ...] = (), source: str | None = None
) -> list[str]:
    """Every breach of the glossary rule (module docstring) on the MyST page at ``path``, each as
    ``FILE:LINE: problem``; empty when the page keeps it. ``also_allowed`` adds tokens that need no
    entry (the PLOVER type names, written in capitals)."""
    path = Path(path)
    source = path.read_text(encoding="utf-8") if source is None else source
    terms = tuple(glossary["term"])
    by_fold = {t.casefold(): t for t in terms}
    expansion = dict(zip(glossary["term"], glossary["expansion"], strict=True))
    allowed = set(NOT_GLOSSED) | set(also_allowed)
    problems: list[str] = []
    seen: set[str] = set()
    before = ""
    for seg in visible_segments(source):
        for word, at in find_acronyms(seg.text, terms):
            if word in allowed:
                continue
            if word not in expansion:
                problems.append(f"{path}:{seg.line_at(at)}: {word!r} is not in the glossary (data/glossary.csv)")
                continue
            if word in seen:
                continue
            seen.add(word)
            wanted = squash(expansion[word]) if _needs_expansion(word) else squash(word)
            if seg.term is None or by_fold.get(seg.term.casefold()) != word:
                how = (
                    f"{{term}}`{expansion[word]} ({word}) <{word}>` or {expansion[word]} ({{term}}`{word}`)"
                    if is_acronym(word)
                    else f"{{term}}`{expansion[word] if _needs_expansion(word) else word} <{word}>`"
                )
                problems.append(
                    f"{path}:{seg.line}: first use of {word} is not a {{term}} role linking it: write {how}"
                )
            elif wanted not in squash(seg.text) and not squash(before + seg.text[:at]).endswith(f"{wanted} ("):
                problems.append(
                    f"{path}:{seg.line_at(at)}: first use of {word} is not expanded: the role's text or the words "
                    f"before it must give {expansion[word]!r}"
                )
        before = (before + seg.text)[-400:]
    for line, text in code_strings(source):
        for word, _ in find_acronyms(text, terms):
            if word not in allowed and word not in expansion:
                problems.append(f"{path}:{line}: {word!r} (in a code cell's string) is not in the glossary")
    return problems
