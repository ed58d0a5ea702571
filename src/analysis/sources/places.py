"""The gazetteer: every place the seeds name, with coordinates, aliases and where each fact comes from.

``data/gazetteer.csv`` is written by ``scripts/build_geo.py`` and checked here on load. One row per place:

``place_id``
    stable key (``tin_zaouatine``); the ledger's ``place`` column uses these keys.
``name``, ``kind``
    display name; kind is one of :data:`KINDS` (city, town, commune, region, country).
``role``
    ``seed`` (a seed names it: ``seed_refs`` lists the paragraphs), ``context`` (shown on maps for
    orientation only, never named by a seed) or ``public_record`` (comes from the public record, not the
    seeds: Tinzaouaten, the Malian commune opposite Tin Zaouatine).
``aliases``
    ``|``-separated spellings (English, French, transliterations). Look-ups fold case and accents and treat
    hyphens as spaces, so ``Tinzaouatène``, ``tinzaouatene`` and ``TINZAOUATENE`` are the same key.
``iso3``, ``lat``, ``lon``, ``geonames_id``, ``source``, ``precision_km``
    country, WGS84 coordinates, the GeoNames id where GeoNames cities500 has the place, where the
    coordinates come from and how far the true location may be from the point (km).
``seed_refs``
    ``;``-separated paragraph keys (``003¶60;003¶61``) where the seeds name the place outside boilerplate;
    empty for context and public-record places.
``note``
    anything a reader of a map needs to know about the point.

Names that contain a place name but do not name the place (``Algiers Agreement``, ``G5 Sahel``,
``Alliance of Sahel States``, the outlet ``Une Plume du Mali``...) are listed in
``data/non_place_phrases.csv`` (:func:`non_place_phrases`) and ignored by :func:`find_places`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pandera.pandas as pa

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import EXAMPLE, KEY
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, row_check, table_schema
from analysis.core.text import fold, whole_words

GAZETTEER_PATH = paths.DATA_DIR / "gazetteer.csv"
COLUMNS: tuple[str, ...] = (
    "place_id",
    "name",
    "kind",
    "role",
    "aliases",
    "iso3",
    "lat",
    "lon",
    "geonames_id",
    "source",
    "precision_km",
    "seed_refs",
    "note",
)
KINDS: tuple[str, ...] = ("city", "town", "commune", "region", "country")
ROLES: tuple[str, ...] = ("seed", "context", "public_record")
CRS = "EPSG:4326"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO3 = re.compile(r"^[A-Z]{3}$")


class PlaceError(AnalysisError):
    """The gazetteer or a place reference is unusable; the message names the file, the row and the problem."""


NON_PLACE_PATH = paths.DATA_DIR / "non_place_phrases.csv"
#: What a non-place phrase names (the ``what`` column of ``data/non_place_phrases.csv``).
NON_PLACE_KINDS: tuple[str, ...] = ("agreement", "process", "organisation", "mission", "outlet")

#: ``data/non_place_phrases.csv`` as read: one phrase a row, what it names, the place whose name it holds.
NON_PLACE_SCHEMA = table_schema(
    ("phrase", "what", "place_id"),
    ("phrase", "what", "place_id"),
    {
        "what": [one_of(NON_PLACE_KINDS)],
        "place_id": [matches(_ID, "place_id {value!r} must be lower-case letters, digits and underscores")],
    },
    unique=("phrase",),
)


def load_non_place_phrases(path: str | Path = NON_PLACE_PATH) -> pd.DataFrame:
    """Read and check ``data/non_place_phrases.csv``: phrases (compared folded) that contain a place name
    without naming the place (agreements and processes named after a city, organisations named after a
    region, an outlet's name), with ``what`` they name and the ``place_id`` whose name they contain.

    Returns the rows in file order (the order :func:`find_places` blanks them out). Raises
    :class:`PlaceError` listing every problem, one per line, naming the file and the row (its phrase and
    line).
    """
    path = Path(path)
    frame, problems = check_table(path, NON_PLACE_SCHEMA, "phrase", PlaceError)
    if problems:
        raise_problems(PlaceError, path, problems)
    frame = frame.drop(columns="line").reset_index(drop=True)
    frame.attrs = {"path": str(path)}
    return frame


@lru_cache(maxsize=4)
def _cached_phrases(path: str, mtime: float) -> tuple[str, ...]:
    return tuple(load_non_place_phrases(path)["phrase"])


def non_place_phrases() -> tuple[str, ...]:
    """The phrases of ``data/non_place_phrases.csv`` (see :func:`load_non_place_phrases`), in file order;
    read once per version of the file."""
    path = Path(NON_PLACE_PATH)
    if not path.exists():
        raise PlaceError(path, "file not found")
    return _cached_phrases(str(path), path.stat().st_mtime)


def __getattr__(name: str):
    """``NON_PLACE_PHRASES``: :func:`non_place_phrases`, read when first asked for."""
    if name == "NON_PLACE_PHRASES":
        return non_place_phrases()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def alias_key(name: str) -> str:
    """Look-up key of a place name: folded (NFC, accents removed, case-folded), hyphens and apostrophes
    as in :func:`analysis.core.text.fold`, hyphens and runs of spaces made one space."""
    return re.sub(r"[\s\-]+", " ", fold(name)).strip()


def _split(value: str, sep: str) -> list[str]:
    return [part.strip() for part in str(value).split(sep) if part.strip()]


def _in_range(column: str, lo: float, hi: float) -> pa.Check:
    """Check: a number within ``[lo, hi]`` (cells that failed coercion pass: they are reported as not
    numbers)."""

    def inside(cells: pd.Series) -> pd.Series:
        number = pd.to_numeric(cells, errors="coerce")
        return ~((number < lo) | (number > hi))

    return pa.Check(inside, error=column + " {value} is outside " + f"[{lo}, {hi}]")


def _refs(row: dict) -> list[str]:
    return _split(row["seed_refs"], ";")


#: The gazetteer as read (text, empty cells NA): ids, codes, coordinates, sources, seed references.
GAZETTEER_SCHEMA = table_schema(
    COLUMNS,
    ("place_id", "name", "kind", "role", "lat", "lon", "precision_km"),
    {
        "place_id": [matches(_ID, "place_id {value!r} must be lower-case letters, digits and underscores")],
        "kind": [one_of(KINDS)],
        "role": [one_of(ROLES)],
        "iso3": [matches(_ISO3, "iso3 {value!r} is not three capital letters")],
        "lat": [_in_range("lat", -90.0, 90.0)],
        "lon": [_in_range("lon", -180.0, 180.0)],
        "precision_km": [
            pa.Check(lambda s: ~(pd.to_numeric(s, errors="coerce") <= 0), error="precision_km {value} is not positive")
        ],
        "geonames_id": [matches(re.compile(r"^\d+$"), "geonames_id {value!r} is not a whole number")],
        "seed_refs": [
            items_match(KEY, "seed_refs {value!r} is not a ;-separated list of paragraph keys like " + EXAMPLE)
        ],
    },
    row_checks=[
        row_check(lambda r: r["kind"] == "region" or bool(r["iso3"]), "a {kind} needs an iso3 country code"),
        row_check(lambda r: bool(r["source"]), "source is empty: every coordinate must say where it comes from"),
        row_check(lambda r: r["role"] != "seed" or bool(_refs(r)), "role is 'seed' but seed_refs is empty"),
        row_check(lambda r: r["role"] == "seed" or not _refs(r), "role is {role!r} but seed_refs is not empty"),
    ],
    numbers={"lat": "float64", "lon": "float64", "precision_km": "float64"},
    unique=("place_id",),
)


def _shared_aliases(frame: pd.DataFrame) -> list[str]:
    """Problems of a well-formed gazetteer: every alias (or name) that two places share, one line
    each, naming the later row and the place that has it first."""
    path = frame.attrs["source"]
    owner: dict[str, tuple[str, int]] = {}
    problems: list[str] = []
    for rec in frame.itertuples(index=False):
        for alias in [rec.name, *_split(rec.aliases, "|")]:
            key = alias_key(alias)
            other = owner.get(key)
            if other and other[0] != rec.place_id:
                problems.append(
                    f"{path}: row {rec.place_id} (line {rec.line}): alias {alias!r} of {rec.place_id!r} is also "
                    f"an alias of {other[0]!r} (line {other[1]})"
                )
            else:
                owner[key] = (rec.place_id, rec.line)
    return problems


def _check_gazetteer(path: Path) -> tuple[pd.DataFrame | None, list[str]]:
    if not path.exists():
        raise PlaceError(path, "gazetteer not found (run scripts/build_geo.py)")
    frame, problems = check_table(path, GAZETTEER_SCHEMA, "place_id", PlaceError)
    return frame, problems or _shared_aliases(frame)


def gazetteer_problems(path: str | Path = GAZETTEER_PATH) -> list[str]:
    """Every problem of the gazetteer, one line each (``FILE: row kidal (line 4): problem``): first
    :data:`GAZETTEER_SCHEMA`'s; once the file is well formed, aliases that two places share."""
    try:
        return _check_gazetteer(Path(path))[1]
    except PlaceError as exc:
        return [str(exc)]


def load_gazetteer(path: str | Path = GAZETTEER_PATH) -> pd.DataFrame:
    """Read and check ``data/gazetteer.csv`` (see :func:`gazetteer_problems`).

    Returns one row per place with :data:`COLUMNS`; ``lat``, ``lon``, ``precision_km`` as float,
    ``geonames_id`` as nullable Int64, the text columns as strings (empty string, not NA, when blank).
    Raises :class:`PlaceError` listing every problem, one per line, each naming the file and the row
    (its place_id and line): a missing file or column, a duplicate place_id, a bad value, an alias that
    two places share.
    """
    path = Path(path)
    frame, problems = _check_gazetteer(path)
    if problems:
        raise_problems(PlaceError, path, problems)
    frame = frame.drop(columns="line")
    frame["geonames_id"] = pd.to_numeric(frame["geonames_id"].replace("", None)).astype("Int64")
    frame.attrs = {"path": str(path)}
    return frame


@lru_cache(maxsize=4)
def _cached_gazetteer(path: str, mtime: float) -> pd.DataFrame:
    return load_gazetteer(path)


def _gazetteer(gazetteer: pd.DataFrame | None) -> pd.DataFrame:
    if gazetteer is not None:
        return gazetteer
    path = Path(GAZETTEER_PATH)
    if not path.exists():
        raise PlaceError(path, "gazetteer not found (run scripts/build_geo.py)")
    return _cached_gazetteer(str(path), path.stat().st_mtime)


def alias_table(gazetteer: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (alias, place): columns ``alias`` (as written), ``key`` (:func:`alias_key`), ``place_id``.
    The place's ``name`` and its ``place_id`` with underscores as spaces count as aliases."""
    gaz = _gazetteer(gazetteer)
    rows = []
    for rec in gaz.itertuples(index=False):
        names = [rec.name, rec.place_id.replace("_", " "), *_split(rec.aliases, "|")]
        for alias in dict.fromkeys(names):
            rows.append({"alias": alias, "key": alias_key(alias), "place_id": rec.place_id})
    return pd.DataFrame(rows).drop_duplicates(["key", "place_id"], ignore_index=True)


def geocode(name: str, gazetteer: pd.DataFrame | None = None) -> pd.Series:
    """The gazetteer row of the place called ``name`` (any alias, any case, with or without accents).

    Raises :class:`PlaceError` for a name that no alias matches, naming it and suggesting near names.
    """
    gaz = _gazetteer(gazetteer)
    table = alias_table(gaz)
    key = alias_key(name)
    hit = table[table["key"] == key]
    if hit.empty:
        first = key[:3]
        near = sorted(set(table.loc[table["key"].str.startswith(first), "alias"])) if first else []
        hint = f"; similar names: {', '.join(near[:6])}" if near else ""
        raise PlaceError(gaz.attrs.get("path", GAZETTEER_PATH), f"unknown place {name!r}{hint}")
    pid = hit["place_id"].iloc[0]
    return gaz[gaz["place_id"] == pid].iloc[0]


def _pattern(alias: str) -> str:
    parts = [re.escape(p) for p in alias_key(alias).split(" ")]
    return r"[\s\-]+".join(parts)


def find_places(text: str, gazetteer: pd.DataFrame | None = None) -> list[str]:
    """The place_ids named in ``text``, in order of first mention, each once.

    Matching is on whole words (``Mali`` in ``Mali's`` but not in ``Malian`` or ``Maliweb``), folds case and
    accents, and prefers the longest alias at a position (``northern Mali`` gives ``northern_mali``, not also
    ``mali``). Phrases of :func:`non_place_phrases` are blanked out first.
    """
    return place_matcher(gazetteer)(text)


def _needle(key: str) -> str:
    """The longest run of word characters of an alias key: every match of the key's pattern contains it."""
    return max(re.findall(r"\w+", key), key=len, default="")


#: Joins the texts of one batch (:meth:`PlaceMatcher.many`): neither a word character, white space nor a
#: hyphen, so no alias or phrase matches across it and the word guards see it as the edge of a text. A
#: text holding it has it replaced by ``\x01``, which matches the same way.
JOIN = "\x00"


class PlaceMatcher:
    """Finds place ids in texts (see :func:`find_places`), the alias table built and its patterns compiled
    once. ``matcher(text)`` for one text; ``matcher.many(texts)`` for the sentences of a whole article in
    one pass (the same ids for each text as one call per text gives).

    One alternation of all aliases, longest first, finds the places. A batch is searched only with the
    aliases (and non-place phrases) whose longest word occurs in it, as a substring: an alias whose word is
    absent cannot match, so the result is that of the full alternation, at a fraction of its cost (the
    alternation of each such subset is compiled once and kept)."""

    def __init__(self, gazetteer: pd.DataFrame | None = None):
        gaz = _gazetteer(gazetteer)
        self.blanks = [
            (_needle(alias_key(phrase)), re.compile(whole_words(_pattern(phrase)))) for phrase in non_place_phrases()
        ]
        table = alias_table(gaz)
        table = table.assign(length=table["key"].str.len()).sort_values(["length", "key"], ascending=[False, True])
        keys = table["key"].tolist()
        self.alternatives = [f"({_pattern(a)})" for a in keys]
        self.needles = [_needle(k) for k in keys]
        self.ids = table["place_id"].tolist()
        self.regex = lru_cache(maxsize=4096)(self._regex)

    def _regex(self, subset: tuple[int, ...]) -> re.Pattern:
        return re.compile(r"(?<!\w)(?:" + "|".join(self.alternatives[i] for i in subset) + r")(?!\w)")

    def __call__(self, text: str) -> list[str]:
        return self.many([text])[0]

    def many(self, texts: list[str]) -> list[list[str]]:
        """The place ids of each of ``texts``, found in one pass over all of them: the texts are folded
        together (joined by :data:`JOIN`), the non-place phrases blanked out and the alternation run
        once over the whole, and each match goes to the text it falls in by its offset."""
        folded = alias_key(JOIN.join(str(t).replace(JOIN, "\x01") for t in texts))
        for needle, blank in self.blanks:
            if needle in folded:
                folded = blank.sub(lambda m: " " * len(m.group(0)), folded)
        starts, at = [], 0
        for part in folded.split(JOIN):
            starts.append(at)
            at += len(part) + 1
        if len(starts) != len(texts):  # cannot happen: JOIN is kept as is by folding
            raise ValueError("the texts of a batch could not be told apart")
        found: list[list[str]] = [[] for _ in texts]
        subset = tuple(i for i, needle in enumerate(self.needles) if needle in folded)
        if not subset:
            return found
        for hit in self.regex(subset).finditer(folded):
            own = found[bisect_right(starts, hit.start()) - 1]
            pid = self.ids[subset[hit.lastindex - 1]]
            if pid not in own:
                own.append(pid)
        return found


def place_matcher(gazetteer: pd.DataFrame | None = None) -> PlaceMatcher:
    """A :class:`PlaceMatcher` over ``gazetteer`` (default: the project's): what a run over many sentences
    or articles should use."""
    return PlaceMatcher(gazetteer)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or pd.isna(value) or str(value).strip() == ""


def unlocated_events(events: pd.DataFrame) -> pd.DataFrame:
    """The events whose ``place`` is blank (they cannot be drawn on a map)."""
    if "place" not in events.columns:
        raise PlaceError(events.attrs.get("path", "events"), "events have no 'place' column")
    mask = events["place"].map(_blank).astype(bool)
    return events[mask].copy()


def locate_events(events: pd.DataFrame, gazetteer: pd.DataFrame | None = None) -> gpd.GeoDataFrame:
    """Join events to the gazetteer by their ``place`` column; a GeoDataFrame of points in EPSG:4326.

    ``place`` holds a place_id (``tin_zaouatine``) or any alias of one (``Tin Zaouatine``). Several places
    separated by ``;`` give one row per place (``place_order`` 0, 1, ...).

    Events with a blank ``place`` are not located and not dropped silently: their ``event_id`` values are in
    ``result.attrs["unlocated"]`` (a list) and :func:`unlocated_events` returns them as a frame.
    A ``place`` that is neither a place_id nor an alias raises :class:`PlaceError` naming the events file
    (``events.attrs["path"]`` if set) and the event.

    Added columns: ``place_id``, ``place_name``, ``place_kind``, ``place_role``, ``iso3``, ``lat``, ``lon``,
    ``precision_km``, ``is_area`` (True for regions and countries: their point is a representative point with
    a large ``precision_km``, and maps must not draw it as if it were a town), ``place_order`` and ``geometry``.
    """
    gaz = _gazetteer(gazetteer)
    src = events.attrs.get("path", "events")
    if "place" not in events.columns:
        raise PlaceError(src, "events have no 'place' column")
    ids = set(gaz["place_id"])
    rows = []
    unlocated: list[str] = []
    for i, rec in enumerate(events.to_dict("records"), start=1):
        label = rec.get("event_id") or i
        if _blank(rec["place"]):
            unlocated.append(str(label))
            continue
        for order, name in enumerate(_split(rec["place"], ";")):
            if name in ids:
                pid = name
            else:
                try:
                    pid = geocode(name, gaz)["place_id"]
                except PlaceError as exc:
                    raise PlaceError(
                        src, f"event {label}: place {name!r} is not in the gazetteer ({exc.reason})", i
                    ) from None
            rows.append({**rec, "place_id": pid, "place_order": order})
    joined = pd.DataFrame(rows, columns=[*events.columns, "place_id", "place_order"])
    place_cols = gaz[["place_id", "name", "kind", "role", "iso3", "lat", "lon", "precision_km"]].rename(
        columns={"name": "place_name", "kind": "place_kind", "role": "place_role"}
    )
    clash = [c for c in place_cols.columns if c != "place_id" and c in joined.columns]
    if clash:
        raise PlaceError(src, f"events already have columns {clash} that locating would overwrite")
    joined = joined.merge(place_cols, on="place_id", how="left", validate="many_to_one")
    joined["is_area"] = joined["place_kind"].isin(["region", "country"])
    joined["place_order"] = joined["place_order"].astype("int64")
    result = gpd.GeoDataFrame(joined, geometry=gpd.points_from_xy(joined["lon"], joined["lat"]), crs=CRS)
    result.attrs["unlocated"] = unlocated
    return result


def seed_places(gazetteer: pd.DataFrame | None = None) -> pd.DataFrame:
    """The gazetteer rows that a seed names (role ``seed``)."""
    gaz = _gazetteer(gazetteer)
    return gaz[gaz["role"] == "seed"].copy()
