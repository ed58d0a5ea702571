"""House style: palette, rcParams, source line, deterministic saving."""

from __future__ import annotations

import hashlib

import matplotlib
import matplotlib.colors as mcolors
import pytest
from matplotlib.figure import Figure

from analysis.present import style


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_palette_is_okabe_ito_and_roles_are_distinct():
    assert style.PALETTE.cycle == list(style.OKABE_ITO)
    assert len(set(style.OKABE_ITO)) == 8
    for role in ("algeria", "mali", "aes", "russia", "other", "border", "water", "land", "cooperation", "conflict"):
        assert mcolors.is_color_like(style.PALETTE[role]), role
    countries = [style.PALETTE[k] for k in ("algeria", "mali", "aes", "russia")]
    assert len(set(countries)) == 4
    assert all(c in style.OKABE_ITO for c in countries)
    assert style.PALETTE["cooperation"] != style.PALETTE["conflict"]


@pytest.mark.parametrize(
    "etype, family",
    [
        ("ASSAULT", "material_conflict"),
        ("accuse", "verbal_conflict"),
        ("CONSULT", "verbal_cooperation"),
        ("AID", "material_cooperation"),
        ("RETREAT", "material_cooperation"),
        ("REQUEST", "verbal_conflict"),
    ],
)
def test_event_family(etype, family):
    assert style.event_family(etype) == family
    assert style.event_color(etype) == style.PALETTE[family]


def test_apply_style_sets_fixed_font_and_salt():
    matplotlib.rcParams["svg.hashsalt"] = None
    style.apply_style()
    assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert matplotlib.rcParams["svg.hashsalt"] == style.SVG_HASHSALT
    assert matplotlib.rcParams["savefig.dpi"] == style.DPI


def test_tint_mixes_with_white():
    assert style.tint("#000000", 0.5) == "#808080"
    assert style.tint("#009E73", 0.0) == "#009e73"
    assert style.tint("#009E73", 1.0) == "#ffffff"
    with pytest.raises(ValueError):
        style.tint("#000000", 1.5)


def test_source_line_bottom_left_not_doubled():
    fig = Figure()
    text = style.source_line(fig, "Source: seeds 003¶60")
    assert text.get_text() == "Source: seeds 003¶60"
    x, y = text.get_position()
    assert x < 0.05 and y < 0.05


def _figure():
    style.apply_style()
    fig = Figure(figsize=(3, 2))
    ax = fig.subplots()
    ax.plot([0, 1, 2], [2, 0, 1], label="Tinzaouatène")
    ax.set_title("Tin Zaouatine")
    style.source_line(fig, "test")
    return fig


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_save_is_byte_identical(tmp_path, suffix):
    a = style.save(_figure(), tmp_path / f"a.{suffix}")
    b = style.save(_figure(), tmp_path / f"b.{suffix}")
    assert _sha(a) == _sha(b)
    if suffix == "svg":
        assert "<dc:date>" not in a.read_text(encoding="utf-8")


def test_save_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="unsupported"):
        style.save(_figure(), tmp_path / "a.jpg")


def test_plover_families_follow_the_codebook():
    # one definition (the ledger codebook); exact values so that a change to it shows here
    assert style.PLOVER_FAMILIES == {
        "verbal_cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
        "material_cooperation": ("COOPERATE", "AID", "RETREAT"),
        "verbal_conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
        "material_conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
    }
    assert style.event_family("sanction") == "material_conflict"
    assert style.event_color("ASSAULT") == style.PALETTE["material_conflict"]
    with pytest.raises(ValueError, match="unknown PLOVER event type"):
        style.event_family("YIELD")  # unknown types are refused, one way everywhere
