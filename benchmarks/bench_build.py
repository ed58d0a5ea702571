"""Build benchmarks (not tests): how long the book takes to build and how heavy its pages are.

Measured in one run, each in a fresh copy of the project under a temporary folder:

- clean HTML build of the report, and of a bare Jupyter Book with the same number of notebook pages
  (one trivial code cell each, same Jupyter Book and Sphinx), and their ratio;
- the cached rebuild with nothing changed;
- the clean PDF build (XeLaTeX), when TeX Live is present;
- peak memory: the largest resident set of any process the builds started;
- page weight: bytes of each chapter page with the images it shows.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_build.py``); it prints a Markdown table
to paste into benchmarks/README.md.
"""

from __future__ import annotations

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


def _build(project: Path, *extra: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(
        [str(BIN / "jupyter-book"), "build", str(project), *extra],
        capture_output=True,
        text=True,
        env={"ANALYSIS_ROOT": str(project), "PATH": f"{BIN}:/usr/bin:/bin"},
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    return elapsed


def _notebook_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for p in toc["parts"] for c in p["chapters"]]
    return [f for f in files if "```{code-cell}" in (ROOT / f"{f}.md").read_text(encoding="utf-8")]


def _bare_book(folder: Path, n_pages: int) -> Path:
    folder.mkdir(parents=True)
    header = "---\njupytext:\n  text_representation:\n    format_name: myst\nkernelspec:\n  name: python3\n  display_name: Python 3\n---\n"
    (folder / "_config.yml").write_text("title: Bare\nexecute:\n  execute_notebooks: cache\n", encoding="utf-8")
    pages = [f"page{i}" for i in range(n_pages)]
    (folder / "intro.md").write_text("# Bare book\n\nA page.\n", encoding="utf-8")
    for p in pages:
        (folder / f"{p}.md").write_text(
            f"{header}\n# {p}\n\n```{{code-cell}} ipython3\nprint(1 + 1)\n```\n", encoding="utf-8"
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
        t_clean = _build(report)
        t_cached = _build(report)
        weights = _page_weight(report / "_build" / "html")
        t_pdf = None
        if shutil.which("xelatex") and shutil.which("latexmk"):
            shutil.rmtree(report / "_build")
            t_pdf = _build(report, "--builder", "pdflatex")
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print("| measure | value |\n|---|---|")
    print(f"| notebook pages | {len(pages)} |")
    print(f"| bare Jupyter Book, clean HTML build | {t_bare:.1f} s |")
    print(f"| report, clean HTML build | {t_clean:.1f} s |")
    print(f"| ratio report / bare | {t_clean / t_bare:.1f}× |")
    print(f"| report, cached rebuild (no change) | {t_cached:.1f} s |")
    print(f"| report, clean PDF build | {'not measured (no TeX Live)' if t_pdf is None else f'{t_pdf:.1f} s'} |")
    print(f"| peak memory (largest build process) | {peak_mb:.0f} MB |")
    print()
    print("| chapter page | bytes with its images |\n|---|---|")
    for name, size in weights.items():
        print(f"| {name} | {size:,} |")


if __name__ == "__main__":
    main()
