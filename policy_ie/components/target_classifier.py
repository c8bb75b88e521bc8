"""Trained ``target`` flag for relations: a small classifier over sentence and document features.

``policy_ie_target_classifier`` scores every relation in ``doc._.rels`` as target / result
from the features of :mod:`policy_ie.components.target_features` (cue words in the sentence
and in the clause before the value, the years the sentence names against the report's own
year, the heading rules' section state and the last heading's numbering, the rules' own
flag, whether the report presents a plan; not where in the document the sentence stands, which
misled it on write-ups without headings). It reads a document in order and carries its
:class:`~policy_ie.components.target_features.DocumentState` from piece to piece like the
rules (:class:`~policy_ie.components.targets.CarriedState`). It learns from the gold
``target`` of the gold relations; at inference it flags the predicted ones.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc
from spacy.training import Example, validate_get_examples
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Config, Model, Optimizer, Relu, Softmax, chain, set_dropout_rate
from thinc.types import Floats2d

from ..scoring import accuracy
from .doc_views import doc_text, sentence_bounds, sentence_chars, sentence_of
from .labels import ConfigSettings
from .relations import _rel_key, gold_rels, softmax_loss
from .target_features import N_FEATURES, DocumentState, read_sentence, relation_features
from .targets import HEADING_MAX, CarriedState

for _name in ("document_state_at_start", "document_state_at_end"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

DEFAULT_MODEL = Config().from_str(
    """
