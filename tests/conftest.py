"""Shared fixtures: the real corpus, loaded once per test session."""

from __future__ import annotations

import os

import pytest

from analysis import corpus, paths


def pytest_report_header(config):
    return f"report root: {paths.ROOT}; CI={os.environ.get('CI', '')}"


@pytest.fixture(scope="session")
def paras():
    return corpus.paragraphs()


@pytest.fixture(scope="session")
def catalog():
    return corpus.load_catalog()


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """The HTML site, built once per session from a copy of the project (see bookbuild.py)."""
    from bookbuild import build_copy

    return build_copy(paths.ROOT, tmp_path_factory.mktemp("book") / "report")
