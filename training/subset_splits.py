"""Splits files whose train split is a part of the corpus's: a learning curve, or a fit test.

    python training/subset_splits.py --fraction 0.25 -o q1.json    # a quarter of each kind's train documents
    python training/subset_splits.py --first 8 --kind provincial-2026 -o small8.json
    policy-ie train --gold corpus/gold --splits q1.json --output OUT    # then evaluate OUT/model-best on dev

``--fraction F`` keeps round(F × n) of the n train documents of each kind of document (at least
one), drawn with ``random.Random(SEED)``, one draw per kind in the order the kinds first occur in
the train split; ``--first N --kind K`` keeps the first N train documents of kind K. Dev and test
are the corpus's own.
"""
import argparse
import json
import random
import sys
from pathlib import Path

from policy_ie.corpus import load_splits
from policy_ie.evaluation import document_kind


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--splits", type=Path, default=Path("corpus/splits.json"))
    ap.add_argument("--fraction", type=float, help="the share of each kind's train documents to keep")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--first", type=int, help="keep the first N train documents of --kind")
    ap.add_argument("--kind", help="a kind of document (national, provincial-2026, seed) for --first")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    splits = load_splits(args.splits)
    by_kind: dict[str, list[str]] = {}
    for doc in splits["train"]:
        by_kind.setdefault(document_kind(doc), []).append(doc)
    if args.first is not None:
        if args.kind not in by_kind:
            ap.error(f"--kind must be one of {', '.join(by_kind)}")
        train = by_kind[args.kind][:args.first]
    elif args.fraction is not None and 0 < args.fraction <= 1:
        rng = random.Random(args.seed)
        train = [doc for docs in by_kind.values()
                 for doc in rng.sample(docs, len(docs))[:max(1, round(len(docs) * args.fraction))]]
    else:
        ap.error("give --fraction (0 < F <= 1) or --first N --kind K")
    out = {"train": train, "dev": splits["dev"], "test": splits["test"]}
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(train)} train documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
