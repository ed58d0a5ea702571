"""House style for every figure and map of the report: colours, fonts, source lines, deterministic saving.

Colours come from the Okabe–Ito palette (Okabe & Ito 2008, *Color Universal Design*), which stays
distinguishable under the common forms of colour-vision deficiency. :data:`PALETTE` maps named roles to those
colours (``PALETTE["algeria"]``) and carries the plain eight-colour cycle as ``PALETTE.cycle``.

Usage in a figure module::

    from analysis.present import style
    style.apply_style()
    fig, ax = plt.subplots()
    ...
    style.source_line(fig, "seeds 003¶60, 003¶63")   # prints "Source: seeds 003¶60, 003¶63"
    style.save(fig, path)                             # .png, .svg or .pdf, same bytes every run

Determinism: :func:`apply_style` fixes every rcParam that could vary between machines or runs (font family,
DPI, the SVG hash salt, text as paths in SVG); :func:`save` strips the creation date from SVG/PDF metadata and
the software tag from PNG metadata, so building a figure twice gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.colors as mcolors
from matplotlib.figure import Figure

from analysis.analytics.timeline import FAMILIES, family

# No backend is forced here: on a machine without a display matplotlib falls back to Agg by itself,
# and inside a notebook the inline backend must stay in charge so figures reach the page and the PDF.

#: The eight Okabe–Ito colours, in their published order.
OKABE_ITO: tuple[str, ...] = (
    "#000000",  # black
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
)

#: PLOVER event types by quad class, keyed for :data:`PALETTE` (``verbal_cooperation``...): a view of the
#: ledger codebook's (:data:`analysis.analytics.timeline.FAMILIES`); see :func:`event_family`.
PLOVER_FAMILIES: dict[str, tuple[str, ...]] = {quad.replace(" ", "_"): types for quad, types in FAMILIES.items()}


class Palette(dict):
    """Named colour roles (``PALETTE["mali"]``) plus the plain Okabe–Ito cycle as :attr:`cycle`."""

    @property
    def cycle(self) -> list[str]:
        """The eight Okabe–Ito colours as a list (for ``axes.prop_cycle`` or categorical series)."""
        return list(OKABE_ITO)


#: Named colour roles. Country roles are the strong colour (edges, markers, legend); fill a country with
#: :func:`tint` of it so labels stay readable on top.
PALETTE: Palette = Palette(
    {
        # countries and groupings
        "algeria": "#009E73",  # bluish green
        "mali": "#E69F00",  # orange
        "aes": "#F0E442",  # yellow: the other Alliance of Sahel States members (Niger, Burkina Faso)
        "russia": "#CC79A7",  # reddish purple
        "other": "#999999",  # neutral grey: any other country or actor
        # map furniture
        "border": "#000000",  # the Algeria–Mali border line
        "boundary": "#8C8C8C",  # other international boundaries
        "water": "#DCEBF5",  # oceans and seas (very light sky blue)
        "land": "#F2F0EB",  # land not highlighted
        "text": "#1A1A1A",
        "muted": "#6B6B6B",  # secondary text: source lines, notes
        "uncertainty": "#D55E00",  # circles of location uncertainty
        # PLOVER event families
        "cooperation": "#0072B2",  # blue
        "conflict": "#D55E00",  # vermillion
        "verbal_cooperation": "#56B4E9",  # sky blue
        "material_cooperation": "#0072B2",  # blue
        "verbal_conflict": "#E69F00",  # orange
        "material_conflict": "#D55E00",  # vermillion
    }
)

#: Font used everywhere; DejaVu Sans ships with matplotlib, so every machine renders the same glyphs.
FONT_FAMILY = "DejaVu Sans"
#: Fixed salt so SVG element ids are the same on every run.
SVG_HASHSALT = "algeria-mali-report"
#: Resolution of saved raster figures.
DPI = 150

#: The width at which the book's PDF prints every figure, in inches: the text width of its A4 page
#: (452.97 TeX points; the preamble in ``_config.yml`` includes each figure at ``\linewidth``). Draw a
#: figure at this width and its font sizes are the printed sizes.
PRINT_WIDTH_IN = 452.9679 / 72.27
#: The tallest a figure prints, in inches: the same preamble caps the height at 80 % of the text height
#: (A4, 297 mm, less Sphinx's one-inch margins above and below); a taller figure shrinks to it.
PRINT_MAX_HEIGHT_IN = 0.8 * (297 / 25.4 - 2.0)
#: No text of a figure prints smaller than this, in points.
MIN_PRINT_PT = 6.0

_RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY],
    "font.size": 9.0,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 9.0,
    "axes.edgecolor": "#4D4D4D",
    "axes.labelcolor": PALETTE["text"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": matplotlib.cycler(color=list(OKABE_ITO)),
    "xtick.color": "#4D4D4D",
    "ytick.color": "#4D4D4D",
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "legend.fontsize": 8.0,
    "legend.frameon": False,
    "text.color": PALETTE["text"],
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.dpi": DPI,
    "savefig.facecolor": "white",
    "savefig.bbox": None,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": True,
    # Seed text is data: a "$" in a quote or a place name must print as a dollar sign, never start
    # mathtext.
    "text.parse_math": False,
    "image.interpolation": "antialiased",
}


def printed_scale(width_in: float, height_in: float) -> float:
    """How much the book's PDF scales a figure of ``width_in`` × ``height_in`` inches: to
    :data:`PRINT_WIDTH_IN` wide, or less where that would make it taller than :data:`PRINT_MAX_HEIGHT_IN`.
    A text of ``s`` points in the figure prints at ``s * printed_scale(...)`` points."""
    if width_in <= 0 or height_in <= 0:
        raise ValueError(f"a figure has a positive size, got {width_in} × {height_in} in")
    return min(PRINT_WIDTH_IN, PRINT_MAX_HEIGHT_IN * width_in / height_in) / width_in


def apply_style() -> None:
    """Set the house rcParams (fonts, sizes, colour cycle, fixed SVG salt, DPI). Safe to call repeatedly."""
    matplotlib.rcParams.update(_RC)


def event_family(event_type: str) -> str:
    """The :data:`PALETTE` key of ``event_type``'s quad class (``"ASSAULT"`` -> ``"material_conflict"``),
    from :func:`analysis.analytics.timeline.family`; an unknown type raises there, as everywhere. Case-insensitive."""
    return family(event_type).replace(" ", "_")


def event_color(event_type: str) -> str:
    """Colour of an event marker for a PLOVER ``event_type`` (by quad class, see :data:`PLOVER_FAMILIES`)."""
    return PALETTE[event_family(event_type)]


def tint(color: str, amount: float = 0.6) -> str:
    """``color`` mixed with white: ``amount`` 0 keeps the colour, 1 gives white. Returns a hex string."""
    if not 0.0 <= amount <= 1.0:
        raise ValueError(f"tint amount must be within [0, 1], got {amount}")
    r, g, b = mcolors.to_rgb(color)
    mix = [c + (1.0 - c) * amount for c in (r, g, b)]
    return mcolors.to_hex(mix)


def source_line(fig: Figure, text: str, *, fontsize: float = 7.0) -> Any:
    """Write ``Source: <text>`` at the bottom-left of ``fig`` (figure coordinates) and return the Text.

    A leading ``Source:`` in ``text`` is not doubled. Long lines are the caller's business: pass ``\\n`` to wrap.
    """
    body = text.strip()
    if body.lower().startswith("source:"):
        body = body[len("source:") :].strip()
    return fig.text(
        0.01,
        0.01,
        f"Source: {body}",
        ha="left",
        va="bottom",
        fontsize=fontsize,
        color=PALETTE["muted"],
        gid="source-line",
    )


#: Font size of a figure's title, which states its finding (:func:`finding_title`).
TITLE_PT = 10.5


def at_top(fig: Figure, x_in: float, top_in: float) -> Any:
    """A transform that puts the point (0, 1) ``x_in`` inches from the left edge of ``fig`` and ``top_in``
    inches below its top edge: a text placed with it stays anchored to the top when the figure's height
    changes, so a figure can be laid out downwards in inches and given its height at the end."""
    from matplotlib.transforms import ScaledTranslation

    return fig.transFigure + ScaledTranslation(x_in, -top_in, fig.dpi_scale_trans)


def finding_title(
    fig: Figure, finding: str, *, x: float = 0.01, top_in: float = 0.08, fontsize: float = TITLE_PT
) -> Any:
    """Write ``finding``, the sentence that says what the figure shows, as its title: bold, at the top-left
    (``x`` in figure fraction, ``top_in`` inches below the top edge, anchored there), wrapped to the
    figure's width. Records it as ``fig.finding``, which the tests compare with the title drawn (gid
    ``title``). Returns the Text; its height is the caller's to leave room for (:func:`title_height_in`)."""
    width_in = fig.get_figwidth() * (1 - x) - 0.1
    fig.finding = finding
    return fig.text(
        0,
        1,
        _wrap_to(finding, width_in, fontsize),
        transform=at_top(fig, x * fig.get_figwidth(), top_in),
        ha="left",
        va="top",
        fontsize=fontsize,
        fontweight="bold",
        color=PALETTE["text"],
        gid="title",
    )


