"""Charts of the report (maps are in :mod:`analysis.present.maps`). Each function takes frames and returns a
matplotlib Figure in the house style, with a source line and alt text (``fig.alt_text``); nothing is
read from disk here.

:func:`export` writes a figure and the data behind it next to the chapter, so every chart can be
downloaded as PNG and SVG and its numbers as CSV.
"""

from __future__ import annotations

import re
from pathlib import Path

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from analysis.core import wording
from analysis.core.keys import seed_order
from analysis.present import style

EXPORT_DIR = Path("exports")


#: The drawn frame's columns for each figure, beyond which nothing is published.
PUBLICATION_COLUMNS = ["seed", "published_earliest", "published_latest", "date_precision"]
TIMELINE_COLUMNS = [
    "event_id",
    "date_start",
    "date_end",
    "date_precision",
    "event_type",
    "family",
    "score",
    "actor1",
    "actor2",
    "seed",
    "paragraph",
]


def _span(first: int, last: int) -> str:
    return f"in {first}" if first == last else f"from {first} to {last}"


def _months(days: int) -> int:
    return max(1, round(days / 30.44))


def _some(k: int, n: int, singular: str, plural: str) -> str:
    """The subject and verb of "k of the n articles ...": "it states", "all state", "one states", "two state"."""
    if n == 1:
        return f"it {singular}"
    who = ("both" if n == 2 else "all") if k == n else wording.number(k, words=True)
    return f"{who} {wording.verb(k, singular, plural)}"


def publication_title(drawn: pd.DataFrame) -> str:
    """The publication chart's finding, from the rows it draws (columns of :data:`PUBLICATION_COLUMNS`):
    how many articles, over which years, how many state their day and how closely the others are
    bounded, e.g. "The five articles date from 2017 to 2025: two state their day, three are bounded
    from their text to within 1 to 21 months"."""
    if drawn.empty:
        return "No article is in the catalogue"
    n = len(drawn)
    first, last = int(drawn["published_earliest"].min().year), int(drawn["published_latest"].max().year)
    stated = drawn["date_precision"] == "day"
    inferred = drawn[~stated]
    noun = "article dates" if n == 1 else f"{wording.count(n, 'article', words=True)} date"
    parts = []
    if stated.any():
        k = int(stated.sum())
        parts.append(f"{_some(k, n, 'states', 'state')} {'its' if k == 1 else 'their'} day")
    if len(inferred):
        k = len(inferred)
        spans = sorted({_months((r.published_latest - r.published_earliest).days + 1) for r in inferred.itertuples()})
        within = wording.count(spans[0], "month") if len(spans) == 1 else f"{spans[0]} to {spans[-1]} months"
        parts.append(f"{_some(k, n, 'is', 'are')} bounded from {'its' if k == 1 else 'their'} text to within {within}")
    return f"The {noun} {_span(first, last)}: {', '.join(parts)}"


def publication_intervals(catalog: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """One bar per seed from its earliest to its latest possible publication date; a single-day date
    is a diamond. Bars are labelled with the seed id and precision. Returns the figure and the rows it
    drew, one per seed."""
    style.apply_style()
    cat = catalog.sort_values("published_earliest", ascending=False).reset_index(drop=True)
    fig = Figure(figsize=(style.PRINT_WIDTH_IN, 3.2))  # not registered with pyplot: shown once, by the notebook
    ax = fig.subplots()
    for i, rec in cat.iterrows():
        lo, hi = rec["published_earliest"], rec["published_latest"]
        colour = style.PALETTE["mali"] if rec["date_precision"] == "day" else style.PALETTE["cooperation"]
        if lo == hi:
            ax.plot([lo], [i], marker="D", markersize=7, color=colour, zorder=3)
        else:
            ax.barh(
                i, (hi - lo).days + 1, left=lo, height=0.45, color=style.tint(colour, 0.35), edgecolor=colour, zorder=2
            )
    ax.set_yticks(range(len(cat)))
    ax.set_yticklabels([f"seed {s} ({p})" for s, p in zip(cat["seed"], cat["date_precision"])])
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Line2D([], [], marker="D", linestyle="", color=style.PALETTE["mali"], label="date stated in the text"),
            Patch(
                facecolor=style.tint(style.PALETTE["cooperation"], 0.35),
                edgecolor=style.PALETTE["cooperation"],
                label="interval inferred from the text",
            ),
        ],
        loc="lower center",
        bbox_to_anchor=(0.42, 0.02),
        fontsize=7.5,
    )
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    start = pd.Timestamp(cat["published_earliest"].min().year, 1, 1)
    end = pd.Timestamp(cat["published_latest"].max().year + 1, 3, 1)
    ax.set_xlim(start, end)
    ax.set_ylim(-0.7, len(cat) - 0.3)
    ax.grid(axis="x", color="#E0E0E0", linewidth=0.6, zorder=0)
    finding = publication_title(cat)
    style.finding_title(fig, finding)
    top = 1 - (0.08 + style.title_height_in(fig, finding) + 0.12) / fig.get_figheight()
    fig.subplots_adjust(left=0.25, right=0.97, top=top, bottom=0.18)
    style.source_line(
        fig, "the catalogue of the articles (seeds/catalog.csv), with the words of each article that date it"
    )
    parts = []
    for rec in catalog.sort_values("seed", key=lambda s: s.map(seed_order), kind="stable").itertuples():
        lo, hi = rec.published_earliest.date(), rec.published_latest.date()
        parts.append(f"seed {rec.seed}: {lo}" if lo == hi else f"seed {rec.seed}: {lo} to {hi}")
    fig.alt_text = "Timeline of the publication dates of the five seed articles. " + "; ".join(parts) + "."
    return fig, cat[PUBLICATION_COLUMNS].copy()


