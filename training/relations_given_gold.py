"""Relation P/R/F1 of a pipeline when the entities are the gold ones: the relation
pipe's own error, without the entity recogniser's. Also on list sentences and the other
sentences apart (policy_ie.lists.is_list_sentence), and per kind of document;
``--coordinated-heads both`` scores the relation pipe's ``coordinated_heads`` off and on.

    python training/relations_given_gold.py MODEL [--split dev] [--coordinated-heads config|on|off|both]
"""
import argparse
import sys

from spacy.training import Example

import policy_ie
from policy_ie.components.relations import RelationExtractor, score_relations
from policy_ie.corpus import add_corpus_arguments, split_records
from policy_ie.corpus.spacy_docs import record_to_doc
from policy_ie.evaluation import document_kind
from policy_ie.lists import is_list_sentence
from policy_ie.pipeline import ENTITY_FACTORIES, factories, pipe_of


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    add_corpus_arguments(ap, split="dev")
    ap.add_argument("--coordinated-heads", choices=("config", "on", "off", "both"), default="config")
    args = ap.parse_args()
    nlp = policy_ie.load(args.model)
    relations = pipe_of(nlp, RelationExtractor)
    entity_steps = {name for name, factory in factories(nlp).items() if factory in ENTITY_FACTORIES}
    docs, refs, parts = [], [], []
    for rec in split_records(args.gold, args.splits, args.split):
        ref = record_to_doc(nlp, rec)
        if ref is None:
            continue
        in_list = is_list_sentence(rec["text"], sorted(rec["entities"], key=lambda e: e["start"]))
        parts.append(("list" if in_list else "other", document_kind(rec["meta"]["doc"])))
        doc = nlp.make_doc(ref.text)
        for name, pipe in nlp.pipeline:  # everything before the relations except the entity steps
            if pipe is relations:
                break
            if name not in entity_steps:
                doc = pipe(doc)
        doc.set_ents([s for s in (doc.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="expand")
                                  for e in ref.ents) if s is not None])
        docs.append(doc)
        refs.append(ref)
    configured = relations.cfg.get("coordinated_heads", False)
    settings = {"config": [configured], "on": [True], "off": [False], "both": [False, True]}[args.coordinated_heads]
    for coordinated in settings:
        relations.cfg["coordinated_heads"] = coordinated
        print(f"-- coordinated_heads {'on' if coordinated else 'off'}")
        examples = [Example(relations(doc.copy()), ref) for doc, ref in zip(docs, refs)]
        groups = {"all": examples, "list": [], "other": []}
        for (part, kind), eg in sorted(zip(parts, examples), key=lambda pe: pe[0][1]):
            for key in (part, kind, f"{kind} {part}"):
                groups.setdefault(key, []).append(eg)
        for key, egs in groups.items():
            scores = score_relations(egs)
            n = sum(len(eg.reference._.rels or []) for eg in egs)
            print(f"{args.split} {key}, gold entities: relations P {scores['rel_micro_p']:.3f} "
                  f"R {scores['rel_micro_r']:.3f} F1 {scores['rel_micro_f']:.3f} (gold {n}, {len(egs)} sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
