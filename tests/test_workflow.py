"""The living report: a new article goes from file to rebuilt report with no code edit, and stale
prose is flagged where the ledger has moved on since a chapter was reviewed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest
from bookbuild import COPY_IGNORE, _run
from test_ingest import ARTICLE_FR

from analysis.analytics.staleness import added_since, chapters_awaiting_review, id_ranges, reviewed_against
from analysis.core import paths
from analysis.ledger.events import load_events

ANALYTICAL = ("key_judgments", "algiers_process", "rupture_2024", "russia_mechanism", "border_incidents")


def test_every_analytical_chapter_records_the_ledger_state_it_was_reviewed_against():
    ids = set(load_events()["event_id"])
    for name in ANALYTICAL:
        last = reviewed_against(paths.ROOT / "chapters" / f"{name}.md")
        assert last in ids, name
    # a chapter awaiting review is not a failure (the book shows a notice and validate lists it);
    # `validate --strict`, for a release, fails on it (see test_a_new_article_reporting_an_older_event)
    for chapter, newer in chapters_awaiting_review().items():
        assert newer and all(e in ids for e in newer), chapter


def test_stale_chapters_are_listed_with_the_new_ids(tmp_path):
    (tmp_path / "old.md").write_text("---\njupytext: {}\n---\n\n% reviewed_against: E070\n# Old\n", encoding="utf-8")
    (tmp_path / "none.md").write_text("# No front matter\n", encoding="utf-8")
    stale = chapters_awaiting_review(tmp_path, load_events())
    assert list(stale) == ["old.md"] and stale["old.md"][0] == "E071"
    assert id_ranges(stale["old.md"]) == f"E071–{load_events()['event_id'].max()}"
    assert id_ranges(["E079", "E080", "E082"]) == "E079–E080, E082"
    assert added_since(["E001", "E079"], "E078") == ["E079"]


@pytest.mark.slow
def test_a_new_article_goes_from_file_to_rebuilt_report(tmp_path):
    """add -> extract --review -> accept -> book build, in a copy of the project, as the README says."""
    root = tmp_path / "report"
    shutil.copytree(paths.ROOT, root, ignore=COPY_IGNORE)
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE_FR, encoding="utf-8")

    def cli(*args):
        out = subprocess.run(
            [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env, cwd=root
        )
        assert out.returncode == 0, out.stdout + out.stderr
        return out.stdout + out.stderr

    n_seeds = len(list((paths.SEEDS_DIR).glob("[0-9][0-9][0-9]_*.txt")))
    seed = f"{n_seeds:03d}"
    assert f"seed {seed}:" in cli("add", str(article), "--outlet", "Maghreb Emergent")
    new_file = next((root / "seeds").glob(f"{seed}_*.txt"))
    cli("extract", str(new_file), "--review", str(tmp_path / "review.csv"))
    review = pd.read_csv(tmp_path / "review.csv", dtype=str, keep_default_na=False)
    stamp = review.index[review["paragraph"] == "1"][0]
    review.loc[stamp, ["decision", "notes"]] = ["exclude", "The article's own date stamp."]
    row = review.index[review["quote"].str.contains("délégation malienne")][0]
    review.loc[row, ["decision", "context", "actor1", "actor2", "place", "summary", "claimed_by", "reported_by"]] = [
        "accept",
        "diplomatic",
        "attaf",
        "mli",
        "algiers",
        "Attaf receives a Malian delegation in Algiers.",
        "maghreb_emergent",
        "maghreb_emergent",
    ]
    review.to_csv(tmp_path / "review.csv", index=False)
    new_id = re.search(r"added to .*: (E\d{3})", cli("accept", str(tmp_path / "review.csv"))).group(1)
    notes = cli("validate")
    assert "ledger ok" in notes and "awaiting review" in notes and new_id in notes

    _run(
        [
            str(shutil.which("jupyter-book") or (sys.prefix + "/bin/jupyter-book")),
            "build",
            str(root),
            "-W",
            "-n",
            "--keep-going",
        ],
        root,
        "HTML build after adding an article",
    )
    html = root / "_build" / "html"
    ledger = (html / "chapters" / "appendix_ledger.html").read_text(encoding="utf-8")
    assert new_id in ledger and "Attaf receives a Malian delegation in Algiers." in ledger
    timeline = pd.read_csv(root / "chapters" / "exports" / "fig-dyad-timeline.csv", dtype=str)
    assert new_id in set(timeline["event_id"])  # an Algeria–Mali event, dated: on the timeline
    seeds_page = (html / "chapters" / "appendix_seeds.html").read_text(encoding="utf-8")
    assert f'id="p-{seed}-2"' in seeds_page
    method = re.sub(r"<[^>]+>", "", (html / "chapters" / "sources_method.html").read_text(encoding="utf-8"))
    assert f"The corpus holds {n_seeds + 1} articles" in " ".join(method.split())  # prose counts are glued
    judgments = re.sub(r"<[^>]+>", "", (html / "chapters" / "key_judgments.html").read_text(encoding="utf-8"))
    assert "Awaiting review" in judgments and new_id in judgments  # stale prose is shown


def test_the_books_title_states_the_corpus_years():
    sys.path.insert(0, str(paths.ROOT / "_ext"))
    from print_edition import corpus_title

    from analysis.sources.corpus import load_catalog

    catalog = load_catalog()
    reviewed = catalog[catalog["reviewed"] == "yes"]
    first, last = reviewed["published_earliest"].min().year, reviewed["published_latest"].max().year
    if len(reviewed) < len(catalog):  # an unreviewed row counts by the latest event coded from it
        events = load_events()
        own = events[events["seed"].isin(set(catalog["seed"]) - set(reviewed["seed"]))]
        if not own.empty:
            first, last = min(first, own["end_day"].max().year), max(last, own["end_day"].max().year)
    assert corpus_title("Algeria and Mali, 1990–1991: from mediation to rupture") == (
        f"Algeria and Mali, {first}–{last}: from mediation to rupture"
    )


def test_after_the_corpus_drops_what_the_ledger_covers():
    from analysis.ledger.reference import after_corpus, load_public_record

    record, events = load_public_record(), load_events()
    after = after_corpus(record, events)
    assert list(after["key"]) == ["drone_shot_down_2025"]  # 1 April 2025: after the last dated event
    # once a ledger row cites the record (a new article reports it), it is no longer beyond the corpus
    covered = events.assign(record_key=events["record_key"].where(events.index != 0, "drone_shot_down_2025"))
    empty = after_corpus(record, covered)
    assert empty.empty and str(empty["day"].dtype).startswith("datetime64")


ARTICLE_OLDER = (
    "Bamako, le 12 mai 2025\n\n"
    "Le 14 mars 2023, le ministre des Affaires étrangères Abdoulaye Diop a reçu à Bamako une délégation algérienne.\n"
)


@pytest.mark.slow
def test_a_new_article_reporting_an_older_event_leaves_the_fast_suite_green(tmp_path):
    """The README's steps (add -> extract -> accept -> make expected) in a copy of the project, with an
    article reporting an event older than the ledger's last: validate passes, lists the chapters
    awaiting review (and --strict fails on them), and the fast suite passes on the grown data."""
    root = tmp_path / "report"
    shutil.copytree(paths.ROOT, root, ignore=COPY_IGNORE)
    shared = paths.ROOT.parent / "shared"
    if shared.is_dir():  # as in CI, the shared copy beside the project (the fast suite checks the seeds against it)
        (tmp_path / "shared").symlink_to(shared, target_is_directory=True)
    env = {**os.environ, "ANALYSIS_ROOT": str(root), "PYTHONPATH": str(root / "src")}  # the copy's package
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE_OLDER, encoding="utf-8")

    def cli(*args, ok=True, module=("-m", "analysis")):
        out = subprocess.run([sys.executable, *module, *args], capture_output=True, text=True, env=env, cwd=root)
        assert (out.returncode == 0) == ok, out.stdout + out.stderr
        return out.stdout + out.stderr

    last = load_events()["start_day"].max()
    cli("add", str(article), "--outlet", "Maliweb")
    new_file = sorted((root / "seeds").glob("*.txt"), key=lambda p: int(p.name.split("_")[0]))[-1]
    cli("extract", str(new_file), "--review", str(tmp_path / "review.csv"))
    review = pd.read_csv(tmp_path / "review.csv", dtype=str, keep_default_na=False)
    stamp = review.index[review["paragraph"] == "1"][0]
    review.loc[stamp, ["decision", "notes"]] = ["exclude", "The article's own date stamp."]
    row = review.index[review["quote"].str.contains("délégation algérienne")][0]
    assert review.loc[row, "date_start"] == "2023-03-14"
    review.loc[row, ["decision", "context", "actor1", "actor2", "place", "summary", "claimed_by", "reported_by"]] = [
        "accept",
        "diplomatic",
        "diop",
        "dza",
        "bamako",
        "Diop receives an Algerian delegation in Bamako.",
        "maliweb",
        "maliweb",
    ]
    review.to_csv(tmp_path / "review.csv", index=False)
    new_id = re.search(r"added to .*: (E\d{3,})", cli("accept", str(tmp_path / "review.csv"))).group(1)
    grown = load_events(root / "data" / "events.csv")
    assert grown.set_index("event_id").loc[new_id, "start_day"] < last  # older than the ledger's last
    assert grown["start_day"].is_monotonic_increasing  # the loader's order, not the file's

    cli(module=("tests/snapshot.py",))  # make expected
    notes = cli("validate")
    assert "ledger ok" in notes and "awaiting review" in notes and new_id in notes
    strict = cli("validate", "--strict", ok=False)
    assert "not ready for release: chapters/" in strict and new_id in strict

    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-m", "not slow", "-p", "no:cacheprovider", "tests"],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
    assert suite.returncode == 0, suite.stdout[-6000:] + suite.stderr[-2000:]
