"""Where the project's inputs live. Every loader takes an explicit path and defaults to these."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The report's top folder: ``$ANALYSIS_ROOT`` if set, else the checkout this package sits in."""
    env = os.environ.get("ANALYSIS_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "_config.yml").exists() and (parent / "seeds").is_dir():
            return parent
    raise FileNotFoundError(f"cannot find the report's top folder above {here}; set ANALYSIS_ROOT")


ROOT = project_root()
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
GEO_DIR = DATA_DIR / "geo"
