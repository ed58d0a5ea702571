"""Adding an article: `python -m analysis add` copies it byte for byte under the next id, records its
checksum and a catalogue row with a publication interval from the text's own evidence, and refuses bad
input without writing anything."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date

import frozen
import pytest

from analysis.cli import main
from analysis.core import keys, paths
from analysis.intake import article as article_mod
from analysis.intake import ingest, pubdate
from analysis.intake.ingest import IngestError, unreviewed
from analysis.intake.validate import validate
from analysis.sources import corpus

#: A short French article written for the test: a date stamp, a meeting, a place the gazetteer knows.
ARTICLE_FR = (
    "Alger, le 3 avril 2025\n\n"
    "Le ministre des Affaires étrangères Ahmed Attaf a reçu à Alger une délégation malienne le 2 avril 2025.\n\n"
    "Les deux parties ont évoqué la situation à Tin Zaouatine, près de la frontière.\n"
)
ARTICLE_EN = "Talks resumed in Algiers, three months after the strike of 25 August 2024 near Tin Zaouatine.\n"


@pytest.fixture
def seeds(tmp_path):
    dst = tmp_path / "seeds"
    shutil.copytree(frozen.SEEDS, dst)  # the frozen five (tests/fixtures): the ids below are theirs
    return dst


def add_article(source, seeds_dir, **options):
    """``ingest.add_article`` validating against the frozen data, the ledger coded from the frozen seeds
    (the live data/ may cite seeds the frozen corpus does not have)."""
    return ingest.add_article(source, seeds_dir, **{"data_dir": frozen.DATA, **options})


def _state(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_add_copies_byte_for_byte_under_the_next_id(seeds, tmp_path):
    before = corpus.load_catalog(seeds)
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    added = add_article(src, seeds, data_dir=frozen.DATA, today=date(2025, 4, 10))
    expected_id = keys.seed_id(max(int(s) for s in before["seed"]) + 1)
    assert added.seed == expected_id and added.path.read_bytes() == src.read_bytes()
    catalog = corpus.load_catalog(seeds)  # the loader accepts the new row: file, checksum and dates agree
    row = catalog.set_index("seed").loc[expected_id]
    assert row["language"] == "fr" and row["date_precision"] == "day"
    assert row["published_earliest"] == row["published_latest"] == __import__("pandas").Timestamp("2025-04-03")
    assert row["evidence_paragraphs"] == f"{expected_id}¶1" and row["reviewed"] == "no"
    assert expected_id in set(corpus.verify_checksums(seeds)["seed"])  # raises on any mismatch
    assert unreviewed(seeds) == [expected_id]


def test_without_a_stamp_the_latest_mention_bounds_the_interval(seeds, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    added = add_article(src, seeds, data_dir=frozen.DATA, today=date(2025, 1, 15))
    assert added.row["published_earliest"] == "2024-08-25" and added.row["published_latest"] == "2025-01-15"
    assert added.row["date_precision"] == "interval" and "25 August 2024" in added.row["date_evidence"]


def test_given_dates_are_marked_reviewed(seeds, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    added = add_article(src, seeds, data_dir=frozen.DATA, outlet="An outlet", published="2025-01-02")
    assert added.row["reviewed"] == "yes" and added.row["outlet"] == "An outlet"


@pytest.mark.parametrize(
    "content, kwargs, message",
    [
        (b"", {}, "the file is empty"),
        (b"\x00\x01binary", {}, "binary"),
        ("Alger, année 2025".encode("latin-1"), {}, "not UTF-8"),
        (ARTICLE_EN.encode(), {"published": "2025-13-40"}, "is not a date"),
        (ARTICLE_EN.encode(), {"earliest": "2025-02-01", "latest": "2025-01-01"}, "is after"),
        (b"No date at all here.\n", {}, "no date in the text"),
    ],
)
def test_bad_input_changes_nothing(seeds, tmp_path, content, kwargs, message):
    src = tmp_path / "article.txt"
    src.write_bytes(content)
    before = _state(seeds)
    with pytest.raises(IngestError, match=message):
        add_article(src, seeds, data_dir=frozen.DATA, **kwargs)
    assert _state(seeds) == before


def test_an_article_already_in_the_corpus_is_refused(seeds):
    before = _state(seeds)
    first = sorted(seeds.glob("000_*.txt"))[0]
    with pytest.raises(IngestError, match="already in the corpus as seed 000"):
        add_article(first, seeds, data_dir=frozen.DATA)
    assert _state(seeds) == before


def test_cli_add_prints_one_line_per_article_and_one_error_line(seeds, tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    assert main(["add", str(src), "--seeds", str(seeds), "--data", str(frozen.DATA)]) == 0
    assert "inferred: check seeds/catalog.csv" in capsys.readouterr().out
    assert main(["add", str(src), "--seeds", str(seeds), "--data", str(frozen.DATA)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "already in the corpus" in err[0]


def _renumber(seeds, old: str, new: str) -> None:
    """Give seed ``old`` the id ``new`` in a copied folder: file name, checksum line, catalogue row."""
    path = next(seeds.glob(f"{old}_*.txt"))
    name = path.name.replace(f"{old}_", f"{new}_", 1)
    path.rename(seeds / name)
    sums = seeds / corpus.CHECKSUMS_NAME
    sums.write_text(sums.read_text(encoding="utf-8").replace(path.name, name), encoding="utf-8")
    cat = seeds / corpus.CATALOG_NAME
    text = cat.read_text(encoding="utf-8")
    text = text.replace(f"\n{old},{path.name},", f"\n{new},{name},").replace(f"{old}\u00b6", f"{new}\u00b6")
    cat.write_text(text, encoding="utf-8")


def test_the_id_after_999_is_1000_and_the_catalogue_sorts_by_number(seeds, tmp_path):
    _renumber(seeds, "004", "999")
    assert list(corpus.load_catalog(seeds)["seed"]) == ["000", "001", "002", "003", "999"]
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    added = add_article(src, seeds, data_dir=frozen.DATA, today=date(2025, 4, 10))
    assert added.seed == "1000" and added.path.name.startswith("1000_")
    catalog = corpus.load_catalog(seeds)  # 1000 sorts after 999 (as text it would come first)
    assert list(catalog["seed"]) == ["000", "001", "002", "003", "999", "1000"]
    assert catalog.iloc[-1]["evidence_paragraphs"] == "1000\u00b61"
    assert list(corpus.seed_files(seeds)) == list(catalog["seed"])
    assert "1000" in set(corpus.verify_checksums(seeds)["seed"])
    with pytest.raises(IngestError, match=r"already in the corpus as seed 1000 \(1000_"):
        add_article(src, seeds, data_dir=frozen.DATA)


# ----------------------------------------------------------------------------------------------------
# Coarse dates, the plausible range, size and shape limits, all or nothing
# ----------------------------------------------------------------------------------------------------

ARTICLE_2019 = "In 2019, Algeria hosted talks between Bamako and the northern movements.\n"


def _add_text(seeds, tmp_path, text, **kwargs):
    src = tmp_path / "article.txt"
    src.write_text(text, encoding="utf-8")
    return add_article(src, seeds, data_dir=frozen.DATA, **kwargs)


def test_a_year_alone_dates_the_article_to_that_whole_year_and_validate_passes(seeds, tmp_path):
    added = _add_text(seeds, tmp_path, ARTICLE_2019, today=date(2026, 12, 6))
    row = added.row
    assert (row["published_earliest"], row["published_latest"], row["date_precision"]) == (
        "2019-01-01",
        "2019-12-31",
        "year",
    )
    assert row["date_evidence"] == "2019" and row["evidence_paragraphs"] == f"{added.seed}¶1"
    assert "assumption" in row["date_reasoning"] and row["reviewed"] == "no"
    result = validate(frozen.DATA, seeds)
    assert result.ok, result.problems
    assert any(f"seed {added.seed}: not coded yet" in note for note in result.notes)


@pytest.mark.parametrize(
    "text, today, expected",
    [
        (
            "En mars 2021, Alger a reçu une délégation malienne.\n",
            date(2026, 1, 1),
            ("2021-03-01", "2021-03-31", "month"),
        ),
        ("In February 2024, talks resumed.\n", date(2026, 1, 1), ("2024-02-01", "2024-02-29", "month")),
        # the period is cut at the day of adding
        ("In 2026, talks resumed in Algiers.\n", date(2026, 3, 5), ("2026-01-01", "2026-03-05", "year")),
        ("Talks resumed in mid-2024.\n", date(2026, 1, 1), ("2024-01-01", "2024-12-31", "approximate")),
        # the latest period named wins
        ("In 2019 and again in March 2021, talks resumed.\n", date(2026, 1, 1), ("2021-03-01", "2021-03-31", "month")),
        # a day mentioned: lower bound, the day of adding the upper one
        (
            "Talks resumed on 3 March 2024, and went on through the rest of 2024 in Algiers.\n",
            date(2025, 1, 1),
            ("2024-03-03", "2025-01-01", "interval"),
        ),
        # a date before the plausible range is not evidence; the one inside it is
        ("In 1863 and in 2019, something happened.\n", date(2026, 1, 1), ("2019-01-01", "2019-12-31", "year")),
        # a future year is not evidence either
        ("In 2019 the talks began; they should end in 2030.\n", date(2026, 1, 1), ("2019-01-01", "2019-12-31", "year")),
    ],
)
def test_coarse_and_out_of_range_dates(text, today, expected):
    row = pubdate.infer_interval(text, today)
    assert (row["published_earliest"], row["published_latest"], row["date_precision"]) == expected


def test_the_plausible_range_starts_with_the_first_day_the_corpus_can_concern():
    assert pubdate.EARLIEST_PUBLICATION == date(1960, 6, 20)
    inside = pubdate.infer_interval("It was founded on 20 June 1960 here.\n", date(2026, 1, 1))
    assert inside["published_earliest"] == "1960-06-20"
    for text in ("It was founded on 19 June 1960 here.\n", "In 1863, nothing.\n", "In 2031, elections.\n"):
        with pytest.raises(IngestError, match="only dates outside the plausible range"):
            pubdate.infer_interval(text, date(2026, 1, 1))
    with pytest.raises(IngestError, match="after today"):
        pubdate.given_interval("2026-01-02", None, None, date(2026, 1, 1))
    with pytest.raises(IngestError, match="before 1960-06-20"):
        pubdate.given_interval(None, "1960-06-19", "1961-01-01", date(2026, 1, 1))
    assert pubdate.given_interval("1960-06-20", None, None, date(2026, 1, 1))["published_latest"] == "1960-06-20"


NOT_PROSE = [
    (("Talks went on. " * 1000)[: article_mod.MAX_LINE_CHARS + 1] + "\n", "characters on one line"),
    ("12 345 678 90, 11 12 13. 14 15 16 17 18 19 20 21 22 23 24 25.\n", "are letters"),
    ("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9w\n" * 40 + "In 2019 it ended.\n", "base64"),
    ("Algeria Mali talks 2019\nA headline without a sentence\n", "no sentence"),
    ("In 2019, talks\x07 resumed.\n", "control character U\\+0007"),
]


@pytest.mark.parametrize("text, message", NOT_PROSE)
def test_text_that_is_not_prose_is_refused_and_changes_nothing(seeds, tmp_path, text, message):
    before = _state(seeds)
    with pytest.raises(IngestError, match=message):
        _add_text(seeds, tmp_path, text)
    assert _state(seeds) == before


def test_near_misses_of_the_prose_rules_pass():
    longest = ("Talks went on. " * 1000)[: article_mod.MAX_LINE_CHARS]
    assert len(longest) == article_mod.MAX_LINE_CHARS and article_mod.prose_problem(longest) is None
    assert article_mod.prose_problem("Word " * 29 + "a" * 30 + " end.") is None  # a 30-letter word is a word
    assert article_mod.prose_problem("It ended.") is None  # a sentence of two words
    assert article_mod.prose_problem("It ended.\u00bb Then") is None  # closing quote after the full stop
    assert article_mod.prose_problem("Talks resumed on 14 March 2023.") is None  # a number ends it
    assert article_mod.prose_problem("Version 2.0 is out") == (
        "no sentence (no word or number followed by '.', '!' or '?' and a space or line end): not prose"
    )
    assert "no sentence" in article_mod.prose_problem("Talks resumed on 14 March 2023 .")


def test_a_file_over_the_limit_is_refused_before_it_is_read(seeds, tmp_path, monkeypatch, capsys):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 81 MB file: nothing of it may be read
        fh.truncate(81_000_000)
    real_open = type(big).open

    def guarded(self, *args, **kwargs):
        if self == big:
            pytest.fail("read an oversized file")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(big), "open", guarded)
    before = _state(seeds)
    assert main(["add", str(big), "--seeds", str(seeds), "--data", str(frozen.DATA)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"error: {big}: 81,000,000 bytes, over the limit of 300,000 bytes for an article "
        "(give --max-bytes N to raise it if this really is one article)"
    ]
    assert _state(seeds) == before


def test_max_bytes_raises_the_limit(seeds, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_2019, encoding="utf-8")
    size = src.stat().st_size
    with pytest.raises(IngestError, match="over the limit"):
        add_article(src, seeds, data_dir=frozen.DATA, max_bytes=size - 1)
    assert add_article(src, seeds, data_dir=frozen.DATA, max_bytes=size).seed


def test_a_failed_write_leaves_every_file_as_it_was(seeds, tmp_path, monkeypatch):
    from analysis.core import atomic

    real, calls = atomic.os.replace, []

    def last_fails(src, dst):
        calls.append(dst)
        if str(dst).endswith("catalog.csv"):
            raise OSError("no space left")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", last_fails)
    before = _state(seeds)
    with pytest.raises(OSError, match="no space left"):
        _add_text(seeds, tmp_path, ARTICLE_2019)
    assert _state(seeds) == before and len(calls) >= 3  # the seed file and SHA256SUMS were put back


def test_a_corpus_validate_would_refuse_is_not_written(seeds, tmp_path, monkeypatch):
    from analysis.intake import validate as validate_mod

    real = validate_mod.validate

    def trial_fails(data_dir, seeds_dir):
        result = real(data_dir, seeds_dir)
        if seeds_dir != seeds:  # the trial corpus
            result.problems.append(f"{seeds_dir}/catalog.csv: a problem the new row makes")
        return result

    monkeypatch.setattr(validate_mod, "validate", trial_fails)
    before = _state(seeds)
    with pytest.raises(IngestError, match="nothing written; validate would fail:\n.*a problem the new row makes"):
        _add_text(seeds, tmp_path, ARTICLE_2019)
    assert _state(seeds) == before


def test_several_articles_are_added_together_or_not_at_all(seeds, tmp_path, capsys):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(ARTICLE_2019, encoding="utf-8")
    bad.write_text("No date at all here.\n", encoding="utf-8")
    before = _state(seeds)
    assert main(["add", str(good), str(bad), "--seeds", str(seeds), "--data", str(frozen.DATA)]) == 1
    assert "no date in the text" in capsys.readouterr().err and _state(seeds) == before
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE_EN, encoding="utf-8")
    assert main(["add", str(good), str(other), "--seeds", str(seeds), "--data", str(frozen.DATA)]) == 0
    assert len(_state(seeds)) == len(before) + 2 and validate(frozen.DATA, seeds).ok


@pytest.mark.slow
def test_an_81_mb_base64_file_is_refused_within_seconds_with_every_file_unchanged(tmp_path):
    import base64
    import random
    import time

    from scratch import fingerprint, run_cli, scratch_project

    root = scratch_project(tmp_path)
    big = tmp_path / "big.b64"
    rng = random.Random(19)
    with big.open("wb") as fh:
        for _ in range(81):
            fh.write(base64.encodebytes(rng.randbytes(750_000)))
    assert big.stat().st_size > 81_000_000
    before = fingerprint(root)
    for extra, reason in (((), "over the limit of 300,000 bytes"), (("--max-bytes", "100000000"), "base64")):
        start = time.perf_counter()
        out = run_cli(root, "add", str(big), *extra)
        elapsed = time.perf_counter() - start
        assert out.returncode == 1 and elapsed < 10, (elapsed, out.stderr)
        assert out.stderr.startswith(f"error: {big}: ") and reason in out.stderr and out.stdout == ""
        assert fingerprint(root) == before


@pytest.mark.slow
def test_an_article_at_the_size_limit_is_added_in_bounded_memory(tmp_path):
    """A prose article just under the limit (the seeds' texts, repeated): added, validate passes, and
    the process's peak memory stays under 200 MB."""
    from scratch import run_cli, scratch_project

    root = scratch_project(tmp_path)
    texts = [p.read_text(encoding="utf-8") for p in sorted(paths.SEEDS_DIR.glob("*.txt"))]
    parts, size, i = ["A long article\n"], 0, 0
    while True:
        part = texts[i % len(texts)] + f"\nPart {i} ends here.\n"
        if size + len(part.encode()) > 300_000 - 100:
            break
        parts.append(part)
        size += len(part.encode())
        i += 1
    src = tmp_path / "long.txt"
    src.write_text("".join(parts), encoding="utf-8")
    assert 250_000 < src.stat().st_size <= 300_000
    # VmHWM is the peak resident memory of this program's own image; ru_maxrss would also count the
    # pages of the (large) test process it was forked from, which a child reports as its own.
    code = (
        "import re, sys\nfrom analysis.cli import main\nrc = main(sys.argv[1:])\n"
        "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
        "print('peak_kb', hwm, file=sys.stderr)\nsys.exit(rc)"
    )
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    out = subprocess.run([sys.executable, "-c", code, "add", str(src)], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    peak_mb = int(out.stderr.split("peak_kb")[-1].split()[0]) / 1024
    assert peak_mb < 200, peak_mb
    check = run_cli(root, "validate")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.slow
def test_the_year_only_article_through_the_command_line_in_a_scratch_project(tmp_path):
    """The issue's first input, as a new user runs it: added with the whole year, validate passes."""
    from scratch import fingerprint, run_cli, scratch_project

    root = scratch_project(tmp_path)
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_2019, encoding="utf-8")
    before = fingerprint(root)
    out = run_cli(root, "add", str(src))
    assert out.returncode == 0 and "published 2019-01-01 to 2019-12-31" in out.stdout, out.stderr
    after = fingerprint(root)
    changed = {k for k in after if after[k] != before.get(k)}
    assert {k for k in changed if not k.startswith("seeds/0")} == {
        "seeds/SHA256SUMS",
        "seeds/catalog.csv",
        "chapters/appendix_seeds.md",
    }
    check = run_cli(root, "validate")
    assert check.returncode == 0 and "not coded yet" in check.stderr, check.stdout + check.stderr
    again = run_cli(root, "add", str(src))  # now already in the corpus: refused, nothing changed
    assert again.returncode == 1 and "already in the corpus" in again.stderr and fingerprint(root) == after
