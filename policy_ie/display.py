"""A self-contained HTML page for one result: highlighted entities, relation arcs, the indicator table.

Inline CSS, SVG and JavaScript only (no external URLs), so the page can be mailed or opened offline.
Entities are ``<mark class="entity" data-label=...>`` in displaCy's colours; after layout an inline
script draws each relation as an SVG ``<g class="relation" data-head data-tail data-label
data-target>`` arc from the METRIC to its number.
"""
from __future__ import annotations

import json
from html import escape

from .result import ParseResult
from .schema import LABELS, RELATION_LABELS

# displaCy's palette, one colour per label (schema.LABELS, in order); grey for any other
COLORS = dict(zip(LABELS, ("#7aecec", "#feca74", "#aa9cfc", "#bfeeb7", "#ff8197")))
DEFAULT_COLOR = "#dddddd"
RELATION_COLORS = dict(zip(RELATION_LABELS, ("#2e6da4", "#c0392b")))

_CSS = """
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 1.5rem auto; max-width: 60rem; padding: 0 1rem; color: #222; background: #fff; }
h1 { font-size: 1.3rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin-top: 2rem; }
.summary, .legend { color: #555; font-size: .9rem; margin: .2rem 0; }
.legend span.swatch { display: inline-block; padding: .1em .45em; border-radius: .35em; margin-right: .3em;
                      font-weight: bold; font-size: .8em; color: #222; }
.legend .arc-key { margin-left: 1em; }
.doc { position: relative; margin-top: 1rem; }
.doc svg.arcs { position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible; }
.text { white-space: pre-wrap; line-height: 3.6; font-size: 16px; position: relative; }
mark.entity { padding: .25em .4em; margin: 0 .15em; line-height: 1; border-radius: .35em; color: #111;
              white-space: nowrap;
              background: %(default)s; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
mark.entity .entity-label { font-size: .6em; font-weight: bold; line-height: 1; margin-left: .4em;
                            vertical-align: middle; font-family: sans-serif; }
%(label_css)s
g.relation path { fill: none; stroke-width: 1.6; }
g.relation.target path { stroke-dasharray: 5 3; }
g.relation text { font: bold 10px sans-serif; text-anchor: middle; paint-order: stroke; stroke: #fff;
                  stroke-width: 3px; }
%(relation_css)s
table.indicators { border-collapse: collapse; font-size: .85rem; width: 100%%; }
table.indicators th, table.indicators td { border: 1px solid #ccc; padding: .25em .5em; text-align: left;
                                           vertical-align: top; }
table.indicators th { background: #f3f3f3; }
table.indicators td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.indicators tr.unlinked td { color: #777; }
"""

_JS = """
(function () {
  var NS = "http://www.w3.org/2000/svg";
  var rels = JSON.parse(document.getElementById("relations-data").textContent);
  var doc = document.getElementById("doc"), svg = document.getElementById("arcs");
  function draw() {
    var old = svg.querySelectorAll("g.relation");
    for (var i = 0; i < old.length; i++) old[i].remove();
    var box = doc.getBoundingClientRect();
    svg.setAttribute("width", doc.scrollWidth);
    svg.setAttribute("height", doc.scrollHeight);
    rels.forEach(function (r) {
      var h = document.getElementById("e" + r.head), t = document.getElementById("e" + r.tail);
      if (!h || !t) return;
      var a = h.getClientRects()[0], b = t.getClientRects()[0];
      var x1 = (a.left + a.right) / 2 - box.left, y1 = a.top - box.top;
      var x2 = (b.left + b.right) / 2 - box.left, y2 = b.top - box.top;
      var lift = Math.min(24, 12 + Math.abs(x2 - x1) * 0.1), top = Math.min(y1, y2) - lift;
      var g = document.createElementNS(NS, "g");
      g.setAttribute("class", "relation rel-" + r.label.toLowerCase() + (r.target ? " target" : ""));
      g.setAttribute("data-head", r.head);
      g.setAttribute("data-tail", r.tail);
      g.setAttribute("data-label", r.label);
      g.setAttribute("data-target", r.target ? "true" : "false");
      var p = document.createElementNS(NS, "path");
      p.setAttribute("d", "M" + x1 + "," + y1 + " C" + x1 + "," + top + " " + x2 + "," + top + " " + x2 + "," + (y2 - 1));
      p.setAttribute("marker-end", "url(#arrow-" + r.label.toLowerCase() + ")");
      var title = document.createElementNS(NS, "title");
      title.textContent = r.label + (r.target ? " (target)" : "") + ": " + h.dataset.text + " \\u2192 " + t.dataset.text;
      var s = document.createElementNS(NS, "text");
      s.setAttribute("x", (x1 + x2) / 2);
      s.setAttribute("y", Math.min(y1, y2) - 0.75 * lift - 3);
      s.textContent = r.label + (r.target ? " \\u00b7 target" : "");
      g.appendChild(title); g.appendChild(p); g.appendChild(s);
      svg.appendChild(g);
    });
  }
  draw();
  window.addEventListener("load", draw);
  window.addEventListener("resize", draw);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(draw);
})();
"""

