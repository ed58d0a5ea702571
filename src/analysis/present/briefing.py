"""The reader's edition of the key judgments: one-sentence verdicts, confidence with its reason in words,
evidence named by who says it, in which article, and the summary that opens the book.

Every sentence here is generated from the judgments data (:func:`analysis.analytics.judgments.assessment`),
so the summary cannot say anything the Key judgments page does not: both call :func:`verdict`.

- :func:`verdict` is a judgment's one sentence, carrying its ICD 203 likelihood term and its
  confidence: the statement's opening clause where that already states the likelihood (the forward
  judgments: "A return to Algerian mediation … is very unlikely in the 12 months to …"), else "We judge
  it <term>, with <level> confidence, that <title>" (the retrospective ones).
- :func:`confidence_reason`: "moderate: two independent sources, one of them a party to the events".
- :func:`reader_voice` names a voice as a reader knows it (an unnamed outlet by its article's date).
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.analytics.judgments import LIKELIHOOD
from analysis.core.wording import count, join, number, verb
from analysis.present.pages import escape_myst
from analysis.present.tables.excerpts import opening_words
from analysis.present.tables.myst import Myst, cite_keys

#: Words that may open a title and are lowercased when the title follows "that" (not proper nouns).
_COMMON_OPENERS = ("The", "A", "An", "Further", "Both", "There")
_ROLE = re.compile(r"\{paras?\}`[^`]*`")
_WINDOW = re.compile(r"\s+in the window\b")
#: An ICD 203 likelihood term in running text, the longest first ("very unlikely" before "unlikely").
LIKELIHOOD_TERMS = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, LIKELIHOOD), key=len, reverse=True)) + r")\b", re.IGNORECASE
)


def terms_in(text: str) -> set[str]:
    """The likelihood terms ``text`` uses, lowercased."""
    return {t.lower() for t in LIKELIHOOD_TERMS.findall(text)}


def _clause(title: str) -> str:
    first, _, rest = title.partition(" ")
    return (first.lower() + " " + rest) if first in _COMMON_OPENERS else title


def statement_head(statement: str) -> str:
    """The statement's opening clause: the text before its first colon outside a citation role (the
    whole statement's first sentence where it has no colon)."""
    masked = _ROLE.sub(lambda m: "\0" * len(m[0]), statement)
    cut = [i for i in (masked.find(": "), masked.find(". ")) if i >= 0]
    return statement[: min(cut)] if cut else statement.rstrip(".")


def window_words(closes: pd.Timestamp | None, horizon: str) -> str:
    """A forward window as a reader says it: "in the 12 months to 26 March 2026"."""
    if closes is None or pd.isna(closes):
        return ""
    return f" in the {horizon.removeprefix('next ')} to {closes.day} {closes:%B %Y}"


def verdict(title: str, statement: str, likelihood: str, confidence: str, window: str = "") -> str:
    """One sentence stating a judgment with its likelihood term and its confidence (see the module's
    docstring). ``window`` (:func:`window_words`) replaces "in the window" in a forward statement."""
    head = statement_head(statement)
    if terms_in(head) == {likelihood} and not _ROLE.search(head):
        head = _WINDOW.sub(window, head) if window else head
        return f"{head[0].upper()}{head[1:]} ({confidence} confidence)."
    return f"We judge it {likelihood}, with {confidence} confidence, that {_clause(title.rstrip('.'))}."


def confidence_reason(
    confidence: str, voices: int, first_hand: int, relays: int, forward: bool, stale: bool = False
) -> str:
    """Confidence with its reason in words: "moderate: two independent sources, one of them a party to
    the events, in three articles" (and, for a forward judgment, that it is one level below; for a
    ``stale`` one, whose window opens long after the evidence ends, two levels)."""
    sources = count(voices, "independent source", words=True)
    if first_hand == 0:
        party = ", none of them a party to the events"
    elif voices == 1:
        party = ", itself a party to the events"
    else:
        party = f", {number(first_hand, words=True)} of them a party to the events"
    articles = f", in {count(relays, 'article', words=True)}"
    lower = "; one level lower because it looks beyond the evidence" if forward else ""
    if forward and stale:
        lower = "; two levels lower because it looks beyond the evidence, from a window that opens long after it ends"
    return f"{confidence}: {sources}{party}{articles}{lower}"


