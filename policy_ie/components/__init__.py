"""spaCy components of the policy_ie pipeline (registered on import)."""
from . import entity_tagger, relation_model, relations, sentencizer, target_classifier, targets  # noqa: F401
from . import context_encoder, indicator_linker, lexicon_embed, quantity_ruler  # noqa: F401
