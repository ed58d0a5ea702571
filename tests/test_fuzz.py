"""Property-based tests (Hypothesis) of what takes outside input: ``add``, ``extract`` and ``accept`` on
generated articles and review files, the date finder and the citation-role parser on generated strings.

The properties: nothing ends in a traceback (a command returns 0, or 1 with ``error: ...`` lines; a
function returns or raises the package's own error); a refusal changes no file (every file of the
scratch project is hashed before and after); an accepted input leaves a corpus ``validate`` passes.

Each command runs in-process on a fresh scratch copy of the project (tests/scratch.py), with the
project's paths pointed at it as ``ANALYSIS_ROOT`` would. The number of examples comes from the
Hypothesis profile (tests/conftest.py): few in ``make check``, ten times as many in ``make test``;
the commands, which validate the whole corpus, get a tenth of it.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from hypothesis import event, example, given, settings
from hypothesis import strategies as st
from scratch import fingerprint, scratch_project

from analysis.cli import main
from analysis.core import paths
from analysis.core.dates import PRECISIONS, find_dates, parse_iso
from analysis.core.quote import citation_items, citations
from analysis.intake import pubdate
from analysis.intake.article import IngestError, prose_problem
from analysis.intake.review import REVIEW_COLUMNS
from analysis.intake.validate import validate
from analysis.ledger.codebook import PLOVER_TYPES

#: Examples for the commands that validate the whole corpus (a second or two each): a tenth of the profile's.
COMMAND_EXAMPLES = max(2, settings().max_examples // 10)

# --------------------------------------------------------------------------------------------------
# Generated text: prose-like articles with dates, arbitrary text and bytes
# --------------------------------------------------------------------------------------------------
WORDS = (
    "Algeria Mali Bamako Algiers talks the minister Attaf received a delegation near Tin Zaouatine border "
    "agreement signed strike drone troops ambassador recalled le ministre a reçu une délégation à Alger "
    "accord frontière rappel de l'ambassadeur condemned rejected Russia Wagner AES ECOWAS"
).split()
MONTHS = ("January", "March", "February", "August", "December", "janvier", "juillet", "août", "Sept.", "mai")
DATES = st.one_of(
    st.integers(1800, 2100).map(str),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(1, 31), st.sampled_from(MONTHS), st.integers(1850, 2100)),
    st.builds(lambda m, y: f"{m} {y}", st.sampled_from(MONTHS), st.integers(1950, 2030)),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)).map(lambda d: d.strftime("%d/%m/%Y")),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)).map(lambda d: d.isoformat()),
    st.sampled_from(["4 months ago", "last week", "in December", "mid-2024", "the 1990s", "hier", "on Tuesday"]),
)
SENTENCE = st.builds(
    lambda words, when, at: (
        " ".join(words[:at] + ([when] if when else []) + words[at:])[:1].upper()
        + " ".join(words[:at] + ([when] if when else []) + words[at:])[1:]
        + "."
    ),
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=14),
    st.one_of(st.none(), DATES),
    st.integers(0, 14),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
PROSE = st.lists(PARAGRAPH, min_size=1, max_size=6).map("\n\n".join)
TEXT = st.one_of(PROSE, st.text(max_size=300), st.tuples(PROSE, st.text(max_size=80)).map("\n".join))
ARTICLE_BYTES = st.one_of(
    PROSE.map(str.encode), TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")), st.binary(max_size=300)
)


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """One scratch copy of the project; each example works on a fresh copy of it."""
    return scratch_project(tmp_path_factory.mktemp("fuzz"))


@contextlib.contextmanager
def project_copy(base: Path):
    """A fresh copy of ``base`` with the package's paths pointing to it (as ``ANALYSIS_ROOT`` does)."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        root = Path(tmp) / "report"
        shutil.copytree(base, root, symlinks=True)
        with (
            mock.patch.object(paths, "ROOT", root),
            mock.patch.object(paths, "SEEDS_DIR", root / "seeds"),
            mock.patch.object(paths, "DATA_DIR", root / "data"),
            mock.patch("analysis.present.pages.SEED_PAGE", root / "chapters" / "appendix_seeds.md"),
        ):
            yield root


