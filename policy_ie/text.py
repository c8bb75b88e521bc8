"""Text clean-up that keeps a map back to the caller's string.

``clean(text)`` returns a :class:`CleanText`: the cleaned copy the pipeline reads
(web debris lines blanked out, inline pinyin artefacts removed, traditional
script converted to simplified, full-width digits/letters/％ folded) and, for
every cleaned character, the span of the original it came from. Any span found
in the cleaned text maps to an exact span of the original with
:meth:`CleanText.to_original`.
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from array import array
from dataclasses import dataclass, field

# --- web-page debris -------------------------------------------------------------

_DEBRIS_EXACT = frozenset("""
下载 打印 全屏 收藏 加大 还原 减小 】 【 【字号： 字号 大 中 小 > | × （ ） 首页 附件 相关报道： 相关报道
扫一扫在手机打开当前页 分享到微信 分享到： 打印本页 关闭窗口 关闭 【打印】 【关闭】 【纠错】 返回顶部
设为首页收藏本站 [复制链接] 本版积分规则 客服中心 在线咨询 在线时间: 联系电话: 主题 帖子 积分 版主 开心
快速回复 返回顶部 返回列表 》》点击图片进入专题《《 吉报头条 重要新闻 国内新闻 国际新闻 图片精选 写在前面 写在前面:
""".split())
_DEBRIS_PATTERNS = re.compile(
    r"""^(?:
        (?:来源|來源|时间|時間|作者|编辑|編輯|责任编辑|責任編輯|发布时间|發布時間|发布日期|字号|分享到)\s*[:：/].{0,60}
      | .{0,40}(?:更新时间|更新時間|发布时间|發布時間)\s*[:：].{0,80}
      | .{0,60}本报记者.{0,20}摄 | .{0,60}(?:记者|摄影)\s*\S{2,4}\s*摄
      | .*(?:版权声明|版權聲明|Copyright|©|Powered\ by|Licensed|ICP备|ICP證|ICP证).*
      | 查看:\s*\d+\s*\|\s*回复:\s*\d+ | 发表于\s.{0,80} | 本帖最后由.{0,60}编辑
      | TA的每日心情 | 签到天数:.{0,20} | \[LV\.\d+\].{0,20} | Rank:.{0,80} | 积分\s*\d* | [\d.]+万?
      | 昨天\s*\d+:\d+ | 今天\s*\d+:\d+ | 周[一二三四五六日]\s*[~～-]\s*周[一二三四五六日] | \d{1,2}:\d{2}\s*-\s*\d{1,2}:\d{2}
      | [\d\-]{7,15} | 您需要登录后才可以回帖.{0,30} | \d{4}-\d{2}-\d{2}(?:\s+\d{2}:\d{2}(?::\d{2})?)?
      | 【?(?:打印|关闭|纠错|收藏)】?(?:\s+【?(?:打印|关闭|纠错|收藏)】?)*
    )$""",
    re.X,
)


def is_debris_line(line: str) -> bool:
    """True for a web-page widget, byline, forum chrome, copyright or caption line."""
    s = line.strip()
    if not s:
        return False
    return s in _DEBRIS_EXACT or bool(_DEBRIS_PATTERNS.match(s))


# --- character-level conversions -----------------------------------------------

# Inline pinyin annotations some sites add after a character or a word: 區(qū), 穩(wěn),
# 地区生产总值(dì qū shēng chǎn zǒng zhí), 总值（zǒngzhí）: syllables of letters, separated by
# spaces or apostrophes, in ASCII or full-width brackets, with at least one tone mark.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLES = rf"[a-zA-Zü{_TONED}]{{1,14}}"  # a syllable, or a word of them (shēngchǎn)
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（](?=[a-zA-Zü{_TONED} '’]*[{_TONED}])"
                     rf"{_SYLLABLES}(?:[ '’]{_SYLLABLES}){{0,29}}[)）]")

# Full-width digits and ％ fold to ASCII here and in the number reader (one table);
# clean() also folds full-width letters, and ． and ， only between digits (11．73, 10，042).
FULLWIDTH_DIGITS = {**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%"}
_WIDTH = str.maketrans({**FULLWIDTH_DIGITS, **{chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)},
                        **{chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)}})
_WIDTH_CHARS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]")
_DIGIT = "0-9\uff10-\uff19"  # ASCII and full-width digits, inside a character class
_NUM_PUNCT = re.compile(rf"(?<=[{_DIGIT}])[．，·・](?=[{_DIGIT}])")  # 19·5％: an old decimal point
# Digits a page spaced out one by one (1 9 9 7 年, 7 4 7 7 2 亿元, 1 5 ．3 ％): two or more single
# digits, each followed by one space; clean() drops those spaces (and one before the unit).
_SPACED_DIGITS = re.compile(rf"(?<![{_DIGIT}])[{_DIGIT}](?: [．.]?[{_DIGIT}](?![{_DIGIT}]))+(?: (?=[^\s{_DIGIT}]))?")


@functools.lru_cache(maxsize=1)
def _opencc():
    from opencc import OpenCC

    return OpenCC("t2s")


@functools.lru_cache(maxsize=1)
def _traditional_chars() -> re.Pattern:
    """A character class of the characters OpenCC's t2s table changes."""
    import os

    import opencc

    path = os.path.join(os.path.dirname(opencc.__file__), "dictionary", "TSCharacters.txt")
    chars = set()
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 2 and len(parts[0]) == 1 and parts[1].split(" ")[0] != parts[0]:
                chars.add(parts[0])
    body = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"[{body}]")


