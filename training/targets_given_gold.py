"""Target accuracy per kind of document when the relations are the gold ones: the target
classifier's model trained on the train split's gold relations (features only, no pipeline),
against the target rules, with feature groups left out for the comparison; or (``--cv K``) a
K-fold cross-validation over the train and dev documents, whole documents held out, scored per era.

    python training/targets_given_gold.py [--split dev] [--hidden 16] [--epochs 30] [--seed 0] [--without document]
    python training/targets_given_gold.py --cv 5 [--train-from training/splits-targets.json] [--per-document]
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy
from thinc.api import Adam, fix_random_seed

from policy_ie.components.target_classifier import create_target_model, doc_features, gold_states
from policy_ie.components.target_features import FEATURE_NAMES
from policy_ie.components.targets import sentence_target
from policy_ie.corpus import add_corpus_arguments, load_splits, split_records
from policy_ie.corpus.spacy_docs import records_to_docbin
from policy_ie.evaluation import document_kind, group_documents
from policy_ie.pipeline import blank
from policy_ie.training import document_folds

GROUPS = {  # feature groups that --without leaves out (by name prefix)
    "document": ("section:", "top:", "sub:", "level:", "ordinal:", "top_year:", "top_plan_", "own_year_",
                 "rule_target", "plan_report"),
    "years": ("year_", "top_year:", "own_year_", "five_year_", "top_plan_", "to_year"),
    "cues": ("cue:",),
}


def relation_rows(records):
    """Feature rows, gold flags, kinds of document and the rules' flags of the gold relations."""
    nlp = blank()
    docs = list(records_to_docbin(nlp, records).get_docs(nlp.vocab))
    states = gold_states(docs)
    X, gold, kinds, rules = [], [], [], []
    for doc in docs:
        rels = doc._.rels or []
        if not rels:
            continue
        state = states[tuple(doc._.document_piece)[:2]]
        X.append(doc_features(doc, rels, state)[0])
        gold += [bool(r["target"]) for r in rels]
        kinds += [document_kind(doc._.document_piece[0])] * len(rels)
        rules += [sentence_target(doc.text, state.plan)] * len(rels)  # a record is one sentence
    return numpy.vstack(X), numpy.array(gold), numpy.array(kinds), numpy.array(rules)


def train(X, y, hidden: int, epochs: int, seed: int = 0):
    fix_random_seed(seed)
    model = create_target_model(hidden, 0.1)
    Y = numpy.zeros((len(y), 2), dtype="f")
    Y[numpy.arange(len(y)), y.astype(int)] = 1.0
    model.initialize(X=X[:10], Y=Y[:10])
    sgd, rng = Adam(0.001), numpy.random.RandomState(seed)
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for i in range(0, len(order), 64):
            batch = order[i:i + 64]
            probs, backprop = model.begin_update(X[batch])
            backprop((probs - Y[batch]) / len(batch))
            model.finish_update(sgd)
    return model


def report(name: str, pred, gold, kinds) -> str:
    parts = [f"{name}: all {numpy.mean(pred == gold):.3f} (n={len(gold)})"]
    for kind in sorted(set(kinds)):
        m = kinds == kind
        parts.append(f"{kind} {numpy.mean(pred[m] == gold[m]):.3f} (n={m.sum()})")
    return " | ".join(parts)


def era(document: str) -> str:
    """The kind of a document, national reports split at 2000."""
    kind = document_kind(document)
    if kind != "national":
        return kind
    return "national before 2000" if int(document.split("-")[1][:4]) < 2000 else "national 2000 on"


def cross_validate(args, off: list) -> None:
    """K folds over the train and dev documents of --splits, dealt as the pipeline's cross-validation
    deals them (:func:`policy_ie.training.document_folds`); a fold's model learns from the other
    folds' documents that --train-from's train or dev lists, and is scored on its own."""
    allowed = load_splits(args.train_from or args.splits)
    allowed = set(allowed.get("train", [])) | set(allowed.get("dev", []))
    records = split_records(args.gold, args.splits, "train") + split_records(args.gold, args.splits, "dev")
    rows = {}
    for doc, recs in group_documents(records).items():
        if any(r["relations"] for r in recs):
            X, y, _, _ = relation_rows(recs)
            X[:, off] = 0.0
            rows[doc] = (X, y)
    right, seen, per_document = defaultdict(int), defaultdict(int), {}
    for held in document_folds(records, args.cv):
        held = [d for d in held if d in rows]
        train_docs = [d for d in sorted(rows) if d not in held and d in allowed]
        model = train(numpy.vstack([rows[d][0] for d in train_docs]),
                      numpy.concatenate([rows[d][1] for d in train_docs]), args.hidden, args.epochs, args.seed)
        for d in held:
            hits = model.predict(rows[d][0])[:, 1] >= 0.5
            per_document[d] = float(numpy.mean(hits == rows[d][1]))
            for key in (era(d), "all"):
                right[key] += int((hits == rows[d][1]).sum())
                seen[key] += len(hits)
    if args.per_document:
        for d in sorted(rows):
            print(f"{d}: {per_document[d]:.3f} (n={len(rows[d][1])}, targets {rows[d][1].mean():.2f})")
    print(f"{args.cv}-fold CV, gold relations, {len(rows)} documents, seed {args.seed}: "
          + " | ".join(f"{k} {right[k] / seen[k]:.3f} (n={seen[k]})" for k in sorted(seen)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--hidden", type=int, default=16, help="hidden width (0: logistic layer)")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--seed", type=int, default=0, help="random seed of the classifier's training")
    ap.add_argument("--without", choices=sorted(GROUPS), action="append", default=[],
                    help="leave a feature group out (repeatable)")
    ap.add_argument("--cv", type=int, default=0, help="K-fold cross-validation over train+dev documents")
    ap.add_argument("--per-document", action="store_true", help="with --cv: also each document's accuracy")
    ap.add_argument("--train-from", type=Path, default=None,
                    help="with --cv: only the train/dev documents of this splits file are learned from")
    args = ap.parse_args()
    if args.cv and args.cv < 3:
        ap.error("--cv needs at least 3 folds")
    off = [i for i, n in enumerate(FEATURE_NAMES) for g in args.without if n.startswith(GROUPS[g])]
    if args.cv:
        cross_validate(args, off)
        return 0
    Xt, yt, _, _ = relation_rows(split_records(args.gold, args.splits, "train"))
    Xd, yd, kd, rd = relation_rows(split_records(args.gold, args.splits, args.split))
    Xt[:, off] = Xd[:, off] = 0.0
    print(report(f"{args.split}, gold relations, rules", rd, yd, kd))
    model = train(Xt, yt, args.hidden, args.epochs, args.seed)
    name = f"classifier (hidden {args.hidden}{''.join(', without ' + g for g in args.without)})"
    print(report(f"{args.split}, gold relations, {name}", model.predict(Xd)[:, 1] >= 0.5, yd, kd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
