"""Words a METRIC span leaves out at its edges (ANNOTATION_GUIDELINES.md, METRIC), and the verbs
around a list of PROJECT names.

The guidelines keep the indicator's name only: no leading whole-jurisdiction or
time words, no event verbs that only report the action, no verbs of level or
change. ``trim_metric`` strips them from a predicted span; the corpus
consistency checks flag gold spans that start with them. Each list holds only
words that (almost) never begin or end a gold METRIC in the corpus (none of the train
and dev gold METRICs ends with one of ``TRAILING_EVENT_VERBS`` or starts with 新建成);
``新增``, ``新建``, ``新开工`` and ``引进`` are left alone (the guidelines keep them where
the indicator's usual name has them), and so is ``全国`` (全国重点实验室 is a name).
``mine_edge_words`` finds a training corpus's own such words (the entity tagger collects them
when it is initialised), which ``trim_metric`` strips too.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Tuple

from .text import HAN_RUN

TIME_WORDS = ("前三季度", "上半年", "下半年", "全年", "年初以来", "五年来", "去年", "今年", "近年来", "累计")
JURISDICTION_WORDS = ("全区", "全市", "全省", "全国", "我省", "我市", "我区", "全县", "全州")
EVENT_VERBS = ("获批", "发行", "建成", "完成", "实施", "组织", "培育", "认定", "改造", "提升", "退出",
               "解决", "推广", "开展", "打造", "召开", "举办", "帮扶", "消除", "整治", "惠及", "实现", "达到")
LEVEL_WORDS = ("向", "实现", "达到", "达", "增长", "为", "突破", "下降", "提高", "提升", "同比", "分别", "累计",
               "完成", "占")

# event verbs after the counted object (完成4个城中村改造 → 城中村 is the guidelines' verb-object
# rule seen from the other side); 改造 and 整治 end indicator names (老旧小区改造), so they stay
TRAILING_EVENT_VERBS = tuple(w for w in EVENT_VERBS if w not in ("改造", "整治")) + (
    "创建", "扶持", "投用", "投产", "落地", "开工", "启用", "升级", "覆盖")

_LEADING = tuple(w for w in TIME_WORDS + JURISDICTION_WORDS + EVENT_VERBS + ("新建成",) if w != "全国")
_LEADING = tuple(sorted(set(_LEADING), key=len, reverse=True))
_TRAILING = tuple(sorted(set(LEVEL_WORDS + TRAILING_EVENT_VERBS), key=len, reverse=True))


# the verbs before the first name and after the last of a list of PROJECT names (实施中石化催化剂、
# 中海油新材料…; 南水北调东、中线工程通水): the action on the undertakings, not their names; and the
# generic 重点项目 after the last (市妇产医院西部院区、区医院改扩建重点项目)
PROJECT_LEADING_VERBS = re.compile(
    r"(?:实施|推动|推进|加快|支持|建设|打造|谋划|布局|建成|开工|启动|完成|争建|服务好|做实|深化|提升|优化|新建|新设|设立|引进|"
    r"落地|实现|开展|举办)+")
PROJECT_TRAILING_VERBS = re.compile(
    r"(?:通水|通车|封顶|投产|开工|建成|投用|运营|落地|启用|开诊|开业|签约|竣工|完工|获批|揭牌|亮相|重点项目)+$")


EDGE_WORD_LENGTHS = (4, 3, 2)


def trim_metric(text: str, leading: Iterable[str] = (), trailing: Iterable[str] = ()) -> tuple[int, int]:
    """Character offsets ``(start, end)`` of ``text`` without the words above at its
    edges, nor the ``leading`` / ``trailing`` words of a corpus (:func:`mine_edge_words`, two to
    four characters); the whole string if trimming would leave fewer than two characters."""
    lead, trail = frozenset(leading), frozenset(trailing)
    start, end = 0, len(text)
    changed = True
    while changed:
        changed = False
        for w in _LEADING:
            if text.startswith(w, start) and end - start - len(w) >= 2:
                start += len(w)
                changed = True
                break
        else:
            for n in EDGE_WORD_LENGTHS if lead else ():
                if end - start - n >= 2 and text[start:start + n] in lead:
                    start += n
                    changed = True
                    break
        for w in _TRAILING:
            if text.endswith(w, start, end) and end - start - len(w) >= 2:
                end -= len(w)
                changed = True
                break
        else:
            for n in EDGE_WORD_LENGTHS if trail else ():
                if end - start - n >= 2 and text[end - n:end] in trail:
                    end -= n
                    changed = True
                    break
    return start, end


def mine_edge_words(metrics: Iterable[Tuple[str, int, int]], min_count: int = 3) -> tuple[list[str], list[str]]:
    """The corpus's own edge words, from its gold METRICs (``(text, start, end)`` of each, in its
    sentence): the Han strings of two to four characters written right before a METRIC at least
    ``min_count`` times that begin none (leading: 其中, 安排, 各类…), and those written right after
    one that end none (trailing: 接近, 进入…). The annotators left them out, so a predicted METRIC
    loses them too (``trim_metric``)."""
    before, after, first, last = Counter(), Counter(), Counter(), Counter()
    for text, start, end in metrics:
        for n in EDGE_WORD_LENGTHS:
            if start - n >= 0:
                before[text[start - n:start]] += 1
            if end + n <= len(text):
                after[text[end:end + n]] += 1
            if end - start >= n:
                first[text[start:start + n]] += 1
                last[text[end - n:end]] += 1

    def words(near: Counter, inside: Counter) -> list[str]:
        return sorted(w for w, c in near.items() if c >= min_count and not inside[w] and HAN_RUN.fullmatch(w))

    return words(before, first), words(after, last)


# 经济增长5%左右 (the headline GDP target or result): the METRIC is 经济 (CONVENTIONS); the
# tagger sometimes leaves it out at the head of a target paragraph
_GROWTH_SUBJECT = re.compile(r"(?:^|(?<=[：:，,；;、。（(是]))经济(?:年均|平均|预期)?(?:增长|增速)(?:预期目标为|目标为|为)?$")


def growth_subject(text: str, value_start: int) -> tuple[int, int] | None:
    """Offsets of the 经济 of ``经济增长`` right before a value at ``value_start``, or None."""
    m = _GROWTH_SUBJECT.search(text, max(0, value_start - 12), value_start)
    return (m.start(), m.start() + 2) if m else None
