"""Thinc model for the relation component: METRIC × AMOUNT/PERCENT pair classifier.

In the pattern of Explosion's relation-extraction tutorial: a tok2vec gives
token vectors, ``instance_tensor`` pools them into one row per candidate pair
(head, tail, the tokens between them, the tokens right before the value, and a
few positional features), and a small feed-forward net classifies each row.
``policy_ie.RelationModel.v2`` adds the list features of :func:`_list_features`
(coordinated METRICs and values, 分别, clauses) and pools the tokens before a value's list
(not before the value itself: 分别达`99.9%`、`94.5%`); v1 is kept for pipelines trained with it.
"""
from __future__ import annotations

from typing import Callable, List, Tuple

import numpy
from spacy.tokens import Doc, Span
from spacy.util import registry
from thinc.api import Maxout, Model, Softmax, chain
from thinc.types import Floats2d

from ..lists import RESPECTIVELY, clause_breaks, clause_of, list_groups
from ..schema import METRIC, QUANTITY_LABELS
from .doc_views import doc_text, sentence_of, sentence_start_tokens

N_FEATURES = 19
N_LIST_FEATURES = 18
PRE_TAIL = 3
MAX_PAIR_DISTANCE = 64  # tokens between a METRIC and its value; the gold maximum is 37 characters


def _sentence_groups(doc: Doc) -> List[List[Span]]:
    ents = doc.ents  # one Span per entity each time it is read
    if not ents:
        return []
    if not doc.has_annotation("SENT_START"):
        return [list(ents)]
    starts = sentence_start_tokens(doc)
    groups: dict[int, List[Span]] = {}
    for ent in ents:
        groups.setdefault(sentence_of(starts, ent.start), []).append(ent)
    return list(groups.values())


def candidate_pairs(doc: Doc, max_distance: int = MAX_PAIR_DISTANCE) -> List[Tuple[Span, Span]]:
    """Every METRIC × AMOUNT/PERCENT pair inside one sentence and at most
    ``max_distance`` tokens apart, in text order."""
    pairs = []
    for ents in _sentence_groups(doc):
        metrics = [e for e in ents if e.label_ == METRIC]
        values = [e for e in ents if e.label_ in QUANTITY_LABELS]
        for v in values:
            for m in metrics:
                if m.start - v.end <= max_distance and v.start - m.end <= max_distance:
                    pairs.append((m, v))
    return pairs


@registry.misc("policy_ie.candidate_pairs.v1")
def create_candidate_pairs(max_distance: int = MAX_PAIR_DISTANCE) -> Callable[[Doc], List[Tuple[Span, Span]]]:
    """The candidate pairs of :func:`candidate_pairs` (``max_distance`` in tokens)."""
    if max_distance == MAX_PAIR_DISTANCE:
        return candidate_pairs
    return lambda doc: candidate_pairs(doc, max_distance)


def _pair_features(doc: Doc, head: Span, tail: Span, ents: List[Span], text: str) -> numpy.ndarray:
    """Positional and lexical features of one pair; ``text`` is ``doc.text`` (built once per doc)."""
    f = numpy.zeros((N_FEATURES,), dtype="f")
    before = head.end <= tail.start
    f[0] = 1.0 if before else 0.0
    lo, hi = (head.end, tail.start) if before else (tail.end, head.start)
    dist = max(0, hi - lo)
    bucket = 0 if dist < 2 else 1 if dist < 4 else 2 if dist < 8 else 3 if dist < 16 else 4 if dist < 32 else 5
    f[1 + bucket] = 1.0
    n_vals = sum(1 for e in ents if e.label_ in QUANTITY_LABELS and lo <= e.start and e.end <= hi)
    n_mets = sum(1 for e in ents if e.label_ == METRIC and lo <= e.start and e.end <= hi)
    f[7 + min(n_vals, 3)] = 1.0
    f[11 + min(n_mets, 2)] = 1.0
    metrics = [e for e in ents if e.label_ == METRIC]
    left = [m for m in metrics if m.end <= tail.start]
    if left and left[-1].start == head.start:
        f[14] = 1.0
    nearest = min(metrics, key=lambda m: min(abs(m.end - tail.start), abs(tail.end - m.start)))
    if nearest.start == head.start:
        f[15] = 1.0
    f[16] = 1.0 if tail.label_ == "PERCENT" else 0.0
    # character slices (whitespace aside, the text of doc[lo:hi] and of the 3 tokens before the value)
    first, second = (head, tail) if before else (tail, head)
    text_between = text[first.end_char:second.start_char] if hi > lo else ""
    f[17] = 1.0 if any(c in text_between for c in "，,；;") else 0.0
    pre_tail = text[doc[max(0, tail.start - 3)].idx:tail.start_char]
    f[18] = 1.0 if "分别" in text_between or "分别" in pre_tail else 0.0
    return f


