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
