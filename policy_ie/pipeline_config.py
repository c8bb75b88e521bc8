"""What ``policy_ie.load`` accepts in a pipeline directory's ``config.cfg`` before spaCy reads it.

Loading must read only what the directory holds and never unpickle. spaCy's own
loading reads weights and settings as msgpack/JSON and vectors with numpy
(``allow_pickle`` off); what the config can add is checked here:

- the tokenizer must be ``policy_ie.Tokenizer.v1`` without settings (spaCy's
  Chinese tokenizer loads spacy-pkuseg models, which may unpickle ``features.pkl``);
- no component may be sourced (``source = ...`` loads another pipeline from any path).

``[paths]``, ``[initialize]`` (where spaCy's Chinese defaults still write null pkuseg
settings) and ``lexicon`` of ``policy_ie.LexiconHashEmbed.v1`` are read only when a
pipeline is initialised for training, never on load.
"""
from __future__ import annotations

from pathlib import Path

from .tokenizer import TokenizerSettingError, refuse_settings

TOKENIZER = "policy_ie.Tokenizer.v1"


def config_problem(path: Path) -> str | None:
    """The first reason to refuse the pipeline config at ``path``, or None."""
    from confection import Config

    try:
        cfg = Config().from_disk(path, interpolate=False)
    except Exception as exc:  # noqa: BLE001 - any unreadable config is refused with its reason
        return f"config.cfg: {type(exc).__name__}: {exc}".splitlines()[0]
    tokenizer = dict(cfg.get("nlp", {}).get("tokenizer", {}))
    name = tokenizer.pop("@tokenizers", None)
    if name != TOKENIZER:
        return f"not a policy_ie pipeline: config.cfg [nlp.tokenizer]: only {TOKENIZER} is loaded, not {name!r}"
    try:
        refuse_settings(tokenizer, "config.cfg [nlp.tokenizer]")
    except TokenizerSettingError as exc:
        return str(exc)
    for comp, settings in cfg.get("components", {}).items():
        if isinstance(settings, dict) and "source" in settings:
            return (f"config.cfg [components.{comp}]: 'source' loads another pipeline from outside this "
                    f"directory; assemble the pipeline and save it whole instead")
    return None