def text_problems(fig: Figure, labels_only: bool = False) -> list[str]:
    """Every visible text of ``fig`` cut off by the figure's edge, and every pair of visible texts
    that overlap, each as a line naming the text(s); empty when the figure's words all stand clear.
    The extents are those of the renderer the figure is saved with."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = FigureCanvasAgg(fig) if fig.canvas is None or not hasattr(fig.canvas, "get_renderer") else fig.canvas
    canvas.draw()  # lays out legends and annotations as saving does
    renderer = canvas.get_renderer()
    frame = fig.bbox
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.get_alpha() != 0]
    boxes = [(t, t.get_window_extent(renderer)) for t in texts]
    problems = []
    for t, b in boxes:
        if b.x0 < frame.x0 - 0.5 or b.y0 < frame.y0 - 0.5 or b.x1 > frame.x1 + 0.5 or b.y1 > frame.y1 + 0.5:
            problems.append(f"cut off by the edge: {t.get_text()[:60]!r}")
    for i, (t, b) in enumerate(boxes):
        for u, c in boxes[i + 1 :]:
            inter_w = min(b.x1, c.x1) - max(b.x0, c.x0)
            inter_h = min(b.y1, c.y1) - max(b.y0, c.y0)
            if inter_w > 1 and inter_h > 1:
                problems.append(f"overlap: {t.get_text()[:40]!r} and {u.get_text()[:40]!r}")
    return problems


def print_size_problems(fig: Figure, minimum: float = style.MIN_PRINT_PT) -> list[str]:
    """Every visible text of ``fig`` (scale-bar labels included) that the book's PDF would print smaller
    than ``minimum`` points: its font size times :func:`analysis.present.style.printed_scale` of the
    figure's size. Each as a line naming the text and both sizes; empty when every text is large enough."""
    from matplotlib.text import Text
    from matplotlib_scalebar.scalebar import ScaleBar

    scale = style.printed_scale(*fig.get_size_inches())
    sized = [(t.get_text(), t.get_fontsize()) for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    sized += [("scale bar", b.font_properties.get_size()) for b in fig.findobj(ScaleBar)]
    return [
        f"prints at {size * scale:.2f} pt (drawn {size:g} pt at a scale of {scale:.3f}): {text[:60]!r}"
        for text, size in sized
        if round(size * scale, 6) < minimum
    ]


_NUMBER = re.compile(
    r"\d|\b(?:no|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|both|all|each|every|most|half)\b",
    re.IGNORECASE,
)
#: The finite verbs a finding may turn on; a title with another verb adds it here.
FINDING_VERBS = (
    "is are was were has have had lies lie lay stands stand stood turned turns turn rose rises rise fell falls fall "
    "grew grows grow date dates state states happened happen happens took take takes came come comes "
    "remain remains remained outnumber outnumbers outnumbered lead leads led name names place places "
    "met meet meets moved move moves shifted shift shifts stayed stay stays"
).split()
_VERB = re.compile(r"\b(?:" + "|".join(FINDING_VERBS) + r")\b", re.IGNORECASE)


def is_finding(title: str) -> bool:
    """Whether ``title`` states a finding rather than naming a topic: a sentence with a number (digits,
    or a count word: "no", "two", "all", "most"...) and a finite verb of :data:`FINDING_VERBS`, neither
    ending in a colon nor a label followed by a count ("Places in the seeds: 16"). "Events of the ledger
    by PLOVER family" is a topic; "Two of the three incidents lie within 5 km of the border" a finding."""
    text = " ".join(str(title).split())
    if not text or text.endswith(":") or re.fullmatch(r".*:\s*[\d\s,.%]+", text):
        return False
    return bool(_NUMBER.search(text)) and bool(_VERB.search(text))


def drawn_title(fig: Figure) -> str:
    """The title drawn on ``fig`` (the one text with gid ``title``), its lines joined; "" when there is
    none, and an error when there are several."""
    from matplotlib.text import Text

    titles = [t for t in fig.findobj(Text) if t.get_gid() == "title" and t.get_text().strip()]
    if len(titles) > 1:
        raise ValueError(f"a figure has one title, found {len(titles)}: {[t.get_text() for t in titles]}")
    return " ".join(titles[0].get_text().split()) if titles else ""


def export(fig: Figure, data: pd.DataFrame, name: str, folder: Path = EXPORT_DIR) -> dict[str, Path]:
    """Write ``fig`` as PNG and SVG and ``data`` as CSV under ``folder`` (relative to the running
    chapter) with file names from ``name``; returns the paths. Bytes are deterministic."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "png": style.save(fig, folder / f"{name}.png"),
        "svg": style.save(fig, folder / f"{name}.svg"),
        "csv": folder / f"{name}.csv",
    }
    data.to_csv(out["csv"], index=False, lineterminator="\n")
    return out


def publish(drawn: tuple[Figure, pd.DataFrame], name: str, folder: Path = EXPORT_DIR):
    """Export a figure and the exact frame it drew, as its figure function returned them (``(fig,
    frame)``; see :func:`export`), and return the PNG for the notebook to show, so the page, the PDF and
    the download are the same image and the CSV holds the rows drawn, no more and no fewer."""
    fig, data = drawn
    from IPython.display import Image

    out = export(fig, data, name, folder)
    return Image(filename=str(out["png"]))


def publish_table(frame: pd.DataFrame, name: str, folder: Path = EXPORT_DIR) -> Path:
    """Write a table's rows as ``<folder>/<name>.csv`` (``name`` is the table's ``:name:``, so the
    book's "Cite this table" line finds it and the page offers it for download); returns the path.
    Bytes are deterministic."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


def ledger_source(events: pd.DataFrame) -> str:
    """The source line of a chart of ledger events: the file, the seeds the charted rows come from (a
    range, computed, so an added article moves it) and the scores' origin."""
    seeds = sorted(set(events["seed"]), key=seed_order)
    span = f"seed {seeds[0]}" if len(seeds) == 1 else f"seeds {seeds[0]}\u2013{seeds[-1]}"
    return f"event ledger (data/events.csv), {span}; PLOVER scores (derived from Goldstein 1992)"


_MARKERS = {"verbal cooperation": "o", "material cooperation": "s", "verbal conflict": "^", "material conflict": "D"}
#: Text of the timeline no smaller than 7.8 pt: printed at the PDF's text width (about 6.3 of its 8
#: inches) it stays above 6 pt.
_TIMELINE_PT = 7.8
#: The timeline's vertical axis, in words: what the PLOVER score measures.
SCORE_AXIS = "kind of act: conflict (\u221210) to cooperation (+10)"


def shift_title(subject: str, share_before: float, share_after: float, when: str) -> str:
    """A timeline's title stating its finding, from the conflict shares (0 to 1) before and after
    ``when``: "<subject> turned from mostly cooperation to mostly conflict in <when>", or, where the
    majority did not change, "<subject> were mostly <x> before and after <when> (a % then b % conflict)"."""

    def side(share: float) -> str:
        return "conflict" if share > 0.5 else "cooperation"

    before, after = side(share_before), side(share_after)
    if before != after:
        return f"{subject} turned from mostly {before} to mostly {after} in {when}"
    return (
        f"{subject} were mostly {before} before and after {when} "
        f"({share_before * 100:.0f} % then {share_after * 100:.0f} % conflict)"
    )


def _stack_offsets(events: pd.DataFrame) -> list[float]:
    """Events that share a date and a score are stacked upwards, 0.45 score units apart, so that each
    stays visible; the offset is drawn, not stored."""
    seen: dict[tuple, int] = {}
    offsets = []
    for rec in events.itertuples(index=False):
        k = (rec.t_start, rec.t_end, rec.score)
        offsets.append(0.45 * seen.get(k, 0))
        seen[k] = seen.get(k, 0) + 1
    return offsets


def _draw_events(ax, events: pd.DataFrame, colours: dict[str, str]) -> None:
    for rec, dy in zip(events.itertuples(index=False), _stack_offsets(events)):
        colour, y = colours[rec.family], rec.score + dy
        if rec.t_end - rec.t_start > pd.Timedelta(days=1):
            ax.plot(
                [rec.t_start, rec.t_end],
                [y, y],
                color=colour,
                linewidth=1.6,
                alpha=0.55,
                solid_capstyle="butt",
                zorder=2,
            )
        ax.plot(
            [rec.t_mid],
            [y],
            marker=_MARKERS[rec.family],
            color=colour,
            markersize=6,
            markeredgecolor="white",
            markeredgewidth=0.6,
            linestyle="",
            zorder=3,
        )


def _draw_labels(ax, events: pd.DataFrame, label_column: str) -> None:
    """Each labelled event's label, above a cooperative event and below a conflictual one, moved
    further out where an earlier label stands within 120 days and 1.5 score units."""
    placed: list[tuple[float, float]] = []
    for rec in events.itertuples(index=False):
        text = getattr(rec, label_column)
        if not isinstance(text, str) or not text:
            continue
        x = mdates.date2num(rec.t_mid)
        dy = 12 + 11 * sum(1 for px, py in placed if abs(px - x) < 120 and abs(py - rec.score) < 1.5)
        placed.append((x, rec.score))
        ax.annotate(
            text,
            (rec.t_mid, rec.score),
            xytext=(0, dy if rec.score >= 0 else -dy - 6),
            textcoords="offset points",
            ha="right" if x > mdates.date2num(events["t_mid"].median()) else "left",
            fontsize=_TIMELINE_PT,
            color=style.PALETTE["text"],
            arrowprops={"arrowstyle": "-", "color": "#AAAAAA", "linewidth": 0.5},
        )


def _draw_rupture(ax, rupture: pd.Timestamp, label: str) -> None:
    ax.axvline(rupture, color=style.PALETTE["muted"], linestyle="--", linewidth=0.9, zorder=1)
    if label:
        ax.text(
            rupture,
            0.98,
            label + " ",
            transform=ax.get_xaxis_transform(),
            fontsize=_TIMELINE_PT,
            va="top",
            ha="right",
            color=style.PALETTE["muted"],
        )


def event_timeline(
    events: pd.DataFrame,
    title: str,
    source: str,
    label_column: str | None = None,
    rupture: pd.Timestamp | None = None,
    rupture_label: str = "",
) -> tuple[Figure, pd.DataFrame]:
    """Events on a time axis (x: coded date, a bar where the date is a month or longer; y: the
    PLOVER score of the event's type, :data:`SCORE_AXIS`), coloured by PLOVER quad class. Expects the
    columns of :func:`analysis.analytics.timeline.on_time_axis`; ``label_column`` names a column of
    short labels (the turning points), drawn beside their events."""
    from matplotlib.lines import Line2D

    from analysis.analytics.timeline import FAMILIES

    style.apply_style()
    colours = {fam: style.PALETTE[fam.replace(" ", "_")] for fam in FAMILIES}
    fig = Figure(figsize=(8.0, 4.4))
    ax = fig.subplots()
    ax.axhline(0, color="#BBBBBB", linewidth=0.8, zorder=1)
    _draw_events(ax, events, colours)
    if label_column:
        _draw_labels(ax, events, label_column)
    if rupture is not None:
        _draw_rupture(ax, rupture, rupture_label)
    ax.set_ylabel(SCORE_AXIS)
    ax.set_ylim(-10.5, 10.5)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="x", color="#E8E8E8", linewidth=0.6, zorder=0)
    used = [f for f in FAMILIES if f in set(events["family"])]
    ax.legend(
        handles=[Line2D([], [], marker=_MARKERS[f], linestyle="", color=colours[f], label=f) for f in used],
        loc="lower left",
        fontsize=_TIMELINE_PT,
        ncol=2,
    )
    ax.set_title(title, fontsize=style.TITLE_PT).set_gid("title")
    fig.finding = title
    fig.subplots_adjust(left=0.09, right=0.98, top=0.9, bottom=0.13)
    style.source_line(fig, source, fontsize=_TIMELINE_PT)
    first, last = events["t_start"].min(), events["t_end"].max()
    n_conf = int((events["polarity"] == "conflict").sum())
    fig.alt_text = (
        f"Timeline of {len(events)} coded events from {first:%B %Y} to {last:%B %Y}, each placed by "
        f"its cooperation-conflict score; {len(events) - n_conf} are cooperative and {n_conf} conflictual. "
        "Events sharing a date and score are stacked slightly upwards."
    )
    return fig, events[[c for c in TIMELINE_COLUMNS if c in events.columns]].reset_index(drop=True)
