"""The ``policy-ie`` command line (also ``python -m policy_ie``)."""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import select
import signal
import stat
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

from .about import __version__
from .api import MAX_CHARS
from .pipeline import PipelineError
from .indicators import TableError
from .inputs import InputError

SPLITS_FILE = Path("corpus/splits.json")
INPUTS_HELP = "report files (.txt, .html, .docx), directories searched for them, or - for stdin"
GOLD_HELP = "gold records: a JSONL file or a directory of them"
SPLITS_HELP = ("the splits file: a JSON object of split name → document ids (default: corpus/splits.json, "
               "relative to the current directory)")
MODEL_HELP = ("a trained pipeline directory, or a shipped pipeline by name: default (the default) or accurate "
              "(larger and slower)")
EXTRA_TABLE_HELP = ("a CSV of indicators with the columns of policy_ie/data/indicators.csv, added to the table "
                    "(a new id adds a row; an existing id gets the row's aliases); repeatable")


class CLIError(Exception):
    """A problem the user can act on: printed as one line, exit status 1."""


class FlagError(CLIError):
    """A bad value of one option, printed as one line ``policy-ie COMMAND: error: --flag VALUE: problem``
    (``problem`` says what is wrong and what to do). Exit status 2, a usage error, unless
    ``status`` says otherwise (1: the file the option names cannot be used)."""

    def __init__(self, flag: str, value, problem: str, status: int = 2):
        super().__init__(f"{flag} {value}: {problem}")
        self.status = status


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C (temporary files removed, workers ended), exit status 143."""


class PipeClosed(BaseException):
    """The reader of stdout went away (``| head``): stop quietly, exit status 141."""


def _on_sigterm(signum, frame):
    raise Terminated()


def _on_sigpipe(signum, frame):
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # once: a second one would break into the clean-up
    raise PipeClosed()


def _watch_stdout_pipe() -> None:
    """When stdout is a pipe, raise :class:`PipeClosed` in the main thread as soon as its reader
    closes it (``| head``), not only at the next write, which may be a long document away."""
    if threading.current_thread() is not threading.main_thread():
        return
    try:
        fd = sys.stdout.fileno()
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return
    except (AttributeError, OSError, ValueError):
        return

    def watch():
        poller = select.poll()
        poller.register(fd, select.POLLERR)  # a pipe's writer sees POLLERR once the reader is gone
        while not any(ev & (select.POLLERR | select.POLLHUP | select.POLLNVAL) for _, ev in poller.poll()):
            pass
        os.kill(os.getpid(), signal.SIGPIPE)

    signal.signal(signal.SIGPIPE, _on_sigpipe)
    threading.Thread(target=watch, daemon=True, name="policy_ie-stdout-watch").start()


def n_process_arg(value: str) -> int | str:
    """The argparse type of ``--n-process`` and ``--workers``: a positive integer or ``auto`` (every usable core)."""
    if value == "auto":
        return value
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer or 'auto', not {value!r}")
    return n


def int_at_least(low: int, meaning: str = ""):
    """An argparse type: an integer >= ``low`` (``meaning``, e.g. what 0 stands for, is said in the error)."""
    def check(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            n = low - 1
        if n < low:
            raise argparse.ArgumentTypeError(f"must be an integer >= {low}{meaning}, not {value!r}")
        return n
    return check


def _missing(flag: str, path, what: str, todo: str) -> FlagError:
    """The error for a file or directory that ``flag`` names and that is not there; a relative
    path says where it was looked for."""
    where = "" if Path(path).is_absolute() else f" in {Path.cwd()}"
    return FlagError(flag, path, f"no such {what}{where}; {todo}", status=1)


def check_model(model: str | None) -> None:
    """``--model``: a pipeline directory, checked before any input is read."""
    from .pipeline import directory_problem, model_path

    problem = model and directory_problem(model_path(model))
    if problem:
        if problem == "no such directory":
            raise _missing("--model", model, "pipeline directory", "give a trained pipeline directory (such as "
                           "training/output/model-best), a shipped name (default, accurate), or leave --model out")
        raise FlagError("--model", model, f"{problem}; give a trained pipeline directory (such as "
                        "training/output/model-best)", status=1)


def check_extra_tables(tables) -> None:
    """``--extra-table``: each CSV read before any model is loaded or anything parsed (a bad one: a
    one-line :class:`TableError` naming the file and line)."""
    from .indicators import read_table

    for path in tables or ():
        read_table(path)


def check_output(flag: str, path: str | None) -> None:
    """An output file (``-o``, ``--html``): its directory must exist and the path not be a directory,
    checked before anything is parsed."""
    if not path:
        return
    if Path(path).is_dir():
        raise FlagError(flag, path, "is a directory; give a file name", status=1)
    parent = Path(path).parent
    if not parent.is_dir():
        raise FlagError(flag, path, f"no such directory {parent}; create it first or write elsewhere", status=1)


def read_splits(path: str) -> dict[str, list[str]]:
    """The splits file of ``--splits`` (split name → document ids); missing or malformed, a one-line
    error naming ``--splits``."""
    from .corpus.spacy_docs import load_splits

    if Path(path).is_dir():
        raise FlagError("--splits", path, "is a directory; give the splits file (such as corpus/splits.json)", status=1)
    if not Path(path).is_file():
        raise _missing("--splits", path, "splits file", "run from the repository root (corpus/splits.json) or give "
                       "--splits PATH")
    try:
        splits = load_splits(Path(path))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FlagError("--splits", path, f"cannot read it ({exc}); give a JSON file of split name → document ids",
                        status=1) from None
    if not isinstance(splits, dict) or not all(isinstance(v, list) for v in splits.values()):
        raise FlagError("--splits", path, "not a JSON object of split name → list of document ids "
                        "(like corpus/splits.json)", status=1)
    return splits


def check_config(path: str) -> None:
    """``--config``: a training config that exists and parses, checked before anything is trained."""
    from thinc.api import Config

    if not Path(path).is_file():
        raise _missing("--config", path, "config file", "run from the repository root (configs/policy_ie.cfg) or "
                       "give --config PATH")
    try:
        Config().from_disk(path, interpolate=False)
    except Exception as exc:  # noqa: BLE001 - thinc's errors are several lines: the first that says what
        said = [line.strip() for line in str(exc).splitlines() if line.strip()]
        what = next((line for line in said if not line.startswith(("Config validation error", "Make sure"))),
                    type(exc).__name__)
        raise FlagError("--config", path, f"not a readable spaCy config ({what}); give a training config such as "
                        "configs/policy_ie.cfg", status=1) from None


def _output_format(args) -> str:
    """``--format``, else the format that the extension of ``-o`` names; the engine's options checked."""
    from .outputs import format_from_path

    if args.engine != "dask":
        given = [o for o, v in (("--scheduler", args.scheduler), ("--workers", args.workers), ("--resume", args.resume)) if v]
        if given:
            raise CLIError(f"{given[0]} needs --engine dask")
    elif args.n_process is not None:
        raise CLIError("--n-process is for the default engine; with --engine dask give --workers N or --scheduler ADDRESS")
    elif args.scheduler and args.workers:
        raise CLIError("give --scheduler ADDRESS (a running cluster) or --workers N (a local one), not both")
    try:
        fmt = args.format or format_from_path(args.output)
    except ValueError as exc:
        raise CLIError(str(exc)) from None
    if fmt == "parquet" and not args.output:
        raise CLIError("--format parquet needs -o " + ("OUT_DIR" if args.engine == "dask" else "FILE"))
    needed = (["dask", "distributed", "pandas", "pyarrow"] if args.engine == "dask" else
              ["pandas", "pyarrow"] if fmt == "parquet" else [])
    missing = [m for m in needed if importlib.util.find_spec(m) is None]
    if missing:
        raise CLIError(f"{'--engine dask' if args.engine == 'dask' else '--format parquet'} needs "
                       f"{', '.join(missing)}: pip install 'policy_ie[dask]' (or -e '.[dask]' in a checkout)")
    if args.resume and fmt != "parquet":
        raise CLIError("--resume needs --format parquet -o OUT_DIR (it skips the documents whose part exists)")
    return fmt


