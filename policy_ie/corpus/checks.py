"""Corpus checks that need the quantity reader and clean-up: values and cross-document consistency."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterable

from ..evaluation import same_value
from ..metric_edges import JURISDICTION_WORDS, TIME_WORDS
from ..text import clean

VALUE_FIELDS = ("value", "unit", "qualifier", "low", "high")


def quantity_check(entity: dict, before: str, after: str = "") -> str | None:
    """Compare a gold AMOUNT/PERCENT's value fields with the quantity reader's reading."""
    from ..quantities import AFTER_CHARS, BEFORE_CHARS, QuantityError, read_quantity

    span = clean(entity["text"], drop_debris=False).text
    ctx = clean(before[-BEFORE_CHARS:], drop_debris=False).text
    follow = clean(after[:AFTER_CHARS], drop_debris=False).text
    try:
        q = read_quantity(span, ctx, follow).to_dict()
    except QuantityError as exc:
        return f"quantity reader cannot read it ({exc})"
    diffs = [f"{k} {entity.get(k)!r} vs reader {q.get(k)!r}" for k in VALUE_FIELDS
             if not same_value(entity.get(k), q.get(k))]
    return "value disagrees with the quantity reader: " + "; ".join(diffs) if diffs else None




def consistency_report(records: Iterable[dict]) -> dict[str, list[str]]:
    """Cross-corpus checks: one surface with different labels, unlabelled numbers,
    METRICs starting with a time or jurisdiction word."""
    from ..candidates import find_quantities

    labels: dict[str, Counter] = defaultdict(Counter)
    where: dict[tuple, str] = {}
    out: dict[str, list[str]] = {"label_conflicts": [], "unlabelled_numbers": [], "metric_prefix": []}
    records = list(records)
    for rec in records:
        rid = rec.get("meta", {}).get("id", "?")
        for e in rec["entities"]:
            key = clean(e["text"], drop_debris=False).text
            labels[key][e["label"]] += 1
            where.setdefault((key, e["label"]), rid)
            if e["label"] == "METRIC" and e["text"].startswith(TIME_WORDS + JURISDICTION_WORDS):
                out["metric_prefix"].append(f"{rid}: METRIC {e['text']!r} starts with a time or jurisdiction word")
        covered = set()
        for e in rec["entities"]:
            covered.update(range(e["start"], e["end"]))
        ct = clean(rec["text"])
        for s, e, label in find_quantities(ct.text):
            os_, oe = ct.to_original(s, e)
            if not covered.intersection(range(os_, oe)):
                out["unlabelled_numbers"].append(f"{rid}: {rec['text'][os_:oe]!r} ({label}) not annotated")
    for key, c in labels.items():
        if len(c) > 1:
            detail = ", ".join(f"{lab}×{n} (e.g. {where[(key, lab)]})" for lab, n in c.most_common())
            out["label_conflicts"].append(f"{key!r}: {detail}")
    return out
