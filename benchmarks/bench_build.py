"""Build benchmarks (not tests): how long the book takes to build and how heavy its pages are.

Measured in one run, each in a fresh copy of the project under a temporary folder:

- clean HTML build of the report as ``make report`` makes it without TeX Live (``python -m
  analysis.build.buildcache html``: the notebooks executed two at a time into the execution cache, then the
  book), and of a bare Jupyter Book with the same number of notebook pages (one trivial code cell each,
  same Jupyter Book and Sphinx, ``jupyter-book build``), and their ratio;
- the rebuild with nothing changed, after a prose-only change in one chapter, and after a one-row
  change in ``data/events.csv`` (what ``analysis.build.buildcache`` redoes in each case);
- the clean PDF build (XeLaTeX, with the chapter PDFs), when TeX Live is present;
- peak memory: the largest resident set of any process the builds started;
- page weight: bytes of each chapter page with the images it shows.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_build.py``); it prints a Markdown table
to paste into benchmarks/README.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", ".pytest_cache", "__pycache__", ".jupyter_cache", "exports", "*.egg-info", "node_modules"
)


def _env(project: Path) -> dict[str, str]:
    return {"ANALYSIS_ROOT": str(project), "PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(Path.home())}


def _run(args: list[str], project: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, env=_env(project), cwd=project)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    return elapsed


def _build(project: Path, *extra: str) -> float:
    """A plain ``jupyter-book build`` (the bare book)."""
    return _run([str(BIN / "jupyter-book"), "build", str(project), *extra], project)


def _report(project: Path, target: str) -> tuple[float, dict]:
    """The report's build as make runs it; returns the wall time and what the build did."""
    elapsed = _run([str(BIN / "python"), "-m", "analysis.build.buildcache", target, "--root", str(project)], project)
    return elapsed, json.loads((project / "_build" / "build-record.json").read_text(encoding="utf-8"))


def _append_line(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def _change_one_ledger_row(project: Path) -> None:
    path = project / "data" / "events.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["summary"] += " (changed for the benchmark)"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _notebook_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for p in toc["parts"] for c in p["chapters"]]
    return [f for f in files if "```{code-cell}" in (ROOT / f"{f}.md").read_text(encoding="utf-8")]


def _bare_book(folder: Path, n_pages: int, code: str = "print(1 + 1)") -> Path:
    folder.mkdir(parents=True)
    header = "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n"
    (folder / "_config.yml").write_text("title: Bare\nexecute:\n  execute_notebooks: cache\n", encoding="utf-8")
    pages = [f"page{i}" for i in range(n_pages)]
    (folder / "intro.md").write_text("# Bare book\n\nA page.\n", encoding="utf-8")
    for p in pages:
        (folder / f"{p}.md").write_text(
            # the page's name in its cell: jupyter-cache keys on the code, so identical cells would run once
            f"{header}\n# {p}\n\n```{{code-cell}} ipython3\n# {p}\n{code}\n```\n",
            encoding="utf-8",
        )
    toc = {"format": "jb-book", "root": "intro", "chapters": [{"file": p} for p in pages]}
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    return folder


def _page_weight(html: Path) -> dict[str, int]:
    out = {}
    for page in sorted((html / "chapters").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        size = len(text.encode("utf-8"))
        for src in set(re.findall(r'<img[^>]+src="([^"]+)"', text)):
            target = (page.parent / src).resolve()
            if target.is_file():
                size += target.stat().st_size
        out[page.stem] = size
    return out


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-build-"))
    try:
        report = tmp / "report"
        shutil.copytree(ROOT, report, ignore=IGNORE)
        pages = _notebook_pages()
        bare = _bare_book(tmp / "bare", len(pages))

        t_bare = _build(bare)
        t_clean, clean = _report(report, "html")
        t_cached, cached = _report(report, "html")
        weights = _page_weight(report / "_build" / "html")
        _append_line(report / f"{pages[0]}.md", "A sentence added by the benchmark.")
        t_prose, prose = _report(report, "html")
        _change_one_ledger_row(report)
        t_data, data = _report(report, "html")
        t_pdf = None
        if shutil.which("xelatex") and shutil.which("latexmk"):
            shutil.rmtree(report / "_build")
            t_pdf, _ = _report(report, "pdf")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def did(record: dict) -> str:
        return f"{len(record['executed'])} notebooks executed, HTML {record['outputs']['html']}"

    print("| measure | value |\n|---|---|")
    print(f"| notebook pages | {len(pages)} |")
    print(f"| bare Jupyter Book, clean HTML build | {t_bare:.1f} s |")
    print(
        f"| report, clean HTML build | {t_clean:.1f} s (executing {clean['seconds_executing']:.1f} s, "
        f"2 at a time; book {clean['seconds_html']:.1f} s) |"
    )
    print(f"| ratio report / bare | {t_clean / t_bare:.1f}× |")
    print(f"| report, rebuild with no change | {t_cached:.1f} s ({did(cached)}) |")
    print(f"| report, rebuild after a prose-only change in one chapter | {t_prose:.1f} s ({did(prose)}) |")
    print(f"| report, rebuild after a one-row change in data/events.csv | {t_data:.1f} s ({did(data)}) |")
    pdf = "not measured (no TeX Live)" if t_pdf is None else f"{t_pdf:.1f} s"
    print(f"| report, clean PDF build (with the chapter PDFs) | {pdf} |")
    print(f"| peak memory (largest build process) | {peak_mb:.0f} MB |")
    print()
    print("| chapter page | bytes with its images |\n|---|---|")
    for name, size in weights.items():
        print(f"| {name} | {size:,} |")


if __name__ == "__main__":
    main()
