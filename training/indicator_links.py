"""Indicator linking scored against the gold ids (issue #19), or listed for rule development.

    python training/indicator_links.py --split test                  # gold METRIC spans, ids of corpus/indicators/
    python training/indicator_links.py --split test --model default  # the METRICs the shipped pipeline finds
    python training/indicator_links.py --split dev --list            # every METRIC: text, name, id (develop rules here)
    python training/indicator_links.py --split train --draft OUT.jsonl --docs national-1960 …  # lines to annotate

Accuracy: right id among the METRICs linked (gold id or null alike); coverage: gold-linked
METRICs linked to the right id; headline: the same over gold-linked headline METRICs;
name: the name equals the gold name. Per kind of document, then the errors. ``--ids-from
OLD.csv`` counts links to rows that table lacks (added after the gold was written) as null.
"""
import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import policy_ie
from policy_ie.components.indicator_linker import IndicatorLinker
from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.corpus.spacy_docs import record_to_doc
from policy_ie.evaluation import document_kind, group_documents, join_document
from policy_ie.text import clean

from indicator_heldout import add_ids_from_argument, table_ids  # training/ (this script's directory)

GOLD_IDS = Path("corpus/indicators/test.jsonl")


def on_gold_spans(records, linker) -> dict:
    """``{(record id, start, end): (text, name, id)}`` for every gold METRIC, linked in its record."""
    nlp = policy_ie.blank()
    out = {}
    for rec in records:
        doc = record_to_doc(nlp, rec)
        if doc is None:
            continue
        linker(doc)
        ct = clean(rec["text"])
        for e in rec["entities"]:
            if e["label"] != "METRIC":
                continue
            a, b = ct.to_clean(e["start"], e["end"])
            span = doc.char_span(a, b, alignment_mode="expand")
            out[(rec["meta"]["id"], e["start"], e["end"])] = (e["text"], span._.indicator_name, span._.indicator)
    return out


def on_parsed(records, model) -> dict:
    """The same for the METRICs a pipeline finds in the whole documents whose span is a gold one."""
    nlp = policy_ie.load(model)
    out = {}
    for recs in group_documents(records).values():
        text, _, _ = join_document(recs)
        found = {(e["start"], e["end"]): e for e in policy_ie.parse(text, nlp=nlp).to_dict()["entities"]
                 if e["label"] == "METRIC"}
        pos = 0
        for rec in recs:
            for e in rec["entities"]:
                p = found.get((e["start"] + pos, e["end"] + pos))
                if e["label"] == "METRIC" and p is not None:
                    out[(rec["meta"]["id"], e["start"], e["end"])] = (e["text"], p["name"], p["indicator"])
            pos += len(rec["text"]) + 1
    return out


def draft(records) -> list[dict]:
    """One line per gold METRIC for an annotator: its record id and offsets, the sentence, the gold
    numbers related to it and the report offset; ``indicator``/``headline`` to fill (no link shown)."""
    lines = []
    for rec in records:
        ents = rec["entities"]
        for i, e in enumerate(ents):
            if e["label"] != "METRIC":
                continue
            values = [f"{ents[r['tail']]['text']} {r['label']}" + (" target" if r.get("target") else "")
                      for r in rec["relations"] if r["head"] == i]
            lines.append({"id": rec["meta"]["id"], "start": e["start"], "end": e["end"], "text": e["text"],
                          "name": None, "indicator": None, "headline": False,
                          "report_offset": rec["meta"]["start"] + e["start"], "sentence": rec["text"],
                          "values": values})
    return lines


def score(pred: dict, gold: list[dict]) -> tuple[dict, list[str]]:
    """Counts overall and per kind of document, and one line per error."""
    counts: dict[str, Counter] = defaultdict(Counter)
    errors = []
    for g in gold:
        key = (g["id"], g["start"], g["end"])
        if key not in pred:
            continue
        text, name, got = pred[key]
        for c in (counts["all"], counts[document_kind(g["id"].split(":")[0])]):
            c["metrics"] += 1
            c["name_right"] += name == g["name"]
            c["linked"] += got is not None
            c["linked_right"] += got is not None and got == g["indicator"]
            c["gold_linked"] += g["indicator"] is not None
            c["covered"] += g["indicator"] is not None and got == g["indicator"]
            c["headline"] += bool(g["headline"]) and g["indicator"] is not None
            c["headline_covered"] += bool(g["headline"]) and g["indicator"] is not None and got == g["indicator"]
        if got != g["indicator"]:
            errors.append(f"{g['id']}\t{text}\t{name}\t{got}\tgold: {g['name']} {g['indicator']}"
                          + ("\theadline" if g["headline"] else ""))
    return counts, errors


def report(counts: dict[str, Counter]) -> str:
    lines = [f"{'documents':<16}{'METRICs':>8}{'linked':>8}{'accuracy':>10}{'gold-linked':>12}{'coverage':>10}"
             f"{'headline':>14}{'name':>8}"]
    for kind in ["all"] + sorted(k for k in counts if k != "all"):
        c = counts[kind]
        ratio = lambda a, b: f"{c[a] / c[b]:.3f}" if c[b] else "-"  # noqa: E731
        lines.append(f"{kind:<16}{c['metrics']:>8}{c['linked']:>8}{ratio('linked_right', 'linked'):>10}"
                     f"{c['gold_linked']:>12}{ratio('covered', 'gold_linked'):>10}"
                     f"{ratio('headline_covered', 'headline') + ' of ' + str(c['headline']):>14}"
                     f"{ratio('name_right', 'metrics'):>8}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(ap, split="test")
    ap.add_argument("--gold-ids", type=Path, default=GOLD_IDS, help=f"gold indicator ids (default {GOLD_IDS})")
    ap.add_argument("--model", help="link the METRICs this pipeline finds ('default': the shipped one)")
    ap.add_argument("--list", action="store_true", help="list every METRIC and the unlinked names by frequency")
    ap.add_argument("--errors", action="store_true", help="list the errors")
    ap.add_argument("--draft", type=Path, metavar="OUT", help="write the gold METRICs of --docs for an annotator")
    ap.add_argument("--docs", nargs="+", default=(), help="only these documents of the split")
    add_ids_from_argument(ap)
    args = ap.parse_args()
    records = split_records(args.gold, args.splits, args.split)
    if args.docs:
        docs = set(args.docs)
        records = [r for r in records if r["meta"]["doc"] in docs]
    if args.draft:
        args.draft.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in draft(records)),
                              encoding="utf-8")
        return 0
    pred = on_parsed(records, args.model) if args.model else on_gold_spans(records, IndicatorLinker())
    if args.ids_from:
        known = table_ids(args.ids_from)
        pred = {k: (text, name, got if got in known else None) for k, (text, name, got) in pred.items()}
    if args.list:
        for (rid, s, e), (text, name, got) in pred.items():
            print(f"{rid}\t{text}\t{name}\t{got}")
        unlinked = Counter(name for _, name, got in pred.values() if got is None)
        print("\n# unlinked names by frequency")
        for name, n in unlinked.most_common(150):
            print(f"{n}\t{name}")
        return 0
    gold = [json.loads(line) for line in args.gold_ids.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = {r["meta"]["doc"] for r in records}
    counts, errors = score(pred, [g for g in gold if g["id"].split(":")[0] in docs])
    print(report(counts))
    if args.errors:
        print("\n".join(["", "# errors: record, METRIC, name, linked, gold"] + errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
