"""Publication dates with evidence: widget and crawl dates are not publication dates; relative dates need a reference."""
from __future__ import annotations

import pytest

from newstrace.clean.dates import date_from_url, find_date_in_text, find_dates, parse_date, resolve_relative


def test_widget_date_above_older_story_is_rejected() -> None:
    lines = ["14°C", "Tuesday, March 3, 2025", "Ministry Denies Report on Grain Exports", "By Staff", "Posted on 12 May 2019"]
    assert find_date_in_text(lines) == ("2019-05-12", "byline", 0.8)
    reasons = [reason for _, _, reason in find_dates(lines)]
    assert reasons[0] == "widget"


def test_widget_date_alone_gives_no_date() -> None:
    assert find_date_in_text(["Skip to content", "14°C", "Tuesday, March 3, 2025", "Grain exports halted"]) == (None, "", 0.0)


def test_crawl_date_is_not_publication_date() -> None:
    lines = ["March 3, 2025", "Grain exports halted", "The ministry said on Tuesday ..."]
    assert find_date_in_text(lines, reference_date="2025-03-03") == (None, "", 0.0)
    # Without knowing the crawl date, a bare date is a weak text date.
    assert find_date_in_text(lines) == ("2025-03-03", "text", 0.4)


def test_relative_date_without_reference_is_reported_not_resolved() -> None:
    lines = ["Ministry Denies Report on Grain Exports", "label Economy  schedule 2 weeks ago", "By Staff"]
    assert find_date_in_text(lines) == (None, "relative:2 weeks ago", 0.0)


@pytest.mark.parametrize(
    ("phrase", "ref", "expected"),
    [
        ("2 weeks ago", "2025-03-17", "2025-03-03"),
        ("yesterday", "2025-03-01", "2025-02-28"),
        ("an hour ago", "2025-03-01", "2025-03-01"),
        ("3 days ago", None, None),
    ],
)
def test_resolve_relative(phrase: str, ref: str | None, expected: str | None) -> None:
    assert resolve_relative(phrase, ref) == expected


def test_relative_resolved_with_low_confidence() -> None:
    d, ev, conf = find_date_in_text("schedule 2 weeks ago", reference_date="2025-03-17")
    assert (d, ev) == ("2025-03-03", "relative:2 weeks ago")
    assert 0 < conf < 0.5


def test_future_dates_are_implausible() -> None:
    assert find_date_in_text(["Event on June 5, 2031"], reference_date="2025-03-03") == (None, "", 0.0)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://venturebeat.com/2019/11/18/new-york-state-attorney/", ("2019-11-18", "url", 0.7)),
        ("https://example.com/news/20191118-story.html", ("2019-11-18", "url", 0.7)),
        ("https://www.nj.com/entertainment/2019/11/florida-man.html", ("2019-11-01", "url:month", 0.3)),
        ("https://example.com/2019/13/45/x", (None, "", 0.0)),
        ("https://example.com/story-1234567", (None, "", 0.0)),
        (None, (None, "", 0.0)),
    ],
)
def test_date_from_url(url: str | None, expected: tuple) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2019-11-18T23:03:00Z", "2019-11-18T23:03:00+00:00"),
        ("2019-11-20T04:31:13-0600", "2019-11-20T04:31:13-06:00"),
        ("2019-11-18", "2019-11-18"),
        ("Nov. 18, 2019", "2019-11-18"),
        ("18 November 2019", "2019-11-18"),
        ("18.11.2019", "2019-11-18"),
        ("18. März 2020", "2020-03-18"),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw: str | None, expected: str | None) -> None:
    assert parse_date(raw) == expected


def test_german_byline() -> None:
    assert find_date_in_text(["Veröffentlicht am 04.10.2020 um 10:15 Uhr"]) == ("2020-10-04", "byline", 0.8)


def test_never_raises_on_junk() -> None:
    assert find_date_in_text(["\x00" * 10, "9999-99-99", "31/31/2020"]) == (None, "", 0.0)
