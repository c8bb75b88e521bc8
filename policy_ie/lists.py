"""Coordinated lists and clauses: what the relation features and the evaluation call a list.

Two items are coordinated when only a joining word stands between them (、 和 及 与 以及,
quote marks and spaces aside): `接待游客人次`、`出游总花费`分别增长`20.7%`、`15.3%`.
A clause ends at ，；：。！？ (a comma between digits, as in 1,200, ends none).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Sequence

from .schema import METRIC

_JOINED = re.compile(r"[\s“”\"'‘’「」]*(?:、|和|及|与|以及|、和)[\s“”\"'‘’「」]*")
_CLAUSE_MARK = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d)")
RESPECTIVELY = "分别"


def joined(between: str) -> bool:
    """Whether ``between`` (the text between two items) only joins them into a list."""
    return _JOINED.fullmatch(between) is not None


def list_groups(spans: Sequence, text: str) -> list[tuple[int, int]]:
    """``(position, size)`` for each of ``spans`` (objects with ``start_char``/``end_char``, in
    text order) in its run of coordinated spans; a span outside any list is ``(0, 1)``."""
    groups: list[list[int]] = []
    for i, span in enumerate(spans):
        if groups and joined(text[spans[i - 1].end_char:span.start_char]):
            groups[-1].append(i)
        else:
            groups.append([i])
    out = [(0, 1)] * len(spans)
    for group in groups:
        for pos, i in enumerate(group):
            out[i] = (pos, len(group))
    return out


def clause_breaks(text: str) -> list[int]:
    """Offsets of the characters of ``text`` that end a clause; see :func:`clause_of`."""
    return [m.start() for m in _CLAUSE_MARK.finditer(text)]


def clause_of(breaks: list[int], offset: int) -> int:
    """The index of the clause holding character ``offset`` (``breaks`` from :func:`clause_breaks`)."""
    return bisect_left(breaks, offset)


def is_list_sentence(text: str, entities: Sequence[dict]) -> bool:
    """Whether a gold sentence holds a list: 分别, or two METRICs joined only by 、/和/及/与
    (which covers two relations whose METRICs are so joined). ``entities`` in text order."""
    if RESPECTIVELY in text:
        return True
    metrics = [e for e in entities if e["label"] == METRIC]
    return any(joined(text[a["end"]:b["start"]]) for a, b in zip(metrics, metrics[1:]))
