"""Timelines per pair of actors (analysis.analytics.pairs, analysis.present.pairs): the frame on the frozen
fixture ledger, with values checked by hand against its rows; the titles on hand-built frames; the
figure's words (no code, no key, nothing cut off or overlapping) and its print size."""

from __future__ import annotations

import re

import frozen
import pandas as pd
import pytest

from analysis.analytics import pairs, timeline
from analysis.present import figures, style
from analysis.present import pairs as draw

RUSSIA = {"Russia", "Wagner Group"}


@pytest.fixture(scope="module")
def axis():
    return timeline.on_time_axis(frozen.events())


@pytest.fixture(scope="module")
def russia(axis):
    return pairs.pair_events(axis, frozen.actors(), frozen.gazetteer(), involving=RUSSIA)


# ---------------------------------------------------------------------------------------------- the frame
def test_russia_pairs_of_the_fixture_ledger(russia):
    # E026 (004¶5), E036, E037 (004¶6), E040 (004¶10), E045 (004¶8): Mali and Russia; E058 (002¶19),
    # E059 (002¶10), E060 (003¶23), E061 (003¶25): Algeria and Russia; E053 (003¶66) Tebboune against
    # Wagner; E072 (003¶50) Mali lets Wagner in. The State Duma acts for Russia, Diaw and Goïta for Mali.
    lanes = {p: list(lane["event_id"]) for p, lane in russia.groupby("pair", sort=False)}
    assert lanes == {
        "Mali – Russia": ["E026", "E036", "E037", "E040", "E045"],
        "Algeria – Russia": ["E058", "E059", "E060", "E061"],
        "Algeria – Wagner Group": ["E053"],
        "Mali – Wagner Group": ["E072"],
    }
    labels = dict(zip(russia["event_id"], russia["label"]))
    assert labels["E036"] == "28 Feb 2024 Diop meets Lavrov, Moscow"
    assert labels["E058"] == "20 Dec 2024 Bogdanov meets Tebboune, Algiers"
    assert labels["E026"] == "about Jul 2023 Goïta meets Putin"  # a month, "at the end of July 2023"
    assert labels["E045"] == "by 31 Mar 2024 Diaw meets State Duma of Russia"  # undated caption
    assert labels["E053"] == "by 26 Aug 2024 Tebboune criticises Wagner Group, Sahel"
    dating = dict(zip(russia["event_id"], russia["dating"]))
    assert [dating[e] for e in ("E026", "E036", "E040", "E045", "E060", "E061")] == [
        "span",
        "day",
        "undated",
        "undated",
        "day",
        "undated",
    ]
    # an undated event sits at the latest date it can have; a month in its middle
    marks = dict(zip(russia["event_id"], russia["t_mark"]))
    assert marks["E045"] == pd.Timestamp("2024-03-31") and marks["E026"] == pd.Timestamp("2023-07-16")
    assert not russia["turn"].any()  # all cooperative but Tebboune on Wagner, alone in its lane


def test_pairs_with_two_events_and_their_turns(axis):
    frame = pairs.pair_events(axis, frozen.actors(), frozen.gazetteer(), min_events=2)
    sizes = frame.groupby("pair", sort=False).size()
    assert sizes.min() >= 2
    assert list(sizes.index[:2]) == ["Algeria – Mali", "Mali – Russia"]  # most events first
    assert sizes["Algeria – Mali"] == 27 and sizes["France – Mali"] == 4
    # the French departures from Kidal and Tessalit (000¶3) are France and Mali's, not Algeria's
    france = frame[frame["pair"] == "France – Mali"]
    assert set(france["event_id"]) == {"E023", "E024", "E025", "E071"}
    assert dict(zip(france["event_id"], france["what"]))["E024"] == "France withdraws forces from Mali, Kidal"
    # Algeria and Mali: cooperation until the ambassadors' recall of December 2023 (003¶55, E028);
    # Mali and the northern movements: the 2015 agreement ended in January 2024 (003¶10, E031)
    assert pairs.turns(frame)[["pair", "event_id", "date"]].values.tolist() == [
        ["Algeria – Mali", "E028", "Dec 2023"],
        ["Mali – Northern Mali movements", "E031", "Jan 2024"],
    ]
    assert set(frame.loc[frame["turn"], "event_id"]) == {"E028", "E031"}
    # a plural name takes a plural verb
    assert dict(zip(frame["event_id"], frame["what"]))["E030"] == "Northern Mali movements meet Algeria"


