"""html.v1 on small pages we wrote: odd pages give honest empty/partial results with a reason, never chrome."""
from __future__ import annotations

import time

import pytest

from newstrace.clean.base import Extracted
from newstrace.clean.html import MAX_HTML_CHARS, extract_html
from newstrace.registry import extractors

PARA = (
    "The ministry denied on Tuesday a report that grain exports had been halted, saying that ships continued "
    "to leave the port of Odesa under the existing agreement with buyers in Egypt and Turkey."
)
PARA2 = (
    "Officials said talks with the buyers were continuing, and that contracts signed last year would be "
    "honoured in full, although insurance costs for the vessels had risen sharply since the summer."
)
PARA3 = (
    "Traders in Chicago said wheat futures had barely moved on the news, a sign that the market had not "
    "believed the report in the first place, according to two brokers who asked not to be named."
)
CHROME = (
    '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav>'
    '<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>'
)
FOOTER = '<footer><p>© 2025 Daily Planet. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html lang='en'><head><title>Grain report | Daily Planet</title>{head}</head><body>{body}</body></html>"


def article_page() -> str:
    return page(
        CHROME
        + "<article><h1>Ministry denies report on grain exports</h1><p class='byline'>By Staff</p>"
        + f"<p>{PARA}</p><p>{PARA2}</p><aside><h3>Most popular</h3><ul><li><a href='/a'>Port strike enters third week</a></li></ul></aside>"
        + f"<p>{PARA3}</p><p>Read more: <a href='/x'>Port strike enters third week</a></p></article>"
        + '<div class="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>'
        + FOOTER,
        head='<meta property="og:site_name" content="Daily Planet">',
    )


def test_registered_as_html_v1() -> None:
    assert extractors.get("html.v1") is extract_html


def test_article_kept_chrome_dropped() -> None:
    ex = extract_html(article_page(), "https://dailyplanet.example/2025/03/03/grain")
    assert isinstance(ex, Extracted)
    assert ex.text.splitlines() == [PARA, PARA2, PARA3]
    for chrome in ("Share on Facebook", "Most popular", "Leave a Reply", "All rights reserved", "Home", "By Staff"):
        assert chrome not in ex.text
    assert ex.title == "Ministry denies report on grain exports" or ex.title == "Grain report"
    assert ex.outlet == "Daily Planet"
    assert ex.language == "en"
    assert ex.published == "2025-03-03" and ex.published_evidence == "url"
    assert ex.removed, "what was dropped is reported"
    assert not ex.notes


def test_no_body() -> None:
    ex = extract_html("<html><head><title>Nothing here</title></head></html>")
    assert ex.text == ""
    assert ex.notes and ex.notes[0].startswith("NT201") and "no visible body text" in ex.notes[0]


def test_video_only_page() -> None:
    html = page(
        CHROME + '<div class="player"><video src="/clip.mp4" controls></video></div>'
        '<iframe src="https://www.youtube.com/embed/abc"></iframe><p>Watch: 2:31</p>' + FOOTER
    )
    ex = extract_html(html, "https://dailyplanet.example/video/123")
    assert ex.text == ""
    assert ex.notes == ["NT201: no article text found (video page)"]


def test_list_index_page() -> None:
    teasers = "".join(
        f"<div class='item'><h2><a href='/story/{i}'>Headline number {i} about the economy and trade</a></h2>"
        f"<p>A short summary of story {i}, which says what happened, where, and who said so to reporters.</p></div>"
        for i in range(8)
    )
    ex = extract_html(page(CHROME + f"<main>{teasers}</main>" + FOOTER), "https://dailyplanet.example/business/")
    assert ex.text == ""
    assert ex.notes == ["NT201: no article text found (list/index page: headlines with teasers)"]


def test_paywall_stub_is_partial() -> None:
    html = page(
        CHROME + f"<article><h1>Ministry denies report</h1><p>{PARA}</p>"
        "<div class='paywall-prompt'><p>Subscribe to continue reading.</p><p>Already a subscriber? Sign in</p></div>"
        "</article>" + FOOTER,
        head='<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ministry denies report",'
        '"isAccessibleForFree":false,"datePublished":"2025-03-03T08:00:00Z"}</script>',
    )
    ex = extract_html(html, "https://dailyplanet.example/grain")
    assert ex.text == PARA
    assert "NT201: partial article text (paywall stub)" in ex.notes
    assert ex.published == "2025-03-03T08:00:00+00:00" and ex.published_evidence == "json-ld:datePublished"


