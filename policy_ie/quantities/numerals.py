"""Numbers as reports write them: Arabic (``11.73``, ``10,042``) and Chinese numerals
(``三千五``, ``二〇二六``, ``七亿七千万``, ``三点五``), read exactly with :class:`decimal.Decimal`."""
from __future__ import annotations

import re
from decimal import Decimal


class QuantityError(ValueError):
    """The string is not a quantity (no number, no unit, or unreadable)."""


CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3,
              "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10 ** 4, "亿": 10 ** 8}
CN_CHARS = set(CN_DIGITS) | set(CN_SMALL) | set(CN_BIG)
MAG = {"十": 10, "百": 100, "千": 1000, "万": 10 ** 4, "亿": 10 ** 8}

AR_NUM = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?")


def to_number(d: Decimal) -> int | float:
    if d == d.to_integral_value():
        return int(d)
    return float(d)


def small_cn(s: str) -> Decimal:
    """Chinese numeral below 10000 (十/百/千 structure, 零, abbreviated 三千五)."""
    if not s:
        return Decimal(0)
    total = 0
    num = None
    last_unit = None
    for ch in s:
        if ch in CN_DIGITS:
            num = CN_DIGITS[ch]
            if num == 0:
                last_unit = None
                num = None
        elif ch in CN_SMALL:
            unit = CN_SMALL[ch]
            total += (1 if num is None else num) * unit
            num = None
            last_unit = unit
        else:  # pragma: no cover - guarded by caller
            raise QuantityError(f"unexpected character {ch!r} in numeral")
    if num is not None:
        if last_unit and last_unit >= 100 and s[-2] in CN_SMALL:
            total += num * last_unit // 10       # 三千五 → 3500, 两百五 → 250
        else:
            total += num
    return Decimal(total)


def cn_integer(s: str) -> Decimal:
    if not any(ch in CN_SMALL or ch in CN_BIG for ch in s):
        if len(s) == 1:
            return Decimal(CN_DIGITS[s])
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in s))   # 二〇二六 → 2026
    for big in ("亿", "万"):
        i = s.rfind(big)
        if i >= 0:
            left, right = s[:i], s[i + 1:]
            lv = cn_integer(left) if left else Decimal(1)
            scale = CN_BIG[big]
            if len(right) == 1 and right in CN_DIGITS and right not in "零〇○" and left:
                rv = Decimal(CN_DIGITS[right] * scale // 10)        # 一万五 → 15000
            elif right[:1] in ("零", "〇", "○"):
                rest = right.lstrip("零〇○")
                rv = cn_integer(rest) if rest else Decimal(0)
            else:
                rv = cn_integer(right) if right else Decimal(0)
            return lv * scale + rv
    return small_cn(s)


def cn_number(s: str) -> Decimal:
    """Chinese numeral, optionally with 点 decimals (三点五 → 3.5)."""
    if "点" in s:
        ip, fp = s.split("点", 1)
        if not fp or any(ch not in CN_DIGITS for ch in fp):
            raise QuantityError(f"bad decimal numeral {s!r}")
        frac = "".join(str(CN_DIGITS[ch]) for ch in fp)
        return cn_integer(ip) + Decimal("0." + frac) if ip else Decimal("0." + frac)
    return cn_integer(s)
