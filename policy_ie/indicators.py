"""Canonical indicators and the linking of METRIC names to them (issue #19).

The table is ``policy_ie/data/indicators.csv`` (columns and rules in ``policy_ie/data/README.md``);
users add rows or aliases with CSV files of the same columns (:func:`load_table`).

:func:`indicator_name` turns a METRIC's text into the indicator as a reader would write it
(simplified script, ASCII brackets, no quotes, scope and time words dropped);
:func:`restore_list_heads` gives list items their shared head (``第一``、``第三产业增加值`` →
``第一产业增加值``); :meth:`IndicatorTable.link` finds the id of a name, or None. The rules
are general (no surface of the test documents is listed), and null is preferred to a guess.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .metric_edges import JURISDICTION_WORDS, TIME_WORDS

TABLE = Path(__file__).parent / "data" / "indicators.csv"
COLUMNS = ("id", "name_zh", "name_en", "kind", "unit", "aliases", "notes")
KINDS = ("money", "rate", "count", "level")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class TableError(ValueError):
    """An indicator table that cannot be used (the message names the file and line)."""


@dataclass(frozen=True)
class Indicator:
    """One row of the table."""

    id: str
    name_zh: str
    name_en: str
    kind: str
    unit: str
    aliases: tuple[str, ...]
    notes: str = ""

    @classmethod
    def from_row(cls, cells: dict[str, str]) -> "Indicator":
        """A row from the cells of a table line (``aliases`` separated by ``|``)."""
        aliases = tuple(a.strip() for a in (cells.get("aliases") or "").split("|") if a.strip())
        return cls(aliases=aliases, **{c: (cells.get(c) or "").strip() for c in COLUMNS if c != "aliases"})

    def as_row(self) -> dict[str, str]:
        return {"id": self.id, "name_zh": self.name_zh, "name_en": self.name_en, "kind": self.kind,
                "unit": self.unit, "aliases": "|".join(self.aliases), "notes": self.notes}


# --- normalisation -----------------------------------------------------------------------

_FOLD = str.maketrans({"（": "(", "）": ")", "【": "[", "】": "]", "　": "", "﹒": ".", "－": "-", "～": "~",
                       "“": "", "”": "", "‘": "", "’": "", '"': "", "'": "", "「": "", "」": "", "『": "",
                       "』": "", "《": "", "》": "", "〈": "", "〉": ""})
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Simplified script, ASCII digits, letters and brackets, no quotes, no white space."""
    from .text import clean

    return _SPACE.sub("", clean(text, drop_debris=False).text.translate(_FOLD))


_AVERAGE = re.compile(r"(?:年平均|年均|平均)浓度")
_KEY_DROP = re.compile(r"[的_]")
_PER_HEAD = re.compile(r"平均每人|每人平均|按人口平均")  # the old wordings of 人均 (农民按人口平均的纯收入)
_PER_MEMBER = re.compile(r"平均每个(农民|农户|职工|居民)")  # 平均每个农民的纯收入 → 农民人均纯收入
_HOUSEHOLD = re.compile(r"(居民|职工|农民)家庭(?=人均)")  # 城镇居民家庭人均… (NBS before 2013) = 城镇居民人均…
_COMPLETED = re.compile(r"建成住宅")  # the 1980s wording of 新建住宅 (农村建成住宅约六亿平方米)
_LIFE = re.compile(r"期望寿命")  # the old wording of 预期寿命 (平均期望寿命)
_LENGTH = re.compile(r"(?:营运|运营)里程")  # 铁路营运里程, 高铁运营里程: NBS writes 营业里程
# a share of GDP, however written: 占国内生产总值(的)比重, 占GDP比例, 与国内生产总值之比,
# 相当于地区生产总值的比例, 在国内生产总值中的比重 (的 is already gone)
SHARE_OF_GDP_KEY = "占GDP比重"  # the match_key of every share-of-GDP wording
_SHARE_OF_GDP = re.compile(r"(?:占|与|相当于|在)(?:全国|全省|全市|全区)?(?:国内|地区)?(?:生产总值|GDP)中?(?:比重|比例|比率|之比|占比)")


