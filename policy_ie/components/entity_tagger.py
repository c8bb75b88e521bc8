"""Trainable entity recogniser as a token tagger: one BILUO tag per token, no transitions.

A softmax over the shared tok2vec (spaCy's ``spacy.Tagger.v2`` architecture)
predicts ``O`` / ``B-`` / ``I-`` / ``L-`` / ``U-`` + label for every token, and
the best valid BILUO sequence under those probabilities (Viterbi) gives the
spans. Runs of tokens that are ``O`` with probability above ``o_threshold`` are
fixed as ``O``, so the dynamic programme only runs over the uncertain
stretches in between. Entities already
on the doc (the rule AMOUNT/PERCENT spans) win over predicted spans that
overlap them. It does the job of spaCy's transition-based ``ner`` at a fraction
of its cost on char tokens; see docs/EXPERIMENTS.md ("Recogniser type") for the measured trade-off.
"""
from __future__ import annotations

from itertools import islice
from typing import Callable, Dict, Iterable, List, Optional

import numpy
from spacy.language import Language
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from spacy.training import Example, validate_get_examples
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import Config, Model, SequenceCategoricalCrossentropy, set_dropout_rate

from ..lists import coordinated_names, distributed_items, items_before, list_groups, values_after
from ..known_names import collect_known_names, find_known, known_name_pattern
from ..metric_boundaries import learn_boundaries, metric_documents, rerank_metrics, token_inside_offsets
from ..metric_edges import growth_subject, mine_edge_words, trim_metric
from ..schema import METRIC, PROJECT, QUANTITY_LABELS, SLOGAN
from .doc_views import doc_text, sentence_start_tokens, token_texts
from .labels import CfgLabels, ConfigSettings

DEFAULT_MODEL = Config().from_str(
    """
[model]
@architectures = "spacy.Tagger.v2"
nO = null

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 64
depth = 2
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = false
"""
)["model"]


