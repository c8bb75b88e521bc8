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



_ITEM_JOINT = re.compile(r"[\s“”\"'‘’「」]*、[\s“”\"'‘’「」]*")
_WORD_JOINT = re.compile(r"[\s“”\"'‘’「」]*(?:、和|以及|、|和|及|与)[\s“”\"'‘’「」]*")
_WORD_JOINT_END = re.compile(r"[\s“”\"'‘’「」]*(?:、和|以及|、|和|及|与)[\s“”\"'‘’「」]*$")
_BEFORE_RESPECTIVELY = 8  # 分别 stands this close after the list (分别增长, 总量分别达到)
EACH = re.compile(r"(?:也|亦)?(?:均|都)")  # 均/都 right after a list: each item takes the value


def _items(text: str, start: int, end: int, joint: re.Pattern) -> list[tuple[int, int]]:
    items, last = [], start
    for m in joint.finditer(text, start, end):
        items.append((last, m.start()))
        last = m.end()
    items.append((last, end))
    return items if all(b > a for a, b in items) else [(start, end)]


def distributed_items(text: str, start: int, end: int, values: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of the span ``text[start:end]`` when it is a list without 等 whose items each take a
    value (guidelines and CONVENTIONS.md, Lists): 分别 follows it within its clause, then a run of k ≥ 2
    coordinated values (``values``: their ``(start, end)`` offsets), and splitting at 、 (else also at
    和/及/与) gives k items (``接待游客人次、出游总花费分别增长20.7%、15.3%``); or 均/都 follows it
    directly, then a value in its clause (``基本养老保险、基本医疗保险参保率均达到95%``: split at 、,
    else at 和/及/与). Otherwise, or when the span holds 等 (食品、石化、医药等产业增加值: the head
    alone), ``[(start, end)]``."""
    span = text[start:end]
    whole = [(start, end)]
    if "等" in span or not _WORD_JOINT.search(span):
        return whole
    after = []
    for v in sorted((v for v in values if v[0] >= end), key=lambda v: (v[0], -v[1])):  # overlaps: the longest
        if not after or v[0] >= after[-1][1]:
            after.append(v)
    if not after:
        return whole
    each = EACH.match(text, end)
    if each:
        if _CLAUSE_MARK.search(text, end, after[0][0]):
            return whole
        items = _items(text, start, end, _ITEM_JOINT if "、" in span else _WORD_JOINT)
        return items
    at = text.find(RESPECTIVELY, end, end + _BEFORE_RESPECTIVELY + len(RESPECTIVELY))
    if at < 0 or _CLAUSE_MARK.search(text, end, at) or after[0][0] < at:
        return whole
    if _CLAUSE_MARK.search(text, at, after[0][0]):
        return whole
    k = 1
    while k < len(after) and joined(text[after[k - 1][1]:after[k][0]]):
        k += 1
    if k < 2:
        return whole
    for joint in (_ITEM_JOINT, _WORD_JOINT):
        items = _items(text, start, end, joint)
        if len(items) == k:
            return items
    return whole


_LEFT_EDGE = re.compile(r"[，,；;：:。！？!?\s（(）)“”\"「」]")
_LEAD_WORDS = re.compile(r"^(?:其中|以及|对|向|在|与|和|及|为|使|让|将|把)")
ITEM_MAX_CHARS = 16


def values_after(text: str, end: int, values: Sequence[tuple[int, int]]) -> tuple[str, int]:
    """How the values after a list ending at ``end`` are distributed: ``("respectively", k)`` when
    分别 follows within the clause and then a run of k coordinated values, ``("each", 1)`` when
    均/都 follows directly and then a value in the clause, else ``("", 0)``."""
    after = []
    for v in sorted((v for v in values if v[0] >= end), key=lambda v: (v[0], -v[1])):  # overlaps: the longest
        if not after or v[0] >= after[-1][1]:
            after.append(v)
    if not after or _CLAUSE_MARK.search(text, end, after[0][0]):
        return "", 0
    if EACH.match(text, end):
        return "each", 1
    at = text.find(RESPECTIVELY, end, end + _BEFORE_RESPECTIVELY + len(RESPECTIVELY))
    if at < 0 or after[0][0] < at:
        return "", 0
    k = 1
    while k < len(after) and joined(text[after[k - 1][1]:after[k][0]]):
        k += 1
    return "respectively", k


def items_before(text: str, start: int, n: int) -> list[tuple[int, int]]:
    """Up to ``n`` list items written before the item at ``start`` (each ended by 、/和/及/与, the
    first started by a clause mark): ``对东盟、欧盟进出口`` → 东盟. Empty when the text before
    ``start`` is no joint, or an item would be long, hold a digit or 等."""
    out = []
    while len(out) < n:
        m = _WORD_JOINT_END.search(text, max(0, start - 4), start)
        if not m or m.end() != start:
            break
        end = m.start()
        left = end
        while left > 0 and end - left <= ITEM_MAX_CHARS and not _LEFT_EDGE.match(text, left - 1) \
                and not _ITEM_JOINT.match(text, left - 1):
            left -= 1
        item = text[left:end]
        lead = _LEAD_WORDS.match(item)
        if lead:
            left += lead.end()
        if end - left < 2 or end - left > ITEM_MAX_CHARS or any(ch.isdigit() or ch == "等" for ch in text[left:end]):
            break
        out.insert(0, (left, end))
        start = left
    return out