@functools.lru_cache(maxsize=1 << 16)
def match_key(name: str) -> str:
    """The form names and aliases are compared in: :func:`_fold`, Latin upper case, one
    spelling of "above designated size" (规模以上 / 规上), of capacity (装机容量 / 装机), of a
    mean concentration (年均浓度 / 平均浓度 / 浓度), of 人均 (平均每人, 按人口平均; 居民家庭人均 / 居民人均),
    of housing completed (建成住宅 / 新建住宅), of life expectancy
    (期望寿命 / 预期寿命; 人均全年 / 人均), of an operating length (营运里程 / 运营里程 / 营业里程) and of a share
    of GDP (占GDP比重), of a member's average (平均每个农民 → 农民人均), without 的 and underscores (PM_2.5)."""
    key = _fold(name).upper().replace("规模以上", "规上").replace("装机容量", "装机")
    key = _PER_HEAD.sub("人均", _KEY_DROP.sub("", _AVERAGE.sub("浓度", key)))
    key = _PER_MEMBER.sub(r"\1人均", key).replace("人均全年", "人均")
    key = _COMPLETED.sub("新建住宅", _HOUSEHOLD.sub(r"\1", key))
    return _SHARE_OF_GDP.sub(SHARE_OF_GDP_KEY, _LENGTH.sub("营业里程", _LIFE.sub("预期寿命", key)))


# Scope words a name drops at its start: whole jurisdictions, a province or municipality by
# name, the own level of government (区本级), a named port or airport; and time words.
SCOPE_WORDS = tuple(JURISDICTION_WORDS) + (
    "本市", "本省", "本区", "全盟", "全旗", "全镇", "全乡", "省本级", "市本级", "区本级", "县本级", "省级", "市级",
    "沿海", "全域", "设区市", "设区城市", "我国", "地级及以上城市")
PROVINCES = ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南",
             "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆")
_PROVINCE = re.compile(r"^(?:%s)(?:省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)?(?=[\u4e00-\u9fffA-Z])"
                       % "|".join(sorted(PROVINCES, key=len, reverse=True)))
_PORT = re.compile(r"^[\u4e00-\u9fff]{2,6}?港(?=[\u4e00-\u9fff])(?!口)")  # 宁波舟山港集装箱吞吐量
_AIRPORT = re.compile(r"^[\u4e00-\u9fff]{2,6}?(?=机场[\u4e00-\u9fff])")  # 郑州机场… → 机场…
NAME_TIME_WORDS = tuple(TIME_WORDS) + ("全年度", "年度", "当年", "本年", "同期", "年内")
_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|[一二〇零○]{4})年(?:度)?(?=.)")
_BARE_YEAR = re.compile(r"^年(?![均末初度内])(?=..)")  # 年货邮吞吐量, not 年均增速 / 年末常住人口
# 年 before what is measured in a year: 机场年货邮吞吐量, 原煤年产量, 年接待游客
_INNER_YEAR = re.compile(r"(?<=.)年(?=(?:总产量|产量|吞吐量|货邮吞吐量|旅客吞吐量|发电量|销售额|营业收入|成交额|接待))")
_LEADING = tuple(sorted(set(SCOPE_WORDS + NAME_TIME_WORDS), key=len, reverse=True))
# a span that ran on: 经济增长预期(目标为5%), 固定资产投资调控目标(为…), 工业总产值计划(比上年增长6%),
# 城乡居民储蓄存款年末(达到…)
# (社会商品零售总额)扣除价格(因素增长…)
# (粮食)的指标 (not 主要指标), (工人职员的平均工资)以货币计算 (1955, 1958)
TRAILING_WORDS = ("调控目标", "预期目标", "预期", "目标", "的指标", "计划", "年末", "年底", "扣除价格因素", "扣除价格",
                  "以货币计算")
