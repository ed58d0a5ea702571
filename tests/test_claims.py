"""Contested claims: topics, sides, links to the ledger, and bad rows. Exact values on the frozen
fixture corpus (tests/fixtures, see frozen.py); the live file is checked for problems only."""

from __future__ import annotations

import csv
from pathlib import Path

import frozen
import pytest
from scopes import per_module

from analysis.ledger.claims import CLAIM_COLUMNS, ClaimError, claim_problems, load_claims, sides
from analysis.ledger.events import load_events
from analysis.sources.actors import load_actors

CLAIMS_CSV = frozen.DATA / "claims.csv"


@pytest.fixture(scope=per_module)
def context():
    return {"actors": frozen.actors(), "paragraphs": frozen.paragraphs(), "events": frozen.events()}


@pytest.fixture(scope=per_module)
def claims(context):
    return frozen.claims(**context)


def test_live_claims_have_no_problem(paras):
    assert claim_problems(actors=load_actors(), paragraphs=paras, events=load_events()) == []
    live = load_claims()
    assert (live.groupby("topic")["side"].nunique() >= 2).all()


def _rows() -> list[dict]:
    with CLAIMS_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _bad_copy(tmp_path: Path, target: str, /, **changes: str) -> tuple[Path, int]:
    rows = _rows()
    index = next(i for i, r in enumerate(rows) if r["claim_id"] == target)
    rows[index].update(changes)
    path = tmp_path / "claims.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(CLAIM_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path, index + 2


def test_topics_and_sides(claims):
    assert len(claims) == 28
    got = {t: set(g["side"]) for t, g in claims.groupby("topic")}
    assert got == {
        "tinzaouaten_strike_victims": {"militants", "civilians"},
        "northern_movements_status": {"terrorist groups", "political movements"},
        "algeria_role": {"mediator", "meddler"},
        "algeria_and_terrorism": {"sponsor of terrorism", "defeated terrorism"},
        "strike_accusations": {"Algeria accuses", "Mali rejects"},
        "conflict_solution": {"political", "military"},
    }


def test_strike_victims(claims):
    own = claims[claims["topic"] == "tinzaouaten_strike_victims"]
    assert set(own["key"]) == {"003¶63"} and set(own["event_id"]) == {"E046"}
    assert set(own["reported_by"]) == {"jeune_afrique"}
    militants = own[own["side"] == "militants"].iloc[0]
    assert militants["claimant"] == "mali_government" and "about twenty militants" in militants["quote"]
    civilians = own[own["side"] == "civilians"]
    assert set(civilians["claimant"]) == {"local_sources", "dza"}
    assert any("around ten children" in q for q in civilians["quote"])


def test_required_citations(claims):
    keys = lambda topic, side: set(claims[(claims["topic"] == topic) & (claims["side"] == side)]["key"])  # noqa: E731
    assert {"003¶56", "003¶29"} <= keys("northern_movements_status", "terrorist groups")
    assert {"003¶31", "003¶32", "002¶14", "002¶15"} <= keys("northern_movements_status", "political movements")
    assert {"003¶28", "000¶4", "002¶21"} <= keys("algeria_role", "mediator")
    assert {"003¶6", "003¶15", "003¶16", "003¶19"} <= keys("algeria_role", "meddler")


def test_sides_table(claims):
    table = sides(claims)
    assert len(table) == 12
    row = table[(table["topic"] == "algeria_role") & (table["side"] == "meddler")].iloc[0]
    assert row["claimants"] == "mali_government, mali_mfa" and row["claims"] == 4


@pytest.mark.parametrize(
    "claim_id, changes, expected",
    [
        ("C01", {"claimant": "bamako"}, "claimant 'bamako' is not in actors.csv"),
        ("C01", {"quote": "about thirty militants"}, "quote not found in 003¶63"),
        ("C01", {"paragraph": "57"}, "paragraph 003¶57 is boilerplate"),
        ("C01", {"event_id": "E999"}, "event_id E999 is not in the ledger"),
        ("C01", {"topic": "Strike Victims"}, "topic 'Strike Victims' is not snake_case"),
        ("C01", {"paragraph": "99"}, "paragraph 003¶99 does not exist"),
        # the claim's own wording may quote the paragraph, verbatim: a capital letter is a near miss
        (
            "C01",
            {"claim": 'Bamako says it targeted "About twenty militants".'},
            "claim quotes 'About twenty militants'",
        ),
    ],
)
def test_bad_rows_are_named(tmp_path, context, claim_id, changes, expected):
    path, line = _bad_copy(tmp_path, claim_id, **changes)
    with pytest.raises(ClaimError) as exc:
        load_claims(path, **context)
    assert str(exc.value).startswith(f"{path}: row {claim_id} (line {line}): ")
    assert expected in str(exc.value)
    assert claim_problems(path, **context) == str(exc.value).splitlines()  # the same checks, the same words


def test_a_claim_quoting_its_paragraph_verbatim_passes(tmp_path, context):
    path, _line = _bad_copy(tmp_path, "C01", claim='Bamako says it targeted "about twenty militants".')
    assert claim_problems(path, **context) == []
    loaded = load_claims(path, **context)
    assert loaded.attrs["source"] == str(path)
    assert loaded.set_index("claim_id").loc["C01", "key"] == "003¶63"


def test_an_unreadable_file_is_one_problem(tmp_path):
    path = tmp_path / "claims.csv"
    assert claim_problems(path) == [f"{path}: file not found"]
    with pytest.raises(ClaimError, match="file not found"):
        load_claims(path)


@pytest.mark.parametrize(
    "target, changes, problem",
    [
        ("C01", {"paragraph": "sixty-three"}, "paragraph 'sixty-three' is not an integer"),
        ("C01", {"seed": "3"}, "seed '3' is not a seed id (three digits or more)"),
        ("C01", {"claimant": ""}, "claimant is empty"),
        ("C02", {"claim_id": "C01"}, "duplicate claim_id (also line 2)"),
    ],
)
def test_schema_problem_names_file_line_and_id(tmp_path, context, target, changes, problem):
    path, line = _bad_copy(tmp_path, target, **changes)
    with pytest.raises(ClaimError) as exc:
        load_claims(path, **context)
    claim_id = changes.get("claim_id", target)
    assert str(exc.value).splitlines() == [f"{path}: row {claim_id} (line {line}): {problem}"]


def test_one_sided_topic_is_refused(tmp_path, context):
    path, _line = _bad_copy(tmp_path, "C01", side="civilians")
    problems = claim_problems(path, **context)
    assert problems == [
        f"{path}: topic 'tinzaouaten_strike_victims' has only one side (civilians); a contested claim needs two"
    ]
