"""html.v1 changes by html-3: the lead paragraph set apart above the container (deks are not), year-or-time
date lines, lead-in sentences ending in ':', long headings, label rows, <br> widgets, NFC and soft hyphens, and
date findings that are not publication dates. Small pages we wrote, plus labelled pages from ../shared/data
where the signal came from (checked against that page's own `with`/`without` snippets)."""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest

from newstrace.clean.dates import find_date_in_text, find_dates
from newstrace.clean.html import extract_html
from tests.clean.test_html import PARA, PARA2, PARA3, page
from tests.conftest import DATA, read_jsonl_gz

TRAF = DATA / "trafilatura-eval" / "trafilatura_eval_sample.jsonl.gz"
LEAD = (
    "The ministry's statement came after a week of reports from traders, shipping agents and port workers that "
    "grain had stopped moving, and it was meant to calm buyers, who had begun to look for other suppliers."
)
DEK = "The ministry says ships still leave the port; traders are not so sure."
# Link chrome between the headline block and the body, long enough that widening stops below it.
TAGS = "<div>" + " ".join(f"<a href='/t{i}'>Topic number {i}</a>" for i in range(30)) + "</div>"


def _header_page(lead: str) -> str:
    return page(
        f"<div><div class='head'><h1>Ministry denies report on grain exports</h1>{TAGS}<p>{lead}</p></div>"
        f"<div class='body'><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></div></div>"
    )


def test_lead_paragraph_between_headline_and_container_is_kept() -> None:
    ex = extract_html(_header_page(LEAD))
    assert ex.text.splitlines()[0] == LEAD
    assert PARA in ex.text and "Topic number" not in ex.text
    assert any(r.reason == "count: standfirst above container" for r in ex.removed)


def test_dek_under_headline_is_not_body_text() -> None:
    ex = extract_html(_header_page(DEK))
    assert DEK not in ex.text
    assert PARA in ex.text


def test_quantities_and_model_numbers_are_not_date_lines() -> None:
    body = (f"<article><p>{PARA}</p><ul><li>1 large or 1200 g whole chicken</li><li>Die Hardware für den XUM1541</li>"
            f"<li>Nov 15, 2019 5:45 AM</li></ul><p>{PARA2}</p><p>{PARA3}</p></article>")
    ex = extract_html(page(body))
    assert "1200 g whole chicken" in ex.text and "XUM1541" in ex.text
    assert "5:45 AM" not in ex.text


def test_lead_in_sentence_ending_in_colon_is_kept_after_the_story() -> None:
    body = (f"<article><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p><p>The full concept paper is available here:</p>"
            "<h3><a href='/paper.pdf'>Concept paper</a></h3><p>Tags:</p></article>")
    ex = extract_html(page(body))
    assert "The full concept paper is available here:" in ex.text
    assert "Tags:" not in ex.text


def test_heading_longer_than_a_dek_is_a_lead_not_an_orphan_heading() -> None:
    body = f"<article><h2>{LEAD}</h2><h6>Photo: Agency</h6><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></article>"
    ex = extract_html(page(body))
    assert LEAD in ex.text


def test_label_row_is_chrome_but_a_table_row_is_not_touched() -> None:
    body = (f"<article><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>"
            "<p>IMPRESSUM | DATENSCHUTZ | COPYRIGHT DAILY PLANET | A PLANET PROJECT</p></article>")
    ex = extract_html(page(body))
    assert "IMPRESSUM" not in ex.text
    assert any(r.reason == "count: label row" for r in ex.removed)


def test_br_widget_block_goes_with_its_labels() -> None:
    body = (f"<article><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>"
            "<div>War der Artikel nützlich?<br>(95 Stimmen: 4,73 von 5)<br>Loading...</div></article>")
    ex = extract_html(page(body))
    assert "nützlich" not in ex.text and "95 Stimmen" not in ex.text
    assert PARA3 in ex.text


def test_br_block_with_prose_keeps_the_prose_when_a_line_is_chrome() -> None:
    body = f"<article><p>{PARA}</p><div>{PARA2}<br>Loading...<br>{PARA3}</div></article>"
    ex = extract_html(page(body))
    assert PARA2 in ex.text and PARA3 in ex.text and "Loading" not in ex.text


