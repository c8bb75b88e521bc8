"""Cross-validation by document: ``policy-ie evaluate --cv K``.

Documents (not sentences) are dealt into K folds. Round ``i`` holds out fold
``i`` as its test set, uses fold ``i+1`` as the dev set spaCy evaluates on
while training (and picks ``model-best`` by), and trains on the rest, so no
test document is seen in training or model selection. Counts are pooled over
the K held-out folds into one score, and each fold's own score is kept.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .evaluation import Scorer, group_documents, score_documents


def document_folds(records: list[dict], k: int) -> list[list[str]]:
    """Deal document ids into ``k`` folds of similar size (largest documents first)."""
    docs = group_documents(records)
    if k < 3:
        raise ValueError("--cv needs K >= 3 (one fold to test, one for dev, the rest to train)")
    if len(docs) < k:
        raise ValueError(f"--cv {k} needs at least {k} documents; the gold records hold {len(docs)}")
    folds: list[list[str]] = [[] for _ in range(k)]
    sizes = [0] * k
    for doc_id, recs in sorted(docs.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        i = min(range(k), key=lambda j: (sizes[j], j))
        folds[i].append(doc_id)
        sizes[i] += len(recs)
    return folds


def cross_validate(records: list[dict], k: int, train: Callable[[list[dict], list[dict], Path], Path],
                   load: Callable[[Path], object], parse: Callable[[str, object], object],
                   workdir: Path, log: Callable[[str], None] = print) -> dict:
    """Train and score K times; return ``{"folds": [...], "pooled": {...}}``.

    ``train(train_records, dev_records, output_dir)`` returns the trained pipeline
    directory; ``load(path)`` loads it; ``parse(text, nlp)`` parses one text.
    """
    folds = document_folds(records, k)
    by_doc = group_documents(records)
    pooled = Scorer()
    out = {"k": k, "folds": []}
    for i in range(k):
        test_ids, dev_ids = folds[i], folds[(i + 1) % k]
        train_ids = [d for j, f in enumerate(folds) if j not in (i, (i + 1) % k) for d in f]
        log(f"fold {i + 1}/{k}: test {', '.join(test_ids)}; dev {', '.join(dev_ids)}; "
            f"{len(train_ids)} training documents")
        model_dir = train([r for d in train_ids for r in by_doc[d]], [r for d in dev_ids for r in by_doc[d]],
                          workdir / f"fold{i + 1}")
        nlp = load(model_dir)
        fold_scorer = Scorer()
        test_records = [r for d in test_ids for r in by_doc[d]]
        score_documents(test_records, lambda t: parse(t, nlp), fold_scorer, pooled)
        res = fold_scorer.result()
        res.update(documents=len(test_ids), test=test_ids, dev=dev_ids)
        out["folds"].append(res)
    out["pooled"] = pooled.result()
    out["pooled"]["documents"] = sum(len(f) for f in folds)
    return out
