"""A one-line progress bar for the command line, drawn on stderr only when it is a terminal:
files of a batch, or the characters of one large document."""
from __future__ import annotations

import sys
import time


class Progress:
    """``[#####.....] 3/10 files 4.2s`` (or ``12,800/26,219 chars``, ``unit="chars"``) redrawn in
    place; other messages go through :meth:`write`.

    Shown when there is more than one item and the stream is a terminal, unless ``enabled`` says
    otherwise.
    """

    def __init__(self, total: int, stream=None, enabled: bool | None = None, width: int = 30, unit: str = "files"):
        self.total = total
        self.unit = unit
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = (total > 1 and _isatty(self.stream)) if enabled is None else enabled
        self.width = width
        self.done = 0
        self.t0 = time.perf_counter()
        self._drawn = False

    def render(self) -> str:
        """The bar as text, without control characters."""
        filled = self.width * self.done // self.total if self.total else self.width
        return (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done:,}/{self.total:,} {self.unit} "
                f"{time.perf_counter() - self.t0:.1f}s")

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)

    def update(self, done: int, total: int | None = None) -> None:
        """Set how many are done (and, if given, the total: a callback's ``(done, total)``)."""
        self.done = done
        if total is not None:
            self.total = total
        self._draw()

    def write(self, line: str) -> None:
        """Print a line above the bar (or plainly when the bar is off)."""
        self._clear()
        print(line, file=self.stream)
        self._draw()

    def close(self) -> None:
        self._clear()

    def _draw(self) -> None:
        if self.enabled:
            self.stream.write("\r" + self.render())
            self.stream.flush()
            self._drawn = True

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self._drawn = False


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