# verbs and particles a predicted span ran on into (物价涨幅要, 贫困人口减少, 中央预算内投资安排,
# 一般工商业电价平均降低, 棚户区改造住房共, 平均期望寿命已经); 要 not in 主要, 重要 …
# 比 that starts a comparison (单位国内生产总值能耗比(上年下降…)), not 之比, 占比, 同比, 可比 …
TRAILING_PARTICLES = ("拟安排", "安排", "已经", "实际", "减少", "降低", "下降", "增加", "新增", "提高", "平均", "合计", "总计",
                      "要", "共", "比")
_KEEP_BEFORE = {"要": "主重需摘纲必只简政纪提概首显次", "共": "公", "比": "之占对相类正反日无好评攀可环同价债配"}  # 主要 …; 公共; 之比
# verbs of a plan a predicted span starts with: 拟安排长期建设国债, 拟发行超长期特别国债; 吸收外商直接投资;
# (五年计划)规定工业总产值
LEADING_VERBS = ("拟安排", "拟发行", "拟投入", "安排", "发行", "拟", "吸收", "规定")
# a list joiner a predicted span starts with (和社会融资规模余额 after M2), dropped only when the
# rest links: 和美乡村, 和田地区 keep theirs
LEADING_JOINERS = ("以及", "和", "与")
# words a predicted span in an older report ran on into, dropped only when the rest links:
# 期间工业总产值, 使钢产量, 了钢产量, 有粮食, 但粮食增产, 共有人口; 工业总产值仍然, 平均日产量迅速, 棉花增产,
# 钢增产 (one character may stay: 钢, 煤)
LEADING_FILLERS = ("共有", "期间", "使", "了", "有", "但")
TRAILING_FILLERS = ("仍然", "迅速", "增产")
_DEFICIT_BUDGET = re.compile(r"(?<=赤字)预算$")  # 中央财政赤字预算(拟安排…) → 中央财政赤字
# a comparison the span ran on into: 赤字规模比上年预算减少 → 赤字规模
_COMPARISON = re.compile(r"(?<=..)比(?:上年|去年|前年|上一年|(?:19|20)\d{2}年)")


@functools.lru_cache(maxsize=1 << 16)
def indicator_name(text: str) -> str:
    """The METRIC ``text`` as a reader would name the indicator: :func:`_fold`-ed, with the
    scope and time words and a verb of a plan (拟安排, 发行) at its start, a comparison from
    比上年/比去年 on, and a plan word (预期, 调控目标), time word (年末), verb or particle (要, 比)
    at its end dropped (at least two characters are kept); 赤字预算 → 赤字."""
    name = _fold(text)
    m = _COMPARISON.search(name)
    if m:
        name = name[:m.start()]
    for w in LEADING_VERBS:
        if name.startswith(w) and len(name) - len(w) >= 2:
            name = name[len(w):]
            break
    changed = True
    while changed:
        changed = False
        for w in _LEADING:
            if name.startswith(w) and len(name) - len(w) >= 2:
                name, changed = name[len(w):], True
                break
        for pattern in (_YEAR, _PORT, _AIRPORT, _PROVINCE, _BARE_YEAR):
            m = pattern.match(name)
            if m and m.end() and len(name) - m.end() >= 2:
                name, changed = name[m.end():], True
        for w in TRAILING_WORDS + TRAILING_PARTICLES:
            if (name.endswith(w) and len(name) - len(w) >= 2
                    and name[-len(w) - 1] not in _KEEP_BEFORE.get(w, "")):
                name, changed = name[:-len(w)], True
                break
    return _DEFICIT_BUDGET.sub("", _INNER_YEAR.sub("", name))


# --- shared list heads ----------------------------------------------------------------------

# what joins the items of one list (第一、第三产业增加值; 基本养老保险和基本医疗保险参保率)
LIST_JOINERS = frozenset({"、", "和", "与", "及", "以及", "、以及", "、和"})
# head nouns a list item may borrow from the last item when nothing closer fits
HEAD_NOUNS = ("产业增加值", "增加值", "参保率", "居民人均可支配收入", "人均可支配收入", "排放量", "总产量", "产量",
              "播种面积", "覆盖率", "普及率", "吞吐量", "装机容量", "发电装机容量", "贷款余额", "平均浓度", "比重",
              "进出口总额", "出口总额", "企业数")
