"""Check corpus records against ANNOTATION_GUIDELINES.md; report ``file:line`` errors.

Validation never raises, whatever the JSON: types, ranges and ``meta`` of every record
are checked, and a record that passes is one that ``train``, ``evaluate`` and
``to-spacy`` accept (its entities are aligned to tokens here, as ``to-spacy`` does).
Files of gold indicator ids (``corpus/indicators/``: one METRIC per line, see
:func:`is_indicator_gold`) are checked as such, and are not records.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..schema import DIRECTIONS, LABELS, PERCENT_UNITS, QUALIFIERS, QUANTITY_LABELS, RELATION_LABELS, quantity_label
from ..text import unencodable
from .drafts import iter_draft_file

EDGE_CHARS = set(" \t\r\n\u3000，。、；：！？,.;:!?“”‘’\"'「」『』《》（）()【】[]…—-·")
MAX_MAGNITUDE = 1e30  # far above any report quantity (the corpus's largest: 10.36百亿亿次/秒, about 1e19)


def _short(x, limit: int = 40) -> str:
    """``repr(x)`` for a message, cut to ``limit`` characters (values may be huge or deeply nested)."""
    try:
        r = repr(x)
    except (RecursionError, ValueError):
        r = f"<{type(x).__name__}>"
    return r if len(r) <= limit else r[:limit - 1] + "…"


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def number_problem(x) -> str | None:
    """Why ``x`` is not a usable number (a finite int or float of sane magnitude), or None."""
    if not isinstance(x, (int, float)) or isinstance(x, bool):
        return "not a number"
    if isinstance(x, float) and not math.isfinite(x):
        return "not finite"
    if abs(x) > MAX_MAGNITUDE:
        return f"larger than {MAX_MAGNITUDE:.0e}"
    return None


def meta_problems(meta) -> list[str]:
    """Problems of a record's ``meta``: an object with a ``doc`` name (training splits and
    evaluation group by it); ``id``/``source`` strings and ``start``/``end`` offsets if given."""
    if not isinstance(meta, dict):
        return ["'meta' missing or not an object (it needs at least 'doc', the document's name)"]
    errs = []
    if not isinstance(meta.get("doc"), str) or not meta["doc"]:
        errs.append(f"meta.doc must be the document's name, not {_short(meta.get('doc'))}")
    errs += [f"meta.{k} must be a string" for k in ("id", "source") if k in meta and not isinstance(meta[k], str)]
    errs += [f"meta.{k} must be a non-negative integer below 2**31 (an offset into the document)"
             for k in ("start", "end") if k in meta and not (_is_int(meta[k]) and 0 <= meta[k] < 2**31)]
    return errs


def check_record(rec: dict, quantity_check: Callable[[dict, str], str | None] | None = None) -> list[str]:
    """Return the problems of one record (empty when it is valid)."""
    errs: list[str] = []
    text = rec.get("text")
    if not isinstance(text, str):
        return ["'text' missing or not a string"]
    if unencodable(text):
        return [f"'text' {unencodable(text)}"]
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
        if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
            errs.append(f"{where}: bad offsets {_short(start, 20)}-{_short(end, 20)}")
            continue
        if not isinstance(etext, str) or not etext:
            errs.append(f"{where}: text must be a non-empty string, not {_short(etext)}")
            continue
        where = f"entity {i} {_short(etext)}"
        if text[start:end] != etext:
            errs.append(f"{where}: text[{start}:{end}] is {_short(text[start:end])}")
        if label not in LABELS:
            errs.append(f"{where}: unknown label {_short(label)}")
        if start < prev_end:
            errs.append(f"{where}: overlaps or is out of order with the previous entity")
        prev_end = max(prev_end, end)
        if etext[0] in EDGE_CHARS or etext[-1] in EDGE_CHARS:
            errs.append(f"{where}: starts or ends with punctuation or space")
        if label in QUANTITY_LABELS:
            value_errs = [f"{where}: {m}" for m in _check_value(e)]
            errs.extend(value_errs)
            if quantity_check is not None and not value_errs:
                msg = quantity_check(e, text[:start], text[end:])
                if msg:
                    errs.append(f"{where}: {msg}")
        elif any(k in e for k in ("value", "unit", "qualifier")):
            errs.append(f"{where}: {_short(label)} must not carry value/unit/qualifier")
    heads = set()
    seen = set()
    for j, r in enumerate(rels):
        where = f"relation {j}"
        try:
            h, t, label, target = r["head"], r["tail"], r["label"], r["target"]
        except (KeyError, TypeError):
            errs.append(f"{where}: needs head, tail, label, target")
            continue
        if not (_is_int(h) and _is_int(t) and 0 <= h < len(ents) and 0 <= t < len(ents)):
            errs.append(f"{where}: head/tail index out of range")
            continue
        if ents[h].get("label") != "METRIC":
            errs.append(f"{where}: head {_short(ents[h].get('text'))} is {_short(ents[h].get('label'))}, not METRIC")
        if ents[t].get("label") not in QUANTITY_LABELS:
            errs.append(f"{where}: tail {_short(ents[t].get('text'))} is {_short(ents[t].get('label'))}, "
                        f"not AMOUNT/PERCENT")
        if label not in RELATION_LABELS:
            errs.append(f"{where}: unknown relation label {_short(label)}")
        if not isinstance(target, bool):
            errs.append(f"{where}: target must be true or false")
        if label == "CHANGE" and r.get("direction") not in DIRECTIONS:
            errs.append(f"{where}: CHANGE needs direction 'up' or 'down', not {_short(r.get('direction'))}")
        if label != "CHANGE" and "direction" in r:
            errs.append(f"{where}: only a CHANGE carries a direction")
        if (h, t) in seen:
            errs.append(f"{where}: duplicate pair {h}->{t}")
        seen.add((h, t))
        heads.add(h)
    for i, e in enumerate(ents):
        if e.get("label") == "METRIC" and i not in heads:
            errs.append(f"entity {i} {_short(e.get('text'))}: METRIC with no relation")
    return errs


def _check_value(e: dict) -> Iterator[str]:
    value, unit, qual = e.get("value"), e.get("unit"), e.get("qualifier")
    if qual not in QUALIFIERS:
        yield f"qualifier {_short(qual)} is not one of {', '.join(QUALIFIERS)}"
    if not isinstance(unit, str) or (not unit and e["label"] == "PERCENT"):
        yield "unit missing"
    if qual == "range":
        low, high = e.get("low"), e.get("high")
        bad = [f"{k} {why}" for k, x in (("low", low), ("high", high)) for why in [number_problem(x)] if why]
        if bad:
            yield f"range needs numeric low and high ({'; '.join(bad)})"
        elif low > high:
            yield f"range low {low} > high {high}"
    if number_problem(value):
        yield f"value missing or not a usable number ({number_problem(value)})"
    # the label the quantity reader gives a reading in this unit (a set look-up: an unhashable unit must not reach it)
    is_percent_unit = isinstance(unit, str) and quantity_label(unit) == "PERCENT"
    if e["label"] == "PERCENT" and not is_percent_unit:
        yield f"PERCENT unit must be one of {', '.join(sorted(PERCENT_UNITS))}, not {_short(unit)}"
    if e["label"] == "AMOUNT" and is_percent_unit:
        yield f"AMOUNT with percent unit {unit!r}"


def iter_records(path: Path) -> Iterator[tuple[int, dict | None, str | None]]:
    """Yield ``(line_number, record, parse_error)`` for a JSONL file (never raises on its content)."""
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield n, None, f"not UTF-8 (byte {exc.start} of the line)"
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"not JSON: {exc.msg}"
                continue
            except (ValueError, RecursionError) as exc:  # e.g. an integer of over 4,300 digits, deep nesting
                yield n, None, f"not JSON: {type(exc).__name__}: {_short(str(exc), 80)}"
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


INDICATOR_GOLD_FIELDS = ("id", "start", "end", "text", "name", "indicator", "headline")


def is_indicator_gold(records: list) -> bool:
    """True for a file of gold indicator ids: its first object has the fields of one linked METRIC
    (``INDICATOR_GOLD_FIELDS``) and no ``entities``."""
    first = next((rec for _, rec, _ in records if rec is not None), None)
    return first is not None and "entities" not in first and all(k in first for k in INDICATOR_GOLD_FIELDS)


def indicator_gold_problems(rec: dict, ids, metrics: dict, documents: set) -> list[str]:
    """Problems of one line of gold indicator ids: field types, an ``indicator`` of the table
    (``ids``), and the METRIC it names when its document's records were read (``documents``,
    ``metrics``: ``{(record id, start, end): text}``). A line with a ``doc`` field indexes the
    report file (a METRIC a pipeline found, in the held-out sets), not a gold record."""
    errs = [f"{k} must be a non-empty string" for k in ("id", "text")
            if not isinstance(rec.get(k), str) or not rec[k]]
    if rec.get("name") is not None and (not isinstance(rec["name"], str) or not rec["name"]):
        errs.append("name must be a non-empty string or null (not annotated)")
    errs += [f"{k} must be a non-negative integer" for k in ("start", "end")
             if not (_is_int(rec.get(k)) and rec[k] >= 0)]
    if not isinstance(rec.get("headline"), bool):
        errs.append("headline must be true or false")
    if rec.get("indicator") is not None and rec.get("indicator") not in ids:
        errs.append(f"indicator {_short(rec.get('indicator'))} is not an id of the indicator table")
    if not errs and "doc" not in rec and rec["id"].rsplit(":", 1)[0] in documents:
        text = metrics.get((rec["id"], rec["start"], rec["end"]))
        if text is None:
            errs.append(f"no gold METRIC at {_short(rec['id'])} {rec['start']}-{rec['end']}")
        elif text != rec["text"]:
            errs.append(f"text {_short(rec['text'])} is not the gold METRIC's {_short(text)}")
    return errs


def corpus_records(paths: Iterable[Path], indicator_gold: list | None = None
                   ) -> Iterator[tuple[Path, int, dict | None, str | None]]:
    """``(file, line, record, problem)`` for every line of the JSONL files in ``paths``;
    draft files give the gold records they convert to. Files of gold indicator ids are left out
    (appended to ``indicator_gold`` as ``(file, lines)`` when given)."""
    for p in paths:
        for f in corpus_files(Path(p)):
            records = list(iter_records(f))
            if is_indicator_gold(records):
                if indicator_gold is not None:
                    indicator_gold.append((f, records))
                continue
            if _is_draft_file(records):
                records = iter_draft_file(f)
            for n, rec, err in records:
                yield f, n, rec, err


def validate_paths(paths: Iterable[Path], quantity_check=None) -> list[str]:
    """Validate every record in ``paths``; return ``file:line: problem`` strings."""
    from ..pipeline import blank
    from .spacy_docs import record_to_doc

    errors, indicator_gold, metrics = [], [], {}
    nlp = None
    for f, n, rec, err in corpus_records(paths, indicator_gold):
        problems = [err] if err else check_record(rec, quantity_check) + meta_problems(rec.get("meta"))
        if not problems and isinstance(rec["meta"].get("id"), str):
            metrics.update(((rec["meta"]["id"], e["start"], e["end"]), e["text"])
                           for e in rec["entities"] if e["label"] == "METRIC")
        if not problems:
            nlp = nlp or blank()
            try:
                record_to_doc(nlp, rec)  # what to-spacy and train do with it
            except ValueError as exc:
                problems = [f"entities do not align to tokens: {_short(str(exc).splitlines()[0], 200)}"]
        errors.extend(f"{f}:{n}: {m}" for m in problems)
    if indicator_gold:
        from ..indicators import default_table

        ids, documents = default_table().rows, {k[0].rsplit(":", 1)[0] for k in metrics}
        for f, lines in indicator_gold:
            for n, rec, err in lines:
                problems = [err] if err else indicator_gold_problems(rec, ids, metrics, documents)
                errors.extend(f"{f}:{n}: {m}" for m in problems)
    return errors
def _is_draft_file(records: list) -> bool:
    """True when the file's entities are draft lists (``[surface, label, ...]``), not records."""
    for _, rec, err in records:
        ents = rec.get("entities") if rec else None
        if isinstance(ents, list) and ents:
            return all(isinstance(e, list) for e in ents)
    return False
