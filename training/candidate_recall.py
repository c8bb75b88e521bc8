"""Precision and recall of the rule-based quantity finder against the gold AMOUNT/PERCENT spans.

    python training/candidate_recall.py [--gold corpus/gold] [--split test]
"""
from __future__ import annotations

import argparse
import json
import sys

from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.quantities import find_quantities
from policy_ie.schema import QUANTITY_LABELS
from policy_ie.scoring import count, prf
from policy_ie.text import clean


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    add_corpus_arguments(ap, split="all")
    args = ap.parse_args()
    score = count((), ())  # PRFScore summed over the records
    for rec in split_records(args.gold, args.splits, args.split):
        ct = clean(rec["text"])
        pred = {ct.to_original(s, e) + (lab,) for s, e, lab in find_quantities(ct.text)}
        gold = {(e["start"], e["end"], e["label"]) for e in rec["entities"] if e["label"] in QUANTITY_LABELS}
        count(gold, pred, score)
    res = prf(score)
    print(json.dumps({"split": args.split, "precision": res["p"], "recall": res["r"], "f1": res["f"],
                      "gold": res["tp"] + res["fn"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
