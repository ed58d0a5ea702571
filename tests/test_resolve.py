"""Relative dates the article itself settles (analysis.intake.resolve), resolved by extract and written
into the review row's notes, so the coverage rule needs no hand-written note. Values derived by hand."""

from __future__ import annotations

import pandas as pd

from analysis.core.dates import find_dates
from analysis.intake.extract import candidate_rows
from analysis.intake.resolve import Resolver
from analysis.intake.review import review_record
from analysis.intake.validate import date_coverage


def _read(*sentences: tuple[str, str]) -> list[list[tuple[str, str | None]]]:
    resolver = Resolver()
    out = []
    for text, lang in sentences:
        mentions, _ = resolver.sentence(find_dates(text, lang=lang), "900¶2", lang)
        out.append([(m.text, m.start) for m in mentions])
    return out


def test_a_day_counted_from_the_last_day_mentioned():
    assert _read(
        ("Le 14 mars 2023, Diop a reçu une délégation.", "fr"),
        ("Le lendemain, les deux pays ont signé un accord.", "fr"),
        ("La veille, rien ne s'était passé.", "fr"),  # the day before the last day read: 14 March
    ) == [[("14 mars 2023", "2023-03-14")], [("Le lendemain", "2023-03-15")], [("La veille", "2023-03-14")]]
    assert _read(("Talks opened on 28 February 2024. The next day, they ended.", "en")) == [
        [("28 February 2024", "2024-02-28"), ("The next day", "2024-02-29")]  # a leap year
    ]
    assert _read(("On 31 December 2024 the border closed; the following day it reopened.", "en")) == [
        [("31 December 2024", "2024-12-31"), ("the following day", "2025-01-01")]
    ]


def test_nothing_to_count_from_leaves_it_open():
    assert _read(("Le lendemain, les deux pays ont signé.", "fr")) == [[("Le lendemain", None)]]
    # a month is not a day: nothing to count a day from
    assert _read(("En mars 2023 ils se sont vus.", "fr"), ("Le lendemain, rien.", "fr"))[1] == [("Le lendemain", None)]
    # "three months later" is counted in months, not resolved here
    assert _read(("On 2 March 2024 they met.", "en"), ("Three months later they met again.", "en"))[1][0][1] is None


def test_a_day_and_month_take_the_one_year_of_their_sentence():
    assert _read(("Le 31 mars, Alger a rappelé son ambassadeur, une première en 2025.", "fr")) == [
        [("31 mars", "2025-03-31"), ("2025", "2025")]
    ]
    assert _read(("On March 31 the ministry, in 2025, spoke.", "en")) == [
        [("March 31", "2025-03-31"), ("2025", "2025")]
    ]
    # two years in the sentence: which one is not settled
    assert _read(("Le 31 mars, entre 2024 et 2025, rien.", "fr"))[0][0] == ("31 mars", None)
    # no year in the sentence: left open (a year from another sentence is not assumed)
    assert _read(("En 2025, rien.", "fr"), ("Le 31 mars, Alger a parlé.", "fr"))[1] == [("31 mars", None)]
    # a day that does not exist in that year is not invented
    assert _read(("Le 29 février, une première en 2023.", "fr"))[0][0] == ("29 février", None)


def _article(*texts: str) -> list[dict]:
    return [
        {"seed": "900", "n": n, "key": f"900¶{n}", "text": t, "kind": "body", "lang": "fr"}
        for n, t in enumerate(texts, start=1)
    ]


def test_extract_writes_the_resolution_into_the_review_row_and_coverage_accepts_it():
    paras = _article(
        "Le 14 mars 2023, le ministre Abdoulaye Diop a reçu une délégation algérienne.",
        "Le lendemain, les deux pays ont signé un accord de coopération.",
    )
    rows = list(candidate_rows(paras, lambda t: [], lambda t: []))
    review = [review_record(r) for r in rows]
    assert [(r["seed"], r["paragraph"], r["date_start"], r["date_precision"]) for r in review] == [
        ("900", 1, "2023-03-14", "day"),
        ("900", 2, "2023-03-15", "day"),
    ]
    assert review[0]["notes"] == ""
    note = review[1]["notes"]
    assert note == "extract read 'Le lendemain' (900¶2) as 2023-03-15: 1 day(s) after '14 mars 2023' (900¶1)"
    # an accepted row carries the note; the coverage rule (no anchor: the mention is relative) accepts it
    frame = pd.DataFrame(paras).assign(rule="")
    ledger = pd.DataFrame(
        [
            {"event_id": "E901", "seed": "900", "paragraph": 2, "also_in": "", "notes": note}
            | {"start_day": pd.Timestamp("2023-03-15"), "end_day": pd.Timestamp("2023-03-15")}
        ]
    )
    exclusions = pd.DataFrame(columns=["seed", "paragraph", "mention", "reason"])
    cov = date_coverage(frame[frame["n"] == 2], ledger, exclusions)
    assert cov[["mention", "status", "covered_by"]].values.tolist() == [["Le lendemain", "covered", "E901"]]
    cov = date_coverage(frame[frame["n"] == 2], ledger.assign(notes=""), exclusions)
    assert cov["status"].tolist() == ["uncovered"]


def test_what_one_article_settles_does_not_reach_the_next():
    paras = _article("Le 14 mars 2023, une réunion a eu lieu.") + [
        {"seed": "901", "n": 1, "key": "901¶1", "text": "Le lendemain, un accord.", "kind": "body", "lang": "fr"}
    ]
    rows = list(candidate_rows(paras, lambda t: [], lambda t: []))
    assert [r["date_mentions"][0].start for r in rows] == ["2023-03-14", None]
    assert rows[1]["resolutions"] == []


def test_title_years_come_from_reviewed_rows_and_event_dates_only():
    from analysis.ledger.span import corpus_years

    catalog = pd.DataFrame(
        {
            "seed": ["000", "001", "002"],
            "published_earliest": pd.to_datetime(["2017-07-01", "2025-01-08", "2026-01-01"]),
            "published_latest": pd.to_datetime(["2019-04-02", "2025-01-08", "2026-12-06"]),
            "reviewed": ["yes", "yes", "no"],  # 002: inferred by add, its upper bound the day it was added
        }
    )
    events = pd.DataFrame({"seed": ["000", "002"], "end_day": pd.to_datetime(["2017-05-01", "2023-03-15"])})
    assert corpus_years(catalog, events) == (2017, 2025)  # 2026 (the day added) never counts
    later = events.assign(end_day=pd.to_datetime(["2017-05-01", "2026-02-01"]))
    assert corpus_years(catalog, later) == (2017, 2026)  # an event it reports does
    assert corpus_years(catalog.assign(reviewed="yes"), events) == (2017, 2026)  # once reviewed, its interval
    assert corpus_years(catalog, events[events["seed"] == "000"]) == (2017, 2025)  # no event: nothing
