"""lines.v1: chrome-laden plain text -> article text, title, byline authors and a trustworthy date."""
from __future__ import annotations

from newstrace.clean.base import Extracted
from newstrace.clean.lines import classify_lines, clean_lines, reason_counts
from newstrace.registry import line_cleaners

PARAS = [
    "The Ministry of Agriculture on Tuesday denied a report that grain exports through the southern ports had "
    "been halted, calling the claim false and misleading.",
    "Officials said shipments continued as planned, and that the ministry would publish weekly figures to "
    "reassure trading partners.",
    "Exporters' associations welcomed the statement but asked for more detail on inspection delays at the "
    "border, where trucks have waited for up to four days.",
]

ISSUE_PAGE = "\n".join(
    [
        "Skip to content",
        "Loading...",
        "Ministry Denies Report on Grain Exports",
        "Ministry Denies Report on Grain Exports",
        "label Economy  schedule 2 weeks ago",
        "bookmark Save for later",
        "By Staff",
        *PARAS,
        "Read more: Port strike enters third week: https://example.org/?p=1234",
        "You may also like",
        "Leave a Reply",
        "Your email address will not be published.",
        "Most Popular",
    ]
)


def test_issue_example_keeps_the_article_and_nothing_else() -> None:
    out = clean_lines(ISSUE_PAGE)
    assert out.text.splitlines() == PARAS
    assert out.title == "Ministry Denies Report on Grain Exports"
    assert out.authors == ["Staff"]
    assert "By Staff" not in out.text


def test_issue_example_reasons_are_countable() -> None:
    out = clean_lines(ISSUE_PAGE)
    counts = reason_counts(out)
    assert counts["byline"] == 1
    assert counts["chrome: title repeated"] == 2
    assert counts["chrome: widget line"] >= 1
    assert counts["chrome: read more"] == 1
    assert sum(counts.values()) == len(ISSUE_PAGE.splitlines()) - len(PARAS)


def test_relative_date_needs_a_reference_date() -> None:
    assert clean_lines(ISSUE_PAGE).published is None
    out = clean_lines(ISSUE_PAGE, reference_date="2025-03-17")
    assert out.published == "2025-03-03"
    assert out.published_evidence == "relative:2 weeks ago"
    assert 0 < out.published_confidence < 0.8


WEATHER_PAGE = "\n".join(
    [
        "Menu",
        "14°C",
        "Tuesday, March 3, 2025",
        "Home",
        "Local",
        "Council Approves New Bridge Over the River",
        "By Jane Doe | Published May 12, 2019",
        "The city council voted 7-2 on Monday night to approve a new pedestrian bridge over the river, ending a "
        "debate that had lasted more than three years.",
        "Supporters said the bridge would link the two halves of the old town and bring visitors to shops on "
        "the east bank, while opponents questioned the cost.",
        "Construction is expected to begin next spring and take about eighteen months, the council said.",
        "Share",
        "Tweet",
        "© 2025 The Daily Star. All rights reserved.",
    ]
)


def test_weather_widget_date_is_not_the_publication_date() -> None:
    out = clean_lines(WEATHER_PAGE)
    assert out.published == "2019-05-12"
    assert out.published_evidence == "byline"
    assert out.authors == ["Jane Doe"]
    assert out.title == "Council Approves New Bridge Over the River"
    assert "14°C" not in out.text and "Tuesday, March 3, 2025" not in out.text
    assert any("widget" in n and "March 3, 2025" in n for n in out.notes)
    reasons = {r.text: r.reason for r in out.removed}
    assert reasons["14°C"] == "chrome: widget line"


def test_widget_date_alone_gives_no_publication_date() -> None:
    page = WEATHER_PAGE.replace("By Jane Doe | Published May 12, 2019", "By Jane Doe")
    out = clean_lines(page)
    assert out.published is None
    assert out.authors == ["Jane Doe"]


def test_by_staff_is_an_author_not_text() -> None:
    page = "\n".join(["World News", "Storm Closes Schools Across the Region", "By Staff", *PARAS, "Advertisement"])
    out = clean_lines(page)
    assert out.authors == ["Staff"]
    assert out.text.splitlines() == PARAS
    assert ("By Staff", "byline") in {(r.text, r.reason) for r in out.removed}


def test_kept_lines_keep_their_wording_and_order() -> None:
    page = ISSUE_PAGE
    for p in PARAS:
        page = page.replace(p, "  " + p + "  ")
    out = clean_lines(page)
    assert out.text.splitlines() == ["  " + p + "  " for p in PARAS]


def test_empty_and_chrome_only_input_give_an_honest_empty_result() -> None:
    for raw in ["", "   \n\n  ", "Home\nNews\nSport\nShare\nTweet\nMost Popular"]:
        out = clean_lines(raw)
        assert isinstance(out, Extracted)
        assert out.text == ""
        assert out.notes[0] == "NT201: no article text found"


