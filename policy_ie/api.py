"""``parse`` and ``parse_many``: text in, :class:`ParseResult` out.

The pipeline does the extraction (:mod:`policy_ie.pipeline`); these functions only clean
the text (:func:`policy_ie.text.clean`), cut it into sentence-aligned pieces that go
through ``nlp.pipe`` in order, and assemble each document's result from its pieces
(:mod:`policy_ie.assemble`), with offsets into the caller's string.
"""
from __future__ import annotations

import functools
import itertools
import threading
from typing import Iterable, Iterator, Optional

from .pipeline import DEFAULT_MODEL, PipelineError, load  # noqa: F401  (load: also policy_ie.load)
from .result import ParseResult
from .segmentation import split_sentences
from .text import CleanText, clean, unencodable

MAX_CHARS = 10_000_000  # longest text parsed by default: memory grows with it (README: "Hostile input")
PIECE_CHARS = 800  # documents go through the pipeline in sentence-aligned pieces of about this size
WARM_UP = "地区生产总值增长5%，新增就业8000人。"  # parsed before workers are forked (first-call set-up)
BATCH_PIECES = 16  # pieces per nlp.pipe batch (larger batches only cost memory: measured in the README)

_lock = threading.Lock()
_documents = itertools.count()  # a document id for the pieces of each text (Doc._.document_piece)


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
    """Pieces of every text through ``nlp.pipe``, in order, with ``threads`` BLAS threads (set
    around each step, so the caller's own BLAS use between results is left alone; None: as
    they are); results reassembled per text; ``on_progress(done, total)`` after each piece, in
    characters of the text.

    Each piece is a Doc that knows which document it belongs to and its place among the pieces
    (``doc._.document_piece``), so components that read a document in order (the target rules'
    plan/review sections) carry their state from one piece to the next inside the pipeline.
    """
    from .assemble import doc_to_result_parts
    from .workers import limit_blas_threads

    cleaned: dict[int, CleanText] = {}  # the text of each piece in flight, by text index

    def pieces():
        for i, text in enumerate(texts):  # checked by the caller
            ct = cleaned[i] = clean(text)
            spans = _pieces(ct.text) or [(0, 0)]
            document = next(_documents)
            for k, (s, e) in enumerate(spans):
                doc = nlp.make_doc(ct.text[s:e])
                doc._.document_piece = (document, k, len(spans))
                yield (doc, (i, s, k == 0, k == len(spans) - 1))

    def docs():
        stream = nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size)
        while True:
            with limit_blas_threads(threads):
                item = next(stream, None)
            if item is None:
                return
            yield item

    result: Optional[ParseResult] = None
    for doc, (i, offset, first, last) in docs():
        ct = cleaned.pop(i) if last else cleaned[i]
        if first:
            result = ParseResult(ct.original)
        doc_to_result_parts(doc, ct, offset, result)
        if on_progress is not None:
            end = offset + len(doc.text)
            on_progress(len(ct.original) if last or not end else ct.ends[end - 1], len(ct.original))
        if last:
            yield result
