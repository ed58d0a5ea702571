"""Actors: ``data/actors.csv``, everyone the ledger names as actor, claimant or reporting outlet.

One row per actor: ``actor_id`` (snake_case), ``name``, ``kind`` (:data:`KINDS`), ``country`` (ISO 3166
alpha-3, checked with pycountry; empty for international bodies), ``role`` (for persons with dates; dates
from the public record are marked ``[dates: public record]``), ``role_source`` (paragraphs that give
the role), ``aliases`` (``|``-separated names and spellings) and ``notes``.

:func:`find_actors` finds the actors a text mentions: whole words only, accents and case ignored,
except that short all-capital aliases (acronyms such as ``UN`` or ``AES``) must match in capitals, so
the French article *un* is not the United Nations. City names are places (see :mod:`analysis.places`),
never actor aliases.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pycountry

from analysis import paths
from analysis.errors import AnalysisError
from analysis.text import fold, normalise

ACTORS_PATH = paths.DATA_DIR / "actors.csv"
COLUMNS: tuple[str, ...] = ("actor_id", "name", "kind", "country", "role", "role_source", "aliases", "notes")

#: Kinds of actor, with what each covers.
KINDS: dict[str, str] = {
    "state": "a sovereign state as a whole",
    "government body": "a government, ministry, army or legislature of one state",
    "organisation": "an international organisation, mission, committee or mediation body",
    "alliance": "an alliance or confederation of states",
    "person": "an individual, or an office held by an unnamed individual",
    "armed group": "a non-state armed group or movement",
    "political movement": "a political movement or group that is not itself in government",
    "party": "a registered political party",
    "outlet": "a news outlet; outlet_NNN stands for a seed's unnamed publisher",
}
#: Kinds that may have an empty country (bodies above or across states, unnamed outlets).
STATELESS_KINDS = ("organisation", "alliance", "outlet")

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEY = re.compile(r"^\d{3}\u00b6\d+$")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


class ActorError(AnalysisError):
    """The actor table is unusable; the message names the file, the row and the problem."""


def _strip_accents(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", normalise(s))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def alias_key(alias: str) -> str:
    """The form under which an alias is compared: accents removed, case folded, spaces collapsed
    (``Goïta`` and ``goita`` give one key)."""
    return fold(alias)


def _split_aliases(value: str) -> list[str]:
    return [a.strip() for a in str(value or "").split("|") if a.strip()]


def load_actors(path: str | Path = ACTORS_PATH) -> pd.DataFrame:
    """The actor table, checked: unique snake_case ids, known kinds, valid ISO 3166 alpha-3 countries
    (empty only for :data:`STATELESS_KINDS`), well-formed role sources, and no alias claimed by two
    actors (see :func:`alias_table`). Raises :class:`ActorError` naming the file, row and problem."""
    path = Path(path)
    if not path.is_file():
        raise ActorError(path, "file not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header = list(reader.fieldnames or [])
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise ActorError(path, f"missing columns: {', '.join(missing)}")
        extra = [c for c in header if c not in COLUMNS]
        if extra:
            raise ActorError(path, f"unknown columns: {', '.join(extra)}")
        records = list(reader)
    if not records:
        raise ActorError(path, "no rows")
    seen: dict[str, int] = {}
    for line, rec in enumerate(records, start=2):
        if None in rec:
            raise ActorError(path, "more cells than columns", row=line)
        aid = (rec["actor_id"] or "").strip()
        where = f"{aid or '?'} (line {line})"
        if not _ID.match(aid):
            raise ActorError(path, f"actor_id {aid!r} is not snake_case", row=where)
        if aid in seen:
            raise ActorError(path, f"duplicate actor_id {aid} (also line {seen[aid]})", row=where)
        seen[aid] = line
        if not (rec["name"] or "").strip():
            raise ActorError(path, "name is empty", row=where)
        if rec["kind"] not in KINDS:
            raise ActorError(path, f"kind {rec['kind']!r} not one of {', '.join(KINDS)}", row=where)
        country = (rec["country"] or "").strip()
        if country:
            if not re.fullmatch(r"[A-Z]{3}", country) or pycountry.countries.get(alpha_3=country) is None:
                raise ActorError(path, f"country {country!r} is not an ISO 3166 alpha-3 code", row=where)
        elif rec["kind"] not in STATELESS_KINDS:
            raise ActorError(path, f"country is empty for a {rec['kind']} (only {', '.join(STATELESS_KINDS)} may lack one)", row=where)
        for key in [k.strip() for k in (rec["role_source"] or "").split(";") if k.strip()]:
            if not _KEY.match(key):
                raise ActorError(path, f"role_source item {key!r} is not a paragraph key", row=where)
        if rec["kind"] == "person" and not (rec["role"] or "").strip():
            raise ActorError(path, "a person needs a role", row=where)
    frame = pd.DataFrame(records, columns=list(COLUMNS))
    frame.attrs["source"] = str(path)
    alias_table(frame)  # raises on an alias claimed twice
    return frame


def aliases_of(actors: pd.DataFrame) -> list[tuple[str, str]]:
    """``(alias, actor_id)`` pairs: each actor's name and every alias."""
    pairs = []
    for rec in actors.itertuples(index=False):
        names = [rec.name] + _split_aliases(rec.aliases)
        for alias in dict.fromkeys(names):
            pairs.append((alias, rec.actor_id))
    return pairs


def alias_table(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """``{alias key: actor_id}`` over names and aliases (keys from :func:`alias_key`). Raises
    :class:`ActorError` when two actors claim the same alias."""
    actors = load_actors() if actors is None else actors
    source = actors.attrs.get("source", str(ACTORS_PATH))
    table: dict[str, str] = {}
    for alias, aid in aliases_of(actors):
        key = alias_key(alias)
        if not key:
            continue
        other = table.get(key)
        if other is not None and other != aid:
            raise ActorError(source, f"alias {alias!r} is claimed by both {other} and {aid}", row=aid)
        table[key] = aid
    return table


@lru_cache(maxsize=8)
def _patterns(pairs: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern, str, bool]]:
    out = []
    # Longest aliases first: "United Nations Integrated Mission in Mali" before "United Nations" and "Mali".
    for alias, aid in sorted(pairs, key=lambda p: -len(p[0])):
        acronym = bool(_ACRONYM.match(alias))
        form = _strip_accents(alias) if acronym else _strip_accents(alias).lower()
        words = [re.escape(w) for w in form.split()]
        body = r"\s+".join(words).replace("'", "['\u2019]")
        out.append((re.compile(rf"(?<![\w]){body}(?![\w])"), aid, acronym))
    return out


def find_actors(text: str, actors: pd.DataFrame | None = None) -> list[str]:
    """Actor ids mentioned in ``text``, in order of first mention, each once.

    Matching is on whole words, ignoring accents and case (acronyms excepted: they must be written in
    capitals). Where aliases overlap the longest wins, so "United Nations Integrated Mission in Mali"
    is MINUSMA and not also the UN and Mali.
    """
    actors = load_actors() if actors is None else actors
    pairs = tuple(aliases_of(actors))
    plain = _strip_accents(str(text))
    lower = plain.lower()
    taken: list[tuple[int, int]] = []
    hits: list[tuple[int, str]] = []
    for pattern, aid, acronym in _patterns(pairs):
        for m in pattern.finditer(plain if acronym else lower):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append((s, aid))
    ordered: list[str] = []
    for _pos, aid in sorted(hits):
        if aid not in ordered:
            ordered.append(aid)
    return ordered
