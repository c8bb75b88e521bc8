"""Convert annotation drafts and report every problem as ``file:line: what``; a linked METRIC
that may stand at the wrong occurrence of its words is printed as a ``look:`` line (give its
``{"at": N}`` if the nearer one is meant).

    python training/check_draft.py corpus/drafts/seed-000.jsonl [--stats]
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from policy_ie.corpus.drafts import iter_draft_file
from policy_ie.corpus.checks import distant_metrics, quantity_check
from policy_ie.corpus.validate import check_record


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--stats", action="store_true")
    args = ap.parse_args()
    bad = 0
    counts: Counter = Counter()
    for f in args.files:
        for n, rec, err in iter_draft_file(f):
            for m in [err] if err else check_record(rec, quantity_check=quantity_check):
                print(f"{f}:{n}: {m}")
                bad += 1
            if err:
                continue
            for m in distant_metrics(rec["text"], rec["entities"], rec["relations"]):
                print(f"{f}:{n}: look: {m}")
            counts.update(e["label"] for e in rec["entities"])
            counts.update("rel:" + r["label"] for r in rec["relations"])
            counts.update("target" for r in rec["relations"] if r["target"])
    if args.stats:
        print(dict(sorted(counts.items())))
    print(f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
