"""Rule-based finder of AMOUNT / PERCENT candidate spans (stdlib only).

``find_quantities(text)`` returns sorted, non-overlapping ``(start, end, label)``
offsets into ``text`` of every number-with-unit span, following the span rules of
``shared/ANNOTATION_GUIDELINES.md`` ("AMOUNT and PERCENT"): approximation and bound
marks written against the number (近 约 逾 超 / 余 多 / 以上 以下 以内 左右) are inside
the span, verbs before it (超过 突破 达到 不低于 …) are not; a range is one span. A bare
number with a magnitude and no unit (八亿农民, 减少290万) is a span too, with unit ``""``.
Every candidate is confirmed with :func:`.reader.read_quantity`, whose ``label`` gives the
label; :func:`find_readings` also returns that reading.

It works on simplified or traditional script and full-width digits (the text is
mapped one character for one, so offsets are kept) and skips inline pinyin
artefacts (``萬畝(mǔ)``): an artefact inside a span is part of it, one right after
the span is left out.

Left out by rule (precision), recall being the priority otherwise:
years (2025年, 2025-2030年, 二〇二六年), dates and months (1月26日, 1-6月), clock
times, ordinals and ranks (第7位, 前10名, 首位), session numbers (十四届四次),
identifiers and model names (6号线, G331, 5G, T800, PM2.5, 5+1, 30万吨级),
numerals of formulas (十四五, 六稳六保, quoted “两个维护”, 五位一体, 八项规定),
lone 一 as an article (一批, 一个, 一次性; but 一倍, 翻一番, 一成 stay),
durations without a cue that they are a time indicator's value (五年来, 近3年,
连续45年, 15分钟生活圈; but 压缩至3个工作日, 优良天数增加25天 stay), thresholds
that are part of a name (5000万元以上项目), 千伏 ratings inside names.
"""
from __future__ import annotations

import re

from ..text import NumberText
from .reader import Quantity, QuantityError, read_quantity_at
from .units import (CN_PLACE, CN_TRAP, FINDER_UNITS, GLOBAL_TRAP, LATIN_UNITS, LONE_ONE_UNITS, MAG_ONLY_TRAP,
                    MONEY_UNITS, RANK_UNITS, TIME_UNITS, TRAPS, UNITS)

__all__ = ["find_quantities", "find_readings"]

# --------------------------------------------------------------------------- patterns
_UNIT_ALT = "|".join(re.escape(u) for u in FINDER_UNITS)
_DEN_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_LATIN = r"(?:%s)(?![A-Za-z0-9])" % "|".join(u for u in LATIN_UNITS if u != "kV")
_UNIT = (r"(?:个多?(?:百分点|千分点|工作日|小时|月|季度|星期)|(?:%s)|分(?=/)|级(?=地震|强震|大风)|%s)"
         r"(?:/[百千万亿]*(?:%s))?" % (_UNIT_ALT, _LATIN, _DEN_ALT))

_QB = r"(?!瓦|伏|米|克|分点|分之)"                 # 千/百 not starting a unit
_CN = r"(?:[零〇○一二三四五六七八九十两万亿]|[百千]%s)+(?:点[零〇○一二三四五六七八九]+)?" % _QB
_AR = (r"(?<![\dA-Za-z.+#/])(?<!\d,)\d+(?:,\d{3})*(?:\.\d+)?"
       r"(?![\d.]?(?:(?!%s)[A-Za-z]|[+#]))" % _LATIN)
_NUM = r"(?:%s|(?<![\d.零〇○一二三四五六七八九十两百千万亿])%s)" % (_AR, _CN)
# 4万多亿元, 3千多万人, 1万6千多户, 1亿3000万人
_BLOCK = (r"%s[余多]?(?:[万亿]|[百千]%s)*(?:(?<=[万亿])\d+[余多]?(?:万|[百千]%s)+)?"
          r"(?:(?<=[万千百])[余多][万亿])?[余多]?" % (_NUM, _QB, _QB))
_PRE = r"(?:(?<![接最附临将亲靠贴逼])近|(?<![制节公契签预邀条规相婚])约|逾|(?<![赶])超)"
_SEP = r"(?:——|[-—~至到]|(?<=[一两二三四五六七八九])、(?=[二三四五六七八九]))"  # 四、五十亿元
_PCT = r"(?:百分之|千分之)(?:%s)" % _NUM
_FRACTION = (r"(?<![\d/.A-Za-z])\d{1,3}/\d{1,3}(?![\d/.A-Za-z])"
             r"|(?<![零〇○一二三四五六七八九十两百千万亿])[一二两三四五六七八九十]+分之[一二两三四五六七八九十]+"
             r"|一半")
_SUF = r"(?:及以上|及以下|以上|以下|以内|左右)"