class _Inputs:
    """The documents of ``parse``/``compare`` inputs (files, directories, -), for either engine:
    each argument that names nothing readable (``errors``: path, reason) and each document that
    cannot be read, is too long or fails is reported on one line and counted in ``failed``; the
    progress bar advances per file; ``names`` collects the documents handed out, in order.

    The default engine reads and parses here (:meth:`results`); the Dask engine reads and
    parses on its workers, and :meth:`outcomes` reports what they return the same way."""

    def __init__(self, args):
        from .inputs import find_sources
        from .progress import Progress

        self.args, self.names, self.sources = args, [], []
        self.errors: list[tuple[str, str]] = []
        for s in find_sources(args.inputs):
            if isinstance(s, InputError):
                print(f"policy-ie: {s}", file=sys.stderr)
                path, _, error = str(s).partition(": ")
                self.errors.append((path, error))
            else:
                self.sources.append(s)
        self.failed = len(self.errors)
        self.seen = 0  # documents that came back from the engine (parsed or failed)
        self.progress = Progress(len(self.sources))

    def texts(self):
        from .api import too_long
        from .inputs import read_source

        for src in self.sources:
            try:
                doc = read_source(src)
            except InputError as exc:
                self._skip(str(exc))
                continue
            if self.args.verbose:
                self.progress.write(f"policy-ie: {doc.name}: {doc.kind}, encoding {doc.encoding}")
            problem = too_long(doc.text, self.args.max_chars)
            if problem:
                self._skip(f"{doc.name}: {problem.replace('max_chars', '--max-chars')}")
                continue
            self.names.append(doc.name)
            yield doc.text

    def _skip(self, message: str) -> None:
        self.progress.write(f"policy-ie: {message}")
        self.failed += 1
        self.seen += 1
        self.progress.advance()

    def results(self, load_nlp):
        """``(name, result)`` per readable document, with the pipeline ``load_nlp()`` returns (None: the
        shipped one), called once a document is readable: one document is parsed here with a
        characters bar, several through ``parse_many`` with ``--n-process`` workers. None when
        nothing is readable."""
        from .api import parse_many

        n_process = self.args.n_process or 1
        texts = self.texts()
        try:
            first = next(texts)  # no model load when nothing is readable
        except StopIteration:
            return None
        nlp = load_nlp()
        if len(self.sources) == 1:  # one document: parsed here, with a characters bar (workers would add nothing)
            stream = (_parse_one(text, nlp, self.args.max_chars) for text in itertools.chain([first], texts))
        else:
            stream = parse_many(itertools.chain([first], texts), nlp=nlp, n_process=n_process,
                                max_chars=self.args.max_chars)

        def named():
            with closing(stream) as results:
                for i, res in enumerate(results):  # result i needs text i, so names[i] is there
                    self.seen += 1
                    yield self.names[i], res
                    self.progress.advance()
        return named()

    def outcomes(self, outcomes):
        """The parsed :class:`~policy_ie.dask_engine.Outcome` of ``outcomes`` (an engine that reads
        elsewhere: how each file was read shown with ``-v``, failures reported and counted as in
        :meth:`texts`), the bar advanced after each."""
        with closing(outcomes):
            for out in outcomes:
                if self.args.verbose and out.how_read:
                    self.progress.write(f"policy-ie: {out.document}: {out.how_read}")
                if out.error is not None:
                    self._skip(f"{out.document}: {out.error}")
                    continue
                self.seen += 1
                self.names.append(out.document)
                yield out
                self.progress.advance()


