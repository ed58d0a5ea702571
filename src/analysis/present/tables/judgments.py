"""Key judgments and what to watch (frames from :mod:`analysis.analytics.judgments`)."""

from __future__ import annotations

import pandas as pd

from analysis.core.wording import join
from analysis.present.pages import escape_myst
from analysis.present.tables.myst import Myst


def _number(judgment_id: str) -> str:
    return judgment_id.removeprefix("KJ")


def judgment_numbers(judgment_ids) -> str:
    """The numbers a reader sees for some judgments: ``"6 to 9"`` for a run, ``"6, 8 and 9"`` otherwise,
    ``"6"`` for one, ``"none"`` for none."""
    numbers = sorted(int(_number(j)) for j in judgment_ids)
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]} to {numbers[-1]}"
    return join(str(n) for n in numbers)


def day_text(day: pd.Timestamp) -> str:
    """A day for a reader: ``7 December 2026``."""
    return f"{day.day} {day:%B %Y}"


def horizon_text(win: pd.Series, horizon: str) -> str:
    """A judgment's horizon in words, from its stored dates (``win``: a row of
    :func:`analysis.analytics.judgments.windows`): what has happened, a forecast's window and the
    edition that fixed it, or a hindcast labelled as such."""
    if win["kind"] == "retrospective":
        return "what has happened, as the articles record it"
    span = f"the {horizon.removeprefix('next ')} from {day_text(win['opens'])} to {day_text(win['closes'])}"
    issued = f"edition {int(win['edition'])}, issued {day_text(win['issued'])}"
    if win["kind"] == "hindcast":
        return f"{span}; a hindcast, not a forecast: the window had closed before {issued}"
    return f"{span}, fixed by {issued}"


def key_judgments(
    judgments: pd.DataFrame,
    counts: pd.DataFrame,
    items: pd.DataFrame,
    windows: pd.DataFrame,
    watch: pd.DataFrame,
    voice_names: dict[str, str],
    texts: dict[str, str],
    likelihood_ranges: dict[str, tuple[int, int]],
    articles: pd.DataFrame | None = None,
) -> Myst:
    """The Key judgments as MyST, judgment before method, one block per judgment: its number and its
    verdict in one sentence as its headline (:func:`analysis.present.briefing.verdict`: the likelihood
    term and the confidence, so the headline cannot state as fact what the judgment rates unlikely),
    the likelihood's ICD 203 range and the confidence with its reason in words,
    linked to "How we judge"; then the analysts' statement (citations checked by the loader and the
    build), the horizon, the evidence named by who says it and in which article (``articles``:
    :func:`analysis.sources.articles.article_labels`), what would change it, and its indicators with what
    the public record after the corpus shows for each. ``counts``, ``items``, ``windows`` and
    ``watch`` are :func:`analysis.analytics.judgments.voice_counts`, ``evidence_items``, ``windows`` and
    ``watch``; ``texts`` maps paragraph keys to their text."""
    from analysis.present import briefing

    if articles is None:
        articles = pd.DataFrame(columns=["seed", "outlet", "title", "date", "short", "long"])
    per = counts.set_index("judgment_id")
    win = windows.set_index("judgment_id")
    said = dict(zip(judgments["judgment_id"], briefing.verdicts(judgments, windows)))
    blocks = []
    for rec in judgments.itertuples(index=False):
        c = per.loc[rec.judgment_id]
        low, high = likelihood_ranges[rec.likelihood]
        opens = win.loc[rec.judgment_id, "opens"]
        reason = briefing.confidence_reason(
            rec.confidence,
            int(c["voices"]),
            int(c["first_hand"]),
            int(c["relays"]),
            pd.notna(opens),
            stale=bool(c.get("stale", False)),
        )
        horizon = horizon_text(win.loc[rec.judgment_id], rec.horizon)
        own = items[items["judgment_id"] == rec.judgment_id]
        lines = [
            f"**{_number(rec.judgment_id)}. {escape_myst(said[rec.judgment_id])}**",
            "",
            f"*{rec.likelihood.capitalize()}* ({low}–{high} %); confidence *{reason.split(':')[0]}*:"
            f"{reason.partition(':')[2]} "
            "({ref}`how we judge <how-we-judge>`).",
            "",
            rec.statement,
            "",
            f"- **Horizon:** {horizon}.",
            f"- **Evidence:** {briefing.evidence_myst(own, texts, voice_names, articles)}.",
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


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """The scorecard for a reader: the judgment (number and title), what it was (forecast or hindcast)
    and its window, the likelihood with the probability scored, the outcome with the public-record row
    it rests on, and the Brier score ("not scored" when unresolved)."""
    return pd.DataFrame(
        {
            "judgment": [f"{_number(j)}. {t}" for j, t in zip(card["judgment_id"], card["title"])],
            "issued as": [
                f"{k}, edition {e} ({day_text(i)}); window {day_text(o)} to {day_text(c)}"
                for k, e, i, o, c in zip(card["kind"], card["edition"], card["issued"], card["opens"], card["closes"])
            ],
            "likelihood (probability scored)": [
                f"{lik} ({p:.3f})" for lik, p in zip(card["likelihood"], card["probability"])
            ],
            "outcome (public record)": [
                f"{o}: {r} (public record: {src}; row {k})" if k else f"{o}: {r}"
                for o, r, k, src in zip(card["outcome"], card["reasoning"], card["record_key"], card["record_source"])
            ],
            "Brier score": ["not scored" if pd.isna(b) else f"{b:.3f}" for b in card["brier"]],
        }
    )


def editions_table(
    editions: pd.DataFrame, judgments: pd.DataFrame, windows: pd.DataFrame, card: pd.DataFrame
) -> pd.DataFrame:
    """The Changes page's table, one row per judgment, grouped by the edition that issued it: the
    edition (version and day), the judgment, what it was, and how it fared: standing (a retrospective
    judgment or an open forecast), or its outcome and Brier score."""
    win = windows.set_index("judgment_id")
    scored = card.set_index("judgment_id")
    version = dict(zip(editions["edition"], editions["version"]))
    rows = []
    for rec in judgments.itertuples(index=False):
        w = win.loc[rec.judgment_id]
        if rec.judgment_id in scored.index:
            s = scored.loc[rec.judgment_id]
            fared = s["outcome"] + ("" if pd.isna(s["brier"]) else f" (Brier {s['brier']:.3f})")
        elif w["kind"] == "retrospective":
            fared = "stands"
        else:
            fared = f"open until {day_text(w['closes'])}"
        rows.append(
            {
                "edition": f"{int(w['edition'])} (version {version[int(w['edition'])]}, {day_text(w['issued'])})",
                "judgment": f"{_number(rec.judgment_id)}. {rec.title}",
                "kind": w["kind"],
                "likelihood": rec.likelihood,
                "how it fared": fared,
            }
        )
    return pd.DataFrame(rows, columns=["edition", "judgment", "kind", "likelihood", "how it fared"])
