"""Array-backed views of a Doc: token texts and sentence bounds.

Tokens are single characters, so ``doc.sents``, ``span.sent`` and ``[t.text for t
in doc]`` build one Python ``Token`` per character; these read the same facts
from ``Doc.to_array`` instead.
"""
from __future__ import annotations

import bisect
from typing import List, Tuple

import numpy
from spacy.attrs import IDX, LENGTH, ORTH, SENT_START
from spacy.tokens import Doc


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
