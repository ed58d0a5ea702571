"""Reviewing candidate events into the ledger: extract --review writes proposed rows, a person marks
them, accept appends them with new ids after the same validation as validate, or writes nothing."""

from __future__ import annotations

import re
import shutil
from datetime import date

import pandas as pd
import pytest
from test_ingest import ARTICLE_FR

from analysis.cli import main
from analysis.core import paths
from analysis.intake.extract import extract_file
from analysis.intake.ingest import add_article
from analysis.intake.review import ReviewError, accept, review_frame, suggest_type
from analysis.intake.validate import validate


@pytest.fixture
def project(tmp_path):
    shutil.copytree(paths.SEEDS_DIR, tmp_path / "seeds")
    shutil.copytree(paths.DATA_DIR, tmp_path / "data")
    return tmp_path


def _review(project, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(ARTICLE_FR, encoding="utf-8")
    added = add_article(src, project / "seeds", today=date(2025, 4, 10))
    frame = review_frame(extract_file(added.path))
    return added, frame


def test_suggested_types_name_their_cue():
    assert suggest_type("Attaf a reçu à Alger une délégation malienne") == ("CONSULT", "reçu")
    assert suggest_type("a drone strike near the border") == ("ASSAULT", "drone strike")
    assert suggest_type("nothing to see") == ("", "")


def test_review_file_proposes_rows_with_quotes_dates_actors_and_places(project, tmp_path):
    added, frame = _review(project, tmp_path)
    meeting = frame[frame["quote"].str.contains("délégation malienne")].iloc[0]
    assert meeting["seed"] == added.seed and meeting["paragraph"] == 2
    assert (meeting["date_start"], meeting["date_precision"]) == ("2025-04-02", "day")
    assert "attaf" in meeting["actors_found"].split(";") and meeting["suggested_type"] == "CONSULT"
    assert "algiers" in meeting["places_found"].split(";")
    assert meeting["decision"] == "" and meeting["event_type"] == ""  # what a person decides is left empty


def _mark(frame, **fields):
    frame = frame.copy()
    stamp = frame.index[frame["paragraph"].astype(str) == "1"][0]  # the dateline: the article's own date
    frame.loc[stamp, "decision"] = "exclude"
    frame.loc[stamp, "notes"] = "The article's own date stamp: its publication date, not an event."
    row = frame.index[frame["quote"].str.contains("délégation malienne")][0]
    base = {
        "decision": "accept",
        "context": "diplomatic",
        "actor1": "attaf",
        "actor2": "mli",
        "place": "algiers",
        "summary": "Attaf receives a Malian delegation in Algiers.",
        "claimed_by": "maghreb_emergent",
        "reported_by": "maghreb_emergent",
    }
    for k, v in {**base, **fields}.items():
        frame.loc[row, k] = v
    return frame


def test_accept_appends_validated_rows_with_new_ids(project, tmp_path):
    _, frame = _review(project, tmp_path)
    path = tmp_path / "review.csv"
    _mark(frame).to_csv(path, index=False)
    before = pd.read_csv(project / "data" / "events.csv", dtype=str)
    ids = accept(path, project / "data", project / "seeds")
    after = pd.read_csv(project / "data" / "events.csv", dtype=str, keep_default_na=False)
    expected = f"E{int(before['event_id'].str[1:].astype(int).max()) + 1:03d}"
    assert ids == [expected] and len(after) == len(before) + 1
    row = after.set_index("event_id").loc[expected]
    assert (row["event_type"], row["score"], row["date_start"]) == ("CONSULT", "2.1", "2025-04-02")
    result = validate(project / "data", project / "seeds")
    assert result.problems == [], result.problems
    assert any("reviewed=yes" in n for n in result.notes)  # the inferred catalogue row still awaits a person


def test_an_invalid_row_writes_nothing_and_names_its_review_line(project, tmp_path):
    _, frame = _review(project, tmp_path)
    marked = _mark(frame, actor1="nobody_known")
    path = tmp_path / "review.csv"
    marked.to_csv(path, index=False)
    line = int(marked.index[marked["decision"] == "accept"][0]) + 2
    before = (project / "data" / "events.csv").read_bytes()
    with pytest.raises(ReviewError) as exc:
        accept(path, project / "data", project / "seeds")
    assert f"review line {line}" in str(exc.value) and "nobody_known" in str(exc.value)
    assert (project / "data" / "events.csv").read_bytes() == before


def test_cli_extract_review_then_accept(project, tmp_path, capsys):
    added, _ = _review(project, tmp_path)
    review = tmp_path / "review.csv"
    assert main(["extract", str(added.path), "--review", str(review)]) == 0
    frame = pd.read_csv(review, dtype=str, keep_default_na=False)
    _mark(frame).to_csv(review, index=False)
    capsys.readouterr()
    assert main(["accept", str(review), "--data", str(project / "data"), "--seeds", str(project / "seeds")]) == 0
    assert "1 event(s) added" in capsys.readouterr().out


def test_extract_review_is_the_same_with_two_processes(tmp_path, capsys):
    seeds = sorted(paths.SEEDS_DIR.glob("[0-9][0-9][0-9]_*.txt"))
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["extract", *map(str, seeds), "--review", str(one)]) == 0
    assert main(["extract", *map(str, seeds), "--review", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes() and len(pd.read_csv(one)) > 50


def test_a_bad_file_leaves_no_review_file(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    good = sorted(paths.SEEDS_DIR.glob("000_*.txt"))[0]
    out = tmp_path / "review.csv"
    assert main(["extract", str(good), str(bad), "--review", str(out), "--jobs", "2"]) == 1
    assert not out.exists() and not list(tmp_path.glob("review.csv*"))
    assert "not UTF-8" in capsys.readouterr().err


def _data_state(project):
    return {p.name: p.read_bytes() for p in sorted((project / "data").rglob("*")) if p.is_file()}


def test_accept_writes_the_ledger_exclusions_and_json_together_or_not_at_all(project, tmp_path, monkeypatch):
    from analysis.core import atomic

    _, frame = _review(project, tmp_path)
    path = tmp_path / "review.csv"
    _mark(frame).to_csv(path, index=False)
    before = _data_state(project)
    real = atomic.os.replace

    def json_fails(src, dst):  # the last of the three renames fails
        if str(dst).endswith("events.json"):
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", json_fails)
    with pytest.raises(OSError, match="disk full"):
        accept(path, project / "data", project / "seeds")
    assert _data_state(project) == before  # events.csv and the exclusions were put back
    monkeypatch.setattr(atomic.os, "replace", real)
    ids = accept(path, project / "data", project / "seeds")
    after = _data_state(project)
    assert {n for n in after if after[n] != before.get(n)} == {"events.csv", "coverage_exclusions.csv", "events.json"}
    assert ids and validate(project / "data", project / "seeds").ok


@pytest.mark.parametrize("paragraph", ["two", "-1", "0", "1e400", "", "2.5"])
def test_a_paragraph_that_is_not_a_number_is_a_problem_not_a_crash(project, tmp_path, paragraph):
    _, frame = _review(project, tmp_path)
    marked = _mark(frame)
    row = marked.index[marked["decision"] == "accept"][0]
    marked.loc[row, "paragraph"] = paragraph
    path = tmp_path / "review.csv"
    marked.to_csv(path, index=False)
    before = _data_state(project)
    with pytest.raises(ReviewError, match=rf"review line {int(row) + 2}: paragraph '{re.escape(paragraph)}' is not"):
        accept(path, project / "data", project / "seeds")
    assert _data_state(project) == before


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00bad", b'decision,seed,paragraph,quote\n"unclosed,1,2,3\n'])
def test_an_unreadable_review_file_is_an_error_naming_it(project, tmp_path, content):
    path = tmp_path / "review.csv"
    path.write_bytes(content)
    with pytest.raises(ReviewError, match="review.csv"):
        accept(path, project / "data", project / "seeds")
