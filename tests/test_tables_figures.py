"""Book helpers: escaped tables with citations, the seed-text page, deterministic figures."""

from __future__ import annotations

import hashlib

import pandas as pd

from analysis import corpus, figures
from analysis.pages import escape_myst
from analysis.tables import cite_keys, show


def test_escape_myst_neutralises_markup():
    assert escape_myst("{para}`x` <b>*y*</b> [a](b)") == (
        r"\{para\}\`x\` \<b\>\*y\*\<\/b\> \[a\]\(b\)"
    )


def test_table_escapes_cells_and_links_keys():
    frame = pd.DataFrame({"key": ["003¶60"], "quote": ["<script>alert(1)</script> *x*"]})
    myst = show(frame, caption="A table", name="tbl-x", cite=("key",)).to_myst()
    assert "{para}`003¶60`" in myst
    assert "<script>" not in myst and r"\<script\>" in myst
    assert ":name: tbl-x" in myst
    assert cite_keys("003¶60; 004¶6") == "{para}`003¶60`, {para}`004¶6`"
    assert cite_keys("not a key") == "not a key"


def test_publication_figure_is_deterministic(tmp_path):
    catalog = corpus.load_catalog()
    digests = []
    for run in ("a", "b"):
        fig = figures.publication_intervals(catalog)
        out = figures.export(fig, catalog[["seed"]], "pub", folder=tmp_path / run)
        digests.append(hashlib.sha256(out["png"].read_bytes()).hexdigest())
        digests.append(hashlib.sha256(out["svg"].read_bytes()).hexdigest())
    assert digests[0] == digests[2] and digests[1] == digests[3]
    assert "seed 001: 2017-07-01 to 2019-04-02" in fig.alt_text
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    # bottom to top: the latest publication at the bottom, the earliest at the top
    assert labels == ["seed 002 (day)", "seed 003 (interval)", "seed 004 (approximate)",
                      "seed 000 (day)", "seed 001 (interval)"]
