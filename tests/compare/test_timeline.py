"""Timeline: absolute dates, relative dates against publication, unresolved without a date."""
from __future__ import annotations

import datetime as dt

from newstrace.compare.timeline import build_timeline, resolve
from newstrace.model import Report


def test_relative_dates_resolve_against_publication() -> None:
    pub = dt.date(2008, 12, 12)  # a Friday
    assert resolve("Tuesday", "dow", pub) == ("2008-12-09", "day")
    assert resolve("Friday", "dow", pub) == ("2008-12-12", "day")
    assert resolve("last Friday", "dow", pub) == ("2008-12-05", "day")
    assert resolve("yesterday", "rel", pub) == ("2008-12-11", "day")
    assert resolve("last week", "rel", pub) == ("2008-W49", "week")
    assert resolve("last June", "lastmon", pub) == ("2008-06", "month")
    assert resolve("last December", "lastmon", pub) == ("2007-12", "month")
    assert resolve("Nov. 3", "md", dt.date(2026, 11, 17)) == ("2026-11-03", "day")


def test_timeline_orders_and_marks_unresolved() -> None:
    a = Report(id="a", published="2026-11-17", text="The contract was signed on Nov. 3. The paper reported it on Tuesday.")
    b = Report(id="b", text="The minister will testify next Monday. The project began in 2024.")
    ev = build_timeline([a, b])
    resolved = [(e["date"], e["report"]) for e in ev if e["resolved"]]
    assert resolved == [("2024", "b"), ("2026-11-03", "a"), ("2026-11-17", "a")]
    unresolved = [e for e in ev if not e["resolved"]]
    assert [(e["expression"], e["reason"]) for e in unresolved] == [("next Monday", "no publication date")]
    for e in ev:
        text = {"a": a.text, "b": b.text}[e["report"]]
        assert e["expression"] in text[e["start"] : e["end"]]
