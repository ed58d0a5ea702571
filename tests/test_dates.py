"""Date mentions: exact expectations on the real seeds, plus synthetic English and French forms."""

from __future__ import annotations

from collections import Counter
from datetime import date

import frozen
import pytest

from analysis.core.dates import DateMention, date_mentions, find_dates, parse_iso

# Every date mention in every paragraph of the seeds (boilerplate included), read with the paragraph's
# language and no anchor: (text, start, end, precision, relative). A paragraph not listed has none.
EXPECTED: dict[str, list[tuple[str, str | None, str | None, str, bool]]] = {
    "000¶1": [("2021-08-31", "2021-08-31", "2021-08-31", "day", False)],
    "000¶2": [("Thursday, August 26th 2021", "2021-08-26", "2021-08-26", "day", False)],
    "000¶4": [("Friday, August 27th, 2021", "2021-08-27", "2021-08-27", "day", False)],
    "001¶1": [("juillet 2017", "2017-07", "2017-07", "month", False)],
    "002¶5": [("08/01/2025", "2025-01-08", "2025-01-08", "day", False)],
    "002¶17": [("July 27, 2021", "2021-07-27", "2021-07-27", "day", False)],
    "002¶18": [("July 29, 2021", "2021-07-29", "2021-07-29", "day", False)],
    "002¶19": [("December 20, 2024", "2024-12-20", "2024-12-20", "day", False)],
    "003¶2": [("4 months ago", None, None, "approximate", True)],
    "003¶8": [("2015", "2015", "2015", "year", False)],
    "003¶10": [("January 2024", "2024-01", "2024-01", "month", False)],
    "003¶16": [("January 2, 2025", "2025-01-02", "2025-01-02", "day", False)],
    "003¶22": [("2024", "2024", "2024", "year", False)],
    "003¶23": [("December 31, 2024", "2024-12-31", "2024-12-31", "day", False)],
    "003¶30": [("2015", "2015", "2015", "year", False)],
    "003¶33": [
        ("January 2024", "2024-01", "2024-01", "month", False),
        ("2015", "2015", "2015", "year", False),
    ],
    "003¶34": [
        ("2014", "2014", "2014", "year", False),
        ("June 15, 2015", "2015-06-15", "2015-06-15", "day", False),
    ],
    "003¶39": [("January 3, 2025", "2025-01-03", "2025-01-03", "day", False)],
    "003¶48": [("January 2, 2025", "2025-01-02", "2025-01-02", "day", False)],
    "003¶49": [("1990s", "1990", "1999", "approximate", False)],
    "003¶53": [("January 2, 2025", "2025-01-02", "2025-01-02", "day", False)],
    "003¶55": [
        ("2023", "2023", "2023", "year", False),
        ("2024", "2024", "2024", "year", False),
        ("December 2023", "2023-12", "2023-12", "month", False),
    ],
    "003¶59": [("months earlier", None, None, "approximate", True)],
    "003¶60": [("August 25, 2024", "2024-08-25", "2024-08-25", "day", False)],
    "003¶61": [("August 26, 2024", "2024-08-26", "2024-08-26", "day", False)],
    "003¶68": [("in December", None, None, "approximate", True)],
    "003¶69": [("January 5, 2024", "2024-01-05", "2024-01-05", "day", False)],
    "004¶5": [("end of July 2023", "2023-07", "2023-07", "approximate", False)],
    "004¶6": [("Wednesday February 28, 2024", "2024-02-28", "2024-02-28", "day", False)],
    "004¶15": [("on Tuesday", None, None, "approximate", True)],
    "004¶20": [("Three months later", None, None, "approximate", True)],
}
COUNTS_PER_SEED = {"000": 3, "001": 1, "002": 4, "003": 23, "004": 4}


@pytest.fixture(scope="module")
def paras():
    """The frozen fixture corpus's paragraphs (tests/fixtures, see frozen.py): the exact lists of this
    module were checked by hand against these five seeds and never change when seeds/ grows."""
    return frozen.paragraphs()


