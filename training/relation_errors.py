"""Why a pipeline's relations miss the gold ones: each gold relation counted once, by the first cause
that applies, per kind of document; ``--examples FILE`` writes every miss with its sentence (TSV).

Causes: matched exactly; the METRIC span overlaps the gold one (boundary); VALUE for CHANGE or the
reverse; the value not found; the value linked to nothing; linked to another METRIC. Predicted
relations with no gold counterpart are counted apart: an extra link of a value that has a gold
relation, or a link of a value that has none.

    python training/relation_errors.py MODEL [--split dev] [--set components.ner.metric_boundary_margin=2.0]
"""
import argparse
import json
import sys
from collections import Counter

import policy_ie
from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.evaluation import document_kind, group_documents, join_document

CAUSES = ("exact", "boundary", "label", "value missed", "unlinked", "other METRIC")
EXTRA = ("extra link", "no gold relation")


def by_value(ents: list, rels: list) -> dict:
    """(value start, value end) → [((METRIC start, METRIC end), label)]."""
    out: dict = {}
    for r in rels:
        h, t = ents[r["head"]], ents[r["tail"]]
        out.setdefault((t["start"], t["end"]), []).append(((h["start"], h["end"]), r["label"]))
    return out


def overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def document_errors(text: str, gold_ents, gold_rels, pred_ents, pred_rels):
    """(cause, gold or predicted (METRIC, value, label), …) for every gold relation and every
    predicted relation with no gold counterpart."""
    gold, pred = by_value(gold_ents, gold_rels), by_value(pred_ents, pred_rels)
    found = {(e["start"], e["end"]) for e in pred_ents}
    for value, heads in gold.items():
        for head, label in heads:
            mine = pred.get(value, [])
            if (head, label) in mine:
                cause = "exact"
            elif any(overlaps(h, head) and lab == label for h, lab in mine):
                cause = "boundary"
            elif any(overlaps(h, head) for h, lab in mine):
                cause = "label"
            elif value not in found:
                cause = "value missed"
            elif not mine:
                cause = "unlinked"
            else:
                cause = "other METRIC"
            yield cause, (head, value, label), mine
    for value, heads in pred.items():
        theirs = gold.get(value, [])
        for head, label in heads:
            if (head, label) not in theirs and not any(overlaps(h, head) for h, _ in theirs):
                yield ("extra link" if theirs else "no gold relation"), (head, value, label), theirs


def parse_setting(text: str) -> tuple[str, object]:
    """``"components.ner.x=2.0"`` → ``("components.ner.x", 2.0)`` (the value read as JSON if it is)."""
    key, _, raw = text.partition("=")
    try:
        return key, json.loads(raw)
    except json.JSONDecodeError:
        return key, raw


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                    help="a config setting at load time, e.g. components.ner.metric_boundary_margin=2.0")
    ap.add_argument("--examples", help="write every miss and extra link here (TSV)")
    args = ap.parse_args()
    config = dict(parse_setting(setting) for setting in args.set)  # dot notation, as spacy.load takes it
    nlp = policy_ie.load(args.model, config=config) if config else policy_ie.load(args.model)
    counts: Counter = Counter()
    lines = []
    for doc_id, recs in sorted(group_documents(split_records(args.gold, args.splits, args.split)).items()):
        text, gold_ents, gold_rels = join_document(recs)
        result = policy_ie.parse(text, nlp=nlp, max_chars=None).to_dict()
        kind = document_kind(doc_id)
        for cause, (head, value, label), other in document_errors(
                text, gold_ents, gold_rels, result["entities"], result["relations"]):
            counts[kind, cause] += 1
            if cause != "exact":
                around = text[max(0, min(head[0], value[0]) - 8):max(head[1], value[1]) + 8].replace("\n", " ")
                seen = ", ".join(f"{text[h[0]:h[1]]}/{lab}" for h, lab in other)
                lines.append(f"{doc_id}\t{cause}\t{text[head[0]:head[1]]} → {text[value[0]:value[1]]} {label}"
                             f"\t{seen}\t{around}")
    kinds = sorted({k for k, _ in counts})
    print("| cause | " + " | ".join(kinds) + " |")
    print("|---" * (len(kinds) + 1) + "|")
    for cause in CAUSES + EXTRA:
        print(f"| {cause} | " + " | ".join(str(counts[k, cause]) for k in kinds) + " |")
    if args.examples:
        with open(args.examples, "w", encoding="utf-8") as f:
            f.write("document\tcause\trelation\tthe other side's relations of that value\ttext\n")
            f.writelines(line + "\n" for line in lines)
    return 0


if __name__ == "__main__":
    sys.exit(main())
