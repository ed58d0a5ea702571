"""The reference pages' tables: the chronology and the who's who (sortable, with drop-down filters in
HTML: class ``column-filters``, see ``_static/tables.js``) and the matrix of what each side wants, a
MyST ``list-table`` whose cells hold each entry with who says it and its checked citation.

Seed text and data are escaped (:func:`analysis.present.pages.escape_myst`); the only markup written
is the ``{para}`` citations (:func:`analysis.present.tables.cite_keys`).
"""

from __future__ import annotations

import pandas as pd

from analysis.present.pages import escape_myst
from analysis.present.tables import Table, cite_keys, show

FILTERABLE = "ledger-table column-filters"


def chronology_table(frame: pd.DataFrame, name: str = "tbl-chronology") -> Table:
    """The chronology (:func:`analysis.analytics.reference.chronology`) as a numbered, sortable and
    filterable table; each ledger row cites its paragraph with the ledger's verified quote."""
    return show(
        frame,
        caption="Chronology: every event of the ledger and every dated entry of the public record, in date "
        "order. Turning points are named in the last column.",
        name=name,
        cite=("source",),
        excerpts={"source": "excerpt"},
        css_class=FILTERABLE,
        widths={
            "sort date": 0.9,
            "date": 1.0,
            "year": 0.5,
            "kind": 0.9,
            "actors": 1.5,
            "what happened": 3.6,
            "source": 1.4,
            "turning point": 1.0,
        },
    )


def whos_who_table(frame: pd.DataFrame, group: str, name: str) -> Table:
    """One group of the who's who (:func:`analysis.analytics.reference.whos_who`), roles cited."""
    own = frame[frame["group"] == group].drop(columns="group")
    return show(
        own,
        caption=f"Who's who: {group}.",
        name=name,
        cite=("role source",),
        css_class="ledger-table",
        widths={
            "name": 1.5,
            "who they are": 2.4,
            "role source": 1.0,
            "acts for": 0.8,
            "chapters": 1.8,
            "first event": 0.9,
            "last event": 0.9,
            "events": 0.7,
        },
    )


def _cell(entries: list[dict], empty: str) -> str:
    if not entries:
        return escape_myst(empty)
    parts = [
        f"{escape_myst(e['statement'])} ({escape_myst(e['who'])}: {cite_keys(e['key'], e['quote'])})" for e in entries
    ]
    return "\n\n    ".join(parts)


class InterestsMatrix:
    """The interests-and-leverage matrix (:func:`analysis.analytics.reference.interests_matrix`): one
    row per party, one column per aspect; renders as MyST (HTML and PDF alike)."""

    def __init__(self, matrix: pd.DataFrame, caption: str, name: str = "tbl-interests"):
        self.matrix, self.caption, self.name = matrix, caption, name

    def to_myst(self) -> str:
        aspects = list(dict.fromkeys(self.matrix["aspect"]))
        lines = [
            f"```{{list-table}} {escape_myst(self.caption)}",
            ":header-rows: 1",
            ":widths: 12 " + " ".join("29" for _ in aspects),
            ":class: report-table longtable",
            f":name: {self.name}",
            "",
            "* - side\n" + "\n".join(f"  - {escape_myst(a)}" for a in aspects),
        ]
        for party, own in self.matrix.groupby("party", sort=False):
            cells = [_cell(rec["entries"], rec["text"]) for _, rec in own.iterrows()]
            lines.append(f"* - {escape_myst(party)}\n" + "\n".join(f"  - {c}" for c in cells))
        lines.append("```")
        return "\n".join(lines) + "\n"

    def _repr_markdown_(self) -> str:
        return self.to_myst()

    def __repr__(self) -> str:
        return f"<interests matrix: {self.matrix['party'].nunique()} sides>"
