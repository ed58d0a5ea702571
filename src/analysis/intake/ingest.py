"""Adding articles to the corpus: ``python -m analysis add FILE...``.

Each article is copied byte for byte into ``seeds/`` under the next free id (``NNN_<16 hex>.txt``: the
id three digits or more, the hex the start of the file's SHA-256), ``seeds/SHA256SUMS`` gets its line,
and the catalogue (``seeds/catalog.csv``) its row: the title (the first line), the language (detected),
the outlet (given, or none), and the publication interval, given or inferred from the text's own
evidence (:mod:`analysis.intake.pubdate`), with the evidence quoted and the paragraphs cited. An
inferred row is marked ``reviewed = no`` until a person confirms it; ``validate`` lists such rows.

``add`` is all or nothing (:func:`plan_articles`, then :func:`analysis.core.atomic.replace_files`):

1. every article is read within the size limit and checked to be prose (:mod:`analysis.intake.article`),
   its dates given or inferred, and its file, checksum line and catalogue row built in memory;
2. the corpus they would make is assembled in a temporary folder (the existing seed files linked, the
   new files written) and checked there: the catalogue, the checksums and the paragraphs load, and
   ``validate`` finds no problem that the corpus does not already have;
3. only then are the files written, each replaced whole; the command line adds the regenerated
   seed-text appendix to the same set of files.

Any refusal raises :class:`IngestError` (``FILE: reason``) and nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from analysis.core import paths
from analysis.core.atomic import replace_files
from analysis.core.errors import AnalysisError
from analysis.core.keys import seed_id
from analysis.core.text import detect_language
from analysis.intake.article import MAX_BYTES, IngestError, read_article
from analysis.intake.pubdate import given_interval, infer_interval
from analysis.sources import corpus
from analysis.sources.corpus import CATALOG_COLUMNS, CATALOG_NAME, CHECKSUMS_NAME, SEED_NAME, seed_files, unreviewed

__all__ = ["Added", "IngestError", "Plan", "add_article", "add_articles", "plan_articles", "unreviewed"]


@dataclass(frozen=True)
class Added:
    seed: str
    path: Path
    row: dict


@dataclass
class Plan:
    """What adding articles would write (``changes``: path -> bytes), checked, and the corpus it would
    make (its ``paragraphs`` and ``catalog``, for the seed-text appendix)."""

    added: list[Added] = field(default_factory=list)
    changes: dict[Path, bytes] = field(default_factory=dict)
    paragraphs: pd.DataFrame | None = None
    catalog: pd.DataFrame | None = None


def _recorded(sums_path: Path) -> dict[str, str]:
    """``{sha256: file name}`` from the checksum list (``validate`` checks it against the files)."""
    if not sums_path.is_file():
        raise IngestError(sums_path, "checksum list not found")
    recorded = {}
    for line in sums_path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2:
            recorded[parts[0]] = parts[1].lstrip("*")
    return recorded


def _catalog_bytes(path: Path, new_rows: list[dict]) -> bytes:
    """The catalogue with ``new_rows`` appended, in its own column order."""
    if not path.is_file():
        raise IngestError(path, "catalogue not found")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = list(reader)
    missing = [c for c in CATALOG_COLUMNS if c not in fields]
    if missing:
        raise IngestError(path, f"missing columns: {', '.join(missing)}")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    writer.writerows({k: row.get(k, "") for k in fields} for row in new_rows)
    return out.getvalue().encode("utf-8")


def _catalog_row(seed: str, name: str, text: str, outlet: str, interval: dict, given: bool) -> dict:
    first = next(line.strip() for line in text.splitlines() if line.strip())
    interval = {**interval, "evidence_paragraphs": interval["evidence_paragraphs"].replace("new¶", f"{seed}¶")}
    return {
        "seed": seed,
        "file": name,
        "title": first[:200],
        "title_source": "first line of the text",
        "outlet": outlet,
        "language": detect_language(text) or "en",
        **interval,
        "reviewed": "yes" if given else "no",
    }


def _problems_here(exc: AnalysisError, trial: Path, seeds_dir: Path) -> list[str]:
    return [line.replace(str(trial), str(seeds_dir)) for line in str(exc).splitlines()]


def _check_corpus(plan: Plan, seeds_dir: Path, data_dir: Path, who: str) -> None:
    """Assemble the corpus ``plan`` would make in a temporary folder and check it (module, step 2);
    fills ``plan.paragraphs`` and ``plan.catalog`` or raises :class:`IngestError` listing the problems."""
    from analysis.intake.validate import validate

    with tempfile.TemporaryDirectory(prefix="add-") as tmp:
        trial = Path(tmp) / "seeds"
        trial.mkdir()
        for entry in seeds_dir.iterdir():
            if seeds_dir / entry.name not in plan.changes:
                os.symlink(entry.resolve(), trial / entry.name)
        for path, data in plan.changes.items():
            (trial / path.name).write_bytes(data)
        try:
            plan.catalog = corpus.load_catalog(trial)
            corpus.verify_checksums(trial)
            plan.paragraphs = corpus.paragraphs(trial)
        except AnalysisError as exc:
            raise IngestError(
                who, "nothing written; the corpus would not load:\n" + "\n".join(_problems_here(exc, trial, seeds_dir))
            ) from None
        problems = [p.replace(str(trial), str(seeds_dir)) for p in validate(data_dir, trial).problems]
    if problems:
        already = set(validate(data_dir, seeds_dir).problems)
        new = [p for p in problems if p not in already]
        if new:
            raise IngestError(who, "nothing written; validate would fail:\n" + "\n".join(new))


def plan_articles(
    sources: list[str | Path],
    seeds_dir: Path = paths.SEEDS_DIR,
    data_dir: Path = paths.DATA_DIR,
    outlet: str = "",
    published: str | None = None,
    earliest: str | None = None,
    latest: str | None = None,
    today: date | None = None,
    max_bytes: int = MAX_BYTES,
) -> Plan:
    """Read, check and date each article of ``sources``, build the files adding them would write, and
    check the corpus they make (see the module); nothing is written."""
    seeds_dir, today = Path(seeds_dir), today or date.today()
    given = given_interval(published, earliest, latest, today)
    recorded = _recorded(seeds_dir / CHECKSUMS_NAME)
    next_id = max((int(s) for s in seed_files(seeds_dir)), default=-1) + 1
    plan, sums, rows = Plan(), [], []
    for source in map(Path, sources):
        data, text = read_article(source, max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        if digest in recorded:
            match = SEED_NAME.match(recorded[digest])
            where = f"seed {match['seed']} " if match else ""
            raise IngestError(source, f"already in the corpus as {where}({recorded[digest]})")
        seed = seed_id(next_id + len(plan.added))
        name = recorded[digest] = f"{seed}_{digest[:16]}.txt"
        try:
            interval = given or infer_interval(text, today)
        except IngestError as exc:
            raise IngestError(source, exc.reason) from None
        rows.append(_catalog_row(seed, name, text, outlet, interval, given is not None))
        sums.append(f"{digest}  {name}\n")
        plan.changes[seeds_dir / name] = data
        plan.added.append(Added(seed, seeds_dir / name, rows[-1]))
    sums_path = seeds_dir / CHECKSUMS_NAME
    old = sums_path.read_text(encoding="utf-8")
    plan.changes[sums_path] = (old + ("\n" if old and not old.endswith("\n") else "") + "".join(sums)).encode()
    plan.changes[seeds_dir / CATALOG_NAME] = _catalog_bytes(seeds_dir / CATALOG_NAME, rows)
    _check_corpus(plan, seeds_dir, Path(data_dir), str(sources[0]) if len(sources) == 1 else "add")
    return plan


def add_articles(sources: list[str | Path], seeds_dir: Path = paths.SEEDS_DIR, **options) -> list[Added]:
    """Add the articles of ``sources`` to ``seeds_dir`` (options as :func:`plan_articles`), all or
    nothing; the seed-text appendix is the command line's (it is a page of the book)."""
    plan = plan_articles(sources, seeds_dir, **options)
    replace_files(plan.changes)
    return plan.added


def add_article(source: str | Path, seeds_dir: Path = paths.SEEDS_DIR, **options) -> Added:
    """Add one article (see :func:`add_articles`)."""
    return add_articles([source], seeds_dir, **options)[0]
