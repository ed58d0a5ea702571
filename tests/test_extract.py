"""Candidate events: sentence splitting, candidates on the real seeds, extract_file and the CLI."""

from __future__ import annotations

import json
from datetime import date

import frozen
import pytest

from analysis.cli import main
from analysis.core import paths
from analysis.core.dates import find_dates
from analysis.core.errors import AnalysisError
from analysis.intake.extract import (
    COLUMNS,
    ExtractError,
    candidates,
    candidates_records,
    extract_file,
    format_mention,
    split_sentences,
)

# Every sentence of the seeds (outside boilerplate) that holds a date mention: (key, sentence_no, dates).
DATED_SENTENCES = [
    ("000¶1", 1, ["2021-08-31 day"]),
    ("000¶2", 2, ["2021-08-26 day"]),
    ("000¶4", 1, ["2021-08-27 day"]),
    ("001¶1", 1, ["2017-07 month"]),
    ("002¶17", 1, ["2021-07-27 day"]),
    ("002¶18", 1, ["2021-07-29 day"]),
    ("002¶19", 1, ["2024-12-20 day"]),
    ("003¶8", 1, ["2015 year"]),
    ("003¶10", 1, ["2024-01 month"]),
    ("003¶16", 1, ["2025-01-02 day"]),
    ("003¶22", 1, ["2024 year"]),
    ("003¶23", 1, ["2024-12-31 day"]),
    ("003¶30", 1, ["2015 year"]),
    ("003¶33", 1, ["2024-01 month", "2015 year"]),
    ("003¶34", 1, ["2014 year", "2015-06-15 day"]),
    ("003¶39", 1, ["2025-01-03 day"]),
    ("003¶48", 1, ["2025-01-02 day"]),
    ("003¶49", 2, ["1990..1999 approximate"]),
    ("003¶53", 1, ["2025-01-02 day"]),
    ("003¶55", 1, ["2023 year", "2024 year", "2023-12 month"]),
    ("003¶59", 1, ["? relative 'months earlier'"]),
    ("003¶60", 1, ["2024-08-25 day"]),
    ("003¶61", 1, ["2024-08-26 day"]),
    ("003¶68", 1, ["? relative 'in December'"]),
    ("003¶69", 1, ["2024-01-05 day"]),
    ("004¶5", 1, ["2023-07 approximate"]),
    ("004¶6", 1, ["2024-02-28 day"]),
    ("004¶15", 1, ["? relative 'on Tuesday'"]),
    ("004¶20", 1, ["? relative 'Three months later'"]),
]


@pytest.fixture(scope="module")
def paras():
    """The frozen fixture corpus's paragraphs (tests/fixtures, see frozen.py): the exact lists of this
    module were checked by hand against these five seeds and never change when seeds/ grows."""
    return frozen.paragraphs()


def _no_actors(text: str) -> list[str]:
    return []


@pytest.fixture(scope="module")
def seed_candidates(paras):
    return candidates(paras)


def _seed_file(seed: str):
    [path] = sorted(paths.SEEDS_DIR.glob(f"{seed}_*.txt"))
    return path


# ---- sentences -------------------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_split_sentences_keeps_abbreviations_together():
    text = 'Mr. Diop met the U.N. envoy. Then he left! "Is it?" he said. M. Lamamra est venu. Gen. Camara spoke.'
    assert _sentences(text) == [
        "Mr. Diop met the U.N. envoy.",
        "Then he left!",
        '"Is it?" he said.',
        "M. Lamamra est venu.",
        "Gen. Camara spoke.",
    ]


def test_split_sentences_edge_cases():
    assert _sentences("No end mark here") == ["No end mark here"]
    assert _sentences("   ") == []
    assert _sentences('It was "arrogant." The ministry said so.') == ['It was "arrogant."', "The ministry said so."]
    assert _sentences("Growth was 3.5 percent. Prices rose.") == ["Growth was 3.5 percent.", "Prices rose."]
    assert _sentences("See No. 5 above. Next.") == ["See No. 5 above.", "Next."]


def test_split_sentences_on_a_seed_paragraph(paras):
    text = paras.loc[paras["key"] == "000¶2", "text"].iloc[0]
    sentences = _sentences(text)
    assert len(sentences) == 4
    assert sentences[1].startswith("The first phase of the talks that ended on Thursday, August 26th 2021")
    assert sentences[3].endswith('he reiterated.')


