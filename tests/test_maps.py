"""The two maps: layers, labels, numbers, sources, alt text, determinism. Built from the frozen fixture
ledger and claims (tests/fixtures, see frozen.py), so the counts on them are checked by hand once and
never move when the live data grows."""

from __future__ import annotations

import hashlib

import frozen
import matplotlib.text
import pandas as pd
import pytest
from pyproj import CRS, Geod

from analysis.analytics import border, timeline
from analysis.core import dates
from analysis.ledger.reference import load_public_record
from analysis.present import maps, style
from analysis.sources import places


@pytest.fixture(scope="module")
def events():
    return frozen.events()


@pytest.fixture(scope="module")
def claims():
    return frozen.claims()


@pytest.fixture(scope="module")
def record():
    rec = load_public_record()
    return rec[rec["key"] == "tinzaouaten_strike_claims"]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def _gids(fig) -> set[str]:
    return {a.get_gid() for a in fig.findobj() if a.get_gid()}


def _sha(fig, path) -> str:
    style.save(fig, path)
    style.close(fig)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _common(fig):
    assert isinstance(fig.alt_text, str) and len(fig.alt_text) > 80
    src = [t for t in _texts(fig) if t.startswith("Source: ")]
    assert len(src) == 1
    assert "Natural Earth" in src[0] and "world-atlas 2.0.2" in src[0]
    gids = _gids(fig)
    assert {"countries", "scalebar", "legend"} <= gids
    assert "map" in gids or any(g.startswith("panel-") for g in gids)
    assert not any("metre" in t for t in _texts(fig))  # no stray projected-axis titles


# ---------------------------------------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    "start, end, precision, basis, label",
    [
        ("2024-08-25", "2024-08-25", "day", "stated", "25 Aug 2024"),
        ("2024-01", "2024-01", "month", "stated", "Jan 2024"),
        ("2021", "2021", "year", "stated", "2021"),
        ("2017-07", "2019-04-02", "approximate", "resolved", "Jul 2017–2 Apr 2019"),
        ("2021-08-31", "2021-08-31", "approximate", "before", "by 31 Aug 2021"),
        ("2023-11", "2023-11", "approximate", "resolved", "about Nov 2023"),
        ("", "", "", "", "undated"),
    ],
)
def test_format_date_is_no_more_precise_than_the_ledger(start, end, precision, basis, label):
    assert dates.format_date(start, end, precision, basis) == label


def test_period_split_and_scale_bar_lengths():
    frame = timeline.on_time_axis(
        pd.DataFrame(
            {
                "event_id": ["E1", "E2", "E3", "E4"],
                "date_start": ["2023-12-31", "2024-01-01", "2023-06-30", "2024-06-30"],
                "date_end": ["2023-12-31", "2024-01-01", "2023-06-30", "2024-06-30"],
                "event_type": ["AID"] * 4,
                "date_basis": ["stated", "stated", "before", "before"],
                "score": [7.4] * 4,
            }
        )
    )
    # one rule: dated events by their date; an undated one only when its latest possible date settles it
    assert dict(zip(frame["event_id"], timeline.period_of(frame))) == {
        "E1": "before rupture",
        "E2": "after rupture",
        "E3": "before rupture",
        "E4": timeline.PERIOD_UNKNOWN,
    }
    assert maps.nice_length_km(3300) == 500
    assert maps.nice_length_km(56) == 10
    assert maps.nice_length_km(6900) == 1000


def test_map_projections_are_metric_so_scale_bars_hold(events):
    for crs in (maps.REGION_CRS,):
        assert CRS.from_user_input(crs).axis_info[0].unit_name == "metre"
    # near the centre of the regional projection, map distance equals geodesic distance within 1 %
    gaz = places.load_gazetteer().set_index("place_id")
    a, b = gaz.loc["tessalit"], gaz.loc["kidal"]
    x, y = maps._project_xy([a.lon, b.lon], [a.lat, b.lat], maps.REGION_CRS)
    planar = ((x[1] - x[0]) ** 2 + (y[1] - y[0]) ** 2) ** 0.5 / 1000
    geodesic = Geod(ellps="WGS84").inv(a.lon, a.lat, b.lon, b.lat)[2] / 1000
    assert planar == pytest.approx(geodesic, rel=0.01)


# ---------------------------------------------------------------------------------------------- map 1
def test_regional_overview_layers_and_labels():
    fig, drawn = maps.regional_overview()
    # the published rows are the places drawn: every labelled place is a row "on the map"
    assert set(drawn["shown"]) <= {"on the map", "in the note"}
    texts_on_map = set(_texts(fig))
    assert all(
        any(name in t for t in texts_on_map)
        for name in drawn.loc[drawn["shown"] == "on the map", "name"]
        if "(" not in name
    )
    _common(fig)
    texts = _texts(fig)
    for name in (
        "Algiers",
        "Bamako",
        "Kidal",
        "Tessalit",
        "Tin Zaouatine",
        "Niamey",
        "Ouagadougou",
        "ALGERIA",
        "MALI",
        "NIGER",
        "BURKINA FASO",
    ):
        assert name in texts, name
    assert "Tinzaouaten" not in texts  # public-record place: on the border map only
    assert "S a h e l" in texts and "northern Mali\n(Azawad)" in texts  # regions as italic labels, not points
    assert {"border", "locator", "locator-window", "graticule"} <= _gids(fig)
    assert "Moscow" in fig.alt_text and "Tin Zaouatine" in fig.alt_text
    style.close(fig)


