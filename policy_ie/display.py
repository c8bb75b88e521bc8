"""A self-contained HTML page for one result: highlighted entities, relation markers, the indicator table.

Inline CSS and JavaScript only (no external URLs), so the page can be mailed or opened offline.
Each line of the text is a block; entities are ``<mark class="entity" data-label=...>`` in displaCy's
colours. A relation is a marker on its number, never an arc across the text:
``<sup class="rel" data-head data-tail data-label data-target [data-direction]>C2↑</sup>`` reads
"CHANGE of METRIC 2 of this paragraph, up"; the METRIC carries ``<sup class="metric-no">2</sup>``;
hovering or clicking either highlights both. Runs of web-page debris lines
(:func:`policy_ie.text.is_debris_line`) collapse into one muted block. A long report is cut into
pages of whole paragraphs (about ``page_chars`` characters each) that an inline script shows one at a
time, with the table rows of the page shown under it; without JavaScript every page is shown.

The script writes ``data-rendered-ms`` (``performance.now()`` after the first layout) on ``<html>``;
opened with ``?layout-check``, it shows every page and writes the boxes of every tag and label into
``<script id="layout-boxes">`` (the tests read them back from Chromium's ``--dump-dom``).
"""
from __future__ import annotations

from bisect import bisect_left
from html import escape

from .result import ParseResult
from .schema import LABELS, RELATION_LABELS
from .text import is_debris_line

# displaCy's palette, one colour per label (schema.LABELS, in order); grey for any other
COLORS = dict(zip(LABELS, ("#7aecec", "#feca74", "#aa9cfc", "#bfeeb7", "#ff8197")))
DEFAULT_COLOR = "#dddddd"
RELATION_COLORS = dict(zip(RELATION_LABELS, ("#2e6da4", "#c0392b")))
DIRECTION_ARROWS = {"up": "↑", "down": "↓"}
PAGE_CHARS = 3000  # characters of text per page (whole paragraphs; a longer paragraph is a page of its own)

