"""The briefing PDF as one LaTeX document (at most six pages): a title block naming the edition, the
build's commit and the evidence cut-off; the summary's bottom line; the key judgments in short form; one
map and one timeline; what to watch; how to cite.

Its words are the book's: the bottom line is the Summary page's own paragraph (:func:`myst_to_tex`
turns its MyST into LaTeX, each ``{para}`` citation a footnote naming the outlet, the article, the date,
the paragraph and the verified words, its key too), the judgments are
:func:`analysis.present.briefing.verdicts`, the figures the PNGs the chapters' notebooks exported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from analysis.present.printing import tex_escape

_ROLE = re.compile(r"\{(?P<role>[\w:]+)\}`(?P<body>[^`]*)`")
_BOLD = re.compile(r"\*\*(?P<text>[^*]+)\*\*")
_REF_TEXT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


@dataclass(frozen=True)
class Figure:
    """A figure of the brief: the PNG's path (relative to the LaTeX file's folder), caption, source line."""

    path: str
    caption: str
    source: str


def myst_to_tex(
    text: str,
    glue: dict[str, object],
    footnote: Callable[[str, str | None], str],
    ref_titles: dict[str, str],
) -> str:
    """One paragraph of MyST as LaTeX: ``{glue:text}`` takes its value from ``glue`` (KeyError naming
    it when missing), ``{para}``/``{paras}`` become footnotes (``footnote(key, excerpt)`` gives each its
    LaTeX, already escaped), ``{ref}`` the target's title (``ref_titles``) or the role's own text,
    ``**bold**`` bold; everything else is escaped. A role it does not know is an error."""
    from analysis.core.quote import citation_items

    out, last = [], 0
    for m in _ROLE.finditer(text):
        out.append(_plain(text[last : m.start()]))
        role, body = m["role"], m["body"]
        if role.startswith("glue"):
            name = body.split(":")[0]
            if name not in glue:
                raise KeyError(f"no glued value {name!r}")
            out.append(tex_escape(str(glue[name])))
        elif role in ("para", "paras"):
            items = citation_items(body)
            if not items:
                raise ValueError(f"cannot read the citation {m[0]!r}")
            out.append("".join(footnote(key, excerpt) for key, excerpt in items))
        elif role == "ref":
            own = _REF_TEXT.match(body)
            out.append(tex_escape(own["text"] if own else ref_titles.get(body, body)))
        elif role == "term":
            own = _REF_TEXT.match(body)
            out.append(tex_escape(own["text"] if own else body))
        else:
            raise ValueError(f"the brief cannot render the role {{{role}}}: {m[0]!r}")
        last = m.end()
    out.append(_plain(text[last:]))
    tex = "".join(out)
    # the brackets that held citations go, as on the web page: "months (\footnote{..})" -> "months\footnote{..}"
    return re.sub(r"\s*\((\\footnote\{(?:[^{}]|\{[^{}]*\})*\})+\)", lambda m: m[0].strip()[1:-1], tex)


def _plain(text: str) -> str:
    parts, last = [], 0
    for m in _BOLD.finditer(text):
        parts.append(tex_escape(text[last : m.start()]))
        parts.append(r"\textbf{" + tex_escape(m["text"]) + "}")
        last = m.end()
    parts.append(tex_escape(text[last:]))
    return re.sub(r"\s+", " ", "".join(parts))


def brief_tex(
    title: str,
    facts: list[tuple[str, str]],
    bottom_line: str,
    judgments: list[tuple[str, list[str]]],
    figures: list[Figure],
    watch: list[tuple[str, list[str]]],
    cite: str,
) -> str:
    """The whole LaTeX document. ``facts`` are the title block's (label, value) rows; ``bottom_line`` is
    LaTeX (:func:`myst_to_tex`); ``judgments`` and ``watch`` are (group heading, items) with plain-text
    items; ``cite`` is plain text."""
    e = tex_escape
    main, _, subtitle = title.partition(":")
    rows = "\n".join(rf"{e(k)} & {e(v)}\\" for k, v in facts)

    def groups(items: list[tuple[str, list[str]]], numbered: bool) -> str:
        env = "enumerate" if numbered else "itemize"
        out = []
        for heading, lines in items:
            out.append(rf"\paragraph{{{e(heading)}}}" if heading else "")
            out.append(rf"\begin{{{env}}}" + "".join(rf"\item {e(x)}" + "\n" for x in lines) + rf"\end{{{env}}}")
        return "\n".join(out)

    # at the text width (wider than the book's) up to 80 % of the text height, as the book prints them, so
    # no figure text prints smaller than in the book (analysis.present.style.printed_scale)
    figs = "\n".join(
        rf"""\begin{{figure}}[H]\centering
\includegraphics[width=\linewidth,height=0.8\textheight,keepaspectratio]{{{f.path}}}
\caption{{{e(f.caption)}}}\par{{\footnotesize {e(f.source)}\par}}
\end{{figure}}"""
        for f in figures
    )
    return rf"""\documentclass[a4paper,10pt]{{article}}
\usepackage[margin=2.2cm]{{geometry}}
\usepackage{{fontspec}}
\setmainfont{{FreeSerif}}\setsansfont{{FreeSans}}\setmonofont{{FreeMono}}
\usepackage{{graphicx}}
\usepackage{{float}}
\usepackage{{xurl}}
\usepackage[hidelinks]{{hyperref}}
\usepackage{{enumitem}}
\usepackage{{ragged2e}}
\setlist{{itemsep=2pt,topsep=3pt}}
\setlength{{\emergencystretch}}{{3em}}
\AtBeginDocument{{\typeout{{report-textblock: left=\the\dimexpr1in+\hoffset+\oddsidemargin\relax,
  width=\the\textwidth, paper=\the\paperwidth}}}}
\begin{{document}}
\RaggedRight
{{\sffamily\small BRIEFING\par}}
{{\sffamily\bfseries\LARGE {e(main.strip())}\par}}
{{\sffamily\large {e(subtitle.strip())}\par}}
\vspace{{0.6em}}
{{\small\begin{{tabular}}{{@{{}}ll@{{}}}}
{rows}
\end{{tabular}}\par}}
\vspace{{0.8em}}
\section*{{Summary}}
{bottom_line}
\section*{{Key judgments}}
{groups(judgments, numbered=False)}
\section*{{The border and the rupture}}
{figs}
\section*{{What to watch}}
{groups(watch, numbered=False)}
\section*{{How to cite}}
{e(cite)}
\end{{document}}
"""
