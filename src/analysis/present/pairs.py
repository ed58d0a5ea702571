"""Timelines per pair of actors: one horizontal lane per pair (dyad), its events as markers on a shared
date axis, cooperation and conflict told apart by colour and shape, the 2024 rupture marked, and the
events labelled in plain words (:func:`pair_timeline`). The frame comes from
:func:`analysis.analytics.pairs.pair_events`; the title, stating the finding, from the same module.

How a date is drawn says how much the articles know: a filled marker for a day, a bar over the span
with a hollow marker in its middle for a month, a year or an interval, and a hollow marker with a
dotted tail to its left for an event the articles do not date, at the latest date it can have.

The figure is drawn at the PDF's text width (:data:`WIDTH_IN`), so its type prints at the size set
here, never below :data:`MIN_FONT_PT`; the title is the finding (:func:`analysis.present.style.finding_title`). Layout is computed in points, from the measured widths of the
labels, so the same frame gives the same figure, with no label cut off or over another.
"""

from __future__ import annotations

import textwrap

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.ticker import FixedLocator

from analysis.analytics import pairs, timeline
from analysis.analytics.pairs import MODE_VERBS, VERBS
from analysis.core import wording
from analysis.core.dates import format_date
from analysis.present import style

#: The figure's width: the width the PDF prints it at (:data:`analysis.present.style.PRINT_WIDTH_IN`),
#: so its type prints at the size set here; its height stays under
#: :data:`analysis.present.style.PRINT_MAX_HEIGHT_IN`, or the PDF would shrink it.
WIDTH_IN = style.PRINT_WIDTH_IN
#: The smallest type of the figure, in points (prints at that size; above 6 pt).
MIN_FONT_PT = 6.5
LABEL_PT = 6.5
LANE_PT = 7.5
TITLE_PT = 9.0
LINE_H = LABEL_PT * 1.22  # height of one label line, points
LEVEL_H = 5.0  # vertical step between stacked markers, points
MARKER_PT = 4.6  # marker size, points
TAIL_PT = 16.0  # length of an undated event's dotted tail, points
PAD = 3.0  # horizontal gap kept between labels, points
MERGE_PT = 4.0  # extra room kept between two label blocks of a lane, points
MARKERS = {"cooperation": "o", "conflict": "v"}
DRAWN_COLUMNS = ["pair", "event_id", "date", "dating", "polarity", "what", "seed", "paragraph", "turn", "labelled"]

_RENDERER = RendererAgg(10, 10, 72)  # one pixel per point: text extents in points


def text_width(text: str, size: float = LABEL_PT, weight: str = "normal") -> float:
    """Width in points of ``text`` (the widest of its lines) in the house font at ``size``, with a
    margin of 3 % for the renderer's rounding at other resolutions."""
    prop = FontProperties(family=style.FONT_FAMILY, size=size, weight=weight)
    return 1.03 * max(
        _RENDERER.get_text_width_height_descent(line or " ", prop, ismath=False)[0] for line in text.split("\n")
    )


def _x_of(t: pd.Timestamp, lo: float, hi: float, width: float) -> float:
    return (mdates.date2num(t) - lo) / (hi - lo) * width


def _stack(lane: pd.DataFrame, lo: float, hi: float, width: float) -> list[int]:
    """Layout: the stacking level of each event of a lane (0 on the lane's line, 1 above...), the lowest
    where its extent (marker, bar or tail, in points) meets no other's."""
    taken: list[list[tuple[float, float]]] = []
    levels = []
    for rec in lane.itertuples():
        x = _x_of(rec.t_mark, lo, hi, width)
        a = (
            _x_of(rec.t_start, lo, hi, width)
            if rec.dating == "span"
            else x - (TAIL_PT if rec.dating == "undated" else 0)
        )
        b = _x_of(rec.t_end, lo, hi, width) if rec.dating == "span" else x
        span = (min(a, x) - MARKER_PT / 2 - 1, max(b, x) + MARKER_PT / 2 + 1)
        level = next((i for i, row in enumerate(taken) if all(span[1] < u or span[0] > v for u, v in row)), len(taken))
        if level == len(taken):
            taken.append([])
        taken[level].append(span)
        levels.append(level)
    return levels


def _group_lines(group: pd.DataFrame, collapse: bool) -> list[str]:
    """The label lines of the events at one date: one each, or with ``collapse`` the first and how many
    more ("… (and 2 more events)")."""
    lines = list(group["label"])
    if collapse and len(lines) > 1:
        return [f"{lines[0]} (and {wording.count(len(lines) - 1, 'more event')})"]
    return lines


