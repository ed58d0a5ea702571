"""The command line: ``python -m analysis SUBCOMMAND ...``.

A thin layer: each subcommand parses its arguments, calls the package and prints. Bad input ends with
exit status 1 and one line ``error: FILE: reason`` on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis.core import paths
from analysis.core.errors import AnalysisError
from analysis.intake.article import MAX_BYTES


class _UsageError(Exception):
    """A problem with the command's input, reported as ``error: ...``."""


def _error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def _cmd_corpus(args: argparse.Namespace) -> int:
    """The seed catalogue with paragraph and word counts."""
    from analysis.sources.corpus import load_corpus

    frame = load_corpus(Path(args.seeds))
    cols = [
        "seed",
        "language",
        "outlet",
        "published_earliest",
        "published_latest",
        "date_precision",
        "paragraphs",
        "body",
        "headings",
        "captions",
        "boilerplate",
        "words",
        "title",
    ]
    frame = frame[cols].copy()
    for c in ("published_earliest", "published_latest"):
        frame[c] = frame[c].dt.strftime("%Y-%m-%d")
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, indent=2))
    else:
        with _wide_pandas():
            print(frame.to_string(index=False))
    return 0


def _cmd_paragraphs(args: argparse.Namespace) -> int:
    """A seed's numbered paragraphs with their kind."""
    from analysis.sources.corpus import paragraphs

    paras = paragraphs(Path(args.seeds))
    own = paras[paras["seed"] == args.seed]
    if own.empty:
        known = ", ".join(sorted(paras["seed"].unique()))
        raise _UsageError(f"{args.seeds}: no seed {args.seed!r} (known: {known})")
    for row in own.itertuples(index=False):
        label = row.kind if not row.rule else f"{row.kind}:{row.rule}"
        print(f"{row.key:>7}  {label:<30} {row.lang}  {row.display}")
    return 0


def _cmd_seed_page(args: argparse.Namespace) -> int:
    """Print, or write, the generated "Article texts" appendix."""
    from analysis.present.pages import SEED_PAGE, seed_page, write_seed_page

    if args.write:
        print(write_seed_page(SEED_PAGE))
    else:
        sys.stdout.write(seed_page())
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    """Add articles to the corpus with the regenerated seed-text appendix: all written, or nothing."""
    from analysis.core.atomic import replace_files
    from analysis.intake.ingest import plan_articles
    from analysis.present.pages import SEED_PAGE, seed_page

    if args.max_bytes < 1:
        raise _UsageError(f"--max-bytes: {args.max_bytes} is not a positive number of bytes")
    seeds = Path(args.seeds)
    plan = plan_articles(
        args.files,
        seeds,
        Path(args.data),
        outlet=args.outlet or "",
        published=args.published,
        earliest=args.earliest,
        latest=args.latest,
        max_bytes=args.max_bytes,
    )
    changes: dict[Path, str | bytes] = dict(plan.changes)
    if seeds.resolve() == paths.SEEDS_DIR.resolve():
        changes[SEED_PAGE] = seed_page(plan.paragraphs, plan.catalog)
    replace_files(changes)
    for added in plan.added:
        row = added.row
        when = (
            row["published_earliest"]
            if row["published_earliest"] == row["published_latest"]
            else f"{row['published_earliest']} to {row['published_latest']}"
        )
        print(
            f"seed {added.seed}: {added.path.name} ({row['language']}; published {when}, "
            f"{'given' if row['reviewed'] == 'yes' else 'inferred: check seeds/catalog.csv and set reviewed=yes'})"
        )
    if SEED_PAGE in changes:
        print(SEED_PAGE)
    return 0


def _cmd_chapter_pdfs(args: argparse.Namespace) -> int:
    """Split the book's PDF into one PDF per chapter, each with its title block."""
    from analysis.present.printing import write_chapter_pdfs

    for path in write_chapter_pdfs(Path(args.book) if args.book else None, Path(args.out) if args.out else None):
        print(path)
    return 0