_TABLE_COLUMNS = ("sentence", "metric", "value text", "value", "unit", "qualifier", "relation", "target",
                  "metric offsets", "value offsets")


def render(result: ParseResult, title: str = "policy_ie") -> str:
    """The HTML page for ``result`` (a complete document, as a string)."""
    label_css = "\n".join(f'mark.entity[data-label="{lab}"], .swatch[data-label="{lab}"] {{ background: {c}; }}'
                          for lab, c in COLORS.items())
    relation_css = "\n".join(f"g.relation.rel-{lab.lower()} path {{ stroke: {c}; }} "
                             f"g.relation.rel-{lab.lower()} text {{ fill: {c}; }}"
                             for lab, c in RELATION_COLORS.items())
    css = _CSS % {"default": DEFAULT_COLOR, "label_css": label_css, "relation_css": relation_css}
    markers = "".join(
        f'<marker id="arrow-{lab.lower()}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" fill="{c}"/></marker>'
        for lab, c in RELATION_COLORS.items())
    rels = [{"head": r["head"], "tail": r["tail"], "label": r["label"], "target": bool(r.get("target"))}
            for r in result.relations]
    rows = result.records()
    legend = " ".join(f'<span class="swatch" data-label="{escape(lab)}">{escape(lab)}</span>' for lab in COLORS)
    arc_key = ('<span class="arc-key">arcs: METRIC → number; '
               + " ".join(f'<b style="color:{c}">{lab}</b>' for lab, c in RELATION_COLORS.items())
               + "; dashed = target</span>")
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} · policy_ie</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{len(result.entities)} entities · {len(result.relations)} relations · '
        f"{len(rows)} table rows</p>",
        f'<p class="legend">{legend}{arc_key}</p>',
        f'<div class="doc" id="doc"><svg class="arcs" id="arcs" aria-hidden="true"><defs>{markers}</defs></svg>'
        f'<div class="text" id="text">{_marked_text(result)}</div></div>',
        "<h2>Indicator table</h2>",
        _table(rows),
        f'<script type="application/json" id="relations-data">{_json_for_script(rels)}</script>',
        f"<script>{_JS}</script>",
        "</body>",
        "</html>",
        "",
    ])


def _marked_text(result: ParseResult) -> str:
    text, out, pos = result.text, [], 0
    for i, e in sorted(enumerate(result.entities), key=lambda ie: ie[1]["start"]):
        s, t = e["start"], e["end"]
        if s < pos:  # overlapping entity: should not happen, never hide text
            continue
        out.append(escape(text[pos:s]))
        out.append(f'<mark class="entity" id="e{i}" data-index="{i}" data-label="{escape(e["label"])}" '
                   f'data-start="{s}" data-end="{t}" data-text="{escape(text[s:t])}" title="{escape(_tooltip(e))}">'
                   f'{escape(text[s:t])}<span class="entity-label">{escape(e["label"])}</span></mark>')
        pos = t
    out.append(escape(text[pos:]))
    return "".join(out)


def _tooltip(e: dict) -> str:
    parts = [e["label"]]
    if e.get("value") is not None:
        parts.append(f"value {_number(e['value'])} {e.get('unit') or ''}".rstrip())
    if e.get("qualifier"):
        parts.append(str(e["qualifier"]))
    return " · ".join(parts)


def _table(rows: list[dict]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in _TABLE_COLUMNS)
    body = []
    for r in rows:
        value = _number(r["value"])
        if r.get("low") is not None and r.get("high") is not None:
            value = f"{_number(r['low'])}–{_number(r['high'])}"
        metric_span = f"{r['metric_start']}–{r['metric_end']}" if r["metric_start"] is not None else ""
        cells = [
            ("num", r["sentence"]), ("", r["metric"]), ("", r["value_text"]), ("num", value), ("", r["unit"]),
            ("", r["qualifier"]), ("", r["relation"]), ("", {True: "target", False: "result"}.get(r["target"])),
            ("num", metric_span), ("num", f"{r['value_start']}–{r['value_end']}"),
        ]
        tds = "".join((f'<td class="{cls}">' if cls else "<td>") + escape("" if v is None else str(v)) + "</td>"
                      for cls, v in cells)
        body.append(f'<tr class="{"linked" if r["relation"] else "unlinked"}">{tds}</tr>')
    return (f'<table class="indicators"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def _number(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return f"{v:,}" if isinstance(v, (int, float)) else str(v)


def _json_for_script(obj) -> str:
    return json.dumps(obj, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
