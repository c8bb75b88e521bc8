"""``parse``, ``parse_many`` and ``load``: text in, :class:`ParseResult` out."""
from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .result import ParseResult
from .text import CleanText, clean

DEFAULT_MODEL = Path(__file__).parent / "models" / "policy_ie_default"
CHUNK_CHARS = 100_000  # whole documents are processed in line-aligned chunks of about this size

_lock = threading.Lock()


class PipelineError(RuntimeError):
    """A pipeline directory that cannot be loaded."""


def load(path: str | Path | None = None, **kwargs):
    """Load a policy_ie pipeline directory (the shipped default when ``path`` is None)."""
    import spacy

    from . import components  # noqa: F401  (registers factories)
    from . import tokenizer  # noqa: F401

    path = Path(path) if path is not None else DEFAULT_MODEL
    if not path.exists():
        raise PipelineError(f"cannot load pipeline {path}: no such directory")
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        raise PipelineError(f"cannot load pipeline {path}: not a spaCy pipeline directory (config.cfg or meta.json missing)")
    try:
        nlp = spacy.load(path, **kwargs)
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


def _check_text(text) -> str:
    if not isinstance(text, str):
        raise TypeError(f"policy_ie.parse expects a str, got {type(text).__name__}"
                        + (" (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""))
    return text


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Split ``text`` into line-aligned pieces of about ``size`` characters."""
    out, pos, n = [], 0, len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            nl = text.rfind("\n", pos, end)
            if nl <= pos:
                # no line break: cut after a sentence end, else hard-cut
                cut = max(text.rfind(c, pos, end) for c in "。！？；，")
                nl = cut if cut > pos else end - 1
            end = nl + 1
        out.append((pos, end))
        pos = end
    return out


def parse(text: str, *, nlp=None) -> ParseResult:
    """Extract entities and relations from ``text`` (any length; simplified or traditional)."""
    _check_text(text)
    return next(_parse_stream([text], _nlp(nlp), n_process=1, batch_size=1))


def parse_many(texts: Iterable[str], *, nlp=None, n_process: int = 1, batch_size: int = 2) -> Iterator[ParseResult]:
    """Stream a :class:`ParseResult` per input text, in input order."""
    yield from _parse_stream(texts, _nlp(nlp), n_process=n_process, batch_size=batch_size)


def _parse_stream(texts: Iterable[str], nlp, n_process: int, batch_size: int) -> Iterator[ParseResult]:
    from .docs import doc_to_result_parts

    def pieces():
        for i, text in enumerate(texts):
            _check_text(text)
            ct = clean(text)
            spans = _chunks(ct.text) if ct.text.strip() else []
            if not spans:
                yield (ct.text[:0], (i, ct, 0, True, True))
                continue
            for k, (s, e) in enumerate(spans):
                yield (ct.text[s:e], (i, ct, s, k == 0, k == len(spans) - 1))

    current: Optional[tuple] = None
    for doc, (i, ct, offset, first, last) in nlp.pipe(pieces(), as_tuples=True, n_process=n_process,
                                                      batch_size=batch_size):
        if first:
            current = (ct, ParseResult(ct.original))
        ct_, result = current
        doc_to_result_parts(doc, ct_, offset, result)
        if last:
            yield result
