"""Indicator linking as a pipeline component (issue #19): a rule component, nothing to train.

Every METRIC span of a Doc gets ``span._.indicator_name`` (the indicator as a reader would
write it: :func:`policy_ie.indicators.indicator_name`, a shared list head restored) and
``span._.indicator`` (the id of a row of the indicator table, or None), linked with what
surrounds it in its clause (:meth:`policy_ie.indicators.IndicatorTable.link_in_context`: the
letters before a span cut inside a word, the unit of the next quantity, a following 增长 or
的 + percentage); a bare share of GDP (``占国内生产总值比重``) is the share of the METRIC before
it in its sentence; a 就业 right after a number of people placed (安排/安置) is urban new jobs.
Both are kept in ``doc.user_data`` under the span's character offsets, like the quantity readings.

Settings: ``table`` (a CSV of the columns of ``policy_ie/data/indicators.csv``; null: the shipped
table, read from the package) and ``extra_tables`` (users' CSVs of the same columns, merged in
order: a new id adds a row, an existing id gets the row's aliases). ``to_disk`` writes the
tables a pipeline was built with as plain CSV (none for the shipped table alone), and
``from_disk`` reads them back, so a saved pipeline needs neither the original paths nor
anything unpickled; a directory without that file uses the shipped table, or the tables its
config names (``spacy.load(path, config=...)`` overrides), read when first needed.
"""
from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate
from pathlib import Path
from typing import List, Optional

from spacy.attrs import ENT_IOB, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..indicators import (CONTEXT_CHARS, LIST_JOINERS, SHARE_OF_GDP_KEY, IndicatorTable, default_table,
                          indicator_name, load_table, match_key, restore_list_heads)
from ..schema import METRIC, QUANTITY_LABELS
from .doc_views import entities_of, token_texts

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


_CLAUSE_ENDS = frozenset("，,。；;：:！!？?、\n")
_AFTER_CHARS = 12  # how far after a METRIC its quantity is looked for
# people placed in jobs, the old wording of urban new jobs: 在城镇安排了477万人就业, 安置了903万人就业,
# 安排了四千二百多万城镇劳动力就业 (the quantity right before the METRIC, 安排/安置 before it in the clause)
_PLACED_JOBS = re.compile(r"^(?:城镇|城市)?(?:劳动力|待业人员|待业青年)?就业$")
_PLACING = re.compile(r"安排|安置")
NEW_JOBS = "城镇新增就业"  # the name linked for them


class _Context:
    """What surrounds the METRICs of one Doc, read from its arrays (one character a token)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.chars = token_texts(doc)
        iob = doc.to_array(ENT_IOB).tolist()
        self.in_entity = [v in (1, 3) for v in iob]
        self.quantities = sorted((q for label in QUANTITY_LABELS for q in entities_of(doc, label)),
                                 key=lambda q: q.start)
        self.starts = [q.start for q in self.quantities]

    @functools.cached_property
    def sentence(self) -> list[int]:
        """The sentence of each token (one sentence for a Doc without boundaries); read only when
        a bare share of GDP needs it."""
        return list(accumulate(int(v == 1) for v in self.doc.to_array(SENT_START).tolist()))

    def same_sentence(self, a: Span, b: Span) -> bool:
        return self.sentence[a.start] == self.sentence[b.start]

    def before(self, span: Span) -> str:
        """The characters just before ``span`` in no entity: letters only, at most CONTEXT_CHARS;
        none after a 、 (蔬菜 in 肉蛋奶、蔬菜产量 is a list item: 产量 is the list's head)."""
        i, out = span.start - 1, []
        while i >= 0 and len(out) < CONTEXT_CHARS and not self.in_entity[i] and _is_word(self.chars[i]):
            out.append(self.chars[i])
            i -= 1
        if out and i >= 0 and self.chars[i] == "、":
            return ""
        return "".join(reversed(out))

    def after(self, span: Span) -> tuple[str, Optional[str]]:
        """The text between ``span`` and the first quantity after it in its clause, and that
        quantity's unit; without such a quantity, the rest of the clause (up to an entity) and None."""
        k = bisect.bisect_left(self.starts, span.end)
        end = min(span.end + _AFTER_CHARS, len(self.chars))
        q = self.quantities[k] if k < len(self.quantities) and self.quantities[k].start <= end else None
        stop = q.start if q is not None else end
        gap = []
        for j in range(span.end, stop):
            if self.chars[j] in _CLAUSE_ENDS or self.in_entity[j]:  # the clause or another entity comes first
                q = None
                break
            gap.append(self.chars[j])
        text = "".join(gap).replace(" ", "")
        if q is None:
            return text, None
        reading = q._.quantity
        return text, "%" if q.label_ == "PERCENT" else (reading or {}).get("unit")


    def placed_in_jobs(self, span: Span) -> bool:
        """Whether ``span`` (就业, 城镇劳动力就业) follows a quantity of people that 安排/安置
        comes before in the clause: the number of people placed in jobs."""
        k = bisect.bisect_left(self.starts, span.start) - 1
        if k < 0 or self.quantities[k].end != span.start:
            return False
        i, clause = self.quantities[k].start - 1, []
        while i >= 0 and self.chars[i] not in _CLAUSE_ENDS:
            clause.append(self.chars[i])
            i -= 1
        return bool(_PLACING.search("".join(reversed(clause))))


def _is_word(char: str) -> bool:
    return char.isalpha() and not char.isspace()


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
        metrics = entities_of(doc, METRIC)  # (doc.text and doc.ents would make a Token per character)
        if not metrics:
            return doc
        lists: list[list[Span]] = []  # METRICs joined by 、/和/及 only, in order
        for span in metrics:
            gap = doc[lists[-1][-1].end:span.start] if lists and span.start - lists[-1][-1].end <= 3 else None
            if gap is not None and gap.text.strip() in LIST_JOINERS:
                lists[-1].append(span)
            else:
                lists.append([span])
        context = _Context(doc)
        previous: Optional[tuple[Span, str]] = None  # the last METRIC named, and its name
        for items in lists:
            names = restore_list_heads([indicator_name(s.text) for s in items], table.link)
            for i, (span, name) in enumerate(zip(items, names)):
                before = context.before(span) if i == 0 else ""  # a later item follows its list's joiner
                after, unit = context.after(span)
                name, found = table.link_in_context(name, before, after, unit, text=span.text if i == 0 else None)
                if found is None and previous is not None and match_key(name) == SHARE_OF_GDP_KEY \
                        and context.same_sentence(previous[0], span):
                    found = table.link(previous[1] + name)  # 财政赤字合计…，占国内生产总值比重(3%)
                if found is None and _PLACED_JOBS.match(name) and context.placed_in_jobs(span):
                    found = table.link(NEW_JOBS)
                doc.user_data[(_KEY, span.start_char, span.end_char)] = (name, found)
                previous = (span, name)
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