def title_height_in(fig: Figure, finding: str, *, x: float = 0.01, fontsize: float = TITLE_PT) -> float:
    """The height, in inches, of ``finding`` as :func:`finding_title` would wrap it on ``fig``."""
    lines = _wrap_to(finding, fig.get_figwidth() * (1 - x) - 0.1, fontsize).count("\n") + 1
    return lines * fontsize * 1.2 / 72


def wrap_measured(text: str, width_in: float, fontsize: float, bold: bool = False) -> str:
    """``text`` wrapped so that no line, in :data:`FONT_FAMILY` at ``fontsize`` (bold or not), is wider than
    97 % of ``width_in`` inches: each line measured as the Agg renderer draws it on screen and in the
    saved files, words never broken
    (a single word wider than the width stands alone on its line). Existing line breaks are kept."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    # hinting makes a line's width depend a little on the resolution: the widest of the screen's (100
    # dpi) and the saved files' (DPI)
    renderers = [(RendererAgg(1, 1, d), d) for d in (100, DPI)]
    prop = FontProperties(family=FONT_FAMILY, size=fontsize, weight="bold" if bold else "normal")
    limit = width_in * 0.97

    def width(line: str) -> float:
        return max(r.get_text_width_height_descent(line, prop, ismath=False)[0] / d for r, d in renderers)

    lines = []
    for paragraph in str(text).split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and width(candidate) > limit:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return "\n".join(lines)


def _wrap_to(text: str, width_in: float, fontsize: float) -> str:
    return wrap_measured(text, width_in, fontsize, bold=True)


def save(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` to ``path`` (format from the suffix: .png, .svg or .pdf) so that the bytes do not depend
    on the date, the machine or the run. Creates the parent folder. Returns the path."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt == "png":
        metadata: dict[str, Any] = {"Software": None}
    elif fmt == "svg":
        metadata = {"Date": None, "Creator": None}
    elif fmt == "pdf":
        metadata = {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None}
    else:
        raise ValueError(f"{path}: unsupported figure format {fmt!r} (use .png, .svg or .pdf)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(path, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return path


def close(fig: Figure) -> None:
    """Release ``fig``: unregister it from pyplot if it was made there, and drop its artists (figures are
    built in loops by the book; this keeps memory flat). Safe for figures made with ``Figure()``."""
    import matplotlib.pyplot as plt  # only to unregister pyplot-managed figures; no backend is forced

    plt.close(fig)
    fig.clear()