def _places(*rows: tuple[str, str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["name", "role", "shown", "distance_km"])


@pytest.mark.parametrize(
    "rows, title",
    [
        ((("Moscow", "seed", "in the note", 4000.0),), "The articles name no place on this map"),
        (
            (("Kidal", "seed", "on the map", 194.5),),
            "The one place the articles name on this map, Kidal, lies within 200 km of the Algeria–Mali border",
        ),
        (
            (("Bamako", "seed", "on the map", 1012.4),),
            "The one place the articles name on this map, Bamako, lies 1,012 km from the Algeria–Mali border",
        ),
        (
            (("Bamako", "seed", "on the map", 1012.4), ("Algiers", "seed", "on the map", 1500.0)),
            "None of the two places the articles name on this map lies within 200 km of the Algeria–Mali border",
        ),
        (
            (("Kidal", "seed", "on the map", 194.5), ("Gao", "context", "on the map", 300.0)),
            "The one place the articles name on this map, Kidal, lies within 200 km of the Algeria–Mali border",
        ),
        (
            (("Kidal", "seed", "on the map", 194.5), ("Tessalit", "seed", "on the map", 61.1)),
            "All of the two places the articles name on this map lie within 200 km of the Algeria–Mali border",
        ),
        (
            (
                ("Kidal", "seed", "on the map", 194.5),
                ("Tessalit", "seed", "on the map", 61.1),
                ("Tin Zaouatine", "seed", "on the map", 2.1),
                ("Algiers", "seed", "on the map", 1500.0),
                ("Bamako", "seed", "on the map", 1012.4),
                ("Moscow", "seed", "in the note", 4000.0),
            ),
            "Three of the five places the articles name on this map lie within 200 km of the Algeria–Mali border; "
            "the others are Algiers and Bamako",
        ),
        (
            (("Kidal", "seed", "on the map", 200.0), ("Bamako", "seed", "on the map", 200.1)),
            "One of the two places the articles name on this map lies within 200 km of the Algeria–Mali border; "
            "the other is Bamako",
        ),
    ],
)
def test_overview_title_states_the_finding(rows, title):
    from analysis.present.maps.overview import overview_title

    assert overview_title(_places(*rows)) == title


# ---------------------------------------------------------------------------------------------- map 2
def test_border_zone_events_and_distances(events):
    zone = border.zone_events(events, places.load_gazetteer())
    got = dict(zip(zone["event_id"], zone["place_id"]))
    assert got == {
        "E024": "kidal",
        "E025": "tessalit",
        "E027": "kidal",
        "E046": "tinzaouaten",
        "E051": "tin_zaouatine",
    }
    dist = dict(zip(zone["place_id"], zone["distance_km"].round(1)))
    assert dist == {"kidal": 194.5, "tessalit": 61.1, "tin_zaouatine": 2.1, "tinzaouaten": 0.9}


def test_border_incidents_map(events, claims, record):
    fig, drawn = maps.border_incidents(events, claims, public_record=record)
    assert set(drawn["event_id"]) == set(border.zone_events(events, places.load_gazetteer())["event_id"])
    # numbered in date order, one number per event; the codes and keys stay in the frame
    assert dict(zip(drawn["event_id"], drawn["number"])) == {"E024": 1, "E025": 2, "E027": 3, "E046": 4, "E051": 5}
    assert list(drawn["key"]) == ["000¶3", "000¶3", "004¶20", "003¶60", "003¶61"]
    _common(fig)
    texts = "\n".join(_texts(fig))
    flat = " ".join(texts.split())
    # the key: date, place, country, distance, what happened, in full
    assert (
        "25 Aug 2024, Tinzaouaten (Mali, 0.9 km from the border): The Malian army carries out a drone airstrike "
        "near the border town of Tin Zaouatine." in flat
    )
    assert "31 Aug 2021–15 Nov 2021, Tessalit (Mali, 61 km from the border): French troops' departure" in flat
    assert "about Nov 2023, Kidal (Mali, 194 km from the border)" in flat
    # no PLOVER code, paragraph key, event or claim id, and nothing shortened, anywhere in the image
    for code in ("RETREAT", "ASSAULT", "MOBILIZE", "¶", "E046", "C01", "seed 0", "\u2026"):
        assert code not in texts, code
    numbers = sorted(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "event-number")
    assert numbers == ["1", "2", "3", "4", "4", "5", "5"]  # the strike and the surveillance: main map and detail
    gids = _gids(fig)
    assert {"border", "uncertainty", "detail", "detail-box", "distance", "locator", "key-text", "claim-text"} <= gids
    # the three casualty claims of 003¶63, each attributed, the outlet and the relaying article said once
    assert "Who says what about event 4 (25 Aug 2024)" in flat
    assert "All reported by Jeune Afrique, relayed in an unnamed outlet's article of 2025:" in flat
    for who in ("Government of Mali", "Local and humanitarian sources", "Algeria: Algeria's account"):
        assert who in flat, who
    assert "Public record, not the articles:" in flat and "CSP-DPA: 21 civilians killed incl. 11 children" in flat
    assert fig.finding == maps.border_title(drawn)
    assert "Tin Zaouatine 2.1 km" in fig.alt_text and "about twenty militants" in fig.alt_text
    assert "¶" not in fig.alt_text
    style.close(fig)


def test_a_border_map_too_tall_to_print_explains_fewer_numbers(monkeypatch, events, claims, record):
    """More events than fit: the key explains the first numbers and sends the reader to the table for
    the rest, so the map still prints at full size; every marker keeps its number."""
    full, _ = maps.border_incidents(events, claims, public_record=record)
    height = full.get_figheight()
    style.close(full)
    monkeypatch.setattr(style, "PRINT_MAX_HEIGHT_IN", height - 0.01)  # one hundredth of an inch too tall
    fig, drawn = maps.border_incidents(events, claims, public_record=record)
    assert fig.get_figheight() <= height - 0.01
    keys = [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "key-number"]
    assert keys == [str(n) for n in range(1, len(keys) + 1)] and 0 < len(keys) < 5
    more = " ".join(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "key-more")
    rest = "Event 5" if len(keys) == 4 else f"Events {len(keys) + 1} to 5"
    assert (
        " ".join(more.split()) == f"{rest}: see the table of the border zone's events in the Border incidents chapter."
    )
    numbers = sorted(t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_gid() == "event-number")
    assert numbers == ["1", "2", "3", "4", "4", "5", "5"]
    assert len(drawn) == 5
    style.close(fig)


def _zone(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["event_id", "date_start", "distance_km"])


@pytest.mark.parametrize(
    "rows, title",
    [
        ((), "The articles place no event in the Algeria–Mali border zone"),
        (
            (("E1", "2024-08-25", 0.9),),
            "The one event the articles place in the border zone lies within 5 km of the border, in August 2024",
        ),
        (
            (("E1", "2021-08-31", 61.1),),
            "The one event the articles place in the border zone lies 61 km from the border, in August 2021",
        ),
        (
            (("E1", "2021-08-31", 61.1), ("E2", "2023-11", 194.5)),
            "None of the two events the articles place in the border zone lies within 5 km of the border; "
            "the nearest lies 61 km from it",
        ),
        (
            (("E1", "2024-08-25", 0.9), ("E2", "2024-08-26", 2.1)),
            "All of the two events the articles place in the border zone lie within 5 km of the border, "
            "both in August 2024",
        ),
        (
            (("E1", "2024-08-25", 0.9), ("E2", "2021-08-31", 61.1)),
            "One of the two events the articles place in the border zone lies within 5 km of the border, "
            "in August 2024; the other lies 61 km from it",
        ),
        (
            (
                ("E1", "2021-08-31", 194.5),
                ("E2", "2021-08-31", 61.1),
                ("E3", "2023-11", 194.5),
                ("E4", "2024-08-25", 0.9),
                ("E5", "2024-08-26", 2.1),
            ),
            "Two of the five events the articles place in the border zone lie within 5 km of the border, "
            "both in August 2024; the other three lie 61 to 194 km from it",
        ),
        (
            (("E1", "2021-08", 4.0), ("E2", "2024-08-26", 5.0), ("E3", "2024-09", 5.1)),
            "Two of the three events the articles place in the border zone lie within 5 km of the border, "
            "between August 2021 and August 2024; the other lies 5.1 km from it",
        ),
        # an event at two places counts once, at its nearer place
        (
            (("E1", "2024-08-25", 0.9), ("E1", "2024-08-25", 12.0)),
            "The one event the articles place in the border zone lies within 5 km of the border, in August 2024",
        ),
    ],
)
def test_border_title_states_the_finding(rows, title):
    assert maps.border_title(_zone(*rows)) == title


# ---------------------------------------------------------------------------------------------- determinism
@pytest.mark.slow  # draws every map twice: in make test, not in make check
@pytest.mark.parametrize("name", ["regional_overview", "border_incidents"])
def test_maps_are_byte_identical_when_built_twice(tmp_path, name, events, claims, record):
    build = {
        "regional_overview": lambda: maps.regional_overview()[0],
        "border_incidents": lambda: maps.border_incidents(events, claims, public_record=record)[0],
    }[name]
    assert _sha(build(), tmp_path / "a.png") == _sha(build(), tmp_path / "b.png")