def test_text_is_nfc_and_soft_hyphens_are_dropped() -> None:
    decomposed = unicodedata.normalize("NFD", "Die Bäckerei öffnet früh. ") * 6
    hyphenated = "Ann Kiess\u00adling hat viele wich\u00adti\u00adge Ent\u00adde\u00adckun\u00adgen gemacht. " * 3
    ex = extract_html(page(f"<article><p>{decomposed}</p><p>{hyphenated}</p><p>{PARA}</p></article>"))
    assert unicodedata.is_normalized("NFC", ex.text)
    assert "Bäckerei" in ex.text and "Ann Kiessling hat viele wichtige Entdeckungen" in ex.text


# ---- dates ------------------------------------------------------------------------------------------------


def test_quoted_post_date_is_not_the_articles() -> None:
    lines = ["— Hertha BSC (@HerthaBSC) June 1, 2017", "Some text", "— Michael Preetz (@michaelpreetz) July 21, 2017"]
    reasons = [r for _, _, r in find_dates(lines)]
    assert reasons == ["embedded post", "embedded post"]
    assert find_date_in_text(lines)[0] is None


def test_date_range_is_a_period_not_a_publication_day() -> None:
    lines = ["Tippspiel +++ KW 4 +++ 28.01.2022 – 29.01.2022", "— 2. Februar 2022"]
    assert find_date_in_text(lines)[0] == "2022-02-02"


def test_event_date_inside_a_sentence_is_rejected_dateline_is_not() -> None:
    event = "Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Cafe Hurricane statt."
    dateline = "BERLIN, 5. Februar 2020 (dpa) - Die Regierung hat am Dienstag neue Regeln für den Export beschlossen."
    assert [r for _, _, r in find_dates([event])] == ["inside prose"]
    assert find_date_in_text([event, dateline])[0] == "2020-02-05"
    assert find_date_in_text([event])[0] is None
    # A byline cue keeps the date even inside a sentence.
    assert find_date_in_text(["This story was published on March 3, 2025 by our staff in the capital."])[0] == "2025-03-03"


# ---- labelled pages the signals came from ------------------------------------------------------------------


@functools.cache
def _sample() -> dict[str, dict]:
    return {rec["url"]: rec for rec in read_jsonl_gz(TRAF)}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _found(url_part: str) -> tuple[list[bool], list[bool]]:
    rec = next(r for u, r in _sample().items() if url_part in u)
    out = _fold(extract_html(rec["html"], rec["url"]).text)
    return [_fold(s) in out for s in rec.get("with") or []], [_fold(s) in out for s in rec.get("without") or []]


@pytest.mark.parametrize("url_part", [
    "bund-naturschutz.de/pressemitteilungen/habeck",  # lead paragraph under the headline, outside the body
    "wiadomosci.gazeta.pl/wiadomosci/7,114883,27025667",  # the same in Polish
    "fdpbt.de/beendigung-epidemischen-lage",  # "Das Konzeptpapier finden Sie hier:" before a linked heading
    "djz.de/amoklauf-in-heidelberg",  # the lead set in <h2>, followed by a caption in <h6>
    "ukbdnews.com/2020/08/23646",  # Bengali stored decomposed
])
def test_labelled_pages_keep_their_text(shared_data: Path, url_part: str) -> None:
    with_found, without_found = _found(url_part)
    assert all(with_found), with_found
    assert not any(without_found), without_found


@pytest.mark.parametrize("url_part", [
    "changenow.de/andre-loibl",  # "IMPRESSUM | DATENSCHUTZ | COPYRIGHT ... | THIS IS A KANGA PROJECT"
    "aktion-hummelschutz.de/biologie/tote-hummeln",  # rating widget in a <br> block
])
def test_labelled_pages_drop_their_label_chrome(shared_data: Path, url_part: str) -> None:
    rec = next(r for u, r in _sample().items() if url_part in u)
    out = _fold(extract_html(rec["html"], rec["url"]).text)
    leaked = [s for s in rec.get("without") or [] if _fold(s) in out and ("|" in s or "?" in s or s.isupper())]
    assert not leaked, leaked


