"""Conversions between spaCy Docs, corpus records and parse results (offsets both ways)."""
from __future__ import annotations

from spacy.tokens import Doc

from .components.doc_views import doc_text, sentence_bounds, sentence_chars
from .components import indicator_linker, quantity_ruler  # noqa: F401  (Span._.quantity, ._.indicator)
from .schema import METRIC, QUANTITY_LABELS
from .text import CleanText


def doc_to_result_parts(doc: Doc, ct: CleanText, offset: int, result) -> None:
    """Append the entities, relations and sentences of ``doc`` (a chunk of ``ct.text``
    starting at ``offset``) to ``result``, with offsets into ``ct.original``."""
    index: dict[int, int] = {}
    for ent in doc.ents:
        s, e = offset + ent.start_char, offset + ent.end_char
        os_, oe = ct.to_original(s, e)
        item = {"start": os_, "end": oe, "label": ent.label_, "text": ct.original[os_:oe]}
        if ent.label_ in QUANTITY_LABELS:
            fields = ent._.quantity
            if fields is None:
                continue  # a number that does not read is dropped, not guessed
            item.update(fields)
        elif ent.label_ == METRIC:  # None for both when the pipeline has no indicator linker
            item.update(name=ent._.indicator_name, indicator=ent._.indicator)
        index[ent.start] = len(result.entities)
        result.entities.append(item)
    for r in doc._.rels or []:
        h, t = index.get(r["head_start"]), index.get(r["tail_start"])
        if h is None or t is None:
            continue
        rel = {"head": h, "tail": t, "label": r["label"], "target": bool(r.get("target"))}
        if r["label"] == "CHANGE" and r.get("direction"):
            rel["direction"] = r["direction"]
        if r.get("score") is not None:
            rel["score"] = r["score"]
        result.relations.append(rel)
    if doc.has_annotation("SENT_START"):
        text = doc_text(doc)
        for a, b in sentence_chars(doc, sentence_bounds(doc)):
            stripped = text[a:b].rstrip()
            if stripped:
                result.sentences.append(ct.to_original(offset + a, offset + a + len(stripped)))
