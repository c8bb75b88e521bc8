"""Corpus records → spaCy Docs / DocBin files (cleaned text, gold entities and relations)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Corpus
from spacy.util import registry

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
    """A DocBin of the gold Docs of ``records``; each Doc of a record with a ``meta.doc`` knows
    its place in that document (``doc._.document_piece``: document, index of the record by
    ``meta.start``, number of records), so components that read documents in order can be
    trained on sentence Docs."""
    records = list(records)
    db = DocBin(store_user_data=True)
    places = document_places(records)
    for i, rec in enumerate(records):
        doc = record_to_doc(nlp, rec)
        if doc is not None:
            if i in places:
                doc._.document_piece = places[i]
            db.add(doc)
    return db


def document_places(records: list[dict]) -> dict[int, tuple]:
    """``{record index: (document, index, count)}`` for the records with a ``meta.doc``, ordered
    within their document by ``meta.start``."""
    by_doc: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        doc = rec.get("meta", {}).get("doc")
        if doc is not None:
            by_doc.setdefault(doc, []).append(i)
    places = {}
    for doc, items in by_doc.items():
        items.sort(key=lambda i: records[i]["meta"].get("start", 0))
        for k, i in enumerate(items):
            places[i] = (doc, k, len(items))
    return places


def load_splits(path: Path) -> dict[str, list[str]]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


DOCUMENT_CONTEXT = ("document_piece",)  # what a gold Doc knows of its document


@registry.readers("policy_ie.Corpus.v1")
def create_corpus_reader(path: Path | None, gold_preproc: bool = False, max_length: int = 0, limit: int = 0,
                         augmenter=None):
    """``spacy.Corpus.v1`` whose predicted Docs also know their place in their document
    (:data:`DOCUMENT_CONTEXT`, copied from the gold Doc), so components that read documents in
    order (the target classifier) are scored during ``spacy train`` as ``parse`` runs them."""
    corpus = Corpus(path, gold_preproc=gold_preproc, max_length=max_length, limit=limit, augmenter=augmenter)

    def read(nlp: Language):
        for eg in corpus(nlp):
            for name in DOCUMENT_CONTEXT:
                value = eg.reference._.get(name)
                if value is not None:
                    eg.predicted._.set(name, tuple(value))
            yield eg

    return read
