"""What to watch: the public record after the corpus scored against the indicators."""

from __future__ import annotations

import pandas as pd

from analysis.analytics.judgments.editions import windows
from analysis.analytics.judgments.terms import ANALYTICAL_CHAPTERS, LIKELIHOOD, NO_RECORD, NOT_CHECKED
from analysis.ledger.events import split_list


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


def score_after_corpus(indicators: pd.DataFrame, judgments: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The public-record events after the corpus (``after``: :func:`analysis.ledger.reference.after_corpus`)
    scored against the indicators: one row per record event and indicator listing its key, columns
    ``key``, ``day``, ``subject``, ``indicator_id``, ``judgment_id``, ``indicator``, ``direction``,
    ``bearing`` (:func:`bearing`) and ``in_window`` (the day falls within a forward judgment's window;
    False for a retrospective one). A record event no indicator lists has one row with the indicator
    columns empty: nothing the record adds is dropped."""
    lik = dict(zip(judgments["judgment_id"], judgments["likelihood"]))
    win = windows(judgments).set_index("judgment_id")
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
