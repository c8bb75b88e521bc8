"""Dask as the distributed engine: documents parsed on the workers of a Dask cluster
(a local one, or any scheduler: dask-jobqueue on SLURM/PBS, Kubernetes, YARN).

Python: :func:`indicator_table` takes a Dask bag or dataframe of texts or paths (or a list
of paths) and returns a Dask dataframe of the indicator table (the columns and types of
:mod:`policy_ie.tables`); :func:`indicator_tables` also returns the table of the documents
that failed. Command line: ``policy-ie parse INPUT... --engine dask`` (:func:`write_dataset`
for ``--format parquet -o OUT_DIR``, :func:`parse_results` for the other formats).

Each worker process loads a pipeline once (:func:`pipeline`, a per-process cache keyed by
the model path and the extra indicator tables: tasks carry the paths, never the model) and
runs one BLAS thread. A
document that cannot be read, is too long or raises becomes an error (path, reason); the
others go on. Needs ``pip install -e ".[dask]"`` (dask, distributed, pyarrow).
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

from . import tables
from .api import MAX_CHARS, PipelineError, too_long
from .indicators import TableError
from .inputs import STDIN, InputError
from .result import ParseResult

WINDOW_PER_WORKER = 4  # parse_results: documents in flight or waiting, per worker
STALE_TMP = ".part-*.tmp"  # temporary parts a killed job may leave (hidden from Parquet readers)
SUCCESS = "_SUCCESS"  # written when every document of a job has a part or an error row
ERRORS = "_errors.parquet"  # the documents that failed: path, error

_pipelines: dict = {}
_worker_limits: list = []  # held for the worker's life: one BLAS thread, freed memory kept
_lock = threading.Lock()  # one load and one parse at a time per process


class DocumentError(RuntimeError):
    """A document of :func:`indicator_table` that could not be parsed (``name: reason``)."""


@dataclass
class Outcome:
    """What became of one document: its result (or counts, when a worker wrote it), or an error."""

    document: str | None
    result: ParseResult | None = None
    error: str | None = None
    how_read: str | None = None  # "text, encoding gb18030" for a file
    counts: tuple[int, int, int] = (0, 0, 0)  # sentences, entities, relations


class Tables(NamedTuple):
    """The lazy indicator table and errors table of one set of documents (one graph)."""

    records: object  # dask.dataframe.DataFrame, columns of tables.RECORD_DTYPES
    errors: object  # dask.dataframe.DataFrame, columns path, error


def pipeline(model: str | None = None, extra_tables: Iterable[str] = ()):
    """The pipeline at ``model`` (None: the shipped one) with the indicator CSVs ``extra_tables``
    added to its table (:func:`policy_ie.pipeline.load_with_tables`), loaded once per process.
    In a Dask worker process, BLAS is also limited to one thread for the worker's life."""
    from .api import _nlp
    from .pipeline import load_with_tables

    key = (model, tuple(extra_tables))
    with _lock:
        if key not in _pipelines:
            _pipelines[key] = _nlp(load_with_tables(model, key[1]))
        if not _worker_limits and _in_worker():  # after a load, so that numpy's BLAS is there to limit
            from .workers import _keep_freed_memory, limit_blas_threads

            _worker_limits.append(limit_blas_threads(1))
            _keep_freed_memory()
        return _pipelines[key]


def _in_worker() -> bool:
    """Whether this runs as a task of a distributed worker."""
    try:
        from distributed import get_worker

        get_worker()
        return True
    except (ImportError, ValueError):
        return False


def _unpack(item) -> tuple[str | None, str | None, str | None]:
    """(document, path, text) of an input item: a text (str), a path (``os.PathLike``), a
    ``(document, text)`` pair, or a dict with ``text`` or ``path`` and optionally ``document``."""
    if isinstance(item, str):
        return None, None, item
    if hasattr(item, "__fspath__"):
        return os.fspath(item), os.fspath(item), None
    if isinstance(item, tuple) and len(item) == 2:
        return item[0], None, item[1]
    if isinstance(item, dict) and (_given(item.get("text")) or _given(item.get("path"))):
        text = item["text"] if _given(item.get("text")) else None
        path = None if text is not None else str(item["path"])
        return (item["document"] if _given(item.get("document")) else path), path, text
    raise TypeError(f"an input is a text, a path, a (document, text) pair or a dict with 'text' or 'path', "
                    f"not {type(item).__name__}")


def _given(value) -> bool:
    """Not None, NaN or pandas' NA (a missing cell of a dataframe row)."""
    return value is not None and value == value and type(value).__name__ != "NAType"


