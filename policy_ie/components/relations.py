"""Trainable relation component: links each AMOUNT/PERCENT to its METRIC (VALUE / CHANGE).

Predictions go to ``doc._.rels``: a list of dicts with token offsets
``head_start, head_end, tail_start, tail_end``, ``label``, ``score``,
``target`` (set by the ``policy_ie_targets`` component) and, on a CHANGE only,
``direction`` (``policy_ie.direction.relation_direction`` on the doc's text; its
``default_direction`` when no change word is found). Gold docs carry the same list.
The pairs it classifies come from the model's ``get_candidates`` (``model.attrs``, set
from the config, as in Explosion's rel_component); its scores (``rel_micro_p/r/f``) from
the registered ``policy_ie.relation_scorer.v1``.
"""
from __future__ import annotations

from itertools import islice
from typing import Callable, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.scorer import PRFScore
from spacy.tokens import Doc
from spacy.training import Example, validate_get_examples
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer, set_dropout_rate

from ..direction import DEFAULT_DIRECTION, is_change_verb, relation_direction
from ..lists import EACH, list_groups
from ..schema import DIRECTIONS, METRIC, QUANTITY_LABELS, RELATION_LABELS
from ..scoring import count
from .doc_views import doc_text
from .labels import CfgLabels, ConfigSettings

if not Doc.has_extension("rels"):
    Doc.set_extension("rels", default=None)

DEFAULT_LABELS = RELATION_LABELS

DEFAULT_MODEL = Config().from_str(
    """
[model]
@architectures = "policy_ie.RelationModel.v2"
hidden_width = 64

[model.get_candidates]
@misc = "policy_ie.candidate_pairs.v1"

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 64
attrs = ["NORM", "SHAPE"]
rows = [5000, 500]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 64
depth = 2
window_size = 1
maxout_pieces = 3
"""
)["model"]


def gold_rels(doc: Doc) -> List[dict]:
    return doc._.rels or []


def softmax_loss(ops, scores, truth: numpy.ndarray):
    """Cross-entropy of softmax ``scores`` against one-hot ``truth`` rows, and its gradient
    (mean over the rows)."""
    probs = ops.to_numpy(scores)
    loss = float(-(truth * numpy.log(numpy.clip(probs, 1e-8, 1.0))).sum())
    return loss, ops.asarray(((probs - truth) / max(1, len(truth))).astype("f"))


def _rel_key(doc: Doc, r: dict) -> tuple:
    """A relation's identity by character offsets (tokenisation-independent)."""
    return (
        doc[r["head_start"]].idx,
        doc[r["head_end"] - 1].idx + len(doc[r["head_end"] - 1]),
        doc[r["tail_start"]].idx,
        doc[r["tail_end"] - 1].idx + len(doc[r["tail_end"] - 1]),
    )


def _with_gold_entities(eg: Example) -> Doc:
    """A copy of the predicted doc carrying the reference entities and sentences."""
    pred, ref = eg.predicted, eg.reference
    doc = Doc(pred.vocab, words=[t.text for t in pred], spaces=[bool(t.whitespace_) for t in pred])
    if pred.tensor.size:
        doc.tensor = pred.tensor  # what a frozen, annotating tok2vec left for the listener
    ents = []
    for ent in ref.ents:
        span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_, alignment_mode="expand")
        if span is not None:
            ents.append(span)
    doc.set_ents(ents)
    return doc


@Language.factory(
    "policy_ie_relations",
    default_config={"model": DEFAULT_MODEL, "threshold": 0.5, "one_head_per_value": True,
                    "coordinated_heads": False, "drop_unlinked_metrics": True, "default_direction": DEFAULT_DIRECTION,
                    "change_verbs": True, "scorer": {"@scorers": "policy_ie.relation_scorer.v1"}},
    requires=["doc.ents"],
    assigns=["doc._.rels"],
    default_score_weights={"rel_micro_f": 1.0, "rel_micro_p": 0.0, "rel_micro_r": 0.0},
)
def make_relation_extractor(nlp: Language, name: str, model: Model, threshold: float, one_head_per_value: bool,
                            drop_unlinked_metrics: bool, coordinated_heads: bool = False,
                            default_direction: str = DEFAULT_DIRECTION, change_verbs: bool = True,
                            scorer: Optional[Callable] = None):
    return RelationExtractor(nlp.vocab, model, name, threshold=threshold, one_head_per_value=one_head_per_value,
                             coordinated_heads=coordinated_heads, drop_unlinked_metrics=drop_unlinked_metrics,
                             default_direction=default_direction, change_verbs=change_verbs, scorer=scorer)