def test_non_english_page() -> None:
    de = (
        "Die Bundesregierung hat am Dienstag neue Regeln für den Export von Getreide beschlossen, wie ein Sprecher "
        "des Ministeriums in Berlin mitteilte. Die Händler reagierten zunächst zurückhaltend auf die Nachricht."
    )
    de2 = (
        "Nach Angaben des Verbandes sollen die Verträge mit den Abnehmern in Ägypten und der Türkei weiterhin "
        "erfüllt werden, obwohl die Kosten für die Versicherung der Schiffe deutlich gestiegen sind."
    )
    html = ("<html lang='de'><body><nav><a href='/'>Startseite</a></nav>"
            f"<div class='artikel-text'><p>{de}</p><p>{de2}</p><p>Weiterlesen</p></div></body></html>")
    ex = extract_html(html, "https://zeitung.example/wirtschaft/getreide")
    assert ex.text.splitlines() == [de, de2]
    assert ex.language == "de"


def test_mojibake_repaired() -> None:
    good = PARA.replace("Turkey", "Türkiye") + " Le ministère a démenti."
    broken = good.encode("utf-8").decode("latin-1")
    ex = extract_html(page(f"<article><p>{broken}</p><p>{PARA2}</p></article>"))
    assert good in ex.text
    assert "encoding repaired (mojibake)" in ex.notes


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "\x00\xff<<<>>>&&&;;;" * 1000,
        bytes(range(256)).decode("latin-1") * 50,
        "<p>abc <b>def <i>ghi",
        "<html><body><div>" + "<span>" * 3000 + "x",
        "<" * 5000,
    ],
)
def test_garbage_never_raises(html: str) -> None:
    ex = extract_html(html)
    assert isinstance(ex, Extracted)
    assert ex.text == "" and ex.notes, ex.text[:80]


def test_non_str_input() -> None:
    ex = extract_html(b"<p>bytes</p>")  # type: ignore[arg-type]
    assert ex.text == "" and ex.notes[0].startswith("NT109")


def test_deeply_nested_page_is_refused_fast() -> None:
    html = "<html><body>" + "<div>" * 10_000 + f"<p>{PARA}</p>" + "</div>" * 10_000 + "</body></html>"
    start = time.process_time()
    ex = extract_html(html)
    assert time.process_time() - start < 2.0  # a guard against quadratic parsing, not a speed benchmark
    assert ex.text == "" and ex.notes[0].startswith("NT203")


def test_huge_page_is_refused() -> None:
    html = "<html><body>" + f"<p>{PARA}</p>" * (MAX_HTML_CHARS // len(PARA) + 10) + "</body></html>"
    assert len(html) > 50_000_000 or len(html) > MAX_HTML_CHARS
    ex = extract_html(html)
    assert ex.text == "" and ex.notes[0].startswith("NT108")


def test_widget_date_is_not_publication_date() -> None:
    html = page(
        "<div class='topbar'><span>14°C</span><span>Tuesday, March 3, 2025</span></div>"
        f"<article><p class='dateline'>Posted on 12 May 2019</p><p>{PARA}</p><p>{PARA2}</p></article>"
    )
    ex = extract_html(html, "https://dailyplanet.example/grain", reference_date="2025-03-03")
    assert ex.published == "2019-05-12"
    assert ex.published_evidence == "byline"


@pytest.mark.parametrize("codec", ["windows-1250", "windows-1256"])
def test_page_decoded_as_latin1_is_redecoded_with_declared_charset(codec: str) -> None:
    body = {
        "windows-1250": "– To jest moment fundamentalny. Nie ma miejsca na kłótnie, apeluję do całej opozycji i rządu.",
        "windows-1256": "قالت الوزارة يوم الثلاثاء إن صادرات الحبوب مستمرة، وإن السفن ما زالت تغادر الميناء كالمعتاد.",
    }[codec]
    html = f'<html><head><meta charset="{codec}"></head><body><article><p>{body}</p><p>{body}</p></article></body></html>'
    broken = html.encode(codec).decode("latin-1")
    ex = extract_html(broken)
    assert body in ex.text
    assert f"encoding repaired (page declared {codec}, was decoded as Latin-1)" in ex.notes
