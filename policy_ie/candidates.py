"""Rule-based finder of AMOUNT / PERCENT candidate spans (stdlib only).

``find_quantities(text)`` returns sorted, non-overlapping ``(start, end, label)``
offsets into ``text`` of every number-with-unit span, following the span rules of
``shared/ANNOTATION_GUIDELINES.md`` ("AMOUNT and PERCENT"): approximation and bound
marks written against the number (近 约 逾 超 / 余 多 / 以上 以下 以内 左右) are inside
the span, verbs before it (超过 突破 达到 不低于 …) are not; a range is one span.
Every candidate is confirmed with :func:`policy_ie.quantities.read_quantity`, whose
``label`` gives the label.

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

import bisect
import re

from .quantities import (LATIN_UNITS, PINYIN_ARTEFACT, TIME_UNITS, UNITS, QuantityError, normalise_text,
                         read_quantity_at)

__all__ = ["find_quantities"]

# --------------------------------------------------------------------------- lexicon
# Unit words the finder accepts after a number (read_quantity accepts more).
_RISKY = set("门 口 根 片 期 组 队 笔 班 票 双 副 份 床 段 节 帧 伏 升 立方 标煤 标准煤 月 日 "
             "季度 趟 单 幢 匹 盏 例 人日 份次 亩次 天次 个季度 个工作日 个星期".split())
_FINDER_UNITS = sorted((u for u in UNITS if u not in _RISKY), key=len, reverse=True)
_UNIT_ALT = "|".join(re.escape(u) for u in _FINDER_UNITS)
_DEN_ALT = "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
_LATIN = r"(?:%s)(?![A-Za-z0-9])" % "|".join(u for u in LATIN_UNITS if u != "kV")
_UNIT = (r"(?:个多?(?:百分点|千分点|工作日|小时|月|季度|星期)|(?:%s)|分(?=/)|级(?=地震|强震|大风)|%s)"
         r"(?:/[百千万亿]*(?:%s))?" % (_UNIT_ALT, _LATIN, _DEN_ALT))

_QB = r"(?!瓦|伏|米|克|分点|分之)"                 # 千/百 not starting a unit
_CN = r"(?:[零〇○一二三四五六七八九十两万亿]|[百千]%s)+(?:点[零〇○一二三四五六七八九]+)?" % _QB
_AR = (r"(?<![\dA-Za-z.+#/])(?<!\d,)\d+(?:,\d{3})*(?:\.\d+)?"
       r"(?![\d.]?(?:(?!%s)[A-Za-z]|[+#]))" % _LATIN)
_NUM = r"(?:%s|(?<![\d.零〇○一二三四五六七八九十两百千万亿])%s)" % (_AR, _CN)
_BLOCK = r"%s[余多]?(?:[万亿]|[百千]%s)*(?:(?<=万)[余多]亿)?[余多]?" % (_NUM, _QB)  # 4万多亿元
_PRE = r"(?:(?<![接最附临将亲靠贴逼])近|(?<![制节公契签预邀条规相婚])约|逾|(?<![赶])超)"
_SEP = r"(?:——|[-—~至到]|(?<=[一二三四五六七八九])、(?=[二三四五六七八九]))"  # 四、五十亿元
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
# quick scan for a place where a candidate may start
_START = re.compile(r"[近约逾超\d零〇○一二三四五六七八九十两百千万亿]")

# --------------------------------------------------------------------------- rules
_HAN = r"[\u4e00-\u9fff]"
_TRAPS_BY_UNIT = {
    "位": "于|列|居|次|置|数|一体", "名": "单|牌|称|录|片|优|列|次|义|额",
    "部": "门|署|分|委|件|际|长|队|位", "所": "有|属|得|需|以(?!上|下|内)|谓|称|长|述",
    "家": "庭|长|居|乡|政|园|用|属|族|具|电|人|门|底|风|书",
    "户": "籍|外|均|口|型|主|内|数", "个": "人|体|性|税|别", "款": "项|式|待", "轮": "值|换|回|流|胎|船|岗|训|番|动|车",
    "方": "面|式|案|向|法|针|位|舱|言|阵|程|略|便|圆|正|形|块|格|志|兴|可|能|才|舟|剂|略|队|合",
    "人": "口|才|员|民|均|工|大|士|群|类|格|文|心|力|事|为|们|家|社|次",
    "元": "素|宇宙|旦|年|件|化|结构|首|老|气|帅|器", "天": "然|津|府|山|下|空|地|使|河|文|宫|眼",
    "次": "性|要|生|级|序", "起": "步|来|草|点|航|始|色|飞|诉|跑|到|源|伏",
    "批": "准|复|示|评", "种": "植|养|业|子|苗|粮|类|质|源", "类": "水|区|城|标|别|型|似",
    "对": "接|口|外|象|比|标|于|话|策|照|应|冲|待|手|方", "支": "持|撑|付|出|柱|援|部|线|流",
    "架": "构|设|空", "列": "入|为|出|席|举|示|支", "本": "地|科|土|级|市|省|区|年|质|身|着|届|领|色|来|次|底|金",
    "场": "景|所|地|馆|站|域|面|合|外|内|化|主", "台": "河|州|湾|阶|账|风|区|山|市|县|胞|商|资|企|海",
    "条": "例|件|款|码|线|幅|理", "项": "目", "间": "接|隔|距|歇|断", "块": "状|头",
    "处": "理|置|室|级|于|在|罚|分", "座": "谈|右|位", "张": "家|口|力|扬|贴", "件": "事",
    "度": "假|过|量", "克": "服|难|隆|拉", "米": "粮|面|酒|其|兰", "颗": "粒",
    "头": "部|条|雁|号", "只": "有|要|是|能|会|需", "周": "年|边|期|围|转|末",
    "倍": "增", "亩": "均", "成": "为|员|立|果|本|绩|就|效|熟|交|长|功|型|不|都|了|片|群|套",
    "千伏": "(?![以左])" + _HAN, "伏": "(?![以左])" + _HAN, "年": "度|级|代|份|轻|货",
}
_TRAPS = {u: re.compile(p) for u, p in _TRAPS_BY_UNIT.items()}
_GLOBAL_TRAP = re.compile(r"级")
# words after a Chinese-numeral quantity that make it a formula (四个意识, 五位一体)
_CN_TRAP = re.compile(r"一体|维护|确立|意识|自信|全面|毫不动摇|规定|务必|基本点|大局|结合|"
                      r"中心|一百年|代表|坚持|优先|统筹|融合|聚焦|必须|不变|精神|担当|工程|行动")
# 三间河, 四栋楼小区, 十八家子: a Chinese numeral + measure word inside a place name
_CN_PLACE = re.compile(r"[河路街村镇乡山湖江桥楼子沟屯堡岭]")
_TIME_CUE = re.compile(
    r"(?:至|到|为|压缩|缩短|缩减|压减|减少|延长|达到|达|仅|仅需|只需|仅用|控制在|降至|减至|降低|"
    r"提高|增加|节省|节约|用时|耗时|天数|日数|时长|时间|时限|期限|年限|周期|超过|不超过|"
    r"不少于|不低于|平均|稳定在|保持在|\d年的)了?$")
_NAME_AFTER_THRESHOLD = re.compile(r"的?[重大点产业工新建续在技改]{0,4}(?:项目|企业)")
_MAG_ONLY_CUE = re.compile(r"(?:突破|超过|达到|达|破|过|逾|近|超|约|跨越|迈上|跨上)$")
_MAG_ONLY_TRAP = re.compile(r"台阶|大关|关口|级|规模")
_HALF_CUE = re.compile(r"(?:占|占比|超过|接近|将近|达到|达|约)$")
_MONEY_UNITS = {"元", "美元", "港元", "欧元", "日元", "元人民币"}
_RANK_UNITS = {"位", "名", "强", "%", "‰"}
_LONE_ONE_UNITS = {"倍", "番", "成", "百分点", "千分点", "%"}
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

    if prev == "第" or (prev and prev in "前后首" and base in _RANK_UNITS):
        return False
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
    trap = _TRAPS.get(base)
    if trap is not None and trap.match(after):
        return False
    if _GLOBAL_TRAP.match(after):
        return False
    if (m.group("suf") in ("以上", "以下") and base in _MONEY_UNITS
            and _NAME_AFTER_THRESHOLD.match(t, m.end())):
        return False
    if n1 and cn:
        core = re.match(r"[零〇○一二三四五六七八九十两百千万亿点]+", n1).group()
        if core == "一" and n1 == "一" and base not in _LONE_ONE_UNITS:
            return False
        if core in ("零", "二") or re.fullmatch(r"[零〇○一二三四五六七八九两]{3,}", core):
            return False        # 二次供水, 二期; 二三五年 (digit strings are years/ids)
        if not _CN_DIGIT.search(core):          # 千亿元, 万亿元, 百余个
            if not (n1[len(core):len(core) + 1] in ("余", "多")
                    or ((m.group("pre") or _MAG_ONLY_CUE.search(before))
                        and not _MAG_ONLY_TRAP.match(after))):
                return False
        if (_CN_TRAP.match(after) or _CN_PLACE.match(after)
                or _in_short_quote(t, start, m.end())):
            return False
    return True


# --------------------------------------------------------------------------- text map
def _prepare(text: str):
    """Normalised text plus a map from its offsets back to ``text`` (None: identity)."""
    if re.search(r"[０-９]，[０-９]", text):      # full-width thousands separator
        text = re.sub(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))", ",", text)
    cuts = list(PINYIN_ARTEFACT.finditer(text)) if ("(" in text or "（" in text) else []
    if not cuts:
        return normalise_text(text), None
    pieces: list[str] = []
    seg_starts, deltas = [0], [0]    # normalised offset ≥ seg_starts[k] → + deltas[k]
    pos = removed = 0
    for c in cuts:
        pieces.append(text[pos:c.start()])
        removed += c.end() - c.start()
        seg_starts.append(c.end() - removed)
        deltas.append(removed)
        pos = c.end()
    pieces.append(text[pos:])
    return normalise_text("".join(pieces)), (seg_starts, deltas)


def _to_orig(mapping, p: int, is_end: bool) -> int:
    if mapping is None:
        return p
    seg_starts, deltas = mapping
    if is_end:   # an end maps just after the original of its last character
        k = bisect.bisect_right(seg_starts, p - 1) - 1
        return p - 1 + deltas[k] + 1
    k = bisect.bisect_right(seg_starts, p) - 1
    return p + deltas[k]


# --------------------------------------------------------------------------- finder
def find_quantities(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of every AMOUNT/PERCENT candidate in ``text``."""
    t, mapping = _prepare(text)
    out: list[tuple[int, int, str]] = []
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
        if m is None:
            pos = p + 1
            continue
        found = _confirm(text, t, m, mapping, is_range)
        if found is None and is_range:
            m2 = _SINGLE.match(t, p)
            if m2 is not None:
                found = _confirm(text, t, m2, mapping, False)
                if found is not None:
                    m = m2
        if found is not None:
            out.append(found)
            pos = m.end()
        else:
            # continue after the first number of the rejected candidate
            pos = max(p + 1, m.end("n1") if m.group("n1") else p + 1)
    return out


def _confirm(text: str, t: str, m: re.Match, mapping, is_range: bool):
    n1 = m.group("n1") or ""
    n2 = m.group("n2") if is_range else None
    unit = m.group("u") or ("‰" if (m.group("p1") or "").startswith("千分之") else "%")
    if not _accept(t, m, n1, n2, unit):
        return None
    start = _to_orig(mapping, m.start(), False)
    end = _to_orig(mapping, m.end(), True)
    try:
        q = read_quantity_at(text, start, end)
    except QuantityError:
        return None
    return (start, end, q.label)
