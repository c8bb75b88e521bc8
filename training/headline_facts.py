"""Headline facts of each report (issue #16): the GDP growth target and result, and the CPI,
new urban jobs, unemployment-rate and deficit-ratio targets, as ``records()`` gives them for
the whole raw report, against the gold corpus.

    python training/headline_facts.py [--model default|DIR] [--split test] [--markdown] [--json OUT]

Each document of the split is parsed whole with ``policy_ie.parse`` (its text is
``../shared/<meta.source>``). The same rule picks a fact from the model's records and from
the gold relations (gold indicator ids from ``--indicators``; a document that file lacks gets
the shipped table's lookup of the gold METRIC name):

- a record of the fact's indicator, relation, unit and target flag (``FACTS``): GDP growth is
  ``gdp`` in % (CHANGE, or VALUE for a rate noun such as 增速), so neither the level in 元
  nor a gap in 百分点 counts; jobs is a VALUE in any unit; the others are in %;
- never a multi-year figure: 年均 in the metric or between the metric and its value;
- a target: the first in document order in a sentence naming the 预期目标 (the headline
  summary of the year's targets), else the first in document order; a result: the first.

A fact agrees when both sides have it with the same value (and range bounds) to 1e-9
relative and the same target flag. A fact gold has is ``miss`` when the model picks none,
``wrong`` when it picks another value or when its record at the gold value has the fact's
indicator with the other target flag; ``extra`` is a fact only the model states; ``—`` one
neither side states.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional

import policy_ie
from policy_ie.corpus import add_corpus_arguments, load_splits, split_records
from policy_ie.evaluation import document_kind, group_documents
from policy_ie.indicators import default_table, indicator_name
from policy_ie.schema import same_value

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INDICATORS = Path("corpus/indicators/test.jsonl")
SUMMARY_CUES = ("预期目标", "預期目標")  # the sentence of the year's main targets (both scripts)
MULTI_YEAR = "年均"
SNIPPET = 12  # characters of context either side of the metric and value


@dataclass(frozen=True)
class Fact:
    key: str
    title: str
    indicators: tuple[str, ...]
    relations: tuple[str, ...]
    units: Optional[tuple[str, ...]]  # None: any unit
    target: bool


FACTS = (
    Fact("gdp_target", "GDP growth target", ("gdp",), ("CHANGE", "VALUE"), ("%",), True),
    Fact("gdp_result", "GDP growth result", ("gdp",), ("CHANGE", "VALUE"), ("%",), False),
    Fact("cpi_target", "CPI target", ("cpi",), ("VALUE", "CHANGE"), ("%",), True),
    Fact("jobs_target", "new urban jobs target", ("urban_new_jobs",), ("VALUE",), None, True),
    Fact("unemployment_target", "unemployment-rate target",
         ("urban_surveyed_unemployment_rate", "urban_registered_unemployment_rate"), ("VALUE",), ("%",), True),
    Fact("deficit_target", "deficit-ratio target", ("deficit_ratio",), ("VALUE",), ("%",), True),
)


@dataclass
class Candidate:
    """One METRIC→value relation, with offsets of the value into the whole report."""

    indicator: Optional[str]
    relation: str
    target: bool
    text: str
    value: Optional[float]
    unit: Optional[str]
    qualifier: Optional[str]
    low: Optional[float]
    high: Optional[float]
    start: int
    end: int
    metric: str
    summary: bool  # its sentence names the 预期目标
    multi_year: bool
    snippet: str


def candidate(indicator, relation, target, metric: dict, value: dict, sentence: str, offset: int) -> Candidate:
    """A candidate from a metric and a value dict with offsets into ``sentence``, which starts
    at ``offset`` in the report."""
    lo, hi = min(metric["start"], value["start"]), max(metric["end"], value["end"])
    snippet = sentence[max(0, lo - SNIPPET):hi + SNIPPET]
    return Candidate(indicator, relation, bool(target), value["text"], value.get("value"), value.get("unit"),
                     value.get("qualifier"), value.get("low"), value.get("high"), offset + value["start"],
                     offset + value["end"], metric["text"], any(c in sentence for c in SUMMARY_CUES),
                     MULTI_YEAR in sentence[lo:hi], snippet)


def gold_candidates(records: list[dict], ids: dict) -> list[Candidate]:
    """The gold relations of one document's records, in document order. ``ids`` maps
    (sentence id, METRIC start, end) to an indicator id; in a document it has no line of, a
    METRIC gets the shipped table's lookup of its name."""
    known = {key[0].rsplit(":", 1)[0] for key in ids}
    out = []
    for r in records:
        meta, ents = r["meta"], r["entities"]
        for rel in r["relations"]:
            m, v = ents[rel["head"]], ents[rel["tail"]]
            if meta["doc"] in known:
                ind = ids.get((meta["id"], m["start"], m["end"]))
            else:
                ind = default_table().link(indicator_name(m["text"]))
            out.append(candidate(ind, rel["label"], rel["target"], m, v, r["text"], meta["start"]))
    return sorted(out, key=lambda c: c.start)


