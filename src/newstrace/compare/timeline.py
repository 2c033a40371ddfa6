"""Timeline: the dated events of a story, relative dates resolved against each report's publication date.

Algorithm (``timeline.rules.v1``): every sentence with a date expression is an event. Absolute dates ("December
9, 2008", "June 2008", "in 2005") are read as written; relative ones ("Tuesday", "yesterday", "last week",
"last June") are resolved against the report's `published` date with the news convention that a bare weekday
means the latest such day on or before publication. Without a publication date, relative expressions are kept
with ``"resolved": false``.

Example:
    >>> from newstrace.model import Report
    >>> r = Report(id="a", published="2008-12-12", text="She checked in on Tuesday. It began in June 2008.")
    >>> [(e["date"], e["expression"]) for e in build_timeline([r])]
    [('2008-06', 'June 2008'), ('2008-12-09', 'Tuesday')]
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from dateutil import parser as dparser

from newstrace.model import Report
from newstrace.provenance.text import sentence_spans
from newstrace.registry import Registry

timelines = Registry("timeline")

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
_MON = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_EXPR = re.compile(
    rf"\b(?P<mdy>{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?:19|20)\d\d)\b"
    rf"|\b(?P<dmy>\d{{1,2}}\s+{_MON}\s+(?:19|20)\d\d)\b"
    rf"|\b(?P<my>{_MON}\s+(?:of\s+)?(?:19|20)\d\d)\b"
    rf"|\b(?P<md>{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?)\b"
    rf"|\b(?P<lastmon>(?:last|this|next)\s+{_MON})(?![\w])"
    r"|\b(?P<dow>(?:last\s+|this\s+|next\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
    r"|\b(?P<rel>yesterday|today|tonight|tomorrow|last\s+(?:week|month|year|night)|this\s+(?:week|month|year|morning)|earlier\s+this\s+(?:week|month|year))\b"
    r"|\b(?:in|since|until|by|from)\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def _pub(report: Report) -> dt.date | None:
    if not report.published:
        return None
    try:
        return dparser.isoparse(report.published).date()
    except (ValueError, OverflowError):
        try:
            return dparser.parse(report.published, fuzzy=True).date()
        except (ValueError, OverflowError):
            return None


def _month(word: str) -> int:
    w = word.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(w))


def resolve(expr: str, kind: str, pub: dt.date | None) -> tuple[str | None, str]:
    """Resolve one date expression: returns (ISO date or month or year, precision) or (None, reason).

    Example:
        >>> resolve("yesterday", "rel", dt.date(2008, 12, 12))
        ('2008-12-11', 'day')
        >>> resolve("Tuesday", "dow", None)
        (None, 'no publication date')
    """
    e = re.sub(r"\s+", " ", expr.strip())
    try:
        if kind in ("mdy", "dmy"):
            return dparser.parse(e.replace(",", " ")).date().isoformat(), "day"
        if kind == "my":
            parts = e.replace("of ", "").split()
            return f"{int(parts[-1]):04d}-{_month(parts[0]):02d}", "month"
        if kind == "year":
            return e[-4:], "year"
    except (ValueError, StopIteration, OverflowError):
        return None, "unparsed"
    if pub is None:
        return None, "no publication date"
    low = e.lower()
    if kind == "md":
        m, d = _month(e.split()[0]), int(re.sub(r"\D", "", e.split()[1]))
        year = pub.year if (m, d) <= (pub.month, pub.day) else pub.year - 1
        try:
            return dt.date(year, m, d).isoformat(), "day"
        except ValueError:
            return None, "invalid date"
    if kind == "lastmon":
        m = _month(low.split()[1])
        year = pub.year if m < pub.month or low.startswith("this") else pub.year - 1
        if low.startswith("next"):
            year = pub.year if m > pub.month else pub.year + 1
        return f"{year:04d}-{m:02d}", "month"
    if kind == "dow":
        target = _DAYS.index(low.split()[-1])
        back = (pub.weekday() - target) % 7
        if low.startswith("last") and back == 0:
            back = 7
        if low.startswith("next"):
            return (pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)).isoformat(), "day"
        return (pub - dt.timedelta(days=back)).isoformat(), "day"
    offsets = {"yesterday": (-1, "day"), "today": (0, "day"), "tonight": (0, "day"), "tomorrow": (1, "day"), "last night": (-1, "day")}
    if low in offsets:
        d, p = offsets[low]
        return (pub + dt.timedelta(days=d)).isoformat(), p
    if low.endswith("week"):
        base = pub - dt.timedelta(days=7 if low.startswith("last") else 0)
        iso = base.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}", "week"
    if low.endswith("month"):
        y, m = (pub.year, pub.month - 1) if low.startswith("last") else (pub.year, pub.month)
        if m == 0:
            y, m = y - 1, 12
        return f"{y:04d}-{m:02d}", "month"
    if low.endswith("year"):
        return str(pub.year - 1 if low.startswith("last") else pub.year), "year"
    if low.endswith("morning"):
        return pub.isoformat(), "day"
    return None, "unknown expression"


@timelines.register("timeline.rules.v1")
def build_timeline(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Dated events of `reports`, resolved dates first in date order, then unresolved ones.

    Args:
        reports: the story's reports (``published`` as ISO date when known).

    Returns:
        ``[{"date", "precision", "resolved", "expression", "report", "start", "end", "text"}]``; ``date`` is
        ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY-Www`` or ``YYYY`` by precision, or None when unresolved.
    """
    events: list[dict[str, Any]] = []
    for r in sorted(reports, key=lambda r: r.id):
        text = r.text or ""
        pub = _pub(r)
        for sp in sentence_spans(text):
            sent = sp.of(text)
            for m in _EXPR.finditer(sent):
                kind = m.lastgroup or ""
                expr = m.group(kind)
                date, why = resolve(expr, kind, pub)
                events.append(
                    {
                        "date": date,
                        "precision": why if date else None,
                        "resolved": date is not None,
                        "reason": None if date else why,
                        "expression": expr,
                        "report": r.id,
                        "start": sp.start,
                        "end": sp.end,
                        "text": sent,
                    }
                )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["report"], e["start"], e["expression"]))
    return events