def _load_for(args):
    """The pipeline of ``--model`` (None: the shipped one), with ``--extra-table`` added to its indicator table."""
    from .pipeline import load_with_tables

    return load_with_tables(args.model, getattr(args, "extra_table", None) or ())


def cmd_parse(args) -> int:
    from .outputs import ResultWriter

    t0 = time.perf_counter()
    fmt = _output_format(args)
    dataset = args.engine == "dask" and fmt == "parquet"  # the workers write the parts
    if not dataset:  # OUT_DIR is made with its parents
        check_output("-o", args.output)
    check_model(args.model)
    check_extra_tables(args.extra_table)
    inputs = _Inputs(args)
    if args.engine == "dask":
        outcomes = _dask_outcomes(args, inputs, dataset)
    else:
        results = inputs.results(lambda: _load_for(args))
        outcomes = None if results is None else _as_outcomes(results)
    if outcomes is None:  # nothing readable: no model loaded, no cluster started
        inputs.progress.close()
        return 1
    writer = None if dataset else ResultWriter(fmt, args.output)
    if not args.output:
        _watch_stdout_pipe()
    n_doc = n_sent = n_ent = n_rel = 0
    try:
        with closing(outcomes):
            for out in outcomes:
                if out.result is not None:
                    writer.add(out.document, out.result)
                    out.counts = (len(out.result.sentences), len(out.result.entities), len(out.result.relations))
                n_doc += 1
                n_sent, n_ent, n_rel = n_sent + out.counts[0], n_ent + out.counts[1], n_rel + out.counts[2]
        if writer:
            writer.finish()
    finally:
        try:
            if writer:
                writer.abort()  # after finish(), nothing is left to remove
        finally:
            inputs.progress.close()
    skipped = len(inputs.sources) - inputs.seen if dataset else 0
    print(f"{n_doc} file(s), {n_sent} sentences, {n_ent} entities, {n_rel} relations, "
          f"{time.perf_counter() - t0:.1f}s" + (f"; {skipped} already written (--resume)" if skipped else "")
          + (f"; {inputs.failed} failed" if inputs.failed else ""), file=sys.stderr)
    return 1 if inputs.failed else 0


def _as_outcomes(results):
    """The default engine's ``(name, result)`` pairs (:meth:`_Inputs.results`) as Outcomes."""
    from .dask_engine import Outcome

    with closing(results):
        for name, res in results:
            yield Outcome(name, result=res)


