"""Sentence-wide context on top of a tok2vec: ``policy_ie.ContextEncoder.v1``.

The shared CNN sees each character's ±12 neighbours. A METRIC's edges often depend
on more of the sentence (is the phrase the counted object of a verb three clauses
on? does a list's ``等`` come later?), so a component may read the CNN's vectors
through a bidirectional LSTM, added to them (a residual connection), before its own
output layer. Its weights are thinc parameters, serialised with the component.
"""
from __future__ import annotations

from typing import List

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import LSTM, Model, chain, residual, with_padded
from thinc.types import Floats2d


@registry.architectures("policy_ie.ContextEncoder.v1")
def ContextEncoder(tok2vec: Model[List[Doc], List[Floats2d]], width: int, depth: int = 1,
                   dropout: float = 0.0) -> Model[List[Doc], List[Floats2d]]:
    """``tok2vec``'s vectors (``width`` wide) plus a bidirectional LSTM of ``depth`` layers
    over each Doc's vectors, ``width`` wide (half per direction)."""
    if width % 2:
        raise ValueError(f"ContextEncoder width must be even (half per direction), not {width}")
    lstm = with_padded(LSTM(nO=width, nI=width, bi=True, depth=depth, dropout=dropout))
    model = chain(tok2vec, residual(lstm))
    model.set_dim("nO", width)
    return model
