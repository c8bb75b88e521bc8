"""Raw report texts as JSONL for ``spacy pretrain``: one cleaned non-blank line per object.

    python training/raw_text.py ../shared/reports-2026 ../shared/national-reports -o training/raw_text.jsonl \
        --exclude-split test

``--exclude-split test`` leaves out the reports of the test documents of ``--splits`` (their gold
records' ``meta.source``), so pretraining never reads them.

Each ``*.txt`` of the given directories is cleaned as ``policy_ie.parse`` cleans it (debris
lines dropped, traditional → simplified, full-width digits folded) and written line by line
as ``{"text": ...}``, the format of spaCy's ``JsonlCorpus`` (``[corpora.pretrain]``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policy_ie.corpus import load_splits, split_records
from policy_ie.text import clean

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _excluded_files(gold: Path, splits: Path, names: list[str]) -> set[Path]:
    """The report files (under ``../shared``) of the documents of the splits ``names``."""
    split_docs = load_splits(splits)
    unknown = [n for n in names if n not in split_docs]
    if unknown:
        sys.exit(f"raw_text.py: --exclude-split {unknown[0]}: not a split of {splits} ({', '.join(split_docs)})")
    return {(SHARED / r["meta"]["source"]).resolve() for n in names for r in split_records(gold, splits, n)
            if r["meta"].get("source")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, help="directories of .txt reports")
    ap.add_argument("-o", "--output", type=Path, required=True, help="the JSONL file to write")
    ap.add_argument("--exclude-split", action="append", default=[], metavar="SPLIT",
                    help="leave out the reports of this split's documents (repeatable; e.g. test)")
    ap.add_argument("--splits", type=Path, default=Path("corpus/splits.json"), help="splits file (default: %(default)s)")
    ap.add_argument("--gold", type=Path, default=Path("corpus/gold"), help="gold records, for meta.source (default: %(default)s)")
    args = ap.parse_args()
    excluded = _excluded_files(args.gold, args.splits, args.exclude_split) if args.exclude_split else set()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    n = chars = 0
    with open(args.output, "w", encoding="utf-8") as fh:
        for d in args.dirs:
            for path in sorted(Path(d).glob("*.txt")):
                if path.resolve() in excluded:
                    print(f"left out: {path}", file=sys.stderr)
                    continue
                text = path.read_text(encoding="utf-8")
                for line in clean(text).text.splitlines():
                    if line.strip():
                        fh.write(json.dumps({"text": line.strip()}, ensure_ascii=False) + "\n")
                        n += 1
                        chars += len(line.strip())
    print(f"{args.output}: {n} lines, {chars:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