def _place_labels(groups: list[tuple[list[float], str]], width: float) -> list[tuple[float, int, str]]:
    """Layout: each label (marker x, text) in the first row below the lane where it fits beside the
    labels already there and its leader line, drawn up to the lane, crosses none of them. Labels are
    placed from the right, each starting at its marker, or ending there when that fits better; returns
    ``(left x, row, text)`` each, in points, in the order given."""
    rows: dict[int, list[tuple[float, float]]] = {}

    def free(r: int, s: tuple[float, float]) -> bool:
        return all(s[1] < u or s[0] > v for u, v in rows.get(r, []))

    placed: dict[int, tuple[float, int, str]] = {}
    for i in sorted(range(len(groups)), key=lambda k: -groups[k][0][0]):
        xs, text = groups[i]
        w, n = text_width(text), text.count("\n") + 1
        starts = [max(0.0, min(xs[0] - 4.0, width - w)), max(0.0, min(xs[-1] + 4.0 - w, width - w))]
        leader = (xs[0] - 1.0, xs[-1] + 1.0)
        row, x0 = 0, None
        while x0 is None:
            clear = row > 60 or all(free(r, leader) for r in range(row))  # 60 rows: give up the leader's path
            for start in starts:
                span = (start - PAD, start + w + PAD)
                if clear and all(free(r, span) for r in range(row, row + n)):
                    x0 = start
                    break
            else:
                row += 1
        for r in range(row, row + n):
            rows.setdefault(r, []).append((x0 - PAD, x0 + w + PAD))
        for r in range(row):
            rows.setdefault(r, []).append(leader)
        placed[i] = (x0, row, text)
    return [placed[i] for i in range(len(groups))]


