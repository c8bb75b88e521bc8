"""Indicator linking as a pipeline component (issue #19): a rule component, nothing to train.

Every METRIC span of a Doc gets ``span._.indicator_name`` (the indicator as a reader would
write it: :func:`policy_ie.indicators.indicator_name`, a shared list head restored) and
``span._.indicator`` (the id of a row of the indicator table, or None). Both are kept in
``doc.user_data`` under the span's character offsets, like the quantity readings.

Settings: ``table`` (a CSV of the columns of ``policy_ie/data/indicators.csv``; null: the shipped
table, read from the package) and ``extra_tables`` (users' CSVs of the same columns, merged in
order: a new id adds a row, an existing id gets the row's aliases). ``to_disk`` writes the
tables a pipeline was built with as plain CSV (none for the shipped table alone), and
``from_disk`` reads them back, so a saved pipeline needs neither the original paths nor
anything unpickled; a directory without that file uses the shipped table, or the tables its
config names (``spacy.load(path, config=...)`` overrides), read when first needed.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..indicators import LIST_JOINERS, IndicatorTable, default_table, indicator_name, load_table, restore_list_heads
from ..schema import METRIC
from .doc_views import entities_of

_KEY = "policy_ie.indicator"
TABLE_FILE = "indicators.csv"  # the table a saved component carries (when not the shipped one)


def _getter(field: int):
    def get(span: Span):
        found = span.doc.user_data.get((_KEY, span.start_char, span.end_char))
        return None if found is None else found[field]
    return get


for _name, _field in (("indicator_name", 0), ("indicator", 1)):
    if not Span.has_extension(_name):
        Span.set_extension(_name, getter=_getter(_field))


@Language.factory("policy_ie_indicator_linker", default_config={"table": None, "extra_tables": []},
                  requires=["doc.ents"], assigns=["span._.indicator_name", "span._.indicator"])
def make_indicator_linker(nlp: Language, name: str, table: Optional[str], extra_tables: List[str]):
    return IndicatorLinker(name, table=table, extra_tables=extra_tables)


class IndicatorLinker:
    """Name and link every METRIC of a Doc (see module doc). The tables are read when first
    needed, unless :meth:`from_disk` brought them."""

    def __init__(self, name: str = "policy_ie_indicator_linker", *, table: Optional[str] = None,
                 extra_tables: Optional[List[str]] = None) -> None:
        self.name = name
        self.table_path = table
        self.extra_tables = list(extra_tables or [])
        self._table: Optional[IndicatorTable] = None

    @property
    def table(self) -> IndicatorTable:
        if self._table is None:
            shipped = self.table_path is None and not self.extra_tables
            self._table = default_table() if shipped else load_table(self.table_path, self.extra_tables)
        return self._table

    def add_tables(self, paths: List[str]) -> None:
        """Extend the table in use with users' CSVs (as ``extra_tables`` does)."""
        from ..indicators import merge_rows, read_table

        rows = list(self.table.rows.values())
        for p in paths:
            rows = merge_rows(rows, read_table(p))
        self.extra_tables += [str(p) for p in paths]
        self._table = IndicatorTable(rows)

    def __call__(self, doc: Doc) -> Doc:
        table = self.table
        lists: list[list[Span]] = []  # METRICs joined by 、/和/及 only, in order
        for span in entities_of(doc, METRIC):  # (doc.text and doc.ents would make a Token per character)
            gap = doc[lists[-1][-1].end:span.start] if lists and span.start - lists[-1][-1].end <= 3 else None
            if gap is not None and gap.text.strip() in LIST_JOINERS:
                lists[-1].append(span)
            else:
                lists.append([span])
        for items in lists:
            names = restore_list_heads([indicator_name(s.text) for s in items], table.link)
            for span, name in zip(items, names):
                doc.user_data[(_KEY, span.start_char, span.end_char)] = (name, table.link(name))
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        if self.table_path is None and not self.extra_tables:
            return  # the shipped table: read from the package
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.table.write_csv(path / TABLE_FILE)

    def from_disk(self, path, *, exclude=tuple()) -> "IndicatorLinker":
        saved = Path(path) / TABLE_FILE
        if saved.is_file():
            self._table = load_table(saved)
        else:  # saved with the shipped table, or tables named by a config override: read when first needed
            self._table = None
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import srsly

        rows = [r.as_row() for r in self.table.rows.values()] if self.table_path or self.extra_tables else None
        return srsly.msgpack_dumps({"rows": rows})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "IndicatorLinker":
        import srsly

        from ..indicators import Indicator

        rows = srsly.msgpack_loads(data)["rows"]
        if rows is None:
            self._table = default_table()
        else:
            self._table = IndicatorTable(Indicator.from_row(r) for r in rows)
        return self