_RANGE = re.compile(
    r"(?P<pre>%s)?(?:(?P<p1>%s)%s(?:(?:百分之|千分之)(?:%s)|(?:%s)(?![\d.%%‰个]))"
    r"|(?P<n1>%s)(?P<u1>%s)?%s%s?(?P<n2>%s)(?P<u>%s))(?P<suf>%s)?"
    % (_PRE, _PCT, _SEP, _NUM, _NUM, _BLOCK, _UNIT, _SEP, _PRE, _BLOCK, _UNIT, _SUF))
_SINGLE = re.compile(
    r"(?P<pre>%s)?(?:(?P<p1>%s|%s)|(?P<n1>%s)(?P<u>%s)(?:(?<=倍)多)?)(?P<suf>%s)?"
    % (_PRE, _PCT, _FRACTION, _BLOCK, _UNIT, _SUF))
# a bare number with a magnitude and no unit (八亿农民, 减少290万, 2400多万贫困家庭学生): unit ""
# (p1 and u never match: they are there for _accept, which reads them on every candidate)
_BARE = re.compile(r"(?P<pre>%s)?(?P<n1>%s)(?P<suf>%s)?(?P<p1>(?!))?(?P<u>(?!))?" % (_PRE, _BLOCK, _SUF))
_BARE_UNIT_AFTER = re.compile(r"[\dA-Za-z.%%‰]|(?P<u>%s)" % _DEN_ALT)  # any unit the reader knows
_APPROX_MARK = re.compile(r"[余多]?")
# quick scan for a place where a candidate may start
_START = re.compile(r"[近约逾超\d零〇○一二三四五六七八九十两百千万亿]")


# --------------------------------------------------------------------------- rules
_TIME_CUE = re.compile(
    r"(?:至|到|为|压缩|缩短|缩减|压减|减少|延长|达到|达|仅|仅需|只需|仅用|控制在|降至|减至|降低|"
    r"提高|增加|节省|节约|用时|耗时|天数|日数|时长|时间|时限|期限|年限|周期|超过|不超过|"
    r"不少于|不低于|平均|稳定在|保持在|\d年的)了?$")
_NAME_AFTER_THRESHOLD = re.compile(r"的?[重大点产业工新建续在技改]{0,4}(?:项目|企业)")
_MAG_ONLY_CUE = re.compile(r"(?:突破|超过|达到|达|破|过|逾|近|超|约|跨越|迈上|跨上)$")
_HALF_CUE = re.compile(r"(?:占|占比|超过|接近|将近|达到|达|约)$")
_CN_DIGIT = re.compile(r"[零〇○一二三四五六七八九两十]")
_YEAR = re.compile(r"(?:1[89]\d\d|2[01]\d\d|[一二][〇零九][〇零一二三四五六七八九]{2})$")


def _in_short_quote(t: str, start: int, end: int) -> bool:
    a = t.rfind("“", max(0, start - 12), start)
    if a < 0 or "”" in t[a:start]:
        return False
    b = t.find("”", end, end + 12)
    return b >= 0 and "“" not in t[end:b]


def _accept(t: str, m: re.Match, n1: str, n2: str | None, unit: str) -> bool:
    """Rules applied to one regex candidate in the normalised text ``t``."""
    start = m.start()
    before = t[max(0, start - 8):start]
    prev = before[-1:]
    unit_end = m.end("u") if m.group("u") else m.end()
    after = t[unit_end:unit_end + 8]
    base = unit
    if base.startswith("个") and base != "个":
        base = base[1:].lstrip("多")
        base = {"月": "个月", "季度": "个季度"}.get(base, base)
    if "/" in base:
        base = base.split("/")[0]
    cn = not n1[:1].isdigit() if n1 else False

    if prev == "第" or (prev and prev in "前后首" and base in RANK_UNITS):
        return False
    if prev == "几" and cn:           # 几十座, 几百亩: no number
        return False
    if m.re is _RANGE and not m.group("u") and t.startswith("年", unit_end):
        return False                   # 百分之三十九点七到一九五七年: a year, not a range's end
    p1 = m.group("p1") or ""
    if p1 == "一半" and not (m.group("pre") or m.group("suf") or _HALF_CUE.search(before)):
        return False                   # 一半 only as a share: 占全国近一半, 一半以上
    if "/" in p1:
        a, b = p1.split("/")
        if not 0 < int(a) < int(b):
            return False               # 1/4 yes; 3/2, 0/5 are no shares
    if base in ("年", "年度"):
        core1 = re.match(r"[\d.,零〇一二三四五六七八九十两]+", n1 or "")
        core2 = re.match(r"[\d.,零〇一二三四五六七八九十两]+", n2 or "")
        if any(c and _YEAR.match(c.group()) for c in (core1, core2)):
            return False
    if base in TIME_UNITS or base in ("个月", "个季度", "个小时"):
        if after.startswith(("来", "以来")) or not _TIME_CUE.search(before):
            return False
    if base == "次" and (prev == "届" or re.match(r"全|会|党代|代表|集体学习", after)):
        return False
    if base == "方" and cn:          # 三方会晤, 八方支援 (亿方 = 亿立方米 needs digits)
        return False
    if base in ("岁", "周岁") and re.search(r"(?:拥有|人口)$", before):
        return False                 # 每千人口拥有3岁以下婴幼儿托位数 (inside a METRIC)
    if base == "番" and not (prev == "翻" or before.endswith("翻了")):
        return False
    trap = TRAPS.get(base)
    if trap is not None and trap.match(after):
        return False
    if GLOBAL_TRAP.match(after):
        return False
    if (m.group("suf") in ("以上", "以下") and base in MONEY_UNITS
            and _NAME_AFTER_THRESHOLD.match(t, m.end())):
        return False
    if n1 and cn:
        core = re.match(r"[零〇○一二三四五六七八九十两百千万亿点]+", n1).group()
        if core == "一" and n1 == "一" and base not in LONE_ONE_UNITS:
            return False
        if (core in ("零", "二") and not n2) or re.fullmatch(r"[零〇○一二三四五六七八九两]{3,}", core):
            return False        # 二次供水, 二期 (but 二、三倍); 二三五年 (digit strings are years/ids)
        if not _CN_DIGIT.search(core):          # 千亿元, 万亿元, 百余个
            if not (n1[len(core):len(core) + 1] in ("余", "多")
                    or ((m.group("pre") or _MAG_ONLY_CUE.search(before))
                        and not MAG_ONLY_TRAP.match(after))):
                return False
        if (CN_TRAP.match(after) or CN_PLACE.match(after)
                or _in_short_quote(t, start, m.end())):
            return False
    return True


