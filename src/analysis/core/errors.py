"""Errors raised on bad input. Each message reads ``FILE: reason`` (with the row where there is one),
so the command line can print it as one line."""

from __future__ import annotations

from pathlib import Path


class AnalysisError(Exception):
    """Base class: bad input that the package refuses, naming the file and the problem."""

    def __init__(self, file: str | Path, reason: str, row: int | str | None = None):
        self.file = str(file)
        self.reason = reason
        self.row = row
        where = self.file if row is None else f"{self.file}: row {row}"
        super().__init__(f"{where}: {reason}")

    def __reduce__(self):
        # Picklable with its arguments, so an error raised in a worker process (extract --jobs) reaches
        # the parent intact instead of breaking the pool.
        return (self.__class__, (self.file, self.reason, self.row))
