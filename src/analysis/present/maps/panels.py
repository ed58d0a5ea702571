"""Text of the maps drawn at the printed width (:data:`analysis.present.style.PRINT_WIDTH_IN`): blocks of
lines laid out downwards from the top edge in inches, so that a figure's height can follow its content;
numbered event markers (badges) on a map and the numbered key that explains them, ACLED-style.

Every size here is a printed size: the maps that use this module are drawn at the width the PDF prints
them, so 6.5 pt in the figure is 6.5 pt on paper (no text below :data:`analysis.present.style.MIN_PRINT_PT`).
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from analysis.present import style

#: Body text and small text (attributions, sources) of the panels, in points as printed.
BODY_PT = 7.0
SMALL_PT = 6.5
#: Badges: a dark disc with the event's number in white.
BADGE_PT = 6.5
_BADGE_BOX = dict(boxstyle="circle,pad=0.25", facecolor=style.PALETTE["text"], edgecolor="white", linewidth=0.6)
#: How a badge's number is written, on the map and in the key alike.
_BADGE_TEXT = dict(ha="center", va="center", fontsize=BADGE_PT, fontweight="bold", color="white", bbox=_BADGE_BOX)
#: Badges per row beside a place, and the distance between their centres (points).
BADGES_PER_ROW = 4
BADGE_STEP_PT = 11.0

#: A line of a text block: its text and the keyword arguments of ``fig.text`` (``gap``, inches of space
#: before the line, is taken out).
Line = tuple[str, dict]


def wrap_to(text: str, width_in: float, fontsize: float, bold: bool = False) -> str:
    """``text`` wrapped to ``width_in`` inches at ``fontsize`` (:func:`analysis.present.style.wrap_measured`)."""
    return style.wrap_measured(text, width_in, fontsize, bold=bold)


def text_block(fig: Figure, x_in: float, top_in: float, width_in: float, lines: Sequence[Line], gid: str) -> float:
    """Draw ``lines`` one under the other from ``top_in`` inches below the top edge, ``x_in`` from the left,
    each wrapped to ``width_in``; return the position (inches below the top) under the last one."""
    renderer = fig.canvas.get_renderer()
    for text, kw in lines:
        opts = dict(kw)
        top_in += opts.pop("gap", 0.0)
        size = opts.setdefault("fontsize", BODY_PT)
        opts.setdefault("color", style.PALETTE["text"])
        wrapped = wrap_to(text, width_in, size, bold=opts.get("fontweight") == "bold")
        t = fig.text(0, 1, wrapped, transform=style.at_top(fig, x_in, top_in), ha="left", va="top", **opts)
        t.set_gid(gid)
        top_in += t.get_window_extent(renderer).height / fig.dpi + 0.025
    return top_in


def numbered_key(fig: Figure, x_in: float, top_in: float, width_in: float, entries: Sequence[tuple[int, str]]) -> float:
    """The key of the numbered markers: per entry its badge and its text (wrapped beside it); returns
    the position under the last entry."""
    renderer = fig.canvas.get_renderer()
    indent = 0.24
    for number, text in entries:
        fig.text(
            0,
            1,
            str(number),
            transform=style.at_top(fig, x_in + 0.08, top_in + 0.065),
            **_BADGE_TEXT,
            gid="key-number",
        )
        t = fig.text(
            0,
            1,
            wrap_to(text, width_in - indent, BODY_PT),
            transform=style.at_top(fig, x_in + indent, top_in),
            ha="left",
            va="top",
            fontsize=BODY_PT,
            color=style.PALETTE["text"],
            gid="key-text",
        )
        top_in += max(t.get_window_extent(renderer).height / fig.dpi, 0.16) + 0.05
    return top_in


def badges(
    ax: Axes, xy: tuple[float, float], numbers: Sequence[int], side: str = "right", start_pt: float = 8.0
) -> None:
    """The numbered markers of the events at a place (data point ``xy``): in rows of
    :data:`BADGES_PER_ROW`, going right (or left, ``side="left"``) from ``start_pt`` points beside it."""
    sign = 1.0 if side == "right" else -1.0
    for i, number in enumerate(numbers):
        row, col = divmod(i, BADGES_PER_ROW)
        ax.annotate(
            str(number),
            xy,
            xytext=(sign * (start_pt + BADGE_STEP_PT * col), -BADGE_STEP_PT * row),
            textcoords="offset points",
            **_BADGE_TEXT,
            zorder=7,
            annotation_clip=False,
            gid="event-number",
        )


def place_axes(ax: Axes, x_in: float, top_in: float, width_in: float, height_in: float) -> None:
    """Put ``ax`` at ``x_in`` from the left and ``top_in`` below the top of its figure, ``width_in`` ×
    ``height_in``: called once the figure has its final height."""
    w, h = ax.figure.get_size_inches()
    ax.set_position((x_in / w, 1 - (top_in + height_in) / h, width_in / w, height_in / h))
