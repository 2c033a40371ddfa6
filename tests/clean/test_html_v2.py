"""html.v1 changes by html-2: teaser cards and teaser runs, <br>-block chrome lines, wire captions, the fallback's
repeat guard and htmldate's fast search as a last-resort date. Small pages we wrote, plus the labelled pages
these signals came from (../shared/data)."""
from __future__ import annotations

from newstrace.clean import html as H
from newstrace.clean.html import extract_html
from newstrace.clean.html_dates import htmldate_fast
from tests.clean.test_html import PARA, PARA2, PARA3, page

LONG = " ".join([PARA, PARA2])


def _card(i: int) -> str:
    return (
        f"<li><h5><a href='/story-{i}'>Other story number {i} about something</a></h5>"
        f"<div><a href='/author/{i}'>Writer {i}</a></div><div><time>Wednesday November 20, 2019</time></div>"
        f"<div>{PARA3} Item {i}.</div></li>"
    )


def test_teaser_cards_with_author_and_date_are_not_article_text() -> None:
    # Headline link, author link, date stamp, summary: a card pointing at another page.
    body = f"<div><article><p>{PARA}</p><p>{PARA2}</p></article><h2>More from us</h2><ul>" + "".join(
        _card(i) for i in range(4)
    ) + "</ul></div>"
    ex = extract_html(page(body))
    assert PARA in ex.text and PARA2 in ex.text
    assert "Item 0." not in ex.text and "Item 3." not in ex.text


def test_lead_after_date_under_a_category_link_is_kept() -> None:
    # A category link (not a heading) then a date then the lead: the article's own standfirst.
    body = (f"<div><p><a href='/topic'>Topic page link text here</a></p><p>January 2022</p>"
            f"<p>{PARA3}</p><p>{PARA}</p><p>{PARA2}</p></div>")
    ex = extract_html(page(body))
    assert PARA3 in ex.text


def _ticker(i: int) -> str:
    return f"<li><a href='/t{i}'>Headline number {i} of the ticker</a> NEW DELHI: {PARA3}</li>"


def test_ticker_run_beside_the_article_is_dropped() -> None:
    body = ("<div><h3>Breaking News</h3><ul>" + "".join(_ticker(i) for i in range(5)) + "</ul>"
            f"<h2>The story</h2><p>{PARA}</p><p>{PARA2}</p><p>{LONG}</p></div>")
    ex = extract_html(page(body))
    assert PARA in ex.text
    assert "ticker" not in ex.text
    assert any(r.reason == "count: teaser list" for r in ex.removed)


def test_list_of_linked_items_alone_is_the_article() -> None:
    # "10 things you need to know": every item opens with a link and there is no other paragraph.
    body = "<div><ul>" + "".join(_ticker(i) for i in range(5)) + "</ul></div>"
    ex = extract_html(page(body))
    assert "Headline number 0 of the ticker" in ex.text


def test_br_block_drops_published_line_but_keeps_text() -> None:
    # As a whole the block is neither a byline nor a "Published ..." line; its second line is.
    body = (f"<div class='s-data'>The Associated Press Television News<br>Published Monday, November 18, 2019 "
            f"8:22AM EST<br></div>"
            f"<div class='story'><p>{PARA}</p><p>{PARA2}<br>{PARA3}</p></div>")
    ex = extract_html(page(body))
    assert "Published Monday" not in ex.text
    assert PARA3 in ex.text


def test_wire_photo_caption_dropped() -> None:
    cap = ("In this Dec. 12, 2006, file photo, made available by NASA, astronauts work outside the station "
           "during construction. (NASA via AP, File)")
    body = f"<div><div class='image top'><p>{cap}</p></div><div><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></div></div>"
    ex = extract_html(page(body))
    assert "file photo" not in ex.text and PARA in ex.text


def test_repeat_share() -> None:
    assert H._repeat_share("") == 0.0
    assert H._repeat_share("a\nb\nc") == 0.0
    assert H._repeat_share("a\na\na\nb") == 0.5


def test_fallback_that_repeats_itself_is_rejected(monkeypatch) -> None:  # noqa: ANN001
    junk = "\n".join(["Title of page", "2019-11-19T08:57:40+01:00"] * 20)
    monkeypatch.setattr(H, "_fallback", lambda html, url: junk)
    ex = extract_html(page(f"<div><p>{PARA}</p></div>"))  # thin: the fallback runs
    assert "2019-11-19T08" not in ex.text
    assert not any(n.startswith("fallback") for n in ex.notes)


