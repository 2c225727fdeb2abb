"""Run any vntext function over many texts, in order, optionally across processes.

Every public vntext function is a module-level pure function, so it pickles and runs in
worker processes started with ``spawn`` (the safe start method on every platform, and
the one Spark/Dask-style workers resemble). ``map_texts`` keeps input order, streams
(memory stays flat on corpora larger than RAM), and can show a progress line on stderr.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO, TypeVar

__all__ = ["map_texts"]

T = TypeVar("T")
R = TypeVar("R")


class _Progress:
    """A one-line progress meter: items, MB of text, rate. Redraws at most 5 times a second."""

    def __init__(self, stream: TextIO, total: int | None = None) -> None:
        self.stream = stream
        self.total = total
        self.items = 0
        self.chars = 0
        self.started = time.perf_counter()
        self._last_draw = 0.0

    def update(self, chars: int) -> None:
        self.items += 1
        self.chars += chars
        now = time.perf_counter()
        if now - self._last_draw >= 0.2:
            self._last_draw = now
            self._draw(now)

    def _draw(self, now: float, end: str = "\r") -> None:
        elapsed = max(now - self.started, 1e-9)
        done = f"{self.items:,}" + (f"/{self.total:,}" if self.total else "")
        mb = self.chars / 1e6
        self.stream.write(
            f"vntext: {done} items, {mb:,.1f} M chars, {self.items / elapsed:,.0f} items/s{end}"
        )
        self.stream.flush()

    def close(self) -> None:
        self._draw(time.perf_counter(), end="\n")


def _size(item: object) -> int:
    return len(item) if isinstance(item, str) else 0


def map_texts(
    func: Callable[[T], R],
    texts: Iterable[T],
    *,
    jobs: int = 1,
    chunksize: int = 64,
    progress: bool | TextIO = False,
) -> Iterator[R]:
    """Apply ``func`` to every item of ``texts`` and yield the results in input order.

    ``jobs > 1`` runs ``func`` in that many worker processes (``spawn``); ``func`` must then
    be picklable: a vntext function, any module-level function, or a ``functools.partial``
    of one (``partial(vntext.normalize_tone, style="hoà")``). ``progress=True`` draws a
    progress line on stderr (or pass a stream).

    >>> from functools import partial
    >>> from vntext import normalize_tone
    >>> list(map_texts(partial(normalize_tone, style="hoà"), ["hòa bình", "thủy lợi"]))
    ['hoà bình', 'thuỷ lợi']
    """
    if jobs < 1:
        raise ValueError(f"jobs must be >= 1, got {jobs}")
    if chunksize < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize}")
    meter: _Progress | None = None
    if progress:
        stream = sys.stderr if progress is True else progress
        total = len(texts) if hasattr(texts, "__len__") else None  # type: ignore[arg-type]
        meter = _Progress(stream, total)

    # Sizes of submitted items, consumed as results come back, so the meter counts
    # finished work even while a pool's feeder thread runs ahead of it.
    sizes: deque[int] = deque()

    def submitted(items: Iterable[T]) -> Iterator[T]:
        for item in items:
            sizes.append(_size(item))
            yield item

    def finished(results: Iterator[R]) -> Iterator[R]:
        for result in results:
            if meter is not None:
                meter.update(sizes.popleft())
            yield result

    try:
        if jobs == 1:
            yield from finished(func(item) for item in submitted(texts))
        else:
            context = multiprocessing.get_context("spawn")
            with context.Pool(jobs) as pool:
                yield from finished(pool.imap(func, submitted(texts), chunksize=chunksize))
    finally:
        if meter is not None:
            meter.close()