def confidence_spread(levels: pd.Series) -> str:
    """How confident a set of judgments is, in words: ``"moderate for all five"``, ``"mostly moderate
    (three of four)"``, ``"high for one and low for one"`` when no level has a majority; ``"not
    stated"`` for none. Levels are named in the scale's order, highest first, on ties."""
    levels = pd.Series(levels, dtype="object").dropna()
    n = len(levels)
    if n == 0:
        return "not stated"
    tally = levels.value_counts()
    order = {level: i for i, level in enumerate(("high", "moderate", "low"))}
    ranked = sorted(tally.items(), key=lambda kv: (-kv[1], order.get(kv[0], len(order)), kv[0]))
    top, k = ranked[0]
    if k == n:
        return f"{top} for all {number(n, words=True)}" if n > 1 else f"{top}"
    if 2 * k > n:
        return f"mostly {top} ({number(k, words=True)} of {number(n, words=True)})"
    return join(f"{level} for {number(m, words=True)}" for level, m in ranked)


def hindcast_tally(resolved: int, occurred: int, unresolved: int) -> str:
    """The hindcasts' outcomes in a sentence: ``"two are resolved, and in two of them the event
    occurred; two are unresolved"``; ``"none is resolved; three are unresolved"``."""
    if resolved < 0 or occurred < 0 or unresolved < 0 or occurred > resolved:
        raise ValueError(f"impossible tally: {resolved} resolved, {occurred} occurred, {unresolved} unresolved")
    if resolved == 0:
        head = "none is resolved"
    elif resolved == 1:
        head = "one is resolved, and its event " + ("occurred" if occurred else "did not occur")
    else:
        happened = "none" if occurred == 0 else number(occurred, words=True)
        head = f"{number(resolved, words=True)} are resolved, and in {happened} of them the event occurred"
    if unresolved == 0:
        return f"{head}; none is unresolved"
    return f"{head}; {number(unresolved, words=True)} {verb(unresolved, 'is', 'are')} unresolved"


def reader_voice(voice: str, voice_names: dict[str, str], articles: pd.DataFrame) -> str:
    """A voice as a reader knows it: a named actor or "Mali (officials)"; an outlet the text does not
    name (``outlet_003``, or a seed's own voice ``seed 003``) as "an unnamed outlet (its article of 2025)"."""
    seed = re.fullmatch(r"(?:outlet_|seed )(\d+)", voice)
    if seed:
        row = articles[articles["seed"] == seed[1]]
        if not row.empty:
            outlet = row.iloc[0]["outlet"]
            return outlet or f"an unnamed outlet (its article of {row.iloc[0]['date']})"
    return voice_names.get(voice, voice)


def _own_outlet(voice: str, seed: str) -> bool:
    return voice in (f"outlet_{seed}", f"seed {seed}")


def evidence_myst(items: pd.DataFrame, texts: dict[str, str], voice_names: dict[str, str], articles) -> str:
    """A judgment's evidence named by who says it and in which article, with its citation: "Mali
    (officials), in an unnamed outlet's article of 2025 {para}"; the article alone where the voice is its
    own outlet; never a ledger or claim id."""
    by_seed = articles.set_index("seed")
    out = []  # one entry per voice and paragraph: two ledger rows from one paragraph name it once
    for _, group in items.groupby("item", sort=False):
        first = group.iloc[0]
        words = first["quote"] or opening_words(texts.get(first["key"], ""))
        seed = first["key"].split("\u00b6")[0]
        where = by_seed.loc[seed, "long"] if seed in by_seed.index else ""
        voices = [v for v in dict.fromkeys(group["voice"]) if not _own_outlet(v, seed)]
        who = "; ".join(dict.fromkeys(reader_voice(v, voice_names, articles) for v in voices))
        said = f"{who}, in {where}" if who else where
        out.append(f"{escape_myst(said)}{cite_keys(first['key'], words)}")
    return "; ".join(dict.fromkeys(out))


def verdicts(judgments: pd.DataFrame, windows: pd.DataFrame) -> list[str]:
    """:func:`verdict` of every judgment, in the judgments' order."""
    closes = windows.set_index("judgment_id")["closes"]
    return [
        verdict(r.title, r.statement, r.likelihood, r.confidence, window_words(closes.get(r.judgment_id), r.horizon))
        for r in judgments.itertuples(index=False)
    ]


def summary_judgments(judgments: pd.DataFrame, windows: pd.DataFrame) -> Myst:
    """The summary's list: each key judgment in one sentence (:func:`verdict`), numbered as on the Key
    judgments page, the retrospective ones first under "What happened", then "What comes next"."""
    lines, said = [], verdicts(judgments, windows)
    groups = (("What happened", "retrospective"), ("What comes next", "forward"))
    for heading, kind in groups:
        own = [
            (jid, s)
            for jid, h, s in zip(judgments["judgment_id"], judgments["horizon"], said)
            if (h == "retrospective") == (kind == "retrospective")
        ]
        if not own:
            continue
        lines += [f"**{heading}.**", ""]
        lines += [f"{jid.removeprefix('KJ')}. {s}" for jid, s in own]
        lines.append("")
    return Myst("\n".join(lines))
