"""Run a per-report stage (cleaning, NLP) in worker processes with a per-document time limit.

Why processes and not threads or signals: a C-level hang (lxml on a pathological page) cannot be
interrupted from Python, so the only reliable limit is to kill the process doing the work. Each worker is
a `forkserver` (or `spawn`) process that receives the stage function once and keeps it, so a model the
stage loads lazily is loaded once per worker, not once per document. When a document overruns its limit
the worker is killed and replaced and the document yields a `Failure` with `timeout_code` (NT202 for
cleaning); when a worker dies (segfault, ``os._exit``, OOM kill) the document yields a `Failure` with
`error_code` and the batch goes on. Output order is input order; at most ``workers * prefetch`` documents
are in flight, so memory stays bounded on an endless input.

Example:
    >>> from newstrace.model import Report
    >>> out = list(run(_identity, [Report(id="a"), Report(id="b")], workers=0))
    >>> [r.id for r in out]
    ['a', 'b']
"""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from queue import SimpleQueue
from typing import Any

from ..errors import NewstraceError
from ..ingest.base import Failure, Skipped
from ._order import Ordered, coded_failure
from ..model import Report

Stage = Callable[[Report], Report]
# A stage over several reports at once (e.g. one `nlp.pipe` across them): one `(ok, report or (code, message))`
# per input report, in order.
BatchStage = Callable[[list[Report]], list[tuple[bool, Any]]]
_READY = ("ready",)
# Benchmarks only: a directory where each worker writes its cProfile stats when it stops cleanly
# (bench/bench_throughput.py); unset, workers run unprofiled.
PROFILE_ENV = "NEWSTRACE_PROFILE_DIR"


def _identity(r: Report) -> Report:
    return r


def _worker_main(conn: Connection, fn: Stage, initializer: Callable[[], None] | None,
                 memory_limit_mb: int | None = None, batch_fn: BatchStage | None = None) -> None:
    profile_dir = os.environ.get(PROFILE_ENV)
    if not profile_dir:
        _worker_loop(conn, fn, initializer, memory_limit_mb, batch_fn)
        return
    import cProfile

    prof = cProfile.Profile()
    prof.enable()
    try:
        _worker_loop(conn, fn, initializer, memory_limit_mb, batch_fn)
    finally:
        prof.disable()
        prof.dump_stats(os.path.join(profile_dir, f"worker-{os.getpid()}.prof"))


def _apply(fn: Stage, idx: int, item: Report) -> tuple[int, bool, Any]:
    try:
        return (idx, True, fn(item))
    except NewstraceError as e:
        return (idx, False, (e.code, e.message))
    except BaseException as e:  # noqa: BLE001 - any stage error is that document's failure
        return (idx, False, (None, f"{type(e).__name__}: {e}"))


def _apply_batch(fn: Stage, batch_fn: BatchStage | None, items: list[tuple[int, Report]]) -> list[tuple[int, bool, Any]]:
    if batch_fn is None:
        return [_apply(fn, idx, item) for idx, item in items]
    try:
        got = batch_fn([item for _, item in items])
        if len(got) != len(items):
            raise RuntimeError(f"batch stage returned {len(got)} results for {len(items)} reports")
    except BaseException:  # noqa: BLE001 - the batch as a whole failed: one by one, so only the culprit fails
        return [_apply(fn, idx, item) for idx, item in items]
    return [(idx, ok, payload) for (idx, _), (ok, payload) in zip(items, got)]


