"""For ``spacy train --code training/register.py``: registers policy_ie's tokenizer and components."""
import policy_ie.components  # noqa: F401
import policy_ie.tokenizer  # noqa: F401
