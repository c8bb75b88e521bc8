"""Target accuracy per kind of document when the relations are the gold ones: the target
classifier's model trained on the train split's gold relations (features only, no pipeline),
against the target rules, with feature groups left out for the comparison.

    python training/targets_given_gold.py [--split dev] [--hidden 16] [--epochs 30] [--without document]
"""
import argparse
import sys

import numpy
from thinc.api import Adam, fix_random_seed

from policy_ie.components.target_classifier import create_target_model, doc_features, gold_states
from policy_ie.components.target_features import FEATURE_NAMES
from policy_ie.components.targets import sentence_target
from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.corpus.spacy_docs import records_to_docbin
from policy_ie.evaluation import document_kind
from policy_ie.pipeline import blank

GROUPS = {  # feature groups that --without leaves out (by name prefix)
    "document": ("section:", "top:", "sub:", "level:", "ordinal:", "top_year:", "top_plan_", "position",
                 "own_year_", "rule_target"),
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--hidden", type=int, default=16, help="hidden width (0: logistic layer)")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--without", choices=sorted(GROUPS), action="append", default=[],
                    help="leave a feature group out (repeatable)")
    args = ap.parse_args()
    Xt, yt, _, _ = relation_rows(split_records(args.gold, args.splits, "train"))
    Xd, yd, kd, rd = relation_rows(split_records(args.gold, args.splits, args.split))
    off = [i for i, n in enumerate(FEATURE_NAMES) for g in args.without if n.startswith(GROUPS[g])]
    Xt[:, off] = Xd[:, off] = 0.0
    print(report(f"{args.split}, gold relations, rules", rd, yd, kd))
    model = train(Xt, yt, args.hidden, args.epochs)
    name = f"classifier (hidden {args.hidden}{''.join(', without ' + g for g in args.without)})"
    print(report(f"{args.split}, gold relations, {name}", model.predict(Xd)[:, 1] >= 0.5, yd, kd))
    return 0


if __name__ == "__main__":
    sys.exit(main())
