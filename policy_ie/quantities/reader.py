"""Normalised readings of AMOUNT and PERCENT spans (stdlib only).

``read_quantity(span, before)`` turns a surface such as ``11.73亿元``, ``近30亿元以上``,
``5%-6%``, ``2个百分点``, ``七成``, ``百分之七``, ``十余个`` or ``1.2億斤`` into a
:class:`Quantity` ``(value, unit, qualifier[, low, high])`` following
``shared/ANNOTATION_GUIDELINES.md`` ("Normalised values", "AMOUNT and PERCENT")
and ``docs/CONVENTIONS.md`` ("Normalised values").

Decisions (other code may rely on them):

* Input clean-up (:func:`policy_ie.text.normalise_span`): inline pinyin artefacts ``(qū)``
  are removed; full-width digits, ``％ ． ， － ～`` become ASCII; the traditional characters
  that matter for numbers and units are mapped to simplified (``萬→万 億→亿 兩→两 個→个 戶→户 …``).
  The reported ``unit`` is always simplified with ASCII ``%``.
* ``value`` is computed with :class:`decimal.Decimal` and returned as ``int`` when
  whole, else ``float`` (``11.73亿元`` → ``1173000000``).
* Units beginning with 千 or 百 (千瓦, 千瓦时, 千伏, 千米, 千克, 千分点, 百分点) are units,
  not magnitudes: ``3千瓦`` → (3, 千瓦), ``5万千瓦`` → (50000, 千瓦).
* ``个`` before a unit proper is dropped (``2个百分点`` → 百分点, ``3个工作日`` → 工作日,
  ``5个小时`` → 小时); a bare ``个`` is the unit. Exception: months and quarters keep
  ``个`` — ``6个月`` → unit ``个月``, ``两个季度`` → ``个季度`` — because a bare ``月`` /
  ``季度`` after a numeral names a calendar month / quarter (``6月`` = June).
* 成 is converted to percent (``七成`` → 70, ``%``); ``百分之X`` → (X, %);
  ``千分之X`` → (X, ‰).
* A unit not in the lexicon is accepted as written when it is 1–3 Han characters
  (``5款`` → 款, ``3个片区`` → 个片区, ``6.8级`` → 级), except words that make the number an
  identifier or rank (号 号线 周年 版 代 线 强 级 → error); a compound unit with ``/`` is kept
  whole (``2520元/月`` → 元/月); ``元人民币`` is reported as ``元``. A few Latin units are
  accepted as written (``22万P`` → (220000, P); also PF EFLOPS TB TEU kW kWh kV km …); other
  letters after a number make it an identifier (``5G`` → error).
* Fractions are percentages: ``1/4`` → 25 %, ``三分之一`` → 33.33 % (a non-terminating
  value is rounded to 0.01); ``一半``/``半数`` → 50 %.
* Magnitude-only numerals: ``千亿元``/``万亿元`` (two or more magnitude characters) are
  numbers (1e11, 1e12); ``百余个``/``千余家``/``万余人`` are (100/1000/10000, more_than);
  a single magnitude character with a unit and no 余/多 (``万元``) is *not* a quantity,
  unless a bound word or 上 stands right before it (突破 ``百条`` → 100 条 more_than,
  上 ``万支`` → 10000 支 at_least).
* An alternative unit word in brackets after the unit is skipped: ``1万台（套）以上``.
* Qualifiers: 近 约 左右 → approx; 逾 超 余 多 → more_than; 以上 及以上 → at_least; 以下
  及以下 以内 → at_most. Precedence: range first, then the mark written last
  (``近30亿元以上`` → at_least). A bound word at the end of ``before`` (超过 突破 →
  more_than, 不低于 不少于 至少 跨上 跃上 → at_least, 不超过 → at_most, 接近 将近 → approx) applies
  only when the span has no mark. A bound word or mark in front of a coordinated list
  reaches the later items (``分别超98.5%和`` + ``99%`` → more_than; ``超过98％、`` +
  ``85％`` → more_than). For robustness a span that itself starts with a bound word is
  read as if the word were in ``before``. The list must be of like quantities: the
  mark reaches an item only when the item before it has the same unit (``近千亿、`` +
  ``4个`` stays exact).
* ``以`` before and ``计`` after a span make it at_least (``以千万计``).
* ``半`` after a unit adds a half: ``一头半`` → 1.5 头, ``一年半`` → 1.5 年.
* ``after`` (the text right after the span) lets a list share its last unit:
  ``快于全国3.4个、1个百分点`` reads ``3.4个`` as 3.4 百分点, and ``高4.2和0.7个百分点`` the bare
  ``4.2`` as 4.2 百分点.
* Two adjacent Chinese digits in rising order are an approximate range, as written in
  Chinese (``两三个`` → 2..3, ``三五年`` → 3..5, ``七八成`` → 70..80 %; with 、 between
  neighbouring digits: ``四、五十亿元`` → 4e9..5e9, ``三、四个`` → 3..4); longer digit strings
  are read digit by digit (``二〇二六`` → 2026).
* Ranges (``5%-6%``, ``5-6%``, ``5至6个百分点``, ``3到5年``, ``5-10万元``, ``百分之八至九``): ``low``/``high``
  are the two ends in the unit (the smaller one is ``low``), ``value`` is ``low``; a bare
  first end takes the magnitude and unit of the second (``5-10万元`` → 50000..100000).
  Ends with different units are an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..schema import QUALIFIERS, quantity_label
from ..text import PINYIN_ARTEFACT, normalise_span, normalise_text
from .numerals import AR_NUM, CN_CHARS, CN_DIGITS, MAG, QuantityError, cn_integer, cn_number, to_number
from .units import (GE_PROPER, HAN_WORD, LATIN_UNIT, NOT_UNITS, QIAN_BAI_UNITS, UNIT_ALIASES, UNITS,
                    UNITS_BY_LEN)

_PREFIX_MARKS = {"近": "approx", "约": "approx", "逾": "more_than", "超": "more_than"}
_INNER_MARKS = {"余": "more_than", "多": "more_than"}
_SUFFIX_MARKS = (("及以上", "at_least"), ("及以下", "at_most"), ("以上", "at_least"),
                 ("以下", "at_most"), ("以内", "at_most"), ("左右", "approx"))
_BOUND_WORDS = (("不超过", "at_most"), ("不低于", "at_least"), ("不少于", "at_least"), ("至少", "at_least"),
                ("超过", "more_than"), ("突破", "more_than"), ("接近", "approx"),
                ("将近", "approx"), ("跨过", "more_than"), ("跨上", "at_least"), ("跃上", "at_least"))
_BARE_MAGNITUDE_BEFORE = "上"  # 上万支, 上百家: one magnitude character after 上 is a number (at_least)
_ALT_UNIT = re.compile(r"[（(][\u4e00-\u9fff]{1,2}[）)]")  # 1万台（套）: an alternative unit word
_MARK_PATTERN = "|".join([w for w, _ in _BOUND_WORDS] + list(_PREFIX_MARKS))
# a bound word or mark in front of a coordinated list reaches every item:
# 分别超98.5%和[99%], 超过98％、[85％], 分别突破300亿元和[3000亿元]
_LIST_BOUND = re.compile(
    r"(%s)(?:[\d.,零〇一二两三四五六七八九十百千万亿余多]+(?:[\u4e00-\u9fff]{0,4}?|[%%‰])"
    r"(?:以上|以下|以内|左右)?[和、及与或])+$" % _MARK_PATTERN)
_MARK_QUALIFIER = {**dict(_BOUND_WORDS), **_PREFIX_MARKS}
_RANGE_SEPS = "-—~至到"


def _starts_qianbai_unit(s: str, i: int) -> bool:
    return s.startswith(QIAN_BAI_UNITS, i)


class _Part:
    __slots__ = ("value", "high", "unit", "marks", "mag", "end")

    def __init__(self):
        self.value: Decimal | None = None
        self.high: Decimal | None = None     # 三四个: second end of a numeral range
        self.unit: str | None = None
        self.marks: list[str] = []
        self.mag = Decimal(1)        # product of the magnitude words written
        self.end = 0


def _read_number(s: str, i: int, part: _Part, bare_magnitude: bool = False) -> int:
    """Read a number (Arabic or Chinese, with 余/多 and magnitude words) at ``i``;
    ``bare_magnitude`` lets one magnitude character stand for its value (突破|万列)."""
    arabic = AR_NUM.match(s, i)
    below_yi = None  # 七亿七千(多)万: the part after 亿 that a later 万 scales
    if arabic:
        part.value = Decimal(arabic.group().replace(",", ""))
        i = arabic.end()
    else:
        j = i
        while j < len(s):
            ch = s[j]
            if ch in "千百" and _starts_qianbai_unit(s, j):
                break
            if ch == "点" and j > i and j + 1 < len(s) and s[j + 1] in CN_DIGITS:
                j += 1
                while j < len(s) and s[j] in CN_DIGITS:   # only digits after 点
                    j += 1
                break
            if ch in CN_CHARS:
                j += 1
                continue
            break
        run = s[i:j]
        if not run:
            raise QuantityError(f"no number in {s!r}")
        has_digit = any(ch in CN_DIGITS for ch in run) or run[0] in "十拾"
        if not has_digit:
            # magnitude-only: 千亿元 / 万亿元 are numbers, 万元 alone is not;
            # 百余个 / 千余家 / 万余人 and 超万列 / 近万人次 are numbers.
            followed_by_mark = j < len(s) and s[j] in _INNER_MARKS
            after_mark = i > 0 and s[i - 1] in _PREFIX_MARKS
            if len(run) < 2 and not followed_by_mark and not after_mark and not bare_magnitude:
                raise QuantityError(
                    f"no number in {s!r} (a magnitude word alone is not a number)")
        part.value = cn_number(run)
        cut = run.rfind("亿")
        rest = run[cut + 1:].lstrip("零〇○") if cut >= 0 else ""
        if rest and "点" not in run and "万" not in rest:
            below_yi = cn_integer(rest)
        core = run.rstrip("万亿")
        if (len(core) == 2 and core[0] in CN_DIGITS and core[1] in CN_DIGITS
                and 0 < CN_DIGITS[core[0]] < CN_DIGITS[core[1]] <= CN_DIGITS[core[0]] + 2):
            # 两三个, 三四个, 三五年, 七八成, 三五万: an approximate range, not 23/34/35/78
            scale = cn_integer("一" + run[2:]) if len(run) > 2 else Decimal(1)
            part.value = CN_DIGITS[core[0]] * scale
            part.high = CN_DIGITS[core[1]] * scale
        if "点" not in run:
            for ch in reversed(run):           # trailing magnitude: 五千万 → 1e7
                if ch not in "百千万亿" or (ch in "百千" and len(run) == 1):
                    break
                part.mag *= MAG[ch]
        i = j
    # 余/多 before the magnitude (3000余万元, 三十多万人)
    while i < len(s) and s[i] in _INNER_MARKS:
        part.marks.append(_INNER_MARKS[s[i]])
        i += 1
    # magnitude words (万, 亿, 万亿, 千万, 百万 …) — not the 千/百 of a unit
    while i < len(s) and s[i] in MAG:
        if s[i] in "千百" and _starts_qianbai_unit(s, i):
            break
        if s[i] == "十" and not arabic:      # 十 after a Chinese numeral is part of it
            break
        if below_yi is not None and s[i] == "万":  # 四亿零七百多万: 4亿 + 700万, not (4亿 + 700) × 万
            part.value += below_yi * (MAG["万"] - 1)
            below_yi = None
            i += 1
            continue
        part.value *= MAG[s[i]]
        if part.high is not None:
            part.high *= MAG[s[i]]
        part.mag *= MAG[s[i]]
        i += 1
    if arabic and "." not in arabic.group() and part.mag >= MAG["万"] and i < len(s) and s[i].isdigit():
        # 1万6千多户, 1亿3000万人: a lower part after 万/亿 with a magnitude of its own
        lower = _Part()
        j = _read_number(s, i, lower)
        if 1 < lower.mag < part.mag:
            part.value += lower.value
            part.marks += lower.marks
            i = j
    while i < len(s) and s[i] in _INNER_MARKS:
        part.marks.append(_INNER_MARKS[s[i]])
        i += 1
    if i < len(s) and s[i] in "万亿" and s[i - 1] in _INNER_MARKS and part.mag < MAG[s[i]]:
        part.value *= MAG[s[i]]  # 4万多亿元, 3千多万人: the larger magnitude after 多
        part.mag *= MAG[s[i]]
        i += 1
    return i


_SUFFIX_WORDS = tuple(w for w, _ in _SUFFIX_MARKS)


def _han_word(s: str, i: int, stop: str) -> str:
    """The 1–3 Han characters at ``i`` that could be a unit written as such."""
    m = HAN_WORD.match(s, i)
    if not m:
        return ""
    word = m.group()
    for k in range(len(word)):
        if word[k] in stop or (k > 0 and (word[k] in _INNER_MARKS or word[k] == "每"
                                          or s.startswith(_SUFFIX_WORDS, i + k))):
            return word[:k]
    return word


def _read_unit(s: str, i: int, part: _Part, stop: str = "") -> int:
    """Read a unit at ``i``; ``stop`` holds characters that cannot start a unit."""
    if s.startswith("个", i):
        j = i + 1
        if s.startswith("多", j):
            j += 1
        for proper, unit in GE_PROPER.items():
            if s.startswith(proper, j):
                if j > i + 1:
                    part.marks.append("more_than")       # 3个多月
                part.unit = unit
                return j + len(proper)
    if s.startswith(_SUFFIX_WORDS, i):         # 30万以上: a mark, not a unit
        return i
    latin = LATIN_UNIT.match(s, i)
    if latin:                                  # 22万P, 4800PF, 50万TEU
        part.unit = latin.group()
        return latin.end()
    word = _han_word(s, i, stop)
    lex = next((u for u in UNITS_BY_LEN if s.startswith(u, i)), None)
    if lex is not None and (not word or len(lex) >= len(word)):
        unit = lex
    elif word:
        if word.startswith(NOT_UNITS):
            raise QuantityError(f"{word!r} after the number makes it an identifier or rank, "
                                f"not a quantity in {s!r}")
        unit = word          # unknown measure word, reported as written
    else:
        return i
    part.unit = unit
    i += len(unit)
    # compound unit: 元/月, 微克/立方米, 人/百亿元; 微克每立方米 is written 微克/立方米
    if i < len(s) and s[i] in "/每":
        j = i + 1
        while j < len(s) and s[j] in "十百千万亿" and not _starts_qianbai_unit(s, j):
            j += 1
        den = _han_word(s, j, "") or next(
            (u for u in UNITS_BY_LEN if s.startswith(u, j)), "")
        if den:
            part.unit += "/" + s[i + 1:j] + den
            return j + len(den)
    return i


_AR_FRACTION = re.compile(r"(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)")
_CN_FRACTION = re.compile(r"([零〇○一二两三四五六七八九十]+)分之([零〇○一二两三四五六七八九十点]+)")
_HALF = ("一半", "半数")


def _fraction_percent(num: Decimal, den: Decimal) -> Decimal:
    """``num/den`` as a percent; non-terminating results are rounded to 0.01."""
    if den == 0:
        raise QuantityError("fraction with a zero denominator")
    value = num * 100 / den
    if value != value.quantize(Decimal("0.0001")):
        value = value.quantize(Decimal("0.01"))
    return value


def _read_part(s: str, i: int, need_unit: bool, stop: str = "", bare_magnitude: bool = False) -> _Part:
    part = _Part()
    if s.startswith(_HALF, i):                       # 近一半 → 50 %
        part.value, part.unit, part.end = Decimal(50), "%", i + 2
        return part
    m = _AR_FRACTION.match(s, i) or _CN_FRACTION.match(s, i)
    if m and not s.startswith(("百分之", "千分之"), i):   # 1/4, 三分之一 → 25 %, 33.33 %
        if m.re is _AR_FRACTION:
            num, den = Decimal(m.group(1)), Decimal(m.group(2))
        else:
            den, num = cn_number(m.group(1)), cn_number(m.group(2))
        part.value, part.unit, part.end = _fraction_percent(num, den), "%", m.end()
        return part
    if s.startswith(("百分之", "千分之"), i):
        unit = "%" if s[i] == "百" else "‰"
        i = _read_number(s, i + 3, part)
        part.unit = unit
        part.end = i
        return part
    i = _read_number(s, i, part, bare_magnitude)
    i = _read_unit(s, i, part, stop)
    if part.unit is None and need_unit:
        raise QuantityError(f"no unit in {s!r}")
    part.end = i
    return part


def _wan_yi_part(mag: Decimal) -> Decimal:
    """The 万/亿 factors of a product of magnitude words (三百亿: 100 × 1e8 → 1e8)."""
    out = Decimal(1)
    while mag >= MAG["万"] and mag % MAG["万"] == 0:
        out *= MAG["万"]
        mag /= MAG["万"]
    return out


def _starts_number(s: str, j: int) -> bool:
    return j < len(s) and (s[j].isdigit() or s[j] in CN_CHARS)


BEFORE_CHARS = 16  # how much text before a span callers pass as ``before`` (分别突破1.5万亿元、)
AFTER_CHARS = 12  # how much text after a span callers pass as ``after``
_SHARED_POINTS = re.compile(r"[和、及与或]\s*[\d.零〇一二两三四五六七八九十]+个百分点")
_SHARED_POINTS_BARE = re.compile(r"[和、及与或]\s*[\d.零〇一二两三四五六七八九十]+个?百分点")  # 高[4.2]和0.7个百分点


def _list_unit(item: str) -> str | None:
    try:
        return read_quantity(item).unit
    except QuantityError:
        return None


# 四、五十亿元, 三、四个: two neighbouring digits joined by 、 are an approximate range (40..50亿元)
# (also after 百分之: 百分之二、三 = 百分之二至三)
_DUN_RANGE = re.compile(r"^((?:百分之|千分之)?)([一两二三四五六七八九])、([二三四五六七八九])([十百千]?)")


def _dun_range(m: re.Match) -> str:
    if CN_DIGITS[m.group(3)] != CN_DIGITS[m.group(2)] + 1:
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}{m.group(4)}至{m.group(3)}{m.group(4)}"


def read_quantity(span: str, before: str = "", after: str = "") -> Quantity:
    """Read an AMOUNT/PERCENT surface into a :class:`Quantity` (see module docstring).

    Raises :class:`QuantityError` (with the reason) for strings that are not quantities.
    """
    if not isinstance(span, str):
        raise QuantityError("span must be a string")
    s = normalise_span(span)
    if not s:
        raise QuantityError("empty span")
    s = _DUN_RANGE.sub(_dun_range, s)

    bound = None
    list_item = None  # the list item before the span whose bound word reaches it
    for word, q in _BOUND_WORDS:
        if s.startswith(word):
            bound = q
            s = s[len(word):]
            break
    if bound is None and before:
        b = "".join(normalise_text(PINYIN_ARTEFACT.sub("", before[-24:])).split())
        for word, q in _BOUND_WORDS:
            if b.endswith(word):
                bound = q
                break
        else:
            m = _LIST_BOUND.search(b)
            if m:
                bound = _MARK_QUALIFIER[m.group(1)]
                list_item = re.split(r"[和、及与或]", m.group(0)[len(m.group(1)):])[-2]

    marks: list[str] = []
    i = 0
    if len(s) > 1 and s[0] in _PREFIX_MARKS and _starts_number(s, 1):
        marks.append(_PREFIX_MARKS[s[0]])
        i = 1
    if not _starts_number(s, i):
        if not re.search(r"[\d零〇○一二两三四五六七八九十百千万亿]", s):
            raise QuantityError(f"no number in {span!r}")
        raise QuantityError(f"text before the number in {span!r}")

    # one magnitude character is a number when a bound word or 上 stands right before it
    bare = bound is not None or (before.endswith(_BARE_MAGNITUDE_BEFORE) and not before.endswith("以上")
                                 and i == 0 and s[:1] in MAG)  # 以上十项: the ten above, not 上十
    if bound is None and bare:
        bound = "at_least"
    first = _read_part(s, i, need_unit=False, stop=_RANGE_SEPS, bare_magnitude=bare)
    i = first.end
    second = None
    if i < len(s) and s[i] in _RANGE_SEPS:
        j = i + 1
        if s[i] in "—-" and j < len(s) and s[j] in "—-":      # ——
            j += 1
        if len(s) > j + 1 and s[j] in _PREFIX_MARKS and _starts_number(s, j + 1):
            marks.append(_PREFIX_MARKS[s[j]])
            j += 1
        if not _starts_number(s, j):
            raise QuantityError(f"range separator without a second number in {span!r}")
        pct_words = s.startswith(("百分之", "千分之"), 1 if marks else 0)
        second = _read_part(s, j, need_unit=not pct_words)
        if second.unit is None:  # 百分之八至九: the second end takes the first's unit
            second.unit = first.unit
        i = second.end
    if (second is None and first.unit is None and first.mag > 1
            and (i == len(s) or s.startswith(_SUFFIX_WORDS, i))):
        first.unit = ""  # 70万, 万亿, 30万以上: a magnitude with no unit written (docs/CONVENTIONS.md)
    if second is None and first.unit is None and i == len(s) and _SHARED_POINTS_BARE.match(normalise_text(after)):
        first.unit = "百分点"          # 分别高[4.2]和0.7个百分点: the pair's unit is written once, after the last
    if second is None and first.unit is None:
        if i == len(s):
            raise QuantityError(f"no unit in {span!r} (a bare number is not a quantity)")
        raise QuantityError(f"no unit in {span!r} (unexpected {s[i:]!r})")

    last = second or first
    alt = _ALT_UNIT.match(s, i)
    if alt and last.unit:                               # 1万台（套）以上
        i = alt.end()
    while i < len(s) and s[i] in _INNER_MARKS:          # 1倍多, 两年多
        last.marks.append(_INNER_MARKS[s[i]])
        i += 1
    for word, q in _SUFFIX_MARKS:
        if s.startswith(word, i):
            last.marks.append(q)
            i += len(word)
            break
    if i != len(s):
        raise QuantityError(f"unexpected text {s[i:]!r} after the quantity in {span!r}")

    marks += first.marks
    if second is not None:
        marks += second.marks
    unit = UNIT_ALIASES.get(last.unit, last.unit)
    if second is None and unit.endswith("半") and unit[:-1] in UNITS and first.high is None:
        unit = unit[:-1]              # 一头半, 一年半: and a half
        first.value += Decimal("0.5") * first.mag
    if unit == "个" and s.endswith("个") and _SHARED_POINTS.match(normalise_text(after)):
        unit = "百分点"               # 快于全国[3.4个]、1个百分点
    if list_item is not None and bound is not None and _list_unit(list_item) != unit:
        bound = None                  # 近千亿、[4个]: a different quantity, not the same list
    lo, hi = first.value, None
    if second is not None:
        if first.unit is not None and UNIT_ALIASES.get(first.unit, first.unit) != unit:
            raise QuantityError(f"range ends have different units in {span!r}")
        if first.unit is None and first.mag < MAG["万"]:
            # the first end takes the second's magnitude: 5-10万元 → 50000..100000, 2-3百万元 →
            # 2e6..3e6; only its 万/亿 when the rest would pass the high end: 五十至一百万人 →
            # 5e5..1e6, 二百至三百亿度 (二、三百亿度) → 2e10..3e10
            wan_yi = _wan_yi_part(second.mag)
            if first.mag > 1 or (lo * second.mag > second.value and lo * wan_yi <= second.value):
                lo *= wan_yi
            else:
                lo *= second.mag
        hi = second.value
    elif first.high is not None:      # 两三个 → 2..3
        hi = first.high
    if unit == "成":                  # 七成 → 70 %
        unit = "%"
        lo *= 10
        if hi is not None:
            hi *= 10
    if hi is not None:
        lo, hi = min(lo, hi), max(lo, hi)
        return Quantity(to_number(lo), unit, "range", to_number(lo), to_number(hi))
    if bound is None and before.endswith("以") and after.startswith("计"):
        bound = "at_least"            # 以千万计: numbering in the tens of millions
    qualifier = marks[-1] if marks else (bound or "exact")
    return Quantity(to_number(lo), unit, qualifier)


def read_quantity_at(text: str, start: int, end: int) -> Quantity:
    """:func:`read_quantity` of ``text[start:end]`` with the context every caller uses
    (``BEFORE_CHARS`` before the span, ``AFTER_CHARS`` after it)."""
    return read_quantity(text[start:end], text[max(0, start - BEFORE_CHARS):start], text[end:end + AFTER_CHARS])


@dataclass(frozen=True)
class Quantity:
    """A normalised AMOUNT or PERCENT value."""

    value: int | float
    unit: str
    qualifier: str
    low: int | float | None = None
    high: int | float | None = None

    def __post_init__(self):
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")

    @property
    def label(self) -> str:
        return quantity_label(self.unit)

    def to_dict(self) -> dict:
        d = {"value": self.value, "unit": self.unit, "qualifier": self.qualifier}
        if self.qualifier == "range":
            d["low"] = self.low
            d["high"] = self.high
        return d
