"""Key judgments as data: ``data/judgments.csv`` (one row per judgment, in the ICD 203 form) and
``data/indicators.csv`` (what to watch for each), checked against the ledger, and the confidence of
each judgment computed from its evidence by one written rule.

**Likelihood.** Each judgment states its likelihood with exactly one of the seven terms of
Intelligence Community Directive 203 (:data:`LIKELIHOOD`, with the ranges of :data:`LIKELIHOOD_RANGES`).
The statement itself carries no confidence word (:data:`CONFIDENCE_WORD`): likelihood and confidence
are said separately. A likelihood term inside the statement must be the row's own.

**Independent voices.** Confidence counts the *independent voices* behind a judgment's evidence. Each
evidence item (a ledger event ``E046``, a contested claim ``C01``, or a paragraph ``003¶60``) has one
originating source, its voice:

* an event's voice is its ``claimed_by`` (who asserts it); a claim's voice is its ``claimant``; a
  paragraph's voices are those of the events (``paragraph`` or ``also_in``) and claims that cite it,
  or, where none does, the seed's own voice (the outlet that, in the ledger, speaks for that seed
  without an intermediary);
* actors that speak for the same state (``acts_for`` in ``data/actors.csv``: the state, its
  ministries, army and office-holders) are **one** voice, that state's officials; every other actor
  (an outlet, a movement, an opposition figure, unnamed local sources) is its own voice;
* who relays a voice does not multiply it: the seeds and outlets that carry an item (``seed``,
  ``also_in``, ``reported_by``) are counted as *relays*, never as voices. Two seeds relaying the same
  press remarks (Attaf's, 003¶24 and 002¶10, one ledger row E061) are one voice.

A voice is **first-hand** for an item when it is a party to the act it reports: its voice is also the
voice of the event's ``actor1`` or ``actor2`` (for a claim, of the event the claim is about). An outlet
reporting what others did is never first-hand.

**Confidence rule** (:func:`confidence_of`): the evidence supports *high* when it has at least
:data:`HIGH_VOICES` (3) independent voices of which at least :data:`HIGH_FIRST_HAND` (2) are
first-hand, reaching the corpus through at least :data:`HIGH_RELAYS` (2) seeds (one article's
summaries are one reporting chain, however many voices it quotes); *moderate* when it has at least
:data:`MODERATE_VOICES` (2) voices of which at least :data:`MODERATE_FIRST_HAND` (1) is first-hand;
*low* otherwise (a single voice, or voices that are all second-hand). A judgment that looks forward
is one level below what its evidence supports (high becomes moderate, moderate low): the evidence
describes the corpus's past, and the window lies beyond it. The CSV's ``confidence`` column must equal the rule's result: the
loader refuses a row where it does not.

**Horizon.** A judgment is ``retrospective`` or looks forward over ``next N months``: the window opens
the day after the last event the ledger dates (rows whose date is only an upper bound excluded, as in
:func:`analysis.ledger.reference.after_corpus`) and closes N months later; it is computed, never typed.

**What to watch.** Each indicator is an observable event that ``raises`` or ``lowers`` the likelihood
of its judgment; ``record_keys`` lists the public-record rows (``data/public_record.csv``) that match
it. :func:`score_after_corpus` scores the public-record events after the corpus
(:func:`analysis.ledger.reference.after_corpus`) against the indicators: public record, never seed evidence.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.dates import iso_bounds
from analysis.core.errors import AnalysisError
from analysis.core.keys import KEY, PILCROW, SEED_PATTERN, is_key, parse_key
from analysis.core.quote import citations, verbatim
from analysis.core.schema import check_table, items_match, matches, one_of, raise_problems, row_check, table_schema
from analysis.ledger.claims import CLAIM_PATTERN
from analysis.ledger.events import EVENT_PATTERN, split_list
from analysis.sources.actors import actor_names

JUDGMENTS_PATH = paths.DATA_DIR / "judgments.csv"
INDICATORS_PATH = paths.DATA_DIR / "indicators.csv"

#: The ICD 203 likelihood terms, from least to most likely.
LIKELIHOOD: tuple[str, ...] = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
#: The probability range (per cent) ICD 203 gives each term.
LIKELIHOOD_RANGES: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 5),
    "very unlikely": (5, 20),
    "unlikely": (20, 45),
    "roughly even chance": (45, 55),
    "likely": (55, 80),
    "very likely": (80, 95),
    "almost certain": (95, 99),
}
#: Confidence levels, lowest first.
CONFIDENCE: tuple[str, ...] = ("low", "moderate", "high")
#: Words that say confidence: none may stand in a judgment's statement (its likelihood sentence).
CONFIDENCE_WORD = re.compile(r"\b(confidence|confident|confidently|high|moderate|moderately|low)\b", re.IGNORECASE)
HIGH_VOICES = 3
HIGH_FIRST_HAND = 2
MODERATE_VOICES = 2
MODERATE_FIRST_HAND = 1
HIGH_RELAYS = 2
#: The chapters a judgment can belong to: the analytical chapters, which end with "What to watch".
ANALYTICAL_CHAPTERS: tuple[str, ...] = ("algiers_process", "rupture_2024", "russia_mechanism", "border_incidents")
DIRECTIONS: tuple[str, ...] = ("raises", "lowers")

JUDGMENT_COLUMNS: tuple[str, ...] = (
    "judgment_id",
    "chapter",
    "title",
    "horizon",
    "statement",
    "likelihood",
    "confidence",
    "evidence",
    "changes_if",
)
INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator_id",
    "judgment_id",
    "indicator",
    "direction",
    "record_keys",
    "record_checked",
)
#: What the "What to watch" tables say of an indicator the public record does not match: whether anyone
#: looked (``record_checked`` yes) or not.
NO_RECORD = "no record found"
NOT_CHECKED = "not checked"

_JUDGMENT_ID = re.compile(r"^KJ\d+$")
_INDICATOR_ID = re.compile(r"^I\d{2,3}$")
_HORIZON = re.compile(r"^(?:retrospective|next (?P<months>[1-9]\d?) months)$")
_EVIDENCE = re.compile(rf"^(?:{EVENT_PATTERN}|{CLAIM_PATTERN}|{SEED_PATTERN}{PILCROW}\d+)$")
_RECORD_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_TERMS = re.compile(r"\b(" + "|".join(sorted(map(re.escape, LIKELIHOOD), key=len, reverse=True)) + r")\b", re.I)


class JudgmentError(AnalysisError):
    """The judgments or indicators file is unusable; the message names the file, the row and the problem."""


# --------------------------------------------------------------------------------------------------
# Voices
# --------------------------------------------------------------------------------------------------
def voice_of(actor_id: str, actors: pd.DataFrame) -> str:
    """The voice an actor speaks with: ``state:DZA`` for every actor acting for Algeria (the state, its
    bodies, its office-holders), the actor's own id for everyone else; "" for no actor."""
    if not actor_id:
        return ""
    acts_for = dict(zip(actors["actor_id"], actors["acts_for"]))
    state = acts_for.get(actor_id, "")
    return f"state:{state}" if state else actor_id


