"""The event ledger on the real seeds: codebook, exact counts, specific rows, the JSON export, the
pandera schema, and every kind of bad row caught with a message naming file, row and problem."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import frozen
import pandas as pd
import pytest
from scopes import per_module

from analysis.core import paths
from analysis.ledger.codebook import CONTEXTS, DATE_BASES, PLOVER_TYPES, PRECISIONS
from analysis.ledger.events import (
    EVENT_COLUMNS,
    EVENTS_SCHEMA,
    JSON_PATH,
    REQUIRED,
    LedgerError,
    check_ledger,
    chronological,
    cited_keys,
    event_problems,
    export_json,
    json_records,
    load_events,
)
from analysis.sources.actors import load_actors

EVENTS_CSV = paths.DATA_DIR / "events.csv"


@pytest.fixture(scope=per_module)
def events():
    return load_events()


@pytest.fixture(scope=per_module)
def actors():
    return load_actors()


def _rows() -> list[dict]:
    with EVENTS_CSV.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(rows: list[dict], path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return path


def _bad_copy(tmp_path: Path, target: str, **changes: str) -> tuple[Path, int]:
    """A copy of the real ledger with row ``target`` changed; returns the path and the row's CSV line."""
    rows = _rows()
    index = next(i for i, r in enumerate(rows) if r["event_id"] == target)
    rows[index].update(changes)
    return _write(rows, tmp_path / "events.csv"), index + 2


# ---------------------------------------------------------------- the real ledger
def test_real_ledger_loads_typed(events, expected):
    assert len(events) == expected["events"]
    assert list(events.columns[: len(EVENT_COLUMNS)]) == list(EVENT_COLUMNS)
    assert str(events["paragraph"].dtype) == "int64" and str(events["score"].dtype) == "float64"
    ids = sorted(events["event_id"], key=lambda e: int(e[1:]))
    assert ids == [f"E{n:03d}" for n in range(1, len(events) + 1)]  # row n of the file is E n
    assert events["start_day"].is_monotonic_increasing  # the loader's order


def test_real_ledger_is_consistent_with_corpus(events, paras, catalog, actors):
    from analysis.ledger.reference import load_public_record
    from analysis.sources.places import load_gazetteer

    assert event_problems() == []
    assert check_ledger(events, paras, catalog, actors, load_gazetteer(), record_keys=load_public_record()["key"]) == []


# Exact counts on the frozen fixture ledger (tests/fixtures, see frozen.py), never on the live one.
def test_counts_per_plover_type():
    events = frozen.events()
    assert events["event_type"].value_counts().to_dict() == {
        "CONSULT": 17,
        "ACCUSE": 15,
        "SUPPORT": 13,
        "AGREE": 6,
        "COOPERATE": 6,
        "SANCTION": 4,
        "REQUEST": 4,
        "AID": 3,
        "RETREAT": 3,
        "ASSAULT": 2,
        "REJECT": 2,
        "MOBILIZE": 2,
        "COERCE": 1,
    }


def test_counts_per_seed_and_precision():
    events = frozen.events()
    assert events["seed"].value_counts().to_dict() == {"003": 41, "000": 13, "004": 13, "001": 7, "002": 4}
    assert events["date_precision"].value_counts().to_dict() == {"approximate": 47, "day": 25, "month": 6}


def test_scores_follow_the_codebook(events):
    assert PLOVER_TYPES["ASSAULT"].score == -9.3 and PLOVER_TYPES["CONSULT"].score == 2.1
    assert PLOVER_TYPES["REQUEST"].manual_name == "DEMAND" and PLOVER_TYPES["REQUEST"].score == -5.0
    for rec in events.itertuples():
        assert rec.score == PLOVER_TYPES[rec.event_type].score
        assert rec.event_mode == "" or rec.event_mode in PLOVER_TYPES[rec.event_type].mode_names
        assert rec.context in CONTEXTS