def _x_range(frame: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The date axis: from a little before the first date drawn to a little after the last."""
    first, last = min(frame["t_start"].min(), frame["t_mark"].min()), max(frame["t_end"].max(), frame["t_mark"].max())
    margin = max(pd.Timedelta(days=45), (last - first) * 0.04)
    return first - margin, last + margin


def _lane_layout(lane: pd.DataFrame, labelled: set[str] | None, collapse: bool, lo: float, hi: float, width: float):
    """Layout of one lane: its events' stacking levels, its label groups placed in rows (one group per
    marker position: the events at one date share a label), and its height in points."""
    levels = _stack(lane, lo, hi, width)
    lane = lane.assign(level=levels, x=[_x_of(t, lo, hi, width) for t in lane["t_mark"]])
    groups: list[tuple[list[float], list[str], list[str]]] = []  # (markers' x, lines, event ids) per block
    for _, group in lane.groupby(lane["x"].round(1), sort=True):
        if labelled is not None and not group["event_id"].isin(labelled).any():
            continue
        x, lines, ids = float(group["x"].iloc[0]), _group_lines(group, collapse), list(group["event_id"])
        # a label that would run into the previous one on its row joins its block, under it
        if groups and x - groups[-1][0][0] < text_width("\n".join(groups[-1][1])) + PAD + MERGE_PT:
            xs0, lines0, ids0 = groups.pop()
            x, lines, ids = xs0 + [x], lines0 + lines, ids0 + ids
        groups.append((x if isinstance(x, list) else [x], lines, ids))
    placed = _place_labels([(xs, "\n".join(lines)) for xs, lines, _ in groups], width)
    n_rows = max((row + text.count("\n") + 1 for _, row, text in placed), default=0)
    stack_h = max(levels, default=0) * LEVEL_H + MARKER_PT / 2
    title = _lane_title(str(lane["pair"].iloc[0]), lane)
    # the lane's title on its line where the events leave room at its left, else above it
    left_end = min(_x_of(t, lo, hi, width) for t in lane["t_start"]) - TAIL_PT - MARKER_PT
    inline = text_width(title, LANE_PT, "bold") + 8 < left_end
    y_off = max(stack_h, LANE_PT * 0.7) if inline else LANE_PT * 1.35 + stack_h
    height = y_off + MARKER_PT / 2 + 4 + n_rows * LINE_H + 5
    ids = {i for _, _, members in groups for i in members}
    return {
        "lane": lane.assign(labelled=lane["event_id"].isin(ids)),
        "placed": placed,
        "xs": [xs for xs, _, _ in groups],
        "title": title,
        "inline": inline,
        "y_off": y_off,
        "height": height,
    }


def _draw_marker(ax, rec, y: float, days_per_pt: float) -> None:
    """Drawing: one event: a filled marker on its day; a bar over its span with a hollow marker in the
    middle; or, undated, a hollow marker at the latest date it can have with a dotted tail before it."""
    colour = style.PALETTE[rec.polarity]
    if rec.dating == "span":
        ax.plot(
            [rec.t_start, rec.t_end],
            [y, y],
            color=style.tint(colour, 0.45),
            linewidth=3.2,
            solid_capstyle="butt",
            zorder=2,
            gid="span",
        )
    if rec.dating == "undated":
        start = rec.t_mark - pd.Timedelta(days=TAIL_PT * days_per_pt)
        ax.plot([start, rec.t_mark], [y, y], color=colour, linewidth=1.0, linestyle=(0, (1, 1.2)), zorder=2, gid="tail")
    face = colour if rec.dating == "day" else "white"
    ax.plot(
        [rec.t_mark],
        [y],
        marker=MARKERS[rec.polarity],
        markersize=MARKER_PT,
        markerfacecolor=face,
        markeredgecolor=colour,
        markeredgewidth=0.9,
        linestyle="",
        zorder=4,
        gid=f"event-{rec.polarity}",
    )


def _lane_title(pair: str, lane: pd.DataFrame) -> str:
    n, n_conf = len(lane), int((lane["polarity"] == "conflict").sum())
    if n == 1:
        return f"{pair}: one {'conflictual' if n_conf else 'cooperative'} event"
    if n_conf == n:
        return f"{pair}: {wording.count(n, 'event')}, {'both' if n == 2 else 'all'} conflictual"
    return f"{pair}: {wording.count(n, 'event')}, {wording.of_which(n_conf, 'conflictual')}"


def _draw_lane(ax, pair: str, layout, top: float, lo: float, hi: float, width: float) -> None:
    """Drawing: a lane's title, line, events and labels with their leader lines, from ``top`` (points)."""
    lane, placed, xs = layout["lane"], layout["placed"], layout["xs"]
    to_num = lambda x_pt: lo + x_pt / width * (hi - lo)  # noqa: E731
    y_line = top + layout["y_off"]
    ax.text(
        to_num(0),
        y_line if layout["inline"] else top,
        layout["title"],
        fontsize=LANE_PT,
        fontweight="bold",
        va="center" if layout["inline"] else "top",
        gid="lane-title",
        zorder=5,
        bbox=dict(facecolor="white", edgecolor="none", pad=0.6),
    )
    ax.plot([lo, hi], [y_line, y_line], color="#C8C8C8", linewidth=0.6, zorder=1, gid="lane-line")
    for rec in lane.itertuples():
        _draw_marker(ax, rec, y_line - rec.level * LEVEL_H, (hi - lo) / width)
    first_row = y_line + MARKER_PT / 2 + 4
    for block_xs, (x0, row, text) in zip(xs, placed):
        y_text = first_row + row * LINE_H
        for x in block_xs:
            ax.plot([to_num(x), to_num(x)], [y_line, y_text], color="#9A9A9A", linewidth=0.5, zorder=1.5, gid="leader")
        ax.text(
            to_num(x0),
            y_text,
            text,
            fontsize=LABEL_PT,
            va="top",
            ha="left",
            linespacing=1.1,
            zorder=5,
            gid="event-label",
            bbox=dict(facecolor="white", edgecolor="none", pad=0.4, alpha=0.9),
        )


def _draw_rupture(ax, lo: float, hi: float, bottom: float, header: float) -> None:
    """Drawing: the 2024 rupture as a dashed line through every lane, named in the header row."""
    x = mdates.date2num(timeline.RUPTURE)
    if not lo < x < hi:
        return
    ax.plot(
        [x, x], [header, bottom], color=style.PALETTE["muted"], linestyle="--", linewidth=0.8, zorder=1.2, gid="rupture"
    )
    right = (x - lo) / (hi - lo) > 0.5
    ax.text(
        x,
        header - 2,
        f" {timeline.RUPTURE:%b %Y}: Mali ends the 2015 agreement ",
        ha="right" if right else "left",
        va="bottom",
        fontsize=LABEL_PT,
        color=style.PALETTE["muted"],
        gid="rupture-label",
    )


