"""Collect the METRIC edge words of gold documents into a trained pipeline's entity tagger.

    python training/edge_words.py MODEL --split train dev [--min-count 3] [--output DIR]

The entity tagger collects them itself when it is initialised for training (``spacy train``,
``policy-ie train``: ``edge_word_min_count`` of its config); this sets them on a pipeline trained
before, from the gold METRICs of the given splits (never test): the strings written at least
``--min-count`` times right before (after) a gold METRIC that begin (end) none. Prints how many;
with ``--output`` writes the pipeline there (``nlp.to_disk``).
"""
import argparse
import sys
from pathlib import Path

from spacy.training import Example

import policy_ie
from policy_ie.components.entity_tagger import EntityTagger
from policy_ie.corpus import GOLD, SPLITS, split_records
from policy_ie.corpus.spacy_docs import record_to_doc
from policy_ie.pipeline import pipe_of


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD, help=f"gold records (default {GOLD})")
    ap.add_argument("--splits", type=Path, default=SPLITS, help=f"document splits (default {SPLITS})")
    ap.add_argument("--split", nargs="+", default=["train"], help="the splits whose gold METRICs are read")
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--output", type=Path, help="write the pipeline with the words here")
    args = ap.parse_args()
    if "test" in args.split:
        ap.error("the test documents are for scoring only")
    nlp = policy_ie.load(args.model)
    blank = policy_ie.blank()
    docs = [record_to_doc(blank, rec) for split in args.split for rec in split_records(args.gold, args.splits, split)]
    tagger = pipe_of(nlp, EntityTagger)
    tagger.set_edge_words((Example(d, d) for d in docs if d is not None), args.min_count)
    words = tagger.cfg["edge_words"]
    print(f"{len(words['leading'])} leading, {len(words['trailing'])} trailing edge words "
          f"(min count {args.min_count}, splits {' '.join(args.split)})")
    if args.output:
        nlp.to_disk(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
