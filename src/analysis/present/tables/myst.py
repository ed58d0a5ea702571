"""The MyST table. A :class:`Table` renders as a MyST ``list-table`` (the chapters set
``nb_render_markdown_format: myst``), so Sphinx builds a real, numbered table for both the web page
and the PDF, with a caption, a label to cite with ``{numref}``, relative column widths, and paragraph
citations that link to the seed-text appendix.

Seed text is data: every cell is escaped (see :func:`analysis.present.pages.escape_myst`), so no cell can
become markup. Only the roles this module writes itself (paragraph citations) are live.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.core.keys import is_key
from analysis.present.pages import escape_myst

#: Tables with more rows than this are typeset as LaTeX longtables, which break across pages.
LONG_TABLE_ROWS = 8


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell_text(v) for v in value)
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
        return [None if cell_text(e) == "" else cell_text(e) for e in excerpts]
    text = cell_text(excerpts)
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
    if any(cell_text(e) != "" for e in given):
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
                text = cell_text(rec[col])
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


@dataclass
class Myst:
    """A block of MyST a chapter displays as its own markup (``nb_render_markdown_format: myst``)."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.text