def _legend_entries(frame: pd.DataFrame) -> tuple[list, list]:
    """The legend's two columns, in words: what cooperation and conflict stand for (the verbs the labels
    use), and how a date is drawn; only what the figure shows."""
    handles = []
    for polarity in ("cooperation", "conflict"):
        types = set(frame.loc[frame["polarity"] == polarity, "event_type"])
        if not types:
            continue
        verbs = [v for t, v in VERBS.items() if t in types] + [v for (t, _), v in MODE_VERBS.items() if t in types]
        word = "cooperative" if polarity == "cooperation" else "conflictual"
        text = textwrap.fill(f"{word}: {wording.join(dict.fromkeys(verbs), conjunction='or')}", 52)
        colour = style.PALETTE[polarity]
        handles.append(
            Line2D([], [], marker=MARKERS[polarity], color=colour, linestyle="", markersize=MARKER_PT, label=text)
        )
    grey, kinds, handles = style.PALETTE["muted"], handles, []
    shown = set(frame["dating"])
    if "day" in shown:
        handles.append(
            Line2D([], [], marker="o", color=grey, linestyle="", markersize=MARKER_PT, label="filled: dated to the day")
        )
    if "span" in shown:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                markerfacecolor="white",
                color=style.tint(grey, 0.45),
                linewidth=3.2,
                markeredgecolor=grey,
                markersize=MARKER_PT,
                label="bar: dated only to a month, a year or a span",
            )
        )
    if "undated" in shown:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                markerfacecolor="white",
                markeredgecolor=grey,
                color=grey,
                linestyle=(0, (1, 1.2)),
                markevery=[-1],
                markersize=MARKER_PT,
                label=textwrap.fill("undated: at the latest date it can have", 52),
            )
        )
    return kinds, handles


def articles_source(frame: pd.DataFrame, catalog: pd.DataFrame) -> str:
    """The source line: the ledger and the articles its drawn events come from, each outlet with its
    publication date (an unnamed outlet as such)."""
    seeds = catalog[catalog["seed"].isin(set(frame["seed"]))].sort_values("published_earliest", kind="stable")
    by_outlet: dict[str, list[str]] = {}
    for rec in seeds.itertuples():
        outlet = str(rec.outlet).strip() if isinstance(rec.outlet, str) and rec.outlet.strip() else "unnamed outlet"
        lo, hi = f"{rec.published_earliest:%Y-%m-%d}", f"{rec.published_latest:%Y-%m-%d}"
        by_outlet.setdefault(outlet, []).append(format_date(lo, hi if hi != lo else None))
    parts = [
        f"{'unnamed outlets' if o == 'unnamed outlet' and len(d) > 1 else o} ({'; '.join(d)})"
        for o, d in by_outlet.items()
    ]
    return f"event ledger (data/events.csv), coded from the articles of {wording.join(parts)}"


def pair_timeline(
    frame: pd.DataFrame, title: str, source: str, labelled: set[str] | None = None, collapse: bool = False
) -> tuple[Figure, pd.DataFrame]:
    """One lane per pair of :func:`analysis.analytics.pairs.pair_events`'s ``frame``, in its order, with
    every event drawn (see the module's docstring) and the labels of the events at each date stacked in
    one block under the lane; ``labelled`` restricts the labels to the dates of those event ids (``None``:
    all), and ``collapse`` names only the first event of each date, with how many more there are. Returns the figure (``fig.alt_text``) and the rows drawn,
    ``labelled`` saying which are named on the figure."""
    style.apply_style()
    lo_t, hi_t = _x_range(frame)
    lo, hi = mdates.date2num(lo_t), mdates.date2num(hi_t)
    left, right = 6.0, 8.0
    width = WIDTH_IN * 72 - left - right
    layouts = {
        p: _lane_layout(lane, labelled, collapse, lo, hi, width) for p, lane in frame.groupby("pair", sort=False)
    }
    header = LINE_H + 4
    lanes_h = header + sum(layout["height"] for layout in layouts.values())
    fig = Figure(figsize=(WIDTH_IN, 5.0))  # the height is set below, once the lanes are laid out
    title_h = style.title_height_in(fig, title, x=left / (WIDTH_IN * 72), fontsize=TITLE_PT) * 72 + 8
    columns = _legend_entries(frame)
    legend_h = max(sum(h.get_label().count("\n") + 1 for h in col) for col in columns) * LINE_H * 1.4 + 6
    source_text = textwrap.fill("Source: " + source, 118)
    source_h = (source_text.count("\n") + 1) * LINE_H + 4
    axis_h = 16.0 if (hi_t - lo_t).days > 3 * 365 else 26.0
    total = title_h + lanes_h + axis_h + legend_h + source_h
    fig.set_size_inches(WIDTH_IN, total / 72)
    ax = fig.add_axes(
        (left / (WIDTH_IN * 72), (axis_h + legend_h + source_h) / total, width / (WIDTH_IN * 72), lanes_h / total)
    )
    ax.set_xlim(lo, hi)
    ax.set_ylim(lanes_h, 0)
    ax.set_gid("lanes")
    top = header
    drawn = []
    for pair, layout in layouts.items():
        _draw_lane(ax, pair, layout, top, lo, hi, width)
        drawn.append(layout["lane"])
        top += layout["height"]
    _draw_rupture(ax, lo, hi, lanes_h, header)
    _axis(ax, lo_t, hi_t)
    style.finding_title(fig, title, x=left / (WIDTH_IN * 72), top_in=3 / 72, fontsize=TITLE_PT)
    for i, column in enumerate(columns):
        leg = fig.legend(
            handles=column,
            loc="upper left",
            bbox_to_anchor=((left + i * width * 0.52) / (WIDTH_IN * 72), (legend_h + source_h) / total),
            fontsize=LABEL_PT,
            frameon=False,
            handlelength=2.2,
            borderaxespad=0,
            borderpad=0,
        )
        leg.set_gid("legend")
    style.source_line(fig, source_text, fontsize=LABEL_PT)
    out = pd.concat(drawn, ignore_index=True)
    fig.alt_text = _alt_text(out)
    return fig, out[DRAWN_COLUMNS].reset_index(drop=True)