[model]
@architectures = "policy_ie.TargetModel.v1"
hidden_width = 32
dropout = 0.1
"""
)["model"]


@registry.architectures("policy_ie.TargetModel.v1")
def create_target_model(hidden_width: int = 32, dropout: float = 0.1) -> Model[Floats2d, Floats2d]:
    """Relation feature rows → P(result), P(target): one hidden ReLU layer (``hidden_width`` 0:
    a logistic layer over the features alone)."""
    if not hidden_width:
        return Softmax(nO=2, nI=N_FEATURES)
    return chain(Relu(nO=hidden_width, nI=N_FEATURES, dropout=dropout), Softmax(nO=2, nI=hidden_width))


def read_document(doc: Doc, state: DocumentState, heading_max_chars: int = HEADING_MAX):
    """Read ``doc`` (a document or a piece of one) from ``state``; return, for every sentence
    with a relation, the sentence's ``(start char, text, state after it)`` by start token, and
    the state at the end (a fresh copy: ``state`` is left as it is)."""
    state = DocumentState.from_dict(state.to_dict())
    if not len(doc):
        return {}, state
    rel_starts = {r["tail_start"] for r in doc._.rels or []}
    bounds = sentence_bounds(doc) if doc.has_annotation("SENT_START") else [(0, len(doc))]
    starts = [s for s, _ in bounds]
    wanted = {sentence_of(starts, t) for t in rel_starts} if starts else set()
    text = doc_text(doc)
    sentences = {}
    for (start, _), (a, b) in zip(bounds, sentence_chars(doc, bounds)):
        read_sentence(text[a:b], state, heading_max_chars)
        if start in wanted:
            sentences[start] = (a, text[a:b], DocumentState.from_dict(state.to_dict()))
    return sentences, state


def doc_features(doc: Doc, rels: List[dict], state: DocumentState,
                 heading_max_chars: int = HEADING_MAX) -> tuple[numpy.ndarray, DocumentState]:
    """Feature rows of ``rels`` (relations of ``doc``, token offsets) read from ``state``; and the
    state ``doc`` ends in."""
    sentences, end = read_document(doc, state, heading_max_chars)
    starts = sorted(sentences)
    rows = []
    for r in rels:
        start = sentence_of(starts, r["tail_start"])
        a, sentence, at = sentences[start]
        value_char = doc[r["tail_start"]].idx
        value_end = doc[r["tail_end"] - 1].idx + len(doc[r["tail_end"] - 1])
        rows.append(relation_features(sentence, value_char - a, value_end - a, at))
    return (numpy.vstack(rows) if rows else numpy.zeros((0, N_FEATURES), dtype="f")), end


@Language.factory(
    "policy_ie_target_classifier",
    default_config={"model": DEFAULT_MODEL, "threshold": 0.5, "heading_max_chars": HEADING_MAX,
                    "scorer": {"@scorers": "policy_ie.target_scorer.v1"}},
    requires=["doc._.rels"],
    assigns=["doc._.rels", "doc._.plan_at_end", "doc._.document_state_at_end"],
    default_score_weights={"target_acc": 1.0},
)
def make_target_classifier(nlp: Language, name: str, model: Model, threshold: float, heading_max_chars: int,
                           scorer: Optional[Callable] = None):
    return TargetClassifier(nlp.vocab, model, name, threshold=threshold, heading_max_chars=heading_max_chars,
                            scorer=scorer)


class TargetClassifier(CarriedState, ConfigSettings, TrainablePipe):
    """Set ``target`` on every relation in ``doc._.rels`` by a trained classifier (see module doc).

    The state a Doc starts in: ``doc._.document_state_at_start`` (a dict) when set, else
    ``doc._.plan_at_start`` for the plan state alone, else the state the previous piece of
    its document ended in, else a fresh one; the state it ends in goes to
    ``doc._.document_state_at_end`` (and ``doc._.plan_at_end``).
    """

    LEARNED = ()  # cfg holds config settings only

    def __init__(self, vocab: Vocab, model: Model, name: str = "policy_ie_target_classifier", *,
                 threshold: float = 0.5, heading_max_chars: int = HEADING_MAX,
                 scorer: Optional[Callable] = None) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = score_targets if scorer is None else scorer
        self.cfg = {"threshold": threshold, "heading_max_chars": heading_max_chars}
        self._open: dict = {}  # document id -> the state its last piece so far ended in
        self._gold_states: dict = {}  # (document id, index) -> state at start, for training Docs

    def _start_state(self, doc: Doc) -> DocumentState:
        if doc._.document_state_at_start is not None:
            return DocumentState.from_dict(doc._.document_state_at_start)
        if doc._.plan_at_start is not None:
            return DocumentState(plan=bool(doc._.plan_at_start))
        return self.carried(doc, DocumentState())

    def predict(self, docs: Iterable[Doc]):
        """P(target) per relation of each doc; reads the docs in order, carrying the state."""
        rows = []
        for doc in docs:
            X, end = doc_features(doc, doc._.rels or [], self._start_state(doc), self.cfg["heading_max_chars"])
            doc._.document_state_at_end = end.to_dict()
            self.carry(doc, end)
            rows.append(X)
        X = numpy.vstack(rows) if rows else numpy.zeros((0, N_FEATURES), dtype="f")
        p = self.model.ops.to_numpy(self.model.predict(self.model.ops.asarray(X)))[:, 1] if len(X) else X[:, 0]
        return numpy.split(p, numpy.cumsum([len(x) for x in rows])[:-1]) if rows else []

    def set_annotations(self, docs: Iterable[Doc], scores) -> None:
        threshold = self.cfg["threshold"]
        for doc, p in zip(docs, scores):
            for r, score in zip(doc._.rels or [], p):
                r["target"] = bool(score >= threshold)
            doc._.plan_at_end = bool(doc._.document_state_at_end["plan"])

    # ------------------------------------------------------------------ training
    def _examples_features(self, examples: List[Example]) -> tuple[numpy.ndarray, numpy.ndarray]:
        rows, truth = [], []
        for eg in examples:
            ref = eg.reference
            rels = gold_rels(ref)
            if not rels:
                continue
            piece = ref._.document_piece
            state = self._gold_states.get((piece[0], piece[1])) if piece else None
            X, _ = doc_features(ref, rels, state or DocumentState(), self.cfg["heading_max_chars"])
            rows.append(X)
            truth.extend(bool(r["target"]) for r in rels)
        if not rows:
            return numpy.zeros((0, N_FEATURES), dtype="f"), numpy.zeros((0, 2), dtype="f")
        Y = numpy.zeros((len(truth), 2), dtype="f")
        Y[numpy.arange(len(truth)), numpy.asarray(truth, dtype="i")] = 1.0
        return numpy.vstack(rows), Y

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd: Optional[Optimizer] = None,
               losses: Optional[dict] = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        X, Y = self._examples_features(list(examples))
        if not len(X):
            return losses
        set_dropout_rate(self.model, drop)
        probs, backprop = self.model.begin_update(self.model.ops.asarray(X))
        loss, d_probs = softmax_loss(self.model.ops, probs, Y)
        backprop(d_probs)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def get_loss(self, examples: Iterable[Example], scores):
        X, Y = self._examples_features(list(examples))
        return softmax_loss(self.model.ops, self.model.predict(self.model.ops.asarray(X)), Y)

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language = None) -> None:
        """Read the training documents in order once (Docs that are pieces of a document,
        ``doc._.document_piece``), so each training Doc starts in its document's state."""
        validate_get_examples(get_examples, "TargetClassifier.initialize")
        self._gold_states = gold_states((eg.reference for eg in get_examples()), self.cfg["heading_max_chars"])
        X, Y = self._examples_features(list(get_examples())[:200])
        self.model.initialize(X=self.model.ops.asarray(X) if len(X) else None,
                              Y=self.model.ops.asarray(Y) if len(Y) else None)

    def from_disk(self, path, *, exclude=tuple()) -> "TargetClassifier":
        """As :class:`TrainablePipe`, with a clear error for weights of another feature set."""
        try:
            return super().from_disk(path, exclude=exclude)
        except ValueError as exc:
            if "dimension 'nI'" not in str(exc):
                raise
            raise ValueError(
                f"the target classifier was trained on another set of target features than this policy_ie "
                f"reads ({N_FEATURES}); retrain it on the pipeline: python -m spacy train "
                f"configs/policy_ie_targets.cfg (see the README)") from exc

    def add_label(self, label: str) -> int:
        raise NotImplementedError("the target classifier has two fixed classes (result, target)")

    @property
    def labels(self) -> tuple:
        return ()


def gold_states(docs: Iterable[Doc], heading_max_chars: int = HEADING_MAX) -> dict:
    """``{(document id, index): state at start}`` of Docs that are pieces of documents, read
    in the order of their index."""
    pieces = defaultdict(list)
    for doc in docs:
        piece = doc._.document_piece
        if piece is not None:
            pieces[piece[0]].append((int(piece[1]), doc))
    states = {}
    for document, items in pieces.items():
        state = DocumentState()
        for index, doc in sorted(items, key=lambda item: item[0]):
            states[(document, index)] = state
            _, state = read_document(doc, state, heading_max_chars)
    return states


def score_targets(examples: Iterable[Example], **kwargs) -> dict:
    """Target accuracy over the relations found in both the prediction and the reference."""
    correct = compared = 0
    for eg in examples:
        gold = {_rel_key(eg.reference, r): bool(r["target"]) for r in gold_rels(eg.reference)}
        for r in gold_rels(eg.predicted):
            key = _rel_key(eg.predicted, r)
            if key in gold:
                compared += 1
                correct += gold[key] == bool(r["target"])
    return {"target_acc": accuracy(correct, compared)}


@registry.scorers("policy_ie.target_scorer.v1")
def make_target_scorer() -> Callable:
    """The target classifier's scorer (``[components.X.scorer]``): ``target_acc``."""
    return score_targets
