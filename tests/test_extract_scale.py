"""Extraction at feed speed changes nothing: the review rows made in the workers and streamed out are the
rows of ``review_frame(extract_file(...))``, byte for byte; the actor and place matchers' shortcuts (try an
alias only when its longest word occurs) find what trying every alias finds; and what the review file
proposes holds against the seeds and the ledger."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from analysis.cli import main
from analysis.core import paths
from analysis.core.dates import find_dates
from analysis.core.text import normalise
from analysis.intake.extract import extract_file, review_rows_many, split_sentences
from analysis.intake.review import review_frame, write_review, write_review_rows
from analysis.ledger.events import load_events
from analysis.sources import actors, places

SEEDS = sorted(paths.SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt"))

ARTICLE = (
    "Bamako, le 3 avril 2025 — Le ministère malien des Affaires étrangères a convoqué l'ambassadeur "
    "d'Algérie hier, après la destruction d'un drone près de Tinzaouaten il y a 3 jours.\n"
    "Selon l'AES, la Confédération des États du Sahel rappelle ses ambassadeurs; le G5 Sahel n'existe plus "
    "depuis 2023.\n"
    "M. Attaf a rencontré à Alger le représentant de la MINUSMA le mardi 1er avril.\n"
    "ALGIERS AND BAMAKO: THE UNITED NATIONS INTEGRATED MISSION IN MALI LEFT IN 2023.\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    article = folder / "depeche.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return [*SEEDS, article]


@pytest.fixture(scope="module")
def texts(paras):
    """Every paragraph and sentence of the seeds and every text cell of the data tables, as written and
    upper-cased: what the matchers meet, and more."""
    out = []
    for text in paras["text"]:
        out += [text, *(text[s:e] for s, e in split_sentences(text))]
    for table in sorted(paths.DATA_DIR.glob("*.csv")):
        frame = pd.read_csv(table, dtype=str, keep_default_na=False)
        out += [v for column in frame.columns for v in frame[column] if len(v) > 3]
    return out + [t.upper() for t in out] + ARTICLE.splitlines()


def _frames_file(files, anchor=None) -> bytes:
    out = io.StringIO()
    frames = [review_frame(extract_file(f, anchor=anchor)) for f in files]
    pd.concat(frames, ignore_index=True).to_csv(out, index=False, lineterminator="\n")
    return out.getvalue().encode("utf-8")


@pytest.mark.parametrize("processes", [1, 2])
def test_streamed_rows_are_the_review_frames_byte_for_byte(files, processes):
    from datetime import date

    for anchor in (None, date(2025, 4, 3)):
        out = io.StringIO()
        n = write_review_rows(out, review_rows_many([(f, anchor) for f in files], processes=processes))
        expected = _frames_file(files, anchor)
        assert out.getvalue().encode("utf-8") == expected
        assert n == len(pd.read_csv(io.BytesIO(expected))) > 100


def test_write_review_and_the_stream_write_the_same_file(files, tmp_path):
    frame = review_frame(extract_file(files[-1]))
    assert len(frame) >= 3
    write_review(frame, tmp_path / "a.csv")
    with (tmp_path / "b.csv").open("w", encoding="utf-8", newline="") as out:
        write_review_rows(out, review_rows_many([(files[-1], None)]))
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_cli_review_matches_the_frames(files, tmp_path, capsys):
    out = tmp_path / "review.csv"
    assert main(["extract", *map(str, files), "--review", str(out), "--jobs", "2", "--anchor", "2025-04-03"]) == 0
    from datetime import date

    assert out.read_bytes() == _frames_file(files, date(2025, 4, 3))


def test_actor_needles_find_what_every_pattern_finds(texts):
    table = actors.load_actors()
    patterns = actors._patterns(tuple(actors.aliases_of(table)))
    every = ({}, {}, tuple(range(len(patterns))))  # no needle index: every pattern is tried
    match = actors.actor_matcher(table)
    found = 0
    for text in texts:
        ids = match(text)
        assert ids == actors._match(text, patterns, every), text
        found += bool(ids)
    assert found > len(texts) / 4  # the check is not vacuous


def test_place_subsets_find_what_the_whole_alternation_finds(texts):
    """The reference is the matcher as it was: every non-place phrase blanked, one alternation of every
    alias (longest first) run over the whole text."""
    table = places.alias_table()
    table = table.assign(length=table["key"].str.len()).sort_values(["length", "key"], ascending=[False, True])
    regex = re.compile(r"(?<!\w)(?:" + "|".join(f"({places._pattern(a)})" for a in table["key"]) + r")(?!\w)")
    blanks = [re.compile(rf"(?<!\w){places._pattern(p)}(?!\w)") for p in places.NON_PLACE_PHRASES]
    ids = table["place_id"].tolist()

    def reference(text):
        folded = places.alias_key(text)
        for blank in blanks:
            folded = blank.sub(lambda m: " " * len(m.group(0)), folded)
        return list(dict.fromkeys(ids[m.lastindex - 1] for m in regex.finditer(folded)))

    match = places.place_matcher()
    found = 0
    for text in texts:
        got = match(text)
        assert got == reference(text), text
        found += bool(got)
    assert found > len(texts) / 10


@pytest.fixture(scope="module")
def seed_review():
    return pd.concat([review_frame(extract_file(f)) for f in SEEDS], ignore_index=True)


def test_every_row_quote_is_a_sentence_of_its_paragraph(paras, seed_review):
    texts = dict(zip(zip(paras["seed"], paras["n"]), paras["text"]))
    for rec in seed_review.itertuples():
        assert rec.quote in texts[(rec.seed, rec.paragraph)]
        assert (rec.date_start == "") == (not any(d.start for d in find_dates(rec.quote))), rec.quote


def test_every_dated_ledger_quote_is_proposed_by_a_row_of_its_paragraph(seed_review):
    """An analyst reviewing the file would have been offered each dated event of the ledger: some row of
    the event's paragraph quotes a sentence that holds the event's quote (white space normalised)."""
    events = load_events()
    events = events[events["seed"].isin({f.name[:3] for f in SEEDS})]
    dated = events[events["quote"].map(lambda q: bool(find_dates(str(q))))]
    assert len(dated) > len(events) / 5
    rows = seed_review.assign(norm=seed_review["quote"].map(normalise))
    for ev in dated.itertuples():
        own = rows[(rows["seed"] == ev.seed) & (rows["paragraph"] == int(ev.paragraph))]
        assert any(normalise(str(ev.quote)) in q for q in own["norm"]), (ev.event_id, ev.quote)
