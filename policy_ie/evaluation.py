"""Score predictions against gold records: entities, relations, target, direction, values.

Gold records of one document are joined (one per line) into the document text
and parsed whole, so sentence splitting and plan/review sections are tested as
users run them. Relations are also scored apart on list sentences (gold records with
分别 or two METRICs joined by 、/和/及/与: :func:`policy_ie.lists.is_list_sentence`)
and on the other sentences, a relation belonging to the sentence of its value.
``traditional=True`` converts that text to traditional script first (OpenCC s2t,
length-preserving) and scores the same gold spans.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from typing import Callable, Iterable

from spacy.scorer import PRFScore

from .lists import is_list_sentence
from .schema import LABELS, QUANTITY_LABELS, same_reading
from .scoring import accuracy, count, prf


def group_documents(records: Iterable[dict]) -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        docs[rec.get("meta", {}).get("doc", "?")].append(rec)
    for recs in docs.values():
        recs.sort(key=lambda r: (r.get("meta", {}).get("start", 0)))
    return dict(docs)


def join_document(records: list[dict]) -> tuple[str, list[dict], list[dict]]:
    """One text for a document's records, with entities/relations in its offsets."""
    parts, ents, rels, pos = [], [], [], 0
    for rec in records:
        base = len(ents)
        for e in rec["entities"]:
            ents.append(dict(e, start=e["start"] + pos, end=e["end"] + pos))
        for r in rec["relations"]:
            rels.append(dict(r, head=r["head"] + base, tail=r["tail"] + base))
        parts.append(rec["text"])
        pos += len(rec["text"]) + 1
    return "\n".join(parts), ents, rels


def list_sentence_spans(records: list[dict]) -> list[tuple[int, int]]:
    """The offsets, in the text of :func:`join_document`, of the records that are list sentences."""
    spans, pos = [], 0
    for rec in records:
        if is_list_sentence(rec["text"], sorted(rec["entities"], key=lambda e: e["start"])):
            spans.append((pos, pos + len(rec["text"])))
        pos += len(rec["text"]) + 1
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    i = bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


SENTENCE_PARTS = ("list", "other")


def overlap_matches(gold: dict, pred: dict) -> int:
    """How many predicted relations match a gold one one-to-one with the same value span and label
    and a METRIC span that overlaps the gold METRIC (``keyed`` relations: (head start, head end,
    tail start, tail end, tail label) → relation). The exact match counts first; then, per value,
    the overlapping heads in order. A reader's question, "is this number tied to the indicator the
    text means", forgives a METRIC span a word too long or short; the exact scores do not."""
    by_value: dict[tuple, list[tuple]] = defaultdict(list)
    for k, r in pred.items():
        by_value[(k[2], k[3], k[4], r["label"])].append(k)
    exact = {k for k, r in gold.items() if k in pred and pred[k]["label"] == r["label"]}  # counted first
    used = set(exact)  # predicted relations matched
    matched = len(exact)
    for k, r in sorted(gold.items()):
        if k in exact:
            continue
        for c in by_value.get((k[2], k[3], k[4], r["label"]), ()):
            if c not in used and c[0] < k[1] and k[0] < c[1]:
                used.add(c)
                matched += 1
                break
    return matched


