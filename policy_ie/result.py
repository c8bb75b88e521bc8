"""The result of ``policy_ie.parse``: entities and relations over the caller's text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .schema import QUANTITY_LABELS, RECORD_COLUMNS, Entity, Relation


@dataclass
class ParseResult:
    """Entities (sorted, non-overlapping) and relations, with offsets into ``text``."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the shape of RESULT_SCHEMA.md."""
        return {
            "text": self.text,
            "entities": [dict(e) for e in self.entities],
            "relations": [dict(r) for r in self.relations],
        }

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (-1 if none)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s, e = self.sentences[mid]
            if offset < s:
                hi = mid - 1
            elif offset >= e:
                lo = mid + 1
            else:
                return mid
        return -1

    def records(self, document: str | None = None) -> list[dict[str, Any]]:
        """The indicator table: one row per relation, plus one per unlinked number."""
        rows = []
        linked = set()
        for r in self.relations:
            m, v = self.entities[r["head"]], self.entities[r["tail"]]
            linked.add(r["tail"])
            rows.append(self._row(document, m, v, r["label"], r.get("direction"), r["target"]))
        for i, e in enumerate(self.entities):
            if e["label"] in QUANTITY_LABELS and i not in linked:
                rows.append(self._row(document, None, e, None, None, None))
        rows.sort(key=lambda row: row["value_start"])
        return rows

    def _row(self, document, metric, value, relation, direction, target) -> dict[str, Any]:
        m = metric or {}
        row = (document, self.sentence_index(value["start"]), m.get("text"), m.get("name"), m.get("indicator"),
               value["text"], value.get("value"), value.get("unit"), value.get("qualifier"), value.get("low"),
               value.get("high"), relation, direction, target, m.get("start"), m.get("end"), value["start"],
               value["end"])
        return dict(zip(RECORD_COLUMNS, row))

    def to_frame(self, document: str | None = None):
        """The indicator table as a pandas DataFrame (needs pandas)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("to_frame() needs pandas: pip install pandas") from exc
        return pd.DataFrame.from_records(self.records(document))