def test_drone_strike_row(events):
    row = events[(events["seed"] == "003") & (events["paragraph"] == 60)].iloc[0]
    assert row["event_id"] == "E046"
    assert (row["event_type"], row["event_mode"]) == ("ASSAULT", "heavy-weapons")
    assert (row["date_start"], row["date_end"], row["date_precision"]) == ("2024-08-25", "2024-08-25", "day")
    # "in the vicinity of the border town of Tin Zaouatine": the place is the Malian commune the public
    # record names, never the Algerian town's point
    assert (row["place"], row["actor1"], row["actor2"]) == ("tinzaouaten", "fama", "")
    assert row["record_key"] == "tinzaouaten_strike_claims"


def test_moscow_meeting_row(events):
    row = events[(events["seed"] == "004") & (events["paragraph"] == 6) & (events["event_type"] == "CONSULT")].iloc[0]
    assert (row["event_mode"], row["date_start"], row["date_precision"]) == ("visit", "2024-02-28", "day")
    assert (row["actor1"], row["actor2"], row["place"]) == ("diop", "lavrov", "moscow")


def test_seed_versions_are_kept(events):
    by_key = events.set_index("record_key")
    assert by_key.loc["tebboune_bogdanov", "date_start"] == "2024-12-20"  # record: 19 December
    signing = by_key.loc["algiers_agreement_signing"]
    assert (signing["date_start"], signing["place"]) == ("2015-06-15", "algiers")


def test_relative_dates_are_resolved_with_notes(events):
    row = lambda key: events[events["key"] == key].iloc[0]  # noqa: E731
    assert (row("003¶68")["date_start"], row("003¶68")["date_precision"]) == ("2023-12", "approximate")
    assert "'in December'" in row("003¶68")["notes"]
    assert row("004¶15")["date_start"] == "2024-02-27" and "'on Tuesday'" in row("004¶15")["notes"]
    assert row("004¶20")["date_start"] == "2023-11" and "'Three months later'" in row("004¶20")["notes"]
    assert row("004¶5")["date_start"] == "2023-07" and row("004¶5")["date_precision"] == "approximate"


def test_contested_pairs(events):
    contested = dict(zip(events["event_id"], events["contested_with"]))
    assert contested["E048"] == "E049" and contested["E049"] == "E048"
    assert contested["E056"] == "E074" and contested["E074"] == "E056"  # northern movements: political vs terrorist
    assert contested["E076"] == "E066;E070"  # Algeria and terrorism
    assert contested["E063"] == "E064;E065"


def test_no_003_event_after_3_january_2025(events):
    assert events[events["seed"] == "003"]["start_day"].max().strftime("%Y-%m-%d") == "2025-01-03"


# ---------------------------------------------------------------- export
def test_json_export_matches_csv(events):
    doc = json.loads(JSON_PATH.read_text(encoding="utf-8"))
    assert doc["events"] == json_records(events)
    raws = {
        r["event_id"]: r for r in _rows()
    }  # the JSON is in the loader's order, the file in the order rows were added
    assert [r["event_id"] for r in doc["events"]] == list(events["event_id"])
    for rec in doc["events"]:
        raw = raws[rec["event_id"]]
        assert set(rec) == set(raw)
        for col, value in raw.items():
            if col == "paragraph":
                assert rec[col] == int(value)
            elif col == "score":
                assert rec[col] == float(value)
            elif col in ("also_in", "contested_with"):
                assert ";".join(rec[col]) == value
            else:
                assert rec[col] == value


def test_export_json_round_trip(events, tmp_path):
    path = export_json(events, tmp_path / "events.json")
    assert path.read_bytes() == JSON_PATH.read_bytes()