def _tuples(mentions: list[DateMention]) -> list[tuple]:
    return [(d.text, d.start, d.end, d.precision, d.relative) for d in mentions]


def _para(paras, key: str):
    hit = paras[paras["key"] == key]
    assert len(hit) == 1, key
    return hit.iloc[0]


# ---- real seeds ------------------------------------------------------------------------------------------


def test_every_seed_paragraph_has_exactly_the_expected_mentions(paras):
    found = {}
    for rec in paras.itertuples(index=False):
        mentions = find_dates(rec.text, lang=rec.lang)
        if mentions:
            found[rec.key] = _tuples(mentions)
    assert found == EXPECTED


def test_mention_counts_per_seed(paras):
    counts = Counter()
    for rec in paras.itertuples(index=False):
        counts[rec.seed] += len(find_dates(rec.text, lang=rec.lang))
    assert dict(counts) | {s: 0 for s in COUNTS_PER_SEED if s not in counts} == COUNTS_PER_SEED
    assert sum(COUNTS_PER_SEED.values()) == sum(len(v) for v in EXPECTED.values())


def test_text_and_span_point_into_the_paragraph(paras):
    for key in EXPECTED:
        text = _para(paras, key)["text"]
        for d in find_dates(text):
            assert text[d.span[0] : d.span[1]] == d.text


def test_language_is_optional_on_the_seeds(paras):
    """Reading with both languages' patterns gives the same mentions as with the paragraph language."""
    for rec in paras.itertuples(index=False):
        assert find_dates(rec.text) == find_dates(rec.text, lang=rec.lang), rec.key


@pytest.mark.parametrize(
    "key, needle",
    [
        ("003¶13", "(800×455)"),
        ("003¶35", "(1080×720)"),
        ("003¶57", "(1032×1238)"),
        ("003¶3", "12"),
        ("002¶7", "https://x.com/"),
    ],
)
def test_numbers_that_are_not_dates(paras, key, needle):
    text = _para(paras, key)["text"]
    assert needle in text
    assert find_dates(text) == []


def test_provision_count_is_not_a_date(paras):
    text = _para(paras, "003¶8")["text"]
    assert "68 provisions" in text
    assert [d.text for d in find_dates(text)] == ["2015"]


def test_no_double_counting_inside_a_long_date(paras):
    text = _para(paras, "000¶2")["text"]
    mentions = find_dates(text)
    assert len(mentions) == 1 and mentions[0].text == "Thursday, August 26th 2021"
    assert "weekday agrees" in mentions[0].note


def test_relative_mentions_resolved_against_an_anchor(paras):
    ago = find_dates(_para(paras, "003¶2")["text"], anchor=date(2025, 1, 10))
    assert _tuples(ago) == [("4 months ago", "2024-09", "2024-09", "approximate", True)]
    assert "anchor 2025-01-10" in ago[0].note

    december = find_dates(_para(paras, "003¶68")["text"], anchor=date(2024, 1, 10))
    assert _tuples(december) == [("in December", "2023-12", "2023-12", "approximate", True)]

    # 1 March 2024 is a Friday; the Tuesday before it is 27 February.
    tuesday = find_dates(_para(paras, "004¶15")["text"], anchor=date(2024, 3, 1))
    assert _tuples(tuesday) == [("on Tuesday", "2024-02-27", "2024-02-27", "approximate", True)]

    later = find_dates(_para(paras, "004¶20")["text"], anchor=date(2024, 3, 1))
    assert _tuples(later) == [("Three months later", None, None, "approximate", True)]
    assert "event" in later[0].note


def test_date_mentions_frame(paras):
    frame = date_mentions(paras)
    assert list(frame.columns) == [
        "key",
        "text",
        "span_start",
        "span_end",
        "start",
        "end",
        "precision",
        "relative",
        "note",
    ]
    assert len(frame) == sum(COUNTS_PER_SEED.values())
    assert frame.loc[frame["key"] == "002¶5", "start"].tolist() == ["2025-01-08"]
    with pytest.raises(KeyError, match="text"):
        date_mentions(paras[["key"]])