def _worker_loop(conn: Connection, fn: Stage, initializer: Callable[[], None] | None,
                 memory_limit_mb: int | None, batch_fn: BatchStage | None = None) -> None:
    # The parent handles Ctrl-C and shuts workers down; a worker dying on SIGINT would look like a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_limit_mb:
        import resource

        # Address-space cap: a runaway parse raises MemoryError in this worker (that document's failure)
        # instead of pushing the machine into swap or the OOM killer.
        limit = memory_limit_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if initializer is not None:
        initializer()
    # Tell the parent the start (imports, initializer) is over: a document's clock starts here, so a slow
    # start on a loaded machine is not charged to the first document.
    conn.send(_READY)
    # The parent queues a worker's next job while it runs the current one; a reader thread takes jobs off the pipe
    # as they come, so the parent's send never waits for this worker to finish (a job is larger than a pipe's
    # buffer). Only this thread reads the pipe and only the loop below writes it.
    inbox: SimpleQueue[Any] = SimpleQueue()

    def reader() -> None:
        while True:
            try:
                got = conn.recv()
            except (EOFError, OSError):
                got = None
            inbox.put(got)
            if got is None:
                return

    threading.Thread(target=reader, name="newstrace-inbox", daemon=True).start()
    while True:
        msg = inbox.get()
        if msg is None:
            return
        kind, items = msg
        replies = _apply_batch(fn, batch_fn if kind == "batch" else None, items)
        try:
            conn.send(replies)
        except Exception as e:  # noqa: BLE001 - e.g. an unpicklable result
            conn.send([(idx, False, (None, f"result could not be sent back: {type(e).__name__}: {e}"))
                       for idx, _ in items])


@dataclass(slots=True)
class _Worker:
    proc: Any
    conn: Connection
    # jobs handed over, in the order the worker runs them: ([(index, report)], deadline); only the first runs
    jobs: deque[tuple[list[tuple[int, Report]], float]] = field(default_factory=deque)
    ready: bool = False
    alone: bool = False  # running one retried report with nothing queued behind it


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
    start_method: str = "forkserver",
    memory_limit_mb: int | None = None,
    startup_s: float = 120.0,
) -> Iterator[Report | Failure | Skipped]:
    """Apply `fn` to every report of `items` in worker processes; yield results in input order.

    Args:
        fn: a picklable (module-level) per-report function; it may load a model lazily (once per worker).
        items: reports; `Failure`/`Skipped` records from the reader pass through unchanged, in place.
        workers: number of worker processes (>= 1). ``0`` runs `fn` in this process with no time limit
            and no crash isolation (for debugging only).
        timeout_s: per-document wall-clock limit; an overrun kills that worker and yields `timeout_code`.
        initializer: called once in each worker before its first document (e.g. to preload a model).
        timeout_code: code of the `Failure` for an overrun (NT202 cleaning, NT303 NLP).
        error_code: code for a stage exception without its own code or a dead worker (NT203, NT301).
        prefetch: jobs handed to a worker at once (a job is one document here), so at most ``workers * prefetch``
            documents are in flight (bounds memory); a worker runs its jobs in order and does not wait for this
            process between them.
        start_method: ``forkserver`` or ``spawn`` (never ``fork``: forking a process holding threads or an
            open DB is unsafe).
        startup_s: allowance for a new worker's start (imports, `initializer`) before its first document's
            clock starts; a worker that has not started by then fails that document with `timeout_code`.
        memory_limit_mb: optional address-space cap per worker; a document that hits it fails with
            `error_code` (MemoryError) and the worker goes on. Off by default: models map large virtual areas.

    Returns:
        An iterator of the processed reports and `Failure`s, one per input item, in input order.

    Raises:
        ValueError: a bad `workers`, `timeout_s` or `start_method` (before any work starts).

    Example:
        >>> from newstrace.model import Report
        >>> [type(x).__name__ for x in run(_identity, [Report(id="a")], workers=1, timeout_s=30)]
        ['Report']
    """
    if workers == 0:
        yield from _inline(fn, items, initializer, error_code)
        return
    if workers < 0:
        raise ValueError("workers must be >= 0")
    with LocalRunner(fn, workers=workers, timeout_s=timeout_s, initializer=initializer, timeout_code=timeout_code,
                     error_code=error_code, prefetch=prefetch, start_method=start_method,
                     memory_limit_mb=memory_limit_mb, startup_s=startup_s) as runner:
        yield from runner.map(items)


