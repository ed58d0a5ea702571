"""Fast, correct rebuilds of the book: ``python -m analysis.build.buildcache report|pdf|html``.

The one place that decides what a build must redo (``make report`` and ``make pdf`` call it, and so
do the tests). Jupyter Book's execution cache (jupyter-cache) keys each notebook on its code cells
only, and Sphinx re-reads only the pages whose source changed, so neither notices a change in what the
chapters' code reads. Here:

- **Execution inputs.** Every chapter's code reads the package, the data and the seeds (and the
  extensions check the citations against the seeds): :data:`EXECUTION_INPUTS`. Their SHA-256 is kept
  beside the execution cache (``_build/.jupyter_cache/inputs.json``) with the figure exports the
  notebooks wrote; when either differs, the cache is emptied, so every chapter executes again. A change
  confined to the chapters keeps the cache: a notebook whose code is unchanged is not executed again.
- **Parallel execution.** Before the book build, the notebooks missing from the cache are executed in
  ``--jobs`` processes (default 2) with the same reader and executor as the build (myst-nb's reader,
  jupyter-cache's ``single_nb_execution`` in the chapter's folder, the ``execute`` settings of
  ``_config.yml``) and stored in the cache, which the build then uses: each notebook runs once.
- **Stamps.** A digest of every file that feeds the book (all of the tree except ``tests/``,
  ``benchmarks/``, the README and the tools' folders), with the build's commit and date
  (:mod:`analysis.core.buildinfo`), is recorded for each output (``_build/stamps/pdf.json``,
  ``html.json``); a build whose digest matches its stamp and whose output exists is skipped. Any
  other build is made with a fresh Sphinx environment (``jupyter-book build --all``), so no page keeps
  text computed from an older ledger or commit; the notebooks come from the cache.

What the last run did is written to ``_build/build-record.json`` (the tests read it). Nothing here
reads the clock or the network: the same tree gives the same decision. The commit and date are not
execution inputs: the chapters' code does not read them (the extensions that state them run in every
build). A chapter whose code came to read another file (another chapter's text, the commit) would need
it added to :data:`EXECUTION_INPUTS`.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing
import os
import queue
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath

import yaml

from analysis.core import paths
from analysis.core.buildinfo import build_info

#: What the chapters' code reads (folders and files of the project's top folder).
EXECUTION_INPUTS = ("src", "data", "seeds", "_ext", "CITATION.cff", "_toc.yml", "pyproject.toml", "requirements.lock")
#: Top-level entries that do not feed the book (besides the folder names in :data:`NEVER_INPUTS`).
NOT_BOOK_INPUTS = frozenset({"tests", "benchmarks", "README.md", "LICENSE", "scripts", "_build"})
#: Folder names skipped at any depth: tools' state, caches and the notebooks' own outputs.
NEVER_INPUTS = frozenset(
    {
        ".git",
        ".venv",
        "_build",
        "__pycache__",
        ".pytest_cache",
        ".ruff_cache",
        ".jupyter_cache",
        ".ipynb_checkpoints",
        "node_modules",
        "exports",
    }
)
JB_FLAGS = ("-W", "-n", "--keep-going")
BOOK_PDF = Path("_build") / "latex" / "algeria-mali-report.pdf"
CHAPTER_PDFS = Path("_build") / "pdf"
EXPORTS = Path("chapters") / "exports"


class BuildError(Exception):
    """A build step failed; the message names the step or the notebook."""


# --- digests ---------------------------------------------------------------------------------------


def _walk(root: Path, entry: Path):
    if entry.is_file():
        yield entry
    elif entry.is_dir():
        for path in sorted(entry.iterdir()):
            if path.name not in NEVER_INPUTS and not path.name.endswith(".egg-info"):
                yield from _walk(root, path)


def files_digest(root: Path, entries) -> str:
    """SHA-256 over the relative path and the bytes of every file under ``entries`` (sorted)."""
    h = hashlib.sha256()
    for entry in entries:
        for path in _walk(root, root / entry):
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def execution_digest(root: Path) -> str:
    """The inputs every chapter's code reads (:data:`EXECUTION_INPUTS`) and the Python running it."""
    return hashlib.sha256(f"{sys.version}\0{files_digest(root, EXECUTION_INPUTS)}".encode()).hexdigest()


