"""Write empty annotation drafts (one line per sentence) for source documents.

    python training/make_drafts.py ../shared/seeds/000_*.txt --out corpus/drafts
    python training/make_drafts.py ../shared/reports-2026/山东省.txt --prefill-quantities
    python training/make_drafts.py ../shared/national-reports/2016.txt --prefill-quantities  # → national-2016

``--prefill-quantities`` writes the rule finder's AMOUNT/PERCENT spans with the
quantity reader's values into each line, for the annotator to review, correct
and complete (they are suggestions, not gold, until a person has checked them).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policy_ie.quantities import find_readings
from policy_ie.corpus.drafts import draft_skeleton


def prefill_quantities(line: dict) -> None:
    """Add the rule finder's AMOUNT/PERCENT spans (with values) to a draft line."""
    text = line["text"]
    for start, end, reading in find_readings(text):
        q = reading.to_dict()
        ent = [text[start:end], reading.label, q["value"], q["unit"], q["qualifier"]]
        if q["qualifier"] == "range":
            ent += [q["low"], q["high"]]
        line["entities"].append(ent + [{"at": start}])


def doc_id_for(path: Path) -> str:
    if path.parent.name == "seeds":
        return "seed-" + path.stem.split("_")[0]
    if path.parent.name == "national-reports":
        return "national-" + path.stem
    return "report-2026-" + path.stem


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("corpus/drafts"))
    ap.add_argument("--prefill-quantities", action="store_true",
                    help="pre-fill rule-found AMOUNT/PERCENT spans for review")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for f in args.files:
        doc_id = doc_id_for(f)
        text = f.read_text(encoding="utf-8")
        source = f"{f.parent.name}/{f.name}"
        lines = draft_skeleton(doc_id, source, text)
        if args.prefill_quantities:
            for line in lines:
                prefill_quantities(line)
        dest = args.out / f"{doc_id}.jsonl"
        if dest.exists():
            sys.exit(f"{dest} exists; not overwriting an annotated draft")
        with open(dest, "w", encoding="utf-8") as fh:
            for line in lines:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        print(f"{dest}: {len(lines)} sentences")


if __name__ == "__main__":
    main()
