"""The event ledger for a reader: condensed for print (:func:`reader_ledger`), the whole ledger as
sortable HTML (:func:`ledger_html`), both at once for a chapter (:class:`LedgerTable`)."""

from __future__ import annotations

import html

import pandas as pd

from analysis.core.dates import format_date
from analysis.core.keys import anchor
from analysis.ledger.events import cited_keys, split_list
from analysis.present.tables.myst import show


def reader_ledger(events: pd.DataFrame, names: dict[str, str], also_in: bool = False) -> pd.DataFrame:
    """The ledger condensed for print: one row per event with its id, its date as the ledger states it
    (``by 31 Aug 2021`` where only an upper bound is known, an interval where the text gives one), its
    PLOVER type and mode, the two actors by name, the summary and the paragraphs it rests on. Every
    other column stays in ``data/events.csv``.

    ``excerpt`` (not for display: pass ``excerpts={"source": "excerpt"}`` to :func:`show`) holds the
    words of each cited paragraph, aligned with ``source``: the ledger's verified quote for the row's
    own paragraph. A row cites only that paragraph, so every citation carries its words; with
    ``also_in=True`` it also cites the ledger's other paragraphs for the event (``also_in``), which the
    ledger lists without words, so those citations carry none."""

    def actor(value: object) -> str:
        value = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return names.get(value, value)

    rows = []
    for _, rec in events.iterrows():
        pair = [a for a in (actor(rec["actor1"]), actor(rec["actor2"])) if a]
        keys = cited_keys(rec) if also_in else cited_keys(rec)[:1]
        rows.append(
            {
                "event": rec["event_id"],
                "date": format_date(rec["date_start"], rec["date_end"], rec["date_precision"], rec["date_basis"]),
                "type": rec["event_type"] + (f" ({rec['event_mode']})" if rec["event_mode"] else ""),
                "actors": " \u2192 ".join(pair),
                "summary": rec["summary"],
                "source": "; ".join(keys),
                "excerpt": [rec["quote"]] + [None] * (len(keys) - 1),
            }
        )
    return pd.DataFrame(rows, columns=["event", "date", "type", "actors", "summary", "source", "excerpt"])


def ledger_html(
    events: pd.DataFrame,
    seeds_page: str = "appendix_seeds.html",
    css_class: str = "ledger-table",
) -> str:
    """The ledger as one HTML table (class ``css_class``, which the book's script makes sortable and
    searchable). Each cited paragraph links to its anchor on the seed-text page
    (``appendix_seeds.html#p-003-14``); each row has the id ``ledger-E012`` so that ``contested_with``
    can link to it. All text from the data is escaped with :func:`html.escape`: seed text is data."""

    def esc(value: object) -> str:
        return html.escape(str(value), quote=True)

    def para_link(key: str) -> str:
        return f'<a href="{esc(seeds_page)}#{anchor(key)}">{esc(key)}</a>'

    headers = [
        "ID",
        "Date",
        "Precision",
        "Basis",
        "Type",
        "Mode",
        "Score",
        "Actor 1",
        "Actor 2",
        "Place",
        "Summary",
        "Source",
        "Quote",
        "Claimed by",
        "Reported by",
        "Contested with",
        "Notes",
    ]
    out = [f'<table class="{esc(css_class)}">', "<thead><tr>"]
    out += [f"<th>{esc(h)}</th>" for h in headers]
    out += ["</tr></thead>", "<tbody>"]
    for _, row in events.iterrows():
        when = row["date_start"] if row["date_start"] == row["date_end"] else f"{row['date_start']} – {row['date_end']}"
        sources = ", ".join(para_link(k) for k in cited_keys(row))
        contested = ", ".join(f'<a href="#ledger-{esc(e)}">{esc(e)}</a>' for e in split_list(row["contested_with"]))
        cells = [
            esc(row["event_id"]),
            esc(when),
            esc(row["date_precision"]),
            esc(row["date_basis"]),
            esc(row["event_type"]),
            esc(row["event_mode"]),
            f"{float(row['score']):+.1f}",
            esc(row["actor1"]),
            esc(row["actor2"]),
            esc(row["place"]),
            esc(row["summary"]),
            sources,
            "\u201c" + esc(row["quote"]) + "\u201d",
            esc(row["claimed_by"]),
            esc(row["reported_by"]),
            contested,
            esc(row["notes"]),
        ]
        out.append(f'<tr id="ledger-{esc(row["event_id"])}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return "\n".join(out)


class LedgerTable:
    """The whole ledger for a chapter: sortable and searchable HTML on the web page
    (:func:`ledger_html`), the condensed reader's ledger (:func:`reader_ledger`) in print."""

    def __init__(self, events: pd.DataFrame, names: dict[str, str]):
        self.events = events
        self.names = names

    def _repr_html_(self) -> str:
        return ledger_html(self.events)

    def _repr_markdown_(self) -> str:
        # Print has no room for seventeen columns: the reader's ledger, every row, six columns.
        return show(
            reader_ledger(self.events, self.names, also_in=True),
            cite=("source",),
            excerpts={"source": "excerpt"},
            css_class="ledger-table",
            widths={"event": 0.7, "date": 1.1, "type": 1.2, "actors": 1.6, "summary": 4.2, "source": 1.0},
        ).to_myst()

    def __repr__(self) -> str:
        return f"<event ledger: {len(self.events)} rows>"


def track_ledger(tracked: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """:func:`reader_ledger` of :func:`analysis.analytics.timeline.tracks`' frame, with its ``track`` column first."""
    frame = reader_ledger(tracked, names)
    frame.insert(0, "track", tracked["track"].to_numpy())
    return frame
