"""CSV tables checked by a pandera schema: the machinery the ledger's loaders share (actors, events,
claims).

A table is read as text (empty cells NA, index = the record's CSV line) and validated by a
``DataFrameSchema`` with ``lazy=True``. Each check's ``error`` is the problem's wording: a
``str.format`` template over the row's cells (as read; empty = ""), ``column``, ``value`` (the cell as
read), ``position`` (1-based row number) and what the table's ``hints`` add. :func:`check_table`
turns pandera's failure cases into ``FILE: row ID (line N): problem`` lines, and
:func:`raise_problems` raises them as one error, one problem per line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.core.errors import AnalysisError

_BUILTIN_PROBLEMS = {"not_nullable": "{column} is empty", "field_uniqueness": "duplicate {column} (also line {first})"}
_HEADER_CHECKS = {"column_in_dataframe": "missing", "column_in_schema": "unknown"}
_DTYPE_CHECK = re.compile(r"^(?:coerce_)?dtype\('(\w+)'\)$")
_DTYPE_NAMES = {"float64": "a number", "int64": "an integer"}
Hints = Callable[[dict], dict]


def matches(pattern: re.Pattern, error: str) -> pa.Check:
    """Check: the text matches ``pattern`` (anchored with ``^...$``)."""
    return pa.Check.str_matches(pattern.pattern, error=error)


def one_of(allowed: Iterable[str]) -> pa.Check:
    """Check: the text is one of ``allowed`` (a codebook dict's keys, say)."""
    allowed = list(allowed)
    return pa.Check.isin(allowed, error="{column} {value!r} not one of " + ", ".join(allowed))


def items_match(pattern: re.Pattern, error: str) -> pa.Check:
    """Check: every item of a ``;``-separated list matches ``pattern``."""
    return pa.Check(
        lambda v: all(pattern.match(i.strip()) for i in v.split(";") if i.strip()), element_wise=True, error=error
    )


def positive() -> pa.Check:
    """Check: a number above zero (cells that failed coercion pass: they are reported as not numbers)."""
    return pa.Check(
        lambda s: ~(pd.to_numeric(s, errors="coerce") <= 0), error="{column} {value!r} is not a positive integer"
    )


def row_check(ok: Callable[[dict], bool], error: str) -> pa.Check:
    """Dataframe-level check made row by row: ``ok(row)`` gets the row's cells as a dict (empty cells
    as ""; numbers coerced, or as read where coercion failed) and says whether the row passes."""

    def check(df: pd.DataFrame) -> pd.Series:
        rows = df.astype(object).where(df.notna(), "").to_dict("records")
        return pd.Series([bool(ok(r)) for r in rows], index=df.index, dtype=bool)

    return pa.Check(check, error=error)


def table_schema(
    columns: Iterable[str],
    required: Iterable[str],
    column_checks: dict[str, list[pa.Check]],
    row_checks: Iterable[pa.Check] = (),
    numbers: dict[str, str] | None = None,
    unique: Iterable[str] = (),
) -> pa.DataFrameSchema:
    """Schema of a CSV table as :func:`check_table` reads it: exactly ``columns``; text without
    leading or trailing spaces; empty cells only outside ``required``; ``numbers`` coerced to their
    dtype (``{"score": "float64"}``); no repeated value in ``unique`` columns (the first occurrence
    passes); ``column_checks`` per column, ``row_checks`` on the frame; at least one row."""
    numbers, required, unique = numbers or {}, set(required), set(unique)

    def column(name: str) -> pa.Column:
        unpadded = pa.Check(lambda s: s == s.str.strip(), error="{column} has leading or trailing spaces")
        checks = ([] if name in numbers else [unpadded]) + list(column_checks.get(name, []))
        return pa.Column(
            numbers.get(name, str),
            checks,
            nullable=name not in required,
            coerce=name in numbers,
            unique=name in unique,
            report_duplicates="exclude_first",
        )

    return pa.DataFrameSchema(
        {name: column(name) for name in columns},
        checks=[pa.Check(lambda df: len(df) > 0, error="no rows"), *row_checks],
        strict=True,
    )


def _read_text(path: Path, error: type[AnalysisError]) -> tuple[pd.DataFrame, list[int]]:
    """A CSV file's records as text (empty cells NA), indexed by their first CSV line (``line``), and
    the lines of records with more cells than the header. Raises ``error`` if the file is missing or
    not UTF-8."""
    if not path.is_file():
        raise error(path, "file not found")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise error(path, f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = list(reader.fieldnames or [])
    records, lines, overfull, last = [], [], [], 1
    for rec in reader:
        lines.append(last + 1)
        last = reader.line_num
        if None in rec:
            overfull.append(lines[-1])
        records.append({c: rec.get(c) or None for c in header})
    index = pd.Index(lines, name="line", dtype="int64")
    return pd.DataFrame(records, columns=header, index=index, dtype="str"), overfull


def _row_problem(case: dict, raw: pd.DataFrame, hints: Hints | None) -> str | None:
    """The wording of one pandera failure case of a row; None when another case already says it
    (an empty cell fails only as empty)."""
    line, check, column = int(case["index"]), case["check"], case["column"]
    in_column = case["schema_context"] == "Column"
    value = raw.at[line, column] if in_column else None
    if in_column and pd.isna(value):
        return _BUILTIN_PROBLEMS["not_nullable"].format(column=column) if check == "not_nullable" else None
    dtype = _DTYPE_CHECK.match(check)
    if dtype:  # coercion to a number failed
        template = "{column} {value!r} is not " + _DTYPE_NAMES.get(dtype[1], dtype[1])
    else:
        template = _BUILTIN_PROBLEMS.get(check, check)
    row = {c: "" if pd.isna(v) else v for c, v in raw.loc[line].items()}
    context = {
        **row,
        **(hints(row) if hints else {}),
        "column": column,
        "value": value,
        "position": raw.index.get_loc(line) + 1,
    }
    if check == "field_uniqueness":
        context["first"] = raw.index[raw[column] == value][0]
    return template.format(**context)


def _failures(cases: pd.DataFrame, raw: pd.DataFrame, hints: Hints | None) -> tuple[list[str], set[tuple[int, str]]]:
    """pandera's failure cases as problems of the table (header, "no rows") and ``(line, problem)``
    pairs; only the header problems when columns are missing (the other checks need every column)."""
    cases = cases.to_dict("records")
    table = [
        f"{what} columns: {', '.join(str(c['failure_case']) for c in cases if c['check'] == check)}"
        for check, what in _HEADER_CHECKS.items()
        if any(c["check"] == check for c in cases)
    ]
    rows: set[tuple[int, str]] = set()
    if any(c["check"] == "column_in_dataframe" for c in cases):
        return table, rows
    for case in cases:
        if case["check"] in _HEADER_CHECKS:
            continue
        if pd.isna(case["index"]):  # a check with one answer for the table ("no rows"), or one that raised
            failed = isinstance(case["failure_case"], (bool, np.bool_))
            table.append(case["check"] if failed else f"check {case['check']!r} raised {case['failure_case']}")
        elif (problem := _row_problem(case, raw, hints)) is not None:
            rows.add((int(case["index"]), problem))
    return table, rows


def check_table(
    path: str | Path,
    schema: pa.DataFrameSchema,
    id_column: str,
    error: type[AnalysisError],
    hints: Hints | None = None,
) -> tuple[pd.DataFrame | None, list[str]]:
    """Read a CSV file as text and validate it with ``schema`` (``lazy=True``).

    Returns the typed frame and no problems (the schema's columns, numbers coerced, empty text cells
    "", then ``line``: each record's CSV line; ``attrs["source"]`` the path), or ``None`` and every
    problem, one each, in line order: ``FILE: problem`` for the table, ``FILE: row E012 (line 13):
    problem`` for a row (named by its ``id_column``). ``hints(row)`` adds fields for the checks'
    message templates. Raises ``error`` if the file is missing or not UTF-8.
    """
    path = Path(path)
    raw, overfull = _read_text(path, error)
    table, rows = [], {(line, "more cells than columns") for line in overfull}
    try:
        typed = schema.validate(raw, lazy=True)
    except pa.errors.SchemaErrors as exc:
        table, failed_rows = _failures(exc.failure_cases, raw, hints)
        rows |= failed_rows
    if table or rows:
        ids = raw[id_column] if id_column in raw else pd.Series(index=raw.index, dtype="str")
        return None, [f"{path}: {p}" for p in table] + [
            f"{path}: row {'?' if pd.isna(ids[line]) else ids[line]} (line {line}): {p}" for line, p in sorted(rows)
        ]
    frame = typed.reset_index()[[*schema.columns, "line"]]
    for name in frame.columns:
        if pd.api.types.is_string_dtype(frame[name]):
            frame[name] = frame[name].fillna("")
    frame.attrs["source"] = str(path)
    return frame, []


def raise_problems(error: type[AnalysisError], path: str | Path, problems: list[str]) -> NoReturn:
    """Raise ``error`` whose message is ``problems`` (as :func:`check_table` words them), one per
    line; the error's ``row`` is the first problem's row, if it has one."""
    first = problems[0].removeprefix(f"{Path(path)}: ")
    row = None
    m = re.match(r"row (.+? \(line \d+\)): (.*)$", first)
    if m:
        row, first = m.groups()
    raise error(Path(path), "\n".join([first, *problems[1:]]), row=row)
