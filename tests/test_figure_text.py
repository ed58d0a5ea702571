"""Every figure the book draws keeps its words inside the figure and apart from each other
(figures.text_problems: each text artist's extent against the figure's bounds, and pairwise), and
prints none of them below 6 pt in the PDF (figures.print_size_problems: each text's font size times
the scale at which the PDF prints the figure, style.printed_scale)."""

from __future__ import annotations

import functools
import warnings

import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.analytics import timeline
from analysis.ledger import claims as claims_mod
from analysis.ledger import events as events_mod
from analysis.ledger import interests, reference
from analysis.present import figures, maps, pairs, style
from analysis.sources import actors as actors_mod
from analysis.sources import corpus, places


def test_text_problems_finds_a_cut_and_an_overlap():
    fig = Figure(figsize=(3, 2))
    fig.text(0.1, 0.5, "inside")
    assert figures.text_problems(fig) == []
    fig.text(0.95, 0.5, "a long text that runs past the right edge")
    fig.text(0.12, 0.5, "inside too")
    problems = figures.text_problems(fig)
    assert any(p.startswith("cut off by the edge: 'a long text") for p in problems), problems
    assert any(p.startswith("overlap: 'inside' and 'inside too'") for p in problems), problems


def _figure_with(size: tuple[float, float], *points: float) -> Figure:
    fig = Figure(figsize=size)
    for i, pt in enumerate(points):
        fig.text(0.05, 0.1 + 0.2 * i, f"text at {pt} pt", fontsize=pt)
    return fig


def test_printed_scale_is_the_print_width_over_the_drawn_width_capped_by_the_height():
    width = 452.9679 / 72.27  # the book's \textwidth, 452.97 TeX points, in inches
    assert style.PRINT_WIDTH_IN == pytest.approx(6.2677, abs=1e-4)
    assert style.printed_scale(width, 3.0) == pytest.approx(1.0)
    assert style.printed_scale(2 * width, 3.0) == pytest.approx(0.5)
    assert style.printed_scale(width / 2, 1.0) == pytest.approx(2.0)
    # taller than 80 % of the A4 text height (9.69 in): the height sets the scale
    assert style.printed_scale(width, 2 * style.PRINT_MAX_HEIGHT_IN) == pytest.approx(0.5)
    assert style.PRINT_MAX_HEIGHT_IN == pytest.approx(0.8 * 9.6929, abs=1e-3)
    with pytest.raises(ValueError):
        style.printed_scale(0.0, 1.0)


def test_print_size_rule_passes_six_points_and_fails_just_below():
    at_width = (style.PRINT_WIDTH_IN, 3.0)
    assert figures.print_size_problems(_figure_with(at_width, 6.0, 9.0)) == []
    problems = figures.print_size_problems(_figure_with(at_width, 6.0, 5.9))
    assert len(problems) == 1 and problems[0].startswith("prints at 5.90 pt") and "'text at 5.9 pt'" in problems[0]
    # twice the printed width: halved in print, so 12 pt is the least that passes
    twice = (2 * style.PRINT_WIDTH_IN, 3.0)
    assert figures.print_size_problems(_figure_with(twice, 12.0)) == []
    assert len(figures.print_size_problems(_figure_with(twice, 11.8))) == 1
    # twice the tallest printed height: halved too
    tall = (style.PRINT_WIDTH_IN, 2 * style.PRINT_MAX_HEIGHT_IN)
    assert figures.print_size_problems(_figure_with(tall, 12.0)) == []
    assert len(figures.print_size_problems(_figure_with(tall, 11.8))) == 1


def test_print_size_rule_reads_scale_bars_and_skips_hidden_and_empty_text():
    from matplotlib_scalebar.scalebar import ScaleBar

    fig = _figure_with((style.PRINT_WIDTH_IN, 3.0), 6.0)
    fig.text(0.5, 0.5, "hidden", fontsize=3).set_visible(False)
    fig.text(0.5, 0.7, "   ", fontsize=3)
    assert figures.print_size_problems(fig) == []
    ax = fig.add_subplot()
    ax.add_artist(ScaleBar(1.0, "m", font_properties={"size": 5.9}))
    assert [p.split(": ")[-1] for p in figures.print_size_problems(fig)] == ["'scale bar'"]


def _catalog(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "seed": f"{i:03d}",
                "published_earliest": pd.Timestamp(a),
                "published_latest": pd.Timestamp(b),
                "date_precision": p,
            }
            for i, (a, b, p) in enumerate(rows)
        ]
    )


DAY, YEAR, MONTH = (
    ("2021-08-31", "2021-08-31", "day"),
    ("2025-01-03", "2025-12-31", "interval"),
    (
        "2024-02-28",
        "2024-03-31",
        "approximate",
    ),
)


@pytest.mark.parametrize(
    "rows, title",
    [
        ((), "No article is in the catalogue"),
        ((DAY,), "The article dates in 2021: it states its day"),
        ((YEAR,), "The article dates in 2025: it is bounded from its text to within 12 months"),
        (
            (DAY, YEAR),
            "The two articles date from 2021 to 2025: one states its day, one is bounded from its text to within 12 months",
        ),
        ((DAY, DAY), "The two articles date in 2021: both state their day"),
        ((DAY, DAY, DAY), "The three articles date in 2021: all state their day"),
        (
            (DAY, YEAR, MONTH),
            "The three articles date from 2021 to 2025: one states its day, two are bounded from their text to within 1 to 12 months",
        ),
        ((YEAR, YEAR), "The two articles date in 2025: both are bounded from their text to within 12 months"),
    ],
)
def test_publication_title_states_what_the_rows_show(rows, title):
    assert figures.publication_title(_catalog(*rows)) == title


