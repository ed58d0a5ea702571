"""Data files are replaced whole or not at all (analysis.core.atomic)."""

from __future__ import annotations

import os
import stat

import pytest

from analysis.core import atomic
from analysis.core.atomic import replace_files, write_atomic


def _tree(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_every_file_gets_its_new_bytes_and_no_temporary_file_stays(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a\n")
    done = replace_files({tmp_path / "a.csv": "new a\u00e9\n", tmp_path / "b.txt": b"new b\r\n"})
    assert done == [tmp_path / "a.csv", tmp_path / "b.txt"]
    assert _tree(tmp_path) == {"a.csv": "new a\u00e9\n".encode(), "b.txt": b"new b\r\n"}


def test_the_target_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640 and target.read_bytes() == b"new"


def test_a_failure_before_the_renames_changes_nothing(tmp_path):
    (tmp_path / "a.csv").write_bytes(b"old a")
    before = _tree(tmp_path)
    with pytest.raises(FileNotFoundError):  # the second target's folder does not exist
        replace_files({tmp_path / "a.csv": "new a", tmp_path / "missing" / "b.txt": "b"})
    assert _tree(tmp_path) == before


def test_a_failed_rename_puts_back_the_files_already_replaced(tmp_path, monkeypatch):
    (tmp_path / "a.csv").write_bytes(b"old a")
    (tmp_path / "c.csv").write_bytes(b"old c")
    before = _tree(tmp_path)
    real, calls = os.replace, []

    def third_fails(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError("disk gone")
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", third_fails)
    with pytest.raises(OSError, match="disk gone"):
        replace_files({tmp_path / "a.csv": "new a", tmp_path / "new.txt": "n", tmp_path / "c.csv": "new c"})
    assert _tree(tmp_path) == before  # a.csv restored, new.txt removed, c.csv never touched


def test_a_streamed_file_replaces_its_target_only_when_complete(tmp_path):
    target = tmp_path / "review.csv"
    target.write_bytes(b"old\n")
    with pytest.raises(RuntimeError, match="stopped"):
        with atomic.atomic_writer(target) as fh:
            fh.write("half a file\r\n")
            raise RuntimeError("stopped")
    assert _tree(tmp_path) == {"review.csv": b"old\n"}
    with atomic.atomic_writer(target) as fh:
        fh.write("whole\r\n")
    assert _tree(tmp_path) == {"review.csv": b"whole\r\n"}  # line ends as written


def _build_geo():
    import importlib.util

    from analysis.core import paths

    spec = importlib.util.spec_from_file_location("build_geo_atomic", paths.ROOT / "scripts" / "build_geo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fake_geo(monkeypatch, tmp_path, gazetteer):
    """scripts/build_geo.py with the package, the map reading and the gazetteer derivation replaced by
    stand-ins, so that only its writing is exercised; returns the module and its arguments."""
    import argparse

    import geopandas as gpd
    import shapely

    geo = _build_geo()
    package = tmp_path / "package"
    package.mkdir()
    for name in ("countries-10m.json", "countries-110m.json"):
        (package / name).write_text("{}", encoding="utf-8")
    world = gpd.GeoDataFrame({"name": ["Mali"]}, geometry=[shapely.box(-5, 15, 0, 20)], crs="EPSG:4326")
    monkeypatch.setattr(geo, "load_curated", lambda path: None)
    monkeypatch.setattr(geo, "unpack", lambda package, workdir: package)
    monkeypatch.setattr(geo, "read_countries", lambda path: world)
    monkeypatch.setattr(geo, "build_gazetteer", lambda *args: gazetteer)
    monkeypatch.setattr(geo, "write_geojson", lambda frame, path: path.write_text(f"{len(frame)}\n", encoding="utf-8"))
    out = tmp_path / "data"
    (out / "geo").mkdir(parents=True)
    for name in (geo.REGION_FILE, geo.WORLD_FILE, "SHA256SUMS"):
        (out / "geo" / name).write_text("old\n", encoding="utf-8")
    (out / "gazetteer.csv").write_text("old\n", encoding="utf-8")
    args = argparse.Namespace(
        package=package, out_dir=out / "geo", gazetteer=out / "gazetteer.csv", curated=None, public_record=None
    )
    return geo, args


def test_build_geo_replaces_its_four_files_together(monkeypatch, tmp_path, capsys):
    import pandas as pd

    from analysis.core import paths

    gazetteer = pd.read_csv(paths.DATA_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    geo, args = _fake_geo(monkeypatch, tmp_path, gazetteer)
    assert geo.build(args) == 0
    assert (args.gazetteer).read_bytes() == (paths.DATA_DIR / "gazetteer.csv").read_bytes()
    sums = (args.out_dir / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert len(sums) == 4 and sums[-1].endswith(geo.WORLD_FILE)
    assert (args.out_dir / geo.REGION_FILE).read_text(encoding="utf-8") == "1\n"


def test_build_geo_writes_nothing_when_the_gazetteer_fails_its_checks(monkeypatch, tmp_path):
    import pandas as pd

    from analysis.core import paths
    from analysis.core.errors import AnalysisError

    gazetteer = pd.read_csv(paths.DATA_DIR / "gazetteer.csv", dtype=str, keep_default_na=False)
    gazetteer.loc[0, "lat"] = "north"
    geo, args = _fake_geo(monkeypatch, tmp_path, gazetteer)
    before = {p.name: p.read_bytes() for p in sorted((tmp_path / "data").rglob("*")) if p.is_file()}
    with pytest.raises(AnalysisError, match="gazetteer.csv"):
        geo.build(args)
    after = {p.name: p.read_bytes() for p in sorted((tmp_path / "data").rglob("*")) if p.is_file()}
    assert after == before
