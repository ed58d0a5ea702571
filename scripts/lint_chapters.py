"""Lint the chapters' code cells read-only: each MyST notebook with code cells is written as a
py:percent script in memory (jupytext, imported once for all chapters) and piped to ruff under the
chapter's own name, so a problem names ``chapters/<name>.py`` and the cell's line. Exit status 1 if
any chapter has a problem. Used by ``make check``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import jupytext

RULES = ["--select", "E,F,W,I", "--ignore", "E501,E402"]


def main(argv: list[str]) -> int:
    ruff = str(Path(sys.executable).parent / "ruff")
    failed = 0
    for path in sorted(Path(p) for p in argv):
        text = path.read_text(encoding="utf-8")
        if "{code-cell}" not in text:
            continue
        script = jupytext.writes(jupytext.reads(text, fmt="md:myst"), fmt="py:percent")
        proc = subprocess.run(
            [ruff, "check", "--quiet", *RULES, "--stdin-filename", str(path.with_suffix(".py")), "-"],
            input=script,
            text=True,
        )
        failed |= proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
