"""Candidate events in a text: the sentences that carry a date, a pair of actors or a place.

This is the first pass an analyst makes over a new article before coding events into the ledger. It is
deliberately simple and predictable:

1. the text is cut into numbered paragraphs with the corpus rule (paragraph *n* = *n*-th non-blank line),
   and each paragraph is classified (body, heading, caption, boilerplate) by :mod:`analysis.sources.corpus`;
2. boilerplate paragraphs are skipped; the others are split into sentences by :func:`split_sentences`;
3. each sentence is searched for dates (:func:`analysis.core.dates.find_dates`), actors
   (``analysis.sources.actors.find_actors``) and places (:func:`analysis.sources.places.find_places`);
4. a sentence is kept when it holds at least one date mention, at least two distinct actors, or at
   least one place. The ``kept_for`` column says which.

Actors and places are matched with :func:`analysis.sources.actors.actor_matcher` and
:func:`analysis.sources.places.place_matcher`, built once per run (the alias tables loaded and validated once,
their patterns compiled once), not once per sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pandas as pd

from analysis.core.dates import DateMention, find_dates
from analysis.core.errors import AnalysisError
from analysis.core.text import detect_language, nfc
from analysis.intake.resolve import Resolver
from analysis.sources.actors import actor_matcher
from analysis.sources.corpus import SEED_NAME, CorpusError, classify, paragraph_key, read_text, split_paragraphs
from analysis.sources.places import place_matcher

__all__ = [
    "ExtractError",
    "COLUMNS",
    "split_sentences",
    "format_mention",
    "candidates",
    "candidate_rows",
    "extract_file",
    "extract_many",
    "review_rows_many",
    "candidates_records",
    "format_candidates",
]

#: Columns of the frames returned by :func:`candidates` and :func:`extract_file`, in order.
COLUMNS: tuple[str, ...] = (
    "seed",
    "paragraph",
    "key",
    "kind",
    "lang",
    "sentence_no",
    "sentence",
    "dates",
    "date_mentions",
    "actors",
    "places",
    "kept_for",
    "resolutions",
)


class ExtractError(AnalysisError):
    """A file given for extraction is unusable (missing, not UTF-8, empty); the message names it."""


# --------------------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------------------

#: Words that end with a full stop without ending a sentence (compared case-insensitively, without the
#: final stop). Initials and dotted acronyms ("A.", "U.N.", "U.S.") are recognised by shape instead.
ABBREVIATIONS: frozenset[str] = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cpt maj adm gov sen rep pres st jr sr vs etc cf al "
    "no art fig p pp vol eds approx dept univ inc ltd corp "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "mm mme mmes mlle mgr pr".split()
)
_SENTENCE_END = re.compile(
    r"""[.!?]+                       # the end mark(s)
        [\"'\u201d\u2019\u00bb)\]]*  # closing quotes or brackets that belong to the sentence
        (?=\s+[\"'\u201c\u2018\u00ab(\[]?[A-Z0-9\u00c0-\u00d6\u00d8-\u00de])  # space, capital or digit
    """,
    re.VERBOSE,
)
_LAST_WORD = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(before: str) -> bool:
    """``True`` when the text ``before`` (ending with a full stop) ends in an abbreviation: a word of
    :data:`ABBREVIATIONS`, a dotted acronym ("U.N.", "e.g.") or a single capital initial ("M.", "A.")."""
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1)
    if "." in word:
        return True
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True
    return word.casefold() in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text`` (leading and trailing white space excluded).

    A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by white space
    and a capital letter or digit (possibly after an opening quote), unless the full stop closes an abbreviation ("Mr.", "Gen.", "M.", "U.N.", a single
    capital initial) or a number ("No. 5"). Text without an end mark is one sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        mark = m.group(0)
        if mark.startswith(".") and len(mark.rstrip("\"'\u201d\u2019\u00bb)]")) == 1:
            if _is_abbreviation(text[start : m.start() + 1]):
                continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if chunk.strip():
            out.append((s + lead, e - trail))
    return out


# --------------------------------------------------------------------------------------------------------
# Actors and places: lazy, optional look-ups
# --------------------------------------------------------------------------------------------------------

Finder = Callable[[str], list[str]]


def _ids(found: Any, column: str) -> list[str]:
    """Identifiers from whatever a finder returns: a list of ids, of records with ``column``, or a frame."""
    if found is None:
        return []
    if isinstance(found, pd.DataFrame):
        return list(dict.fromkeys(str(v) for v in found[column]))
    out: list[str] = []
    for item in found:
        if isinstance(item, str):
            value = item
        elif isinstance(item, dict):
            value = item[column]
        else:
            value = getattr(item, column)
        if value not in out:
            out.append(str(value))
    return out


def _finder(table: Any, make: Callable[[Any], Finder], column: str) -> Finder:
    """A function ``text -> list of ids``: the matcher ``make`` builds once from ``table`` (a DataFrame,
    or None for the default table), ``table`` itself when it is already such a matcher (it has
    ``many``: see :func:`_each`), else ``table`` as a plain callable, its results made ids."""
    if callable(table) and not isinstance(table, pd.DataFrame):
        return table if hasattr(table, "many") else lambda text: _ids(table(text), column)
    return make(table)


def _each(find: Finder, texts: list[str]) -> list[list[str]]:
    """``find`` over each of ``texts``: in one pass over all of them when ``find`` is a matcher of
    :mod:`analysis.sources.actors` or :mod:`analysis.sources.places` (its ``many``), else text by text."""
    many = getattr(find, "many", None)
    return many(texts) if many is not None else [find(text) for text in texts]


# --------------------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------------------


def format_mention(d: DateMention) -> str:
    """One date mention as a short readable string.

    ``"2021-08-26 day"``, ``"1990..1999 approximate"``, ``"2023-09 approximate, relative '4 months ago'"``,
    ``"? relative 'in December'"`` (a relative mention that was not resolved).
    """
    if d.start is None:
        return f"? relative '{d.text}'"
    interval = d.start if d.start == d.end else f"{d.start}..{d.end}"
    suffix = f", relative '{d.text}'" if d.relative else ""
    return f"{interval} {d.precision}{suffix}"


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})


def candidates(
    paragraphs_df: pd.DataFrame,
    actors: Finder | pd.DataFrame | None = None,
    places: Finder | pd.DataFrame | None = None,
    anchor: date | None = None,
) -> pd.DataFrame:
    """Sentences of the non-boilerplate paragraphs that hold a date, two actors or a place.

    Args:
        paragraphs_df: a paragraph table as made by :func:`analysis.sources.corpus.paragraphs` or
            :func:`analysis.sources.corpus.paragraphs_of_text`; needs ``seed``, ``n``, ``key``, ``text``, ``kind``
            and (optionally) ``lang``.
        actors, places: how to find actor and place ids in a sentence: ``None`` for the default tables of
            ``analysis.sources.actors.find_actors`` / ``analysis.sources.places.find_places``, a table to pass to them, or
            any function ``text -> list of ids``.
        anchor: reference date for relative date expressions (see :func:`analysis.core.dates.find_dates`).

    Returns:
        One row per kept sentence, columns :data:`COLUMNS`: ``seed``, ``paragraph`` (its number),
        ``key``, ``kind``, ``lang``, ``sentence_no`` (1-based within the paragraph), ``sentence``,
        ``dates`` (list of :func:`format_mention` strings), ``date_mentions`` (list of
        :class:`~analysis.core.dates.DateMention`), ``actors`` and ``places`` (lists of ids, in order of
        mention), ``kept_for`` (``"date"``, ``"actors"``, ``"place"``, joined with ``+``).
        ``attrs["notes"]`` lists any look-up that could not be made.
    """
    needed = {"seed", "n", "key", "text", "kind"}
    missing = needed - set(paragraphs_df.columns)
    if missing:
        raise KeyError(f"paragraph table lacks column(s): {', '.join(sorted(missing))}")
    columns = ["seed", "n", "key", "text", "kind", *(["lang"] if "lang" in paragraphs_df.columns else [])]
    records = paragraphs_df[columns].to_dict("records")
    rows = list(
        candidate_rows(
            records, _finder(actors, actor_matcher, "actor_id"), _finder(places, place_matcher, "place_id"), anchor
        )
    )
    return _frame(rows)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(COLUMNS)) if rows else _empty()
    if rows:
        frame["paragraph"] = frame["paragraph"].astype("int64")
        frame["sentence_no"] = frame["sentence_no"].astype("int64")
    frame.attrs["notes"] = []
    return frame


def candidate_rows(
    paragraphs: Iterable[dict[str, Any]],
    find_actor_ids: Finder,
    find_place_ids: Finder,
    anchor: date | None = None,
) -> Iterator[dict[str, Any]]:
    """The rows of :func:`candidates` (dicts with the keys :data:`COLUMNS`), one by one, from paragraph
    records (dicts with ``seed``, ``n``, ``key``, ``text``, ``kind`` and optionally ``lang``) and two
    functions ``text -> list of ids``: the loop itself, without a frame, for runs over many articles.

    Each article (a run of records of one seed) is read in one pass: its dates found paragraph by
    paragraph, then its actors and places in all its sentences at once (:func:`_each`), each match given
    to its sentence by offset."""
    for _seed, records in groupby(paragraphs, key=lambda rec: rec["seed"]):
        yield from _article_rows(records, find_actor_ids, find_place_ids, anchor)


def _article_rows(
    paragraphs: Iterable[dict[str, Any]], find_actor_ids: Finder, find_place_ids: Finder, anchor: date | None
) -> Iterator[dict[str, Any]]:
    """The rows of one article's paragraph records (see :func:`candidate_rows`); what one article settles
    (the resolver of relative dates) never reaches into another."""
    sentences = []  # (record, language, number, sentence, its date mentions)
    for rec in paragraphs:
        if rec["kind"] == "boilerplate":
            continue
        text = str(rec["text"])
        lang = rec.get("lang")
        lang = lang if lang in ("en", "fr") else None
        found = find_dates(text, lang=lang, anchor=anchor)  # one pass over the paragraph, not one per sentence
        for no, (s, e) in enumerate(split_sentences(text), start=1):
            own = [replace(m, span=(m.span[0] - s, m.span[1] - s)) for m in found if s <= m.span[0] and m.span[1] <= e]
            sentences.append((rec, lang, no, text[s:e], own))
    texts = [item[3] for item in sentences]
    resolver = Resolver()
    for (rec, lang, no, sentence, own), actor_ids, place_ids in zip(
        sentences, _each(find_actor_ids, texts), _each(find_place_ids, texts)
    ):
        mentions, resolutions = resolver.sentence(own, rec["key"], lang)
        reasons = [
            name for name, ok in (("date", mentions), ("actors", len(actor_ids) >= 2), ("place", place_ids)) if ok
        ]
        if not reasons:
            continue
        yield {
            "seed": rec["seed"],
            "paragraph": int(rec["n"]),
            "key": rec["key"],
            "kind": rec["kind"],
            "lang": lang,
            "sentence_no": no,
            "sentence": sentence,
            "dates": [format_mention(d) for d in mentions],
            "date_mentions": mentions,
            "actors": actor_ids,
            "places": place_ids,
            "kept_for": "+".join(reasons),
            "resolutions": resolutions,
        }


def _paragraph_records(text: str, seed: str, default_language: str) -> Iterator[dict[str, Any]]:
    """The paragraphs of one text as :func:`analysis.sources.corpus.paragraphs_of_text` numbers, classifies and
    assigns them a language, with only the fields :func:`candidate_rows` reads (and the language found
    only where it is read: outside boilerplate)."""
    for p in split_paragraphs(text):
        clean = nfc(p.raw).strip()
        kind, _rule = classify(clean)
        lang = None if kind == "boilerplate" else detect_language(clean) or default_language
        yield {"seed": seed, "n": p.n, "key": paragraph_key(seed, p.n), "text": clean, "kind": kind, "lang": lang}


def _file_rows(
    path: str | Path, anchor: date | None, actors: Finder | pd.DataFrame | None, places: Finder | pd.DataFrame | None
) -> Iterator[dict[str, Any]]:
    """The candidate rows of one file (see :func:`extract_file`), as :func:`candidate_rows` yields them."""
    path = Path(path)
    try:
        text = read_text(path)
    except CorpusError as exc:
        raise ExtractError(path, exc.reason) from None
    match = SEED_NAME.match(path.name)
    seed = match["seed"] if match else path.stem
    paras = _paragraph_records(text, seed, detect_language(text, default="en"))
    find_actor_ids = _finder(actors, actor_matcher, "actor_id")
    find_place_ids = _finder(places, place_matcher, "place_id")
    return candidate_rows(paras, find_actor_ids, find_place_ids, anchor)


def extract_file(
    path: str | Path,
    anchor: date | None = None,
    actors: Finder | pd.DataFrame | None = None,
    places: Finder | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Candidate events of any UTF-8 text file (a seed or a new article); see :func:`candidates`.

    Paragraphs are numbered with the corpus rule. A file named like a seed (``003_<hash>.txt``) gets the
    seed's citation keys (``003¶14``); any other file is keyed by its stem (``article¶3``). The document's
    language (by :func:`analysis.core.text.detect_language`) is the fallback for paragraphs too short to tell.

    Raises:
        ExtractError: the file is missing, not a file, empty, binary or not UTF-8 (the message names it).
    """
    frame = _frame(list(_file_rows(path, anchor, actors, places)))
    frame.attrs["file"] = str(Path(path))
    return frame


# --------------------------------------------------------------------------------------------------------
# Presentation (used by the command line)
# --------------------------------------------------------------------------------------------------------


def candidates_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a :func:`candidates` frame as JSON-ready dicts; each date mention becomes a dict with
    ``text``, ``span``, ``start``, ``end``, ``precision``, ``relative`` and ``note``."""
    out = []
    for rec in frame.to_dict("records"):
        rec = dict(rec)
        rec["dates"] = [
            {
                "text": d.text,
                "span": list(d.span),
                "start": d.start,
                "end": d.end,
                "precision": d.precision,
                "relative": d.relative,
                "note": d.note,
            }
            for d in rec.pop("date_mentions")
        ]
        rec["actors"] = list(rec["actors"])
        rec["places"] = list(rec["places"])
        rec["paragraph"] = int(rec["paragraph"])
        rec["sentence_no"] = int(rec["sentence_no"])
        out.append(rec)
    return out


def format_candidates(frame: pd.DataFrame, title: str | None = None, width: int = 100) -> str:
    """A :func:`candidates` frame as plain text: one block per sentence, its key and sentence number, the
    dates (with precision), actors and places on the first line, the sentence wrapped below."""
    import textwrap

    lines = []
    if title is not None:
        lines.append(f"== {title}: {len(frame)} candidate sentence(s) ==")
    for rec in frame.itertuples(index=False):
        label = f"{rec.key}.{rec.sentence_no}"
        fields = (
            *([f"[{rec.kind}]"] if rec.kind != "body" else []),
            f"dates: {'; '.join(rec.dates) or '-'}",
            f"actors: {', '.join(rec.actors) or '-'}",
            f"places: {', '.join(rec.places) or '-'}",
        )
        lines.append(f"{label:<10} " + " | ".join(fields))
        lines.extend(textwrap.wrap(rec.sentence, width=width, initial_indent=" " * 11, subsequent_indent=" " * 11))
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------------
# Many files: the alias tables compiled once per process, files spread over processes, results in order
# --------------------------------------------------------------------------------------------------------
_WORKER: dict[str, Any] = {}


def _init_worker() -> None:
    _WORKER["actors"], _WORKER["places"] = actor_matcher(), place_matcher()


def _extract_one(job: tuple[str, date | None]) -> pd.DataFrame:
    path, anchor = job
    return extract_file(path, anchor=anchor, actors=_WORKER["actors"], places=_WORKER["places"])


def _review_one(job: tuple[str, date | None]) -> list[list[Any]]:
    from analysis.intake.review import review_values

    path, anchor = job
    return [review_values(row) for row in _file_rows(path, anchor, _WORKER["actors"], _WORKER["places"])]


def _many(work: Callable, jobs: list[tuple[str | Path, date | None]], processes: int) -> Iterator:
    jobs = [(str(p), a) for p, a in jobs]
    if processes <= 1:
        _init_worker()
        for job in jobs:
            yield work(job)
        return
    import multiprocessing

    # Chunks of files per task: few enough round trips, small enough that the order of results (and
    # so the streamed output) does not wait long on one slow chunk.
    chunksize = max(1, min(32, len(jobs) // (processes * 8)))
    with multiprocessing.get_context("fork").Pool(processes, initializer=_init_worker) as pool:
        yield from pool.imap(work, jobs, chunksize=chunksize)


def extract_many(jobs: list[tuple[str | Path, date | None]], processes: int = 1) -> Iterator[pd.DataFrame]:
    """Candidates of each ``(file, anchor)`` in ``jobs``, yielded in order as they are ready, so a caller
    can stream them out and memory stays flat however many files there are. With ``processes > 1`` the
    files are spread over that many worker processes (each compiles the alias tables once)."""
    return _many(_extract_one, jobs, processes)


def review_rows_many(jobs: list[tuple[str | Path, date | None]], processes: int = 1) -> Iterator[list[list[Any]]]:
    """The review-file rows (:func:`analysis.intake.review.review_values`, in the order of
    :data:`analysis.intake.review.REVIEW_COLUMNS`) of each ``(file, anchor)`` in ``jobs``, one list per file,
    in order, as :func:`extract_many` yields its frames: the same rows as
    ``review_frame(extract_file(...))``, made in the worker processes without a frame, so the parent only
    writes them."""
    return _many(_review_one, jobs, processes)
