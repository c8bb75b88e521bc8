"""Normalised readings of AMOUNT and PERCENT spans (stdlib only).

``read_quantity(span, before)`` turns a surface such as ``11.73亿元``, ``近30亿元以上``,
``5%-6%``, ``2个百分点``, ``七成``, ``百分之七``, ``十余个`` or ``1.2億斤`` into a
:class:`Quantity` ``(value, unit, qualifier[, low, high])`` following
``shared/ANNOTATION_GUIDELINES.md`` ("Normalised values", "AMOUNT and PERCENT")
and ``docs/CONVENTIONS.md`` ("Normalised values").

Decisions (other code may rely on them):

* Input clean-up: inline pinyin artefacts ``(qū)`` are removed; full-width digits,
  ``％ ． ， － ～`` become ASCII; the traditional characters that matter for numbers and
  units are mapped to simplified (``萬→万 億→亿 兩→两 個→个 戶→户 …``). The reported
  ``unit`` is always simplified with ASCII ``%``.
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
  ``快于全国3.4个、1个百分点`` reads ``3.4个`` as 3.4 百分点.
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

from .schema import PERCENT_UNITS, QUALIFIERS, quantity_label

__all__ = [
    "QUALIFIERS",
    "PERCENT_UNITS",
    "QuantityError",
    "Quantity",
    "read_quantity",
    "normalise_text",
    "UNITS",
    "TIME_UNITS",
]



class QuantityError(ValueError):
    """The string is not a quantity (no number, no unit, or unreadable)."""


# --------------------------------------------------------------------------- text
# One-to-one character mapping (length preserving, so candidates.py can use it on
# whole texts and keep offsets): full-width forms and traditional characters.
_FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_FULLWIDTH.update({"％": "%", "．": ".", "－": "-", "～": "~", "＋": "+", "／": "/", "﹪": "%",
                   "〜": "~", "∼": "~", "–": "-", "−": "-", "‐": "-", "‑": "-"})
_TRAD = (
    "萬万 億亿 兩两 個个 戶户 項项 噸吨 畝亩 條条 輛辆 臺台 檯台 場场 標标 際际 點点 餘余 "
    "約约 內内 於于 過过 進进 頃顷 時时 鐘钟 歲岁 週周 屆届 號号 線线 來来 後后 間间 處处 "
    "棟栋 塊块 種种 類类 對对 冊册 門门 隻只 頭头 顆颗 張张 準准 農农 車车 區区 級级 層层 "
    "筆笔 貳贰 陸陆 達达 歐欧 釐厘 價价 額额 園园 業业 們们 裏里 裡里 爐炉 鋪铺 幀帧 燈灯 "
    "雙双 廠厂 錢钱 幣币 樓楼 輪轮 艙舱 軍军 圖图 網网 鎮镇 縣县 鄉乡 莊庄 計计 擔担 捨舍 "
    "擁拥 選选 學学 醫医 預预 夠够 倉仓 總总 資资 產产 規规 護护 確确 識识 動动 搖摇 結结 "
    "堅坚 優优 籌筹 須须 變变 當当 壓压 縮缩 減减 長长 僅仅 節节 橋桥 與与 為为 戰战 務务 "
    "黨党 會会 議议 積积 驗验 證证 環环 這这 幾几 貝贝 團团 運运 衛卫 導导 華华"
)
_TRAD_MAP = {p[0]: p[1] for p in _TRAD.split() if p[0] != p[1]}
_TABLE = str.maketrans({**_FULLWIDTH, **_TRAD_MAP})

# Inline pinyin artefacts such as 區(qū): lower-case latin letters, at least one
# carrying a tone mark (or ü), in ASCII or full-width brackets.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_ARTEFACT = re.compile(
    r"[(（][a-z%s]*[%s][a-z%s]*[)）]" % (_TONED, _TONED, _TONED))


_MIDDLE_DOT = re.compile(r"(?<=[0-9０-９])[·・](?=[0-9０-９])")


def normalise_text(text: str) -> str:
    """Full-width → ASCII and traditional → simplified, one character for one (a middle dot
    between digits is a decimal point)."""
    text = text.translate(_TABLE)
    return _MIDDLE_DOT.sub(".", text) if "·" in text or "・" in text else text


def _clean(span: str) -> str:
    span = PINYIN_ARTEFACT.sub("", span)
    span = span.translate(_TABLE)
    # full-width comma used as a thousands separator (１０，０４２ → 10,042)
    span = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", span)
    span = _MIDDLE_DOT.sub(".", span)  # 19·5％: a middle dot as the decimal point (1999 report)
    return "".join(span.split())


# --------------------------------------------------------------------------- units
# Units as the text writes them after magnitude words are removed.
_MONEY = "元 美元 港元 港币 欧元 日元 英镑 卢布 韩元 澳元 元人民币"
_COUNT = (
    "个 家 户 项 人 人次 户次 所 座 条 条段 段 套 场 场次 件 件次 名 批 批次 台 台套 辆 头 只 "
    "标箱 标准箱 颗 张 本 部 处 栋 幢 间 块 宗 起 次 轮 种 类 艘 架 架次 列 车次 班次 航次 "
    "对 册 篇 门 支 枚 株 棵 匹 口 根 片 盏 份 位 例 双 副 款 期 组 队 笔 份次 "
    "人日 亩次 床 趟 班 项次 票"
)
_MEASURE = (
    "公里 千米 米 厘米 毫米 平方米 平方公里 平方千米 亩 公顷 立方米 立方 方 "
    "吨 千克 公斤 斤 克 微克 毫克 吨标准煤 标准煤 吨标煤 标煤 吨公里 "
    "千瓦 千瓦时 度 千伏 伏 兆瓦 兆瓦时 吉瓦 吉瓦时 瓦 瓦时 蒸吨 千伏安 伏安 "
    "升 毫升 立方 兆帕 分贝 摄氏度 海里 公顷次 字节 比特 帧 节 岁 周岁"
)
_TIME = "年 年度 天 日 个月 月 小时 分钟 秒 周 星期 工作日 季度 个季度 天次"
_MULT = "倍 番 位 百分点 千分点 % ‰ 成"
UNITS = frozenset((_MONEY + " " + _COUNT + " " + _MEASURE + " " + _TIME + " " + _MULT).split())
TIME_UNITS = frozenset("年 年度 天 日 个月 月 小时 分钟 秒 周 星期 工作日 季度 个季度 个星期 天次".split())
# 个 + one of these: 个 is dropped (months/quarters keep it, see module docstring)
_GE_PROPER = {"百分点": "百分点", "千分点": "千分点", "工作日": "工作日", "小时": "小时",
              "星期": "星期", "钟头": "钟头", "月": "个月", "季度": "个季度"}
# words after a number that make it an identifier, edition or rank, never a unit
_NOT_UNITS = ("号", "周年", "版", "代", "线", "强", "级")
# the few Latin-letter units reports use (compute, storage, containers, power)
LATIN_UNITS = ("EFLOPS", "PFLOPS", "Eflops", "Pflops", "PF", "P", "EB", "PB", "TB", "GB", "TEU",
               "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "kV", "km")
_LATIN_UNIT = re.compile(r"(?:%s)(?![A-Za-z0-9])" % "|".join(LATIN_UNITS))
# reported as the plain unit: 1148亿元人民币 → 元
_UNIT_ALIASES = {"元人民币": "元", "人民币": "元"}
_UNITS_BY_LEN = sorted(UNITS, key=len, reverse=True)
_QIAN_BAI_UNITS = tuple(u for u in _UNITS_BY_LEN if u[0] in "千百")  # 千瓦 千伏 百分点 …

_HAN = re.compile(r"[\u3400-\u9fff]{1,3}")

# --------------------------------------------------------------------------- numbers
_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3,
              "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10 ** 4, "亿": 10 ** 8}
_CN_CHARS = set(_CN_DIGITS) | set(_CN_SMALL) | set(_CN_BIG)
_MAG = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}

_AR_NUM = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")
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


def _to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def _small_cn(s: str) -> Decimal:
    """Chinese numeral below 10000 (十/百/千 structure, 零, abbreviated 三千五)."""
    if not s:
        return Decimal(0)
    total = 0
    num = None
    last_unit = None
    for ch in s:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
            if num == 0:
                last_unit = None
                num = None
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            total += (1 if num is None else num) * unit
            num = None
            last_unit = unit
        else:  # pragma: no cover - guarded by caller
            raise QuantityError(f"unexpected character {ch!r} in numeral")
    if num is not None:
        if last_unit and last_unit >= 100 and s[-2] in _CN_SMALL:
            total += num * last_unit // 10       # 三千五 → 3500, 两百五 → 250
        else:
            total += num
    return Decimal(total)


def _cn_integer(s: str) -> Decimal:
    if not any(ch in _CN_SMALL or ch in _CN_BIG for ch in s):
        if len(s) == 1:
            return Decimal(_CN_DIGITS[s])
        return Decimal("".join(str(_CN_DIGITS[ch]) for ch in s))   # 二〇二六 → 2026
    for big in ("亿", "万"):
        i = s.rfind(big)
        if i >= 0:
            left, right = s[:i], s[i + 1:]
            lv = _cn_integer(left) if left else Decimal(1)
            scale = _CN_BIG[big]
            if len(right) == 1 and right in _CN_DIGITS and right not in "零〇○" and left:
                rv = Decimal(_CN_DIGITS[right] * scale // 10)        # 一万五 → 15000
            elif right[:1] in ("零", "〇", "○"):
                rest = right.lstrip("零〇○")
                rv = _cn_integer(rest) if rest else Decimal(0)
            else:
                rv = _cn_integer(right) if right else Decimal(0)
            return lv * scale + rv
    return _small_cn(s)


def _cn_number(s: str) -> Decimal:
    """Chinese numeral, optionally with 点 decimals (三点五 → 3.5)."""
    if "点" in s:
        ip, fp = s.split("点", 1)
        if not fp or any(ch not in _CN_DIGITS for ch in fp):
            raise QuantityError(f"bad decimal numeral {s!r}")
        frac = "".join(str(_CN_DIGITS[ch]) for ch in fp)
        return _cn_integer(ip) + Decimal("0." + frac) if ip else Decimal("0." + frac)
    return _cn_integer(s)


def _starts_qianbai_unit(s: str, i: int) -> bool:
    return s.startswith(_QIAN_BAI_UNITS, i)


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
    arabic = _AR_NUM.match(s, i)
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
            if ch == "点" and j > i and j + 1 < len(s) and s[j + 1] in _CN_DIGITS:
                j += 1
                while j < len(s) and s[j] in _CN_DIGITS:   # only digits after 点
                    j += 1
                break
            if ch in _CN_CHARS:
                j += 1
                continue
            break
        run = s[i:j]
        if not run:
            raise QuantityError(f"no number in {s!r}")
        has_digit = any(ch in _CN_DIGITS for ch in run) or run[0] in "十拾"
        if not has_digit:
            # magnitude-only: 千亿元 / 万亿元 are numbers, 万元 alone is not;
            # 百余个 / 千余家 / 万余人 and 超万列 / 近万人次 are numbers.
            followed_by_mark = j < len(s) and s[j] in _INNER_MARKS
            after_mark = i > 0 and s[i - 1] in _PREFIX_MARKS
            if len(run) < 2 and not followed_by_mark and not after_mark and not bare_magnitude:
                raise QuantityError(
                    f"no number in {s!r} (a magnitude word alone is not a number)")
        part.value = _cn_number(run)
        cut = run.rfind("亿")
        rest = run[cut + 1:].lstrip("零〇○") if cut >= 0 else ""
        if rest and "点" not in run and "万" not in rest:
            below_yi = _cn_integer(rest)
        core = run.rstrip("万亿")
        if (len(core) == 2 and core[0] in _CN_DIGITS and core[1] in _CN_DIGITS
                and 0 < _CN_DIGITS[core[0]] < _CN_DIGITS[core[1]] <= _CN_DIGITS[core[0]] + 2):
            # 两三个, 三四个, 三五年, 七八成, 三五万: an approximate range, not 23/34/35/78
            scale = _cn_integer("一" + run[2:]) if len(run) > 2 else Decimal(1)
            part.value = _CN_DIGITS[core[0]] * scale
            part.high = _CN_DIGITS[core[1]] * scale
        if "点" not in run:
            for ch in reversed(run):           # trailing magnitude: 五千万 → 1e7
                if ch not in "百千万亿" or (ch in "百千" and len(run) == 1):
                    break
                part.mag *= _MAG[ch]
        i = j
    # 余/多 before the magnitude (3000余万元, 三十多万人)
    while i < len(s) and s[i] in _INNER_MARKS:
        part.marks.append(_INNER_MARKS[s[i]])
        i += 1
    # magnitude words (万, 亿, 万亿, 千万, 百万 …) — not the 千/百 of a unit
    while i < len(s) and s[i] in _MAG:
        if s[i] in "千百" and _starts_qianbai_unit(s, i):
            break
        if s[i] == "十" and not arabic:      # 十 after a Chinese numeral is part of it
            break
        if below_yi is not None and s[i] == "万":  # 四亿零七百多万: 4亿 + 700万, not (4亿 + 700) × 万
            part.value += below_yi * (_MAG["万"] - 1)
            below_yi = None
            i += 1
            continue
        part.value *= _MAG[s[i]]
        if part.high is not None:
            part.high *= _MAG[s[i]]
        part.mag *= _MAG[s[i]]
        i += 1
    while i < len(s) and s[i] in _INNER_MARKS:
        part.marks.append(_INNER_MARKS[s[i]])
        i += 1
    if i < len(s) and s[i] == "亿" and s[i - 1] in _INNER_MARKS and part.mag == _MAG["万"]:
        part.value *= _MAG["亿"]  # 4万多亿元: 4万亿 with 多 inside it
        part.mag *= _MAG["亿"]
        i += 1
    return i


_SUFFIX_WORDS = tuple(w for w, _ in _SUFFIX_MARKS)


def _han_word(s: str, i: int, stop: str) -> str:
    """The 1–3 Han characters at ``i`` that could be a unit written as such."""
    m = _HAN.match(s, i)
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
        for proper, unit in _GE_PROPER.items():
            if s.startswith(proper, j):
                if j > i + 1:
                    part.marks.append("more_than")       # 3个多月
                part.unit = unit
                return j + len(proper)
    if s.startswith(_SUFFIX_WORDS, i):         # 30万以上: a mark, not a unit
        return i
    latin = _LATIN_UNIT.match(s, i)
    if latin:                                  # 22万P, 4800PF, 50万TEU
        part.unit = latin.group()
        return latin.end()
    word = _han_word(s, i, stop)
    lex = next((u for u in _UNITS_BY_LEN if s.startswith(u, i)), None)
    if lex is not None and (not word or len(lex) >= len(word)):
        unit = lex
    elif word:
        if word.startswith(_NOT_UNITS):
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
            (u for u in _UNITS_BY_LEN if s.startswith(u, j)), "")
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
            den, num = _cn_number(m.group(1)), _cn_number(m.group(2))
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


def _starts_number(s: str, j: int) -> bool:
    return j < len(s) and (s[j].isdigit() or s[j] in _CN_CHARS)


BEFORE_CHARS = 16  # how much text before a span callers pass as ``before`` (分别突破1.5万亿元、)
AFTER_CHARS = 12  # how much text after a span callers pass as ``after``
_SHARED_POINTS = re.compile(r"[和、及与或]\s*[\d.零〇一二两三四五六七八九十]+个百分点")


def _list_unit(item: str) -> str | None:
    try:
        return read_quantity(item).unit
    except QuantityError:
        return None


# 四、五十亿元, 三、四个: two neighbouring digits joined by 、 are an approximate range (40..50亿元)
_DUN_RANGE = re.compile(r"^([一二三四五六七八九])、([二三四五六七八九])([十百千]?)")


def _dun_range(m: re.Match) -> str:
    if _CN_DIGITS[m.group(2)] != _CN_DIGITS[m.group(1)] + 1:
        return m.group(0)
    return f"{m.group(1)}{m.group(3)}至{m.group(2)}{m.group(3)}"


def read_quantity(span: str, before: str = "", after: str = "") -> Quantity:
    """Read an AMOUNT/PERCENT surface into a :class:`Quantity` (see module docstring).

    Raises :class:`QuantityError` (with the reason) for strings that are not quantities.
    """
    if not isinstance(span, str):
        raise QuantityError("span must be a string")
    s = _clean(span)
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
    bare = bound is not None or (before.endswith(_BARE_MAGNITUDE_BEFORE) and i == 0 and s[:1] in _MAG)
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
    unit = _UNIT_ALIASES.get(last.unit, last.unit)
    if second is None and unit.endswith("半") and unit[:-1] in UNITS and first.high is None:
        unit = unit[:-1]              # 一头半, 一年半: and a half
        first.value += Decimal("0.5") * first.mag
    if unit == "个" and s.endswith("个") and _SHARED_POINTS.match(normalise_text(after)):
        unit = "百分点"               # 快于全国[3.4个]、1个百分点
    if list_item is not None and bound is not None and _list_unit(list_item) != unit:
        bound = None                  # 近千亿、[4个]: a different quantity, not the same list
    lo, hi = first.value, None
    if second is not None:
        if first.unit is not None and _UNIT_ALIASES.get(first.unit, first.unit) != unit:
            raise QuantityError(f"range ends have different units in {span!r}")
        if first.unit is None and first.mag == 1:
            lo *= second.mag          # 5-10万元 → 50000..100000
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
        return Quantity(_to_number(lo), unit, "range", _to_number(lo), _to_number(hi))
    if bound is None and before.endswith("以") and after.startswith("计"):
        bound = "at_least"            # 以千万计: numbering in the tens of millions
    qualifier = marks[-1] if marks else (bound or "exact")
    return Quantity(_to_number(lo), unit, qualifier)


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
