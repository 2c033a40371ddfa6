"""Timeline: the dated events of a story, relative dates resolved against each report's publication date.

Algorithm (``timeline.rules.v1``): every sentence with a date expression is an event. Absolute dates ("December
9, 2008", "June 2008", "in 2005") are read as written; relative ones ("Tuesday", "yesterday", "last week",
"last June") are resolved against the report's `published` date with the news convention that a bare weekday
means the latest such day on or before publication. Without a publication date, relative expressions are kept
with ``"resolved": false``.

``timeline.rules.v2`` (the dossier's) reads a bare weekday with the tense of its clause (`clause_tense`):
"said on Monday" is the Monday on or before publication, "would reopen on Monday", "will meet on Monday", "is
going to vote on Monday" the Monday after it (a week ahead when publication is itself a Monday).

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

from newstrace.common.text import sentence_spans
from newstrace.model import Report
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


def resolve(expr: str, kind: str, pub: dt.date | None, tense: str | None = None) -> tuple[str | None, str]:
    """Resolve one date expression: returns (ISO date or month or year, precision) or (None, reason).

    Args:
        expr: the expression as written ("Tuesday", "last week").
        kind: the `_EXPR` group that matched it.
        pub: the report's publication date, or None.
        tense: ``"future"`` when the clause governing a bare (or "this") weekday is future or modal
            (`clause_tense`): the weekday is then the next such day after publication. None or ``"past"`` keep
            the news convention, the latest such day on or before publication (``timeline.rules.v1``).

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
        if low.startswith("next") or (tense == "future" and not low.startswith("last")):
            # "will reopen on Friday" written on a Friday is next week's: that very day would be "today"
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


# -- tense of the clause a weekday sits in (timeline.rules.v2) ----------------------------------------------------
# The timeline reads stored reports without a parse, so the clause's tense is read from its auxiliaries, a closed
# class of English (Quirk et al. 1985, "A Comprehensive Grammar of the English Language", 3.21-3.53 on modals
# and semi-auxiliaries; 4.41-4.49 on expressions of future time), plus the regular past ending.
FUTURE_AUX = frozenset("will would shall should may might could can must wo won't wouldn't shan't 'll".split())
# "X to VERB" with X one of these is a semi-auxiliary of future time ("is going to", "is due to", "is set to",
# "plans to", "was expected to"): the event lies ahead of the clause's reference time.
FUTURE_BEFORE_TO = frozenset("going due set about is are am be plan plans planned plans expected scheduled intends "
                             "intend intended hopes hope aims aim".split())
COPULA = frozenset("is are am was were be been being 's".split())
# The present copula right before the day ("the vote is on Monday", "their status is for Saturday") states a
# schedule, read as ahead; further away it is another predicate ("is the suspect in the Friday slaying"). "am" is
# left out: in news it is mostly a clock time ("8.40am on Saturday").
PRESENT_AUX = frozenset("is are".split())
PRESENT_REACH = 2  # tokens between the copula and the weekday, the preposition included
# Past and perfect auxiliaries, and the irregular past forms of frequent news verbs (the regular ones end in -ed).
# "have" also catches the modal perfect ("would have reopened on Monday"): a past event.
PAST_AUX = frozenset("was were had has have did didn't wasn't weren't hadn't".split())
PAST_IRREGULAR = frozenset("said told came went began took gave made found met left saw got held spoke wrote rose "
                           "fell struck won lost sent put brought thought knew paid sold led ran fought".split())
# A clause ends at these: the scan never reads another clause's verb ("said on Monday that it would reopen").
CLAUSE_BREAK = frozenset("that which who whom whose when while after before because since until unless if and but "
                         "or as where".split())
_TOKEN = re.compile(r"(?<![\d.])[A-Za-z]+(?:'[a-z]+)?|'ll|[,;:()\u2014\u2013\"\u201c\u201d]")


