"""Key judgments and what to watch (frames from :mod:`analysis.analytics.judgments`)."""

from __future__ import annotations

import pandas as pd

from analysis.present.pages import escape_myst
from analysis.present.tables.excerpts import opening_words
from analysis.present.tables.myst import Myst, cite_keys


def _number(judgment_id: str) -> str:
    return judgment_id.removeprefix("KJ")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _evidence_myst(items: pd.DataFrame, texts: dict[str, str]) -> str:
    """The evidence items of one judgment: each id with the paragraph it rests on, cited with the
    ledger's (or claim's) verbatim words, or the paragraph's opening words for a paragraph key."""
    out = []
    for item, group in items.groupby("item", sort=False):
        first = group.iloc[0]
        words = first["quote"] or opening_words(texts.get(first["key"], ""))
        cited = cite_keys(first["key"], words)
        out.append(cited if first["kind"] == "paragraph" else f"{escape_myst(item)} ({cited})")
    return "; ".join(out)


def key_judgments(
    judgments: pd.DataFrame,
    counts: pd.DataFrame,
    items: pd.DataFrame,
    windows: pd.DataFrame,
    watch: pd.DataFrame,
    voice_names: dict[str, str],
    texts: dict[str, str],
    likelihood_ranges: dict[str, tuple[int, int]],
) -> Myst:
    """The Key judgments as MyST, one block per judgment: its title and statement (the analysts' MyST,
    citations checked by the loader and the build), then the likelihood term and its ICD 203 range,
    the confidence with the independent-voice count it follows from (first-hand voices named first),
    the horizon, the evidence with each item's verbatim words, what would change it, and its
    indicators with what the public record after the corpus shows for each. ``counts``, ``items``,
    ``windows`` and ``watch`` are :func:`analysis.analytics.judgments.voice_counts`, ``evidence_items``,
    ``windows`` and ``watch``; ``texts`` maps paragraph keys to their text."""
    per = counts.set_index("judgment_id")
    win = windows.set_index("judgment_id")
    blocks = []
    for rec in judgments.itertuples(index=False):
        c = per.loc[rec.judgment_id]
        low, high = likelihood_ranges[rec.likelihood]
        names = [voice_names.get(v, v) for v in c["voice_list"]]
        first = names[: int(c["first_hand"])]
        voices = (
            f"{_count(int(c['voices']), 'independent voice', 'independent voices')} "
            f"({'; '.join(escape_myst(n) for n in names)}), "
            f"{_count(int(c['first_hand']), 'first-hand', 'first-hand')}"
            + (f" ({'; '.join(escape_myst(n) for n in first)})" if first else "")
            + f"; the evidence reaches the corpus through {_count(int(c['relays']), 'seed', 'seeds')}"
        )
        opens, closes = win.loc[rec.judgment_id, "opens"], win.loc[rec.judgment_id, "closes"]
        horizon = (
            "retrospective (what the seeds record)"
            if pd.isna(opens)
            else f"the {rec.horizon.removeprefix('next ')} after the last dated event of the corpus, "
            f"{opens.day} {opens:%B %Y} to {closes.day} {closes:%B %Y}"
        )
        lines = [
            f"**{_number(rec.judgment_id)}. {escape_myst(rec.title)}.** {rec.statement}",
            "",
            f"- **Likelihood:** *{rec.likelihood}* ({low}–{high} % in ICD 203's scale).",
            f"- **Confidence:** *{rec.confidence}*: {voices}.",
            f"- **Horizon:** {horizon}.",
            f"- **Evidence:** {_evidence_myst(items[items['judgment_id'] == rec.judgment_id], texts)}.",
            f"- **What would change it:** {rec.changes_if}",
            "- **What to watch:**",
        ]
        for ind in watch[watch["judgment_id"] == rec.judgment_id].itertuples(index=False):
            seen = (
                f" Public record after the corpus: {escape_myst(ind.record)}."
                if ind.record
                else " Not observed in the public record after the corpus."
            )
            lines.append(f"  - {escape_myst(ind.indicator)} ({ind.direction} the likelihood).{seen}")
        blocks.append("\n".join(lines))
    return Myst("\n\n".join(blocks) + "\n")


def watch_table(watch: pd.DataFrame) -> pd.DataFrame:
    """What to watch for a reader: the judgment (its number on the Key judgments page and title), its
    likelihood, the indicator, what observing it does to the likelihood, and the public record after
    the corpus that matches it, or "no record found" / "not checked" as :func:`analysis.analytics.judgments.watch`
    says (never "none so far", which reads as a finding nobody made)."""
    return pd.DataFrame(
        {
            "judgment": [f"Key judgment {_number(j)}: {t}" for j, t in zip(watch["judgment_id"], watch["title"])],
            "likelihood": watch["likelihood"].to_numpy(),
            "indicator": watch["indicator"].to_numpy(),
            "if observed": [f"{d} the likelihood" for d in watch["direction"]],
            "public record after the corpus": watch["record"].to_numpy(),
        }
    )


def scored_table(scored: pd.DataFrame, judgments: pd.DataFrame) -> pd.DataFrame:
    """The public record after the corpus scored against the indicators, for a reader: the record's
    date and event, the judgment and indicator it matches, the direction and how it bears on the
    judgment, and whether it falls in the judgment's forward window."""
    titles = dict(zip(judgments["judgment_id"], judgments["title"]))
    horizons = dict(zip(judgments["judgment_id"], judgments["horizon"]))
    return pd.DataFrame(
        {
            "date (public record)": scored["day"].dt.strftime("%Y-%m-%d").to_numpy(),
            "what the public record reports": scored["subject"].to_numpy(),
            "judgment": [
                f"Key judgment {_number(j)}: {titles[j]}" if j else "(no indicator)" for j in scored["judgment_id"]
            ],
            "indicator": scored["indicator"].to_numpy(),
            "bearing": [
                f"{d} the likelihood; {b}" if b in ("consistent", "against") else f"{d} the likelihood" if d else ""
                for d, b in zip(scored["direction"], scored["bearing"])
            ],
            "in the window": [
                "" if not j else "yes" if w else "retrospective" if horizons[j] == "retrospective" else "no"
                for w, j in zip(scored["in_window"], scored["judgment_id"])
            ],
        }
    )


def after_corpus_table(after: pd.DataFrame) -> pd.DataFrame:
    """The public record after the corpus (:func:`analysis.ledger.reference.after_corpus`) for a reader: date,
    what the record reports, its source and reliability grade."""
    return pd.DataFrame(
        {
            "date (public record)": after["day"].dt.strftime("%Y-%m-%d").to_numpy(),
            "what the public record reports": after["subject"].to_numpy(),
            "source": after["source"].to_numpy(),
            "reliability": after["reliability"].to_numpy(),
        }
    )
