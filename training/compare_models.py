"""Accuracy and speed of several trained pipelines, measured together in one run.

    python training/compare_models.py training/output/a/model-best training/output/b/model-best \
        [--split dev] [--reports 8] [--json out.json]

For each pipeline: entity micro-F1, per-label F1 and relation F1 on the gold
documents of ``--split`` (whole documents, as ``policy-ie evaluate`` scores
them), and ``parse_many`` chars/s over the first ``--reports`` files of
``../shared/reports-2026/``. Speed runs alternate between the pipelines
(``--rounds`` times) and keep the best time of each, so a busy machine
penalises all of them alike.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from policy_ie.api import load, parse, parse_many
from policy_ie.corpus import REPORTS, add_corpus_arguments, load_splits, report_texts, split_records
from policy_ie.evaluation import evaluate_records


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="+", type=Path)
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--reports", type=int, default=8, help="how many reports to time (0: none)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    docs = set(load_splits(args.splits)[args.split])
    records = split_records(args.gold, args.splits, args.split)
    texts = report_texts(REPORTS, args.reports) if args.reports else []
    chars = sum(map(len, texts))
    nlps = {str(m): load(m) for m in args.models}
    rows = {}
    for name, nlp in nlps.items():
        res = evaluate_records(records, lambda t, nlp=nlp: parse(t, nlp=nlp))
        rows[name] = {
            "ents_f": res["entities"]["micro"]["f"],
            "per_label_f": {k: v["f"] for k, v in res["entities"]["per_label"].items()},
            "rel_f": res["relations"]["f"],
            "target_acc": res["target_accuracy"],
        }
    for _ in range(args.rounds if texts else 0):
        for name, nlp in nlps.items():
            list(parse_many(texts[:1], nlp=nlp))  # warm up
            t0 = time.perf_counter()
            for _ in parse_many(texts, nlp=nlp):
                pass
            rate = chars / (time.perf_counter() - t0)
            rows[name]["chars_per_s"] = max(rows[name].get("chars_per_s", 0), round(rate))
    labels = list(next(iter(rows.values()))["per_label_f"])
    print(f"split {args.split} ({len(docs)} documents); speed over {len(texts)} reports ({chars:,} chars)")
    print("| model | ents F1 | " + " | ".join(labels) + " | rel F1 | target acc | chars/s |")
    print("|---" * (len(labels) + 5) + "|")
    for name, r in rows.items():
        print(f"| {name} | {r['ents_f']:.3f} | " + " | ".join(f"{r['per_label_f'][k]:.3f}" for k in labels)
              + f" | {r['rel_f']:.3f} | {r['target_acc']} | {format(r['chars_per_s'], ',') if 'chars_per_s' in r else '-'} |")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
