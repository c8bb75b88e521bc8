"""Names a training corpus tags the same way wherever they occur: recurring SLOGANs (营改增, 放管服,
家电下乡). The entity tagger collects them when it is initialised and tags their later occurrences
that no other entity covers (not inside a document title in 《》: CONVENTIONS.md)."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, List, Tuple


def collect_known_names(docs: Iterable[Tuple[str, str, List[Tuple[int, int]]]], *, min_docs: int = 3,
                        min_share: float = 0.9) -> List[str]:
    """The surfaces of two characters or more tagged in at least ``min_docs`` documents and in at
    least ``min_share`` of their occurrences in all the texts; ``docs`` holds (document id, text,
    the label's spans) per text. Longest first."""
    texts, where = [], defaultdict(set)
    tagged: dict[str, int] = defaultdict(int)
    for doc_id, text, spans in docs:
        texts.append(text)
        for a, b in spans:
            if b - a >= 2:
                tagged[text[a:b]] += 1
                where[text[a:b]].add(doc_id)
    corpus = "\n".join(texts)
    names = [s for s, n in tagged.items()
             if len(where[s]) >= min_docs and n >= min_share * corpus.count(s)]
    return sorted(names, key=lambda s: (-len(s), s))


def known_name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """One pattern for ``names`` (longest first), or None for none."""
    names = sorted(names, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def find_known(text: str, pattern: re.Pattern | None) -> List[Tuple[int, int]]:
    """Offsets of the names of ``pattern`` in ``text``, outside document titles (《…》)."""
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        if text.rfind("《", 0, m.start()) > text.rfind("》", 0, m.start()):
            continue
        out.append(m.span())
    return out