# last characters of a name that already say what is measured (值, 额, 率…)
MEASURE_ENDS = frozenset("值额率量数入出资价重度积数")


def _head_candidates(item: str, last: str) -> list[str]:
    """Heads ``item`` might borrow from ``last``, the best first: what follows ``item``'s
    last characters inside ``last`` (金融业 / 软件和信息服务业增加值 → 增加值); what follows
    the part that differs after a shared start (第一 / 第三产业增加值 → 产业增加值); a head noun
    ending ``last``."""
    out = []
    for n in (2, 1):
        tail = item[-n:]
        p = last.rfind(tail, 0, len(last) - n)
        if len(item) > n and p >= 0 and len(last) - (p + n) >= 2:
            out.append(last[p + n:])
    common = 0
    while common < min(len(item), len(last)) and item[common] == last[common]:
        common += 1
    if common and 0 < len(item) - common <= 2 and len(last) - len(item) >= 2:
        out.append(last[len(item):])
    out += [h for h in sorted(HEAD_NOUNS, key=len, reverse=True) if last.endswith(h) and len(last) > len(h)]
    return out


def restore_list_heads(names: Sequence[str], link) -> list[str]:
    """The names of the items of one list (in order), each given the shared head of the last
    item, or, for a bare later item, the shared modifier of the first (生产安全事故起数、死亡人数
    → 生产安全事故死亡人数). ``link(name)`` is the id of a name or None: a name that links
    alone keeps its form unless the restored one links too, and a modifier is borrowed only
    when the result links."""
    if len(names) < 2:
        return list(names)
    last, out = names[-1], list(names)
    for i, item in enumerate(names[:-1]):
        linked = link(item)
        if linked is not None and item[-1] in MEASURE_ENDS:
            continue
        for head in _head_candidates(item, last):
            if item.endswith(head):
                break
            full = item + head
            if linked is None or link(full) is not None:
                out[i] = full
                break
    first = out[0]
    for i in range(1, len(names)):
        if link(out[i]) is None:
            for k in range(len(first) - 1, 1, -1):
                if link(first[:k] + out[i]) is not None:
                    out[i] = first[:k] + out[i]
                    break
    return out


# --- the table ----------------------------------------------------------------------------

GROWTH_SUFFIXES = ("年均增长率", "年均增长速度", "年均增速", "年均增长", "增长速度", "增长幅度", "上涨幅度", "下降幅度",
                   "增长率", "增速", "增幅", "增长", "涨幅", "降幅", "总量", "总额", "规模", "余额")
# 企业数量, 专项债券额度, 外商直接投资实际金额
KIND_SUFFIXES = {"count": ("数量", "个数", "数"), "money": ("资金", "额度", "实际金额", "金额")}
LAND_UNITS = ("亩", "公顷", "平方公里")  # areas of land (耕地 18亿亩 → 耕地面积 in link_in_context)
UNIT_SUFFIXES = {"面积": LAND_UNITS + ("平方米",)}  # 治理水土流失面积: a row measured in an area unit
COUNT_ENDS = ("数", "人数")  # 下岗失业人员再就业 (人数)
INCREMENT_PREFIXES = ("新增加", "新增", "新建", "累计")
ABOVE_SIZE = "规上"  # the match_key spelling of 规模以上
# words a name may start with that say when or over what it is measured, not what: tried last
# (全社会消费品零售总额, 年均煤炭产量, 平均人口自然增长率, 年末总人口)
QUALIFIER_PREFIXES = ("全社会", "平均每年", "每年", "年平均", "年均", "平均", "年末", "年底", "各项")
CURRENCY_WORDS = ("人民币", "本外币")  # 城乡居民人民币储蓄存款余额
LEVEL_ENDS = ("水平", "标准")  # 企业退休人员基本养老金水平/标准: the level of the row's own value
INNER_VERBS = ("实现",)  # 工业企业实现利润
INDUSTRY_MEASURES = ("增加值", "总产值")  # 高技术制造业增长 → its value added; 现代工业增长 (1955) → gross output
CONTEXT_CHARS = 8  # how far before a METRIC link_in_context looks for the rest of a cut name
LENGTH_UNITS = ("公里", "千米")
# what a bare name before an amount in these units measures: 高速公路 4083公里 → 高速公路里程, 耕地 18亿亩 → 耕地面积
MEASURED_BY_UNIT = ((LENGTH_UNITS, "里程"), (LAND_UNITS, "面积"))
INNER_INCREMENT = "新增"  # 可再生能源新增装机 → 可再生能源装机 (a level row only)
_SHARE_OF_GDP_CUT = re.compile(r"占(?:国内|地区)?(?:生产总值|GDP)$")  # (…支出)占国内生产总值(的4%)
TOTAL_AREA = "总面积"  # 耕地总面积, 农作物播种总面积: the area itself
# a percentage of the plan, neither a level nor a change: 钢完成96.4%, (总产值)只完成年度计划的98.7%
_FULFILMENT = re.compile(r"^(?:只|仅|已|已经|均|都|超额)?完成了?(?:(?:年度|全年|原定|原|五年)?计划(?:规定)?的?)?$")
_JOINER_CHARS = "和与及、"
_GROWTH_AFTER = re.compile(r"^(?:年均|平均|同比|分别)?(?:实际)?(?:增长|增速)")


