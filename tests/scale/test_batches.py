"""The local runner with a batch stage: several reports per worker job, same results, and a bad report in a batch
(hang, crash) fails alone after the batch is retried one report per job."""
from __future__ import annotations

from functools import partial

from newstrace.ingest.base import Failure
from newstrace.model import Report
from newstrace.pipeline import WORKER_BATCH, batch_stage_for, full_batch_stage, full_stage, stage_for
from newstrace.scale.local import LocalRunner
from newstrace.settings import Settings
from tests.scale.stages import misbehave, misbehave_batch


def _ids(out: list) -> list[str]:
    return [x.id for x in out]


def test_batches_keep_order_and_results() -> None:
    reports = [Report(id=f"ok{i}") for i in range(20)]
    with LocalRunner(misbehave, workers=2, timeout_s=30, batch_fn=misbehave_batch, batch_size=4) as runner:
        out = list(runner.map(reports))
    assert _ids(out) == [r.id for r in reports]
    assert all(isinstance(x, Report) for x in out)
    assert max(x.meta.get("batch", 1) for x in out) > 1  # reports did travel together


def test_a_hang_or_crash_in_a_batch_fails_alone() -> None:
    reports = [Report(id="ok-a"), Report(id="sleep-x"), Report(id="ok-b"), Report(id="ok-c"),
               Report(id="exit-y"), Report(id="ok-d"), Report(id="coded-z"), Report(id="ok-e")]
    with LocalRunner(misbehave, workers=2, timeout_s=3, batch_fn=misbehave_batch, batch_size=4,
                     timeout_code="NT303", error_code="NT301") as runner:
        out = list(runner.map(reports))
    assert _ids(out) == [r.id for r in reports]
    codes = {x.id: x.error.code for x in out if isinstance(x, Failure)}
    assert codes == {"sleep-x": "NT303", "exit-y": "NT301", "coded-z": "NT201"}


def test_full_stage_has_a_batch_form_with_the_same_results() -> None:
    fn = stage_for("full", Settings())
    batch = batch_stage_for(fn)
    assert batch is not None and batch_stage_for(stage_for("clean", Settings())) is None
    texts = ['"We will win," she said on Monday.', "Police said the road was closed. Trees fell.",
             "  ", "The minister denied the report, according to Reuters."]
    one = [full_stage(Report(id=f"r{i}", text=t, raw=t, raw_kind="text")) for i, t in enumerate(texts)]
    many = full_batch_stage([Report(id=f"r{i}", text=t, raw=t, raw_kind="text") for i, t in enumerate(texts)])
    assert all(ok for ok, _ in many)
    key = lambda r: (r.text, [(a.content, a.source, a.cue, a.kind) for a in r.attributions],  # noqa: E731
                     [(m.span, m.label) for m in r.mentions], [(c.span, c.text) for c in r.claims])
    assert [key(r) for r in one] == [key(r) for _, r in many]
    assert WORKER_BATCH > 1 and isinstance(batch, partial)