HAN_RUN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]+")  # a run of Han characters
_SURROGATE = re.compile("[\ud800-\udfff]")  # the only str characters UTF-8 cannot encode


def unencodable(text: str) -> str | None:
    """What makes ``text`` unencodable as UTF-8 (a lone surrogate, with its position), or None."""
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    return f"has an unencodable character U+{ord(bad.group()):04X} at position {bad.start()} (a lone surrogate)"


# --- one character for one: the text the number reader and finder read ------------------------------

# Beyond FULLWIDTH_DIGITS: the full-width and typographic forms of number punctuation, and the
# traditional characters that matter for numbers and units (a 1:1 subset of OpenCC's t2s, so
# that offsets are kept without an alignment map).
_NUMBER_FORMS = {"．": ".", "－": "-", "～": "~", "＋": "+", "／": "/", "﹪": "%",
                 "〜": "~", "∼": "~", "–": "-", "−": "-", "‐": "-", "‑": "-"}
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
_NUMBER_TABLE = str.maketrans({**FULLWIDTH_DIGITS, **_NUMBER_FORMS,
                               **{p[0]: p[1] for p in _TRAD.split() if p[0] != p[1]}})

# Inline pinyin artefacts such as 區(qū) wherever they stand: lower-case latin letters, at least
# one carrying a tone mark (or ü), in ASCII or full-width brackets. (clean() removes the
# ASCII-bracket ones after a Han character; the reader also meets the others in raw text.)
_TONED_U = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_ARTEFACT = re.compile(r"[(（][a-z%s]*[%s][a-z%s]*[)）]" % (_TONED_U, _TONED_U, _TONED_U))
_MIDDLE_DOT = re.compile(r"(?<=[0-9０-９])[·・](?=[0-9０-９])")
_FULLWIDTH_THOUSANDS = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def normalise_text(text: str) -> str:
    """Full-width → ASCII and traditional → simplified, one character for one (a middle dot
    between digits is a decimal point)."""
    text = text.translate(_NUMBER_TABLE)
    return _MIDDLE_DOT.sub(".", text) if "·" in text or "・" in text else text


def normalise_span(span: str) -> str:
    """What the number reader reads of a span: :func:`normalise_text` without pinyin
    artefacts and white space, a full-width thousands comma folded (１０，０４２ → 10,042)."""
    span = PINYIN_ARTEFACT.sub("", span).translate(_NUMBER_TABLE)
    span = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", span)
    span = _MIDDLE_DOT.sub(".", span)  # 19·5％: a middle dot as the decimal point (1999 report)
    return "".join(span.split())


class NumberText:
    """``text`` as the quantity finder reads it: a full-width thousands comma folded, inline
    pinyin artefacts cut out, then :func:`normalise_text`; :meth:`to_original` maps offsets back."""

    def __init__(self, text: str) -> None:
        if re.search(r"[０-９]，[０-９]", text):  # full-width thousands separator
            text = _FULLWIDTH_THOUSANDS.sub(",", text)
        cuts = list(PINYIN_ARTEFACT.finditer(text)) if ("(" in text or "（" in text) else []
        self._segments: tuple[list[int], list[int]] | None = None  # normalised start ≥ seg[k] → + delta[k]
        if cuts:
            pieces: list[str] = []
            seg_starts, deltas = [0], [0]
            pos = removed = 0
            for c in cuts:
                pieces.append(text[pos:c.start()])
                removed += c.end() - c.start()
                seg_starts.append(c.end() - removed)
                deltas.append(removed)
                pos = c.end()
            pieces.append(text[pos:])
            text = "".join(pieces)
            self._segments = (seg_starts, deltas)
        self.text = normalise_text(text)

    def to_original(self, p: int, is_end: bool) -> int:
        """The offset in the original text of offset ``p`` (a start, or an end if ``is_end``)."""
        if self._segments is None:
            return p
        seg_starts, deltas = self._segments
        if is_end:  # an end maps just after the original of its last character
            k = bisect_right(seg_starts, p - 1) - 1
            return p - 1 + deltas[k] + 1
        k = bisect_right(seg_starts, p) - 1
        return p + deltas[k]


# --- the aligned copy ----------------------------------------------------------------

# Offsets are 32-bit ("i": 8 bytes of map per character instead of 16), enough for texts of up
# to 2**31 - 1 characters, far past api.MAX_CHARS.
OFFSET_TYPE = "i"


