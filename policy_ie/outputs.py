"""Writing parse results as JSON, JSON Lines, the CSV indicator table or Parquet.

A file is written under a temporary name in its directory and renamed onto the
target only when the run completes, so an interrupted run leaves no file that looks
complete (and an existing one untouched). On stdout, an interrupted JSON array is
left unclosed. CSV cells that a spreadsheet would read as a formula are neutralised.
"""
from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from glob import escape as glob_escape
from pathlib import Path

from .result import ParseResult
from .schema import RECORD_COLUMNS

FORMATS = ("json", "jsonl", "csv", "parquet")
EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}  # -o without --format
CSV_COLUMNS = list(RECORD_COLUMNS)  # the indicator table of ParseResult.records()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets may run as a formula


class TempOutput:
    """A file (text, or binary with ``mode="wb"``) written as a temporary file next to ``path``;
    :meth:`commit` renames it onto ``path``, :meth:`discard` removes it.

    The temporary name holds this process's id, so :meth:`discard_all` can remove it even when a
    signal arrived between its creation and the caller learning its name."""

    def __init__(self, path, mode: str = "w", **open_kwargs):
        self.path = Path(path)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.prefix(self.path), suffix=".part")
        self.file = os.fdopen(fd, mode, **open_kwargs)

    @staticmethod
    def prefix(path: Path) -> str:
        return f".{path.name}.{os.getpid()}."

    @classmethod
    def discard_all(cls, path) -> None:
        """Remove every temporary file of ``path`` that this process made."""
        path = Path(path)
        for tmp in path.parent.glob(glob_escape(cls.prefix(path)) + "*.part"):
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass

    def commit(self) -> None:
        self.file.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes it private; give it a new file's mode
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        self.file.close()
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass


def format_from_path(path: str | None) -> str:
    """The format that the extension of ``path`` names (``EXTENSIONS``); JSON for stdout (None).
    Any other extension is a one-line ValueError."""
    if not path:
        return "json"
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: cannot tell the output format from the extension "
                         f"{Path(path).suffix or '(none)'}: use {', '.join(EXTENSIONS)} or give --format")
    return fmt


def write_atomic(path, fill, **open_kwargs) -> None:
    """Call ``fill(file)`` on a temporary file (``open_kwargs`` as for :class:`TempOutput`) and rename
    it onto ``path``, so that ``path`` is either the old file or all of the new."""
    try:
        out = TempOutput(path, **open_kwargs)
        fill(out.file)
        out.commit()
    except BaseException:
        TempOutput.discard_all(path)
        raise


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) so that ``path`` is either the old file or all of the new."""
    write_atomic(path, lambda f: f.write(text), encoding="utf-8")


class ResultWriter:
    """Writes results, one document at a time, to ``path`` or stdout.

    The file is opened (as a temporary file) at the first result and renamed onto ``path`` by
    :meth:`finish`; :meth:`abort` (any early stop) removes it, so a run that was interrupted or
    in which nothing could be read leaves an existing output alone. ``json`` is always an array
    of result objects, each with ``meta.source`` (its input), as is every line of ``jsonl``;
    ``csv`` is UTF-8 with a byte-order mark (so Excel reads it as UTF-8), one header row for the
    whole batch; ``parquet`` (a file only) is the indicator table with typed columns
    (:mod:`policy_ie.tables`). Results on stdout are flushed one document at a time.
    """

    def __init__(self, fmt: str, path: str | None = None):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        if fmt == "parquet" and not path:
            raise ValueError("parquet is a binary format: give a file with -o")
        self.fmt, self.path = fmt, path
        self.count = 0
        self._out = None
        self._temp: TempOutput | None = None
        self._table = None  # a CSV writer or a policy_ie.tables.ParquetFile

    def add(self, name: str, result: ParseResult) -> None:
        out = self._open()
        if self.fmt == "csv":
            for row in result.records(name):
                self._table.writerow({k: cell(v) for k, v in row.items()})
        elif self.fmt == "parquet":
            self._table.add(result.records(name))
        else:
            d = result.to_dict()
            d["meta"] = {"source": name}
            if self.fmt == "jsonl":
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
            else:
                out.write(("[\n" if not self.count else ",\n") + json.dumps(d, ensure_ascii=False, indent=2))
        self.count += 1
        if self._temp is None:
            out.flush()  # a closed pipe shows at once

    def finish(self) -> None:
        """Complete the output: close the JSON array or the Parquet file, rename the file onto its path."""
        if self._out is None:
            return
        if self.fmt == "json":
            self._out.write("\n]\n")
        elif self.fmt == "parquet":
            self._table.close()
        if self._temp is None:
            self._out.flush()
        else:
            self._temp.commit()
        self._out = self._temp = None

    def abort(self) -> None:
        """After an early stop: remove the temporary file (also one whose creation the stop broke
        into); leave stdout as it is (no closing ``]``)."""
        if self._temp is not None:
            if self.fmt == "parquet":
                self._table.close(complete=False)
            self._temp.discard()
        if self.path:
            TempOutput.discard_all(self.path)
        self._out = self._temp = None

    def _open(self):
        if self._out is None:
            csv_ = self.fmt == "csv"
            if self.fmt == "parquet":
                from .tables import ParquetFile

                self._temp = TempOutput(self.path, mode="wb")
                self._table = ParquetFile(self._temp.file)
            elif self.path:
                self._temp = TempOutput(self.path, encoding="utf-8-sig" if csv_ else "utf-8",
                                        newline="" if csv_ else None)
            elif csv_:
                sys.stdout.write("\ufeff")
            self._out = self._temp.file if self._temp else sys.stdout
            if csv_:
                self._table = csv.DictWriter(self._out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
                self._table.writeheader()
        return self._out


def cell(v):
    """A CSV cell: None as empty; text that starts like a formula behind a leading ``'``."""
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_STARTS):
        return "'" + v
    return v
