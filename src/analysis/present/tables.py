"""Tables for the book. A :class:`Table` renders as a MyST ``list-table`` (the chapters set
``nb_render_markdown_format: myst``), so Sphinx builds a real, numbered table for both the web page
and the PDF, with a caption, a label to cite with ``{numref}``, relative column widths, and paragraph
citations that link to the seed-text appendix.

Seed text is data: every cell is escaped (see :func:`analysis.present.pages.escape_myst`), so no cell can
become markup. Only the roles this module writes itself (paragraph citations) are live.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.core.dates import format_date
from analysis.core.keys import anchor, is_key
from analysis.core.text import normalise
from analysis.ledger.events import cited_keys, split_list
from analysis.present.pages import escape_myst

#: Tables with more rows than this are typeset as LaTeX longtables, which break across pages.
LONG_TABLE_ROWS = 8


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, pd.Timestamp):
        return "" if pd.isna(value) else value.strftime("%Y-%m-%d")
    if isinstance(value, float):
        return "" if pd.isna(value) else f"{value:g}"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


#: Characters a role's excerpt cannot hold: the double quote closes it, the backtick closes the role.
_EXCERPT_BREAKS = re.compile(r'["`]+')


def role_excerpt(excerpt: str) -> str:
    """``excerpt`` in a form the ``{para}`` role accepts: white space made single spaces and, where the
    words hold a double quote or a backtick (which would close the excerpt or the role), the longest
    stretch between such characters. The result is still a verbatim sub-span of ``excerpt``, so it is
    still in the paragraph. An excerpt with nothing left is an error."""
    pieces = [p.strip() for p in _EXCERPT_BREAKS.split(re.sub(r"\s+", " ", str(excerpt)))]
    best = max(pieces, key=len, default="")
    if not best:
        raise ValueError(f"no usable words in the excerpt {excerpt!r}")
    return best


def _excerpt_list(excerpts: object, n: int) -> list[str | None]:
    """``excerpts`` (None, one string, or a list aligned with ``n`` keys) as one entry per key."""
    if isinstance(excerpts, (list, tuple)):
        if len(excerpts) != n:
            raise ValueError(f"{len(excerpts)} excerpts for {n} paragraph keys")
        return [None if _cell(e) == "" else _cell(e) for e in excerpts]
    text = _cell(excerpts)
    if text == "":
        return [None] * n
    if n != 1:
        raise ValueError(f"one excerpt for {n} paragraph keys: give a list aligned with the keys")
    return [text]


def cite_keys(text: str, excerpts: object = None) -> str:
    """MyST for a cell holding paragraph keys (``003¶60`` or ``003¶60; 003¶63``): each key becomes a
    ``{para}`` citation; anything else in the cell is escaped.

    ``excerpts`` gives the verbatim words each key rests on: a string for a cell with one key, or a
    list aligned with the keys (None or "" where a key has none). Each becomes the citation's excerpt,
    ``{para}`003¶60 "words"```, which the build checks against the paragraph (see
    :func:`role_excerpt` for words holding quotes or backticks). Excerpts for a cell that is not keys,
    or a list not aligned with the keys, are an error."""
    parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    if parts and all(is_key(p) for p in parts):
        words = _excerpt_list(excerpts, len(parts))
        return ", ".join(
            f"{{para}}`{p}`" if w is None else f'{{para}}`{p} "{role_excerpt(w)}"`' for p, w in zip(parts, words)
        )
    given = list(excerpts) if isinstance(excerpts, (list, tuple)) else [excerpts]
    if any(_cell(e) != "" for e in given):
        raise ValueError(f"excerpts given for a cell that holds no paragraph keys: {text!r}")
    return escape_myst(text)


@dataclass
class Table:
    """A frame to show in the book.

    ``caption`` and ``name`` make it a numbered table (cite it with ``{numref}`name```);
    ``widths`` gives relative column widths; ``cite`` lists columns holding paragraph keys, which become
    links; ``excerpts`` maps a ``cite`` column to a column holding the verbatim words each key rests on
    (a string for one key, a list aligned with several; see :func:`cite_keys`), which is not displayed;
    ``css_class`` is added to the table (``ledger-table`` makes it sortable and searchable in HTML)."""

    frame: pd.DataFrame
    caption: str = ""
    name: str = ""
    widths: dict[str, float] = field(default_factory=dict)
    cite: tuple[str, ...] = ()
    excerpts: dict[str, str] = field(default_factory=dict)
    css_class: str = ""

    def __post_init__(self):
        for cite_col, words_col in self.excerpts.items():
            if cite_col not in self.cite:
                raise ValueError(f"table {self.name or self.caption!r}: excerpts for {cite_col!r}, not a cite column")
            if words_col not in self.frame.columns:
                raise ValueError(f"table {self.name or self.caption!r}: no excerpt column {words_col!r}")

    def to_myst(self) -> str:
        hidden = set(self.excerpts.values())
        cols = [c for c in self.frame.columns if c not in hidden]
        weights = [max(1, round(float(self.widths.get(c, 1.0)) * 10)) for c in cols]
        # Long tables must break across PDF pages: Sphinx makes a longtable of a table with this class.
        long = "longtable" if len(self.frame) > LONG_TABLE_ROWS else ""
        classes = " ".join(c for c in ("report-table", self.css_class, long) if c)
        lines = [
            f"```{{list-table}} {escape_myst(self.caption)}".rstrip(),
            ":header-rows: 1",
            f":widths: {' '.join(str(w) for w in weights)}",
            f":class: {classes}",
        ]
        if self.name:
            lines.append(f":name: {self.name}")
        lines.append("")
        lines.append("* " + "\n".join(("- " if i == 0 else "  - ") + escape_myst(str(c)) for i, c in enumerate(cols)))
        if self.frame.empty:  # a table with no rows still prints (and keeps its number): one row says so
            lines.append("* " + "\n".join(("- (none)" if i == 0 else "  - ") for i in range(len(cols))))
        for row, (_, rec) in enumerate(self.frame.iterrows(), start=1):
            cells = []
            for col in cols:
                text = _cell(rec[col])
                if col not in self.cite:
                    cells.append(escape_myst(text))
                    continue
                words = rec[self.excerpts[col]] if col in self.excerpts else None
                try:
                    cells.append(cite_keys(text, words))
                except ValueError as exc:
                    raise ValueError(f"table {self.name or self.caption!r}, row {row}, column {col!r}: {exc}") from exc
            lines.append("* " + "\n".join(("- " if i == 0 else "  - ") + c for i, c in enumerate(cells)))
        lines.append("```")
        return "\n".join(lines) + "\n"

    def _repr_markdown_(self) -> str:
        return self.to_myst()

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


def show(frame: pd.DataFrame, caption: str = "", name: str = "", **kwargs) -> Table:
    """Wrap ``frame`` for display in a chapter (see :class:`Table`)."""
    return Table(frame.reset_index(drop=True), caption=caption, name=name, **kwargs)


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


def claims_table(claims: pd.DataFrame, names: dict[str, str], quote: bool = True) -> pd.DataFrame:
    """Contested claims for a reader: who makes each claim (by name), the position it takes, the claim,
    optionally the seed's words, the outlet that reports it (by name) and the paragraph. ``excerpt``
    (not for display: pass ``excerpts={"source": "excerpt"}`` to :func:`show`) holds the claim's
    verified quote, the words its paragraph citation rests on."""

    def name(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
        return names.get(text, text)

    table = pd.DataFrame(
        {
            "claim": claims["claim_id"].to_numpy(),
            "who claims": [name(v) for v in claims["claimant"]],
            "position": claims["side"].str.replace("_", " ").to_numpy(),
            "claim (paraphrase)": claims["claim"].to_numpy(),
            "the seed's words": claims["quote"].to_numpy(),
            "reported by": [name(v) for v in claims["reported_by"]],
            "source": claims["key"].to_numpy(),
            "excerpt": claims["quote"].to_numpy(),
        }
    )
    return table if quote else table.drop(columns="the seed's words")


def named_as(aliases: str, name: str, keys: str, texts: dict[str, str]) -> list[str | None]:
    """For a place named in the paragraphs ``keys`` (``;``-separated), the words naming it in each, as
    the paragraph writes them (``texts`` maps a key to its display text): the first of its name and
    ``|``-separated aliases, longest first, found there ignoring case; None where none is."""
    spellings = sorted({name, *(a for a in str(aliases).split("|") if a)}, key=len, reverse=True)
    found: list[str | None] = []
    for key in (k.strip() for k in str(keys).split(";") if k.strip()):
        text = texts.get(key, "")
        hit = next((m for a in spellings if (m := re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text, re.I))), None)
        found.append(hit.group(0) if hit else None)
    return found


def _keys(cell: object) -> list[str]:
    return [k.strip() for k in re.split(r"[;,]", _cell(cell)) if k.strip()]


def words_found(
    keys: object, candidates: list[object], texts: dict[str, str], or_opening: bool = False
) -> list[str | None]:
    """For each paragraph key in ``keys`` (``;``-separated), the first of ``candidates`` that stands
    verbatim in that paragraph (compared with :func:`analysis.core.text.normalise`; ``texts`` maps a key to
    its display text), or None (with ``or_opening``, the paragraph's :func:`opening_words` instead):
    words a citation can carry because the paragraph is checked to hold them."""
    found: list[str | None] = []
    for key in _keys(keys):
        text = normalise(texts.get(key, ""))
        hit = next((str(c) for c in candidates if _cell(c) and normalise(str(c)) in text), None)
        if hit is None and or_opening and text:
            hit = opening_words(texts[key])
        found.append(hit)
    return found


def difference_words(
    differences: pd.DataFrame, events: pd.DataFrame, claims: pd.DataFrame | None, paragraphs: pd.DataFrame
) -> list[list[str | None]]:
    """For each row of :func:`analysis.ledger.reference.differences`, the words of each paragraph its
    ``seed_paragraph`` cites (see :func:`words_found`): the ledger row's quote, the seed's value (a
    place's name) or the quotes of the event's claims, whichever the paragraph holds. Pass as the
    excerpt column of ``seed_paragraph``."""
    texts = dict(zip(paragraphs["key"], paragraphs["display"]))
    quotes = dict(zip(events["event_id"], events["quote"]))
    out = []
    for _, rec in differences.iterrows():
        candidates: list[object] = [quotes.get(rec["event_id"], ""), rec["seed_value"]]
        if claims is not None:
            candidates += list(claims.loc[claims["event_id"] == rec["event_id"], "quote"])
        out.append(words_found(rec["seed_paragraph"], candidates, texts))
    return out


def opening_words(text: str, limit: int = 60) -> str:
    """The first words of ``text``, at most ``limit`` characters, cut at a word boundary: a verbatim
    excerpt of a paragraph too long to quote whole."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut or text[:limit]


def places_table(
    distances: pd.DataFrame,
    with_distance: tuple[str, ...] = ("DZA", "MLI", "NER", "BFA"),
    paragraphs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The cities and towns the seeds name (gazetteer role ``seed``) and the public-record places, for a
    reader: name, kind, country, coordinates, precision, distance to the border (only for places in
    ``with_distance`` countries, where it means something), source and the paragraphs naming each.
    ``distances`` is :func:`analysis.analytics.border.place_distances`. With ``paragraphs`` (the corpus's
    paragraphs), ``named as`` (not for display: pass ``excerpts={"named in": "named as"}`` to
    :func:`show`) holds the words naming the place in each paragraph (see :func:`named_as`)."""
    table = distances.reset_index()
    table = table[table["role"].isin(["seed", "public_record"])].copy()
    table.loc[~table["iso3"].isin(list(with_distance)), "distance_km"] = float("nan")
    columns = ["name", "kind", "country", "coordinates", "± km", "to border, km", "source", "named in"]
    if paragraphs is not None:
        texts = dict(zip(paragraphs["key"], paragraphs["display"]))
        table["named as"] = [
            named_as(a, n, k, texts) for a, n, k in zip(table["aliases"], table["name"], table["seed_refs"])
        ]
        columns.append("named as")
    return table.assign(
        country=table["iso3"],
        **{
            "coordinates": [f"{la:.4f}, {lo:.4f}" for la, lo in zip(table["lat"], table["lon"])],
            "± km": table["precision_km"],
            "to border, km": table["distance_km"].round(1),
            "named in": table["seed_refs"].replace("", "not in the seeds"),
        },
    )[columns]


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


def zone_table(zone: pd.DataFrame) -> pd.DataFrame:
    """The border zone's events (:func:`analysis.analytics.border.zone_events`) for a reader: event, date as the
    ledger states it, place, PLOVER type, summary, distance to the border (km, one decimal), the
    paragraph and its verbatim excerpt (``source``, ``excerpt``), in date order."""
    rows = zone.sort_values(["start_day", "event_id"])
    return pd.DataFrame(
        {
            "event": rows["event_id"],
            "date": [
                format_date(s, e, p, b)
                for s, e, p, b in zip(rows["date_start"], rows["date_end"], rows["date_precision"], rows["date_basis"])
            ],
            "place": rows["place_name"],
            "type": rows["event_type"],
            "what the seed reports": rows["summary"],
            "to border, km": rows["distance_km"].round(1),
            "source": rows["key"],
            "excerpt": rows["quote"],
        }
    ).reset_index(drop=True)


def record_figures(record: pd.DataFrame, key: str) -> pd.DataFrame:
    """One public-record entry whose value lists figures by claimant (``"A: x; B: y"``), one row per
    figure, with the entry's sources and reliability. Raises KeyError naming ``key`` if the record has no
    such entry."""
    entry = record[record["key"] == key]
    if entry.empty:
        raise KeyError(f"the public record has no entry {key!r}")
    rec = entry.iloc[0]
    figures = [p.strip() for p in str(rec["value"]).split(";") if p.strip()]
    return pd.DataFrame(
        {
            "claimant: figure": figures,
            "sources (public record)": [rec["source"]] * len(figures),
            "reliability": [rec["reliability"]] * len(figures),
        }
    )


# --------------------------------------------------------------------------------------------------
# Key judgments and what to watch (frames from analysis.analytics.judgments)
# --------------------------------------------------------------------------------------------------
@dataclass
class Myst:
    """A block of MyST a chapter displays as its own markup (``nb_render_markdown_format: myst``)."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text


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
    the corpus that matches it ("none so far" where nothing does)."""
    return pd.DataFrame(
        {
            "judgment": [f"Key judgment {_number(j)}: {t}" for j, t in zip(watch["judgment_id"], watch["title"])],
            "likelihood": watch["likelihood"].to_numpy(),
            "indicator": watch["indicator"].to_numpy(),
            "if observed": [f"{d} the likelihood" for d in watch["direction"]],
            "public record after the corpus": watch["record"].replace("", "none so far").to_numpy(),
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


def corpus_table(docs: pd.DataFrame) -> pd.DataFrame:
    """The seed catalogue for a reader (``docs`` is :func:`analysis.sources.corpus.load_corpus`): seed, title,
    outlet ("not named" where the text names none), language, publication date or interval, the date's
    basis, and the paragraph and word counts."""
    published = [
        f"{lo:%Y-%m-%d}" if lo == hi else f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d}"
        for lo, hi in zip(docs["published_earliest"], docs["published_latest"])
    ]
    table = docs.assign(published=published, outlet=docs["outlet"].replace("", "not named"))
    columns = ["seed", "title", "outlet", "language", "published", "date_precision"]
    columns += ["paragraphs", "body", "headings", "captions", "boilerplate", "words"]
    return table[columns].rename(columns={"date_precision": "date basis"}).reset_index(drop=True)


def date_evidence_table(catalog: pd.DataFrame, paragraphs: pd.DataFrame) -> pd.DataFrame:
    """How each seed's publication date was set, for a reader: seed, basis, the evidence, the
    paragraphs it stands in (``where``, to cite) with the words of each that hold it (``words``, not
    for display: pass ``excerpts={"where": "words"}`` to :func:`show`), and the reasoning."""
    texts = dict(zip(paragraphs["key"], paragraphs["display"]))
    words = [
        words_found(keys, str(evidence).split(" | "), texts, or_opening=True)
        for keys, evidence in zip(catalog["evidence_paragraphs"], catalog["date_evidence"])
    ]
    return pd.DataFrame(
        {
            "seed": catalog["seed"].to_numpy(),
            "date basis": catalog["date_precision"].to_numpy(),
            "evidence": catalog["date_evidence"].to_numpy(),
            "where": catalog["evidence_paragraphs"].to_numpy(),
            "reasoning": catalog["date_reasoning"].to_numpy(),
            "words": words,
        }
    )


def boilerplate_table(paragraphs: pd.DataFrame, example_chars: int = 60) -> pd.DataFrame:
    """The paragraphs set aside as page furniture, by the rule that caught them: rule, how many,
    where (``;``-joined keys, to cite, with ``words``, each paragraph's :func:`opening_words`, not for
    display), and the first one's text shortened to ``example_chars``."""
    boiler = paragraphs[paragraphs["kind"] == "boilerplate"]
    rows = []
    for rule, own in boiler.groupby("rule", sort=True):
        first = str(own["display"].iloc[0])
        rows.append(
            {
                "rule": rule,
                "paragraphs": len(own),
                "where": "; ".join(own["key"]),
                "example": first[:example_chars] + ("…" if len(first) > example_chars else ""),
                "words": [opening_words(t) for t in own["display"]],
            }
        )
    return pd.DataFrame(rows, columns=["rule", "paragraphs", "where", "example", "words"])


def types_in_use(events: pd.DataFrame) -> pd.DataFrame:
    """The codebook's PLOVER types (:func:`analysis.ledger.codebook.types_table`) with the number of ledger
    events of each (``events in ledger``, 0 for a type the ledger does not use)."""
    from analysis.ledger.codebook import types_table

    types = types_table()
    used = events["event_type"].value_counts()
    types["events in ledger"] = [int(used.get(t, 0)) for t in types["event_type"]]
    return types


def modes_in_use(events: pd.DataFrame) -> pd.DataFrame:
    """The (type, mode) pairs the ledger uses, with the manual's description and the number of events
    (``events``); a mode the codebook does not list for its type is refused by the ledger's loader."""
    from analysis.ledger.codebook import modes_table

    pairs = events[events["event_mode"] != ""].groupby(["event_type", "event_mode"]).size()
    modes = modes_table(sorted(events["event_type"].unique()))
    keep = [(t, m) in pairs.index for t, m in zip(modes["event_type"], modes["event_mode"])]
    modes = modes[keep].reset_index(drop=True)
    modes["events"] = [int(pairs[(t, m)]) for t, m in zip(modes["event_type"], modes["event_mode"])]
    return modes


def terms_in_use(
    rows: pd.DataFrame, column: str, terms: dict[str, str], meaning: str = "meaning", count: str = "events"
) -> pd.DataFrame:
    """A codebook vocabulary (``terms``: value -> meaning, e.g. :data:`analysis.ledger.codebook.PRECISIONS`)
    with the number of ``rows`` (ledger events, actors) holding each value in ``column`` (header
    ``count``)."""
    counts = rows[column].value_counts()
    return pd.DataFrame(
        {
            column: list(terms),
            meaning: list(terms.values()),
            count: [int(counts.get(t, 0)) for t in terms],
        }
    )
