"""Word lists for the lexicon features of ``policy_ie.LexiconHashEmbed.v1``.

The tokens are single characters, so the network sees no word boundaries. A word
list tells it, for each character, which dictionary words start, end or run
through it. ``"pkuseg"`` is the general-domain dictionary that ships inside the
``spacy-pkuseg`` wheel (``spacy_pkuseg/dicts/default.pkl``, no download); any other
value is the path of a UTF-8 text file with one word per line (the first
whitespace-separated field of a line is the word). The words are only read when a
pipeline is initialised for training: a trained pipeline stores their keys.
"""
from __future__ import annotations

import pickle
from importlib import resources
from pathlib import Path
from typing import Iterable, List

import numpy
from spacy.strings import hash_string

from .text import HAN_RUN

PKUSEG = "pkuseg"
# the multiplier of the rolling key; keys wrap around in uint64 arithmetic
KEY_MIX = numpy.uint64(0x9E3779B97F4A7C15)


def load_words(source: str, *, min_len: int = 2, max_len: int = 6) -> List[str]:
    """The Han-character words of ``source`` with ``min_len`` to ``max_len`` characters, sorted."""
    if source == PKUSEG:
        lines = _pkuseg_default_dictionary()
    else:
        path = Path(source)
        if not path.is_file():
            raise FileNotFoundError(f"word list not found: {source} (use {PKUSEG!r} or a text file, one word per line)")
        lines = path.read_text(encoding="utf8").splitlines()
    words = set()
    for line in lines:
        fields = line.split()
        if not fields:
            continue
        word = fields[0].split("!")[0]  # pkuseg's format: word[!tag]
        if min_len <= len(word) <= max_len and HAN_RUN.fullmatch(word):
            words.add(word)
    return sorted(words)


def _pkuseg_default_dictionary() -> List[str]:
    try:
        data = resources.files("spacy_pkuseg").joinpath("dicts", "default.pkl").read_bytes()
    except ModuleNotFoundError as err:
        raise ImportError("the 'pkuseg' word list needs spacy-pkuseg: pip install spacy-pkuseg") from err
    text = pickle.loads(data)  # a str, one word per line
    return text.splitlines()


def _rolling_key(parts: Iterable[numpy.ndarray]) -> numpy.ndarray:
    """Fold equal-length arrays of token hashes, first to last, into one key each."""
    keys = numpy.uint64(0)
    with numpy.errstate(over="ignore"):
        for part in parts:
            keys = keys * KEY_MIX + part
    return keys


def word_keys(words: Iterable[str]) -> numpy.ndarray:
    """Sorted unique keys of ``words``, one character per token (the keys :func:`span_keys` gives them)."""
    by_length: dict[int, list[list[int]]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append([hash_string(ch) for ch in word])
    keys = [_rolling_key(hashes.T) for hashes in (numpy.asarray(h, dtype=numpy.uint64) for h in by_length.values())]
    return numpy.unique(numpy.concatenate(keys)) if keys else numpy.zeros((0,), dtype=numpy.uint64)


def span_keys(norms: numpy.ndarray, length: int) -> numpy.ndarray:
    """The key of the ``length`` tokens starting at each position (``len(norms) - length + 1`` keys)."""
    n = len(norms) - length + 1
    if n <= 0:
        return numpy.zeros((0,), dtype=numpy.uint64)
    return _rolling_key(norms[k:k + n] for k in range(length))


class KeyTable:
    """Membership test for sorted unique keys, vectorised: an ordered linear-probing
    hash table (a key sits at the first free slot from its top bits on; slots keep
    key order), about ten times faster than ``numpy.searchsorted`` on these sizes."""

    EMPTY = numpy.uint64(0xFFFFFFFFFFFFFFFF)

    def __init__(self, keys: numpy.ndarray, load: float = 0.2) -> None:
        keys = numpy.asarray(keys, dtype=numpy.uint64)
        bits = max(4, int(numpy.ceil(numpy.log2(max(1, len(keys)) / load))))
        self.shift = numpy.uint64(64 - bits)
        self.size = len(keys)
        slot = (keys >> self.shift).astype(numpy.int64)
        order = numpy.arange(len(keys))
        pos = numpy.maximum.accumulate(slot - order) + order if len(keys) else order
        self.max_probe = int((pos - slot).max()) if len(keys) else 0
        self.table = numpy.full(((1 << bits) + self.max_probe + 1,), self.EMPTY, dtype=numpy.uint64)
        self.table[pos] = keys

    def __len__(self) -> int:
        return self.size

    def contains(self, queries: numpy.ndarray) -> numpy.ndarray:
        """A boolean array: which ``queries`` are keys."""
        start = (queries >> self.shift).astype(numpy.int64)
        found = numpy.zeros((len(queries),), dtype=bool)
        active = numpy.arange(len(queries))
        for probe in range(self.max_probe + 1):
            values = self.table[start[active] + probe]
            wanted = queries[active]
            found[active[values == wanted]] = True
            active = active[values < wanted]  # a larger key or an empty slot ends the search
            if len(active) == 0:
                break
        return found


def lexicon_matches(norms: numpy.ndarray, table: KeyTable, max_len: int) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """For each token: the length of the longest lexicon word starting there, of the
    longest ending there (0 if none), and whether a word runs through it (starts
    before and ends after it)."""
    n = len(norms)
    starts = numpy.zeros((n,), dtype=numpy.int64)
    ends = numpy.zeros((n,), dtype=numpy.int64)
    inside = numpy.zeros((n + 1,), dtype=numpy.int64)
    if len(table) == 0 or n == 0:
        return starts, ends, inside[:n] > 0
    norms = norms.astype(numpy.uint64, copy=False)
    for length in range(2, max_len + 1):
        spans = span_keys(norms, length)
        if len(spans) == 0:
            break
        found = numpy.flatnonzero(table.contains(spans))
        if len(found) == 0:
            continue
        starts[found] = length  # lengths ascend: the last match is the longest
        ends[found + length - 1] = numpy.maximum(ends[found + length - 1], length)
        if length > 2:
            numpy.add.at(inside, found + 1, 1)
            numpy.add.at(inside, found + length - 1, -1)
    return starts, ends, numpy.cumsum(inside)[:n] > 0
