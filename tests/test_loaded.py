"""The tables the book's extensions read, loaded once per process (analysis.build.loaded): the same
frames as their loaders give, loaded again only when the files' bytes change, never shared mutably,
and a bad file still fails naming file and row. On copies of the frozen fixtures in tmp_path."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from analysis.build import loaded
from analysis.ledger import events as events_mod
from analysis.ledger.events import LedgerError, load_events
from analysis.sources import corpus as corpus_mod
from analysis.sources.corpus import CorpusError, load_catalog
from tests import frozen


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """Each test keeps its tables in its own folder, and starts as a new process would: nothing held."""
    monkeypatch.setattr(loaded, "CACHE_DIR", tmp_path / "kept")
    monkeypatch.setattr(loaded, "_KEPT", {})
    return tmp_path / "kept"


@pytest.fixture
def copies(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(frozen.SEEDS, seeds)
    ledger = tmp_path / "events.csv"
    shutil.copyfile(frozen.DATA / "events.csv", ledger)
    return seeds, ledger


def _counting(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def test_the_same_frames_as_the_loaders(copies):
    seeds, ledger = copies
    pd.testing.assert_frame_equal(loaded.events(ledger), load_events(ledger))
    pd.testing.assert_frame_equal(loaded.catalog(seeds), load_catalog(seeds))
    pd.testing.assert_frame_equal(loaded.paragraphs(seeds), corpus_mod.paragraphs(seeds))
    assert loaded.events(ledger).attrs == load_events(ledger).attrs


def test_loaded_once_while_the_bytes_are_the_same(copies, monkeypatch):
    seeds, ledger = copies
    event_loads = _counting(monkeypatch, events_mod, "load_events")
    catalog_loads = _counting(monkeypatch, corpus_mod, "load_catalog")
    for _ in range(3):
        loaded.events(ledger)
        loaded.catalog(seeds)
    assert len(event_loads) == 1 and len(catalog_loads) == 1
    # touching a file without changing its bytes loads nothing again
    ledger.write_bytes(ledger.read_bytes())
    loaded.events(ledger)
    assert len(event_loads) == 1


def test_a_changed_file_is_loaded_again(copies, monkeypatch):
    seeds, ledger = copies
    first = loaded.events(ledger)
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    ledger.write_text("".join(lines[:-1]), encoding="utf-8")  # the last row removed
    assert len(loaded.events(ledger)) == len(first) - 1
    # one letter of the catalogue changed, the same size: loaded again
    catalog = seeds / "catalog.csv"
    text = catalog.read_text(encoding="utf-8")
    assert "Algeria" in text
    before = loaded.catalog(seeds)
    catalog.write_text(text.replace("Algeria", "Algerie", 1), encoding="utf-8")
    assert not loaded.catalog(seeds).equals(before)


def test_a_returned_frame_is_a_copy(copies):
    seeds, ledger = copies
    frame = loaded.events(ledger)
    frame.loc[0, "event_id"] = "E999"
    frame["extra"] = 1
    again = loaded.events(ledger)
    assert "extra" not in again.columns and again.loc[0, "event_id"] != "E999"


def test_a_bad_file_still_fails_naming_file_and_row(copies):
    seeds, ledger = copies
    loaded.events(ledger)
    lines = ledger.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace(lines[1].split(",")[0], "E00x", 1)
    ledger.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(LedgerError) as failed:
        loaded.events(ledger)
    assert str(ledger) in str(failed.value) and "E00x" in str(failed.value)
    # a stray file in the seeds folder is part of the key: the catalogue check runs again and refuses it
    loaded.catalog(seeds)
    (seeds / "notes.txt").write_text("not a seed\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="notes.txt"):
        loaded.catalog(seeds)


def test_a_derived_value_is_read_back_by_a_new_process_until_what_it_rests_on_changes(tmp_path, monkeypatch):
    source = tmp_path / "input.txt"
    source.write_text("one", encoding="utf-8")
    calls = []

    def compute():
        calls.append(1)
        return {"words": source.read_text(encoding="utf-8").split()}

    assert loaded.derived("words", compute, source) == {"words": ["one"]}
    monkeypatch.setattr(loaded, "_KEPT", {})  # a new process: only the disk copy is left
    assert loaded.derived("words", compute, source) == {"words": ["one"]}
    assert len(calls) == 1
    source.write_text("one two", encoding="utf-8")  # the input changed: computed again
    assert loaded.derived("words", compute, source) == {"words": ["one", "two"]}
    assert len(calls) == 2
    monkeypatch.setattr(loaded, "_KEPT", {})
    loaded.code_key.cache_clear()
    monkeypatch.setattr(loaded, "version", lambda name: "0.0-other")  # other code (here: another pandas)
    assert loaded.derived("words", compute, source) == {"words": ["one", "two"]}
    assert len(calls) == 3
    loaded.code_key.cache_clear()


def test_an_unreadable_disk_copy_is_a_miss_and_is_written_again(tmp_path, monkeypatch, own_cache):
    source = tmp_path / "input.txt"
    source.write_text("x", encoding="utf-8")
    calls = []
    loaded.derived("v", lambda: calls.append(1) or 1, source)
    (kept,) = own_cache.iterdir()
    kept.write_bytes(b"not a pickle")
    monkeypatch.setattr(loaded, "_KEPT", {})
    assert loaded.derived("v", lambda: calls.append(1) or 1, source) == 1
    assert len(calls) == 2
    monkeypatch.setattr(loaded, "_KEPT", {})
    assert loaded.derived("v", lambda: calls.append(1) or 1, source) == 1
    assert len(calls) == 2  # the copy written again is read back


def test_a_table_read_back_from_disk_is_the_loaders_frame_and_a_copy(copies, monkeypatch):
    seeds, ledger = copies
    first = loaded.events(ledger)
    monkeypatch.setattr(loaded, "_KEPT", {})
    event_loads = _counting(monkeypatch, events_mod, "load_events")
    again = loaded.events(ledger)
    assert event_loads == []
    pd.testing.assert_frame_equal(again, load_events(ledger))
    assert again.attrs == first.attrs
    again.loc[0, "summary"] = "changed"
    assert loaded.events(ledger).loc[0, "summary"] != "changed"