# ---- synthetic: English -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on 26 August 2021.", ("26 August 2021", "2021-08-26", "2021-08-26", "day", False)),
        ("the 26th of August, 2021", ("the 26th of August, 2021", "2021-08-26", "2021-08-26", "day", False)),
        ("Aug. 26, 2021", ("Aug. 26, 2021", "2021-08-26", "2021-08-26", "day", False)),
        ("late July 2023", ("late July 2023", "2023-07", "2023-07", "approximate", False)),
        ("at the end of July 2023", ("end of July 2023", "2023-07", "2023-07", "approximate", False)),
        ("by mid-2024 they", ("mid-2024", "2024", "2024", "approximate", False)),
        ("in early 2025,", ("early 2025", "2025", "2025", "approximate", False)),
        ("in December 2023", ("December 2023", "2023-12", "2023-12", "month", False)),
        ("report dated 2021-08-31.", ("2021-08-31", "2021-08-31", "2021-08-31", "day", False)),
        ("[08/01/2025 21:45]", ("08/01/2025", "2025-01-08", "2025-01-08", "day", False)),
        ("03/04/2024", ("03/04/2024", "2024-04-03", "2024-04-03", "day", False)),
        ("8.1.2025", ("8.1.2025", "2025-01-08", "2025-01-08", "day", False)),
        ("during the 2010s", ("2010s", "2010", "2019", "approximate", False)),
    ],
)
def test_english_and_numeric_forms(text, expected):
    assert _tuples(find_dates(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2024",
        "February 30, 2024",
        "2021-02-30",
        "2024-13-01",
        "29/02/2023",
        "30 février 2024",
    ],
)
def test_invalid_calendar_dates_are_not_returned(text):
    assert find_dates(text) == []


def test_a_valid_leap_day_is_kept():
    assert _tuples(find_dates("29/02/2024")) == [("29/02/2024", "2024-02-29", "2024-02-29", "day", False)]


@pytest.mark.parametrize(
    "text",
    [
        "Resolution 2085",
        "No. 2001",
        "page 2011",
        "2,000 troops",
        "1920×1080",
        "1,2015",
        "https://example.com/2021/08/31/story",
        "see www.site.org/2020-01-02",
        "He may come.",
        "a march",
        "ID AD_4nX2015abc",
        "Arab21",
    ],
)
def test_things_that_look_like_dates_but_are_not(text):
    assert find_dates(text) == []


def test_vague_adverbs_are_not_dates():
    assert find_dates("Recently, the group was labelled overnight; today it waits, and soon it will act.") == []


def test_wrong_weekday_is_kept_with_a_warning():
    [d] = find_dates("Monday, August 26th 2021")
    assert d.start == "2021-08-26" and "WARNING" in d.note and "Thursday" in d.note


@pytest.mark.parametrize(
    "text, expected",
    [
        ("last week", ("last week", "2024-01-01", "2024-01-07", "approximate", True)),
        ("next month", ("next month", "2024-02", "2024-02", "approximate", True)),
        ("this year", ("this year", "2024", "2024", "approximate", True)),
        ("last Tuesday", ("last Tuesday", "2024-01-09", "2024-01-09", "approximate", True)),
        ("on Wednesday", ("on Wednesday", "2024-01-10", "2024-01-10", "approximate", True)),
        ("a year ago", ("a year ago", "2023", "2023", "approximate", True)),
        ("two weeks ago", ("two weeks ago", "2023-12-27", "2023-12-27", "approximate", True)),
        ("yesterday", ("yesterday", "2024-01-09", "2024-01-09", "approximate", True)),
        ("on August 25", ("August 25", "2023-08-25", "2023-08-25", "approximate", True)),
        ("the next day", ("the next day", None, None, "approximate", True)),
        ("months ago", ("months ago", None, None, "approximate", True)),
    ],
)
def test_english_relative_with_anchor(text, expected):
    # The anchor, 10 January 2024, is a Wednesday.
    assert _tuples(find_dates(text, anchor=date(2024, 1, 10))) == [expected]


