"""The ``policy-ie`` command line (also ``python -m policy_ie``)."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .about import __version__

SPLITS_FILE = Path("corpus/splits.json")


class CLIError(Exception):
    """A problem the user can act on: printed as one line, exit status 1."""


def _read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for each input: files, directories of .txt files, or - for stdin."""
    out = []
    for p in paths:
        if p == "-":
            out.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*.txt") if f.is_file())
            if not files:
                raise CLIError(f"{path}: directory has no .txt files")
            out.extend((str(f), _read_text(f)) for f in files)
        elif path.is_file():
            out.append((str(path), _read_text(path)))
        else:
            raise CLIError(f"{path}: no such file or directory")
    return out


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030", "big5"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise CLIError(f"{path}: cannot decode as UTF-8, GB18030 or Big5")


def cmd_parse(args) -> int:
    from .api import load, parse_many

    inputs = _read_inputs(args.inputs)
    nlp = load(args.model) if args.model else None
    t0 = time.perf_counter()
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    n_ent = n_rel = 0
    try:
        results = parse_many((t for _, t in inputs), nlp=nlp, n_process=args.n_process)
        docs = []
        for (name, _), res in zip(inputs, results):
            d = res.to_dict()
            n_ent += len(d["entities"])
            n_rel += len(d["relations"])
            if args.format == "jsonl":
                out.write(json.dumps(dict(d, meta={"source": name}), ensure_ascii=False) + "\n")
            else:
                docs.append(dict(d, meta={"source": name}) if len(inputs) > 1 else d)
        if args.format == "json":
            json.dump(docs[0] if len(inputs) == 1 else docs, out, ensure_ascii=False, indent=2)
            out.write("\n")
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{len(inputs)} file(s), {n_ent} entities, {n_rel} relations, "
          f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)
    return 0