def test_every_plover_type_has_plain_words():
    from analysis.ledger.codebook import PLOVER_TYPES

    assert set(pairs.VERBS) == set(PLOVER_TYPES)
    assert not any(re.search(r"[A-Z]{4,}", v) for v in pairs.VERBS.values())
    rec = {"event_id": "X", "event_type": "retreat ", "actor1": "a", "actor2": "b", "place": "kidal"}
    assert (
        pairs.what(rec, {"a": "France", "b": "Mali"}, {"kidal": "Kidal"}) == "France withdraws forces from Mali, Kidal"
    )
    with pytest.raises(ValueError, match="X: unknown PLOVER event type 'RETREATS'"):
        pairs.what({**rec, "event_type": "RETREATS"}, {}, {})


# ---------------------------------------------------------------------------------------------- titles
def _frame(rows: list[tuple]) -> pd.DataFrame:
    """Hand-built rows (pair, event id, first day, last day, polarity, dating, reader's date)."""
    out = pd.DataFrame(rows, columns=["pair", "event_id", "t_start", "t_end", "polarity", "dating", "date"])
    out["t_start"], out["t_end"] = pd.to_datetime(out["t_start"]), pd.to_datetime(out["t_end"])
    return out


def test_turn_title_zero_one_many():
    coop_ab = ("A – B", "e1", "2020-01-01", "2020-01-01", "cooperation", "day", "1 Jan 2020")
    assert pairs.turn_title(_frame([])) == "No events between two sides in the ledger"
    # none turned: same-day conflict, an undated conflict, a conflict before the cooperation
    none = [
        coop_ab,
        ("A – B", "e2", "2020-01-01", "2020-01-01", "conflict", "day", "1 Jan 2020"),
        ("A – B", "e3", "2020-06-30", "2020-06-30", "conflict", "undated", "by 30 Jun 2020"),
        ("A – C", "e4", "2019-01-01", "2019-01-01", "conflict", "day", "1 Jan 2019"),
        ("A – C", "e5", "2019-02-01", "2019-02-01", "cooperation", "day", "1 Feb 2019"),
        ("B – C", "e6", "2019-02-01", "2019-02-01", "cooperation", "day", "1 Feb 2019"),
    ]
    assert (
        pairs.turn_title(_frame(none))
        == "No pairs turned from cooperation to conflict; one stayed cooperative throughout"
    )
    one = [coop_ab, ("A – B", "e2", "2021-03-05", "2021-03-05", "conflict", "day", "5 Mar 2021")]
    assert (
        pairs.turn_title(_frame(one))
        == "One pair turned from cooperation to conflict: A–B on 5 Mar 2021; none stayed cooperative throughout"
    )
    many = one + [
        ("C – D", "e3", "2015-01-01", "2015-12-31", "cooperation", "span", "2015"),
        ("C – D", "e4", "2023-12-01", "2023-12-31", "conflict", "span", "Dec 2023"),
        ("E – F", "e5", "2020-01-01", "2020-01-01", "cooperation", "day", "1 Jan 2020"),
        ("G – H", "e6", "2020-01-01", "2020-01-01", "cooperation", "day", "1 Jan 2020"),
    ]
    assert pairs.turn_title(_frame(many)) == (
        "Two pairs turned from cooperation to conflict: A–B on 5 Mar 2021 and C–D in Dec 2023; "
        "two stayed cooperative throughout"
    )
    # a conflict within the span of the first cooperation does not turn the pair: it may precede it
    inside = [
        ("C – D", "e3", "2015-01-01", "2015-12-31", "cooperation", "span", "2015"),
        ("C – D", "e4", "2015-06-01", "2015-06-01", "conflict", "day", "1 Jun 2015"),
    ]
    assert pairs.turns(_frame(inside)).empty


