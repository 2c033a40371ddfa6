"""The per-report stages, as plain functions a runner can map over reports.

    read (ingest) ─► clean ─► nlp        per report: pure, no store access, model loaded once per process
                                          (these are what run in a local process pool or on Ray)

Each stage function takes one `Report` and returns one; a failure becomes a `Failure` record in the runner,
never an exception that stops the batch.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

from .errors import NewstraceError
from .model import Report
from .settings import Settings


# (a slots dataclass's class attribute is its slot descriptor, not the default: take it from an instance)
DEFAULT_ATTRIBUTOR: str = Settings().attributor


def clean_stage(report: Report, extractor: str = "html.v1", line_cleaner: str = "lines.v6") -> Report:
    """Clean one report (see `newstrace.clean.clean_report`)."""
    from .clean import clean_report

    return clean_report(report, extractor=extractor, line_cleaner=line_cleaner)


def nlp_stage(report: Report, attributor: str = DEFAULT_ATTRIBUTOR) -> Report:
    """Annotate one report with mentions, attributions and claims (the registered `attributor`)."""
    from . import nlp  # noqa: F401  (registers the attributors)
    from .registry import attributors

    out = next(iter(attributors.get(attributor)([report])), None)
    return out if out is not None else report


def full_stage(report: Report, extractor: str = "html.v1", line_cleaner: str = "lines.v6",
               attributor: str = DEFAULT_ATTRIBUTOR) -> Report:
    """Clean then annotate one report: what `newstrace ingest` runs per report.

    An unexpected exception is reported with the code of the stage it came from (NT203 cleaning, NT301 NLP),
    so a user can tell a page that would not clean from one the NLP choked on.
    """
    try:
        cleaned = clean_stage(report, extractor, line_cleaner)
    except NewstraceError:
        raise
    except Exception as e:
        raise NewstraceError("NT203", f"{report.id}: cleaning failed: {type(e).__name__}: {e}") from e
    if not cleaned.text.strip():
        return cleaned
    try:
        return nlp_stage(cleaned, attributor)
    except NewstraceError:
        raise
    except Exception as e:
        raise NewstraceError("NT301", f"{report.id}: NLP failed: {type(e).__name__}: {e}") from e


def full_batch_stage(reports: list[Report], extractor: str = "html.v1", line_cleaner: str = "lines.v6",
                     attributor: str = DEFAULT_ATTRIBUTOR) -> list[tuple[bool, Any]]:
    """`full_stage` over several reports at once: each is cleaned, then the attributor annotates them together
    (one `nlp.pipe` across the reports, with the model loaded once per worker).

    Returns:
        One ``(True, report)`` or ``(False, (code, message))`` per input report, in order; the same results as
        `full_stage` one report at a time.
    """
    out: list[tuple[bool, Any] | None] = [None] * len(reports)
    todo: list[tuple[int, Report]] = []
    for i, r in enumerate(reports):
        try:
            cleaned = clean_stage(r, extractor, line_cleaner)
        except NewstraceError as e:
            out[i] = (False, (e.code, e.message))
            continue
        except Exception as e:  # noqa: BLE001
            out[i] = (False, ("NT203", f"{r.id}: cleaning failed: {type(e).__name__}: {e}"))
            continue
        if cleaned.text.strip():
            todo.append((i, cleaned))
        else:
            out[i] = (True, cleaned)
    if todo:
        from . import nlp  # noqa: F401  (registers the attributors)
        from .registry import attributors

        try:
            annotated = list(attributors.get(attributor)([r for _, r in todo]))
            if len(annotated) != len(todo):
                raise RuntimeError("the attributor lost reports")
            for (i, _), r in zip(todo, annotated):
                out[i] = (True, r)
        except Exception:  # noqa: BLE001 - one by one, so only the culprit fails
            for i, r in todo:
                try:
                    out[i] = (True, nlp_stage(r, attributor))
                except NewstraceError as e:
                    out[i] = (False, (e.code, e.message))
                except Exception as e:  # noqa: BLE001
                    out[i] = (False, ("NT301", f"{r.id}: NLP failed: {type(e).__name__}: {e}"))
    return [x if x is not None else (False, ("NT301", "no result")) for x in out]


def batch_stage_for(fn: Callable[[Report], Report]) -> Callable[[list[Report]], list[tuple[bool, Any]]] | None:
    """The batch form of a per-report stage made by `stage_for` (only ``full`` has one), else None."""
    if isinstance(fn, partial) and fn.func is full_stage:
        return partial(full_batch_stage, *fn.args, **fn.keywords)
    return None


# Reports per worker job with a batch stage: enough for spaCy to batch across them, few enough that the reports
# of one ingest batch (32) spread over the workers.
WORKER_BATCH = 8


def stage_for(name: str, settings: Settings) -> Callable[[Report], Report]:
    """The picklable stage function named `name` (``clean``, ``nlp`` or ``full``) bound to `settings`."""
    if name == "clean":
        return partial(clean_stage, extractor=settings.extractor, line_cleaner=settings.line_cleaner)
    if name == "nlp":
        return partial(nlp_stage, attributor=settings.attributor)
    if name == "full":
        return partial(full_stage, extractor=settings.extractor, line_cleaner=settings.line_cleaner,
                       attributor=settings.attributor)
    raise ValueError(f"unknown stage {name!r}")


def open_runner(fn: Callable[[Report], Report], settings: Settings) -> Any:
    """A runner for a per-report stage: a context manager with ``.map(reports)``, reused across batches.

    ``backend = "ray"`` runs the stage on Ray actors; ``local`` in worker processes with a per-document time
    limit and crash isolation. Workers (and the models they load) live until the runner is closed, so an
    ingest of many batches loads spaCy once per worker, not once per batch.
    """
    if settings.backend == "ray":
        from .scale.ray_backend import RayRunner

        rbatch = batch_stage_for(fn)
        return RayRunner(fn, workers=settings.workers, timeout_s=settings.doc_timeout_s, batch_fn=rbatch,
                         batch_size=WORKER_BATCH if rbatch is not None else 1)
    if settings.backend != "local":
        raise NewstraceError("NT109", f"unknown backend {settings.backend!r}: use local or ray")
    from .scale.local import LocalRunner

    batch = batch_stage_for(fn)
    return LocalRunner(fn, workers=max(1, settings.workers), timeout_s=settings.doc_timeout_s, batch_fn=batch,
                       batch_size=WORKER_BATCH if batch is not None else 1)


def open_story_runner(settings: Settings) -> Any:
    """A runner for the story stage: `newstrace.provenance.stage.run_story_job` over ``settings.workers`` worker
    processes (or Ray actors with ``backend = "ray"``), ``settings.story_timeout_s`` per story; a story that fails,
    overruns or kills its worker yields a `Failure` with NT406 and the others go on.

    Example:
        >>> with open_story_runner(Settings()) as runner:      # doctest: +SKIP
        ...     traces = list(runner.map(story_jobs(stories, store)))
    """
    from .provenance.stage import run_story_job

    if settings.backend == "ray":
        from .scale.ray_backend import RayRunner

        return RayRunner(run_story_job, workers=settings.workers, timeout_s=settings.story_timeout_s,
                         timeout_code="NT406", error_code="NT406")
    from .scale.local import LocalRunner

    return LocalRunner(run_story_job, workers=max(1, settings.workers), timeout_s=settings.story_timeout_s,
                       timeout_code="NT406", error_code="NT406")


def run_stage(fn: Callable[[Report], Report], reports: Iterable[Any], settings: Settings) -> Iterator[Any]:
    """Map a per-report stage over `reports` once (see `open_runner`); yields reports and failures in order."""
    with open_runner(fn, settings) as runner:
        yield from runner.map(reports)
