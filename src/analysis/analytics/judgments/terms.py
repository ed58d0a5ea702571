"""The vocabulary of the key judgments: the ICD 203 likelihood terms and their ranges, the confidence
levels and the rule's thresholds, the files' columns and patterns, and the error they raise."""

from __future__ import annotations

import re

import pandas as pd

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.core.keys import PILCROW, SEED_PATTERN
from analysis.ledger.claims import CLAIM_PATTERN
from analysis.ledger.events import EVENT_PATTERN

JUDGMENTS_PATH = paths.DATA_DIR / "judgments.csv"
EDITIONS_PATH = paths.DATA_DIR / "editions.csv"
OUTCOMES_PATH = paths.DATA_DIR / "outcomes.csv"
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
    "edition",
    "issued",
    "opens",
    "closes",
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


def likelihood_scale() -> pd.DataFrame:
    """The ICD 203 scale, one row per term from least to most likely: ``ICD 203 term`` and its
    probability range, ``from (%)`` and ``to (%)``."""
    columns = ["ICD 203 term", "from (%)", "to (%)"]
    return pd.DataFrame([dict(zip(columns, (t, lo, hi))) for t, (lo, hi) in LIKELIHOOD_RANGES.items()], columns=columns)


#: The columns of ``data/editions.csv``: one row per edition of the judgments.
EDITION_COLUMNS: tuple[str, ...] = ("edition", "version", "issued", "evidence_cutoff", "summary")
#: The columns of ``data/outcomes.csv``: one row per forward judgment whose window has closed.
OUTCOME_COLUMNS: tuple[str, ...] = ("judgment_id", "outcome", "record_key", "assessed", "reasoning")
#: What the public record says of a closed window: the event occurred, did not, or the record holds nothing.
OUTCOMES: tuple[str, ...] = ("occurred", "did not occur", "unresolved")
#: What a judgment is: about the past, a forecast (issued before its window closed), or a hindcast
#: (issued after its window had closed: scored apart, never presented as a forecast).
KINDS: tuple[str, ...] = ("retrospective", "forecast", "hindcast")
#: A forward judgment whose window opens more than this many months after its edition's evidence
#: cut-off is one further confidence level down (the evidence gap).
STALE_MONTHS = 12


def probability(likelihood: str) -> float:
    """The probability a likelihood term stands for when a forecast is scored: the midpoint of its ICD 203
    range (``likely``, 55–80 %, is 0.675)."""
    low, high = LIKELIHOOD_RANGES[likelihood]
    return (low + high) / 200
