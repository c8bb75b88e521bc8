"""Writing parse results as JSON, JSON Lines or the CSV indicator table.

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
from pathlib import Path

from .result import ParseResult
from .schema import RECORD_COLUMNS

FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = list(RECORD_COLUMNS)  # the indicator table of ParseResult.records()
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel, LibreOffice and Sheets may run as a formula


class TempOutput:
    """A text file written as a temporary file next to ``path``; :meth:`commit` renames it onto
    ``path``, :meth:`discard` removes it."""

    def __init__(self, path, **open_kwargs):
        self.path = Path(path)
        fd, self.tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".part")
        self.file = os.fdopen(fd, "w", **open_kwargs)

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


def write_text_atomic(path, text: str) -> None:
    """Write ``text`` to ``path`` (UTF-8) so that ``path`` is either the old file or all of the new."""
    out = TempOutput(path, encoding="utf-8")
    try:
        out.file.write(text)
    except BaseException:
        out.discard()
        raise
    out.commit()


class ResultWriter:
    """Writes results, one document at a time, to ``path`` or stdout.

    The file is opened (as a temporary file) at the first result and renamed onto ``path`` by
    :meth:`finish`; :meth:`abort` (any early stop) removes it, so a run that was interrupted or
    in which nothing could be read leaves an existing output alone. ``json`` is one object for a
    single input (``many=False``), else an array of objects with ``meta.source``; ``csv`` is UTF-8
    with a byte-order mark (so Excel reads it as UTF-8), one header row for the whole batch.
    Results on stdout are flushed one document at a time.
    """

    def __init__(self, fmt: str, path: str | None = None, many: bool = False):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        self.fmt, self.path, self.many = fmt, path, many
        self.count = 0
        self._out = None
        self._temp: TempOutput | None = None
        self._csv = None

    def add(self, name: str, result: ParseResult) -> None:
        out = self._open()
        if self.fmt == "csv":
            for row in result.records(name):
                self._csv.writerow({k: cell(v) for k, v in row.items()})
        else:
            d = result.to_dict()
            if self.fmt == "jsonl" or self.many:
                d["meta"] = {"source": name}
            if self.fmt == "jsonl":
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
            elif self.many:
                out.write(("[\n" if not self.count else ",\n") + json.dumps(d, ensure_ascii=False, indent=2))
            else:
                json.dump(d, out, ensure_ascii=False, indent=2)
                out.write("\n")
        self.count += 1
        if self._temp is None:
            out.flush()  # a closed pipe shows at once

    def finish(self) -> None:
        """Complete the output: close the JSON array, rename the file onto its path."""
        if self._out is None:
            return
        if self.fmt == "json" and self.many:
            self._out.write("\n]\n")
        if self._temp is None:
            self._out.flush()
        else:
            self._temp.commit()
        self._out = self._temp = None

    def abort(self) -> None:
        """After an early stop: remove the temporary file; leave stdout as it is (no closing ``]``)."""
        if self._temp is not None:
            self._temp.discard()
        self._out = self._temp = None

    def _open(self):
        if self._out is None:
            csv_ = self.fmt == "csv"
            if self.path:
                self._temp = TempOutput(self.path, encoding="utf-8-sig" if csv_ else "utf-8",
                                        newline="" if csv_ else None)
                self._out = self._temp.file
            else:
                self._out = sys.stdout
                if csv_:
                    self._out.write("\ufeff")
            if csv_:
                self._csv = csv.DictWriter(self._out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
                self._csv.writeheader()
        return self._out


def cell(v):
    """A CSV cell: None as empty; text that starts like a formula behind a leading ``'``."""
    if v is None:
        return ""
    if isinstance(v, str) and v.startswith(FORMULA_STARTS):
        return "'" + v
    return v
