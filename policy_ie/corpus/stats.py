"""Per-split label and relation counts of the gold corpus, as a Markdown table."""
from __future__ import annotations

from collections import Counter

from ..schema import LABELS, RELATION_LABELS

COLUMNS = ("documents", "records") + LABELS + RELATION_LABELS + ("target",)


def split_counts(records: list[dict], splits: dict[str, list[str]]) -> dict[str, Counter]:
    out = {}
    for split, docs in list(splits.items()) + [("all", [d for ds in splits.values() for d in ds])]:
        c: Counter = Counter()
        recs = [r for r in records if r["meta"]["doc"] in set(docs)]
        c["documents"] = len({r["meta"]["doc"] for r in recs})
        c["records"] = len(recs)
        for r in recs:
            c.update(e["label"] for e in r["entities"])
            c.update(x["label"] for x in r["relations"])
            c["target"] += sum(bool(x["target"]) for x in r["relations"])
        out[split] = c
    return out


def markdown_table(counts: dict[str, Counter]) -> str:
    lines = ["| split | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for split, c in counts.items():
        lines.append(f"| {split} | " + " | ".join(str(c[k]) for k in COLUMNS) + " |")
    return "\n".join(lines)