def voice_names(actors: pd.DataFrame) -> dict[str, str]:
    """Reader's name of each voice: "Algeria (officials)" for ``state:DZA``, the actor's name otherwise."""
    names = actor_names(actors)
    states = actors[actors["kind"] == "state"]
    out = {f"state:{iso}": f"{name} (officials)" for iso, name in zip(states["acts_for"], states["name"])}
    return {**names, **out}


def _seed_voices(events: pd.DataFrame, actors: pd.DataFrame) -> dict[str, str]:
    """Each seed's own voice: the outlet the ledger names as asserting that seed's rows with no
    intermediary (``reported_by`` empty), the most frequent where several do."""
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    own = events[(events["reported_by"] == "") & events["claimed_by"].map(lambda a: kinds.get(a) == "outlet")]
    return {seed: group["claimed_by"].mode().iloc[0] for seed, group in own.groupby("seed")}


def evidence_items(
    judgments: pd.DataFrame,
    events: pd.DataFrame,
    claims: pd.DataFrame,
    actors: pd.DataFrame,
) -> pd.DataFrame:
    """One row per judgment, evidence item and voice: ``judgment_id``, ``item`` (``E046``, ``C01`` or
    ``003¶60``), ``kind`` (event, claim, paragraph), ``key`` (the paragraph the item rests on),
    ``quote`` (the ledger's or claim's verbatim words, "" for a paragraph), ``voice``, ``first_hand``
    (bool) and ``seeds`` (the seeds that carry the item, ``;``-separated). Unknown items are skipped
    (:func:`judgment_problems` reports them)."""
    ev = events.set_index("event_id")
    cl = claims.set_index("claim_id")
    seed_voice = _seed_voices(events, actors)

    def parties(event_id: str) -> set[str]:
        if event_id not in ev.index:
            return set()
        row = ev.loc[event_id]
        return {voice_of(row["actor1"], actors), voice_of(row["actor2"], actors)} - {""}

    def event_seeds(row: pd.Series) -> set[str]:
        return {row["seed"], *(parse_key(k)[0] for k in split_list(row["also_in"]) if is_key(k))}

    rows = []
    for jid, evidence in zip(judgments["judgment_id"], judgments["evidence"]):
        for item in split_list(evidence):
            found: list[tuple[str, str, str, str, bool, set[str]]] = []
            if item in ev.index:
                row = ev.loc[item]
                voice = voice_of(row["claimed_by"], actors)
                found.append(("event", row["key"], row["quote"], voice, voice in parties(item), event_seeds(row)))
            elif item in cl.index:
                row = cl.loc[item]
                voice = voice_of(row["claimant"], actors)
                found.append(
                    ("claim", row["key"], row["quote"], voice, voice in parties(row["event_id"]), {row["seed"]})
                )
            elif is_key(item):
                cites = events[(events["key"] == item) | events["also_in"].map(lambda v: item in split_list(v))]
                for eid, row in cites.set_index("event_id").iterrows():
                    voice = voice_of(row["claimed_by"], actors)
                    found.append(("paragraph", item, "", voice, voice in parties(eid), {parse_key(item)[0]}))
                for _, row in claims[claims["key"] == item].iterrows():
                    voice = voice_of(row["claimant"], actors)
                    found.append(
                        ("paragraph", item, "", voice, voice in parties(row["event_id"]), {parse_key(item)[0]})
                    )
                if not found:
                    seed = parse_key(item)[0]
                    found.append(("paragraph", item, "", seed_voice.get(seed, f"seed {seed}"), False, {seed}))
            for kind, key, quote, voice, first, seeds in found:
                rows.append(
                    {
                        "judgment_id": jid,
                        "item": item,
                        "kind": kind,
                        "key": key,
                        "quote": quote,
                        "voice": voice,
                        "first_hand": bool(first),
                        "seeds": ";".join(sorted(seeds)),
                    }
                )
    columns = ["judgment_id", "item", "kind", "key", "quote", "voice", "first_hand", "seeds"]
    return pd.DataFrame(rows, columns=columns).astype({"first_hand": bool})


