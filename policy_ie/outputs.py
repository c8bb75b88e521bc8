"""Writing parse results as JSON, JSON Lines or the CSV indicator table."""
from __future__ import annotations

import csv
import json
import sys

from .result import ParseResult

FORMATS = ("json", "jsonl", "csv")
# The indicator-table columns are those of ParseResult.records(); a one-number result yields a row.
CSV_COLUMNS = list(ParseResult("", [{"start": 0, "end": 0, "label": "AMOUNT", "text": ""}]).records()[0])


class ResultWriter:
    """Writes results, one document at a time, to ``path`` or stdout.

    The file is opened at the first result, so a run in which nothing could be read leaves an
    existing output alone. ``json`` is one object for a single input (``many=False``), else an array
    of objects with ``meta.source``; ``csv`` is UTF-8 with a byte-order mark (so Excel reads it
    as UTF-8), one header row for the whole batch.
    """

    def __init__(self, fmt: str, path: str | None = None, many: bool = False):
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
        self.fmt, self.path, self.many = fmt, path, many
        self.count = 0
        self._out = None
        self._csv = None

    def add(self, name: str, result: ParseResult) -> None:
        out = self._open()
        if self.fmt == "csv":
            for row in result.records(name):
                self._csv.writerow({k: _cell(v) for k, v in row.items()})
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

    def close(self) -> None:
        if self._out is None:
            return
        if self.fmt == "json" and self.many:
            self._out.write("\n]\n")
        if self._out is sys.stdout:
            self._out.flush()
        else:
            self._out.close()
        self._out = None

    def _open(self):
        if self._out is None:
            csv_ = self.fmt == "csv"
            if self.path:
                self._out = open(self.path, "w", encoding="utf-8-sig" if csv_ else "utf-8", newline="" if csv_ else None)
            else:
                self._out = sys.stdout
                if csv_:
                    self._out.write("\ufeff")
            if csv_:
                self._csv = csv.DictWriter(self._out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
                self._csv.writeheader()
        return self._out


def _cell(v):
    return "" if v is None else v
