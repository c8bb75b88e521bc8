"""Relation P/R/F1 of a pipeline when the entities are the gold ones: the relation
pipe's own error, without the entity recogniser's.

    python -m policy_ie corpus to-spacy corpus/gold --splits corpus/splits.json --out corpus/spacy
    python training/relations_given_gold.py MODEL [--split dev]
"""
import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from spacy.tokens import DocBin  # noqa: E402
from spacy.training import Example  # noqa: E402

import policy_ie  # noqa: E402
from policy_ie.components.relations import score_relations  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--split", default="dev")
    args = ap.parse_args()
    nlp = policy_ie.load(args.model)
    refs = DocBin().from_disk(ROOT / "corpus" / "spacy" / f"{args.split}.spacy").get_docs(nlp.vocab)
    examples = []
    for ref in refs:
        doc = nlp.make_doc(ref.text)
        for name, pipe in nlp.pipeline:  # everything before the relations except the entity steps
            if name == "policy_ie_relations":
                break
            if name not in ("ner", "policy_ie_quantities"):
                doc = pipe(doc)
        doc.set_ents([s for s in (doc.char_span(e.start_char, e.end_char, label=e.label_, alignment_mode="expand")
                                  for e in ref.ents) if s is not None])
        examples.append(Example(nlp.get_pipe("policy_ie_relations")(doc), ref))
    scores = score_relations(examples)
    print(f"{args.split}, gold entities: relations P {scores['rel_micro_p']:.3f} R {scores['rel_micro_r']:.3f} "
          f"F1 {scores['rel_micro_f']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
