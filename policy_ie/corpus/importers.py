"""Convert annotation-tool exports into corpus records (RESULT_SCHEMA.md + ``meta``).

Entity labels are the guideline labels (METRIC, AMOUNT, PERCENT, PROJECT, SLOGAN),
spelled exactly. A relation links a METRIC and an AMOUNT/PERCENT; it is stored
METRIC -> value whichever way it was drawn (a reversed arrow is noted in
``meta["fixes"]``). Per tool:

- Label Studio (full JSON export, a list of tasks): text in ``data[text_key]``.
  The **latest** non-cancelled annotation is used (greatest ``updated_at`` /
  ``created_at``, then the later in the list); ``predictions`` are ignored and
  tasks without a usable annotation give no record. ``labels`` results give
  entities (``value.start/end`` are character offsets; if ``value.text`` does not
  match but the offsets read as UTF-16 units do, as the browser counts them, they
  are converted and noted). ``relation`` results: ``labels`` holds ``VALUE`` or
  ``CHANGE``, plus ``target`` when the value is a target; ``direction: left``
  means to -> from; ``up``/``down`` among the labels gives a CHANGE's direction.
  Other result types (choices, textarea, ...) are ignored.
- Doccano (JSONL): ``entities`` [{id, start_offset, end_offset, label}] and
  ``relations`` [{from_id, to_id, type}], type ``VALUE``/``CHANGE`` or
  ``VALUE:target``/``CHANGE:target``; the older ``label: [[start, end, LABEL]]``
  form (no relations) is accepted too. A ``:up``/``:down`` suffix gives a CHANGE's direction.
- Prodigy (JSONL from ``spans.manual``/``rel.manual``): ``spans`` give entities by
  character offsets (from ``tokens`` when only token indices are given);
  ``relations`` [{head, child, label, head_span, child_span}] are matched to spans
  by the char offsets of head_span/child_span; label ``VALUE``/``CHANGE`` or
  ``VALUE_TARGET``/``CHANGE_TARGET``, plus ``_UP``/``_DOWN`` for a CHANGE's direction.
  Lines whose ``answer`` is not ``accept``
  are skipped; lines without an answer are taken.

AMOUNT/PERCENT get ``value, unit, qualifier`` (``low, high`` for ranges) from the
span object of the export when it has them (Label Studio: inside ``value``),
otherwise from ``policy_ie.quantities.read_quantity``; a CHANGE without a direction gets
the one its change word gives (``policy_ie.direction``). Spans with surrounding
whitespace or punctuation are trimmed and the trim is listed in
``meta["fixes"]``. ``meta`` keeps the item's own ``meta`` dict; ``source``
defaults to the export path, ``doc`` to the export's file name (without suffix) and ``id``
to the item's id (else ``file:position``).
Malformed input raises :class:`ImportFormatError` ``"path:line_or_task: problem"``.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from ..direction import relation_direction
from ..schema import DIRECTIONS, LABELS, QUANTITY_LABELS, RELATION_LABELS, VALUE_FIELDS
from .validate import EDGE_CHARS


class ImportFormatError(ValueError):
    """An export that cannot be converted; the message starts with ``path:where:``."""


class _Problem(Exception):
    """A problem inside one item; the caller adds ``path:where``."""


# ---------------------------------------------------------------- shared core

def _int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _split_direction(name: str, sep: str) -> tuple[str, str | None]:
    """``CHANGE:down`` / ``CHANGE_DOWN`` -> (``CHANGE``, ``down``); no suffix -> (name, None)."""
    for d in DIRECTIONS:
        suffix = sep + (d.upper() if sep == "_" else d)
        if name.endswith(suffix):
            return name[: -len(suffix)], d
    return name, None


def _relation_label(name: str, target_suffixes: tuple[str, ...]) -> tuple[str, bool]:
    """``VALUE``/``CHANGE`` with an optional target suffix -> (label, target)."""
    for suffix in target_suffixes:
        if name.endswith(suffix) and name[: -len(suffix)] in RELATION_LABELS:
            return name[: -len(suffix)], True
    if name in RELATION_LABELS:
        return name, False
    raise _Problem(f"unknown relation label {name!r}")


def _build(text: Any, spans: list[dict], relations: list[tuple], meta: dict) -> dict:
    """Make one record.

    ``spans``: dicts with ``key`` (how relations refer to the span), ``start``,
    ``end``, ``label`` and optionally ``text`` and quantity fields.
    ``relations``: ``(from_key, to_key, label, target, oriented)`` where
    ``oriented`` is False when the tool does not give a direction.
    """
    if not isinstance(text, str) or not text:
        raise _Problem("text missing or not a string")
    fixes: list[str] = []
    entities: list[dict] = []
    keys: dict[Any, int] = {}
    for span in spans:
        ent = _entity(text, span, fixes)
        if span["key"] in keys:
            raise _Problem(f"duplicate span id {span['key']!r}")
        keys[span["key"]] = len(entities)
        entities.append(ent)
    order = sorted(range(len(entities)), key=lambda k: (entities[k]["start"], entities[k]["end"]))
    new_index = {old: new for new, old in enumerate(order)}
    entities = [entities[k] for k in order]
    out = []
    for src, dst, label, target, oriented, *given in relations:
        for key in (src, dst):
            if key not in keys:
                raise _Problem(f"relation to unknown span {key!r}")
        head, tail = new_index[keys[src]], new_index[keys[dst]]
        h, t = entities[head], entities[tail]
        if not (h["label"] == "METRIC" and t["label"] in QUANTITY_LABELS):
            if t["label"] == "METRIC" and h["label"] in QUANTITY_LABELS:
                if oriented:
                    fixes.append(f"relation {h['text']!r} -> {t['text']!r} reversed to METRIC -> {h['label']}")
                head, tail = tail, head
            else:
                raise _Problem(f"relation {h['text']!r} ({h['label']}) - {t['text']!r} ({t['label']})"
                               " must link a METRIC and an AMOUNT/PERCENT")
        rel = {"head": head, "tail": tail, "label": label, "target": target}
        if label == "CHANGE":
            rel["direction"] = (given[0] if given and given[0] else
                                relation_direction(text, (h["start"], h["end"]), (t["start"], t["end"])))
            if rel["direction"] is None:
                raise _Problem(f"CHANGE {h['text']!r} -> {t['text']!r}: no change word before the value; "
                               "give its direction (up/down) in the export")
        out.append(rel)
    out.sort(key=lambda r: (r["head"], r["tail"]))
    if fixes:
        meta["fixes"] = list(meta.get("fixes", [])) + fixes
    return {"text": text, "entities": entities, "relations": out, "meta": meta}


def _entity(text: str, span: dict, fixes: list[str]) -> dict:
    start, end, label = span["start"], span["end"], span["label"]
    if label not in LABELS:
        raise _Problem(f"unknown label {label!r}")
    if not (_int(start) and _int(end) and 0 <= start < end <= len(text)):
        raise _Problem(f"{label} offsets {start!r}-{end!r} outside the text (length {len(text)})")
    given = span.get("text")
    if given is not None and given != text[start:end]:
        raise _Problem(f"{label} {given!r} is not text[{start}:{end}] = {text[start:end]!r}")
    s, e = start, end
    while s < e and text[s] in EDGE_CHARS:
        s += 1
    while e > s and text[e - 1] in EDGE_CHARS:
        e -= 1
    if s == e:
        raise _Problem(f"{label} {text[start:end]!r} at {start}-{end} is only punctuation or space")
    if (s, e) != (start, end):
        fixes.append(f"{label} {text[start:end]!r} at {start}-{end} trimmed to {text[s:e]!r} at {s}-{e}")
    ent = {"start": s, "end": e, "label": label, "text": text[s:e]}
    if label in QUANTITY_LABELS:
        ent.update(_quantity(text, s, e, label, {k: span[k] for k in VALUE_FIELDS if k in span}))
    return ent


def _quantity(text: str, start: int, end: int, label: str, given: dict) -> dict:
    needed = {"value", "unit", "qualifier"}
    if given.get("qualifier") == "range":
        needed |= {"low", "high"}
    fields = dict(given)
    if not needed <= given.keys():
        from ..quantities import QuantityError, read_quantity_at
        try:
            read = read_quantity_at(text, start, end).to_dict()
        except QuantityError as exc:
            raise _Problem(f"{label} {text[start:end]!r}: {exc} (give value/unit/qualifier in the export)") from exc
        fields = {**read, **given}
    if fields.get("qualifier") != "range":
        fields.pop("low", None)
        fields.pop("high", None)
    return {k: fields[k] for k in VALUE_FIELDS if k in fields}


def _meta(path: Path, item_meta: Any, item_id: Any, fallback_id: str) -> dict:
    meta = dict(item_meta) if isinstance(item_meta, dict) else {}
    meta.setdefault("source", str(path))
    meta.setdefault("doc", path.stem)  # the export names the document unless an item says otherwise
    if "id" not in meta:
        meta["id"] = str(item_id) if item_id is not None else fallback_id
    return meta


def _convert(path: Path, items: Iterable[tuple[str, Any]], convert: Callable[[Any, str], dict | None]) -> list[dict]:
    records = []
    for where, item in items:
        try:
            if not isinstance(item, dict):
                raise _Problem("item is not a JSON object")
            rec = convert(item, where)
        except _Problem as exc:
            raise ImportFormatError(f"{path}:{where}: {exc}") from None
        except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
            raise ImportFormatError(f"{path}:{where}: malformed item ({type(exc).__name__}: {exc})") from None
        if rec is not None:
            records.append(rec)
    return records


def _jsonl(path: Path) -> Iterator[tuple[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield str(n), json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ImportFormatError(f"{path}:{n}: not JSON: {exc.msg}") from None


# ---------------------------------------------------------------- Label Studio

def from_label_studio(path: str | Path, text_key: str = "text") -> list[dict]:
    """Records from a Label Studio JSON export (latest annotation of each task)."""
    path = Path(path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{path}:{exc.lineno}: not JSON: {exc.msg}") from None
    if not isinstance(tasks, list):
        raise ImportFormatError(f"{path}:1: expected a JSON list of tasks")

    def convert(task: dict, where: str) -> dict | None:
        data = task.get("data")
        if not isinstance(data, dict) or not isinstance(data.get(text_key), str):
            raise _Problem(f"data.{text_key} missing or not a string")
        text = data[text_key]
        annotation = _latest_annotation(task.get("annotations") or [])
        if annotation is None:
            return None
        spans, relations = [], []
        for r in annotation.get("result") or []:
            if r.get("type") == "labels":
                v = r["value"]
                labels = v.get("labels") or []
                if len(labels) != 1:
                    raise _Problem(f"region {r.get('id')!r} needs exactly one label, has {labels!r}")
                spans.append({**{k: v[k] for k in VALUE_FIELDS if k in v},
                              "key": r.get("id"), "label": labels[0], **_ls_offsets(text, v)})
            elif r.get("type") == "relation":
                names = list(r.get("labels") or [])
                target = any(n in ("target", "TARGET") for n in names)
                given = next((n.lower() for n in names if n.lower() in DIRECTIONS), None)
                kinds = [n for n in names if n not in ("target", "TARGET") and n.lower() not in DIRECTIONS]
                if len(kinds) != 1:
                    raise _Problem(f"relation {r.get('from_id')!r} -> {r.get('to_id')!r} needs one of "
                                   f"VALUE/CHANGE (plus 'target'), has {names!r}")
                label, _ = _relation_label(kinds[0], ())
                src, dst = r["from_id"], r["to_id"]
                direction = r.get("direction", "right")
                if direction == "left":
                    src, dst = dst, src
                relations.append((src, dst, label, target, direction != "bi", given))
        meta = _meta(path, data.get("meta"), data.get("id", task.get("id")), f"{path.name}:{where}")
        return _build(text, spans, relations, meta)

    return _convert(path, ((f"task {i}", t) for i, t in enumerate(tasks, 1)), convert)


def _latest_annotation(annotations: list) -> dict | None:
    usable = [(a.get("updated_at") or a.get("created_at") or "", i, a)
              for i, a in enumerate(annotations)
              if isinstance(a, dict) and not a.get("was_cancelled")]
    return max(usable, key=lambda x: x[:2])[2] if usable else None


def _ls_offsets(text: str, v: dict) -> dict:
    """Offsets of a Label Studio region, as Python string offsets."""
    start, end, given = v.get("start"), v.get("end"), v.get("text")
    out = {"start": start, "end": end, "text": given}
    if (given is not None and _int(start) and _int(end) and text[start:end] != given
            and any(ord(c) > 0xFFFF for c in text)):
        # The browser counts UTF-16 code units: characters beyond U+FFFF count twice.
        units = [0]
        for c in text:
            units.append(units[-1] + (2 if ord(c) > 0xFFFF else 1))
        if start in units and end in units:
            s, e = units.index(start), units.index(end)
            if text[s:e] == given:
                out.update(start=s, end=e)
    return out


# ---------------------------------------------------------------- Doccano

def from_doccano(path: str | Path) -> list[dict]:
    """Records from a Doccano JSONL export (``entities``/``relations`` or old ``label``)."""
    path = Path(path)

    def convert(line: dict, where: str) -> dict:
        text = line.get("text", line.get("data"))
        if "entities" in line:
            spans = [{**{k: e[k] for k in VALUE_FIELDS if k in e}, "key": e["id"],
                      "start": e["start_offset"], "end": e["end_offset"], "label": e["label"]}
                     for e in line["entities"]]
        else:
            spans = [{"key": i, "start": s, "end": e, "label": label}
                     for i, (s, e, label) in enumerate(line.get("label") or [])]
        relations = []
        for r in line.get("relations") or []:
            name, given = _split_direction(r["type"], ":")
            label, target = _relation_label(name, (":target",))
            relations.append((r["from_id"], r["to_id"], label, target, True, given))
        meta = _meta(path, line.get("meta"), line.get("id"), f"{path.name}:{where}")
        return _build(text, spans, relations, meta)

    return _convert(path, _jsonl(path), convert)


# ---------------------------------------------------------------- Prodigy

def from_prodigy(path: str | Path) -> list[dict]:
    """Records from a Prodigy JSONL export (``spans``/``rel.manual``; accepted answers)."""
    path = Path(path)

    def convert(task: dict, where: str) -> dict | None:
        if task.get("answer", "accept") != "accept":
            return None
        text, tokens = task.get("text"), task.get("tokens") or []
        spans = []
        for s in task.get("spans") or []:
            start, end = _prodigy_offsets(s, tokens)
            spans.append({**{k: s[k] for k in VALUE_FIELDS if k in s}, "key": (start, end),
                          "start": start, "end": end, "label": s["label"], "text": s.get("text")})
        relations = []
        for r in task.get("relations") or []:
            name, given = _split_direction(r["label"], "_")
            label, target = _relation_label(name, ("_TARGET",))
            head = _prodigy_offsets(r["head_span"], tokens)
            child = _prodigy_offsets(r["child_span"], tokens)
            relations.append((head, child, label, target, True, given))
        meta = _meta(path, task.get("meta"), task.get("id"), f"{path.name}:{where}")
        return _build(text, spans, relations, meta)

    return _convert(path, _jsonl(path), convert)


def _prodigy_offsets(span: dict, tokens: list) -> tuple:
    if "start" in span and "end" in span:
        return span["start"], span["end"]
    try:
        return tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]
    except (KeyError, IndexError, TypeError):
        raise _Problem(f"span {span!r} has neither char offsets nor valid token indices") from None


# ---------------------------------------------------------------- entry points

IMPORTERS: dict[str, Callable[..., list[dict]]] = {
    "label-studio": from_label_studio,
    "doccano": from_doccano,
    "prodigy": from_prodigy,
}


def import_file(path: str | Path, fmt: str, **options: Any) -> list[dict]:
    """Records from ``path`` in format ``fmt`` (``label-studio``, ``doccano``, ``prodigy``)."""
    try:
        importer = IMPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(IMPORTERS)}") from None
    return importer(path, **options)


def write_jsonl(records: Iterable[dict], path: str | Path) -> int:
    """Write ``records`` one JSON object per line (UTF-8, unescaped); return the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n
