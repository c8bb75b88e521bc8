"""Sentence boundaries for Chinese report text, as character offsets."""
from __future__ import annotations

import re

# A sentence ends at 。！？!? (plus any closing quotes/brackets right after) or at a line break.
# The pipeline's sentencizer (components/sentencizer.py) uses the same two sets.
SENTENCE_ENDS = "。！？!?"
CLOSERS = "”’」』）)]》"
# characters of a written number and its magnitude words: a hard cut never falls inside
# or right after a run of them, so it cannot split 12.5% or 3826.5亿元
_NUMBERISH = frozenset("0123456789.,%０１２３４５６７８９．，％零〇一二两三四五六七八九十百千万亿")
_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]+[{re.escape(CLOSERS)}]*|\n+")


def split_sentences(text: str, max_len: int = 0) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the non-blank sentences of ``text``.

    Offsets exclude leading and trailing whitespace. With ``max_len`` > 0, a
    sentence longer than that is cut further at ；; or ，, and finally hard-cut,
    so no span exceeds ``max_len`` characters; a hard cut moves back to before a
    number it would split.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _END.finditer(text):
        _add(text, pos, m.end(), spans, max_len)
        pos = m.end()
    _add(text, pos, len(text), spans, max_len)
    return spans


def _add(text: str, start: int, end: int, spans: list, max_len: int) -> None:
    """Append the stripped span ``[start, end)``, cut into pieces of at most ``max_len``
    (a loop, not recursion: a sentence of any length is cut without a deep stack)."""
    while True:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return
        if max_len <= 0 or end - start <= max_len:
            spans.append((start, end))
            return
        cut = _cut(text, start, max_len)
        spans.append((start, cut))
        start = cut


def _cut(text: str, start: int, max_len: int) -> int:
    """Where the first piece of an over-long span starting at ``start`` ends: after the
    last ；; (else ，,) within ``max_len``, else a hard cut moved back before a number."""
    for punct in ("；;", "，,"):
        cut = max((text.rfind(p, start, start + max_len) for p in punct), default=-1)
        if cut > start:
            return cut + 1
    cut = start + max_len
    while cut > start + 1 and text[cut - 1] in _NUMBERISH:
        cut -= 1
    return start + max_len if cut == start + 1 else cut  # a number longer than max_len: cut it anyway
