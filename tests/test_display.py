"""``policy-ie show``: the HTML page, and the page as headless Chromium renders it.

The Chromium tests skip when no chromium is installed, unless POLICY_IE_REQUIRE_CHROMIUM=1
(as in .ci/run), where they fail instead.
"""
import collections
import json
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
    """Entity marks, relation markers, the text shown in the document part, debris blocks, pages and
    table rows of a page."""

    def __init__(self, html):
        super().__init__()
        self.marks, self.relations, self.markers, self.rows, self.text = [], [], [], [], []
        self.debris, self.pages, self.cells = [], [], []
        self.stack = []  # (tag, attrs) of open elements
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "mark" and "entity" in classes:
            self.marks.append(a)
        if tag == "sup" and "rel" in classes and any(b.get("id") == "doc" for _, b in self.stack):
            self.relations.append((int(a["data-head"]), int(a["data-tail"]), a["data-label"], a["data-target"]))
            self.markers.append(a)
        if tag == "section" and "page" in classes:
            self.pages.append([])
        if tag == "tr" and any(t == "tbody" for t, _ in self.stack):
            self.rows.append(next(b for t, b in reversed(self.stack) if t == "tbody")["data-page"])
        if tag not in ("meta", "br", "link", "img", "hr", "input"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while any(t == tag for t, _ in self.stack):
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        classes = {c for _, b in self.stack for c in (b.get("class") or "").split()}
        tags = {t for t, _ in self.stack}
        if any(b.get("id") == "doc" for _, b in self.stack):
            if tags & {"summary"}:
                self.debris.append(data)
            elif not classes & {"entity-label", "rel", "metric-no"}:
                self.text.append(data)
                if self.pages:
                    self.pages[-1].append(data)
        if tags & {"td"}:
            self.cells.append(data)
        if classes & {"rel"} and self.markers and any(b is self.markers[-1] for _, b in self.stack):
            self.markers[-1]["shown"] = self.markers[-1].get("shown", "") + data


def test_page_shows_the_original_text_escaped_and_self_contained():
    text = '<script>alert("x")</script>\n地区生产总值增长5%左右 & "新增"就业8000人。'
    s = text.index("地区")
    res = policy_ie.parse(text)
    assert [e["text"] for e in res.entities][:2] == ["地区生产总值", "5%左右"]
    html = render(res, title="<t&t>")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "<title>&lt;t&amp;t&gt;" in html
    assert not re.search(r"""(?:src|href)\s*=(?![\s"']*#)|@import|url\(""", html, re.I)  # in-page links only
    page = _Page(html)
    assert "".join(page.text) == text  # offsets index this text: the page shows it unchanged
    assert [int(m["data-start"]) for m in page.marks] == [e["start"] for e in res.entities]
    assert page.marks[0]["data-label"] == "METRIC" and int(page.marks[0]["data-start"]) == s
    assert len(page.rows) == len(res.records())


def test_page_lists_every_relation_as_a_marker(shown):
    page, result = shown
    html = page.read_text(encoding="utf-8")
    dom = _Page(html)
    assert len(dom.rows) == len(result.records())
    assert len(dom.marks) == len(result.entities)
    want = sorted((r["head"], r["tail"], r["label"], str(bool(r["target"])).lower()) for r in result.relations)
    assert sorted(dom.relations) == want
    assert "<svg" not in html and "<path" not in html  # no arcs across the text


def _result_with_directions():
    text = "2025年，地区生产总值增长5.4%，能耗下降2%，新增就业8000人；\n粮食产量增长1%。"
    ents = [("地区生产总值", "METRIC"), ("5.4%", "PERCENT"), ("能耗", "METRIC"), ("2%", "PERCENT"),
            ("新增就业", "METRIC"), ("8000人", "AMOUNT"), ("粮食产量", "METRIC"), ("1%", "PERCENT")]
    entities, pos = [], 0
    for t, label in ents:
        pos = text.index(t, pos)
        entities.append({"start": pos, "end": pos + len(t), "label": label, "text": t})
        pos += len(t)
    rels = [{"head": 0, "tail": 1, "label": "CHANGE", "target": False, "direction": "up"},
            {"head": 2, "tail": 3, "label": "CHANGE", "target": True, "direction": "down"},
            {"head": 4, "tail": 5, "label": "VALUE", "target": False},
            {"head": 6, "tail": 7, "label": "CHANGE", "target": False}]  # before the pipeline sets directions
    return ParseResult(text, entities, rels, [(0, 38), (39, len(text))])


def test_markers_number_metrics_per_paragraph_and_show_directions():
    res = _result_with_directions()
    dom = _Page(render(res))
    assert [(m["shown"], m["data-label"], m["data-target"], m.get("data-direction")) for m in dom.markers] == [
        ("C1↑", "CHANGE", "false", "up"), ("C2↓", "CHANGE", "true", "down"), ("V3", "VALUE", "false", None),
        ("C1", "CHANGE", "false", None)]  # the second line is a paragraph of its own: its METRIC is 1 again
    assert "target" in dom.markers[1]["class"].split() and "target" not in dom.markers[0]["class"].split()
    relation_cells = [c for c in dom.cells if c.startswith(("CHANGE", "VALUE"))]
    assert relation_cells == ["CHANGE ↑", "CHANGE ↓", "VALUE", "CHANGE"]


def test_debris_lines_collapse_into_one_block():
    text = ("2026年政府工作报告\n来源：河北日报\n四川日报\n【字体：\n大\n中\n小\n】\n\n"
            "地区生产总值增长5%。\n下载\n打印\n")
    res = policy_ie.parse(text)
    dom = _Page(render(res))
    assert dom.debris == ["7 lines of page debris", "2 lines of page debris"]
    assert "".join(dom.text) == text
    assert [e["text"] for e in res.entities] == ["地区生产总值", "5%"]


def test_a_long_text_is_paged_with_its_table_rows():
    text = "".join(f"第{i}段：地区生产总值增长{i % 9 + 1}%，新增就业{i * 10}人。\n" for i in range(1, 61))
    res = policy_ie.parse(text)
    dom = _Page(render(res, page_chars=300))
    assert "".join(dom.text) == text
    sizes = [len("".join(p).replace("\n", "")) for p in dom.pages]  # characters of paragraphs on each page
    assert len(sizes) == 5 and all(250 < n <= 300 for n in sizes[:-1]) and sum(sizes) == len(text) - 60
    page_of_offset = {}
    pos = 0
    for n, p in enumerate(dom.pages, 1):
        for k in range(len("".join(p))):
            page_of_offset[pos + k] = str(n)
        pos += len("".join(p))
    want = [page_of_offset[r["value_start"]] for r in res.records()]
    assert dom.rows == want and len(set(want)) == len(dom.pages)
    assert render(res).count('<section class="page') == 1  # the default page size holds it


# --- headless Chromium ----------------------------------------------------------------------------

def _chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        if os.environ.get("POLICY_IE_REQUIRE_CHROMIUM") == "1":
            pytest.fail("POLICY_IE_REQUIRE_CHROMIUM=1 but no chromium on PATH")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return exe


def _run_chromium(tmp_path: Path, page: Path, *args: str, suffix: str = "") -> subprocess.CompletedProcess:
    """Headless Chromium on ``page`` (``suffix``: a query or fragment for its URL), a fresh profile."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    cmd = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={profile}", "--force-color-profile=srgb", "--hide-scrollbars",
           *args, page.resolve().as_uri() + suffix]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    return p


def _screenshot_colors(tmp_path: Path, page: Path) -> collections.Counter:
    png = tmp_path / (page.stem + ".png")
    _run_chromium(tmp_path, page, f"--screenshot={png}", "--window-size=1000,1400", "--virtual-time-budget=3000")
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


def _layout(tmp_path: Path, page: Path, width: int, style: str = "") -> tuple[dict, float]:
    """The boxes the page writes under ``?layout-check`` at window ``width``, and its render time (ms)."""
    if style:  # a variant of the page with extra CSS (for the negative control)
        variant = tmp_path / f"styled-{page.name}"
        variant.write_text(page.read_text(encoding="utf-8").replace("</style>", style + "</style>", 1), encoding="utf-8")
        page = variant
    p = _run_chromium(tmp_path, page, f"--window-size={width},1000", "--dump-dom", suffix="?layout-check")
    boxes = re.search(r'<script type="application/json" id="layout-boxes">(.*?)</script>', p.stdout, re.S)
    assert boxes, "the page's script wrote no layout boxes"
    return json.loads(boxes.group(1)), float(re.search(r'data-rendered-ms="([\d.]+)"', p.stdout).group(1))


def _layout_problems(boxes: dict) -> list[str]:
    """Tags that wrap, labels and markers outside their own tag (on another line) or past the paragraph's
    edge, and any two boxes that overlap (a label and its own tag excepted)."""
    marks = {m["id"]: m["rects"] for m in boxes["marks"]}
    problems = [f"{k} wraps over {len(r)} lines" for k, r in marks.items() if len(r) != 1]
    for lab in boxes["labels"]:
        (x0, y0, x1, y1), (mx0, my0, mx1, my1) = lab["box"], marks[lab["owner"]][0]
        if not (mx0 - .5 <= x0 and x1 <= mx1 + .5 and my0 - 8 <= y0 and y1 <= my1 + 8):
            problems.append(f"{lab['cls']} of {lab['owner']} outside its tag: {lab['box']} vs {marks[lab['owner']][0]}")
        if x1 > lab["para"][2] + .5:
            problems.append(f"{lab['cls']} of {lab['owner']} past the paragraph's right edge")
    items = sorted([(lab["box"], lab["owner"], lab["cls"]) for lab in boxes["labels"]]
                   + [(r[0], k, "tag") for k, r in marks.items() if r], key=lambda b: b[0][1])
    for i, (a, owner_a, what_a) in enumerate(items):
        for b, owner_b, what_b in items[i + 1:]:
            if b[1] >= a[3]:
                break
            if owner_a != owner_b and a[0] < b[2] - .5 and b[0] < a[2] - .5 and a[1] < b[3] - .5 and b[1] < a[3] - .5:
                problems.append(f"{what_a} of {owner_a} overlaps {what_b} of {owner_b}")
    return problems


def test_chromium_shows_every_entity_and_marker(shown, tmp_path):
    page, result = shown
    dom = _Page(_run_chromium(tmp_path, page, "--dump-dom", "--virtual-time-budget=3000").stdout)
    assert len(dom.marks) == len(result.entities)
    assert sorted(m["data-label"] for m in dom.marks) == sorted(e["label"] for e in result.entities)
    want = sorted((r["head"], r["tail"], r["label"], str(bool(r["target"])).lower()) for r in result.relations)
    assert sorted(dom.relations) == want
    boxes, _ = _layout(tmp_path, page, 700)
    assert len(boxes["marks"]) == len(result.entities) and _layout_problems(boxes) == []
    assert len(boxes["labels"]) == len(result.entities) + len(result.relations) + len({r["head"] for r in result.relations})


def test_chromium_screenshot_shows_entities_and_markers(shown, tmp_path):
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
        assert seen[rgb] - base[rgb] > 10 * n, f"{label} markers: {seen[rgb]} px vs {base[rgb]} without relations"


def _longest_report() -> Path:
    reports = sorted((ROOT.parent / "shared" / "reports-2026").glob("*.txt"))
    if not reports:
        pytest.skip("../shared/reports-2026 not present")
    return max(reports, key=lambda f: len(f.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def long_page(tmp_path_factory):
    """The page of the longest shared report, written by the command line."""
    report = _longest_report()
    page = tmp_path_factory.mktemp("long") / "long.html"
    p = subprocess.run([sys.executable, "-m", "policy_ie", "show", str(report), "-o", str(page)],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    return page


@pytest.mark.parametrize("width", [1000, 480])
def test_long_report_page_is_small_fast_and_nothing_overlaps(long_page, tmp_path, width):
    assert long_page.stat().st_size < 1_000_000
    html = long_page.read_text(encoding="utf-8")
    assert html.count('<section class="page') > 3 and "page debris</summary>" in html
    boxes, rendered_ms = _layout(tmp_path, long_page, width)
    assert rendered_ms < 2000  # measured about 0.2 s (README); a generous bound for a shared CI machine
    assert len(boxes["marks"]) == html.count('<mark class="entity"') > 500
    assert _layout_problems(boxes) == []


def test_layout_check_finds_overlaps_when_there_are_some(long_page, tmp_path):
    boxes, _ = _layout(tmp_path, long_page, 1000, style="p.para { line-height: .8; } sup.rel { position: relative; top: -3em; }")
    problems = _layout_problems(boxes)
    assert any("overlaps" in p for p in problems) and any("outside its tag" in p for p in problems)


def test_chromium_shows_one_page_at_a_time(long_page, tmp_path):
    shown_page = _run_chromium(tmp_path, long_page, "--dump-dom", suffix="#page-3").stdout
    current = re.findall(r'<(section|tbody) class="(?:page|page-rows) current"[^>]*data-page="(\d+)"', shown_page)
    assert current == [("section", "3"), ("tbody", "3")]
    assert re.search(r'<html[^>]*class="js"', shown_page)


# --- policy-ie compare: the page of charts ----------------------------------------------------------

@pytest.fixture(scope="module")
def compare_page(tmp_path_factory):
    """(page, CSV rows) of ``policy-ie compare --html`` on three small reports, two indicators."""
    import csv

    d = tmp_path_factory.mktemp("compare")
    texts = {"甲省": "2025年全省地区生产总值增长5.2%，居民消费价格上涨0.3%。主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅2%左右。",
             "乙市": "全市生产总值达到1.2万亿元、增长4.8%。今年主要预期目标是：地区生产总值增长4.5%—5%。",
             "丙区": "全区地区生产总值增长6.1%，居民消费价格上涨1%。"}
    for name, text in texts.items():
        (d / f"{name}.txt").write_text(text, encoding="utf-8")
    page, table = d / "page.html", d / "table.csv"
    p = subprocess.run([sys.executable, "-m", "policy_ie", "compare", str(d), "--indicators", "gdp,cpi",
                        "-o", str(table), "--html", str(page)], capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    with open(table, encoding="utf-8-sig", newline="") as fh:
        return page, list(csv.DictReader(fh))


def test_compare_page_is_self_contained_with_one_chart_per_indicator(compare_page):
    page, rows = compare_page
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html) and "@import" not in html
    assert re.findall(r'<figure class="chart" data-indicator="(\w+)"', html) == ["gdp", "cpi"]
    assert html.count("<tr>") == len(rows) + 1 and rows


def test_chromium_renders_the_compare_page_without_script_errors(compare_page, tmp_path):
    page, rows = compare_page
    for _ in range(3):  # a loaded machine can dump the DOM before the script's end: try again, twice at most
        p = _run_chromium(tmp_path, page, "--dump-dom", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000")
        assert "Uncaught" not in p.stderr, p.stderr[-2000:]
        if re.search(r'data-charts="(\d+)"', p.stdout):
            break
    charts = re.search(r'data-charts="(\d+)"', p.stdout)
    assert charts, ("the page script never finished", p.stdout[-1000:], p.stderr[-1000:])
    assert charts.group(1) == "2"  # the script ran to its end: one chart each
    gdp_pct = [r for r in rows if r["indicator"] == "gdp" and r["relation"] == "CHANGE" and r["unit"] == "%"]
    cpi_pct = [r for r in rows if r["indicator"] == "cpi" and r["relation"] == "CHANGE" and r["unit"] == "%"]
    assert int(re.search(r'data-marks="(\d+)"', p.stdout).group(1)) == len(gdp_pct) + len(cpi_pct) > 0
    bad = tmp_path / "bad.html"  # negative control: a script error is seen
    bad.write_text(page.read_text(encoding="utf-8").replace("<script>", "<script>noSuchFunction();", 1),
                   encoding="utf-8")
    assert "Uncaught" in _run_chromium(tmp_path, bad, "--dump-dom", "--enable-logging=stderr", "--v=0").stderr


def test_chromium_screenshot_of_the_compare_page_shows_targets_and_results(compare_page, tmp_path):
    from policy_ie.compare import RESULT_COLOR, TARGET_COLOR

    page, rows = compare_page
    png = tmp_path / "compare.png"
    _run_chromium(tmp_path, page, f"--screenshot={png}", "--window-size=1000,900", "--virtual-time-budget=3000")
    w, h, bpp, lines = _read_png(png.read_bytes())
    seen = collections.Counter(line[i:i + 3] for line in lines for i in range(0, len(line), bpp))
    assert seen[bytes.fromhex(TARGET_COLOR[1:])] > 20 and seen[bytes.fromhex(RESULT_COLOR[1:])] > 20
