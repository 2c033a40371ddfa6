"""Metadata with evidence from JSON-LD, meta tags, <time> and URL; bylines into author lists."""
from __future__ import annotations

import gzip
import json

import pytest

from newstrace.clean.metadata import extract_metadata, outlet_from_url, parse_byline
from tests.conftest import DATA


def test_jsonld_wins_over_meta() -> None:
    html = """<html lang="en-GB"><head>
    <meta property="article:published_time" content="2020-01-02T00:00:00Z">
    <meta property="og:title" content="Grain exports halted">
    <script type="application/ld+json">{"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","name":"Daily Planet"},
      {"@type":"NewsArticle","headline":"Grain exports halted","datePublished":"2020-01-01T09:30:00+01:00",
       "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
       "publisher":{"@type":"Organization","name":"Daily Planet"}}]}</script></head><body></body></html>"""
    m = extract_metadata(html, "https://www.dailyplanet.example/x")
    assert m.published == "2020-01-01T09:30:00+01:00"
    assert m.published_evidence == "json-ld:datePublished"
    assert m.published_confidence >= 0.9
    assert m.authors == ["Jane Doe", "John Roe"]
    assert m.outlet == "Daily Planet"
    assert m.title == "Grain exports halted"
    assert m.language == "en"


def test_meta_then_time_then_url() -> None:
    m = extract_metadata('<meta name="pubdate" content="2018-10-05"><title>x</title>', "https://a.example/2017/01/01/x")
    assert (m.published, m.published_evidence) == ("2018-10-05", "meta:pubdate")
    m = extract_metadata('<body><time itemprop="datePublished" datetime="2018-10-06">Oct 6</time></body>', None)
    assert (m.published, m.published_evidence) == ("2018-10-06", "html:time[datePublished]")
    m = extract_metadata("<body><p>x</p></body>", "https://a.example/2017/01/02/x")
    assert (m.published, m.published_evidence, m.published_confidence) == ("2017-01-02", "url", 0.7)
    m = extract_metadata("<body><p>x</p></body>", "https://a.example/x")
    assert (m.published, m.published_evidence, m.published_confidence) == (None, None, 0.0)


def test_outlet_falls_back_to_domain() -> None:
    assert extract_metadata("<title>Story - Site</title>", "https://www.reuters.com/a").outlet == "reuters.com"
    assert outlet_from_url("m.example.org/x") == "example.org"
    assert outlet_from_url(None) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Staff", ["Staff"]),
        ("By Jane Doe and John Roe | Published June 2, 2021", ["Jane Doe", "John Roe"]),
        ("By TOM KRISHER, AP Auto Writer", ["TOM KRISHER", "AP Auto Writer"]),
        ("Von Anna Müller und Jan de Vries", ["Anna Müller", "Jan de Vries"]),
        ("By the way, prices rose sharply on Monday.", None),
        ("Bypass road closed", None),
        ("", None),
    ],
)
def test_parse_byline(line: str, expected: list[str] | None) -> None:
    assert parse_byline(line) == expected


def test_title_strips_site_suffix() -> None:
    m = extract_metadata('<meta property="og:site_name" content="Daily Planet"><title>Grain halted | Daily Planet</title>')
    assert m.title == "Grain halted"


def test_never_raises() -> None:
    for junk in ("", "<script type='application/ld+json'>{not json</script>", "\x00\xff" * 100, "<meta content>"):
        m = extract_metadata(junk, "::::")
        assert m.published is None


def test_aeb_pages_mostly_have_structured_dates() -> None:
    """On real news pages most dates come from JSON-LD or meta tags, and every date parses as ISO."""
    with gzip.open(DATA / "aeb" / "aeb.jsonl.gz", "rt", encoding="utf-8") as f:
        pages = [json.loads(line) for line in f][:60]
    metas = [extract_metadata(p["html"], p["url"]) for p in pages]
    structured = sum(1 for m in metas if m.published_evidence and m.published_evidence.split(":")[0] in {"json-ld", "meta"})
    assert structured >= 0.6 * len(pages)
    assert all(m.published is None or m.published[:4].isdigit() for m in metas)
    assert sum(1 for m in metas if m.outlet) == len(pages)
