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

# Full-width ASCII digits and letters, and ％, fold to ASCII everywhere;
# full-width ． and ， fold only between digits (11．73, 10，042).
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_WIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_WIDTH[0xFF05] = ord("%")
_WIDTH_CHARS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff05]")
_NUM_PUNCT = re.compile(r"(?<=[0-9\uff10-\uff19])[．，·・](?=[0-9\uff10-\uff19])")  # 19·5％: an old decimal point


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


def to_simplified(text: str) -> str:
    """Traditional → simplified with OpenCC (phrase-aware), skipping simplified text."""
    if not _traditional_chars().search(text):
        return text
    return _opencc().convert(text)


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
    # 1. drop inline pinyin: split the line into kept segments
    segments = []
    pos = 0
    if "(" in line or "（" in line:
        for m in _PINYIN.finditer(line):
            segments.append((pos, m.start()))
            pos = m.end()
    segments.append((pos, len(line)))
    for a, b in segments:
        seg = line[a:b]
        if not seg:
            continue
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


def clean(text: str, *, drop_debris: bool = True) -> CleanText:
    """Return the cleaned, aligned copy of ``text``.

    Debris lines become empty lines (their line break is kept) so that
    sentence and paragraph structure survive.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    out = _Builder()
    pos = 0
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        stop = n if nl < 0 else nl
        line = text[pos:stop]
        if not (drop_debris and is_debris_line(line)):
            _convert_line(line, pos, out)
        if nl >= 0:
            out.same("\n", nl)
        pos = stop + 1
    return CleanText(text, "".join(out.parts), out.starts, out.ends)