def confidence_of(voices: int, first_hand: int, relays: int = HIGH_RELAYS, forward: bool = False) -> str:
    """The confidence rule: the evidence supports ``high`` with at least :data:`HIGH_VOICES`
    independent voices of which at least :data:`HIGH_FIRST_HAND` are first-hand, carried by at least
    :data:`HIGH_RELAYS` seeds; ``moderate`` with at least :data:`MODERATE_VOICES` voices of which at
    least :data:`MODERATE_FIRST_HAND` is first-hand; ``low`` otherwise. A ``forward`` judgment is one
    level below (never below ``low``)."""
    if first_hand >= HIGH_FIRST_HAND and voices >= HIGH_VOICES and relays >= HIGH_RELAYS:
        level = 2
    elif first_hand >= MODERATE_FIRST_HAND and voices >= MODERATE_VOICES:
        level = 1
    else:
        level = 0
    return CONFIDENCE[max(0, level - 1) if forward else level]


def voice_counts(items: pd.DataFrame, judgments: pd.DataFrame) -> pd.DataFrame:
    """Per judgment (in the judgments' order): ``voices`` (distinct independent voices), ``first_hand``
    (how many of them are first-hand for at least one item), ``relays`` (distinct seeds carrying the
    evidence), ``items`` (evidence items), ``voice_list`` (the voices, first-hand ones first) and
    ``confidence`` (:func:`confidence_of`; a judgment whose ``horizon`` is not ``retrospective`` looks
    forward)."""
    forward = set(judgments.loc[judgments["horizon"] != "retrospective", "judgment_id"])
    rows = []
    for jid in judgments["judgment_id"]:
        own = items[items["judgment_id"] == jid]
        first = set(own.loc[own["first_hand"], "voice"])
        voices = list(dict.fromkeys(own["voice"]))
        seeds = {s for v in own["seeds"] for s in v.split(";") if s}
        rows.append(
            {
                "judgment_id": jid,
                "voices": int(len(voices)),
                "first_hand": int(len(first)),
                "relays": int(len(seeds)),
                "items": int(own["item"].nunique()),
                "voice_list": [v for v in voices if v in first] + [v for v in voices if v not in first],
                "confidence": confidence_of(len(voices), len(first), len(seeds), forward=jid in forward),
            }
        )
    return pd.DataFrame(
        rows, columns=["judgment_id", "voices", "first_hand", "relays", "items", "voice_list", "confidence"]
    )


