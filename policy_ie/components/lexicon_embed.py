"""Token embeddings with word-list features: ``policy_ie.LexiconHashEmbed.v1``.

Works like ``spacy.MultiHashEmbed.v2`` (one hash-embedding table per token
attribute, mixed by a Maxout layer) and adds one table for what a word list says
about each character: the length of the longest listed word starting at it, of
the longest ending at it, and whether a listed word runs through it. This is the
word-boundary knowledge that a character tagger cannot learn from a small corpus.

The word list is read when the pipeline is initialised (``lexicon``, see
:mod:`policy_ie.lexicon`); its keys are stored with the model, so a trained
pipeline loads without the word list's source.
"""
from __future__ import annotations

from typing import List, Optional

import numpy
from spacy.attrs import NORM, intify_attr
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d

from ..lexicon import KeyTable, lexicon_matches, load_words, word_keys


def lexicon_feature(starts: numpy.ndarray, ends: numpy.ndarray, inside: numpy.ndarray) -> numpy.ndarray:
    """One categorical key per token from :func:`policy_ie.lexicon.lexicon_matches`."""
    return (starts * 100 + ends * 10 + inside + 1).astype(numpy.uint64)


def lexicon_features(attrs: List[int], lexicon: str, max_len: int) -> Model[List[Doc], List[Ints2d]]:
    """Per doc, the token attributes followed by the lexicon feature key."""

    cache: dict = {}

    def forward(model: Model, docs: List[Doc], is_train: bool):
        keys = model.attrs["lexicon_keys"]
        if cache.get("keys") is not keys:  # set by init or by from_bytes
            cache["keys"], cache["table"] = keys, KeyTable(keys)
        table = cache["table"]
        out = []
        for doc in docs:
            cols = doc.to_array(list(attrs) + [NORM]).astype(numpy.uint64)
            if cols.ndim == 1:
                cols = cols.reshape((-1, len(attrs) + 1))
            feature = lexicon_feature(*lexicon_matches(cols[:, -1], table, max_len))
            cols[:, -1] = feature
            out.append(model.ops.asarray2i(cols, dtype="uint64"))
        return out, lambda d_features: []

    def init(model: Model, X: Optional[List[Doc]] = None, Y=None) -> None:
        if len(model.attrs["lexicon_keys"]) == 0:
            model.attrs["lexicon_keys"] = word_keys(load_words(lexicon, max_len=max_len))

    return Model("lexicon_features", forward, init=init,
                 attrs={"lexicon_keys": numpy.zeros((0,), dtype=numpy.uint64)})


@registry.architectures("policy_ie.LexiconHashEmbed.v1")
def LexiconHashEmbed(width: int, attrs: List[str], rows: List[int], lexicon: str = "pkuseg",
                     lexicon_rows: int = 256, max_word_length: int = 6) -> Model[List[Doc], List[Floats2d]]:
    """Hash embeddings of ``attrs`` (``rows`` rows each) and of the word-list feature
    (``lexicon_rows`` rows) from ``lexicon`` words of 2 to ``max_word_length`` characters,
    mixed to ``width``."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} rows for {len(attrs)} attrs")
    if max_word_length < 2 or max_word_length > 9:
        raise ValueError(f"max_word_length must be between 2 and 9, got {max_word_length}")
    attr_ids = [intify_attr(a) for a in attrs]
    table_rows = list(rows) + [lexicon_rows]
    tables = [HashEmbed(width, r, column=i, seed=8 + i, dropout=0.0) for i, r in enumerate(table_rows)]
    return chain(
        lexicon_features(attr_ids, lexicon, max_word_length),
        list2ragged(),
        with_array(concatenate(*tables)),
        with_array(Maxout(width, width * len(tables), nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
