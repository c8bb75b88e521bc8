"""``policy-ie compare``: one indicator across documents, as a table and a self-contained page.

:func:`compare_rows` turns a document's result into one row per relation whose METRIC is linked
to an indicator (target or result, VALUE or CHANGE, with the reading); :func:`render_compare`
writes the page: the table and one chart per chosen indicator, inline SVG, no external
resources. A chart plots one series of the indicator, the relation and unit most of its rows
have (GDP: CHANGE in %, i.e. growth), one line per document, targets as open diamonds (a range
as a bar) and results as dots; the other rows stay in the table.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from pathlib import Path
from typing import Iterable, Optional

from .display import format_number
from .indicators import IndicatorTable
from .result import ParseResult

COMPARE_COLUMNS = ("document", "indicator", "name_zh", "name_en", "target", "relation", "value", "unit", "qualifier",
                   "low", "high", "metric", "sentence")
TARGET_COLOR, RESULT_COLOR = "#c0392b", "#2e6da4"


def compare_rows(document: str, result: ParseResult, table: IndicatorTable,
                 indicators: Optional[Iterable[str]] = None) -> list[dict]:
    """One row per relation of ``result`` whose METRIC links to an indicator (of ``indicators``
    when given), in text order."""
    chosen = set(indicators) if indicators else None
    rows = []
    for r in sorted(result.relations, key=lambda r: result.entities[r["tail"]]["start"]):
        metric, value = result.entities[r["head"]], result.entities[r["tail"]]
        ind = metric.get("indicator")
        if ind is None or ind not in table.rows or (chosen is not None and ind not in chosen):
            continue
        row = table.rows[ind]
        k = result.sentence_index(value["start"])
        sentence = result.text[slice(*result.sentences[k])] if k >= 0 else ""
        rows.append(dict(zip(COMPARE_COLUMNS, (
            document, ind, row.name_zh, row.name_en, bool(r["target"]), r["label"], value.get("value"),
            value.get("unit"), value.get("qualifier"), value.get("low"), value.get("high"), metric["text"],
            " ".join(sentence.split())))))
    return rows


def main_series(rows: list[dict]) -> tuple[str, str] | None:
    """The (relation, unit) most of ``rows`` have: what a chart of them plots."""
    counts = Counter((r["relation"], r["unit"]) for r in rows if r["value"] is not None)
    return counts.most_common(1)[0][0] if counts else None


def render_compare(rows: list[dict], indicators: list[str], table: IndicatorTable, documents: list[str],
                   title: str = "policy_ie compare") -> str:
    """The page: one chart per indicator of ``indicators`` (documents in the order given), then the table."""
    by_indicator: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_indicator[r["indicator"]].append(r)
    charts = [_chart(ind, table, by_indicator.get(ind, []), documents) for ind in indicators]
    head = "".join(f"<th>{escape(c)}</th>" for c in COMPARE_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{escape(_cell(r[c]))}</td>" for c in COMPARE_COLUMNS) + "</tr>"
                   for r in rows)
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="zh">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{len(documents)} documents · {len(rows)} rows · {len(charts)} '
        f"chart{'s' if len(charts) != 1 else ''} · <span class=\"key\"><svg width=\"12\" height=\"12\">"
        f"{_diamond(6, 6)}</svg> target <svg width=\"12\" height=\"12\">{_dot(6, 6)}</svg> result</span></p>",
        *charts,
        "<h2>Table</h2>",
        f'<table class="compare" id="compare"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>',
        f"<script>{_JS}</script>", "</body>", "</html>", ""])


def _chart(ind: str, table: IndicatorTable, rows: list[dict], documents: list[str]) -> str:
    row = table.rows[ind]
    series = main_series(rows)
    caption = f"{row.name_zh} · {row.name_en} ({ind})"
    if series is None:
        return (f'<figure class="chart" data-indicator="{escape(ind)}"><figcaption>{escape(caption)}</figcaption>'
                f'<p class="summary">no value found</p></figure>')
    relation, unit = series
    shown = [r for r in rows if (r["relation"], r["unit"]) == series and r["value"] is not None]
    values = [v for r in shown for v in (r["value"], r["low"], r["high"]) if v is not None]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or abs(hi) * 0.1 or 1
    lo, hi = lo - pad, hi + pad
    left, width, line, top = 150, 560, 22, 24
    x = lambda v: left + (v - lo) / (hi - lo) * width  # noqa: E731
    parts = []
    for t in _ticks(lo, hi):
        parts.append(f'<line class="grid" x1="{x(t):.1f}" x2="{x(t):.1f}" y1="{top - 6}" '
                     f'y2="{top + line * len(documents)}"/>'
                     f'<text class="tick" x="{x(t):.1f}" y="{top - 10}">{escape(format_number(t))}</text>')
    for i, doc in enumerate(documents):
        y = top + line * i + line / 2
        parts.append(f'<text class="doc" x="{left - 8}" y="{y + 4:.1f}">{escape(Path(doc).stem)}</text>'
                     f'<line class="row" x1="{left}" x2="{left + width}" y1="{y:.1f}" y2="{y:.1f}"/>')
        for r in sorted((r for r in shown if r["document"] == doc), key=lambda r: not r["target"]):  # dots on top
            tip = escape(f"{Path(doc).stem}: {'target' if r['target'] else 'result'} {r['metric']} "
                         f"{format_number(r['value'])}{unit or ''} ({r['qualifier']})")
            mark = _diamond(x(r["value"]), y) if r["target"] else _dot(x(r["value"]), y)
            if r["low"] is not None and r["high"] is not None:
                mark = (f'<line class="range" x1="{x(r["low"]):.1f}" x2="{x(r["high"]):.1f}" y1="{y:.1f}" '
                        f'y2="{y:.1f}"/>') + mark
            parts.append(f'<g class="{"target" if r["target"] else "result"}"><title>{tip}</title>{mark}</g>')
    height = top + line * len(documents) + 8
    note = (f"{relation} in {unit or 'no unit'}: {len(shown)} of {len(rows)} rows "
            f"({'growth or change' if relation == 'CHANGE' else 'level'}; the other rows are in the table)")
    return (f'<figure class="chart" data-indicator="{escape(ind)}"><figcaption>{escape(caption)}<br>'
            f'<span class="summary">{escape(note)}</span></figcaption>'
            f'<svg class="chart" viewBox="0 0 {left + width + 20} {height}" width="{left + width + 20}" '
            f'height="{height}" role="img" aria-label="{escape(caption)}">{"".join(parts)}</svg></figure>')


def _diamond(cx: float, cy: float, r: float = 5) -> str:
    return (f'<path class="mark-target" d="M{cx:.1f} {cy - r:.1f}L{cx + r:.1f} {cy:.1f}L{cx:.1f} {cy + r:.1f}'
            f'L{cx - r:.1f} {cy:.1f}Z"/>')


def _dot(cx: float, cy: float, r: float = 4) -> str:
    return f'<circle class="mark-result" cx="{cx:.1f}" cy="{cy:.1f}" r="{r}"/>'


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """About ``n`` round values between ``lo`` and ``hi``."""
    import math

    raw = (hi - lo) / n
    step = 10 ** math.floor(math.log10(raw))
    step *= next(m for m in (1, 2, 5, 10) if raw <= step * m)
    first = math.ceil(lo / step) * step
    return [round(first + k * step, 10) for k in range(int((hi - first) / step) + 1)]


def _cell(v) -> str:
    return "" if v is None else format_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


_CSS = f"""
body {{ font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 1.5rem auto; max-width: 64rem; padding: 0 1rem; color: #222; background: #fff; }}
h1 {{ font-size: 1.3rem; margin: 0 0 .3rem; }}
h2 {{ font-size: 1.1rem; margin-top: 2rem; }}
.summary {{ color: #555; font-size: .9rem; }}
figure.chart {{ margin: 1.2rem 0; }}
figcaption {{ font-weight: bold; margin-bottom: .3rem; }}
figcaption .summary {{ font-weight: normal; }}
svg text {{ font-size: 12px; fill: #333; }}
svg text.doc {{ text-anchor: end; }}
svg text.tick {{ text-anchor: middle; fill: #777; font-size: 11px; }}
svg line.grid {{ stroke: #e4e4e4; }}
svg line.row {{ stroke: #f2f2f2; }}
svg line.range {{ stroke: {TARGET_COLOR}; stroke-width: 3; opacity: .5; }}
.mark-target {{ fill: #fff; stroke: {TARGET_COLOR}; stroke-width: 2; }}
.mark-result {{ fill: {RESULT_COLOR}; }}
table.compare {{ border-collapse: collapse; font-size: .8rem; }}
table.compare th, table.compare td {{ border: 1px solid #ddd; padding: .2em .4em; vertical-align: top; }}
table.compare td:last-child {{ max-width: 28rem; }}
"""

# marks the page as rendered (the tests read these back): charts and marks drawn, time to first layout
_JS = """
requestAnimationFrame(function () {
  var root = document.documentElement;
  root.dataset.charts = document.querySelectorAll("svg.chart").length;
  root.dataset.marks = document.querySelectorAll("svg.chart g").length;
  root.dataset.renderedMs = performance.now().toFixed(1);
});
"""
