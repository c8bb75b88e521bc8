"""Raw report texts as JSONL for ``spacy pretrain``: one cleaned non-blank line per object.

    python training/raw_text.py ../shared/reports-2026 ../shared/national-reports -o corpus/raw_text.jsonl

Each ``*.txt`` of the given directories is cleaned as ``policy_ie.parse`` cleans it (debris
lines dropped, traditional → simplified, full-width digits folded) and written line by line
as ``{"text": ...}``, the format of spaCy's ``JsonlCorpus`` (``[corpora.pretrain]``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policy_ie.corpus import report_texts
from policy_ie.text import clean


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path, help="directories of .txt reports")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    n = chars = 0
    with open(args.output, "w", encoding="utf-8") as fh:
        for d in args.dirs:
            for text in report_texts(d):
                for line in clean(text).text.splitlines():
                    if line.strip():
                        fh.write(json.dumps({"text": line.strip()}, ensure_ascii=False) + "\n")
                        n += 1
                        chars += len(line.strip())
    print(f"{args.output}: {n} lines, {chars:,} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