def book_digest(root: Path) -> str:
    """Every file that feeds the book, the commands' flags and the build's commit and date."""
    entries = sorted(p.name for p in root.iterdir() if p.name not in NOT_BOOK_INPUTS | NEVER_INPUTS)
    info = build_info(root)
    key = f"{sys.version}\0{' '.join(JB_FLAGS)}\0{info.commit}\0{info.date}\0{files_digest(root, entries)}"
    return hashlib.sha256(key.encode()).hexdigest()


def exports_digest(root: Path) -> str:
    """The figure and map downloads the notebooks wrote (they live beside the chapters, not in the cache)."""
    return files_digest(root, [EXPORTS])


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


# --- the execution cache ---------------------------------------------------------------------------


def cache_dir(root: Path) -> Path:
    return root / "_build" / ".jupyter_cache"


def check_execution_cache(root: Path) -> str:
    """Empty the execution cache if the inputs the chapters read (or the exports they wrote) changed
    since it was filled; returns what was done, for the record."""
    folder = cache_dir(root)
    recorded = _read_json(folder / "inputs.json")
    current = {"execution_digest": execution_digest(root), "exports_digest": exports_digest(root)}
    if not folder.exists():
        return "empty"
    if recorded == current:
        return "kept"
    shutil.rmtree(folder)
    return "cleared: " + ("the package, data or seeds changed" if recorded else "no record of its inputs")


def _record_execution_inputs(root: Path) -> None:
    _write_json(
        cache_dir(root) / "inputs.json",
        {"execution_digest": execution_digest(root), "exports_digest": exports_digest(root)},
    )


def notebook_pages(root: Path) -> list[Path]:
    """The pages of the table of contents that the book build executes, in the toc's order: those
    myst-nb reads as notebooks (MyST front matter), less the ``execute.exclude_patterns``."""
    from myst_nb.core.read import is_myst_markdown_notebook

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    excluded = _execute_config(root).get("exclude_patterns") or []
    pages = []
    for name in names:
        page = root / f"{name}.md"
        if not page.is_file() or not is_myst_markdown_notebook(page.read_text(encoding="utf-8")):
            continue
        if not any(PurePosixPath(page.as_posix()).match(pattern) for pattern in excluded):
            pages.append(page)
    return pages


def _execute_config(root: Path) -> dict:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return config.get("execute", {}) or {}


def _execute_settings(root: Path) -> dict:
    execute = _execute_config(root)
    return {"timeout": execute.get("timeout", 30), "allow_errors": bool(execute.get("allow_errors", False))}


def _read_notebook(path: Path):
    # the reader the book build uses for MyST notebooks (and the one jupyter-cache is told to use)
    from myst_nb.core.read import myst_nb_reader_plugin

    return myst_nb_reader_plugin(str(path))


def _execute_task(task: tuple[str, int, bool]):
    """Run in a worker process: execute one notebook in its folder, as the book build would."""
    from jupyter_cache.executors.utils import single_nb_execution

    path, timeout, allow_errors = task
    nb = _read_notebook(Path(path))
    result = single_nb_execution(
        nb, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors, meta_override=True
    )
    return path, result.nb, result.time, result.exc_string if result.err is not None else None


def _worker(tasks, results) -> None:
    """A worker process: its own process group (so stopping it stops the kernels it started), taking
    notebooks from ``tasks`` until ``None``."""
    os.setsid()
    for task in iter(tasks.get, None):
        try:
            results.put(_execute_task(task))
        except Exception as exc:  # a notebook that cannot be read or started: reported, not hung on
            results.put((task[0], None, 0.0, f"{type(exc).__name__}: {exc}"))


def _run_workers(tasks: list[tuple[str, int, bool]], jobs: int, root: Path):
    """Execute ``tasks`` in ``jobs`` forked worker processes; yields ``(path, notebook, seconds)`` as
    each finishes. The first failure stops every worker and its kernel and raises :class:`BuildError`."""
    ctx = multiprocessing.get_context("fork")  # the workers inherit the imports
    todo, done = ctx.Queue(), ctx.Queue()
    n = max(1, min(jobs, len(tasks)))
    for task in tasks + [None] * n:
        todo.put(task)
    workers = [ctx.Process(target=_worker, args=(todo, done), daemon=True) for _ in range(n)]
    for worker in workers:
        worker.start()
    finished = False
    try:
        for _ in tasks:
            while True:
                try:
                    path, nb, seconds, error = done.get(timeout=5)
                    break
                except queue.Empty:
                    if not any(w.is_alive() for w in workers):
                        raise BuildError("the notebook workers stopped without a result") from None
            if error is not None:
                raise BuildError(f"{Path(path).relative_to(root).as_posix()}: the notebook failed:\n{error}")
            yield path, nb, seconds
        finished = True
    finally:
        for worker in workers:
            if finished:
                worker.join(timeout=30)
            if worker.is_alive():
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(worker.pid, signal.SIGKILL)
                worker.join()


