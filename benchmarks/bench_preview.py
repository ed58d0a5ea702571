"""The edit loop: how long a one-word prose change takes to show in the HTML through ``make preview``.

In a copy of the project (the working tree is never edited; ``.git`` and ``.venv`` are not copied, the
``_build`` folder is, so the copy starts from the last build): one untimed ``preview`` (Sphinx's
environment names the folder it was built in, so in a copy the first preview reads every page), then
ROUNDS rounds, each changing one word of ``chapters/rupture_2024.md`` and running the command ``make
preview`` runs, ``python -m analysis.build.buildcache preview``. Each round is checked: the new word is
in the chapter's HTML, Sphinx read that page only, no notebook ran. Wall time and CPU time (user +
system of the command and its children) per round, their medians, and the load average before and
after, since on a shared machine the wall time follows the load.

Usage: ``python benchmarks/bench_preview.py [ROUNDS]`` from the project folder, after a ``make preview``
or ``make report`` (without a build there, the copy's first preview builds the whole HTML).
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: The project to copy: this one, or the folder ``$BENCH_ROOT`` names (to compare two versions of the code).
ROOT = Path(os.environ.get("BENCH_ROOT") or Path(__file__).resolve().parents[1])
CHAPTER = Path("chapters") / "rupture_2024.md"
PAGE = Path("_build") / "html" / "chapters" / "rupture_2024.html"


def _preview(root: Path) -> tuple[float, float, str]:
    """Run one preview in ``root``: (wall seconds, CPU seconds, its output)."""
    args = [sys.executable, "-m", "analysis.build.buildcache", "preview", "--root", str(root)]
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, cwd=root, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"preview failed:\n{(proc.stdout + proc.stderr)[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout + proc.stderr


def _check(root: Path, word: str, output: str) -> None:
    read = [line for line in output.splitlines() if "reading sources" in line and "%]" in line]
    problems = []
    if word not in (root / PAGE).read_text(encoding="utf-8"):
        problems.append(f"{word!r} is not in {PAGE}")
    if not read or not all("rupture_2024" in line for line in read):
        problems.append(f"Sphinx read other pages: {read}")
    if "Executing notebook" in output or 'preview: {"html": "preview"}' not in output:
        problems.append("a notebook ran or the whole HTML was built")
    if problems:
        raise SystemExit("; ".join(problems) + "\n" + output[-2000:])


def main(rounds: int = 5) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as tmp:
        root = Path(tmp) / "report"
        shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns(".git", ".venv"), symlinks=True)
        chapter = root / CHAPTER
        text = chapter.read_text(encoding="utf-8")
        chapter.write_text(text + "\nPreview benchmark word: start.\n", encoding="utf-8")
        wall, _, _ = _preview(root)
        print(f"first preview in the copy (reads every page): {wall:.1f} s")
        load_before = os.getloadavg()
        walls, cpus = [], []
        for i in range(rounds):
            word = f"benchword{i}x"
            chapter.write_text(text + f"\nPreview benchmark word: {word}.\n", encoding="utf-8")
            wall, cpu, output = _preview(root)
            _check(root, word, output)
            walls.append(wall)
            cpus.append(cpu)
            print(f"round {i + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s")
        load_after = os.getloadavg()
    print(
        f"make preview, median of {rounds}: wall {statistics.median(walls):.2f} s "
        f"(min {min(walls):.2f}, max {max(walls):.2f}), CPU {statistics.median(cpus):.2f} s "
        f"(min {min(cpus):.2f}, max {max(cpus):.2f})"
    )
    print(f"load average (1 min) before {load_before[0]:.2f}, after {load_after[0]:.2f}; {os.cpu_count()} cores")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
