"""Write a pipeline's test scores into its meta.json (``performance``), overall and by kind.

    policy-ie evaluate MODEL corpus/gold --split test -o test.json
    python training/set_performance.py MODEL test.json --name policy_ie_accurate --description "..."

``performance`` holds the keys spaCy's own pipelines use (``ents_f``, ``ents_per_type``…) plus
the relation, list-sentence, target, direction and value scores, and ``by_kind`` the same per
kind of document, all read from the ``policy-ie evaluate -o`` JSON (simplified script).
"""
import argparse
import json
import sys
from pathlib import Path


def performance(res: dict) -> dict:
    """The meta.json ``performance`` block of one ``evaluate_records`` result."""
    ents, rels = res["entities"], res["relations"]
    out = {"ents_f": ents["micro"]["f"], "ents_p": ents["micro"]["p"], "ents_r": ents["micro"]["r"],
           "ents_per_type": {label: {k: v[k] for k in ("p", "r", "f")} for label, v in ents["per_label"].items()},
           "rel_micro_f": rels["f"], "rel_micro_p": rels["p"], "rel_micro_r": rels["r"],
           "rel_list_sentences_f": res["relations_by_sentence"]["list"]["f"]}
    for key in ("target_accuracy", "direction_accuracy", "value_accuracy"):
        out[key] = res[key]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path, help="the pipeline directory whose meta.json is rewritten")
    ap.add_argument("scores", type=Path, help="the JSON of policy-ie evaluate MODEL GOLD --split test -o")
    ap.add_argument("--name", help="the pipeline's name in meta.json")
    ap.add_argument("--description", help="how it was trained and scored")
    args = ap.parse_args()
    res = json.loads(args.scores.read_text(encoding="utf-8"))["simplified"]
    meta_path = args.model / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["performance"] = dict(performance(res), by_kind={kind: performance(r) for kind, r in res["by_kind"].items()})
    if args.name:
        meta["name"] = args.name
    if args.description:
        meta["description"] = args.description
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{meta_path}: performance of {res['documents']} test documents", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