def _cmd_extract(args: argparse.Namespace) -> int:
    """Candidate events (sentences with a date, two actors or a place) in one or more text files."""
    import json
    import os
    import re
    from datetime import date

    from tqdm import tqdm

    from analysis.intake.extract import candidates_records, extract_many, format_candidates, review_rows_many

    anchor = None
    if args.anchor is not None:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.anchor):
                raise ValueError
            anchor = date.fromisoformat(args.anchor)
        except ValueError:
            raise _UsageError(f"--anchor: {args.anchor!r} is not a YYYY-MM-DD calendar date") from None
    # A catalogued seed whose publication day is known, given without --anchor, has its relative dates
    # resolved against that day, and says so. A seed known only within an interval is not anchored:
    # either bound would date its relative expressions wrongly.
    seed_anchor: dict[str, date] = {}
    if anchor is None:
        from analysis.sources.corpus import CorpusError, load_catalog

        try:
            catalog = load_catalog()
            seed_anchor = {
                f: lo.date()
                for f, lo, hi in zip(catalog["file"], catalog["published_earliest"], catalog["published_latest"])
                if lo == hi
            }
        except CorpusError:
            seed_anchor = {}
    jobs = []
    for f in args.files:
        own = anchor
        if own is None and Path(f).name in seed_anchor:
            own = seed_anchor[Path(f).name]
            print(
                f"note: {f}: relative dates resolved against {own.isoformat()}, the seed's "
                "publication date (seeds/catalog.csv)",
                file=sys.stderr,
            )
        jobs.append((f, own))
    results = (review_rows_many if args.review else extract_many)(jobs, processes=args.jobs)
    # A progress bar on stderr for several files when stderr is a terminal, or always with --progress. It
    # closes (ending its line) before any error message is printed.
    show = args.progress or (len(jobs) > 1 and sys.stderr.isatty())
    bar = tqdm(results, total=len(jobs), desc="extract", unit="file", file=sys.stderr, disable=not show)
    if args.review:
        from analysis.core.atomic import atomic_writer
        from analysis.intake.review import write_review_rows

        # streamed (memory stays flat) into a temporary file renamed when complete: never half a review file
        with bar, atomic_writer(args.review) as out:
            n = write_review_rows(out, bar)
        print(
            f"{args.review}: {n} candidate rows to review (set decision=accept, then: python -m analysis accept {args.review})"
        )
        return 0
    with bar:
        frames = list(bar)
    for note in dict.fromkeys(n for frame in frames for n in frame.attrs.get("notes", [])):
        print(f"note: {note}", file=sys.stderr)
    try:
        if args.json:
            records = [rec | {"file": f} for f, frame in zip(args.files, frames) for rec in candidates_records(frame)]
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            print("\n\n".join(format_candidates(frame, title=f) for f, frame in zip(args.files, frames)))
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _cmd_accept(args: argparse.Namespace) -> int:
    """Append the accepted rows of a review file to the ledger, after validation."""
    from analysis.intake.review import accept

    ids = accept(args.review, Path(args.data), Path(args.seeds))
    print(f"{len(ids)} event(s) added to {Path(args.data) / 'events.csv'}: {', '.join(ids)}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    """Check the event ledger, actors, claims and date coverage; one summary line or one line per problem."""
    from analysis.intake.validate import validate

    data_dir = Path(args.data)
    if args.write_json:
        from analysis.ledger.events import export_json, load_events

        print(export_json(load_events(data_dir / "events.csv"), data_dir / "events.json"), file=sys.stderr)
    result = validate(data_dir, Path(args.seeds))
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    if result.problems:
        for problem in result.problems:
            print(problem)
        return 1
    if args.strict and result.notes:  # a release: no chapter awaiting review, no unconfirmed catalogue row
        for note in result.notes:
            print(f"not ready for release: {note}")
        return 1
    print(result.summary)
    return 0


class _wide_pandas:
    def __enter__(self):
        import pandas as pd

        self._ctx = pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.max_rows", 1000)
        self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Data behind the Algeria–Mali report: corpus, event ledger, places and maps.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("corpus", help="the seed catalogue with paragraph and word counts")
    p.add_argument("--seeds", default=str(paths.SEEDS_DIR), help="seeds folder (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("paragraphs", help="a seed's numbered paragraphs with their kind")
    p.add_argument("seed", help="seed id, e.g. 003")
    p.add_argument("--seeds", default=str(paths.SEEDS_DIR), help="seeds folder (default: %(default)s)")
    p.set_defaults(func=_cmd_paragraphs)

    p = sub.add_parser("seed-page", help="the generated Article texts appendix (chapters/appendix_seeds.md)")
    p.add_argument("--write", action="store_true", help="write the page instead of printing it")
    p.set_defaults(func=_cmd_seed_page)

    p = sub.add_parser("add", help="add articles to the corpus (seeds/, SHA256SUMS, catalog.csv, seed appendix)")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files, one article each")
    p.add_argument("--seeds", default=str(paths.SEEDS_DIR), help="seeds folder (default: %(default)s)")
    p.add_argument("--outlet", help="the outlet that published the article")
    p.add_argument("--published", metavar="YYYY-MM-DD", help="the day it was published, if known")
    p.add_argument("--earliest", metavar="YYYY-MM-DD", help="with --latest: the interval it was published in")
    p.add_argument("--latest", metavar="YYYY-MM-DD")
    p.add_argument("--data", default=str(paths.DATA_DIR), help="data folder validated against (default: %(default)s)")
    p.add_argument(
        "--max-bytes",
        type=int,
        default=MAX_BYTES,
        metavar="N",
        help="largest article accepted, in bytes (default: %(default)s)",
    )
    p.set_defaults(func=_cmd_add)

    p = sub.add_parser("chapter-pdfs", help="split the book's PDF into chapter PDFs (after make pdf)")
    p.add_argument("--book", help="the book's PDF (default: _build/latex/algeria-mali-report.pdf)")
    p.add_argument("--out", help="folder for the chapter PDFs (default: _build/pdf)")
    p.set_defaults(func=_cmd_chapter_pdfs)

    p = sub.add_parser("extract", help="candidate events (dated sentences, actors, places) in text files")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files (seeds or new articles)")
    p.add_argument(
        "--anchor",
        metavar="YYYY-MM-DD",
        help="reference date (e.g. publication) for relative dates such as '4 months ago'",
    )
    p.add_argument("--json", action="store_true", help="print JSON records instead of a table")
    p.add_argument("--review", metavar="OUT.csv", help="write a review file of proposed ledger rows instead")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default: %(default)s)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("accept", help="append the rows of a review file marked decision=accept to the ledger")
    p.add_argument("review", metavar="REVIEW.csv", help="a review file written by extract --review")
    p.add_argument("--data", default=str(paths.DATA_DIR), help="data folder (default: %(default)s)")
    p.add_argument("--seeds", default=str(paths.SEEDS_DIR), help="seeds folder (default: %(default)s)")
    p.set_defaults(func=_cmd_accept)

    p = sub.add_parser("validate", help="check the event ledger, actors, claims and date coverage")
    p.add_argument("--data", default=str(paths.DATA_DIR), help="data folder (default: %(default)s)")
    p.add_argument("--seeds", default=str(paths.SEEDS_DIR), help="seeds folder (default: %(default)s)")
    p.add_argument("--write-json", action="store_true", help="first rewrite data/events.json from events.csv")
    p.add_argument(
        "--strict",
        action="store_true",
        help="for a release: also fail on chapters awaiting review and catalogue rows not yet reviewed",
    )
    p.set_defaults(func=_cmd_validate)

    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except (_UsageError, AnalysisError) as exc:
        return _error(str(exc))
