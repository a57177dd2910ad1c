"""Progress reporting from a flow to whoever started it (the CLI's progress bar, or nothing)."""
from __future__ import annotations


class ProgressReporter:
    """The silent default; the CLI installs one that draws a bar on a terminal."""

    def start(self, total: int) -> None:
        pass

    def advance(self, n: int) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def stop(self) -> None:
        pass


_current: ProgressReporter = ProgressReporter()


def reporter() -> ProgressReporter:
    return _current


def install(new: ProgressReporter | None) -> None:
    global _current
    _current = new or ProgressReporter()
