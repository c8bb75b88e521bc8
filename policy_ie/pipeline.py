"""The policy_ie pipeline: ``load`` a trained one (the shipped default or yours), ``blank`` a new
one, and find its components by what they are, not by what they are called.

``nlp = policy_ie.load(); doc = nlp(text)`` sets everything ``policy_ie.parse`` returns:
``doc.ents`` (AMOUNT/PERCENT with ``span._.quantity``), ``doc._.rels`` (with ``target``)
and sentence starts. ``parse`` adds the clean-up, the cutting of long texts into pieces
and the result with offsets into the caller's string (:mod:`policy_ie.api`).
"""
from __future__ import annotations

import os
from pathlib import Path

import spacy
from spacy.language import Language

from . import components, tokenizer  # noqa: F401  (registered here too when the entry points are not installed)
from .pipeline_config import TOKENIZER

LANG = "zh"
DEFAULT_MODEL = Path(__file__).parent / "models" / "policy_ie_default"
ACCURATE_MODEL = Path(__file__).parent / "models" / "policy_ie_accurate"
SHIPPED_MODELS = {"default": DEFAULT_MODEL, "accurate": ACCURATE_MODEL}  # names load() and --model take
BLAS_BACKENDS = ("numpy", "blis")
BLAS_ENV = "POLICY_IE_BLAS"  # the default of load(blas=...), so also of parse() with the shipped pipeline
SENTENCIZER = "policy_ie_sentencizer"  # the factories a policy_ie pipeline needs: the sentencizer, and
ENTITY_FACTORIES = ("policy_ie_entity_tagger", "policy_ie_quantities", "ner")  # one that sets entities


class PipelineError(RuntimeError):
    """A pipeline directory that cannot be loaded."""


def blank() -> Language:
    """A blank pipeline with the policy_ie tokenizer and no components."""
    return spacy.blank(LANG, config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})


def factories(nlp: Language) -> dict[str, str]:
    """``{pipe name: factory name}`` of every pipe of ``nlp``, in order."""
    return {name: nlp.get_pipe_meta(name).factory for name in nlp.pipe_names}


def pipes_of(nlp: Language, kind) -> list:
    """The components of ``nlp`` that are instances of the class ``kind`` or made by the
    factory named ``kind``, in pipeline order."""
    made_by = factories(nlp)
    return [pipe for name, pipe in nlp.pipeline
            if (made_by[name] == kind if isinstance(kind, str) else isinstance(pipe, kind))]


def pipe_of(nlp: Language, kind):
    """The one component :func:`pipes_of` finds; a ValueError when there is none."""
    found = pipes_of(nlp, kind)
    if not found:
        raise ValueError(f"the pipeline has no {getattr(kind, '__name__', kind)} component "
                         f"(components: {factories(nlp)})")
    return found[0]


def directory_problem(path: str | Path) -> str | None:
    """Why ``path`` is not a pipeline directory to load, in a few words (None: it looks like one;
    :func:`load` checks the rest)."""
    path = Path(path)
    if not path.exists():
        return "no such directory"
    if not (path / "config.cfg").is_file() or not (path / "meta.json").is_file():
        return "not a spaCy pipeline directory (config.cfg or meta.json missing)"
    return None


def model_path(path: str | Path | None) -> Path:
    """The directory of a pipeline: a shipped one by name (``"default"``, ``"accurate"``; None is
    the default), else ``path`` itself. Names come first, as spaCy's package names do."""
    if path is None:
        return DEFAULT_MODEL
    if isinstance(path, str) and path in SHIPPED_MODELS:
        return SHIPPED_MODELS[path]
    return Path(path)


def load(path: str | Path | None = None, *, blas: str | None = None, **kwargs) -> Language:
    """Load a policy_ie pipeline: a directory, or a shipped one by name (``"default"``, also when
    ``path`` is None; ``"accurate"``, larger and slower, see the README).

    Load pipelines only from sources you trust, as with any spaCy pipeline; the
    config is checked first (:mod:`policy_ie.pipeline_config`) so that loading reads
    nothing outside the directory and unpickles nothing.

    On CPU, ``blas`` picks what runs the network's matrix products: ``"numpy"``
    (numpy's BLAS, OpenBLAS in the numpy wheels; measured faster in the README) or
    ``"blis"`` (thinc's default); when None, the ``POLICY_IE_BLAS`` environment
    variable, else ``"numpy"``. Results agree up to float rounding.
    Other keyword arguments go to ``spacy.load``.
    """
    from thinc.api import NumpyOps, get_current_ops, use_ops

    from .pipeline_config import config_problem
    from .tokenizer import TokenizerSettingError

    path = model_path(path)
    problem = directory_problem(path)
    if problem:
        raise PipelineError(f"cannot load pipeline {path}: {problem}")
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
    made_by = set(factories(nlp).values())
    if SENTENCIZER not in made_by or not made_by.intersection(ENTITY_FACTORIES):
        raise PipelineError(f"cannot load pipeline {path}: not a policy_ie pipeline (components: {nlp.pipe_names})")
    return nlp


def load_with_tables(path: str | Path | None = None, extra_tables=()) -> Language | None:
    """The pipeline at ``path`` (None: the shipped one) with the indicator CSVs ``extra_tables``
    added to its indicator linker's table (``--extra-table``); None when neither is given (the
    caller then uses the shared shipped pipeline). A fresh pipeline is loaded for the tables, so
    the shared one keeps the shipped table."""
    if not path and not extra_tables:
        return None
    nlp = load(path)
    if extra_tables:
        from .components.indicator_linker import IndicatorLinker

        pipe_of(nlp, IndicatorLinker).add_tables(list(extra_tables))
    return nlp
