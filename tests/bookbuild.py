"""Building the book for the tests: a copy of the project built with -W -n, with the network cut
where the machine allows it. Used by the session fixture ``built_book`` (conftest.py), so the book is
built once per test session and every test that reads the site shares that build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
COPY_IGNORE = shutil.ignore_patterns(".venv", "_build", ".git", ".pytest_cache", "__pycache__",
                                     ".jupyter_cache", "exports", "*.egg-info", "node_modules")


def can_cut_network() -> bool:
    """True where the build can run in a new network namespace with only loopback (root, unshare, ip)."""
    return os.geteuid() == 0 and shutil.which("unshare") is not None and shutil.which("ip") is not None


def build_copy(root: Path, dst: Path) -> Path:
    """Copy ``root`` to ``dst`` and build its HTML there; returns ``_build/html``. Fails on any warning."""
    shutil.copytree(root, dst, ignore=COPY_IGNORE)
    build = [str(BIN / "jupyter-book"), "build", str(dst), "-W", "-n", "--keep-going"]
    if can_cut_network():
        # No network at build time: a namespace with loopback only (the kernel talks over loopback).
        cmd = ["unshare", "-n", "sh", "-c", "ip link set lo up && exec " + " ".join(build)]
    else:
        cmd = build
    env = {**os.environ, "ANALYSIS_ROOT": str(dst)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=1800)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"jupyter-book build failed:\n{log[-6000:]}"
    assert not re.search(r"\bWARNING:", log), f"build printed warnings:\n{log[-6000:]}"
    return dst / "_build" / "html"
