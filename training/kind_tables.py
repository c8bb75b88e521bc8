"""Markdown tables per kind of document from ``policy-ie evaluate -o scores.json`` files.

    python training/kind_tables.py scores.json                 # one column per kind, #16's aims beside
    python training/kind_tables.py cv.json                     # evaluate --cv: pooled over the folds
    python training/kind_tables.py --rows "trained on A=a.json" "trained on B=b.json"   # the cross-kind table

The first form is the README's "Scores" table: F1 per label, micro, relations (all, list
sentences, others; and lenient, a METRIC span overlapping the gold one), target, direction and value
accuracy for each kind of document, and the
aims of issue 16 with met / not met for the national and provincial kinds.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from policy_ie.schema import LABELS

KINDS = ("national", "provincial-2026", "seed")
AIMS = {"METRIC": 0.85, "AMOUNT": 0.98, "PERCENT": 0.99, "PROJECT": 0.70, "SLOGAN": 0.88, "micro": 0.90,
        "relations": 0.85, "list": 0.80, "target": 0.97, "value": 0.99}  # issue 16, per kind


def measures(block: dict) -> dict[str, tuple[float | None, int | None]]:
    """(score, n) of each measure of one ``evaluate`` block (overall or one kind)."""
    ents = block["entities"]
    out = {lab: (ents["per_label"].get(lab, {}).get("f"), _gold(ents["per_label"].get(lab))) for lab in LABELS}
    out["micro"] = (ents["micro"]["f"], _gold(ents["micro"]))
    out["relations"] = (block["relations"]["f"], _gold(block["relations"]))
    lenient = block.get("relations_lenient")  # absent from scores written before it existed
    out["lenient"] = (None, None) if lenient is None else (lenient["f"], _gold(lenient))
    by_sent = block.get("relations_by_sentence", {})
    for part in ("list", "other"):
        prf = by_sent.get(part)
        empty = prf is None or prf["tp"] + prf["fp"] + prf["fn"] == 0  # no such sentence: no score
        out[part] = (None, None) if empty else (prf["f"], _gold(prf))
    for m in ("target", "direction", "value"):
        out[m] = (block.get(f"{m}_accuracy"), block.get(f"{m}_n"))
    return out


def _gold(prf: dict | None) -> int | None:
    return None if prf is None else prf["tp"] + prf["fn"]


def _fmt(score, n=None) -> str:
    return "—" if score is None else f"{score:.3f}" + (f" ({n})" if n is not None else "")


NAMES = {"micro": "entities (micro F1)", "relations": "relations F1", "list": "relations, list sentences",
         "lenient": "relations, METRIC span overlapping (lenient)",
         "other": "relations, other sentences", "target": "target accuracy", "direction": "direction accuracy",
         "value": "value accuracy"}


def kind_table(scores: dict) -> str:
    """One row per measure, one column per kind (score and gold n), the aim and whether met."""
    blocks = {k: measures(scores["by_kind"][k]) for k in KINDS if k in scores.get("by_kind", {})}
    blocks["all"] = measures(scores)
    head = "| measure | " + " | ".join(blocks) + " | aim (#16) | met: national / provincial |"
    lines = [head, "|" + "---|" * (len(blocks) + 3)]
    rows = (*LABELS, "micro", "relations", "list", "other", "lenient", "target", "direction", "value")
    for m in (m for m in rows if m != "lenient" or any(b["lenient"][0] is not None for b in blocks.values())):
        cells = [_fmt(*blocks[k][m]) for k in blocks]
        aim = AIMS.get(m)
        met = " / ".join("—" if blocks.get(k, {}).get(m, (None,))[0] is None else
                         ("yes" if blocks[k][m][0] >= aim else "no") for k in ("national", "provincial-2026")) \
            if aim else ""
        lines.append(f"| {NAMES.get(m, m + ' F1')} | " + " | ".join(cells) + f" | {'≥ ' + str(aim) if aim else ''} | {met} |")
    return "\n".join(lines)


def row_table(files: list[str]) -> str:
    """One row per (file, kind): entity F1 per label, micro, relations, target accuracy; a file
    given as ``LABEL=PATH`` is named by its label."""
    cols = (*LABELS, "micro", "relations", "list", "target")
    lines = ["| pipeline | documents | " + " | ".join(NAMES.get(c, c) for c in cols) + " |",
             "|" + "---|" * (len(cols) + 2)]
    for arg in files:
        name, _, path = arg.rpartition("=")
        f = Path(path)
        name = name or f.name
        scores = json.loads(f.read_text(encoding="utf-8"))
        scores = scores.get("simplified", scores)
        for k in KINDS:
            if k in scores.get("by_kind", {}):
                ms = measures(scores["by_kind"][k])
                lines.append(f"| {name} | {k} | " + " | ".join(_fmt(ms[c][0]) for c in cols) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scores", nargs="+", help="JSON written by policy-ie evaluate -o (with --rows: [LABEL=]PATH)")
    ap.add_argument("--rows", action="store_true", help="one row per file and kind (the cross-kind table)")
    args = ap.parse_args()
    if args.rows:
        print(row_table(args.scores))
        return 0
    for f in map(Path, args.scores):
        scores = json.loads(f.read_text(encoding="utf-8"))
        scores = scores.get("pooled", scores)  # evaluate --cv: the counts pooled over the folds
        for script, block in (scores.items() if "simplified" in scores else [("", scores)]):
            print(f"{f} {script}".strip())
            print(kind_table(block))
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
