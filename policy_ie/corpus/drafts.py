"""Compact annotation drafts: what annotators write, and its conversion to records.

A draft file holds one JSON object per sentence of a source document::

    {"id": "seed-000:0012", "text": "...", "meta": {...},
     "entities": [["产业类投资", "METRIC"], ["74.3%", "PERCENT", 74.3, "%", "exact"]],
     "relations": [[0, 1, "CHANGE", false, "up"]]}

Entities are listed in text order and located by searching for their surface
string from the end of the previous entity, so no offsets are typed by hand.
AMOUNT/PERCENT entries carry ``value, unit, qualifier`` and, for ranges,
``low, high``. Relations are ``[head, tail, label, target]`` by entity index, and a
CHANGE adds its direction: ``[head, tail, "CHANGE", target, "up"|"down"]``.
An entity may be written ``[surface, label, ..., {"at": N}]`` to give its
offset in the sentence explicitly when text-order search would pick the
wrong occurrence.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..schema import QUANTITY_LABELS
from ..segmentation import split_sentences


class DraftError(ValueError):
    """A draft line that cannot be converted."""


def draft_skeleton(doc_id: str, source: str, text: str) -> list[dict]:
    """One empty draft line per sentence of ``text`` (offsets into ``text``)."""
    out = []
    for i, (start, end) in enumerate(split_sentences(text)):
        out.append({
            "id": f"{doc_id}:{i:04d}",
            "text": text[start:end],
            "meta": {"doc": doc_id, "source": source, "start": start, "end": end},
            "entities": [],
            "relations": [],
        })
    return out


def draft_to_record(line: dict) -> dict:
    """Resolve a draft line's surfaces to offsets; return a corpus record."""
    text = line["text"]
    entities = []
    pos = 0
    for i, ent in enumerate(line.get("entities", [])):
        ent = list(ent)
        opts = ent.pop() if ent and isinstance(ent[-1], dict) else {}
        if len(ent) < 2:
            raise DraftError(f"entity {i}: needs at least [surface, label]")
        surface, label = ent[0], ent[1]
        if "at" in opts:
            start = int(opts["at"])
            if text[start:start + len(surface)] != surface:
                raise DraftError(f"entity {i} {surface!r}: not at offset {start}")
        else:
            start = text.find(surface, pos)
            if start < 0:
                raise DraftError(f"entity {i} {surface!r}: not found after offset {pos}")
        end = start + len(surface)
        rec = {"start": start, "end": end, "label": label, "text": surface}
        if label in QUANTITY_LABELS:
            if len(ent) < 5:
                raise DraftError(f"entity {i} {surface!r}: {label} needs value, unit, qualifier")
            rec["value"], rec["unit"], rec["qualifier"] = ent[2], ent[3], ent[4]
            if ent[4] == "range":
                if len(ent) < 7:
                    raise DraftError(f"entity {i} {surface!r}: range needs low, high")
                rec["low"], rec["high"] = ent[5], ent[6]
        entities.append(rec)
        pos = end
    order = sorted(range(len(entities)), key=lambda k: entities[k]["start"])
    new_index = {old: new for new, old in enumerate(order)}
    relations = []
    for j, rel in enumerate(line.get("relations", [])):
        if not isinstance(rel, list) or len(rel) not in (4, 5):
            raise DraftError(f"relation {j}: needs [head, tail, label, target] (+ direction for CHANGE)")
        head, tail, label, target = rel[:4]
        if not (isinstance(head, int) and isinstance(tail, int)
                and 0 <= head < len(entities) and 0 <= tail < len(entities)):
            raise DraftError(f"relation {j}: index out of range")
        out = {"head": new_index[head], "tail": new_index[tail], "label": label, "target": bool(target)}
        if len(rel) == 5:
            out["direction"] = rel[4]
        relations.append(out)
    relations.sort(key=lambda r: (r["head"], r["tail"]))
    return {"text": text, "entities": [entities[k] for k in order],
            "relations": relations, "meta": dict(line["meta"], id=line["id"])}


def iter_draft_file(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """``(line number, record, None)`` or ``(line number, None, problem)`` per non-blank line."""
    from .validate import iter_records

    for n, line, err in iter_records(path):
        if err:
            yield n, None, err
            continue
        try:
            yield n, draft_to_record(line), None
        except DraftError as exc:
            yield n, None, str(exc)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as exc:
            yield n, None, f"malformed draft line ({type(exc).__name__}: {exc})"


def convert_draft_file(path: Path) -> tuple[list[dict], list[str]]:
    """Convert every line of a draft file; return records and ``file:line`` errors."""
    records, errors = [], []
    for n, rec, err in iter_draft_file(path):
        if err:
            errors.append(f"{path}:{n}: {err}")
        else:
            records.append(rec)
    return records, errors