def _dask_outcomes(args, inputs: _Inputs, dataset: bool):
    """The Dask engine: the parsed Outcomes (:meth:`_Inputs.outcomes`) of ``inputs``, from a cluster
    at ``--scheduler`` or a local one of ``--workers`` processes; written as Parquet parts by the
    workers (``dataset``), else in order. None when there is nothing to parse."""
    if not inputs.sources:
        return None
    from .dask_engine import connect, parse_results, plan_dataset, write_dataset
    from .pipeline import model_path
    from .workers import resolve_n_process

    extra_tables = [str(Path(p).absolute()) for p in args.extra_table or ()]  # read once by cmd_parse already
    model = str(model_path(args.model).absolute()) if args.model else None  # workers may have another cwd
    options = dict(model=model, max_chars=args.max_chars, extra_tables=extra_tables)
    plan = plan_dataset(inputs.sources, args.output, args.resume) if dataset else None  # checked before a cluster starts
    workers = resolve_n_process(args.workers or "auto")

    def run():
        with connect(args.scheduler, workers) as client:
            if dataset:
                yield from write_dataset(client, plan, input_errors=inputs.errors, **options)
            else:
                yield from parse_results(client, inputs.sources, **options)
    return inputs.outcomes(run())


def cmd_compare(args) -> int:
    """One row per document × indicator × target/result (CSV), and optionally the page of charts."""
    import csv

    from .api import load
    from .compare import COMPARE_COLUMNS, compare_rows, render_compare
    from .components.indicator_linker import IndicatorLinker
    from .outputs import cell, write_atomic, write_text_atomic
    from .pipeline import pipe_of

    t0 = time.perf_counter()
    check_output("-o", args.output)
    check_output("--html", args.html)
    check_model(args.model)
    check_extra_tables(args.extra_table)
    inputs = _Inputs(args)
    if not inputs.sources:  # nothing readable: no model loaded
        inputs.progress.close()
        return 1
    nlp = _load_for(args) or load()
    try:
        table = pipe_of(nlp, IndicatorLinker).table
    except ValueError as exc:
        raise CLIError(f"{args.model}: the pipeline has no indicator linker (policy_ie_indicator_linker)") from exc
    chosen = [c.strip() for c in args.indicators.split(",") if c.strip()] if args.indicators else None
    unknown = [c for c in chosen or () if c not in table.rows]
    if unknown:
        raise CLIError(f"--indicators: unknown indicator id(s) {', '.join(unknown)} "
                       f"(ids are the first column of policy_ie/data/indicators.csv)")
    results = inputs.results(lambda: nlp)
    if results is None:
        inputs.progress.close()
        return 1
    rows, documents = [], []
    try:
        with closing(results):
            for name, res in results:
                documents.append(name)
                rows += compare_rows(name, res, table, chosen)
    finally:
        inputs.progress.close()
    def fill(file):
        writer = csv.DictWriter(file, fieldnames=COMPARE_COLUMNS)
        writer.writeheader()
        writer.writerows({k: cell(v) for k, v in r.items()} for r in rows)

    write_atomic(args.output, fill, encoding="utf-8-sig", newline="")
    if args.html:
        shown = chosen or [ind for ind, _ in Counter(r["indicator"] for r in {(r["document"], r["indicator"]): r
                                                                          for r in rows}.values()).most_common()]
        write_text_atomic(args.html, render_compare(rows, shown, table, documents,
                                                    title=args.title or "policy_ie compare"))
    print(f"{args.output}: {len(rows)} rows, {len({r['indicator'] for r in rows})} indicator(s), "
          f"{len(documents)} document(s)" + (f"; {args.html}" if args.html else "")
          + f", {time.perf_counter() - t0:.1f}s" + (f"; {inputs.failed} failed" if inputs.failed else ""),
          file=sys.stderr)
    return 1 if inputs.failed else 0


def _parse_one(text: str, nlp, max_chars: int | None = MAX_CHARS):
    """``parse`` of one document, with a characters bar on stderr while it runs (on a terminal only)."""
    from .api import parse
    from .progress import Progress

    bar = Progress(len(text), unit="chars")
    try:
        return parse(text, nlp=nlp, max_chars=max_chars, on_progress=bar.update)
    finally:
        bar.close()


def cmd_show(args) -> int:
    from .display import render
    from .inputs import STDIN, read_source
    from .outputs import write_text_atomic

    if args.file != STDIN and Path(args.file).is_dir():
        raise CLIError(f"{args.file}: is a directory (show renders one file)")
    check_output("-o", args.output)
    check_model(args.model)
    check_extra_tables(args.extra_table)
    doc = read_source(args.file if args.file == STDIN else Path(args.file))
    res = _parse_one(doc.text, _load_for(args))
    page = render(res, title=Path(doc.name).name if doc.name != "<stdin>" else "stdin")
    if args.output:
        write_text_atomic(args.output, page)
    else:
        sys.stdout.write(page)
    print(f"{args.output or '<stdout>'}: {len(res.entities)} entities, {len(res.relations)} relations",
          file=sys.stderr)
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

    if not Path(args.drafts).is_dir():
        raise CLIError(f"{args.drafts}: no such directory (from-drafts reads the *.jsonl drafts of a directory, "
                       f"such as corpus/drafts)")
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
    from .training import checked_gold, repeat_documents, write_docbins

    splits = read_splits(args.splits)
    records = checked_gold(args.gold, "no DocBin written")
    if args.repeat and "train" in splits:
        records, splits = repeat_documents(records, splits, dict(args.repeat))
    write_docbins(records, splits, Path(args.out))
    return 0


