"""Check corpus records against ANNOTATION_GUIDELINES.md; report ``file:line`` errors."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..direction import DIRECTIONS
from ..quantities import PERCENT_UNITS
from .drafts import iter_draft_file

LABELS = ("METRIC", "AMOUNT", "PERCENT", "PROJECT", "SLOGAN")
QUANTITY_LABELS = ("AMOUNT", "PERCENT")
RELATION_LABELS = ("VALUE", "CHANGE")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "at_most", "range")
EDGE_CHARS = set(" \t\r\n\u3000，。、；：！？,.;:!?“”‘’\"'「」『』《》（）()【】[]…—-·")


def check_record(rec: dict, quantity_check: Callable[[dict, str], str | None] | None = None) -> list[str]:
    """Return the problems of one record (empty when it is valid)."""
    errs: list[str] = []
    text = rec.get("text")
    if not isinstance(text, str):
        return ["'text' missing or not a string"]
    ents = rec.get("entities")
    rels = rec.get("relations")
    if not isinstance(ents, list) or not isinstance(rels, list):
        return ["'entities' and 'relations' must be lists"]
    if not all(isinstance(e, dict) for e in ents):
        return ["entities must be objects with start, end, label, text"
                + (" (this looks like an annotation draft: convert it with 'policy-ie corpus from-drafts')"
                   if any(isinstance(e, list) for e in ents) else "")]
    prev_end = -1
    for i, e in enumerate(ents):
        where = f"entity {i}"
        try:
            start, end, label, etext = e["start"], e["end"], e["label"], e["text"]
        except (KeyError, TypeError):
            errs.append(f"{where}: needs start, end, label, text")
            continue
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            errs.append(f"{where}: bad offsets {start}-{end}")
            continue
        where = f"entity {i} {etext!r}"
        if text[start:end] != etext:
            errs.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}")
        if label not in LABELS:
            errs.append(f"{where}: unknown label {label!r}")
        if start < prev_end:
            errs.append(f"{where}: overlaps or is out of order with the previous entity")
        prev_end = max(prev_end, end)
        if etext[0] in EDGE_CHARS or etext[-1] in EDGE_CHARS:
            errs.append(f"{where}: starts or ends with punctuation or space")
        if label in QUANTITY_LABELS:
            errs.extend(f"{where}: {m}" for m in _check_value(e))
            if quantity_check is not None:
                msg = quantity_check(e, text[:start], text[end:])
                if msg:
                    errs.append(f"{where}: {msg}")
        elif any(k in e for k in ("value", "unit", "qualifier")):
            errs.append(f"{where}: {label} must not carry value/unit/qualifier")
    heads = set()
    seen = set()
    for j, r in enumerate(rels):
        where = f"relation {j}"
        try:
            h, t, label, target = r["head"], r["tail"], r["label"], r["target"]
        except (KeyError, TypeError):
            errs.append(f"{where}: needs head, tail, label, target")
            continue
        if not (isinstance(h, int) and isinstance(t, int) and 0 <= h < len(ents) and 0 <= t < len(ents)):
            errs.append(f"{where}: head/tail index out of range")
            continue
        if ents[h].get("label") != "METRIC":
            errs.append(f"{where}: head {ents[h].get('text')!r} is {ents[h].get('label')}, not METRIC")
        if ents[t].get("label") not in QUANTITY_LABELS:
            errs.append(f"{where}: tail {ents[t].get('text')!r} is {ents[t].get('label')}, not AMOUNT/PERCENT")
        if label not in RELATION_LABELS:
            errs.append(f"{where}: unknown relation label {label!r}")
        if not isinstance(target, bool):
            errs.append(f"{where}: target must be true or false")
        if label == "CHANGE" and r.get("direction") not in DIRECTIONS:
            errs.append(f"{where}: CHANGE needs direction 'up' or 'down', not {r.get('direction')!r}")
        if label != "CHANGE" and "direction" in r:
            errs.append(f"{where}: only a CHANGE carries a direction")
        if (h, t) in seen:
            errs.append(f"{where}: duplicate pair {h}->{t}")
        seen.add((h, t))
        heads.add(h)
    for i, e in enumerate(ents):
        if e.get("label") == "METRIC" and i not in heads:
            errs.append(f"entity {i} {e.get('text')!r}: METRIC with no relation")
    return errs


def _check_value(e: dict) -> Iterator[str]:
    value, unit, qual = e.get("value"), e.get("unit"), e.get("qualifier")
    if qual not in QUALIFIERS:
        yield f"qualifier {qual!r} is not one of {', '.join(QUALIFIERS)}"
    if not isinstance(unit, str) or (not unit and e["label"] == "PERCENT"):
        yield "unit missing"
    if qual == "range":
        low, high = e.get("low"), e.get("high")
        if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (low, high)):
            yield "range needs numeric low and high"
        elif low > high:
            yield f"range low {low} > high {high}"
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        yield "value missing or not a number"
    if e["label"] == "PERCENT" and unit not in PERCENT_UNITS:
        yield f"PERCENT unit must be one of {', '.join(sorted(PERCENT_UNITS))}, not {unit!r}"
    if e["label"] == "AMOUNT" and unit in PERCENT_UNITS:
        yield f"AMOUNT with percent unit {unit!r}"


def iter_records(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """Yield ``(line_number, record, parse_error)`` for a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
            except json.JSONDecodeError as exc:
                yield n, None, f"not JSON: {exc.msg}"
                continue
            if not isinstance(rec, dict):
                yield n, None, "record is not a JSON object"
                continue
            yield n, rec, None


def corpus_files(path: Path) -> list[Path]:
    """The ``.jsonl`` files at ``path`` (a file or a directory, searched recursively)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    return [path]


def validate_paths(paths: Iterable[Path], quantity_check=None) -> list[str]:
    """Validate every record in ``paths``; return ``file:line: problem`` strings."""
    errors = []
    for p in paths:
        for f in corpus_files(p):
            records = list(iter_records(f))
            if _is_draft_file(records):
                records = iter_draft_file(f)  # checked as the gold records it converts to
            for n, rec, err in records:
                problems = [err] if err else check_record(rec, quantity_check)
                errors.extend(f"{f}:{n}: {m}" for m in problems)
    return errors


def _is_draft_file(records: list) -> bool:
    """True when the file's entities are draft lists (``[surface, label, ...]``), not records."""
    for _, rec, err in records:
        ents = rec.get("entities") if rec else None
        if isinstance(ents, list) and ents:
            return all(isinstance(e, list) for e in ents)
    return False
