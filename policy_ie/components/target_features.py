"""Features of a relation's ``target`` decision, sentence level and document level.

A document is read sentence by sentence in order; :class:`DocumentState` is what reading
carries from one sentence (and one piece of a document) to the next: the plan/review state
of the heading rules (:mod:`policy_ie.components.targets`), the last heading's numbering
level and kind, the report's own year as far as it can be estimated so far, and whether the
report presents a plan (its opening says so: 关于…五年计划的报告). :func:`relation_features`
turns one relation (the sentence, where its value stands, the state) into a fixed-length
vector of named features; the cue words and years are facts for a trained layer to weigh, not
decisions.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Optional

import numpy

from .targets import (GOAL_CUE, HEADING_MAX, PLAN_HEADING, RESULT_CUE, REVIEW_HEADING, heading_plan, is_heading,
                      sentence_target)

# full-width digits and the Chinese digits of a year (一九八四, 二〇二五, 二○○四) → 0-9
_DIGITS = str.maketrans("０１２３４５６７８９〇○零一二三四五六七八九", "0123456789000123456789")


def fold_digits(text: str) -> str:
    """``text`` with full-width and Chinese digits as ASCII digits, one character for one."""
    return text.translate(_DIGITS)


YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年")
# the report's own year: a delivery date, a title, a review heading (year + 1), a plan heading
OWN_YEAR = (
    (re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年\d{1,2}月\d{1,2}日在"), 0),
    (re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年.{0,12}政府工作报告"), 0),
    (re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年(?:国内)?(?:的)?(?:工作)?(?:的)?回顾"), 1),
    (re.compile(r"回顾(1[89]\d\d|20\d\d)年"), 1),
    (re.compile(r"(?:过去的|报告)(1[89]\d\d|20\d\d)年"), 1),
    (re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年(?:的)?(?:工作|任务|重点|主要任务|政府工作|经济社会发展)"), 0),
    # a year's targets stated (2026年主要预期目标是：…, 2026年经济增长预期目标为…): a snippet without a
    # title or headings; in the 103 shared reports an earlier sentence always states the year first
    (re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)年(?:的)?[^，。；：]{0,10}?预期目标(?:是|为|定为)"), 0),
)
# the session of the National People's Congress a report is delivered to (向第一届全国人民代表大会第二次会议
# 提出, 在第十三届全国人民代表大会第四次会议上, 我们第一届…第一次会议) in its opening sentences: the year
# whose plans it presents.
# Sessions of the 1st–5th congresses by date (the 3rd met from December 1964 to January 1965 and
# was given the plan of 1965); from the 6th on, one session a year from 1983.
NPC_SESSION = re.compile(r"(?:向|在|我们|我們)第([一二三四五六七八九十]+)[届屆]全[国國]人民代表大[会會]"
                         r"(?:第([一二三四五六七八九十]+)次[会會][议議])?")
NPC_SESSION_YEARS = {1: (1954, 1955, 1956, 1957, 1958), 2: (1959, 1960, 1962, 1963), 3: (1965,), 4: (1975,),
                     5: (1978, 1979, 1980, 1981, 1982)}


def npc_session_year(text: str) -> Optional[int]:
    """The year of the National People's Congress session ``text`` (digits not folded) says it is
    delivered to, or None."""
    m = NPC_SESSION.search(text)
    if not m:
        return None
    congress, session = heading_ordinal(m.group(1)), heading_ordinal(m.group(2)) if m.group(2) else 1
    if congress >= 6:
        return 1983 + 5 * (congress - 6) + session - 1
    years = NPC_SESSION_YEARS.get(congress, ())
    return years[session - 1] if 0 < session <= len(years) else None


# a report that presents a plan (关于一九五八年度国民经济计划（草案）的报告, 关于…第六个五年计划的报告,
# 关于1980、1981年国民经济计划安排的报告): its uncued sentences are targets; not one on a plan's results
PLAN_REPORT = re.compile(r"(?:提出|作)关于[^。；]{0,40}?计划(?:（草案）|草案|安排)?的报告")
PLAN_RESULTS = re.compile(r"执行(?:结果|情况)")
PLAN_REPORT_SENTENCES = 5  # the opening: a plan report says so in its first sentences
HEADING_LEVELS = (
    re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十]+(?:部分|章|篇)|[一二三四五六七八九十]+$)"),
    re.compile(r"^[（(][一二三四五六七八九十]+[）)]|^第[一二三四五六七八九十]+[，、]"),
    re.compile(r"^(?:\d+[.．、]|[（(]\d+[）)])"),
)
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？]")
FIVE_YEAR_PLAN = re.compile(r"“(十?[一二三四五六七八九]|十)五”|(十?[一二三四五六七八九]|十)五(?:时期|期间|规划|计划|末|以来)")
_CN = {c: i for i, c in enumerate("一二三四五六七八九", 1)}

# cue words, each a feature in the clause before the value and in the whole sentence
CUES = (
    "预期", "目标", "力争", "确保", "计划", "争取", "拟", "安排", "今年", "明年", "本年", "全年", "将", "要",
    "达到", "预计", "力求", "努力", "规划", "推动", "实施", "新增", "建成", "开工", "提高到", "控制在", "以上",
    "以内", "左右", "不低于", "不少于", "不超过", "今后", "未来", "每年", "年均", "累计", "完成", "实现",
    "去年", "上年", "过去", "五年来", "一年来", "以来", "同比", "比上年", "增长", "下降", "已", "了", "达",
    "共", "初步核算", "分别", "提前", "超额", "比", "年末", "末", "期间", "预算", "赤字", "任务", "指标",
    "突破", "超过", "逐步", "继续", "加快", "提升", "降低", "力度", "支持", "投入", "建设", "改造",
    "现有", "现已", "目前", "原定", "由", "从", "已经", "共有", "人均", "新建", "首次", "实际",
)
FROM_SIDE = re.compile(r"^[^，,；;。]{0,6}?(?:提高|增加|增长|扩大|降低|减少|下降|调高|调低|调整|提升|上调|下调|压减|压缩)?(?:到|至|为)")
FROM_BEFORE = re.compile(r"(?:由|从)[^，,；;。]{0,12}$")
TO_BEFORE = re.compile(r"(?:到|至|为)[^，,；;。]{0,3}$")
ORDINALS = 5  # ordinal of the last level-1 heading: 0 (none), 1, 2, 3, 4 and more
SECTIONS = ("none", "plan", "review")
YEAR_DELTAS = ("none", "unknown", "<-1", "-1", "0", "+1", ">+1")


@dataclass
class DocumentState:
    """What reading a document carries from sentence to sentence (and piece to piece)."""

    plan: bool = False  # the heading rules' state: inside a plan section
    level: int = 0  # numbering level of the last heading (0: none or unnumbered, 1: 一、 2: （一） 3: 1.)
    top: int = 0  # kind of the last level-1 heading: 0 other, 1 plan, 2 review
    sub: int = 0  # kind of the last heading of any level
    year: Optional[int] = None  # the report's own year, once a sentence states it (OWN_YEAR)
    seen: dict = field(default_factory=dict)  # year (as text) -> sentences naming it so far
    ordinal: int = 0  # the number of the last level-1 heading (三、 → 3)
    top_year: Optional[int] = None  # the first year the last level-1 heading names
    top_plan: int = 0  # the five-year plan the last level-1 heading names (“十五五” → 15), 0: none
    plan_report: bool = False  # the report presents a plan (PLAN_REPORT), as its opening states
    sentences: int = 0  # sentences read so far

    def to_dict(self) -> dict:
        return asdict(self)

    def own_year(self) -> Optional[int]:
        """The report's own year: as stated, else the year after the one named most so far (a
        review names its year most; the later year on a tie), else None."""
        if self.year is not None or not self.seen:
            return self.year
        return int(max(self.seen, key=lambda y: (self.seen[y], y))) + 1

    @classmethod
    def from_dict(cls, data: dict | None) -> "DocumentState":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})


def heading_level(text: str) -> int:
    """The numbering level of a heading: 1 (一、 / 第一部分), 2 (（一）), 3 (1. / （1）), 0 unnumbered."""
    s = text.strip()
    return next((i for i, pattern in enumerate(HEADING_LEVELS, 1) if pattern.search(s)), 0)


def own_year(text: str) -> Optional[int]:
    """The report's own year as ``text`` (one sentence, digits folded) states it, or None."""
    for pattern, shift in OWN_YEAR:
        m = pattern.search(text)
        if m:
            return int(m.group(1)) + shift
    return None


