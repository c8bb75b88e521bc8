"""Rule-based sentence boundaries: after 。！？!? (and closing quotes) and at line breaks."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

_ENDS = frozenset("。！？!?")
_CLOSERS = frozenset("”’」』）)]》")


@Language.component("policy_ie_sentencizer")
def policy_ie_sentencizer(doc: Doc) -> Doc:
    """Mark sentence starts the way ``policy_ie.sentences.split_sentences`` splits text."""
    n = len(doc)
    if not n:
        return doc
    doc[0].is_sent_start = True
    boundary = False
    for i in range(n):
        tok = doc[i]
        text = tok.text
        if i:
            if boundary and not text.isspace() and text not in _CLOSERS and text[0] not in _ENDS:
                tok.is_sent_start = True
                boundary = False
            else:
                tok.is_sent_start = False
        if text[-1] in _ENDS or "\n" in text:
            boundary = True
    return doc