def execute_missing(root: Path, jobs: int = 2, log=print) -> dict[str, list[str]]:
    """Execute, ``jobs`` at a time, every notebook page the execution cache has no result for, and
    store the results in the cache. Returns the pages executed and those reused (relative paths)."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_dir(root)))
    settings = _execute_settings(root)
    executed, reused, pending = [], [], []
    for page in notebook_pages(root):
        try:
            cache.match_cache_notebook(_read_notebook(page))
            reused.append(page)
        except KeyError:
            pending.append(page)
    rel = {p: p.relative_to(root).as_posix() for p in pending + reused}
    if pending:
        log(f"executing {len(pending)} notebooks in {min(jobs, len(pending))} processes; {len(reused)} cached")
        tasks = [(str(p), settings["timeout"], settings["allow_errors"]) for p in pending]
        for path, nb, seconds in _run_workers(tasks, jobs, root):
            page = Path(path)
            cache.cache_notebook_bundle(
                CacheBundleIn(nb, str(page), data={"execution_seconds": seconds}), check_validity=False, overwrite=True
            )
            executed.append(page)
            # the phrase the myst-nb build logs for an execution (tests/test_notebooks.py counts it)
            log(f"{rel[page]}: Executing notebook: done in {seconds:.1f} s")
    _record_execution_inputs(root)
    return {"executed": sorted(rel[p] for p in executed), "reused": sorted(rel[p] for p in reused)}


# --- the builds ------------------------------------------------------------------------------------


def has_tex() -> bool:
    return shutil.which("xelatex") is not None and shutil.which("latexmk") is not None


def _env(root: Path) -> dict[str, str]:
    """The builds and their kernels read this tree, and import the package from it."""
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    env["PYTHONPATH"] = os.pathsep.join([str(root / "src")] + [p for p in [env.get("PYTHONPATH", "")] if p])
    return env


def _step(args: list[str], root: Path, what: str) -> None:
    proc = subprocess.run(args, cwd=root, env=_env(root))
    if proc.returncode != 0:
        raise BuildError(f"{what} failed (exit status {proc.returncode})")


def _stamp_path(root: Path, output: str) -> Path:
    return root / "_build" / "stamps" / f"{output}.json"


def _outputs(root: Path, output: str) -> Path:
    return root / (BOOK_PDF if output == "pdf" else Path("_build") / "html" / "index.html")


def _html_key(root: Path, digest: str) -> str:
    # each chapter page links its chapter PDF when one exists: which ones exist is an input of the HTML
    pdfs = sorted(p.name for p in (root / CHAPTER_PDFS).glob("*.pdf"))
    return hashlib.sha256(f"{digest}\0{' '.join(pdfs)}".encode()).hexdigest()


def up_to_date(root: Path, output: str, key: str) -> bool:
    return _outputs(root, output).is_file() and _read_json(_stamp_path(root, output)).get("key") == key


def build(root: Path, outputs: list[str], jobs: int = 2, log=print) -> dict:
    """Bring each of ``outputs`` ("pdf", "html", in that order) up to date; returns the record of what
    was done (also written to ``_build/build-record.json``)."""
    start = time.perf_counter()
    root = Path(root).resolve()
    os.environ.update(_env(root))  # the notebooks executed here read this tree too
    digest = book_digest(root)
    record: dict = {"outputs": {}, "executed": [], "reused": [], "cache": "not needed"}
    book = str(Path(sys.executable).parent / "jupyter-book")
    for output in outputs:
        key = digest if output == "pdf" else _html_key(root, digest)
        if up_to_date(root, output, key):
            record["outputs"][output] = "up to date"
            log(f"{output}: up to date (nothing it reads has changed)")
            continue
        if record["cache"] == "not needed" and _execute_config(root).get("execute_notebooks") == "cache":
            record["cache"] = check_execution_cache(root)
            log(f"execution cache: {record['cache']}")
            t0 = time.perf_counter()
            ran = execute_missing(root, jobs=jobs, log=log)
            record["executed"], record["reused"] = ran["executed"], ran["reused"]
            record["seconds_executing"] = round(time.perf_counter() - t0, 1)
        _stamp_path(root, output).unlink(missing_ok=True)
        t0 = time.perf_counter()
        if output == "pdf":
            _step([book, "build", str(root), "--builder", "pdflatex", "--all", *JB_FLAGS], root, "the PDF build")
            _step([sys.executable, "-m", "analysis", "chapter-pdfs"], root, "the chapter PDFs")
        else:
            _step([book, "build", str(root), "--all", *JB_FLAGS], root, "the HTML build")
            key = _html_key(root, digest)
        _write_json(_stamp_path(root, output), {"key": key})
        record["outputs"][output] = "built"
        record[f"seconds_{output}"] = round(time.perf_counter() - t0, 1)
    record["seconds"] = round(time.perf_counter() - start, 1)
    _write_json(root / "_build" / "build-record.json", record)
    return record


def preview(root: Path, jobs: int = 2, log=print) -> dict:
    """The edit loop (``make preview``): the HTML of the changed pages only, the PDFs left to ``make pdf``.

    When what the chapters' code reads changed (the execution cache is emptied, as :func:`build` decides),
    every page must be read again: the whole HTML is built as ``make report`` builds it. Otherwise
    ``jupyter-book build`` runs without ``--all``, in this process: Sphinx keeps its environment
    (``_build/.doctrees``) and re-reads only the pages whose source changed, each notebook from the
    execution cache (myst-nb executes and caches one whose code changed). The HTML stamp is removed, so
    the next ``make report`` builds the whole HTML afresh, as a release needs. In this process only,
    ``rfc3987_syntax`` is not imported: ``jsonschema`` imports it for its ``iri`` format, which no part
    of the build checks, and it compiles 38 grammars at import (about 1 s; see benchmarks/README.md)."""
    start = time.perf_counter()
    root = Path(root).resolve()
    cached = _execute_config(root).get("execute_notebooks") == "cache"
    if (cached and check_execution_cache(root) != "kept") or not (root / "_build" / ".doctrees").is_dir():
        return build(root, ["html"], jobs=jobs, log=log)
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    os.environ.update(_env(root))
    _stamp_path(root, "html").unlink(missing_ok=True)
    from jupyter_book.cli.main import main as jupyter_book

    with contextlib.chdir(root):
        try:
            jupyter_book.main(["build", str(root), *JB_FLAGS], standalone_mode=False)
        except SystemExit as exc:
            if exc.code not in (0, None):
                raise BuildError(f"the HTML preview failed (exit status {exc.code})") from None
    record: dict = {"outputs": {"html": "preview"}, "executed": [], "reused": []}
    record["seconds"] = round(time.perf_counter() - start, 1)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.build.buildcache", description=__doc__.split("\n")[0])
    parser.add_argument(
        "target",
        choices=["report", "pdf", "html", "preview", "status"],
        help="report: the PDF, chapter PDFs and the brief (when TeX Live is present), then the HTML; "
        "pdf or html alone; preview: the HTML of the changed pages only (see preview()); "
        "status: what a build would redo, without building",
    )
    parser.add_argument("--root", default=str(paths.ROOT), help="the project's top folder (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=2, metavar="N", help="notebooks executed at once (default: 2)")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    if args.target == "status":
        digest = book_digest(root)
        for output, key in (("pdf", digest), ("html", _html_key(root, digest))):
            print(f"{output}: {'up to date' if up_to_date(root, output, key) else 'to build'}")
        recorded = _read_json(cache_dir(root) / "inputs.json").get("execution_digest")
        print(f"execution cache: {'valid' if recorded == execution_digest(root) else 'to refill'}")
        return 0
    if args.target == "preview":
        return _report_run("preview", lambda: preview(root, jobs=args.jobs))
    if args.target == "report":
        outputs = ["pdf", "html"] if has_tex() else ["html"]
        if not has_tex():
            print("note: TeX Live is missing: the HTML is built without chapter PDFs ('make system-deps' as root)")
    else:
        outputs = [args.target]

    def run() -> dict:
        record = build(root, outputs, jobs=args.jobs)
        brief = root / "_build" / "brief" / "algeria-mali-brief.pdf"
        if "pdf" in outputs and ("built" in record["outputs"].values() or not brief.is_file()):
            _step([sys.executable, "-m", "analysis.build.brief"], root, "the brief (analysis.build.brief)")
        return record

    return _report_run("build", run)


def _report_run(what: str, run) -> int:
    """Run a build step for the command line: its record in one line, or ``error: ...`` and exit 1."""
    try:
        record = run()
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"{what}: {json.dumps(record['outputs'])} in {record['seconds']} s; executed {len(record['executed'])} notebooks"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
