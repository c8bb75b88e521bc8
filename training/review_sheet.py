"""A review sheet of an annotated draft: every line with its entities, values and relations spelled out.

    python training/review_sheet.py corpus/drafts/national-2019.jsonl > review.txt

The second-pass reviewer reads this sheet (not the JSON) and checks every number, span,
relation, ``target`` flag and ``direction`` against the guidelines. Headings (short lines
without final punctuation) are marked ``##`` so the review/plan sections are visible;
numbers that the rule finder reads but no entity covers are listed under each line.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policy_ie.quantities import find_quantities
from policy_ie.corpus.drafts import iter_draft_file
from policy_ie.schema import QUANTITY_LABELS


def _entity(i: int, e: dict) -> str:
    s = f"  E{i} {e['label']:<7} {e['text']}"
    if e["label"] in QUANTITY_LABELS:
        s += f"  = {e.get('value')} {e.get('unit')!r} {e.get('qualifier')}"
        if e.get("qualifier") == "range":
            s += f" [{e.get('low')}..{e.get('high')}]"
    return s


def _relation(r: dict, ents: list[dict]) -> str:
    h, t = ents[r["head"]], ents[r["tail"]]
    d = f" {r['direction']}" if r.get("direction") else ""
    return f"  R E{r['head']} {h['text']} → E{r['tail']} {t['text']}  {r['label']}{d}  target={str(r['target']).lower()}"


def sheet(path: Path, all_lines: bool = False) -> str:
    out = []
    for _, rec, err in iter_draft_file(path):
        if err:
            out.append(f"!! {err}")
            continue
        text, ents = rec["text"], rec["entities"]
        covered = set()
        for e in ents:
            covered.update(range(e["start"], e["end"]))
        missing = [text[s:e] for s, e, _ in find_quantities(text) if not covered.intersection(range(s, e))]
        heading = len(text) <= 40 and not text.endswith(("。", "；", "，", "！", "？"))
        if not (ents or missing or heading or all_lines):
            continue
        out.append(f"{'## ' if heading else ''}{rec['meta']['id']}  {text}")
        out.extend(_entity(i, e) for i, e in enumerate(ents))
        out.extend(_relation(r, ents) for r in rec["relations"])
        if missing:
            out.append("  ? unannotated numbers: " + ", ".join(missing))
    return "\n".join(out) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("draft", type=Path)
    ap.add_argument("--all", action="store_true", help="list every line, also those without entities")
    args = ap.parse_args()
    sys.stdout.write(sheet(args.draft, args.all))
    return 0


if __name__ == "__main__":
    sys.exit(main())
