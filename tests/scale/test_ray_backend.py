"""The Ray backend gives what the local runner gives (skipped when Ray is not installed: it is optional)."""
from __future__ import annotations

import pytest

from newstrace.model import Report
from tests.scale.stages import misbehave

ray = pytest.importorskip("ray")


def test_ray_backend_timeout_crash_errors_and_order() -> None:
    from newstrace.scale.ray_backend import RayRunner

    items = [Report(id=i) for i in ("a", "sleep", "b", "exit", "raise", "coded", "c", "d")]
    with RayRunner(misbehave, workers=2, timeout_s=8) as runner:
        out = list(runner.map(items))
        # a clean batch after the crashes: which actors the crashes left (a crash that did not run alone is retried
        # alone, so it may end any actor) is timing; the next call must find an actor of this one
        list(runner.map([Report(id="f"), Report(id="g")]))
        again = list(runner.map([Report(id="e")]))
    got = [(x.id, "ok" if isinstance(x, Report) else x.code) for x in out]
    assert got == [("a", "ok"), ("sleep", "NT202"), ("b", "ok"), ("exit", "NT203"), ("raise", "NT203"),
                   ("coded", "NT201"), ("c", "ok"), ("d", "ok")]
    assert all(x.meta["loads"] == 1 for x in out if isinstance(x, Report))
    assert again[0].meta["docs_seen"] >= 2  # the actor (and its model) survived from the previous batch


def test_usage_stats_are_off() -> None:
    import os

    from newstrace.scale.ray_backend import _ray

    _ray()
    assert os.environ["RAY_USAGE_STATS_ENABLED"] == "0"


def test_ray_batches_keep_order_and_a_bad_report_fails_alone() -> None:
    from newstrace.ingest.base import Failure
    from newstrace.scale.ray_backend import RayRunner
    from tests.scale.stages import misbehave_batch

    reports = [Report(id=f"ok{i}") for i in range(6)] + [Report(id="exit-y"), Report(id="coded-z")] + \
        [Report(id=f"ok{i}") for i in range(6, 12)]
    with RayRunner(misbehave, workers=2, timeout_s=8, batch_fn=misbehave_batch, batch_size=4,
                   timeout_code="NT303", error_code="NT301") as runner:
        out = list(runner.map(reports))
    assert [x.id for x in out] == [r.id for r in reports]
    codes = {x.id: x.error.code for x in out if isinstance(x, Failure)}
    assert codes == {"exit-y": "NT301", "coded-z": "NT201"}
    assert max(x.meta.get("batch", 1) for x in out if not isinstance(x, Failure)) > 1
