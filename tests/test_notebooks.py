"""Every chapter is a paired notebook, runs top to bottom once per test run (in the book build, which
fails on any error), and shows no stray glued values."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest
import yaml

from analysis.core import paths


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


@pytest.mark.slow
def test_every_notebook_executes_once_per_test_run(built_book):
    """The book build (``built_book``: the PDF, then the HTML, sharing one execution cache) runs each
    chapter notebook exactly once, in the chapter's folder, with errors failing the build
    (``nb_execution_raise_on_error``); no page shows an error output."""
    logs = {p.stem: p.read_text(encoding="utf-8") for p in (built_book.parent / "build-logs").glob("*.log")}
    assert logs, "the book build kept no logs"
    executed: dict[str, int] = {}
    for log in logs.values():
        for name in re.findall(r"chapters/(\w+)\.md: Executing notebook", log) + re.findall(
            r"(?:^|[\s/])(intro)\.md: Executing notebook", log, re.M
        ):
            executed[name] = executed.get(name, 0) + 1
    expected = {p.stem: 1 for p in NOTEBOOKS}
    assert executed == expected, executed
    for path in NOTEBOOKS:
        rel = path.relative_to(paths.ROOT).with_suffix(".html")
        html = (built_book / rel).read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in html and 'class="output error' not in html, rel


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
