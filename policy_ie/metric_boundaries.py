"""Where a METRIC starts and ends, re-decided from the training corpus's own boundaries.

The entity tagger reads each character; whether a span should stop before 上榜, keep 新建 or leave
out 全省 is a convention of the annotation that the corpus shows many times over. A listwise
model learns it: for every gold METRIC of the training documents, the spans whose start and end
lie within ``REACH`` characters of it (around the gold span and around two jittered copies, as the
tagger's span would be) are scored with one weight per boundary feature (the characters just
outside and inside each edge, the length), and the gold span is the right answer of its group
(softmax, SGD, weights averaged over the epochs). At run time a predicted METRIC is replaced by
the best span of its group when that scores more than ``margin`` above it; a span that would
cross punctuation, another entity or a number the METRIC did not hold, or start or end inside a
token (``inside``: the offsets within a number or Latin word), is no candidate.

The weights are a dict from feature string to float (stored with the entity tagger as JSON).
"""
from __future__ import annotations

import math
import random
from typing import AbstractSet, Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from spacy.attrs import IDX, LENGTH

REACH = 3  # how far an edge may move, in characters
_STOPS = frozenset("，,。；;：:！!？?、\n\r\t （）()“”‘’\"《》〈〉【】[]")


def boundary_features(text: str, a: int, b: int) -> List[str]:
    """The features of the span ``text[a:b]``: characters and pairs just outside and inside
    each edge (``^``/``$`` past the text's ends), the last three inside, the length."""
    def at(i: int) -> str:
        return text[i] if 0 <= i < len(text) else ("^" if i < 0 else "$")

    before, after = at(a - 1), at(b)
    return ["B1" + before, "B2" + at(a - 2) + before, "S1" + text[a], "S2" + text[a:a + 2],
            "S3" + text[a:a + 3], "E1" + text[b - 1], "E2" + text[max(a, b - 2):b],
            "E3" + text[max(a, b - 3):b], "A1" + after, "A2" + after + at(b + 1),
            "A3" + after + at(b + 1) + at(b + 2), "L%d" % min(b - a, 12),
            "SA" + text[a] + after, "BE" + before + text[b - 1]]


def score(weights: Dict[str, float], text: str, a: int, b: int) -> float:
    """The score of ``text[a:b]``: the sum of its features' weights (:func:`best_span` computes the
    same sum from the parts a start and an end share with other candidates)."""
    return sum(weights.get(f, 0.0) for f in boundary_features(text, a, b))


def candidate_spans(text: str, start: int, end: int, blocked: Sequence[Tuple[int, int]],
                    reach: int = REACH, inside: AbstractSet[int] = frozenset()) -> List[Tuple[int, int]]:
    """The spans with a start within ``reach`` of ``start`` and an end within ``reach`` of
    ``end``, inside the text, crossing no punctuation or white space, overlapping none of
    ``blocked``, holding a digit only if ``text[start:end]`` does (read from a mask of the
    window's characters) and neither starting nor ending at an offset of ``inside`` (within a
    token of several characters: the span could not be set on the Doc)."""
    lo, hi = max(0, start - reach), min(len(text), end + reach)
    has_digit = any(ch.isdigit() for ch in text[start:end])
    bad = [ch in _STOPS or (not has_digit and ch.isdigit()) for ch in text[lo:hi]]
    for x, y in blocked:
        if x < hi and lo < y:
            for i in range(max(x, lo), min(y, hi)):
                bad[i - lo] = True
    out = []
    for a in range(lo, min(start + reach, hi - 1) + 1):
        if bad[a - lo] or a in inside:
            continue
        for b in range(a + 1, hi + 1):
            if bad[b - 1 - lo]:
                break  # every longer span holds it too
            if b >= end - reach and b not in inside:
                out.append((a, b))
    return out


def best_span(weights: Dict[str, float], text: str, start: int, end: int,
              blocked: Sequence[Tuple[int, int]], margin: float,
              inside: AbstractSet[int] = frozenset()) -> Tuple[int, int]:
    """The span a METRIC at ``(start, end)`` should have: the best candidate if it scores more
    than ``margin`` above the span itself, else the span."""
    if not weights:
        return start, end
    spans = candidate_spans(text, start, end, blocked, inside=inside)
    if (start, end) not in spans or len(spans) < 2:
        return start, end
    get = weights.get
    n = len(text)

    def at(i: int) -> str:
        return text[i] if 0 <= i < n else ("^" if i < 0 else "$")

    left: Dict[int, float] = {}  # the features of a start alone, and of an end alone
    right: Dict[int, float] = {}
    best, best_score, own = (start, end), None, None
    for a, b in spans:
        la = left.get(a)
        if la is None:
            before = at(a - 1)
            la = left[a] = (get("B1" + before, 0.0) + get("B2" + at(a - 2) + before, 0.0) + get("S1" + text[a], 0.0)
                            + get("S2" + text[a:a + 2], 0.0) + get("S3" + text[a:a + 3], 0.0))
        rb = right.get(b)
        if rb is None:
            after = at(b)
            rb = right[b] = (get("E1" + text[b - 1], 0.0) + get("A1" + after, 0.0) + get("A2" + after + at(b + 1), 0.0)
                             + get("A3" + after + at(b + 1) + at(b + 2), 0.0))
        x = (la + rb + get("E2" + text[max(a, b - 2):b], 0.0) + get("E3" + text[max(a, b - 3):b], 0.0)
             + get("L%d" % min(b - a, 12), 0.0) + get("SA" + text[a] + at(b), 0.0)
             + get("BE" + at(a - 1) + text[b - 1], 0.0))
        if (a, b) == (start, end):
            own = x
        if best_score is None or x > best_score:
            best, best_score = (a, b), x
    return best if best_score - own > margin else (start, end)


