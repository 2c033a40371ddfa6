"""Stage functions for the runner tests (module level, so worker processes can unpickle them by name)."""
from __future__ import annotations

import os
import time

from newstrace.errors import CleanError
from newstrace.model import Report

_MODEL: dict | None = None


def _model() -> dict:
    # Stands in for a spaCy model: loaded lazily, once per process.
    global _MODEL
    if _MODEL is None:
        _MODEL = {"pid": os.getpid(), "loads": 1, "docs": 0}
    return _MODEL


def misbehave(r: Report) -> Report:
    """Sleeps forever, dies, raises or works depending on the report id."""
    if r.id.startswith("sleep"):
        time.sleep(3600)
    if r.id.startswith("exit"):
        os._exit(7)
    if r.id.startswith("raise"):
        raise RuntimeError("stage bug")
    if r.id.startswith("coded"):
        raise CleanError("NT201", "no article text found")
    m = _model()
    m["docs"] += 1
    r.meta.update(pid=m["pid"], loads=m["loads"], docs_seen=m["docs"])
    if r.id.startswith("slow"):
        time.sleep(float(r.id.split("-")[1]))
    return r


def parse_html(r: Report) -> Report:
    """A real C-level stage: lxml parses the page and the text length is recorded."""
    import lxml.html

    root = lxml.html.document_fromstring(r.raw or "<p></p>")
    r.text = " ".join(root.text_content().split())
    return r


def hog(r: Report) -> Report:
    """Allocates 4 GB for ids starting with "hog"."""
    if r.id.startswith("hog"):
        r.meta["blob"] = bytearray(4 * 1024**3)
    return r


def misbehave_batch(reports: list[Report]) -> list[tuple[bool, object]]:
    """`misbehave` over a batch, as a batch stage answers: one (ok, report or (code, message)) per report."""
    out: list[tuple[bool, object]] = []
    for r in reports:
        try:
            out.append((True, misbehave(r)))
        except CleanError as e:
            out.append((False, (e.code, e.message)))
    for r in reports:
        r.meta["batch"] = len(reports)
    return out