def _axis(ax, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """The shared date axis at the bottom: years, or quarters with their year over a short span."""
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_yticks([])
    long = (hi - lo).days > 3 * 365
    ticks = pd.date_range(lo, hi, freq="YS" if long else "QS-JAN")
    ticks = [t for t in ticks if 0.03 < (t - lo) / (hi - lo) < 0.97]  # no tick label past the figure's edge
    ax.xaxis.set_major_locator(FixedLocator(mdates.date2num(ticks)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y" if long else "%b\n%Y"))
    ax.tick_params(axis="x", labelsize=LABEL_PT, length=2.5, pad=1.5)
    ax.grid(axis="x", color="#EDEDED", linewidth=0.5, zorder=0)


def _alt_text(drawn: pd.DataFrame) -> str:
    """Every event drawn, lane by lane, in the labels' words."""
    lanes = [
        f"{pair} ({wording.count(len(lane), 'event')}): " + "; ".join(lane["label"])
        for pair, lane in drawn.groupby("pair", sort=False)
    ]
    return (
        "Timeline with one lane per pair of actors; cooperative events as blue circles, conflictual ones as "
        "vermillion triangles; a dashed line marks the 2024 rupture. " + ". ".join(lanes) + "."
    )


def russia_pairs(
    events: pd.DataFrame, actors: pd.DataFrame, gazetteer: pd.DataFrame, catalog: pd.DataFrame
) -> tuple[Figure, pd.DataFrame]:
    """The Russia chapter's figure: every event between Russia (its state, bodies and office holders, or
    a Russian group such as the Wagner Group) and another side, every one labelled, under the title
    :func:`analysis.analytics.pairs.first_title` computes. ``events`` is the ledger as loaded."""
    frame = pairs.pair_events(
        timeline.on_time_axis(events), actors, gazetteer, involving=pairs.country_sides(actors, "RUS")
    )
    return pair_timeline(frame, pairs.first_title(frame, _state_name(actors, "RUS")), articles_source(frame, catalog))


def pairs_timeline(
    events: pd.DataFrame, actors: pd.DataFrame, gazetteer: pd.DataFrame, catalog: pd.DataFrame, turning: set[str]
) -> tuple[Figure, pd.DataFrame]:
    """The border chapter's figure: every pair of sides with at least two events, the key events of each
    (:func:`analysis.analytics.pairs.key_events`, ``turning`` the chronology's turning points) named, under
    the title :func:`analysis.analytics.pairs.turn_title` computes. Where naming each pair's first event
    too would make the figure taller than the PDF prints at full width (as more articles add pairs), the
    first events go unnamed. ``events`` is the ledger as loaded."""
    frame = pairs.pair_events(timeline.on_time_axis(events), actors, gazetteer, min_events=2)
    title, source = pairs.turn_title(frame), articles_source(frame, catalog)
    drawn = pair_timeline(frame, title, source, pairs.key_events(frame, turning), collapse=True)
    if drawn[0].get_figheight() <= style.PRINT_MAX_HEIGHT_IN:
        return drawn
    style.close(drawn[0])
    return pair_timeline(frame, title, source, pairs.key_events(frame, turning, first=False), collapse=True)


def _state_name(actors: pd.DataFrame, country: str) -> str:
    return actors.loc[(actors["kind"] == "state") & (actors["country"] == country), "name"].iloc[0]