def test_first_title_zero_one_many():
    mali = [
        ("Mali – Russia", "m1", "2023-07-01", "2023-07-31", "cooperation", "span", "about Jul 2023"),
        ("Mali – Russia", "m2", "2024-02-28", "2024-02-28", "cooperation", "day", "28 Feb 2024"),
        ("Mali – Russia", "m3", "2024-03-31", "2024-03-31", "cooperation", "undated", "by 31 Mar 2024"),
    ]
    algeria = [("Algeria – Russia", "a1", "2024-12-20", "2024-12-20", "cooperation", "day", "20 Dec 2024")]
    wagner = [("Algeria – Wagner Group", "w1", "2024-08-26", "2024-08-26", "conflict", "undated", "by 26 Aug 2024")]
    assert pairs.first_title(_frame(mali + algeria + wagner), "Russia") == (
        "Mali had three events with Russia before Algeria's first dated one (20 Dec 2024); none of the four was conflictual"
    )
    hostile = algeria + [("Algeria – Russia", "a2", "2025-01-01", "2025-01-01", "conflict", "day", "1 Jan 2025")]
    assert pairs.first_title(_frame(mali[:1] + hostile), "Russia") == (
        "Mali had one event with Russia before Algeria's first dated one (20 Dec 2024); one of the three was conflictual"
    )
    assert pairs.first_title(_frame(mali[:2]), "Russia") == (
        "Only Mali has two dated events with Russia, the first about Jul 2023; neither was conflictual"
    )
    assert pairs.first_title(_frame(algeria), "Russia") == (
        "Only Algeria has one dated event with Russia, the first on 20 Dec 2024; it was cooperative"
    )
    same = [("Algeria – Russia", "a0", "2023-07-20", "2023-07-20", "cooperation", "day", "20 Jul 2023")]
    assert pairs.first_title(_frame(mali[:1] + same), "Russia") == (
        "Mali and Algeria first dealt with Russia around the same time (20 Jul 2023); neither was conflictual"
    )
    assert pairs.first_title(_frame(wagner), "Russia") == "No dated event with Russia in the ledger"
    assert pairs.first_title(_frame(mali[2:]), "Russia") == "No dated event with Russia in the ledger"


# ---------------------------------------------------------------------------------------------- the figure
def test_russia_figure_words_and_size(russia):
    fig, drawn = draw.pair_timeline(russia, pairs.first_title(russia, "Russia"), "test source")
    texts = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and a.get_visible()) if t.get_text()]
    words = "\n".join(texts)
    assert figures.text_problems(fig) == []
    for label in russia["label"]:  # every event named, in plain words
        assert label in words, label
    assert not re.search(r"\bE\d{3}\b|\d{3}¶\d+|\b(CONSULT|SUPPORT|ACCUSE|COOPERATE|PLOVER)\b", words)
    assert "Mali had five events with Russia before Algeria" in words.replace("\n", " ")
    assert list(drawn["event_id"]) == list(russia["event_id"]) and drawn["labelled"].all()
    assert fig.get_size_inches()[0] == pytest.approx(style.PRINT_WIDTH_IN)
    assert fig.finding == pairs.first_title(russia, "Russia") == figures.drawn_title(fig)
    sizes = {t.get_fontsize() for t in fig.findobj(lambda a: hasattr(a, "get_fontsize") and hasattr(a, "get_text"))}
    assert min(sizes) >= draw.MIN_FONT_PT > 6
    assert "Diop meets Lavrov, Moscow" in fig.alt_text
    style.close(fig)


def test_key_events_and_collapsed_labels(axis):
    frame = pairs.pair_events(axis, frozen.actors(), frozen.gazetteer(), min_events=2)
    keep = pairs.key_events(frame, {"E065"})
    lane = frame[frame["pair"] == "Algeria – Mali"]
    assert {"E004", "E028", "E065", "E073"} <= keep  # first, turn, turning point, last
    assert not {"E013", "E048"} & keep
    # without first events: a pair's first goes unless it is a turn, a turning point or its last
    lean = pairs.key_events(frame, {"E065"}, first=False)
    assert {"E028", "E065", "E073"} <= lean and "E004" not in lean and lean < keep
    fig, drawn = draw.pair_timeline(frame, pairs.turn_title(frame), "s", labelled=keep, collapse=True)
    words = "\n".join(t.get_text() for t in fig.texts + [t for ax in fig.axes for t in ax.texts])
    assert "Dec 2023 Algeria downgrades ties with Mali (and 1 more event)" in words
    assert set(drawn.loc[drawn["labelled"], "event_id"]) >= keep & set(lane["event_id"])
    assert figures.text_problems(fig) == []
    style.close(fig)


