"""Every chapter notebook runs top to bottom in a fresh kernel (jupytext reads the MyST file, nbclient
executes it), from the chapter's own folder as the book does."""

from __future__ import annotations

import shutil
from pathlib import Path

import jupytext
import pytest
import yaml
from nbclient import NotebookClient

from analysis import paths


def _toc_files() -> list[Path]:
    toc = yaml.safe_load((paths.ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part.get("chapters", [])]
    out = []
    for name in files:
        path = paths.ROOT / f"{name}.md"
        assert path.is_file(), f"_toc.yml lists {name} but {path} does not exist"
        out.append(path)
    return out


def _is_notebook(path: Path) -> bool:
    head = path.read_text(encoding="utf-8")[:400]
    return head.startswith("---") and "jupytext" in head and "kernelspec" in head


NOTEBOOKS = [p for p in _toc_files() if _is_notebook(p)]


def test_every_chapter_with_code_is_a_paired_notebook():
    for path in _toc_files():
        text = path.read_text(encoding="utf-8")
        if "{code-cell}" in text:
            assert _is_notebook(path), f"{path.name} has code cells but no jupytext/kernelspec front matter"
    assert len(NOTEBOOKS) >= 1


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes(path, tmp_path):
    nb = jupytext.read(path)
    assert any(c.cell_type == "code" for c in nb.cells), f"{path.name}: no code cells"
    workdir = tmp_path / "chapters"
    shutil.copytree(path.parent, workdir, ignore=shutil.ignore_patterns("exports"))
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{path.name}: {errors[0].get('ename')}: {errors[0].get('evalue')}"


def test_glue_in_visible_cells_does_not_print():
    """A glue() call displays its value unless told not to: in a cell whose output the page shows,
    it must pass display=False, or stray numbers appear above tables and figures."""
    offenders = []
    for path in NOTEBOOKS:
        for i, cell in enumerate(jupytext.read(path).cells):
            tags = cell.metadata.get("tags", [])
            if cell.cell_type != "code" or "remove-cell" in tags or "remove-output" in tags:
                continue
            for line in cell.source.splitlines():
                if line.lstrip().startswith("glue(") and "display=False" not in line:
                    offenders.append(f"{path.name} cell {i}: {line.strip()}")
    assert not offenders, offenders