# ---- candidates on the real seeds --------------------------------------------------------------------------


def test_candidates_columns_and_types(seed_candidates):
    assert tuple(seed_candidates.columns) == COLUMNS
    assert str(seed_candidates["paragraph"].dtype) == "int64"
    assert str(seed_candidates["sentence_no"].dtype) == "int64"


def test_dated_sentences_are_exactly_these(seed_candidates):
    dated = seed_candidates[seed_candidates["dates"].map(len) > 0]
    assert [(r.key, r.sentence_no, r.dates) for r in dated.itertuples()] == DATED_SENTENCES


def test_boilerplate_is_skipped(paras, seed_candidates):
    boiler = set(paras.loc[paras["kind"] == "boilerplate", "key"])
    assert {"002¶5", "003¶2", "003¶3", "002¶7"} <= boiler
    assert not boiler & set(seed_candidates["key"])


def test_sentence_is_a_substring_of_its_paragraph(paras, seed_candidates):
    texts = dict(zip(paras["key"], paras["text"]))
    for rec in seed_candidates.itertuples():
        assert rec.sentence in texts[rec.key]


def test_places_and_kept_for(seed_candidates):
    row = seed_candidates[(seed_candidates["key"] == "003¶60")].iloc[0]
    assert "tin_zaouatine" in row["places"]
    assert row["kept_for"].startswith("date")
    assert row["date_mentions"][0].start == "2024-08-25"
    for rec in seed_candidates.itertuples():
        assert rec.dates or len(rec.actors) >= 2 or rec.places


def test_candidates_with_an_anchor_resolves_relative_dates(paras):
    own = paras[paras["key"].isin(["003¶68", "004¶15"])]
    frame = candidates(own, actors=_no_actors, places=lambda t: [], anchor=date(2024, 3, 1))
    assert frame["dates"].tolist() == [
        ["2023-12 approximate, relative 'in December'"],
        ["2024-02-27 approximate, relative 'on Tuesday'"],
    ]


def test_actor_pair_rule_with_an_injected_finder(paras):
    own = paras[paras["key"] == "003¶6"]  # no date in this paragraph
    one = candidates(own, actors=lambda t: ["mali_gov"], places=lambda t: [])
    assert one.empty and tuple(one.columns) == COLUMNS
    two = candidates(own, actors=lambda t: ["mali_gov", "algeria_gov", "mali_gov"], places=lambda t: [])
    assert two["actors"].tolist() == [["mali_gov", "algeria_gov"]]
    assert two["kept_for"].tolist() == ["actors"]


def test_alias_tables_are_loaded_once_per_run(paras, monkeypatch):
    """The actors table is read and validated once for a whole seed, not once per sentence."""
    import analysis.sources.actors as actors_mod

    calls = []
    real = actors_mod.load_actors
    monkeypatch.setattr(actors_mod, "load_actors", lambda *a, **k: calls.append(1) or real(*a, **k))
    frame = candidates(paras[paras["seed"] == "003"])
    assert len(frame) > 20 and len(calls) == 1
    assert frame.loc[frame["key"] == "003¶10", "actors"].iloc[0]  # the matcher still finds actors


def test_candidates_needs_paragraph_columns(paras):
    with pytest.raises(KeyError, match="kind"):
        candidates(paras.drop(columns=["kind"]))


def test_format_mention():
    [d] = find_dates("4 months ago")
    assert format_mention(d) == "? relative '4 months ago'"
    [d] = find_dates("4 months ago", anchor=date(2025, 1, 10))
    assert format_mention(d) == "2024-09 approximate, relative '4 months ago'"
    [d] = find_dates("the 1990s")
    assert format_mention(d) == "1990..1999 approximate"


# ---- extract_file ------------------------------------------------------------------------------------------


def test_extract_file_on_a_seed_matches_the_corpus(paras, seed_candidates):
    frame = extract_file(_seed_file("003"))
    expected = seed_candidates[seed_candidates["seed"] == "003"].reset_index(drop=True)
    assert frame[["key", "sentence_no", "sentence", "dates"]].equals(
        expected[["key", "sentence_no", "sentence", "dates"]]
    )
    assert frame.attrs["file"].endswith(_seed_file("003").name)