def read_sentence(text: str, state: DocumentState, heading_max_chars: int = HEADING_MAX) -> DocumentState:
    """The state after the sentence ``text`` (a heading changes the sections; a year may be found)."""
    folded = fold_digits(text)
    state.sentences += 1
    if state.sentences <= PLAN_REPORT_SENTENCES and not state.plan_report:
        m = PLAN_REPORT.search(text)
        state.plan_report = bool(m) and not PLAN_RESULTS.search(m.group(0))
    if state.year is None:
        opening = state.sentences <= PLAN_REPORT_SENTENCES
        state.year = (npc_session_year(text) if opening else None) or own_year(folded)
        for year in {m.group(1) for m in YEAR.finditer(folded)}:
            state.seen[year] = state.seen.get(year, 0) + 1
    state.plan = heading_plan(text, state.plan, heading_max_chars)
    if is_heading(text, heading_max_chars):
        kind = 2 if REVIEW_HEADING.search(text) else 1 if PLAN_HEADING.search(text) else 0
        state.level = heading_level(text)
        state.sub = kind
        if state.level <= 1:
            state.top = kind
            state.ordinal = heading_ordinal(text) or state.ordinal
            years = YEAR.search(folded)
            state.top_year = int(years.group(1)) if years else None
            plans = five_year_plans(text)
            state.top_plan = plans[0] if plans else 0
    return state


