"""Reading iData/iMeta and weights from CSV or Excel files, and writing results as CSV.

CSV is read and written with polars (fast, multi-threaded; floats are written in their shortest form
that reads back to the same double). Excel (.xlsx) is read with python-calamine. Files may be UTF-8 (with
or without BOM) or GB18030/GBK, as Chinese spreadsheets often save them.
"""

from __future__ import annotations

import csv
import io as _io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from innocity.core.composite.errors import CompositeInputError, ProblemList
from innocity.core.composite.tables import (
    NA_TOKENS,
    Framework,
    Tables,
    framework_from_records,
    parse_number,
    tables_from_columns,
)

# Excel workbooks python-calamine reads; every other file is read as CSV.
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def _read_bytes(path: Path, found: ProblemList) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        found.add(path.name, None, None, f"文件不存在 (file not found): {path}")
    except OSError as exc:
        found.add(path.name, None, None, f"无法读取文件 (cannot read the file): {exc}")
    return None


def _utf8(data: bytes) -> bytes:
    """The file's bytes as UTF-8 without BOM (GB18030 is tried when it is not UTF-8)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:]
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        return data.decode("gb18030").encode("utf-8")


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    return [list(r) for r in sheet.to_python(skip_empty_area=False)]


def _rows_to_columns(rows: list[list[Any]]) -> tuple[list[str], dict[str, list[Any]]]:
    header = [str(h).strip() if h is not None else "" for h in rows[0]] if rows else []
    body = [r for r in rows[1:] if any(v not in (None, "") for v in r)]
    columns = {h: [r[i] if i < len(r) else None for r in body] for i, h in enumerate(header)}
    return header, columns


def _check_header(header: Sequence[str], table: str, found: ProblemList) -> None:
    seen: set[str] = set()
    for i, name in enumerate(header):
        if not name:
            found.add(table, 1, f"第 {i + 1} 列", "列名为空 (empty column name)")
        elif name in seen:
            found.add(table, 1, name, f"列名重复 (column name appears twice): {name}")
        seen.add(name)


def _read_small_table(path: Path, found: ProblemList) -> tuple[list[str], dict[str, list]]:
    """Header and columns of a small table (iMeta, a weights file) from CSV or Excel, cell by cell;
    a missing or unreadable file is raised as a problem."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        if not path.exists():
            found.add(path.name, None, None, f"文件不存在 (file not found): {path}")
            found.raise_if_any()
        return _rows_to_columns(_xlsx_rows(path))
    data = _read_bytes(path, found)
    found.raise_if_any()
    return _rows_to_columns(list(csv.reader(_io.StringIO(_utf8(data or b"").decode("utf-8")))))  # type: ignore[arg-type]


def read_meta(path: str | Path) -> Framework:
    """Read and check iMeta from a CSV or Excel file.

    >>> from innocity.core.composite.io import read_meta  # doctest: +SKIP
    >>> read_meta("iMeta.csv").levels  # doctest: +SKIP
    4
    """
    path = Path(path)
    found = ProblemList()
    header, columns = _read_small_table(path, found)
    _check_header(header, path.name, found)
    found.raise_if_any()
    return framework_from_records(columns, source=path.name)


def load_tables(data_path: str | Path, meta_path: str | Path) -> Tables:
    """Read and check iData and iMeta (CSV or .xlsx). All problems of both files are reported together.

    >>> tables = load_tables("iData.csv", "iMeta.csv")  # doctest: +SKIP
    >>> tables.values.shape  # doctest: +SKIP
    (51, 49)
    """
    problems = []
    framework = None
    try:
        framework = read_meta(meta_path)
    except CompositeInputError as exc:
        problems.extend(exc.problems)
    data_path = Path(data_path)
    if framework is None:
        # iData cannot be checked without the framework, but a missing file is still worth saying.
        if not data_path.exists():
            problems.append(_missing(data_path))
        raise CompositeInputError(problems)
    if data_path.suffix.lower() in EXCEL_SUFFIXES:
        return _load_data_xlsx(data_path, framework)
    return _load_data_csv(data_path, framework)


def _missing(path: Path) -> Any:
    from innocity.core.composite.errors import Problem

    return Problem(path.name, None, None, f"文件不存在 (file not found): {path}")


def _load_data_xlsx(path: Path, framework: Framework) -> Tables:
    found = ProblemList()
    if not path.exists():
        found.add(path.name, None, None, f"文件不存在 (file not found): {path}")
        found.raise_if_any()
    header, columns = _rows_to_columns(_xlsx_rows(path))
    _check_header(header, path.name, found)
    found.raise_if_any()
    return tables_from_columns(columns, framework, source=path.name)