@Language.factory(
    "policy_ie_entity_tagger",
    default_config={"model": DEFAULT_MODEL, "overwrite": False, "trim_metric_edges": True,
                    "edge_word_min_count": 3, "known_slogan_min_docs": 3, "growth_subjects": True,
                    "distributed_lists": True, "project_lists": False,
                    "label_bias": {}, "metric_boundary_margin": 2.0,
                    "scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    assigns=["doc.ents"],
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_entity_tagger(nlp: Language, name: str, model: Model, overwrite: bool, trim_metric_edges: bool,
                       edge_word_min_count: int, known_slogan_min_docs: int, distributed_lists: bool,
                       project_lists: bool, growth_subjects: bool, label_bias: Dict[str, float],
                       metric_boundary_margin: Optional[float] = 2.0, scorer: Optional[Callable] = None):
    return EntityTagger(nlp.vocab, model, name, overwrite=overwrite, trim_metric_edges=trim_metric_edges,
                        edge_word_min_count=edge_word_min_count, known_slogan_min_docs=known_slogan_min_docs,
                        distributed_lists=distributed_lists, project_lists=project_lists,
                        growth_subjects=growth_subjects, label_bias=label_bias,
                        metric_boundary_margin=metric_boundary_margin, scorer=scorer)


class EntityTagger(CfgLabels, ConfigSettings, TrainablePipe):
    """Tag tokens with BILUO entity tags and set ``doc.ents`` from them.

    ``trim_metric_edges`` drops the words a METRIC leaves out from the edges of
    predicted METRICs (``policy_ie.metric_edges``), and the training corpus's own edge words:
    ``initialize`` collects the strings written at least ``edge_word_min_count`` times right before
    (after) a gold METRIC that begin (end) none (``mine_edge_words``; 0: none), stored with the
    component. It also collects the SLOGANs tagged in at least ``known_slogan_min_docs`` training
    documents and in 90% of their occurrences (营改增, 家电下乡; ``policy_ie.known_names``; 0: none) and
    tags them where no other entity lies; ``distributed_lists`` reads METRIC lists whose
    items each take a value, before 分别 or 均 (``policy_ie.lists``): a METRIC listing them is split
    (游客人数和总花费分别增长… → 游客人数, 总花费) and items left out before the first are added
    (对东盟、欧盟进出口分别增长… → 东盟); ``project_lists`` (off in the shipped pipelines: see
    docs/EXPERIMENTS.md) makes the names joined by 、 to a predicted PROJECT PROJECTs too
    (``policy_ie.lists.coordinated_names``); ``growth_subjects`` adds the METRIC
    经济 of ``经济增长`` + PERCENT where the tagger left it out; ``label_bias`` adds a constant to
    the scores of a label's tags before decoding (positive: more, longer spans).
    ``initialize`` also learns where the training corpus's METRICs start and end
    (``policy_ie.metric_boundaries``: weights of boundary features, stored with the component), and
    a predicted METRIC moves to a span within three characters of it that scores more than
    ``metric_boundary_margin`` above it (null: never).
    """

    LEARNED = ("labels", "edge_words", "known_slogans", "metric_boundaries")  # the rest of cfg: settings

    def __init__(self, vocab: Vocab, model: Model, name: str = "policy_ie_entity_tagger", *,
                 overwrite: bool = False, trim_metric_edges: bool = True, edge_word_min_count: int = 3,
                 known_slogan_min_docs: int = 3, distributed_lists: bool = True,
                 project_lists: bool = False, growth_subjects: bool = True,
                 label_bias: Optional[Dict[str, float]] = None, metric_boundary_margin: Optional[float] = 2.0,
                 scorer: Optional[Callable] = None) -> None:
        self.vocab = vocab
        self.model = model
        self.name = name
        self.scorer = scorer if scorer is not None else registry.scorers.get("spacy.ner_scorer.v1")()
        self.cfg = {"labels": [], "overwrite": overwrite, "trim_metric_edges": trim_metric_edges,
                    "edge_word_min_count": edge_word_min_count, "edge_words": {"leading": [], "trailing": []},
                    "known_slogan_min_docs": known_slogan_min_docs, "known_slogans": [],
                    "distributed_lists": distributed_lists, "project_lists": project_lists,
                    "growth_subjects": growth_subjects,
                    "label_bias": dict(label_bias or {}),
                    "metric_boundary_margin": metric_boundary_margin, "metric_boundaries": {}}

    @property
    def tags(self) -> list[str]:
        return ["O"] + [f"{p}-{label}" for label in self.labels for p in "BILU"]

    def predict(self, docs: Iterable[Doc]) -> List[numpy.ndarray]:
        docs = list(docs)
        if not any(len(d) for d in docs):
            return [numpy.zeros((len(d),), dtype="i") for d in docs]
        scores = self.model.predict(docs)
        decoder = self._decoder()
        return [decoder(self.model.ops.to_numpy(s)) for s in scores]

    def _decoder(self) -> "BiluoDecoder":
        """The decoder for the current tag set, built once (labels only change in training)."""
        key = (self.tags, tuple(sorted(self.cfg.get("label_bias", {}).items())))
        return self._derived("decoder", key, lambda k: BiluoDecoder(k[0], label_bias=dict(k[1])))

    def _derived(self, name: str, key, build: Callable):
        """``build(key)`` for what ``key`` (read from ``cfg``) determines, rebuilt only when it changes."""
        cache = self.__dict__.setdefault("_derived_cache", {})
        if name not in cache or cache[name][0] != key:
            cache[name] = (key, build(key))
        return cache[name][1]

    def set_annotations(self, docs: Iterable[Doc], tag_ids: List[numpy.ndarray]) -> None:
        tags = self.tags
        for doc, ids in zip(docs, tag_ids):
            spans = tags_to_spans(doc, [tags[i] for i in ids])
            if self.cfg.get("trim_metric_edges", True):
                lead, trail = self._edge_words()
                spans = [trimmed_metric(s, lead, trail) if s.label_ == "METRIC" else s for s in spans]
            existing = list(doc.ents)
            if self.cfg.get("metric_boundaries") and self.cfg.get("metric_boundary_margin") is not None:
                spans = self._rerank_metrics(doc, spans, existing)
            if self.cfg.get("distributed_lists", True):
                spans = _split_distributed(doc, spans, existing)
            if self.cfg.get("project_lists", False):
                spans = spans + _project_siblings(doc, spans, existing)
            if self.cfg["overwrite"]:
                existing, spans = spans, existing
            taken = _taken(doc, existing)
            new = []
            for s in spans:  # one at a time: a span overlapping one taken before it is left out
                if not taken[s.start:s.end].any():
                    taken[s.start:s.end] = True
                    new.append(s)
            if self.cfg.get("growth_subjects", True):
                new += _growth_subjects(doc, taken)
            new += _known(doc, self._known_pattern(), SLOGAN, taken)
            if new:
                doc.set_ents(sorted(existing + new, key=lambda s: s.start))

    def _rerank_metrics(self, doc: Doc, spans: List[Span], existing: List[Span]) -> List[Span]:
        """``spans`` with each METRIC moved to the span its learned boundaries prefer."""
        metrics = [s for s in spans if s.label_ == METRIC]
        if not metrics:
            return spans
        others = [(s.start_char, s.end_char) for s in list(existing) + spans if s.label_ != METRIC]
        moved = rerank_metrics(doc_text(doc), [(s.start_char, s.end_char) for s in metrics], others,
                               self.cfg["metric_boundaries"], self.cfg["metric_boundary_margin"],
                               token_inside_offsets(doc))
        new = {}
        for s, (a, b) in zip(metrics, moved):
            if (a, b) != (s.start_char, s.end_char):
                span = doc.char_span(a, b, label=METRIC)
                if span is not None and len(span):
                    new[s.start] = span
        return [new.get(s.start, s) if s.label_ == METRIC else s for s in spans] if new else spans

    def set_metric_boundaries(self, examples: Iterable[Example]) -> None:
        """Learn the METRIC boundaries of the gold Docs of ``examples`` (see the class doc)."""
        self.cfg["metric_boundaries"] = learn_boundaries(metric_documents(examples, METRIC))

    def set_corpus_state(self, get_examples: Callable[[], Iterable[Example]], *, boundaries: bool = True,
                         edge_min_count: Optional[int] = None, slogan_min_docs: Optional[int] = None) -> None:
        """All the tagger learns from its corpus besides its weights, from the gold Docs of
        ``get_examples()``: edge words, known SLOGANs and (unless ``boundaries`` is false: none) the
        METRIC boundary weights. ``initialize`` calls it; ``training/corpus_words.py`` sets them on a
        pipeline trained before."""
        self.set_edge_words(get_examples(), edge_min_count)
        self.set_known_slogans(get_examples(), slogan_min_docs)
        if boundaries:
            self.set_metric_boundaries(get_examples())
        else:
            self.cfg["metric_boundaries"] = {}

    def _edge_words(self) -> tuple[frozenset, frozenset]:
        """The stored edge words as sets, built once per change of ``cfg["edge_words"]``."""
        words = self.cfg.get("edge_words") or {}
        key = (tuple(words.get("leading", ())), tuple(words.get("trailing", ())))
        return self._derived("edge_words", key, lambda k: (frozenset(k[0]), frozenset(k[1])))

    def _known_pattern(self):
        """The pattern of the stored known SLOGANs, built once per change of the list."""
        return self._derived("known_slogans", tuple(self.cfg.get("known_slogans") or ()), known_name_pattern)

    def set_known_slogans(self, examples: Iterable[Example], min_docs: Optional[int] = None) -> None:
        """Collect the recurring SLOGANs of the gold Docs of ``examples`` (see the class doc)."""
        n = self.cfg.get("known_slogan_min_docs", 0) if min_docs is None else min_docs
        docs = []
        for i, eg in enumerate(examples):
            ref = eg.reference
            piece = ref._.document_piece
            docs.append((piece[0] if piece else f"#{i}", ref.text,
                         [(e.start_char, e.end_char) for e in ref.ents if e.label_ == SLOGAN]))
        self.cfg["known_slogans"] = collect_known_names(docs, min_docs=n) if n > 0 else []

    def set_edge_words(self, examples: Iterable[Example], min_count: Optional[int] = None) -> None:
        """Collect the edge words of the gold METRICs of ``examples`` (see the class doc)."""
        n = self.cfg.get("edge_word_min_count", 0) if min_count is None else min_count
        metrics = ((eg.reference.text, e.start_char, e.end_char) for eg in examples
                   for e in eg.reference.ents if e.label_ == METRIC)
        leading, trailing = mine_edge_words(metrics, n) if n > 0 else ([], [])
        self.cfg["edge_words"] = {"leading": leading, "trailing": trailing}

    def _truth(self, examples: List[Example]) -> list:
        out = []
        for eg in examples:
            tags = eg.get_aligned_ner()
            out.append([t if t not in ("-", "") else None for t in tags])
        return out

    def get_loss(self, examples: Iterable[Example], scores):
        examples = list(examples)
        loss_func = SequenceCategoricalCrossentropy(names=self.tags, normalize=False)
        d_scores, loss = loss_func(scores, self._truth(examples))
        return float(loss), d_scores

    def update(self, examples: Iterable[Example], *, drop: float = 0.0, sgd=None,
               losses: Optional[dict] = None) -> dict:
        losses = {} if losses is None else losses
        losses.setdefault(self.name, 0.0)
        examples = [eg for eg in examples if len(eg.predicted)]
        if not examples:
            return losses
        set_dropout_rate(self.model, drop)
        scores, backprop = self.model.begin_update([eg.predicted for eg in examples])
        loss, d_scores = self.get_loss(examples, scores)
        backprop(d_scores)
        if sgd is not None:
            self.finish_update(sgd)
        losses[self.name] += loss
        return losses

    def initialize(self, get_examples: Callable[[], Iterable[Example]], *, nlp: Language = None,
                   labels: Optional[List[str]] = None) -> None:
        validate_get_examples(get_examples, "EntityTagger.initialize")
        if labels is None:
            labels = sorted({e.label_ for eg in get_examples() for e in eg.reference.ents})
        for label in labels:
            self.add_label(label)
        self.set_corpus_state(get_examples)
        docs = [eg.predicted for eg in islice(get_examples(), 10) if len(eg.predicted)]
        tags = self.tags
        sample = [numpy.zeros((len(d), len(tags)), dtype="f") for d in docs]
        self.model.initialize(X=docs, Y=sample)


def _taken(doc: Doc, spans: Iterable[Span]) -> numpy.ndarray:
    """A mask over ``doc``'s tokens, true where one of ``spans`` lies."""
    taken = numpy.zeros((len(doc),), dtype=bool)
    for e in spans:
        taken[e.start:e.end] = True
    return taken


def _split_distributed(doc: Doc, spans: List[Span], existing: List[Span]) -> List[Span]:
    """``spans`` with each METRIC that lists items each taking a value split into its items."""
    values = [(e.start_char, e.end_char) for e in existing if e.label_ in QUANTITY_LABELS]
    values += [(e.start_char, e.end_char) for e in spans if e.label_ in QUANTITY_LABELS
               and not any(a < e.end_char and e.start_char < b for a, b in values)]
    if not values:
        return spans
    text = doc_text(doc)
    metrics = sorted((s for s in spans if s.label_ == METRIC), key=lambda s: s.start_char)
    split: dict = {}
    runs: list = []
    for m, (pos, _) in zip(metrics, list_groups(metrics, text)):
        if pos == 0:
            runs.append([])
        runs[-1].append(m)
    for run in runs:
        items = distributed_items(text, [(m.start_char, m.end_char) for m in run], values)
        for m, offsets in zip(run, items):
            if len(offsets) > 1:
                parts = [doc.char_span(a, b, label=METRIC) for a, b in offsets]
                if all(p is not None and len(p) for p in parts):
                    split[m.start] = parts
    out = []
    for s in spans:
        out += split.get(s.start, [s]) if s.label_ == METRIC else [s]
    return out + _items_left_out(doc, out, existing, values)


_MAX_ITEMS = 4


def _items_left_out(doc: Doc, spans: List[Span], existing: List[Span], values: list) -> List[Span]:
    """METRICs for the items written before the first METRIC of a list whose items each take a
    value, where the tagger found fewer items than 分别 has values (all of them before 均/都)."""
    text = doc_text(doc)
    metrics = sorted((s for s in spans if s.label_ == METRIC), key=lambda s: s.start_char)
    taken = _taken(doc, list(existing) + list(spans))
    groups = list_groups(metrics, text)
    out = []
    for i, (pos, size) in enumerate(groups):
        if pos != size - 1:
            continue
        how, k = values_after(text, metrics[i].end_char, values)
        missing = k - size if how == "respectively" else _MAX_ITEMS if how == "each" else 0
        if missing <= 0:
            continue
        for a, b in items_before(text, metrics[i - pos].start_char, missing):
            item = doc.char_span(a, b, label=METRIC)
            if item is not None and len(item) and not taken[item.start:item.end].any():
                taken[item.start:item.end] = True
                out.append(item)
    return out


def _project_siblings(doc: Doc, spans: List[Span], existing: List[Span]) -> List[Span]:
    """PROJECTs for the names joined by 、 to a predicted PROJECT (中石化催化剂、中海油新材料、…等重点项目)."""
    projects = [s for s in spans if s.label_ == PROJECT]
    if not projects:
        return []
    text = doc_text(doc)
    taken = _taken(doc, list(existing) + list(spans))
    out = []
    for p in projects:
        for a, b in coordinated_names(text, p.start_char, p.end_char):
            name = doc.char_span(a, b, label=PROJECT)
            if name is not None and len(name) and not taken[name.start:name.end].any():
                taken[name.start:name.end] = True
                out.append(name)
    return out


def _known(doc: Doc, pattern, label: str, taken: numpy.ndarray) -> List[Span]:
    """``label`` spans for the known names of ``pattern`` in ``doc`` where no entity lies."""
    out = []
    for a, b in find_known(doc_text(doc), pattern):
        span = doc.char_span(a, b, label=label)
        if span is not None and len(span) and not taken[span.start:span.end].any():
            taken[span.start:span.end] = True
            out.append(span)
    return out


def _growth_subjects(doc: Doc, taken: numpy.ndarray) -> List[Span]:
    """METRIC 经济 of ``经济增长`` + PERCENT where no entity covers it (``metric_edges.growth_subject``)."""
    out = []
    for e in doc.ents:
        if e.label_ != "PERCENT":
            continue
        span = growth_subject(doc_text(doc), e.start_char)
        if span is not None:
            m = doc.char_span(*span, label="METRIC")
            if m is not None and not taken[m.start:m.end].any():
                taken[m.start:m.end] = True
                out.append(m)
    return out


def _is_edge_junk(text: str) -> bool:
    """A token with no letter, digit or CJK character (quotes, brackets, 、，>)."""
    return not any(ch.isalnum() for ch in text)


_KEPT_AT_END = {"+"}  # formula slogans end with it: “人工智能+”, “高铁+”
_MARKUP = set("<>")  # a span holding markup (script>alert) is no name: left out


def trimmed_metric(span: Span, leading: frozenset = frozenset(), trailing: frozenset = frozenset()) -> Span:
    """``span`` without the words a METRIC leaves out at its edges (whole tokens only)."""
    a, b = trim_metric(span.text, leading, trailing)
    if (a, b) == (0, len(span.text)):
        return span
    trimmed = span.doc.char_span(span.start_char + a, span.start_char + b, label=span.label_,
                                 alignment_mode="contract")
    return trimmed if trimmed is not None and len(trimmed) else span


def tags_to_spans(doc: Doc, tags: List[str]) -> List[Span]:
    """Spans from a BILUO tag sequence, read leniently (see module doc); a span
    ends at whitespace and at a sentence start, and loses punctuation at its edges; a span
    with markup inside (``<``, ``>``) is dropped."""
    spans: List[Span] = []
    start, label = -1, ""

    def close(end: int) -> None:
        if start >= 0:
            add(start, end, label)

    def add(s: int, e: int, lab: str) -> None:
        while s < e and _is_edge_junk(texts[s]):  # spans never start or end with
            s += 1                                # quotes, brackets or other punctuation
        while e > s and _is_edge_junk(texts[e - 1]) and texts[e - 1] not in _KEPT_AT_END:
            e -= 1
        if e > s and not any(ch in _MARKUP for t in texts[s:e] for ch in t):
            spans.append(Span(doc, s, e, label=lab))

    texts = token_texts(doc)
    sent_start = set(sentence_start_tokens(doc)) if doc.has_annotation("SENT_START") else set()
    for i, tag in enumerate(tags):
        if tag == "O" or texts[i].isspace():  # no span holds a line break or other whitespace
            close(i)
            start = -1
            continue
        if start >= 0 and i in sent_start:  # nor crosses a sentence start
            close(i)
            start = -1
        prefix, lab = tag[0], tag[2:]
        if prefix in "IL" and start >= 0 and lab == label:
            if prefix == "L":
                close(i + 1)
                start = -1
            continue
        close(i)
        if prefix in "UL":
            add(i, i + 1, lab)
            start = -1
        else:  # B, or an I without its B
            start, label = i, lab
    close(len(tags))
    return spans


RUNS_PER_STEP = 256  # runs decoded side by side (sorted by length, so little padding)


class BiluoDecoder:
    """Best valid BILUO tag sequence for a (tokens × tags) matrix of scores (logits)."""

    def __init__(self, tags: List[str], o_threshold: float = 0.98,
                 label_bias: Optional[Dict[str, float]] = None) -> None:
        n = len(tags)
        prefix = [t[0] for t in tags]
        label = [t[2:] for t in tags]
        allowed = numpy.zeros((n, n), dtype=bool)
        for a in range(n):
            for b in range(n):
                if prefix[a] in "OLU":
                    allowed[a, b] = prefix[b] in "OBU"
                else:
                    allowed[a, b] = prefix[b] in "IL" and label[b] == label[a]
        self.trans = numpy.where(allowed, 0.0, -numpy.inf).astype("f")
        self.start = numpy.asarray([0.0 if p in "OBU" else -numpy.inf for p in prefix], dtype="f")
        self.end = numpy.asarray([0.0 if p in "OLU" else -numpy.inf for p in prefix], dtype="f")
        self.o_threshold = o_threshold
        bias = label_bias or {}
        self.bias = numpy.asarray([bias.get(lab, 0.0) for lab in label], dtype="f")

    def __call__(self, scores: numpy.ndarray) -> numpy.ndarray:
        out = numpy.zeros((len(scores),), dtype="i")
        if not len(scores):
            return out
        scores = scores + self.bias
        shifted = scores - scores.max(axis=1, keepdims=True)
        logp = shifted - numpy.log(numpy.exp(shifted).sum(axis=1, keepdims=True))
        sure_o = logp[:, 0] >= numpy.log(self.o_threshold)
        # decode each run of tokens that are not surely O on its own; runs of alike length side by side
        edges = numpy.flatnonzero(numpy.diff(numpy.concatenate(([True], sure_o, [True])).astype("i1")))
        starts, lengths = edges[::2], edges[1::2] - edges[::2]
        order = numpy.argsort(lengths, kind="stable")
        for k in range(0, len(order), RUNS_PER_STEP):
            group = order[k:k + RUNS_PER_STEP]
            paths = self._viterbi_runs(logp, starts[group], lengths[group])
            for start, length, path in zip(starts[group].tolist(), lengths[group].tolist(), paths):
                out[start:start + length] = path[:length]
        return out

    def _viterbi_runs(self, logp: numpy.ndarray, starts: numpy.ndarray, lengths: numpy.ndarray) -> numpy.ndarray:
        """The best path of each run (``logp[start:start + length]``), one row per run (padded to
        the longest): one Viterbi step over all the runs at once per position."""
        n_runs, n_tags, longest = len(starts), logp.shape[1], int(lengths.max())
        at = numpy.minimum(starts[:, None] + numpy.arange(longest)[None, :], len(logp) - 1)
        steps = logp[at]  # (runs, positions, tags); positions past a run's end are not used
        score = self.start[None, :] + steps[:, 0]
        back = numpy.zeros((n_runs, longest, n_tags), dtype="i")
        for k in range(1, longest):
            cand = score[:, :, None] + self.trans[None, :, :]
            back[:, k] = cand.argmax(axis=1)
            live = (k < lengths)[:, None]
            score = numpy.where(live, cand.max(axis=1) + steps[:, k], score)
        path = numpy.zeros((n_runs, longest), dtype="i")
        rows = numpy.arange(n_runs)
        path[rows, lengths - 1] = (score + self.end[None, :]).argmax(axis=1)
        for k in range(longest - 1, 0, -1):
            live = k < lengths
            path[live, k - 1] = back[rows[live], k, path[live, k]]
        return path
