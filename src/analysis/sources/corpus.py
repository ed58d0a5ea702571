"""The corpus: seed files, their catalogue, and numbered paragraphs.

Paragraph *n* of a seed is the *n*-th non-blank line of the raw file. The number never depends on
cleaning rules: boilerplate keeps its number and is labelled, never deleted. A paragraph is cited as
``003¶14`` (seed id, pilcrow, number).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import KEY, PILCROW, SEED_ID, SEED_PATTERN, paragraph_key, parse_key, seed_order  # noqa: F401 (PILCROW, parse_key re-exported)
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, row_check, table_schema
from analysis.core.text import detect_language, display_text, nfc, word_count
from analysis.sources.grades import CREDIBILITY, GRADE_COLUMNS, GRADE_FACTS, RELIABILITY, YES_NO, grade_consistent

CATALOG_NAME = "catalog.csv"
CHECKSUMS_NAME = "SHA256SUMS"
SEED_NAME = re.compile(rf"^(?P<seed>{SEED_PATTERN})_[0-9a-f]+\.txt$")
CATALOG_COLUMNS = (
    "seed",
    "file",
    "title",
    "title_source",
    "outlet",
    "language",
    "published_earliest",
    "published_latest",
    "date_precision",
    "date_evidence",
    "evidence_paragraphs",
    "date_reasoning",
    "reviewed",
    *GRADE_COLUMNS,
)
DATE_PRECISIONS = ("day", "month", "year", "approximate", "interval")
LANGUAGES = ("en", "fr")
KINDS = ("body", "heading", "caption", "boilerplate")


class CorpusError(AnalysisError):
    """A seed file or the catalogue is unusable; the message names the file and the reason."""


# --------------------------------------------------------------------------------------------------
# Classification rules. Each rule has a name (kept in the ``rule`` column) and a pattern over the
# paragraph's text after NFC and stripping. Boilerplate rules are tried first, then captions, then
# headings; a paragraph that none catches is body text.
# --------------------------------------------------------------------------------------------------
BOILERPLATE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("relative-age", re.compile(r"^\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago$", re.I)),
    ("share-count", re.compile(r"^\d{1,6}$")),
    ("share-button", re.compile(r"^(?:print|share|tweet|email|imprimer|partager)$", re.I)),
    ("image-file", re.compile(r"^(?:AD_4nX\S+|\S+\.(?:jpe?g|png|gif|webp))\s*\(\d+\s*[×x]\s*\d+\)$", re.I)),
    ("related-link", re.compile(r"^(?:read also|lire aussi|see also|voir aussi|you may also like)\b", re.I)),
    ("bare-url", re.compile(r"^https?://\S+$", re.I)),
    ("byline", re.compile(r"^(?:by\s+\w+|par\s+\w+|[^,\[\]]{1,40},\s*\[\d{2}/\d{2}/\d{4}\s+\d{2}:\d{2}\])$", re.I)),
    ("breadcrumb", re.compile(r"^(?:home|accueil)\s*»", re.I)),
    ("comment-banner", re.compile(r"^(?:leave a comment|laisser un commentaire)$|akismet", re.I)),
    ("cookie-banner", re.compile(r"\bcookies?\b", re.I)),
)
CAPTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (("photo-credit", re.compile(r"\bvia\s+wikicommons\b", re.I)),)
_END_PUNCT = tuple(".!?:;,")
_CLOSING_QUOTES = "\"'\u201d\u2019\u00bb"
HEADING_MAX_WORDS = 16


def classify(text: str) -> tuple[str, str]:
    """``(kind, rule)`` of one paragraph: boilerplate, caption, heading or body, and the rule that
    decided it (``""`` for body text)."""
    for name, pattern in BOILERPLATE_RULES:
        if pattern.search(text):
            return "boilerplate", name
    for name, pattern in CAPTION_RULES:
        if pattern.search(text):
            return "caption", name
    core = text.rstrip(_CLOSING_QUOTES).rstrip()
    if word_count(text) <= HEADING_MAX_WORDS and not core.endswith(_END_PUNCT):
        return "heading", "short-unpunctuated"
    return "body", ""


# --------------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------------
def read_text(path: Path) -> str:
    """The text of a seed file, refusing empty, binary and non-UTF-8 files with :class:`CorpusError`."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "file not found")
    data = path.read_bytes()
    if not data.strip():
        raise CorpusError(path, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise CorpusError(path, f"binary file (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            path, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})"
        ) from None


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of a text."""

    n: int
    raw: str


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs of a text: its non-blank lines, numbered from 1. Works on any text, seed or not."""
    out: list[Paragraph] = []
    for line in text.splitlines():
        if line.strip():
            out.append(Paragraph(len(out) + 1, line))
    return out


def seed_files(seeds_dir: Path = paths.SEEDS_DIR) -> dict[str, Path]:
    """``{seed id: path}`` for every ``NNN_hash.txt`` in ``seeds_dir`` (ids of three digits or more),
    in numeric order of id. Any other ``.txt`` file, or two files with one id, is an error: nothing in
    the folder is skipped silently. Raises :class:`CorpusError` listing every such file, one per line."""
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise CorpusError(seeds_dir, "seeds folder not found")
    found: dict[str, Path] = {}
    problems: list[tuple[Path, str]] = []
    for path in sorted(seeds_dir.iterdir()):
        if path.name in (CATALOG_NAME, CHECKSUMS_NAME) or path.name.startswith("."):
            continue
        match = SEED_NAME.match(path.name)
        if not match:
            problems.append((path, "not a seed file name (expected NNN_<hex>.txt) and not the catalogue"))
            continue
        seed = match["seed"]
        if seed in found:
            problems.append((path, f"duplicate seed id {seed} (also {found[seed].name})"))
            continue
        found[seed] = path
    if problems:
        (first, reason), rest = problems[0], problems[1:]
        raise CorpusError(first, "\n".join([reason, *(f"{p}: {r}" for p, r in rest)]))
    if not found:
        raise CorpusError(seeds_dir, "no seed files")
    return {seed: found[seed] for seed in sorted(found, key=seed_order)}


def checksum_problems(seeds_dir: Path = paths.SEEDS_DIR) -> list[str]:
    """Every disagreement between ``SHA256SUMS`` and the seed files, one line each, naming the file and
    the line: a malformed line, a file listed twice, a line naming no seed file (stray), a seed file
    with no line (missing), a SHA-256 that differs. Empty when every seed's hash is listed and right."""
    seeds_dir = Path(seeds_dir)
    sums_path = seeds_dir / CHECKSUMS_NAME
    if not sums_path.is_file():
        return [f"{sums_path}: checksum list not found"]
    problems: list[str] = []
    recorded: dict[str, tuple[str, int]] = {}
    for i, line in enumerate(sums_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or not re.fullmatch(r"[0-9a-f]{64}", parts[0]):
            problems.append(f"{sums_path}: line {i}: malformed line: {line!r}")
            continue
        name = parts[1].lstrip("*")
        if name in recorded:
            problems.append(f"{sums_path}: line {i}: {name} listed twice (also line {recorded[name][1]})")
            continue
        recorded[name] = (parts[0], i)
    files = {path.name: path for path in seed_files(seeds_dir).values()}
    for name, (_, i) in recorded.items():
        if name not in files:
            problems.append(f"{sums_path}: line {i}: {name} is not a seed file of {seeds_dir} (stray line)")
    for name, path in files.items():
        if name not in recorded:
            problems.append(f"{sums_path}: no line for {name} (missing)")
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != recorded[name][0]:
            problems.append(
                f"{path}: SHA-256 {actual} differs from {CHECKSUMS_NAME} line {recorded[name][1]} ({recorded[name][0]})"
            )
    return problems


def verify_checksums(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """Each seed's SHA-256 as ``SHA256SUMS`` records it; raises :class:`CorpusError` listing every
    problem of :func:`checksum_problems` (one per line) when there is any."""
    seeds_dir = Path(seeds_dir)
    problems = checksum_problems(seeds_dir)
    if problems:
        first, rest = problems[0].split(": ", 1)
        raise CorpusError(Path(first), "\n".join([rest, *problems[1:]]))
    return pd.DataFrame(
        [
            {"seed": seed, "file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
            for seed, path in seed_files(seeds_dir).items()
        ],
        columns=["seed", "file", "sha256"],
    )


# --------------------------------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------------------------------
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _calendar_day(value: str) -> bool:
    """A ``YYYY-MM-DD`` text names a real day (other text passes: it fails the pattern check)."""
    if not _DAY.match(value):
        return True
    try:
        pd.Timestamp(value)
    except ValueError:
        return False
    return True


def _ordered_interval(row: dict) -> bool:
    """``published_earliest`` is not after ``published_latest`` (a bad date fails on its own check)."""
    lo, hi = row["published_earliest"], row["published_latest"]
    if not all(_DAY.match(day) and _calendar_day(day) for day in (lo, hi)):
        return True
    return lo <= hi


def _date_checks(column: str) -> list[pa.Check]:
    return [
        matches(_DAY, column + " {value!r} is not a YYYY-MM-DD date"),
        pa.Check(_calendar_day, element_wise=True, error=column + " {value!r} is not a calendar date"),
    ]


#: The catalogue as read (text, empty cells NA): ids, file names, dates, codes, evidence keys.
CATALOG_SCHEMA = table_schema(
    CATALOG_COLUMNS,
    (
        "seed",
        "file",
        "title",
        "title_source",
        "language",
        "published_earliest",
        "published_latest",
        "date_precision",
        "date_reasoning",
        "reviewed",
    ),
    {
        "seed": [matches(SEED_ID, "seed {value!r} is not a seed id (three digits or more)")],
        "file": [matches(SEED_NAME, "file {value!r} is not a seed file name (NNN_<hex>.txt)")],
        "language": [one_of(LANGUAGES)],
        "published_earliest": _date_checks("published_earliest"),
        "published_latest": _date_checks("published_latest"),
        "date_precision": [one_of(DATE_PRECISIONS)],
        "evidence_paragraphs": [
            items_match(KEY, "evidence_paragraphs {value!r} is not a ;-separated list of paragraph keys")
        ],
        "reviewed": [one_of(("yes", "no"))],
        **{fact: [one_of(YES_NO)] for fact in GRADE_FACTS},
        "reliability": [one_of(RELIABILITY)],
        "credibility": [one_of(CREDIBILITY)],
    },
    row_checks=[
        row_check(
            grade_consistent,
            "grade {reliability}{credibility} is not the grading rule's for its facts "
            "(analysis.sources.grades), or a damaged copy has no copy_note",
        ),
        row_check(_ordered_interval, "inverted date interval: {published_earliest} is after {published_latest}"),
    ],
    unique=("seed",),
)


def _against_files(frame: pd.DataFrame, files: dict[str, Path], seeds_dir: Path) -> list[tuple[Path, str]]:
    """Problems of a well-formed catalogue against the seed files: a row without its file, a file
    name that differs from the file's, a file without a row; ``(file, problem)`` pairs, rows first."""
    path = Path(frame.attrs["source"])
    problems: list[tuple[Path, str]] = []
    for rec in frame.itertuples(index=False):
        where = f"row {rec.seed} (line {rec.line})"
        if rec.seed not in files:
            problems.append((path, f"{where}: seed {rec.seed} has a catalogue row but no file in {seeds_dir}"))
        elif rec.file != files[rec.seed].name:
            problems.append((path, f"{where}: file {rec.file!r} does not match {files[rec.seed].name}"))
    catalogued = set(frame["seed"])
    for seed in sorted(set(files) - catalogued, key=seed_order):
        problems.append((files[seed], f"seed {seed} has no row in {CATALOG_NAME}"))
    return problems


def _check_catalog(seeds_dir: Path) -> tuple[pd.DataFrame | None, list[tuple[Path, str]]]:
    """The catalogue as :func:`check_table` returns it and its problems as ``(file, line)`` pairs
    (schema first; once it is well formed, against the files). Raises :class:`CorpusError` for a
    missing or unreadable catalogue and for a bad seeds folder (see :func:`seed_files`)."""
    path = seeds_dir / CATALOG_NAME
    if not path.is_file():
        raise CorpusError(path, "catalogue not found")
    files = seed_files(seeds_dir)
    frame, problems = check_table(path, CATALOG_SCHEMA, "seed", CorpusError)
    if problems:
        return None, [(path, p) for p in problems]
    return frame, [(file, f"{file}: {problem}") for file, problem in _against_files(frame, files, seeds_dir)]


def catalog_problems(seeds_dir: Path = paths.SEEDS_DIR) -> list[str]:
    """Every problem of the catalogue, one line each: ``FILE: row 003 (line 5): problem`` for a row,
    ``FILE: problem`` for the table or a seed file. First :data:`CATALOG_SCHEMA`'s; once the file is
    well formed, the checks against the seed files: each row has its file, under its name, and each
    file has its row."""
    try:
        return [line for _, line in _check_catalog(Path(seeds_dir))[1]]
    except CorpusError as exc:
        return str(exc).splitlines()


def load_catalog(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """The seed catalogue, one row per seed in numeric order of id, checked against the files.

    Columns: ``seed``, ``file``, ``title``, ``title_source``, ``outlet``, ``language``,
    ``published_earliest`` and ``published_latest`` (Timestamps bounding the publication date),
    ``date_precision``, ``date_evidence`` (quotes from the text, ``|``-separated),
    ``evidence_paragraphs`` (``;``-separated citation keys), ``date_reasoning`` and ``reviewed``.
    Raises :class:`CorpusError` listing every problem (see :func:`catalog_problems`), one per line,
    each naming the file and, for a catalogue row, its seed and line.
    """
    frame, problems = _check_catalog(Path(seeds_dir))
    if problems:
        raise_problems(CorpusError, problems[0][0], [line for _, line in problems])
    frame = frame.drop(columns="line")
    for column in ("published_earliest", "published_latest"):
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d").astype("datetime64[us]")
    frame = frame.sort_values("seed", key=lambda s: s.map(seed_order), kind="stable", ignore_index=True)
    frame.attrs = {}
    return frame


# --------------------------------------------------------------------------------------------------
# Paragraphs and documents
# --------------------------------------------------------------------------------------------------
def paragraphs_of_text(text: str, seed: str = "new", default_language: str | None = None) -> pd.DataFrame:
    """Numbered, classified paragraphs of one text (a seed or any new article)."""
    paras = split_paragraphs(text)
    if default_language is None:
        default_language = detect_language(text, default="en")
    rows = []
    for p in paras:
        clean = nfc(p.raw).strip()
        kind, rule = classify(clean)
        lang = detect_language(clean)
        rows.append(
            {
                "seed": seed,
                "n": p.n,
                "key": paragraph_key(seed, p.n),
                "raw": p.raw,
                "text": clean,
                "display": display_text(p.raw),
                "kind": kind,
                "rule": rule,
                "lang": lang or default_language,
                "lang_basis": "function words" if lang else "document language",
                "words": word_count(clean),
            }
        )
    return pd.DataFrame(rows)


def paragraphs(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """Every paragraph of every seed, one row each.

    Columns: ``seed``, ``n``, ``key``, ``raw`` (the line as in the file), ``text`` (NFC, stripped),
    ``display`` (also with no-break spaces made plain and known mojibake corrected), ``kind``
    (body, heading, caption, boilerplate), ``rule`` (the rule that set the kind), ``lang`` (en/fr),
    ``lang_basis`` and ``words``.
    """
    catalog = load_catalog(seeds_dir)
    files = seed_files(seeds_dir)
    frames = []
    for rec in catalog.itertuples(index=False):
        text = read_text(files[rec.seed])
        frames.append(paragraphs_of_text(text, seed=rec.seed, default_language=rec.language))
    frame = pd.concat(frames, ignore_index=True)
    frame["n"] = frame["n"].astype("int64")
    frame["words"] = frame["words"].astype("int64")
    return frame


def load_corpus(seeds_dir: Path = paths.SEEDS_DIR) -> pd.DataFrame:
    """One row per seed: the catalogue plus paragraph counts by kind, content words (body, heading and
    caption paragraphs), the languages found in its paragraphs and the file's SHA-256."""
    catalog = load_catalog(seeds_dir)
    paras = paragraphs(seeds_dir)
    files = seed_files(seeds_dir)
    rows = []
    by_seed = dict(tuple(paras.groupby("seed", sort=False)))  # one pass, not one scan per seed
    for rec in catalog.to_dict("records"):
        own = by_seed.get(rec["seed"], paras.iloc[0:0])
        content = own[own["kind"] != "boilerplate"]
        rec.update(
            paragraphs=int(len(own)),
            body=int((own["kind"] == "body").sum()),
            headings=int((own["kind"] == "heading").sum()),
            captions=int((own["kind"] == "caption").sum()),
            boilerplate=int((own["kind"] == "boilerplate").sum()),
            words=int(content["words"].sum()),
            paragraph_languages=", ".join(sorted(set(content["lang"]))),
            sha256=hashlib.sha256(files[rec["seed"]].read_bytes()).hexdigest(),
        )
        rows.append(rec)
    return pd.DataFrame(rows)


def unreviewed(seeds_dir: Path = paths.SEEDS_DIR) -> list[str]:
    """Seeds whose catalogue row was inferred by ``add`` and not yet confirmed (``reviewed = no``)."""
    with (Path(seeds_dir) / CATALOG_NAME).open(encoding="utf-8", newline="") as fh:
        return [r["seed"] for r in csv.DictReader(fh) if r.get("reviewed", "yes").strip() == "no"]
