"""Gold corpus: record format, drafts, importers, validation and splits.

The loader that the training scripts, the benchmarks and ``training/project.yml`` share:

    ap = argparse.ArgumentParser(); add_corpus_arguments(ap, split="dev")
    records = split_records(args.gold, args.splits, args.split)   # the gold records of one split
    texts = report_texts(REPORTS)                                  # the raw reports, sorted by name
"""
from __future__ import annotations

from pathlib import Path

GOLD = Path("corpus/gold")  # paths from the repository root, as the command line uses them
SPLITS = Path("corpus/splits.json")
REPORTS = Path(__file__).resolve().parents[2].parent / "shared" / "reports-2026"


def load_splits(path: str | Path = SPLITS) -> dict[str, list[str]]:
    """``{split: [document id, ...]}`` from a splits file."""
    from .spacy_docs import load_splits as read

    return read(Path(path))


def split_records(gold: str | Path = GOLD, splits: str | Path = SPLITS, split: str | None = None,
                  limit: int = 0) -> list[dict]:
    """The records of ``gold`` (files or directories of JSONL; drafts are converted) whose
    document is in ``split`` of ``splits`` (None or ``"all"``: every record); the first
    ``limit`` of them when ``limit`` is set."""
    from .spacy_docs import read_records

    records = list(read_records([Path(gold)]))
    if split and split != "all":
        docs = set(load_splits(splits)[split])
        records = [r for r in records if r.get("meta", {}).get("doc") in docs]
    return records[:limit] if limit else records


def add_corpus_arguments(parser, split: str | None = "dev") -> None:
    """``--gold``, ``--splits`` and ``--split`` (default ``split``) on an argparse parser."""
    parser.add_argument("--gold", type=Path, default=GOLD, help=f"gold records (default {GOLD})")
    parser.add_argument("--splits", type=Path, default=SPLITS, help=f"document splits (default {SPLITS})")
    parser.add_argument("--split", default=split, help=f"a split of --splits, or 'all' (default {split})")


def report_texts(directory: str | Path = REPORTS, limit: int = 0) -> list[str]:
    """The ``*.txt`` reports of ``directory``, sorted by file name (the first ``limit``)."""
    files = sorted(Path(directory).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no .txt reports in {directory}")
    return [f.read_text(encoding="utf-8") for f in files[:limit or None]]