def predicted_candidates(result) -> list[Candidate]:
    """The relations of ``result.records()`` (a ParseResult of the whole report), in document order."""
    out = []
    for row in result.records():
        if row["relation"] is None:
            continue
        s, e = (result.sentences[row["sentence"]] if row["sentence"] >= 0 else
                (min(row["metric_start"], row["value_start"]), max(row["metric_end"], row["value_end"])))
        metric = {"start": row["metric_start"] - s, "end": row["metric_end"] - s, "text": row["metric"]}
        value = {k: row[k] for k in ("value", "unit", "qualifier", "low", "high")}
        value.update(start=row["value_start"] - s, end=row["value_end"] - s, text=row["value_text"])
        out.append(candidate(row["indicator"], row["relation"], row["target"], metric, value, result.text[s:e], s))
    return out


def matches(fact: Fact, c: Candidate) -> bool:
    return (c.indicator in fact.indicators and c.relation in fact.relations and c.target == fact.target
            and (fact.units is None or c.unit in fact.units) and not c.multi_year)


def select(fact: Fact, candidates: list[Candidate]) -> Optional[Candidate]:
    """The fact among ``candidates`` (in document order) by the rule of the module doc."""
    found = [c for c in candidates if matches(fact, c)]
    if fact.target:
        found = [c for c in found if c.summary] or found
    return found[0] if found else None


def same_fact(a: Candidate, b: Candidate) -> bool:
    return a.target == b.target and all(same_value(getattr(a, f), getattr(b, f)) for f in ("value", "low", "high"))


def at_value(c: Optional[Candidate], candidates: list[Candidate]) -> Optional[Candidate]:
    """The candidate of ``candidates`` on the value span of ``c``, if any."""
    return c and next((p for p in candidates if (p.start, p.end) == (c.start, c.end)), None)


def judge(fact: Fact, gold: Optional[Candidate], pred: Optional[Candidate], at_gold: Optional[Candidate]) -> str:
    """right, miss, wrong, extra or — (see the module doc); ``at_gold`` is the model's
    candidate on the gold value."""
    if gold is None:
        return "—" if pred is None else "extra"
    if pred is not None and same_fact(gold, pred):
        return "right"
    flipped = at_gold is not None and at_gold.indicator in fact.indicators and at_gold.target != gold.target
    return "wrong" if pred is not None or flipped else "miss"


def document_rows(doc: str, records: list[dict], ids: dict, result) -> list[dict]:
    """One row per fact of one document."""
    gold_all, pred_all = gold_candidates(records, ids), predicted_candidates(result)
    rows = []
    for fact in FACTS:
        gold, pred = select(fact, gold_all), select(fact, pred_all)
        at_gold = at_value(gold, pred_all)
        rows.append({"document": doc, "kind": document_kind(doc), "fact": fact.key,
                     "gold": gold and asdict(gold), "predicted": pred and asdict(pred),
                     "model_at_gold": at_gold and asdict(at_gold), "status": judge(fact, gold, pred, at_gold)})
    return rows