def cmd_corpus_stats(args) -> int:
    from .corpus.checks import consistency_report
    from .corpus.spacy_docs import read_records
    from .corpus.stats import markdown_table, split_counts

    splits = read_splits(args.splits)
    if not Path(args.gold).exists():
        raise CLIError(f"{args.gold}: no such file or directory (GOLD: a JSONL file of gold records or a directory "
                       f"of them, such as corpus/gold)")
    records = list(read_records([Path(args.gold)]))
    print(markdown_table(split_counts(records, splits)))
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


def repeat_spec(text: str) -> tuple[str, int]:
    """``PREFIX=N`` (N a whole number from 1 to 10) for ``--repeat`` of ``train`` and ``corpus to-spacy``."""
    prefix, sep, n = text.rpartition("=")
    if not sep or not prefix or not n.isdigit() or not 1 <= int(n) <= 10:
        raise argparse.ArgumentTypeError(f"{text!r}: expected PREFIX=N with N from 1 to 10, e.g. report-2026-=2")
    return prefix, int(n)


def cmd_train(args) -> int:
    """Train from gold JSONL (``--gold``, validated first) or from DocBins (``--train``/``--dev``)."""
    from .training import train

    check_config(args.config)
    if args.repeat and not args.gold:
        raise FlagError("--repeat", args.repeat[0][0] + "=" + str(args.repeat[0][1]),
                        "needs --gold (it repeats documents of the gold records)")
    if args.gold:
        if not Path(args.gold).exists():
            raise _missing("--gold", args.gold, "file or directory", "give a JSONL file of gold records or a "
                           "directory of them, such as corpus/gold")
        read_splits(args.splits)
    elif not args.with_dev:  # --with-dev without --gold: train() says what it needs
        for flag, path in (("--train", args.train), ("--dev", args.dev)):
            if not Path(path).is_file():
                raise _missing(flag, path, "file", "build the DocBins with 'policy-ie corpus to-spacy', or train "
                               "from gold records with --gold corpus/gold")
    if args.init_tok2vec and not Path(args.init_tok2vec).is_file():
        raise _missing("--init-tok2vec", args.init_tok2vec, "file", "pretrain the weights first (spacy pretrain: "
                       "training/project.yml's pretrain step) or leave --init-tok2vec out")
    train(Path(args.config), Path(args.output), gold=Path(args.gold) if args.gold else None,
          splits=Path(args.splits), with_dev=args.with_dev, train_path=Path(args.train), dev_path=Path(args.dev),
          max_steps=args.max_steps, init_tok2vec=Path(args.init_tok2vec) if args.init_tok2vec else None,
          repeat=dict(args.repeat or ()))
    return 0


def cmd_evaluate(args) -> int:
    from .api import load, parse
    from .pipeline import directory_problem, model_path
    from .training import checked_gold
    from .evaluation import evaluate_records, format_report

    if args.cv:
        if len(args.paths) != 1:
            raise CLIError("evaluate --cv K takes one argument, the gold records (it trains its own models)")
        gold, model = args.paths[0], None
    else:
        if len(args.paths) != 2:
            raise CLIError("evaluate takes MODEL GOLD (or --cv K GOLD)")
        model, gold = args.paths
        problem = directory_problem(model_path(model))
        if problem:
            raise CLIError(f"{model}: {problem} (MODEL, the first argument: a trained pipeline directory such as "
                           f"policy_ie/models/policy_ie_default, or a shipped name: default, accurate)")
    check_output("-o", args.output)
    if args.cv:
        check_config(args.config)
    if args.split:
        splits = read_splits(args.splits)
        if args.split not in splits:
            raise FlagError("--split", args.split, f"no such split in {args.splits}; give one of {', '.join(splits)}")
    records = checked_gold(gold, "nothing evaluated")
    if args.split:
        docs = set(splits[args.split])
        records = [r for r in records if r["meta"].get("doc") in docs]
    if not records:
        raise CLIError(f"{gold}: no gold records{' in split ' + args.split if args.split else ''}")
    if args.cv:
        res = _cross_validate(args, records)
    else:
        nlp = load(model)
        res = {"simplified": evaluate_records(records, lambda t: parse(t, nlp=nlp))}
        if args.traditional:
            res["traditional"] = evaluate_records(records, lambda t: parse(t, nlp=nlp), traditional=True)
    for k, v in res.items():
        if k in ("simplified", "traditional", "pooled"):
            print(f"== {k}" + (f" over {args.cv} held-out folds" if k == "pooled" else ""))
            print(format_report(v))
            for kind, part in v.get("by_kind", {}).items() if len(v.get("by_kind", {})) > 1 else ():
                print(f"-- {k}, {kind} documents only")
                print(format_report(part))
    if args.output:
        from .outputs import write_text_atomic

        write_text_atomic(args.output, json.dumps(res, ensure_ascii=False, indent=2))
    return 0


