"""A spaCy tokenizer for Chinese report text.

One token per Han character; a number with its decimal point or thousands
separators (``11.73``, ``10,042``) is one token; a Latin word (``GDP``, ``TOD``)
is one token; ``%`` and ``‰`` stand alone.

The tokenizer has no settings and stores none of its own. The former
``pkuseg_model`` / ``pkuseg_user_dict`` settings are refused (spacy-pkuseg falls
back to unpickling ``features.pkl`` when a model lacks ``features.msgpack``, so a
pipeline directory that sets them could run code on load); word-list features come
from :mod:`policy_ie.lexicon` instead.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import srsly
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from .components.doc_views import remember_text

_TOKEN = re.compile(
    r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*"  # numbers with decimals / thousands separators
    r"|[A-Za-zＡ-Ｚａ-ｚ]+(?:[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)"  # Latin words (GDP, 5G is digits+word)
    r"|[ \t\u3000\xa0]+|\r?\n+|[\r\n]"  # whitespace runs
    r"|[\u3400-\u9fff\U00020000-\U0002ffff]+"  # Han runs (split per char below)
    r"|."  # anything else, one char
    , re.S,
)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")
REMOVED_SETTINGS = ("pkuseg_model", "pkuseg_user_dict")


class TokenizerSettingError(ValueError):
    """A pipeline that gives the tokenizer a setting it does not have."""


def refuse_settings(settings, where: str) -> None:
    """Raise :class:`TokenizerSettingError` naming the first setting in ``settings`` (there are none)."""
    if not isinstance(settings, dict):
        raise TokenizerSettingError(f"{where}: tokenizer settings are not a mapping")
    for name in settings:
        why = (" (pkuseg segmentation was removed: a pkuseg model can run code when loaded)"
               if name in REMOVED_SETTINGS else "")
        raise TokenizerSettingError(f"{where}: policy_ie.Tokenizer.v1 has no setting {name!r}{why}; "
                                    f"delete it from the pipeline")


class PolicyTokenizer:
    """Character tokenizer with number and Latin-word tokens (see module doc)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab

    def words(self, text: str) -> tuple[list[str], list[bool]]:
        """Split ``text`` into spaCy words and trailing-space flags."""
        words: list[str] = []
        spaces: list[bool] = []
        for m in _TOKEN.finditer(text):
            tok = m.group()
            c = tok[0]
            if c == " " and words and not spaces[-1]:
                spaces[-1] = True
                if len(tok) > 1:
                    words.append(tok[1:])
                    spaces.append(False)
            elif len(tok) > 1 and _HAN.match(c):
                words.extend(tok)
                spaces.extend([False] * len(tok))
            else:
                words.append(tok)
                spaces.append(False)
        return words, spaces

    def __call__(self, text: str) -> Doc:
        words, spaces = self.words(text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        if sum(map(len, words)) + sum(spaces) == len(text):  # the matches cover the text: doc.text is text
            remember_text(doc, text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # serialisation: nothing to store; a stored setting is refused (see module doc)
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "PolicyTokenizer":
        cfg = srsly.msgpack_loads(data)
        refuse_settings(cfg, "tokenizer settings")
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", {})

    def from_disk(self, path, *, exclude=tuple()) -> "PolicyTokenizer":
        cfg = srsly.read_json(Path(path) / "cfg")
        refuse_settings(cfg, str(Path(path) / "cfg"))
        return self


@registry.tokenizers("policy_ie.Tokenizer.v1")
def create_tokenizer() -> Callable:
    """Config entry: ``[nlp.tokenizer] @tokenizers = "policy_ie.Tokenizer.v1"`` (no settings)."""

    def make(nlp) -> PolicyTokenizer:
        return PolicyTokenizer(nlp.vocab)

    return make