def _inline(fn: Stage, items: Iterable[Any], initializer: Callable[[], None] | None,
            error_code: str) -> Iterator[Any]:
    if initializer is not None:
        initializer()
    for item in items:
        if not isinstance(item, Report):
            yield item
            continue
        try:
            yield fn(item)
        except NewstraceError as e:
            yield Failure(item.source or item.id, item.id, e)
        except Exception as e:  # noqa: BLE001
            err = NewstraceError(error_code, f"{item.id}: {type(e).__name__}: {e}")
            yield Failure(item.source or item.id, item.id, err)


class LocalRunner:
    """A reusable pool behind `run`: one pipe per worker, deadlines checked while waiting on the pipes.

    Keep one runner for a whole ingest and call `map` per batch: workers (and the models they loaded) live
    until `close`, so a model is loaded once per worker for the run, not once per batch.

    Example:
        >>> from newstrace.model import Report
        >>> with LocalRunner(_identity, workers=1, timeout_s=30) as runner:
        ...     a = [r.id for r in runner.map([Report(id="a")])]
        ...     b = [r.id for r in runner.map([Report(id="b")])]
        >>> a, b
        (['a'], ['b'])
    """

    def __init__(self, fn: Stage, *, workers: int = 1, timeout_s: float = 60.0,
                 initializer: Callable[[], None] | None = None, timeout_code: str = "NT202",
                 error_code: str = "NT203", prefetch: int = 2, start_method: str = "forkserver",
                 memory_limit_mb: int | None = None, startup_s: float = 120.0,
                 batch_fn: BatchStage | None = None, batch_size: int = 1) -> None:
        if workers < 1 or timeout_s <= 0 or prefetch < 1 or batch_size < 1:
            raise ValueError("workers must be >= 1, timeout_s > 0, prefetch >= 1 and batch_size >= 1")
        if start_method not in ("forkserver", "spawn"):
            raise ValueError("start_method must be 'forkserver' or 'spawn'")
        n = workers
        self.fn, self.n, self.timeout_s = fn, n, timeout_s
        self.memory_limit_mb = memory_limit_mb
        self.startup_s = startup_s
        self.initializer = initializer
        self.timeout_code, self.error_code = timeout_code, error_code
        # With a batch stage, a worker takes up to `batch_size` reports per job (one `nlp.pipe` across them); a job
        # that overruns `timeout_s` per report or kills its worker is retried one report per job, so only the
        # culprit fails.
        self.batch_fn = batch_fn if batch_size > 1 else None
        self.batch_size = batch_size if batch_fn is not None else 1
        # up to `prefetch` jobs handed to each worker at once (it runs them in order, so it never waits for this
        # process to hand it the next one while this process writes a batch); the bound in flight stays the same
        self.depth = prefetch
        self.limit = n * prefetch * self.batch_size
        self.ctx = mp.get_context(start_method)
        self.workers: list[_Worker] = []
        self.replaced = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.fn, self.initializer, self.memory_limit_mb,
                                                           self.batch_fn), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _retire(self, w: _Worker, *, kill: bool) -> None:
        if kill and w.proc.is_alive():
            w.proc.kill()
        w.proc.join(timeout=5)
        w.conn.close()

    def _replace(self, w: _Worker) -> None:
        self._retire(w, kill=True)
        self.workers[self.workers.index(w)] = self._spawn()
        self.replaced += 1

    def __enter__(self) -> LocalRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map(self, items: Iterable[Report | Failure | Skipped]) -> Iterator[Report | Failure | Skipped]:
        """Apply the stage to `items`; yields one result per item, in input order (see `run`)."""
        o = Ordered(items, self.limit)
        queue, done = o.queue, o.done
        singles: deque[tuple[int, Report]] = deque()  # reports of a failed batch, retried one per job
        while len(self.workers) < self.n:
            self.workers.append(self._spawn())

        def lost(w: _Worker, code: str, message: str, *, died: bool = False) -> None:
            """The worker's running job did not come back: retry a batch one by one, fail a single report. The
            jobs queued behind it did not start: their reports go back to the front of the queue."""
            job = w.jobs.popleft()[0]
            behind = [item for later, _ in w.jobs for item in later]
            w.jobs.clear()
            queue.extendleft(reversed(behind))
            was_alone = w.alone
            self._replace(w)
            # a report is charged with a death only when it ran alone: a worker that died may have been killed by
            # the job after it, before this process read the reply
            if len(job) > 1 or (died and not was_alone):
                singles.extendleft(reversed(job))
            else:
                idx, rep = job[0]
                done[idx] = self._fail(rep, code, message)

        try:
            while True:
                o.fill()
                for w in self.workers:
                    while len(w.jobs) < self.depth and (singles or queue) and not w.alone:
                        if singles:
                            if w.jobs:
                                break  # a retried report runs with no job before or after it on its worker
                            job, kind = [singles.popleft()], "single"
                            w.alone = True
                        else:
                            # spread the reports in flight over the workers rather than filling the first one
                            k = max(1, min(self.batch_size, -(-len(queue) // self.n))) if self.batch_fn else 1
                            job = [queue.popleft() for _ in range(min(k, len(queue)))]
                            kind = "batch" if len(job) > 1 else "single"
                        try:
                            w.conn.send((kind, job))
                            # a queued job's clock starts when the one before it ends (reset below)
                            start = w.jobs[-1][1] if w.jobs else time.monotonic()
                            allowance = self.timeout_s * len(job) + (0.0 if w.ready or w.jobs else self.startup_s)
                            w.jobs.append((job, start + allowance))
                        except (OSError, ValueError) as e:
                            for idx, rep in job:
                                done[idx] = self._fail(rep, self.error_code, f"could not hand to a worker: {e}")
                            behind = [item for later, _ in w.jobs for item in later]
                            w.jobs.clear()
                            queue.extendleft(reversed(behind))
                            self._replace(w)
                            break
                yield from o.ready()
                busy = [w for w in self.workers if w.jobs]
                if not busy:
                    if o.finished() and not singles:
                        return
                    continue
                now = time.monotonic()
                wait_s = max(0.0, min(w.jobs[0][1] for w in busy) - now)
                ready = wait([w.conn for w in busy] + [w.proc.sentinel for w in busy], timeout=wait_s)
                for w in busy:
                    job, deadline = w.jobs[0]
                    if w.conn in ready:
                        try:
                            msg = w.conn.recv()
                            if msg == _READY:
                                w.ready = True
                                w.jobs[0] = (job, time.monotonic() + self.timeout_s * len(job))
                                continue
                        except (EOFError, OSError):
                            w.proc.join(timeout=1)
                            lost(w, self.error_code, f"worker died while processing it (exit code {w.proc.exitcode})",
                                 died=True)
                            continue
                        w.jobs.popleft()
                        w.alone = False
                        if w.jobs:  # the next job starts now: its own allowance from here
                            nxt = w.jobs[0][0]
                            w.jobs[0] = (nxt, time.monotonic() + self.timeout_s * len(nxt))
                        by_idx = dict(job)
                        for ridx, ok, payload in msg:
                            done[ridx] = payload if ok else self._fail(by_idx[ridx], payload[0], payload[1])
                    elif w.proc.sentinel in ready:
                        w.proc.join(timeout=1)
                        lost(w, self.error_code, f"worker died while processing it (exit code {w.proc.exitcode})",
                             died=True)
                    elif time.monotonic() >= deadline:
                        lost(w, self.timeout_code, f"took longer than {self.timeout_s:g} s; worker stopped")
        finally:
            # Stopped early (consumer closed us, or an error): a worker still busy would later answer a
            # document of this call, so it is replaced; idle workers (and their models) stay for the next call.
            for w in [w for w in self.workers if w.jobs]:
                self._retire(w, kill=True)
                self.workers.remove(w)

    def _fail(self, rep: Report, code: str | None, message: str) -> Failure:
        return coded_failure(rep, code, message, self.error_code)

    def close(self) -> None:
        """Stop every worker (idle ones cleanly, busy ones killed)."""
        for w in self.workers:
            if not w.jobs:
                try:
                    w.conn.send(None)
                except (OSError, ValueError):
                    pass
        for w in self.workers:
            if not w.jobs:
                w.proc.join(timeout=2)
            self._retire(w, kill=True)
        self.workers = []
