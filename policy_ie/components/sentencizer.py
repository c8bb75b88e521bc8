"""Rule-based sentence boundaries: after 。！？!? (and closing quotes) and at line breaks."""
from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..segmentation import CLOSERS, SENTENCE_ENDS
from .doc_views import token_texts

_ENDS = frozenset(SENTENCE_ENDS)
_CLOSERS = frozenset(CLOSERS)


def sentence_starts(words: list[str]) -> list[int]:
    """1 for a token that starts a sentence, -1 otherwise (spaCy's SENT_START values)."""
    starts = [-1] * len(words)
    if not words:
        return starts
    starts[0] = 1
    boundary = False
    for i, text in enumerate(words):
        if i and boundary and not text.isspace() and text not in _CLOSERS and text[0] not in _ENDS:
            starts[i] = 1
            boundary = False
        if text[-1] in _ENDS or "\n" in text:
            boundary = True
    return starts


@Language.factory("policy_ie_sentencizer", assigns=["token.is_sent_start"])
def make_sentencizer(nlp: Language, name: str):
    """The rule sentencizer (a factory, so that the ``spacy_factories`` entry point names it)."""
    return policy_ie_sentencizer


def policy_ie_sentencizer(doc: Doc) -> Doc:
    """Mark sentence starts the way ``policy_ie.segmentation.split_sentences`` splits text."""
    if len(doc):
        starts = sentence_starts(token_texts(doc))
        doc.from_array([SENT_START], numpy.asarray(starts, dtype="int32").reshape(-1, 1).astype("uint64"))
    return doc