# --------------------------------------------------------------------------- finder
def find_quantities(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every AMOUNT/PERCENT candidate in ``text``."""
    return [(start, end, q.label) for start, end, q in find_readings(text)]


def find_readings(text: str) -> list[tuple[int, int, Quantity]]:
    """``(start, end, reading)`` of every AMOUNT/PERCENT candidate in ``text``: the spans of
    :func:`find_quantities` with the :class:`Quantity` that confirmed each."""
    nt = NumberText(text)
    t = nt.text
    out: list[tuple[int, int, Quantity]] = []
    pos = 0
    n = len(t)
    search = _START.search
    while pos < n:
        s = search(t, pos)
        if s is None:
            break
        p = s.start()
        m = _RANGE.match(t, p)
        is_range = m is not None
        if m is None:
            m = _SINGLE.match(t, p)
        found = _confirm(text, t, m, nt, is_range) if m is not None else None
        if found is None and is_range:  # m is a range
            m2 = _SINGLE.match(t, p)
            if m2 is not None:
                found = _confirm(text, t, m2, nt, False)
                if found is not None:
                    m = m2
        if found is None:
            m3 = _BARE.match(t, p)
            if m3 is not None and _is_bare_magnitude(t, m3):
                found = _confirm(text, t, m3, nt, False)
                if found is not None:
                    m = m3
        if found is not None:
            out.append(found)
            pos = m.end()
        elif m is None:
            pos = p + 1
        else:
            # continue after the first number of the rejected candidate
            pos = max(p + 1, m.end("n1") if m.group("n1") else p + 1)
    return out


def _is_bare_magnitude(t: str, m: re.Match) -> bool:
    """A bare number ending in 万/亿 with a digit before it, outside a short quote, and no unit
    after it (a unit there is the regular patterns' business: 5000万元以上项目 stays out), unless
    that unit's trap shows it is part of a word (六亿多人民: 人 of 人民); not after 每."""
    core = re.sub(r"[余多]", "", m.group("n1"))
    if not core or core[-1] not in "万亿" or not re.search(r"[\d零〇○一二三四五六七八九十两]", core):
        return False
    if _in_short_quote(t, m.start(), m.end()) or t[m.start() - 1:m.start()] == "每":
        return False                   # “3个100万”; 每10万人口 (the base of a rate)
    u = _BARE_UNIT_AFTER.match(t, _APPROX_MARK.match(t, m.end("n1")).end())
    if u is None:
        return True
    trap = TRAPS.get(u.group("u") or "")
    return trap is not None and trap.match(t, u.end()) is not None


def _confirm(text: str, t: str, m: re.Match, nt: NumberText, is_range: bool):
    n1 = m.group("n1") or ""
    n2 = m.group("n2") if is_range else None
    if m.re is _BARE:
        unit = ""
    else:
        unit = m.group("u") or ("‰" if (m.group("p1") or "").startswith("千分之") else "%")
    if not _accept(t, m, n1, n2, unit):
        return None
    start = nt.to_original(m.start(), False)
    end = nt.to_original(m.end(), True)
    try:
        q = read_quantity_at(text, start, end)
    except QuantityError:
        return None
    return (start, end, q)
