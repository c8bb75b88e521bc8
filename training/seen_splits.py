"""Split the train documents by whether a pipeline trained at an earlier commit saw them.

    python training/seen_splits.py 4928d6a -o seen.json    # the commit whose splits the pipeline learned from
    policy-ie evaluate policy_ie/models/policy_ie_default corpus/gold --splits seen.json --split seen -o fit.json

Writes the current splits file with two more splits: ``seen``, the train documents that were in
the train or dev split at COMMIT (a pipeline trained there with ``--with-dev`` learned from them:
its scores there measure how well it fits its own training data), and ``unseen_train``, the train
documents added since (held out for that pipeline, though not for a retrain).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path

from policy_ie.corpus import load_splits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("commit", help="the commit whose corpus/splits.json the pipeline was trained from")
    ap.add_argument("--splits", type=Path, default=Path("corpus/splits.json"), help="the current splits file")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    shown = subprocess.run(["git", "show", f"{args.commit}:corpus/splits.json"], capture_output=True, text=True)
    if shown.returncode != 0:
        ap.error(f"no corpus/splits.json at {args.commit!r}: {shown.stderr.strip()}")
    then = json.loads(shown.stdout)
    now = load_splits(args.splits)
    learned = set(then.get("train", ())) | set(then.get("dev", ()))
    out = dict(now, seen=[d for d in now["train"] if d in learned],
               unseen_train=[d for d in now["train"] if d not in learned])
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: seen {len(out['seen'])}, unseen_train {len(out['unseen_train'])}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