class RelationExtractor(CfgLabels, ConfigSettings, TrainablePipe):
    """Classify every METRIC × AMOUNT/PERCENT pair of a sentence as none / VALUE / CHANGE.

    With ``drop_unlinked_metrics`` a predicted METRIC that heads no relation is removed
    from ``doc.ents``: the guidelines annotate a METRIC only when a value is attached.
    With ``one_head_per_value`` each value keeps its best METRIC only, and with
    ``coordinated_heads`` also the METRICs coordinated with that one (:func:`_coordinated_heads`).
    With ``change_verbs`` a relation whose METRIC is followed by nothing but a change verb (增加,
    减少, 提高 …; :data:`policy_ie.direction.CHANGE_VERBS`) before its value is a CHANGE
    (农村贫困人口减少1442万人), as the guidelines read 地区生产总值增长5%.
    Every CHANGE gets a ``direction``: its change word's, else ``default_direction``.
    """

    def __init__(self, vocab: Vocab, model: Model, name: str = "policy_ie_relations", *,
                 threshold: float = 0.5, one_head_per_value: bool = True, coordinated_heads: bool = False,
                 drop_unlinked_metrics: bool = True, default_direction: str = DEFAULT_DIRECTION,
                 change_verbs: bool = True, scorer: Optional[Callable] = None) -> None:
        if default_direction not in DIRECTIONS:
            raise ValueError(f"default_direction must be one of {DIRECTIONS}, not {default_direction!r}")
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = score_relations if scorer is None else scorer
        self.cfg = {"labels": [], "threshold": threshold, "one_head_per_value": one_head_per_value,
                    "coordinated_heads": coordinated_heads,
                    "drop_unlinked_metrics": drop_unlinked_metrics, "default_direction": default_direction,
                    "change_verbs": change_verbs}

    @property
    def _classes(self) -> list:
        return [None] + list(self.labels)

    @property
    def get_candidates(self) -> Callable:
        """The model's candidate function (``[model.get_candidates]`` in the config)."""
        return self.model.attrs["get_candidates"]

    def predict(self, docs: Iterable[Doc]):
        docs = list(docs)
        if not any(self.get_candidates(d) for d in docs):
            return numpy.zeros((0, len(self._classes)), dtype="f")
        return self.model.ops.to_numpy(self.model.predict(docs))

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        row = 0
        threshold = self.cfg["threshold"]
        get_candidates = self.get_candidates
        for doc in docs:
            best: dict = {}
            passing: dict = {}  # tail start -> every relation over the threshold
            weak: dict = {}  # (head start, tail start) -> the probability of a relation, under the threshold
            rels = []
            for head, tail in get_candidates(doc):
                probs = scores[row]
                row += 1
                k = int(probs[1:].argmax()) + 1 if len(probs) > 1 else 0
                p = float(probs[k]) if k else 0.0
                if not k or p < threshold or p <= float(probs[0]):
                    if k:
                        weak[(head.start, tail.start)] = float(probs[1:].sum())
                    continue
                rel = {"head_start": head.start, "head_end": head.end, "tail_start": tail.start,
                       "tail_end": tail.end, "label": self._classes[k], "score": round(p, 4), "target": None}
                if self.cfg["one_head_per_value"]:
                    passing.setdefault(tail.start, []).append(rel)
                    if tail.start not in best or best[tail.start]["score"] < rel["score"]:
                        best[tail.start] = rel
                else:
                    rels.append(rel)
            rels.extend(best.values())
            if best and self.cfg.get("coordinated_heads", False):
                rels.extend(_coordinated_heads(doc, best, passing, weak))
            rels.sort(key=lambda r: (r["head_start"], r["tail_start"]))
            if self.cfg.get("change_verbs", True) and "CHANGE" in self.labels:
                self._change_after_verbs(doc, rels)
            self._set_directions(doc, rels)
            doc._.rels = rels
            if self.cfg.get("drop_unlinked_metrics", True):
                heads = {(r["head_start"], r["head_end"]) for r in rels}
                doc.ents = [e for e in doc.ents if e.label_ != "METRIC" or (e.start, e.end) in heads]

    def _change_after_verbs(self, doc: Doc, rels: List[dict]) -> None:
        """CHANGE for each VALUE of ``rels`` whose METRIC and value only a change verb separates
        (its ``score`` stays the model's)."""
        text = None
        for r in rels:
            if r["label"] == "VALUE":
                text = doc_text(doc) if text is None else text
                head, tail = doc[r["head_start"]:r["head_end"]], doc[r["tail_start"]:r["tail_end"]]
                if head.end_char <= tail.start_char and is_change_verb(text[head.end_char:tail.start_char]):
                    r["label"] = "CHANGE"

    def _set_directions(self, doc: Doc, rels: List[dict]) -> None:
        """``direction`` on each CHANGE of ``rels`` (never on a VALUE)."""
        text = None
        for r in rels:
            if r["label"] == "CHANGE":
                text = doc_text(doc) if text is None else text
                head, tail = doc[r["head_start"]:r["head_end"]], doc[r["tail_start"]:r["tail_end"]]
                r["direction"] = (relation_direction(text, (head.start_char, head.end_char),
                                                     (tail.start_char, tail.end_char))
                                  or self.cfg.get("default_direction", DEFAULT_DIRECTION))

    def _gold_matrix(self, examples: List[Example], docs: List[Doc]) -> numpy.ndarray:
        rows = []
        index = {label: i + 1 for i, label in enumerate(self.labels)}
        for eg, doc in zip(examples, docs):
            gold = {_rel_key(eg.reference, r): r["label"] for r in gold_rels(eg.reference)}
            for head, tail in self.get_candidates(doc):
                key = (head.start_char, head.end_char, tail.start_char, tail.end_char)
                y = numpy.zeros((len(self._classes),), dtype="f")
                y[index.get(gold.get(key), 0)] = 1.0
                rows.append(y)
        return numpy.vstack(rows) if rows else numpy.zeros((0, len(self._classes)), dtype="f")

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optional[Optimizer] = None,
               losses: Optional[dict] = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = list(examples)
        docs = [_with_gold_entities(eg) for eg in examples]
        if not any(self.get_candidates(d) for d in docs):
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update(docs)
        truth = self._gold_matrix(examples, docs)
        loss, d_scores = self._loss(scores, truth)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def _loss(self, scores, truth):
        return softmax_loss(self.model.ops, scores, truth)

    def get_loss(self, examples: Iterable[Example], scores):
        examples = list(examples)
        docs = [_with_gold_entities(eg) for eg in examples]
        return self._loss(scores, self._gold_matrix(examples, docs))

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language = None,
                   labels: Optional[List[str]] = None) -> None:
        validate_get_examples(get_examples, "RelationExtractor.initialize")
        if labels is None:
            found = {r["label"] for eg in get_examples() for r in gold_rels(eg.reference)}
            labels = [lab for lab in DEFAULT_LABELS if lab in found] + sorted(found - set(DEFAULT_LABELS))
        for label in labels or DEFAULT_LABELS:
            self.add_label(label)
        sample = [eg for eg in islice(get_examples(), 50)]
        docs = [_with_gold_entities(eg) for eg in sample]
        n = max(1, sum(len(self.get_candidates(d)) for d in docs))
        self.model.initialize(X=docs, Y=numpy.zeros((n, len(self._classes)), dtype="f"))