def test_never_raises_on_odd_input() -> None:
    for raw in ["\x00\x01\x02" * 500, "a" * 200_000, "\n" * 10_000, "€" * 3 + "\r\n" + "😀 " * 50, None]:
        out = clean_lines(raw)  # type: ignore[arg-type]
        assert isinstance(out, Extracted)


def test_registered_as_lines_v1() -> None:
    assert line_cleaners.get("lines.v1") is clean_lines
    assert "lines.c4.v1" in line_cleaners.names()


def test_classify_lines_is_a_detector_with_reasons() -> None:
    lines = ISSUE_PAGE.splitlines()
    decisions = classify_lines(lines)
    assert len(decisions) == len(lines)
    assert all(isinstance(k, bool) and isinstance(r, str) and r for k, r in decisions)
    assert [line for line, (k, _) in zip(lines, decisions) if k] == PARAS


ODD_PAGES = {
    "list page": ["Home", "World", "Latest News", "Ministry Denies Report on Grain Exports",
                  "Port Strike Enters Third Week", "Council Approves New Bridge",
                  "Storm Closes Schools Across the Region", "Election Results Delayed in Three Districts", "Load more",
                  "Privacy Policy"],
    "video page": ["Home", "Video", "Watch: Flood waters rise in the capital", "Video player loading", "0:00 / 2:31",
                   "Share", "Related videos", "Most Popular"],
    "paywall stub": ["Home", "Business", "Banks Brace for New Rules", "By Jane Doe", "Subscribe to continue reading",
                     "Already a subscriber? Sign in", "Get unlimited access for $1 a week.", "Subscribe now"],
}


def test_odd_pages_give_an_honest_empty_result_not_chrome() -> None:
    for name, lines in ODD_PAGES.items():
        out = clean_lines("\n".join(lines))
        assert out.text == "", name
        assert out.notes[0] == "NT201: no article text found", name
    paywall = clean_lines("\n".join(ODD_PAGES["paywall stub"]))
    assert paywall.title == "Banks Brace for New Rules"
    assert paywall.authors == ["Jane Doe"]
    assert clean_lines("\n".join(ODD_PAGES["list page"])).title is None


def test_non_english_page() -> None:
    lines = ["Startseite", "Politik", "Regierung bestreitet Bericht über Getreideexporte", "Von Hans Müller",
             "Das Ministerium hat am Dienstag einen Bericht zurückgewiesen, wonach die Getreideexporte über die "
             "südlichen Häfen gestoppt worden seien.",
             "Die Lieferungen liefen wie geplant weiter, sagte ein Sprecher des Ministeriums am Mittwoch in Berlin.",
             "Teilen", "Kommentare (3)", "Impressum"]
    out = clean_lines("\n".join(lines))
    assert out.text.splitlines() == lines[4:6]
    assert out.title == "Regierung bestreitet Bericht über Getreideexporte"
    assert out.authors == ["Hans Müller"]
    assert out.language == "de"


def test_outlet_from_a_confirmed_copyright_line() -> None:
    from newstrace.clean.lines import outlet_from_lines

    page = ["Skip to content", "Daily Courier", "Home | Politics", "Headline", "Body text here.",
            "© 2026 Daily Courier. All rights reserved.", "Privacy Policy | Terms"]
    keep = [False, False, False, False, True, False, False]
    assert outlet_from_lines(page, keep) == "Daily Courier"
    assert outlet_from_lines(["Body.", "Copyright 2019-2024 The Boston Herald, all rights reserved"], [True, False]) == "The Boston Herald"
    # unconfirmed (no masthead line, no "All rights reserved"), a photo credit, or kept text: no outlet
    assert outlet_from_lines(["Body.", "© Gulf Observer 2026 · About"], [True, False]) is None
    assert outlet_from_lines(["Body.", "Photo: © Getty Images"], [True, False]) is None
    assert outlet_from_lines(["© 2026 Getty Images. All rights reserved."], [False]) is None
    assert outlet_from_lines(["Daily Courier", "© 2026 Daily Courier. All rights reserved."], [True, True]) is None


def test_short_articles_of_two_or_three_lines_are_cleaned_not_failed() -> None:
    """A brief of two or three paragraphs has fewer lines than the widest context offset of the line features;
    that once failed the whole page ("could not broadcast ...") and lost its text."""
    for name in line_cleaners.names():
        for k in (1, 2, 3, 4):
            out = line_cleaners.get(name)("\n\n".join(PARAS[:k] if k <= 3 else PARAS + PARAS[:1]))
            assert not any("failed" in n for n in out.notes), (name, k, out.notes)
            if not name.startswith("lines.c4"):
                assert PARAS[0] in out.text, (name, k)