def heading_ordinal(text: str) -> int:
    """The number of a level-1 heading (三、 → 3, 第二部分 → 2), 0 when it has none."""
    m = re.match(r"\s*第?([一二三四五六七八九十]+)", text)
    if not m:
        return 0
    word = m.group(1)
    tens, _, units = word.rpartition("十")
    return (_CN.get(tens, 1) * 10 if "十" in word else 0) + _CN.get(units, 0)


def five_year_plans(text: str) -> list[int]:
    """The numbers of the five-year plans ``text`` names (“十四五”时期 → 14)."""
    return [heading_ordinal(m.group(1) or m.group(2)) for m in FIVE_YEAR_PLAN.finditer(text)]


def _year_delta(year: Optional[int], own: Optional[int]) -> str:
    if year is None:
        return "none"
    if own is None:
        return "unknown"
    d = year - own
    return "<-1" if d < -1 else "-1" if d == -1 else "0" if d == 0 else "+1" if d == 1 else ">+1"


def plan_ended(n: int, own: Optional[int]) -> Optional[bool]:
    """Whether five-year plan ``n`` (十四五: 2021–2025) ended before the year ``own``; None when
    either is unknown."""
    if not n or own is None:
        return None
    return 1953 + 5 * (n - 1) + 4 < own


def _names() -> list[str]:
    names = [f"cue:{scope}:{c}" for scope in ("clause", "sentence") for c in CUES]
    names += ["goal_cue", "result_cue", "rule_target", "rule_target_no_plan", "heading_sentence"]
    names += [f"section:{s}" for s in SECTIONS] + [f"top:{s}" for s in SECTIONS] + [f"sub:{s}" for s in SECTIONS]
    names += [f"level:{i}" for i in range(4)]
    names += [f"year_before:{d}" for d in YEAR_DELTAS] + [f"year_any:{d}" for d in YEAR_DELTAS[2:]]
    names += [f"year_after:{d}" for d in YEAR_DELTAS[2:]]
    names += ["own_year_known", "own_year_guessed", "to_year", "five_year_ended", "five_year_current"]
    names += ["from_side", "from_before", "to_before"]
    names += [f"ordinal:{i}" for i in range(ORDINALS)] + [f"top_year:{d}" for d in YEAR_DELTAS]
    names += ["top_plan_ended", "top_plan_current", "plan_report", "plan_report_uncued"]
    return names


