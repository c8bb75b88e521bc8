"""Rescore the fold pipelines of a cross-validation run after setting what the entity tagger learns
from a corpus (edge words, known SLOGANs, METRIC boundary weights) from each fold's own training
documents, as a run at today's code would have learned them at initialize. ``--as-trained`` keeps what
each fold learned and only rescores it with today's decoding (settings a fold's config lacks take their
factory defaults).

    policy-ie evaluate --cv 5 corpus/gold --cv-dir CVDIR -o cv.json
    python training/cv_corpus_words.py cv.json CVDIR/fold1/model-best ... CVDIR/fold5/model-best -o cv2.json
    python training/cv_corpus_words.py cv.json CVDIR/fold1/model-best ... --as-trained -o cv3.json
    python training/kind_tables.py cv2.json

``cv.json`` names each fold's test and dev documents; the training documents are the others. The
output has the shape of ``evaluate --cv`` (``folds``, ``pooled`` with ``by_kind``). Test documents
are never read for the word lists or weights.
"""
import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from spacy.training import Example

import policy_ie
from policy_ie.components.entity_tagger import EntityTagger
from policy_ie.corpus import GOLD
from policy_ie.corpus.spacy_docs import records_to_docbin
from policy_ie.evaluation import Scorer, group_documents, score_documents
from policy_ie.pipeline import pipe_of
from policy_ie.training import checked_gold


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cv", type=Path, help="the JSON of policy-ie evaluate --cv")
    ap.add_argument("models", type=Path, nargs="+", help="the fold pipelines, in fold order")
    ap.add_argument("--gold", type=Path, default=GOLD, help=f"gold records (default {GOLD})")
    ap.add_argument("--no-boundaries", action="store_true", help="word lists only")
    ap.add_argument("--as-trained", action="store_true",
                    help="set nothing: rescore each fold pipeline as it was trained, with today's decoding")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    if args.as_trained and args.no_boundaries:
        ap.error("--as-trained sets nothing, so --no-boundaries has nothing to leave out")
    cv = json.loads(args.cv.read_text(encoding="utf-8"))
    folds = cv["folds"]
    if len(args.models) != len(folds):
        ap.error(f"{args.cv} has {len(folds)} folds, {len(args.models)} pipelines given")
    by_doc = group_documents(checked_gold(args.gold, "nothing scored"))
    blank = policy_ie.blank()
    pooled, kinds = Scorer(), defaultdict(Scorer)
    out = {"k": len(folds), "folds": []}
    for i, (fold, model) in enumerate(zip(folds, args.models), 1):
        held = set(fold["test"]) | set(fold["dev"])
        train_ids = sorted(d for d in by_doc if d not in held)
        nlp = policy_ie.load(model)
        tagger = pipe_of(nlp, EntityTagger)
        if not args.as_trained:
            records = [r for d in train_ids for r in by_doc[d]]
            docs = list(records_to_docbin(blank, records).get_docs(blank.vocab))
            tagger.set_corpus_state(lambda: (Example(d, d) for d in docs), boundaries=not args.no_boundaries)
        scorer = Scorer()
        test_records = [r for d in fold["test"] for r in by_doc[d]]
        score_documents(test_records, lambda t: policy_ie.parse(t, nlp=nlp), scorer, pooled, by_kind=kinds)
        res = scorer.result()
        res.update(documents=len(fold["test"]), test=fold["test"], dev=fold["dev"])
        out["folds"].append(res)
        print(f"fold {i}: {len(train_ids)} training documents, {len(tagger.cfg['metric_boundaries'])} boundary "
              f"weights; entities {res['entities']['micro']['f']:.3f}, relations {res['relations']['f']:.3f}",
              file=sys.stderr)
    out["pooled"] = pooled.result()
    out["pooled"]["documents"] = sum(len(f["test"]) for f in folds)
    out["pooled"]["by_kind"] = {kind: kinds[kind].result() for kind in sorted(kinds)}
    args.output.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
