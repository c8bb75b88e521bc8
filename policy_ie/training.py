"""Training orchestration: what ``policy-ie corpus to-spacy``, ``policy-ie train`` and
``policy-ie evaluate --cv`` do, for the command line and for ``training/project.yml``.

- :func:`checked_gold`: gold records, validated first (every problem listed, then refused);
- :func:`write_docbins`: records of each split as a spaCy DocBin;
- :func:`train`: spaCy's ``train`` with a config, on DocBins or straight from gold records
  (``with_dev``: on the train and dev documents, once settings are chosen on dev);
- :func:`cross_validate`: K pipelines, each trained without one fold of documents and
  scored on it (the fold after it is its dev set), counts pooled over the K folds.

Problems the user can act on raise :class:`TrainingError` with a one-line message.
"""
from __future__ import annotations

import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Callable

from .evaluation import Scorer, group_documents, score_documents

Log = Callable[[str], None]


class TrainingError(ValueError):
    """A problem with the inputs of a training run, said in one line."""


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def checked_gold(gold: str | Path, what: str, log: Log = _stderr) -> list[dict]:
    """The records of ``gold`` (a JSONL file or a directory of them) after structural
    validation; on any problem, ``log`` every ``file:line: problem`` and refuse (``what``
    says what is then not done)."""
    from .corpus.spacy_docs import read_records
    from .corpus.validate import validate_paths

    gold = Path(gold)
    if not gold.exists():
        raise TrainingError(f"{gold}: no such file or directory")
    errors = validate_paths([gold])
    for e in errors:
        log(e)
    if errors:
        raise TrainingError(f"{len(errors)} problem(s) in {gold} (see above; check with 'policy-ie corpus validate'): "
                            f"{what}")
    return list(read_records([gold]))


def write_docbins(records: list[dict], splits: dict, out: Path, only=None, log: Log = print) -> dict[str, Path]:
    """Write ``out/<split>.spacy`` for every split of ``splits`` (or those in ``only``) from
    the records of its documents; return the paths by split."""
    from .corpus.spacy_docs import records_to_docbin
    from .pipeline import blank

    nlp = blank()
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for split, docs in splits.items():
        if only and split not in only:
            continue
        wanted = set(docs)
        recs = [r for r in records if r.get("meta", {}).get("doc") in wanted]
        try:
            db = records_to_docbin(nlp, recs)
        except ValueError as exc:
            raise TrainingError(f"split {split}: {exc}") from exc
        paths[split] = out / f"{split}.spacy"
        db.to_disk(paths[split])
        log(f"{paths[split]}: {len(db)} docs from {len(docs)} documents")
    return paths


def check_docbin(path: Path) -> None:
    """Refuse a DocBin file that is missing, unreadable or empty."""
    from spacy.tokens import DocBin

    if not path.is_file():
        raise TrainingError(f"{path}: no such file (build DocBins with 'policy-ie corpus to-spacy', "
                            f"or train from gold records with --gold corpus/gold)")
    try:
        db = DocBin().from_disk(path)
    except Exception as exc:  # noqa: BLE001 - reported with the path
        raise TrainingError(f"{path}: not a readable spaCy DocBin ({type(exc).__name__}: {exc}); "
                            f"rebuild it with 'policy-ie corpus to-spacy'") from exc
    if len(db) == 0:
        raise TrainingError(f"{path}: DocBin holds no documents")


def run_spacy_train(config: Path, output: Path, train_path: Path, dev_path: Path, max_steps: int = 0,
                    init_tok2vec: Path | None = None) -> None:
    """``spacy train config --paths.train … --paths.dev … [--paths.init_tok2vec …] --output output``
    in this process."""
    from spacy.cli.train import train as spacy_train

    from . import pipeline  # noqa: F401  (registers policy_ie's functions where the entry points are not installed)
    from .corpus import spacy_docs  # noqa: F401  (its corpus reader, likewise)

    overrides = {"paths.train": str(train_path), "paths.dev": str(dev_path)}
    if max_steps:
        overrides["training.max_steps"] = max_steps
    if init_tok2vec:
        overrides["paths.init_tok2vec"] = str(init_tok2vec)
    spacy_train(Path(config), Path(output), overrides=overrides)


def repeat_documents(records: list[dict], splits: dict, repeat: dict[str, int]) -> tuple[list[dict], dict]:
    """``records`` and ``splits`` with each document of the train split whose id starts with a
    prefix of ``repeat`` there that many times in all: copies ``DOC#2``, ``DOC#3``… (own document
    ids, so each copy is read in order as a document of its own); the other splits as they are."""
    wanted, out, ids = set(splits["train"]), list(records), list(splits["train"])
    for doc, recs in group_documents(records).items():
        n = max((k for prefix, k in repeat.items() if doc.startswith(prefix)), default=1) if doc in wanted else 1
        for copy in range(2, n + 1):
            name = f"{doc}#{copy}"
            out += [{**r, "meta": {**r["meta"], "doc": name}} for r in recs]
            ids.append(name)
    return out, {**splits, "train": ids}


