"""Building the book for the tests: a copy of the project built as ``make report`` builds it
(``python -m analysis.build.buildcache report``: the notebooks executed two at a time into the execution
cache; with TeX Live present the PDF and the chapter PDFs, then the HTML, both with -W -n and reusing
the cache, so each notebook runs once), with the network cut where the machine allows it. Used by the
session fixture ``built_book`` (conftest.py), so every test that reads the site or the PDF shares one
build; tests/test_rebuild.py rebuilds a copy of it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "_build", ".git", ".pytest_cache", "__pycache__", ".jupyter_cache", "exports", "*.egg-info", "node_modules"
)
TEX_TOOLS = ("xelatex", "latexmk", "pdftotext", "pdftoppm", "pdfimages")


def toc_pages(root: Path) -> list[str]:
    """Every page of the table of contents, the root first, as paths without the suffix."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]


def can_cut_network() -> bool:
    """True where the build can run in a new network namespace with only loopback (root, unshare, ip)."""
    return os.geteuid() == 0 and shutil.which("unshare") is not None and shutil.which("ip") is not None


def missing_tex() -> list[str]:
    return [t for t in TEX_TOOLS if shutil.which(t) is None]


def _run(args: list[str], dst: Path, what: str) -> None:
    """Run one build step in ``dst``; its output is kept in ``_build/build-logs/<what>.log``."""
    if can_cut_network():
        # No network at build time: a namespace with loopback only (the kernel talks over loopback).
        cmd = ["unshare", "-n", "sh", "-c", "ip link set lo up && exec " + " ".join(args)]
    else:
        cmd = args
    # the copy's data and the copy's package (not the editable install's)
    env = {**os.environ, "ANALYSIS_ROOT": str(dst), "PYTHONPATH": str(dst / "src")}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800, cwd=dst)
    log = proc.stdout + proc.stderr
    logs = dst / "_build" / "build-logs"
    logs.mkdir(parents=True, exist_ok=True)
    (logs / f"{what.replace(' ', '-')}.log").write_text(log, encoding="utf-8")
    assert proc.returncode == 0, f"{what} failed:\n{log[-6000:]}"
    assert not re.search(r"\bWARNING:", log), f"{what} printed warnings:\n{log[-6000:]}"


def rebuild(dst: Path, target: str = "report", what: str = "book build") -> dict:
    """Build ``dst`` as ``make report`` does (``target``: report, pdf or html) and return the record of
    what the build did (``_build/build-record.json``). Fails on any warning."""
    _run([str(BIN / "python"), "-m", "analysis.build.buildcache", target, "--root", str(dst)], dst, what)
    return json.loads((dst / "_build" / "build-record.json").read_text(encoding="utf-8"))


def build_copy(root: Path, dst: Path) -> Path:
    """Copy ``root`` to ``dst`` and build it there (the PDF and chapter PDFs when TeX Live is present,
    then the HTML); returns ``_build/html``. Fails on any warning."""
    shutil.copytree(root, dst, ignore=COPY_IGNORE)
    rebuild(dst)
    return dst / "_build" / "html"