@dataclass
class CleanText:
    """A cleaned copy of ``original`` with a character map back to it."""

    original: str
    text: str
    starts: array = field(repr=False)  # original start of each cleaned char
    ends: array = field(repr=False)  # original end of each cleaned char

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned-text span ``[start, end)`` to the original text."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}-{end} outside cleaned text of length {len(self.text)}")
        return self.starts[start], self.ends[end - 1]

    def to_clean(self, start: int, end: int) -> tuple[int, int] | None:
        """Map an original span to the cleaned characters inside it (None if none are)."""
        i = bisect_left(self.starts, start)
        j = bisect_right(self.ends, end)
        return (i, j) if i < j else None

    def original_span_text(self, start: int, end: int) -> str:
        s, e = self.to_original(start, end)
        return self.original[s:e]


class _Builder:
    """Collects cleaned pieces with the original span each came from."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array(OFFSET_TYPE)
        self.ends = array(OFFSET_TYPE)

    def same(self, text: str, start: int) -> None:
        """A piece copied (or converted 1:1) from ``original[start:start+len]``."""
        if not text:
            return
        self.parts.append(text)
        n = len(text)
        self.starts.extend(range(start, start + n))
        self.ends.extend(range(start + 1, start + n + 1))

    def mapped(self, text: str, start: int, end: int) -> None:
        """A piece converted from ``original[start:end]`` with a different length."""
        m, n = len(text), end - start
        if m == n:
            self.same(text, start)
            return
        self.parts.append(text)
        for k in range(m):
            self.starts.append(start + (k * n) // m)
            self.ends.append(start + max(-(-((k + 1) * n) // m), (k * n) // m + 1))


def _convert_line(line: str, base: int, out: _Builder) -> None:
    """Clean one non-debris line (original offset ``base``) into ``out``."""
    # 1. drop inline pinyin and the spaces of spaced-out digits: split the line into kept segments
    cuts = []
    if "(" in line or "（" in line:
        cuts = [m.span() for m in _PINYIN.finditer(line)]
    if " " in line:
        cuts += [(m.start() + i, m.start() + i + 1) for m in _SPACED_DIGITS.finditer(line)
                 for i, c in enumerate(m.group()) if c == " "]
        cuts.sort()
    segments = []
    pos = 0
    for a, b in cuts:
        segments.append((pos, a))
        pos = b
    segments.append((pos, len(line)))
    for a, b in segments:
        seg = line[a:b]
        if not seg:
            continue
        if seg[0] == "．" and a and line[a - 1] == " " and seg[1:2].isdigit():
            seg = "." + seg[1:]  # 1 5 ．3: the decimal point of spaced-out digits
        # 2. width folding (1:1)
        if _WIDTH_CHARS.search(seg) or any(c in seg for c in "．，·・"):
            seg = _NUM_PUNCT.sub(lambda m: "," if m.group() == "，" else ".", seg)
            seg = seg.translate(_WIDTH)
        # 3. traditional → simplified, per Han run only where it changes length
        if _traditional_chars().search(seg):
            conv = _opencc().convert(seg)
            if len(conv) == len(seg):
                out.same(conv, base + a)
            else:
                p = 0
                for m in HAN_RUN.finditer(seg):
                    out.same(seg[p:m.start()], base + a + p)
                    out.mapped(_opencc().convert(m.group()), base + a + m.start(), base + a + m.end())
                    p = m.end()
                out.same(seg[p:], base + a + p)
        else:
            out.same(seg, base + a)


# Line breaks a web page leaves inside a sentence: around a linked term (“\n十三五\n”,
# 《\n巴黎协定\n》) and around a line holding only a zero-width space where a page was cut
# (国内生产总值达到74.4\n\u200b\n万亿元). They are no sentence ends: clean() drops them.
_OPEN_MARKS = "“‘《（(「『〈"
_CLOSE_MARKS = "”’》）)」』〉"
_ZERO_WIDTH_LINE = re.compile(r"[ \t\u3000]*[\u200b\u200c\u200d\u2060\ufeff][ \t\u3000\u200b\u200c\u200d\u2060\ufeff]*")


def _soft_break(line: str, following: str) -> bool:
    """True when the line break between ``line`` and ``following`` is markup debris."""
    a, b = line.rstrip(), following.lstrip()
    return bool(a and b) and (a[-1] in _OPEN_MARKS or b[0] in _CLOSE_MARKS)


def clean(text: str, *, drop_debris: bool = True) -> CleanText:
    """Return the cleaned, aligned copy of ``text``.

    Debris lines become empty lines (their line break is kept) so that
    sentence and paragraph structure survive; line breaks inside a sentence
    (after an opening quote or bracket, before a closing one, around a line of
    zero-width spaces) are dropped.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    out = _Builder()
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        pos, line = lines[i]
        debris = drop_debris and is_debris_line(line)
        if not debris:
            _convert_line(line, pos, out)
        if i + 1 == len(lines):
            break
        following = lines[i + 1][1]
        if not debris and i + 2 < len(lines) and line.strip() and _ZERO_WIDTH_LINE.fullmatch(following) \
                and lines[i + 2][1].strip():
            i += 2  # X\n\u200b\nY: the breaks and the zero-width line go
            continue
        if debris or not _soft_break(line, following) or (drop_debris and is_debris_line(following)):
            out.same("\n", pos + len(line))
        i += 1
    return CleanText(text, "".join(out.parts), out.starts, out.ends)
