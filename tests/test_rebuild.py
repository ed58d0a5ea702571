"""Rebuilds redo what changed and nothing else (analysis.build.buildcache, run by ``make report``).

The fast tests check the digests that decide it, in a copy of the project; the slow one rebuilds a copy
of the session's built book (``built_book``) three times: with nothing changed (nothing is executed or
built), after a one-row change in ``data/events.csv`` (every chapter is executed again and the page
shows the change), after a prose-only change in one chapter (the page is rebuilt, no notebook runs)."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bookbuild import COPY_IGNORE, rebuild

from analysis.build import buildcache
from analysis.core import paths


@pytest.fixture()
def project(tmp_path) -> Path:
    root = tmp_path / "report"
    shutil.copytree(paths.ROOT, root, ignore=COPY_IGNORE)
    return root


def _change_first_summary(root: Path, suffix: str) -> str:
    """Append ``suffix`` to the summary of the ledger's first event (one row changes); returns the new
    summary."""
    path = root / "data" / "events.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["summary"] = rows[0]["summary"] + suffix
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    changed = [a for a, b in zip(text.splitlines(), out.getvalue().splitlines()) if a != b]
    assert len(changed) == 1, "the rewrite must change exactly one row of the ledger"
    return rows[0]["summary"]


def test_a_data_change_invalidates_execution_and_a_prose_change_does_not(project):
    before_exec, before_book = buildcache.execution_digest(project), buildcache.book_digest(project)
    assert before_exec == buildcache.execution_digest(project), "the digest depends only on the files"

    (project / "tests" / "test_extra.py").write_text("# not an input of the book\n", encoding="utf-8")
    assert (buildcache.execution_digest(project), buildcache.book_digest(project)) == (before_exec, before_book)

    chapter = project / "chapters" / "rupture_2024.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence.\n", encoding="utf-8")
    assert buildcache.execution_digest(project) == before_exec
    assert buildcache.book_digest(project) != before_book

    book_after_prose = buildcache.book_digest(project)
    _change_first_summary(project, " (changed)")
    assert buildcache.execution_digest(project) != before_exec
    assert buildcache.book_digest(project) != book_after_prose


def test_the_execution_cache_is_emptied_when_its_inputs_changed(project):
    cache = buildcache.cache_dir(project)
    cache.mkdir(parents=True)
    buildcache._record_execution_inputs(project)
    (cache / "marker").write_text("", encoding="utf-8")
    assert buildcache.check_execution_cache(project) == "kept"
    assert (cache / "marker").exists()

    _change_first_summary(project, " (changed)")
    assert buildcache.check_execution_cache(project).startswith("cleared")
    assert not cache.exists()


def test_every_page_with_code_is_executed(project):
    from bookbuild import toc_pages

    pages = [p.relative_to(project).with_suffix("").as_posix() for p in buildcache.notebook_pages(project)]
    with_code = [p for p in toc_pages(project) if "{code-cell}" in (project / f"{p}.md").read_text(encoding="utf-8")]
    assert with_code and set(with_code) <= set(pages) <= set(toc_pages(project)), (pages, with_code)


@pytest.mark.slow
def test_rebuilds_redo_only_what_changed(built_book, tmp_path):
    built = built_book.parents[1]
    root = tmp_path / "report"
    # the session's build, without the LaTeX intermediates (this test rebuilds the HTML only)
    shutil.copytree(built, root, ignore=lambda folder, names: ["latex"] if Path(folder) == built / "_build" else [])
    notebooks = sorted(p.relative_to(root).as_posix() for p in buildcache.notebook_pages(root))

    start = time.perf_counter()
    record = rebuild(root, "html", "rebuild with no change")
    elapsed = time.perf_counter() - start
    assert record["outputs"] == {"html": "up to date"}, record
    assert record["executed"] == [] and record["cache"] == "not needed", record
    log = (root / "_build" / "build-logs" / "rebuild-with-no-change.log").read_text(encoding="utf-8")
    assert "Executing notebook" not in log and "Running Jupyter-Book" not in log
    assert elapsed < 30, f"a rebuild with nothing changed took {elapsed:.1f} s (the goal is 5 s, see benchmarks)"

    summary = _change_first_summary(root, " (changed for the rebuild test)")
    record = rebuild(root, "html", "rebuild after a ledger change")
    assert record["outputs"] == {"html": "built"}, record
    assert record["cache"].startswith("cleared"), record
    assert record["executed"] == notebooks, record
    ledger_page = (root / "_build" / "html" / "chapters" / "appendix_ledger.html").read_text(encoding="utf-8")
    assert "(changed for the rebuild test)" in ledger_page, f"the ledger page does not show: {summary}"

    chapter = root / "chapters" / "rupture_2024.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence the rebuild test added.\n", encoding="utf-8")
    record = rebuild(root, "html", "rebuild after a prose change")
    assert record["outputs"] == {"html": "built"} and record["cache"] == "kept", record
    assert record["executed"] == [] and record["reused"] == notebooks, record
    page = (root / "_build" / "html" / "chapters" / "rupture_2024.html").read_text(encoding="utf-8")
    assert "A sentence the rebuild test added." in page


@pytest.mark.slow
def test_a_failing_notebook_stops_the_build_and_names_the_chapter(project):
    page = buildcache.notebook_pages(project)[0]
    text = page.read_text(encoding="utf-8")
    start = text.index("```{code-cell}")
    body = text.index("\n", start) + 1
    while text[body:].startswith(":"):  # the cell's options
        body = text.index("\n", body) + 1
    page.write_text(text[:body] + "raise ValueError('a broken chapter')\n" + text[body:], encoding="utf-8")
    env = {**os.environ, "ANALYSIS_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "analysis.build.buildcache", "html", "--root", str(project)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    rel = page.relative_to(project).as_posix()
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert f"error: {rel}: the notebook failed" in proc.stderr and "a broken chapter" in proc.stderr
    assert not (project / "_build" / "stamps" / "html.json").exists()
    assert "Running Jupyter-Book" not in proc.stdout, "the book build must not start after a failed notebook"
    # the other notebooks are stopped, not run to the end (all of them take about 30 s of CPU)
    assert elapsed < 60, f"the failed build took {elapsed:.0f} s"


@pytest.mark.slow
def test_preview_rebuilds_only_the_changed_page(built_book, tmp_path):
    """``make preview`` after a prose-only change: the page shows it, only that page is read again, no
    notebook runs, and the HTML stamp is gone so the next ``make report`` rebuilds the whole HTML."""
    built = built_book.parents[1]
    root = tmp_path / "report"
    shutil.copytree(built, root, ignore=lambda folder, names: ["latex"] if Path(folder) == built / "_build" else [])
    args = [sys.executable, "-m", "analysis.build.buildcache", "preview", "--root", str(root)]
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    # Sphinx's environment names the folder it was built in: in a copy, the first preview reads every page
    first = subprocess.run(args, capture_output=True, text=True, cwd=root, env=env)
    assert first.returncode == 0, (first.stdout + first.stderr)[-3000:]
    chapter = root / "chapters" / "rupture_2024.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nA sentence the preview test added.\n", encoding="utf-8")
    proc = subprocess.run(args, capture_output=True, text=True, cwd=root, env=env)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
    assert 'preview: {"html": "preview"}' in proc.stdout, proc.stdout[-2000:]
    assert "Executing notebook" not in proc.stdout + proc.stderr
    read = [line for line in proc.stdout.splitlines() if "reading sources" in line]
    assert read and all("rupture_2024" in line for line in read), read
    page = (root / "_build" / "html" / "chapters" / "rupture_2024.html").read_text(encoding="utf-8")
    assert "A sentence the preview test added." in page
    assert not (root / "_build" / "stamps" / "html.json").exists()