# ---------------------------------------------------------------------------------------------- live data
@pytest.mark.parametrize("name", ["russia", "pairs"])
def test_the_book_figures_on_the_live_ledger(name):
    """Invariants of the two figures the chapters publish: every event of their pairs drawn exactly
    once, no event id, paragraph key or PLOVER code in any text, and a height that prints at full width."""
    from analysis.ledger import events as events_mod
    from analysis.ledger import interests
    from analysis.ledger.codebook import PLOVER_TYPES
    from analysis.sources import actors as actors_mod
    from analysis.sources import corpus, places

    events, actors, gaz, cat = (
        events_mod.load_events(),
        actors_mod.load_actors(),
        places.load_gazetteer(),
        corpus.load_catalog(),
    )
    if name == "russia":
        fig, drawn = draw.russia_pairs(events, actors, gaz, cat)
        rus = {a for a, c in zip(actors["actor_id"], actors["country"]) if c == "RUS"}
        two_sided = events[events["actor2"].fillna("") != ""]
        expected = set(two_sided.loc[two_sided["actor1"].isin(rus) ^ two_sided["actor2"].isin(rus), "event_id"])
        assert set(drawn["event_id"]) == expected and drawn["labelled"].all()
    else:
        turning = set(interests.load_turning_points(events=events)["event_id"])
        fig, drawn = draw.pairs_timeline(events, actors, gaz, cat, turning)
        assert drawn.groupby("pair").size().min() >= 2
        assert set(drawn.loc[drawn["event_id"].str.len() > 0, "pair"]) == set(drawn["pair"])
    assert drawn["event_id"].is_unique
    words = "\n".join(
        t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_fontsize"))
    )
    codes = "|".join(PLOVER_TYPES)
    assert not re.search(rf"\bE\d{{3,}}\b|\d{{3,}}¶\d+|\b({codes})\b|PLOVER|seed \d", words), words
    assert fig.get_size_inches()[1] <= style.PRINT_MAX_HEIGHT_IN
    assert figures.text_problems(fig) == []
    style.close(fig)


def test_short_names_of_the_fixture_actors():
    actors = frozen.actors()
    sides = pairs.side_names(actors)
    assert sides["Economic Community of West African States"] == "ECOWAS"  # too long: its acronym
    assert sides["Northern Mali movements (signatories of the 2015 agreement)"] == "Northern Mali movements"
    assert sides["Alliance of Sahel States / Sahel Confederation"] == "Alliance of Sahel States"
    assert sides["National Construction Movement"] == "National Construction Movement"  # long, no acronym
    short = pairs.actor_short_names(actors)
    assert [short[a] for a in ("diop", "ibk", "algeria_un_rep", "mali_mfa", "mali_government", "state_duma")] == [
        "Diop",  # a one-word first alias
        "Keïta",  # no one-word alias: the last word of a three-word name
        "Algeria",  # an unnamed office holder: his state
        "Mali",  # a state body with a long name: its state
        "Government of Mali",
        "State Duma of Russia",
    ]
    plural = pairs.plural_names(actors)
    assert "Northern Mali movements" in plural and "Malian Armed Forces" in plural
    assert not {"United Nations", "Diop", "Mali"} & plural  # an organisation, a person, a state: singular


def test_source_line_names_the_outlets_and_their_dates(russia):
    assert draw.articles_source(russia, frozen.catalog()) == (
        "event ledger (data/events.csv), coded from the articles of Une Plume du Mali (28 Feb 2024\u201331 Mar 2024) "
        "and unnamed outlets (3 Jan 2025\u201331 Dec 2025; 8 Jan 2025)"
    )


def test_a_figure_too_tall_to_print_names_fewer_events(monkeypatch):
    args = (frozen.events(), frozen.actors(), frozen.gazetteer(), frozen.catalog(), set())
    fig, full = draw.pairs_timeline(*args)
    assert full.loc[full["event_id"] == "E004", "labelled"].all()  # Algeria–Mali's first, named
    monkeypatch.setattr(style, "PRINT_MAX_HEIGHT_IN", fig.get_figheight() - 0.01)
    lean_fig, lean = draw.pairs_timeline(*args)
    assert not lean.loc[lean["event_id"] == "E004", "labelled"].any()
    assert lean["labelled"].sum() < full["labelled"].sum() and lean_fig.get_figheight() < fig.get_figheight()
    style.close(fig)
    style.close(lean_fig)


def test_lead_counts_what_the_title_says(russia):
    found = pairs.lead(russia, "Russia")
    # Mali's first dated event: Goïta and Putin, July 2023 (004¶5); Algeria's: Tebboune and Bogdanov,
    # 20 December 2024 (002¶19); all five of Mali's end before it; nine with Russia, none conflictual
    assert [(p[1], p[3]["event_id"]) for p in found["partners"]] == [("Mali", "E026"), ("Algeria", "E058")]
    assert (found["before"], found["events"], found["conflict"]) == (5, 9, 0)