@pytest.mark.parametrize(
    "title, finding",
    [
        ("Two of the three incidents lie within 5 km of the border", True),
        ("Algeria–Mali events turned from mostly cooperation to mostly conflict in January 2024", True),
        ("The five articles date from 2017 to 2025: two state their day", True),
        ("No incident is more than 200 km from the border", True),
        # topics, not findings
        ("Events of the ledger by PLOVER family", False),
        ("The Algeria–Mali border zone: incidents in the seeds", False),
        ("Publication dates of the seed articles, stated or inferred", False),
        ("Places named in the seeds: 16", False),  # a label and a count
        ("Two incidents lie near the border:", False),  # a colon with nothing after it
        ("Incidents lie near the border", False),  # no number
        ("Two incidents near the border", False),  # no verb
        ("Two incidents lied near the border", False),  # one letter off a verb
        ("", False),
    ],
)
def test_is_finding_tells_a_finding_from_a_topic(title, finding):
    assert figures.is_finding(title) is finding


def test_drawn_title_reads_the_one_title():
    fig = Figure(figsize=(style.PRINT_WIDTH_IN, 2))
    assert figures.drawn_title(fig) == ""
    style.finding_title(fig, "Two of the three incidents lie within 5 km of the border, " * 3)
    assert figures.drawn_title(fig) == fig.finding.strip() and "\n" in fig.texts[0].get_text()
    assert figures.text_problems(fig) == []
    fig.text(0, 0, "another", gid="title")
    with pytest.raises(ValueError, match="one title"):
        figures.drawn_title(fig)


@functools.cache
def _drawn(name: str) -> Figure:
    events = events_mod.load_events()
    actors = actors_mod.load_actors()
    gaz = places.load_gazetteer()
    if name == "publication":
        return figures.publication_intervals(corpus.load_catalog())[0]
    if name == "dyad-timeline":
        dyad = timeline.dyad(timeline.on_time_axis(events), actors)
        share = timeline.balance(dyad).set_index("period")["conflict share"]
        title = figures.shift_title("Algeria–Mali events", share["before rupture"], share["after rupture"], "2024")
        turning = interests.load_turning_points(events=events)[["event_id", "label"]]
        dated = dyad[dyad["dated"]].merge(turning.rename(columns={"label": "turning"}), on="event_id", how="left")
        return figures.event_timeline(dated, title, "s", label_column="turning", rupture=timeline.RUPTURE)[0]
    if name == "border-overview":
        return maps.regional_overview(gaz)[0]
    if name == "russia-pairs":
        return pairs.russia_pairs(events, actors, gaz, corpus.load_catalog())[0]
    if name == "pairs-timeline":
        turning = set(interests.load_turning_points(events=events)["event_id"])
        return pairs.pairs_timeline(events, actors, gaz, corpus.load_catalog(), turning)[0]
    claims = claims_mod.load_claims(actors=actors, paragraphs=corpus.paragraphs(), events=events)
    record = reference.load_public_record()
    strike = record[record["key"] == "tinzaouaten_strike_claims"]
    return maps.border_incidents(events, claims, gaz, public_record=strike, actors=actors)[0]


#: Every figure the chapters publish, by its name without ``fig-`` (checked below against the chapters).
FIGURES = ["publication", "dyad-timeline", "border-overview", "russia-pairs", "pairs-timeline", "border-incidents"]
#: Known defects, each an xfail(strict): the day a figure is fixed its test passes and the mark must go.
_CLASHES: dict[str, str] = {}
_SMALL_PRINT: dict[str, str] = {}


def _cases(known: dict[str, str]) -> list:
    return [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=known[n])) if n in known else n for n in FIGURES
    ]


def _quiet(name: str) -> Figure:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _drawn(name)


@pytest.mark.parametrize("name", _cases(_CLASHES))
def test_every_figure_of_the_book_keeps_its_text_clear(name):
    assert figures.text_problems(_quiet(name)) == []


#: Figures whose title does not yet state a finding (each an xfail(strict), as above).
_TOPIC_TITLES: dict[str, str] = {}


@pytest.mark.parametrize("name", _cases(_TOPIC_TITLES))
def test_every_figure_of_the_book_has_a_title_stating_its_finding(name):
    fig = _quiet(name)
    assert getattr(fig, "finding", None), "the figure function records no fig.finding"
    assert figures.drawn_title(fig) == fig.finding
    assert figures.is_finding(fig.finding), fig.finding


@pytest.mark.parametrize("name", _cases(_SMALL_PRINT))
def test_every_figure_of_the_book_prints_its_text_at_six_points_or_more(name):
    assert figures.print_size_problems(_quiet(name)) == []


def test_the_test_covers_every_figure_the_chapters_publish():
    import re

    from analysis.core import paths

    published = set()
    for page in (paths.ROOT / "chapters").glob("*.md"):
        published |= set(re.findall(r'"(fig-[\w-]+)"\s*\)', page.read_text(encoding="utf-8")))
    assert {p.removeprefix("fig-") for p in published} == set(FIGURES), published