def cmd_corpus_validate(args) -> int:
    from .corpus.checks import quantity_check
    from .corpus.validate import validate_paths

    for p in args.paths:
        if not Path(p).exists():
            raise CLIError(f"{p}: no such file or directory")
    errors = validate_paths([Path(p) for p in args.paths], quantity_check=None if args.no_values else quantity_check)
    for e in errors:
        print(e)
    print(f"{len(errors)} problem(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_corpus_from_drafts(args) -> int:
    from .corpus.drafts import convert_draft_file
    from .corpus.validate import check_record

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    bad = 0
    for f in sorted(Path(args.drafts).glob("*.jsonl")):
        records, errors = convert_draft_file(f)
        errors += [f"{f}: {r['meta']['id']}: {m}" for r in records for m in check_record(r)]
        for e in errors:
            print(e)
        if errors:
            bad += len(errors)
            continue
        if not any(r["entities"] for r in records):
            continue  # not annotated yet
        with open(out_dir / f.name, "w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{out_dir / f.name}: {len(records)} records")
    return 1 if bad else 0


def cmd_corpus_to_spacy(args) -> int:
    from .corpus.spacy_docs import load_splits, read_records, records_to_docbin
    from .nlp import blank

    splits = load_splits(Path(args.splits))
    records = list(read_records([Path(args.gold)]))
    nlp = blank()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for split, docs in splits.items():
        recs = [r for r in records if r["meta"]["doc"] in set(docs)]
        db = records_to_docbin(nlp, recs)
        db.to_disk(out / f"{split}.spacy")
        print(f"{out / f'{split}.spacy'}: {len(db)} docs from {len(docs)} documents")
    return 0


def cmd_corpus_stats(args) -> int:
    from .corpus.checks import consistency_report
    from .corpus.spacy_docs import load_splits, read_records
    from .corpus.stats import markdown_table, split_counts

    records = list(read_records([Path(args.gold)]))
    print(markdown_table(split_counts(records, load_splits(Path(args.splits)))))
    print()
    for name, items in consistency_report(records).items():
        print(f"{name}: {len(items)}")
        for item in items if args.verbose else []:
            print(f"  {item}")
    return 0


def cmd_corpus_import(args) -> int:
    from .corpus.importers import import_file, write_jsonl

    records = import_file(Path(args.file), args.format)
    write_jsonl(records, Path(args.output))
    print(f"{args.output}: {len(records)} records", file=sys.stderr)
    return 0


def cmd_train(args) -> int:
    from spacy.cli.train import train

    from . import components  # noqa: F401
    from . import tokenizer  # noqa: F401

    overrides = {"paths.train": str(args.train), "paths.dev": str(args.dev)}
    if args.max_steps:
        overrides["training.max_steps"] = args.max_steps
    for f in (args.config, args.train, args.dev):
        if not Path(f).exists():
            raise CLIError(f"{f}: no such file (build DocBins with 'policy-ie corpus to-spacy')")
    train(Path(args.config), Path(args.output), overrides=overrides)
    return 0


def cmd_evaluate(args) -> int:
    from .api import load, parse
    from .corpus.spacy_docs import load_splits, read_records
    from .evaluation import evaluate_records, format_report

    nlp = load(args.model)
    records = list(read_records([Path(args.gold)]))
    if args.split:
        docs = set(load_splits(Path(args.splits))[args.split])
        records = [r for r in records if r["meta"].get("doc") in docs]
    if not records:
        raise CLIError(f"{args.gold}: no gold records{' in split ' + args.split if args.split else ''}")
    res = {"simplified": evaluate_records(records, lambda t: parse(t, nlp=nlp))}
    if args.traditional:
        res["traditional"] = evaluate_records(records, lambda t: parse(t, nlp=nlp), traditional=True)
    for k, v in res.items():
        print(f"== {k}")
        print(format_report(v))
    if args.output:
        Path(args.output).write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policy-ie", description="Extract indicators and values from Chinese government reports.")
    ap.add_argument("--version", action="version", version=f"policy_ie {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("parse", help="parse files, directories of .txt files, or - (stdin); print JSON")
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR|-")
    p.add_argument("--format", choices=("json", "jsonl"), default="json")
    p.add_argument("-o", "--output")
    p.add_argument("--model", help="a trained pipeline directory (default: the shipped one)")
    p.add_argument("--n-process", type=int, default=1)
    p.set_defaults(func=cmd_parse)

    c = sub.add_parser("corpus", help="gold corpus tools").add_subparsers(dest="corpus_command", metavar="ACTION")
    v = c.add_parser("validate", help="check records; print file:line: problem")
    v.add_argument("paths", nargs="+")
    v.add_argument("--no-values", action="store_true", help="skip the quantity-reader consistency check")
    v.set_defaults(func=cmd_corpus_validate)
    d = c.add_parser("from-drafts", help="convert annotation drafts to gold records")
    d.add_argument("drafts")
    d.add_argument("--out", default="corpus/gold")
    d.set_defaults(func=cmd_corpus_from_drafts)
    s = c.add_parser("to-spacy", help="write train/dev/test DocBin files from gold records and splits")
    s.add_argument("gold")
    s.add_argument("--splits", default=str(SPLITS_FILE))
    s.add_argument("--out", default="corpus/spacy")
    s.set_defaults(func=cmd_corpus_to_spacy)
    st = c.add_parser("stats", help="per-split counts and the consistency checks")
    st.add_argument("gold", nargs="?", default="corpus/gold")
    st.add_argument("--splits", default=str(SPLITS_FILE))
    st.add_argument("-v", "--verbose", action="store_true", help="list every consistency finding")
    st.set_defaults(func=cmd_corpus_stats)
    i = c.add_parser("import", help="convert a Label Studio / Doccano / Prodigy export to records")
    i.add_argument("format", choices=("label-studio", "doccano", "prodigy"))
    i.add_argument("file")
    i.add_argument("-o", "--output", required=True)
    i.set_defaults(func=cmd_corpus_import)

    t = sub.add_parser("train", help="train a pipeline (wraps spacy train)")
    t.add_argument("--config", default="configs/policy_ie.cfg")
    t.add_argument("--train", default="corpus/spacy/train.spacy")
    t.add_argument("--dev", default="corpus/spacy/dev.spacy")
    t.add_argument("--output", default="training/output")
    t.add_argument("--max-steps", type=int, default=0)
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="score a pipeline on gold records")
    e.add_argument("model")
    e.add_argument("gold")
    e.add_argument("--split", help="only the documents of this split (e.g. test)")
    e.add_argument("--splits", default=str(SPLITS_FILE))
    e.add_argument("--traditional", action="store_true", help="also score the traditional-script conversion")
    e.add_argument("-o", "--output", help="write the scores as JSON")
    e.set_defaults(func=cmd_evaluate)
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args)
    except CLIError as exc:
        print(f"policy-ie: {exc}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"policy-ie: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
