"""Base for rule components that have nothing to save: serialization is a no-op."""
from __future__ import annotations


class StatelessComponent:
    """``to_disk``/``from_disk``/``to_bytes``/``from_bytes`` that store and restore nothing."""

    def to_disk(self, path, *, exclude=tuple()):
        return None

    def from_disk(self, path, *, exclude=tuple()):
        return self

    def to_bytes(self, *, exclude=tuple()):
        return b""

    def from_bytes(self, data, *, exclude=tuple()):
        return self
