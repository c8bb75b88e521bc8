"""Array-backed views of a Doc: token texts, sentence bounds and the entities of one label.

Tokens are single characters, so ``doc.sents``, ``span.sent`` and ``[t.text for t
in doc]`` build one Python ``Token`` per character; these read the same facts
from ``Doc.to_array`` instead.
"""
from __future__ import annotations

import bisect
import weakref
from typing import List, Tuple

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, ORTH, SENT_START
from spacy.tokens import Doc, Span


_TEXTS: "weakref.WeakKeyDictionary[Doc, Tuple[int, str]]" = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: ``Doc.text`` joins one Python ``Token`` per character
    each time it is read, and several components read it. Kept while the Doc lives, and
    rebuilt if its length changed (a retokenized Doc)."""
    cached = _TEXTS.get(doc)
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        _TEXTS[doc] = cached
    return cached[1]


def remember_text(doc: Doc, text: str) -> None:
    """Give :func:`doc_text` the text a tokenizer made ``doc`` from (``doc.text == text``)."""
    _TEXTS[doc] = (len(doc), text)


def token_texts(doc: Doc) -> List[str]:
    """``[t.text for t in doc]``."""
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array(ORTH).tolist()]


def sentence_start_tokens(doc: Doc) -> List[int]:
    """Start token of every sentence (``[s.start for s in doc.sents]``); ``[0]`` for
    a doc without sentence boundaries, ``[]`` for an empty one."""
    if not len(doc):
        return []
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return starts


def sentence_bounds(doc: Doc) -> List[Tuple[int, int]]:
    """``(start, end)`` token offsets of every sentence, as ``doc.sents`` gives them."""
    starts = sentence_start_tokens(doc)
    return list(zip(starts, starts[1:] + [len(doc)]))


def sentence_of(starts: List[int], token_index: int) -> int:
    """The start token of the sentence holding ``token_index`` (``starts`` from
    :func:`sentence_start_tokens`)."""
    return starts[bisect.bisect_right(starts, token_index) - 1]


def sentence_chars(doc: Doc, bounds: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """``(start_char, end_char)`` of each token span in ``bounds`` (``Span.text`` is
    ``doc.text[start_char:end_char]``)."""
    if not bounds:
        return []
    a = doc.to_array([IDX, LENGTH])
    return [(int(a[s, 0]), int(a[e - 1, 0] + a[e - 1, 1])) for s, e in bounds]


def entities_of(doc: Doc, label: str) -> List[Span]:
    """``[e for e in doc.ents if e.label_ == label]``, without a ``Token`` per character."""
    if not len(doc):
        return []
    arr = doc.to_array([ENT_IOB, ENT_TYPE])
    key = doc.vocab.strings[label] if label in doc.vocab.strings else None
    starts = numpy.flatnonzero((arr[:, 0] == 3) & (arr[:, 1] == key)).tolist() if key is not None else []
    out = []
    for s in starts:  # an entity runs from its B token over the I tokens after it
        e = s + 1
        while e < len(arr) and arr[e, 0] == 1:
            e += 1
        out.append(Span(doc, s, e, label=label))
    return out
