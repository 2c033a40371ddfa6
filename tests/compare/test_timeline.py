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


# --- timeline.rules.v2: a bare weekday read with the tense of its clause (sentences written for these tests) -------
import pytest  # noqa: E402

from newstrace.compare.timeline import build_timeline_v1, clause_tense, timelines  # noqa: E402

FRIDAY = "2026-11-20"  # the report's own weekday is a Friday


def _dates(text: str, published: str = FRIDAY) -> dict[str, str | None]:
    r = Report(id="r", published=published, text=text)
    return {e["expression"]: e["date"] for e in build_timeline([r])}


@pytest.mark.parametrize(("text", "want"), [
    ("The dam would reopen on Monday.", "2026-11-23"),            # modal: the Monday after
    ("Officials will meet on Tuesday.", "2026-11-24"),
    ("The council is going to vote on Wednesday.", "2026-11-25"),  # going-to future
    ("The minister is due to testify on Thursday.", "2026-11-26"),
    ("The ministry said on Monday that it had no comment.", "2026-11-16"),  # past clause: the Monday before
    ("Police arrested two men on Wednesday.", "2026-11-18"),
    ("Rescuers found the boat on Sunday.", "2026-11-15"),
    ("On Tuesday, the minister resigned.", "2026-11-17"),         # fronted weekday, past verb after it
    ("On Tuesday, the minister will resign.", "2026-11-24"),      # fronted weekday, modal after it
    ("The minister would have resigned on Tuesday.", "2026-11-17"),  # modal perfect: past
])
def test_weekday_follows_the_tense_of_its_clause(text: str, want: str) -> None:
    (got,) = _dates(text).values()
    assert got == want


def test_the_reports_own_weekday_in_both_directions() -> None:
    assert _dates("The agency said on Friday that talks had failed.") == {"Friday": FRIDAY}  # said today
    assert _dates("The talks will resume on Friday.") == {"Friday": "2026-11-27"}  # a week ahead, not today


def test_another_clauses_verb_never_decides() -> None:
    d = _dates("The minister said on Monday that the dam would reopen on Saturday.")
    assert d == {"Monday": "2026-11-16", "Saturday": "2026-11-21"}
    d = _dates("He was arrested on Saturday and will appear in court on Monday.", published="2026-11-16")  # a Monday
    assert d == {"Saturday": "2026-11-14", "Monday": "2026-11-23"}


def test_no_cue_keeps_the_news_convention_and_v1_is_unchanged() -> None:
    assert _dates("The talks resume on Monday.") == {"Monday": "2026-11-16"}  # no auxiliary: on or before
    r = Report(id="r", published=FRIDAY, text="The dam would reopen on Monday.")
    assert [e["date"] for e in build_timeline_v1([r])] == ["2026-11-16"]  # the registered v1 keeps its behaviour
    assert timelines.get("timeline.rules.v1") is build_timeline_v1
    assert timelines.get("timeline.rules.v2") is build_timeline
    s = "Last week the court, which will sit on Monday, adjourned."
    assert clause_tense(s, s.index("Monday"), s.index("Monday") + 6) == "future"


def test_causal_due_to_clock_times_and_past_plans_give_no_future() -> None:
    # "due to" + a noun is a cause; "8.40am" is a clock time, not the verb "am"; a plan seen from the past may be over
    assert _dates("The road closed due to snow on Thursday.") == {"Thursday": "2026-11-19"}
    assert _dates("Crews arrived at 6am on Wednesday.") == {"Wednesday": "2026-11-18"}
    assert _dates("The witness had expected to testify on Thursday.") == {"Thursday": "2026-11-19"}
    assert _dates("The mayor is due to speak on Thursday.") == {"Thursday": "2026-11-26"}
    assert _dates("The suspect is now held over the Tuesday attack.") == {"Tuesday": "2026-11-17"}
