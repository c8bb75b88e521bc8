"""Blank policy_ie pipelines (the project tokenizer on spaCy's Chinese language data)."""
from __future__ import annotations

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers factories)
from . import tokenizer  # noqa: F401  (registers the tokenizer)

LANG = "zh"


def blank() -> Language:
    """A blank pipeline with the policy_ie tokenizer and no components."""
    return spacy.blank(LANG, config={"nlp": {"tokenizer": {"@tokenizers": "policy_ie.Tokenizer.v1"}}})