# --------------------------------------------------------------------------------------------------
# Horizons
# --------------------------------------------------------------------------------------------------
def corpus_end(events: pd.DataFrame) -> pd.Timestamp:
    """The last day of the last event the ledger dates (rows with only an upper bound excluded)."""
    dated = events[events["date_basis"] != "before"]
    return max(iso_bounds(str(v))[1] for v in dated["date_end"])


def horizon_months(horizon: str) -> int | None:
    """Months of a forward horizon (``next 12 months`` -> 12); None for ``retrospective``."""
    m = _HORIZON.match(horizon)
    return int(m["months"]) if m and m["months"] else None


def windows(judgments: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each judgment's window: ``opens`` (the day after :func:`corpus_end`) and ``closes`` (N months
    after the corpus's end) for a forward judgment, NaT for a retrospective one."""
    end = corpus_end(events)
    rows = []
    for jid, horizon in zip(judgments["judgment_id"], judgments["horizon"]):
        months = horizon_months(horizon)
        opens = end + pd.Timedelta(days=1) if months else pd.NaT
        closes = end + pd.DateOffset(months=months) if months else pd.NaT
        rows.append({"judgment_id": jid, "opens": opens, "closes": closes})
    return pd.DataFrame(rows, columns=["judgment_id", "opens", "closes"]).astype(
        {"opens": "datetime64[ns]", "closes": "datetime64[ns]"}
    )


# --------------------------------------------------------------------------------------------------
# Checks and loaders
# --------------------------------------------------------------------------------------------------
def citation_problems(text: str, paragraphs: pd.DataFrame) -> list[str]:
    """Problems of the citations in MyST ``text``: a key that is not a paragraph, a citation without
    its excerpt, an excerpt not verbatim in its paragraph (:func:`analysis.core.quote.verbatim`)."""
    texts = {k: (t, d) for k, t, d in zip(paragraphs["key"], paragraphs["text"], paragraphs["display"])}
    problems = []
    for key, excerpt in citations(text):
        if not KEY.match(key) or key not in texts:
            problems.append(f"cites {key!r}, which is not a paragraph of the corpus")
        elif excerpt is None:
            problems.append(f"cites {key} without an excerpt")
        elif not verbatim(excerpt, *texts[key]):
            problems.append(f"the excerpt {excerpt!r} is not in {key}")
    return problems


def _confidence_word(row: dict) -> dict:
    m = CONFIDENCE_WORD.search(row.get("statement", ""))
    return {"confidence_word": m[0] if m else ""}


def _terms_are_own(row: dict, column: str = "statement") -> bool:
    found = {t.lower() for t in _TERMS.findall(row[column])}
    return not found or found == {row["likelihood"]}


def headline_hedged(title: str, likelihood: str) -> bool:
    """Whether a judgment's headline keeps to its likelihood: a judgment rated below ``likely`` (roughly
    even chance or less) must say its term in the headline, so that the headline never states as fact
    what the judgment rates as uncertain or improbable; from ``likely`` up a headline may state it."""
    if LIKELIHOOD.index(likelihood) >= LIKELIHOOD.index("likely"):
        return True
    return {t.lower() for t in _TERMS.findall(title)} == {likelihood}


JUDGMENTS_SCHEMA = table_schema(
    JUDGMENT_COLUMNS,
    required=JUDGMENT_COLUMNS,
    column_checks={
        "judgment_id": [matches(_JUDGMENT_ID, "judgment_id {value!r} is not like KJ1")],
        "chapter": [one_of(ANALYTICAL_CHAPTERS)],
        "horizon": [matches(_HORIZON, "horizon {value!r} is not 'retrospective' or 'next N months'")],
        "likelihood": [one_of(LIKELIHOOD)],
        "confidence": [one_of(CONFIDENCE)],
        "evidence": [items_match(_EVIDENCE, "evidence {value!r}: items must be E012, C01 or 003¶60, ';'-separated")],
    },
    row_checks=[
        row_check(
            lambda r: not CONFIDENCE_WORD.search(r["statement"]),
            "statement uses the confidence word {confidence_word!r}: the likelihood sentence states likelihood only",
        ),
        row_check(_terms_are_own, "statement uses a likelihood term other than its own ({likelihood!r})"),
        row_check(
            lambda r: r["likelihood"] not in LIKELIHOOD or headline_hedged(r["title"], r["likelihood"]),
            "title states as fact what the judgment rates {likelihood!r}: below 'likely' the title must say "
            "its own likelihood term, and no other",
        ),
    ],
    unique=("judgment_id",),
)

INDICATORS_SCHEMA = table_schema(
    INDICATOR_COLUMNS,
    required=("indicator_id", "judgment_id", "indicator", "direction", "record_checked"),
    column_checks={
        "record_checked": [one_of(("yes", "no"))],
        "indicator_id": [matches(_INDICATOR_ID, "indicator_id {value!r} is not like I01")],
        "judgment_id": [matches(_JUDGMENT_ID, "judgment_id {value!r} is not like KJ1")],
        "direction": [one_of(DIRECTIONS)],
        "record_keys": [items_match(_RECORD_KEY, "record_keys {value!r}: public-record keys, ';'-separated")],
    },
    unique=("indicator_id",),
)


def _where(path: Path, rid: str, line: int) -> str:
    return f"{path}: row {rid} (line {line})"


def judgment_problems(
    path: str | Path = JUDGMENTS_PATH,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the judgments file, one line each (``FILE: row KJ3 (line 4): problem``): the
    schema's (the seven terms, a known chapter and horizon, no confidence word in the statement, no
    likelihood term but its own); then, once the file is well formed, evidence items that name no
    event, claim or paragraph, citations in ``statement`` and ``changes_if`` without their verbatim
    excerpt, and a ``confidence`` that is not the rule's result for the evidence."""
    path = Path(path)
    frame, problems = check_table(path, JUDGMENTS_SCHEMA, "judgment_id", JudgmentError, hints=_confidence_word)
    if problems:
        return problems
    events, claims, paragraphs, actors = _defaults(events, claims, paragraphs, actors)
    known_events, known_claims = set(events["event_id"]), set(claims["claim_id"])
    known_paras = set(paragraphs.loc[paragraphs["kind"] != "boilerplate", "key"])
    for rec in frame.itertuples(index=False):
        where = _where(path, rec.judgment_id, rec.line)
        for item in split_list(rec.evidence):
            if item.startswith("E") and item not in known_events:
                problems.append(f"{where}: evidence {item} is not an event of the ledger")
            elif item.startswith("C") and item not in known_claims:
                problems.append(f"{where}: evidence {item} is not a claim of data/claims.csv")
            elif is_key(item) and item not in known_paras:
                problems.append(f"{where}: evidence {item} is not a (non-boilerplate) paragraph of the corpus")
        for column in ("statement", "changes_if"):
            problems += [f"{where}: {column} {p}" for p in citation_problems(getattr(rec, column), paragraphs)]
    if problems:
        return problems
    counts = voice_counts(evidence_items(frame, events, claims, actors), frame).set_index("judgment_id")
    for rec in frame.itertuples(index=False):
        got = counts.loc[rec.judgment_id]
        if rec.confidence != got["confidence"]:
            problems.append(
                f"{_where(path, rec.judgment_id, rec.line)}: confidence {rec.confidence!r} is not the rule's "
                f"{got['confidence']!r} ({got['voices']} independent voices, {got['first_hand']} first-hand, "
                f"{got['relays']} seeds)"
            )
    return problems


def _defaults(events, claims, paragraphs, actors):
    """The real tables for those not given (loaded lazily: the loaders are of lower layers)."""
    from analysis.ledger import claims as claims_mod
    from analysis.ledger import events as events_mod
    from analysis.sources import actors as actors_mod
    from analysis.sources import corpus

    return (
        events_mod.load_events() if events is None else events,
        claims_mod.load_claims() if claims is None else claims,
        corpus.paragraphs() if paragraphs is None else paragraphs,
        actors_mod.load_actors() if actors is None else actors,
    )


def load_judgments(
    path: str | Path = JUDGMENTS_PATH,
    events: pd.DataFrame | None = None,
    claims: pd.DataFrame | None = None,
    paragraphs: pd.DataFrame | None = None,
    actors: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The judgments, checked (:func:`judgment_problems`; the real ledger, claims, corpus and actors
    where not given), in file order, columns :data:`JUDGMENT_COLUMNS` and ``line``. Raises
    :class:`JudgmentError` listing every problem, one per line, each naming the file and row."""
    problems = judgment_problems(path, events, claims, paragraphs, actors)
    if problems:
        raise_problems(JudgmentError, path, problems)
    frame, _ = check_table(path, JUDGMENTS_SCHEMA, "judgment_id", JudgmentError, hints=_confidence_word)
    return frame


def indicator_problems(
    path: str | Path = INDICATORS_PATH,
    judgments: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
) -> list[str]:
    """Every problem of the indicators file, one line each: the schema's; an indicator of an unknown
    judgment; a ``record_keys`` item that is not a key of the public record; a judgment with no
    indicator."""
    path = Path(path)
    frame, problems = check_table(path, INDICATORS_SCHEMA, "indicator_id", JudgmentError)
    if problems:
        return problems
    if judgments is None:
        judgments = load_judgments()
    if public_record is None:
        from analysis.ledger.reference import load_public_record

        public_record = load_public_record()
    known, keys = set(judgments["judgment_id"]), set(public_record["key"])
    for rec in frame.itertuples(index=False):
        where = _where(path, rec.indicator_id, rec.line)
        if rec.judgment_id not in known:
            problems.append(f"{where}: judgment {rec.judgment_id} is not in data/judgments.csv")
        for key in split_list(rec.record_keys):
            if key not in keys:
                problems.append(f"{where}: record key {key!r} is not in data/public_record.csv")
    for jid in sorted(known - set(frame["judgment_id"]), key=lambda j: int(j[2:])):
        problems.append(f"{path}: judgment {jid} has no indicator")
    return problems


def load_indicators(
    path: str | Path = INDICATORS_PATH,
    judgments: pd.DataFrame | None = None,
    public_record: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The indicators, checked (:func:`indicator_problems`), columns :data:`INDICATOR_COLUMNS` and
    ``line``. Raises :class:`JudgmentError` listing every problem."""
    problems = indicator_problems(path, judgments, public_record)
    if problems:
        raise_problems(JudgmentError, path, problems)
    frame, _ = check_table(path, INDICATORS_SCHEMA, "indicator_id", JudgmentError)
    return frame


# --------------------------------------------------------------------------------------------------
# What to watch: the public record after the corpus, scored
# --------------------------------------------------------------------------------------------------
def bearing(direction: str, likelihood: str) -> str:
    """How an observed indicator bears on its judgment: ``consistent`` when it moves the likelihood the
    way the judgment already leans (raises a likely event, lowers an unlikely one), ``against``
    otherwise, ``raises`` / ``lowers`` for a judgment at roughly even chance."""
    rank = LIKELIHOOD.index(likelihood) - LIKELIHOOD.index("roughly even chance")
    if rank == 0:
        return direction
    return "consistent" if (rank > 0) == (direction == "raises") else "against"


def score_after_corpus(
    indicators: pd.DataFrame, judgments: pd.DataFrame, after: pd.DataFrame, events: pd.DataFrame
) -> pd.DataFrame:
    """The public-record events after the corpus (``after``: :func:`analysis.ledger.reference.after_corpus`)
    scored against the indicators: one row per record event and indicator listing its key, columns
    ``key``, ``day``, ``subject``, ``indicator_id``, ``judgment_id``, ``indicator``, ``direction``,
    ``bearing`` (:func:`bearing`) and ``in_window`` (the day falls within a forward judgment's window;
    False for a retrospective one). A record event no indicator lists has one row with the indicator
    columns empty: nothing the record adds is dropped."""
    lik = dict(zip(judgments["judgment_id"], judgments["likelihood"]))
    win = windows(judgments, events).set_index("judgment_id")
    rows = []
    for rec in after.itertuples(index=False):
        matched = indicators[indicators["record_keys"].map(lambda v: rec.key in split_list(v))]
        base = {"key": rec.key, "day": rec.day, "subject": rec.subject}
        if matched.empty:
            rows.append(
                {**base, "indicator_id": "", "judgment_id": "", "indicator": "", "direction": "", "bearing": ""}
            )
            rows[-1]["in_window"] = False
        for ind in matched.itertuples(index=False):
            opens, closes = win.loc[ind.judgment_id, "opens"], win.loc[ind.judgment_id, "closes"]
            rows.append(
                {
                    **base,
                    "indicator_id": ind.indicator_id,
                    "judgment_id": ind.judgment_id,
                    "indicator": ind.indicator,
                    "direction": ind.direction,
                    "bearing": bearing(ind.direction, lik[ind.judgment_id]),
                    "in_window": bool(pd.notna(opens) and opens <= rec.day <= closes),
                }
            )
    columns = ["key", "day", "subject", "indicator_id", "judgment_id", "indicator", "direction", "bearing", "in_window"]
    return pd.DataFrame(rows, columns=columns).astype({"day": "datetime64[ns]", "in_window": bool})


def watch(
    judgments: pd.DataFrame, indicators: pd.DataFrame, scored: pd.DataFrame, chapter: str | None = None
) -> pd.DataFrame:
    """What to watch, one row per indicator (of ``chapter``'s judgments, or all): ``judgment_id``,
    ``title``, ``likelihood``, ``indicator_id``, ``indicator``, ``direction``, and ``record``: the
    public-record events after the corpus that match it (``;``-separated ``YYYY-MM-DD subject``), or,
    when none does, :data:`NO_RECORD` for an indicator someone checked the record for
    (``record_checked`` yes) and :data:`NOT_CHECKED` for one nobody did: never a finding nobody made."""
    if chapter is not None and chapter not in ANALYTICAL_CHAPTERS:
        raise ValueError(f"unknown chapter {chapter!r}; one of {', '.join(ANALYTICAL_CHAPTERS)}")
    own = judgments if chapter is None else judgments[judgments["chapter"] == chapter]
    meta = own.set_index("judgment_id")
    rows = []
    for ind in indicators[indicators["judgment_id"].isin(own["judgment_id"])].itertuples(index=False):
        hits = scored[scored["indicator_id"] == ind.indicator_id]
        rows.append(
            {
                "judgment_id": ind.judgment_id,
                "title": meta.loc[ind.judgment_id, "title"],
                "likelihood": meta.loc[ind.judgment_id, "likelihood"],
                "indicator_id": ind.indicator_id,
                "indicator": ind.indicator,
                "direction": ind.direction,
                "record": "; ".join(f"{d:%Y-%m-%d} {s}" for d, s in zip(hits["day"], hits["subject"]))
                or (NO_RECORD if ind.record_checked == "yes" else NOT_CHECKED),
            }
        )
    order = {j: i for i, j in enumerate(judgments["judgment_id"])}
    frame = pd.DataFrame(
        rows, columns=["judgment_id", "title", "likelihood", "indicator_id", "indicator", "direction", "record"]
    )
    return frame.sort_values("judgment_id", key=lambda s: s.map(order), kind="stable", ignore_index=True)


def likelihood_scale() -> pd.DataFrame:
    """The ICD 203 scale, one row per term from least to most likely: ``ICD 203 term`` and its
    probability range, ``from (%)`` and ``to (%)``."""
    columns = ["ICD 203 term", "from (%)", "to (%)"]
    return pd.DataFrame([dict(zip(columns, (t, lo, hi))) for t, (lo, hi) in LIKELIHOOD_RANGES.items()], columns=columns)


def assessment() -> dict:
    """Everything the Key judgments page and the chapters' "What to watch" need, from the real data:
    ``judgments``, ``indicators``, ``items`` (:func:`evidence_items`), ``counts``
    (:func:`voice_counts`), ``windows``, ``after`` (the public record after the corpus), ``scored``
    (:func:`score_after_corpus`), ``watch`` (:func:`watch`, all chapters), ``voice_names``, ``texts``
    (paragraph key to text) and ``end`` (:func:`corpus_end`)."""
    events, claims, paragraphs, actors = _defaults(None, None, None, None)
    from analysis.ledger.reference import after_corpus, load_public_record

    record = load_public_record()
    judgments = load_judgments(events=events, claims=claims, paragraphs=paragraphs, actors=actors)
    indicators = load_indicators(judgments=judgments, public_record=record)
    items = evidence_items(judgments, events, claims, actors)
    after = after_corpus(record, events)
    scored = score_after_corpus(indicators, judgments, after, events)
    return {
        "judgments": judgments,
        "indicators": indicators,
        "items": items,
        "counts": voice_counts(items, judgments),
        "windows": windows(judgments, events),
        "after": after,
        "scored": scored,
        "watch": watch(judgments, indicators, scored),
        "voice_names": voice_names(actors),
        "texts": dict(zip(paragraphs["key"], paragraphs["text"])),
        "end": corpus_end(events),
    }


def watch_for(chapter: str) -> pd.DataFrame:
    """:func:`watch` for one analytical chapter, from the real data."""
    a = assessment()
    return watch(a["judgments"], a["indicators"], a["scored"], chapter)


def forward_months(judgments: pd.DataFrame) -> int:
    """The months over which the forward judgments look ahead; ValueError when they differ (the page
    states one window) or when there is no forward judgment."""
    months = {m for m in map(horizon_months, judgments["horizon"]) if m is not None}
    if len(months) != 1:
        raise ValueError(f"the forward judgments look {sorted(months) or 'no'} months ahead: expected one horizon")
    return months.pop()
