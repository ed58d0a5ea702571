"""Book helpers: escaped tables with citations, the seed-text page, deterministic figures."""

from __future__ import annotations

import hashlib
import re

import frozen
import pandas as pd

from analysis.core import paths
from analysis.present import figures
from analysis.present.pages import escape_myst
from analysis.present.tables import cite_keys, show
from analysis.sources import corpus


def test_escape_myst_neutralises_markup():
    assert escape_myst("{para}`x` <b>*y*</b> [a](b)") == (r"\{para\}\`x\` \<b\>\*y\*\<\/b\> \[a\]\(b\)")


def test_table_escapes_cells_and_links_keys():
    frame = pd.DataFrame({"key": ["003¶60"], "quote": ["<script>alert(1)</script> *x*"]})
    myst = show(frame, caption="A table", name="tbl-x", cite=("key",)).to_myst()
    assert "{para}`003¶60`" in myst
    assert "<script>" not in myst and r"\<script\>" in myst
    assert ":name: tbl-x" in myst
    assert cite_keys("003¶60; 004¶6") == "{para}`003¶60`, {para}`004¶6`"
    assert cite_keys("not a key") == "not a key"


def test_publication_figure_is_deterministic(tmp_path):
    catalog = corpus.load_catalog(frozen.SEEDS)
    digests = []
    for run in ("a", "b"):
        fig, drawn = figures.publication_intervals(catalog)
        out = figures.export(fig, drawn, "pub", folder=tmp_path / run)
        digests.append(hashlib.sha256(out["png"].read_bytes()).hexdigest())
        digests.append(hashlib.sha256(out["svg"].read_bytes()).hexdigest())
    assert digests[0] == digests[2] and digests[1] == digests[3]
    assert "seed 001: 2017-07-01 to 2019-04-02" in fig.alt_text
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # bottom to top: the latest publication at the bottom, the earliest at the top
    assert labels == [
        "seed 002 (day)",
        "seed 003 (interval)",
        "seed 004 (approximate)",
        "seed 000 (day)",
        "seed 001 (interval)",
    ]


def test_publish_writes_the_frame_the_figure_drew(tmp_path):
    catalog = corpus.load_catalog()
    drawn = figures.publication_intervals(catalog)
    figures.publish(drawn, "pub", folder=tmp_path)
    written = pd.read_csv(tmp_path / "pub.csv", dtype=str)
    assert list(written["seed"]) == list(drawn[1]["seed"]) and len(written) == len(catalog)
    labels = [t.get_text() for t in drawn[0].axes[0].get_yticklabels()]
    assert sorted(f"seed {s}" for s in written["seed"]) == sorted(label.split(" (")[0] for label in labels)


def test_chapters_publish_only_what_a_figure_function_returned():
    """A chapter cannot hand ``publish`` a frame of its own: every call passes a figure function's
    return value, so the CSV beside a figure holds the rows the figure drew."""
    calls = []
    for page in (paths.ROOT / "chapters").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        calls += [(page.name, m) for m in re.findall(r"figures\.publish\(([^,]+),", text)]
    assert calls
    for page, arg in calls:
        assert re.fullmatch(r"(?:figures|maps)\.\w+\(.*|drawn", arg.strip(), flags=re.S), (page, arg)


def test_an_empty_table_still_prints_with_its_number():
    myst = show(pd.DataFrame(columns=["a", "b"]), caption="Nothing yet.", name="tbl-empty").to_myst()
    assert ":name: tbl-empty" in myst and "* - (none)" in myst