class Scorer:
    """Accumulates counts over documents; ``result()`` gives the report dict."""

    def __init__(self) -> None:
        self.ent = {lab: PRFScore() for lab in LABELS}
        self.rel = PRFScore()
        self.rel_part = {part: PRFScore() for part in SENTENCE_PARTS}
        self.rel_lenient = PRFScore()  # the METRIC span overlapping the gold one (see overlap_matches)
        self.list_sentences = 0
        self.target = [0, 0]  # correct, compared
        self.direction = [0, 0]  # correct, compared (CHANGE in gold and prediction)
        self.value = [0, 0]  # correct, compared
        self.documents = 0

    def add(self, gold_ents, gold_rels, pred_ents, pred_rels, list_spans=()) -> None:
        """Score one document; ``list_spans`` are the offsets of its list sentences."""
        self.documents += 1
        self.list_sentences += len(list_spans)
        g = {(e["start"], e["end"], e["label"]): e for e in gold_ents}
        p = {(e["start"], e["end"], e["label"]): e for e in pred_ents}
        for lab in LABELS:
            count((k for k in g if k[2] == lab), (k for k in p if k[2] == lab), self.ent[lab])
        for k in g.keys() & p.keys():
            if k[2] in QUANTITY_LABELS:
                self.value[1] += 1
                self.value[0] += same_reading(g[k], p[k])

        def keyed(ents, rels):
            out = {}
            for r in rels:
                h, t = ents[r["head"]], ents[r["tail"]]
                out[(h["start"], h["end"], t["start"], t["end"], t["label"])] = r
            return out

        gr, pr = keyed(gold_ents, gold_rels), keyed(pred_ents, pred_rels)
        count((k + (r["label"],) for k, r in gr.items()), (k + (r["label"],) for k, r in pr.items()), self.rel)
        matched = overlap_matches(gr, pr)
        self.rel_lenient.tp += matched
        self.rel_lenient.fp += len(pr) - matched
        self.rel_lenient.fn += len(gr) - matched
        spans = sorted(list_spans)
        for part, score in self.rel_part.items():
            def mine(rels, in_list=part == "list"):
                return (k + (r["label"],) for k, r in rels.items() if _inside(spans, k[2]) == in_list)
            count(mine(gr), mine(pr), score)
        for k in gr.keys() & pr.keys():
            self.target[1] += 1
            self.target[0] += int(bool(gr[k]["target"]) == bool(pr[k]["target"]))
            if gr[k]["label"] == pr[k]["label"] == "CHANGE":
                self.direction[1] += 1
                self.direction[0] += int(gr[k].get("direction") == pr[k].get("direction"))

    def result(self) -> dict:
        micro = sum(self.ent.values(), PRFScore())
        return {
            "entities": {"micro": prf(micro), "per_label": {lab: prf(c) for lab, c in self.ent.items()}},
            "relations": prf(self.rel),
            "relations_by_sentence": {part: prf(score) for part, score in self.rel_part.items()},
            "relations_lenient": prf(self.rel_lenient),
            "list_sentences": self.list_sentences,
            "target_accuracy": accuracy(*self.target),
            "target_n": self.target[1],
            "direction_accuracy": accuracy(*self.direction),
            "direction_n": self.direction[1],
            "value_accuracy": accuracy(*self.value),
            "value_n": self.value[1],
            "documents": self.documents,
        }


KINDS = (("national-", "national"), ("report-2026-", "provincial-2026"), ("seed-", "seed"))


def document_kind(doc_id: str) -> str:
    """The kind of document a corpus doc id names: national, provincial-2026, seed or other."""
    return next((kind for prefix, kind in KINDS if doc_id.startswith(prefix)), "other")


def evaluate_records(records: Iterable[dict], parse: Callable, *, traditional: bool = False) -> dict:
    """Parse each document of ``records`` with ``parse(text)`` and score it, overall and per
    kind of document (``by_kind``, see :func:`document_kind`)."""
    scorer = Scorer()
    kinds: dict[str, Scorer] = defaultdict(Scorer)
    n_docs = score_documents(records, parse, scorer, traditional=traditional, by_kind=kinds)
    out = scorer.result()
    out["documents"] = n_docs
    out["by_kind"] = {kind: kinds[kind].result() for kind in sorted(kinds)}
    return out


def score_documents(records: Iterable[dict], parse: Callable, *scorers: Scorer, traditional: bool = False,
                    by_kind: dict | None = None) -> int:
    """Parse each document of ``records`` and add it to every scorer (and to ``by_kind[kind]``
    when given); return the document count."""
    n_docs = 0
    for doc_id, recs in sorted(group_documents(records).items()):
        text, gents, grels = join_document(recs)
        if traditional:
            from opencc import OpenCC

            conv = OpenCC("s2t").convert(text)
            if len(conv) == len(text):
                text = conv
                gents = [dict(e, text=text[e["start"]:e["end"]]) for e in gents]
        result = parse(text).to_dict()
        targets = scorers + ((by_kind[document_kind(doc_id)],) if by_kind is not None else ())
        spans = list_sentence_spans(recs)
        for scorer in targets:
            scorer.add(gents, grels, result["entities"], result["relations"], spans)
        n_docs += 1
    return n_docs


def format_report(res: dict) -> str:
    """A plain-text table of an evaluation result."""
    lines = [f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    for lab, m in res["entities"]["per_label"].items():
        lines.append(f"{lab:<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    m = res["entities"]["micro"]
    lines.append(f"{'micro':<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    rows = [("relations", res["relations"])]
    rows += [("  lenient", res["relations_lenient"])] if "relations_lenient" in res else []
    rows += [(f"  {part}", m) for part, m in res.get("relations_by_sentence", {}).items()]
    for name, m in rows:
        lines.append(f"{name:<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    if "list_sentences" in res:
        lines.append(f"  (list: relations whose value is in one of the {res['list_sentences']} list sentences)")

    def acc(name):
        a = res.get(f"{name}_accuracy")
        return f"{name} accuracy {a if a is None else f'{a:.3f}'} (n={res.get(f'{name}_n')})"
    accuracies = ", ".join(acc(name) for name in ("target", "direction", "value") if f"{name}_n" in res)
    lines.append(f"{accuracies}, documents {res['documents']}")
    return "\n".join(lines)