def run(*args: str) -> tuple[int, str, str]:
    """``python -m analysis ARGS`` in-process: exit status, stdout, stderr. Any exception other than the
    package's own error types propagates (and fails the test): that is a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def assert_refused(code: int, err: str) -> None:
    assert code == 1 and err.startswith("error: "), err


def accepted_or_unchanged(root, *args) -> bool:
    """Run a writing command in the scratch ``root``: a refusal (an error, no traceback) must leave
    every file as it was; an acceptance must leave a ledger ``validate`` passes. True when accepted."""
    before = fingerprint(root)
    code, out, err = run(*args)
    event("refused" if code else "accepted")
    if code:
        assert_refused(code, err)
        assert fingerprint(root) == before
        return False
    result = validate(root / "data", root / "seeds")
    assert result.ok, result.problems
    return True


# --------------------------------------------------------------------------------------------------
# add
# --------------------------------------------------------------------------------------------------
@settings(max_examples=COMMAND_EXAMPLES)
@given(content=ARTICLE_BYTES)
@example(content=b"In 2019, Algeria hosted talks between Bamako and the northern movements.\n")
def test_add_accepts_with_validate_passing_or_refuses_changing_nothing(base, content):
    with project_copy(base) as root:
        src = root.parent / "article.txt"
        src.write_bytes(content)
        if not accepted_or_unchanged(root, "add", str(src)):
            return
        row = pd.read_csv(root / "seeds" / "catalog.csv", dtype=str, keep_default_na=False).iloc[-1]
        lo, hi = date.fromisoformat(row["published_earliest"]), date.fromisoformat(row["published_latest"])
        assert pubdate.EARLIEST_PUBLICATION <= lo <= hi <= date.today()
        assert f"(seed-{row['seed']})=" in (root / "chapters" / "appendix_seeds.md").read_text(encoding="utf-8")


@given(text=TEXT, today=st.dates(date(1990, 1, 1), date(2030, 12, 31)))
def test_the_inferred_interval_is_a_valid_plausible_interval_or_a_refusal(text, today):
    try:
        row = pubdate.infer_interval(text, today)
    except IngestError as exc:
        assert "no date in the text" in str(exc)
        event("no date")
        return
    event(row["date_precision"])
    lo, hi = date.fromisoformat(row["published_earliest"]), date.fromisoformat(row["published_latest"])
    assert pubdate.EARLIEST_PUBLICATION <= lo <= hi <= today
    assert row["date_precision"] in ("day", "interval", "year", "month", "approximate")
    assert row["date_evidence"] and row["date_evidence"] in unicodedata.normalize("NFC", text)


@given(text=st.text())
def test_the_prose_rules_answer_for_any_text(text):
    problem = prose_problem(text) if text.strip() else None
    assert problem is None or isinstance(problem, str)


# --------------------------------------------------------------------------------------------------
# extract
# --------------------------------------------------------------------------------------------------
@settings(max_examples=COMMAND_EXAMPLES)
@given(content=ARTICLE_BYTES)
def test_extract_writes_a_whole_review_file_or_none(base, content):
    with project_copy(base) as root:
        src, review = root.parent / "article.txt", root.parent / "review.csv"
        src.write_bytes(content)
        before = fingerprint(root)
        code, out, err = run("extract", str(src), "--review", str(review))
        event("refused" if code else "accepted")
        assert fingerprint(root) == before  # extract writes no data
        if code:
            assert_refused(code, err)
            assert not review.exists() and not list(root.parent.glob("review.csv*"))
            return
        frame = pd.read_csv(review, dtype=str, keep_default_na=False)
        assert list(frame.columns) == list(REVIEW_COLUMNS)


# --------------------------------------------------------------------------------------------------
# accept
# --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def review_base(base, tmp_path_factory):
    """``base`` with the test article added, and its review file marked as test_review marks it."""
    from test_ingest import ARTICLE_FR
    from test_review import _mark

    from analysis.intake.extract import extract_file
    from analysis.intake.ingest import add_article
    from analysis.intake.review import review_frame

    root = tmp_path_factory.mktemp("fuzz-review") / "report"
    shutil.copytree(base, root)
    src = root.parent / "article.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    added = add_article(src, root / "seeds", data_dir=root / "data")
    return root, _mark(review_frame(extract_file(added.path))).astype(str)


CELL_VALUES = st.one_of(
    st.sampled_from(["accept", "exclude", "reject", "", "ACCEPT", " accept ", "maybe"]),
    st.sampled_from(sorted(PLOVER_TYPES) + ["consult", "CONSULTS", "diplomatic", "attaf", "mli", "algiers"]),
    st.sampled_from(["2025-04-02", "2025-04", "2025", "2025-13-01", "2025-02-30", "02/04/2025", "day", "before"]),
    st.sampled_from(["1", "2", "3", "0", "-1", "2.0", "1e400", "two", "005", "999"]),
    st.text(max_size=30),
)
EDITS = st.lists(st.tuples(st.integers(0, 20), st.sampled_from(REVIEW_COLUMNS), CELL_VALUES), min_size=0, max_size=6)


@settings(max_examples=COMMAND_EXAMPLES)
@given(edits=EDITS, garbage=st.one_of(st.none(), st.binary(max_size=200)))
def test_accept_writes_a_ledger_validate_passes_or_changes_nothing(review_base, edits, garbage):
    base, frame = review_base
    frame = frame.copy()
    for row, column, value in edits:
        frame.iloc[row % len(frame), frame.columns.get_loc(column)] = value
    with project_copy(base) as root:
        review = root.parent / "review.csv"
        if garbage is None:
            frame.to_csv(review, index=False)
        else:
            review.write_bytes(garbage)
        if not accepted_or_unchanged(root, "accept", str(review)):
            return


# --------------------------------------------------------------------------------------------------
# The date finder and the citation-role parser
# --------------------------------------------------------------------------------------------------
MIXED = st.one_of(st.text(), st.lists(st.one_of(DATES, st.text(max_size=10), st.sampled_from(WORDS))).map(" ".join))


@given(text=MIXED, lang=st.sampled_from([None, "en", "fr"]), anchor=st.one_of(st.none(), st.dates()))
def test_every_date_mention_is_a_span_of_the_text_with_a_calendar_interval(text, lang, anchor):
    for m in find_dates(text, lang=lang, anchor=anchor):
        assert text[m.span[0] : m.span[1]] == m.text and m.text
        assert m.precision in PRECISIONS
        assert (m.start is None) == (m.end is None)
        if m.start is not None:
            assert parse_iso(m.start)[0] <= parse_iso(m.end)[1]


KEYS = st.one_of(
    st.builds(lambda s, n: f"{s:03d}\u00b6{n}", st.integers(0, 1200), st.integers(1, 200)),
    st.text(alphabet=st.characters(blacklist_characters=' ,"`', blacklist_categories=("Z", "C")), min_size=1),
)
EXCERPTS = st.one_of(st.none(), st.text(alphabet=st.characters(blacklist_characters='"`'), max_size=40))


@given(items=st.lists(st.tuples(KEYS, EXCERPTS), min_size=1, max_size=4))
def test_the_citation_role_reads_back_what_was_written(items):
    body = ", ".join(key if excerpt is None else f'{key} "{excerpt}"' for key, excerpt in items)
    assert citation_items(body) == items
    text = f"Before {{paras}}`{body}` after."
    assert citations(text) == items


@given(text=st.text())
def test_the_citation_role_parser_answers_for_any_text(text):
    items = citation_items(text)
    assert items is None or all(isinstance(k, str) and k for k, _ in items)
    for key, excerpt in citations("{para}`" + text.replace("`", "") + "`" + text):
        assert isinstance(key, str) and (excerpt is None or isinstance(excerpt, str))