# ---------------------------------------------------------------- bad rows, caught by the loader
@pytest.mark.parametrize(
    "event_id, changes, expected",
    [
        ("E046", {"event_type": "ATTACK"}, "event_type 'ATTACK' is not a PLOVER type"),
        ("E046", {"event_mode": "aerial"}, "event_mode 'aerial' is not a mode of ASSAULT"),
        (
            "E046",
            {"date_start": "2024-13-25", "date_end": "2024-13-25"},
            "date_start: '2024-13-25' is not a calendar date",
        ),
        ("E046", {"date_start": "25/08/2024"}, "is not an ISO date"),
        ("E047", {"date_end": "2024-08-24"}, "date_start 2024-08-25 is after date_end 2024-08-24"),
        (
            "E046",
            {"date_start": "2024-08", "date_end": "2024-08"},
            "date_precision day but date_start '2024-08' is written to the month",
        ),
        ("E046", {"score": "-5.0"}, "score -5.0 differs from the codebook score of ASSAULT (-9.3)"),
        ("E046", {"quote": ""}, "quote is empty"),
        ("E046", {"actor1": "", "actor2": ""}, "no actor"),
        ("E046", {"event_id": "E047"}, "event_id out of sequence (expected E046)"),
    ],
)
def test_loader_names_file_row_and_problem(tmp_path, event_id, changes, expected):
    path, line = _bad_copy(tmp_path, event_id, **changes)
    with pytest.raises(LedgerError) as exc:
        load_events(path)
    msg = str(exc.value)
    assert msg.startswith(f"{path}: row ")
    assert f"(line {line})" in msg
    assert expected in msg
    assert any(expected in p for p in event_problems(path))


def test_duplicate_id_is_listed(tmp_path):
    path, line = _bad_copy(tmp_path, "E046", event_id="E047")
    assert f"{path}: row E047 (line {line + 1}): duplicate event_id (also line {line})" in event_problems(path)


