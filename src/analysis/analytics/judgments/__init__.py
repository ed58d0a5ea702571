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
describes the corpus's past, and the window lies beyond it; and one level more when the window opens
more than :data:`STALE_MONTHS` (12) months after the edition's evidence cut-off (the evidence gap). The CSV's ``confidence`` column must equal the rule's result: the
loader refuses a row where it does not.

**Dates and editions** (:mod:`~analysis.analytics.judgments.editions`). A judgment is ``retrospective``
or looks forward over ``next N months``. Each names the edition that issued it and its issue day, and a
forward judgment stores its window (``opens``, ``closes``) in the data: fixed when issued, never
recomputed, so an added article does not move it. A judgment whose window had closed before it was
issued is a hindcast. Closed windows get an outcome from the public record and a Brier score
(:mod:`~analysis.analytics.judgments.scorecard`).

**What to watch.** Each indicator is an observable event that ``raises`` or ``lowers`` the likelihood
of its judgment; ``record_keys`` lists the public-record rows (``data/public_record.csv``) that match
it. :func:`score_after_corpus` scores the public-record events after the corpus
(:func:`analysis.ledger.reference.after_corpus`) against the indicators: public record, never seed evidence.
"""

from __future__ import annotations

from analysis.analytics.judgments.assessment import (  # noqa: F401
    assessment,
    current,
    evidence_gap,
    forward_months,
    watch_for,
)
from analysis.analytics.judgments.checks import (  # noqa: F401
    INDICATORS_SCHEMA,
    JUDGMENTS_SCHEMA,
    citation_problems,
    corpus_end,
    headline_hedged,
    horizon_months,
    indicator_problems,
    judgment_problems,
    load_indicators,
    load_judgments,
)
from analysis.analytics.judgments.editions import (  # noqa: F401
    EDITIONS_SCHEMA,
    current_edition,
    is_stale,
    kind_of,
    load_editions,
    months_between,
    window_end,
    window_problems,
    windows,
)
from analysis.analytics.judgments.scorecard import (  # noqa: F401
    OUTCOMES_SCHEMA,
    SCORECARD_COLUMNS,
    brier,
    brier_summary,
    calibration,
    load_outcomes,
    record_day,
    scorecard,
)
from analysis.analytics.judgments.scoring import (  # noqa: F401
    bearing,
    score_after_corpus,
    watch,
)
from analysis.analytics.judgments.terms import (  # noqa: F401
    ANALYTICAL_CHAPTERS,
    CONFIDENCE,
    CONFIDENCE_WORD,
    DIRECTIONS,
    EDITION_COLUMNS,
    EDITIONS_PATH,
    HIGH_FIRST_HAND,
    HIGH_RELAYS,
    HIGH_VOICES,
    INDICATOR_COLUMNS,
    INDICATORS_PATH,
    JUDGMENT_COLUMNS,
    JUDGMENTS_PATH,
    KINDS,
    LIKELIHOOD,
    LIKELIHOOD_RANGES,
    MODERATE_FIRST_HAND,
    MODERATE_VOICES,
    NO_RECORD,
    NOT_CHECKED,
    OUTCOME_COLUMNS,
    OUTCOMES,
    OUTCOMES_PATH,
    STALE_MONTHS,
    JudgmentError,
    likelihood_scale,
    probability,
)
from analysis.analytics.judgments.voices import (  # noqa: F401
    confidence_of,
    evidence_items,
    voice_counts,
    voice_names,
    voice_of,
)
from analysis.core.quote import citations  # noqa: F401  (the one parser, as the judgments use it)
