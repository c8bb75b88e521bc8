"""Direction of a CHANGE: ``up`` or ``down``, from the change word written before the value.

ANNOTATION_GUIDELINES.md ("Relations"): ``up`` for 增长, 增加, 提高, 提升, 上升, 扩大,
高于/超出 … N; ``down`` for 下降, 减少, 降低, 压缩, 压减, 缩短, 削减, 回落, 低于 … N.
The value stays a magnitude. :func:`change_direction` reads the nearest change word
before the value (a list's shared verb reaches every item: 分别下降5%、3%), in
simplified or traditional script.
"""
from __future__ import annotations

import re

from .schema import DIRECTIONS  # noqa: F401  (the words below give one of these)

# Longest first inside each alternation; one-character words come last and only
# count right before the number (比上年多3个, 低0.5个百分点).
UP_WORDS = ("超计划", "上调", "调增", "增长", "增加", "提高", "提升", "上升", "扩大", "高于", "超出", "超过预期", "上涨", "上扬", "攀升",
            "加快", "快于", "多于", "净增", "新增", "增收", "增产", "增量", "增", "翻", "拉高", "抬升",
            "跃升", "回升", "反弹", "涨", "升", "高", "多", "快", "加")
# 改善 is no change word: an improved PM2.5 concentration fell, an improved share rose
DOWN_WORDS = ("下调", "调减", "核减", "裁减", "降价", "压降", "微降", "减轻", "下降", "减少", "降低", "压缩", "压减", "缩短", "削减", "回落", "低于", "下滑", "下跌", "缩小",
              "收窄", "缩减", "减量", "精简", "节约", "节省", "减排", "减", "降", "少于", "慢于", "跌", "落",
              "低", "少", "慢", "省")

_TRAD = str.maketrans("長漲減縮壓節約於升", "长涨减缩压节约于升")
_DIR = {**{w: "up" for w in UP_WORDS}, **{w: "down" for w in DOWN_WORDS}}
_WORD = re.compile("|".join(re.escape(w) for w in sorted((w for w in _DIR if len(w) > 1), key=len, reverse=True)))
# a one-character word counts only right before the number (比上年多3个, 低0.5个百分点)
_SINGLE = re.compile(r"([%s])[了出]?(?:约|近|超|逾)?$" % "".join(w for w in _DIR if len(w) == 1))


# a METRIC, one of these verbs and its value, nothing between (农村贫困人口减少1442万人): the guidelines'
# "a change verb keeps the indicator bare", always CHANGE in the corpus (762 of 762 train and dev relations)
CHANGE_VERBS = ("增长", "增加", "提高", "提升", "上升", "扩大", "下降", "减少", "降低", "压缩", "压减", "缩短", "削减", "回落")
_CHANGE_VERB = re.compile("(?:%s)了?" % "|".join(CHANGE_VERBS))


def is_change_verb(between: str) -> bool:
    """True when the text between a METRIC and its value is only a change verb (and 了)."""
    return _CHANGE_VERB.fullmatch(between.translate(_TRAD)) is not None


def change_direction(before: str) -> str | None:
    """``up``/``down`` for a CHANGE whose value follows ``before`` (the text between the
    metric and the value, or the sentence up to the value); None when no change word is found.
    The change word nearest the value decides."""
    text = before.translate(_TRAD)
    last = None
    for last in _WORD.finditer(text):
        pass
    single = _SINGLE.search(text)
    if single is not None and (last is None or single.start() >= last.end()):
        return _DIR[single.group(1)]
    return _DIR[last.group()] if last is not None else None


_CLAUSE_END = re.compile(r"[，,；;。：:！？!?]")
_AFTER = re.compile(r"^(?:的|左右|以上)?(?:增长|增幅|的增长|上升|提高)")
# 改善 of a concentration is a fall (CONVENTIONS: PM2.5浓度改善16.5% is down)
_CONCENTRATION = re.compile("浓度|濃度")
DEFAULT_DIRECTION = "up"  # the pipeline's choice when no change word is found: the majority of gold CHANGEs


def relation_direction(text: str, head: tuple[int, int], tail: tuple[int, int]) -> str | None:
    """:func:`change_direction` for a METRIC at ``head`` and its value at ``tail`` (character
    offsets into ``text``): the words between them decide, else the words of the clause
    before the METRIC (压减一般性支出25%, 降低交通物流成本65亿元), else a growth word right
    after the value (保持10%以上增长), else ``down`` for 改善 of a concentration."""
    if head[1] <= tail[0]:
        found = change_direction(text[head[1]:tail[0]])
        if found is None:
            found = change_direction(_CLAUSE_END.split(text[:head[0]])[-1])
    else:
        found = change_direction(_CLAUSE_END.split(text[:tail[0]])[-1])
    if found is None and _AFTER.match(text[tail[1]:tail[1] + 6]):
        found = "up"
    if found is None and head[1] <= tail[0] and "改善" in text[head[1]:tail[0]] \
            and _CONCENTRATION.search(text[head[0]:head[1]]):
        found = "down"
    return found
