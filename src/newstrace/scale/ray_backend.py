"""The same per-report stages on Ray (optional: ``pip install ray``; imported only when this backend is used).

Mirrors `newstrace.scale.local`: a pool of Ray actors, each holding the stage function (so a model the stage
loads lazily is loaded once per actor), up to ``prefetch`` calls queued on each actor (an actor runs its calls
in order, so it never waits for the driver to hand it the next one), results in input order, at most
``workers * (prefetch + 1)`` jobs of reports in flight. A document that overruns `timeout_s` gets a `Failure` with
`timeout_code` and its actor is killed and replaced (``ray.kill`` ends the process, which also stops a C-level
hang); an actor that dies gives `error_code` and the batch goes on.

Ray is started locally when not already running, with usage statistics off (``RAY_USAGE_STATS_ENABLED=0``),
no dashboard and nothing fetched: newstrace never phones home.

Example:
    >>> from newstrace.model import Report
    >>> from newstrace.scale.local import _identity
    >>> [r.id for r in run(_identity, [Report(id="a")], workers=1)]  # doctest: +SKIP
    ['a']
"""
from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..errors import NewstraceError
from ..ingest.base import Failure, Skipped
from ._order import Ordered, coded_failure
from ..model import Report

Stage = Callable[[Report], Report]


def _ray() -> Any:
    # Must be set before ray is imported: no usage statistics leave the machine.
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    os.environ.setdefault("RAY_DISABLE_DOCKER_CPU_WARNING", "1")
    try:
        import ray
    except ImportError:
        raise NewstraceError("NT109", "backend 'ray' needs Ray: pip install 'ray==2.60.0' (or use backend local)") from None
    return ray


# The object store holds only the reports in flight (workers x (prefetch + 1) x batch): a small bound keeps a local Ray
# from reserving a third of the machine's memory for it. On a cluster, `ray start` sets its own.
OBJECT_STORE_MB = 512


def _ensure_started(ray: Any, workers: int) -> None:
    if ray.is_initialized():
        return
    if os.environ.get("RAY_ADDRESS"):
        # a running cluster (`ray start`): join it; its nodes set their own CPUs and object store
        ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False, configure_logging=False,
                 logging_level="ERROR")
        return
    ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False, configure_logging=False,
             logging_level="ERROR", object_store_memory=OBJECT_STORE_MB * 2**20)


class _StageActor:
    """Holds the stage function in one Ray worker process."""

    def __init__(self, fn: Stage, initializer: Callable[[], None] | None, batch_fn: Any = None) -> None:
        self.fn = fn
        self.batch_fn = batch_fn
        if initializer is not None:
            initializer()

    def apply_batch(self, items: list[Report]) -> list[tuple[bool, Any]]:
        """Several reports at once through the batch stage (one by one when it fails as a whole)."""
        if self.batch_fn is not None:
            try:
                got = self.batch_fn(items)
                if len(got) == len(items):
                    return [(ok, p if ok else (p[0], p[1])) for ok, p in got]
            except Exception:  # noqa: BLE001
                pass
        return [self.apply(x) for x in items]

    def apply(self, item: Report) -> tuple[bool, Any]:
        try:
            return True, self.fn(item)
        except NewstraceError as e:
            return False, (e.code, e.message)
        except Exception as e:  # noqa: BLE001 - a stage error is that document's failure
            return False, (None, f"{type(e).__name__}: {e}")


