"""Bookkeeping every runner shares: number the inputs, pass reader records through in place, bound the work in
flight, and hand results back in input order. The runners only decide how a report gets processed.

A unit of work is anything that is not a `Failure` or `Skipped` record: a `Report` for the per-report stages, a
`newstrace.provenance.stage.StoryJob` for the story stage. A failed unit is named by its ``id`` and ``source``."""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import CODES, NewstraceError
from ..ingest.base import Failure, Skipped
from ..model import Report


class Ordered:
    """Ordered, bounded intake of `items` (reports to process; `Failure`/`Skipped` records pass through).

    Example:
        >>> o = Ordered([Report(id="a")], limit=2)
        >>> o.fill(); idx, rep = o.queue.popleft(); o.done[idx] = rep
        >>> [r.id for r in o.ready()], o.finished()
        (['a'], True)
    """

    def __init__(self, items: Iterable[Report | Failure | Skipped], limit: int) -> None:
        self.source = iter(items)
        self.limit = limit
        self.exhausted = False
        self.queue: deque[tuple[int, Report]] = deque()
        self.done: dict[int, Any] = {}
        self.next_in = 0
        self.next_out = 0

    def fill(self) -> None:
        """Take items until `limit` are in flight or the input ends."""
        while not self.exhausted and self.next_in - self.next_out < self.limit:
            try:
                item = next(self.source)
            except StopIteration:
                self.exhausted = True
                break
            if isinstance(item, (Failure, Skipped)):
                self.done[self.next_in] = item
            else:
                self.queue.append((self.next_in, item))
            self.next_in += 1

    def ready(self) -> Iterator[Any]:
        """The results that can be handed back now, in input order."""
        while self.next_out in self.done:
            yield self.done.pop(self.next_out)
            self.next_out += 1

    def finished(self) -> bool:
        return self.exhausted and not self.queue and self.next_out == self.next_in


def coded_failure(rep: Any, code: str | None, message: str, default_code: str) -> Failure:
    """A stage's own coded error keeps its code; anything else gets the runner's `default_code`."""
    err = NewstraceError(code if code in CODES else default_code, f"{rep.id}: {message}")
    return Failure(rep.source or rep.id, rep.id, err)
