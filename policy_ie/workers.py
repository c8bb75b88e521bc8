"""Worker processes for ``parse_many(n_process=N)``: whole documents in, results out.

Each worker is forked after the pipeline is loaded (so the model's pages are shared,
not loaded again), limits its BLAS to :func:`blas_threads` threads, and parses whole
documents with the single-process path, sending back :class:`ParseResult` objects.
The main process keeps results in input order and at most ``WINDOW_PER_PROCESS × N``
documents in flight or waiting, so memory stays bounded for a long iterable.

Stopping: workers ignore SIGINT (Ctrl-C reaches the whole process group; the main
process decides), die on SIGTERM, and leave by themselves when the main process is
gone. Whenever the generator stops — exhausted, closed, garbage-collected or
interrupted by an exception — every worker is ended before it returns.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import gc
import multiprocessing
import os
import signal
import sys
from multiprocessing.connection import wait
from typing import Callable, Iterable, Iterator

WINDOW_PER_PROCESS = 4  # documents in flight or waiting to be yielded, per worker
QUEUED_PER_WORKER = 1  # documents sent to one worker and not yet answered (1: the tail stays short)
STOP_SECONDS = 2.0  # how long a terminated worker gets before SIGKILL
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}
BLAS_THREADS_ENV = "POLICY_IE_BLAS_THREADS"
MALLOC_TRIM_THRESHOLD, MALLOC_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters


class WorkerError(RuntimeError):
    """A worker process ended without answering (killed, out of memory, ...)."""


def usable_cores() -> int:
    """The cores this process may run on (``sched_getaffinity`` where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def resolve_n_process(n_process) -> int:
    """``n_process`` as a positive int (``"auto"``: the usable cores); else a one-line ValueError."""
    if n_process == "auto":
        return usable_cores()
    if isinstance(n_process, bool) or not isinstance(n_process, int) or n_process < 1:
        raise ValueError(f"n_process must be a positive integer or 'auto', not {n_process!r}")
    return n_process


def blas_threads(n_process: int) -> int:
    """BLAS threads for each of ``n_process`` parsing processes: as many as fit,
    ``cores // n_process`` (measured fastest in the README), or ``POLICY_IE_BLAS_THREADS``
    if that is lower (0: as many as fit); processes × threads never exceed the cores."""
    fit = max(1, usable_cores() // n_process)
    raw = os.environ.get(BLAS_THREADS_ENV, "0").strip() or "0"
    if not raw.isdigit():
        raise ValueError(f"{BLAS_THREADS_ENV} must be a whole number (0: as many as fit), not {raw!r}")
    return fit if int(raw) == 0 else min(int(raw), fit)


@functools.lru_cache(maxsize=1)
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController().select(user_api="blas")


def limit_blas_threads(threads: int | None):
    """A context in which each of this process's BLAS pools (OpenBLAS, MKL, BLIS) uses at most
    ``threads`` threads, never more than it already had (``OPENBLAS_NUM_THREADS=1`` and the like
    are respected); None: leave them alone. Applies at once, until the context ends."""
    if threads is None:
        return contextlib.nullcontext()
    ctl = _blas_controller()
    return ctl.limit(limits={lib.prefix: min(threads, lib.num_threads) for lib in ctl.lib_controllers})


@contextlib.contextmanager
def signals_blocked():
    """SIGINT and SIGTERM wait until the block ends (delivered then, not lost)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class _Worker:
    def __init__(self, ctx, parse_one: Callable, threads: int, others: list) -> None:
        self.conn, child = ctx.Pipe()
        self.queued = 0
        self.proc = ctx.Process(target=_work, args=(child, [self.conn, *others], parse_one, threads, os.getpid()),
                                daemon=True, name="policy_ie-worker")
        with signals_blocked():  # the child starts with them blocked, until it has its own handlers
            self.proc.start()
        child.close()

    def died(self) -> WorkerError:
        self.proc.join(0.5)
        code = self.proc.exitcode
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
        return WorkerError(f"a worker process ended without answering ({how})")


def _work(conn, parent_ends: list, parse_one: Callable, threads: int, parent_pid: int) -> None:
    """A worker's loop: ``(index, text)`` in, ``(index, result, error)`` out, until None;
    BLAS limited to ``threads`` threads for the worker's life."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python sets it; the CLI's handler is for its own stdout
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)
    for end in parent_ends:  # the main process's ends: only it may hold them, so its exit is seen
        end.close()
    limit = limit_blas_threads(threads)  # noqa: F841 - held (and so applied) until the worker ends
    _keep_freed_memory()
    while True:
        while not conn.poll(1.0):
            if os.getppid() != parent_pid:
                return  # the main process is gone
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        i, text = task
        try:
            answer = (i, parse_one(text), None)
        except Exception as exc:  # noqa: BLE001 - sent back and raised in the main process, in order
            answer = (i, None, exc)
        try:
            conn.send(answer)
        except (BrokenPipeError, EOFError):
            return
        except Exception as exc:  # noqa: BLE001 - an unpicklable error
            conn.send((i, None, RuntimeError(f"{type(exc).__name__}: {exc}")))


def _keep_freed_memory() -> None:
    """glibc only: serve large arrays from the heap and keep freed memory for the next batch,
    instead of mapping and unmapping it each time. In a forked worker that cut page faults
    about tenfold and CPU time by about a tenth (``getrusage`` over the 27 benchmark reports)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return
    libc.mallopt(MALLOC_MMAP_THRESHOLD, 32 * 2**20)  # glibc's maximum
    libc.mallopt(MALLOC_TRIM_THRESHOLD, 256 * 2**20)


def parse_in_workers(texts: Iterable, parse_one: Callable, n_process: int,
                     check: Callable = lambda t: t) -> Iterator:
    """``parse_one(text)`` for every text in ``n_process`` forked workers (each with
    :func:`blas_threads` BLAS threads), yielded in input order.

    ``check`` runs on each text in the main process before it is sent; its error is
    raised in order, like a worker's.
    """
    ctx = multiprocessing.get_context("fork")
    sys.stdout.flush()  # a forked child must not inherit (and later flush) buffered output
    sys.stderr.flush()
    workers: list[_Worker] = []
    gc.freeze()  # the children's collector then leaves the inherited objects (and their pages) alone
    try:
        for _ in range(n_process):
            workers.append(_Worker(ctx, parse_one, blas_threads(n_process), [w.conn for w in workers]))
        gc.unfreeze()
        yield from _in_order(iter(texts), workers, check, WINDOW_PER_PROCESS * n_process)
        for w in workers:
            w.conn.send(None)
    finally:
        gc.unfreeze()
        with signals_blocked():  # a second Ctrl-C must not leave workers behind
            _stop(workers)


def _in_order(texts: Iterator, workers: list[_Worker], check: Callable, window: int) -> Iterator:
    """Send texts to the least-busy worker, at most ``window`` ahead of the next result out."""
    done: dict[int, tuple] = {}
    sent = out = 0
    exhausted = False
    by_conn = {w.conn: w for w in workers}
    while True:
        while not exhausted and sent - out < window:
            worker = min(workers, key=lambda w: w.queued)
            if worker.queued >= QUEUED_PER_WORKER:
                break
            try:
                text = next(texts)
            except StopIteration:
                exhausted = True
                break
            try:
                check(text)
            except Exception as exc:  # noqa: BLE001 - raised when its turn comes
                done[sent] = (None, exc)
            else:
                worker.conn.send((sent, text))
                worker.queued += 1
            sent += 1
        if out in done:
            result, error = done.pop(out)
            if error is not None:
                raise error
            out += 1
            yield result
            continue
        if exhausted and out == sent:
            return
        for conn in wait([w.conn for w in workers if w.queued]):
            worker = by_conn[conn]
            try:
                i, result, error = conn.recv()
            except (EOFError, OSError):  # closed, or reset by a worker that died mid-answer
                raise worker.died() from None
            worker.queued -= 1
            done[i] = (result, error)


def _stop(workers: list[_Worker]) -> None:
    """End every worker: a moment to leave after the sentinel, then SIGTERM, then SIGKILL."""
    for w in workers:
        w.proc.join(0.2 if w.queued == 0 else 0)
        if w.proc.is_alive():
            w.proc.terminate()
    for w in workers:
        w.proc.join(STOP_SECONDS)
        if w.proc.is_alive():
            w.proc.kill()
            w.proc.join()
        w.conn.close()
