"""An added article's publication interval: given by the analyst, or inferred from its own text.

The interval is a catalogue row's ``published_earliest`` and ``published_latest`` (``YYYY-MM-DD``),
``date_precision``, ``date_evidence`` (the words quoted), ``evidence_paragraphs`` and
``date_reasoning``. Inference, in order:

1. **a date stamp**: a full date in a short line (ten words at most) among the first three
   paragraphs, a dateline, gives the day (precision ``day``);
2. **a day mentioned**: when the text names at least one day, the latest date it mentions (the one
   that starts latest) is the lower bound, and the day the article is added the upper bound (an
   article cannot be published after it is added; precision ``interval``);
3. **only coarse dates**: when the text gives no day, only years or months ("In 2019, ..."), the
   latest of them is taken as the publication period, the whole year or month as ``YYYY-MM-DD``
   bounds (precision ``year`` or ``month``; ``approximate`` for a qualified period such as
   "mid-2024" or a decade). This is an assumption, said so in the reasoning, for the person who
   reviews the row to confirm.

A date outside the plausible range is not evidence: before :data:`EARLIEST_PUBLICATION` or after the
day the article is added. Relative phrases ("4 months ago") need an anchor and are not used. Both kinds
are named in the reasoning.
"""

from __future__ import annotations

from datetime import date

from analysis.core.dates import find_dates, parse_iso
from analysis.intake.article import IngestError
from analysis.sources.corpus import paragraphs_of_text

#: The first day an event the corpus can concern may fall on, and so the earliest date that counts as
#: evidence of publication: the independence of the Mali Federation, 20 June 1960 (public record), the
#: first Malian state (Algeria followed on 5 July 1962). A report on relations between Algeria and Mali
#: cannot concern anything earlier, so a date before it in an article is history or noise, not a date of
#: publication.
EARLIEST_PUBLICATION = date(1960, 6, 20)
#: How many ignored mentions the reasoning names (an article can hold hundreds).
_NAMED = 5


def _span(start: str, end: str, today: date) -> tuple[date, date] | None:
    """The mention's days within the plausible range, or None when it lies outside it."""
    try:
        first, last = parse_iso(start)[0], parse_iso(end)[1]
    except ValueError:
        return None
    if last < EARLIEST_PUBLICATION or first > today:
        return None
    return max(first, EARLIEST_PUBLICATION), min(last, today)


def _named(texts: list[str]) -> str:
    shown = "; ".join(repr(t) for t in texts[:_NAMED])
    return shown + (f" and {len(texts) - _NAMED} more" if len(texts) > _NAMED else "")


def _mentions(text: str, today: date) -> tuple[list, list, list[str], list[str]]:
    """``(stamps, dated, relative, outside)``: date stamps and other dated mentions as
    ``(paragraph, mention, (first, last))``, the texts of relative mentions and of mentions outside the
    plausible range."""
    stamps, dated, relative, outside = [], [], [], []
    for rec in paragraphs_of_text(text, seed="new").itertuples(index=False):
        if rec.kind == "boilerplate":
            continue
        for d in find_dates(rec.text, lang=rec.lang):
            if d.start is None:
                relative.append(d.text)
                continue
            span = _span(d.start, d.end, today)
            if span is None:
                outside.append(d.text)
            elif d.precision == "day" and rec.n <= 3 and len(rec.text.split()) <= 10:
                stamps.append((rec.n, d, span))
            else:
                dated.append((rec.n, d, span))
    return stamps, dated, relative, outside


def infer_interval(text: str, today: date) -> dict:
    """The publication interval the text's own evidence supports (the module's rules); raises
    :class:`IngestError` when the text holds no usable date."""
    stamps, dated, relative, outside = _mentions(text, today)
    notes = ""
    if outside:
        notes += (
            f" Dates before {EARLIEST_PUBLICATION} (the first day the corpus can concern) or after {today} "
            f"(the day it was added) are not evidence: {_named(outside)}."
        )
    if relative:
        notes += f" Relative phrases ({_named(relative)}) need an anchor and were not used."
    if stamps:
        n, d, (day, _) = stamps[0]
        return _interval(day, day, "day", d.text, n, f"Inferred: paragraph {n} carries the date stamp {d.text!r}.")
    if not dated:
        why = " (only dates outside the plausible range)" if outside else ""
        raise IngestError("text", f"no date in the text{why}: give --published YYYY-MM-DD or --earliest and --latest")
    n, d, (first, last) = max(dated, key=lambda m: (m[2][0], -(m[2][1] - m[2][0]).days))
    if any(m.precision == "day" for _, m, _ in dated):
        return _interval(
            first,
            today,
            "interval",
            d.text,
            n,
            f"Inferred: the latest date the text mentions is {d.text!r} (paragraph {n}), so it cannot be "
            f"earlier; it cannot be later than the day it was added, {today}.{notes}",
        )
    precision = d.precision if d.precision in ("year", "month") else "approximate"
    period = {"year": "year", "month": "month"}.get(precision, "period")
    return _interval(
        first,
        last,
        precision,
        d.text,
        n,
        f"Inferred: the text gives no day; the latest {period} it names is {d.text!r} (paragraph {n}), taken "
        f"as the publication period, {first} to {last}. An assumption: the article may be later; confirm "
        f"it before setting reviewed = yes.{notes}",
    )


def _interval(first: date, last: date, precision: str, evidence: str, n: int | None, reasoning: str) -> dict:
    return {
        "published_earliest": first.isoformat(),
        "published_latest": last.isoformat(),
        "date_precision": precision,
        "date_evidence": evidence,
        "evidence_paragraphs": f"new¶{n}" if n else "",
        "date_reasoning": reasoning,
    }


def _day(value: str, what: str, today: date) -> date:
    try:
        first, last = parse_iso(value)
    except ValueError:
        raise IngestError(what, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if first != last:
        raise IngestError(what, f"{value!r} is not a day (YYYY-MM-DD)")
    if first > today:
        raise IngestError(what, f"{value} is after today ({today}): an article cannot be published after it is added")
    if first < EARLIEST_PUBLICATION:
        raise IngestError(what, f"{value} is before {EARLIEST_PUBLICATION}, the first day the corpus can concern")
    return first


def given_interval(published: str | None, earliest: str | None, latest: str | None, today: date) -> dict | None:
    """The interval the analyst gives (``--published``, or ``--earliest`` and ``--latest``), or None
    when none is given; raises :class:`IngestError` for a bad or incomplete one."""
    if published and (earliest or latest):
        raise IngestError("--published", "give --published or --earliest/--latest, not both")
    if published:
        day = _day(published, "--published", today)
        return _interval(day, day, "day", "", None, f"Given by the analyst who added the article: published {day}.")
    if not (earliest or latest):
        return None
    if not (earliest and latest):
        raise IngestError("--earliest", "--earliest and --latest go together")
    lo, hi = _day(earliest, "--earliest", today), _day(latest, "--latest", today)
    if lo > hi:
        raise IngestError("--earliest", f"--earliest {lo} is after --latest {hi}")
    return _interval(
        lo, hi, "interval", "", None, f"Given by the analyst who added the article: between {lo} and {hi}."
    )