def _load_data_csv(path: Path, framework: Framework) -> Tables:
    """Fast path: polars parses the file (multi-threaded) straight into a column-major float matrix; if a
    cell is not a number or the file is not UTF-8, the file is read again as text so that each bad cell
    can be named (or it is decoded as GB18030 first)."""
    import polars as pl

    found = ProblemList()
    try:
        with path.open("rb") as fh:
            first = fh.readline()
    except FileNotFoundError:
        found.add(path.name, None, None, f"文件不存在 (file not found): {path}")
        found.raise_if_any()
        raise
    header = [h.strip() for h in next(csv.reader([_utf8(first).decode("utf-8").rstrip("\r\n")]), [])]
    _check_header(header, path.name, found)
    found.raise_if_any()
    numeric = set(framework.indicators) | set(framework.denominators) | {"Time"}
    schema = {h: (pl.Float64 if h in numeric else pl.String) for h in header}
    frame = None
    if first.decode("utf-8", errors="replace") == first.decode("utf-8", errors="ignore"):
        # Empty cells are missing; only if that fails (e.g. "NA" as R writes it) are the other missing-value
        # tokens tried — matching them costs polars a third more time.
        for nulls in (None, sorted(NA_TOKENS - {""})):
            try:
                frame = pl.read_csv(path, schema=schema, null_values=nulls, has_header=True, new_columns=header)
                break
            except Exception:  # a bad number, a ragged row or not UTF-8: the slow path names the cell
                frame = None
    if frame is not None:
        indicators = [c for c in framework.indicators if c in schema]
        matrix = None
        if len(indicators) == len(framework.indicators):
            matrix = frame.select(indicators).to_numpy(order="fortran").astype(float, copy=False)
        columns: dict[str, Any] = {}
        for name in header:
            if matrix is not None and name in framework.indicators:
                continue
            series = frame.get_column(name)
            if series.dtype == pl.Float64:
                columns[name] = series.to_numpy()
            else:
                columns[name] = series.str.strip_chars().fill_null("").to_numpy().astype(object)
        return tables_from_columns(columns, framework, source=path.name, values=matrix)
    # Slow path (bad input): every cell as text, checked one by one by `tables_from_columns`.
    data = _utf8(_read_bytes(path, found) or b"")
    rows = list(csv.reader(_io.StringIO(data.decode("utf-8"))))
    width = len(header)
    for i, row in enumerate(rows[1:], start=2):
        if row and len(row) != width:
            found.add(path.name, i, None,
                      f"该行有 {len(row)} 个单元格，表头有 {width} 列 (row length differs from header)")
    found.raise_if_any()
    _, text_columns = _rows_to_columns(rows)  # type: ignore[arg-type]
    return tables_from_columns(text_columns, framework, source=path.name)


def read_weights_file(path: str | Path, framework: Framework) -> dict[str, float]:
    """A weights file with columns `iCode,Weight` (CSV or .xlsx); codes must exist in iMeta.

    >>> read_weights_file("weights.csv", fw)  # doctest: +SKIP
    {'Physical': 2.0, 'Political': 1.0}
    """
    path = Path(path)
    found = ProblemList()
    header, columns = _read_small_table(path, found)
    for required in ("iCode", "Weight"):
        if required not in header:
            found.add(path.name, 1, required, f"缺少必需的列 (missing required column) {required}")
    found.raise_if_any()
    known = set(framework.all_codes())
    weights: dict[str, float] = {}
    for i, (cell, weight) in enumerate(zip(columns["iCode"], columns["Weight"], strict=True), start=2):
        code = str(cell).strip() if cell is not None else ""
        number = parse_number(weight)
        if code not in known:
            found.add(path.name, i, "iCode", f"代码 {code} 不在 iMeta 中 (unknown code)")
        elif code in weights:
            found.add(path.name, i, "iCode", f"代码重复 (code appears twice): {code}")
        if number is None or np.isnan(number):
            found.add(path.name, i, "Weight", f"权重不是数字 (weight is not a number): '{weight}'")
        else:
            weights[code] = number
    found.raise_if_any()
    return weights


def write_csv(path: str | Path, first: tuple[str, Sequence[Any]], codes: Sequence[str], values: np.ndarray) -> None:
    """Write `uCode` (or another first column) and a float matrix; NaN is written as an empty cell.

    Floats are written in the shortest form that reads back to the same double.
    """
    import polars as pl

    name, labels = first
    values = np.asfortranarray(values, dtype=float)  # contiguous columns: polars takes them without copying
    frame = pl.DataFrame({c: values[:, j] for j, c in enumerate(codes)})
    if np.isnan(values).any():
        frame = frame.with_columns(pl.col(pl.Float64).fill_nan(None))
    frame.insert_column(0, pl.Series(name, np.asarray(labels, dtype=object), dtype=pl.String))
    frame.write_csv(str(path), batch_size=8192)  # larger batches: polars formats them in parallel better
