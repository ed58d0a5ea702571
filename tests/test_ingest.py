"""Adding an article: `python -m analysis add` copies it byte for byte under the next id, records its
checksum and a catalogue row with a publication interval from the text's own evidence, and refuses bad
input without writing anything."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from analysis.cli import main
from analysis.core import keys, paths
from analysis.intake.ingest import IngestError, add_article, unreviewed
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
    shutil.copytree(paths.SEEDS_DIR, dst)
    return dst


def _state(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_add_copies_byte_for_byte_under_the_next_id(seeds, tmp_path):
    before = corpus.load_catalog(seeds)
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    added = add_article(src, seeds, today=date(2025, 4, 10))
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
    added = add_article(src, seeds, today=date(2025, 1, 15))
    assert added.row["published_earliest"] == "2024-08-25" and added.row["published_latest"] == "2025-01-15"
    assert added.row["date_precision"] == "interval" and "25 August 2024" in added.row["date_evidence"]


def test_given_dates_are_marked_reviewed(seeds, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_EN, encoding="utf-8")
    added = add_article(src, seeds, outlet="An outlet", published="2025-01-02")
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
        add_article(src, seeds, **kwargs)
    assert _state(seeds) == before


def test_an_article_already_in_the_corpus_is_refused(seeds):
    before = _state(seeds)
    first = sorted(seeds.glob("000_*.txt"))[0]
    with pytest.raises(IngestError, match="already in the corpus as seed 000"):
        add_article(first, seeds)
    assert _state(seeds) == before


def test_cli_add_prints_one_line_per_article_and_one_error_line(seeds, tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    assert main(["add", str(src), "--seeds", str(seeds)]) == 0
    assert "inferred: check seeds/catalog.csv" in capsys.readouterr().out
    assert main(["add", str(src), "--seeds", str(seeds)]) == 1
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
    added = add_article(src, seeds, today=date(2025, 4, 10))
    assert added.seed == "1000" and added.path.name.startswith("1000_")
    catalog = corpus.load_catalog(seeds)  # 1000 sorts after 999 (as text it would come first)
    assert list(catalog["seed"]) == ["000", "001", "002", "003", "999", "1000"]
    assert catalog.iloc[-1]["evidence_paragraphs"] == "1000\u00b61"
    assert list(corpus.seed_files(seeds)) == list(catalog["seed"])
    assert "1000" in set(corpus.verify_checksums(seeds)["seed"])
    with pytest.raises(IngestError, match=r"already in the corpus as seed 1000 \(1000_"):
        add_article(src, seeds)