def test_relative_without_anchor_is_reported_unresolved():
    [d] = find_dates("three months later")
    assert d.relative and d.start is None and d.end is None and not d.resolved
    [d] = find_dates("last week")
    assert d.relative and d.start is None and "no anchor" in d.note


def test_anchor_may_be_a_timestamp():
    import pandas as pd

    [d] = find_dates("yesterday", anchor=pd.Timestamp("2024-01-10 18:30"))
    assert d.start == "2024-01-09"


# ---- synthetic: French ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("le 5 janvier 2024", ("5 janvier 2024", "2024-01-05", "2024-01-05", "day", False)),
        ("1er mars 2024", ("1er mars 2024", "2024-03-01", "2024-03-01", "day", False)),
        ("jeudi 26 août 2021", ("jeudi 26 août 2021", "2021-08-26", "2021-08-26", "day", False)),
        ("tenue à Alger en juillet 2017,", ("juillet 2017", "2017-07", "2017-07", "month", False)),
        ("fin juillet 2023", ("fin juillet 2023", "2023-07", "2023-07", "approximate", False)),
        ("à la mi-2024", ("mi-2024", "2024", "2024", "approximate", False)),
        ("début 2025", ("début 2025", "2025", "2025", "approximate", False)),
        ("dans les années 1990", ("années 1990", "1990", "1999", "approximate", False)),
    ],
)
def test_french_forms(text, expected):
    assert _tuples(find_dates(text, lang="fr")) == [expected]
    assert _tuples(find_dates(text)) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("il y a deux mois", ("il y a deux mois", "2023-11", "2023-11", "approximate", True)),
        ("la semaine dernière", ("la semaine dernière", "2024-01-01", "2024-01-07", "approximate", True)),
        ("mardi dernier", ("mardi dernier", "2024-01-09", "2024-01-09", "approximate", True)),
        ("hier", ("hier", "2024-01-09", "2024-01-09", "approximate", True)),
        ("en décembre", ("en décembre", "2023-12", "2023-12", "approximate", True)),
        ("trois mois plus tard", ("trois mois plus tard", None, None, "approximate", True)),
    ],
)
def test_french_relative_with_anchor(text, expected):
    assert _tuples(find_dates(text, lang="fr", anchor=date(2024, 1, 10))) == [expected]


def test_lang_restricts_word_patterns_but_not_numeric_ones():
    assert _tuples(find_dates("juillet 2017", lang="en")) == [("2017", "2017", "2017", "year", False)]
    assert [d.start for d in find_dates("juillet 2017 et 08/01/2025", lang="en")] == ["2017", "2025-01-08"]
    assert find_dates("August 2021", lang="fr")[0].precision == "year"  # only the bare year is read


def test_bad_arguments():
    with pytest.raises(ValueError, match="lang"):
        find_dates("2021", lang="de")
    with pytest.raises(TypeError):
        find_dates(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="anchor"):
        find_dates("yesterday", anchor="2024-01-10")  # type: ignore[arg-type]


def test_mentions_are_frozen():
    [d] = find_dates("2021")
    with pytest.raises(AttributeError):
        d.start = "2022"  # type: ignore[misc]


# ---- parse_iso ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iso, expected",
    [
        ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
        ("2024-01", (date(2024, 1, 1), date(2024, 1, 31))),
        ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
        ("2023-02", (date(2023, 2, 1), date(2023, 2, 28))),
        ("2024-01-05", (date(2024, 1, 5), date(2024, 1, 5))),
    ],
)
def test_parse_iso(iso, expected):
    assert parse_iso(iso) == expected


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "24", "January 2024", "", "2024/01"])
def test_parse_iso_rejects(bad):
    with pytest.raises(ValueError):
        parse_iso(bad)


def test_parse_iso_round_trips_every_seed_mention(paras):
    for rec in paras.itertuples(index=False):
        for d in find_dates(rec.text, lang=rec.lang):
            if d.start is not None:
                first, _ = parse_iso(d.start)
                _, last = parse_iso(d.end)
                assert first <= last