def test_extract_file_on_a_new_article(tmp_path):
    article = tmp_path / "new_article.txt"
    article.write_text(
        "Home » News\n\n"
        "Le ministre est arrivé à Bamako le 5 janvier 2024. Il y a deux mois, les discussions avaient repris.\n"
        "\n   \n"
        "Share\n"
        "Talks ended on Tuesday. A communiqué followed three months later.\n",
        encoding="utf-8",
    )
    frame = extract_file(article, anchor=date(2024, 1, 10), actors=_no_actors, places=lambda t: [])
    assert frame[["key", "sentence_no", "lang", "dates"]].values.tolist() == [
        ["new_article¶2", 1, "fr", ["2024-01-05 day"]],
        ["new_article¶2", 2, "fr", ["2023-11 approximate, relative 'Il y a deux mois'"]],
        ["new_article¶4", 1, "en", ["2024-01-09 approximate, relative 'on Tuesday'"]],
        ["new_article¶4", 2, "en", ["? relative 'three months later'"]],
    ]


@pytest.mark.parametrize(
    "content, reason",
    [
        (None, "file not found"),
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file"),
        (b"caf\xe9 au lait", "not UTF-8"),
        (b"abc\x00def", "binary file"),
    ],
)
def test_extract_file_bad_input_names_the_file(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExtractError) as info:
        extract_file(path)
    assert isinstance(info.value, AnalysisError)
    assert str(info.value).startswith(str(path))
    assert reason in str(info.value)


# ---- command line --------------------------------------------------------------------------------------------


def test_cli_table(capsys):
    assert main(["extract", str(_seed_file("003"))]) == 0
    out = capsys.readouterr().out
    assert "003¶10.1" in out and "2024-01 month" in out
    assert "003¶34.1   dates: 2014 year; 2015-06-15 day" in out
    assert "003¶2." not in out  # boilerplate "4 months ago"


def test_cli_json_with_anchor(capsys):
    assert main(["extract", str(_seed_file("004")), "--anchor", "2024-03-01", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    tuesday = [r for r in records if r["key"] == "004¶15"][0]
    assert tuesday["dates"][0]["start"] == "2024-02-27"
    assert tuesday["dates"][0]["relative"] is True
    assert all(r["file"] == str(_seed_file("004")) for r in records)
    assert {"key", "sentence", "dates", "actors", "places"} <= set(records[0])


def test_cli_progress_bar_only_on_a_terminal_or_asked(capsys):
    files = [str(_seed_file("000")), str(_seed_file("001"))]
    assert main(["extract", *files]) == 0  # stderr is captured, not a terminal: no bar
    captured = capsys.readouterr()
    assert "2/2" not in captured.err and "extract:" not in captured.err
    assert "000¶2.2" in captured.out and "001¶1.1" in captured.out
    assert main(["extract", *files, "--progress"]) == 0
    captured = capsys.readouterr()
    assert "2/2" in captured.err
    assert "000¶2.2" in captured.out and "001¶1.1" in captured.out


def test_cli_bad_file(tmp_path, capsys):
    missing = tmp_path / "missing.txt"
    assert main(["extract", str(missing)]) == 1
    assert capsys.readouterr().err.strip().endswith(f"error: {missing}: file not found")


def test_cli_bad_anchor(capsys):
    assert main(["extract", str(_seed_file("000")), "--anchor", "2024-02-30"]) == 1
    assert "error: --anchor: '2024-02-30'" in capsys.readouterr().err


def test_candidates_records_are_json_ready(seed_candidates):
    records = candidates_records(seed_candidates.head(3))
    json.dumps(records)
    assert records[0]["key"] == "000¶1" and records[0]["dates"][0]["precision"] == "day"


def test_cli_anchors_a_seed_of_known_day_only(capsys):
    # seed 002 states its day (8 January 2025): it anchors itself, and says so
    assert main(["extract", str(_seed_file("002"))]) == 0
    err = capsys.readouterr().err
    assert "relative dates resolved against 2025-01-08, the seed's publication date" in err
    # seed 004 is known only within an interval: no anchor, so "on Tuesday" stays unresolved
    assert main(["extract", str(_seed_file("004")), "--json"]) == 0
    out = capsys.readouterr()
    assert "resolved against" not in out.err
    tuesday = [r for r in json.loads(out.out) if r["key"] == "004¶15"]
    assert tuesday and all(d["start"] is None and d["relative"] for r in tuesday for d in r["dates"])