def _coordinated_heads(doc: Doc, best: dict, passing: dict, weak: Optional[dict] = None) -> List[dict]:
    """The relations over the threshold whose METRIC is in one coordinated list with the best
    head of their value, for values outside a list of values: 基本养老保险、基本医疗保险参保率均达到95%
    links both METRICs (a value each item takes), 分别达99.9%、94.5% one per value. When 均/都
    follows the list directly (each item takes the value: CONVENTIONS.md, Lists), every item is
    linked, also those under the threshold (``weak``: (head start, tail start) → probability), with
    the best head's label."""
    text = doc_text(doc)
    metrics = [e for e in doc.ents if e.label_ == METRIC]
    values = [e for e in doc.ents if e.label_ in QUANTITY_LABELS]
    groups = list_groups(metrics, text)
    list_of = {m.start: metrics[i - pos].start for i, (m, (pos, _)) in enumerate(zip(metrics, groups))}
    members: dict = {}
    for m in metrics:
        members.setdefault(list_of[m.start], []).append(m)
    value_list_size = {v.start: size for v, (_, size) in zip(values, list_groups(values, text))}
    extra = []
    for tail, rel in best.items():
        if value_list_size.get(tail, 1) > 1:
            continue
        group = list_of.get(rel["head_start"])
        linked = [r for r in passing[tail] if r is not rel and group is not None
                  and list_of.get(r["head_start"]) == group]
        extra.extend(linked)
        items = members.get(group, [])
        if weak and len(items) > 1 and items[-1].start < tail and EACH.match(text, items[-1].end_char):
            have = {rel["head_start"]} | {r["head_start"] for r in linked}
            for m in items:
                if m.start not in have and (m.start, tail) in weak:
                    extra.append(dict(rel, head_start=m.start, head_end=m.end,
                                      score=round(weak[(m.start, tail)], 4)))
    return extra


def score_relations(examples: Iterable[Example], **kwargs) -> dict:
    """Micro P/R/F of predicted vs gold relations (span offsets + label must match)."""
    score = PRFScore()
    for eg in examples:
        count((_rel_key(eg.reference, r) + (r["label"],) for r in gold_rels(eg.reference)),
              (_rel_key(eg.predicted, r) + (r["label"],) for r in gold_rels(eg.predicted)), score)
    return {"rel_micro_p": score.precision, "rel_micro_r": score.recall, "rel_micro_f": score.fscore}


@registry.scorers("policy_ie.relation_scorer.v1")
def make_relation_scorer() -> Callable:
    """The relation pipe's scorer (``[components.policy_ie_relations.scorer]``)."""
    return score_relations
