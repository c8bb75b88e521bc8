"""Corpus records → spaCy Docs / DocBin files (cleaned text, gold entities and relations)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from ..text import clean


def record_to_doc(nlp: Language, rec: dict) -> Doc | None:
    """The gold Doc of one record: tokens of the cleaned text, entities and ``_.rels``.

    Returns None when the record's text is all debris or blank.
    """
    from .. import components  # noqa: F401  (Doc._.rels)

    ct = clean(rec["text"])
    if not ct.text.strip():
        return None
    doc = nlp.make_doc(ct.text)
    spans, token_of = [], {}
    for i, e in enumerate(rec["entities"]):
        cspan = ct.to_clean(e["start"], e["end"])
        span = None
        if cspan is not None:
            span = doc.char_span(cspan[0], cspan[1], label=e["label"], alignment_mode="expand")
        if span is None:
            raise ValueError(f"entity {e['text']!r} of {rec.get('meta', {}).get('id')} does not align to tokens")
        spans.append(span)
        token_of[i] = span
    doc.set_ents(spans)
    doc._.rels = [
        {"head_start": token_of[r["head"]].start, "head_end": token_of[r["head"]].end,
         "tail_start": token_of[r["tail"]].start, "tail_end": token_of[r["tail"]].end,
         "label": r["label"], "target": bool(r["target"]), "score": 1.0}
        for r in rec["relations"]
    ]
    for k, tok in enumerate(doc):
        tok.is_sent_start = k == 0
    return doc


def read_records(paths: Iterable[Path]) -> Iterator[dict]:
    """Every record of the given JSONL files (or directories of them; draft files are converted)."""
    from .validate import corpus_records

    for f, n, rec, err in corpus_records(paths):
        if err:
            raise ValueError(f"{f}:{n}: {err}")
        yield rec


def records_to_docbin(nlp: Language, records: Iterable[dict]) -> DocBin:
    db = DocBin(store_user_data=True)
    for rec in records:
        doc = record_to_doc(nlp, rec)
        if doc is not None:
            db.add(doc)
    return db


def load_splits(path: Path) -> dict[str, list[str]]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
