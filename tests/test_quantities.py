"""Numbers the seeds state (data/quantities.csv) and what the report infers from them."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.analytics import timeline
from analysis.core import paths
from analysis.core.dates import parse_iso
from analysis.core.keys import paragraph_key
from analysis.ledger import events, quantities
from analysis.sources import actors


@pytest.fixture(scope="module")
def ledger():
    return events.load_events()


@pytest.fixture(scope="module")
def qty(paras, ledger):
    return quantities.load_quantities(actors=actors.load_actors(), paragraphs=paras, events=ledger)


def test_every_quantity_is_quoted_from_its_paragraph(qty, paras):
    text = dict(zip(paras["key"], paras["text"]))
    for rec in qty.itertuples():
        assert rec.key == paragraph_key(rec.seed, rec.paragraph)
        assert rec.quote in text[rec.key], rec.quantity_id


def test_first_meeting_is_computed_from_the_stated_cadence_and_counts(qty, ledger):
    est = timeline.first_meeting_estimates(qty, ledger)
    cadence = qty.loc[qty["subject"] == "mechanism_cadence", "low"].unique()
    assert len(cadence) == 1
    counts = qty[qty["subject"] == "mechanism_meetings"]
    expected_counts = sorted({n for r in counts.itertuples() for n in range(int(r.low), int(r.high) + 1)})
    assert est["meetings"].tolist() == expected_counts
    anchor = max(parse_iso(d)[1] for d in ledger.loc[ledger["event_id"].isin(counts["as_of_event"]), "date_end"])
    for rec in est.itertuples():
        assert rec.span_months == (rec.meetings - 1) * int(cadence[0])
        assert rec.first_meeting == pd.Timestamp(anchor) - pd.DateOffset(months=rec.span_months)


def test_first_meeting_from_the_four_rows_of_the_first_seeds(qty, ledger):
    # the first four rows, read by hand: "three or four" (002¶10) and "four" (003¶25) meetings every
    # three months; later rows (new articles) are left out, so this holds whatever is added
    first = qty[qty["quantity_id"].isin(["Q01", "Q02", "Q03", "Q04"])]
    assert len(first) == 4
    est = timeline.first_meeting_estimates(first, ledger)
    assert est.set_index("meetings")["keys"].to_dict() == {3: "002¶10", 4: "002¶10; 003¶25"}
    assert est.set_index("meetings")["span_months"].to_dict() == {3: 6, 4: 9}


def test_disagreeing_cadences_are_refused(qty, ledger):
    other = qty.copy()
    other.loc[other.index[0], ["low", "high"]] = 4.0
    with pytest.raises(ValueError, match="different cadences"):
        timeline.first_meeting_estimates(other, ledger)


def test_bad_rows_are_named(tmp_path, paras, ledger):
    path = tmp_path / "quantities.csv"
    shutil.copy(paths.DATA_DIR / "quantities.csv", path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("meets every three months", "meets every four months")
    lines[2] = lines[2].replace(",3,3,", ",4,3,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = quantities.quantity_problems(path, actors.load_actors(), paras, ledger)
    assert any("row Q02 (line 3): low 4 is above high 3" in p for p in problems), problems
    with pytest.raises(quantities.QuantityError):
        quantities.load_quantities(path, actors.load_actors(), paras, ledger)
    lines[2] = lines[2].replace(",4,3,", ",3,3,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    problems = quantities.quantity_problems(path, actors.load_actors(), paras, ledger)
    assert problems == [f"{path}: row Q01 (line 2): quote not found in 002¶10: 'meets every four months'"]