class RayRunner:
    """A reusable pool of Ray actors running one stage; `map` per batch, `close` at the end.

    Args: as `newstrace.scale.local.LocalRunner` (``workers`` actors, ``timeout_s`` per document, codes).

    Raises:
        NewstraceError: NT109 when Ray is not installed.
    """

    def __init__(self, fn: Stage, *, workers: int = 1, timeout_s: float = 60.0,
                 initializer: Callable[[], None] | None = None, timeout_code: str = "NT202",
                 error_code: str = "NT203", prefetch: int = 2, batch_fn: Any = None, batch_size: int = 1) -> None:
        if workers < 1 or timeout_s <= 0 or prefetch < 1 or batch_size < 1:
            raise ValueError("workers must be >= 1, timeout_s > 0, prefetch >= 1 and batch_size >= 1")
        self.ray = _ray()
        _ensure_started(self.ray, workers)
        self.fn, self.n, self.timeout_s, self.initializer = fn, workers, timeout_s, initializer
        # as in LocalRunner: up to `batch_size` reports per actor call; a failed batch is retried one by one
        self.batch_fn = batch_fn if batch_size > 1 else None
        self.batch_size = batch_size if self.batch_fn is not None else 1
        self.timeout_code, self.error_code = timeout_code, error_code
        # `prefetch` calls in flight per actor, and one more job's worth read ahead for each
        self.depth = prefetch
        self.limit = workers * (prefetch + 1) * self.batch_size
        self._cls = self.ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_StageActor)
        self.actors: list[Any] = []

    def __enter__(self) -> RayRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fail(self, rep: Report, code: str | None, message: str) -> Failure:
        return coded_failure(rep, code, message, self.error_code)

    def _new_actor(self) -> Any:
        return self._cls.remote(self.fn, self.initializer, self.batch_fn)

    def map(self, items: Iterable[Report | Failure | Skipped]) -> Iterator[Report | Failure | Skipped]:
        """Apply the stage to `items`; one result per item, in input order."""
        ray = self.ray
        while len(self.actors) < self.n:
            self.actors.append(self._new_actor())
        o = Ordered(items, self.limit)
        queue, done = o.queue, o.done
        # Up to `depth` calls queued on each actor (Ray runs an actor's calls in order): while the driver writes
        # and assigns a batch, each actor already holds its next one instead of waiting to be handed it.
        jobs: dict[int, deque[tuple[Any, list[tuple[int, Report]], float]]] = {s: deque() for s in range(self.n)}
        singles: deque[tuple[int, Report]] = deque()  # reports of a failed batch, retried one per call

        alone: set[int] = set()  # slots running one retried report with nothing queued behind it

        def lost(slot: int, job: list[tuple[int, Report]], code: str, message: str, *, died: bool = False) -> None:
            # the calls queued behind the lost one did not start: their reports go back to the front of the queue
            behind = [item for _, later, _ in jobs[slot] for item in later]
            jobs[slot].clear()
            queue.extendleft(reversed(behind))
            was_alone = slot in alone
            alone.discard(slot)
            self._replace(slot)
            # An actor that dies may take with it the reply of a call that had already finished, so a death is
            # charged to a report only when it ran alone on its actor; otherwise its reports are retried so.
            if len(job) > 1 or (died and not was_alone):
                singles.extendleft(reversed(job))
            else:
                done[job[0][0]] = self._fail(job[0][1], code, message)

        try:
            while True:
                o.fill()
                for slot in range(self.n):
                    while len(jobs[slot]) < self.depth and (singles or queue) and slot not in alone:
                        if singles:
                            if jobs[slot]:
                                break  # a retried report runs with no call before or after it on its actor
                            job = [singles.popleft()]
                            alone.add(slot)
                        else:
                            k = max(1, min(self.batch_size, -(-len(queue) // self.n))) if self.batch_fn else 1
                            job = [queue.popleft() for _ in range(min(k, len(queue)))]
                        if len(job) > 1:
                            ref = self.actors[slot].apply_batch.remote([r for _, r in job])
                        else:
                            ref = self.actors[slot].apply.remote(job[0][1])
                        # a queued call's clock starts when the one before it ends (set below); until then its
                        # deadline is that of the calls ahead of it plus its own allowance
                        ahead = jobs[slot][-1][2] if jobs[slot] else time.monotonic()
                        jobs[slot].append((ref, job, ahead + self.timeout_s * len(job)))
                yield from o.ready()
                heads = {slot: dq[0] for slot, dq in jobs.items() if dq}
                if not heads:
                    if o.finished() and not singles:
                        return
                    continue
                wait_s = max(0.0, min(h[2] for h in heads.values()) - time.monotonic())
                ready, _ = ray.wait([h[0] for h in heads.values()], num_returns=1, timeout=wait_s)
                ready_set = set(ready)
                for slot, (ref, job, deadline) in heads.items():
                    if ref in ready_set:
                        jobs[slot].popleft()
                        try:
                            got = ray.get(ref)
                        except Exception as e:  # noqa: BLE001 - the actor died (crash, OOM kill)
                            lost(slot, job, self.error_code, f"worker died while processing it ({type(e).__name__})",
                                 died=True)
                            continue
                        alone.discard(slot)
                        results = got if len(job) > 1 else [got]
                        for (idx, rep), (ok, payload) in zip(job, results):
                            done[idx] = payload if ok else self._fail(rep, payload[0], payload[1])
                        if jobs[slot]:  # the next call starts now: its own allowance from here
                            nref, njob, _ = jobs[slot][0]
                            jobs[slot][0] = (nref, njob, time.monotonic() + self.timeout_s * len(njob))
                    elif time.monotonic() >= deadline:
                        jobs[slot].popleft()
                        lost(slot, job, self.timeout_code, f"took longer than {self.timeout_s:g} s; worker stopped")
        finally:
            for slot in [s for s, dq in jobs.items() if dq]:  # stopped early: busy actors would answer a stale document
                self._replace(slot)

    def _replace(self, slot: int) -> None:
        try:
            self.ray.kill(self.actors[slot], no_restart=True)
        except Exception:  # noqa: BLE001 - already dead
            pass
        self.actors[slot] = self._new_actor()

    def close(self) -> None:
        """Kill the actors (Ray itself stays up for the process; it stops at exit)."""
        for a in self.actors:
            try:
                self.ray.kill(a, no_restart=True)
            except Exception:  # noqa: BLE001
                pass
        self.actors = []


def run(
    fn: Stage,
    items: Iterable[Report | Failure | Skipped],
    *,
    workers: int = 1,
    timeout_s: float = 60.0,
    initializer: Callable[[], None] | None = None,
    timeout_code: str = "NT202",
    error_code: str = "NT203",
    prefetch: int = 2,
) -> Iterator[Report | Failure | Skipped]:
    """`newstrace.scale.local.run` on Ray: same arguments, same results, same order.

    Raises:
        NewstraceError: NT109 when Ray is not installed.
    """
    with RayRunner(fn, workers=workers, timeout_s=timeout_s, initializer=initializer, timeout_code=timeout_code,
                   error_code=error_code, prefetch=prefetch) as runner:
        yield from runner.map(items)
