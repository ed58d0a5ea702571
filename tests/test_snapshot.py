"""The expected-values file matches the data it was written from (regenerate with ``make expected``)."""

from snapshot import snapshot


def test_expected_file_is_current(expected):
    assert snapshot() == expected
