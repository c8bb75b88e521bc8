"""The indicator table (``ParseResult.records()``) as pandas frames and Parquet files.

Every column has a fixed type, so the parts of a table written by different processes or
Dask partitions agree, an empty part included: text as pandas ``string``, ``value`` /
``low`` / ``high`` as float64 (NaN when missing), offsets as integers (``Int64``, nullable,
for the metric of an unlinked number), ``target`` as nullable ``boolean``. Needs pandas and
pyarrow (``pip install -e ".[dask]"``).

A Parquet file is written under a hidden temporary name in its directory (which Parquet
readers skip) and renamed when complete.
"""
from __future__ import annotations

import functools
import os
import uuid
from pathlib import Path

from .outputs import CSV_COLUMNS

RECORD_DTYPES = {"document": "string", "sentence": "int64", "metric": "string", "name": "string",
                 "indicator": "string", "value_text": "string",
                 "value": "float64", "unit": "string", "qualifier": "string", "low": "float64", "high": "float64",
                 "relation": "string", "direction": "string", "target": "boolean", "metric_start": "Int64", "metric_end": "Int64",
                 "value_start": "int64", "value_end": "int64"}
ERROR_DTYPES = {"path": "string", "error": "string"}  # a document that failed, and why
_ARROW_TYPES = {"string": "string", "int64": "int64", "Int64": "int64", "float64": "float64", "boolean": "bool_"}
DOCUMENT_KEY = b"policy_ie.document"  # Parquet metadata: the document a part holds
ROW_GROUP_ROWS = 100_000  # rows per row group of a single-file table


def _pandas():
    try:
        import pandas
        import pyarrow  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"this needs pandas and pyarrow ({exc.name} is missing): pip install 'policy_ie[dask]'") from exc
    return pandas


def frame(rows: list[dict], dtypes: dict = RECORD_DTYPES):
    """A pandas DataFrame of ``rows`` (dicts) with exactly the columns and types of ``dtypes``."""
    pd = _pandas()
    return pd.DataFrame({c: pd.array([r.get(c) for r in rows], dtype=t) for c, t in dtypes.items()})


@functools.lru_cache(maxsize=None)
def arrow_schema(kind: str = "records"):
    """The Parquet (Arrow) schema of the indicator table (``records``) or of the errors table."""
    import pyarrow as pa

    dtypes = RECORD_DTYPES if kind == "records" else ERROR_DTYPES
    return pa.schema([(name, getattr(pa, _ARROW_TYPES[t])()) for name, t in dtypes.items()])


def arrow_table(rows: list[dict], kind: str = "records", document: str | None = None):
    """``rows`` as an Arrow table of :func:`arrow_schema` (pandas types kept in its metadata);
    ``document`` is recorded in the metadata (see :func:`part_document`)."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame(rows, RECORD_DTYPES if kind == "records" else ERROR_DTYPES),
                                 schema=arrow_schema(kind), preserve_index=False)
    if document is not None:
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), DOCUMENT_KEY: document.encode()})
    return table


def write_parquet(table, path) -> None:
    """Write an Arrow ``table`` to ``path`` through a hidden temporary file renamed when complete."""
    import pyarrow.parquet as pq

    path = Path(path)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")  # unique: a retried task may overlap a lost one
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def part_document(path) -> str | None:
    """The document recorded in a Parquet part written by :func:`write_parquet` (None if none)."""
    import pyarrow.parquet as pq

    return ((pq.read_schema(path).metadata or {}).get(DOCUMENT_KEY) or b"").decode() or None


class ParquetFile:
    """The indicator table of many results as one Parquet file, written to an open binary file
    (``policy_ie.outputs.TempOutput``) in row groups of ``ROW_GROUP_ROWS``."""

    def __init__(self, file):
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(file, arrow_table([]).schema)  # with the pandas types in its metadata
        self._rows: list[dict] = []

    def add(self, rows: list[dict]) -> None:
        self._rows += rows
        if len(self._rows) >= ROW_GROUP_ROWS:
            self._flush()

    def close(self, complete: bool = True) -> None:
        """Write the rows still held (unless the file is being discarded) and the file's footer."""
        if complete:
            self._flush()
        self._writer.close()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(arrow_table(self._rows))
            self._rows = []