def _cross_validate(args, records: list[dict]) -> dict:
    """``evaluate --cv K``: train K pipelines with ``--config``, score each on its held-out fold."""
    from .evaluation import format_report
    from .training import cross_validate, document_folds, train_fold

    try:
        document_folds(records, args.cv)
    except ValueError as exc:
        raise CLIError(str(exc)) from exc
    with tempfile.TemporaryDirectory(prefix="policy_ie_cv_") as tmp:
        workdir = Path(args.cv_dir) if args.cv_dir else Path(tmp)
        res = cross_validate(records, args.cv, train_fold(Path(args.config), args.max_steps), workdir,
                             log=lambda m: print(m, file=sys.stderr))
    for i, fold in enumerate(res["folds"], 1):
        print(f"== fold {i}: {', '.join(fold['test'])}")
        print(format_report(fold))
    return res


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="policy-ie", description="Extract indicators and values from Chinese government reports.")
    ap.add_argument("--version", action="version", version=f"policy_ie {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", help="what to do (policy-ie COMMAND -h for its options)")

    p = sub.add_parser(
        "parse", help="parse .txt/.html/.docx files, directories of them, or - (stdin)",
        description="Parse reports (.txt, .html, .docx; UTF-8 with or without BOM, GB18030/GBK or Big5, "
                    "detected per file) and write JSON, JSON Lines, the CSV indicator table or Parquet. A file "
                    "that cannot be read is reported on one line and the rest still run; the exit status is 1 "
                    "if any failed. A summary line goes to stderr.")
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR|-", help=INPUTS_HELP)
    p.add_argument("--format", choices=("json", "jsonl", "csv", "parquet"),
                   help="json: an array of result objects, each with meta.source (its input); jsonl: one such "
                        "object per line; csv: the indicator table, one row per relation plus unlinked numbers, "
                        "with a document column, written as UTF-8 with a byte-order mark so Excel opens it "
                        "correctly; parquet: the same table with typed columns (needs -o). Default: the "
                        "extension of -o (.json, .jsonl, .csv, .parquet), or json on stdout")
    p.add_argument("-o", "--output", help="write here instead of stdout (with --engine dask --format parquet: "
                                          "a directory of parts)")
    p.add_argument("--model", help=MODEL_HELP)
    p.add_argument("--n-process", metavar="N|auto", type=n_process_arg,
                   help="worker processes, each parsing whole documents (default 1; auto: one per usable core)")
    p.add_argument("--engine", choices=("default", "dask"), default="default",
                   help="dask: parse on the workers of a Dask cluster (pip install -e '.[dask]'); with "
                        "--format parquet -o OUT_DIR the workers write one part per document, the failed "
                        "documents go to OUT_DIR/_errors.parquet and OUT_DIR/_SUCCESS marks a finished job")
    p.add_argument("--scheduler", metavar="ADDRESS", help="--engine dask: a running Dask scheduler (tcp://host:8786)")
    p.add_argument("--workers", metavar="N|auto", type=n_process_arg,
                   help="--engine dask without --scheduler: a local cluster of N single-threaded worker processes "
                        "(default auto: one per usable core)")
    p.add_argument("--resume", action="store_true",
                   help="--engine dask --format parquet: skip the documents whose part exists in OUT_DIR")
    p.add_argument("--max-chars", type=int_at_least(0, " (0: no limit)"), default=MAX_CHARS, metavar="N",
                   help=f"refuse (and report) a document longer than this (default {MAX_CHARS:,}; 0: no limit); "
                        "memory grows with the length of one document")
    p.add_argument("-v", "--verbose", action="store_true", help="name each file's type and the encoding used")
    p.add_argument("--extra-table", action="append", metavar="CSV", help=EXTRA_TABLE_HELP)
    p.set_defaults(func=cmd_parse)

    cp = sub.add_parser(
        "compare", help="one indicator across documents: a CSV table (and an HTML page of charts)",
        description="Parse reports as parse does and write one row per document, indicator, target or result: "
                    "every relation whose METRIC is linked to an indicator of the table "
                    "(policy_ie/data/indicators.csv), with the value, unit and qualifier. --html writes a "
                    "self-contained page with the table and one chart per chosen indicator (targets and results "
                    "per document).")
    cp.add_argument("inputs", nargs="+", metavar="FILE|DIR|-", help=INPUTS_HELP)
    cp.add_argument("-o", "--output", required=True, help="the CSV table to write (UTF-8 with a byte-order mark)")
    cp.add_argument("--indicators", metavar="ID,ID", help="only these indicator ids (e.g. gdp,cpi; default: all found)")
    cp.add_argument("--html", metavar="PAGE", help="also write the page of charts here")
    cp.add_argument("--title", help="the page's title")
    cp.add_argument("--model", help=MODEL_HELP)
    cp.add_argument("--extra-table", action="append", metavar="CSV", help=EXTRA_TABLE_HELP)
    cp.add_argument("--n-process", default="1", metavar="N|auto", type=n_process_arg,
                    help="worker processes (default 1; auto: one per core)")
    cp.add_argument("--max-chars", type=int_at_least(0, " (0: no limit)"), default=MAX_CHARS, metavar="N",
                    help=f"refuse (and report) a document longer than this (default {MAX_CHARS:,}; 0: no limit)")
    cp.add_argument("-v", "--verbose", action="store_true", help="name each file's type and the encoding used")
    cp.set_defaults(func=cmd_compare)

    sh = sub.add_parser("show", help="write an HTML page: highlighted entities, relation markers, indicator table",
                        description="Parse one file (.txt, .html, .docx or - for stdin) and write a self-contained "
                                    "HTML page (no external resources) that highlights the entities, marks each "
                                    "relation on its number and lists the indicator table; a long report is "
                                    "shown a page at a time.")
    sh.add_argument("file", metavar="FILE|-", help="the report to show (.txt, .html, .docx), or - for stdin")
    sh.add_argument("-o", "--output", help="the page to write (default: stdout)")
    sh.add_argument("--model", help=MODEL_HELP)
    sh.add_argument("--extra-table", action="append", metavar="CSV", help=EXTRA_TABLE_HELP)
    sh.set_defaults(func=cmd_show)

    c = sub.add_parser("corpus", help="gold corpus tools").add_subparsers(
        dest="corpus_command", metavar="ACTION", required=True, help="what to do (policy-ie corpus ACTION -h for its options)")
    v = c.add_parser("validate", help="check records; print file:line: problem")
    v.add_argument("paths", nargs="+", metavar="PATH", help="JSONL files of gold records, or directories of them")
    v.add_argument("--no-values", action="store_true", help="skip the quantity-reader consistency check")
    v.set_defaults(func=cmd_corpus_validate)
    d = c.add_parser("from-drafts", help="convert annotation drafts to gold records")
    d.add_argument("drafts", metavar="DRAFTS_DIR", help="a directory of *.jsonl annotation drafts (such as corpus/drafts)")
    d.add_argument("--out", default="corpus/gold", metavar="DIR",
                   help="write the gold records of each annotated draft file here (default: corpus/gold)")
    d.set_defaults(func=cmd_corpus_from_drafts)
    s = c.add_parser("to-spacy", help="write train/dev/test DocBin files from gold records and splits")
    s.add_argument("gold", metavar="GOLD", help=GOLD_HELP)
    s.add_argument("--splits", default=str(SPLITS_FILE), metavar="JSON", help=SPLITS_HELP)
    s.add_argument("--out", default="corpus/spacy", metavar="DIR",
                   help="write SPLIT.spacy here, one DocBin per split (default: corpus/spacy)")
    s.add_argument("--repeat", type=repeat_spec, action="append", metavar="PREFIX=N",
                   help="the train split's documents whose id starts with PREFIX appear N times in train.spacy "
                        "(as 'policy-ie train --repeat'); repeatable")
    s.set_defaults(func=cmd_corpus_to_spacy)
    st = c.add_parser("stats", help="per-split counts and the consistency checks")
    st.add_argument("gold", nargs="?", default="corpus/gold", metavar="GOLD", help=GOLD_HELP + " (default: corpus/gold)")
    st.add_argument("--splits", default=str(SPLITS_FILE), metavar="JSON", help=SPLITS_HELP)
    st.add_argument("-v", "--verbose", action="store_true", help="list every consistency finding")
    st.set_defaults(func=cmd_corpus_stats)
    i = c.add_parser("import", help="convert a Label Studio / Doccano / Prodigy export to records")
    i.add_argument("format", choices=("label-studio", "doccano", "prodigy"), help="the tool that wrote the export")
    i.add_argument("file", help="the export file (JSON or JSONL, as the tool writes it)")
    i.add_argument("-o", "--output", required=True, help="the JSONL file of records to write")
    i.set_defaults(func=cmd_corpus_import)

    t = sub.add_parser("train", help="train a pipeline (wraps spacy train)")
    t.add_argument("--config", default="configs/policy_ie.cfg", metavar="CFG",
                   help="the spaCy training config (default: configs/policy_ie.cfg)")
    t.add_argument("--train", default="corpus/spacy/train.spacy", metavar="DOCBIN",
                   help="the training documents, a DocBin from 'policy-ie corpus to-spacy' "
                        "(default: corpus/spacy/train.spacy; not read with --gold)")
    t.add_argument("--dev", default="corpus/spacy/dev.spacy", metavar="DOCBIN",
                   help="the dev documents scored while training, a DocBin (default: corpus/spacy/dev.spacy; "
                        "not read with --gold)")
    t.add_argument("--output", default="training/output", metavar="DIR",
                   help="write model-best and model-last here (default: training/output)")
    t.add_argument("--max-steps", type=int_at_least(0, " (0: the config's)"), default=0, metavar="N",
                   help="stop after this many training steps (default 0: the config's max_steps)")
    t.add_argument("--gold", help="train from gold JSONL records (file or directory), validated first; "
                                  "train/dev documents from --splits (instead of --train/--dev DocBins)")
    t.add_argument("--splits", default=str(SPLITS_FILE), metavar="JSON", help=SPLITS_HELP + "; read with --gold")
    t.add_argument("--with-dev", action="store_true",
                   help="with --gold: train on the train and dev documents (once settings are chosen on dev); "
                        "dev scores then no longer measure held-out accuracy, so keep model-last, not model-best")
    t.add_argument("--init-tok2vec", metavar="WEIGHTS",
                   help="start the tok2vec from these spacy pretrain weights (the config's [pretraining]; "
                        "the shipped pipeline: training/pretrain/model-last.bin, see the README)")
    t.add_argument("--repeat", type=repeat_spec, action="append", metavar="PREFIX=N",
                   help="with --gold: the training documents whose id starts with PREFIX appear N times in the "
                        "training data (e.g. report-2026-=2, or your own documents' prefix); repeatable")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("evaluate", help="score a pipeline on gold records, or cross-validate by document",
                       description="policy-ie evaluate MODEL GOLD scores a trained pipeline; "
                                   "policy-ie evaluate --cv K GOLD trains K pipelines with --config, each "
                                   "tested on one fold of documents it never saw (another fold is its dev "
                                   "set), and reports each fold and the pooled counts.")
    e.add_argument("paths", nargs="+", metavar="MODEL GOLD | GOLD",
                   help="a trained pipeline directory and the gold records (a JSONL file or a directory of them); "
                        "with --cv, the gold records only")
    e.add_argument("--split", help="only the documents of this split of --splits (e.g. test)")
    e.add_argument("--splits", default=str(SPLITS_FILE), metavar="JSON", help=SPLITS_HELP + "; read with --split")
    e.add_argument("--traditional", action="store_true", help="also score the traditional-script conversion")
    e.add_argument("--cv", type=int_at_least(3, " (one fold to test, one for dev, the rest to train)"), metavar="K", help="cross-validate by document with K folds (K >= 3)")
    e.add_argument("--config", default="configs/policy_ie.cfg", metavar="CFG",
                   help="training config for --cv (default: configs/policy_ie.cfg)")
    e.add_argument("--max-steps", type=int_at_least(0, " (0: the config's)"), default=0, metavar="N", help="training steps per fold for --cv (0: the config's)")
    e.add_argument("--cv-dir", help="keep the fold pipelines here (default: a temporary directory)")
    e.add_argument("-o", "--output", help="write the scores as JSON")
    e.set_defaults(func=cmd_evaluate)
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    in_main_thread = threading.current_thread() is threading.main_thread()
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGPIPE)} if in_main_thread else {}
    if in_main_thread:
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return args.func(args)
    except FlagError as exc:
        command = " ".join(filter(None, (parser.prog, args.command, getattr(args, "corpus_command", None))))
        print(f"{command}: error: {exc}", file=sys.stderr)
        return exc.status
    except (CLIError, InputError, PipelineError, TableError) as exc:
        print(f"policy-ie: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("policy-ie: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("policy-ie: terminated", file=sys.stderr)
        return 143
    except (BrokenPipeError, PipeClosed):  # output piped into head & co.: stop quietly, like other Unix tools
        # the stdout watcher may still send its SIGPIPE: it must not break into the clean-up of the
        # parse generators, which runs when this frame lets go of them
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        if exc.filename and exc.strerror:  # "path: no such file or directory", not "[Errno 2] …: 'path'"
            print(f"policy-ie: {exc.filename}: {exc.strerror[:1].lower()}{exc.strerror[1:]}", file=sys.stderr)
        else:
            print(f"policy-ie: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"policy-ie: {exc}", file=sys.stderr)
        return 1
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


if __name__ == "__main__":
    sys.exit(main())
