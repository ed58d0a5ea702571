"""Clean HTML build of the report against a bare Jupyter Book 1 of as many notebook pages, each importing
pandas and matplotlib and drawing one figure (issue 17's comparison). Usage:
python benchmarks/bench_bare_figure.py; prints a Markdown table for benchmarks/README.md. Each build runs in
a fresh copy under a temporary folder, one after the other (never at the same time)."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench_build import IGNORE, ROOT, _bare_book, _build, _notebook_pages, _report

FIGURE = """import pandas as pd
import matplotlib.pyplot as plt

frame = pd.DataFrame({"x": range(10), "y": [v * v for v in range(10)]})
fig, ax = plt.subplots()
ax.plot(frame["x"], frame["y"])
plt.show()"""


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-bare-"))
    try:
        pages = _notebook_pages()
        bare = _bare_book(tmp / "bare", len(pages), FIGURE)
        t_bare = _build(bare)
        figures = sum("<img" in p.read_text(encoding="utf-8") for p in (bare / "_build" / "html").glob("page*.html"))
        report = tmp / "report"
        shutil.copytree(ROOT, report, ignore=IGNORE)
        t_clean, clean = _report(report, "html")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"measured {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC")
    print("| measure | value |\n|---|---|")
    print(f"| notebook pages | {len(pages)} |")
    print(
        f"| bare Jupyter Book (pandas, matplotlib, one figure per page), clean HTML build | {t_bare:.1f} s ({figures} pages with a figure) |"
    )
    print(
        f"| report, clean HTML build | {t_clean:.1f} s (executing {clean['seconds_executing']:.1f} s, "
        f"2 at a time; book {clean['seconds_html']:.1f} s) |"
    )
    print(f"| ratio report / bare | {t_clean / t_bare:.2f}× |")


if __name__ == "__main__":
    main()
