"""``parse``, ``parse_many`` and ``load``: text in, :class:`ParseResult` out."""
from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .result import ParseResult
from .sentences import split_sentences
from .text import CleanText, clean, unencodable

DEFAULT_MODEL = Path(__file__).parent / "models" / "policy_ie_default"
MAX_CHARS = 10_000_000  # longest text parsed by default: memory grows with it (README: "Hostile input")
PIECE_CHARS = 800  # documents go through the pipeline in sentence-aligned pieces of about this size
WARM_UP = "地区生产总值增长5%，新增就业8000人。"  # parsed before workers are forked (first-call set-up)
BATCH_PIECES = 16  # pieces per nlp.pipe batch (larger batches only cost memory: measured in the README)

_lock = threading.Lock()


class PipelineError(RuntimeError):
    """A pipeline directory that cannot be loaded."""


BLAS_BACKENDS = ("numpy", "blis")
BLAS_ENV = "POLICY_IE_BLAS"  # the default of load(blas=...), so also of parse() with the shipped pipeline


def load(path: str | Path | None = None, *, blas: str | None = None, **kwargs):
    """Load a policy_ie pipeline directory (the shipped default when ``path`` is None).

    Load pipelines only from sources you trust, as with any spaCy pipeline; the
    config is checked first (:mod:`policy_ie.pipeline_config`) so that loading reads
    nothing outside the directory and unpickles nothing.

    On CPU, ``blas`` picks what runs the network's matrix products: ``"numpy"``
    (numpy's BLAS, OpenBLAS in the numpy wheels; measured faster in the README) or
    ``"blis"`` (thinc's default); when None, the ``POLICY_IE_BLAS`` environment
    variable, else ``"numpy"``. Results agree up to float rounding.
    Other keyword arguments go to ``spacy.load``.
    """
    import spacy
    from thinc.api import NumpyOps, get_current_ops, use_ops

    from . import components  # noqa: F401  (registers factories)
    from .pipeline_config import config_problem
    from .tokenizer import TokenizerSettingError

    path = Path(path) if path is not None else DEFAULT_MODEL
    if not path.exists():
        raise PipelineError(f"cannot load pipeline {path}: no such directory")
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise PipelineError(f"cannot load pipeline {path}: not a spaCy pipeline directory (config.cfg or meta.json missing)")
    blas = blas or os.environ.get(BLAS_ENV) or "numpy"
    if blas not in BLAS_BACKENDS:
        raise ValueError(f"blas must be one of {', '.join(BLAS_BACKENDS)}, not {blas!r}")
    problem = config_problem(path / "config.cfg")
    if problem:
        raise PipelineError(f"cannot load pipeline {path}: {problem}")
    try:
        if isinstance(get_current_ops(), NumpyOps):  # on CPU; a GPU pipeline keeps its ops
            with use_ops("numpy", use_blis=blas == "blis"):
                nlp = spacy.load(path, **kwargs)
        else:
            nlp = spacy.load(path, **kwargs)
    except TokenizerSettingError as exc:
        raise PipelineError(f"cannot load pipeline {path}: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 - re-raised with the path and the reason
        raise PipelineError(f"cannot load pipeline {path}: {type(exc).__name__}: {exc}") from exc
    missing = [p for p in ("policy_ie_sentencizer",) if p not in nlp.pipe_names]
    if missing or not any(n in nlp.pipe_names for n in ("ner", "policy_ie_quantities")):
        raise PipelineError(f"cannot load pipeline {path}: not a policy_ie pipeline (components: {nlp.pipe_names})")
    return nlp


@functools.lru_cache(maxsize=1)
def _default_nlp():
    return load(None)


def _nlp(nlp):
    if nlp is not None:
        return nlp
    with _lock:
        return _default_nlp()


def too_long(text: str, max_chars: int | None) -> str | None:
    """Why ``text`` is refused for its length (more than ``max_chars``; None or 0: no limit), or None."""
    if not max_chars or len(text) <= max_chars:
        return None
    return (f"{len(text):,} characters, more than max_chars={max_chars:,} (memory grows with the length of one "
            f"text); split it into several texts, or raise max_chars")


def _check_text(text, max_chars: int | None = MAX_CHARS) -> str:
    """``text`` itself, or a one-line TypeError / ValueError before spaCy sees it."""
    if not isinstance(text, str):
        raise TypeError(f"policy_ie.parse expects a str, got {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))
    problem = unencodable(text)
    if problem:
        raise ValueError(f"text {problem}")
    problem = too_long(text, max_chars)
    if problem:
        raise ValueError(f"text has {problem}")
    return text


def _pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Sentence-aligned ``(start, end)`` spans of ``text``, each about ``size`` characters.

    Everything between two pieces is whitespace; a sentence longer than ``size``
    is cut at ；/，, else hard-cut (see :func:`split_sentences`).
    """
    out: list[tuple[int, int]] = []
    for s, e in split_sentences(text, max_len=size):
        if out and e - out[-1][0] <= size:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def parse(text: str, *, nlp=None, max_chars: int | None = MAX_CHARS, on_progress=None) -> ParseResult:
    """Extract entities and relations from ``text`` (simplified or traditional; up to
    ``max_chars`` characters, None for no limit). ``on_progress(done, total)``, if given, is
    called after each piece with the characters of ``text`` parsed so far and in all."""
    from .workers import blas_threads

    _check_text(text, max_chars)
    return next(_parse_stream([text], _nlp(nlp), BATCH_PIECES, blas_threads(1), on_progress))


def parse_many(texts: Iterable[str], *, nlp=None, n_process: int | str = 1,
               batch_size: int = BATCH_PIECES, max_chars: int | None = MAX_CHARS) -> Iterator[ParseResult]:
    """Stream a :class:`ParseResult` per input text, in input order.

    With ``n_process`` > 1 (``"auto"``: every usable core), that many worker
    processes each parse whole documents (:mod:`policy_ie.workers`); the results
    are identical to one process. ``batch_size`` counts the sentence-aligned
    pieces (about ``PIECE_CHARS`` characters each) that go through the pipeline together.
    A text that is not a str, holds a lone surrogate or is longer than ``max_chars``
    raises a one-line error when its turn comes. Closing the generator early ends the workers.
    """
    from .workers import blas_threads, resolve_n_process

    n = resolve_n_process(n_process)  # checked now, not at the first result
    check = functools.partial(_check_text, max_chars=max_chars)
    if n == 1:
        return _parse_here(texts, nlp, batch_size, blas_threads(1), check)
    return _parse_in_workers(texts, nlp, n, batch_size, check)


def _parse_here(texts, nlp, batch_size: int, threads: int, check) -> Iterator[ParseResult]:
    yield from _parse_stream(map(check, texts), _nlp(nlp), batch_size, threads)


def _parse_in_workers(texts, nlp, n_process: int, batch_size: int, check) -> Iterator[ParseResult]:
    from .workers import parse_in_workers

    model = _nlp(nlp)  # loaded once, before the workers are forked
    next(_parse_stream([WARM_UP], model, batch_size, None))  # lazy set-up done once, shared with the workers

    def parse_one(text: str) -> ParseResult:  # in a worker, whose BLAS threads are set for its life
        return next(_parse_stream([text], model, batch_size, None))

    yield from parse_in_workers(texts, parse_one, n_process, check=check)


def _parse_stream(texts: Iterable[str], nlp, batch_size: int, threads: int | None,
                  on_progress=None) -> Iterator[ParseResult]:
    """Pieces of every text through ``nlp.pipe`` with ``threads`` BLAS threads (set
    around each step, so the caller's own BLAS use between results is left alone;
    None: as they are); results reassembled per text; ``on_progress(done, total)`` after
    each piece, in characters of the text.

    Target rules read plan/review headings across the whole document, so they
    run here, in document order, on each piece with the state the previous
    piece left, instead of inside ``nlp.pipe``.
    """
    from .components.targets import TargetRules
    from .docs import doc_to_result_parts
    from .workers import limit_blas_threads

    targets = [name for name, pipe in nlp.pipeline if isinstance(pipe, TargetRules)]
    cleaned: dict[int, CleanText] = {}  # the text of each piece in flight, by text index

    def pieces():
        for i, text in enumerate(texts):  # checked by the caller
            ct = cleaned[i] = clean(text)
            spans = _pieces(ct.text)
            if not spans:
                yield (ct.text[:0], (i, 0, True, True))
                continue
            for k, (s, e) in enumerate(spans):
                yield (ct.text[s:e], (i, s, k == 0, k == len(spans) - 1))

    def docs():
        stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size, disable=targets)
        while True:
            with limit_blas_threads(threads):
                item = next(stream, None)
            if item is None:
                return
            yield item

    result: Optional[ParseResult] = None
    plan = False
    for doc, (i, offset, first, last) in docs():
        ct = cleaned.pop(i) if last else cleaned[i]
        if first:
            result, plan = ParseResult(ct.original), False
        for name in targets:
            plan = nlp.get_pipe(name).set_targets(doc, plan)
        doc_to_result_parts(doc, ct, offset, result)
        if on_progress is not None:
            end = offset + len(doc.text)
            on_progress(len(ct.original) if last or not end else ct.ends[end - 1], len(ct.original))
        if last:
            yield result
