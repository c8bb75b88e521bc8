"""Label and settings bookkeeping shared by the trainable components."""
from __future__ import annotations


class CfgLabels:
    """``labels`` kept in ``self.cfg["labels"]``, so they are saved with the pipe's cfg."""

    cfg: dict

    @property
    def labels(self) -> tuple:
        return tuple(self.cfg["labels"])

    def add_label(self, label: str) -> int:
        if label in self.cfg["labels"]:
            return 0
        self._allow_extra_label()
        self.cfg["labels"].append(label)
        return 1


class ConfigSettings:
    """A pipe whose ``cfg`` holds both its config settings and what it learned (``LEARNED``):
    loading from disk or bytes takes only what it learned, so the settings of the pipeline's config,
    including those given to ``spacy.load(path, config=...)``, win over the copy saved beside the
    weights (spaCy's own ``TrainablePipe`` lets the saved copy win, so an override was ignored).
    The config is where settings live: one changed in ``cfg`` at run time is not saved with
    ``nlp.to_disk`` (set it in the config instead)."""

    LEARNED: tuple = ("labels",)
    cfg: dict

    def _settings(self) -> dict:
        return {k: v for k, v in self.cfg.items() if k not in self.LEARNED}

    def from_disk(self, path, *, exclude=tuple()):
        settings = self._settings()
        out = super().from_disk(path, exclude=exclude)
        self.cfg.update(settings)
        return out

    def from_bytes(self, bytes_data, *, exclude=tuple()):
        settings = self._settings()
        out = super().from_bytes(bytes_data, exclude=exclude)
        self.cfg.update(settings)
        return out