class _ListView:
    """The list structure of one doc's entities, computed once for all its pairs: each METRIC's
    and value's (position, size) in its coordinated list, each entity's clause, and the METRICs
    left of each value in its clause."""

    def __init__(self, ents: List[Span], text: str) -> None:
        self.text = text
        self.breaks = clause_breaks(text)
        metrics = [e for e in ents if e.label_ == METRIC]
        values = [e for e in ents if e.label_ in QUANTITY_LABELS]
        self.metric_list = dict(zip((m.start for m in metrics), list_groups(metrics, text)))
        self.value_list = dict(zip((v.start for v in values), list_groups(values, text)))
        # the first token of each value's list: the words before it are the list's (分别达99.9%、94.5%)
        self.list_start = {v.start: values[i - self.value_list[v.start][0]].start for i, v in enumerate(values)}
        self.clause = {e.start: clause_of(self.breaks, e.start_char) for e in ents}
        self.left_metrics = {v.start: [m.start for m in metrics
                                       if m.end <= v.start and self.clause[m.start] == self.clause[v.start]]
                             for v in values}

    def clause_text_before(self, span: Span) -> str:
        """The text of ``span``'s clause before it."""
        k = self.clause[span.start]
        return self.text[self.breaks[k - 1] + 1 if k else 0:span.start_char]


def _list_features(view: _ListView, head: Span, tail: Span) -> numpy.ndarray:
    """List features of one pair: the METRIC's and the value's place in their coordinated lists
    (sizes and positions equal?), 分别 before the value, same clause, METRICs between them, and
    the METRIC's order among the METRICs left of the value in its clause."""
    f = numpy.zeros((N_LIST_FEATURES,), dtype="f")
    h_pos, h_size = view.metric_list[head.start]
    t_pos, t_size = view.value_list[tail.start]
    left = view.left_metrics[tail.start]
    f[0] = h_size > 1
    f[1] = t_size > 1
    same_size = h_size == t_size > 1
    f[2] = same_size
    f[3] = same_size and h_pos == t_pos
    f[4] = same_size and h_pos != t_pos
    f[5] = RESPECTIVELY in view.clause_text_before(tail)
    f[6] = f[5] and f[3]
    same_clause = view.clause[head.start] == view.clause[tail.start]
    f[7] = same_clause
    lo, hi = (head.end, tail.start) if head.end <= tail.start else (tail.end, head.start)
    f[8] = same_clause and any(lo <= m < hi for m in view.metric_list)
    if head.start in left:
        order = left.index(head.start)
        f[9 + min(order, 3)] = 1.0
        f[13] = t_size > 1 and order == t_pos
        f[14] = head.start == left[-1]
    f[15] = bool(left) and not same_clause
    f[16] = h_size > 1 and t_size > 1 and h_pos == t_pos
    f[17] = t_size > 1 and len(left) == t_size
    return f


def instance_tensor(tok2vec: Model, get_candidates: Callable,
                    list_features: bool = False) -> Model[List[Doc], Floats2d]:
    """One row per candidate pair: pooled vectors, :func:`_pair_features` and (with
    ``list_features``) :func:`_list_features`."""
    return Model(
        "pair_instances",
        _instance_forward,
        layers=[tok2vec],
        refs={"tok2vec": tok2vec},
        attrs={"get_candidates": get_candidates, "list_features": list_features},
        init=_instance_init,
    )


def _instance_init(model: Model, X=None, Y=None) -> Model:
    tok2vec = model.get_ref("tok2vec")
    if X is not None:
        tok2vec.initialize(X)
    else:
        tok2vec.initialize()
    return model


