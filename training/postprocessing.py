"""What each decoding and post-processing setting adds, on one trained pipeline.

    python training/postprocessing.py policy_ie/models/policy_ie_default [--split dev]

Scores the gold documents of ``--split`` (whole documents, as ``policy-ie evaluate``
does) with the pipeline's settings switched on one after another:

1. none: plain Viterbi decoding, METRICs kept whether or not they head a relation;
2. ``drop_unlinked_metrics`` (relations pipe): a METRIC that heads no relation is dropped;
3. ``trim_metric_edges`` (entity tagger): scope, event and level words leave METRIC edges;
4. ``label_bias`` (entity tagger): the pipeline's configured bias (e.g. METRIC +1.0);
5. ``coordinated_heads`` (relations pipe): a value outside a list of values also keeps the
   METRICs coordinated with its best one (基本养老保险、基本医疗保险参保率均达到95%);
6. ``distributed_lists`` (entity tagger): a METRIC listing items that each take a value (before
   分别 or 均) is split into them, and items left out before the first are added;
7. the corpus's edge words (entity tagger, ``edge_words``, collected when it was initialised or by
   ``training/corpus_words.py``): the strings the gold METRICs of the training documents leave out
   at their edges leave predicted METRICs too (with ``trim_metric_edges``);
8. the known SLOGANs (entity tagger, ``known_slogans``, collected likewise): the SLOGANs the training
   documents tag everywhere are tagged where no other entity lies;
9. the METRIC boundaries (entity tagger, ``metric_boundaries``, learned likewise): a predicted METRIC
   moves to the span its learned boundaries prefer by more than ``metric_boundary_margin`` (the
   pipeline's, 2.0 when it has none; ``--margins M …`` adds a row per margin).

Relation F1 is also given on list sentences and on the other sentences (``policy-ie evaluate``).

The settings were chosen on the dev split; the test split is for the final figure only.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from policy_ie.api import load, parse
from policy_ie.components.entity_tagger import EntityTagger
from policy_ie.components.relations import RelationExtractor
from policy_ie.corpus import add_corpus_arguments, load_splits, split_records
from policy_ie.evaluation import evaluate_records
from policy_ie.pipeline import pipe_of


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--from-step", type=int, default=0,
                    help="score only the settings from this one (1-9) on; each keeps the ones before it switched on")
    ap.add_argument("--margins", type=float, nargs="*", default=[],
                    help="more rows for step 9, one per metric_boundary_margin")
    args = ap.parse_args()

    docs = set(load_splits(args.splits)[args.split])
    records = split_records(args.gold, args.splits, args.split)
    nlp = load(args.model)
    tagger, rel = pipe_of(nlp, EntityTagger), pipe_of(nlp, RelationExtractor)
    bias = dict(tagger.cfg.get("label_bias", {}))
    steps = [
        ("none", dict(drop=False, trim=False, bias={}, coordinated=False, lists=False)),
        ("+ drop_unlinked_metrics", dict(drop=True, trim=False, bias={}, coordinated=False, lists=False)),
        ("+ trim_metric_edges", dict(drop=True, trim=True, bias={}, coordinated=False, lists=False)),
        (f"+ label_bias {bias}", dict(drop=True, trim=True, bias=bias, coordinated=False, lists=False)),
        ("+ coordinated_heads", dict(drop=True, trim=True, bias=bias, coordinated=True, lists=False)),
        ("+ distributed_lists", dict(drop=True, trim=True, bias=bias, coordinated=True, lists=True)),
        ("+ corpus edge words", dict(drop=True, trim=True, bias=bias, coordinated=True, lists=True, edges=True)),
        ("+ known SLOGANs", dict(drop=True, trim=True, bias=bias, coordinated=True, lists=True, edges=True,
                                 slogans=True)),
    ]
    margin = tagger.cfg.get("metric_boundary_margin")
    for m in [2.0 if margin is None else margin] + list(args.margins):
        steps.append((f"+ METRIC boundaries, margin {m}", dict(drop=True, trim=True, bias=bias, coordinated=True,
                                                                lists=True, edges=True, slogans=True, margin=m)))
    edge_words = tagger.cfg.get("edge_words") or {"leading": [], "trailing": []}
    known_slogans = list(tagger.cfg.get("known_slogans") or [])
    if args.from_step:
        steps = steps[args.from_step - 1:]
    if not tagger.cfg.get("metric_boundaries"):
        print("(the pipeline has no METRIC boundary weights: step 9 is step 8 again)")
    print(f"{args.split} split, {len(docs)} documents, {args.model}")
    print(f"{'setting':<40}{'entity F1':>10}{'METRIC':>8}{'relation F1':>12}{'list':>7}{'other':>7}")
    for name, s in steps:
        rel.cfg["drop_unlinked_metrics"] = s["drop"]
        rel.cfg["coordinated_heads"] = s["coordinated"]
        tagger.cfg["trim_metric_edges"] = s["trim"]
        tagger.cfg["label_bias"] = s["bias"]
        tagger.cfg["distributed_lists"] = s["lists"]
        tagger.cfg["edge_words"] = edge_words if s.get("edges") else {"leading": [], "trailing": []}
        tagger.cfg["known_slogans"] = known_slogans if s.get("slogans") else []
        tagger.cfg["metric_boundary_margin"] = s.get("margin")
        res = evaluate_records(records, lambda t: parse(t, nlp=nlp))
        parts = res["relations_by_sentence"]
        print(f"{name:<40}{res['entities']['micro']['f']:>10.3f}"
              f"{res['entities']['per_label']['METRIC']['f']:>8.3f}{res['relations']['f']:>12.3f}"
              f"{parts['list']['f']:>7.3f}{parts['other']['f']:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
