"""Score predictions against gold records: entities, relations, target and values.

Gold records of one document are joined (one per line) into the document text
and parsed whole, so sentence splitting and plan/review sections are tested as
users run them. ``traditional=True`` converts that text to traditional script
first (OpenCC s2t, length-preserving) and scores the same gold spans.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Iterable

from spacy.scorer import PRFScore

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


class Scorer:
    """Accumulates counts over documents; ``result()`` gives the report dict."""

    def __init__(self) -> None:
        self.ent = {lab: PRFScore() for lab in LABELS}
        self.rel = PRFScore()
        self.target = [0, 0]  # correct, compared
        self.value = [0, 0]  # correct, compared
        self.documents = 0

    def add(self, gold_ents, gold_rels, pred_ents, pred_rels) -> None:
        self.documents += 1
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
        for k in gr.keys() & pr.keys():
            self.target[1] += 1
            self.target[0] += int(bool(gr[k]["target"]) == bool(pr[k]["target"]))

    def result(self) -> dict:
        micro = sum(self.ent.values(), PRFScore())
        return {
            "entities": {"micro": prf(micro), "per_label": {lab: prf(c) for lab, c in self.ent.items()}},
            "relations": prf(self.rel),
            "target_accuracy": accuracy(*self.target),
            "target_n": self.target[1],
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
        for scorer in targets:
            scorer.add(gents, grels, result["entities"], result["relations"])
        n_docs += 1
    return n_docs


def format_report(res: dict) -> str:
    """A plain-text table of an evaluation result."""
    lines = [f"{'label':<10}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    for lab, m in res["entities"]["per_label"].items():
        lines.append(f"{lab:<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    m = res["entities"]["micro"]
    lines.append(f"{'micro':<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    m = res["relations"]
    lines.append(f"{'relations':<10}{m['p']:>8.3f}{m['r']:>8.3f}{m['f']:>8.3f}{m['tp'] + m['fn']:>7}")
    t, v = res["target_accuracy"], res["value_accuracy"]
    lines.append(f"target accuracy {t if t is None else f'{t:.3f}'} (n={res['target_n']}), "
                 f"value accuracy {v if v is None else f'{v:.3f}'} (n={res['value_n']}), documents {res['documents']}")
    return "\n".join(lines)