FEATURE_NAMES = tuple(_names())
N_FEATURES = len(FEATURE_NAMES)
_INDEX = {name: i for i, name in enumerate(FEATURE_NAMES)}
TO_YEAR = re.compile(r"到(?:1[89]|20)\d\d年|(?:1[89]|20)\d\d年(?:前|底前|以前)")


def relation_features(sentence: str, value_at: int, value_end: int, state: DocumentState) -> numpy.ndarray:
    """The feature vector (:data:`FEATURE_NAMES`) of a relation whose value is the characters
    ``value_at:value_end`` of ``sentence``, read in ``state`` (after the sentence itself: a
    heading sentence has set it)."""
    f = numpy.zeros((N_FEATURES,), dtype="f")

    def on(name: str, value: float = 1.0) -> None:
        f[_INDEX[name]] = value

    before = sentence[:value_at]
    breaks = [m.end() for m in CLAUSE_BREAK.finditer(before)]
    clause = before[breaks[-1]:] if breaks else before
    for c in CUES:
        if c in clause:
            on(f"cue:clause:{c}")
        if c in sentence:
            on(f"cue:sentence:{c}")
    if GOAL_CUE.search(sentence):
        on("goal_cue")
    if RESULT_CUE.search(sentence):
        on("result_cue")
    if sentence_target(sentence, state.plan):
        on("rule_target")
    if sentence_target(sentence, False):
        on("rule_target_no_plan")
    if is_heading(sentence):
        on("heading_sentence")
    on(f"section:{'plan' if state.plan else 'review' if 2 in (state.top, state.sub) else 'none'}")
    on(f"top:{SECTIONS[state.top]}")
    on(f"sub:{SECTIONS[state.sub]}")
    on(f"level:{min(state.level, 3)}")
    folded = fold_digits(sentence)
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(folded)]
    last_before = next((y for at, y in reversed(years) if at < value_at), None)
    own = state.own_year()
    on(f"year_before:{_year_delta(last_before, own)}")
    for at, y in years:
        d = _year_delta(y, own)
        if d in YEAR_DELTAS[2:]:
            on(f"year_any:{d}")
            if at >= value_at:
                on(f"year_after:{d}")
    if state.year is not None:
        on("own_year_known")
    elif own is not None:
        on("own_year_guessed")
    if TO_YEAR.search(folded):
        on("to_year")
    for n in five_year_plans(sentence):
        ended = plan_ended(n, own)
        if ended is not None:
            on("five_year_ended" if ended else "five_year_current")
    if FROM_SIDE.search(sentence[value_end:]):
        on("from_side")
    if FROM_BEFORE.search(clause):
        on("from_before")
    if TO_BEFORE.search(clause):
        on("to_before")
    on(f"ordinal:{min(state.ordinal, ORDINALS - 1)}")
    on(f"top_year:{_year_delta(state.top_year, own)}")
    ended = plan_ended(state.top_plan, own)
    if ended is not None:
        on("top_plan_ended" if ended else "top_plan_current")
    if state.plan_report:
        on("plan_report")
        if not RESULT_CUE.search(sentence) and (last_before is None or own is None or last_before >= own):
            on("plan_report_uncued")
    return f