class IndicatorTable:
    """Rows by id and an index from the :func:`match_key` of every name and alias to its id."""

    def __init__(self, rows: Iterable[Indicator]):
        self.rows: dict[str, Indicator] = {}
        self.index: dict[str, str] = {}
        self._links: dict[str, Optional[str]] = {}  # link() of the names seen
        for row in rows:
            if not row.name_zh:
                raise TableError(f"indicator {row.id} has no name_zh")
            self.rows[row.id] = row
            for surface in (row.name_zh,) + row.aliases:
                key = match_key(surface)
                other = self.index.setdefault(key, row.id)
                if other != row.id:
                    raise TableError(f"alias {surface!r} stands under two ids, {other} and {row.id}")

    def __len__(self) -> int:
        return len(self.rows)

    def link(self, name: str) -> Optional[str]:
        """The id of the indicator ``name`` (an :func:`indicator_name`) names, or None: the name
        itself; else without a growth or total word at its end (增速, 年均增速, 总额, 余额…);
        else, for the increment of an indicator that is not a rate, without a 新增/新建/累计
        at its start (also 新增贷款 → 贷款余额); else without a word that restates the kind
        (企业数量 for a count, 债券资金/额度/金额 for money, 面积 for a row measured in 亩, 公顷…)
        or with the 数/人数 a count's name ends with; else, when the table has no 规上 form of
        it, without a leading 规上/规模以上 (规上高技术制造业增加值 → 高技术制造业增加值); else
        without a currency word (人民币, 本外币) or 实现 (工业企业实现利润), a 水平/标准 at its end,
        a leading qualifier that says over what the
        number is measured (全社会, 年均, 平均每年, 年末, 年底), a list joiner a cut span starts with
        (和社会融资规模余额) or a word it ran on into (使钢产量, 棉花增产: ``LEADING_FILLERS``,
        ``TRAILING_FILLERS``) or with 总面积 read as 面积; else, for a level (a capacity), without
        a 新增 inside it (可再生能源新增装机). A name that only ends an indicator's
        name is not linked: 汽车保有量 is not 新能源汽车保有量."""
        found = self._links.get(name, self)
        if found is self:
            found = self._link(name)
            if len(self._links) < 1 << 16:  # names repeat; the cache stays bounded
                self._links[name] = found
        return found

    def _link(self, name: str) -> Optional[str]:
        key = match_key(name)
        found = self.index.get(key)
        if found is not None or len(key) < 2:
            return found
        cores = [key] + [key[:-len(s)] for s in GROWTH_SUFFIXES if key.endswith(s) and len(key) - len(s) >= 2]
        for core in cores:
            found = self.index.get(core)
            if found is not None:
                return found
            for p in INCREMENT_PREFIXES:
                if core.startswith(p) and len(core) - len(p) >= 2:
                    found = self.index.get(core[len(p):]) or self.index.get(core[len(p):] + "余额")
                    if found is not None and self.rows[found].kind != "rate":
                        return found
        for kind, suffixes in KIND_SUFFIXES.items():
            for s in suffixes:
                found = self.index.get(key[:-len(s)]) if key.endswith(s) and len(key) - len(s) >= 2 else None
                if found is not None and self.rows[found].kind == kind:
                    return found
        for end in COUNT_ENDS:
            found = self.index.get(key + end)
            if found is not None and self.rows[found].kind == "count":
                return found
        for suffix, units in UNIT_SUFFIXES.items():
            found = self.index.get(key[:-len(suffix)]) if key.endswith(suffix) and len(key) - len(suffix) >= 2 else None
            if found is not None and self.rows[found].unit in units:
                return found
        shorter = [key[len(ABOVE_SIZE):]] if key.startswith(ABOVE_SIZE) and len(key) - len(ABOVE_SIZE) >= 4 else []
        shorter += [key.replace(w, "") for w in CURRENCY_WORDS + INNER_VERBS if w in key and len(key) - len(w) >= 2]
        shorter += [key[:-len(w)] for w in LEVEL_ENDS if key.endswith(w) and len(key) - len(w) >= 2]
        shorter += [key[len(p):] for p in QUALIFIER_PREFIXES if key.startswith(p) and len(key) - len(p) >= 2]
        shorter += [key[len(j):] for j in LEADING_JOINERS if key.startswith(j) and len(key) - len(j) >= 3]
        shorter += [key[len(w):] for w in LEADING_FILLERS if key.startswith(w) and len(key) - len(w) >= 2]
        shorter += [key[:-len(w)] for w in TRAILING_FILLERS if key.endswith(w) and len(key) - len(w) >= 1]
        shorter += [key.replace(TOTAL_AREA, "面积")] if TOTAL_AREA in key else []
        for name in shorter:
            found = self.link(name)
            if found is not None:
                return found
        if INNER_INCREMENT in key[1:]:  # a stock measured as a level (capacity), not a count
            found = self.link(key.replace(INNER_INCREMENT, ""))
            if found is not None and self.rows[found].kind == "level":
                return found
        return None

    def link_in_context(self, name: str, before: str = "", after: str = "",
                        unit: Optional[str] = None, text: Optional[str] = None) -> tuple[str, Optional[str]]:
        """The name and id of a METRIC named ``name`` from what surrounds it in its clause:
        ``before``, the characters just before it that belong to no other entity (no
        punctuation, digits or space; :data:`CONTEXT_CHARS` at most); ``after``, the text
        between it and the first quantity after it in the clause (or the rest of the clause);
        ``unit``, that quantity's unit (``%`` for a percentage; None without one).

        A name that links keeps its id, unless it is only the base of a share (``全国人口`` in
        ``全国人口的72%``: a count, amount or level followed by 的 and a percentage) or the
        percentage is of a plan fulfilled (``钢完成96.4%``, ``只完成年度计划的98.7%``): null.
        A name that does not link is tried with the longest end of ``before`` that makes it
        link (a span cut inside a word: ``社会固定资产投资`` after 全, ``源占一次能源消费比重`` after
        非化石能; ``经济增长速度的`` + ``调控目标``, named anew from the METRIC's ``text`` when given),
        unless that end starts after a 和/与/及 (it would be a list item); then, before an amount in 公里, as the length of what it names (``高速公路``
        增加4083公里 → 高速公路里程) or before one in 亩/公顷 as its area (``耕地`` 18亿亩 → 耕地面积);
        a share of GDP cut before its 的 + percentage (``…支出占国内生产总值`` 的4%); then, for an industry (a name ending in 业) followed by
        增长, as its value added (``高技术制造业年均增长11.7%``) or else its gross output
        (``现代工业增长了178.6%``, 1955)."""
        found = self.link(name)
        if found is not None:
            if unit == "%" and self.rows[found].kind != "rate" and (after == "的" or _FULFILMENT.match(after)):
                return name, None
            return name, found
        for k in range(min(len(before), CONTEXT_CHARS), 0, -1):
            if (k < len(before) and before[-k - 1] in _JOINER_CHARS) or before[-k] in _JOINER_CHARS:
                continue  # 蔬菜 in 肉蛋奶和蔬菜产量 is a list item, not the rest of the name
            longer = indicator_name(before[-k:] + (text or name))
            found = self.link(longer) if longer != name else None
            if found is not None:
                return longer, found
        for units, measure in MEASURED_BY_UNIT:
            if unit in units:
                found = self.link(name + measure)
                if found is not None and self.rows[found].unit in units:
                    return name, found
        if unit == "%" and after == "的" and _SHARE_OF_GDP_CUT.search(name):
            found = self.link(name + "比重")
            if found is not None and self.rows[found].kind == "rate":
                return name, found
        if name.endswith("业") and _GROWTH_AFTER.match(after):
            for measure in INDUSTRY_MEASURES:
                found = self.link(name + measure)
                if found is not None and self.rows[found].kind == "money":
                    return name, found
        return name, None

    def write_csv(self, path: str | Path) -> None:
        """The rows as a table file (the columns of ``indicators.csv``)."""
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=COLUMNS)
            writer.writeheader()
            for row in self.rows.values():
                writer.writerow(row.as_row())


