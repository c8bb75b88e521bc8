"""A spaCy tokenizer for Chinese report text.

One token per Han character; a number with its decimal point or thousands
separators (``11.73``, ``10,042``) is one token; a Latin word (``GDP``, ``TOD``)
is one token; ``%`` and ``‰`` stand alone. With ``pkuseg_model`` set, Han runs
are segmented into words by spacy-pkuseg instead (no download: the model path
must exist).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable, Optional

import srsly
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

_TOKEN = re.compile(
    r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*"  # numbers with decimals / thousands separators
    r"|[A-Za-zＡ-Ｚａ-ｚ]+(?:[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]*)"  # Latin words (GDP, 5G is digits+word)
    r"|[ \t\u3000\xa0]+|\r?\n+|[\r\n]"  # whitespace runs
    r"|[\u3400-\u9fff\U00020000-\U0002ffff]+"  # Han runs (split per char below)
    r"|."  # anything else, one char
    , re.S,
)
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


class PolicyTokenizer:
    """Character tokenizer with number and Latin-word tokens (see module doc)."""

    def __init__(self, vocab: Vocab, pkuseg_model: Optional[str] = None, pkuseg_user_dict: str = "default"):
        self.vocab = vocab
        self.pkuseg_model = pkuseg_model
        self.pkuseg_user_dict = pkuseg_user_dict
        self._seg = load_pkuseg(pkuseg_model, pkuseg_user_dict) if pkuseg_model else None

    def words(self, text: str) -> tuple[list[str], list[bool]]:
        """Split ``text`` into spaCy words and trailing-space flags."""
        words: list[str] = []
        spaces: list[bool] = []
        seg = self._seg
        for m in _TOKEN.finditer(text):
            tok = m.group()
            c = tok[0]
            if c == " " and words and not spaces[-1]:
                spaces[-1] = True
                if len(tok) > 1:
                    words.append(tok[1:])
                    spaces.append(False)
            elif len(tok) > 1 and _HAN.match(c):
                pieces = seg.cut(tok) if seg is not None else tok
                words.extend(pieces)
                spaces.extend([False] * len(pieces))
            else:
                words.append(tok)
                spaces.append(False)
        return words, spaces

    def __call__(self, text: str) -> Doc:
        words, spaces = self.words(text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # serialisation: the settings travel with the pipeline; a pkuseg model path
    # is stored as given and must exist where the pipeline is loaded.
    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"pkuseg_model": self.pkuseg_model, "pkuseg_user_dict": self.pkuseg_user_dict})

    def from_bytes(self, data: bytes, *, exclude=tuple()) -> "PolicyTokenizer":
        cfg = srsly.msgpack_loads(data)
        self.pkuseg_model = cfg.get("pkuseg_model")
        self.pkuseg_user_dict = cfg.get("pkuseg_user_dict", "default")
        self._seg = load_pkuseg(self.pkuseg_model, self.pkuseg_user_dict) if self.pkuseg_model else None
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg", {"pkuseg_model": self.pkuseg_model, "pkuseg_user_dict": self.pkuseg_user_dict})

    def from_disk(self, path, *, exclude=tuple()) -> "PolicyTokenizer":
        cfg = srsly.read_json(Path(path) / "cfg")
        return self.from_bytes(srsly.msgpack_dumps(cfg))


def load_pkuseg(model: str, user_dict: str = "default"):
    """Load a spacy-pkuseg model from a local path, with a clear error if it is missing."""
    path = Path(model)
    if not path.exists():
        raise FileNotFoundError(
            f"pkuseg model not found at {path}: pass the path of a downloaded spacy-pkuseg model "
            "directory (policy_ie never downloads models)"
        )
    try:
        import spacy_pkuseg
    except ImportError as exc:  # pragma: no cover - a dependency of policy_ie
        raise ImportError("pkuseg segmentation needs spacy-pkuseg: pip install spacy-pkuseg") from exc
    return spacy_pkuseg.pkuseg(str(path), user_dict=user_dict)


@registry.tokenizers("policy_ie.Tokenizer.v1")
def create_tokenizer(pkuseg_model: Optional[str] = None, pkuseg_user_dict: str = "default") -> Callable:
    """Config entry: ``[nlp.tokenizer] @tokenizers = "policy_ie.Tokenizer.v1"``."""

    def make(nlp) -> PolicyTokenizer:
        return PolicyTokenizer(nlp.vocab, pkuseg_model=pkuseg_model, pkuseg_user_dict=pkuseg_user_dict)

    return make
