"""Precision and recall of the rule-based quantity finder against the gold AMOUNT/PERCENT spans.

    python training/candidate_recall.py [corpus/gold] [--split test]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from policy_ie.quantities import find_quantities  # noqa: E402
from policy_ie.corpus.spacy_docs import load_splits, read_records  # noqa: E402
from policy_ie.schema import QUANTITY_LABELS  # noqa: E402
from policy_ie.scoring import count, prf  # noqa: E402
from policy_ie.text import clean  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold", nargs="?", default="corpus/gold")
    ap.add_argument("--split")
    ap.add_argument("--splits", default="corpus/splits.json")
    args = ap.parse_args()
    docs = set(load_splits(Path(args.splits))[args.split]) if args.split else None
    score = count((), ())  # PRFScore summed over the records
    for rec in read_records([Path(args.gold)]):
        if docs is not None and rec["meta"]["doc"] not in docs:
            continue
        ct = clean(rec["text"])
        pred = {ct.to_original(s, e) + (lab,) for s, e, lab in find_quantities(ct.text)}
        gold = {(e["start"], e["end"], e["label"]) for e in rec["entities"] if e["label"] in QUANTITY_LABELS}
        count(gold, pred, score)
    res = prf(score)
    print(json.dumps({"split": args.split or "all", "precision": res["p"], "recall": res["r"], "f1": res["f"],
                      "gold": res["tp"] + res["fn"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
