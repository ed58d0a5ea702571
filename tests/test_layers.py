"""The package's layers: each module imports only modules of its own layer or below.

loaders -> ledger -> computations -> presentation -> command line (see the package docstring)."""

from __future__ import annotations

import ast
from pathlib import Path

import analysis

LAYERS = {
    "paths": 0,
    "errors": 0,
    "keys": 0,
    "text": 0,
    "schema": 0,
    "corpus": 0,
    "actors": 0,
    "places": 0,
    "buildinfo": 0,
    "glossary": 0,
    "codebook": 1,
    "events": 1,
    "claims": 1,
    "quantities": 1,
    "reference": 1,
    "dates": 0,
    "extract": 2,
    "review": 2,
    "ingest": 2,
    "validate": 2,
    "timeline": 2,
    "judgments": 2,
    "ach": 2,
    "border": 2,
    "style": 3,
    "figures": 3,
    "maps": 3,
    "tables": 3,
    "pages": 3,
    "printing": 3,
    "cli": 4,
    "buildcache": 4,
    "__main__": 4,
    "__init__": 4,
}
PACKAGE = Path(analysis.__file__).parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            if node.module == "analysis":
                found |= {a.name for a in node.names}
            else:
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("analysis.")}
    return found


def test_every_module_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert modules == set(LAYERS), f"assign a layer to: {modules ^ set(LAYERS)}"


def test_no_module_imports_from_a_higher_layer():
    offences = []
    for path in sorted(PACKAGE.glob("*.py")):
        mine = LAYERS[path.stem]
        for other in _imports(path):
            if LAYERS[other] > mine:
                offences.append(f"{path.stem} (layer {mine}) imports {other} (layer {LAYERS[other]})")
    assert not offences, offences


#: Libraries that draw or build pages: only the presentation layer (and the command line) imports them.
PRESENTATION_LIBRARIES = {"matplotlib", "adjustText", "matplotlib_scalebar", "IPython", "myst_nb", "html"}


def _libraries(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, at any depth of the file (functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
    return found


def test_only_presentation_imports_drawing_and_page_libraries():
    offences = {
        path.stem: sorted(_libraries(path) & PRESENTATION_LIBRARIES)
        for path in sorted(PACKAGE.glob("*.py"))
        if LAYERS[path.stem] < 3 and _libraries(path) & PRESENTATION_LIBRARIES
    }
    assert not offences, offences
    # the check sees real imports: the presentation modules do import them
    assert {"matplotlib"} <= _libraries(PACKAGE / "figures.py") and {"html"} <= _libraries(PACKAGE / "tables.py")