_CSS = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #222; background: #fff; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
.summary, .legend { color: #555; font-size: .9rem; margin: .2rem 0; }
.legend span.swatch { display: inline-block; padding: .1em .45em; border-radius: .35em; margin-right: .3em;
                      font-weight: bold; font-size: .8em; color: #222; }
.doc { margin-top: 1rem; font-size: 16px; }
p.para { white-space: pre-wrap; line-height: 2.3; margin: 0 0 .6em; overflow-wrap: anywhere; }
mark.entity { padding: .2em .35em; margin: 0 .1em; line-height: 1; border-radius: .35em; color: #111;
              white-space: nowrap; background: %(default)s; }
mark.entity .entity-label { font-size: .6em; font-weight: bold; line-height: 1; margin-left: .35em;
                            vertical-align: middle; font-family: sans-serif; }
mark.entity.hl { outline: 2px solid #222; outline-offset: 1px; }
%(label_css)s
sup.rel, sup.metric-no { font: bold 10px/1 sans-serif; vertical-align: .55em; margin-left: .25em; padding: 1px 3px;
                         border-radius: 3px; border: 1px solid; background: #fff; cursor: pointer; }
sup.metric-no { color: #0b6b6b; border-color: #0b6b6b; border-radius: 7px; }
sup.rel.target { border-style: dashed; }
%(relation_css)s
details.debris { color: #888; font-size: .8rem; margin: 0 0 .6em; }
details.debris summary { cursor: pointer; }
details.debris div { white-space: pre-wrap; line-height: 1.5; padding-left: 1em; }
nav.pager { display: none; margin: .6rem 0; font-size: .9rem; }
.js nav.pager { display: block; }
nav.pager a { display: inline-block; min-width: 1.6em; text-align: center; padding: .1em .3em; margin: 0 .1em;
              border: 1px solid #ccc; border-radius: .3em; color: #2e6da4; text-decoration: none; }
nav.pager a.current { background: #2e6da4; color: #fff; border-color: #2e6da4; }
.js .paged section.page:not(.current), .js .rows-paged tbody.page-rows:not(.current) { display: none; }
table.indicators { border-collapse: collapse; font-size: .85rem; width: 100%%; }
table.indicators th, table.indicators td { border: 1px solid #ccc; padding: .25em .5em; text-align: left;
                                           vertical-align: top; }
table.indicators th { background: #f3f3f3; }
table.indicators td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.indicators tr.unlinked td { color: #777; }
"""

_HEAD_JS = 'document.documentElement.className = "js";'

_JS = """
(function () {
  var root = document.documentElement, doc = document.getElementById("doc");
  var pages = document.querySelectorAll("section.page"), rows = document.querySelectorAll("tbody.page-rows");
  var navs = document.querySelectorAll("nav.pager"), allRows = document.getElementById("all-rows");
  var table = document.getElementById("indicators");
  var current = 1, pinned = [];
  function show(n) {
    current = Math.max(1, Math.min(pages.length, n));
    for (var i = 0; i < pages.length; i++) pages[i].classList.toggle("current", i + 1 === current);
    for (i = 0; i < rows.length; i++) rows[i].classList.toggle("current", i + 1 === current);
    for (i = 0; i < navs.length; i++) {
      var links = navs[i].querySelectorAll("a[data-page]");
      for (var j = 0; j < links.length; j++) {
        var to = links[j].dataset.page, k = to === "prev" ? current - 1 : to === "next" ? current + 1 : +to;
        links[j].href = "#page-" + Math.max(1, Math.min(pages.length, k));
        links[j].classList.toggle("current", +to === current);
      }
    }
  }
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1)), el = id && document.getElementById(id);
    if (!el) return;
    var page = el.closest ? el.closest("section.page") : null;
    if (page) show(+page.dataset.page);
    if (!el.classList.contains("entity")) return;
    pinned.forEach(function (m) { highlight(m, false); });
    pinned = [el];
    highlight(el, true);
    el.scrollIntoView({block: "center"});
  }
  function partners(el) {  // the marks a marker or a numbered METRIC points at, itself included
    var marks = [el.closest("mark")];
    if (el.classList.contains("rel")) marks.push(document.getElementById("e" + el.dataset.head));
    var head = el.classList.contains("metric-no") ? el.closest("mark").dataset.index : null;
    if (head !== null) {
      var vals = doc.querySelectorAll('sup.rel[data-head="' + head + '"]');
      for (var i = 0; i < vals.length; i++) marks.push(vals[i].closest("mark"));
    }
    return marks;
  }
  function highlight(mark, on) { if (mark) mark.classList.toggle("hl", on); }
  doc.addEventListener("mouseover", function (ev) {
    var t = ev.target.closest && ev.target.closest("sup.rel, sup.metric-no");
    if (t) partners(t).forEach(function (m) { highlight(m, true); });
  });
  doc.addEventListener("mouseout", function (ev) {
    var t = ev.target.closest && ev.target.closest("sup.rel, sup.metric-no");
    if (t) partners(t).forEach(function (m) { if (pinned.indexOf(m) < 0) highlight(m, false); });
  });
  doc.addEventListener("click", function (ev) {
    var t = ev.target.closest && ev.target.closest("sup.rel, sup.metric-no");
    pinned.forEach(function (m) { highlight(m, false); });
    pinned = t ? partners(t) : [];
    pinned.forEach(function (m) { highlight(m, true); });
  });
  if (allRows) allRows.addEventListener("change", function () { table.classList.toggle("rows-paged", !allRows.checked); });
  window.addEventListener("hashchange", function () {
    var m = /^#page-(\\d+)$/.exec(location.hash);
    if (m) { show(+m[1]); window.scrollTo(0, 0); } else follow();
  });
  var m = /^#page-(\\d+)$/.exec(location.hash);
  show(m ? +m[1] : 1);
  follow();
  void document.body.offsetHeight;  // the first layout
  root.dataset.renderedMs = performance.now().toFixed(1);
  if (!/[?&]layout-check/.test(location.search)) return;
  doc.parentNode.classList.remove("paged");  // every page, then the boxes of every tag and label
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.top + scrollY, r.right, r.bottom + scrollY]; }
  var out = {marks: [], labels: []}, marks = doc.querySelectorAll("mark.entity");
  for (var i = 0; i < marks.length; i++) {
    var rects = marks[i].getClientRects();
    out.marks.push({id: marks[i].id, rects: Array.prototype.map.call(rects, function (r) {
      return [r.left, r.top + scrollY, r.right, r.bottom + scrollY]; })});
  }
  var labels = doc.querySelectorAll(".entity-label, sup.rel, sup.metric-no");
  for (i = 0; i < labels.length; i++)
    out.labels.push({owner: labels[i].closest("mark").id, cls: labels[i].className, box: box(labels[i]),
                     para: box(labels[i].closest("p"))});
  var s = document.createElement("script");
  s.type = "application/json"; s.id = "layout-boxes"; s.textContent = JSON.stringify(out);
  document.body.appendChild(s);
  root.dataset.checkedMs = performance.now().toFixed(1);  // every page laid out and measured
})();
"""

_TABLE_COLUMNS = ("sentence", "metric", "value text", "value", "unit", "qualifier", "relation", "target",
                  "metric offsets", "value offsets")


def render(result: ParseResult, title: str = "policy_ie", page_chars: int = PAGE_CHARS) -> str:
    """The HTML page for ``result`` (a complete document, as a string)."""
    label_css = "\n".join(f'mark.entity[data-label="{lab}"], .swatch[data-label="{lab}"] {{ background: {c}; }}'
                          for lab, c in COLORS.items())
    relation_css = "\n".join(f"sup.rel.rel-{lab.lower()} {{ color: {c}; border-color: {c}; }}"
                             for lab, c in RELATION_COLORS.items())
    css = _CSS % {"default": DEFAULT_COLOR, "label_css": label_css, "relation_css": relation_css}
    pages = _pages(result, page_chars)
    page_of = {i: n for n, page in enumerate(pages, 1) for i in page.entities}
    rows = result.records()
    legend = " ".join(f'<span class="swatch" data-label="{escape(lab)}">{escape(lab)}</span>' for lab in COLORS)
    key = ('markers: <sup class="metric-no">2</sup> METRIC 2 of the paragraph · '
           '<sup class="rel rel-value">V2</sup> its VALUE · <sup class="rel rel-change">C2↑</sup> its CHANGE '
           '(↑ up, ↓ down) · <sup class="rel rel-value target">V2</sup> dashed: a target · click a marker: highlight')
    nav = _nav(len(pages))
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} · policy_ie</title>",
        f"<script>{_HEAD_JS}</script>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{len(result.entities)} entities · {len(result.relations)} relations · '
        f"{len(rows)} table rows · {len(pages)} page{'s' if len(pages) != 1 else ''}</p>",
        f'<p class="legend">{legend}</p>',
        f'<p class="legend">{key}</p>',
        '<div class="paged">',
        nav,
        f'<div class="doc" id="doc">{"".join(p.html for p in pages)}</div>',
        nav,
        "<h2>Indicator table</h2>",
        ('<p class="summary"><label><input type="checkbox" id="all-rows"> the rows of every page, not only '
         'of the page shown</label></p>' if len(pages) > 1 else ""),
        _table(rows, result, page_of, len(pages)),
        "</div>",
        f"<script>{_JS}</script>",
        "</body>",
        "</html>",
        "",
    ])


class _Page:
    """The HTML of one page and the indices of the entities on it."""

    def __init__(self, number: int):
        self.number, self.parts, self.entities, self.chars = number, [], [], 0

    @property
    def html(self) -> str:
        return (f'<section class="page{" current" if self.number == 1 else ""}" id="page-{self.number}" '
                f'data-page="{self.number}">{"".join(self.parts)}</section>')


def _pages(result: ParseResult, page_chars: int) -> list[_Page]:
    """The text as pages of paragraphs (one per line), debris runs collapsed; every character of
    ``result.text`` is in the page, in order (line breaks between blocks, where they show as nothing)."""
    text = result.text
    order = sorted(range(len(result.entities)), key=lambda i: result.entities[i]["start"])
    starts = [result.entities[i]["start"] for i in order]
    relations_of: dict[int, list[dict]] = {}
    for r in result.relations:
        relations_of.setdefault(r["tail"], []).append(r)
    heads = {r["head"] for r in result.relations}

    def entities_in(a: int, b: int) -> list[int]:
        k = bisect_left(starts, a)
        out = []
        while k < len(order) and starts[k] < b:
            out.append(order[k])
            k += 1
        return out

    lines, pos = [], 0  # (start, end, kind): kind "blank", "debris" or "para"
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        kind = ("blank" if not line.strip() else
                "debris" if is_debris_line(line) and not entities_in(pos, end) else "para")
        lines.append((pos, end, kind))
        if nl < 0:
            break
        pos = nl + 1

    pages = [_Page(1)]
    i = 0
    while i < len(lines):
        s, e, kind = lines[i]
        page = pages[-1]
        if kind == "para" and page.chars and page.chars + (e - s) > page_chars:
            page = _Page(len(pages) + 1)
            pages.append(page)
        if kind == "blank":
            page.parts.append(escape(text[s:e]))
        elif kind == "debris":  # this debris line, and the debris (and blank) lines after it
            j = i
            while j + 1 < len(lines) and lines[j + 1][2] != "para":
                j += 1
            while lines[j][2] == "blank":
                j -= 1
            k = j + 1  # and short lines between debris lines (来源: / 四川日报 / 【字体：/ 大)
            while k < len(lines) and (lines[k][2] != "para" or _short_aside(text, lines[k], entities_in)):
                if lines[k][2] == "debris":
                    j = k
                k += 1
            n = sum(1 for k in range(i, j + 1) if lines[k][2] != "blank")
            page.parts.append(f'<details class="debris"><summary>{n} line{"s" if n != 1 else ""} of page debris'
                              f'</summary><div>{escape(text[s:lines[j][1]])}</div></details>')
            e, i = lines[j][1], j
        else:
            ents = entities_in(s, e)
            page.entities.extend(ents)
            page.chars += e - s
            page.parts.append(f'<p class="para" data-start="{s}">'
                              f"{_marked(result, s, e, ents, relations_of, heads)}</p>")
        if e < len(text):
            page.parts.append("\n")
        i += 1
    return pages


def _short_aside(text: str, line: tuple[int, int, str], entities_in) -> bool:
    """A line of at most 12 characters, no sentence end and no entity: inside a debris run, part of it."""
    s, e, _ = line
    return e - s <= 12 and not any(c in text[s:e] for c in "。！？") and not entities_in(s, e)


def _marked(result: ParseResult, a: int, b: int, ents: list[int], relations_of: dict, heads: set) -> str:
    """``text[a:b]`` with its entities marked, METRICs numbered within the paragraph, and a marker
    on each number for each of its relations."""
    text, out, pos = result.text, [], a
    number = {}  # METRIC index -> its number in this paragraph
    for i in ents:
        if i in heads:
            number[i] = len(number) + 1
    for i in ents:
        e = result.entities[i]
        s, t = e["start"], min(e["end"], b)
        if s < pos:  # overlapping entity: should not happen, never hide text
            continue
        out.append(escape(text[pos:s]))
        badges = []
        if i in number:
            badges.append(f'<sup class="metric-no" title="METRIC {number[i]} of this paragraph">{number[i]}</sup>')
        for r in relations_of.get(i, []):
            badges.append(_marker(result, r, number.get(r["head"])))
        tooltip = _tooltip(e)
        out.append(f'<mark class="entity" id="e{i}" data-index="{i}" data-label="{escape(e["label"])}" '
                   f'data-start="{s}" data-end="{e["end"]}"' + (f' title="{escape(tooltip)}"' if tooltip else "")
                   + f'>{escape(text[s:t])}<span class="entity-label">{escape(e["label"])}</span>'
                   + "".join(badges) + "</mark>")
        pos = t
    out.append(escape(text[pos:b]))
    return "".join(out)


def _marker(result: ParseResult, r: dict, number: int | None) -> str:
    """The marker of relation ``r`` on its number: V/C, the METRIC's number, ↑/↓; dashed for a target."""
    label, target = r["label"], bool(r.get("target"))
    arrow = DIRECTION_ARROWS.get(r.get("direction"), "") if label == "CHANGE" else ""
    metric = result.entities[r["head"]]
    title = (f"{label}{' ' + arrow if arrow else ''}{' (target)' if target else ''}: "
             f"{metric['text']} → {result.entities[r['tail']]['text']}")
    shown = f"{label[0]}{number if number is not None else '→'}{arrow}"  # → : its METRIC is in another paragraph
    direction = f' data-direction="{escape(str(r["direction"]))}"' if arrow else ""
    return (f'<sup class="rel rel-{escape(label.lower())}{" target" if target else ""}" data-head="{r["head"]}" '
            f'data-tail="{r["tail"]}" data-label="{escape(label)}" data-target="{str(target).lower()}"{direction} '
            f'title="{escape(title)}">{escape(shown)}</sup>')


def _tooltip(e: dict) -> str:
    if e.get("value") is None:
        return ""
    parts = [e["label"], f"value {format_number(e['value'])} {e.get('unit') or ''}".rstrip()]
    if e.get("qualifier"):
        parts.append(str(e["qualifier"]))
    return " · ".join(parts)


def _nav(n_pages: int) -> str:
    if n_pages < 2:
        return ""
    links = "".join(f'<a href="#page-{n}" data-page="{n}">{n}</a>' for n in range(1, n_pages + 1))
    return (f'<nav class="pager">page: <a href="#page-1" data-page="prev" title="previous page">‹</a>{links}'
            f'<a href="#page-2" data-page="next" title="next page">›</a></nav>')


def _table(rows: list[dict], result: ParseResult, page_of: dict[int, int], n_pages: int) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in _TABLE_COLUMNS)
    index = {e["start"]: i for i, e in enumerate(result.entities)}
    relation = {(result.entities[r["head"]]["start"], result.entities[r["tail"]]["start"], r["label"]): r
                for r in result.relations}
    bodies: list[list[str]] = [[] for _ in range(max(n_pages, 1))]
    for r in rows:
        value = format_number(r["value"])
        if r.get("low") is not None and r.get("high") is not None:
            value = f"{format_number(r['low'])}–{format_number(r['high'])}"
        metric_span = f"{r['metric_start']}–{r['metric_end']}" if r["metric_start"] is not None else ""
        rel = relation.get((r["metric_start"], r["value_start"], r["relation"]), {})
        arrow = DIRECTION_ARROWS.get(rel.get("direction"), "") if r["relation"] == "CHANGE" else ""
        tail = index[r["value_start"]]
        cells = [
            ("num", escape(str(r["sentence"]))), ("", escape(r["metric"] or "")),
            ("", f'<a href="#e{tail}">{escape(r["value_text"])}</a>'), ("num", escape(value)),
            ("", escape(r["unit"] or "")), ("", escape(r["qualifier"] or "")),
            ("", escape((r["relation"] or "") + (" " + arrow if arrow else ""))),
            ("", {True: "target", False: "result"}.get(r["target"], "")),
            ("num", metric_span), ("num", f"{r['value_start']}–{r['value_end']}"),
        ]
        tds = "".join((f'<td class="{cls}">' if cls else "<td>") + v + "</td>" for cls, v in cells)
        bodies[page_of.get(tail, 1) - 1].append(f'<tr class="{"linked" if r["relation"] else "unlinked"}">{tds}</tr>')
    tbodies = "".join(f'<tbody class="page-rows{" current" if n == 1 else ""}" data-page="{n}">{"".join(b)}</tbody>'
                      for n, b in enumerate(bodies, 1))
    return f'<table class="indicators rows-paged" id="indicators"><thead><tr>{head}</tr></thead>{tbodies}</table>'


def format_number(v) -> str:
    """A number as a table shows it: thousands separated, a whole float without its .0; None as empty."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)
