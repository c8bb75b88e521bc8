"""``policy-ie show``: the HTML page, and the page as headless Chromium renders it.

The Chromium tests skip when no chromium is installed, unless POLICY_IE_REQUIRE_CHROMIUM=1
(as in .ci/run), where they fail instead.
"""
import collections
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import policy_ie
from policy_ie.display import COLORS, RELATION_COLORS, render
from policy_ie.result import ParseResult

ROOT = Path(__file__).resolve().parents[1]
EXCERPT = ROOT / "examples" / "seed-000-excerpt.txt"


@pytest.fixture(scope="module")
def shown(tmp_path_factory):
    """(page path, result) from the command line, on the seed excerpt."""
    page = tmp_path_factory.mktemp("show") / "page.html"
    p = subprocess.run([sys.executable, "-m", "policy_ie", "show", str(EXCERPT), "-o", str(page)],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    result = policy_ie.parse(EXCERPT.read_text(encoding="utf-8"))
    assert result.relations and {e["label"] for e in result.entities} >= {"METRIC", "AMOUNT", "PERCENT"}
    assert f"{len(result.entities)} entities, {len(result.relations)} relations" in p.stderr
    return page, result


class _Page(HTMLParser):
    """Entity marks, drawn relations and their paths, the shown text, and table rows of a page."""

    def __init__(self, html):
        super().__init__()
        self.marks, self.relations, self.paths, self.rows, self.text = [], [], [], 0, []
        self.stack = []  # (tag, attrs) of open elements
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "mark" and "entity" in classes:
            self.marks.append(a)
        if tag == "g" and "relation" in classes:
            self.relations.append((int(a["data-head"]), int(a["data-tail"]), a["data-label"], a["data-target"]))
        if tag == "path" and any(t == "g" and "relation" in (b.get("class") or "") for t, b in self.stack):
            self.paths.append(a.get("d", ""))
        if tag == "tr" and any(t == "tbody" for t, _ in self.stack):
            self.rows += 1
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while any(t == tag for t, _ in self.stack):
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        ids = [b.get("id") for _, b in self.stack]
        labels = [b.get("class") for _, b in self.stack]
        if "text" in ids and "entity-label" not in labels:
            self.text.append(data)


def test_page_shows_the_original_text_escaped_and_self_contained():
    text = '<script>alert("x")</script>\n地区生产总值增长5%左右 & "新增"就业8000人。'
    s = text.index("地区")
    res = policy_ie.parse(text)
    assert [e["text"] for e in res.entities][:2] == ["地区生产总值", "5%左右"]
    html = render(res, title="<t&t>")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<title>&lt;t&amp;t&gt;" in html
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(\s*["']?(?:https?:)?//""", html, re.I)
    page = _Page(html)
    assert "".join(page.text) == text  # offsets index this text: the page shows it unchanged
    assert [int(m["data-start"]) for m in page.marks] == [e["start"] for e in res.entities]
    assert page.marks[0]["data-label"] == "METRIC" and int(page.marks[0]["data-start"]) == s
    assert page.rows == len(res.records())


def test_page_lists_every_relation_for_the_script(shown):
    page, result = shown
    html = page.read_text(encoding="utf-8")
    assert _Page(html).rows == len(result.records())
    assert len(_Page(html).marks) == len(result.entities)
    assert html.count('"head":') == len(result.relations)


def test_show_errors_are_one_line(tmp_path):
    for arg, what in (("no/such.txt", "no such file or directory"), (str(tmp_path), "is a directory")):
        p = subprocess.run([sys.executable, "-m", "policy_ie", "show", arg, "-o", str(tmp_path / "x.html")],
                           capture_output=True, text=True, cwd=ROOT)
        assert p.returncode == 1 and "Traceback" not in p.stderr
        assert p.stderr.strip() == f"policy-ie: {arg}: {what}" + (" (show renders one file)" if what.startswith("is") else "")


# --- headless Chromium ----------------------------------------------------------------------------

def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("POLICY_IE_REQUIRE_CHROMIUM") == "1":
            pytest.fail("POLICY_IE_REQUIRE_CHROMIUM=1 but no chromium on PATH")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return exe


def _run_chromium(tmp_path: Path, page: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--force-color-profile=srgb", "--hide-scrollbars",
           "--virtual-time-budget=3000", *args, page.resolve().as_uri()]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    return p


def _screenshot_colors(tmp_path: Path, page: Path) -> collections.Counter:
    png = tmp_path / (page.stem + ".png")
    _run_chromium(tmp_path, page, f"--screenshot={png}", "--window-size=1000,1400")
    w, h, bpp, rows = _read_png(png.read_bytes())
    assert (w, h) == (1000, 1400)
    return collections.Counter(row[i:i + 3] for row in rows for i in range(0, len(row), bpp))


def _read_png(data: bytes):
    """(width, height, bytes per pixel, rows) of an 8-bit RGB/RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, []
    while pos < len(data):
        length, ctype = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if ctype == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
        elif ctype == b"IDAT":
            idat.append(chunk)
        pos += 12 + length
    assert depth == 8 and color in (2, 6) and not interlace
    bpp = 3 if color == 2 else 4
    stride, raw = w * bpp, zlib.decompress(b"".join(idat))
    prev, rows = bytearray(stride), []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 2:  # Up, the common case: one pass
            line = bytearray((x + b) & 255 for x, b in zip(line, prev))
        for i in range(stride) if f in (1, 3, 4) else ():
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            else:
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


def test_chromium_draws_every_relation(shown, tmp_path):
    page, result = shown
    dom = _Page(_run_chromium(tmp_path, page, "--dump-dom").stdout)
    assert len(dom.marks) == len(result.entities)
    assert sorted(m["data-label"] for m in dom.marks) == sorted(e["label"] for e in result.entities)
    want = sorted((r["head"], r["tail"], r["label"], str(bool(r["target"])).lower()) for r in result.relations)
    assert sorted(dom.relations) == want
    assert len(dom.paths) == len(result.relations)
    for d in dom.paths:  # an arc with real coordinates from layout, not NaN or a point
        nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?|NaN", d)]
        assert d.startswith("M") and len(nums) == 8 and all(math.isfinite(x) for x in nums)
        assert nums[0] != nums[6] and min(nums[3], nums[5]) < min(nums[1], nums[7])  # goes up, then across


def test_chromium_screenshot_shows_entities_and_arcs(shown, tmp_path):
    page, result = shown
    bare = tmp_path / "bare.html"  # same text, no entities: what the legend alone contributes
    bare.write_text(render(ParseResult(result.text)), encoding="utf-8")
    seen, base = _screenshot_colors(tmp_path, page), _screenshot_colors(tmp_path, bare)
    labels = collections.Counter(e["label"] for e in result.entities)
    for label, n in labels.items():
        rgb = bytes.fromhex(COLORS[label][1:])
        assert base[rgb] > 0, f"legend swatch for {label} not drawn"
        assert seen[rgb] - base[rgb] > 300 * n, f"{label}: {seen[rgb]} px vs {base[rgb]} without entities"
    for label, n in collections.Counter(r["label"] for r in result.relations).items():
        rgb = bytes.fromhex(RELATION_COLORS[label][1:])
        assert seen[rgb] - base[rgb] > 10 * n, f"{label} arcs: {seen[rgb]} px vs {base[rgb]} without relations"
