"""Collect what the entity tagger learns from a corpus outside training into a trained pipeline: the
METRIC edge words, the known SLOGANs and the METRIC boundary weights, from the gold documents of the
given splits (never test).

    python training/corpus_words.py MODEL --split train dev [--edge-min-count 3] [--slogan-min-docs 3]
        [--no-boundaries] [--output DIR]

The entity tagger collects both itself when it is initialised for training (``spacy train``,
``policy-ie train``: ``edge_word_min_count`` and ``known_slogan_min_docs`` of its config); this sets
them on a pipeline trained before. Edge words: the strings written at least ``--edge-min-count``
times right before (after) a gold METRIC that begin (end) none. Known SLOGANs: the SLOGANs tagged in
at least ``--slogan-min-docs`` documents and in 90% of their occurrences. Boundaries: the weights of
``policy_ie.metric_boundaries`` (``--no-boundaries``: none). Prints how many; with
``--output`` writes the pipeline there (``nlp.to_disk`` into ``DIR.partial``, renamed to DIR when
complete; an existing DIR is refused).
"""
import argparse
import shutil
import sys
from pathlib import Path

from spacy.training import Example

import policy_ie
from policy_ie.components.entity_tagger import EntityTagger
from policy_ie.corpus import GOLD, SPLITS, split_records
from policy_ie.corpus.spacy_docs import records_to_docbin
from policy_ie.pipeline import pipe_of


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--gold", type=Path, default=GOLD, help=f"gold records (default {GOLD})")
    ap.add_argument("--splits", type=Path, default=SPLITS, help=f"document splits (default {SPLITS})")
    ap.add_argument("--split", nargs="+", default=["train"], help="the splits whose gold documents are read")
    ap.add_argument("--edge-min-count", type=int, default=3, help="0: no edge words")
    ap.add_argument("--slogan-min-docs", type=int, default=3, help="0: no known SLOGANs")
    ap.add_argument("--no-boundaries", action="store_true", help="no METRIC boundary weights")
    ap.add_argument("--output", type=Path, help="write the pipeline with the lists here")
    args = ap.parse_args()
    if "test" in args.split:
        ap.error("the test documents are for scoring only")
    if args.output and args.output.exists():
        ap.error(f"{args.output} exists; choose a new directory")
    nlp = policy_ie.load(args.model)
    blank = policy_ie.blank()
    records = [rec for split in args.split for rec in split_records(args.gold, args.splits, split)]
    docs = list(records_to_docbin(blank, records).get_docs(blank.vocab))  # each knows its document
    tagger = pipe_of(nlp, EntityTagger)
    tagger.set_corpus_state(lambda: (Example(d, d) for d in docs), boundaries=not args.no_boundaries,
                            edge_min_count=args.edge_min_count, slogan_min_docs=args.slogan_min_docs)
    words = tagger.cfg["edge_words"]
    print(f"{len(words['leading'])} leading, {len(words['trailing'])} trailing edge words "
          f"(min count {args.edge_min_count}); {len(tagger.cfg['known_slogans'])} known SLOGANs "
          f"(min documents {args.slogan_min_docs}); {len(tagger.cfg['metric_boundaries'])} METRIC boundary "
          f"weights; splits {' '.join(args.split)}")
    if args.output:
        partial = args.output.with_name(args.output.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        nlp.to_disk(partial)
        partial.rename(args.output)  # only a complete pipeline gets the name
    return 0


if __name__ == "__main__":
    sys.exit(main())
