"""The local runner: time limit, crash isolation, order, bounded streaming, one model load per worker."""
from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from newstrace.errors import InputError
from newstrace.ingest import Failure, Skipped, read
from newstrace.model import Report
from newstrace.scale.local import run
from tests.ingest.helpers import aeb_pages
from tests.scale.stages import misbehave, parse_html


def _ids(out) -> list[tuple[str, str]]:
    return [(x.id, "ok" if isinstance(x, Report) else x.code) for x in out]


def test_timeout_kills_the_worker_and_the_next_document_is_processed() -> None:
    t = time.monotonic()
    out = list(run(misbehave, [Report(id="a"), Report(id="sleep"), Report(id="b")], workers=1, timeout_s=1.5))
    assert _ids(out) == [("a", "ok"), ("sleep", "NT202"), ("b", "ok")]
    assert time.monotonic() - t < 30  # a hang would never return; the bound only catches that
    assert out[0].meta["pid"] != out[2].meta["pid"]  # the hung worker was replaced


def test_crash_and_exceptions_are_per_document_failures() -> None:
    items = [Report(id=i) for i in ("a", "exit", "b", "raise", "coded", "c")]
    out = list(run(misbehave, items, workers=2, timeout_s=20))
    assert _ids(out) == [("a", "ok"), ("exit", "NT203"), ("b", "ok"), ("raise", "NT203"), ("coded", "NT201"), ("c", "ok")]
    assert "worker died" in out[1].error.message and "exit code 7" in out[1].error.message
    assert "RuntimeError: stage bug" in out[3].error.message


def test_custom_codes_for_the_nlp_stage() -> None:
    out = list(run(misbehave, [Report(id="sleep"), Report(id="raise")], workers=1, timeout_s=1,
                   timeout_code="NT303", error_code="NT301"))
    assert _ids(out) == [("sleep", "NT303"), ("raise", "NT301")]


def test_order_is_preserved_and_model_loads_once_per_worker() -> None:
    ids = [f"slow-{d}" for d in (0.3, 0.0, 0.2, 0.0, 0.1, 0.0, 0.0, 0.05)] * 2
    items = [Report(id=i, meta={"n": n}) for n, i in enumerate(ids)]
    out = list(run(misbehave, items, workers=2, timeout_s=20))
    assert [x.meta["n"] for x in out] == list(range(len(ids)))
    pids = {x.meta["pid"] for x in out}
    assert len(pids) == 2  # both workers did work
    assert all(x.meta["loads"] == 1 for x in out)
    for pid in pids:  # each worker kept its model across all its documents
        seen = sorted(x.meta["docs_seen"] for x in out if x.meta["pid"] == pid)
        assert seen == list(range(1, len(seen) + 1))


def test_streaming_is_bounded() -> None:
    pulled = 0

    def source() -> Iterator[Report]:
        nonlocal pulled
        for i in range(1000):
            pulled += 1
            yield Report(id=f"r{i}")

    it = run(misbehave, source(), workers=2, timeout_s=20, prefetch=2)
    first = next(it)
    assert first.id == "r0"
    assert pulled <= 2 * 2 + 1
    it.close()  # closing early shuts the workers down


def test_reader_failures_pass_through_in_place(tmp_path) -> None:
    items = [Report(id="a"), Failure("x", "x", InputError("NT101", "binary")), Skipped("w#1", "w#1", "NT110: x"),
             Report(id="b")]
    assert _ids(run(misbehave, items, workers=1, timeout_s=20)) == [("a", "ok"), ("x", "NT101"), ("w#1", "NT110"),
                                                                    ("b", "ok")]


def test_real_pages_and_a_deeply_nested_one_through_lxml(tmp_path) -> None:
    pages = aeb_pages(3)
    for i, p in enumerate(pages):
        (tmp_path / f"{i}.html").write_text(p["html"], encoding="utf-8")
    (tmp_path / "9-deep.html").write_text("<html><body>" + "<div>" * 100_000 + "deep text" + "</div>" * 100_000)
    out = list(run(parse_html, read([str(tmp_path)]), workers=2, timeout_s=30))
    assert [x.id for x in out] == ["0.html", "1.html", "2.html", "9-deep.html"]
    for x, p in zip(out[:3], pages):
        assert isinstance(x, Report) and p["articleBody"].split("\n")[0][:40] in x.text
    # The runner's job: a result or a coded failure, never a hang. (libxml2 stops at its depth limit, so what
    # text survives 100k nested divs is the cleaner's business, not the runner's.)
    assert isinstance(out[3], Report) or out[3].code in ("NT202", "NT203")


def test_inline_mode_and_argument_checks() -> None:
    assert _ids(run(misbehave, [Report(id="raise"), Report(id="a")], workers=0)) == [("raise", "NT203"), ("a", "ok")]
    with pytest.raises(ValueError):
        list(run(misbehave, [], workers=-1))
    with pytest.raises(ValueError):
        list(run(misbehave, [], start_method="fork"))


def test_runner_reuses_workers_and_their_models_across_batches() -> None:
    from newstrace.scale.local import LocalRunner

    with LocalRunner(misbehave, workers=1, timeout_s=20) as runner:
        a = list(runner.map([Report(id="a"), Report(id="b")]))
        b = list(runner.map([Report(id="c")]))
        it = runner.map([Report(id="d"), Report(id="slow-30"), Report(id="e")])
        assert next(it).id == "d"
        t = time.monotonic()
        it.close()  # stopped with a document in flight: that worker is killed, the next call gets a fresh one
        c = list(runner.map([Report(id="f")]))
        assert time.monotonic() - t < 20
    assert a[0].meta["pid"] == b[0].meta["pid"] and b[0].meta["docs_seen"] == 3 and b[0].meta["loads"] == 1
    assert c[0].id == "f" and c[0].meta["pid"] != a[0].meta["pid"] and c[0].meta["docs_seen"] == 1


def test_memory_limit_turns_a_runaway_document_into_a_failure() -> None:
    from tests.scale.stages import hog

    out = list(run(hog, [Report(id="hog"), Report(id="ok")], workers=1, timeout_s=30, memory_limit_mb=1024))
    assert _ids(out) == [("hog", "NT203"), ("ok", "ok")]
    assert "MemoryError" in out[0].error.message