def test_missing_column_is_refused(tmp_path):
    rows = [{k: v for k, v in r.items() if k != "quote"} for r in _rows()]
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=[c for c in EVENT_COLUMNS if c != "quote"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(LedgerError, match="missing columns: quote"):
        load_events(path)


# ---------------------------------------------------------------- the schema
def test_schema_is_built_from_the_codebook():
    columns = EVENTS_SCHEMA.columns
    assert list(columns) == list(EVENT_COLUMNS)
    assert {name for name, col in columns.items() if not col.nullable} == set(REQUIRED)
    assert (str(columns["score"].dtype), str(columns["paragraph"].dtype)) == ("float64", "int64")
    assert columns["event_id"].unique
    allowed = {
        name: check.statistics["allowed_values"]
        for name, col in columns.items()
        for check in col.checks
        if check.name == "isin"
    }
    assert allowed == {
        "event_type": list(PLOVER_TYPES),
        "context": list(CONTEXTS),
        "date_precision": list(PRECISIONS),
        "date_basis": list(DATE_BASES),
    }


@pytest.mark.parametrize(
    "event_id, changes, problem",
    [
        ("E046", {"event_type": "ATTACK"}, f"event_type 'ATTACK' is not a PLOVER type ({', '.join(PLOVER_TYPES)})"),
        (
            "E046",
            {"date_start": "2024-8-25"},
            "date_start: '2024-8-25' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)",
        ),
        ("E047", {"date_end": "2024-08-24"}, "date_start 2024-08-25 is after date_end 2024-08-24"),
        ("E046", {"score": "minus nine"}, "score 'minus nine' is not a number"),
    ],
)
def test_schema_problem_names_file_line_and_id(tmp_path, event_id, changes, problem):
    path, line = _bad_copy(tmp_path, event_id, **changes)
    with pytest.raises(LedgerError) as exc:
        load_events(path)
    assert str(exc.value).splitlines() == [f"{path}: row {event_id} (line {line}): {problem}"]
    assert exc.value.row == f"{event_id} (line {line})"


def test_schema_catches_a_duplicated_event_id(tmp_path):
    path, line = _bad_copy(tmp_path, "E046", event_id="E047")
    with pytest.raises(LedgerError) as exc:
        load_events(path)
    assert str(exc.value).splitlines() == [
        f"{path}: row E047 (line {line}): event_id out of sequence (expected E046)",
        f"{path}: row E047 (line {line + 1}): duplicate event_id (also line {line})",
    ]


def test_every_problem_is_listed_one_per_line(tmp_path):
    rows = _rows()
    rows[9]["score"] = "x"
    rows[45].update(event_type="ATTACK", quote="")
    path = _write(rows, tmp_path / "events.csv")
    with pytest.raises(LedgerError) as exc:
        load_events(path)
    assert str(exc.value) == "\n".join(event_problems(path))
    assert str(exc.value).splitlines() == [
        f"{path}: row E010 (line 11): score 'x' is not a number",
        f"{path}: row E046 (line 47): event_type 'ATTACK' is not a PLOVER type ({', '.join(PLOVER_TYPES)})",
        f"{path}: row E046 (line 47): quote is empty",
    ]


def test_rows_of_any_date_are_accepted_and_the_loader_orders_them(tmp_path):
    rows = _rows()
    last = rows[-1]
    n = len(rows)
    # a row added last that reports something older than every row, and one dated like the last row
    older = rows[0] | {"event_id": f"E{n + 1:03d}", "date_start": "1980", "date_end": "1980"}
    same_day = last | {"event_id": f"E{n + 2:03d}"}
    path = _write([*rows, older, same_day], tmp_path / "events.csv")
    assert event_problems(path) == []
    loaded = load_events(path)
    assert loaded["event_id"].iloc[0] == older["event_id"]  # sorted by date, not by file order
    assert loaded["line"].iloc[0] == n + 2  # the row keeps its line in the file
    assert loaded["start_day"].is_monotonic_increasing
    # same day, seed and paragraph: the id breaks the tie
    tied = loaded[loaded["key"] == loaded.loc[loaded["event_id"] == same_day["event_id"], "key"].iloc[0]]
    tied = tied[tied["date_start"] == last["date_start"]]
    assert list(tied["event_id"])[-2:] == [last["event_id"], same_day["event_id"]]
    assert sorted(loaded["event_id"], key=lambda e: int(e[1:])) == [r["event_id"] for r in [*rows, older, same_day]]


def test_empty_ledger_is_refused(tmp_path):
    path = _write([], tmp_path / "events.csv")
    assert event_problems(path) == [f"{path}: no rows"]


# ---------------------------------------------------------------- bad rows, caught against the corpus
def _integrity(path: Path, paras, catalog, actors) -> list[str]:
    from analysis.sources.places import load_gazetteer

    return check_ledger(load_events(path), paras, catalog, actors, load_gazetteer())


@pytest.mark.parametrize(
    "event_id, changes, expected",
    [
        ("E046", {"quote": "an airstrike carried out by the Algerian military"}, "quote not found in 003¶60"),
        ("E046", {"actor1": "wagner_group"}, "actor1 'wagner_group' is not in actors.csv"),
        ("E046", {"claimed_by": "le_monde"}, "claimed_by 'le_monde' is not in actors.csv"),
        (
            "E025",
            {"date_start": "2021-09-01", "date_end": "2021-09-01"},
            "dated 2021-09-01, after the latest possible publication of its source 000 (2021-08-31)",
        ),
        ("E048", {"contested_with": ""}, "contested_with E048 is not symmetric (E048 does not list E049)"),
        ("E048", {"contested_with": "E049;E099"}, "contested_with E099 does not exist"),
        ("E058", {"paragraph": "5", "quote": "brahim BR"}, "paragraph 002¶5 is boilerplate (byline), not evidence"),
        ("E046", {"also_in": "003¶63;003¶57"}, "also_in paragraph 003¶57 is boilerplate"),
        ("E046", {"place": "timbuctoo"}, "place 'timbuctoo' is not in the gazetteer"),
        ("E058", {"paragraph": "99"}, "paragraph 002¶99 does not exist"),
    ],
)
def test_integrity_names_file_row_and_problem(tmp_path, paras, catalog, actors, event_id, changes, expected):
    path, line = _bad_copy(tmp_path, event_id, **changes)
    problems = _integrity(path, paras, catalog, actors)
    hits = [p for p in problems if expected in p]
    assert hits, problems
    row = "E049" if "does not list" in expected else event_id
    line = line + 1 if row == "E049" else line
    assert hits[0].startswith(f"{path}: row {row} (line {line}): ")


# ---------------------------------------------------------------- HTML table
def test_ledger_html_links_and_escapes(events, expected):
    from analysis.present.tables import ledger_html

    page = ledger_html(events)
    assert page.startswith('<table class="ledger-table">')
    assert page.count("<tr id=\"ledger-E") == expected["events"]
    assert '<a href="appendix_seeds.html#p-003-60">003¶60</a>' in page
    assert '<a href="#ledger-E049">E049</a>' in page
    hostile = events.head(1).copy()
    hostile["quote"] = '<script>alert("x")</script>'
    hostile["summary"] = "a & b"
    html_text = ledger_html(hostile)
    assert "<script>" not in html_text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html_text and "a &amp; b" in html_text


# ---------------------------------------------------------------- the README's codebook matches the code
def test_readme_codebook_matches_code_and_ledger():
    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    for t in PLOVER_TYPES.values():
        score = f"{t.score:+.1f}".replace("-", "\u2212")
        modes = ", ".join(t.mode_names) or "(none)"
        line = f"| {t.name} | {t.quad} | {score} | {t.manual_name or t.name} | {modes} |"
        assert line in readme, line
    events = frozen.events()  # the first edition's ledger, whose modes the README lists
    for etype, mode in sorted(set(zip(events["event_type"], events["event_mode"]))):
        if mode:
            desc = dict(PLOVER_TYPES[etype].modes)[mode]
            assert f"| {etype} | {mode} | {desc} |" in readme, (etype, mode)


# ---------------------------------------------------------------- near misses on the frozen ledger
FROZEN_CSV = frozen.DATA / "events.csv"


def _frozen_copy(tmp_path: Path, target: str, **changes: str) -> Path:
    """A copy of the frozen fixture ledger with row ``target`` changed."""
    with FROZEN_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    next(r for r in rows if r["event_id"] == target).update(changes)
    return _write(rows, tmp_path / "events.csv")


@pytest.mark.parametrize(
    "event_id, changes, problem",
    [
        ("E046", {"date_end": "2024-08"}, "date_precision day but date_end '2024-08' is written to the month"),
        ("E046", {"score": "-9.2"}, "score -9.2 differs from the codebook score of ASSAULT (-9.3)"),
        ("E003", {"event_mode": "visit"}, "event_mode 'visit' is not a mode of SUPPORT (allowed: none)"),
        (
            "E020",
            {"date_start": "2021-08-30"},
            "date_basis before needs date_start equal to date_end (the upper bound)",
        ),
    ],
)
def test_loader_near_misses_on_the_frozen_ledger(tmp_path, event_id, changes, problem):
    path = _frozen_copy(tmp_path, event_id, **changes)
    assert [p.split(": ", 2)[-1] for p in event_problems(path)] == [problem]


def test_loader_accepts_what_the_rules_allow(tmp_path):
    modes = ", ".join(PLOVER_TYPES["ASSAULT"].mode_names)
    path = _frozen_copy(tmp_path, "E046", event_mode="aerial")
    assert [p.split(": ", 2)[-1] for p in event_problems(path)] == [
        f"event_mode 'aerial' is not a mode of ASSAULT (allowed: {modes})"
    ]
    assert event_problems(_frozen_copy(tmp_path, "E046", score="-9.30")) == []  # the same number
    # the codebook score is matched to within 1e-9, absolutely: past it (5e-9) a score differs
    assert event_problems(_frozen_copy(tmp_path, "E046", score="-9.3000000001")) == []
    assert "differs from the codebook score" in event_problems(_frozen_copy(tmp_path, "E046", score="-9.300000005"))[0]
    # an approximate date may start in a month and end on a day of it: its first day decides
    assert event_problems(_frozen_copy(tmp_path, "E048", date_start="2024-08", date_end="2024-08-26")) == []
    assert event_problems(tmp_path / "none.csv") == [f"{tmp_path / 'none.csv'}: file not found"]


def test_loader_adds_key_and_days():
    row = frozen.events().set_index("event_id").loc["E028"]  # "December 2023", 003¶55
    assert row["key"] == "003\u00b655"
    assert (row["start_day"], row["end_day"]) == (pd.Timestamp("2023-12-01"), pd.Timestamp("2023-12-31"))


def test_chronological_order_is_day_seed_paragraph_then_id_by_number():
    frame = pd.DataFrame(
        {
            "event_id": ["E1000", "E999", "E100", "E099", "E001"],
            "start_day": pd.to_datetime(["2024-01-01"] * 4 + ["2023-12-31"]),
            "seed": ["003", "003", "1000", "999", "003"],
            "paragraph": [5, 5, 1, 1, 9],
        }
    )
    frame.attrs["source"] = "x.csv"
    out = chronological(frame)
    assert list(out["event_id"]) == ["E001", "E999", "E1000", "E099", "E100"]
    assert list(out.index) == [0, 1, 2, 3, 4] and out.attrs["source"] == "x.csv"
    assert cited_keys({"seed": "003", "paragraph": 60}) == ["003\u00b660"]  # no also_in column


def _frozen_problems(path: Path, **kw) -> list[str]:
    args = (frozen.paragraphs(), kw.pop("catalog", frozen.catalog()), frozen.actors(), frozen.gazetteer())
    return check_ledger(load_events(path), *args, **kw)


@pytest.mark.parametrize(
    "event_id, changes, problems",
    [
        (
            "E058",
            {"paragraph": "99", "also_in": "002\u00b65"},
            [
                "paragraph 002\u00b699 does not exist",
                "also_in paragraph 002\u00b65 is boilerplate (byline), not evidence",
            ],
        ),
        (
            "E046",
            {"summary": 'The army strikes near "Tin zaouatine".'},  # one letter's case off
            ["summary quotes 'Tin zaouatine', not in 003\u00b660"],
        ),
        ("E048", {"contested_with": "E049;E048"}, ["contested_with names the row itself"]),
    ],
)
def test_check_ledger_near_misses_on_the_frozen_ledger(tmp_path, event_id, changes, problems):
    path = _frozen_copy(tmp_path, event_id, **changes)
    line = 1 + int(event_id[1:])
    assert _frozen_problems(path) == [f"{path}: row {event_id} (line {line}): {p}" for p in problems]


def test_check_ledger_record_keys_catalogue_and_defaults(tmp_path):
    path = _frozen_copy(tmp_path, "E046", record_key="tinzaouaten_strike_claim")  # one letter off
    records = set(frozen.public_record()["key"])
    assert _frozen_problems(path) == []  # record keys not given: not checked
    assert _frozen_problems(path, record_keys=records) == [
        f"{path}: row E046 (line 47): record_key 'tinzaouaten_strike_claim' is not in public_record.csv"
    ]
    assert _frozen_problems(FROZEN_CSV, record_keys=records) == []
    no_003 = frozen.catalog()[frozen.catalog()["seed"] != "003"]
    assert f"{FROZEN_CSV}: row E046 (line 47): seed 003 is not in the catalogue" in _frozen_problems(
        FROZEN_CSV, catalog=no_003
    )
    # a frame without its source or lines (made in memory) is named as the ledger, line unknown
    bare = load_events(path).drop(columns="line")
    bare.attrs.clear()
    args = (frozen.paragraphs(), frozen.catalog(), frozen.actors(), frozen.gazetteer())
    assert check_ledger(bare, *args, record_keys=records) == [
        f"{paths.DATA_DIR / 'events.csv'}: row E046 (line ?): record_key 'tinzaouaten_strike_claim' is not in "
        "public_record.csv"
    ]