def parse_item(item, model: str | None = None, max_chars: int | None = MAX_CHARS,
               extra_tables: Iterable[str] = ()) -> Outcome:
    """Read (a path) and parse one input item; any failure but an unloadable pipeline (or
    indicator table) is the outcome's ``error``."""
    from .api import parse
    from .inputs import read_source

    out = Outcome(None)
    if isinstance(item, dict) and item.get("error"):  # already failed where it was read
        return Outcome(item.get("document"), error=item["error"])
    try:
        out.document, path, text = _unpack(item)
        if text is None:
            doc = read_source(Path(path))
            text, out.how_read = doc.text, f"{doc.kind}, encoding {doc.encoding}"
        out.error = too_long(text, max_chars) if isinstance(text, str) else None
        if out.error is None:
            nlp = pipeline(model, extra_tables)
            with _lock:
                out.result = parse(text, nlp=nlp, max_chars=None)
    except (PipelineError, TableError):
        raise  # not the document's fault: the job stops
    except InputError as exc:
        out.error = str(exc).removeprefix(f"{path}: ")
    except (TypeError, ValueError) as exc:
        out.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - any failure of one document is reported, the rest go on
        out.error = f"{type(exc).__name__}: {exc}"
    return out


def _rows(outcomes, raise_errors: bool) -> list[dict]:
    """The indicator-table rows of a partition of outcomes; an error raises with ``raise_errors``."""
    rows = []
    for out in outcomes:
        if out.error is None:
            rows += out.result.records(out.document)
        elif raise_errors:
            raise DocumentError(f"{out.document or 'a text'}: {out.error}")
    return rows


def _error_rows(outcomes) -> list[dict]:
    return [{"path": out.document, "error": out.error} for out in outcomes if out.error is not None]


def _as_bag(inputs):
    """``inputs`` as a Dask bag of input items (a list of paths: one partition per document)."""
    import dask.bag as db
    import dask.dataframe as dd

    if isinstance(inputs, db.Bag):
        return inputs
    if isinstance(inputs, dd.DataFrame):
        if not {"text", "path"} & set(inputs.columns):
            raise ValueError(f"a dataframe of inputs needs a 'text' or a 'path' column, not {list(inputs.columns)}")
        return inputs.to_bag(format="dict")
    if isinstance(inputs, (list, tuple)) and inputs:
        return db.from_sequence([{"path": str(Path(p).absolute()), "document": str(p)} for p in inputs],
                                npartitions=len(inputs))
    raise TypeError(f"inputs must be a Dask bag or dataframe, or a non-empty list of paths, not {inputs!r:.60}")


def indicator_tables(inputs, *, model: str | Path | None = None, max_chars: int | None = MAX_CHARS,
                     extra_tables: Iterable[str | Path] = (), raise_errors: bool = False) -> Tables:
    """The indicator table and the errors table of ``inputs`` as lazy Dask dataframes of one
    graph (compute them together, ``dask.compute(*tables)``, to parse once).

    ``inputs``: a Dask bag of texts (str), paths (``pathlib.Path``), ``(document, text)``
    pairs or dicts with ``text`` or ``path`` (and ``document``); a Dask dataframe with a
    ``text`` or ``path`` column (and ``document``); or a list of paths. Paths are read
    (.txt/.html/.docx, any supported encoding) on the workers. ``model``: a pipeline
    directory the workers can read (default: the shipped one); ``extra_tables``: indicator CSVs
    the workers can read, added to its table (as ``--extra-table``).
    """
    outcomes = _as_bag(inputs).map(parse_item, str(model) if model else None, max_chars,
                                   [str(p) for p in extra_tables])
    return Tables(outcomes.map_partitions(_rows, raise_errors).to_dataframe(meta=tables.frame([])),
                  outcomes.map_partitions(_error_rows).to_dataframe(meta=tables.frame([], tables.ERROR_DTYPES)))


def indicator_table(inputs, *, model: str | Path | None = None, max_chars: int | None = MAX_CHARS,
                    extra_tables: Iterable[str | Path] = ()):
    """The indicator table of ``inputs`` (as in :func:`indicator_tables`) as a lazy Dask
    dataframe; a document that fails raises :class:`DocumentError` when it is computed."""
    return indicator_tables(inputs, model=model, max_chars=max_chars, extra_tables=extra_tables,
                            raise_errors=True).records


# --------------------------------------------------------------------------- command line
@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int = 1):
    """A distributed ``Client``: of the scheduler at ``scheduler``, or of a local cluster of
    ``workers`` single-threaded worker processes (closed at the end)."""
    import logging

    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, ValueError) as exc:
            raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:  # failures come as outcomes
        client.register_plugin(_ignore_interrupts_plugin(), name="policy_ie-ignore-interrupts")
        yield client


def _ignore_interrupts_plugin():
    """A worker plugin (also applied to restarted workers): the local cluster's workers ignore Ctrl-C,
    which reaches the whole process group; the main process ends them (as policy_ie.workers does)."""
    from distributed import WorkerPlugin

    class IgnoreInterrupts(WorkerPlugin):
        def setup(self, worker):
            import signal

            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            except ValueError:  # not the worker process's main thread
                pass

    return IgnoreInterrupts()