def test_htmldate_fast_finds_a_date_our_rules_missed() -> None:
    head = '<meta name="date" content="2019-05-02">'
    assert htmldate_fast(page("<p>x</p>", head), None) == ("2019-05-02", "htmldate", 0.4)


def test_htmldate_fast_rejects_crawl_day_and_future() -> None:
    head = '<meta name="date" content="2019-05-02">'
    assert htmldate_fast(page("<p>x</p>", head), None, reference_date="2019-05-02")[0] is None
    assert htmldate_fast(page("<p>x</p>", head), None, reference_date="2019-04-01")[0] is None
    assert htmldate_fast("<<<garbage", None) == (None, "", 0.0)


def test_strong_metadata_date_is_not_overridden() -> None:
    head = ('<meta property="article:published_time" content="2021-06-02T10:00:00Z">'
            '<meta name="date" content="2019-05-02">')
    ex = extract_html(page(f"<article><p>{PARA}</p><p>{PARA2}</p></article>", head))
    assert ex.published[:10] == "2021-06-02" and ex.published_evidence != "htmldate"


def test_embedded_post_in_social_embed_box_is_kept() -> None:
    tweet = ("<div class='social-media-embed'><blockquote class='twitter-tweet'><p>Yes this is real and yes the "
             "state spent nearly half a million dollars on it</p>— Jane Roe (@janeroe) November 18, 2019"
             "</blockquote></div>")
    share = "<div class='social-share'><a href='#'>Share on Facebook</a> <a href='#'>Tweet</a></div>"
    body = f"<article>{share}<p>{PARA}</p>{tweet}<p>{PARA2}</p><p>{PARA3}</p></article>"
    ex = extract_html(page(body))
    assert "half a million dollars" in ex.text
    assert "Share on Facebook" not in ex.text


def test_warm_up_loads_lazy_parts_and_never_raises() -> None:
    import sys

    H.warm_up()
    assert "trafilatura" in sys.modules and "htmldate" in sys.modules


def test_short_cjk_sentences_after_the_story_are_kept() -> None:
    # "。" ends a sentence: short Japanese sentences in the tail are text, not labels.
    body = (f"<div><p>{PARA}</p><p>{PARA2}</p><p>以下、その手順。</p><p>これでようやく元の操作性を取り戻せました。</p></div>")
    ex = extract_html(page(body))
    assert "これでようやく元の操作性を取り戻せました。" in ex.text


def test_linkless_list_after_the_story_is_kept_toolbar_labels_are_not() -> None:
    items = "".join(f"<li>Team number {i} (Group A): {i}th appearance</li>" for i in range(1, 6))
    toolbar = "<ul><li>Print</li><li>Permalink https://p.example/x</li></ul>"
    body = f"<div><p>{PARA}</p><p>{PARA2} Below are all the teams.</p><h3>Qualified teams</h3><ul>{items}</ul>{toolbar}</div>"
    ex = extract_html(page(body))
    assert "Team number 5 (Group A): 5th appearance" in ex.text
    assert "Permalink" not in ex.text and "Print" not in ex.text.split("\n")


def test_post_metadata_line_and_shortcodes_are_chrome() -> None:
    body = (f"<div><p>{PARA}</p><p>{PARA2}</p><div>05/10/2018 - Posted by: Jane Roe - Category: Health - Tags: "
            f"cars<br>{PARA3}</div><p>[button link=\"/submit\" type=\"big\"] Send us YOUR review[/button]</p></div>")
    ex = extract_html(page(body))
    assert PARA3 in ex.text
    assert "Posted by" not in ex.text and "[button" not in ex.text


def test_hover_card_inside_a_sentence_is_dropped_name_kept() -> None:
    card = ("<span class='people'><a href='/people/jane'>Jane Roe</a><span class='people-block'><img src='x.jpg'>"
            "<a href='/a1'>Hillicon Valley: an unrelated headline about funding</a> <a href='/a2'>Another unrelated "
            "headline</a></span></span>")
    body = f"<article><p>A man pleaded guilty to threatening Rep. {card} (D-Minn.), prosecutors said on Tuesday.</p><p>{PARA}</p><p>{PARA2}</p></article>"
    ex = extract_html(page(body))
    assert "threatening Rep. Jane Roe (D-Minn.)" in ex.text
    assert "Hillicon" not in ex.text


def test_embedded_post_attribution_after_the_story_is_kept() -> None:
    body = (f"<article><p>{PARA}</p><p>{PARA2}</p><blockquote><p>{PARA3}</p>— Jane Roe (@janeroe) "
            "November 19, 2019</blockquote></article>")
    ex = extract_html(page(body))
    assert "— Jane Roe (@janeroe) November 19, 2019" in ex.text
