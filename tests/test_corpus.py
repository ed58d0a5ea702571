"""The corpus on the real seeds: files, catalogue, paragraphs, kinds, languages, and bad input."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import frozen
import pandas as pd
import pytest

from analysis.core import paths
from analysis.core.text import detect_language, display_text, fold, normalise
from analysis.sources.corpus import (
    SEED_NAME,
    CorpusError,
    catalog_problems,
    checksum_problems,
    classify,
    load_catalog,
    load_corpus,
    paragraph_key,
    paragraphs,
    parse_key,
    seed_files,
    split_paragraphs,
    verify_checksums,
)

SHARED_SEEDS = paths.ROOT.parent / "shared" / "seeds"


# ---------------------------------------------------------------- files
def test_seeds_are_byte_copies_of_shared():
    if not SHARED_SEEDS.is_dir():
        if os.environ.get("CI") == "true":  # under CI nothing is skipped: a missing copy is a failure
            pytest.fail(f"{SHARED_SEEDS} is missing: CI checks the seeds against the shared copy")
        pytest.skip("../shared/seeds is not beside this checkout")
    shared = sorted(p.name for p in SHARED_SEEDS.glob("*.txt"))
    ours = {p.name for p in paths.SEEDS_DIR.glob("*.txt")}
    assert set(shared) <= ours  # articles added later have no shared copy
    for name in shared:
        assert (paths.SEEDS_DIR / name).read_bytes() == (SHARED_SEEDS / name).read_bytes(), name


def test_checksums_match():
    live = verify_checksums()
    assert set(live["file"]) == {p.name for p in paths.SEEDS_DIR.glob("*.txt")}
    sums = verify_checksums(frozen.SEEDS)
    assert list(sums["seed"]) == ["000", "001", "002", "003", "004"]
    assert sums.set_index("seed").loc["003", "sha256"].startswith("2152efe04f72")


def test_checksum_mismatch_is_refused(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "000_69cc8ffab998165b.txt").write_text("changed\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"000_69cc8ffab998165b\.txt: SHA-256 .* differs"):
        verify_checksums(seeds)


def test_every_checksum_problem_is_named(tmp_path):
    seeds = _copy_seeds(tmp_path)
    sums = seeds / "SHA256SUMS"
    assert checksum_problems(seeds) == []
    lines = sums.read_text(encoding="utf-8").splitlines()
    first = lines[0].split()[1]
    stray = "0" * 64 + "  999_0000000000000000.txt"
    # the first file's line removed, a stray line added, a line repeated, a malformed line
    sums.write_text("\n".join([*lines[1:], stray, lines[1], "not a checksum"]) + "\n", encoding="utf-8")
    n = len(lines)
    assert checksum_problems(seeds) == [
        f"{sums}: line {n + 1}: {lines[1].split()[1]} listed twice (also line 1)",
        f"{sums}: line {n + 2}: malformed line: 'not a checksum'",
        f"{sums}: line {n}: 999_0000000000000000.txt is not a seed file of {seeds} (stray line)",
        f"{sums}: no line for {first} (missing)",
    ]
    with pytest.raises(CorpusError, match="listed twice") as err:
        verify_checksums(seeds)
    assert len(str(err.value).splitlines()) == 4


def test_validate_checks_the_checksums(tmp_path):
    from analysis.intake.validate import run

    seeds = _copy_seeds(tmp_path)
    target = sorted(seeds.glob("*.txt"))[-1]
    with target.open("a", encoding="utf-8") as fh:
        fh.write("\n")  # one byte more: the paragraphs are the same, the hash is not
    problems = run(frozen.DATA, seeds)
    assert problems == checksum_problems(seeds)
    assert len(problems) == 1 and problems[0].startswith(f"{target}: SHA-256 ")


# ---------------------------------------------------------------- catalogue
def test_catalog_dates():
    cat = load_catalog(frozen.SEEDS).set_index("seed")
    expect = {
        "000": ("2021-08-31", "2021-08-31", "day"),
        "001": ("2017-07-01", "2019-04-02", "interval"),
        "002": ("2025-01-08", "2025-01-08", "day"),
        "003": ("2025-01-03", "2025-12-31", "interval"),
        "004": ("2024-02-28", "2024-03-31", "approximate"),
    }
    for seed, (lo, hi, precision) in expect.items():
        assert cat.loc[seed, "published_earliest"] == pd.Timestamp(lo), seed
        assert cat.loc[seed, "published_latest"] == pd.Timestamp(hi), seed
        assert cat.loc[seed, "date_precision"] == precision, seed
    assert cat.loc["004", "outlet"] == "Une Plume du Mali"
    assert list(cat["language"]) == ["en", "fr", "en", "en", "en"]


def test_catalog_evidence_is_quoted_from_the_cited_paragraphs():
    cat = load_catalog()
    paras = paragraphs().set_index("key")
    for rec in cat.itertuples():
        keys = rec.evidence_paragraphs.split(";")
        texts = " ".join(normalise(paras.loc[k, "text"]) for k in keys)
        for quote in rec.date_evidence.split(" | "):
            assert normalise(quote) in texts, (rec.seed, quote)


def test_day_first_timestamp_of_seed_002():
    # "[08/01/2025 21:45]" is 8 January 2025, not 1 August.
    paras = paragraphs().set_index("key")
    assert "[08/01/2025 21:45]" in paras.loc["002¶5", "text"]
    assert load_catalog().set_index("seed").loc["002", "published_latest"] == pd.Timestamp("2025-01-08")


# ---------------------------------------------------------------- paragraphs
def _five_seeds(values: dict) -> dict:
    """The values of the five original seeds, which do not change when an article is added."""
    return {seed: values[seed] for seed in ("000", "001", "002", "003", "004")}


def test_paragraph_counts_per_seed(expected):
    counts = paragraphs().groupby("seed").size().to_dict()
    assert counts == expected["paragraphs_per_seed"]
    assert _five_seeds(counts) == {
        "000": 4,
        "001": 8,
        "002": 25,
        "003": 69,
        "004": 25,
    }


def test_paragraph_numbers_are_non_blank_lines():
    for seed, path in seed_files().items():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        own = paragraphs().query("seed == @seed")
        assert list(own["raw"]) == lines
        assert list(own["n"]) == list(range(1, len(lines) + 1))


def test_known_paragraphs():
    paras = paragraphs().set_index("key")
    assert paras.loc["003¶60", "text"].startswith("One of the key reasons was an airstrike")
    assert paras.loc["004¶6", "text"].startswith("During the day of Wednesday February 28, 2024")
    assert paras.loc["001¶1", "text"].startswith("Cette session, qui intervient")
    assert paras.loc["002¶19", "text"].startswith("\u2022 December 20, 2024")


def test_boilerplate_rows_and_rules():
    paras = paragraphs()
    got = {r.key: r.rule for r in paras[paras["kind"] == "boilerplate"].itertuples()}
    assert got == {
        "001¶4": "related-link",
        "002¶5": "byline",
        "002¶7": "bare-url",
        "003¶2": "relative-age",
        "003¶3": "share-count",
        "003¶4": "share-button",
        "003¶5": "share-button",
        "003¶13": "image-file",
        "003¶35": "image-file",
        "003¶57": "image-file",
        "004¶1": "breadcrumb",
        "004¶3": "byline",
        "004¶11": "related-link",
        "004¶12": "related-link",
        "004¶18": "related-link",
        "004¶21": "related-link",
        "004¶22": "comment-banner",
        "004¶23": "comment-banner",
        "004¶24": "cookie-banner",
        "004¶25": "cookie-banner",
    }


def test_captions_and_headings():
    paras = frozen.paragraphs()
    captions = list(paras.loc[paras["kind"] == "caption", "key"])
    assert captions == ["004¶5", "004¶8", "004¶15"]
    headings = list(paras.loc[paras["kind"] == "heading", "key"])
    assert headings == [
        "002¶1",
        "002¶3",
        "002¶4",
        "002¶8",
        "002¶12",
        "002¶16",
        "002¶20",
        "002¶23",
        "003¶1",
        "003¶14",
        "003¶36",
        "003¶46",
        "003¶58",
        "004¶2",
        "004¶4",
        "004¶9",
        "004¶16",
    ]


def test_languages():
    paras = frozen.paragraphs()
    by_seed = paras.groupby("seed")["lang"].agg(lambda s: sorted(set(s))).to_dict()
    assert by_seed == {"000": ["en"], "001": ["fr"], "002": ["en"], "003": ["en"], "004": ["en"]}
    assert detect_language("Les deux parties ont procédé à une évaluation de l'état de la coopération") == "fr"
    assert detect_language("The statement also pointed to the successes of the armed forces") == "en"
    assert detect_language("Ahmed Attaf") is None


def test_mojibake_is_corrected_only_for_display():
    p = paragraphs().set_index("key").loc["001¶2"]
    assert "\u00a3uvre" in p["raw"]
    assert "\u0153uvre" in p["display"] and "\u00a3uvre" not in p["display"]


def test_text_is_nfc_and_display_has_no_nbsp():
    paras = paragraphs()
    nbsp = paras[paras["raw"].str.contains("\u00a0")]
    assert len(nbsp) > 0
    assert not paras["display"].str.contains("\u00a0").any()
    assert display_text("e\u0301t\u00e9") == "\u00e9t\u00e9"


def test_corpus_counts(expected):
    corpus = load_corpus().set_index("seed")
    assert corpus["paragraphs"].to_dict() == expected["paragraphs_per_seed"]
    assert _five_seeds(corpus["boilerplate"].to_dict()) == {
        "000": 0,
        "001": 1,
        "002": 2,
        "003": 7,
        "004": 10,
    }
    assert _five_seeds(corpus["words"].to_dict()) == {
        "000": 396,
        "001": 309,
        "002": 542,
        "003": 1757,
        "004": 577,
    }


def test_keys_round_trip():
    assert paragraph_key("003", 14) == "003¶14"
    assert parse_key("003¶14") == ("003", 14)
    with pytest.raises(ValueError):
        parse_key("003-14")


def test_classify_rules():
    assert classify("READ ALSO: anything") == ("boilerplate", "related-link")
    assert classify("Lire aussi:Messahel") == ("boilerplate", "related-link")
    assert classify("Photo (800×455)") == ("heading", "short-unpunctuated")  # no file name: not a placeholder
    assert classify("Algeria_Map.jpg (1032×1238)") == ("boilerplate", "image-file")
    assert classify("Short title without stop") == ("heading", "short-unpunctuated")


def test_split_paragraphs_ignores_whitespace_only_lines():
    paras = split_paragraphs("a\n \n\u00a0\nb\n\n")
    assert [(p.n, p.raw) for p in paras] == [(1, "a"), (2, "b")]


def test_fold_removes_accents_and_case():
    assert fold("Goïta") == fold("GOITA") == "goita"


# ---------------------------------------------------------------- bad input
def _copy_seeds(tmp_path: Path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(frozen.SEEDS, dst)  # the frozen five: the expected lines and ids below are theirs
    return dst


def test_empty_file(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "001_c859d3e79f547f7b.txt").write_bytes(b"  \n\n")
    with pytest.raises(CorpusError, match=r"001_c859d3e79f547f7b\.txt: empty file"):
        paragraphs(seeds)


def test_not_utf8(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "001_c859d3e79f547f7b.txt").write_bytes("Alg\u00e9rie".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"001_c859d3e79f547f7b\.txt: not UTF-8: byte 0xe9 at offset 3"):
        paragraphs(seeds)


def test_binary_file(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "002_46995a4563dd4c7c.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CorpusError, match=r"002_46995a4563dd4c7c\.txt: binary file \(NUL byte at offset 8\)"):
        paragraphs(seeds)


def test_seed_without_catalogue_row(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "005_abcdef.txt").write_text("A new article.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"005_abcdef\.txt: seed 005 has no row in catalog\.csv"):
        load_catalog(seeds)


def test_catalogue_row_without_file(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "004_60d49614c422c2fe.txt").unlink()
    with pytest.raises(
        CorpusError, match=r"catalog\.csv: row 004 \(line 6\): seed 004 has a catalogue row but no file"
    ):
        load_catalog(seeds)


def test_duplicate_ids(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "003_ffff.txt").write_text("Another 003.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"duplicate seed id 003"):
        seed_files(seeds)
    seeds2 = _copy_seeds(tmp_path / "b")
    cat = seeds2 / "catalog.csv"
    lines = cat.read_text(encoding="utf-8").splitlines(keepends=True)
    cat.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(CorpusError, match=r"catalog\.csv: row 000 \(line 7\): duplicate seed \(also line 2\)"):
        load_catalog(seeds2)


def _edit_catalog(seeds: Path, seed: str, column: str, value: str) -> None:
    cat = pd.read_csv(seeds / "catalog.csv", dtype=str, keep_default_na=False)
    cat.loc[cat["seed"] == seed, column] = value
    cat.to_csv(seeds / "catalog.csv", index=False)


def test_unparseable_date(tmp_path):
    seeds = _copy_seeds(tmp_path)
    _edit_catalog(seeds, "003", "published_latest", "31/12/2025")
    with pytest.raises(
        CorpusError, match=r"row 003 \(line 5\): published_latest '31/12/2025' is not a YYYY-MM-DD date"
    ):
        load_catalog(seeds)
    _edit_catalog(seeds, "003", "published_latest", "2025-02-30")
    with pytest.raises(CorpusError, match=r"row 003 \(line 5\): published_latest '2025-02-30' is not a calendar date"):
        load_catalog(seeds)


def test_inverted_interval(tmp_path):
    seeds = _copy_seeds(tmp_path)
    _edit_catalog(seeds, "001", "published_earliest", "2020-01-01")
    with pytest.raises(
        CorpusError, match=r"row 001 \(line 3\): inverted date interval: 2020-01-01 is after 2019-04-02"
    ):
        load_catalog(seeds)


def test_stray_file_is_not_skipped(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "notes.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"notes\.txt: not a seed file name"):
        seed_files(seeds)


def test_every_bad_catalogue_row_is_reported_naming_its_line(tmp_path):
    seeds = _copy_seeds(tmp_path)
    _edit_catalog(seeds, "001", "language", "de")
    _edit_catalog(seeds, "001", "reviewed", "maybe")
    _edit_catalog(seeds, "003", "published_latest", "31/12/2025")
    cat = seeds / "catalog.csv"
    expected = [
        f"{cat}: row 001 (line 3): language 'de' not one of en, fr",
        f"{cat}: row 001 (line 3): reviewed 'maybe' not one of yes, no",
        f"{cat}: row 003 (line 5): published_latest '31/12/2025' is not a YYYY-MM-DD date",
    ]
    with pytest.raises(CorpusError) as err:
        load_catalog(seeds)  # nothing half-loaded: no frame, every problem in the one error
    assert str(err.value).splitlines() == expected
    assert (err.value.file, err.value.row) == (str(cat), "001 (line 3)")
    assert catalog_problems(seeds) == expected
    with pytest.raises(CorpusError, match="row 003 \\(line 5\\)"):
        load_corpus(seeds)


def test_every_mismatch_between_catalogue_and_files_is_reported(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "004_60d49614c422c2fe.txt").unlink()
    (seeds / "005_abcdef.txt").write_text("A new article.\n", encoding="utf-8")
    _edit_catalog(seeds, "001", "file", "001_0000.txt")
    cat = seeds / "catalog.csv"
    expected = [
        f"{cat}: row 001 (line 3): file '001_0000.txt' does not match 001_c859d3e79f547f7b.txt",
        f"{cat}: row 004 (line 6): seed 004 has a catalogue row but no file in {seeds}",
        f"{seeds / '005_abcdef.txt'}: seed 005 has no row in catalog.csv",
    ]
    with pytest.raises(CorpusError) as err:
        load_catalog(seeds)
    assert str(err.value).splitlines() == expected
    assert catalog_problems(seeds) == expected


def test_every_stray_file_is_reported(tmp_path):
    seeds = _copy_seeds(tmp_path)
    (seeds / "003_ffff.txt").write_text("Another 003.\n", encoding="utf-8")
    (seeds / "notes.txt").write_text("x\n", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        seed_files(seeds)
    assert str(err.value).splitlines() == [
        f"{seeds / '003_ffff.txt'}: duplicate seed id 003 (also 003_d10a4b89392d28ec.txt)",
        f"{seeds / 'notes.txt'}: not a seed file name (expected NNN_<hex>.txt) and not the catalogue",
    ]
    assert err.value.file == str(seeds / "003_ffff.txt")


def test_seed_file_names_take_ids_of_three_digits_or_more():
    assert SEED_NAME.match("1000_0a1b.txt")["seed"] == "1000"
    assert SEED_NAME.match("003_0a1b.txt")["seed"] == "003"
    assert not SEED_NAME.match("03_0a1b.txt") and not SEED_NAME.match("0003_0a1b.txt")


def test_a_malformed_seed_id_in_the_catalogue_is_named(tmp_path):
    seeds = _copy_seeds(tmp_path)
    _edit_catalog(seeds, "002", "seed", "2")
    problems = catalog_problems(seeds)
    assert problems == [f"{seeds / 'catalog.csv'}: row 2 (line 4): seed '2' is not a seed id (three digits or more)"]
