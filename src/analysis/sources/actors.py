"""Actors: ``data/actors.csv``, everyone the ledger names as actor, claimant or reporting outlet.

One row per actor: ``actor_id`` (snake_case), ``name``, ``kind`` (:data:`KINDS`), ``country`` (ISO 3166
alpha-3, checked with pycountry; empty for international bodies), ``role`` (for persons: the office as the seeds
give it, and when the seeds show it held), ``role_source`` (the paragraphs that give the role), ``aliases`` (``|``-separated names and spellings) and ``notes``.

:func:`find_actors` finds the actors a text mentions: whole words only, accents and case ignored,
except that short all-capital aliases (acronyms such as ``UN`` or ``AES``) must match in capitals, so
the French article *un* is not the United Nations. City names are places (see :mod:`analysis.sources.places`),
never actor aliases.

:func:`load_actors` validates the file with :data:`ACTORS_SCHEMA`, a pandera ``DataFrameSchema`` built
and checked with the shared helpers of :mod:`analysis.core.schema`.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pycountry

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import KEY
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, row_check, table_schema
from analysis.core.text import fold, normalise, whole_words, without_marks

ACTORS_PATH = paths.DATA_DIR / "actors.csv"
COLUMNS: tuple[str, ...] = (
    "actor_id",
    "name",
    "kind",
    "country",
    "acts_for",
    "role",
    "role_source",
    "aliases",
    "notes",
)

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
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")


class ActorError(AnalysisError):
    """The actor table is unusable; the message names the file, the row and the problem."""


def _is_country(code: str) -> bool:
    return bool(_COUNTRY.match(code)) and pycountry.countries.get(alpha_3=code) is not None


#: The actor file as read (text, empty cells NA): ids, kinds, countries, role sources, roles.
ACTORS_SCHEMA = table_schema(
    COLUMNS,
    ("actor_id", "name", "kind"),
    {
        "actor_id": [matches(_ID, "actor_id {value!r} is not snake_case")],
        "kind": [one_of(KINDS)],
        "country": [
            pa.Check(_is_country, element_wise=True, error="country {value!r} is not an ISO 3166 alpha-3 code")
        ],
        "role_source": [items_match(KEY, "role_source {value!r} is not a ;-separated list of paragraph keys")],
    },
    row_checks=[
        row_check(
            lambda r: bool(r["country"]) or r["kind"] in STATELESS_KINDS,
            "country is empty for a {kind} (only " + ", ".join(STATELESS_KINDS) + " may lack one)",
        ),
        row_check(lambda r: r["kind"] != "person" or bool(r["role"]), "a person needs a role"),
        row_check(
            lambda r: not r["acts_for"] or r["acts_for"] == r["country"],
            "acts_for {acts_for!r} is not the actor's country {country!r}",
        ),
    ],
    unique=("actor_id",),
)


def _strip_accents(s: str) -> str:
    s = normalise(s)
    if s.isascii():  # nothing to decompose or strip: the common case, at a fraction of the cost
        return s
    return unicodedata.normalize("NFC", without_marks(unicodedata.normalize("NFD", s)))


def alias_key(alias: str) -> str:
    """The form under which an alias is compared: accents removed, case folded, spaces collapsed
    (``Goïta`` and ``goita`` give one key)."""
    return fold(alias)


def _split_aliases(value: str) -> list[str]:
    return [a.strip() for a in str(value or "").split("|") if a.strip()]


def load_actors(path: str | Path = ACTORS_PATH) -> pd.DataFrame:
    """The actor table (columns :data:`COLUMNS`, text), validated by :data:`ACTORS_SCHEMA`: unique
    snake_case ids, known kinds, valid ISO 3166 alpha-3 countries (empty only for
    :data:`STATELESS_KINDS`), well-formed role sources, a role for each person; and no alias claimed
    by two actors (see :func:`alias_table`). Raises :class:`ActorError` listing every problem, one per
    line, each naming the file and row."""
    frame, problems = check_table(path, ACTORS_SCHEMA, "actor_id", ActorError)
    if problems:
        raise_problems(ActorError, path, problems)
    frame = frame.drop(columns="line")
    frame.attrs["source"] = str(Path(path))
    alias_table(frame)  # raises on an alias claimed twice
    return frame


def actor_names(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """actor_id -> display name: what a reader sees wherever the data holds an actor id."""
    table = load_actors() if actors is None else actors
    return dict(zip(table["actor_id"], table["name"]))


def actor_countries(actors: pd.DataFrame | None = None) -> dict[str, str]:
    """actor_id -> ISO3 country ("" for international bodies and alliances)."""
    table = load_actors() if actors is None else actors
    return dict(zip(table["actor_id"], table["country"].fillna("")))


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


#: Joins the texts of one batch (:meth:`ActorMatcher.many`): neither a word character nor white space,
#: so no alias matches across it and the word guards see it as the edge of a text. A text holding it
#: has it replaced by ``\x01``, which matches the same way (also neither).
JOIN = "\x00"


@lru_cache(maxsize=8)
def _patterns(pairs: tuple[tuple[str, str], ...]) -> list[tuple[re.Pattern, str, bool, str]]:
    """(pattern, actor_id, acronym, needle) per alias, longest first. ``needle`` is a run of word
    characters every match contains: a pattern is run only over a text where it is a word."""
    out = []
    # Longest aliases first: "United Nations Integrated Mission in Mali" before "United Nations" and "Mali".
    for alias, aid in sorted(pairs, key=lambda p: -len(p[0])):
        acronym = bool(_ACRONYM.match(alias))
        form = _strip_accents(alias) if acronym else _strip_accents(alias).lower()
        words = [re.escape(w) for w in form.split()]
        body = r"\s+".join(words).replace("'", "['\u2019]")
        needle = max(re.findall(r"\w+", form), key=len, default="")
        out.append((re.compile(whole_words(body)), aid, acronym, needle))
    return out


class ActorMatcher:
    """Finds actor ids in texts (see :func:`find_actors`), the alias table loaded and its patterns
    compiled once. ``matcher(text)`` for one text; ``matcher.many(texts)`` for the sentences of a whole
    article in one pass (the same ids for each text as one call per text gives)."""

    def __init__(self, actors: pd.DataFrame):
        self.patterns = _patterns(tuple(aliases_of(actors)))
        self.index = _needle_index(self.patterns)

    def __call__(self, text: str) -> list[str]:
        return self.many([text])[0]

    def many(self, texts: list[str]) -> list[list[str]]:
        return _match_many(texts, self.patterns, self.index)


def actor_matcher(actors: pd.DataFrame | None = None) -> ActorMatcher:
    """An :class:`ActorMatcher` over ``actors`` (default: the project's table): what a run over many
    sentences or articles should use."""
    return ActorMatcher(load_actors() if actors is None else actors)


def find_actors(text: str, actors: pd.DataFrame | None = None) -> list[str]:
    """Actor ids mentioned in ``text``, in order of first mention, each once.

    Matching is on whole words, ignoring accents and case (acronyms excepted: they must be written in
    capitals). Where aliases overlap the longest wins, so "United Nations Integrated Mission in Mali"
    is MINUSMA and not also the UN and Mali. For many texts, build an :func:`actor_matcher` once.
    """
    return actor_matcher(actors)(text)


_WORD_RUN = re.compile(r"\w+")


def _needle_index(patterns: list[tuple[re.Pattern, str, bool, str]]) -> tuple[dict, dict, tuple[int, ...]]:
    """``(needle -> pattern positions)`` for the acronyms and for the other aliases, and the positions of
    patterns without a needle (always tried)."""
    exact: dict[str, list[int]] = {}
    folded: dict[str, list[int]] = {}
    always = []
    for i, (_pattern, _aid, acronym, needle) in enumerate(patterns):
        if not needle:
            always.append(i)
        else:
            (exact if acronym else folded).setdefault(needle, []).append(i)
    return exact, folded, tuple(always)


def _segments(joined: str) -> tuple[list[str], list[int]]:
    """The texts of a batch joined by :data:`JOIN`, and where each starts in ``joined``."""
    parts = joined.split(JOIN)
    starts, at = [], 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return parts, starts


def _match(text: str, patterns: list[tuple[re.Pattern, str, bool, str]], index=None) -> list[str]:
    """The actor ids of one text (see :func:`_match_many`)."""
    return _match_many([text], patterns, index)[0]


def _match_many(texts: list[str], patterns: list[tuple[re.Pattern, str, bool, str]], index=None) -> list[list[str]]:
    """The actor ids of each of ``texts``, found in one pass over all of them: the texts are folded
    together (joined by :data:`JOIN`), each pattern whose needle is a word of them runs once over the
    whole, and each match goes to the text it falls in by its offset. Within a text, each pattern,
    longest alias first, claims the matches that overlap no earlier claim of that text, and the ids
    come in order of first mention: what matching each text alone gives, since no match crosses
    :data:`JOIN` and a pattern whose needle is not a word of a text cannot match in it."""
    texts = [str(t).replace(JOIN, "\x01") for t in texts]
    plain = _strip_accents(JOIN.join(texts))
    lower = plain.lower()
    plain_starts, lower_starts = _segments(plain)[1], _segments(lower)[1]
    if len(plain_starts) != len(texts) or len(lower_starts) != len(texts):  # cannot happen: JOIN is kept as is
        raise ValueError("the texts of a batch could not be told apart")
    exact, folded, always = _needle_index(patterns) if index is None else index
    tried = set(always)
    for word in set(_WORD_RUN.findall(plain)):
        tried.update(exact.get(word, ()))
    for word in set(_WORD_RUN.findall(lower)):
        tried.update(folded.get(word, ()))
    taken: list[list[tuple[int, int]]] = [[] for _ in texts]
    hits: list[list[tuple[int, str]]] = [[] for _ in texts]
    for i in sorted(tried):
        pattern, aid, acronym, _needle = patterns[i]
        starts = plain_starts if acronym else lower_starts
        for m in pattern.finditer(plain if acronym else lower):
            k = bisect_right(starts, m.start()) - 1
            s, e = m.start() - starts[k], m.end() - starts[k]
            if any(s < te and ts < e for ts, te in taken[k]):
                continue
            taken[k].append((s, e))
            hits[k].append((s, aid))
    out = []
    for own in hits:
        ordered: list[str] = []
        for _pos, aid in sorted(own):
            if aid not in ordered:
                ordered.append(aid)
        out.append(ordered)
    return out
