"""What identifies a build of the report: its version, the commit it was built from, and its date.

One definition, used wherever the book states them (the "Cite this figure" lines, the BibTeX on the
How to cite page, the PDF's title page). The date is the commit's date, or ``SOURCE_DATE_EPOCH`` when
set, never the clock: the same inputs give the same bytes. Outside a git checkout (a copy of the
tree) the commit is ``"unknown"`` and the date falls back to ``CITATION.cff``'s ``date-released``.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import yaml

from analysis.core import paths


@dataclass(frozen=True)
class BuildInfo:
    title: str
    authors: tuple[str, ...]
    version: str
    commit: str  # short hash, or "unknown"
    date: str  # ISO day

    @property
    def author_text(self) -> str:
        return " and ".join(self.authors)


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def citation(root: Path | None = None) -> dict:
    """``CITATION.cff`` as a mapping."""
    root = paths.ROOT if root is None else Path(root)
    return yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def build_info(root: Path | None = None) -> BuildInfo:
    root = paths.ROOT if root is None else Path(root)
    cff = citation(root)
    authors = tuple(
        a.get("name") or " ".join(p for p in (a.get("given-names"), a.get("family-names")) if p)
        for a in cff.get("authors", [])
    )
    commit = _git(root, "rev-parse", "--short=12", "HEAD") or "unknown"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        day = datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    else:
        day = _git(root, "log", "-1", "--format=%cs") or str(cff.get("date-released", ""))
    return BuildInfo(
        title=str(cff["title"]), authors=authors, version=str(cff.get("version", "")), commit=commit, date=day
    )