def read_table(path: str | Path) -> list[Indicator]:
    """The rows of one table file; a :class:`TableError` naming the file and line for a bad one."""
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise TableError(f"{path}: cannot read the indicator table ({exc.strerror or exc})") from exc
    rows, seen = [], set()
    with fh:
        try:
            reader = csv.DictReader(fh)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise TableError(f"{path}: not an indicator table: missing column(s) {', '.join(missing)} "
                                 f"(header: {','.join(COLUMNS)})")
            for record in reader:
                line = reader.line_num
                cells = {c: (record.get(c) or "").strip() for c in COLUMNS}
                if not _ID.match(cells["id"]):
                    raise TableError(f"{path}:{line}: id {cells['id']!r} is not snake_case ASCII")
                if cells["id"] in seen:
                    raise TableError(f"{path}:{line}: id {cells['id']} appears twice")
                if cells["kind"] and cells["kind"] not in KINDS:
                    raise TableError(f"{path}:{line}: kind {cells['kind']!r} is not one of {', '.join(KINDS)}")
                seen.add(cells["id"])
                rows.append(Indicator.from_row(cells))
        except UnicodeDecodeError as exc:
            raise TableError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
        except csv.Error as exc:
            raise TableError(f"{path}: not a CSV table ({exc})") from exc
    return rows


