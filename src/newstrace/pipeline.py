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


def clean_stage(report: Report, extractor: str = "html.v1", line_cleaner: str = "lines.v6") -> Report:
    """Clean one report (see `newstrace.clean.clean_report`)."""
    from .clean import clean_report

    return clean_report(report, extractor=extractor, line_cleaner=line_cleaner)


def nlp_stage(report: Report, attributor: str = Settings.attributor) -> Report:
    """Annotate one report with mentions, attributions and claims (the registered `attributor`)."""
    from . import nlp  # noqa: F401  (registers the attributors)
    from .registry import attributors

    out = next(iter(attributors.get(attributor)([report])), None)
    return out if out is not None else report


def full_stage(report: Report, extractor: str = "html.v1", line_cleaner: str = "lines.v6",
               attributor: str = Settings.attributor) -> Report:
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

        return RayRunner(fn, workers=settings.workers, timeout_s=settings.doc_timeout_s)
    if settings.backend != "local":
        raise NewstraceError("NT109", f"unknown backend {settings.backend!r}: use local or ray")
    from .scale.local import LocalRunner

    return LocalRunner(fn, workers=max(1, settings.workers), timeout_s=settings.doc_timeout_s)


def run_stage(fn: Callable[[Report], Report], reports: Iterable[Any], settings: Settings) -> Iterator[Any]:
    """Map a per-report stage over `reports` once (see `open_runner`); yields reports and failures in order."""
    with open_runner(fn, settings) as runner:
        yield from runner.map(reports)