def _cue(words: list[str], i: int) -> str | None:
    """The tense word ``words[i]`` signals: "future", "past", "present" (the caller checks its reach), "none" (a
    cue that stops the scan undecided), or None (no cue: read on)."""
    w = words[i]
    if w in FUTURE_AUX or w.endswith("'ll"):
        return "future"
    if w == "to" and i > 0 and words[i - 1] in FUTURE_BEFORE_TO:
        if words[i - 1] == "due" and (i < 2 or words[i - 2] not in COPULA):
            return None  # "due to low light" gives a cause; only "is due to testify" schedules
        if i >= 2 and words[i - 2] in PAST_AUX:
            # "had expected to testify", "were expected to appear": a plan seen from the past, which may be over
            # by publication; no cue, so the news convention decides
            return "none"
        return "future"
    if w in PAST_AUX or w in PAST_IRREGULAR or (len(w) >= 4 and w.endswith("ed")):
        return "past"
    if w in PRESENT_AUX:
        return "present"
    return None


def clause_tense(sentence: str, start: int, end: int) -> str | None:
    """The tense of the clause governing the weekday at ``sentence[start:end]``.

    Reads backwards from the weekday to the nearest tense cue of its own clause ("would reopen on Monday",
    "said on Monday that ..."); a fronted weekday with nothing before it ("On Monday, the dam will reopen") reads
    forwards instead. Clause breaks (punctuation, "that", "and", ...) end either scan, so another clause's verb
    never decides. ``"going to"``, ``"is due to"`` and the modals are future; the present copula ("the vote is on
    Monday") states a schedule and counts as future too.

    Args:
        sentence: the sentence text.
        start: where the weekday expression starts in `sentence`.
        end: where it ends.

    Returns:
        ``"future"``, ``"past"``, or None when no cue was found (callers then keep the news convention: on or
        before publication).

    Example:
        >>> s = "The minister said on Monday that the dam would reopen on Friday."
        >>> clause_tense(s, s.index("Monday"), s.index("Monday") + 6), clause_tense(s, s.index("Friday"), s.index("Friday") + 6)
        ('past', 'future')
    """
    before = [t.lower() for t in _TOKEN.findall(sentence[:start])]
    for i in range(len(before) - 1, -1, -1):
        w = before[i]
        if w in CLAUSE_BREAK or not w[0].isalpha() and w != "'ll":
            break
        cue = _cue(before, i)
        if cue == "present" and len(before) - i > PRESENT_REACH:
            continue
        if cue == "none":
            return None
        if cue:
            return "past" if cue == "past" else "future"
    words_before = 0
    for w in reversed(before):
        if w in CLAUSE_BREAK or not w[0].isalpha():
            break
        words_before += 1
    if words_before > 1:
        return None  # the weekday follows its verb, which gave no cue ("resumes on Monday"): no guess
    after = [t.lower() for t in _TOKEN.findall(sentence[end:])]
    for i, w in enumerate(after):
        if not w[0].isalpha() and w != "'ll":
            if i == 0 and w == ",":
                continue  # the comma closing a fronted "On Monday,"
            break
        if w in CLAUSE_BREAK:
            break
        cue = _cue(after, i)
        if cue == "present" and i >= PRESENT_REACH:
            continue
        if cue == "none":
            return None
        if cue:
            return "past" if cue == "past" else "future"
    return None


@timelines.register("timeline.rules.v1")
def build_timeline_v1(reports: Sequence[Report]) -> list[dict[str, Any]]:
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


@timelines.register("timeline.rules.v2")
def build_timeline(reports: Sequence[Report]) -> list[dict[str, Any]]:
    """Dated events of `reports` as `build_timeline_v1`, a bare weekday read with the tense of its clause.

    "would reopen on Monday" in a Friday report is the Monday after, "said on Monday" the Monday before
    (`clause_tense`). The dossier's ``timeline`` uses this version.

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
                tense = clause_tense(sent, m.start(kind), m.end(kind)) if kind == "dow" else None
                date, why = resolve(expr, kind, pub, tense)
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
                        "tense": tense,
                    }
                )
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["report"], e["start"], e["expression"]))
    return events