def merge_rows(base: list[Indicator], extra: list[Indicator]) -> list[Indicator]:
    """``base`` with the rows of a user table: a row with a new id is added; a row with an
    existing id adds its aliases to that row, and its non-empty cells replace the others."""
    rows = {r.id: r for r in base}
    for row in extra:
        old = rows.get(row.id)
        if old is None:
            rows[row.id] = row
            continue
        if not row.name_zh:
            row = replace(row, name_zh=old.name_zh)
        changes = {f: getattr(row, f) for f in ("name_zh", "name_en", "kind", "unit", "notes") if getattr(row, f)}
        aliases = old.aliases + tuple(a for a in row.aliases if a not in old.aliases)
        rows[row.id] = replace(old, aliases=aliases, **changes)
    return list(rows.values())


def load_table(table: str | Path | None = None, extra_tables: Iterable[str | Path] = ()) -> IndicatorTable:
    """The table at ``table`` (None: the shipped ``indicators.csv``) extended by ``extra_tables``."""
    rows = read_table(table or TABLE)
    for path in extra_tables:
        rows = merge_rows(rows, read_table(path))
    return IndicatorTable(rows)


@functools.lru_cache(maxsize=1)
def default_table() -> IndicatorTable:
    """The shipped table, read once."""
    return load_table()
