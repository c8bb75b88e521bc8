"""Coordinated lists and clauses: what the relation features and the evaluation call a list.

Two items are coordinated when only a joining word stands between them (、 和 及 与 以及,
quote marks and spaces aside): `接待游客人次`、`出游总花费`分别增长`20.7%`、`15.3%`.
A clause ends at ，；：。！？ (a comma between digits, as in 1,200, ends none).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Sequence

from .metric_edges import PROJECT_LEADING_VERBS, PROJECT_TRAILING_VERBS
from .schema import METRIC

_QUOTES = r"[\s“”\"'‘’「」]*"
_JOINT = _QUOTES + r"(?:、和|以及|、|和|及|与)" + _QUOTES  # the longer joiners first, for finditer
_JOINED = re.compile(_JOINT)
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


_ITEM_JOINT = re.compile(_QUOTES + "、" + _QUOTES)
_WORD_JOINT_END = re.compile(_JOINT + "$")
_BEFORE_RESPECTIVELY = 8  # 分别 stands this close after the list (分别增长, 总量分别达到)
EACH = re.compile(r"(?:也|亦)?(?:均|都)")  # 均/都 right after a list: each item takes the value


def _items(text: str, start: int, end: int, joint: re.Pattern) -> list[tuple[int, int]]:
    items, last = [], start
    for m in joint.finditer(text, start, end):
        items.append((last, m.start()))
        last = m.end()
    items.append((last, end))
    return items if all(b > a for a, b in items) else [(start, end)]


def distributed_items(text: str, members: Sequence[tuple[int, int]],
                      values: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The items of each span of a run of coordinated METRIC spans (``members``: ``(start, end)`` in
    text order) when the run lists items that each take a value (guidelines and CONVENTIONS.md,
    Lists; ``values``: the ``(start, end)`` of the AMOUNT/PERCENTs): 分别 follows the run within its
    clause, then k ≥ 2 coordinated values, and cutting the spans at 、 (else also at 和/及/与) gives
    k items in all (``接待游客人次、出游总花费分别增长20.7%、15.3%``; ``新一代信息技术``、``新能源、输变电装备产业产值``
    分别增长 three values); or 均/都 follows the run directly and then a value in its clause
    (``基本养老保险、基本医疗保险参保率均达到95%``: cut at 、, else at 和/及/与). Otherwise, or when a
    span holds 等 (食品、石化、医药等产业增加值: the head alone), each span whole."""
    whole = [[m] for m in members]
    if not members or any("等" in text[a:b] for a, b in members):
        return whole
    how, k = values_after(text, members[-1][1], values)
    if how == "each":
        return [_items(text, a, b, _ITEM_JOINT if "、" in text[a:b] else _JOINED) for a, b in members]
    if how == "respectively" and k >= 2:
        for joint in (_ITEM_JOINT, _JOINED):
            parts = [_items(text, a, b, joint) for a, b in members]
            if sum(map(len, parts)) == k:
                return parts
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


_NAME_END = re.compile(r"[，,；;：:。！？!?\n（(）)《》、等]")
_NAME_START = re.compile(r"[，,；;：:。！？!?\n（(）)《》、]")
NAME_MAX_CHARS = 20


def _name_joint(text: str, at: int) -> bool:
    """Whether the 和/及/与 at ``at`` joins two names (two characters or more on each side: not the
    和 of 协和天津基地)."""
    return (text[at:at + 1] in ("和", "及", "与") and at >= 2 and not _NAME_START.search(text, at - 2, at)
            and not _NAME_END.search(text, at + 1, at + 3) and len(text) >= at + 3)


def coordinated_names(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names joined by 、 to the name ``text[start:end]`` (a PROJECT) in its clause
    (``中石化催化剂、中海油新材料、燕山石化绿色新材料等重点项目``), each up to the next 、, 等, clause mark
    or 和/及/与 between two names of two characters or more, without the verb before the first or
    after the last (实施…, …通水: ``metric_edges``). A name that would be long, short, quoted or hold
    a digit, % or 等 ends the walk in its direction."""
    def keep(a: int, b: int) -> tuple[int, int] | None:
        m = PROJECT_LEADING_VERBS.match(text, a, b)
        a = m.end() if m else a
        m = PROJECT_TRAILING_VERBS.search(text, a, b)
        b = m.start() if m else b
        name = text[a:b]
        if b - a < 2 or any(ch.isdigit() or ch in "%％等“”\"「」" for ch in name):
            return None
        return a, b

    out = []
    pos = end
    while pos < len(text) and (text[pos] == "、" or _name_joint(text, pos)):  # names after it
        a = b = pos + 1
        while b < len(text) and b - a <= NAME_MAX_CHARS and not _NAME_END.match(text, b) \
                and not _name_joint(text, b):
            b += 1
        if b >= len(text) or b - a > NAME_MAX_CHARS or (item := keep(a, b)) is None:
            break
        out.append(item)
        pos = b
    pos = start
    while pos > 0 and text[pos - 1] == "、":  # names before it
        a = b = pos - 1
        while a > 0 and b - a <= NAME_MAX_CHARS and not _NAME_START.match(text, a - 1):
            a -= 1
        if b - a > NAME_MAX_CHARS or (item := keep(a, b)) is None:
            break
        out.insert(0, item)
        pos = a
    return out