def test_author_box_after_the_story_is_dropped() -> None:
    head = "<meta name='author' content='Jane Doe'>"
    body = (f"<article><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>"
            "<p>Jane Doe is a senior reporter covering trade and shipping; she joined the paper in 2015.</p></article>")
    ex = extract_html(page(body, head))
    assert ex.authors == ["Jane Doe"]
    assert "senior reporter" not in ex.text and PARA3 in ex.text
    assert any(r.reason == "count: author bio" for r in ex.removed)


def test_author_named_at_the_start_of_the_story_is_kept() -> None:
    # Only the last lines are an author box; a story that opens with its author's name keeps it.
    head = "<meta name='author' content='Jane Doe'>"
    first = "Jane Doe visited the port on Monday, where ships were loading grain under the agreement."
    ex = extract_html(page(f"<article><p>{first}</p><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p></article>", head))
    assert first in ex.text


def test_short_paragraph_under_a_heading_is_its_content_not_an_orphan() -> None:
    # Q&A: heading, one-line answer, next heading ... the answers are the article.
    body = (f"<article><p>{PARA}</p><h3>Q: Favourite trip?</h3><p>A: Trip to Disney World</p>"
            f"<h3>Q: Favourite book?</h3><p>A: A Fistful of Rice</p><h3>Q: Last question?</h3><p>{PARA2}</p></article>")
    ex = extract_html(page(body))
    assert "A: Trip to Disney World" in ex.text and "A: A Fistful of Rice" in ex.text


def test_sentence_with_linked_names_is_prose_a_link_list_is_not() -> None:
    linked = ("<p>The <a href='/a'>Swedish investigation into the founder</a> had been shelved in 2017 but was "
              "<a href='/b'>re-opened earlier this year</a> after his eviction.</p>")
    links = "<p><a href='/c'>Port strike enters third week</a> <a href='/d'>Wheat prices at a low.</a></p>"
    ex = extract_html(page(f"<article><p>{PARA}</p>{linked}<p>{PARA2}</p>{links}<p>{PARA3}</p></article>"))
    assert "had been shelved in 2017" in ex.text
    assert "Port strike" not in ex.text


@pytest.mark.parametrize("prompt", [
    "Follow The Daily Planet on Twitter and Instagram @DailyPlanet and on Facebook @PlanetNews.",
    "For the latest stories and breaking news updates download the Daily Planet apps for iOS and Android.",
    "Folgen Sie uns auf Twitter und Facebook, um keine Meldung zu verpassen.",
    "If you enjoyed this article, we have a proposition for you: join our members' club today.",
    "Darum: Hilf mit und unterstütze unser Magazin mit einem kleinen Beitrag.",
])
def test_follow_and_app_prompts_are_chrome(prompt: str) -> None:
    ex = extract_html(page(f"<article><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p><p>{prompt}</p></article>"))
    assert prompt[:20] not in ex.text and PARA3 in ex.text


@pytest.mark.parametrize("note", [
    "Advertising disclosure: We may receive compensation for some of the links in our stories.",
    "Microsoft may earn an Affiliate Commission if you purchase something through recommended links in this article.",
    "Letzte Aktualisierung am 2.02.2022 / Bei den Verlinkungen handelt es sich um Affiliate Links",
])
def test_advertising_disclosures_are_chrome(note: str) -> None:
    ex = extract_html(page(f"<article><p>{PARA}</p><p>{note}</p><p>{PARA2}</p><p>{PARA3}</p></article>"))
    assert note[:25] not in ex.text and PARA2 in ex.text


def test_german_am_opening_an_event_sentence_is_not_a_byline() -> None:
    lines = ["19.10.2019 07:49 Uhr",
             "Am 22. Oktober 2019 erscheint die Platinum Edition des Spiels mit einer Menge neuer Inhalte."]
    assert find_date_in_text(lines) == ("2019-10-19", "text", 0.4)
    # As a byline "am" still marks the publication day.
    assert find_date_in_text(["Artikel von Anna Muster am 3. März 2025"])[1] == "byline"
