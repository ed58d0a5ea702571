"""The package's layers are its folders; import-linter's contracts in pyproject.toml hold them.

This test runs the same check as ``make check`` (``lint-imports``) so that CI, which runs ``make test``,
holds it too, and checks that no module sits outside a layer's folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import analysis

PACKAGE = Path(analysis.__file__).parent
TOP_LEVEL = {"__init__", "__main__", "cli"}


def test_every_module_sits_in_a_layer_folder():
    stray = {p.stem for p in PACKAGE.glob("*.py")} - TOP_LEVEL
    assert not stray, f"move into a layer's folder: {sorted(stray)}"


def test_import_contracts_are_kept():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is not installed (requirements.lock)"
    run = subprocess.run([exe, "--no-cache"], cwd=PACKAGE.parents[1], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "BROKEN" not in run.stdout and run.stdout.count("KEPT") >= 2, run.stdout[-2000:]