def _items(sources: list) -> list[dict]:
    """Input items of files and stdin (read here, as the workers cannot)."""
    from .inputs import read_source

    out = []
    for src in sources:
        if src == STDIN:
            try:
                out.append({"document": "<stdin>", "text": read_source(STDIN).text})
            except InputError as exc:  # reported as the document's error, like a file's
                out.append({"document": "<stdin>", "error": str(exc).removeprefix("<stdin>: ")})
        else:
            out.append({"document": str(src), "path": str(Path(src).absolute())})  # workers may have another cwd
    return out


def _result(future) -> Outcome:
    """A task's outcome; a document that killed its worker each time it ran is an error."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker as exc:
        return Outcome(None, error=f"the worker parsing it died each time ({exc})")
    finally:
        future.release()


def parse_results(client, sources: list, *, model=None, max_chars=MAX_CHARS, extra_tables=()) -> Iterator[Outcome]:
    """An :class:`Outcome` per source (a path or ``-``), in input order, parsed on ``client``'s
    workers with at most ``WINDOW_PER_WORKER`` documents per worker in flight or waiting."""
    window = max(8, WINDOW_PER_WORKER * len(client.scheduler_info()["workers"]))
    pending: deque = deque()
    for item in _items(sources):
        pending.append((item, client.submit(parse_item, item, model, max_chars, extra_tables, pure=False)))
        if len(pending) >= window:
            yield _named(*pending.popleft())
    while pending:
        yield _named(*pending.popleft())


def _named(item: dict, future) -> Outcome:
    out = _result(future)
    out.document = out.document or item["document"]
    return out


def write_part(item: dict, path: str, model=None, max_chars=MAX_CHARS, extra_tables=()) -> Outcome:
    """Parse one document and write its indicator table to ``path`` (Parquet, renamed when
    complete, the document's name in its metadata); the outcome keeps only the counts."""
    out = parse_item(item, model, max_chars, extra_tables)
    if out.error is None:
        res, out.result = out.result, None
        out.counts = (len(res.sentences), len(res.entities), len(res.relations))
        try:
            tables.write_parquet(tables.arrow_table(res.records(out.document), document=out.document), path)
        except OSError as exc:
            out.error = f"cannot write {path}: {exc.strerror or exc}"
    return out


class Plan(NamedTuple):
    """The documents of a Parquet dataset job: all of them, their parts, those still to write."""

    out_dir: Path
    items: list[dict]
    paths: list[Path]
    todo: list[int]


def plan_dataset(sources: list, out_dir: str | Path, resume: bool = False) -> Plan:
    """One part per document in ``out_dir`` (``part-00000.parquet`` …, in input order); with
    ``resume``, only the documents whose part is missing are still to write. Refuses (ValueError)
    a directory that holds parts without ``resume``, or parts of other inputs."""
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise ValueError(f"{out_dir}: not a directory (--format parquet with --engine dask writes a directory of parts)")
    items = _items(sources)
    width = max(5, len(str(len(items) - 1)))
    paths = [out_dir / f"part-{i:0{width}d}.parquet" for i in range(len(items))]
    existing = set(out_dir.glob("part-*.parquet"))
    if existing and not resume:
        raise ValueError(f"{out_dir}: holds the parts of an earlier run; continue it with --resume, "
                         f"or write to a new directory")
    for p in sorted(existing - set(paths))[:1]:
        raise ValueError(f"{p}: not one of this run's {len(items)} documents (the inputs changed?): "
                         f"write to a new directory")
    todo = []
    for i, (item, p) in enumerate(zip(items, paths)):
        if p not in existing:
            todo.append(i)
        elif tables.part_document(p) != item["document"]:
            raise ValueError(f"{p}: holds {tables.part_document(p)}, not {item['document']} (the inputs changed?): "
                             f"write to a new directory")
    return Plan(out_dir, items, paths, todo)


def write_dataset(client, plan: Plan, *, model=None, max_chars=MAX_CHARS, extra_tables=(),
                  input_errors: Iterable[tuple[str, str]] = ()) -> Iterator[Outcome]:
    """Write the parts of ``plan`` on ``client``'s workers (which must see the files and the
    directory), yielding each outcome as it completes; then ``_errors.parquet`` (the documents
    that failed, with ``input_errors``) and, last, ``_SUCCESS``."""
    from distributed import as_completed

    plan.out_dir.mkdir(parents=True, exist_ok=True)
    (plan.out_dir / SUCCESS).unlink(missing_ok=True)
    for stale in plan.out_dir.glob(STALE_TMP):
        stale.unlink(missing_ok=True)
    futures = {client.submit(write_part, plan.items[i], str(plan.paths[i].absolute()), model, max_chars,
                             extra_tables, pure=False): plan.items[i] for i in plan.todo}
    errors = [{"path": p, "error": e} for p, e in input_errors]
    for future in as_completed(futures):
        out = _named(futures[future], future)
        if out.error is not None:
            errors.append({"path": out.document, "error": out.error})
        yield out
    tables.write_parquet(tables.arrow_table(errors, "errors"), plan.out_dir / ERRORS)
    (plan.out_dir / SUCCESS).write_text(f"{len(plan.items)} documents, {len(errors)} failed\n", encoding="utf-8")
