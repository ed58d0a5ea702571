"""Scratch copies of the project for tests that run the commands that write data (add, accept,
seed-page --write): the files those commands read and write, copied to a temporary folder that
``ANALYSIS_ROOT`` points to, and a fingerprint of every file to show what a command changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from analysis.core import paths

#: What the commands read and write: the corpus, the data, the chapters (the seed-text appendix and
#: the review markers validate reads) and the file that marks the project's top folder.
COPIED = ("seeds", "data", "chapters", "_config.yml")


def scratch_project(folder: Path) -> Path:
    """A copy of the project's data under ``folder/report``; returns its top folder."""
    root = Path(folder) / "report"
    root.mkdir(parents=True)
    for name in COPIED:
        src = paths.ROOT / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("exports", "__pycache__"))
        else:
            shutil.copy2(src, root / name)
    return root


def fingerprint(root: Path) -> dict[str, str]:
    """``{relative path: SHA-256}`` of every file under ``root`` (temporary files included)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(Path(root).rglob("*"))
        if p.is_file()
    }


def run_cli(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` with ``ANALYSIS_ROOT`` set to ``root``."""
    env = {**os.environ, "ANALYSIS_ROOT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args], capture_output=True, text=True, env=env, cwd=root, timeout=timeout
    )