def totals(rows: list[dict]) -> dict:
    """Facts stated (by gold), right, missed, wrong and extra, per kind of document and overall."""
    out: dict = defaultdict(Counter)
    for row in rows:
        for group in (row["kind"], "all"):
            out[group]["stated"] += row["gold"] is not None
            out[group][row["status"]] += row["status"] != "—"
    return {g: {k: c[k] for k in ("stated", "right", "miss", "wrong", "extra")} for g, c in out.items()}


def number(x) -> str:
    if x is None:
        return "?"
    return str(int(x)) if float(x).is_integer() else f"{x:.10g}"


def reading(c: Optional[dict], relation: bool = False) -> str:
    """A candidate as a table cell: its text, the number (a range's bounds), unit, relation, flag."""
    if c is None:
        return "—"
    value = f"{number(c['low'])}–{number(c['high'])}" if c["qualifier"] == "range" else number(c["value"])
    flag = "target" if c["target"] else "result"
    return " ".join(w for w in (f"`{c['text']}` =", value, c["unit"], c["relation"] if relation else "", flag) if w)


def markdown(rows: list[dict], summary: dict, model: str, split: str) -> str:
    titles = {f.key: f.title for f in FACTS}
    out = [f"Headline facts, {split} split, pipeline `{model}`: gold against `records()` of the whole report.", "",
           "| document | fact | gold | predicted | | text |", "|---|---|---|---|---|---|"]
    for row in rows:
        g, p = row["gold"], row["predicted"]
        text = (g or p or {}).get("snippet", "")
        if g and p and p["start"] != g["start"]:
            text += f" · model: {p['snippet']}"
        a = row["model_at_gold"]
        if row["status"] in ("miss", "wrong"):
            text += (f" · model at the gold value: {a['metric']} ({a['indicator'] or 'no id'}) {reading(a, True)}"
                     if a else " · model: no relation at the gold value")
        out.append(f"| {row['document']} | {titles[row['fact']]} | {reading(g)} | {reading(p, True)} | "
                   f"{row['status']} | {text.replace('|', '/')} |")
    out += ["", "| documents | facts stated | right | missed | wrong | extra |", "|---|---|---|---|---|---|"]
    for group in [k for k in ("national", "provincial-2026", "seed", "other") if k in summary] + ["all"]:
        t = summary[group]
        out.append(f"| {group} | {t['stated']} | {t['right']} | {t['miss']} | {t['wrong']} | {t['extra']} |")
    return "\n".join(out)


def read_ids(path: Path) -> dict:
    """(sentence id, start, end) → indicator id from a file like corpus/indicators/test.jsonl."""
    lines = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {(g["id"], g["start"], g["end"]): g["indicator"] for g in lines}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="default", help="a pipeline directory (default: the shipped one)")
    add_corpus_arguments(ap, split="test")
    ap.add_argument("--indicators", type=Path, default=INDICATORS, help=f"gold indicator ids (default {INDICATORS})")
    ap.add_argument("--shared", type=Path, default=SHARED, help="where meta.source paths start (default ../shared)")
    ap.add_argument("--markdown", action="store_true", help="print the table as markdown (the default without --json)")
    ap.add_argument("--json", type=Path, help="write the rows and totals as JSON to this file")
    args = ap.parse_args()
    nlp = policy_ie.load(args.model)
    ids = read_ids(args.indicators)
    by_doc = group_documents(split_records(args.gold, args.splits, args.split))
    order = load_splits(args.splits).get(args.split, sorted(by_doc))
    rows = []
    for doc in [d for d in order if d in by_doc]:
        t0 = time.time()
        text = (args.shared / by_doc[doc][0]["meta"]["source"]).read_text(encoding="utf-8")
        rows += document_rows(doc, by_doc[doc], ids, policy_ie.parse(text, nlp=nlp))
        print(f"{doc}: {len(text)} characters, {time.time() - t0:.0f} s", file=sys.stderr)
    summary = totals(rows)
    if args.json:
        args.json.write_text(json.dumps({"model": args.model, "split": args.split, "rows": rows, "totals": summary},
                                        ensure_ascii=False, indent=1), encoding="utf-8")
    if args.markdown or not args.json:
        print(markdown(rows, summary, args.model, args.split))
    else:
        print(json.dumps(summary["all"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
