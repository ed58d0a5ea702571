"""Adding an article to the corpus: ``python -m analysis add FILE``.

The article is copied byte for byte into ``seeds/`` under the next free id (``NNN_<16 hex>.txt``: the
id three digits or more, the hex the start of the file's SHA-256), ``seeds/SHA256SUMS`` gets its
line, and the catalogue (``seeds/catalog.csv``) its row: the title (the first line), the language
(detected), the outlet (given, or none), and the publication interval, given or inferred from the
text's own evidence, with the evidence quoted and the paragraphs cited. An inferred row is marked
``reviewed = no`` until a person confirms it; ``validate`` lists such rows.

Inference, in order: a date stamp (a full date in a short line, ten words at most, among the first
three paragraphs: a dateline) gives the day; else the
latest date the text mentions is the lower bound, and the day the article is added the upper bound (an
article cannot be published after it is added); relative phrases ("4 months ago") need an anchor, so
they are quoted in the evidence but not used.

Bad input (an empty file, text that is not UTF-8, a binary file, an article already in the corpus by
content, an unparseable date) raises :class:`IngestError` and nothing is written. The three files are
written through temporary files and renamed, so a failure never leaves half an article behind.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from analysis.core import paths
from analysis.core.dates import find_dates, parse_iso
from analysis.core.errors import AnalysisError
from analysis.core.keys import seed_id
from analysis.core.text import detect_language
from analysis.sources.corpus import (
    CATALOG_COLUMNS,
    CATALOG_NAME,
    CHECKSUMS_NAME,
    SEED_NAME,
    paragraphs_of_text,
    seed_files,
)


class IngestError(AnalysisError):
    pass


@dataclass(frozen=True)
class Added:
    seed: str
    path: Path
    row: dict


def _read(path: Path) -> tuple[bytes, str]:
    if not path.is_file():
        raise IngestError(path, "no such file")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(path, "the file is empty")
    if b"\x00" in data:
        raise IngestError(path, "the file is binary (it holds NUL bytes), not an article's text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            path, f"the text is not UTF-8 (byte {exc.start}: {data[exc.start : exc.start + 1]!r})"
        ) from None
    return data, text


def _day(value: str, what: str) -> date:
    try:
        first, last = parse_iso(value)
    except ValueError:
        raise IngestError(what, f"{value!r} is not a date (YYYY-MM-DD)") from None
    if first != last:
        raise IngestError(what, f"{value!r} is not a day (YYYY-MM-DD)")
    return first


def infer_interval(text: str, today: date) -> dict:
    """The publication interval the text's own evidence supports: ``published_earliest``,
    ``published_latest``, ``date_precision``, ``date_evidence``, ``evidence_paragraphs`` and
    ``date_reasoning``."""
    paras = paragraphs_of_text(text, seed="new")
    stamps, mentions, relative = [], [], []
    for rec in paras.itertuples(index=False):
        if rec.kind == "boilerplate":
            continue
        for d in find_dates(rec.text, lang=rec.lang):
            if d.relative and d.start is None:
                relative.append((rec.n, d.text))
            elif d.precision == "day" and rec.n <= 3 and len(rec.text.split()) <= 10 and d.start:
                stamps.append((rec.n, d))
            elif d.start:
                mentions.append((rec.n, d))
    if stamps:
        n, d = stamps[0]
        return {
            "published_earliest": d.start,
            "published_latest": d.start,
            "date_precision": "day",
            "date_evidence": d.text,
            "evidence_paragraphs": f"new¶{n}",
            "date_reasoning": f"Inferred: paragraph {n} carries the date stamp {d.text!r}.",
        }
    if mentions:
        n, d = max(mentions, key=lambda m: m[1].end)
        lower = d.end if d.precision == "day" else d.start
        lower = min(lower, today.isoformat())
        note = (
            f" Relative phrases ({'; '.join(t for _, t in relative)}) need an anchor and were not used."
            if relative
            else ""
        )
        return {
            "published_earliest": lower,
            "published_latest": today.isoformat(),
            "date_precision": "interval",
            "date_evidence": d.text,
            "evidence_paragraphs": f"new¶{n}",
            "date_reasoning": (
                f"Inferred: the latest date the text mentions is {d.text!r} (paragraph {n}), so it "
                f"cannot be earlier; it cannot be later than the day it was added, {today}.{note}"
            ),
        }
    raise IngestError("text", "no date in the text: give --published YYYY-MM-DD or --earliest and --latest")


def _atomic_write(path: Path, text: str | bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    if isinstance(text, bytes):
        tmp.write_bytes(text)
    else:
        tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, path)


def add_article(
    source: str | Path,
    seeds_dir: Path = paths.SEEDS_DIR,
    outlet: str = "",
    published: str | None = None,
    earliest: str | None = None,
    latest: str | None = None,
    today: date | None = None,
) -> Added:
    """Copy ``source`` into ``seeds_dir`` as the next seed and write its checksum and catalogue row."""
    source, seeds_dir = Path(source), Path(seeds_dir)
    today = today or date.today()
    data, text = _read(source)
    digest = hashlib.sha256(data).hexdigest()
    files = seed_files(seeds_dir)
    # the recorded checksums (validate checks them against the files): no re-reading of the corpus
    recorded = {}
    for line in (seeds_dir / CHECKSUMS_NAME).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            recorded[parts[0]] = parts[1].lstrip("*")
    if digest in recorded:
        match = SEED_NAME.match(recorded[digest])
        seed = match["seed"] if match else "?"
        raise IngestError(source, f"already in the corpus as seed {seed} ({recorded[digest]})")
    seed = seed_id(max((int(s) for s in files), default=-1) + 1)
    name = f"{seed}_{digest[:16]}.txt"

    if published and (earliest or latest):
        raise IngestError(source, "give --published or --earliest/--latest, not both")
    if published:
        day = _day(published, "--published").isoformat()
        interval = {
            "published_earliest": day,
            "published_latest": day,
            "date_precision": "day",
            "date_evidence": "",
            "evidence_paragraphs": "",
            "date_reasoning": f"Given by the analyst who added the article: published {day}.",
        }
    elif earliest or latest:
        if not (earliest and latest):
            raise IngestError(source, "--earliest and --latest go together")
        lo, hi = _day(earliest, "--earliest"), _day(latest, "--latest")
        if lo > hi:
            raise IngestError(source, f"--earliest {lo} is after --latest {hi}")
        interval = {
            "published_earliest": lo.isoformat(),
            "published_latest": hi.isoformat(),
            "date_precision": "interval",
            "date_evidence": "",
            "evidence_paragraphs": "",
            "date_reasoning": f"Given by the analyst who added the article: between {lo} and {hi}.",
        }
    else:
        try:
            interval = infer_interval(text, today)
        except IngestError as exc:
            raise IngestError(source, str(exc).split(": ", 1)[-1]) from None
    interval["evidence_paragraphs"] = interval["evidence_paragraphs"].replace("new¶", f"{seed}¶")

    first = next(line.strip() for line in text.splitlines() if line.strip())
    row = {
        "seed": seed,
        "file": name,
        "title": first[:200],
        "title_source": "first line of the text",
        "outlet": outlet,
        "language": detect_language(text) or "en",
        **interval,
        "reviewed": "yes" if published or earliest else "no",
    }
    catalog_path = seeds_dir / CATALOG_NAME
    with catalog_path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    writer.writerow({k: row.get(k, "") for k in fields})
    missing = [c for c in CATALOG_COLUMNS if c not in fields]
    if missing:
        raise IngestError(catalog_path, f"missing columns: {', '.join(missing)}")
    sums_path = seeds_dir / CHECKSUMS_NAME
    sums = sums_path.read_text(encoding="utf-8")
    sums = sums + ("" if sums.endswith("\n") or not sums else "\n") + f"{digest}  {name}\n"

    _atomic_write(seeds_dir / name, data)
    _atomic_write(sums_path, sums)
    _atomic_write(catalog_path, out.getvalue())
    return Added(seed, seeds_dir / name, row)


def unreviewed(seeds_dir: Path = paths.SEEDS_DIR) -> list[str]:
    """Seeds whose catalogue row was inferred by ``add`` and not yet confirmed (``reviewed = no``)."""
    with (Path(seeds_dir) / CATALOG_NAME).open(encoding="utf-8", newline="") as fh:
        return [r["seed"] for r in csv.DictReader(fh) if r.get("reviewed", "yes").strip() == "no"]