def _mean_pool(vecs: numpy.ndarray, regions: numpy.ndarray) -> numpy.ndarray:
    """The mean vector of each (start, end) token region (zeros for an empty one), side by side:
    ``regions`` is (pairs × regions × 2); the result is (pairs × regions·width)."""
    sums = numpy.zeros((len(vecs) + 1, vecs.shape[1]), dtype="float64")
    numpy.cumsum(vecs, axis=0, dtype="float64", out=sums[1:])
    starts = regions[..., 0]
    ends = numpy.maximum(regions[..., 1], starts)
    sizes = numpy.maximum(ends - starts, 1)[..., None]
    pooled = (sums[ends] - sums[starts]) / sizes  # empty regions: 0 / 1
    return pooled.reshape(len(regions), -1).astype("f")


def _instance_forward(model: Model, docs: List[Doc], is_train: bool):
    tok2vec = model.get_ref("tok2vec")
    get_candidates = model.attrs["get_candidates"]
    with_lists = model.attrs["list_features"]
    n_features = N_FEATURES + (N_LIST_FEATURES if with_lists else 0)
    tokvecs, bp_tokvecs = tok2vec(docs, is_train)
    ops = model.ops
    width = tokvecs[0].shape[1] if tokvecs else tok2vec.get_dim("nO")
    rows = []
    plan = []  # (doc_index, [(start, end) for the 4 pooled regions])
    for i, doc in enumerate(docs):
        vecs = ops.to_numpy(tokvecs[i]) if len(doc) else numpy.zeros((0, width), dtype="f")
        ents = list(doc.ents)  # the features look at the whole document's entities (as trained)
        text = doc_text(doc)
        view = _ListView(ents, text) if with_lists else None
        doc_regions, features = [], []
        for head, tail in get_candidates(doc):
            lo, hi = (head.end, tail.start) if head.end <= tail.start else (tail.end, head.start)
            pre = tail.start if view is None else view.list_start[tail.start]
            regions = [(head.start, head.end), (tail.start, tail.end), (lo, hi), (max(0, pre - PRE_TAIL), pre)]
            pair = [_pair_features(doc, head, tail, ents, text)]
            if view is not None:
                pair.append(_list_features(view, head, tail))
            features.append(numpy.concatenate(pair))
            doc_regions.append(regions)
            plan.append((i, regions))
        if doc_regions:
            rows.append(numpy.hstack([_mean_pool(vecs, numpy.asarray(doc_regions)), numpy.vstack(features)]))
    out = numpy.vstack(rows).astype("f") if rows else numpy.zeros((0, 4 * width + n_features), dtype="f")

    def backprop(d_out: Floats2d) -> List[Doc]:
        d_out = ops.to_numpy(d_out)
        d_vecs = [numpy.zeros((len(doc), width), dtype="f") for doc in docs]
        for row, (i, regions) in enumerate(plan):
            for k, (s, e) in enumerate(regions):
                if e > s:
                    d_vecs[i][s:e] += d_out[row, k * width:(k + 1) * width] / (e - s)
        bp_tokvecs([ops.asarray(d) for d in d_vecs])
        return docs

    return ops.asarray(out), backprop


@registry.architectures("policy_ie.RelationModel.v1")
def create_relation_model(
    tok2vec: Model[List[Doc], List[Floats2d]],
    get_candidates: Callable[[Doc], List[Tuple[Span, Span]]],
    hidden_width: int = 64,
    nO: int | None = None,
) -> Model[List[Doc], Floats2d]:
    """Pair classifier over pooled token vectors (softmax over none + labels)."""
    return _relation_model(tok2vec, get_candidates, hidden_width, nO, list_features=False)


@registry.architectures("policy_ie.RelationModel.v2")
def create_relation_model_v2(
    tok2vec: Model[List[Doc], List[Floats2d]],
    get_candidates: Callable[[Doc], List[Tuple[Span, Span]]],
    hidden_width: int = 64,
    nO: int | None = None,
) -> Model[List[Doc], Floats2d]:
    """``policy_ie.RelationModel.v1`` with the list features of :func:`_list_features`."""
    return _relation_model(tok2vec, get_candidates, hidden_width, nO, list_features=True)


def _relation_model(tok2vec, get_candidates, hidden_width, nO, list_features: bool) -> Model[List[Doc], Floats2d]:
    instances = instance_tensor(tok2vec, get_candidates, list_features)
    model = chain(instances, Maxout(nO=hidden_width, dropout=0.1, normalize=True), Softmax(nO=nO))
    model.attrs["get_candidates"] = get_candidates  # the pipe pairs its scores with these candidates
    return model