def train(config: Path, output: Path, *, gold: Path | None = None, splits: Path | None = None,
          with_dev: bool = False, train_path: Path | None = None, dev_path: Path | None = None,
          max_steps: int = 0, init_tok2vec: Path | None = None, repeat: dict[str, int] | None = None) -> None:
    """Train a pipeline with ``config`` into ``output``: from the ``gold`` records (validated
    first; train/dev documents from ``splits``; with ``with_dev`` trained on both; the training
    documents whose id starts with a prefix of ``repeat`` that many times over) or from the
    DocBins ``train_path`` and ``dev_path``; the tok2vec starts from the ``spacy pretrain``
    weights ``init_tok2vec`` when given."""
    from .corpus.spacy_docs import load_splits

    if not Path(config).is_file():
        raise TrainingError(f"{config}: no such config file")
    if init_tok2vec and not Path(init_tok2vec).is_file():
        raise TrainingError(f"--init-tok2vec {init_tok2vec}: no such file (spacy pretrain writes it: see the README)")
    with tempfile.TemporaryDirectory(prefix="policy_ie_train_") as tmp:
        if gold:
            records = checked_gold(gold, "training not started")
            if splits is None or not Path(splits).is_file():
                raise TrainingError(f"{splits}: no such splits file")
            split_docs = load_splits(Path(splits))
            if not {"train", "dev"} <= set(split_docs):
                raise TrainingError(f"{splits}: needs a 'train' and a 'dev' split")
            if with_dev:  # dev is still scored each round, but no longer held out
                split_docs = {"train": list(split_docs["train"]) + list(split_docs["dev"]), "dev": split_docs["dev"]}
            if repeat:
                records, split_docs = repeat_documents(records, split_docs, repeat)
            paths = write_docbins(records, split_docs, Path(tmp), only=("train", "dev"))
            train_path, dev_path = paths["train"], paths["dev"]
        else:
            if with_dev:
                raise TrainingError("--with-dev needs --gold (it builds the training DocBin from the train and dev "
                                    "splits)")
            if repeat:
                raise TrainingError("--repeat needs --gold (it repeats documents of the gold records)")
            for f in (train_path, dev_path):
                check_docbin(Path(f))
        run_spacy_train(Path(config), Path(output), Path(train_path), Path(dev_path), max_steps, init_tok2vec)


# --------------------------------------------------------------------------- cross-validation
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


def train_fold(config: Path, max_steps: int = 0) -> Callable[[list[dict], list[dict], Path], Path]:
    """A fold trainer for :func:`cross_validate`: DocBins of the fold's train and dev records
    under ``out/data``, ``spacy train`` into ``out``; returns ``model-best`` (else ``model-last``)."""
    def train_one(train_recs: list[dict], dev_recs: list[dict], out: Path) -> Path:
        data = write_docbins(train_recs + dev_recs, {"train": sorted({r["meta"]["doc"] for r in train_recs}),
                                                     "dev": sorted({r["meta"]["doc"] for r in dev_recs})},
                             out / "data")
        run_spacy_train(config, out, data["train"], data["dev"], max_steps)
        best = out / "model-best"
        return best if best.is_dir() else out / "model-last"

    return train_one


def cross_validate(records: list[dict], k: int, train: Callable[[list[dict], list[dict], Path], Path],
                   workdir: Path, log: Log = print, load: Callable | None = None,
                   parse: Callable | None = None) -> dict:
    """Train and score K times; return ``{"k", "folds": [...], "pooled": {...}}`` (``pooled`` also
    ``by_kind``, as :func:`policy_ie.evaluation.evaluate_records`).

    Documents (not sentences) are dealt into K folds (:func:`document_folds`). Round ``i``
    holds out fold ``i`` as its test set, uses fold ``i+1`` as the dev set spaCy evaluates on
    while training (and picks ``model-best`` by), and trains on the rest, so no test document
    is seen in training or model selection. ``train(train_records, dev_records, output_dir)``
    returns the trained pipeline directory (:func:`train_fold`); ``load`` and ``parse``
    default to policy_ie's.
    """
    if load is None or parse is None:
        from .api import parse as parse_text
        from .pipeline import load as load_pipeline

        load = load or load_pipeline
        parse = parse or (lambda text, nlp: parse_text(text, nlp=nlp))
    folds = document_folds(records, k)
    by_doc = group_documents(records)
    pooled = Scorer()
    kinds: dict[str, Scorer] = defaultdict(Scorer)  # pooled per kind of document
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
        score_documents(test_records, lambda t: parse(t, nlp), fold_scorer, pooled, by_kind=kinds)
        res = fold_scorer.result()
        res.update(documents=len(test_ids), test=test_ids, dev=dev_ids)
        out["folds"].append(res)
    out["pooled"] = pooled.result()
    out["pooled"]["documents"] = sum(len(f) for f in folds)
    out["pooled"]["by_kind"] = {kind: kinds[kind].result() for kind in sorted(kinds)}
    return out
