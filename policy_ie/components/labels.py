"""Label bookkeeping shared by the trainable components."""
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