def learn_boundaries(documents: Iterable[tuple], epochs: int = 6, rate: float = 0.2, jitter: int = 2,
                     seed: int = 0, digits: int = 3, min_weight: float = 0.1) -> Dict[str, float]:
    """Weights from ``documents``: (text, gold METRIC offsets, offsets of its other entities[,
    the offsets inside its tokens, see :func:`candidate_spans`]).
    Deterministic for a given ``seed``; weights rounded to ``digits``, those under ``min_weight``
    in size dropped (on dev: a sixth of the weights, the same decisions)."""
    rng = random.Random(seed)
    index: Dict[str, int] = {}
    groups: List[Tuple[List[List[int]], int]] = []
    for text, metrics, others, *rest in documents:
        inside = rest[0] if rest else frozenset()
        taken = list(metrics) + list(others)
        for s, e in metrics:
            blocked = [o for o in taken if o != (s, e)]
            centres = [(s, e)] + [(s + rng.randint(-jitter, jitter), e + rng.randint(-jitter, jitter))
                                  for _ in range(2 if jitter else 0)]
            for cs, ce in centres:
                if ce - cs < 1:
                    continue
                spans = candidate_spans(text, cs, ce, blocked, inside=inside)
                if (s, e) not in spans or len(spans) < 2:
                    continue
                feats = [[index.setdefault(f, len(index)) for f in boundary_features(text, a, b)] for a, b in spans]
                groups.append((feats, spans.index((s, e))))
    w = [0.0] * len(index)
    total = [0.0] * len(index)
    order = list(range(len(groups)))
    for _ in range(epochs):
        rng.shuffle(order)
        for g in order:
            feats, gold = groups[g]
            scores = [sum(w[i] for i in f) for f in feats]
            top = max(scores)
            exp = [math.exp(x - top) for x in scores]
            z = sum(exp)
            for k, f in enumerate(feats):
                grad = exp[k] / z - (1.0 if k == gold else 0.0)
                if abs(grad) > 1e-4:
                    for i in f:
                        w[i] -= rate * grad
        total = [t + x for t, x in zip(total, w)]
    names = sorted(index, key=index.get)
    out = {name: round(total[index[name]] / max(epochs, 1), digits) for name in names}
    return {k: v for k, v in out.items() if abs(v) >= min_weight}


def inside_offsets(token_spans: Iterable[Tuple[int, int]]) -> FrozenSet[int]:
    """The character offsets strictly inside the tokens given as (start, length)."""
    return frozenset(i for start, length in token_spans if length > 1 for i in range(start + 1, start + length))


def token_inside_offsets(doc) -> FrozenSet[int]:
    """:func:`inside_offsets` of a Doc's tokens (read from ``Doc.to_array``)."""
    return inside_offsets(doc.to_array([IDX, LENGTH]).tolist())


def metric_documents(examples: Iterable, metric_label: str) -> Iterable[Tuple[str, list, list, FrozenSet[int]]]:
    """(text, METRIC offsets, other entity offsets, offsets inside its tokens) of the gold Doc of
    each Example."""
    for eg in examples:
        ref = eg.reference
        ents = [(e.start_char, e.end_char, e.label_) for e in ref.ents]
        yield (ref.text, [(a, b) for a, b, label in ents if label == metric_label],
               [(a, b) for a, b, label in ents if label != metric_label],
               token_inside_offsets(ref))


def rerank_metrics(text: str, metrics: Sequence[Tuple[int, int]], others: Sequence[Tuple[int, int]],
                   weights: Dict[str, float], margin: Optional[float],
                   inside: AbstractSet[int] = frozenset()) -> List[Tuple[int, int]]:
    """The offsets of ``metrics`` after :func:`best_span`, each kept clear of the others' spans
    and starting and ending on token edges (not at an offset of ``inside``)."""
    if not weights or margin is None:
        return list(metrics)
    out: List[Tuple[int, int]] = []
    for i, (s, e) in enumerate(metrics):
        lo, hi = s - REACH, e + REACH
        near = [o for o in list(others) + out + list(metrics[i + 1:]) if o[0] < hi and lo < o[1]]
        out.append(best_span(weights, text, s, e, near, margin, inside))
    return out
